#!/usr/bin/env bash
# Rebuilds third_party/http2: the http2 crate as published on crates.io (the version pinned
# below), with our patches from third_party/patches/http2-*.patch applied. The workspace uses it
# through [patch.crates-io]. Run it after changing a patch or the version, then
# `cargo test -p mummer --test faults`. See docs/decisions/0008-http2-content-length.md.
set -euo pipefail
cd "$(dirname "$0")/.."
version=${1:-0.5.20}

# The workspace itself cannot fetch the registry crate it patches away, so a throwaway project
# asks cargo for it.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/src"
touch "$tmp/src/lib.rs"
printf '[package]\nname = "fetch-http2"\nversion = "0.0.0"\nedition = "2021"\n[dependencies]\nhttp2 = "=%s"\n' \
    "$version" >"$tmp/Cargo.toml"
cargo fetch --quiet --manifest-path "$tmp/Cargo.toml"
crate=$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/"http2-$version" | head -n1)
[ -f "$crate/Cargo.toml" ] || { echo "http2 $version source not found" >&2; exit 1; }

out=third_party/http2
rm -rf "$out"
cp -r "$crate" "$out"
# Its own .gitignore would hide files of the copy from our repository; its lock file and CI
# configuration are unused as a dependency.
rm -rf "$out/.cargo-ok" "$out/.gitignore" "$out/Cargo.lock" "$out/.github"
for patch in third_party/patches/http2-*.patch; do
    patch -s -p1 -d "$out" <"$patch"
done
echo "third_party/http2: http2 $version + $(ls third_party/patches/http2-*.patch | wc -l) of ours"
