#!/usr/bin/env bash
# Sets up (build dependencies, release build) and runs mummer's main job against an embedded
# loopback HTTPS server: HTTP/2 and HTTP/1.1 requests, a 256 MiB download verified by SHA-256,
# and a truncated body reported as such.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh
cargo build --release -p mummer-cli
exec target/release/mummer demo "$@"
