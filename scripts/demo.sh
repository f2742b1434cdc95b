#!/usr/bin/env bash
# Sets up (build dependencies, release build) and runs mummer's main job against embedded
# loopback servers: the CLI's demo (HTTP/2 and HTTP/1.1 requests, a 256 MiB download verified
# by SHA-256, a truncated body reported as such), then the Python package installed into a
# venv (target/pyenv) reading a stream after its AsyncSession closed, the case curl_cffi ends
# short: the whole 50 MiB body, SHA-256 checked, and a cut body raising.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
cargo build --release -p mummer-cli -p mummer-testkit --bin mummer --bin mummer-testserver
target/release/mummer demo "$@"
echo
python=$(scripts/python-env.sh)
"$python" examples/python/seed_demo.py target/release/mummer-testserver
