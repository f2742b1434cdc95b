"""A short process that ends while mummer is busy (test_process.py runs hundreds of them).

    exit_case.py SCENARIO CONFIG_JSON

CONFIG_JSON: {"http": base URL, "https": base URL, "ca": CA file}. Every scenario prints one
JSON line (``{"ok": true, ...}``) on stdout before it ends the way it is named after; the test
wants exit status 0 and nothing at all on stderr (no traceback, no "Fatal Python error", no
Rust panic message), within a time bound.

Threads, children and callbacks catch only mummer's own exceptions
(`mummer.requests.exceptions.RequestException`, `mummer.CurlError`): anything else would print
a traceback and fail the test.
"""

from __future__ import annotations

import asyncio
import atexit
import contextlib
import hashlib
import json
import os
import select
import sys
import threading
import time
import warnings
from collections.abc import Callable
from typing import Any

import mummer
from mummer.requests import AsyncSession, Response, Session
from mummer.requests.exceptions import RequestException

# Python 3.12+ warns about fork() in a process with threads (mummer's runtime has two).
warnings.filterwarnings("ignore", message=".*fork", category=DeprecationWarning)

N = 52_428_800
HALF = N // 2
CFG: dict[str, str] = {}
RESULTS: dict[str, Any] = {}


def out(report: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(report) + "\n")
    sys.stdout.flush()


def expected(n: int) -> bytes:
    # The /bytes pattern (crates/mummer-testkit/src/pattern.rs), for small bodies.
    period = bytes((j * j * 7 + j * 13 + 0x5A) % 256 for j in range(251))
    return (period * (n // 251 + 1))[:n]


def get_ok(s: Session, n: int, **kw: Any) -> None:
    r = s.get(f"{CFG['http']}/bytes/{n}", **kw)
    if r.status_code != 200 or r.content != expected(n):
        raise AssertionError(f"bad body of {n} bytes: {len(r.content)}")


async def aget_ok(s: AsyncSession[Response], n: int) -> None:
    r = await s.get(f"{CFG['http']}/bytes/{n}")
    if r.status_code != 200 or r.content != expected(n):
        raise AssertionError(f"bad body of {n} bytes: {len(r.content)}")


def read_some(r: Response, limit: int) -> int:
    got = 0
    for chunk in r.iter_content():
        got += len(chunk)
        if got >= limit:
            break
    return got


async def aread_some(r: Response, limit: int) -> int:
    got = 0
    async for chunk in r.aiter_content():
        got += len(chunk)
        if got >= limit:
            break
    return got


def mummer_outcome(action: Callable[[], object]) -> str:
    """ "works", or "raised <class>" for one of mummer's exceptions."""
    try:
        action()
    except (RequestException, mummer.CurlError) as e:
        return f"raised {type(e).__name__}"
    return "works"


# -- streams in flight and sessions open at exit ----------------------------------------------


def stream_half_sys_exit_sync() -> None:
    with Session() as s:
        r = s.get(f"{CFG['http']}/bytes/{N}", stream=True)
        got = read_some(r, HALF)
        out({"ok": True, "read": got})
        sys.exit(0)


def stream_half_fall_off_sync() -> None:
    s = Session()
    r = s.get(f"{CFG['http']}/chunked/{N}", stream=True)
    RESULTS["keep"] = (s, r)  # alive until the interpreter tears down
    out({"ok": True, "read": read_some(r, HALF)})


def stream_half_sys_exit_async() -> None:
    async def main() -> None:
        async with AsyncSession() as s:
            r = await s.get(f"{CFG['http']}/bytes/{N}", stream=True)
            out({"ok": True, "read": await aread_some(r, HALF)})
            sys.exit(0)

    asyncio.run(main())


def stream_half_fall_off_async() -> None:
    async def main() -> None:
        s: AsyncSession[Response] = AsyncSession()
        r = await s.get(f"{CFG['http']}/chunked/{N}", stream=True)
        RESULTS["keep"] = (s, r)  # outlives its event loop, and then the interpreter
        out({"ok": True, "read": await aread_some(r, HALF)})

    asyncio.run(main())


def stream_slow_unread_sys_exit() -> None:
    # A body dripping at 1 MB/s, hardly read, over HTTPS/HTTP/2 and HTTP/1.1 at once.
    s = Session(verify=CFG["ca"])
    r1 = s.get(f"{CFG['https']}/drip/{N}?rate=1000000", stream=True)
    r2 = s.get(f"{CFG['http']}/drip/{N}?rate=1000000&chunked=1", stream=True)
    got = read_some(r1, 1) + read_some(r2, 1)
    out({"ok": True, "read": got, "versions": [str(r1.http_version), str(r2.http_version)]})
    sys.exit(0)


def sessions_open_sync() -> None:
    s1 = Session()
    s2 = Session(verify=CFG["ca"])
    get_ok(s1, 1000)
    r = s2.get(f"{CFG['https']}/bytes/1000")
    RESULTS["keep"] = (s1, s2, r)
    out({"ok": True, "version": str(r.http_version)})


def sessions_open_async() -> None:
    async def main() -> None:
        s: AsyncSession[Response] = AsyncSession()
        await aget_ok(s, 1000)
        RESULTS["keep"] = s

    asyncio.run(main())
    out({"ok": True})


def async_request_cancelled_at_exit() -> None:
    # asyncio.run cancels the task still waiting for its response (a 5 s delay).
    async def main() -> None:
        s: AsyncSession[Response] = AsyncSession()
        RESULTS["task"] = asyncio.get_running_loop().create_task(s.get(f"{CFG['http']}/delay/5"))
        await asyncio.sleep(0.05)

    asyncio.run(main())
    out({"ok": True})


def native_pending_at_exit() -> None:
    # The bridge directly: a request in flight, never waited for.
    from mummer import _native

    client = _native.Client({})
    RESULTS["pending"] = client.start("GET", f"{CFG['http']}/delay/5", None, None, False)
    time.sleep(0.05)
    out({"ok": True})


# -- fork ---------------------------------------------------------------------------------------


def _wait_child(pid: int, bound: float) -> int:
    deadline = time.monotonic() + bound
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return os.waitstatus_to_exitcode(status)
        time.sleep(0.01)
    os.kill(pid, 9)  # our own child, by its id
    os.waitpid(pid, 0)
    return -999  # hung


def _child_report(fd: int, report: dict[str, Any]) -> None:
    os.write(fd, json.dumps(report).encode())
    os.close(fd)


def _read_report(fd: int) -> dict[str, Any]:
    data = b""
    while select.select([fd], [], [], 0)[0]:
        piece = os.read(fd, 65536)
        if not piece:
            break
        data += piece
    os.close(fd)
    return json.loads(data) if data else {}


def fork_sync() -> None:
    s = Session()
    get_ok(s, 1000)  # a pooled connection
    r = s.get(f"{CFG['http']}/bytes/{N}", stream=True)
    chunks = r.iter_content(chunk_size=1 << 20)
    sha = hashlib.sha256()
    for _ in range(5):
        sha.update(next(chunks))
    rfd, wfd = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        os.close(rfd)
        report: dict[str, Any] = {}
        with Session() as fresh:
            get_ok(fresh, 12_345)
            report["new_session"] = "works"

        async def in_child() -> None:
            async with AsyncSession() as a:
                await aget_ok(a, 2222)

        asyncio.run(in_child())
        report["new_async_session"] = "works"
        report["parent_session"] = mummer_outcome(lambda: get_ok(s, 777))
        report["parent_stream"] = mummer_outcome(lambda: next(chunks))
        report["parent_stream_close"] = mummer_outcome(r.close)
        _child_report(wfd, report)
        sys.exit(0)  # a normal exit: atexit (mummer's shutdown) and finalization run
    os.close(wfd)
    code = _wait_child(pid, 20)
    child = _read_report(rfd)
    # The parent goes on: its stream, its session, a new session.
    for chunk in chunks:
        sha.update(chunk)
    stream_ok = sha.hexdigest() == hashlib.sha256(expected(N)).hexdigest()
    get_ok(s, 4321)
    with Session() as again:
        get_ok(again, 999)
    out({"ok": code == 0 and stream_ok, "child_code": code, "child": child, "stream": stream_ok})


def fork_async() -> None:
    s: AsyncSession[Response] = AsyncSession()
    asyncio.run(aget_ok(s, 1000))
    rfd, wfd = os.pipe()
    sys.stdout.flush()
    sys.stderr.flush()
    pid = os.fork()
    if pid == 0:
        os.close(rfd)
        report: dict[str, Any] = {}

        async def in_child() -> None:
            async with AsyncSession() as fresh:
                await aget_ok(fresh, 3333)
            report["new_async_session"] = "works"
            try:
                await aget_ok(s, 555)
                report["parent_session"] = "works"
            except (RequestException, mummer.CurlError) as e:
                report["parent_session"] = f"raised {type(e).__name__}"

        asyncio.run(in_child())
        with Session() as sync:
            get_ok(sync, 4444)
        report["new_session"] = "works"
        _child_report(wfd, report)
        sys.stdout.flush()
        os._exit(0)  # as multiprocessing's fork children end: no atexit, no finalization
    os.close(wfd)
    code = _wait_child(pid, 20)
    child = _read_report(rfd)
    asyncio.run(aget_ok(s, 6666))  # the parent's session, on a new loop, after the child
    out({"ok": code == 0, "child_code": code, "child": child})


# -- threads in flight when the main thread exits ---------------------------------------------


def _threads(daemon: bool, exit_how: str) -> None:
    s = Session(verify=CFG["ca"])
    started = threading.Barrier(9, timeout=10)
    outcomes: list[str] = []

    def whole_body(i: int) -> None:
        # 2 MB at 4 MB/s: half a second in flight.
        try:
            url = f"{CFG['http']}/drip/2000000?rate=4000000"
            started.wait()
            r = s.get(url if i % 2 else url.replace(CFG["http"], CFG["https"]))
            outcomes.append("ok" if r.content == expected(2_000_000) else "BAD BODY")
        except (RequestException, mummer.CurlError) as e:
            outcomes.append(f"raised {type(e).__name__}")

    def streaming(i: int) -> None:
        # A 50 MiB stream read slowly: still in flight when the process ends (daemon), or
        # stopped after 1 MiB and closed (non-daemon, which the interpreter waits for).
        try:
            r = s.get(f"{CFG['https' if i % 2 else 'http']}/bytes/{N}", stream=True)
            started.wait()
            got = 0
            for chunk in r.iter_content(chunk_size=65536):
                got += len(chunk)
                if not daemon and got >= 1 << 20:
                    r.close()
                    break
                time.sleep(0.01)
            outcomes.append("ok")
        except (RequestException, mummer.CurlError) as e:
            outcomes.append(f"raised {type(e).__name__}")

    # Daemon threads are only ever inside a stream read when the process ends: a daemon
    # thread inside a whole request (Client.send) at exit is test_process.py's xfail.
    threads = [
        threading.Thread(
            target=whole_body if i < 4 and not daemon else streaming, args=(i,), daemon=daemon
        )
        for i in range(8)
    ]
    for t in threads:
        t.start()
    started.wait()
    time.sleep(0.1)  # every request is in flight now

    def report() -> None:
        # Registered after mummer's atexit hook, so it runs first (LIFO); non-daemon threads
        # have been joined by then.
        out({"ok": True, "daemon": daemon, "outcomes": sorted(outcomes)})

    atexit.register(report)
    RESULTS["keep"] = (s, threads)
    if exit_how == "sys_exit":
        sys.exit(0)


def threads_daemon_fall_off() -> None:
    _threads(True, "fall_off")


def threads_daemon_sys_exit() -> None:
    _threads(True, "sys_exit")


def threads_nondaemon_fall_off() -> None:
    _threads(False, "fall_off")


def threads_nondaemon_sys_exit() -> None:
    _threads(False, "sys_exit")


def async_loop_in_daemon_thread() -> None:
    # An event loop in a daemon thread with a stream and a request in flight; main exits.
    ready = threading.Event()

    async def main() -> None:
        s: AsyncSession[Response] = AsyncSession()
        r = await s.get(f"{CFG['http']}/drip/{N}?rate=2000000", stream=True)
        ready.set()
        try:
            async for _ in r.aiter_content():
                pass
        except (RequestException, mummer.CurlError):
            pass

    def run() -> None:
        with contextlib.suppress(RequestException, mummer.CurlError):
            asyncio.run(main())

    t = threading.Thread(target=run, daemon=True)
    t.start()
    if not ready.wait(10):
        raise AssertionError("the stream never started")
    out({"ok": True})


SCENARIOS: dict[str, Callable[[], None]] = {
    f.__name__: f
    for f in (
        stream_half_sys_exit_sync,
        stream_half_fall_off_sync,
        stream_half_sys_exit_async,
        stream_half_fall_off_async,
        stream_slow_unread_sys_exit,
        sessions_open_sync,
        sessions_open_async,
        async_request_cancelled_at_exit,
        native_pending_at_exit,
        fork_sync,
        fork_async,
        threads_daemon_fall_off,
        threads_daemon_sys_exit,
        threads_nondaemon_fall_off,
        threads_nondaemon_sys_exit,
        async_loop_in_daemon_thread,
    )
}

if __name__ == "__main__":
    CFG.update(json.loads(sys.argv[2]))
    SCENARIOS[sys.argv[1]]()
