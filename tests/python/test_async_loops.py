"""`AsyncSession` under asyncio, uvloop and trio: a GET, a stream, concurrency bounded by
``max_clients``, a broken body, timeouts, and cancelling a request that is still pending.

Each test runs its coroutine on each event loop explicitly (``anyio.run`` with the asyncio
backend, the asyncio backend on uvloop, and the trio backend), and checks inside that it is on
the loop it claims.
"""

from __future__ import annotations

import asyncio
import hashlib
import time
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

import anyio
import pytest
from mummer_testutil import adrain, pattern, sha256

from mummer import CurlHttpVersion
from mummer import requests as mreq
from mummer.requests import exceptions as exc

MiB = 1 << 20
LOOPS = ["asyncio", "uvloop", "trio"]

Runner = Callable[[Callable[[], Awaitable[Any]]], Any]


def _check_loop(name: str) -> None:
    if name == "trio":
        import trio

        trio.lowlevel.current_trio_token()  # raises outside trio
        return
    loop = asyncio.get_running_loop()
    is_uvloop = type(loop).__module__.startswith("uvloop")
    assert is_uvloop == (name == "uvloop"), type(loop)


@pytest.fixture(params=LOOPS)
def run(request: pytest.FixtureRequest) -> Iterator[Runner]:
    name = str(request.param)
    if name == "uvloop":
        pytest.importorskip("uvloop")
    if name == "trio":
        pytest.importorskip("trio")

    def runner(fn: Callable[[], Awaitable[Any]]) -> Any:
        async def checked() -> Any:
            _check_loop(name)
            return await fn()

        if name == "trio":
            return anyio.run(checked, backend="trio")
        return anyio.run(
            checked, backend="asyncio", backend_options={"use_uvloop": name == "uvloop"}
        )

    return runner


@pytest.fixture(params=["h1", "h2"])
def base(request: pytest.FixtureRequest, urls: dict[str, str]) -> str:
    return urls["https_h1" if request.param == "h1" else "https"]


def test_get(run: Runner, ca_file: str, base: str, urls: dict[str, str]) -> None:
    version = CurlHttpVersion.V2_0 if base == urls["https"] else CurlHttpVersion.V1_1

    async def main() -> None:
        async with mreq.AsyncSession(verify=ca_file) as s:
            r = await s.get(base + "/echo?x=1", headers={"X-Loop": "yes"})
            echo = r.json()
            assert (r.status_code, echo["path"]) == (200, "/echo?x=1")
            assert ["X-Loop", "yes"] in echo["headers"] or ["x-loop", "yes"] in echo["headers"]
            assert r.http_version == version
            assert echo["version"] == str(version)
            r = await s.post(base + "/upload", json={"a": 1})
            assert r.json()["body_sha256"] == sha256(b'{"a":1}')
            r = await s.get(base + "/gzip/200000")
            assert r.content == pattern(0, 200_000)

    run(main)


def test_stream(run: Runner, ca_file: str, base: str) -> None:
    n = 4 * MiB + 3

    async def main() -> None:
        async with mreq.AsyncSession(verify=ca_file) as s:
            digest = hashlib.sha256()
            sizes = []
            async with s.stream("GET", f"{base}/bytes/{n}") as r:
                assert r.headers["content-length"] == str(n)
                async for chunk in r.aiter_content(65536):
                    digest.update(chunk)
                    sizes.append(len(chunk))
            assert digest.hexdigest() == sha256(pattern(0, n))
            assert all(size == 65536 for size in sizes[:-1])
            async with s.stream("GET", base + "/small") as r:
                assert [line async for line in r.aiter_lines()] == [b"hello, world"]
            r = await s.get(base + "/chunked/300000", stream=True)
            assert await r.acontent() == pattern(0, 300_000)

    run(main)


def test_a_sync_sessions_stream_read_from_async_code(run: Runner, ca_file: str, base: str) -> None:
    # A sync session's stream runs on its thread's runtime, driven by blocking reads; read
    # with aiter_content (nothing blocks there), it must still arrive whole, and a second
    # stream of the same session must still work after it.
    n = 3 * MiB + 5
    with mreq.Session(verify=ca_file) as s:
        r = s.get(f"{base}/bytes/{n}", stream=True)

        async def main() -> bytes:
            return b"".join([c async for c in r.aiter_content(65536)])

        assert sha256(run(main)) == sha256(pattern(0, n))
        with s.stream("GET", f"{base}/bytes/{n}") as again:
            assert sha256(b"".join(again.iter_content())) == sha256(pattern(0, n))


def test_the_loop_runs_while_a_request_waits(run: Runner, ca_file: str, base: str) -> None:
    async def main() -> None:
        ticks = 0

        async def ticker() -> None:
            nonlocal ticks
            while True:
                await anyio.sleep(0.02)
                ticks += 1

        async with mreq.AsyncSession(verify=ca_file) as s, anyio.create_task_group() as tg:
            tg.start_soon(ticker)
            r = await s.get(base + "/delay/0.4")
            assert r.text == "ok"
            tg.cancel_scope.cancel()
        assert ticks >= 8  # about 20 in 0.4 s; a blocked loop would show 0 or 1

    run(main)


@pytest.mark.parametrize(("max_clients", "low", "high"), [(2, 0.85, 2.0), (6, 0.28, 0.8)])
def test_max_clients_bounds_concurrency(
    run: Runner, ca_file: str, base: str, max_clients: int, low: float, high: float
) -> None:
    async def main() -> float:
        results: list[str] = []
        async with mreq.AsyncSession(verify=ca_file, max_clients=max_clients) as s:

            async def one() -> None:
                results.append((await s.get(base + "/delay/0.3")).text)

            started = time.monotonic()
            async with anyio.create_task_group() as tg:
                for _ in range(6):
                    tg.start_soon(one)
            elapsed = time.monotonic() - started
        assert results == ["ok"] * 6
        return elapsed

    elapsed = run(main)
    # 6 requests of 0.3 s, 2 at a time: 3 rounds; 6 at a time: 1 round.
    assert low <= elapsed < high


def test_a_stream_holds_its_slot(run: Runner, ca_file: str, base: str) -> None:
    async def main() -> None:
        async with mreq.AsyncSession(verify=ca_file, max_clients=1) as s:
            first = await s.get(base + "/bytes/1000000", stream=True)
            done = anyio.Event()
            second: list[mreq.Response] = []

            async def other() -> None:
                second.append(await s.get(base + "/small"))
                done.set()

            async with anyio.create_task_group() as tg:
                tg.start_soon(other)
                await anyio.sleep(0.3)
                assert not done.is_set()  # waiting for the slot the stream holds
                assert len(await first.acontent()) == 1_000_000  # the body ends: slot free
                with anyio.fail_after(5):
                    await done.wait()
            assert second[0].text == "hello, world\n"

    run(main)


def test_concurrent_streams(run: Runner, ca_file: str, base: str) -> None:
    async def main() -> None:
        bodies: dict[int, bytes] = {}
        async with mreq.AsyncSession(verify=ca_file) as s:

            async def one(i: int) -> None:
                n = 150_000 + i
                async with s.stream("GET", f"{base}/drip/{n}?rate=1000000") as r:
                    bodies[i] = b"".join([c async for c in r.aiter_content(10_000)])

            started = time.monotonic()
            async with anyio.create_task_group() as tg:
                for i in range(4):
                    tg.start_soon(one, i)
            # Each drips for about 0.15 s; one after another would take 0.6 s.
            assert time.monotonic() - started < 0.55
        for i, body in bodies.items():
            assert body == pattern(0, 150_000 + i)
        assert len(bodies) == 4

    run(main)


def test_fault(run: Runner, ca_file: str, base: str) -> None:
    async def main() -> None:
        async with mreq.AsyncSession(verify=ca_file) as s:
            r = await s.get(base + "/cut/100000?at=30000", stream=True)
            got: list[bytes] = []
            with pytest.raises(exc.IncompleteRead) as info:
                await adrain(r.aiter_content(7000), got)
            assert info.value.code == 18
            assert b"".join(got) == pattern(0, 30_000)
            assert [len(c) for c in got] == [7000] * 4 + [2000]
            with pytest.raises(exc.IncompleteRead):
                await r.acontent()
            with pytest.raises(exc.ContentDecodingError) as info:
                await s.get(base + "/gzip-cut/100000")
            assert info.value.code == 61

    run(main)


def test_timeouts(run: Runner, ca_file: str, base: str) -> None:
    async def main() -> None:
        async with mreq.AsyncSession(verify=ca_file) as s:
            started = time.monotonic()
            with pytest.raises(exc.Timeout) as info:
                await s.get(base + "/delay/5", timeout=0.4)
            assert info.value.code == 28
            assert time.monotonic() - started < 2.5
            r = await s.get(base + "/stall/10000?at=1000&secs=3", stream=True, timeout=0.4)
            got: list[bytes] = []
            with pytest.raises(exc.ReadTimeout) as info:
                await adrain(r.aiter_content(), got)
            assert info.value.code == 28
            assert b"".join(got) == pattern(0, 1000)

    run(main)


def test_cancel_a_pending_request(run: Runner, ca_file: str, base: str) -> None:
    async def main() -> None:
        async with mreq.AsyncSession(verify=ca_file, max_clients=1) as s:
            started = time.monotonic()
            with anyio.move_on_after(0.3) as scope:
                await s.get(base + "/delay/5")
            assert scope.cancelled_caught
            assert time.monotonic() - started < 1.5
            # The slot was given back and the session works on.
            with anyio.fail_after(3):
                assert (await s.get(base + "/small")).text == "hello, world\n"
            # Cancelling a streamed read, too.
            r = await s.get(base + "/stall/10000?at=100&secs=3", stream=True)
            with anyio.move_on_after(0.3) as scope:
                async for _ in r.aiter_content():
                    pass
            assert scope.cancelled_caught
            await r.aclose()
            with anyio.fail_after(3):
                assert (await s.get(base + "/small")).status_code == 200

    run(main)


def test_cancel_an_upload(run: Runner, ca_file: str, base: str) -> None:
    async def main() -> None:
        async def slow_body() -> Any:
            for i in range(100):
                yield pattern(i * 1000, 1000)
                await anyio.sleep(0.05)

        async with mreq.AsyncSession(verify=ca_file, max_clients=1) as s:
            with anyio.move_on_after(0.3) as scope:
                await s.post(base + "/upload", content=slow_body())
            assert scope.cancelled_caught
            with anyio.fail_after(3):
                r = await s.post(base + "/upload", content=b"after")
            assert r.json()["body_sha256"] == sha256(b"after")

    run(main)


def test_many_sessions_on_one_loop(run: Runner, ca_file: str, base: str) -> None:
    async def main() -> None:
        texts: list[str] = []

        async def one() -> None:
            async with mreq.AsyncSession(verify=ca_file) as s:
                texts.append((await s.get(base + "/small")).text)

        async with anyio.create_task_group() as tg:
            for _ in range(5):
                tg.start_soon(one)
        assert texts == ["hello, world\n"] * 5

    run(main)
