"""Deterministic body bytes, the same as `mummer_testkit::pattern`.

The byte at absolute offset ``i`` depends only on ``i % 251``; 251 is prime, so a body shifted,
duplicated, reordered or truncated at any usual buffer boundary fails the check. Checking is a
``bytes.startswith`` (a memcmp against a precomputed table, no copy) per chunk: about 0.03 s of
CPU per GiB, the same for every client.

Stdlib only: ``run.py`` imports this with the system Python to write the served files.
"""

from __future__ import annotations

PERIOD = 251
PERIOD_BYTES = bytes(((j * j * 7 + j * 13 + 0x5A) % 256) for j in range(PERIOD))

# Largest piece compared at once; a longer chunk is compared piecewise.
_MAX_PIECE = 1 << 20
_TABLE = PERIOD_BYTES * (_MAX_PIECE // PERIOD + 2)


def pattern_bytes(offset: int, length: int) -> bytes:
    """The pattern bytes for absolute offsets ``offset .. offset + length``."""
    start = offset % PERIOD
    reps = (start + length) // PERIOD + 1
    return (PERIOD_BYTES * reps)[start : start + length]


def write_pattern_file(path: str, length: int) -> None:
    """Writes ``length`` pattern bytes to ``path`` (via a temporary name, then renamed)."""
    import os

    block = PERIOD_BYTES * (4 * 1024 * 1024 // PERIOD)  # whole periods: phase stays at 0
    tmp = path + ".part"
    with open(tmp, "wb") as f:
        left = length
        while left > 0:
            n = min(left, len(block))
            f.write(block[:n] if n < len(block) else block)
            left -= n
    os.replace(tmp, path)


class PatternChecker:
    """Checks a streamed body chunk by chunk; ``ok(total)`` tells whether all of it matched."""

    __slots__ = ("offset", "bad_at")

    def __init__(self) -> None:
        self.offset = 0
        self.bad_at: int | None = None

    def feed(self, chunk) -> None:
        n = len(chunk)
        if self.bad_at is None:
            start = self.offset % PERIOD
            if n <= _MAX_PIECE:
                if not _TABLE.startswith(chunk, start):
                    self.bad_at = self.offset
            else:
                view = memoryview(chunk).cast("B")
                pos = 0
                while pos < n:
                    m = min(n - pos, _MAX_PIECE)
                    if not _TABLE.startswith(view[pos : pos + m], (self.offset + pos) % PERIOD):
                        self.bad_at = self.offset + pos
                        break
                    pos += m
        self.offset += n

    def ok(self, expected_len: int) -> bool:
        return self.bad_at is None and self.offset == expected_len
