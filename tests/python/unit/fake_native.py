"""A stand-in for the compiled ``mummer._native``, for unit tests of the pure-Python layer
only (headers, cookies, option merging, fingerprints) while the extension is not built.

It follows the contract in ``python/mummer/_native.pyi``: the cookie jar keeps curl's reading
of domains, and `Client.start` records what it was given (``Client.started``) and answers
with a canned response, so tests can look at the options a session hands the engine.
"""

from __future__ import annotations

import sys
import types
from typing import Any, Optional

__version__ = "0.0.0-fake"

ERROR_KINDS = (
    "builder",
    "resolve",
    "connect",
    "tls",
    "certificate",
    "proxy",
    "proxy_status",
    "timeout_connect",
    "timeout_read",
    "timeout_total",
    "request",
    "protocol",
    "body_truncated",
    "body_framing",
    "body_reset",
    "body_goaway",
    "body_io",
    "decode",
    "too_many_redirects",
    "redirect_bad_location",
    "redirect_scheme",
    "redirect_unsafe",
    "not_replayable",
    "closed",
    "aborted",
    "too_large",
    "status",
    "ws_close_timeout",
    "ws_handshake",
    "ws_protocol",
    "ws_abnormal",
    "ws_closed",
    "ws_send",
    "ws_keepalive",
    "runtime",
    "panic",
)

PROFILES = [
    ("chrome_156", ["chrome", "chrome156"], "chrome", "156"),
    ("chrome_131", ["chrome131"], "chrome", "131"),
    ("firefox_esr_153", ["firefox", "firefox_esr", "firefox153"], "firefox", "153esr"),
    ("safari_18_4", ["safari184", "safari18_4"], "safari", "18.4"),
    ("safari_27_0", ["safari", "safari270", "safari27_0", "safari_beta"], "safari", "27.0"),
]


class NativeError(Exception):
    def __init__(self, message: str, kind: str, code: int, *rest: Any) -> None:
        super().__init__(message, kind, code)
        self._message, self._kind, self._code = message, kind, code

    @property
    def kind(self) -> str:
        return self._kind

    @property
    def code(self) -> int:
        return self._code

    @property
    def message(self) -> str:
        return self._message

    def __str__(self) -> str:
        return self._message


class Waker:
    """A real descriptor that never becomes readable: the fake is always ready at once."""

    def __init__(self) -> None:
        import os

        self._read, self._write = os.pipe()

    def fileno(self) -> int:
        return self._read

    def drain(self) -> list[int]:
        return []


def _filter(
    record: dict[str, Any], name: Optional[str], domain: Optional[str], path: Optional[str]
) -> bool:
    if name is not None and record["name"] != name:
        return False
    if path is not None and record["path"] != path:
        return False
    if domain is not None:
        only_domain = domain.startswith(".")
        wanted = (domain[1:] if only_domain else domain).lower()
        if record["domain"] != wanted or (only_domain and record["host_only"]):
            return False
    return True


class CookieJar:
    """The jar's documented behaviour: (domain, path, name) identity, oldest first."""

    def __init__(self) -> None:
        self._cookies: list[dict[str, Any]] = []

    def __len__(self) -> int:
        return len(self._cookies)

    def all(self) -> list[dict[str, Any]]:
        return [dict(c) for c in self._cookies]

    def get_all(
        self, name: str, domain: Optional[str] = None, path: Optional[str] = None
    ) -> list[dict[str, Any]]:
        return [dict(c) for c in self._cookies if _filter(c, name, domain, path)]

    def set(
        self, name: str, value: str, domain: str = "", path: str = "/", secure: bool = False
    ) -> None:
        if not name or any(c in name for c in " \t;="):
            raise NativeError("invalid cookie name", "builder", 3)
        self.set_cookie(
            {
                "name": name,
                "value": value,
                "domain": domain,
                "host_only": bool(domain) and not domain.startswith("."),
                "path": path,
                "secure": secure,
                "http_only": False,
                "same_site": None,
                "expires": None,
            }
        )

    def set_cookie(self, cookie: dict[str, Any]) -> None:
        record = dict(cookie)
        domain = str(record.get("domain", ""))
        record["host_only"] = bool(record.get("host_only")) and not domain.startswith(".")
        record["domain"] = domain.lstrip(".").lower()
        record.setdefault("path", "/")
        key = (record["domain"], record["path"], record["name"])
        for i, c in enumerate(self._cookies):
            if (c["domain"], c["path"], c["name"]) == key:
                self._cookies[i] = record  # replaced, keeps its creation order
                return
        self._cookies.append(record)

    def remove(self, name: str, domain: Optional[str] = None, path: Optional[str] = None) -> int:
        before = len(self._cookies)
        self._cookies = [c for c in self._cookies if not _filter(c, name, domain, path)]
        return before - len(self._cookies)

    def clear(self, domain: Optional[str] = None, path: Optional[str] = None) -> None:
        self._cookies = [c for c in self._cookies if not _filter(c, None, domain, path)]

    def header_for(self, url: str) -> Optional[str]:
        return "; ".join(f"{c['name']}={c['value']}" for c in self._cookies) or None

    def to_netscape(self) -> str:
        return ""

    def load_netscape(self, text: str) -> int:
        return 0


class Form:
    def __init__(self) -> None:
        self.parts: list[tuple[Any, ...]] = []

    def text(self, name: str, value: Any) -> None:
        self.parts.append(("text", name, value))

    def data(
        self,
        name: str,
        value: bytes,
        filename: Optional[str] = None,
        content_type: Optional[str] = None,
    ) -> None:
        self.parts.append(("data", name, value, filename, content_type))

    def file(
        self,
        name: str,
        path: str,
        filename: Optional[str] = None,
        content_type: Optional[str] = None,
    ) -> None:
        self.parts.append(("file", name, path, filename, content_type))


def summary_of(r: Any) -> tuple[Any, ...]:
    """`_native.Response.summary` of a fake with the same attributes."""
    return (
        (r.url, r.status, r.reason, r.http_version),
        (
            r.redirect_count,
            r.primary_ip,
            r.primary_port,
            r.local_ip,
            r.local_port,
            r.header_size,
            r.retries,
        ),
        (r.content, r.raw_bytes, r.resumes, r.stream, r.close_notify_missing),
    )


class Response:
    """A canned 200 with a whole body."""

    def __init__(self, url: str, method: str, headers: list[tuple[str, str]]) -> None:
        self.status = 200
        self.reason = "OK"
        self.http_version = "2"
        self.url = url
        self.headers = [("Content-Type", "text/plain; charset=utf-8"), ("Set-Cookie", "a=1")]
        self.request_method = method
        self.request_headers = headers
        self.history: list[dict[str, Any]] = []
        self.cookies = [
            {
                "name": "a",
                "value": "1",
                "domain": "example.com",
                "host_only": True,
                "path": "/",
                "secure": False,
                "http_only": False,
                "same_site": None,
                "expires": None,
            }
        ]
        self.elapsed = 0.25
        self.primary_ip = "192.0.2.1"
        self.primary_port = 443
        self.local_ip = "192.0.2.2"
        self.local_port = 50000
        self.redirect_count = 0
        self.header_size = 64
        self.retries = 0
        self.content: Optional[bytes] = b"hello"
        self.raw_bytes = 5
        self.resumes = 0
        self.close_notify_missing = False
        self.stream = None

    def summary(self) -> tuple[Any, ...]:
        return summary_of(self)


class Pending:
    def __init__(self, response: Response) -> None:
        self._response = response

    def wait(self) -> Response:
        return self._response

    def set_waker(self, waker: Waker, token: int) -> bool:
        return False

    def result(self) -> Response:
        return self._response

    def done(self) -> bool:
        return True

    def cancel(self) -> None:
        pass


class UploadSink:
    def __init__(self) -> None:
        self.chunks: list[bytes] = []
        self.closed = False

    def push(self, data: bytes) -> None:
        self.chunks.append(bytes(data))

    def try_push(self, data: bytes) -> bool:
        self.chunks.append(bytes(data))
        return True

    def wait_writable(self, waker: Waker, token: int) -> bool:
        return False

    def close(self) -> None:
        self.closed = True

    def fail(self, message: str) -> None:
        self.closed = True


class Options:
    def __init__(self, opts: dict[str, Any]) -> None:
        self.opts = dict(opts)


def _opts(opts: Any) -> Optional[dict[str, Any]]:
    return opts.opts if isinstance(opts, Options) else opts


class Client:
    def __init__(self, config: dict[str, Any]) -> None:
        self.config = config
        self.started: list[tuple[str, str, Optional[dict[str, Any]], Any, bool]] = []
        self._closed = False

    def start(self, method: str, url: str, opts: Any, body: Any, stream: bool) -> Pending:
        opts = _opts(opts)
        self.started.append((method, url, opts, body, stream))
        return Pending(Response(url, method, list((opts or {}).get("headers", []))))

    def send(self, method: str, url: str, opts: Any, body: Any, stream: bool) -> Response:
        return self.start(method, url, opts, body, stream).wait()

    def upload_sink(self) -> UploadSink:
        return UploadSink()

    def close(self) -> None:
        self._closed = True

    @property
    def closed(self) -> bool:
        return self._closed

    @property
    def cookie_jar(self) -> Optional[CookieJar]:
        jar = self.config.get("cookie_jar")
        return jar if isinstance(jar, CookieJar) else None


def profiles() -> list[tuple[str, list[str], str, str]]:
    return [(n, list(a), b, v) for n, a, b, v in PROFILES]


def resolve_profile(name: str) -> Optional[str]:
    want = name.strip().lower().replace("-", "_")
    for canonical, aliases, _, _ in PROFILES:
        if want in [canonical, *aliases]:
            return canonical
    return None


def shutdown(timeout: float = 1.0) -> None:
    pass


def after_fork() -> None:
    pass


def default_user_agent() -> str:
    return "mummer/0.0.0-fake"


def install() -> types.ModuleType:
    """Makes this module ``mummer._native`` (before ``mummer`` is first imported)."""
    module = sys.modules[__name__]
    sys.modules["mummer._native"] = module
    return module
