"""Requests in flight on other threads while mummer's runtime shuts down (as it does at exit).

    shutdown_in_flight.py {native_send|native_start|session_daemon} URL

``native_send`` / ``native_start``: a thread calls `_native.Client.send` (the exchange runs on
that thread) or `Client.start(...).wait()` for a response 3 s away, with a timeout (a timer
armed); the main thread calls `_native.shutdown()` while it waits, then joins the thread. The
thread must end with a `NativeError` (kind "runtime"), not a Rust panic.

``session_daemon``: 32 daemon threads in ``Session.get`` of such a response when the main thread
returns; an atexit hook registered BEFORE mummer was imported (so it runs after mummer's own
hook, which shuts the runtime down) lets them finish for up to 3 s, as any exit with a little
work left after mummer's hook does. They must end with a mummer exception, quietly.

Prints one JSON line; stderr must stay empty.
"""

from __future__ import annotations

import atexit
import json
import sys
import threading
import time

_threads: list[threading.Thread] = []
_outcomes: list[str] = []


def _linger() -> None:
    if not _threads:
        return
    for t in _threads:
        t.join(3)
    sys.stdout.write(json.dumps({"outcomes": sorted(_outcomes)}) + "\n")
    sys.stdout.flush()


atexit.register(_linger)  # before mummer's hook is registered: it runs after it

import mummer  # noqa: E402
from mummer import _native  # noqa: E402
from mummer.requests import Session  # noqa: E402


def native(url: str, how: str) -> None:
    client = _native.Client({})
    outcome: list[str] = []

    def run() -> None:
        try:
            if how == "native_send":
                client.send("GET", url, {"total_timeout": 30.0}, None, False)
            else:
                client.start("GET", url, {"total_timeout": 30.0}, None, False).wait()
            outcome.append("returned")
        except BaseException as e:  # a PanicException is a BaseException
            kind = getattr(e, "kind", None)
            outcome.append(f"{type(e).__module__}.{type(e).__name__} kind={kind}")

    t = threading.Thread(target=run)
    t.start()
    time.sleep(0.5)
    _native.shutdown(1.0)
    t.join(10)
    sys.stdout.write(json.dumps({"outcome": outcome, "alive": t.is_alive()}) + "\n")


def session_daemon(url: str) -> None:
    s = Session()

    def run() -> None:
        try:
            s.get(url)
            _outcomes.append("returned")
        except (mummer.CurlError, _native.NativeError) as e:
            _outcomes.append(type(e).__name__)
        except BaseException as e:  # a Rust panic arrives as pyo3's PanicException
            _outcomes.append(f"{type(e).__module__}.{type(e).__name__}")

    for _ in range(32):
        t = threading.Thread(target=run, daemon=True)
        t.start()
        _threads.append(t)
    time.sleep(0.5)  # all in flight


if __name__ == "__main__":
    mode, url = sys.argv[1], sys.argv[2]
    if mode == "session_daemon":
        session_daemon(url)
    else:
        native(url, mode)
