"""One case of the seed scenario, in a fresh process (test_seed.py runs it).

    seed_case.py URL {sync|async} {inside|after_with|after_close} [--ca FILE] [--pause S]
                 [--chunk-size N]

Makes one streamed GET (``stream=True``) with `Session` (``iter_content()``) or `AsyncSession`
(``aiter_content()``), and reads the body inside the session's ``with``/``async with`` block,
after the block exited, or after ``close()`` / ``await s.close()`` (waiting `--pause` seconds
first, so that whatever closing does has happened). Prints one JSON line: status, byte count,
SHA-256 of the bytes read, how many chunks were not `--chunk-size` long (the last one may be
shorter), and the exception the iterator raised, if any.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import sys
import time
from typing import Any, Optional

from mummer.requests import AsyncSession, Response, Session
from mummer.requests.exceptions import RequestException


class Tally:
    def __init__(self, chunk_size: Optional[int]) -> None:
        self.chunk_size = chunk_size
        self.odd_chunks = 0
        self.short_chunks = 0
        self.n = 0
        self.sha = hashlib.sha256()
        self.error: Optional[dict[str, Any]] = None

    def add(self, chunk: bytes) -> None:
        if self.short_chunks:  # a short chunk that was not the last
            self.odd_chunks += 1
            self.short_chunks = 0
        if self.chunk_size is not None and len(chunk) != self.chunk_size:
            if len(chunk) > self.chunk_size:
                self.odd_chunks += 1
            else:
                self.short_chunks += 1
        self.n += len(chunk)
        self.sha.update(chunk)

    def failed(self, exc: BaseException) -> None:
        self.error = {
            "type": type(exc).__name__,
            "module": type(exc).__module__,
            "request_exception": isinstance(exc, RequestException),
            "message": str(exc),
        }


def read_sync(r: Response, tally: Tally) -> None:
    try:
        for chunk in r.iter_content(chunk_size=tally.chunk_size):
            tally.add(chunk)
    except Exception as exc:
        tally.failed(exc)


async def read_async(r: Response, tally: Tally) -> None:
    try:
        async for chunk in r.aiter_content(chunk_size=tally.chunk_size):
            tally.add(chunk)
    except Exception as exc:
        tally.failed(exc)


def run_sync(url: str, when: str, kw: dict[str, Any], pause: float, tally: Tally) -> Response:
    if when == "inside":
        with Session(**kw) as s:
            r = s.get(url, stream=True)
            read_sync(r, tally)
        return r
    if when == "after_with":
        with Session(**kw) as s:
            r = s.get(url, stream=True)
    else:
        s = Session(**kw)
        r = s.get(url, stream=True)
        s.close()
    time.sleep(pause)
    read_sync(r, tally)
    return r


async def run_async(
    url: str, when: str, kw: dict[str, Any], pause: float, tally: Tally
) -> Response:
    if when == "inside":
        async with AsyncSession(**kw) as s:
            r = await s.get(url, stream=True)
            await read_async(r, tally)
        return r
    if when == "after_with":
        async with AsyncSession(**kw) as s:
            r = await s.get(url, stream=True)
    else:
        s = AsyncSession(**kw)
        r = await s.get(url, stream=True)
        await s.close()
    await asyncio.sleep(pause)
    await read_async(r, tally)
    return r


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("url")
    p.add_argument("mode", choices=["sync", "async"])
    p.add_argument("when", choices=["inside", "after_with", "after_close"])
    p.add_argument("--ca")
    p.add_argument("--pause", type=float, default=0.2)
    p.add_argument("--chunk-size", type=int)
    a = p.parse_args()
    kw: dict[str, Any] = {"timeout": 60}
    if a.ca:
        kw["verify"] = a.ca
    tally = Tally(a.chunk_size)
    started = time.monotonic()
    if a.mode == "sync":
        r = run_sync(a.url, a.when, kw, a.pause, tally)
    else:
        r = asyncio.run(run_async(a.url, a.when, kw, a.pause, tally))
    report = {
        "status": r.status_code,
        "http_version": str(r.http_version),
        "content_length": r.headers.get("content-length"),
        "n": tally.n,
        "sha256": tally.sha.hexdigest(),
        "odd_chunks": tally.odd_chunks,
        "error": tally.error,
        "secs": round(time.monotonic() - started, 3),
    }
    sys.stdout.write(json.dumps(report) + "\n")


if __name__ == "__main__":
    main()
