"""Medians, ratios and the Markdown table from the raw cells (stdlib only)."""

from __future__ import annotations

import statistics

from .clients import CLIENTS
from .workloads import BY_KEY, CPU_ROWS, MIB

BASELINE = "curl_cffi-chrome"


def _value(cell: dict, op: str) -> float:
    if op == "stream":
        return cell["bytes"] / MIB / cell["wall"]
    return cell["count"] / cell["wall"]


def _cpu_per_10k(cell: dict) -> float:
    return cell["cpu"] * 10_000 / cell["count"]


def _aggregate(cells: list, value) -> dict:
    if not cells:
        return {"status": "not run"}
    if all(c["status"] == "n/a" for c in cells):
        return {"status": "n/a", "error": cells[0].get("error", "")}
    bad = [c for c in cells if c["status"] == "unavailable"]
    if bad:
        return {"status": "unavailable", "error": bad[0].get("error", "")}
    bad = [c for c in cells if c["status"] != "ok"]
    if bad:
        return {"status": "failed", "failed_rounds": len(bad), "rounds": len(cells),
                "error": bad[0].get("error", "")}
    values = [value(c) for c in cells]
    protos = sorted({c.get("probe_protocol") or "?" for c in cells})
    return {
        "status": "ok",
        "value": statistics.median(values),
        "min": min(values),
        "max": max(values),
        "values": values,
        "cpu": statistics.median(c["cpu"] for c in cells),
        "wall": statistics.median(c["wall"] for c in cells),
        "protocol": "/".join(protos),
        "lib_version": cells[0].get("lib_version", ""),
    }


def summarize(data: dict) -> dict:
    """``{"rows": [{key, title, unit, lower_is_better, goal, clients: {name: agg}}], ...}``."""
    clients = data["meta"]["clients"]
    keys = data["meta"]["workloads"]
    by = {}
    for c in data["cells"]:
        by.setdefault((c["workload"], c["client"]), []).append(c)

    rows = []
    for key in keys:
        w = BY_KEY[key]
        rows.append({
            "key": key,
            "title": w.title_for(data["meta"]["counts"].get(key, w.count), data["meta"]["big_len"]),
            "unit": w.unit, "lower_is_better": False,
            "goal": w.goal,
            "clients": {n: _aggregate(by.get((key, n), []), lambda c, op=w.op: _value(c, op))
                        for n in clients},
        })
    for cr in CPU_ROWS:
        if cr.source in keys:
            rows.append({
                "key": cr.key, "title": cr.title, "unit": cr.unit, "lower_is_better": True,
                "goal": cr.goal,
                "clients": {n: _aggregate(by.get((cr.source, n), []), _cpu_per_10k)
                            for n in clients},
            })

    for row in rows:
        base = row["clients"].get(BASELINE, {})
        for agg in row["clients"].values():
            if agg["status"] == "ok" and base.get("status") == "ok" and base["value"] > 0:
                agg["ratio"] = agg["value"] / base["value"]

    targets = []
    for name in clients:
        if not CLIENTS[name].mummer:
            continue
        for row in rows:
            agg = row["clients"][name]
            peers = {n: a for n, a in row["clients"].items()
                     if not CLIENTS[n].mummer and a["status"] == "ok"}
            t = {"client": name, "row": row["key"], "goal": row["goal"],
                 "lower_is_better": row["lower_is_better"], "status": agg["status"]}
            if agg["status"] == "ok":
                t["ratio"] = agg.get("ratio")
                if row["goal"] is not None and t["ratio"] is not None:
                    t["goal_met"] = (t["ratio"] <= row["goal"] if row["lower_is_better"]
                                     else t["ratio"] >= row["goal"])
                if peers:
                    best = (min if row["lower_is_better"] else max)(
                        peers, key=lambda n: peers[n]["value"])
                    t["best_peer"] = best
                    t["ahead_of_peers"] = (agg["value"] < peers[best]["value"]
                                           if row["lower_is_better"]
                                           else agg["value"] > peers[best]["value"])
                if row["key"] == "W3-async" and row["clients"].get("aiohttp", {}).get(
                        "status") == "ok":
                    t["vs_aiohttp"] = agg["value"] / row["clients"]["aiohttp"]["value"]
            targets.append(t)
    return {"rows": rows, "targets": targets, "baseline": BASELINE}


def _num(v: float) -> str:
    if v >= 100:
        return f"{v:,.0f}"
    if v >= 10:
        return f"{v:.1f}"
    return f"{v:.3g}"


def _cell_text(agg: dict, unit: str) -> str:
    st = agg["status"]
    if st == "ok":
        ratio = agg.get("ratio")
        r = f" ({ratio:.2f}x)" if ratio is not None else ""
        return f"{_num(agg['value'])}{r}"
    if st == "failed":
        return f"FAIL {agg['failed_rounds']}/{agg['rounds']}"
    return st


def label(name: str) -> str:
    return CLIENTS[name].label.replace("\n", " ")


def markdown(data: dict, png_name: str) -> str:
    meta, summary = data["meta"], data["summary"]
    clients = meta["clients"]
    out = []
    quick = meta["quick"]
    out.append("## Python benchmark: mummer.requests and its peers"
               + (" (QUICK mode: small counts, 64 MiB, not final numbers)" if quick else ""))
    out.append("")
    m = meta["machine"]
    out.append(f"Command: `{meta['command']}` ({meta['started']}, {meta['seconds']:.0f} s; "
               f"{meta['rounds']} rounds, medians; Python {m['python']}, {m['cpus']} CPUs, "
               f"{m['nginx']} on 127.0.0.1, {m['platform']}).")
    out.append("")
    out.append(f"Cells: throughput (median of {meta['rounds']} fresh processes) and, in "
               f"brackets, its ratio to `{label(BASELINE)}`. W5 rows: CPU seconds (user+sys, "
               f"all threads of the client process) per 10k requests, lower is better. "
               f"`n/a`: the library has no API of that kind; `unavailable`: it did not import; "
               f"`FAIL k/n`: k of n rounds had an error or a wrong body (never counted as fast).")
    out.append("")
    out.append("| workload | " + " | ".join(label(n) for n in clients) + " |")
    out.append("|---|" + "---:|" * len(clients))
    for row in summary["rows"]:
        cells = [_cell_text(row["clients"][n], row["unit"]) for n in clients]
        # Bold the best client of the row.
        oks = [(row["clients"][n]["value"], i) for i, n in enumerate(clients)
               if row["clients"][n]["status"] == "ok"]
        if oks:
            best = (min if row["lower_is_better"] else max)(oks)[1]
            cells[best] = f"**{cells[best]}**"
        out.append(f"| {row['title']} ({row['unit']}) | " + " | ".join(cells) + " |")
    out.append("")

    if summary["targets"]:
        out.append("Targets for mummer (ratios to curl_cffi impersonating chrome):")
        out.append("")
        out.append("| row | goal | " + " | ".join(
            label(n) for n in clients if CLIENTS[n].mummer) + " |")
        mnames = [n for n in clients if CLIENTS[n].mummer]
        out.append("|---|---|" + "---|" * len(mnames))
        for row in summary["rows"]:
            goal = row["goal"]
            g = "ahead of every peer" if goal is None else (
                f"<= {goal}x" if row["lower_is_better"] else f">= {goal}x")
            texts = []
            for n in mnames:
                t = next(t for t in summary["targets"] if t["client"] == n and t["row"] == row["key"])
                if t["status"] != "ok":
                    texts.append(t["status"])
                    continue
                parts = []
                if t.get("ratio") is not None:
                    ok = t.get("goal_met")
                    parts.append(f"{t['ratio']:.2f}x" + ("" if ok is None else (" met" if ok else " MISSED")))
                if "ahead_of_peers" in t:
                    parts.append("ahead of all peers" if t["ahead_of_peers"]
                                 else f"behind {t['best_peer']}")
                if "vs_aiohttp" in t:
                    parts.append(f"{t['vs_aiohttp']:.2f}x aiohttp")
                texts.append(", ".join(parts))
            out.append(f"| {row['key']} | {g} | " + " | ".join(texts) + " |")
        out.append("")

    out.append("Protocol each client spoke (nginx's log of the warm-up request), and versions:")
    out.append("")
    out.append("| client | version | HTTPS rows | plain rows | notes |")
    out.append("|---|---|---|---|---|")
    for n in clients:
        https, plain, version = set(), set(), ""
        for row in summary["rows"]:
            agg = row["clients"][n]
            if agg["status"] != "ok" or row["key"].startswith("W5"):
                continue
            version = version or agg.get("lib_version", "")
            w = BY_KEY[row["key"]]
            (https if w.scheme == "https" else plain).add(agg["protocol"])
        notes = "; ".join(CLIENTS[n].notes)
        un = next((row["clients"][n] for row in summary["rows"]
                   if row["clients"][n]["status"] == "unavailable"), None)
        if un:
            notes = f"UNAVAILABLE: {un['error'][:160]}; " + notes
        out.append(f"| {label(n)} | {version or '-'} | {', '.join(sorted(https)) or '-'} | "
                   f"{', '.join(sorted(plain)) or '-'} | {notes} |")
    out.append("")

    failures = []
    for row in summary["rows"]:
        for n in clients:
            agg = row["clients"][n]
            if agg["status"] == "failed" and not row["key"].startswith("W5"):
                failures.append(f"- {row['key']} {n}: {agg['error'][:300]}")
    if failures:
        out.append("Failures (first error of each):")
        out.append("")
        out.extend(failures)
        out.append("")
    if meta.get("install_problems"):
        out.append("Install problems: " + "; ".join(
            f"{k}: {v}" for k, v in meta["install_problems"].items()))
        out.append("")
    out.append(f"![Python benchmark plot]({png_name})")
    out.append("")
    return "\n".join(out)
