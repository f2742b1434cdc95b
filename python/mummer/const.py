"""The numbers curl_cffi code passes around, with libcurl's values, so that code comparing
against them (``e.code == CurlECode.OPERATION_TIMEDOUT``, ``r.http_version == 3``) keeps
working. Only the enums mummer has a use for are here; the libcurl option tables (`CurlOpt`,
`CurlInfo`, ...) are not, and importing them says why.
"""

from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING

from ._unsupported import missing_name

__all__ = ["CurlECode", "CurlFollow", "CurlHttpVersion", "CurlSslVersion", "CurlWsFlag"]


class CurlECode(IntEnum):
    """libcurl's error numbers (``CURLcode``) that mummer's errors carry as ``.code``; the
    engine picks the same number curl would exit with for the same failure."""

    OK = 0
    UNSUPPORTED_PROTOCOL = 1
    FAILED_INIT = 2
    URL_MALFORMAT = 3
    COULDNT_RESOLVE_PROXY = 5
    COULDNT_RESOLVE_HOST = 6
    COULDNT_CONNECT = 7
    WEIRD_SERVER_REPLY = 8
    HTTP2 = 16
    PARTIAL_FILE = 18
    HTTP_RETURNED_ERROR = 22
    WRITE_ERROR = 23
    READ_ERROR = 26
    OUT_OF_MEMORY = 27
    OPERATION_TIMEDOUT = 28
    RANGE_ERROR = 33
    SSL_CONNECT_ERROR = 35
    BAD_DOWNLOAD_RESUME = 36
    ABORTED_BY_CALLBACK = 42
    BAD_FUNCTION_ARGUMENT = 43
    INTERFACE_FAILED = 45
    TOO_MANY_REDIRECTS = 47
    GOT_NOTHING = 52
    SEND_ERROR = 55
    RECV_ERROR = 56
    SSL_CERTPROBLEM = 58
    SSL_CIPHER = 59
    PEER_FAILED_VERIFICATION = 60
    BAD_CONTENT_ENCODING = 61
    FILESIZE_EXCEEDED = 63
    SEND_FAIL_REWIND = 65
    SSL_CACERT_BADFILE = 77
    HTTP2_STREAM = 92
    PROXY = 97
    SSL_CLIENTCERT = 98
    TOO_LARGE = 100


_VERSION_TEXT = {1: "HTTP/1.0", 2: "HTTP/1.1", 3: "HTTP/2", 4: "HTTP/2", 5: "HTTP/2"}


class CurlHttpVersion(IntEnum):
    """HTTP versions with libcurl's numbers (``CURL_HTTP_VERSION_*``).

    As a request option it limits what is negotiated; as ``Response.http_version`` it is what
    was used, and ``str()`` reads like the status line (``"HTTP/2"``)."""

    NONE = 0
    V1_0 = 1
    V1_1 = 2
    V2_0 = 3
    V2TLS = 4
    V2_PRIOR_KNOWLEDGE = 5
    V3 = 30
    V3ONLY = 31

    def __str__(self) -> str:
        if self.value >= CurlHttpVersion.V3:
            return "HTTP/3"
        return _VERSION_TEXT.get(self.value, "HTTP")

    def __format__(self, spec: str) -> str:
        # Python 3.11 formats an IntEnum as its number whatever __str__ says; keep f"{v}" and
        # str(v) the same, and number specs ("d", ">3") numeric.
        return str(self) if not spec else format(self.value, spec)


class CurlWsFlag(IntEnum):
    """WebSocket frame flags, libcurl's ``CURLWS_*`` bits."""

    TEXT = 1 << 0
    BINARY = 1 << 1
    CONT = 1 << 2
    CLOSE = 1 << 3
    PING = 1 << 4
    OFFSET = 1 << 5
    PONG = 1 << 6


class CurlFollow(IntEnum):
    """Redirect modes for ``allow_redirects`` (libcurl's ``CURLFOLLOW_*``, plus SAFE)."""

    ALL = 1
    OBEYCODE = 2
    FIRSTONLY = 3
    #: Follow, but never to a loopback, private or link-local address.
    SAFE = 4


class CurlSslVersion(IntEnum):
    """TLS versions with libcurl's numbers, for ``ExtraFingerprints.tls_min_version``."""

    DEFAULT = 0
    TLSv1 = 1
    SSLv2 = 2
    SSLv3 = 3
    TLSv1_0 = 4
    TLSv1_1 = 5
    TLSv1_2 = 6
    TLSv1_3 = 7
    MAX_DEFAULT = 1 << 16


if not TYPE_CHECKING:  # hidden from type checkers, so that they flag these names as absent

    def __getattr__(name: str) -> object:
        raise missing_name(__name__, name)
