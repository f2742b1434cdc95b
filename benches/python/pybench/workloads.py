"""The workloads of the issue's spec, and the derived W5 rows (stdlib only)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

MIB = 1 << 20
GIB = 1 << 30
QUICK_BIG = 64 * MIB


@dataclass(frozen=True)
class Workload:
    key: str
    title: str
    mode: str  # "sync" | "async"
    op: str  # "get" | "stream"
    scheme: str  # "https" (HTTP/2 where the client can, by ALPN) | "http" (plain HTTP/1.1)
    target: str  # "small" | "medium" | "big" | "chunked"
    count: int
    quick_count: int
    concurrency: int = 1
    # Ratio to curl_cffi-chrome that mummer should reach (None: only "ahead of every peer").
    goal: Optional[float] = None

    def title_for(self, count: int, big_len: int) -> str:
        big = f"{big_len >> 30} GiB" if big_len >= GIB else f"{big_len >> 20} MiB"
        return self.title.format(count=f"{count:,}", big=big)

    @property
    def unit(self) -> str:
        return "MiB/s" if self.op == "stream" else "req/s"


WORKLOADS: list[Workload] = [
    Workload("W1-h2", "W1 {count} small GETs, sync, HTTPS (HTTP/2)", "sync", "get", "https",
             "small", 2000, 300, goal=6.0),
    Workload("W1-h1", "W1 {count} small GETs, sync, plain HTTP/1.1", "sync", "get", "http",
             "small", 2000, 300, goal=6.0),
    Workload("W2", "W2 {count} GETs, concurrency 50, async, HTTPS (HTTP/2)", "async", "get",
             "https", "small", 1000, 300, concurrency=50, goal=4.0),
    Workload("W3-sync", "W3 {big} streamed, sync, HTTPS (HTTP/2)", "sync", "stream", "https",
             "big", 1, 1, goal=2.0),
    Workload("W3-async", "W3 {big} streamed, async, HTTPS (HTTP/2)", "async", "stream", "https",
             "big", 1, 1, goal=2.0),
    Workload("W3-chunked", "W3 {big} chunked, sync, plain HTTP/1.1", "sync", "stream", "http",
             "chunked", 1, 1, goal=2.0),
    Workload("W4", "W4 1 MiB x {count}, sync, HTTPS (HTTP/2), not streamed", "sync", "get", "https",
             "medium", 200, 50),
]

BY_KEY = {w.key: w for w in WORKLOADS}


@dataclass(frozen=True)
class CpuRow:
    """W5: CPU seconds (user+sys, all threads) per 10k requests, from a W1 row's cells."""

    key: str
    title: str
    source: str
    goal: float = 0.15
    unit: str = "CPU s / 10k req"


CPU_ROWS: list[CpuRow] = [
    CpuRow("W5-h2", "W5 CPU per 10k small GETs, HTTPS (HTTP/2), from W1", "W1-h2"),
    CpuRow("W5-h1", "W5 CPU per 10k small GETs, plain HTTP/1.1, from W1", "W1-h1"),
]
