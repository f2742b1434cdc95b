"""`Request` and `Response`, with curl_cffi's attributes and methods.

A `Response` is filled from the engine's response (`_native.Response`), which outlives the
session: a response received before `Session.close()` stays readable after it.

A streamed response (``stream=True``) reads its body from the engine's bounded queue: each
``iter_content`` chunk is taken as it is needed, so a slow reader holds the server back
instead of filling memory. The body ends in exactly one way, complete or with the error that
says why (truncated, reset, timed out, undecodable), raised from the iterator; nothing turns a
failure into a clean short end.
"""

from __future__ import annotations

import codecs
import contextlib
import os
import re
import sys
import warnings
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from datetime import timedelta
from json import JSONDecodeError as _StdlibJSONDecodeError
from json import loads as _json_loads
from types import FrameType, TracebackType
from typing import TYPE_CHECKING, Any, AnyStr, Generic, Literal, Optional, TypeVar, Union, overload
from urllib.parse import urljoin

from .. import _native, _wake
from ..const import CurlHttpVersion
from ..utils import MummerWarning
from .cookies import Cookies
from .exceptions import HTTPError, JSONDecodeError, StreamConsumedError, _from_native
from .headers import Headers

if TYPE_CHECKING:
    from typing_extensions import Self

__all__ = ["Request", "Response"]

_CHARSET = re.compile(r"""charset\s*=\s*["']?([\w.:-]+)["']?""", re.IGNORECASE)
# Encodings json.loads reads from bytes by itself (RFC 8259 section 8.1 and its BOM rules).
_JSON_BYTES_ENCODINGS = frozenset(
    {"utf-8", "utf8", "utf-8-sig", "utf-16", "utf16", "utf-16-be", "utf-16-le", "utf-16be"}
    | {"utf-16le", "utf-32", "utf32", "utf-32-be", "utf-32-le", "utf-32be", "utf-32le"}
)
_REDIRECT_STATUSES = (301, 302, 303, 307, 308)
_T = TypeVar("_T")
#: The most a chunk holds when no chunk_size is given: whatever is queued, up to this.
_MAX_CHUNK = 256 * 1024
_HTTP_VERSIONS = {
    "1.0": CurlHttpVersion.V1_0,
    "1.1": CurlHttpVersion.V1_1,
    "2": CurlHttpVersion.V2_0,
}

DefaultEncoding = Union[str, Callable[[bytes], str]]


class _ContentConsumed(StreamConsumedError, RuntimeError):
    """`.content` of a streamed body already read by iteration (requests raises RuntimeError,
    curl_cffi's tree has StreamConsumedError: this is both)."""


class Request:
    """The request as it was finally sent (after redirects): url, method, the header fields
    exactly as sent, and the body when it was bytes."""

    def __init__(
        self, url: str, headers: Headers, method: str, body: Optional[bytes] = None
    ) -> None:
        self.url = url
        self.headers = headers
        self.method = method
        self.body = body

    def __repr__(self) -> str:
        return f"<Request [{self.method}]>"


class _Lazy(Generic[_T]):
    """An attribute made on first read from the engine's response (`Response._native`), or a
    default for a Response made by hand; assigning it replaces it (a non-data descriptor:
    the instance's own value, once there, wins)."""

    def __init__(self, make: Callable[[Response, Optional[_native.Response]], _T]) -> None:
        self.make = make
        self.name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    @overload
    def __get__(self, obj: None, owner: type) -> _Lazy[_T]: ...
    @overload
    def __get__(self, obj: Response, owner: type) -> _T: ...
    def __get__(self, obj: Optional[Response], owner: type) -> Union[_T, _Lazy[_T]]:
        if obj is None:
            return self
        value = self.make(obj, obj._native)
        obj.__dict__[self.name] = value
        return value


_LAZY = ("headers", "cookies", "elapsed", "request", "request_size", "history", "redirect_url")


def _lazy_headers(rsp: Response, n: Optional[_native.Response]) -> Headers:
    return Headers._from_text_pairs(n.headers) if n is not None else Headers()


def _lazy_cookies(rsp: Response, n: Optional[_native.Response]) -> Cookies:
    return Cookies._of(n.cookies) if n is not None else Cookies()


def _lazy_elapsed(rsp: Response, n: Optional[_native.Response]) -> timedelta:
    return timedelta(seconds=n.elapsed) if n is not None else timedelta()


def _lazy_request(rsp: Response, n: Optional[_native.Response]) -> Optional[Request]:
    if n is None:
        return None
    headers = Headers._from_text_pairs(n.request_headers)
    return Request(n.url, headers, n.request_method, rsp._request_body)


def _lazy_request_size(rsp: Response, n: Optional[_native.Response]) -> int:
    request = rsp.request
    if n is None or request is None:
        return 0
    return _request_size(n.request_method, n.url, request.headers) + rsp.upload_size


def _lazy_history(rsp: Response, n: Optional[_native.Response]) -> list[Response]:
    if n is None:
        return []
    return [_hop(hop, rsp.default_encoding, rsp._response_class) for hop in n.history]


def _lazy_redirect_url(rsp: Response, n: Optional[_native.Response]) -> str:
    return _redirect_url(rsp) if n is not None else ""


class Response:
    """What the server sent.

    Attributes:
        url: the final URL (after redirects).
        status_code, reason, ok: the status, its reason phrase, ``200 <= status < 400``.
        headers: the final response's fields, with the server's spelling and order.
        cookies: the cookies this response set (the session's jar has them too).
        content, text, encoding: the body (see `iter_content` for streamed bodies).
        elapsed: a `timedelta` from sending to the end of the head (to the end of the body
            when it was not streamed).
        history: one `Response` per redirect hop (no body), in order.
        redirect_count, redirect_url: hops followed; where the final redirect pointed, if
            it was not followed.
        http_version: a `CurlHttpVersion` (libcurl's numbers; ``str()`` is "HTTP/2").
        primary_ip, primary_port, local_ip, local_port: the connection's addresses.
        header_size, download_size, upload_size, request_size, response_size: byte counts
            (see the notes on each; some are estimates, mummer's engine counts differently).
        retries, resumes: how often the engine retried the request and resumed the body
            (mummer's own).
        close_notify_missing: the body was delimited by the connection's end and the server
            closed TLS without close_notify, so that end cannot be told from a cut (set once
            the body ended; a `MummerWarning` says so too, as curl warns). mummer's own.
    """

    headers = _Lazy(_lazy_headers)
    cookies = _Lazy(_lazy_cookies)
    elapsed = _Lazy(_lazy_elapsed)
    request = _Lazy(_lazy_request)
    #: An estimate: the final request's head as HTTP/1.1 would write it, plus its body.
    request_size = _Lazy(_lazy_request_size)
    history = _Lazy(_lazy_history)
    redirect_url = _Lazy(_lazy_redirect_url)

    def __init__(self, curl: None = None, request: Optional[Request] = None) -> None:
        if curl is not None:
            raise TypeError("mummer has no libcurl: a Response takes no curl handle")
        self.curl = None
        # `headers`, `cookies`, `elapsed`, `request`, `request_size`, `history` and
        # `redirect_url` are made from the engine's response on first use (see `_Lazy`): most
        # programs read a few of them, and making all of them cost more than the request.
        self._native: Optional[_native.Response] = None
        self._request_body: Optional[bytes] = None
        self._response_class: type[Response] = Response
        if request is not None:
            self.request = request
        self.url = ""
        self.status_code = 200
        self.reason = "OK"
        self.ok = True
        self.default_encoding: DefaultEncoding = "utf-8"
        self.redirect_count = 0
        self.http_version: int = CurlHttpVersion.NONE
        self.primary_ip = ""
        self.primary_port = 0
        self.local_ip = ""
        self.local_port = 0
        self.infos: dict[str, Any] = {}
        #: Body bytes as received (before decoding); grows while a stream is read.
        self.download_size = 0
        #: Request body bytes handed to the engine (0 for multipart forms, unknown here).
        self.upload_size = 0
        #: The final response head's size in bytes.
        self.header_size = 0
        #: ``download_size + header_size``, as curl_cffi defines it.
        self.response_size = 0
        self.retries = 0
        self.resumes = 0
        self.close_notify_missing = False
        self._content: Optional[bytes] = b""
        self._stream: Optional[_native.Stream] = None
        # unread -> reading -> done | closed; "failed" when the body raised (reads raise again)
        self._stream_state = "done"
        self._on_finish: Optional[Callable[[], None]] = None

    # -- the body -------------------------------------------------------------------------

    @property
    def content(self) -> bytes:
        """The whole body. For a streamed response it is read on first access (blocking; in
        async code use ``await acontent()``); once iteration has taken part of it, it is gone
        and this raises `StreamConsumedError` (a RuntimeError too, as in requests)."""
        if self._content is not None:
            return self._content
        if self._stream_state in ("reading", "done", "closed"):
            raise _ContentConsumed("The content for this response was already consumed", 0, self)
        self._content = b"".join(self._iter_raw(None))
        return self._content

    @content.setter
    def content(self, value: bytes) -> None:
        self._content = value

    @property
    def encoding(self) -> str:
        """How `text` decodes the body: as set, else the Content-Type charset, else
        `default_encoding` (a name, or a function of the body that returns one)."""
        encoding = getattr(self, "_encoding", None)
        if encoding is not None:
            return str(encoding)
        found = self.charset_encoding
        if found is None and isinstance(self.default_encoding, str):
            found = self.default_encoding
        elif found is None and callable(self.default_encoding):
            if self._content is None:
                return "utf-8"  # a body not read yet: do not read it to guess
            found = self.default_encoding(self._content)
        self._encoding = found or "utf-8"
        return self._encoding

    @encoding.setter
    def encoding(self, value: str) -> None:
        if hasattr(self, "_text"):
            raise ValueError("Cannot set encoding after text has been accessed")
        self._encoding = value

    @property
    def charset(self) -> str:
        """Alias of `encoding`."""
        return self.encoding

    @property
    def charset_encoding(self) -> Optional[str]:
        """The charset the Content-Type header names, if any."""
        content_type = self.headers.get("Content-Type")
        if not content_type:
            return None
        match = _CHARSET.search(content_type)
        return match.group(1) if match else None

    @property
    def text(self) -> str:
        """The body decoded with `encoding` (undecodable bytes replaced)."""
        text: Optional[str] = getattr(self, "_text", None)
        if text is None:
            text = self._decode(self.content) if self.content else ""
            self._text = text
        return text

    def _decode(self, content: bytes) -> str:
        try:
            return content.decode(self.encoding, errors="replace")
        except LookupError:  # an encoding Python does not know
            return content.decode("utf-8-sig", errors="replace")

    def json(self, *, path: Optional[str] = None, default: Any = None, **kw: Any) -> Any:
        """The body parsed as JSON; `kw` goes to `json.loads`.

        `path` selects the first match of a JSONPath expression (needs the ``jsonpath-ng``
        package); `default` is returned when it matches nothing. A body that is not JSON
        raises `JSONDecodeError` (a `json.JSONDecodeError` too)."""
        charset = self.charset_encoding
        document: Union[str, bytes] = self.content
        if charset is not None and charset.lower().replace("_", "-") not in _JSON_BYTES_ENCODINGS:
            document = self.text
        try:
            data = _json_loads(document, **kw)
        except _StdlibJSONDecodeError as e:
            raise JSONDecodeError(e.msg, e.doc, e.pos) from e
        if path is None:
            return data
        return _json_path(data, path, default)

    def markdown(self) -> str:
        """The main content of an HTML page as Markdown (needs the ``readability-lxml`` and
        ``markdownify`` packages)."""
        try:
            import readability  # type: ignore[import-not-found, unused-ignore]
            from markdownify import markdownify  # type: ignore[import-not-found, unused-ignore]
        except ImportError as e:
            raise ImportError(
                "Response.markdown() needs the readability-lxml and markdownify packages"
            ) from e
        doc = readability.Document(self.content)
        html = f"<h1>{doc.title()}</h1><main>{doc.summary(html_partial=True)}</main>"
        return str(markdownify(html))

    # -- status ---------------------------------------------------------------------------

    def raise_for_status(self) -> None:
        """Raises `HTTPError` (with ``.response``) unless ``200 <= status_code < 400``."""
        if not self.ok:
            raise HTTPError(f"HTTP Error {self.status_code}: {self.reason}", 0, self)

    @property
    def is_redirect(self) -> bool:
        """A redirect status with a Location."""
        return "location" in self.headers and self.status_code in _REDIRECT_STATUSES

    # -- streaming ------------------------------------------------------------------------

    def _claim_stream(self) -> _native.Stream:
        stream = self._stream
        if stream is None or self._stream_state in ("done", "closed"):
            raise StreamConsumedError(
                "the response body was already read"
                if self._stream_state == "done"
                else "the response was closed",
                0,
                self,
            )
        if self._stream_state == "unread":
            self._stream_state = "reading"
        return stream

    def _finish(self, state: str) -> None:
        # Once per body: a second iterator reaching the same end finds it "done" already.
        warn = False
        if self._stream is not None:
            try:
                self.download_size = self._stream.raw_bytes
                self.resumes = self._stream.resumes
                if state == "done" and self._stream_state != "done":
                    warn = self.close_notify_missing = self._stream.close_notify_missing
            except _native.NativeError:
                pass  # a stream from before os.fork(): the child cannot read its counters
            self.response_size = self.download_size + self.header_size
        self._stream_state = state
        on_finish, self._on_finish = self._on_finish, None
        if on_finish is not None:
            on_finish()
        # Last: a warning filter that raises must not leave the response half finished.
        if warn:
            _warn_close_notify(self.url)

    def _iter_raw(self, chunk_size: Optional[int]) -> Iterator[bytes]:
        if self._stream is None:
            content = self.content
            step = chunk_size or len(content) or 1
            for start in range(0, len(content), step):
                yield content[start : start + step]
            return
        stream = self._claim_stream()
        max_bytes, min_bytes = _read_sizes(chunk_size)
        while True:
            try:
                chunk = stream.read_blocking(max_bytes, min_bytes)
            except _native.NativeError as e:
                raise self._read_failed(e) from e
            if not chunk:
                self._finish("done")
                return
            yield chunk

    def _read_failed(self, e: _native.NativeError) -> Exception:
        """The error a failed body read raises. A response closed while an iterator was
        still open is not a failed body: reading it raises `StreamConsumedError`, as after
        any `close`, and it stays closed."""
        if self._stream_state == "closed":
            return StreamConsumedError("the response was closed", 0, self)
        self._finish("failed")
        return _from_native(e, self)

    async def _aiter_raw(self, chunk_size: Optional[int]) -> AsyncIterator[bytes]:
        if self._stream is None:
            for whole in self._iter_raw(chunk_size):
                yield whole
            return
        stream = self._claim_stream()
        max_bytes, min_bytes = _read_sizes(chunk_size)

        def register(waker: _native.Waker, token: int) -> bool:
            return stream.wait(waker, token, min_bytes)

        while True:
            try:
                # A chunk already queued is taken without suspending; only an empty queue
                # waits for the engine's wake-up.
                chunk = stream.read(max_bytes, min_bytes)
                if chunk is None:
                    await _wake.wait(register)
                    continue
            except _native.NativeError as e:
                raise self._read_failed(e) from e
            if not chunk:
                self._finish("done")
                return
            yield chunk

    def _text_encoding(self) -> str:
        # For incremental decoding: never reads the body to guess.
        explicit = getattr(self, "_encoding", None)
        if explicit is not None:
            return str(explicit)
        found = self.charset_encoding
        if found is None and isinstance(self.default_encoding, str):
            found = self.default_encoding
        return found or "utf-8"

    @overload
    def iter_content(
        self, chunk_size: Optional[int] = None, decode_unicode: Literal[False] = False
    ) -> Iterator[bytes]: ...
    @overload
    def iter_content(
        self, chunk_size: Optional[int], decode_unicode: Literal[True]
    ) -> Iterator[str]: ...
    @overload
    def iter_content(
        self, chunk_size: Optional[int] = None, *, decode_unicode: Literal[True]
    ) -> Iterator[str]: ...
    def iter_content(
        self, chunk_size: Optional[int] = None, decode_unicode: bool = False
    ) -> Union[Iterator[bytes], Iterator[str]]:
        """The body in chunks of exactly `chunk_size` bytes (the last may be shorter), or,
        without one, whatever has arrived (up to 256 KiB a chunk). `decode_unicode` yields
        text decoded with the response's encoding.

        A body that fails raises its error (`IncompleteRead`, `ReadTimeout`, ...) from the
        iterator; iterating a body already read, or a closed response, raises
        `StreamConsumedError`."""
        _check_chunk_size(chunk_size)
        chunks = self._iter_raw(chunk_size)
        return _decode_chunks(chunks, self._text_encoding()) if decode_unicode else chunks

    @overload
    def iter_lines(
        self,
        chunk_size: Optional[int] = None,
        decode_unicode: Literal[False] = False,
        delimiter: Optional[bytes] = None,
    ) -> Iterator[bytes]: ...
    @overload
    def iter_lines(
        self,
        chunk_size: Optional[int],
        decode_unicode: Literal[True],
        delimiter: Optional[str] = None,
    ) -> Iterator[str]: ...
    @overload
    def iter_lines(
        self,
        chunk_size: Optional[int] = None,
        *,
        decode_unicode: Literal[True],
        delimiter: Optional[str] = None,
    ) -> Iterator[str]: ...
    def iter_lines(
        self,
        chunk_size: Optional[int] = None,
        decode_unicode: bool = False,
        delimiter: Union[str, bytes, None] = None,
    ) -> Union[Iterator[bytes], Iterator[str]]:
        """The body line by line (split at line breaks, or at `delimiter`), without the
        line breaks."""
        if decode_unicode:
            text = self.iter_content(chunk_size, decode_unicode=True)
            return _split_lines(text, _as_str(delimiter))
        return _split_lines(self.iter_content(chunk_size), _as_bytes(delimiter))

    @overload
    def aiter_content(
        self, chunk_size: Optional[int] = None, decode_unicode: Literal[False] = False
    ) -> AsyncIterator[bytes]: ...
    @overload
    def aiter_content(
        self, chunk_size: Optional[int], decode_unicode: Literal[True]
    ) -> AsyncIterator[str]: ...
    @overload
    def aiter_content(
        self, chunk_size: Optional[int] = None, *, decode_unicode: Literal[True]
    ) -> AsyncIterator[str]: ...
    def aiter_content(
        self, chunk_size: Optional[int] = None, decode_unicode: bool = False
    ) -> Union[AsyncIterator[bytes], AsyncIterator[str]]:
        """`iter_content` for async code: never blocks the event loop."""
        _check_chunk_size(chunk_size)
        chunks = self._aiter_raw(chunk_size)
        return _adecode_chunks(chunks, self._text_encoding()) if decode_unicode else chunks

    @overload
    def aiter_lines(
        self,
        chunk_size: Optional[int] = None,
        decode_unicode: Literal[False] = False,
        delimiter: Optional[bytes] = None,
    ) -> AsyncIterator[bytes]: ...
    @overload
    def aiter_lines(
        self,
        chunk_size: Optional[int],
        decode_unicode: Literal[True],
        delimiter: Optional[str] = None,
    ) -> AsyncIterator[str]: ...
    @overload
    def aiter_lines(
        self,
        chunk_size: Optional[int] = None,
        *,
        decode_unicode: Literal[True],
        delimiter: Optional[str] = None,
    ) -> AsyncIterator[str]: ...
    def aiter_lines(
        self,
        chunk_size: Optional[int] = None,
        decode_unicode: bool = False,
        delimiter: Union[str, bytes, None] = None,
    ) -> Union[AsyncIterator[bytes], AsyncIterator[str]]:
        """`iter_lines` for async code."""
        if decode_unicode:
            text = self.aiter_content(chunk_size, decode_unicode=True)
            return _asplit_lines(text, _as_str(delimiter))
        return _asplit_lines(self.aiter_content(chunk_size), _as_bytes(delimiter))

    async def acontent(self) -> bytes:
        """The whole body, read without blocking the event loop."""
        if self._content is not None:
            return self._content
        if self._stream_state in ("reading", "done", "closed"):
            raise _ContentConsumed("The content for this response was already consumed", 0, self)
        self._content = b"".join([chunk async for chunk in self._aiter_raw(None)])
        return self._content

    async def atext(self) -> str:
        """The body decoded, read without blocking the event loop."""
        return self._decode(await self.acontent())

    def close(self) -> None:
        """Stops receiving a streamed body (its connection is closed, or its HTTP/2 stream
        reset); reading it afterwards raises `StreamConsumedError`. Nothing to do for a
        response whose body was read."""
        if self._stream is not None and self._stream_state in ("unread", "reading", "failed"):
            # A stream from before os.fork() is the parent's to close, not the child's.
            with contextlib.suppress(_native.NativeError):
                self._stream.close()
            self._finish("closed")

    async def aclose(self) -> None:
        """`close` for async code (it never blocks)."""
        self.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: Optional[type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        self.close()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: Optional[type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        self.close()

    def __getstate__(self) -> dict[str, Any]:
        if self._stream is not None and self._stream_state in ("unread", "reading"):
            raise TypeError(
                "Streaming responses cannot be pickled; read the body first (or make the "
                "request without stream=True)"
            )
        # The lazy attributes are made now: the engine's response does not pickle.
        for name in _LAZY:
            getattr(self, name)
        state = self.__dict__.copy()
        state["_stream"] = None
        state["_on_finish"] = None
        state["_native"] = None
        return state

    def __repr__(self) -> str:
        return f"<Response [{self.status_code}]>"


# -- filling a Response from the engine's -----------------------------------------------------


def _fill(
    rsp: Response,
    native: _native.Response,
    *,
    default_encoding: DefaultEncoding,
    request_body: Optional[bytes],
    upload_size: int,
    response_class: type[Response],
    on_finish: Optional[Callable[[], None]],
) -> None:
    """Sets `rsp`'s attributes from `native`; `on_finish` runs once when a streamed body
    ends, fails or is closed (at once for a whole body)."""
    rsp._native = native
    rsp._request_body = request_body
    rsp._response_class = response_class
    (
        (rsp.url, status, rsp.reason, version),
        (
            rsp.redirect_count,
            rsp.primary_ip,
            rsp.primary_port,
            rsp.local_ip,
            rsp.local_port,
            rsp.header_size,
            rsp.retries,
        ),
        (content, raw_bytes, rsp.resumes, stream, close_notify_missing),
    ) = native.summary()
    rsp.close_notify_missing = close_notify_missing
    rsp.status_code = status
    rsp.ok = 200 <= status < 400
    rsp.http_version = _HTTP_VERSIONS.get(version, CurlHttpVersion.NONE)
    rsp.default_encoding = default_encoding
    rsp.upload_size = upload_size
    if stream is None:
        rsp._content = content or b""
        rsp.download_size = raw_bytes
        rsp._stream_state = "done"
    else:
        rsp._content = None
        rsp._stream = stream
        rsp._stream_state = "unread"
        rsp.download_size = stream.raw_bytes
    rsp.response_size = rsp.download_size + rsp.header_size
    rsp._on_finish = on_finish
    if stream is None and on_finish is not None:
        rsp._on_finish = None
        on_finish()
    if close_notify_missing:  # last, as in `Response._finish`
        _warn_close_notify(rsp.url)


def _whole_response(native: _native.Response, default_encoding: DefaultEncoding) -> Response:
    """`Response()` then `_fill` for a whole body sent with no body of its own (the plain
    GET path), in one step: the same attributes with the same values (a test compares them),
    set as one dictionary, since building a response attribute by attribute cost more than
    the rest of the Python layer of a small request."""
    (
        (url, status, reason, version),
        (redirect_count, primary_ip, primary_port, local_ip, local_port, header_size, retries),
        (content, raw_bytes, resumes, stream, close_notify_missing),
    ) = native.summary()
    if stream is not None or close_notify_missing:  # rare here; the general path handles them
        rsp = Response()
        _fill(
            rsp,
            native,
            default_encoding=default_encoding,
            request_body=None,
            upload_size=0,
            response_class=Response,
            on_finish=None,
        )
        return rsp
    rsp = Response.__new__(Response)
    rsp.__dict__ = {
        "curl": None,
        "_native": native,
        "_request_body": None,
        "_response_class": Response,
        "url": url,
        "status_code": status,
        "reason": reason,
        "ok": 200 <= status < 400,
        "default_encoding": default_encoding,
        "redirect_count": redirect_count,
        "http_version": _HTTP_VERSIONS.get(version, CurlHttpVersion.NONE),
        "primary_ip": primary_ip,
        "primary_port": primary_port,
        "local_ip": local_ip,
        "local_port": local_port,
        "infos": {},
        "download_size": raw_bytes,
        "upload_size": 0,
        "header_size": header_size,
        "response_size": raw_bytes + header_size,
        "retries": retries,
        "resumes": resumes,
        "close_notify_missing": False,
        "_content": content or b"",
        "_stream": None,
        "_stream_state": "done",
        "_on_finish": None,
    }
    return rsp


def _warn_close_notify(url: str) -> None:
    # Attributed to the caller's line: the first frame outside this package.
    level = 2
    frame: Optional[FrameType] = sys._getframe(1)
    while frame is not None and frame.f_code.co_filename.startswith(_PACKAGE_DIR):
        level += 1
        frame = frame.f_back
    warnings.warn(
        f"{url}: the server closed TLS without close_notify; the body ended with the "
        "connection and may be incomplete",
        MummerWarning,
        stacklevel=level,
    )


_PACKAGE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__))) + os.sep


def _hop(hop: dict[str, Any], default_encoding: DefaultEncoding, cls: type[Response]) -> Response:
    rsp = cls()
    rsp.url = str(hop["url"])
    rsp.status_code = int(hop["status"])
    rsp.reason = str(hop.get("reason", ""))
    rsp.ok = 200 <= rsp.status_code < 400
    rsp.http_version = _HTTP_VERSIONS.get(str(hop.get("http_version")), CurlHttpVersion.NONE)
    rsp.headers = Headers._from_text_pairs(hop.get("headers", []))
    rsp.cookies = Cookies._of(hop.get("cookies", []))
    rsp.default_encoding = default_encoding
    return rsp


def _redirect_url(rsp: Response) -> str:
    # curl's CURLINFO_REDIRECT_URL: where the final response would have led, had it been
    # followed.
    location: Optional[str] = rsp.headers.get("location")
    if location and rsp.status_code in _REDIRECT_STATUSES:
        return urljoin(rsp.url, location)
    return ""


def _request_size(method: str, url: str, headers: Headers) -> int:
    target = url.split("://", 1)[-1]
    path = target[target.find("/") :] if "/" in target else "/"
    size = len(f"{method} {path} HTTP/1.1\r\n") + 2
    for name, value in headers.raw:
        size += len(name) + 2 + len(value or b"") + 2
    return size


# -- chunk helpers ----------------------------------------------------------------------------


def _check_chunk_size(chunk_size: Optional[int]) -> None:
    given: object = chunk_size  # callers may pass anything
    if given is not None and (isinstance(given, bool) or not isinstance(given, int) or given <= 0):
        raise TypeError(f"chunk_size must be a positive int or None, not {chunk_size!r}")


def _read_sizes(chunk_size: Optional[int]) -> tuple[int, int]:
    if chunk_size is None:
        return _MAX_CHUNK, 1
    return chunk_size, chunk_size


def _decode_chunks(chunks: Iterable[bytes], encoding: str) -> Iterator[str]:
    decoder = _decoder(encoding)
    for chunk in chunks:
        text = decoder.decode(chunk)
        if text:
            yield text
    tail = decoder.decode(b"", final=True)
    if tail:
        yield tail


async def _adecode_chunks(chunks: AsyncIterator[bytes], encoding: str) -> AsyncIterator[str]:
    decoder = _decoder(encoding)
    async for chunk in chunks:
        text = decoder.decode(chunk)
        if text:
            yield text
    tail = decoder.decode(b"", final=True)
    if tail:
        yield tail


def _decoder(encoding: str) -> codecs.IncrementalDecoder:
    try:
        return codecs.getincrementaldecoder(encoding)(errors="replace")
    except LookupError:
        return codecs.getincrementaldecoder("utf-8")(errors="replace")


class _LineSplitter:
    """Splits a stream of chunks (bytes or str) into lines, holding back a last line that
    has not ended yet. Line breaks are those of ``splitlines``, or `delimiter`."""

    def __init__(self, delimiter: Any) -> None:
        self.delimiter = delimiter
        self.pending: Any = None

    def feed(self, chunk: Any) -> list[Any]:
        if self.pending is not None:
            chunk = self.pending + chunk
        if self.delimiter:
            lines = chunk.split(self.delimiter)
            rest = lines.pop()
        else:
            # Each piece keeps its line break; the piece without one is unfinished.
            lines = chunk.splitlines(keepends=True)
            rest = lines.pop() if lines and _unbroken(lines[-1]) else None
            lines = [piece.splitlines()[0] for piece in lines]
        self.pending = rest or None
        return list(lines)

    def end(self) -> list[Any]:
        return [] if self.pending is None else [self.pending]


def _unbroken(piece: Any) -> bool:
    return len(piece.splitlines()[0]) == len(piece)


def _split_lines(chunks: Iterable[AnyStr], delimiter: Optional[AnyStr]) -> Iterator[AnyStr]:
    splitter = _LineSplitter(delimiter)
    for chunk in chunks:
        yield from splitter.feed(chunk)
    yield from splitter.end()


async def _asplit_lines(
    chunks: AsyncIterator[AnyStr], delimiter: Optional[AnyStr]
) -> AsyncIterator[AnyStr]:
    splitter = _LineSplitter(delimiter)
    async for chunk in chunks:
        for line in splitter.feed(chunk):
            yield line
    for line in splitter.end():
        yield line


def _as_bytes(delimiter: Union[str, bytes, None]) -> Optional[bytes]:
    return delimiter.encode() if isinstance(delimiter, str) else delimiter


def _as_str(delimiter: Union[str, bytes, None]) -> Optional[str]:
    return delimiter.decode() if isinstance(delimiter, bytes) else delimiter


def _json_path(data: Any, path: str, default: Any) -> Any:
    if not isinstance(path, str):
        raise TypeError("path must be a string")
    expression = path.strip()
    if not expression:
        raise ValueError("path must not be empty")
    try:
        from jsonpath_ng.exceptions import (  # type: ignore[import-not-found, unused-ignore]
            JSONPathError,
        )
        from jsonpath_ng.ext import parse  # type: ignore[import-not-found, unused-ignore]
    except ImportError as e:
        raise ImportError("Response.json(path=...) needs the jsonpath-ng package") from e
    if expression.startswith("."):
        expression = "$" + expression
    try:
        matches = parse(expression).find(data)
    except JSONPathError as e:
        raise ValueError(f"Invalid JSONPath: {path!r}") from e
    return matches[0].value if matches else default
