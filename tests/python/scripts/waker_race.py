"""Concurrent wake-ups through one `Waker` (one event loop's): is any ever lost?

    waker_race.py {native|asyncio} URL BUDGET_SECONDS

``native``: rounds of 64 `Client.start` requests, each registered on one `_native.Waker` with
its own token; this thread waits for the Waker's descriptor and drains it, as an event loop
does. A wake is lost when every request of the round is done, some token never came out of
`drain()`, and the descriptor does not become readable (checked for 1 s).

``asyncio``: rounds of 32 concurrent `AsyncSession.get` on one loop (``asyncio.gather``), each
round bounded by 10 s; a lost wake-up shows as a round that never ends.

Prints one JSON line: rounds run and the first loss (None if none within the budget).
"""

from __future__ import annotations

import asyncio
import json
import select
import sys
import time
from typing import Any, Optional

from mummer import _native
from mummer.requests import AsyncSession, Response


def native(url: str, budget: float) -> dict[str, Any]:
    client = _native.Client({})
    waker = _native.Waker()
    fd = waker.fileno()
    token = 0
    rounds = 0
    lost: Optional[dict[str, Any]] = None
    started = time.monotonic()
    while lost is None and time.monotonic() - started < budget:
        rounds += 1
        waiting: dict[int, _native.Pending] = {}
        for _ in range(64):
            token += 1
            pending = client.start("GET", url, None, None, False)
            if pending.set_waker(waker, token):
                waiting[token] = pending
            else:
                pending.result()
        while waiting:
            if not select.select([fd], [], [], 1.0)[0]:
                if all(p.done() for p in waiting.values()):
                    # Nothing will signal these any more: are they recorded at all?
                    recorded = set(waker.drain())
                    lost = {
                        "round": rounds,
                        "undelivered": len(waiting),
                        "recorded_but_not_signalled": set(waiting) <= recorded,
                    }
                    break
                continue
            for t in waker.drain():
                pending = waiting.pop(t, None)
                if pending is not None:
                    pending.result()
    return {"rounds": rounds, "lost": lost, "secs": round(time.monotonic() - started, 2)}


async def with_asyncio(url: str, budget: float) -> dict[str, Any]:
    rounds = 0
    lost: Optional[dict[str, Any]] = None
    started = time.monotonic()
    s: AsyncSession[Response]
    async with AsyncSession(max_clients=32) as s:
        while time.monotonic() - started < budget:
            rounds += 1
            try:
                rs = await asyncio.wait_for(
                    asyncio.gather(*(s.get(url) for _ in range(32))), timeout=10
                )
            except asyncio.TimeoutError:
                lost = {"round": rounds, "hung_for": 10}
                break
            assert all(r.status_code == 200 for r in rs)
    return {"rounds": rounds, "lost": lost, "secs": round(time.monotonic() - started, 2)}


def main() -> None:
    mode, url, budget = sys.argv[1], sys.argv[2], float(sys.argv[3])
    report = native(url, budget) if mode == "native" else asyncio.run(with_asyncio(url, budget))
    sys.stdout.write(json.dumps(report) + "\n")


if __name__ == "__main__":
    main()
