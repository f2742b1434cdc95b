"""The case curl_cffi gets wrong, run against mummer's embedded test server.

curl_cffi 0.17 with its own documented pattern (`AsyncSession`, `stream=True`,
`aiter_content()`) ends a stream read after the session closed cleanly and short: about 1 MB of
a 50 MiB body, status 200, no exception. mummer's response owns its connection, so the same
code reads the whole body; and a body cut by the server raises instead of ending short.

    python examples/python/seed_demo.py [path/to/mummer-testserver]
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import subprocess
import sys
from pathlib import Path

import mummer
from mummer import requests

SIZE = 50 * 1024 * 1024
PERIOD = 251


def pattern_sha256(size: int) -> str:
    """SHA-256 of the test server's pattern bytes 0..size (mummer_testkit::pattern)."""
    period = bytes((j * j * 7 + j * 13 + 0x5A) % 256 for j in range(PERIOD))
    block = period * (1 << 14)  # 251 * 16384 bytes: whole periods
    h = hashlib.sha256()
    left = size
    while left:
        n = min(left, len(block))
        h.update(block[:n])
        left -= n
    return h.hexdigest()


async def read_after_close(base: str, ca: str) -> tuple[int, str]:
    async with requests.AsyncSession(verify=ca) as session:
        response = await session.get(f"{base}/bytes/{SIZE}", stream=True)
    # The session is closed here. The response still owns its connection.
    digest = hashlib.sha256()
    received = 0
    async for chunk in response.aiter_content():
        digest.update(chunk)
        received += len(chunk)
    return received, digest.hexdigest()


async def truncated(base: str, ca: str) -> str:
    async with requests.AsyncSession(verify=ca) as session:
        response = await session.get(f"{base}/truncated/{SIZE}", stream=True)
        received = 0
        try:
            async for chunk in response.aiter_content():
                received += len(chunk)
        except requests.exceptions.RequestException as e:
            return f"{type(e).__name__} (curl code {e.code}) after {received} bytes: {e}"
    return f"ended cleanly after {received} bytes: NOT EXPECTED"


def main() -> int:
    root = Path(__file__).resolve().parents[2]
    binary = sys.argv[1] if len(sys.argv) > 1 else str(root / "target/debug/mummer-testserver")
    server = subprocess.Popen([binary], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert server.stdout is not None
        info = json.loads(server.stdout.readline())
        ca = info["ca_file"]
        ok = True
        for label, base in (
            ("HTTP/2 over TLS", info["urls"]["https"]),
            ("HTTP/1.1", info["urls"]["http"]),
        ):
            received, digest = asyncio.run(read_after_close(base, ca))
            good = received == SIZE and digest == pattern_sha256(SIZE)
            ok &= good
            print(
                f"mummer {mummer.__version__}, {label}: read after AsyncSession closed: "
                f"{received:,} of {SIZE:,} bytes, SHA-256 {'verified' if good else 'WRONG'}"
            )
            outcome = asyncio.run(truncated(base, ca))
            ok &= "NOT EXPECTED" not in outcome
            print(f"  a body the server cuts in half: {outcome}")
        print("all checks passed" if ok else "FAILED")
        return 0 if ok else 1
    finally:
        if server.stdin is not None:
            server.stdin.close()
        server.wait(timeout=10)


if __name__ == "__main__":
    sys.exit(main())
