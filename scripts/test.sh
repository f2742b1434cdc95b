#!/usr/bin/env bash
# Runs every check and test: formatting, clippy, docs, and the whole test suite (unit,
# wire-exact, fault servers, lifecycle, nginx interop).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh --browsers
cargo fmt --all --check
cargo clippy --workspace --all-targets -- -D warnings
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps -q
cargo test --workspace
