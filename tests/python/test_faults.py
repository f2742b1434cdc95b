"""Broken response bodies: every fault kind of ``crates/mummer/tests/faults.rs`` that the test
server can produce, over HTTP/1.1 (plain and TLS) and HTTP/2, read with ``iter_content``,
``aiter_content``, ``.content`` and ``await .acontent()``.

Each fault raises its mapped exception (class and curl ``.code``) FROM THE ITERATOR, after
exactly the bytes that arrived were yielded, never a clean short end; reading again raises
again; reading after ``close()`` raises `StreamConsumedError`.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import ssl
import threading
import warnings
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional

import pytest
from mummer_testutil import adrain, drain, pattern, read_head

from mummer import requests as mreq
from mummer.requests import exceptions as exc
from mummer.utils import MummerWarning

N = 100_000
AT = 30_000
#: Not a divisor of AT: the last chunk before the fault is a short one, and must be yielded.
CHUNK = 7_000
#: The read timeout for the stall faults (streamed: connect and each wait for data).
STALL_TIMEOUT = 0.5

#: Test-server base URL per protocol.
SERVERS = {"h1": "http", "h1-tls": "https_h1", "h2": "https"}


@dataclass(frozen=True)
class Fault:
    """A broken body: the route, and per protocol ("h1", "h2") the exception class, its
    ``.code``, and the bytes yielded before it (None: decoded bytes, checked elsewhere)."""

    path: str
    h1: tuple[type[exc.RequestException], int]
    h2: tuple[type[exc.RequestException], int]
    arrived: Optional[bytes] = field(default=pattern(0, AT))
    only: Optional[str] = None  # "h2": only meaningful over HTTP/2
    timeout: Optional[float] = None


IR = (exc.IncompleteRead, 18)
CE = (exc.ChunkedEncodingError, 18)
CD = (exc.ContentDecodingError, 61)
RT = (exc.ReadTimeout, 28)

FAULTS = {
    # Content-Length not reached: close (h1, with TLS close_notify) / RST_STREAM (h2).
    "truncated": Fault(f"/cut/{N}?at={AT}", IR, IR),
    # h1: FIN without close_notify; h2: the connection dropped without GOAWAY.
    "truncated-drop": Fault(f"/cut/{N}?at={AT}&mode=drop", IR, IR),
    # h1: TCP RST after the bytes; h2: RST_STREAM.
    "tcp-reset": Fault(f"/cut/{N}?at={AT}&mode=reset", IR, IR),
    "truncated-route": Fault("/truncated/60000", IR, IR),
    # Chunked body without its last chunk (h1, cut mid-chunk); h2: RST_STREAM, no length.
    "chunked-cut": Fault(f"/cut-chunked/{N}?at={AT}", CE, IR),
    "chunked-cut-on-boundary": Fault(f"/cut-chunked/{N}?at=65536", CE, IR, pattern(0, 65536)),
    # h1: a chunk-size line that is not hex; h2: RST_STREAM(PROTOCOL_ERROR) after DATA.
    "bad-chunk": Fault("/bad-chunk", CE, IR, b"hello"),
    # HTTP/2 RST_STREAM(CANCEL).
    "rst-stream-cancel": Fault(f"/cut/{N}?at={AT}&mode=reset&code=8", IR, IR, only="h2"),
    # HTTP/2 GOAWAY (NO_ERROR, and PROTOCOL_ERROR) mid-body, then the connection closes.
    "goaway": Fault(f"/goaway/{N}?at={AT}", IR, IR),
    "goaway-error": Fault(f"/goaway/{N}?at={AT}&code=1", IR, IR),
    # Framing intact, the compressed stream cut.
    "gzip-cut": Fault(f"/gzip-cut/{N}", CD, CD, None),
    "deflate-cut": Fault(f"/gzip-cut/{N}?encoding=deflate", CD, CD, None),
    "br-cut": Fault(f"/gzip-cut/{N}?encoding=br", CD, CD, None),
    "zstd-cut": Fault(f"/gzip-cut/{N}?encoding=zstd", CD, CD, None),
    # Silence mid-body, longer than the read timeout.
    "stall": Fault(f"/stall/{N}?at={AT}&secs=3", RT, RT, timeout=STALL_TIMEOUT),
}


def _cases(protocols: list[str]) -> list[object]:
    cases = []
    for name, fault in FAULTS.items():
        for proto in protocols:
            if fault.only and not proto.startswith(fault.only):
                continue
            cases.append(pytest.param(name, proto, id=f"{name}-{proto}"))
    return cases


def _expected(fault: Fault, proto: str) -> tuple[type[exc.RequestException], int]:
    return fault.h2 if proto == "h2" else fault.h1


def _whole(cls: type[exc.RequestException]) -> type[exc.RequestException]:
    """The class a NOT streamed request raises: its timeout bounds the whole exchange, which
    is curl_cffi's plain Timeout (ReadTimeout's base), not a ReadTimeout."""
    return exc.Timeout if cls is exc.ReadTimeout else cls


def _kwargs(fault: Fault) -> dict[str, object]:
    return {"timeout": fault.timeout} if fault.timeout else {}


def _raw_body(port: int, path: str) -> bytes:
    """The body bytes exactly as the plain HTTP/1.1 server sends them (not decoded)."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n".encode())
        data = b""
        while True:
            piece = sock.recv(65536)
            if not piece:
                break
            data += piece
    head, body = data.split(b"\r\n\r\n", 1)
    length = int(
        next(
            line.split(b":", 1)[1]
            for line in head.split(b"\r\n")
            if line.lower().startswith(b"content-length:")
        )
    )
    assert len(body) == length
    return body


@pytest.fixture(scope="module")
def decodable(urls: dict[str, str]) -> dict[str, bytes]:
    """What a decoder can make of each cut zlib-family body (Python's zlib, as a reference):
    exactly what mummer must yield before ContentDecodingError."""
    port = int(urls["http"].rsplit(":", 1)[1])
    out = {}
    for name, wbits in (("gzip-cut", 31), ("deflate-cut", 15)):
        body = _raw_body(port, FAULTS[name].path)
        out[name] = zlib.decompressobj(wbits).decompress(body)
    return out


def _check_yielded(name: str, got: bytes, decodable: dict[str, bytes]) -> None:
    fault = FAULTS[name]
    if fault.arrived is not None:
        assert len(got) == len(fault.arrived)
        assert got == fault.arrived
    elif name in decodable:
        assert len(got) == len(decodable[name])
        assert got == decodable[name]
    else:
        # br, zstd: no reference decoder here; what was yielded is the body's start.
        assert len(got) < N
        assert got == pattern(0, len(got))


@pytest.fixture
def s(ca_file: str) -> Iterator[mreq.Session]:
    with mreq.Session(verify=ca_file) as session:
        yield session


# -- sync -------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "proto"), _cases(["h1", "h1-tls", "h2"]))
@pytest.mark.parametrize("chunk_size", [None, CHUNK])
def test_iter_content_raises_after_every_byte_that_arrived(
    s: mreq.Session,
    urls: dict[str, str],
    decodable: dict[str, bytes],
    name: str,
    proto: str,
    chunk_size: Optional[int],
) -> None:
    fault = FAULTS[name]
    cls, code = _expected(fault, proto)
    r = s.get(urls[SERVERS[proto]] + fault.path, stream=True, **_kwargs(fault))
    assert r.status_code == 200
    got: list[bytes] = []
    with pytest.raises(exc.RequestException) as info:
        drain(r.iter_content(chunk_size), got)
    assert type(info.value) is cls
    assert info.value.code == code
    assert info.value.response is r
    _check_yielded(name, b"".join(got), decodable)
    if chunk_size is not None:
        # Every chunk but the last before the error is exactly chunk_size.
        assert all(len(c) == chunk_size for c in got[:-1])
    # Reading again raises again, the same way, and yields nothing.
    for _ in range(2):
        again: list[bytes] = []
        with pytest.raises(cls):
            drain(r.iter_content(chunk_size), again)
        assert again == []
    with pytest.raises(cls):
        r.content  # noqa: B018
    r.close()
    with pytest.raises(exc.StreamConsumedError):
        next(r.iter_content())


@pytest.mark.parametrize(("name", "proto"), _cases(["h1-tls", "h2"]))
def test_content_raises(s: mreq.Session, urls: dict[str, str], name: str, proto: str) -> None:
    fault = FAULTS[name]
    cls, code = _expected(fault, proto)
    url = urls[SERVERS[proto]] + fault.path
    r = s.get(url, stream=True, **_kwargs(fault))
    with pytest.raises(cls) as info:
        r.content  # noqa: B018
    assert info.value.code == code
    assert info.value.response is r
    with pytest.raises(cls):
        r.content  # noqa: B018
    # Not streamed: the request itself raises.
    with pytest.raises(_whole(cls)) as info:
        s.get(url, **_kwargs(fault))
    assert info.value.code == code


@pytest.mark.parametrize(("name", "proto"), _cases(["h1-tls", "h2"]))
def test_iter_lines_raises(s: mreq.Session, urls: dict[str, str], name: str, proto: str) -> None:
    fault = FAULTS[name]
    cls, _ = _expected(fault, proto)
    r = s.get(urls[SERVERS[proto]] + fault.path, stream=True, **_kwargs(fault))
    with pytest.raises(cls):
        for _ in r.iter_lines():
            pass
    r.close()


# -- async ------------------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "proto"), _cases(["h1-tls", "h2"]))
@pytest.mark.parametrize("chunk_size", [None, CHUNK])
def test_aiter_content_raises_after_every_byte_that_arrived(
    ca_file: str,
    urls: dict[str, str],
    decodable: dict[str, bytes],
    name: str,
    proto: str,
    chunk_size: Optional[int],
) -> None:
    fault = FAULTS[name]
    cls, code = _expected(fault, proto)

    async def main() -> None:
        async with mreq.AsyncSession(verify=ca_file) as s:
            r = await s.get(urls[SERVERS[proto]] + fault.path, stream=True, **_kwargs(fault))
            got: list[bytes] = []
            with pytest.raises(exc.RequestException) as info:
                await adrain(r.aiter_content(chunk_size), got)
            assert type(info.value) is cls
            assert info.value.code == code
            assert info.value.response is r
            _check_yielded(name, b"".join(got), decodable)
            if chunk_size is not None:
                assert all(len(c) == chunk_size for c in got[:-1])
            again: list[bytes] = []
            with pytest.raises(cls):
                await adrain(r.aiter_content(chunk_size), again)
            assert again == []
            with pytest.raises(cls):
                await r.acontent()
            await r.aclose()
            with pytest.raises(exc.StreamConsumedError):
                await r.aiter_content().__anext__()

    asyncio.run(main())


@pytest.mark.parametrize(("name", "proto"), _cases(["h1-tls", "h2"]))
def test_acontent_raises(ca_file: str, urls: dict[str, str], name: str, proto: str) -> None:
    fault = FAULTS[name]
    cls, code = _expected(fault, proto)
    url = urls[SERVERS[proto]] + fault.path

    async def main() -> None:
        async with mreq.AsyncSession(verify=ca_file) as s:
            r = await s.get(url, stream=True, **_kwargs(fault))
            with pytest.raises(cls) as info:
                await r.acontent()
            assert info.value.code == code
            with pytest.raises(cls):
                await r.atext()
            with pytest.raises(_whole(cls)) as info:
                await s.get(url, **_kwargs(fault))
            assert info.value.code == code

    asyncio.run(main())


# -- closing ----------------------------------------------------------------------------------


@pytest.mark.parametrize("proto", ["h1-tls", "h2"])
def test_close_while_iterating(s: mreq.Session, urls: dict[str, str], proto: str) -> None:
    r = s.get(urls[SERVERS[proto]] + "/bytes/10000000", stream=True)
    it = r.iter_content(1000)
    assert next(it) == pattern(0, 1000)
    r.close()
    # The open iterator does not go on as if nothing happened, nor end cleanly.
    with pytest.raises(exc.StreamConsumedError):
        for _ in it:
            pass
    with pytest.raises(exc.StreamConsumedError):
        next(r.iter_content())
    # The session is fine.
    assert s.get(urls[SERVERS[proto]] + "/small").text == "hello, world\n"


@pytest.mark.parametrize("proto", ["h1-tls", "h2"])
def test_aclose_while_iterating(ca_file: str, urls: dict[str, str], proto: str) -> None:
    async def main() -> None:
        async with mreq.AsyncSession(verify=ca_file) as s:
            r = await s.get(urls[SERVERS[proto]] + "/bytes/10000000", stream=True)
            it = r.aiter_content(1000)
            assert await it.__anext__() == pattern(0, 1000)
            await r.aclose()
            with pytest.raises(exc.StreamConsumedError):
                async for _ in it:
                    pass
            with pytest.raises(exc.StreamConsumedError):
                await r.acontent()

    asyncio.run(main())


@pytest.mark.parametrize("proto", ["h1-tls", "h2"])
def test_close_after_a_fault(s: mreq.Session, urls: dict[str, str], proto: str) -> None:
    r = s.get(urls[SERVERS[proto]] + f"/cut/{N}?at={AT}", stream=True)
    with pytest.raises(exc.IncompleteRead):
        b"".join(r.iter_content())
    r.close()
    with pytest.raises(exc.StreamConsumedError):
        list(r.iter_content())
    with pytest.raises(exc.StreamConsumedError):
        r.content  # noqa: B018


@pytest.mark.parametrize("proto", ["h1-tls", "h2"])
def test_stream_context_manager_propagates_the_fault(
    s: mreq.Session, urls: dict[str, str], proto: str
) -> None:
    got: list[bytes] = []
    with (
        pytest.raises(exc.IncompleteRead),
        s.stream("GET", urls[SERVERS[proto]] + f"/cut/{N}?at={AT}") as r,
    ):
        drain(r.iter_content(), got)
    assert b"".join(got) == pattern(0, AT)
    with pytest.raises(exc.StreamConsumedError):
        next(r.iter_content())


@pytest.mark.parametrize("how", ["close", "drop"])
def test_a_stream_let_go_unread_closes_its_connection_at_once(how: str) -> None:
    # A sync session's stream runs on its thread's runtime, which only that thread's calls
    # drive: closing the response, or dropping it unread, must still let go of the socket now
    # (the server sees the end), not on the thread's next request.
    import gc
    import threading

    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    seen = threading.Event()

    def serve() -> None:
        conn, _ = listener.accept()
        with conn:
            conn.settimeout(10)
            head = b""
            while b"\r\n\r\n" not in head:
                head += conn.recv(4096)
            conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 10000000\r\n\r\n" + b"x" * 1000)
            try:
                while conn.recv(4096):
                    pass
                seen.set()  # the client closed its end
            except OSError:
                seen.set()  # reset: closed too

    threading.Thread(target=serve, daemon=True).start()
    try:
        with mreq.Session() as s:
            r = s.get(f"http://127.0.0.1:{port}/big", stream=True)
            assert r.status_code == 200
            if how == "close":
                r.close()
            else:
                del r
                gc.collect()
            assert seen.wait(5), "the connection is still open"
    finally:
        listener.close()


@pytest.mark.parametrize("proto", ["h1", "h1-tls", "h2"])
def test_a_sync_sessions_stream_read_from_async_code_raises_the_fault(
    s: mreq.Session, urls: dict[str, str], proto: str
) -> None:
    # A sync session's stream read with aiter_content runs on borrowed threads (nothing
    # blocks to drive its runtime): a cut body still raises, after every byte that arrived.
    r = s.get(urls[SERVERS[proto]] + f"/cut/{N}?at={AT}", stream=True)
    got: list[bytes] = []

    async def main() -> None:
        await adrain(r.aiter_content(CHUNK), got)

    with pytest.raises(exc.IncompleteRead) as info:
        asyncio.run(main())
    assert info.value.code == 18
    assert b"".join(got) == pattern(0, AT)


# -- close-delimited bodies over TLS and close_notify -------------------------------------------

CLOSE_DELIMITED = 300_000


@contextlib.contextmanager
def _close_delimited_tls(certs: Path, notify: bool) -> Iterator[str]:
    """A TLS server (HTTP/1.1) that answers each request with `CLOSE_DELIMITED` pattern bytes
    delimited by the connection's end, then closes with close_notify (`notify`) or with a
    bare FIN (the end a cut would also make). Yields its base URL."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(str(certs / "server.pem"), str(certs / "server.key"))
    ctx.set_alpn_protocols(["http/1.1"])
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.2)
    stop = threading.Event()

    def serve(raw: socket.socket) -> None:
        raw.settimeout(10)
        try:
            with ctx.wrap_socket(raw, server_side=True) as conn:
                if read_head(conn) is None:
                    return
                conn.sendall(b"HTTP/1.1 200 OK\r\nConnection: close\r\n\r\n")
                conn.sendall(pattern(0, CLOSE_DELIMITED))
                if notify:
                    conn.unwrap()  # close_notify, then the client's answer or its close
                else:
                    conn.shutdown(socket.SHUT_RDWR)  # the TCP FIN alone: no close_notify
        except OSError:  # ssl.SSLError is one; the client may close first
            pass
        finally:
            raw.close()

    servers: list[threading.Thread] = []

    def accept() -> None:
        while not stop.is_set():
            try:
                raw, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            server = threading.Thread(target=serve, args=(raw,), daemon=True)
            servers.append(server)
            server.start()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"https://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join()
        listener.close()
        for server in servers:
            server.join(15)


def _read(url: str, ca: str, how: str, use_async: bool) -> tuple[mreq.Response, bytes]:
    """GETs `url` sync or async, `how`: "plain" (no keywords: the plain GET path), "whole"
    (with keywords: the general path) or "streamed" (read by two iterators, each to the
    end). The response and its body."""
    kwargs: dict[str, Any] = {"stream": True} if how == "streamed" else {}
    if how == "whole":
        kwargs["headers"] = {"X-Test": "1"}
    if use_async:

        async def run() -> tuple[mreq.Response, bytes]:
            async with mreq.AsyncSession(verify=ca) as s:
                r = await s.get(url, **kwargs)
                if how != "streamed":
                    return r, r.content
                # Two iterators over one body: the second takes the rest, then the first
                # finds the end too. One end, so one warning.
                first_it = r.aiter_content()
                first = await first_it.__anext__()
                rest = b"".join([c async for c in r.aiter_content()])
                assert b"".join([c async for c in first_it]) == b""
                return r, first + rest

        return asyncio.run(run())
    with mreq.Session(verify=ca) as s:
        r = s.get(url, **kwargs)
        if how != "streamed":
            return r, r.content
        first_it = r.iter_content()
        first = next(first_it)
        rest = b"".join(r.iter_content())
        assert b"".join(first_it) == b""
        return r, first + rest


@pytest.mark.parametrize("use_async", [False, True], ids=["sync", "async"])
@pytest.mark.parametrize("how", ["plain", "whole", "streamed"])
@pytest.mark.parametrize("notify", [True, False], ids=["close_notify", "bare-fin"])
def test_a_close_delimited_tls_body_says_whether_close_notify_ended_it(
    tls_certs: Path, notify: bool, how: str, use_async: bool
) -> None:
    # Such a body has no length to check: its end is the connection's. Without close_notify,
    # that end looks exactly like a cut, so the response says so (attribute and warning, as
    # curl warns) instead of passing for verified.
    with (
        _close_delimited_tls(tls_certs, notify) as url,
        warnings.catch_warnings(record=True) as caught,
    ):
        warnings.simplefilter("always")
        r, body = _read(url + "/body", str(tls_certs / "ca.pem"), how, use_async)
    assert body == pattern(0, CLOSE_DELIMITED)
    assert r.close_notify_missing is (not notify)
    ours = [w for w in caught if issubclass(w.category, MummerWarning)]
    if notify:
        assert ours == []
    else:
        assert len(ours) == 1
        assert "close_notify" in str(ours[0].message)
        assert ours[0].filename == __file__  # attributed to the caller, not to mummer


def test_a_close_notify_warning_made_an_error_still_finishes_the_response(tls_certs: Path) -> None:
    # With the warning turned into an error (pytest's `-W error`, a program's own filter),
    # it is raised from the body's last read, after the response was finished: the
    # session's only slot (max_clients=1) is free again for the next request.
    async def run(url: str) -> bytes:
        async with mreq.AsyncSession(verify=str(tls_certs / "ca.pem"), max_clients=1) as s:
            r = await s.get(url, stream=True)
            got: list[bytes] = []
            with warnings.catch_warnings():
                warnings.simplefilter("error", MummerWarning)
                with pytest.raises(MummerWarning, match="close_notify"):
                    await adrain(r.aiter_content(), got)
            assert r.close_notify_missing
            assert b"".join(got) == pattern(0, CLOSE_DELIMITED)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", MummerWarning)
                again = await asyncio.wait_for(s.get(url), 10)
            return again.content

    with _close_delimited_tls(tls_certs, False) as url:
        assert asyncio.run(run(url + "/body")) == pattern(0, CLOSE_DELIMITED)
