"""`Session` and `AsyncSession`, curl_cffi's, over mummer's engine.

The shape is httpx's: `BaseSession` holds everything a request is sent with and merges the
session's settings with a request's arguments in ONE place (`BaseSession._prepare`, a pure
function of both: the URL, the body and the engine's option dict). `Session` and
`AsyncSession` only move the prepared request through the engine (``Client.start``) and back,
blocking or on the event loop, and wrap what comes back in a `Response`.

A session is one engine client: one connection pool (connections reused whenever the pool key
says they may: same origin, proxy, profile and TLS options), and one cookie jar, shared with
`Session.cookies`. Every per-request option stays with its request; nothing a request passes
changes the session.
"""

from __future__ import annotations

import asyncio
import io
import json as jsonlib
import os
import sys
import threading
import weakref
from collections.abc import (
    AsyncIterable,
    AsyncIterator,
    Awaitable,
    Callable,
    Iterable,
    Iterator,
    Mapping,
    Sequence,
)
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass
from http.cookiejar import CookieJar
from types import TracebackType
from typing import (
    IO,
    TYPE_CHECKING,
    Any,
    Generic,
    Literal,
    Optional,
    TypedDict,
    Union,
    cast,
)
from urllib.parse import urlencode

from .. import _native, _wake
from .._unsupported import unsupported_option
from ..const import CurlFollow, CurlHttpVersion
from .cookies import Cookies, CookieTypes
from .exceptions import SessionClosed, _from_native
from .headers import Headers, HeaderTypes
from .impersonate import BrowserTypeLiteral, ExtraFingerprints, ExtraFpDict, fp_overrides
from .impersonate import resolve_profile as _resolve_profile
from .models import DefaultEncoding, Response, _fill, _whole_response
from .utils import (
    NOT_SET,
    HttpVersionLiteral,
    NotSetType,
    build_url,
    env_ca_bundle,
    env_proxies,
    is_absolute_url,
    native_http_version,
    proxy_in_environment,
    redirect_options,
    select_proxy,
    timeout_options,
)
from .websockets import (
    AsyncWebSocket,
    AsyncWebSocketContext,
    CurlWsFrame,
    WebSocket,
    WebSocketRetryStrategy,
    _ws_config,
    _ws_error,
)

if TYPE_CHECKING:
    from enum import Enum

    from typing_extensions import Self, TypeVar, Unpack

    R = TypeVar("R", bound=Response, default=Response)
else:
    from typing import TypeVar

    R = TypeVar("R", bound=Response)

__all__ = [
    "AsyncSession",
    "BaseSession",
    "HttpMethod",
    "ProxySpec",
    "RequestParams",
    "RetryStrategy",
    "Session",
    "StreamRequestParams",
]

HttpMethod = Literal["GET", "POST", "PUT", "DELETE", "OPTIONS", "HEAD", "TRACE", "PATCH", "QUERY"]
ThreadType = Literal["eventlet", "gevent"]


class ProxySpec(TypedDict, total=False):
    """Proxies by URL scheme (``"all"`` for any); requests' ``"scheme://host"`` keys work
    too."""

    all: str
    http: str
    https: str
    ws: str
    wss: str


RequestData = Union[Mapping[str, Any], Sequence[tuple[str, Any]], str, bytes, io.BytesIO]
SyncRequestContent = Union[str, bytes, bytearray, memoryview, IO[bytes], Iterable[bytes]]
RequestContent = Union[SyncRequestContent, AsyncIterable[bytes]]
FileSpec = Union[
    IO[bytes],
    IO[str],
    bytes,
    str,
    "os.PathLike[str]",
    tuple[Optional[str], Any],
    tuple[Optional[str], Any, Optional[str]],
    tuple[Optional[str], Any, Optional[str], Mapping[str, str]],
]
FilesType = Union[Mapping[str, FileSpec], Sequence[tuple[str, FileSpec]]]
ParamsType = Union[Mapping[str, Any], Sequence[tuple[str, Any]]]
TimeoutType = Union[float, tuple[float, float], None]
ImpersonateType = Union[BrowserTypeLiteral, str, "Enum", None]

_DEFAULT_ACCEPT_ENCODING = "gzip, deflate, br"
_EVERY_ENCODING = "gzip, deflate, br, zstd"
_UPLOAD_CHUNK = 64 * 1024


# -- retries ----------------------------------------------------------------------------------

RetryBackoff = Literal["linear", "exponential", "constant"]


@dataclass
class RetryStrategy:
    """How often and how patiently a failed request is sent again (by the engine).

    As curl_cffi's: any failure (a connection error, a timeout, a cut body) of any method is
    retried `count` times, waiting ``delay * n`` (linear), ``delay * 2**(n-1)`` (exponential)
    or `delay` (constant, mummer's) plus up to `jitter` seconds before attempt n. Error
    statuses are retried only by a session with ``raise_for_status=True`` (where, as in
    curl_cffi, they are failures); otherwise they are responses. A streamed upload cannot be
    sent again: its retry fails with `UnrewindableBodyError`."""

    count: int
    delay: float = 0.0
    jitter: float = 0.0
    backoff: RetryBackoff = "linear"

    def _validated(self) -> RetryStrategy:
        if self.count < 0:
            raise ValueError("retry.count must be >= 0")
        if self.delay < 0:
            raise ValueError("retry.delay must be >= 0")
        if self.jitter < 0:
            raise ValueError("retry.jitter must be >= 0")
        if self.backoff not in ("linear", "exponential", "constant"):
            raise ValueError("retry.backoff must be 'linear', 'exponential' or 'constant'")
        return self

    def _native(self) -> Optional[dict[str, Any]]:
        if self.count == 0:
            return None
        return {
            "count": self.count,
            "delay": float(self.delay),
            "jitter": float(self.jitter),
            "backoff": self.backoff,
            "statuses": [],
            "all_methods": True,
            "all_errors": True,
        }


def _retry_strategy(retry: Union[int, RetryStrategy, None]) -> RetryStrategy:
    if retry is None:
        return RetryStrategy(0)
    if isinstance(retry, RetryStrategy):
        return retry._validated()
    if isinstance(retry, bool) or not isinstance(retry, int):
        raise TypeError("retry must be an int or a RetryStrategy")
    return RetryStrategy(retry)._validated()


# -- keyword arguments as types ---------------------------------------------------------------

if TYPE_CHECKING:

    class BaseSessionParams(TypedDict, Generic[R], total=False):
        headers: Optional[HeaderTypes]
        cookies: Optional[CookieTypes]
        auth: Optional[tuple[str, str]]
        proxies: Optional[ProxySpec]
        proxy: Optional[str]
        proxy_auth: Optional[tuple[str, str]]
        base_url: Optional[str]
        params: Optional[ParamsType]
        verify: Union[bool, str]
        timeout: TimeoutType
        trust_env: bool
        allow_redirects: Union[bool, CurlFollow, str]
        max_redirects: int
        retry: Union[int, RetryStrategy, None]
        impersonate: ImpersonateType
        ja3: Optional[str]
        akamai: Optional[str]
        perk: Optional[str]
        extra_fp: Union[ExtraFingerprints, ExtraFpDict, None]
        default_headers: bool
        default_encoding: DefaultEncoding
        curl_options: Optional[dict[Any, Any]]
        curl_infos: Optional[list[Any]]
        http_version: Union[CurlHttpVersion, HttpVersionLiteral, None]
        debug: bool
        interface: Optional[str]
        dns: Union[str, list[str], None]
        doh_url: Optional[str]
        cert: Union[str, tuple[str, str], None]
        response_class: Optional[type[R]]
        discard_cookies: bool
        raise_for_status: bool
        cache: None
        resume: int


class StreamRequestParams(TypedDict, total=False):
    """The keyword arguments of `Session.stream` (those of `Session.request` but stream)."""

    params: Optional[ParamsType]
    data: Optional[RequestData]
    content: Optional[RequestContent]
    json: Any
    headers: Optional[HeaderTypes]
    cookies: Optional[CookieTypes]
    files: Optional[FilesType]
    auth: Optional[tuple[str, str]]
    timeout: Union[TimeoutType, NotSetType]
    allow_redirects: Union[bool, CurlFollow, str, None]
    max_redirects: Optional[int]
    proxies: Optional[ProxySpec]
    proxy: Optional[str]
    proxy_auth: Optional[tuple[str, str]]
    verify: Union[bool, str, None]
    referer: Optional[str]
    accept_encoding: Optional[str]
    content_callback: Optional[Callable[[bytes], object]]
    impersonate: ImpersonateType
    ja3: Optional[str]
    akamai: Optional[str]
    perk: Optional[str]
    extra_fp: Union[ExtraFingerprints, ExtraFpDict, None]
    default_headers: Optional[bool]
    default_encoding: Optional[DefaultEncoding]
    quote: Union[str, Literal[False]]
    http_version: Union[CurlHttpVersion, HttpVersionLiteral, None]
    interface: Optional[str]
    dns: Union[str, list[str], None]
    doh_url: Optional[str]
    cert: Union[str, tuple[str, str], None]
    max_recv_speed: int
    multipart: None
    discard_cookies: bool
    resume: Optional[int]


class RequestParams(StreamRequestParams, total=False):
    """The keyword arguments of `Session.request` after method and url."""

    stream: Optional[bool]


# -- request bodies ---------------------------------------------------------------------------


class _Upload:
    """A request body that Python produces while the request is under way (a file object,
    an iterable, an async iterable), pushed into the engine's upload sink."""

    def __init__(self, source: object, length: Optional[int]) -> None:
        self.source = source
        self.length = length
        self.sent = 0

    def chunks(self) -> Iterator[bytes]:
        source = self.source
        if hasattr(source, "read"):
            read = cast(IO[Any], source).read
            while True:
                piece = read(_UPLOAD_CHUNK)
                if not piece:
                    return
                yield self._count(piece)
        elif isinstance(source, AsyncIterable):
            raise TypeError("Session cannot send an async iterable: use AsyncSession")
        else:
            for piece in cast(Iterable[Any], source):
                if piece:
                    yield self._count(piece)

    async def achunks(self) -> AsyncIterator[bytes]:
        if isinstance(self.source, AsyncIterable):
            async for piece in self.source:
                if piece:
                    yield self._count(piece)
        else:
            for chunk in self.chunks():
                yield chunk

    def _count(self, piece: object) -> bytes:
        if isinstance(piece, str):
            data = piece.encode("utf-8")
        elif isinstance(piece, (bytes, bytearray, memoryview)):
            data = bytes(piece)
        else:
            raise TypeError(f"a request body chunk must be bytes, not {type(piece).__name__}")
        self.sent += len(data)
        return data


def _remaining_bytes(file: IO[Any]) -> Optional[int]:
    """How many bytes a binary file object will still give, when that is knowable."""
    try:
        if not isinstance(file.read(0), bytes):
            return None  # text mode: its encoded size is not its size on disk
        position = file.tell()
        try:
            size = os.fstat(file.fileno()).st_size
        except (OSError, AttributeError, io.UnsupportedOperation):
            end = file.seek(0, io.SEEK_END)
            file.seek(position)
            size = end
        return max(size - position, 0)
    except (OSError, AttributeError, ValueError, io.UnsupportedOperation):
        return None


def _disk_path(file: IO[Any]) -> Optional[str]:
    """The path of a file object that is a whole file on disk (seekable, at its start), whose
    bytes the engine can stream from disk itself (and read again for a retry or a 307)."""
    name = getattr(file, "name", None)
    if not isinstance(name, str) or not os.path.isfile(name):
        return None
    try:
        at_start = file.seekable() and file.tell() == 0
    except (OSError, AttributeError, ValueError):
        return None
    return name if at_start else None


def _as_bytes(value: object) -> bytes:
    if isinstance(value, str):
        return value.encode("utf-8")
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value)
    raise TypeError(f"expected bytes or str, not {type(value).__name__}")


def _items(pairs: Union[Mapping[str, Any], Sequence[tuple[str, Any]]]) -> list[tuple[str, Any]]:
    return list(pairs.items()) if isinstance(pairs, Mapping) else list(pairs)


def _add_file(form: _native.Form, name: str, spec: FileSpec) -> None:
    filename: Optional[str]
    content_type: Optional[str] = None
    if isinstance(spec, tuple):
        if len(spec) == 4 and spec[3]:
            raise NotImplementedError(
                f"files[{name!r}]: per-part headers are not supported by mummer's multipart "
                "forms (filename and content type are)"
            )
        if not 2 <= len(spec) <= 4:
            raise TypeError(f"files[{name!r}] must be (filename, file[, content_type[, headers]])")
        filename, value = spec[0], spec[1]
        content_type = spec[2] if len(spec) >= 3 else None
        if filename is None and content_type is None and isinstance(value, (str, bytes)):
            form.text(name, value)  # requests' way of adding a plain field through files=
            return
    else:
        value = spec
        filename = _guess_filename(value) or name
    if isinstance(value, os.PathLike):
        path = os.fspath(value)
        form.file(name, str(path), filename or os.path.basename(path), content_type)
        return
    if hasattr(value, "read"):
        file = cast(IO[Any], value)
        path = _disk_path(file)
        if path is not None:
            form.file(name, path, filename, content_type)
        else:
            form.data(name, _as_bytes(file.read()), filename, content_type)
        return
    form.data(name, _as_bytes(value), filename, content_type)


def _guess_filename(value: object) -> Optional[str]:
    name = getattr(value, "name", None)
    if isinstance(value, os.PathLike):
        name = os.fspath(value)
    if isinstance(name, str) and name and not (name.startswith("<") and name.endswith(">")):
        return os.path.basename(name)
    return None


@dataclass
class _Body:
    """A request body ready for the engine, and what the caller's Request object shows."""

    payload: Union[bytes, _native.Form, _Upload, None] = None
    content_type: Optional[str] = None

    @property
    def bytes_sent(self) -> int:
        if isinstance(self.payload, bytes):
            return len(self.payload)
        if isinstance(self.payload, _Upload):
            return self.payload.sent
        return 0


def _build_body(
    data: Optional[RequestData],
    content: Optional[RequestContent],
    json: Any,
    files: Optional[FilesType],
) -> _Body:
    """The body from curl_cffi's ``data``/``content``/``json`` and requests' ``files``, with
    the Content-Type curl_cffi gives each (the caller's own header wins)."""
    if files:
        form = _native.Form()
        if data is not None:
            if isinstance(data, (str, bytes, io.BytesIO)):
                raise ValueError("data must be a dict or a list of pairs when files are given")
            for key, value in _items(data):
                form.text(str(key), value if isinstance(value, (str, bytes)) else str(value))
        for name, spec in _items(files):
            _add_file(form, name, spec)
        return _Body(form)
    body = _Body()
    if content is not None:
        if isinstance(content, (str, bytes, bytearray, memoryview)):
            payload = _as_bytes(content)
            body = _Body(payload, "application/octet-stream" if payload else None)
        elif hasattr(content, "read"):
            file = cast(IO[Any], content)
            body = _Body(_Upload(file, _remaining_bytes(file)))
        elif isinstance(content, (AsyncIterable, Iterable)):
            body = _Body(_Upload(content, None))
        else:
            raise TypeError(
                "content must be str, bytes, a binary file, an iterable of bytes or (with "
                f"AsyncSession) an async iterable of bytes, not {type(content).__name__}"
            )
    elif data is not None:
        if isinstance(data, (Mapping, list, tuple)):
            encoded = urlencode(_items(data), doseq=True).encode("ascii")
            body = _Body(encoded, "application/x-www-form-urlencoded")
        elif isinstance(data, io.BytesIO):
            payload = data.read()
            body = _Body(payload, "application/octet-stream" if payload else None)
        elif isinstance(data, (str, bytes)):
            payload = _as_bytes(data)
            body = _Body(payload, "application/octet-stream" if payload else None)
        else:
            raise TypeError("data must be a dict, a list of pairs, str, bytes or BytesIO")
    if json is not None:
        body = _Body(jsonlib.dumps(json, separators=(",", ":")).encode("utf-8"), "application/json")
    return body


def _cookie_pairs(cookies: CookieTypes) -> list[tuple[str, str]]:
    if isinstance(cookies, Cookies):
        return cookies._pairs()
    if isinstance(cookies, CookieJar):
        return [(c.name, c.value or "") for c in cookies]
    if isinstance(cookies, Mapping):
        return [(str(k), str(v)) for k, v in cookies.items()]
    return [(str(k), str(v)) for k, v in cookies]


def _interface(value: str) -> str:
    # curl's "if!eth0" / "host!10.0.0.1" say which of the two it is; the engine tells itself.
    for prefix in ("if!", "host!", "ifhost!"):
        if value.startswith(prefix):
            return value[len(prefix) :].split("!")[-1]
    return value


@dataclass
class _Prepared:
    """A request ready for the engine: the result of merging once."""

    method: str
    url: str
    opts: Union[dict[str, Any], _native.Options]
    body: _Body
    stream: bool
    content_callback: Optional[Callable[[bytes], object]]
    default_encoding: DefaultEncoding

    @property
    def request_body(self) -> Optional[bytes]:
        return self.body.payload if isinstance(self.body.payload, bytes) else None

    @property
    def native_body(self) -> Union[bytes, _native.Form, None]:
        payload = self.body.payload
        return None if isinstance(payload, _Upload) else payload


_NO_BODY = _Body()

# URLs a session remembers the merged form of (params, base_url, quoting) for plain requests.
_PLAIN_URLS = 256


class _PlainOptions:
    """What `_prepare_plain` reuses while `state` (the session settings not seen by
    `__setattr__`) is unchanged: the engine's options, by stream flag, merged URLs, and the
    finished `_Prepared` by (method, URL, stream flag), which nothing changes once made."""

    __slots__ = ("options", "prepared", "state", "urls")

    def __init__(self, state: tuple[Any, ...]) -> None:
        self.state = state
        self.options: dict[bool, Optional[_native.Options]] = {False: None, True: None}
        self.urls: dict[str, str] = {}
        self.prepared: dict[tuple[str, str, bool], _Prepared] = {}


# -- the session --------------------------------------------------------------------------


class BaseSession(Generic[R]):
    """What `Session` and `AsyncSession` share: their settings, the engine client, and the one
    merge of session settings with request arguments (`_prepare`).

    Settings are plain attributes (``s.headers``, ``s.timeout``, ``s.impersonate``, ...) read
    at each request, so changing one affects the requests after it. A request's own argument
    wins over the session's; ``None`` (or, for ``timeout``, leaving it out) means "the
    session's"."""

    def __init__(
        self,
        *,
        headers: Optional[HeaderTypes] = None,
        cookies: Optional[CookieTypes] = None,
        auth: Optional[tuple[str, str]] = None,
        proxies: Optional[ProxySpec] = None,
        proxy: Optional[str] = None,
        proxy_auth: Optional[tuple[str, str]] = None,
        base_url: Optional[str] = None,
        params: Optional[ParamsType] = None,
        verify: Union[bool, str] = True,
        timeout: TimeoutType = 30,
        trust_env: bool = True,
        allow_redirects: Union[bool, CurlFollow, str] = True,
        max_redirects: int = 30,
        retry: Union[int, RetryStrategy, None] = 0,
        impersonate: ImpersonateType = None,
        ja3: Optional[str] = None,
        akamai: Optional[str] = None,
        perk: Optional[str] = None,
        extra_fp: Union[ExtraFingerprints, ExtraFpDict, None] = None,
        default_headers: bool = True,
        default_encoding: DefaultEncoding = "utf-8",
        curl_options: Optional[dict[Any, Any]] = None,
        curl_infos: Optional[list[Any]] = None,
        http_version: Union[CurlHttpVersion, HttpVersionLiteral, None] = None,
        debug: bool = False,
        interface: Optional[str] = None,
        dns: Union[str, list[str], None] = None,
        doh_url: Optional[str] = None,
        cert: Union[str, tuple[str, str], None] = None,
        response_class: Optional[type[R]] = None,
        discard_cookies: bool = False,
        raise_for_status: bool = False,
        cache: None = None,
        resume: int = 0,
    ) -> None:
        self._plain: Optional[_PlainOptions] = None
        if cache is not None:
            raise NotImplementedError("cache= is not supported: mummer does not cache responses")
        if proxy and proxies:
            raise TypeError("Cannot specify both 'proxy' and 'proxies'")
        if base_url and not is_absolute_url(base_url):
            raise ValueError("You need to provide an absolute url for 'base_url'")
        given_class: object = response_class  # callers may pass anything
        if given_class is not None and not (
            isinstance(given_class, type) and issubclass(given_class, Response)
        ):
            raise TypeError(
                "`response_class` must be a subclass of `mummer.requests.Response`, "
                f"not {response_class!r}"
            )
        self.headers = Headers(headers)
        self.auth = auth
        self.proxies: dict[str, str] = (
            {"all": proxy} if proxy else dict(cast(Mapping[str, str], proxies or {}))
        )
        self.proxy_auth = proxy_auth
        self.base_url = base_url
        self.params = params
        self.verify: Union[bool, str] = (env_ca_bundle() or True) if verify is True else verify
        self.timeout: TimeoutType = timeout
        self.trust_env = trust_env
        self.allow_redirects = allow_redirects
        self.max_redirects = max_redirects
        self.retry: Union[int, RetryStrategy] = _retry_strategy(retry)
        self.impersonate = impersonate
        self.ja3 = ja3
        self.akamai = akamai
        self.perk = perk
        self.extra_fp = extra_fp
        self.default_headers = default_headers
        self.default_encoding: DefaultEncoding = default_encoding
        self.curl_options: dict[Any, Any] = curl_options or {}
        self.curl_infos: list[Any] = curl_infos or []
        self.http_version = http_version
        self.debug = debug
        self.interface = interface
        self.dns = dns
        self.doh_url = doh_url
        self.cert = cert
        self.response_class: type[R] = cast("type[R]", response_class or Response)
        self.discard_cookies = discard_cookies
        self.raise_for_status = raise_for_status
        self.resume = resume
        self._check_libcurl_settings()
        # Fail at construction, not at the first request, for a bad impersonation setting.
        if impersonate:
            _resolve_profile(impersonate)
        fp_overrides(extra_fp)
        native_http_version(http_version)

        jar = _native.CookieJar()
        self._cookies = Cookies._over(jar)
        self._cookies.update(cookies)
        self._client = _native.Client({"cookie_jar": jar})
        self._closed = False

    # -- cookies --------------------------------------------------------------------------

    @property
    def cookies(self) -> Cookies:
        """The session's cookies: the jar its requests send from and store into."""
        return self._cookies

    @cookies.setter
    def cookies(self, cookies: CookieTypes) -> None:
        # The engine client keeps its jar: replace what is in it, not the jar.
        fresh = Cookies(cookies)
        self._cookies.clear()
        self._cookies.update(fresh)

    # -- the one merge --------------------------------------------------------------------

    def _check_closed(self) -> None:
        if self._closed:
            raise SessionClosed("Session is closed, cannot send request.")

    def _check_libcurl_settings(self) -> None:
        if self.curl_options:
            raise unsupported_option("curl_options", "every option is a keyword argument")
        if self.curl_infos:
            raise unsupported_option("curl_infos", "read the Response's attributes")
        if self.debug:
            raise unsupported_option("debug", "there is no libcurl verbose trace")
        for name in ("perk", "dns", "doh_url"):
            _reject(name, getattr(self, name))

    def __setattr__(self, name: str, value: Any) -> None:
        # Any setting changed (``s.timeout = 5``) forgets the options read for plain requests.
        object.__setattr__(self, name, value)
        if not name.startswith("_"):
            object.__setattr__(self, "_plain", None)

    def _prepare(
        self,
        method: str,
        url: str,
        *,
        params: Optional[ParamsType] = None,
        data: Optional[RequestData] = None,
        content: Optional[RequestContent] = None,
        json: Any = None,
        headers: Optional[HeaderTypes] = None,
        cookies: Optional[CookieTypes] = None,
        files: Optional[FilesType] = None,
        auth: Optional[tuple[str, str]] = None,
        timeout: Union[TimeoutType, NotSetType] = NOT_SET,
        allow_redirects: Union[bool, CurlFollow, str, None] = None,
        max_redirects: Optional[int] = None,
        proxies: Optional[ProxySpec] = None,
        proxy: Optional[str] = None,
        proxy_auth: Optional[tuple[str, str]] = None,
        verify: Union[bool, str, None] = None,
        referer: Optional[str] = None,
        accept_encoding: Optional[str] = _DEFAULT_ACCEPT_ENCODING,
        content_callback: Optional[Callable[[bytes], object]] = None,
        impersonate: ImpersonateType = None,
        ja3: Optional[str] = None,
        akamai: Optional[str] = None,
        perk: Optional[str] = None,
        extra_fp: Union[ExtraFingerprints, ExtraFpDict, None] = None,
        default_headers: Optional[bool] = None,
        default_encoding: Optional[DefaultEncoding] = None,
        quote: Union[str, Literal[False]] = "",
        http_version: Union[CurlHttpVersion, HttpVersionLiteral, None] = None,
        interface: Optional[str] = None,
        dns: Union[str, list[str], None] = None,
        doh_url: Optional[str] = None,
        cert: Union[str, tuple[str, str], None] = None,
        stream: Optional[bool] = None,
        max_recv_speed: int = 0,
        multipart: None = None,
        discard_cookies: bool = False,
        resume: Optional[int] = None,
    ) -> _Prepared:
        """The request as the engine takes it: this request's arguments over the session's
        settings, merged in `_prepare_full` and nowhere else. A request that sets none of
        its own arguments (but `stream`) reuses the options that merge gave last time."""
        given_multipart: object = multipart  # typed None, but callers may pass anything
        if (
            params is None and data is None and content is None and json is None
            and headers is None and cookies is None and files is None and auth is None
            and timeout is NOT_SET and allow_redirects is None and max_redirects is None
            and proxies is None and proxy is None and proxy_auth is None and verify is None
            and referer is None and accept_encoding is _DEFAULT_ACCEPT_ENCODING
            and content_callback is None and impersonate is None and ja3 is None
            and akamai is None and perk is None and extra_fp is None
            and default_headers is None and default_encoding is None and quote == ""
            and http_version is None and interface is None and dns is None
            and doh_url is None and cert is None and not max_recv_speed
            and given_multipart is None
            and not discard_cookies and resume is None
        ):  # fmt: skip
            return self._prepare_plain(method, url, bool(stream))
        return self._prepare_full(
            method,
            url,
            params=params,
            data=data,
            content=content,
            json=json,
            headers=headers,
            cookies=cookies,
            files=files,
            auth=auth,
            timeout=timeout,
            allow_redirects=allow_redirects,
            max_redirects=max_redirects,
            proxies=proxies,
            proxy=proxy,
            proxy_auth=proxy_auth,
            verify=verify,
            referer=referer,
            accept_encoding=accept_encoding,
            content_callback=content_callback,
            impersonate=impersonate,
            ja3=ja3,
            akamai=akamai,
            perk=perk,
            extra_fp=extra_fp,
            default_headers=default_headers,
            default_encoding=default_encoding,
            quote=quote,
            http_version=http_version,
            interface=interface,
            dns=dns,
            doh_url=doh_url,
            cert=cert,
            stream=stream,
            max_recv_speed=max_recv_speed,
            multipart=multipart,
            discard_cookies=discard_cookies,
            resume=resume,
        )

    def _prepare_plain(self, method: str, url: str, streamed: bool) -> _Prepared:
        """A request with only the session's settings. Its options do not depend on the URL
        unless a proxy may apply, so they are merged once (by `_prepare_full`) and read by
        the engine once (`_native.Options`), until a setting changes: a new attribute value
        (`__setattr__`), the session's headers edited, its retry strategy edited, or a proxy
        variable in the environment."""
        self._check_closed()
        if self.curl_options or self.curl_infos:  # edited in place: still refused
            self._check_libcurl_settings()
        if (
            self.proxies
            or self.params
            or self.extra_fp is not None
            or (self.trust_env and proxy_in_environment())
        ):
            return self._prepare_full(method, url, stream=streamed)
        retry = self.retry
        state = (
            self.headers._fields,
            self.headers._encoding,
            (retry.count, retry.delay, retry.jitter, retry.backoff)
            if isinstance(retry, RetryStrategy)
            else retry,
        )
        plain = self._plain
        if plain is None or plain.state != state:
            plain = self._plain = _PlainOptions(state)
        key = (method, url, streamed)
        prepared = plain.prepared.get(key)
        if prepared is None:
            prepared = self._prepare_plain_first(plain, method, url, streamed)
            if len(plain.prepared) >= _PLAIN_URLS:
                plain.prepared.clear()
            plain.prepared[key] = prepared
        return prepared

    def _prepare_plain_first(
        self, plain: _PlainOptions, method: str, url: str, streamed: bool
    ) -> _Prepared:
        """`_prepare_plain` for a (method, URL, stream) it has not prepared since the last
        change of settings."""
        opts = plain.options[streamed]
        target = plain.urls.get(url)
        if opts is None or target is None:
            prepared = self._prepare_full(method, url, stream=streamed)
            if opts is None:
                assert isinstance(prepared.opts, dict)
                opts = plain.options[streamed] = _native.Options(prepared.opts)
            if len(plain.urls) >= _PLAIN_URLS:
                plain.urls.clear()
            target = plain.urls[url] = prepared.url
        return _Prepared(
            method=method.upper(),
            url=target,
            opts=opts,
            body=_NO_BODY,
            stream=streamed,
            content_callback=None,
            default_encoding=self.default_encoding,
        )

    def _prepare_full(
        self,
        method: str,
        url: str,
        *,
        params: Optional[ParamsType] = None,
        data: Optional[RequestData] = None,
        content: Optional[RequestContent] = None,
        json: Any = None,
        headers: Optional[HeaderTypes] = None,
        cookies: Optional[CookieTypes] = None,
        files: Optional[FilesType] = None,
        auth: Optional[tuple[str, str]] = None,
        timeout: Union[TimeoutType, NotSetType] = NOT_SET,
        allow_redirects: Union[bool, CurlFollow, str, None] = None,
        max_redirects: Optional[int] = None,
        proxies: Optional[ProxySpec] = None,
        proxy: Optional[str] = None,
        proxy_auth: Optional[tuple[str, str]] = None,
        verify: Union[bool, str, None] = None,
        referer: Optional[str] = None,
        accept_encoding: Optional[str] = _DEFAULT_ACCEPT_ENCODING,
        content_callback: Optional[Callable[[bytes], object]] = None,
        impersonate: ImpersonateType = None,
        ja3: Optional[str] = None,
        akamai: Optional[str] = None,
        perk: Optional[str] = None,
        extra_fp: Union[ExtraFingerprints, ExtraFpDict, None] = None,
        default_headers: Optional[bool] = None,
        default_encoding: Optional[DefaultEncoding] = None,
        quote: Union[str, Literal[False]] = "",
        http_version: Union[CurlHttpVersion, HttpVersionLiteral, None] = None,
        interface: Optional[str] = None,
        dns: Union[str, list[str], None] = None,
        doh_url: Optional[str] = None,
        cert: Union[str, tuple[str, str], None] = None,
        stream: Optional[bool] = None,
        max_recv_speed: int = 0,
        multipart: None = None,
        discard_cookies: bool = False,
        resume: Optional[int] = None,
    ) -> _Prepared:
        """The one merge of this request's arguments over the session's settings."""

        self._check_closed()
        self._check_libcurl_settings()
        _reject("multipart", multipart, "pass files= (requests-style) for multipart uploads")
        for name, value in (("perk", perk), ("dns", dns), ("doh_url", doh_url)):
            _reject(name, value)
        method = method.upper()
        url = build_url(url, base_url=self.base_url, params=[self.params, params], quote=quote)
        body = _build_body(data, content, json, files)
        streamed = bool(stream) or content_callback is not None

        h = Headers(
            self.headers, encoding=headers.encoding if isinstance(headers, Headers) else None
        )
        h.update(headers)
        if body.content_type and "content-type" not in h:
            h["Content-Type"] = body.content_type
        upload = body.payload if isinstance(body.payload, _Upload) else None
        if upload is not None and upload.length is not None and "content-length" not in h:
            h["Content-Length"] = str(upload.length)

        profile_name = impersonate or self.impersonate
        profile = _resolve_profile(profile_name) if profile_name else None
        send_profile_headers = self.default_headers if default_headers is None else default_headers
        # Without impersonate=, ja3=/akamai=/extra_fp= shape a Chrome-based fingerprint, but
        # send no browser header values: as curl_cffi, where they only shape libcurl's.
        profile_headers = bool(send_profile_headers) and profile is not None
        if (
            accept_encoding is not None
            and "accept-encoding" not in h
            and (not profile_headers or accept_encoding != _DEFAULT_ACCEPT_ENCODING)
        ):
            # curl reads "" as "every encoding this build decodes".
            h["Accept-Encoding"] = accept_encoding or _EVERY_ENCODING
        elif accept_encoding is None and "accept-encoding" not in h and not profile_headers:
            # As libcurl without CURLOPT_ACCEPT_ENCODING: no Accept-Encoding at all (not even
            # the engine's own default).
            h["Accept-Encoding"] = None

        if referer and "referer" not in h:
            # As curl_cffi (libcurl's CURLOPT_REFERER): the value goes out as given.
            h["Referer"] = referer
        opts: dict[str, Any] = {
            # None means "do not send this field", not even as a profile's default.
            "headers": [(k, v) for k, v in h.multi_items() if v is not None],
            "remove_headers": [k for k, v in h.multi_items() if v is None],
            "impersonate": profile,
            "default_headers": profile_headers,
            "store_cookies": not (discard_cookies or self.discard_cookies),
        }
        if max_recv_speed:  # 0: unlimited, the engine's default
            opts["max_recv_speed"] = int(max_recv_speed)
        if cookies:
            opts["cookies"] = _cookie_pairs(cookies)
        auth = auth or self.auth
        if auth:
            given_auth: object = auth  # callers may pass anything
            if not (isinstance(given_auth, tuple) and len(given_auth) == 2):
                raise TypeError("auth must be a (username, password) tuple (HTTP Basic)")
            opts["auth"] = ("basic", str(auth[0]), str(auth[1]))
        opts.update(timeout_options(self.timeout if timeout is NOT_SET else timeout, streamed))
        opts.update(
            redirect_options(
                self.allow_redirects if allow_redirects is None else allow_redirects,
                self.max_redirects if max_redirects is None else max_redirects,
            )
        )
        opts.update(self._proxy_options(url, proxies, proxy, proxy_auth))
        opts.update(self._tls_options(verify, cert))
        ja3 = ja3 or self.ja3
        akamai = akamai or self.akamai
        overrides = fp_overrides(extra_fp or self.extra_fp)
        if ja3:
            opts["ja3"] = ja3
        if akamai:
            opts["akamai"] = akamai
        if overrides:
            opts["fp_overrides"] = overrides
        version = native_http_version(http_version or self.http_version)
        if version is not None:
            opts["http_version"] = version
        chosen_interface = interface or self.interface
        if chosen_interface:
            opts["interface"] = _interface(chosen_interface)
        retry = _retry_strategy(self.retry)._native()  # `s.retry = 3` after the fact works too
        if retry is not None:
            if self.raise_for_status:
                # curl_cffi raises HTTPError inside its retry loop then: every status that
                # `raise_for_status` refuses is retried too.
                retry["statuses"] = list(range(400, 1000))
            opts["retry"] = retry
        opts["resume"] = int(self.resume if resume is None else resume)
        return _Prepared(
            method=method,
            url=url,
            opts=opts,
            body=body,
            stream=streamed,
            content_callback=content_callback,
            default_encoding=self.default_encoding
            if default_encoding is None
            else default_encoding,
        )

    def _proxy_options(
        self,
        url: str,
        proxies: Optional[ProxySpec],
        proxy: Optional[str],
        proxy_auth: Optional[tuple[str, str]],
    ) -> dict[str, Any]:
        if proxy and proxies:
            raise TypeError("Cannot specify both 'proxy' and 'proxies'")
        chosen: Mapping[str, Optional[str]]
        if proxy:
            chosen = {"all": proxy}
        elif proxies is not None:
            chosen = cast(Mapping[str, Optional[str]], proxies)
        else:
            chosen = self.proxies
        selected = select_proxy(url, chosen)
        opts: dict[str, Any] = {}
        if self.trust_env:
            # As libcurl: the environment's proxy when none was given for this URL, and the
            # environment's no_proxy for any proxy.
            found, no_proxy = env_proxies()
            if selected is None:
                selected = select_proxy(url, found)
            if no_proxy:
                opts["no_proxy"] = no_proxy
        opts["proxy"] = selected
        credentials = proxy_auth or self.proxy_auth
        if selected and credentials:
            opts["proxy_auth"] = (str(credentials[0]), str(credentials[1]))
        return opts

    def _tls_options(
        self, verify: Union[bool, str, None], cert: Union[str, tuple[str, str], None]
    ) -> dict[str, Any]:
        base = self.verify
        opts: dict[str, Any] = {"verify": not (verify is False or (verify is None and not base))}
        # A CA bundle replaces the built-in roots, as libcurl's CAINFO does.
        if isinstance(verify, str):
            opts["ca_file"] = verify
            opts["bundled_roots"] = False
        elif verify in (None, True) and isinstance(base, str):
            opts["ca_file"] = base
            opts["bundled_roots"] = False
        chosen = cert or self.cert
        if isinstance(chosen, str):
            opts["cert"] = (chosen, None)
        elif chosen:
            opts["cert"] = (chosen[0], chosen[1])
        return opts

    # -- responses ------------------------------------------------------------------------

    def _response(
        self, native: _native.Response, prepared: _Prepared, on_finish: Optional[Callable[[], None]]
    ) -> R:
        rsp = self.response_class()
        _fill(
            rsp,
            native,
            default_encoding=prepared.default_encoding,
            request_body=prepared.request_body,
            upload_size=prepared.body.bytes_sent,
            response_class=self.response_class,
            on_finish=on_finish,
        )
        return rsp

    def _plain_response(self, native: _native.Response, prepared: _Prepared) -> R:
        """The response of a plain `get` (a whole body, no request body): built in one step
        when it is a plain `Response`, checked as `request` checks it."""
        if self.response_class is Response:
            rsp = cast("R", _whole_response(native, prepared.default_encoding))
        else:
            rsp = self._response(native, prepared, None)
        self._check_status(rsp)
        return rsp

    def _check_status(self, rsp: R) -> None:
        if self.raise_for_status and not rsp.ok:
            rsp.close()
            rsp.raise_for_status()

    # -- WebSockets ----------------------------------------------------------------------

    def _ws_task(
        self, url: str, request: dict[str, Any], config: dict[str, Any], driver: str = "shared"
    ) -> _native.WsTask:
        """The open of a WebSocket with this session's settings under `request`'s keywords
        (those of `request()` that apply to an upgrade), as the engine's task; `driver`: what
        runs it, "shared" (the shared runtime), "local" (this thread's runtime, driven by the
        blocking calls on it: a sync `Session`'s) or "loop" (this thread's runtime, driven by
        the running event loop: an `AsyncSession`'s)."""
        curl_options = request.pop("curl_options", None)
        if curl_options:
            raise unsupported_option("curl_options", "set the equivalent keyword instead")
        unknown = set(request) - _WS_REQUEST_KEYWORDS
        if unknown:
            raise TypeError(f"ws_connect() got unexpected keyword arguments: {sorted(unknown)}")
        # ws/wss select proxies and cookies as http/https do (the engine takes either).
        prepared = self._prepare_full("GET", _ws_http_url(url), **request)
        target = prepared.url
        if url[:6].lower().startswith(("ws://", "wss://")):
            target = ("wss" if target.startswith("https") else "ws") + target[target.index(":") :]
        try:
            return self._client.ws_connect(target, prepared.opts, config, driver)
        except _native.NativeError as e:
            raise _from_native(e) from e

    def _ws_open(
        self, url: str, request: dict[str, Any], config: dict[str, Any]
    ) -> _native.WebSocket:
        """Opens a WebSocket, blocking without the GIL (see `_ws_task`)."""
        driver = "shared" if _keepalive(config) else "local"
        task = self._ws_task(url, request, config, driver)
        try:
            ws = task.wait(None)
        except _native.NativeError as e:
            raise _ws_error(e) from e
        assert isinstance(ws, _native.WebSocket)
        return ws

    def upkeep(self) -> Any:
        """libcurl's connection upkeep has no equivalent: the engine keeps its pool itself."""
        raise NotImplementedError(
            "upkeep() is not supported: mummer has no libcurl; its engine keeps the pool itself"
        )


def _keepalive(config: dict[str, Any]) -> bool:
    """Whether a WebSocket has keepalive timers: they need a socket driven all the time (the
    shared runtime). On a runtime driven only inside calls or loop turns, an idle timeout or
    an unanswered keepalive ping could fire on a healthy connection after a pause."""
    return bool(config.get("ping_interval") or config.get("idle_timeout"))


# The keywords of `request()` that `ws_connect` takes (the rest make no sense for an upgrade).
_WS_REQUEST_KEYWORDS = frozenset(
    {
        "params", "headers", "cookies", "auth", "timeout", "allow_redirects", "max_redirects",
        "proxies", "proxy", "proxy_auth", "verify", "referer", "accept_encoding", "impersonate",
        "ja3", "akamai", "perk", "extra_fp", "default_headers", "quote", "http_version",
        "interface", "dns", "doh_url", "cert", "max_recv_speed",
    }
)  # fmt: skip


def _ws_http_url(url: str) -> str:
    lower = url[:6].lower()
    if lower.startswith("ws://"):
        return "http://" + url[5:]
    if lower.startswith("wss://"):
        return "https://" + url[6:]
    return url


def _reject(name: str, value: object, hint: str = "no libcurl DNS or HTTP/3 layer here") -> None:
    if value is not None and value is not False and value != "" and value != []:
        raise unsupported_option(name, hint)


def _once(action: Callable[[], None]) -> Callable[[], None]:
    done = False

    def run() -> None:
        nonlocal done
        if not done:
            done = True
            action()

    return run


def _upload_failed(sink: _native.UploadSink, exc: BaseException) -> None:
    sink.fail(f"the request body's producer raised {type(exc).__name__}: {exc}")


class Session(BaseSession[R]):
    """A blocking session: cookies and connections are kept between requests. It is safe to
    use from several threads; every wait for the network releases the GIL."""

    def __init__(
        self,
        curl: None = None,
        thread: Optional[ThreadType] = None,
        use_thread_local_curl: bool = True,
        curl_share: None = None,
        **kwargs: Unpack[BaseSessionParams[R]],
    ) -> None:
        """Takes `BaseSession`'s settings. `curl`, `thread` and `curl_share` belong to
        libcurl and only accept None; `use_thread_local_curl` is accepted and has no effect
        (one session serves every thread)."""
        _reject("curl", curl, "a Session has its own engine client")
        _reject("curl_share", curl_share, "a Session shares its connections by itself")
        _reject(
            "thread",
            thread,
            "blocking calls release the GIL but do not yield to eventlet/gevent hubs; "
            "use AsyncSession or real threads",
        )
        super().__init__(**kwargs)

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: Optional[type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        self.close()

    def ws_connect(
        self,
        url: str,
        on_message: Optional[Callable[[WebSocket, Union[bytes, str]], None]] = None,
        on_error: Optional[Callable[[WebSocket, Exception], None]] = None,
        on_open: Optional[Callable[[WebSocket], None]] = None,
        on_close: Optional[Callable[[WebSocket, int, str], None]] = None,
        on_data: Optional[Callable[[WebSocket, bytes, CurlWsFrame], None]] = None,
        *,
        autoclose: bool = True,
        skip_utf8_validation: bool = False,
        ws_retry: Optional[WebSocketRetryStrategy] = None,
        max_message_size: int = 4194304,
        params: Optional[ParamsType] = None,
        headers: Optional[HeaderTypes] = None,
        cookies: Optional[CookieTypes] = None,
        auth: Optional[tuple[str, str]] = None,
        timeout: Union[TimeoutType, NotSetType] = NOT_SET,
        allow_redirects: Union[bool, CurlFollow, str, None] = None,
        max_redirects: Optional[int] = None,
        proxies: Optional[ProxySpec] = None,
        proxy: Optional[str] = None,
        proxy_auth: Optional[tuple[str, str]] = None,
        verify: Union[bool, str, None] = None,
        referer: Optional[str] = None,
        accept_encoding: Optional[str] = _DEFAULT_ACCEPT_ENCODING,
        impersonate: ImpersonateType = None,
        ja3: Optional[str] = None,
        akamai: Optional[str] = None,
        perk: Optional[str] = None,
        extra_fp: Union[ExtraFingerprints, ExtraFpDict, None] = None,
        default_headers: Optional[bool] = None,
        quote: Union[str, Literal[False]] = "",
        http_version: Union[CurlHttpVersion, HttpVersionLiteral, None] = None,
        interface: Optional[str] = None,
        dns: Union[str, list[str], None] = None,
        doh_url: Optional[str] = None,
        cert: Union[str, tuple[str, str], None] = None,
        max_recv_speed: int = 0,
        curl_options: Optional[dict[Any, Any]] = None,
    ) -> WebSocket:
        """Opens a WebSocket with this session's settings (browser profile, proxies, cookies,
        credentials; `timeout` limits the handshake) and returns it connected. The callbacks
        serve `WebSocket.run_forever`."""
        self._check_closed()
        ws = WebSocket(
            on_message=on_message,
            on_error=on_error,
            on_open=on_open,
            on_close=on_close,
            on_data=on_data,
            autoclose=autoclose,
            skip_utf8_validation=skip_utf8_validation,
            ws_retry=ws_retry,
            max_message_size=max_message_size,
        )
        # The request keywords, by the one list of them (`_WS_REQUEST_KEYWORDS`).
        given = locals()
        request = {name: given[name] for name in _WS_REQUEST_KEYWORDS}
        request["curl_options"] = curl_options
        ws._session = self
        ws._native_ws = self._ws_open(
            url,
            request,
            _ws_config(
                skip_utf8_validation=skip_utf8_validation, max_message_size=max_message_size
            ),
        )
        return ws

    def close(self) -> None:
        """Closes the session: no new requests; responses already received stay readable."""
        if not self._closed:
            self._closed = True
            self._client.close()

    def _send(self, prepared: _Prepared) -> _native.Response:
        client = self._client
        pending: Optional[_native.Pending] = None
        upload = prepared.body.payload
        try:
            if isinstance(upload, _Upload):
                sink = client.upload_sink()
                pending = client.start(
                    prepared.method, prepared.url, prepared.opts, sink, prepared.stream
                )
                try:
                    # Every chunk, even when the response came first: the engine may still be
                    # sending the body (HTTP/2 is full duplex), and a sink closed early would
                    # end it short as if complete. Once the request no longer reads it, the
                    # sink drops pushes at once.
                    for chunk in upload.chunks():
                        sink.push(chunk)
                except BaseException as exc:
                    _upload_failed(sink, exc)
                    raise
                sink.close()
            else:
                # The exchange runs on this thread, the GIL released: no hand-off to the
                # engine's threads and back.
                return client.send(
                    prepared.method,
                    prepared.url,
                    prepared.opts,
                    prepared.native_body,
                    prepared.stream,
                )
            return pending.wait()
        except BaseException as exc:
            if pending is not None and not pending.done():
                pending.cancel()
            if isinstance(exc, _native.NativeError):
                raise _from_native(exc) from exc
            raise

    def request(
        self,
        method: HttpMethod,
        url: str,
        params: Optional[ParamsType] = None,
        data: Optional[RequestData] = None,
        content: Optional[RequestContent] = None,
        json: Any = None,
        headers: Optional[HeaderTypes] = None,
        cookies: Optional[CookieTypes] = None,
        files: Optional[FilesType] = None,
        auth: Optional[tuple[str, str]] = None,
        timeout: Union[TimeoutType, NotSetType] = NOT_SET,
        allow_redirects: Union[bool, CurlFollow, str, None] = None,
        max_redirects: Optional[int] = None,
        proxies: Optional[ProxySpec] = None,
        proxy: Optional[str] = None,
        proxy_auth: Optional[tuple[str, str]] = None,
        verify: Union[bool, str, None] = None,
        referer: Optional[str] = None,
        accept_encoding: Optional[str] = _DEFAULT_ACCEPT_ENCODING,
        content_callback: Optional[Callable[[bytes], object]] = None,
        impersonate: ImpersonateType = None,
        ja3: Optional[str] = None,
        akamai: Optional[str] = None,
        perk: Optional[str] = None,
        extra_fp: Union[ExtraFingerprints, ExtraFpDict, None] = None,
        default_headers: Optional[bool] = None,
        default_encoding: Optional[DefaultEncoding] = None,
        quote: Union[str, Literal[False]] = "",
        http_version: Union[CurlHttpVersion, HttpVersionLiteral, None] = None,
        interface: Optional[str] = None,
        dns: Union[str, list[str], None] = None,
        doh_url: Optional[str] = None,
        cert: Union[str, tuple[str, str], None] = None,
        stream: Optional[bool] = None,
        max_recv_speed: int = 0,
        multipart: None = None,
        discard_cookies: bool = False,
        resume: Optional[int] = None,
    ) -> R:
        """Sends a request and returns its response; see `mummer.requests.request` for the
        arguments. ``resume=N`` (mummer's) lets the engine continue a body cut mid-way up to
        N times (by Range, into the same stream)."""
        prepared = self._prepare(
            method,
            url,
            params=params,
            data=data,
            content=content,
            json=json,
            headers=headers,
            cookies=cookies,
            files=files,
            auth=auth,
            timeout=timeout,
            allow_redirects=allow_redirects,
            max_redirects=max_redirects,
            proxies=proxies,
            proxy=proxy,
            proxy_auth=proxy_auth,
            verify=verify,
            referer=referer,
            accept_encoding=accept_encoding,
            content_callback=content_callback,
            impersonate=impersonate,
            ja3=ja3,
            akamai=akamai,
            perk=perk,
            extra_fp=extra_fp,
            default_headers=default_headers,
            default_encoding=default_encoding,
            quote=quote,
            http_version=http_version,
            interface=interface,
            dns=dns,
            doh_url=doh_url,
            cert=cert,
            stream=stream,
            max_recv_speed=max_recv_speed,
            multipart=multipart,
            discard_cookies=discard_cookies,
            resume=resume,
        )
        if isinstance(prepared.body.payload, _Upload) and isinstance(
            prepared.body.payload.source, AsyncIterable
        ):
            raise TypeError("Session cannot send an async iterable: use AsyncSession")
        rsp = self._response(self._send(prepared), prepared, None)
        if prepared.content_callback is not None:
            try:
                for chunk in rsp._iter_raw(None):
                    prepared.content_callback(chunk)
            finally:
                rsp.close()
            rsp.content = b""
        self._check_status(rsp)
        return rsp

    @contextmanager
    def stream(
        self, method: HttpMethod, url: str, **kwargs: Unpack[StreamRequestParams]
    ) -> Iterator[R]:
        """``with s.stream("GET", url) as r:``: a streamed request, closed on leaving."""
        rsp = self.request(method, url, stream=True, **kwargs)
        try:
            yield rsp
        finally:
            rsp.close()

    def head(self, url: str, **kwargs: Unpack[RequestParams]) -> R:
        return self.request("HEAD", url, **kwargs)

    def get(self, url: str, **kwargs: Unpack[RequestParams]) -> R:
        if not kwargs and type(self).request is Session.request:
            # Only the session's settings: `request` would do exactly this, after a call that
            # passes 38 keywords and checks each of them.
            prepared = self._prepare_plain("GET", url, False)
            try:
                native = self._client.send("GET", prepared.url, prepared.opts, None, False)
            except _native.NativeError as e:
                raise _from_native(e) from e
            return self._plain_response(native, prepared)
        return self.request("GET", url, **kwargs)

    def post(self, url: str, **kwargs: Unpack[RequestParams]) -> R:
        return self.request("POST", url, **kwargs)

    def put(self, url: str, **kwargs: Unpack[RequestParams]) -> R:
        return self.request("PUT", url, **kwargs)

    def patch(self, url: str, **kwargs: Unpack[RequestParams]) -> R:
        return self.request("PATCH", url, **kwargs)

    def delete(self, url: str, **kwargs: Unpack[RequestParams]) -> R:
        return self.request("DELETE", url, **kwargs)

    def options(self, url: str, **kwargs: Unpack[RequestParams]) -> R:
        return self.request("OPTIONS", url, **kwargs)

    def trace(self, url: str, **kwargs: Unpack[RequestParams]) -> R:
        return self.request("TRACE", url, **kwargs)

    def query(self, url: str, **kwargs: Unpack[RequestParams]) -> R:
        return self.request("QUERY", url, **kwargs)


class _Semaphore:
    """What a concurrency bound needs of asyncio's or trio's semaphore."""

    def __init__(
        self, acquire: Callable[[], Awaitable[object]], release: Callable[[], None]
    ) -> None:
        self.acquire = acquire
        self.release = release


class _ConcurrencyLimit:
    """At most `limit` requests of one session in flight per event loop (asyncio, uvloop or
    trio, whichever is running), with that loop's own semaphore."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._by_loop: weakref.WeakKeyDictionary[Any, _Semaphore] = weakref.WeakKeyDictionary()
        self._lock = threading.Lock()
        # The last loop's semaphore, (weak loop, semaphore): one loop, the common case, needs
        # neither the lock nor the weak dictionary. Replaced as a whole (thread-safe reads).
        self._last: Optional[tuple[weakref.ref[Any], _Semaphore]] = None

    def _semaphore(self) -> _Semaphore:
        loop: Any
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = _trio_token()
            if loop is None:
                raise RuntimeError(
                    "mummer: AsyncSession needs a running asyncio, uvloop or trio event loop"
                ) from None
        last = self._last
        if last is not None and last[0]() is loop:
            return last[1]
        with self._lock:
            found = self._by_loop.get(loop)
            if found is None:
                found = self._new(asyncio_loop=isinstance(loop, asyncio.AbstractEventLoop))
                self._by_loop[loop] = found
            self._last = (weakref.ref(loop), found)
            return found

    def _new(self, asyncio_loop: bool) -> _Semaphore:
        if asyncio_loop:
            sem = asyncio.Semaphore(self.limit)
            return _Semaphore(sem.acquire, sem.release)
        import trio

        trio_sem = trio.Semaphore(self.limit)
        return _Semaphore(trio_sem.acquire, trio_sem.release)

    async def acquire(self) -> Callable[[], None]:
        """Waits for a slot; returns the (idempotent) function that gives it back."""
        sem = self._semaphore()
        await sem.acquire()
        return _once(sem.release)


def _trio_token() -> Any:
    trio = sys.modules.get("trio")
    if trio is None:
        return None
    try:
        return trio.lowlevel.current_trio_token()
    except RuntimeError:
        return None


class AsyncSession(BaseSession[R]):
    """A session for asyncio, uvloop or trio: its requests never block the event loop."""

    def __init__(
        self,
        *,
        loop: Optional[asyncio.AbstractEventLoop] = None,
        async_curl: None = None,
        max_clients: int = 10,
        curl_share: None = None,
        **kwargs: Unpack[BaseSessionParams[R]],
    ) -> None:
        """Takes `BaseSession`'s settings. `max_clients` bounds how many requests are in
        flight at once (a streamed response holds its slot until its body ends or it is
        closed). `loop` is accepted and unused (the running loop is used); `async_curl` and
        `curl_share` belong to libcurl and only accept None."""
        _reject("async_curl", async_curl, "an AsyncSession has its own engine client")
        _reject("curl_share", curl_share, "a session shares its connections by itself")
        if max_clients < 1:
            raise ValueError("max_clients must be at least 1")
        super().__init__(**kwargs)
        self._loop = loop
        self.max_clients = max_clients
        self._limit = _ConcurrencyLimit(max_clients)

    @property
    def loop(self) -> asyncio.AbstractEventLoop:
        """The event loop given, else the running one."""
        if self._loop is None:
            self._loop = asyncio.get_running_loop()
        return self._loop

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: Optional[type[BaseException]],
        exc: Optional[BaseException],
        tb: Optional[TracebackType],
    ) -> None:
        await self.close()

    def ws_connect(
        self,
        url: str,
        autoclose: bool = True,
        params: Optional[ParamsType] = None,
        headers: Optional[HeaderTypes] = None,
        cookies: Optional[CookieTypes] = None,
        auth: Optional[tuple[str, str]] = None,
        timeout: Union[TimeoutType, NotSetType] = NOT_SET,
        allow_redirects: Union[bool, CurlFollow, str, None] = None,
        max_redirects: Optional[int] = None,
        proxies: Optional[ProxySpec] = None,
        proxy: Optional[str] = None,
        proxy_auth: Optional[tuple[str, str]] = None,
        verify: Union[bool, str, None] = None,
        referer: Optional[str] = None,
        accept_encoding: Optional[str] = _DEFAULT_ACCEPT_ENCODING,
        impersonate: ImpersonateType = None,
        ja3: Optional[str] = None,
        akamai: Optional[str] = None,
        perk: Optional[str] = None,
        extra_fp: Union[ExtraFingerprints, ExtraFpDict, None] = None,
        default_headers: Optional[bool] = None,
        quote: Union[str, Literal[False]] = "",
        http_version: Union[CurlHttpVersion, HttpVersionLiteral, None] = None,
        interface: Optional[str] = None,
        dns: Union[str, list[str], None] = None,
        doh_url: Optional[str] = None,
        cert: Union[str, tuple[str, str], None] = None,
        max_recv_speed: int = 0,
        recv_queue_size: int = 64,
        send_queue_size: int = 32,
        max_send_batch_size: int = 64,
        coalesce_frames: bool = False,
        ws_retry: Optional[WebSocketRetryStrategy] = None,
        recv_time_slice: float = 0.01,
        send_time_slice: float = 0.01,
        max_message_size: int = 4194304,
        drain_on_error: bool = False,
        block_on_recv_queue_full: bool = True,
        curl_options: Optional[dict[Any, Any]] = None,
        *,
        skip_utf8_validation: bool = False,
    ) -> AsyncWebSocketContext:
        """Opens a WebSocket with this session's settings: await the result, or use it with
        ``async with`` (closed on exit). The queue sizes are curl_cffi's knobs; the engine
        bounds its queues in bytes (the receive queue holds at least one whole message)."""
        self._check_closed()
        # The request keywords, by the one list of them (`_WS_REQUEST_KEYWORDS`).
        given = locals()
        request = {name: given[name] for name in _WS_REQUEST_KEYWORDS}
        request["curl_options"] = curl_options
        config = _ws_config(
            skip_utf8_validation=skip_utf8_validation, max_message_size=max_message_size
        )
        # On the running loop's own thread and runtime where it can drive one (see `_wake`).
        looped = not _keepalive(config) and _wake.loop_driver() is not None
        task = self._ws_task(url, request, config, "loop" if looped else "shared")

        async def opened() -> AsyncWebSocket:
            tick = task.looped  # the engine's say: it may have found no loop runtime after all
            try:
                while not task.done():  # a wake means "poll again"
                    await _wake.wait(task.poll, tick)
                native = task.result()
            except _native.NativeError as e:
                raise _ws_error(e) from e
            except BaseException:
                task.cancel()
                raise
            assert isinstance(native, _native.WebSocket)
            return AsyncWebSocket(
                self,
                native,
                autoclose=autoclose,
                skip_utf8_validation=skip_utf8_validation,
                recv_queue_size=recv_queue_size,
                send_queue_size=send_queue_size,
                max_send_batch_size=max_send_batch_size,
                coalesce_frames=coalesce_frames,
                ws_retry=ws_retry,
                recv_time_slice=recv_time_slice,
                send_time_slice=send_time_slice,
                max_message_size=max_message_size,
                drain_on_error=drain_on_error,
                block_on_recv_queue_full=block_on_recv_queue_full,
            )

        return AsyncWebSocketContext(opened())

    async def close(self) -> None:
        """Closes the session: no new requests; responses already received stay readable."""
        if not self._closed:
            self._closed = True
            self._client.close()

    async def _send(self, prepared: _Prepared) -> _native.Response:
        client = self._client
        pending: Optional[_native.Pending] = None
        upload = prepared.body.payload
        try:
            if isinstance(upload, _Upload):
                sink = client.upload_sink()
                pending = client.start(
                    prepared.method, prepared.url, prepared.opts, sink, prepared.stream
                )
                await _feed(sink, upload)
            else:
                pending = client.start(
                    prepared.method,
                    prepared.url,
                    prepared.opts,
                    prepared.native_body,
                    prepared.stream,
                )
            await _wake.wait(pending.set_waker)
            return pending.result()
        except BaseException as exc:
            # Cancellation (asyncio's CancelledError, trio's Cancelled) included: the engine
            # stops the request instead of finishing it for nobody.
            if pending is not None and not pending.done():
                pending.cancel()
            if isinstance(exc, _native.NativeError):
                raise _from_native(exc) from exc
            raise

    async def request(
        self,
        method: HttpMethod,
        url: str,
        params: Optional[ParamsType] = None,
        data: Optional[RequestData] = None,
        content: Optional[RequestContent] = None,
        json: Any = None,
        headers: Optional[HeaderTypes] = None,
        cookies: Optional[CookieTypes] = None,
        files: Optional[FilesType] = None,
        auth: Optional[tuple[str, str]] = None,
        timeout: Union[TimeoutType, NotSetType] = NOT_SET,
        allow_redirects: Union[bool, CurlFollow, str, None] = None,
        max_redirects: Optional[int] = None,
        proxies: Optional[ProxySpec] = None,
        proxy: Optional[str] = None,
        proxy_auth: Optional[tuple[str, str]] = None,
        verify: Union[bool, str, None] = None,
        referer: Optional[str] = None,
        accept_encoding: Optional[str] = _DEFAULT_ACCEPT_ENCODING,
        content_callback: Optional[Callable[[bytes], object]] = None,
        impersonate: ImpersonateType = None,
        ja3: Optional[str] = None,
        akamai: Optional[str] = None,
        perk: Optional[str] = None,
        extra_fp: Union[ExtraFingerprints, ExtraFpDict, None] = None,
        default_headers: Optional[bool] = None,
        default_encoding: Optional[DefaultEncoding] = None,
        quote: Union[str, Literal[False]] = "",
        http_version: Union[CurlHttpVersion, HttpVersionLiteral, None] = None,
        interface: Optional[str] = None,
        dns: Union[str, list[str], None] = None,
        doh_url: Optional[str] = None,
        cert: Union[str, tuple[str, str], None] = None,
        stream: Optional[bool] = None,
        max_recv_speed: int = 0,
        multipart: None = None,
        discard_cookies: bool = False,
        resume: Optional[int] = None,
    ) -> R:
        """Sends a request and returns its response; see `mummer.requests.request` for the
        arguments (`content` may be an async iterable of bytes here)."""
        prepared = self._prepare(
            method,
            url,
            params=params,
            data=data,
            content=content,
            json=json,
            headers=headers,
            cookies=cookies,
            files=files,
            auth=auth,
            timeout=timeout,
            allow_redirects=allow_redirects,
            max_redirects=max_redirects,
            proxies=proxies,
            proxy=proxy,
            proxy_auth=proxy_auth,
            verify=verify,
            referer=referer,
            accept_encoding=accept_encoding,
            content_callback=content_callback,
            impersonate=impersonate,
            ja3=ja3,
            akamai=akamai,
            perk=perk,
            extra_fp=extra_fp,
            default_headers=default_headers,
            default_encoding=default_encoding,
            quote=quote,
            http_version=http_version,
            interface=interface,
            dns=dns,
            doh_url=doh_url,
            cert=cert,
            stream=stream,
            max_recv_speed=max_recv_speed,
            multipart=multipart,
            discard_cookies=discard_cookies,
            resume=resume,
        )
        release = await self._limit.acquire()
        try:
            rsp = self._response(await self._send(prepared), prepared, release)
        except BaseException:
            release()
            raise
        if prepared.content_callback is not None:
            try:
                async for chunk in rsp._aiter_raw(None):
                    prepared.content_callback(chunk)
            finally:
                rsp.close()
            rsp.content = b""
        self._check_status(rsp)
        return rsp

    @asynccontextmanager
    async def stream(
        self, method: HttpMethod, url: str, **kwargs: Unpack[StreamRequestParams]
    ) -> AsyncIterator[R]:
        """``async with s.stream("GET", url) as r:``: a streamed request, closed on leaving."""
        rsp = await self.request(method, url, stream=True, **kwargs)
        try:
            yield rsp
        finally:
            await rsp.aclose()

    async def head(self, url: str, **kwargs: Unpack[RequestParams]) -> R:
        return await self.request("HEAD", url, **kwargs)

    async def get(self, url: str, **kwargs: Unpack[RequestParams]) -> R:
        if not kwargs and type(self).request is AsyncSession.request:
            # Only the session's settings: what `request` does, without its 38 keywords (as
            # `Session.get`).
            prepared = self._prepare_plain("GET", url, False)
            release = await self._limit.acquire()
            try:
                native = await self._send(prepared)
            finally:
                release()
            return self._plain_response(native, prepared)
        return await self.request("GET", url, **kwargs)

    async def post(self, url: str, **kwargs: Unpack[RequestParams]) -> R:
        return await self.request("POST", url, **kwargs)

    async def put(self, url: str, **kwargs: Unpack[RequestParams]) -> R:
        return await self.request("PUT", url, **kwargs)

    async def patch(self, url: str, **kwargs: Unpack[RequestParams]) -> R:
        return await self.request("PATCH", url, **kwargs)

    async def delete(self, url: str, **kwargs: Unpack[RequestParams]) -> R:
        return await self.request("DELETE", url, **kwargs)

    async def options(self, url: str, **kwargs: Unpack[RequestParams]) -> R:
        return await self.request("OPTIONS", url, **kwargs)

    async def trace(self, url: str, **kwargs: Unpack[RequestParams]) -> R:
        return await self.request("TRACE", url, **kwargs)

    async def query(self, url: str, **kwargs: Unpack[RequestParams]) -> R:
        return await self.request("QUERY", url, **kwargs)


async def _feed(sink: _native.UploadSink, upload: _Upload) -> None:
    """Pushes `upload` into `sink` without blocking the loop: a chunk goes in at once when
    there is room, and only a full sink waits for the engine to take some. Every chunk goes
    (see `Session._send`)."""
    try:
        async for chunk in upload.achunks():
            while not sink.try_push(chunk):
                await _wake.wait(sink.wait_writable)
    except BaseException as exc:
        _upload_failed(sink, exc)
        raise
    sink.close()
