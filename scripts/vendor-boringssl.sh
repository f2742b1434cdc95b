#!/usr/bin/env bash
# Rebuilds third_party/boringssl from scratch: the BoringSSL source that btls-sys ships, btls's
# own patches (in btls-sys's order), then ours from third_party/patches/. Run it after bumping
# btls-sys or editing a patch, then `cargo clean -p btls-sys` so the library is rebuilt (btls-sys
# does not watch the source tree). See docs/decisions/0004-boringssl-patch.md.
set -euo pipefail
cd "$(dirname "$0")/.."

version=$(cargo metadata --format-version 1 --locked \
    | python3 -c 'import json,sys; print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"]=="btls-sys"))')
cargo fetch --locked --quiet
crate=$(ls -d "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/"btls-sys-$version" | head -n1)
[ -d "$crate/deps/boringssl" ] || { echo "btls-sys $version source not found" >&2; exit 1; }

out=third_party/boringssl
rm -rf "$out"
cp -r "$crate/deps/boringssl" "$out"
cd "$out"
git init -q
for patch in boring-pq boringssl boringssl-loongarch boringssl-windows; do
    git apply --whitespace=fix "$crate/patches/$patch.patch"
done
for patch in ../patches/*.patch; do
    git apply "$patch"
done
rm -rf .git
echo "third_party/boringssl: btls-sys $version + btls patches + $(ls ../patches/*.patch | wc -l) of ours"
