"""The typing contract: the stub of the native module matches the module, and the typed
example passes ``mypy --strict``.

- ``python -m mypy.stubtest mummer._native`` against the INSTALLED package (run from a temp
  directory, so that nothing from the source tree is picked up), with no allowlist: every
  class, method, parameter and constant of ``python/mummer/_native.pyi`` exists at run time as
  declared, and the reverse.
- The installed stub is the tree's (else stubtest checked a stale copy: reinstall).
- ``mypy --strict examples/python/typed_example.py`` from the repository root (pyproject.toml
  points mypy at ``python/``).
"""

from __future__ import annotations

import filecmp
import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from _server import PYTHON, REPO

TIMEOUT = 300


def _run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory(prefix="mummer-mypy-") as cache:
        return subprocess.run(
            [PYTHON, "-m", *args],
            cwd=cwd,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
            check=False,
            env={**os.environ, "MYPY_CACHE_DIR": cache},
        )


def _installed_native_dir() -> Path:
    out = subprocess.run(
        [PYTHON, "-c", "import mummer._native as n, os; print(os.path.dirname(n.__file__))"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        cwd=tempfile.gettempdir(),
    )
    return Path(out.stdout.strip())


def test_the_installed_stub_is_the_trees() -> None:
    installed = _installed_native_dir() / "_native.pyi"
    assert installed.exists(), f"no stub installed next to the extension: {installed}"
    assert REPO / "python" not in installed.parents, f"not an installed copy: {installed}"
    assert filecmp.cmp(installed, REPO / "python" / "mummer" / "_native.pyi", shallow=False), (
        "the installed _native.pyi differs from python/mummer/_native.pyi: reinstall "
        "(target/pyenv/bin/pip install --no-deps --force-reinstall .)"
    )


def test_stubtest_native_module() -> None:
    with tempfile.TemporaryDirectory(prefix="mummer-stubtest-") as cwd:
        result = _run(["mypy.stubtest", "mummer._native", "--concise"], Path(cwd))
    assert result.returncode == 0, result.stdout + result.stderr


def test_typed_example_passes_mypy_strict() -> None:
    result = _run(["mypy", "--strict", "examples/python/typed_example.py"], REPO)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found" in result.stdout


@pytest.mark.skipif(sys.platform != "linux", reason="the venv layout is Linux's")
def test_checks_use_the_venv() -> None:
    """The interpreter the checks run with has mypy and the installed mummer."""
    out = subprocess.run(
        [PYTHON, "-c", "import mypy, mummer; print(mummer.__file__)"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        cwd=tempfile.gettempdir(),
    )
    assert "site-packages" in out.stdout
