"""``mummer.requests``: curl_cffi's ``curl_cffi.requests`` on mummer's engine.

```python
from mummer import requests

r = requests.get("https://example.com/", impersonate="chrome")
print(r.status_code, r.http_version, r.headers["content-type"])

with requests.Session(impersonate="firefox", timeout=10) as s:
    with s.stream("GET", "https://example.com/big") as r:
        for chunk in r.iter_content(chunk_size=65536):
            ...
```

The module functions (`get`, `post`, ...) each make a one-shot `Session`; keep a `Session`
for more than one request, to reuse its connections and cookies.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from .._unsupported import missing_name
from ..const import CurlWsFlag
from .cookies import Cookies, CookieTypes
from .errors import RequestsError
from .headers import Headers, HeaderTypes
from .impersonate import BrowserType, BrowserTypeLiteral, ExtraFingerprints
from .models import Request, Response
from .session import (
    AsyncSession,
    HttpMethod,
    ProxySpec,
    RequestParams,
    RetryStrategy,
    Session,
    ThreadType,
)
from .websockets import (
    AsyncWebSocket,
    WebSocket,
    WebSocketClosed,
    WebSocketError,
    WebSocketRetryStrategy,
    WebSocketTimeout,
    WsCloseCode,
)

if TYPE_CHECKING:
    from typing_extensions import Unpack

__all__ = [
    "AsyncSession",
    "AsyncWebSocket",
    "BrowserType",
    "BrowserTypeLiteral",
    "CookieTypes",
    "Cookies",
    "CurlWsFlag",
    "ExtraFingerprints",
    "HeaderTypes",
    "Headers",
    "ProxySpec",
    "Request",
    "RequestsError",
    "Response",
    "RetryStrategy",
    "Session",
    "WebSocket",
    "WebSocketClosed",
    "WebSocketError",
    "WebSocketRetryStrategy",
    "WebSocketTimeout",
    "WsCloseCode",
    "delete",
    "get",
    "head",
    "options",
    "patch",
    "post",
    "put",
    "request",
]


def request(
    method: HttpMethod,
    url: str,
    thread: Optional[ThreadType] = None,
    curl_options: Optional[dict[object, object]] = None,
    debug: Optional[bool] = None,
    **kwargs: Unpack[RequestParams],
) -> Response:
    """Sends one request with a one-shot session and returns its response.

    Arguments (all optional but `method` and `url`):
        params: query parameters (dict or pairs), added to the URL's.
        data: a form (dict or pairs, sent urlencoded) or a body (str, bytes, BytesIO).
        content: the body as str, bytes, a binary file, an iterable of bytes (streamed), or
            with `AsyncSession` an async iterable of bytes.
        json: a value sent as JSON (``Content-Type: application/json``).
        files: multipart files, requests-style: ``{"f": open(path, "rb")}`` or
            ``{"f": ("name.txt", data, "text/plain")}``; files on disk are streamed from it.
        headers, cookies: this request's own, over the session's.
        auth: (user, password) for HTTP Basic.
        timeout: seconds for the whole exchange, or (connect, read); None for none.
        allow_redirects: True, False, "safe" (no hops to private addresses) or a CurlFollow.
        max_redirects: hops at most (-1: unlimited).
        proxies / proxy / proxy_auth: a requests-style dict, or one proxy URL, and its Basic
            credentials; http://, https:// and socks5(h):// proxies.
        verify: False to skip certificate checks, or a CA bundle path.
        referer: the page the request comes from.
        accept_encoding: the Accept-Encoding offered (None: none added).
        content_callback: called with each body chunk instead of keeping the body.
        impersonate: a browser profile ("chrome", "firefox", "safari", "chrome_156", ...).
        ja3, akamai, extra_fp: fingerprint customisations over the profile.
        default_headers: False to send the profile's shape without its header values.
        default_encoding: the body's encoding when Content-Type names none (or a function
            of the body that returns one).
        quote: characters to percent-encode besides the usual, or False to send the URL as is.
        http_version: a CurlHttpVersion or "v1", "v2", "v2tls", "v2_prior_knowledge".
        interface: the local interface name or address to send from.
        cert: a client certificate: a PEM path, or (cert, key) paths.
        stream: True to read the body as it arrives (`Response.iter_content`).
        max_recv_speed: bytes per second at most (0: unlimited).
        discard_cookies: True to keep no cookie the response sets.
        resume: (mummer) how often to continue a body cut mid-way, by Range.

    `thread`, `curl_options`, `debug`, and the request arguments `perk`, `dns`, `doh_url`,
    `multipart` belong to libcurl: they accept only their defaults here.
    """
    with Session(thread=thread, curl_options=curl_options, debug=bool(debug)) as s:
        return s.request(method=method, url=url, **kwargs)


def head(url: str, **kwargs: Unpack[RequestParams]) -> Response:
    return request("HEAD", url, **kwargs)


def get(url: str, **kwargs: Unpack[RequestParams]) -> Response:
    return request("GET", url, **kwargs)


def post(url: str, **kwargs: Unpack[RequestParams]) -> Response:
    return request("POST", url, **kwargs)


def put(url: str, **kwargs: Unpack[RequestParams]) -> Response:
    return request("PUT", url, **kwargs)


def patch(url: str, **kwargs: Unpack[RequestParams]) -> Response:
    return request("PATCH", url, **kwargs)


def delete(url: str, **kwargs: Unpack[RequestParams]) -> Response:
    return request("DELETE", url, **kwargs)


def options(url: str, **kwargs: Unpack[RequestParams]) -> Response:
    return request("OPTIONS", url, **kwargs)


def trace(url: str, **kwargs: Unpack[RequestParams]) -> Response:
    return request("TRACE", url, **kwargs)


def query(url: str, **kwargs: Unpack[RequestParams]) -> Response:
    return request("QUERY", url, **kwargs)


if not TYPE_CHECKING:  # hidden from type checkers, so that they flag these names as absent

    def __getattr__(name: str) -> object:
        raise missing_name(__name__, name)
