"""mummer: an HTTP client that looks like a browser on the wire and never loses a byte
silently, with the Python API of ``curl_cffi`` (``import mummer as curl_cffi`` is the idea).

```python
import mummer

r = mummer.get("https://example.com/", impersonate="chrome")
print(r.status_code, r.http_version)
```

`mummer.requests` holds the API (sessions, responses, headers, cookies, exceptions);
`mummer._native` is the Rust engine underneath. curl_cffi's libcurl layer (`Curl`,
`CurlOpt`, `ffi`, ...) has no counterpart here: importing one of its names raises an
`ImportError` that says what to use instead.
"""

from __future__ import annotations

import atexit
import os
from typing import TYPE_CHECKING

from . import _native
from ._unsupported import missing_name
from .const import CurlECode, CurlFollow, CurlHttpVersion, CurlSslVersion, CurlWsFlag
from .curl import CurlError
from .requests import (
    AsyncSession,
    AsyncWebSocket,
    BrowserType,
    BrowserTypeLiteral,
    Cookies,
    CookieTypes,
    ExtraFingerprints,
    Headers,
    HeaderTypes,
    ProxySpec,
    Request,
    Response,
    RetryStrategy,
    Session,
    WebSocket,
    WebSocketClosed,
    WebSocketError,
    WebSocketRetryStrategy,
    WebSocketTimeout,
    WsCloseCode,
    delete,
    exceptions,
    get,
    head,
    options,
    patch,
    post,
    put,
    request,
)
from .utils import config_warnings

__version__: str = _native.__version__

__all__ = [
    "AsyncSession",
    "AsyncWebSocket",
    "BrowserType",
    "BrowserTypeLiteral",
    "CookieTypes",
    "Cookies",
    "CurlECode",
    "CurlError",
    "CurlFollow",
    "CurlHttpVersion",
    "CurlSslVersion",
    "CurlWsFlag",
    "ExtraFingerprints",
    "HeaderTypes",
    "Headers",
    "ProxySpec",
    "Request",
    "Response",
    "RetryStrategy",
    "Session",
    "WebSocket",
    "WebSocketClosed",
    "WebSocketError",
    "WebSocketRetryStrategy",
    "WebSocketTimeout",
    "WsCloseCode",
    "config_warnings",
    "delete",
    "exceptions",
    "get",
    "head",
    "options",
    "patch",
    "post",
    "put",
    "request",
]

# As curl_cffi: its warnings are off until asked for.
config_warnings(on=False)

# The engine's runtime threads do not survive fork(); a child starts its own on first use.
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_native.after_fork)
atexit.register(_native.shutdown)

if not TYPE_CHECKING:  # hidden from type checkers, so that they flag these names as absent

    def __getattr__(name: str) -> object:
        raise missing_name(__name__, name)
