"""The seed scenario: a streamed body read after its session closed is read whole.

curl_cffi 0.17 on loopback, with its own documented pattern (``stream=True``, then
``iter_content()`` / ``aiter_content()``), ends such a body cleanly and short (about 1 MB of
50 MiB at full speed, 65,536 bytes at 20 MB/s, status 200, no exception). mummer promises
the opposite: a response received before ``close()`` stays readable after it, complete.

Each case runs in a FRESH Python process (``scripts/seed_case.py``; a small pool runs them in
parallel) and reports the byte count and SHA-256 of what it read, which must be those of the
``/bytes/{n}`` pattern:

- 52,428,800 bytes, fixed length (``/bytes/``, ``/drip/...``) and chunked (``/chunked/``,
  ``/drip/...&chunked=1``), at full speed and at 20 MB/s (``/drip/...?rate=20000000``);
- `Session` + ``iter_content()`` and `AsyncSession` + ``aiter_content()``;
- read (a) inside the session, (b) after its ``with`` / ``async with`` block exited, (c) after
  ``close()`` / ``await s.close()``.

That is 2 x 2 x 2 x 3 = 24 cases over plain HTTP/1.1 (as in the report), plus the same after
``close()`` over HTTPS/HTTP/2. A body cut by the server (``/cut/``, ``/cut-chunked/``) raises
from the iterator, in the same situations, after exactly the bytes the server sent.
"""

from __future__ import annotations

import hashlib
import itertools
import urllib.request
from collections.abc import Iterator

import pytest
from _server import ScriptResult, Server, pattern, pattern_sha256, run_parallel, start_server

N = 52_428_800
CUT_AT = N // 2
RATE = 20_000_000
WHENS = ("inside", "after_with", "after_close")
MODES = ("sync", "async")
# (name, path, fixed length?)
BODIES = (
    ("bytes-full", f"/bytes/{N}", True),
    ("chunked-full", f"/chunked/{N}", False),
    ("bytes-20MBps", f"/drip/{N}?rate={RATE}", True),
    ("chunked-20MBps", f"/drip/{N}?rate={RATE}&chunked=1", False),
)
H2_BODIES = BODIES[:2]
CUTS = (
    ("cut", f"/cut/{N}?at={CUT_AT}", ("IncompleteRead",)),
    # HTTP/1.1: a chunked body without its last chunk; HTTP/2: the stream reset.
    ("cut-chunked", f"/cut-chunked/{N}?at={CUT_AT}", ("ChunkedEncodingError", "IncompleteRead")),
)

SEED_CASES = [
    (f"{name}-{mode}-{when}", "http", path, mode, when)
    for (name, path, _), mode, when in itertools.product(BODIES, MODES, WHENS)
]
H2_CASES = [
    (f"h2-{name}-{mode}-after_close", "https", path, mode, "after_close")
    for (name, path, _), mode in itertools.product(H2_BODIES, MODES)
]
CUT_CASES = [
    (f"{name}-{mode}-{when}", "http", path, mode, when)
    for (name, path, _), mode, when in itertools.product(CUTS, MODES, WHENS)
] + [
    (f"h2-{name}-{mode}-after_close", "https", path, mode, "after_close")
    for (name, path, _), mode in itertools.product(CUTS, MODES)
]
ALL_CASES = SEED_CASES + H2_CASES + CUT_CASES
WORKERS = 4
CASE_TIMEOUT = 90.0


@pytest.fixture(scope="module")
def srv() -> Iterator[Server]:
    server = start_server()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def results(srv: Server) -> dict[str, ScriptResult]:
    """Every case, run once, in parallel (WORKERS processes at a time)."""
    jobs = []
    for _, base, path, mode, when in ALL_CASES:
        args = [srv.url(base) + path, mode, when]
        if base == "https":
            args += ["--ca", srv.ca_file]
        jobs.append(("seed_case.py", args))
    done = run_parallel(jobs, WORKERS, timeout=CASE_TIMEOUT)
    return {case[0]: result for case, result in zip(ALL_CASES, done, strict=True)}


def _report(result: ScriptResult) -> dict[str, object]:
    assert not result.timed_out, result.describe()
    assert result.returncode == 0, result.describe()
    assert result.stderr == "", result.describe()
    report = result.json()
    assert isinstance(report, dict)
    return report


def test_pattern_reimplementation_matches_the_server(srv: Server) -> None:
    """The oracle itself: _server.pattern is mummer_testkit::pattern (fetched with urllib,
    not mummer), including offsets around the 251-byte period."""
    with urllib.request.urlopen(srv.url("http") + "/bytes/200000", timeout=30) as r:
        body = r.read()
    assert body == pattern(0, 200_000)
    assert hashlib.sha256(body).hexdigest() == pattern_sha256(200_000)
    assert pattern(250, 3) == body[250:253]
    assert pattern_sha256(1000, 251 * 3 + 5) == hashlib.sha256(body[758:1758]).hexdigest()


@pytest.mark.parametrize(("case", "base", "path", "mode", "when"), SEED_CASES + H2_CASES)
def test_streamed_body_is_complete(
    results: dict[str, ScriptResult], case: str, base: str, path: str, mode: str, when: str
) -> None:
    report = _report(results[case])
    assert report["error"] is None, report
    assert report["status"] == 200
    assert report["n"] == N, f"{case}: {report['n']} of {N} bytes"
    assert report["sha256"] == pattern_sha256(N), case
    fixed = "chunked" not in case
    expected_length = str(N) if fixed else None
    assert report["content_length"] == expected_length, report
    assert report["http_version"] == ("HTTP/2" if base == "https" else "HTTP/1.1")


@pytest.mark.parametrize(("case", "base", "path", "mode", "when"), CUT_CASES)
def test_cut_body_raises_from_the_iterator(
    results: dict[str, ScriptResult], case: str, base: str, path: str, mode: str, when: str
) -> None:
    report = _report(results[case])
    error = report["error"]
    assert isinstance(error, dict), f"{case}: ended cleanly after {report['n']} bytes"
    allowed = next(classes for name, p, classes in CUTS if p == path)
    assert error["type"] in allowed, error
    assert error["module"] == "mummer.requests.exceptions", error
    assert error["request_exception"] is True, error
    # Everything the server sent before the cut arrived, byte for byte, then the error.
    assert report["n"] == CUT_AT, report
    assert report["sha256"] == pattern_sha256(CUT_AT)
    assert report["status"] == 200


def test_all_cases_ran_in_parallel_within_bounds(results: dict[str, ScriptResult]) -> None:
    """Timing bound of the whole module: the 20 MB/s cases take about 2.6 s each."""
    slowest = max(r.elapsed for r in results.values())
    assert slowest < CASE_TIMEOUT
    assert len(results) == len(ALL_CASES) == 24 + 4 + 16


CHUNKED_READ = 10_000_000


@pytest.fixture(scope="module")
def chunk_size_results(srv: Server) -> dict[tuple[int, str], ScriptResult]:
    sizes = (65_536, 1 << 20, 4 << 20)
    cases = [(size, mode) for size in sizes for mode in MODES]
    jobs = [
        (
            "seed_case.py",
            [
                srv.url("http") + f"/bytes/{CHUNKED_READ}",
                mode,
                "after_close",
                "--chunk-size",
                str(size),
            ],
        )
        for size, mode in cases
    ]
    return dict(zip(cases, run_parallel(jobs, WORKERS, timeout=15), strict=True))


def _check_exact_chunks(result: ScriptResult) -> None:
    report = _report(result)
    assert report["error"] is None, report
    assert report["n"] == CHUNKED_READ
    assert report["sha256"] == pattern_sha256(CHUNKED_READ)
    assert report["odd_chunks"] == 0, "chunks of exactly chunk_size, the last one shorter"


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("size", [65_536, 1 << 20])
def test_iter_content_chunk_size_is_exact(
    chunk_size_results: dict[tuple[int, str], ScriptResult], size: int, mode: str
) -> None:
    _check_exact_chunks(chunk_size_results[(size, mode)])


@pytest.mark.parametrize("mode", MODES)
def test_iter_content_chunk_size_above_the_queue_capacity(
    chunk_size_results: dict[tuple[int, str], ScriptResult], mode: str
) -> None:
    _check_exact_chunks(chunk_size_results[(4 << 20, mode)])
