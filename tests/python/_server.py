"""Helpers of test_seed.py, test_process.py and test_typing.py (kept apart from conftest.py,
which another suite owns): the test server, the body pattern, and helper scripts run in fresh
Python processes.

- `start_server()` starts ``mummer-testserver`` (built with ``cargo build -p mummer-testkit
  --bin mummer-testserver`` when missing; ``MUMMER_TESTSERVER`` names another binary) with a
  pipe on its stdin, reads its JSON line and returns a `Server`; `Server.stop()` closes the
  pipe, which stops it. Modules use it through a module-scoped fixture.
- `pattern()` / `pattern_sha256()` reimplement ``mummer_testkit::pattern`` (the bytes of
  ``/bytes/{n}``, ``/chunked/{n}``, ``/drip/{n}`` and ``/cut/{n}``); test_seed.py checks the
  reimplementation against the server.
- `run_script()` / `run_parallel()` run ``tests/python/scripts/*.py`` with the venv's Python
  (``target/pyenv/bin/python``, the installed package), each in its own session so that a
  timeout kills the process and anything it forked.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

REPO = Path(__file__).resolve().parents[2]
SCRIPTS = Path(__file__).resolve().parent / "scripts"
_VENV_PYTHON = REPO / "target" / "pyenv" / "bin" / "python"
#: The interpreter helper scripts run with: the venv's, where mummer is installed.
PYTHON = os.environ.get("MUMMER_TEST_PYTHON") or (
    str(_VENV_PYTHON) if _VENV_PYTHON.exists() else sys.executable
)

# -- the body pattern (crates/mummer-testkit/src/pattern.rs) ----------------------------------

PERIOD = 251


def pattern_byte(offset: int) -> int:
    """``pattern::byte_at``: the byte at absolute offset `offset`."""
    j = offset % PERIOD
    return (j * j * 7 + j * 13 + 0x5A) % 256


_ONE_PERIOD = bytes(pattern_byte(j) for j in range(PERIOD))
# Whole periods, about 1 MiB: hashing a long body is hashing this block over and over.
_BLOCK = _ONE_PERIOD * 4177


def pattern(offset: int, length: int) -> bytes:
    """The pattern bytes of absolute offsets ``offset .. offset + length``."""
    phase = offset % PERIOD
    periods = (phase + length) // PERIOD + 1
    return (_ONE_PERIOD * periods)[phase : phase + length]


@functools.cache
def pattern_sha256(length: int, offset: int = 0) -> str:
    """SHA-256 (hex) of `pattern(offset, length)`, without holding it in memory."""
    h = hashlib.sha256()
    phase = offset % PERIOD
    block = _BLOCK[phase:] + _BLOCK[:phase]  # still whole periods, starting at `phase`
    left = length
    while left >= len(block):
        h.update(block)
        left -= len(block)
    h.update(block[:left])
    return h.hexdigest()


# -- the test server --------------------------------------------------------------------------


def server_binary() -> Path:
    """The test server binary, built when it is not there."""
    given = os.environ.get("MUMMER_TESTSERVER")
    if given:
        # Absolute: some tests start it from another working directory.
        return Path(given).resolve()
    binary = REPO / "target" / "debug" / "mummer-testserver"
    if not binary.exists():
        subprocess.run(
            ["cargo", "build", "-q", "-p", "mummer-testkit", "--bin", "mummer-testserver"],
            cwd=REPO,
            check=True,
            timeout=3600,
        )
    return binary


@dataclass
class Server:
    """A running ``mummer-testserver``: its JSON line as `info`."""

    proc: subprocess.Popen[bytes]
    info: dict[str, Any]
    stderr_path: str

    def url(self, name: str) -> str:
        """The base URL of one server (``http``, ``https``, ``https_h1``, ``h2c``, ...)."""
        return str(self.info["urls"][name])

    @property
    def ca_file(self) -> str:
        return str(self.info["ca_file"])

    def stop(self) -> None:
        if self.proc.stdin is not None:
            self.proc.stdin.close()  # EOF on stdin stops the server
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)
        if self.proc.stdout is not None:
            self.proc.stdout.close()
        with contextlib.suppress(OSError):
            os.unlink(self.stderr_path)


def start_server(timeout: float = 60.0) -> Server:
    """Starts the test server and waits for its JSON line (all its ports accept)."""
    binary = server_binary()
    fd, stderr_path = tempfile.mkstemp(prefix="mummer-testserver-", suffix=".log")
    with os.fdopen(fd, "wb") as err:
        proc = subprocess.Popen(
            [str(binary)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=err,
            cwd=tempfile.gettempdir(),
        )
    line: list[bytes] = []
    assert proc.stdout is not None
    reader = threading.Thread(target=lambda: line.append(proc.stdout.readline()), daemon=True)
    reader.start()
    reader.join(timeout)
    if not line or not line[0].strip():
        proc.kill()
        proc.wait()
        log = Path(stderr_path).read_text(errors="replace")
        raise RuntimeError(f"mummer-testserver printed no JSON line within {timeout}s: {log}")
    info = json.loads(line[0])
    assert info["mummer_testserver"] == 1, info
    return Server(proc, info, stderr_path)


# -- helper scripts in fresh processes ---------------------------------------------------------


@dataclass
class ScriptResult:
    """How a helper script ended."""

    args: list[str]
    returncode: Optional[int]
    stdout: str
    stderr: str
    elapsed: float
    timed_out: bool = False

    def json(self) -> Any:
        """The last stdout line, parsed (the scripts print their report as one JSON line)."""
        lines = [ln for ln in self.stdout.splitlines() if ln.strip()]
        assert lines, f"no output from {self.describe()}"
        return json.loads(lines[-1])

    def describe(self) -> str:
        return (
            f"{' '.join(self.args)}: rc={self.returncode} timed_out={self.timed_out} "
            f"in {self.elapsed:.2f}s\nstdout: {self.stdout[-2000:]!r}\n"
            f"stderr: {self.stderr[-4000:]!r}"
        )


def run_script(
    name: str, *args: str, timeout: float = 60.0, env: Optional[dict[str, str]] = None
) -> ScriptResult:
    """Runs ``scripts/<name>`` with `PYTHON` in a new session; on timeout the whole process
    group (the script and anything it forked) is killed."""
    cmd = [PYTHON, str(SCRIPTS / name), *args]
    started = time.monotonic()
    proc = subprocess.Popen(
        cmd,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=tempfile.gettempdir(),
        start_new_session=True,
        env={**os.environ, "PYTHONFAULTHANDLER": "1", **(env or {})},
    )
    timed_out = False
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        timed_out = True
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
    return ScriptResult(
        args=[name, *args],
        returncode=proc.returncode,
        stdout=out.decode(errors="replace"),
        stderr=err.decode(errors="replace"),
        elapsed=time.monotonic() - started,
        timed_out=timed_out,
    )


def run_parallel(
    jobs: Sequence[tuple[str, Sequence[str]]], workers: int, timeout: float = 60.0
) -> list[ScriptResult]:
    """Runs ``(script, args)`` jobs with at most `workers` processes at a time; results in
    the order of `jobs`."""
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = [pool.submit(run_script, name, *args, timeout=timeout) for name, args in jobs]
        return [f.result() for f in futures]
