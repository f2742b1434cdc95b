"""The exception tree of ``curl_cffi.requests.exceptions`` 0.17, name for name and base for
base, so that ``except`` clauses written for curl_cffi (or for requests) catch the same
failures:

```text
CurlError
 └── RequestException (also OSError)            .code: curl's error number, .response
      ├── ConnectionError
      │    ├── DNSError
      │    ├── SSLError
      │    │    └── CertificateVerifyError
      │    └── ConnectTimeout (also Timeout)
      ├── ProxyError
      ├── Timeout
      │    ├── ConnectTimeout
      │    └── ReadTimeout
      ├── HTTPError
      │    └── IncompleteRead
      ├── TooManyRedirects
      ├── InvalidURL (also ValueError)
      │    └── InvalidProxyURL
      ├── MissingSchema, InvalidSchema, InvalidHeader (also ValueError)
      ├── ChunkedEncodingError, ContentDecodingError
      ├── StreamConsumedError (also TypeError)
      ├── UnrewindableBodyError, RetryError, InterfaceError, URLRequired
      ├── CookieConflict, SessionClosed, ImpersonateError
      └── InvalidJSONError
           └── JSONDecodeError (also json.JSONDecodeError)
```

Every engine failure becomes one of these in exactly one place, `_from_native`, chosen by the
failure's kind (never by its message, except to tell apart what the engine files together as
"builder": a bad URL, a bad header, a bad profile).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, Optional, Union

from ..const import CurlECode
from ..curl import CurlError

if TYPE_CHECKING:
    from .. import _native
    from .models import Response

__all__ = [
    "CertificateVerifyError",
    "ChunkedEncodingError",
    "ConnectTimeout",
    "ConnectionError",
    "ContentDecodingError",
    "CookieConflict",
    "DNSError",
    "FileModeWarning",
    "HTTPError",
    "ImpersonateError",
    "IncompleteRead",
    "InterfaceError",
    "InvalidHeader",
    "InvalidJSONError",
    "InvalidProxyURL",
    "InvalidSchema",
    "InvalidURL",
    "JSONDecodeError",
    "MissingSchema",
    "ProxyError",
    "ReadTimeout",
    "RequestException",
    "RequestsDependencyWarning",
    "RequestsError",
    "RequestsWarning",
    "RetryError",
    "SSLError",
    "SessionClosed",
    "StreamConsumedError",
    "Timeout",
    "TooManyRedirects",
    "URLRequired",
    "UnrewindableBodyError",
]


class RequestException(CurlError, OSError):
    """Base of every error a request can end with. ``code`` is curl's error number for it
    (0 when curl has none), ``response`` the response when there was one (a body that failed
    while being read, a status that `raise_for_status` refused)."""

    def __init__(
        self,
        msg: str,
        code: Union[CurlECode, int] = 0,
        response: Optional[Response] = None,
        *args: Any,
        **kwargs: Any,
    ) -> None:
        super().__init__(msg, code, *args, **kwargs)
        self.response: Optional[Response] = response


#: curl_cffi 0.5's name for `RequestException`, still exported by ``curl_cffi.requests``.
RequestsError = RequestException


class CookieConflict(RequestException):
    """A cookie name matches cookies of several domains with different values; pass
    ``domain=`` to say which one."""


class SessionClosed(RequestException):
    """The session was closed: it sends no more requests."""


class ImpersonateError(RequestException):
    """The impersonation settings are wrong: an unknown profile name, a malformed JA3 or
    Akamai string, a fingerprint field mummer cannot shape."""


class InvalidJSONError(RequestException):
    """A JSON error occurred."""


class JSONDecodeError(InvalidJSONError, json.JSONDecodeError):
    """The body is not JSON (`Response.json`); also a `json.JSONDecodeError`."""

    def __init__(self, msg: str, doc: str, pos: int) -> None:
        json.JSONDecodeError.__init__(self, msg, doc, pos)
        self.code = 0
        self.response = None


class HTTPError(RequestException):
    """An HTTP error: a refused status (`raise_for_status`), or a failure of the HTTP layer."""


class IncompleteRead(HTTPError):
    """The body ended before it was complete: cut short of its Content-Length, its stream
    reset or the connection lost mid-way."""


class ConnectionError(RequestException):
    """The connection could not be made or was lost before a response arrived."""


class DNSError(ConnectionError):
    """The host name did not resolve."""


class ProxyError(RequestException):
    """The proxy could not be reached or refused the tunnel (``.code`` 56 for a CONNECT
    answered with an error status, 97 otherwise)."""


class SSLError(ConnectionError):
    """The TLS handshake failed."""


class CertificateVerifyError(SSLError):
    """The server's certificate did not verify."""


class Timeout(RequestException):
    """The request timed out."""


class ConnectTimeout(ConnectionError, Timeout):
    """Connecting (resolving, TCP, proxy tunnel, TLS handshake) took too long; the request
    was not sent, so it is safe to retry."""


class ReadTimeout(Timeout):
    """The server sent nothing for longer than the read timeout."""


class URLRequired(RequestException):
    """A valid URL is required to make a request."""


class TooManyRedirects(RequestException):
    """More redirects than ``max_redirects``."""


class MissingSchema(RequestException, ValueError):
    """The URL has no scheme."""


class InvalidSchema(RequestException, ValueError):
    """The URL's scheme is not http or https (or a redirect led to one that is not)."""


class InvalidURL(RequestException, ValueError):
    """The URL is not valid (or a redirect's Location is not)."""


class InvalidHeader(RequestException, ValueError):
    """A header name or value is not valid."""


class InvalidProxyURL(InvalidURL):
    """The proxy URL is not valid."""


class ChunkedEncodingError(RequestException):
    """The body's framing is broken (a bad chunk of a chunked body)."""


class ContentDecodingError(RequestException):
    """The body's Content-Encoding (gzip, br, zstd, deflate) did not decode."""


class StreamConsumedError(RequestException, TypeError):
    """The streamed body was already read (or the response closed)."""


class RetryError(RequestException):
    """Custom retries logic failed."""


class UnrewindableBodyError(RequestException):
    """The request body cannot be sent again (a streamed body, for a redirect or a retry)."""


class InterfaceError(RequestException):
    """The requested local interface or address could not be used."""


class RequestsWarning(Warning):
    """Base warning for Requests."""


class FileModeWarning(RequestsWarning, DeprecationWarning):
    """A file was opened in text mode, but Requests determined its binary length."""


class RequestsDependencyWarning(RequestsWarning):
    """An imported dependency doesn't match the expected version range."""


# What each engine failure kind (`_native.ERROR_KINDS`) becomes. Timeouts follow curl_cffi's
# tree: the connect phase is a ConnectTimeout, the wait for the next byte a ReadTimeout, the
# whole exchange's deadline the plain Timeout curl_cffi raises for curl's error 28.
_KIND_TO_CLASS: dict[str, type[RequestException]] = {
    "resolve": DNSError,
    "connect": ConnectionError,
    "tls": SSLError,
    "certificate": CertificateVerifyError,
    "proxy": ProxyError,
    "proxy_status": ProxyError,
    "timeout_connect": ConnectTimeout,
    "timeout_read": ReadTimeout,
    "timeout_total": Timeout,
    # Sending the request failed (curl 55): curl_cffi files it under ConnectionError.
    "request": ConnectionError,
    # The server broke HTTP (curl 8, "weird server reply").
    "protocol": ConnectionError,
    "body_truncated": IncompleteRead,
    "body_framing": ChunkedEncodingError,
    "body_reset": IncompleteRead,
    "body_goaway": IncompleteRead,
    "body_io": IncompleteRead,
    "decode": ContentDecodingError,
    "too_many_redirects": TooManyRedirects,
    "redirect_bad_location": InvalidURL,
    "redirect_scheme": InvalidSchema,
    # A redirect to a loopback/private address in safe mode (curl 3, as the engine reports it).
    "redirect_unsafe": InvalidURL,
    "not_replayable": UnrewindableBodyError,
    "closed": SessionClosed,
    "aborted": RequestException,
    "too_large": RequestException,
    "status": HTTPError,
    # WebSocket failures are raised as mummer.requests.websockets' classes; these are the
    # requests-style fallbacks for code that reaches them through _from_native.
    "ws_close_timeout": Timeout,
    "ws_handshake": ConnectionError,
    "ws_protocol": ConnectionError,
    "ws_abnormal": ConnectionError,
    "ws_cut": ConnectionError,
    "ws_closed": SessionClosed,
    "ws_send": RequestException,
    "ws_keepalive": Timeout,
    "runtime": RequestException,
    "panic": RequestException,
}

# "builder" covers everything wrong before a byte was sent; its message says which part.
# First match wins: files and the bridge's own option checks first, so that a path that
# happens to contain "url" or "port" is not taken for a bad URL.
_BUILDER_RULES: tuple[tuple[tuple[str, ...], type[RequestException]], ...] = (
    (("multipart form", "cannot read", "is not a file", "option "), RequestException),
    (("proxy url", "proxy credentials"), InvalidProxyURL),
    (("unsupported url scheme",), InvalidSchema),
    (("relative url without a base",), MissingSchema),
    (
        ("browser profile", "fingerprint overrides", "ja3 string", "akamai string"),
        ImpersonateError,
    ),
    (("header name", "header value"), InvalidHeader),
    (
        (
            "url",
            "empty host",
            "international domain",
            "port number",
            "ipv4 address",
            "ipv6 address",
            "domain character",
            "socks5",
        ),
        InvalidURL,
    ),
)


def _builder_class(message: str) -> type[RequestException]:
    text = message.lower()
    if text.startswith("profile "):  # a profile that failed validation after overrides
        return ImpersonateError
    for needles, cls in _BUILDER_RULES:
        if any(needle in text for needle in needles):
            return cls
    return RequestException


def _curl_code(code: int) -> Union[CurlECode, int]:
    try:
        return CurlECode(code)
    except ValueError:
        return code


def _from_native(err: _native.NativeError, response: Optional[Response] = None) -> RequestException:
    """The requests-compatible exception for an engine failure, with ``.code`` = curl's number
    for it and ``.response`` = `response`. The caller raises it ``from err``."""
    kind = err.kind
    if kind == "builder":
        cls = _builder_class(err.message)
    else:
        cls = _KIND_TO_CLASS.get(kind, RequestException)
    return cls(err.message, _curl_code(err.code), response)
