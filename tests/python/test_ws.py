"""WebSockets from Python: `Session.ws_connect` / `WebSocket` and `AsyncSession.ws_connect` /
`AsyncWebSocket` against Python's `websockets` server (with and without permessage-deflate)
and scripted fault servers; the async tests under asyncio, uvloop and trio."""

from __future__ import annotations

import asyncio
import hashlib
import json
import socket
import struct
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import anyio
import pytest
import tomllib
from _ws_servers import Scripted, WsServers, frame

from conftest import REPO
from mummer import CurlWsFlag
from mummer import requests as mreq
from mummer.requests import exceptions as exc
from mummer.requests.websockets import (
    AsyncWebSocket,
    WebSocket,
    WebSocketClosed,
    WebSocketError,
    WebSocketTimeout,
    WsCloseCode,
)

MiB = 1 << 20
SIZES = [0, 125, 126, 64 * 1024, 16 * MiB]
LOOPS = ["asyncio", "uvloop", "trio"]
Runner = Callable[[Callable[[], Awaitable[Any]]], Any]


@pytest.fixture(scope="module")
def servers() -> Iterator[WsServers]:
    s = WsServers()
    yield s
    s.close()


@pytest.fixture(params=["deflate", "plain"])
def kind(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture(params=LOOPS)
def run(request: pytest.FixtureRequest) -> Runner:
    name = str(request.param)
    if name == "uvloop":
        pytest.importorskip("uvloop")

    def runner(fn: Callable[[], Awaitable[Any]]) -> Any:
        if name == "trio":
            return anyio.run(fn, backend="trio")
        return anyio.run(fn, backend="asyncio", backend_options={"use_uvloop": name == "uvloop"})

    return runner


def payload(size: int) -> bytes:
    block = hashlib.sha256(str(size).encode()).digest() * 32  # 1 KiB, not all one byte
    return (block * (size // len(block) + 1))[:size]


# -- sync -----------------------------------------------------------------------------------


def test_echo_every_size_text_and_binary_byte_exact(servers: WsServers, kind: str) -> None:
    with mreq.Session(impersonate="chrome") as s:
        ws = s.ws_connect(servers.url(kind, "/echo"), max_message_size=32 * MiB)
        assert isinstance(ws, WebSocket)
        for size in SIZES:
            data = payload(size)
            assert ws.send(data) == size
            got, flags = ws.recv(timeout=20)
            assert flags == CurlWsFlag.BINARY
            assert hashlib.sha256(got).digest() == hashlib.sha256(data).digest(), size
            text = data.hex()[:size]
            ws.send_str(text)
            assert ws.recv_str(timeout=20) == text
        ws.close()
        assert ws.closed
        assert ws.close_code == WsCloseCode.OK


def test_json_iteration_and_the_servers_close(servers: WsServers) -> None:
    with mreq.Session() as s:
        ws = s.ws_connect(servers.url("deflate", "/echo"))
        ws.send_json({"a": [1, 2]})
        assert ws.recv_json() == {"a": [1, 2]}
        ws.close(1000, "done")
        with pytest.raises(WebSocketClosed):
            ws.recv()

        ws = s.ws_connect(servers.url("plain", "/close"))
        assert list(ws) == []  # iteration ends at the close frame
        assert (ws.close_code, ws.close_reason) == (4001, "bye")
        with pytest.raises(WebSocketClosed):
            ws.recv()


def test_recv_with_a_timeout_loses_nothing(servers: WsServers) -> None:
    with mreq.Session() as s, s.ws_connect(servers.url("plain", "/echo")) as ws:
        started = time.monotonic()
        with pytest.raises(WebSocketTimeout) as info:
            ws.recv(timeout=0.3)
        assert 0.25 < time.monotonic() - started < 5
        assert isinstance(info.value, exc.Timeout)  # curl_cffi's bases
        ws.send(b"late")
        assert ws.recv(timeout=10) == (b"late", CurlWsFlag.BINARY)


def test_pings_are_answered_and_fragments_come_apart(servers: WsServers) -> None:
    with mreq.Session() as s:
        with s.ws_connect(servers.url("deflate", "/ping")) as ws:
            assert ws.recv_str(timeout=10) == "pong True"
            assert ws.ping(b"x") == 1
            with pytest.raises(WebSocketError):
                ws.ping(b"x" * 126)
        with s.ws_connect(servers.url("plain", "/fragments")) as ws:
            pieces = []
            while True:
                data, frame_info = ws.recv_fragment()
                pieces.append((data, frame_info.flags))
                if not frame_info.flags & CurlWsFlag.CONT:
                    break
            # websockets sends a message from an iterator as one frame per item and an empty
            # last frame (it cannot know which item is the last).
            assert pieces == [
                (b"ab", CurlWsFlag.TEXT | CurlWsFlag.CONT),
                (b"cd", CurlWsFlag.TEXT | CurlWsFlag.CONT),
                (b"ef", CurlWsFlag.TEXT | CurlWsFlag.CONT),
                (b"", CurlWsFlag.TEXT),
            ]
        with s.ws_connect(servers.url("deflate", "/echo")) as ws:
            ws.send("ab", CurlWsFlag.TEXT | CurlWsFlag.CONT)
            ws.send("cd", CurlWsFlag.TEXT | CurlWsFlag.CONT)
            ws.send("ef", CurlWsFlag.TEXT)
            assert ws.recv(timeout=10) == (b"abcdef", CurlWsFlag.TEXT)


def test_a_message_over_the_limit_closes_with_1009(servers: WsServers) -> None:
    with mreq.Session() as s:
        ws = s.ws_connect(servers.url("deflate", f"/big?n={2 * MiB}"), max_message_size=MiB)
        with pytest.raises(WebSocketError) as info:
            ws.recv(timeout=10)
        assert info.value.code == WsCloseCode.MESSAGE_TOO_BIG
        ws = s.ws_connect(servers.url("deflate", f"/big?n={2 * MiB}"), max_message_size=4 * MiB)
        data, _ = ws.recv(timeout=10)
        assert data == bytes(range(256)) * (2 * MiB // 256)
        ws.close()


def test_the_upgrade_has_the_browsers_header_order(servers: WsServers) -> None:
    for browser, file in [("chrome", "chrome_156"), ("firefox", "firefox_esr_153")]:
        profile = tomllib.loads(
            (REPO / "crates/mummer-profile/profiles" / f"{file}.toml").read_text()
        )
        order = profile["websocket"]["header_order"]
        with (
            mreq.Session(impersonate=browser) as s,
            s.ws_connect(servers.url("deflate", "/headers")) as ws,
        ):
            names = json.loads(ws.recv_str(timeout=10))
        expected = [n for n in order if n.lower() in {x.lower() for x in names}]
        assert names == expected, browser


def test_refused_upgrade_and_closed_session(servers: WsServers) -> None:
    with mreq.Session() as s:
        with pytest.raises(WebSocketError) as info:
            s.ws_connect(servers.url("plain", "/refuse"))
        assert "403" in str(info.value)
    with pytest.raises(exc.SessionClosed):
        s.ws_connect(servers.url("plain", "/echo"))


def test_a_websocket_outlives_its_session(servers: WsServers) -> None:
    s = mreq.Session()
    ws = s.ws_connect(servers.url("deflate", "/echo"))
    s.close()
    ws.send_str("still here")
    assert ws.recv_str(timeout=10) == "still here"
    ws.close()


def test_a_websocket_outlives_the_thread_that_opened_it(servers: WsServers) -> None:
    # A sync session's WebSocket runs on the opening thread's runtime (driven by the calls
    # made on it): that thread ending must not end the WebSocket.
    opened: list[WebSocket] = []
    with mreq.Session() as s:
        t = threading.Thread(
            target=lambda: opened.append(s.ws_connect(servers.url("plain", "/echo")))
        )
        t.start()
        t.join()
        ws = opened[0]
        for size in (5, 64 * 1024, 2 * MiB):
            data = payload(size)
            ws.send(data)
            assert ws.recv(timeout=10)[0] == data
        ws.close()
        assert ws.close_code == WsCloseCode.OK


def test_one_thread_receives_while_another_sends(servers: WsServers) -> None:
    # One thread blocked in recv() holds the runtime; a send from another thread must still go
    # out, and its echo must reach the receiver (no deadlock, nothing lost).
    with mreq.Session() as s, s.ws_connect(servers.url("deflate", "/echo")) as ws:
        got: list[bytes] = []
        failed: list[BaseException] = []

        def receive() -> None:
            try:
                for _ in range(50):
                    got.append(ws.recv(timeout=10)[0])
            except BaseException as e:  # reported below, in the test's thread
                failed.append(e)

        receiver = threading.Thread(target=receive)
        receiver.start()
        time.sleep(0.2)  # the receiver is waiting before the first send
        sent = [payload(100 + i * 1000) for i in range(50)]
        for data in sent:
            ws.send(data)
        receiver.join(30)
        assert not receiver.is_alive()
        assert not failed
        assert got == sent


def test_run_forever_ends_at_the_close(servers: WsServers) -> None:
    events: list[Any] = []
    ws = WebSocket(
        on_open=lambda w: events.append("open"),
        on_close=lambda w, code, reason: events.append((code, reason)),
    )
    ws.run_forever(servers.url("plain", "/close"))
    assert events == ["open", (4001, "bye")]
    assert ws.closed

    frames: list[tuple[bytes, int]] = []
    with mreq.Session() as s:
        ws = s.ws_connect(
            servers.url("deflate", "/hello-bye"),
            on_message=lambda w, m: events.append(m),
            on_data=lambda w, d, f: frames.append((d, f.flags)),
            on_close=lambda w, code, reason: events.append((code, reason)),
        )
        events.clear()
        ws.run_forever()
    assert events == ["hello", "abcdef", (1000, "done")]
    assert frames[:5] == [
        (b"hello", CurlWsFlag.TEXT),
        (b"ab", CurlWsFlag.TEXT | CurlWsFlag.CONT),
        (b"cd", CurlWsFlag.TEXT | CurlWsFlag.CONT),
        (b"ef", CurlWsFlag.TEXT | CurlWsFlag.CONT),
        (b"", CurlWsFlag.TEXT),
    ]
    assert frames[5][1] == CurlWsFlag.CLOSE


# -- faults ---------------------------------------------------------------------------------


def _cut_mid_message(conn: socket.socket) -> None:
    conn.sendall(frame(0x1, b"whole"))
    conn.sendall(frame(0x2, b"first half", fin=False))
    conn.shutdown(socket.SHUT_RDWR)


def _cut_mid_frame(conn: socket.socket) -> None:
    conn.sendall(frame(0x2, b"0123456789", declared=1000))
    conn.shutdown(socket.SHUT_RDWR)


@pytest.mark.parametrize("script", [_cut_mid_message, _cut_mid_frame])
def test_a_cut_connection_raises_and_never_delivers_a_partial_message(
    script: Callable[[socket.socket], None],
) -> None:
    server = Scripted(script)
    with mreq.Session() as s:
        ws = s.ws_connect(server.url)
        if script is _cut_mid_message:
            assert ws.recv(timeout=10) == (b"whole", CurlWsFlag.TEXT)
        with pytest.raises(WebSocketClosed) as info:
            ws.recv(timeout=10)
        assert info.value.code == WsCloseCode.ABNORMAL_CLOSURE
        assert ws.closed


def _end_between_messages(conn: socket.socket) -> None:
    conn.sendall(frame(0x1, b"whole"))
    conn.shutdown(socket.SHUT_RDWR)


def _reset_between_messages(conn: socket.socket) -> None:
    conn.sendall(frame(0x1, b"whole"))
    time.sleep(0.2)
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    conn.close()


def test_iteration_ends_at_an_end_of_stream_between_messages_and_raises_on_a_reset() -> None:
    # As curl_cffi's: a plain end of stream between messages ends the loop (recv() still
    # raises WebSocketClosed 1006); a reset is a failure and raises from the loop.
    with mreq.Session() as s:
        ws = s.ws_connect(Scripted(_end_between_messages).url)
        assert list(ws) == [b"whole"]
        assert ws.closed
        with pytest.raises(WebSocketClosed) as info:
            ws.recv(timeout=10)
        assert info.value.code == WsCloseCode.ABNORMAL_CLOSURE
        ws = s.ws_connect(Scripted(_reset_between_messages).url)
        got: list[bytes] = []
        with pytest.raises(WebSocketClosed) as info:
            got.extend(ws)
        assert info.value.code == WsCloseCode.ABNORMAL_CLOSURE
        assert got == [b"whole"]


@pytest.mark.parametrize("script", [_cut_mid_message, _cut_mid_frame])
def test_iterating_a_cut_connection_raises_instead_of_ending(
    script: Callable[[socket.socket], None],
) -> None:
    # `for message in ws` ends only at the server's close; a cut is WebSocketClosed 1006.
    with mreq.Session() as s:
        ws = s.ws_connect(Scripted(script).url)
        got: list[bytes] = []
        with pytest.raises(WebSocketClosed) as info:
            got.extend(ws)
        assert info.value.code == WsCloseCode.ABNORMAL_CLOSURE
        assert got == ([b"whole"] if script is _cut_mid_message else [])


def _silent(conn: socket.socket) -> None:
    """Reads and never answers (nor closes) until the client goes."""
    conn.settimeout(10)
    try:
        while conn.recv(4096):
            pass
    except OSError:
        pass


def test_a_close_never_answered_times_out() -> None:
    server = Scripted(_silent)
    with mreq.Session() as s:
        ws = s.ws_connect(server.url)
        started = time.monotonic()
        ws.close(timeout=0.5)
        assert time.monotonic() - started < 5
        assert ws.closed


# -- async ----------------------------------------------------------------------------------


def test_async_echo_every_size(run: Runner, servers: WsServers, kind: str) -> None:
    async def main() -> None:
        async with mreq.AsyncSession(impersonate="firefox") as s:
            async with s.ws_connect(servers.url(kind, "/echo"), max_message_size=32 * MiB) as ws:
                assert isinstance(ws, AsyncWebSocket)
                for size in SIZES:
                    data = payload(size)
                    await ws.send(data)
                    got, flags = await ws.recv(timeout=20)
                    assert flags == CurlWsFlag.BINARY
                    assert got == data, size
                await ws.send_json([1, "two"])
                assert await ws.recv_json() == [1, "two"]
                await ws.flush()
                assert ws.is_alive()
            assert ws.closed
            assert ws.close_code == WsCloseCode.OK

    run(main)


def test_async_many_messages_in_flight(run: Runner, servers: WsServers) -> None:
    async def main() -> None:
        async with mreq.AsyncSession() as s:
            ws = await s.ws_connect(servers.url("deflate", "/echo"))
            n = 500

            async def sender() -> None:
                for i in range(n):
                    await ws.send_str(f"message {i}")

            async with anyio.create_task_group() as tg:
                tg.start_soon(sender)
                got = [await ws.recv_str(timeout=20) for _ in range(n)]
            assert got == [f"message {i}" for i in range(n)]
            await ws.close()

    run(main)


def test_async_close_timeout_iteration_and_faults(run: Runner, servers: WsServers) -> None:
    async def main() -> None:
        async with mreq.AsyncSession() as s:
            ws = await s.ws_connect(servers.url("plain", "/close"))
            assert [m async for m in ws] == []
            assert (ws.close_code, ws.close_reason) == (4001, "bye")

            ws = await s.ws_connect(servers.url("plain", "/echo"))
            with pytest.raises(WebSocketTimeout):
                await ws.recv(timeout=0.2)
            await ws.send(b"after")
            assert await ws.recv(timeout=10) == (b"after", CurlWsFlag.BINARY)
            await ws.close()

            server = Scripted(_cut_mid_message)
            ws = await s.ws_connect(server.url)
            assert await ws.recv(timeout=10) == (b"whole", CurlWsFlag.TEXT)
            with pytest.raises(WebSocketClosed) as info:
                await ws.recv(timeout=10)
            assert info.value.code == WsCloseCode.ABNORMAL_CLOSURE

    run(main)


@pytest.mark.parametrize("script", [_cut_mid_message, _cut_mid_frame])
def test_async_a_cut_connection_raises_and_never_delivers_a_partial_message(
    run: Runner, script: Callable[[socket.socket], None]
) -> None:
    # The loop-driven reader: a cut mid-message or mid-frame is WebSocketClosed 1006.
    async def main() -> None:
        async with mreq.AsyncSession() as s:
            ws = await s.ws_connect(Scripted(script).url)
            if script is _cut_mid_message:
                assert await ws.recv(timeout=10) == (b"whole", CurlWsFlag.TEXT)
            with pytest.raises(WebSocketClosed) as info:
                await ws.recv(timeout=10)
            assert info.value.code == WsCloseCode.ABNORMAL_CLOSURE
            assert ws.closed

    run(main)


@pytest.mark.parametrize("script", [_cut_mid_message, _cut_mid_frame])
def test_async_iterating_a_cut_connection_raises_instead_of_ending(
    run: Runner, script: Callable[[socket.socket], None]
) -> None:
    async def main() -> None:
        async with mreq.AsyncSession() as s:
            ws = await s.ws_connect(Scripted(script).url)
            got: list[bytes] = []

            async def collect() -> None:
                async for message in ws:
                    got.append(message)

            with pytest.raises(WebSocketClosed) as info:
                await collect()
            assert info.value.code == WsCloseCode.ABNORMAL_CLOSURE
            assert got == ([b"whole"] if script is _cut_mid_message else [])

    run(main)


def test_async_the_loop_runs_while_recv_waits(run: Runner, servers: WsServers) -> None:
    async def main() -> None:
        ticks = 0

        async def ticker() -> None:
            nonlocal ticks
            while True:
                ticks += 1
                await anyio.sleep(0.01)

        async with mreq.AsyncSession() as s, anyio.create_task_group() as tg:
            ws = await s.ws_connect(servers.url("plain", "/echo"))
            tg.start_soon(ticker)
            with pytest.raises(WebSocketTimeout):
                await ws.recv(timeout=0.5)
            assert ticks >= 10
            tg.cancel_scope.cancel()
            ws.terminate()

    run(main)


def test_async_timers_fire_while_the_socket_is_silent(run: Runner) -> None:
    # An AsyncSession's WebSocket runs on the loop's own thread and runtime, whose timers run
    # only when the loop turns it: a close the server never answers, and an upgrade it never
    # answers, must still end at their limits, under every loop.
    async def main() -> None:
        with anyio.fail_after(30):  # without the turns: forever
            await both()

    async def both() -> None:
        async with mreq.AsyncSession() as s:
            ws = await s.ws_connect(Scripted(_silent).url)
            await ws.send(b"unanswered")
            started = time.monotonic()
            await ws.close(timeout=0.5)
            assert time.monotonic() - started < 5
            assert ws.closed

        listener = socket.create_server(("127.0.0.1", 0))  # accepts (backlog), never answers
        try:
            url = f"ws://127.0.0.1:{listener.getsockname()[1]}/"
            async with mreq.AsyncSession(timeout=0.5) as s:
                started = time.monotonic()
                with pytest.raises(exc.Timeout):
                    await s.ws_connect(url)
                assert time.monotonic() - started < 5
        finally:
            listener.close()

    run(main)


def test_async_websockets_on_two_loops_at_once(servers: WsServers) -> None:
    # Each loop drives its own thread's runtime; neither stalls the other.
    def one(tag: str, out: dict[str, list[str]]) -> None:
        async def main() -> None:
            async with mreq.AsyncSession() as s, s.ws_connect(servers.url("plain", "/echo")) as ws:
                got = []
                for i in range(200):
                    await ws.send_str(f"{tag} {i}")
                    got.append(await ws.recv_str(timeout=10))
                out[tag] = got

        asyncio.run(main())

    out: dict[str, list[str]] = {}
    threads = [threading.Thread(target=one, args=(t, out)) for t in ("a", "b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert out == {t: [f"{t} {i}" for i in range(200)] for t in ("a", "b")}


def test_an_async_websocket_outlives_its_loop_on_the_same_thread(servers: WsServers) -> None:
    # Opened under one asyncio.run, used under the next (pytest fixtures do this): the next
    # loop takes over driving it. Another thread's loop gets a clear error, not a hang.
    async def open_one() -> AsyncWebSocket:
        s = mreq.AsyncSession()
        ws = await s.ws_connect(servers.url("plain", "/echo"))
        await ws.send(b"first")
        return ws

    ws = asyncio.run(open_one())

    async def use() -> None:
        assert await ws.recv(timeout=10) == (b"first", CurlWsFlag.BINARY)
        await ws.send(b"second")
        assert await ws.recv(timeout=10) == (b"second", CurlWsFlag.BINARY)

    asyncio.run(use())

    failed: list[BaseException] = []

    def elsewhere() -> None:
        async def main() -> None:
            await ws.send(b"third")

        try:
            asyncio.run(main())
        except BaseException as e:  # what the user sees
            failed.append(e)

    t = threading.Thread(target=elsewhere)
    t.start()
    t.join(30)
    assert len(failed) == 1, failed
    assert "thread" in str(failed[0])

    async def close() -> None:
        await ws.close()

    asyncio.run(close())
    assert ws.closed


def test_async_ws_connect_failures(servers: WsServers) -> None:
    async def main() -> None:
        async with mreq.AsyncSession() as s:
            with pytest.raises(WebSocketError):
                await s.ws_connect(servers.url("plain", "/refuse"))
            with pytest.raises(exc.ConnectionError):
                await s.ws_connect("ws://127.0.0.1:1/")

    asyncio.run(main())


# -- process safety -------------------------------------------------------------------------

_EXIT_SCRIPT = """
import sys, threading, time
sys.path.insert(0, {here!r})
from _ws_servers import WsServers
import mummer.requests as r
srv = WsServers()
s = r.Session()
ws = s.ws_connect(srv.url("deflate", "/echo"))
ws.send(b"x" * 100000)
mode = sys.argv[1]
if mode == "thread":
    threading.Thread(target=lambda: [ws.recv() for _ in iter(int, 1)], daemon=True).start()
    time.sleep(0.2)
elif mode == "async":
    import asyncio
    async def main():
        a = r.AsyncSession()
        global aws
        aws = await a.ws_connect(srv.url("plain", "/echo"))
        await aws.send(b"y")
        asyncio.get_running_loop().create_task(aws.recv())
        await asyncio.sleep(0.1)
    asyncio.run(main())
"""


@pytest.mark.parametrize("mode", ["open", "thread", "async"])
def test_exit_with_websockets_open_is_clean(mode: str, tmp_path: Any) -> None:
    import subprocess
    import sys
    from pathlib import Path

    script = tmp_path / "exit.py"
    script.write_text(_EXIT_SCRIPT.format(here=str(Path(__file__).parent)))
    for _ in range(3):
        p = subprocess.run(
            [sys.executable, str(script), mode], capture_output=True, text=True, timeout=60
        )
        assert p.returncode == 0, p.stderr[-2000:]
        for bad in ("panicked", "Fatal Python error", "Segmentation", "core dumped"):
            assert bad not in p.stderr, p.stderr[-2000:]
