"""The plot: one panel per row of the table, one bar per client, ratio to curl_cffi annotated.

    python -m pybench.plot results.json results.png      (the venv's Python: matplotlib, Agg)
"""

from __future__ import annotations

import json
import math
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from .clients import CLIENTS  # noqa: E402
from .report import BASELINE  # noqa: E402

MUMMER = "#e4572e"
BASE = "#2e86ab"
PEER = "#a7b1bc"


def _fmt(v: float) -> str:
    if v >= 100:
        return f"{v:,.0f}"
    if v >= 10:
        return f"{v:.1f}"
    return f"{v:.3g}"


def plot(data: dict, path: str) -> None:
    rows = data["summary"]["rows"]
    clients = data["meta"]["clients"]
    ncols = 3 if len(rows) > 4 else max(1, len(rows))
    nrows = math.ceil(len(rows) / ncols)
    fig, axes = plt.subplots(nrows, ncols, figsize=(6.2 * ncols, 0.42 * len(clients) * nrows + 1.6),
                             squeeze=False)
    labels = [CLIENTS[n].label.replace("\n", " ") for n in clients]
    for ax, row in zip(axes.flat, rows):
        aggs = [row["clients"][n] for n in clients]
        values = [a["value"] if a["status"] == "ok" else 0.0 for a in aggs]
        colors = [MUMMER if CLIENTS[n].mummer else BASE if n == BASELINE else PEER
                  for n in clients]
        y = list(range(len(clients)))
        ax.barh(y, values, color=colors, height=0.7)
        ax.set_yticks(y)
        ax.set_yticklabels(labels, fontsize=9)
        for tick, n in zip(ax.get_yticklabels(), clients):
            if CLIENTS[n].mummer:
                tick.set_fontweight("bold")
                tick.set_color(MUMMER)
        ax.invert_yaxis()
        base = row["clients"].get(BASELINE, {})
        goal = None
        if row["goal"] is not None and base.get("status") == "ok":
            goal = base["value"] * row["goal"]
        top = max(values + ([goal] if goal else [])) or 1.0
        ax.set_xlim(0, top * 1.42)
        for yi, a, v in zip(y, aggs, values):
            if a["status"] == "ok":
                ratio = a.get("ratio")
                text = _fmt(v) + (f"   {ratio:.2f}x" if ratio is not None else "")
                ax.text(v + top * 0.015, yi, text, va="center", fontsize=8.5,
                        fontweight="bold" if CLIENTS[clients[yi]].mummer else "normal")
            else:
                st = a["status"]
                text = f"FAIL {a['failed_rounds']}/{a['rounds']}" if st == "failed" else st
                ax.text(top * 0.015, yi, text, va="center", fontsize=8.5, style="italic",
                        color="#b00020" if st == "failed" else "#777777")
        if base.get("status") == "ok":
            ax.axvline(base["value"], color=BASE, linestyle="--", linewidth=0.9)
        if goal:
            ax.axvline(goal, color=MUMMER, linestyle=":", linewidth=1.3)
            ax.text(goal, len(clients) - 0.35, f" goal {row['goal']:g}x", color=MUMMER,
                    fontsize=8, va="bottom")
        better = "lower is better" if row["lower_is_better"] else "higher is better"
        ax.set_title(f"{row['title']}\n{row['unit']}, {better}", fontsize=10)
        ax.tick_params(axis="x", labelsize=8)
        ax.grid(axis="x", alpha=0.25)
        ax.set_axisbelow(True)
    for ax in list(axes.flat)[len(rows):]:
        ax.axis("off")
    meta = data["meta"]
    tag = "  [QUICK mode: small counts, 64 MiB, not final]" if meta["quick"] else ""
    fig.suptitle(f"mummer.requests vs peers: medians of {meta['rounds']} rounds, "
                 f"ratio to curl_cffi impersonate=\"chrome\" (dashed line), mummer's goal (dotted){tag}",
                 fontsize=13, fontweight="bold")
    fig.tight_layout(rect=(0, 0, 1, 0.97))
    fig.savefig(path, dpi=110)


if __name__ == "__main__":
    with open(sys.argv[1]) as f:
        plot(json.load(f), sys.argv[2])
