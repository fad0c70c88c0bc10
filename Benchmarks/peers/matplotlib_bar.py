#!/usr/bin/env python3
"""Peer baseline for speed comparisons: matplotlib (Agg) grouped bar chart.

The reference chart: 10 districts x 3 years = 30 bars, a value
label on every bar (decimal comma), y grid 0..20 step 2, title + subtitle, axis titles,
legend, Vietnamese labels in DejaVu Sans. 1600x900 px (figsize 16x9 in at dpi=100).

Copy of the project's peer baseline script matplotlib_bar.py; changed: nothing but this line.

Usage:  pip install matplotlib && python3 matplotlib_bar.py [N=200] [OUTDIR=/tmp/mpl-peer]
Prints per-chart milliseconds for PNG and SVG (N renders each, one process, fresh figure per
chart, plt.close after each) after one warm-up render per format.
"""
import os
import sys
import time

t_start = time.perf_counter()
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

t_import = time.perf_counter() - t_start

plt.rcParams.update({
    "font.family": "DejaVu Sans",
    "svg.hashsalt": "fixed",      # deterministic SVG ids
    "svg.fonttype": "path",       # glyphs as paths, like cairo's SVG surface
})

CATS = ["Bắc Sơn", "Bình Gia", "Cao Lộc", "Chi Lăng", "Đình Lập",
        "Hữu Lũng", "Lộc Bình", "Tràng Định", "Văn Lãng", "Văn Quan"]
YEARS = ["2018", "2019", "2020"]
VALUES = [[round((7.0 + ((c * 37) % 11) * 0.6 + s * 1.4) * 10) / 10 for c in range(len(CATS))]
          for s in range(len(YEARS))]
COLORS = ["#4E79A7", "#F28E2B", "#59A14F"]


def fmt1(v):
    return f"{v:.1f}".replace(".", ",")


def draw():
    fig, ax = plt.subplots(figsize=(16, 9), dpi=100)
    n_cat, n_ser = len(CATS), len(YEARS)
    width = 0.8 / n_ser
    for s in range(n_ser):
        xs = [c - 0.4 + width * (s + 0.5) for c in range(n_cat)]
        bars = ax.bar(xs, VALUES[s], width=width * 0.95, color=COLORS[s], label=f"Năm {YEARS[s]}")
        ax.bar_label(bars, labels=[fmt1(v) for v in VALUES[s]], padding=3, fontsize=8)
    ax.set_xticks(range(n_cat), CATS, fontsize=10.5)
    ax.set_ylim(0, 20)
    ax.set_yticks(range(0, 21, 2))
    ax.yaxis.grid(True, color="#DDDDDD")
    ax.set_axisbelow(True)
    ax.spines[["top", "right"]].set_visible(False)
    ax.set_xlabel("Huyện", fontsize=11)
    ax.set_ylabel("Số tiêu chí đạt chuẩn (bình quân/xã)", fontsize=11)
    fig.suptitle("Bình quân tiêu chí/xã — tỉnh Lạng Sơn, 2018–2020", fontsize=16, fontweight="bold")
    ax.set_title("Xã đặc biệt khó khăn", fontsize=12, color="#555555")
    ax.legend(loc="upper right", ncols=3, frameon=False)
    return fig


def bench(fmt, n, outdir):
    path = os.path.join(outdir, f"mpl_chart.{fmt}")
    meta = {"Date": None} if fmt == "svg" else {}
    fig = draw()
    fig.savefig(path, dpi=100, metadata=meta)  # warm-up (font cache, first draw)
    plt.close(fig)
    t0 = time.perf_counter()
    for _ in range(n):
        fig = draw()
        fig.savefig(path, dpi=100, metadata=meta)
        plt.close(fig)
    dt = time.perf_counter() - t0
    print(f"matplotlib {matplotlib.__version__} {fmt}: {dt / n * 1000:8.3f} ms/chart "
          f"({n} charts, {dt:.2f} s total), file {os.path.getsize(path)} bytes")


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    outdir = sys.argv[2] if len(sys.argv) > 2 else "/tmp/mpl-peer"
    os.makedirs(outdir, exist_ok=True)
    print(f"import matplotlib.pyplot: {t_import * 1000:.0f} ms")
    for fmt in ("png", "svg"):
        bench(fmt, n, outdir)


if __name__ == "__main__":
    main()
