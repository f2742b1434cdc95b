"""curl_cffi 0.5's error module, kept for code that still imports from it."""

from __future__ import annotations

from ..curl import CurlError
from .exceptions import CookieConflict, SessionClosed
from .exceptions import RequestException as RequestsError

__all__ = ["CookieConflict", "CurlError", "RequestsError", "SessionClosed"]
