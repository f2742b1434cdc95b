#!/usr/bin/env bash
# Runs mummer's fuzz targets (fuzz/fuzz_targets, harnesses in fuzz/src/lib.rs) with cargo fuzz
# on the stable toolchain: libFuzzer with coverage instrumentation, no sanitizer (the sanitizers
# need nightly; the code fuzzed here has no unsafe of its own). Each target starts from its
# seeds (fuzz/seeds/TARGET, made by `cargo run --manifest-path fuzz/Cargo.toml --example seeds`)
# and what earlier runs found (fuzz/corpus/TARGET, not committed).
#
#   scripts/fuzz.sh                 every target for 10 minutes each (the long run)
#   scripts/fuzz.sh 3600 hpack      one target for an hour
#   scripts/fuzz.sh --smoke         every target for 20 s (FUZZ_SMOKE_SECONDS): part of test.sh
#
# A crash, a hang (-timeout) or memory past -rss_limit_mb stops with the input saved in
# fuzz/artifacts/TARGET/; replay it with `cargo fuzz run --sanitizer none TARGET FILE`, fix the
# bug, and add the input as a regression test next to the code it broke.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds=600
if [ "${1:-}" = "--smoke" ]; then
    seconds=${FUZZ_SMOKE_SECONDS:-20}
    shift
elif [[ "${1:-}" =~ ^[0-9]+$ ]]; then
    seconds=$1
    shift
fi

scripts/deps.sh --fuzz

targets=("$@")
if ((${#targets[@]} == 0)); then
    mapfile -t targets < <(cargo fuzz list)
fi

# One build for all targets; the runs below then only link-check.
cargo fuzz build --sanitizer none

log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT
failed=0
for target in "${targets[@]}"; do
    mkdir -p "fuzz/corpus/$target" "fuzz/seeds/$target"
    # 1 GiB of RSS is far beyond any harness's bounded working set: more is unbounded memory.
    if cargo fuzz run --sanitizer none "$target" "fuzz/corpus/$target" "fuzz/seeds/$target" -- \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=1024 -print_final_stats=1 \
        >"$log/$target" 2>&1; then
        runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log/$target")
        speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log/$target")
        cover=$(grep -o 'cov: [0-9]*' "$log/$target" | tail -n1)
        echo "fuzz $target: ok, ${runs:-?} runs in ${seconds}s (${speed:-?}/s, $cover)"
    else
        failed=1
        echo "fuzz $target: FAILED" >&2
        grep -E "panicked|ERROR: libFuzzer|SUMMARY|Test unit written|deadly signal|timeout|rss limit" \
            "$log/$target" | head -n 20 >&2 || tail -n 40 "$log/$target" >&2
    fi
done
exit "$failed"
