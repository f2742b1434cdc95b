"""WebSockets (RFC 6455 with permessage-deflate), curl_cffi's `WebSocket` and `AsyncWebSocket`
over mummer's engine: the upgrade goes out on a connection impersonating the session's browser
(its ClientHello and the browser's upgrade header order), with the session's proxies, cookies,
credentials and timeouts.

The engine does the protocol: framing, masking, answering pings, the close handshake, UTF-8
checks and size limits (a violation closes with 1002/1007/1009). Messages wait in a queue
bounded in bytes; when it is full the engine stops reading, so a slow reader holds the server
back instead of growing memory. A receive takes a whole message (or frame) from that queue and
returns at once when one is there; only an empty queue waits, async callers on the event loop's
wake descriptor (no thread and no task per message). A connection cut in the middle of a
message raises; a partial message is never returned as whole.

Differences from curl_cffi: the engine always answers the server's close frame (``autoclose``
is accepted, and a close is answered whatever its value); failed receives are not retried
(``ws_retry`` is accepted): a failure ends the connection, so there is nothing to retry on.
"""

from __future__ import annotations

import asyncio
import contextlib
import json as _json
import sys
import warnings
from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterator
from dataclasses import dataclass, field
from enum import IntEnum
from types import TracebackType
from typing import TYPE_CHECKING, Any, Optional, TypeVar, Union

from .. import _native, _wake
from ..const import CurlECode, CurlWsFlag
from ..curl import CurlError
from .exceptions import SessionClosed, Timeout, _from_native

if TYPE_CHECKING:
    from .session import Session

__all__ = [
    "AsyncWebSocket",
    "AsyncWebSocketContext",
    "CurlWsFrame",
    "WebSocket",
    "WebSocketClosed",
    "WebSocketError",
    "WebSocketRetryStrategy",
    "WebSocketTimeout",
    "WsCloseCode",
]

T = TypeVar("T")


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
    """A WebSocket failed. ``code``: the close code involved (1002, 1006, 1007, 1009, ...) or
    curl's error number."""

    def __init__(self, message: str, code: Union[WsCloseCode, CurlECode, int] = 0) -> None:
        super().__init__(message, code)


class WebSocketClosed(WebSocketError, SessionClosed):
    """The WebSocket is closed (``code``: its close code)."""

    # Set when the connection failed or ended in the middle of a message (not between
    # messages): iteration raises it instead of ending.
    _cut: bool = False


class WebSocketTimeout(WebSocketError, Timeout):
    """A WebSocket operation timed out."""


@dataclass
class WebSocketRetryStrategy:
    """curl_cffi's policy for retrying failed receives. Accepted for compatibility; mummer
    does not retry a receive: a failure ends the connection (see the module's notes)."""

    retry: bool = False
    delay: float = 0.3
    count: int = 3
    codes: set[CurlECode] = field(default_factory=lambda: {CurlECode.RECV_ERROR})


@dataclass
class CurlWsFrame:
    """What `recv_fragment` says about the frame it returns (libcurl's ``curl_ws_frame``):
    ``flags`` (`CurlWsFlag` bits: TEXT or BINARY, CONT while more of the message follows,
    CLOSE, PING, PONG), ``offset`` of this payload within its message, ``len`` of it, and
    ``bytesleft`` (always 0: a frame's payload is returned whole)."""

    flags: int
    offset: int = 0
    bytesleft: int = 0
    len: int = 0
    age: int = 0


OnOpenType = Callable[[Any], None]
OnCloseType = Callable[[Any, int, str], None]
OnDataType = Callable[[Any, bytes, CurlWsFrame], None]
OnMessageType = Callable[[Any, Union[bytes, str]], None]
OnErrorType = Callable[[Any, Exception], None]

_CLOSE = int(CurlWsFlag.CLOSE)
_TEXT = int(CurlWsFlag.TEXT)
_BINARY = int(CurlWsFlag.BINARY)
_CONT = int(CurlWsFlag.CONT)
_PING = int(CurlWsFlag.PING)
_PONG = int(CurlWsFlag.PONG)
_MAX_CLOSE_REASON = 123
_INVALID_UTF8 = "Invalid UTF-8 in a text message"

# Engine failures that are the WebSocket's own, by the kind the engine reports.
# "ws_abnormal": the connection ended between messages without a close frame; "ws_cut": it
# failed, or ended in the middle of a message. Both are close code 1006.
_ABNORMAL_KINDS = {"ws_abnormal", "ws_cut"}
_CLOSED_KINDS = {"ws_closed"} | _ABNORMAL_KINDS
_TIMEOUT_KINDS = {"ws_close_timeout", "timeout_read", "timeout_total", "ws_keepalive"}
_WS_KINDS = {"ws_handshake", "ws_protocol", "ws_send"}


def _ws_error(err: _native.NativeError) -> Exception:
    """The exception for an engine failure of a WebSocket operation."""
    kind = err.kind
    if kind in _CLOSED_KINDS:
        code = WsCloseCode.ABNORMAL_CLOSURE if kind in _ABNORMAL_KINDS else WsCloseCode.OK
        closed = WebSocketClosed(err.message, code)
        closed._cut = kind == "ws_cut"
        return closed
    if kind in _TIMEOUT_KINDS:
        return WebSocketTimeout(err.message, err.code or CurlECode.OPERATION_TIMEDOUT)
    if kind in _WS_KINDS:
        return WebSocketError(err.message, err.code)
    return _from_native(err)


def _payload_bytes(payload: Union[str, bytes, bytearray, memoryview]) -> bytes:
    if isinstance(payload, bytes):
        return payload
    if isinstance(payload, str):
        return payload.encode("utf-8")
    if isinstance(payload, (bytearray, memoryview)):
        return bytes(payload)
    raise TypeError(f"a WebSocket payload is str, bytes, bytearray or memoryview, not {payload!r}")


def _control_payload(payload: Union[str, bytes]) -> bytes:
    data = _payload_bytes(payload)
    if len(data) > 125:
        raise WebSocketError(
            f"a control frame's payload is at most 125 bytes, not {len(data)}",
            WsCloseCode.PROTOCOL_ERROR,
        )
    return data


def _close_reason(message: Union[str, bytes]) -> str:
    raw = message.encode("utf-8") if isinstance(message, str) else bytes(message)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise WebSocketError(
            "Close reason must be valid UTF-8 (RFC 6455 section 5.5.1)", WsCloseCode.INVALID_DATA
        ) from e
    if len(raw) > _MAX_CLOSE_REASON:
        text = raw[:_MAX_CLOSE_REASON].decode("utf-8", errors="ignore")
    return text


def _valid_close_code(code: int) -> int:
    code = int(code)
    if code in (1004, 1005, 1006, 1015) or not (1000 <= code <= 4999) or 1016 <= code <= 2999:
        raise WebSocketError(f"{code} may not be sent as a close code", WsCloseCode.PROTOCOL_ERROR)
    return code


def _ws_config(
    *,
    skip_utf8_validation: bool,
    max_message_size: int,
    extra: Optional[dict[str, Any]] = None,
) -> dict[str, Any]:
    config: dict[str, Any] = {
        "validate_utf8": not skip_utf8_validation,
        "max_message_size": int(max_message_size),
    }
    if extra:
        config.update(extra)
    return config


def _http_url(url: str) -> str:
    """ws/wss as http/https, for proxy selection and cookies (the engine takes either)."""
    lower = url[:6].lower()
    if lower.startswith("ws://"):
        return "http://" + url[5:]
    if lower.startswith("wss://"):
        return "https://" + url[6:]
    return url


class _Base:
    """State both kinds share: the engine's socket and the close handshake's outcome."""

    _native_ws: Optional[_native.WebSocket]

    def __init__(self, *, autoclose: bool, skip_utf8_validation: bool, max_message_size: int):
        self.autoclose = autoclose
        self.skip_utf8_validation = skip_utf8_validation
        self._max_message_size = max_message_size
        self._native_ws = None
        self._close_code: Optional[int] = None
        self._close_reason: Optional[str] = None
        self.closed = False
        self._sending_fragments = False

    @property
    def close_code(self) -> Optional[int]:
        """The server's close code, once its close frame arrived (or ours, after `close`)."""
        return self._close_code

    @property
    def close_reason(self) -> Optional[str]:
        """The server's close reason."""
        return self._close_reason

    @property
    def curl(self) -> Any:
        """curl_cffi's libcurl handle: mummer has none."""
        raise NotImplementedError("mummer has no libcurl handle: the engine is Rust")

    @property
    def protocol(self) -> Optional[str]:
        """The subprotocol the server chose (mummer's)."""
        return self._ws().protocol()

    def _ws(self) -> _native.WebSocket:
        ws = self._native_ws
        if ws is None:
            raise WebSocketClosed("the WebSocket is not connected", WsCloseCode.OK)
        return ws

    def _check_open(self) -> _native.WebSocket:
        if self.closed:
            raise WebSocketClosed("WebSocket is closed", self._close_code or WsCloseCode.OK)
        return self._ws()

    def _received(self, item: tuple[bytes, int, Optional[tuple[int, str]]]) -> tuple[bytes, int]:
        data, flags, close = item
        if flags & _CLOSE:
            if close is None:
                self._close_code, self._close_reason = WsCloseCode.UNKNOWN, ""
            else:
                self._close_code, self._close_reason = close
            self.closed = True
        return data, flags

    def _frame(self, data: bytes, flags: int, offset: int) -> CurlWsFrame:
        return CurlWsFrame(flags=flags, offset=offset, len=len(data))

    def _send_args(self, flags: int) -> tuple[bool, bool, bool, bool]:
        """(text, whole, start, last) for the engine, from curl's flags (CONT: more of this
        message follows)."""
        text = bool(flags & _TEXT)
        if flags & _CONT:
            start = not self._sending_fragments
            self._sending_fragments = True
            return text, False, start, False
        if self._sending_fragments:
            self._sending_fragments = False
            return text, False, False, True
        return text, True, True, True

    def _text(self, data: bytes, flags: int) -> str:
        if flags & _CLOSE:
            raise WebSocketClosed(
                f"Received close frame: {self._close_code} {self._close_reason}",
                self._close_code or WsCloseCode.OK,
            )
        if not flags & _TEXT:
            raise WebSocketError("Not a valid text frame", WsCloseCode.INVALID_DATA)
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError as e:
            raise WebSocketError(_INVALID_UTF8, WsCloseCode.INVALID_DATA) from e

    def __repr__(self) -> str:
        state = "closed" if self.closed else "open" if self._native_ws is not None else "new"
        url = self._native_ws.url() if self._native_ws is not None else ""
        return f"<{type(self).__name__} {state} {url}>"


class WebSocket(_Base):
    """A WebSocket used from blocking code (`Session.ws_connect`, or ``WebSocket().connect``).
    Receives and sends block without the GIL; one thread may receive while another sends."""

    def __init__(
        self,
        curl: Any = None,
        *,
        autoclose: bool = True,
        skip_utf8_validation: bool = False,
        debug: bool = False,
        on_open: Optional[OnOpenType] = None,
        on_close: Optional[OnCloseType] = None,
        on_data: Optional[OnDataType] = None,
        on_message: Optional[OnMessageType] = None,
        on_error: Optional[OnErrorType] = None,
        ws_retry: Optional[WebSocketRetryStrategy] = None,
        max_message_size: int = 4 * 1024 * 1024,
    ) -> None:
        super().__init__(
            autoclose=autoclose,
            skip_utf8_validation=skip_utf8_validation,
            max_message_size=max_message_size,
        )
        if curl is not None and not _is_not_set(curl):
            raise NotImplementedError("curl= is not supported: mummer has no libcurl handle")
        self.debug = debug
        self.ws_retry = ws_retry or WebSocketRetryStrategy()
        self._emitters: dict[str, Callable[..., object]] = {
            name: cb
            for name, cb in (
                ("open", on_open),
                ("close", on_close),
                ("data", on_data),
                ("message", on_message),
                ("error", on_error),
            )
            if cb is not None
        }
        self._session: Optional[Session[Any]] = None
        self._own_session = False
        self.keep_running = False

    # -- connecting -----------------------------------------------------------------------

    def connect(self, url: str, **kwargs: Any) -> WebSocket:
        """Opens the WebSocket; the keywords are `Session.ws_connect`'s request keywords (and
        ``base_url``, ``base_params``, ``base_proxies``, ``base_verify`` for a WebSocket made
        without a session). Returns self."""
        from .session import Session

        if self._native_ws is not None:
            raise WebSocketError("the WebSocket is connected already", CurlECode.FAILED_INIT)
        session = self._session
        if session is None:
            base = {
                "base_url": kwargs.pop("base_url", None),
                "params": kwargs.pop("base_params", None),
                "proxies": kwargs.pop("base_proxies", None),
                "verify": kwargs.pop("base_verify", True),
            }
            session = Session(**{k: v for k, v in base.items() if v is not None})
            self._session, self._own_session = session, True
        ws_extra = kwargs.pop("_ws_config", None)
        self._native_ws = session._ws_open(
            url,
            kwargs,
            _ws_config(
                skip_utf8_validation=self.skip_utf8_validation,
                max_message_size=self._max_message_size,
                extra=ws_extra,
            ),
        )
        return self

    # -- receiving ------------------------------------------------------------------------

    def _recv_raw(
        self, timeout: Optional[float], fragment: bool
    ) -> tuple[bytes, int, Optional[tuple[int, str]]]:
        ws = self._check_open()
        try:
            return ws.recv(timeout, fragment)
        except _native.NativeError as e:
            self._failed(e)
            raise _ws_error(e) from e

    def _failed(self, err: _native.NativeError) -> None:
        if err.kind in _CLOSED_KINDS or err.kind in _WS_KINDS or err.kind == "ws_keepalive":
            self.closed = True
            if self._close_code is None and err.kind in _ABNORMAL_KINDS:
                self._close_code = WsCloseCode.ABNORMAL_CLOSURE

    def recv(self, *, timeout: Optional[float] = None) -> tuple[bytes, int]:
        """The next whole message and its flags (`CurlWsFlag`: TEXT or BINARY; CLOSE with the
        close frame's payload when the server closed, after which `close_code` and
        `close_reason` are set). Raises `WebSocketTimeout` after `timeout` seconds,
        `WebSocketClosed` once closed, `WebSocketError` for a protocol violation."""
        return self._received(self._recv_raw(timeout, False))

    def recv_fragment(self) -> tuple[bytes, CurlWsFrame]:
        """The next frame as it arrived (pings and pongs included), with its `CurlWsFrame`."""
        data, flags = self._received(self._recv_raw(None, True))
        return data, self._frame(data, flags, 0)

    def recv_str(self, *, timeout: Optional[float] = None) -> str:
        """The next message as text (`WebSocketError` when it is binary)."""
        data, flags = self.recv(timeout=timeout)
        return self._text(data, flags)

    def recv_json(
        self, *, loads: Callable[[str], T] = _json.loads, timeout: Optional[float] = None
    ) -> T:
        """The next message, decoded by `loads`."""
        return loads(self.recv_str(timeout=timeout))

    def __iter__(self) -> Iterator[bytes]:
        if self.closed:
            raise WebSocketClosed("WebSocket is closed", self._close_code or WsCloseCode.OK)
        return self

    def __next__(self) -> bytes:
        try:
            data, flags = self.recv()
        except WebSocketClosed as e:
            # A connection that failed or ended mid-message is a failure, not the end: a loop
            # over the messages must not end as if the server had closed. One that ended
            # between messages without a close frame ends the loop, as in curl_cffi.
            if e._cut:
                raise
            raise StopIteration from None
        if flags & _CLOSE:
            raise StopIteration
        return data

    # -- sending --------------------------------------------------------------------------

    def send(
        self,
        payload: Union[str, bytes, bytearray, memoryview],
        flags: Union[CurlWsFlag, int] = CurlWsFlag.BINARY,
        *,
        timeout: Optional[float] = None,
    ) -> int:
        """Sends a message (``flags``: TEXT or BINARY; with CONT, a piece of a message whose
        last piece is sent without CONT; PING, PONG or CLOSE for those frames). Returns when
        it is written, up to `timeout` seconds, as libcurl's ``curl_ws_send``: nothing drives a
        sync WebSocket between calls. Returns the payload's length."""
        data = _payload_bytes(payload)
        flags = int(flags)
        if flags & _CLOSE:
            self.close(int.from_bytes(data[:2], "big") if len(data) >= 2 else 1000, data[2:])
            return len(data)
        if flags & (_PING | _PONG):
            self._control(data, bool(flags & _PONG))
            return len(data)
        ws = self._check_open()
        text, whole, start, last = self._send_args(flags)
        try:
            task = ws.send(data, text, whole, start, last)
            if task is not None:
                task.wait(timeout)
        except _native.NativeError as e:
            self._failed(e)
            raise _ws_error(e) from e
        return len(data)

    def send_binary(
        self, payload: Union[bytes, bytearray, memoryview], *, timeout: Optional[float] = None
    ) -> int:
        """Queues a binary message."""
        return self.send(payload, CurlWsFlag.BINARY, timeout=timeout)

    def send_bytes(
        self, payload: Union[bytes, bytearray, memoryview], *, timeout: Optional[float] = None
    ) -> int:
        """Queues a binary message."""
        return self.send(payload, CurlWsFlag.BINARY, timeout=timeout)

    def send_str(self, payload: str, *, timeout: Optional[float] = None) -> int:
        """Queues a text message."""
        return self.send(payload, CurlWsFlag.TEXT, timeout=timeout)

    def send_json(
        self,
        payload: object,
        *,
        dumps: Callable[..., Union[str, bytes]] = _json.dumps,
        timeout: Optional[float] = None,
    ) -> int:
        """Queues `payload` encoded by `dumps` as a text message."""
        return self.send(dumps(payload), CurlWsFlag.TEXT, timeout=timeout)

    def _control(self, data: bytes, pong: bool) -> None:
        ws = self._check_open()
        try:
            ws.ping(_control_payload(data), pong)
        except _native.NativeError as e:
            raise _ws_error(e) from e

    def ping(self, payload: Union[str, bytes] = b"", *, timeout: Optional[float] = None) -> int:
        """Sends a ping (the engine answers the server's pings by itself)."""
        data = _control_payload(payload)
        self._control(data, False)
        return len(data)

    def pong(self, payload: Union[str, bytes] = b"", *, timeout: Optional[float] = None) -> int:
        """Sends an unsolicited pong."""
        data = _control_payload(payload)
        self._control(data, True)
        return len(data)

    # -- closing --------------------------------------------------------------------------

    def close(
        self,
        code: Union[int, WsCloseCode] = WsCloseCode.OK,
        message: Union[str, bytes] = b"",
        timeout: float = 3.0,
    ) -> None:
        """The close handshake: sends a close frame with `code` and `message` (cut to 123
        bytes of UTF-8) after the queued messages and waits up to `timeout` seconds for the
        server's; then the connection is ended either way."""
        ws = self._native_ws
        if ws is None or self.closed:
            self.closed = True
            self._release()
            return
        reason = _close_reason(message)
        code = _valid_close_code(code)
        try:
            frame = ws.close(code, reason).wait(timeout)
            if isinstance(frame, tuple):
                self._close_code, self._close_reason = frame
            elif self._close_code is None:
                self._close_code, self._close_reason = code, reason
        except _native.NativeError:
            # No answer in time, or the connection was gone: it ends here all the same.
            if self._close_code is None:
                self._close_code, self._close_reason = code, reason
        finally:
            self.closed = True
            ws.terminate()
            self._release()

    def terminate(self) -> None:
        """Ends the connection now, without a close handshake."""
        self.closed = True
        if self._native_ws is not None:
            self._native_ws.terminate()
        self._release()

    def _release(self) -> None:
        if self._own_session and self._session is not None:
            self._session.close()
            self._own_session = False

    def __enter__(self) -> WebSocket:
        return self

    def __exit__(
        self,
        exc_type: Optional[type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        if exc_type is None:
            self.close()
        else:
            with contextlib.suppress(CurlError):
                self.close()

    # -- callbacks ------------------------------------------------------------------------

    def _emit(self, event: str, *args: Any) -> None:
        callback = self._emitters.get(event)
        if callback is None:
            return
        try:
            callback(self, *args)
        except Exception as e:
            on_error = self._emitters.get("error")
            if on_error is not None and event != "error":
                try:
                    on_error(self, e)
                except Exception as again:
                    warnings.warn(f"WebSocket 'on_error' callback failed: {again}", stacklevel=2)
            else:
                warnings.warn(f"WebSocket callback {event!r} failed: {e}", stacklevel=2)

    def run_forever(self, url: str = "", **kwargs: Any) -> None:
        """Connects (when `url` is given), then receives until the server closes, calling
        ``on_open``, ``on_data`` (each frame), ``on_message`` (each whole message; text as
        str), ``on_error`` and ``on_close``. The connection is always ended when it returns
        or raises."""
        if self.closed:
            raise WebSocketClosed("WebSocket connection is closed.", self._close_code or 1000)
        if url:
            self.connect(url, **kwargs)
        self._ws()
        self._emit("open")
        self.keep_running = True
        by_frame = "data" in self._emitters
        parts: list[bytes] = []
        offset = 0
        try:
            while self.keep_running:
                try:
                    if by_frame:
                        data, flags = self._received(self._recv_raw(None, True))
                        self._emit("data", data, self._frame(data, flags, offset))
                        if flags & (_TEXT | _BINARY):
                            parts.append(data)
                            offset += len(data)
                            if flags & _CONT:
                                continue
                            data = parts[0] if len(parts) == 1 else b"".join(parts)
                            parts.clear()
                            offset = 0
                    else:
                        data, flags = self.recv()
                except WebSocketClosed as e:
                    self.keep_running = False
                    if self._close_code is None:
                        self._close_code = WsCloseCode.ABNORMAL_CLOSURE
                    self._emit("error", e)
                    self._emit("close", self._close_code, self._close_reason or "")
                    raise
                except CurlError as e:
                    self.keep_running = False
                    self._emit("error", e)
                    self._emit("close", self._close_code or 1006, self._close_reason or "")
                    raise
                if flags & _CLOSE:
                    self.keep_running = False
                    self._emit("close", self._close_code or 0, self._close_reason or "")
                    break
                if flags & (_TEXT | _BINARY) and "message" in self._emitters:
                    if flags & _TEXT and not self.skip_utf8_validation:
                        self._emit("message", data.decode("utf-8", errors="replace"))
                    else:
                        self._emit("message", data)
        finally:
            self.keep_running = False
            self._end_run()

    def _end_run(self) -> None:
        if self.closed:
            self._release()
        else:
            self.terminate()


class AsyncWebSocket(_Base):
    """A WebSocket used from async code (`AsyncSession.ws_connect`), under asyncio, uvloop or
    trio. A receive returns at once when a message is queued and otherwise waits on the
    loop's wake descriptor; a send waits only when the engine's send queue is full."""

    def __init__(
        self,
        session: Any,
        native: _native.WebSocket,
        *,
        autoclose: bool = True,
        skip_utf8_validation: bool = False,
        debug: bool = False,
        recv_queue_size: int = 64,
        send_queue_size: int = 32,
        max_send_batch_size: int = 64,
        coalesce_frames: bool = False,
        ws_retry: Optional[WebSocketRetryStrategy] = None,
        recv_time_slice: float = 0.01,
        send_time_slice: float = 0.01,
        max_message_size: int = 4 * 1024 * 1024,
        drain_on_error: bool = False,
        block_on_recv_queue_full: bool = True,
    ) -> None:
        super().__init__(
            autoclose=autoclose,
            skip_utf8_validation=skip_utf8_validation,
            max_message_size=max_message_size,
        )
        self.session = session
        self.debug = debug
        self.ws_retry = ws_retry or WebSocketRetryStrategy()
        self._native_ws = native
        self._send_queue_size = send_queue_size
        self._recv_queue_size = recv_queue_size

    @property
    def loop(self) -> asyncio.AbstractEventLoop:
        """The running asyncio loop (curl_cffi's attribute)."""
        return asyncio.get_running_loop()

    @property
    def send_queue_size(self) -> int:
        """The send queue's size, as configured (the engine bounds it in bytes)."""
        return self._send_queue_size

    def is_alive(self) -> bool:
        """Whether the WebSocket is open (not closed, not failed)."""
        return not self.closed and self._native_ws is not None and not self._native_ws.is_closed()

    async def __aenter__(self) -> AsyncWebSocket:
        return self

    async def __aexit__(
        self,
        exc_type: Optional[type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        if exc_type is None:
            await self.close()
        else:
            with contextlib.suppress(CurlError):
                await self.close()

    def __aiter__(self) -> AsyncIterator[bytes]:
        if self.closed:
            raise WebSocketClosed("WebSocket is closed", self._close_code or WsCloseCode.OK)
        return self

    async def __anext__(self) -> bytes:
        try:
            data, flags = await self.recv()
        except WebSocketClosed as e:
            # As in `WebSocket.__next__`: a failed or cut connection raises.
            if e._cut:
                raise
            raise StopAsyncIteration from None
        if flags & _CLOSE:
            raise StopAsyncIteration
        return data

    # -- receiving ------------------------------------------------------------------------

    async def _recv_raw(self, fragment: bool) -> tuple[bytes, int, Optional[tuple[int, str]]]:
        ws = self._check_open()
        register: Callable[[_native.Waker, int], bool] = (
            (lambda w, t: ws.recv_wait(w, t, True)) if fragment else ws.recv_wait
        )
        try:
            while True:
                item = ws.try_recv(fragment)
                if item is not None:
                    return item
                if ws.looped:
                    # Its runtime is watched by the loop that opened it; a later loop on the
                    # same thread starts watching it here.
                    _wake.loop_driver()
                await _wake.wait(register)
        except _native.NativeError as e:
            if e.kind in _CLOSED_KINDS or e.kind in _WS_KINDS or e.kind == "ws_keepalive":
                self.closed = True
                if self._close_code is None and e.kind in _ABNORMAL_KINDS:
                    self._close_code = WsCloseCode.ABNORMAL_CLOSURE
            raise _ws_error(e) from e

    async def recv(self, *, timeout: Optional[float] = None) -> tuple[bytes, int]:
        """The next whole message and its flags (see `WebSocket.recv`)."""
        if timeout is None:
            return self._received(await self._recv_raw(False))
        return self._received(await _within(self._recv_raw(False), timeout))

    async def recv_fragment(self, *, timeout: Optional[float] = None) -> tuple[bytes, CurlWsFrame]:
        """The next frame as it arrived, with its `CurlWsFrame`."""
        data, flags = self._received(await _within(self._recv_raw(True), timeout))
        return data, self._frame(data, flags, 0)

    async def recv_str(self, *, timeout: Optional[float] = None) -> str:
        """The next message as text."""
        data, flags = await self.recv(timeout=timeout)
        return self._text(data, flags)

    async def recv_json(
        self, *, loads: Callable[[str], T] = _json.loads, timeout: Optional[float] = None
    ) -> T:
        """The next message, decoded by `loads`."""
        return loads(await self.recv_str(timeout=timeout))

    # -- sending --------------------------------------------------------------------------

    async def _run(self, task: _native.WsTask, timeout: Optional[float]) -> Any:
        async def finish() -> Any:
            looped = task.looped
            if looped:
                _wake.loop_driver()  # watched by this loop (see `_recv_raw`)
            while not task.done():  # a wake means "poll again"
                await _wake.wait(task.poll, looped)
            return task.result()

        try:
            return await _within(finish(), timeout)
        except BaseException:
            task.cancel()
            raise

    async def send(
        self,
        payload: Union[str, bytes, bytearray, memoryview],
        flags: Union[CurlWsFlag, int] = CurlWsFlag.BINARY,
        timeout: Optional[float] = None,
    ) -> None:
        """Queues a message (see `WebSocket.send`); waits only when the send queue is full."""
        ws = self._native_ws
        if (
            type(payload) is bytes
            and (flags is CurlWsFlag.BINARY or flags == _BINARY)
            and not self._sending_fragments
            and not self.closed
            and ws is not None
        ):
            # The common case, a whole binary message, without the general path's checks.
            await self._queue(ws, payload, (False, True, True, True), timeout)
            return
        data = _payload_bytes(payload)
        flags = int(flags)
        if flags & _CLOSE:
            await self.close(int.from_bytes(data[:2], "big") if len(data) >= 2 else 1000, data[2:])
            return
        if flags & (_PING | _PONG):
            self._control(data, bool(flags & _PONG))
            return
        await self._queue(self._check_open(), data, self._send_args(flags), timeout)

    async def _queue(
        self,
        ws: _native.WebSocket,
        data: bytes,
        args: tuple[bool, bool, bool, bool],
        timeout: Optional[float],
    ) -> None:
        """Hands `data` to the engine with `(text, whole, start, last)`; waits only for room."""
        try:
            task = ws.send(data, *args)
            if task is not None:
                await self._run(task, timeout)
        except _native.NativeError as e:
            raise _ws_error(e) from e

    async def send_binary(
        self, payload: Union[bytes, bytearray, memoryview], *, timeout: Optional[float] = None
    ) -> None:
        """Queues a binary message."""
        await self.send(payload, CurlWsFlag.BINARY, timeout)

    async def send_bytes(
        self, payload: Union[bytes, bytearray, memoryview], *, timeout: Optional[float] = None
    ) -> None:
        """Queues a binary message."""
        await self.send(payload, CurlWsFlag.BINARY, timeout)

    async def send_str(self, payload: str, *, timeout: Optional[float] = None) -> None:
        """Queues a text message."""
        await self.send(payload, CurlWsFlag.TEXT, timeout)

    async def send_json(
        self,
        payload: object,
        *,
        dumps: Callable[..., Union[str, bytes]] = _json.dumps,
        timeout: Optional[float] = None,
    ) -> None:
        """Queues `payload` encoded by `dumps` as a text message."""
        await self.send(dumps(payload), CurlWsFlag.TEXT, timeout)

    def _control(self, data: bytes, pong: bool) -> None:
        ws = self._check_open()
        try:
            ws.ping(_control_payload(data), pong)
        except _native.NativeError as e:
            raise _ws_error(e) from e

    async def ping(
        self, payload: Union[str, bytes] = b"", *, timeout: Optional[float] = None
    ) -> None:
        """Sends a ping."""
        self._control(_control_payload(payload), False)

    async def pong(
        self, payload: Union[str, bytes] = b"", *, timeout: Optional[float] = None
    ) -> None:
        """Sends an unsolicited pong."""
        self._control(_control_payload(payload), True)

    async def flush(self, timeout: Optional[float] = None) -> None:
        """Waits until every queued message is written to the connection."""
        ws = self._check_open()
        try:
            await self._run(ws.flush(), timeout)
        except _native.NativeError as e:
            raise _ws_error(e) from e

    # -- closing --------------------------------------------------------------------------

    async def close(
        self,
        code: Union[int, WsCloseCode] = WsCloseCode.OK,
        message: Union[str, bytes] = b"",
        timeout: float = 3.0,
    ) -> None:
        """The close handshake (see `WebSocket.close`)."""
        ws = self._native_ws
        if ws is None or self.closed:
            self.closed = True
            return
        reason = _close_reason(message)
        code = _valid_close_code(code)
        try:
            frame = await self._run(ws.close(code, reason), timeout)
            if isinstance(frame, tuple):
                self._close_code, self._close_reason = frame
            elif self._close_code is None:
                self._close_code, self._close_reason = code, reason
        except (_native.NativeError, WebSocketTimeout):
            if self._close_code is None:
                self._close_code, self._close_reason = code, reason
        finally:
            self.closed = True
            ws.terminate()

    def terminate(self) -> None:
        """Ends the connection now, without a close handshake."""
        self.closed = True
        if self._native_ws is not None:
            self._native_ws.terminate()


class AsyncWebSocketContext:
    """What `AsyncSession.ws_connect` returns: await it for the `AsyncWebSocket`, or use it as
    ``async with`` (closed on exit)."""

    def __init__(self, coro: Awaitable[AsyncWebSocket]) -> None:
        self._coro = coro
        self._ws: Optional[AsyncWebSocket] = None

    def __await__(self) -> Generator[Any, Any, AsyncWebSocket]:
        return self._coro.__await__()

    async def __aenter__(self) -> AsyncWebSocket:
        self._ws = await self._coro
        return self._ws

    async def __aexit__(
        self,
        exc_type: Optional[type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        if self._ws is not None:
            await self._ws.__aexit__(exc_type, exc, tb)


def _is_not_set(value: object) -> bool:
    return type(value).__name__ == "NotSetType"


async def _within(coro: Awaitable[T], timeout: Optional[float]) -> T:
    """`coro` with a limit of `timeout` seconds (None: none) under asyncio or trio; the
    limit raises `WebSocketTimeout`."""
    if timeout is None:
        return await coro
    trio = sys.modules.get("trio")
    if trio is not None:
        try:
            trio.lowlevel.current_task()
        except RuntimeError:
            trio = None
    if trio is not None:
        with trio.move_on_after(timeout):
            return await coro
        # Only the limit leaves the block without returning.
        raise WebSocketTimeout("WebSocket operation timed out", CurlECode.OPERATION_TIMEDOUT)
    try:
        return await asyncio.wait_for(coro, timeout)
    except asyncio.TimeoutError:
        raise WebSocketTimeout(
            "WebSocket operation timed out", CurlECode.OPERATION_TIMEDOUT
        ) from None
