"""Waiting for the engine from async code: one file descriptor per event loop.

The engine never touches a Python object from its own threads. When something a coroutine
waits for is ready (a response head, a chunk of body, room in an upload), the engine records
the waiter's token in the loop's `Waker` and makes its file descriptor readable; the loop
(asyncio's `add_reader`, which uvloop implements too, or a trio system task on
`wait_readable`) drains the tokens and wakes exactly those waiters. Nothing waits when data is
already there: callers try first and only then `await wait(...)`.

A WebSocket of an `AsyncSession` runs on the loop thread's own runtime instead, which the loop
turns (`loop_driver()`): the loop watches the runtime's descriptor and runs its ready work in
the callback, so a message crosses no thread between the socket and the coroutine.
"""

from __future__ import annotations

import asyncio
import itertools
import sys
import threading
import weakref
from typing import Any, Callable, Optional

from . import _native

__all__ = ["wait"]

_tokens = itertools.count(1)

# While a loop-driven operation with a timeout (a WebSocket's open or close) is in flight, the
# loop turns the runtime this often: its timers fire only in turns.
_TICK = 0.02

_UNSET: Any = object()


class _AsyncioDispatch:
    """A `Waker` registered with one asyncio (or uvloop) event loop."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.waker = _native.Waker()
        self.waiting: dict[int, asyncio.Future[None]] = {}
        self.driver: Optional[_native.LoopDriver] = _UNSET
        loop.add_reader(self.waker.fileno(), self._ready)

    def loop_driver(self) -> Optional[_native.LoopDriver]:
        if self.driver is _UNSET:
            driver = _native.loop_driver()
            if driver is not None:
                self.loop.add_reader(driver.fileno(), self._turn, driver)
            self.driver = driver
        return self.driver

    def _turn(self, driver: _native.LoopDriver) -> None:
        try:
            ready = driver.turn(self.waker)
        except Exception:  # its runtime is gone (the interpreter is exiting): stop watching
            self.loop.remove_reader(driver.fileno())
            self.driver = None
            return
        self._wake(ready)

    def _ready(self) -> None:
        self._wake(self.waker.drain())

    def _wake(self, tokens: list[int]) -> None:
        for token in tokens:
            fut = self.waiting.pop(token, None)
            if fut is not None and not fut.done():
                fut.set_result(None)

    async def wait(self, register: Callable[[_native.Waker, int], bool], tick: bool) -> None:
        token = next(_tokens)
        fut = self.loop.create_future()
        self.waiting[token] = fut
        if not register(self.waker, token):
            # Ready already: the engine will not signal this token.
            del self.waiting[token]
            return
        ticking: Optional[asyncio.TimerHandle] = None
        driver = self.driver if tick else None
        if driver is not None and driver is not _UNSET:

            def turn() -> None:
                nonlocal ticking
                self._turn(driver)
                ticking = self.loop.call_later(_TICK, turn)

            ticking = self.loop.call_later(_TICK, turn)
        try:
            await fut
        finally:
            self.waiting.pop(token, None)
            if ticking is not None:
                ticking.cancel()

    def close(self) -> None:
        fds = [self.waker.fileno()]
        if self.driver is not None and self.driver is not _UNSET:
            fds.append(self.driver.fileno())
        for fd in fds:
            try:
                self.loop.remove_reader(fd)
            except Exception:  # the loop may be closed already
                pass


class _TrioDispatch:
    """A `Waker` served by one trio system task waiting on its descriptor."""

    def __init__(self) -> None:
        import trio

        self.trio = trio
        self.waker = _native.Waker()
        self.waiting: dict[int, Any] = {}
        self.driver: Optional[_native.LoopDriver] = _UNSET
        trio.lowlevel.spawn_system_task(self._serve, name="mummer waker")

    def loop_driver(self) -> Optional[_native.LoopDriver]:
        if self.driver is _UNSET:
            driver = _native.loop_driver()
            if driver is not None:
                self.trio.lowlevel.spawn_system_task(self._turns, driver, name="mummer turns")
            self.driver = driver
        return self.driver

    async def _turns(self, driver: _native.LoopDriver) -> None:
        fd = driver.fileno()
        while True:
            await self.trio.lowlevel.wait_readable(fd)
            try:
                ready = driver.turn(self.waker)
            except Exception:  # its runtime is gone (the interpreter is exiting)
                self.driver = None
                return
            self._wake(ready)

    async def _serve(self) -> None:
        fd = self.waker.fileno()
        while True:
            await self.trio.lowlevel.wait_readable(fd)
            self._wake(self.waker.drain())

    def _wake(self, tokens: list[int]) -> None:
        for token in tokens:
            event = self.waiting.pop(token, None)
            if event is not None:
                event.set()

    async def wait(self, register: Callable[[_native.Waker, int], bool], tick: bool) -> None:
        token = next(_tokens)
        event = self.trio.Event()
        self.waiting[token] = event
        if not register(self.waker, token):
            del self.waiting[token]
            return
        driver = self.driver if tick else None
        try:
            if driver is None or driver is _UNSET:
                await event.wait()
            else:
                while not event.is_set():
                    with self.trio.move_on_after(_TICK):
                        await event.wait()
                    self._wake(driver.turn(self.waker))
        finally:
            self.waiting.pop(token, None)


_asyncio_loops: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _AsyncioDispatch]" = (
    weakref.WeakKeyDictionary()
)
_trio_runs: "weakref.WeakKeyDictionary[Any, _TrioDispatch]" = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def _trio_token() -> Optional[Any]:
    trio = sys.modules.get("trio")
    if trio is None:
        return None
    try:
        return trio.lowlevel.current_trio_token()
    except RuntimeError:
        return None


# The last asyncio loop's dispatch, (weak loop, dispatch): the common case, one loop, skips the
# weak dictionary. Replaced as a whole, so a thread running another loop reads it correctly.
_last: Optional[tuple["weakref.ref[asyncio.AbstractEventLoop]", _AsyncioDispatch]] = None


def _dispatch() -> Any:
    global _last
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        loop = None
    if loop is not None:
        last = _last
        if last is not None and last[0]() is loop:
            return last[1]
        d = _asyncio_loops.get(loop)
        if d is None:
            with _lock:
                d = _asyncio_loops.get(loop)
                if d is None:
                    d = _AsyncioDispatch(loop)
                    _asyncio_loops[loop] = d
        _last = (weakref.ref(loop), d)
        return d
    token = _trio_token()
    if token is not None:
        t = _trio_runs.get(token)
        if t is None:
            t = _TrioDispatch()
            _trio_runs[token] = t
        return t
    raise RuntimeError("mummer: async calls need a running asyncio, uvloop or trio event loop")


async def wait(register: Callable[[_native.Waker, int], bool], tick: bool = False) -> None:
    """Waits until the engine makes the token `register(waker, token)` registered ready;
    returns at once when `register` says the thing is ready already (returns False). `tick`:
    what is awaited runs on the loop's driver and has timers (see `_TICK`)."""
    await _dispatch().wait(register, tick)


def loop_driver() -> Optional[_native.LoopDriver]:
    """The running loop's driver of this thread's runtime, watched by the loop from now on;
    None outside a running loop, or where the runtime cannot be watched."""
    try:
        return _dispatch().loop_driver()  # type: ignore[no-any-return]
    except Exception:  # no running loop; or the runtime is shut down (exiting)
        return None
