#!/usr/bin/env bash
# Runs every check and test: formatting, clippy, docs, the Rust test suite (unit, wire-exact,
# fault servers, lifecycle, nginx and Apache interop, live browsers, downloads over an impaired
# link in a network namespace), a short run of every fuzz target, then the Python package:
# built and installed into target/pyenv as a user would (`pip install .`), linted (ruff),
# type-checked (mypy --strict, stubtest of the native module) and tested with pytest against
# the installed package and the test server.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh --browsers --fuzz
cargo fmt --all --check
cargo clippy --workspace --all-targets -- -D warnings
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps -q
# The curl_cffi comparison (tests/impersonate_curl_cffi.rs) and the netem test
# (crates/mummer-cli/tests/netem.rs, root only) must run here, not skip.
MUMMER_REQUIRE_CURL_CFFI=1 MUMMER_REQUIRE_NETNS=1 cargo test --workspace
# Each fuzz target for FUZZ_SMOKE_SECONDS (20 s); scripts/fuzz.sh alone runs them longer.
scripts/fuzz.sh --smoke

# The Python package.
cargo build -p mummer-testkit --bin mummer-testserver -p mummer-cli --bin mummer
python=$(MUMMER_PY_PROFILE=dev scripts/python-env.sh)
venv=$(dirname "$python")
"$venv/ruff" check
"$venv/ruff" format --check
"$venv/mypy"
"$venv/mypy" --strict examples/python
"$python" -m mypy.stubtest mummer._native
MUMMER_TESTSERVER=target/debug/mummer-testserver "$python" -m pytest -q -p no:cacheprovider tests/python
