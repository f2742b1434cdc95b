"""WebSocket peers for the tests: Python's `websockets` server (a real, independent
implementation; with and without permessage-deflate) in a thread of its own, and a scripted
raw-socket server for the faults a real server does not make on purpose (a connection cut in
the middle of a frame or of a message, a close never answered).

Paths of the `websockets` server: ``/echo`` echoes every message as it came (text as text);
``/close`` closes at once with 4001 "bye"; ``/ping`` pings the client and says "pong <n>"
once the pong came back; ``/fragments`` sends one text message in the three fragments
"ab", "cd", "ef"; ``/hello-bye`` sends "hello", that message, and closes with 1000 "done";
``/big?n=N`` sends one binary message of N bytes; ``/headers`` answers with
the upgrade request's header names, in order and case, as JSON; ``/refuse`` answers 403.
"""

from __future__ import annotations

import asyncio
import base64
import hashlib
import json
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Optional
from urllib.parse import parse_qs, urlsplit

from mummer_testutil import read_head
from websockets.asyncio.server import ServerConnection, serve
from websockets.http11 import Request, Response

GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


async def _handler(ws: ServerConnection) -> None:
    assert ws.request is not None
    parts = urlsplit(ws.request.path)
    path = parts.path
    if path == "/echo":
        async for message in ws:
            await ws.send(message)
    elif path == "/close":
        await ws.close(4001, "bye")
    elif path == "/ping":
        pong = await ws.ping(b"are you there")
        latency = await pong
        await ws.send(f"pong {latency >= 0}")
        async for _ in ws:
            pass
    elif path == "/fragments":
        await ws.send(iter(["ab", "cd", "ef"]))
        async for _ in ws:
            pass
    elif path == "/hello-bye":
        await ws.send("hello")
        await ws.send(iter(["ab", "cd", "ef"]))
        await ws.close(1000, "done")
    elif path == "/big":
        n = int(parse_qs(parts.query)["n"][0])
        await ws.send(bytes(range(256)) * (n // 256) + bytes(n % 256))
        async for _ in ws:
            pass
    elif path == "/headers":
        names = [name for name, _ in ws.request.headers.raw_items()]
        await ws.send(json.dumps(names))
        async for _ in ws:
            pass


def _process_request(ws: ServerConnection, request: Request) -> Optional[Response]:
    if request.path == "/refuse":
        return ws.respond(403, "no\n")
    return None


class WsServers:
    """The `websockets` server on two ports (with and without permessage-deflate), run by an
    event loop in a daemon thread."""

    def __init__(self) -> None:
        self.ports: dict[str, int] = {}
        self._ready = threading.Event()
        self._loop: Optional[asyncio.AbstractEventLoop] = None
        self._stop: Optional[asyncio.Future[None]] = None
        self._thread = threading.Thread(target=self._run, name="ws servers", daemon=True)
        self._thread.start()
        if not self._ready.wait(10):
            raise RuntimeError("the websockets servers did not start")

    def _run(self) -> None:
        asyncio.run(self._main())

    async def _main(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._stop = self._loop.create_future()
        common: dict[str, Any] = {
            "process_request": _process_request,
            "max_size": 64 << 20,
            "ping_interval": None,
        }
        async with (
            serve(_handler, "127.0.0.1", 0, compression="deflate", **common) as deflate,
            serve(_handler, "127.0.0.1", 0, compression=None, **common) as plain,
        ):
            self.ports["deflate"] = next(iter(deflate.sockets)).getsockname()[1]
            self.ports["plain"] = next(iter(plain.sockets)).getsockname()[1]
            self._ready.set()
            await self._stop

    def url(self, kind: str, path: str) -> str:
        return f"ws://127.0.0.1:{self.ports[kind]}{path}"

    def close(self) -> None:
        if self._loop is not None and self._stop is not None:
            self._loop.call_soon_threadsafe(self._stop.set_result, None)
        self._thread.join(10)


def frame(opcode: int, payload: bytes, fin: bool = True, declared: Optional[int] = None) -> bytes:
    """An unmasked server frame; `declared` overrides the length in its header."""
    length = len(payload) if declared is None else declared
    head = bytes([(0x80 if fin else 0) | opcode])
    if length < 126:
        head += bytes([length])
    elif length < 1 << 16:
        head += bytes([126]) + length.to_bytes(2, "big")
    else:
        head += bytes([127]) + length.to_bytes(8, "big")
    return head + payload


@dataclass
class Scripted:
    """A one-connection raw WebSocket server: it answers the upgrade (no extensions), then
    runs `script(sock)`."""

    script: Callable[[socket.socket], None]

    def __post_init__(self) -> None:
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self.done = threading.Event()
        threading.Thread(target=self._serve, daemon=True).start()

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/"

    def _serve(self) -> None:
        conn, _ = self._listener.accept()
        try:
            head = read_head(conn)
            if head is None:
                return
            key = b""
            for line in head.split(b"\r\n"):
                if line.lower().startswith(b"sec-websocket-key:"):
                    key = line.split(b":", 1)[1].strip()
            accept = base64.b64encode(hashlib.sha1(key + GUID).digest())
            conn.sendall(
                b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                b"Connection: Upgrade\r\nSec-WebSocket-Accept: " + accept + b"\r\n\r\n"
            )
            self.script(conn)
        finally:
            conn.close()
            self._listener.close()
            self.done.set()
