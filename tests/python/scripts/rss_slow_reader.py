"""A slow consumer of two big bodies at once, with the process's memory sampled.

    rss_slow_reader.py CONFIG_JSON TOTAL_BYTES RATE

CONFIG_JSON: {"https": base URL (h2 + http/1.1), "https_h1": base URL (http/1.1 only),
"ca": CA file}. Reads ``/bytes/TOTAL`` twice at the same time, each paced to RATE bytes per
second by the reader (the server would send at full speed): over HTTPS/HTTP/2 with `Session`
and ``iter_content()`` in a thread, and over HTTPS/HTTP/1.1 with `AsyncSession` and
``aiter_content()`` on the main thread's event loop. The engine must hold the server back
(HTTP/2 window, TCP) instead of buffering. RSS (``/proc/self/statm``) is sampled every 0.2 s;
the baseline is taken once both readers have 8 MiB.

Prints one JSON line: per reader bytes, SHA-256, HTTP version, error; RSS baseline and max.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import sys
import threading
import time
from typing import Any

from mummer.requests import AsyncSession, Session

PAGE = os.sysconf("SC_PAGE_SIZE")
CHUNK = 64 * 1024
WARM = 8 << 20


def rss() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * PAGE


class Reader:
    def __init__(self, rate: float) -> None:
        self.rate = rate
        self.n = 0
        self.sha = hashlib.sha256()
        self.version = ""
        self.error = ""
        self.started = 0.0

    def add(self, chunk: bytes) -> float:
        """Counts `chunk`; returns how long to sleep to keep to the rate."""
        if not self.started:
            self.started = time.monotonic()
        self.n += len(chunk)
        self.sha.update(chunk)
        return self.n / self.rate - (time.monotonic() - self.started)

    def report(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "sha256": self.sha.hexdigest(),
            "version": self.version,
            "error": self.error,
            "secs": round(time.monotonic() - self.started, 2),
        }


def main() -> None:
    cfg: dict[str, Any] = json.loads(sys.argv[1])
    total, rate = int(sys.argv[2]), float(sys.argv[3])
    h2, h1 = Reader(rate), Reader(rate)
    done = threading.Event()
    samples: list[int] = []
    baseline: list[int] = []

    def sample() -> None:
        while not done.wait(0.2):
            value = rss()
            if not baseline and h2.n >= WARM and h1.n >= WARM:
                baseline.append(value)
            if baseline:
                samples.append(value)

    def read_h2() -> None:
        try:
            with Session(verify=cfg["ca"], timeout=60) as s:
                r = s.get(f"{cfg['https']}/bytes/{total}", stream=True)
                h2.version = str(r.http_version)
                for chunk in r.iter_content(chunk_size=CHUNK):
                    pause = h2.add(chunk)
                    if pause > 0:
                        time.sleep(pause)
        except Exception as e:
            h2.error = f"{type(e).__name__}: {e}"

    async def read_h1() -> None:
        try:
            async with AsyncSession(verify=cfg["ca"], timeout=60) as s:
                r = await s.get(f"{cfg['https_h1']}/bytes/{total}", stream=True)
                h1.version = str(r.http_version)
                async for chunk in r.aiter_content(chunk_size=CHUNK):
                    pause = h1.add(chunk)
                    if pause > 0:
                        await asyncio.sleep(pause)
        except Exception as e:
            h1.error = f"{type(e).__name__}: {e}"

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    before = rss()
    t = threading.Thread(target=read_h2)
    t.start()
    asyncio.run(read_h1())
    t.join()
    done.set()
    sampler.join()
    report = {
        "h2": h2.report(),
        "h1": h1.report(),
        "rss_before": before,
        "rss_baseline": baseline[0] if baseline else None,
        "rss_max": max(samples, default=0),
        "samples": len(samples),
    }
    sys.stdout.write(json.dumps(report) + "\n")


if __name__ == "__main__":
    main()
