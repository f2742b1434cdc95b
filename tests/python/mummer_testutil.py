"""Helpers shared by the integration tests (imported by name: pytest puts this directory on
``sys.path``)."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterable, Iterable

#: The test server's pattern (`mummer_testkit::pattern`): the byte at offset i depends only on
#: i % 251.
PERIOD = 251
_TABLE = bytes((j * j * 7 + j * 13 + 0x5A) % 256 for j in range(PERIOD))


def pattern(offset: int, length: int) -> bytes:
    """The test server's body bytes for offsets ``offset .. offset + length``."""
    start = offset % PERIOD
    reps = (start + length) // PERIOD + 1
    return (_TABLE * reps)[start : start + length]


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def drain(chunks: Iterable[bytes], into: list[bytes]) -> None:
    """Appends every chunk to `into` (which keeps what was yielded if the iterator raises)."""
    into.extend(chunks)


async def adrain(chunks: AsyncIterable[bytes], into: list[bytes]) -> None:
    """`drain` for an async iterator."""
    async for chunk in chunks:
        into.append(chunk)
