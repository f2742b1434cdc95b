#!/usr/bin/env bash
# Installs the Debian packages mummer's build and tests need, if any are missing.
# BoringSSL builds with cmake, bindgen needs libclang, its patches are applied with git;
# the interop tests run Debian's nginx and apache2; the Python package is built in a venv; the
# netem test (crates/mummer-cli/tests/netem.rs) needs iproute2 (ip, tc) and python3.
# With --browsers, also Debian's chromium and firefox-esr (and certutil, from libnss3-tools, to
# make Firefox trust the test CA) for the live-browser comparison (tests/live_browsers.rs).
# With --fuzz, also cargo-fuzz (built from crates.io) for scripts/fuzz.sh.
set -euo pipefail
pkgs=(cmake libclang-dev git nginx clang apache2 apache2-utils python3-venv iproute2)
fuzz=0
for arg in "$@"; do
  case "$arg" in
    --browsers) pkgs+=(chromium firefox-esr libnss3-tools) ;;
    --fuzz) fuzz=1 ;;
    *) echo "usage: $0 [--browsers] [--fuzz]" >&2; exit 2 ;;
  esac
done
missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}" >&2
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
if ((fuzz)) && ! cargo fuzz --version >/dev/null 2>&1; then
  echo "installing: cargo-fuzz (crates.io)" >&2
  cargo install cargo-fuzz --locked --version 0.13.2 --quiet
fi
