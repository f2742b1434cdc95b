"""Many small requests in one process, with its resident memory sampled (test_process.py).

    rss_small.py CONFIG_JSON TARGET BUDGET_SECONDS

CONFIG_JSON: {"http": base URL, "https": base URL, "ca": CA file}. Runs rounds of 1,000
requests until TARGET requests are done or BUDGET seconds have passed, each round one of:
`Session` over HTTP/1.1, `Session` over HTTPS/HTTP/2, `AsyncSession` over HTTP/1.1 on a NEW
event loop (``asyncio.run`` per round, so per-loop state must not pile up), and streamed
responses read with ``iter_content()``. Every body is checked. The first 5,000 requests are the
warm-up; RSS (``/proc/self/statm``) is sampled after it and after every round.

Prints one JSON line: requests done, seconds, RSS after warm-up, at the end and at most.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import time
from typing import Any

from mummer.requests import AsyncSession, Response, Session

PAGE = os.sysconf("SC_PAGE_SIZE")
ROUND = 1000
WARMUP = 5000
BODY = b"hello, world\n"


def rss() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * PAGE


def main() -> None:
    cfg: dict[str, Any] = json.loads(sys.argv[1])
    target, budget = int(sys.argv[2]), float(sys.argv[3])
    h1 = Session()
    h2 = Session(verify=cfg["ca"])
    small_h1 = f"{cfg['http']}/small"
    small_h2 = f"{cfg['https']}/small"

    def sync_round(s: Session[Response], url: str) -> None:
        for _ in range(ROUND):
            r = s.get(url)
            if r.status_code != 200 or r.content != BODY:
                raise AssertionError(f"bad response: {r.status_code} {r.content!r}")

    def stream_round() -> None:
        for _ in range(ROUND):
            r = h1.get(small_h1, stream=True)
            if b"".join(r.iter_content()) != BODY:
                raise AssertionError("bad streamed body")

    async def async_round() -> None:
        # One request at a time: the waits never overlap (see test_process.py for why).
        async with AsyncSession() as s:
            for _ in range(ROUND):
                r = await s.get(small_h1)
                if r.status_code != 200 or r.content != BODY:
                    raise AssertionError(f"bad response: {r.status_code}")

    kinds = [
        lambda: sync_round(h1, small_h1),
        lambda: sync_round(h2, small_h2),
        lambda: asyncio.run(async_round()),
        stream_round,
    ]
    started = time.monotonic()
    done = 0
    baseline = 0
    samples: list[int] = []
    while done < target and time.monotonic() - started < budget:
        kinds[(done // ROUND) % len(kinds)]()
        done += ROUND
        if done == WARMUP:
            baseline = rss()
        elif done > WARMUP:
            samples.append(rss())
    report = {
        "done": done,
        "secs": round(time.monotonic() - started, 2),
        "rss_baseline": baseline,
        "rss_end": samples[-1] if samples else baseline,
        "rss_max": max(samples, default=baseline),
        "samples": len(samples),
    }
    sys.stdout.write(json.dumps(report) + "\n")


if __name__ == "__main__":
    main()
