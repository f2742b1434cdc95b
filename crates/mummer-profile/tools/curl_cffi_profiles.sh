#!/usr/bin/env bash
# Regenerates the profiles of curl_cffi's targets (docs/decisions/0007-curl-cffi-targets.md):
# every target is captured from curl_cffi itself on the wire by `mummer fingerprint capture
# --command` (3 connections per protocol, HTTP/2 and HTTP/1.1), the family's captured profile
# as --base for what one navigation cannot show, then curl_cffi_fixes.py installs the results into
# profiles/ with aliases, comments and the follow-the-browser fixes. Afterwards run
# `cargo test -p mummer --test impersonate_curl_cffi --test impersonate_profiles`.
#
# Usage: crates/mummer-profile/tools/curl_cffi_profiles.sh PYTHON
#   PYTHON: a Python with curl_cffi 0.17.0 installed (e.g. the test's venv,
#   target/tmp/curl_cffi-0.17.0-venv/bin/python).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
python=${1:?usage: $0 PYTHON-WITH-CURL_CFFI}
"$python" -c 'import curl_cffi, sys; sys.exit(curl_cffi.__version__ != "0.17.0")' \
  || { echo "$python has no curl_cffi 0.17.0" >&2; exit 2; }
cargo build -q -p mummer-cli --manifest-path "$root/Cargo.toml"
mummer=$root/target/debug/mummer
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/get.py" <<'PY'
"""One request with curl_cffi: get.py TARGET URL HTTP(2|1.1) CA."""
import sys
from curl_cffi import requests

target, url, http, ca = sys.argv[1:5]
r = requests.get(url, impersonate=target, verify=ca,
                 http_version="v2" if http == "2" else "v1", timeout=20)
r.raise_for_status()
PY
"$python" - "$work/targets.json" <<'PY'
import json, sys
from curl_cffi.fingerprints import NATIVE_IMPERSONATE_TARGETS as T
json.dump({t["target_name"]: [t["browser"], t["version"], t["os"], t["os_version"]] for t in T},
          open(sys.argv[1], "w"))
PY
mkdir "$work/captured"
# target, profile name, family, version, base profile (- for none)
while read -r target name family version base; do
  args=()
  [ "$base" != "-" ] && args=(--base "$base")
  "$mummer" fingerprint capture \
    --command "$python $work/get.py $target {url} {http} {ca}" \
    --name "$name" --family "$family" --browser-version "$version" --alias "$target" \
    "${args[@]}" --connections 3 \
    --source "curl_cffi 0.17.0 target $target, captured on the wire" \
    -o "$work/captured/$name.toml" 2> "$work/captured/$name.log" \
    || { cat "$work/captured/$name.log" >&2; exit 1; }
  echo "captured $target" >&2
done <<'TARGETS'
chrome99 chrome_99 chrome 99 chrome_156
chrome100 chrome_100 chrome 100 chrome_156
chrome101 chrome_101 chrome 101 chrome_156
chrome104 chrome_104 chrome 104 chrome_156
chrome107 chrome_107 chrome 107 chrome_156
chrome110 chrome_110 chrome 110 chrome_156
chrome116 chrome_116 chrome 116 chrome_156
chrome119 chrome_119 chrome 119 chrome_156
chrome120 chrome_120 chrome 120 chrome_156
chrome123 chrome_123 chrome 123 chrome_156
chrome124 chrome_124 chrome 124 chrome_156
chrome131 chrome_131 chrome 131 chrome_156
chrome133a chrome_133a chrome 133 chrome_156
chrome136 chrome_136 chrome 136 chrome_156
chrome142 chrome_142 chrome 142 chrome_156
chrome145 chrome_145 chrome 145 chrome_156
chrome146 chrome_146 chrome 146 chrome_156
chrome150 chrome_150 chrome 150 chrome_156
chrome151 chrome_151 chrome 151 chrome_156
chrome151_macos chrome_macos_151 chrome 151 chrome_156
chrome152 chrome_152 chrome 152 chrome_156
chrome152_macos chrome_macos_152 chrome 152 chrome_156
chrome99_android chrome_android_99 chrome 99 chrome_156
chrome131_android chrome_android_131 chrome 131 chrome_156
edge99 edge_99 edge 99 chrome_156
edge101 edge_101 edge 101 chrome_156
safari153 safari_15_3 safari 15.3 -
safari155 safari_15_5 safari 15.5 -
safari170 safari_17_0 safari 17.0 -
safari172_ios safari_ios_17_2 safari 17.2 -
safari180 safari_18_0 safari 18.0 -
safari180_ios safari_ios_18_0 safari 18.0 -
safari184 safari_18_4 safari 18.4 -
safari184_ios safari_ios_18_4 safari 18.4 -
safari260 safari_26_0 safari 26.0 -
safari2601 safari_26_0_1 safari 26.0.1 -
safari260_ios safari_ios_26_0 safari 26.0 -
safari270 safari_27_0 safari 27.0 -
safari270_ios safari_ios_27_0 safari 27.0 -
firefox133 firefox_133 firefox 133 firefox_esr_153
firefox135 firefox_135 firefox 135 firefox_esr_153
firefox144 firefox_144 firefox 144 firefox_esr_153
firefox147 firefox_147 firefox 147 firefox_esr_153
firefox153 firefox_153 firefox 153 firefox_esr_153
firefox154 firefox_154 firefox 154 firefox_esr_153
firefox155 firefox_155 firefox 155 firefox_esr_153
tor145 tor_14_5 tor 14.5 firefox_esr_153
TARGETS
python3 "$here/curl_cffi_fixes.py" "$work/captured" "$root/crates/mummer-profile/profiles" "$work/targets.json"
