"""The native bridge (`crates/mummer-py`): the mummer engine, its runtime, and the wake
mechanism async code waits on. Only `mummer.requests` uses it directly.

Options are plain dicts of primitives, the same keys at client level (`Client(config)`) and
per request (`Client.start(..., opts)`), every key optional:

- ``headers``: list of (name, value) str pairs, in order (client: sent with every request).
- ``cookies``: list of (name, value) pairs, this request's own (first origin only); at client
  level use the jar.
- ``auth``: ("basic" | "digest", user, password) or ("bearer", token, "").
- ``connect_timeout``, ``read_timeout``, ``total_timeout``: seconds (float).
- ``max_redirects``: int (0: do not follow); ``safe_redirects``: bool; ``auto_referer``: bool.
- ``referer``: str (the page the request comes from).
- ``proxy``: str URL or None (no proxy); ``proxy_auth``: (user, password); ``no_proxy``: str.
- ``remove_headers``: list of names sent by no one (not even a profile's default).
- ``verify``: bool; ``ca_file``: str path; ``ca_pem``: bytes; ``bundled_roots``: bool (False:
  only the given CA, as libcurl's CAINFO); ``cert``: (cert PEM path, key PEM path or None).
- ``impersonate``: profile name or None (no profile); ``ja3``, ``akamai``: str;
  ``fp_overrides``: partial profile TOML (str); ``default_headers``: bool (False: the profile's
  TLS and HTTP/2 shape without its default header values).
- ``http_version``: "1.1" | "2" | "auto".
- ``interface``: local IP or interface name; ``max_recv_speed``: bytes/s (0: unlimited);
  ``max_body_size``: bytes.
- ``retry``: dict(count=int, delay=float, jitter=float, backoff="linear"|"exponential"|
  "constant", statuses=list[int] | None, all_methods=bool, all_errors=bool,
  retry_after_cap=float | None).
- ``resume``: int (transparent resume attempts; 0 off); ``store_cookies``: bool;
  ``decompress``: bool.
- client only: ``resolve``: list of (host, port, ip); ``pool_max_idle_per_host``: int;
  ``cookie_jar``: CookieJar.

Errors are raised as `NativeError(message, kind, code)`: `kind` names what failed (see
`ERROR_KINDS`), `code` is curl's error number for it (the CLI exits with the same numbers).
"""

from typing import Any, Final, Literal, Optional, Sequence, Union, final

# As pyo3 makes it at run time.
__all__ = [
    "__version__",
    "ERROR_KINDS",
    "NativeError",
    "Waker",
    "LoopDriver",
    "loop_driver",
    "CookieJar",
    "UploadSink",
    "Stream",
    "Response",
    "Pending",
    "Form",
    "Client",
    "WebSocket",
    "WsTask",
    "Options",
    "profiles",
    "resolve_profile",
    "shutdown",
    "after_fork",
    "default_user_agent",
]

__version__: Final[str]

#: Every `NativeError.kind`.
ERROR_KINDS: Final[list[str]]

class NativeError(Exception):
    """A failure of the engine. `args` is (message, kind, code)."""

    @property
    def kind(self) -> str: ...
    @property
    def code(self) -> int: ...
    @property
    def message(self) -> str: ...

@final
class Waker:
    """One readable file descriptor per event loop: the engine makes it readable when a token
    registered with it is ready; `drain()` returns the ready tokens."""

    def __init__(self) -> None: ...
    def fileno(self) -> int: ...
    def drain(self) -> list[int]: ...

@final
class LoopDriver:
    """This thread's runtime, for the event loop on this thread to drive: watch `fileno()`
    and call `turn()` when it is readable."""

    def fileno(self) -> int: ...
    def turn(self, waker: Optional[Waker] = None) -> list[int]:
        """Runs the runtime's ready work; returns `waker`'s tokens made ready meanwhile (not
        signalled through its descriptor)."""

def loop_driver() -> Optional[LoopDriver]:
    """This thread's `LoopDriver`, or None where its runtime cannot be watched."""

@final
class CookieJar:
    """An RFC 6265 jar shared between the engine and Python (mummer.requests.Cookies wraps it)."""

    def __init__(self) -> None: ...
    def __len__(self) -> int: ...
    def all(self) -> list[dict[str, Any]]:
        """Every cookie as a dict: name, value, domain, host_only, path, secure, http_only,
        same_site (str | None), expires (float epoch seconds | None)."""
    def get_all(
        self, name: str, domain: Optional[str] = None, path: Optional[str] = None
    ) -> list[dict[str, Any]]: ...
    def set(
        self, name: str, value: str, domain: str = "", path: str = "/", secure: bool = False
    ) -> None: ...
    def set_cookie(self, cookie: dict[str, Any]) -> None: ...
    def remove(self, name: str, domain: Optional[str] = None, path: Optional[str] = None) -> int: ...
    def clear(self, domain: Optional[str] = None, path: Optional[str] = None) -> None: ...
    def header_for(self, url: str) -> Optional[str]: ...
    def to_netscape(self) -> str: ...
    def load_netscape(self, text: str) -> int: ...

@final
class UploadSink:
    """A streamed request body fed from Python: `push` chunks, then `close` (or `fail`)."""

    def push(self, data: bytes) -> None:
        """Waits (without the GIL) while the sink is full."""
    def try_push(self, data: bytes) -> bool:
        """Queues `data` if there is room; False when full (call `wait_writable`)."""
    def wait_writable(self, waker: Waker, token: int) -> bool:
        """Registers `token` to be made ready when there is room; False when there is room
        already."""
    def close(self) -> None: ...
    def fail(self, message: str) -> None: ...

@final
class Stream:
    """A response body being received: a task fills a queue bounded in bytes; reads take from
    it."""

    def read(self, max_bytes: int, min_bytes: int = 1) -> Optional[bytes]:
        """Up to `max_bytes` queued bytes at once (coalesced) when at least `min_bytes` are
        queued or the body ended; b"" at the end; None when not enough is queued yet. Raises
        the body's error (every time) once it failed and the queue is drained."""
    def read_blocking(self, max_bytes: int, min_bytes: int = 1) -> bytes:
        """As `read`, waiting without the GIL until it has an answer."""
    def wait(self, waker: Waker, token: int, min_bytes: int = 1) -> bool:
        """Registers `token` to be made ready when `read(.., min_bytes)` would answer;
        False when it would answer already."""
    def close(self) -> None:
        """Stops receiving: the connection is closed (or the HTTP/2 stream reset)."""
    @property
    def closed(self) -> bool: ...
    @property
    def raw_bytes(self) -> int: ...
    @property
    def delivered(self) -> int: ...
    @property
    def resumes(self) -> int: ...
    @property
    def close_notify_missing(self) -> bool:
        """Set once the body ended: the server closed TLS without close_notify, so the end
        of this close-delimited body cannot be told from a cut."""

@final
class Response:
    """A response head, with its whole body (`content`) or a `stream`."""

    @property
    def status(self) -> int: ...
    @property
    def reason(self) -> str: ...
    @property
    def http_version(self) -> Literal["1.0", "1.1", "2"]: ...
    @property
    def url(self) -> str: ...
    @property
    def headers(self) -> list[tuple[str, str]]:
        """As received: the server's name spelling (HTTP/1.x), order and repeats."""
    @property
    def request_method(self) -> str: ...
    @property
    def request_headers(self) -> list[tuple[str, str]]:
        """The final request's fields exactly as sent."""
    @property
    def history(self) -> list[dict[str, Any]]:
        """Each redirect hop: url, status, reason, http_version, headers, cookies."""
    @property
    def cookies(self) -> list[dict[str, Any]]:
        """The cookies this response set (dicts as `CookieJar.all`)."""
    @property
    def elapsed(self) -> float: ...
    @property
    def primary_ip(self) -> str: ...
    @property
    def primary_port(self) -> int: ...
    @property
    def local_ip(self) -> str: ...
    @property
    def local_port(self) -> int: ...
    @property
    def redirect_count(self) -> int: ...
    @property
    def header_size(self) -> int: ...
    @property
    def retries(self) -> int: ...
    @property
    def content(self) -> Optional[bytes]:
        """The whole body when the request was not streamed."""
    @property
    def raw_bytes(self) -> int: ...
    @property
    def resumes(self) -> int: ...
    @property
    def close_notify_missing(self) -> bool:
        """The body ended with a TLS connection the server closed without close_notify (a
        close-delimited body): its end cannot be told from a cut."""
    @property
    def stream(self) -> Optional[Stream]: ...
    def summary(
        self,
    ) -> tuple[
        tuple[str, int, str, str],
        tuple[int, str, int, str, int, int, int],
        tuple[Optional[bytes], int, int, Optional[Stream], bool],
    ]:
        """What `_fill` reads, in one call."""

@final
class Pending:
    """A request in flight on the engine's runtime."""

    def wait(self) -> Response:
        """Waits without the GIL; raises NativeError."""
    def set_waker(self, waker: Waker, token: int) -> bool:
        """Registers `token`; False when the result is there already."""
    def result(self) -> Response:
        """The result once ready (after the waker said so); raises NativeError."""
    def done(self) -> bool: ...
    def cancel(self) -> None: ...

_Body = Union[bytes, "Form", UploadSink, None]

@final
class Form:
    """A multipart/form-data body; the boundary follows the request's browser profile."""

    def __init__(self) -> None: ...
    def text(self, name: str, value: Union[str, bytes]) -> None: ...
    def data(
        self,
        name: str,
        value: bytes,
        filename: Optional[str] = None,
        content_type: Optional[str] = None,
    ) -> None: ...
    def file(
        self,
        name: str,
        path: str,
        filename: Optional[str] = None,
        content_type: Optional[str] = None,
    ) -> None: ...

@final
class Options:
    """An options dict read once: pass it to `start`/`send` in place of the dict when many
    requests share the same options (a session's settings)."""

    def __new__(cls, opts: dict[str, Any]) -> Options: ...

@final
class Client:
    """A client: options, a pool, a cookie jar. Safe to share between threads."""

    def __new__(cls, config: dict[str, Any]) -> Client: ...
    def start(
        self,
        method: str,
        url: str,
        opts: Union[dict[str, Any], Options, None],
        body: _Body,
        stream: bool,
    ) -> Pending:
        """Sends the request on the runtime; returns at once."""
    def send(
        self,
        method: str,
        url: str,
        opts: Union[dict[str, Any], Options, None],
        body: Union[bytes, "Form", None],
        stream: bool,
    ) -> Response:
        """Sends the request and waits on this thread without the GIL (the exchange runs
        here, woken by the runtime's reactor: no hand-off to a runtime thread). Not for
        `UploadSink` bodies, whose producer is this thread (use `start`)."""
    def upload_sink(self) -> UploadSink:
        """A new sink to pass as a `start` body."""
    def ws_connect(
        self,
        url: str,
        opts: Union[dict[str, Any], Options, None],
        config: Optional[dict[str, Any]] = None,
        driver: str = "shared",
    ) -> WsTask:
        """Opens a WebSocket with these request options and WebSocket settings; the task's
        result is the `WebSocket`."""
    def close(self) -> None: ...
    @property
    def closed(self) -> bool: ...
    @property
    def cookie_jar(self) -> Optional[CookieJar]: ...

@final
class WsTask:
    """A WebSocket operation in flight (open, send, flush, close)."""

    def poll(self, waker: Waker, token: int) -> bool:
        """Registers the waker unless finished; False when finished."""
    @property
    def looped(self) -> bool:
        """Whether the event loop's driver runs it (waiting, turn it now and then)."""
    def done(self) -> bool: ...
    def result(self) -> Any:
        """The outcome (a `WebSocket`, a `(code, reason)` close frame, or None); raises the
        failure."""
    def wait(self, timeout: Optional[float] = None) -> Any:
        """Runs it to its end on this thread without the GIL, then `result()`."""
    def cancel(self) -> None: ...

_Received = tuple[bytes, int, Optional[tuple[int, str]]]

@final
class WebSocket:
    """An open WebSocket of the engine."""

    def try_recv(self, fragment: bool = False) -> Optional[_Received]:
        """The next message (or frame) if one is queued: (payload, CURLWS flags, close)."""
    def recv_wait(self, waker: Waker, token: int, fragment: bool = False) -> bool:
        """False when something is queued; True when the token will be signalled."""
    def recv(self, timeout: Optional[float] = None, fragment: bool = False) -> _Received:
        """Blocks without the GIL for the next message (or frame)."""
    def send(
        self, data: bytes, text: bool, whole: bool = True, start: bool = True, last: bool = True
    ) -> Optional[WsTask]:
        """Queues a message or frame; None when queued at once."""
    def ping(self, data: bytes, pong: bool = False) -> None: ...
    def flush(self) -> WsTask: ...
    def close(self, code: int, reason: str) -> WsTask: ...
    def terminate(self) -> None: ...
    @property
    def looped(self) -> bool:
        """Whether its event loop's driver runs it (the loop must watch it while waiting)."""
    def is_closed(self) -> bool: ...
    def protocol(self) -> Optional[str]: ...
    def compressed(self) -> bool: ...
    def url(self) -> str: ...
    def response_headers(self) -> list[tuple[str, bytes]]: ...
    def request_headers(self) -> list[tuple[str, bytes]]: ...

def profiles() -> list[tuple[str, list[str], str, str]]:
    """Every shipped profile: (name, aliases, browser, version)."""

def resolve_profile(name: str) -> Optional[str]:
    """The canonical profile name for a name or alias, None when unknown."""

def shutdown(timeout: float = 1.0) -> None:
    """Stops the runtime (at interpreter exit): tasks are cancelled, threads joined within
    `timeout`; later calls start a new runtime only after `after_fork`."""

def after_fork() -> None:
    """In a child after `os.fork()`: forgets the parent's runtime and connections."""

def default_user_agent() -> str: ...
