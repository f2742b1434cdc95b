"""One benchmark cell (one client x one workload) in a fresh process; prints one JSON line.

    python -m pybench.cell --client NAME --mode sync|async --op get|stream --url URL
        --warm-url URL --count N [--concurrency K] --body small|pattern --length BYTES --ca CA

The client is made and one warm-up request sent to ``--warm-url`` (same server, so the
connection is open and nginx logs the protocol it spoke) before the clock starts. Then ``count``
requests (``op=get``: whole bodies; ``op=stream``: one streamed body per count) are timed: wall
seconds (``time.perf_counter``) and CPU seconds user+sys of this process, all its threads
(``resource.getrusage``), over exactly the timed part; ``cpu_process`` is the whole process.

Every body is verified: status 200, exact length, and content (``small``: the 13 bytes;
``pattern``: the deterministic pattern, chunk by chunk for streams). A request that raises or
returns a wrong body is an error; a cell with any error is failed, whatever its speed (and stops
after 10 errors).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import resource
import sys
import time
import traceback

from .clients import CLIENTS
from .pattern import PatternChecker, pattern_bytes

SMALL_BODY = b"Hello, world!"
MAX_ERRORS = 10


def _cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_SELF)
    return ru.ru_utime + ru.ru_stime


def _lib_version(module: str) -> str:
    from importlib import metadata

    try:
        return metadata.version(module)
    except metadata.PackageNotFoundError:
        mod = sys.modules.get(module)
        return str(getattr(mod, "__version__", "?"))


class Tally:
    def __init__(self, expected: bytes, length: int) -> None:
        self.expected = expected
        self.length = length
        self.ok = 0
        self.errors = 0
        self.bytes = 0
        self.first_error = ""

    def error(self, what: str) -> None:
        self.errors += 1
        if not self.first_error:
            self.first_error = what[:500]

    def check_body(self, status, body) -> None:
        n = len(body)
        # startswith compares any buffer (bytes, memoryview) with a memcmp, without a copy.
        if status == 200 and n == self.length and self.expected.startswith(body):
            self.ok += 1
            self.bytes += n
        elif status == 200 and n == self.length:
            self.error(f"wrong body content ({n} bytes, the right length)")
        else:
            self.error(f"bad response: status {status}, {n} bytes (want 200, {self.length})")

    def check_stream(self, status, checker: PatternChecker) -> None:
        if status == 200 and checker.ok(self.length):
            self.ok += 1
            self.bytes += checker.offset
        elif checker.bad_at is not None:
            self.error(f"stream: wrong bytes in the chunk at offset {checker.bad_at} (status {status})")
        else:
            self.error(f"stream: status {status}, {checker.offset} bytes (want 200, {self.length})")


def _describe(e: BaseException) -> str:
    return f"{type(e).__name__}: {e}"


def run_sync(client, a, tally: Tally) -> dict:
    adapter = client.make_sync(a.ca)
    proto = adapter.version(a.warm_url)
    t0, c0 = time.perf_counter(), _cpu()
    for _ in range(a.count):
        try:
            if a.op == "get":
                status, body = adapter.get(a.url)
                tally.check_body(status, body)
            else:
                checker = PatternChecker()
                status = adapter.stream(a.url, checker.feed)
                tally.check_stream(status, checker)
        except Exception as e:  # noqa: BLE001 - any failure of the client is an error
            tally.error(_describe(e))
        if tally.errors >= MAX_ERRORS:
            break
    wall, cpu = time.perf_counter() - t0, _cpu() - c0
    adapter.close()
    return {"wall": wall, "cpu": cpu, "proto": proto}


async def run_async(client, a, tally: Tally) -> dict:
    adapter = client.make_async(a.ca, a.concurrency)
    proto = await adapter.version(a.warm_url)
    left = a.count

    async def worker():
        nonlocal left
        while left > 0 and tally.errors < MAX_ERRORS:
            left -= 1
            try:
                if a.op == "get":
                    status, body = await adapter.get(a.url)
                    tally.check_body(status, body)
                else:
                    checker = PatternChecker()
                    status = await adapter.stream(a.url, checker.feed)
                    tally.check_stream(status, checker)
            except Exception as e:  # noqa: BLE001
                tally.error(_describe(e))

    t0, c0 = time.perf_counter(), _cpu()
    await asyncio.gather(*(worker() for _ in range(min(a.concurrency, a.count))))
    wall, cpu = time.perf_counter() - t0, _cpu() - c0
    await adapter.close()
    return {"wall": wall, "cpu": cpu, "proto": proto}


def main(argv=None) -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--client", required=True, choices=sorted(CLIENTS))
    p.add_argument("--mode", required=True, choices=["sync", "async"])
    p.add_argument("--op", required=True, choices=["get", "stream"])
    p.add_argument("--url", required=True)
    p.add_argument("--warm-url", required=True)
    p.add_argument("--count", type=int, required=True)
    p.add_argument("--concurrency", type=int, default=1)
    p.add_argument("--body", choices=["small", "pattern"], required=True)
    p.add_argument("--length", type=int, required=True)
    p.add_argument("--ca", required=True)
    a = p.parse_args(argv)
    client = CLIENTS[a.client]
    out = {"client": a.client, "mode": a.mode, "op": a.op, "url": a.url, "count": a.count}

    try:
        __import__(client.module)
        out["lib_version"] = _lib_version(client.module)
    except Exception as e:  # noqa: BLE001 - ImportError, or a native module that fails to load
        out.update(status="unavailable", error=_describe(e))
        print(json.dumps(out), flush=True)
        return 0

    # Only the checker's table is needed for streams; whole bodies compare against the bytes.
    expected = SMALL_BODY if a.body == "small" else (
        pattern_bytes(0, a.length) if a.op == "get" else b"")
    tally = Tally(expected, a.length)
    cpu_start = _cpu()
    try:
        if a.mode == "sync":
            timing = run_sync(client, a, tally)
        else:
            timing = asyncio.run(run_async(client, a, tally))
    except Exception as e:  # noqa: BLE001 - the client could not even be set up
        out.update(status="failed", error=_describe(e),
                   traceback=traceback.format_exc(limit=4)[-2000:])
        print(json.dumps(out), flush=True)
        return 0
    out.update(timing)
    out.update(
        status="ok" if tally.errors == 0 and tally.ok == a.count else "failed",
        ok=tally.ok,
        errors=tally.errors,
        bytes=tally.bytes,
        cpu_process=_cpu(),
        cpu_startup=cpu_start,  # interpreter + imports, before the client is made
    )
    if tally.first_error:
        out["error"] = tally.first_error
    print(json.dumps(out), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
