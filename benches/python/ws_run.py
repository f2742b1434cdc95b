#!/usr/bin/env python3
"""WebSocket benchmark: mummer's `WebSocket` and `AsyncWebSocket` against curl_cffi's, aiohttp's
client and the `websockets` client, echoing through `mummer-ws-echo` on loopback.

    python3 benches/python/ws_run.py [--rounds 3] [--quick] [--clients a,b] [--out PREFIX]
                                     [--hold-cpus]

Rows: round trips per second for 1 KiB messages (send one, wait for its echo), and MB/s of
echoed payload for 64 KiB and 16 MiB messages (the same, MB = 10^6 bytes, one direction). Every
echo is compared with what was sent. Each cell runs in a fresh process, the clients alternate
(their order rotated each round), the table shows medians. The echo server (Rust, no
compression negotiated, so every client sends the same frames) is built with cargo; the venv
is `benches/python/.venv`, made by `run.py` (the peers pinned in requirements.txt).

`--hold-cpus` runs one busy loop per CPU under SCHED_IDLE for the whole run, so that no CPU
goes idle: on this virtual machine an idle vCPU halts (the guest does no halt polling), and
each of the two wake-ups per round trip then costs the hypervisor's wake-up latency, which the
loops take out (as `idle=poll` does) for every client alike. A SCHED_IDLE thread runs only
when nothing else on its CPU wants to, so a woken client or server takes the CPU at once.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))

ROWS = [  # (key, label, size, count, quick count)
    ("rtt-1k", "1 KiB echo round trips (per s)", 1024, 5000, 1000),
    ("mbps-64k", "64 KiB echo (MB/s)", 64 * 1024, 2000, 300),
    ("mbps-16m", "16 MiB echo (MB/s)", 16 * 1024 * 1024, 12, 3),
]
CLIENTS = {
    "mummer": "mummer WebSocket (sync)",
    "mummer-async": "mummer AsyncWebSocket",
    "curl_cffi": "curl_cffi WebSocket (sync)",
    "curl_cffi-async": "curl_cffi AsyncWebSocket",
    "aiohttp": "aiohttp ws_connect",
    "websockets": "websockets (asyncio client)",
}

# --- one cell, in a fresh process ---------------------------------------------------------


def _payload(size: int) -> bytes:
    block = bytes((i * 31 + 7) % 251 for i in range(251))
    return (block * (size // 251 + 1))[:size]


def cell(client: str, url: str, size: int, count: int) -> dict:
    import asyncio

    data = _payload(size)
    big = 64 * 1024 * 1024

    def check(got: object) -> None:
        if got != data:
            raise AssertionError(f"echo differs ({len(got) if isinstance(got, bytes) else got!r})")

    if client == "mummer":
        from mummer import requests as mreq

        s = mreq.Session()
        ws = s.ws_connect(url, max_message_size=big)
        t0 = time.perf_counter()
        for _ in range(count):
            ws.send(data)
            check(ws.recv()[0])
        wall = time.perf_counter() - t0
        ws.close()
        return {"wall": wall}
    if client == "curl_cffi":
        from curl_cffi import requests as creq

        s = creq.Session()
        ws = s.ws_connect(url, max_message_size=big)
        t0 = time.perf_counter()
        for _ in range(count):
            ws.send(data)
            check(ws.recv()[0])
        wall = time.perf_counter() - t0
        ws.close()
        return {"wall": wall}

    async def run_async() -> float:
        if client == "mummer-async":
            from mummer import requests as mreq

            async with mreq.AsyncSession() as s:
                ws = await s.ws_connect(url, max_message_size=big)
                t0 = time.perf_counter()
                for _ in range(count):
                    await ws.send(data)
                    check((await ws.recv())[0])
                wall = time.perf_counter() - t0
                await ws.close()
                return wall
        if client == "curl_cffi-async":
            from curl_cffi import requests as creq

            async with creq.AsyncSession() as s:
                ws = await s.ws_connect(url, max_message_size=big)
                t0 = time.perf_counter()
                for _ in range(count):
                    await ws.send(data)
                    check((await ws.recv())[0])
                wall = time.perf_counter() - t0
                await ws.close()
                return wall
        if client == "aiohttp":
            import aiohttp

            async with aiohttp.ClientSession() as s, s.ws_connect(
                url, max_msg_size=big, compress=0
            ) as ws:
                t0 = time.perf_counter()
                for _ in range(count):
                    await ws.send_bytes(data)
                    check((await ws.receive()).data)
                wall = time.perf_counter() - t0
                return wall
        if client == "websockets":
            from websockets.asyncio.client import connect

            async with connect(url, max_size=big, compression=None) as ws:
                t0 = time.perf_counter()
                for _ in range(count):
                    await ws.send(data)
                    check(await ws.recv())
                wall = time.perf_counter() - t0
                return wall
        raise SystemExit(f"unknown client {client}")

    return {"wall": asyncio.run(run_async())}


# --- the run --------------------------------------------------------------------------------


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--clients", default=",".join(CLIENTS))
    ap.add_argument("--out", default=os.path.join(HERE, "ws-results"))
    ap.add_argument("--venv", default=os.path.join(HERE, ".venv"))
    ap.add_argument("--hold-cpus", action="store_true",
                    help="keep every CPU out of idle with SCHED_IDLE busy loops (see above)")
    ap.add_argument("--cell", nargs=4, metavar=("CLIENT", "URL", "SIZE", "COUNT"),
                    help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.cell:
        client, url, size, count = a.cell
        print(json.dumps(cell(client, url, int(size), int(count))))
        return 0

    py = os.path.join(a.venv, "bin", "python")
    if not os.path.isfile(py):
        print(f"{py} is missing: run benches/python/run.py --quick once to make the venv",
              file=sys.stderr)
        return 2
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "mummer-bench",
                    "--bin", "mummer-ws-echo"], cwd=REPO, check=True)
    echo = subprocess.Popen([os.path.join(REPO, "target/release/mummer-ws-echo")],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert echo.stdout is not None
    url = f"ws://127.0.0.1:{echo.stdout.readline().strip()}/"
    holders = [
        subprocess.Popen(["taskset", "-c", str(cpu), "chrt", "--idle", "0",
                          sys.executable, "-c", "while True: pass"])
        for cpu in (sorted(os.sched_getaffinity(0)) if a.hold_cpus else [])
    ]
    clients = [c for c in a.clients.split(",") if c]
    results: dict = {c: {r[0]: [] for r in ROWS} for c in clients}
    errors: dict = {}
    started = time.monotonic()
    try:
        for rnd in range(a.rounds):
            order = clients[rnd % len(clients):] + clients[:rnd % len(clients)]
            for key, _, size, count, quick in ROWS:
                n = quick if a.quick else count
                for c in order:
                    try:
                        p = subprocess.run([py, __file__, "--cell", c, url, str(size), str(n)],
                                           capture_output=True, text=True, timeout=180,
                                           stdin=subprocess.DEVNULL)
                    except subprocess.TimeoutExpired:
                        errors.setdefault((c, key), "no result within 180 s (hung)")
                        print(f"round {rnd + 1} {key:9} {c:16} TIMEOUT", flush=True)
                        continue
                    line = [x for x in p.stdout.splitlines() if x.startswith("{")]
                    if p.returncode != 0 or not line:
                        errors.setdefault((c, key), (p.stderr or p.stdout).strip()[-300:])
                        continue
                    wall = json.loads(line[-1])["wall"]
                    value = n / wall if key.startswith("rtt") else n * size / wall / 1e6
                    results[c][key].append(value)
                    print(f"round {rnd + 1} {key:9} {c:16} {value:10.1f}", flush=True)
    finally:
        assert echo.stdin is not None
        echo.stdin.close()
        echo.wait(10)
        for h in holders:
            h.kill()
            h.wait()

    head = "| row | " + " | ".join(CLIENTS[c] for c in clients) + " |"
    lines = [
        f"Command: `python3 benches/python/ws_run.py{' --quick' if a.quick else ''}"
        f"{' --hold-cpus' if a.hold_cpus else ''} "
        f"--rounds {a.rounds}` ({time.strftime('%Y-%m-%d %H:%M')}, "
        f"{time.monotonic() - started:.0f} s; medians of {a.rounds} fresh processes per cell; "
        "echo server: target/release/mummer-ws-echo, no compression).",
        "",
        head,
        "|---|" + "---:|" * len(clients),
    ]
    for key, label, *_ in ROWS:
        medians = {c: statistics.median(v) for c in clients if (v := results[c][key])}
        best = max(medians.values()) if medians else None
        cells = []
        for c in clients:
            if c not in medians:
                cells.append("FAIL" if (c, key) in errors else "n/a")
                continue
            text = f"{medians[c]:,.0f}" if medians[c] >= 100 else f"{medians[c]:,.1f}"
            cells.append(f"**{text}**" if medians[c] == best else text)
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    for (c, key), err in errors.items():
        lines.append(f"\n`{c}` failed on `{key}`: {err}")
    table = "\n".join(lines) + "\n"
    with open(a.out + ".md", "w") as f:
        f.write(table)
    with open(a.out + ".json", "w") as f:
        json.dump({"results": results, "errors": {f"{c} {k}": e for (c, k), e in errors.items()}},
                  f, indent=1)
    print(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
