"""`CurlError`, the root of every error mummer raises, where curl_cffi code imports it from
(``from curl_cffi.curl import CurlError``). The libcurl handle classes of curl_cffi's module
(`Curl`, `CurlMime`, `CurlShare`, ...) are not here: importing them says what to use instead.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._unsupported import missing_name

__all__ = ["CurlError"]


class CurlError(Exception):
    """Base of every mummer error. ``code`` is curl's error number for the failure (a
    `mummer.CurlECode` when it is one of those, 0 when there is none)."""

    def __init__(self, msg: str, code: int = 0, *args: Any, **kwargs: Any) -> None:
        super().__init__(msg, *args, **kwargs)
        self.code: int = code


if not TYPE_CHECKING:  # hidden from type checkers, so that they flag these names as absent

    def __getattr__(name: str) -> object:
        raise missing_name(__name__, name)
