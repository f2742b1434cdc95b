"""Helpers shared by the integration tests (imported by name: pytest puts this directory on
``sys.path``)."""

from __future__ import annotations

import hashlib
import socket
from collections.abc import AsyncIterable, Iterable
from typing import Optional

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


def read_head(conn: socket.socket) -> Optional[bytes]:
    """What a test server reads of a request: everything up to the end of its head (the
    bytes after it too, if they came in the same read); None when the client closed first."""
    head = b""
    while b"\r\n\r\n" not in head:
        piece = conn.recv(65536)
        if not piece:
            return None
        head += piece
    return head
