#!/usr/bin/env bash
# Installs the Debian packages mummer's build and tests need, if any are missing.
# BoringSSL builds with cmake, bindgen needs libclang, its patches are applied with git;
# the interop tests run Debian's nginx.
set -euo pipefail
pkgs=(cmake libclang-dev git nginx clang)
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
