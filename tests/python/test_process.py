"""Process safety: mummer never hangs, crashes or writes to stderr when a process ends while it
is busy, forks, or shares one session between threads; its memory stays flat; a Rust panic
is a Python exception, never an abort; no call with bad arguments can take the interpreter
down.

The issue this answers: rnet crashed at interpreter exit in 9 of 105 runs (tokio threads
touching Python objects while the interpreter finalizes, no shutdown at exit or after
``fork()``). mummer's bridge keeps its runtime threads away from Python objects, shuts the
runtime down from an atexit hook and starts a fresh one in a forked child.

(a) 300 short processes (``scripts/exit_case.py``, 8 at a time): streams in flight, sessions
    open, requests cancelled at exit, ``os.fork()`` (the child uses a new session and the
    parent's), threads in flight (daemon and not): each exits 0, with an empty stderr, within
    20 s.
(b) One `Session` shared by 8 threads, 200 requests each, every body checked.
(c) 100,000 small requests in one process (``scripts/rss_small.py``): RSS growth after the
    warm-up under 20 MiB.
(d) 300 MiB at 10 MB/s over HTTPS/HTTP/2 and HTTPS/HTTP/1.1 at once, read slowly
    (``scripts/rss_slow_reader.py``): both bodies verified, process growth under 32 MiB.
(e) A Rust panic arrives as a Python exception (the process goes on); every `_native` entry
    point called with wrong types and values raises an ordinary exception
    (``scripts/native_fuzz.py``).

"""

from __future__ import annotations

import collections
import json
import threading
import time
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

import pytest
from _server import (
    ScriptResult,
    Server,
    pattern,
    pattern_sha256,
    run_parallel,
    run_script,
    start_server,
)

from mummer.requests import Session

MiB = 1 << 20

EXIT_SCENARIOS = (
    "stream_half_sys_exit_sync",
    "stream_half_fall_off_sync",
    "stream_half_sys_exit_async",
    "stream_half_fall_off_async",
    "stream_slow_unread_sys_exit",
    "sessions_open_sync",
    "sessions_open_async",
    "async_request_cancelled_at_exit",
    "native_pending_at_exit",
    "fork_sync",
    "fork_async",
    "threads_daemon_fall_off",
    "threads_daemon_sys_exit",
    "threads_nondaemon_fall_off",
    "threads_nondaemon_sys_exit",
    "async_loop_in_daemon_thread",
)
EXIT_RUNS = 300
EXIT_WORKERS = 8
EXIT_BOUND = 20.0


@pytest.fixture(scope="module")
def srv() -> Iterator[Server]:
    server = start_server()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def cfg(srv: Server) -> str:
    return json.dumps(
        {
            "http": srv.url("http"),
            "https": srv.url("https"),
            "https_h1": srv.url("https_h1"),
            "ca": srv.ca_file,
        }
    )


@pytest.fixture(scope="module")
def background() -> Iterator[ThreadPoolExecutor]:
    """Long, mostly idle jobs (the 30 s slow reader) run beside the other tests."""
    pool = ThreadPoolExecutor(max_workers=1)
    yield pool
    pool.shutdown(wait=True)


@pytest.fixture(scope="module")
def slow_reader(background: ThreadPoolExecutor, cfg: str) -> Future[ScriptResult]:
    return background.submit(
        run_script, "rss_slow_reader.py", cfg, str(300 * MiB), "10000000", timeout=120
    )


def _is_mummer_outcome(value: object) -> bool:
    return value == "works" or (isinstance(value, str) and value.startswith("raised "))


def _check_exit(scenario: str, result: ScriptResult) -> list[str]:
    """What is wrong with one run (empty: nothing)."""
    problems = []
    if result.timed_out:
        problems.append(f"did not exit within {EXIT_BOUND}s (hung)")
    if result.returncode != 0:
        problems.append(f"exit status {result.returncode}")
    if result.stderr:
        problems.append("stderr not empty")
    if problems:
        return problems
    report = result.json()
    if report.get("ok") is not True:
        problems.append(f"report not ok: {report}")
    if scenario == "fork_sync":
        child = report["child"]
        if child.get("new_session") != "works" or child.get("new_async_session") != "works":
            problems.append(f"child's new sessions: {child}")
        for key in ("parent_session", "parent_stream", "parent_stream_close"):
            if not _is_mummer_outcome(child.get(key)):
                problems.append(f"child's {key}: {child.get(key)}")
        if report["stream"] is not True:
            problems.append("the parent's stream did not end complete after the fork")
    if scenario == "fork_async":
        child = report["child"]
        if child.get("new_session") != "works" or child.get("new_async_session") != "works":
            problems.append(f"child's new sessions: {child}")
        if not _is_mummer_outcome(child.get("parent_session")):
            problems.append(f"child's parent_session: {child}")
    if scenario.startswith("threads_nondaemon") and report["outcomes"] != ["ok"] * 8:
        problems.append(f"non-daemon threads (the interpreter waits for them): {report}")
    if scenario.startswith("threads_daemon"):
        bad = [o for o in report["outcomes"] if o != "ok" and not o.startswith("raised ")]
        if bad:
            problems.append(f"daemon threads: {bad}")
    return problems


def test_short_processes_exit_cleanly(cfg: str) -> None:
    """(a): EXIT_RUNS processes, the scenarios in turn, EXIT_WORKERS at a time."""
    scenarios = [EXIT_SCENARIOS[i % len(EXIT_SCENARIOS)] for i in range(EXIT_RUNS)]
    results = run_parallel(
        [("exit_case.py", [name, cfg]) for name in scenarios], EXIT_WORKERS, EXIT_BOUND
    )
    failures: dict[str, list[str]] = collections.defaultdict(list)
    first: dict[str, str] = {}
    for name, result in zip(scenarios, results, strict=True):
        problems = _check_exit(name, result)
        if problems:
            failures[name].append("; ".join(problems))
            first.setdefault(name, result.describe())
    summary = {name: f"{len(p)} bad, e.g. {p[0]}" for name, p in failures.items()}
    assert not failures, json.dumps(summary, indent=1) + "\n\n" + "\n\n".join(first.values())
    assert max(r.elapsed for r in results) < EXIT_BOUND


def test_one_session_shared_by_8_threads(srv: Server) -> None:
    """(b): 8 threads x 200 requests through one Session: HTTP/1.1 and HTTP/2 (multiplexed on
    the session's connection), whole and streamed bodies of many sizes, all checked."""
    threads_n, per_thread = 8, 200
    errors: list[str] = []
    done = collections.Counter[str]()
    lock = threading.Lock()

    def work(t: int, s: Session) -> None:
        for i in range(per_thread):
            n = 1 + ((t * per_thread + i) * 7919) % 300_000
            kind = (t + i) % 4
            try:
                if kind == 0:
                    body = s.get(f"{srv.url('http')}/bytes/{n}").content
                elif kind == 1:
                    body = s.get(f"{srv.url('https')}/bytes/{n}").content
                elif kind == 2:
                    r = s.get(f"{srv.url('http')}/chunked/{n}", stream=True)
                    body = b"".join(r.iter_content(chunk_size=7919))
                else:
                    r = s.get(f"{srv.url('https')}/chunked/{n}", stream=True)
                    body = b"".join(r.iter_content())
                ok = body == pattern(0, n)
            except Exception as e:
                ok = False
                body = repr(e).encode()
            with lock:
                done[f"kind{kind}"] += 1
                if not ok:
                    errors.append(f"thread {t} request {i} kind {kind} n={n}: {body[:200]!r}")

    with Session(verify=srv.ca_file, timeout=60) as s:
        threads = [threading.Thread(target=work, args=(t, s)) for t in range(threads_n)]
        for th in threads:
            th.start()
        for th in threads:
            th.join(180)
        hung = [th.name for th in threads if th.is_alive()]
    assert not hung, f"threads still running after 180 s: {hung}"
    assert not errors, f"{len(errors)} bad: " + "\n".join(errors[:10])
    assert sum(done.values()) == threads_n * per_thread
    assert len(done) == 4


def test_100k_small_requests_memory_flat(
    cfg: str, slow_reader: Future[ScriptResult], record_property: Any
) -> None:
    """(c): up to 100,000 small requests within 60 s (at least 20,000), sync over HTTP/1.1
    and HTTP/2, async (a new event loop per 1,000), streamed. (The 300 MiB slow reader of
    (d) runs beside it: it is idle most of the time.)"""
    result = run_script("rss_small.py", cfg, "100000", "60", timeout=150)
    assert not result.timed_out, result.describe()
    assert result.returncode == 0, result.describe()
    assert result.stderr == "", result.describe()
    report = result.json()
    record_property("small_requests", report)
    assert report["done"] >= 20_000, report
    if report["done"] < 100_000:
        print(f"only {report['done']} small requests fitted in 60 s: {report}")
    growth = report["rss_max"] - report["rss_baseline"]
    assert growth < 20 * MiB, f"RSS grew {growth / MiB:.1f} MiB after warm-up: {report}"


def test_slow_consumer_of_300mib_over_h2_and_h1(
    slow_reader: Future[ScriptResult], record_property: Any
) -> None:
    """(d): the reader holds the server back instead of buffering: memory stays flat."""
    result = slow_reader.result(timeout=150)
    assert not result.timed_out, result.describe()
    assert result.returncode == 0, result.describe()
    assert result.stderr == "", result.describe()
    report = result.json()
    record_property("slow_reader", report)
    total = 300 * MiB
    for name, version in (("h2", "HTTP/2"), ("h1", "HTTP/1.1")):
        reader = report[name]
        assert reader["error"] == "", reader
        assert reader["version"] == version, reader
        assert reader["n"] == total, reader
        assert reader["sha256"] == pattern_sha256(total), name
        assert reader["secs"] >= total / 10_000_000 * 0.95, "the reader was not paced"
    assert report["samples"] > 50
    growth = report["rss_max"] - report["rss_before"]
    assert growth < 32 * MiB, f"process grew {growth / MiB:.1f} MiB: {report}"
    assert report["rss_max"] - report["rss_baseline"] < 32 * MiB, report


# -- (e) panics and bad arguments ---------------------------------------------------------------


@pytest.fixture(scope="module")
def fuzz(srv: Server) -> dict[str, str]:
    result = run_script("native_fuzz.py", srv.url("http"), timeout=120)
    assert not result.timed_out, result.describe()
    assert result.returncode == 0, result.describe()  # no abort, no signal
    assert result.stderr == "", result.describe()  # no panic message, no traceback
    outcomes: dict[str, str] = result.json()["outcomes"]
    return outcomes


# Accepted where the engine has nothing to object (an unknown interface fails at connect,
# unknown retry keys are ignored, a huge pool bound is just a bound).
ACCEPTED_CONFIGS = {"interface_missing", "interface_bad_ip", "retry_unknown_key", "pool_huge"}


def test_native_fuzz_only_ordinary_exceptions(fuzz: dict[str, str]) -> None:
    assert len(fuzz) > 300
    not_exceptions = {k: v for k, v in fuzz.items() if "NOT-AN-EXCEPTION" in v}
    assert not not_exceptions, not_exceptions
    panics = {k: v for k, v in fuzz.items() if "Panic" in v}
    assert not panics, panics
    allowed = ("exc:builtins.", "exc:_native.NativeError:")
    odd = {k: v for k, v in fuzz.items() if v != "ok" and not v.startswith(allowed)}
    assert not odd, odd


def test_native_fuzz_bad_values_are_refused(fuzz: dict[str, str]) -> None:
    must_raise = [
        k
        for k in fuzz
        if (k.startswith("Client(") and k.endswith(")") and k[7:-1] not in ACCEPTED_CONFIGS)
        or k.startswith(
            (
                "Pending.set_waker",
                "Stream.wait(None",
                "UploadSink.push(",
                "subclass ",
                "construct ",
                "pickle ",
            )
        )
        or k in ("start(method_empty)", "send(method_crlf)", "send(url_garbage)")
    ]
    assert len(must_raise) > 80
    accepted = {k: fuzz[k] for k in must_raise if not fuzz[k].startswith("exc:")}
    assert not accepted, accepted
    # A request refused by the engine fails when waited for, never silently.
    for k, v in fuzz.items():
        if k.startswith("start(url_") and k.endswith(".wait") and "nul" not in k:
            assert v.startswith("exc:_native.NativeError:"), (k, v)


def test_native_internal_error_paths_raise_mummer_errors(fuzz: dict[str, str]) -> None:
    """The bridge's own error paths: a result taken twice, a result asked for too early, a
    cancelled request, a closed stream, calls after shutdown, a stream closed under two
    blocked readers."""
    runtime = "exc:_native.NativeError:runtime"
    assert fuzz["Pending.result(in flight)"] == runtime
    assert fuzz["Pending.result(after wait)"] == runtime
    assert fuzz["Pending.result(twice)"] == runtime
    assert fuzz["Pending.wait(again)"] == runtime
    assert fuzz["Pending.wait(cancelled)"].startswith("exc:_native.NativeError:")
    assert fuzz["Stream.read(closed)"] == "exc:_native.NativeError:closed"
    assert fuzz["Stream.read_blocking(closed)"] == "exc:_native.NativeError:closed"
    assert fuzz["Stream.readers joined"] == "ok"
    for i in (0, 1):
        assert fuzz[f"Stream.read_blocking(thread {i})"] == "exc:_native.NativeError:closed"
    assert fuzz["UploadSink.push(after close)"].startswith("exc:_native.NativeError:")
    assert fuzz["send(sink)"].startswith("exc:_native.NativeError:")
    for k in ("start(after shutdown)", "send(after shutdown)", "Client(after shutdown)"):
        assert fuzz[k] == runtime, (k, fuzz[k])
    assert fuzz["send(after after_fork)"] == "ok"


def test_cancelled_request_reports_aborted(srv: Server) -> None:
    from mummer import _native

    client = _native.Client({})
    kinds: collections.Counter[str] = collections.Counter()
    for _ in range(100):
        pending = client.start("GET", srv.url("http") + "/delay/5", None, None, False)
        time.sleep(0.005)  # the task is under way, waiting for the response head
        pending.cancel()
        with pytest.raises(_native.NativeError) as caught:
            pending.wait()
        kinds[caught.value.kind] += 1
    client.close()
    assert kinds == {"aborted": 100}


def test_native_error_maps_into_the_requests_tree() -> None:
    """The Python layer turns every kind into its curl_cffi exception; an internal one
    ("runtime", "panic") is still a RequestException (and a CurlError)."""
    import mummer
    from mummer import _native
    from mummer.requests.exceptions import RequestException, _from_native

    for kind in _native.ERROR_KINDS:
        err = _from_native(_native.NativeError("boom", kind, 1))
        assert isinstance(err, RequestException), kind
        assert isinstance(err, mummer.CurlError), kind
        assert str(err).startswith("boom"), kind


def test_rust_panic_is_a_python_exception_not_an_abort(srv: Server) -> None:
    """The one reachable panic found : 32 daemon threads inside
    Session.get when the runtime shuts down. Whatever the threads get, the process is not
    aborted: it exits 0, and every thread ended with a Python exception or its response."""
    result = run_script(
        "shutdown_in_flight.py", "session_daemon", srv.url("http") + "/delay/3", timeout=60
    )
    assert not result.timed_out, result.describe()
    assert result.returncode == 0, result.describe()
    assert "Fatal Python error" not in result.stderr
    assert "Aborted" not in result.stderr
    outcomes = result.json()["outcomes"]
    assert len(outcomes) == 32, outcomes
    allowed = {"returned", "ConnectionError", "RequestException", "pyo3_runtime.PanicException"}
    assert set(outcomes) <= allowed, outcomes


def test_no_panic_when_the_runtime_stops_under_sync_requests(srv: Server) -> None:
    url = srv.url("http") + "/delay/3"
    for _ in range(3):
        result = run_script("shutdown_in_flight.py", "session_daemon", url, timeout=60)
        assert result.returncode == 0, result.describe()
        assert "panicked" not in result.stderr, result.stderr[:2000]
        assert result.stderr == "", result.describe()
        outcomes = result.json()["outcomes"]
        assert set(outcomes) <= {"ConnectionError", "RequestException", "returned"}, outcomes


def test_request_on_the_runtime_stopped_under_it_fails_cleanly(srv: Server) -> None:
    """The same with Client.start (the exchange on the runtime's threads, as AsyncSession
    and uploads use it): the waiting thread gets NativeError(kind="runtime")."""
    result = run_script(
        "shutdown_in_flight.py", "native_start", srv.url("http") + "/delay/3", timeout=60
    )
    assert result.returncode == 0, result.describe()
    assert result.stderr == "", result.describe()
    report = result.json()
    assert report["alive"] is False
    assert report["outcome"] == ["_native.NativeError kind=runtime"], report


def test_waker_never_loses_a_wakeup_native(srv: Server) -> None:
    result = run_script("waker_race.py", "native", srv.url("http") + "/small", "20", timeout=60)
    assert result.returncode == 0, result.describe()
    assert result.stderr == "", result.describe()
    report = result.json()
    assert report["lost"] is None, report


def test_asyncio_gather_never_hangs(srv: Server) -> None:
    result = run_script("waker_race.py", "asyncio", srv.url("http") + "/small", "40", timeout=90)
    assert result.returncode == 0, result.describe()
    assert result.stderr == "", result.describe()
    report = result.json()
    assert report["lost"] is None, report
