#!/usr/bin/env python3
"""Python benchmark of mummer.requests against curl_cffi and the other peers (see README.md).

    python3 benches/python/run.py                 # full run: 3 rounds, 1 GiB, results.{md,json,png}
    python3 benches/python/run.py --quick         # development: small counts, 64 MiB, results-quick.*
    python3 benches/python/run.py --no-mummer-build   # reuse the mummer already in the venv

Stdlib only at top level: it makes (or updates) its own venv (``.venv`` here, or ``--venv``)
with the peers pinned in ``requirements.txt`` and mummer built from this repo
(``pip install --force-reinstall --no-deps <repo>``), writes the served files once to the temp
dir, starts Debian's nginx on 127.0.0.1, and runs every cell (client x workload) in a fresh
``python -m pybench.cell`` process, clients alternating (their order rotated each round), for
N rounds. Medians go to the table; every cell's raw line goes to the JSON.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, HERE)

from pybench import report, server  # noqa: E402  (stdlib only)
from pybench.clients import CLIENTS  # noqa: E402  (imports no client library)
from pybench.workloads import GIB, MIB, QUICK_BIG, WORKLOADS  # noqa: E402

REQUIREMENTS = os.path.join(HERE, "requirements.txt")
# Variables that would make a client trust something other than the CA it is given, or go
# through a proxy: cleared for the cells.
CLEARED_ENV = [
    "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "SSL_CERT_FILE", "SSL_CERT_DIR",
    "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy",
]


def log(msg: str) -> None:
    print(msg, flush=True)


# --- venv ------------------------------------------------------------------------------------


def venv_python(venv: str) -> str:
    return os.path.join(venv, "bin", "python")


def _pip(py: str, args: list, logfile: str) -> bool:
    with open(logfile, "a") as f:
        f.write(f"\n$ pip {' '.join(args)}\n")
        f.flush()
        return subprocess.run([py, "-m", "pip", *args], stdout=f, stderr=subprocess.STDOUT,
                              stdin=subprocess.DEVNULL).returncode == 0


def ensure_venv(args) -> dict:
    """Makes/updates the venv; returns what did not install (for the report)."""
    venv = args.venv
    py = venv_python(venv)
    pip_log = os.path.join(venv, "pip.log")
    problems: dict = {}
    if not os.path.isfile(py):
        log(f"venv: creating {venv}")
        subprocess.run([sys.executable, "-m", "venv", venv], check=True)
        _pip(py, ["install", "-q", "--upgrade", "pip"], pip_log)
    if args.skip_install:
        return problems

    with open(REQUIREMENTS, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    stamp = os.path.join(venv, ".requirements.sha256")
    current = open(stamp).read().strip() if os.path.isfile(stamp) else ""
    if current != digest:
        log(f"venv: installing {os.path.relpath(REQUIREMENTS)} (log: {pip_log})")
        if _pip(py, ["install", "-q", "-r", REQUIREMENTS], pip_log):
            with open(stamp, "w") as f:
                f.write(digest)
        else:
            # Install what can be installed, one requirement at a time; note the rest.
            for line in open(REQUIREMENTS):
                req = line.split("#")[0].strip()
                if req and not _pip(py, ["install", "-q", req], pip_log):
                    problems[req] = "pip install failed (see pip.log)"
                    log(f"venv: {req} did not install")

    if not args.no_mummer_build:
        build_log = os.path.join(venv, "mummer-build.log")
        open(build_log, "w").close()
        log(f"venv: building mummer from {REPO} (maturin, a few minutes; log: {build_log})")
        started = time.monotonic()
        if _pip(py, ["install", "--force-reinstall", "--no-deps", REPO], build_log):
            log(f"venv: mummer built in {time.monotonic() - started:.0f} s")
        else:
            tail = open(build_log).read()[-1500:]
            problems["mummer"] = "build failed (see mummer-build.log)"
            log(f"venv: mummer build FAILED (its cells will be unavailable):\n{tail}")
    return problems


# --- cells -----------------------------------------------------------------------------------


def cell_command(py: str, client: str, w, nginx, big_len: int, count: int) -> list:
    base = nginx.https if w.scheme == "https" else nginx.http
    path, body, length = {
        "small": (server.SMALL_PATH, "small", len(server.SMALL_BODY)),
        "medium": (server.MEDIUM_PATH, "pattern", server.MEDIUM_LEN),
        "big": (server.big_path(big_len), "pattern", big_len),
        "chunked": (server.CHUNKED_PREFIX + server.big_path(big_len), "pattern", big_len),
    }[w.target]
    return [
        py, "-m", "pybench.cell", "--client", client, "--mode", w.mode, "--op", w.op,
        "--url", base(path), "--warm-url", base(server.PROBE_PREFIX + server.SMALL_PATH),
        "--count", str(count), "--concurrency", str(w.concurrency), "--body", body,
        "--length", str(length), "--ca", nginx.ca_file,
    ]


def run_cell(cmd: list, env: dict, timeout: float) -> dict:
    started = time.monotonic()
    try:
        p = subprocess.run(cmd, cwd=HERE, env=env, capture_output=True, text=True,
                           timeout=timeout, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        return {"status": "failed", "error": f"cell timed out after {timeout:.0f} s"}
    lines = [ln for ln in p.stdout.splitlines() if ln.startswith("{")]
    if p.returncode != 0 or not lines:
        err = (p.stderr or p.stdout).strip()[-800:]
        return {"status": "failed", "error": f"cell exited {p.returncode}: {err}"}
    out = json.loads(lines[-1])
    out["process_seconds"] = time.monotonic() - started
    if p.stderr.strip():
        out["stderr"] = p.stderr.strip()[-800:]
    return out


def describe(cell: dict, w) -> str:
    if cell["status"] != "ok":
        return f"{cell['status'].upper()}: {cell.get('error', '')[:200]}"
    if w.op == "stream":
        rate = f"{cell['bytes'] / MIB / cell['wall']:.0f} MiB/s"
    else:
        rate = f"{cell['count'] / cell['wall']:.0f} req/s"
    return f"{rate}  cpu {cell['cpu']:.2f} s  [{cell.get('probe_protocol') or '?'}]"


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--quick", action="store_true",
                   help="development: small counts, a 64 MiB file instead of 1 GiB")
    p.add_argument("--rounds", type=int, default=3, help="rounds (default 3); medians reported")
    p.add_argument("--clients", default="",
                   help=f"comma-separated subset (default: all but curl_cffi plain). "
                        f"Known: {', '.join(CLIENTS)}")
    p.add_argument("--workloads", default="",
                   help=f"comma-separated subset. Known: {', '.join(w.key for w in WORKLOADS)}")
    p.add_argument("--scale", type=float, default=1.0,
                   help="multiply the request counts (e.g. 0.1 for a smoke test)")
    p.add_argument("--venv", default=os.path.join(HERE, ".venv"))
    p.add_argument("--no-mummer-build", action="store_true",
                   help="reuse the mummer installed in the venv (no maturin build)")
    p.add_argument("--skip-install", action="store_true",
                   help="use the venv as it is: no pip at all (implies --no-mummer-build)")
    p.add_argument("--out", default="",
                   help="output prefix (default: results, or results-quick with --quick)")
    p.add_argument("--cell-timeout", type=float, default=0,
                   help="seconds per cell before it is killed (default 900, 180 with --quick)")
    p.add_argument("--report-only", metavar="JSON",
                   help="remake the Markdown and the plot from a results JSON; run nothing")
    args = p.parse_args()
    if args.skip_install:
        args.no_mummer_build = True
    out_prefix = os.path.join(HERE, args.out or ("results-quick" if args.quick else "results"))

    if args.report_only:
        with open(args.report_only) as f:
            data = json.load(f)
        out_prefix = os.path.join(HERE, args.out) if args.out else args.report_only[:-5]
        write_outputs(data, out_prefix, venv_python(args.venv))
        return 0

    clients = [c for c in (args.clients.split(",") if args.clients else
                           [n for n, c in CLIENTS.items() if c.default]) if c]
    unknown = [c for c in clients if c not in CLIENTS]
    if unknown:
        p.error(f"unknown clients: {unknown}")
    workloads = [w for w in WORKLOADS
                 if not args.workloads or w.key in args.workloads.split(",")]
    if not workloads:
        p.error("no workload selected")
    big_len = QUICK_BIG if args.quick else GIB
    timeout = args.cell_timeout or (180 if args.quick else 900)
    counts = {w.key: 1 if w.op == "stream" else
              max(1, round((w.quick_count if args.quick else w.count) * args.scale))
              for w in workloads}

    problems = ensure_venv(args)
    py = venv_python(args.venv)
    root = server.make_content(big_len)
    nginx = server.Nginx(root, py)
    env = {k: v for k, v in os.environ.items() if k not in CLEARED_ENV}
    env["NO_PROXY"] = env["no_proxy"] = "127.0.0.1,localhost"
    env.pop("PYTHONPATH", None)

    started = time.time()
    cells: list = []
    unavailable: dict = {}
    timed_out: dict = {}
    try:
        problem = server.check_chunked(nginx, server.big_path(big_len))
        if problem:
            raise RuntimeError(f"the chunked route is not chunked: {problem}")
        log(f"nginx: {nginx.https('/')} and {nginx.http('/')} (pid {nginx.proc.pid}); "
            f"{len(clients)} clients x {len(workloads)} workloads x {args.rounds} rounds"
            f"{' (QUICK)' if args.quick else ''}")
        for rnd in range(args.rounds):
            shift = rnd % len(clients)
            order = clients[shift:] + clients[:shift]  # rotate: nobody always goes first
            for w in workloads:
                count = counts[w.key]
                for name in order:
                    c = CLIENTS[name]
                    base = {"round": rnd + 1, "workload": w.key, "client": name}
                    if (c.make_sync if w.mode == "sync" else c.make_async) is None:
                        cells.append({**base, "status": "n/a",
                                      "error": f"{name} has no {w.mode} API"})
                        continue
                    if name in unavailable:
                        cells.append({**base, "status": "unavailable",
                                      "error": unavailable[name]})
                        continue
                    if (name, w.key) in timed_out:  # do not wait for a hang again
                        cells.append({**base, "status": "failed",
                                      "error": f"not run: timed out in round {timed_out[name, w.key]}"})
                        continue
                    seen = len(nginx.probe_log())
                    cell = run_cell(cell_command(py, name, w, nginx, big_len, count), env,
                                    timeout)
                    probes = nginx.probe_log()[seen:]
                    if probes:
                        cell["probe_protocol"] = probes[0][1]
                    cell = {**base, **cell}
                    cells.append(cell)
                    if cell["status"] == "unavailable":
                        unavailable[name] = cell.get("error", "")
                    if "timed out" in cell.get("error", "") and cell["status"] == "failed":
                        timed_out[name, w.key] = rnd + 1
                    log(f"[round {rnd + 1}] {w.key:<10} {name:<17} {describe(cell, w)}")
        errors = nginx.error_log().strip()
    finally:
        nginx.stop()

    data = {
        "meta": {
            "quick": args.quick,
            "rounds": args.rounds,
            "scale": args.scale,
            "big_len": big_len,
            "clients": clients,
            "workloads": [w.key for w in workloads],
            "counts": counts,
            "started": time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(started)),
            "seconds": round(time.time() - started, 1),
            "command": " ".join(["python3", os.path.relpath(__file__, REPO), *sys.argv[1:]]),
            "machine": {
                "python": platform.python_version(),
                "platform": platform.platform(),
                "cpus": os.cpu_count(),
                "nginx": subprocess.run([server.NGINX_BIN, "-v"], capture_output=True,
                                        text=True).stderr.strip(),
            },
            "install_problems": problems,
            "nginx_error_log": errors[-2000:],
        },
        "cells": cells,
    }
    write_outputs(data, out_prefix, py)
    if not args.quick and not args.out and set(clients) >= {n for n, c in CLIENTS.items() if c.default} \
            and len(workloads) == len(WORKLOADS) and args.scale == 1.0:
        update_readme(out_prefix + ".md")
    return 0


def update_readme(md_path: str) -> None:
    """Puts a full run's table and plot into README.md, between the results markers."""
    readme = os.path.join(HERE, "README.md")
    start, end = "<!-- results:start -->", "<!-- results:end -->"
    with open(readme) as f:
        text = f.read()
    if start not in text or end not in text:
        log("README.md has no results markers: not updated")
        return
    with open(md_path) as f:
        body = f.read().replace("## Python benchmark", "### Python benchmark", 1)
    head, rest = text.split(start, 1)
    tail = rest.split(end, 1)[1]
    with open(readme, "w") as f:
        f.write(f"{head}{start}\n{body.strip()}\n{end}{tail}")
    log("README.md: results section updated")


def write_outputs(data: dict, out_prefix: str, py: str) -> None:
    data["summary"] = report.summarize(data)
    with open(out_prefix + ".json", "w") as f:
        json.dump(data, f, indent=1)
    md = report.markdown(data, os.path.basename(out_prefix) + ".png")
    with open(out_prefix + ".md", "w") as f:
        f.write(md)
    print()
    print(md)
    plot = subprocess.run([py, "-m", "pybench.plot", out_prefix + ".json", out_prefix + ".png"],
                          cwd=HERE, capture_output=True, text=True)
    if plot.returncode != 0:
        log(f"plot failed: {plot.stderr[-1500:]}")
    else:
        log(f"wrote {out_prefix}.json, .md, .png")


if __name__ == "__main__":
    if shutil.which(server.NGINX_BIN) is None and not os.path.isfile(server.NGINX_BIN):
        sys.exit(f"nginx is not installed ({server.NGINX_BIN}); apt-get install nginx")
    sys.exit(main())
