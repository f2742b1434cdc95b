"""WebSockets: not implemented in mummer yet (a later release). The exception classes exist
now, with curl_cffi's bases, so that ``except`` clauses written for curl_cffi import and
work; `WebSocket` and `AsyncWebSocket` raise `NotImplementedError` when made."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum
from typing import Any, Union

from ..const import CurlECode
from ..curl import CurlError
from .exceptions import SessionClosed, Timeout

__all__ = [
    "AsyncWebSocket",
    "WebSocket",
    "WebSocketClosed",
    "WebSocketError",
    "WebSocketRetryStrategy",
    "WebSocketTimeout",
    "WsCloseCode",
]

_NOT_YET = "mummer does not implement WebSockets yet; they come in a later release"


class WsCloseCode(IntEnum):
    """WebSocket close codes (RFC 6455 section 7.4 and the IANA registry)."""

    OK = 1000
    GOING_AWAY = 1001
    PROTOCOL_ERROR = 1002
    UNSUPPORTED_DATA = 1003
    UNKNOWN = 1005
    ABNORMAL_CLOSURE = 1006
    INVALID_DATA = 1007
    POLICY_VIOLATION = 1008
    MESSAGE_TOO_BIG = 1009
    MANDATORY_EXTENSION = 1010
    INTERNAL_ERROR = 1011
    SERVICE_RESTART = 1012
    TRY_AGAIN_LATER = 1013
    BAD_GATEWAY = 1014
    TLS_HANDSHAKE = 1015
    UNAUTHORIZED = 3000
    FORBIDDEN = 3003
    TIMEOUT = 3008


class WebSocketError(CurlError):
    """A WebSocket failed."""

    def __init__(self, message: str, code: Union[WsCloseCode, CurlECode, int] = 0) -> None:
        super().__init__(message, code)


class WebSocketClosed(WebSocketError, SessionClosed):
    """The WebSocket is closed."""


class WebSocketTimeout(WebSocketError, Timeout):
    """A WebSocket operation timed out."""


@dataclass
class WebSocketRetryStrategy:
    """How failed WebSocket receives are retried (kept for curl_cffi code; unused until
    mummer has WebSockets)."""

    retry: bool = False
    delay: float = 0.3
    count: int = 3
    codes: set[CurlECode] = field(default_factory=lambda: {CurlECode.RECV_ERROR})


class WebSocket:
    """Not implemented in mummer yet."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        raise NotImplementedError(_NOT_YET)


class AsyncWebSocket:
    """Not implemented in mummer yet."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        raise NotImplementedError(_NOT_YET)
