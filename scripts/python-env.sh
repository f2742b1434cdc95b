#!/usr/bin/env bash
# Makes target/pyenv: a venv with the mummer package built from this tree and installed (as a
# user would, `pip install .`), plus the test and check tools. Prints the venv's python.
# MUMMER_SKIP_BUILD=1 keeps an installed mummer (after a Python-only change, reinstall with
# `target/pyenv/bin/pip install --no-deps --force-reinstall .`). MUMMER_PY_PROFILE=dev builds
# the extension with cargo's dev profile (reusing the test build's artifacts; the project's
# dev profile optimises dependencies), as the test script does; the default is release.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=target/pyenv
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv" >&2
fi
"$venv/bin/pip" install -q --disable-pip-version-check \
  "maturin>=1.16,<2" pytest trio uvloop anyio mypy ruff "websockets>=13" >&2
if [ "${MUMMER_SKIP_BUILD:-0}" != 1 ] || ! "$venv/bin/python" -c "import mummer" 2>/dev/null; then
  MATURIN_PEP517_ARGS="--profile ${MUMMER_PY_PROFILE:-release}" \
    "$venv/bin/pip" install -q --disable-pip-version-check --force-reinstall --no-deps . >&2
fi
echo "$venv/bin/python"
