#!/usr/bin/env python3
"""Peer baseline for speed comparisons: matplotlib (Agg) line chart, reference chart "line".

The reference chart (README.md, section "line", is the normative definition): mean criteria met per
commune, 2011-2020, for 4 groups of communes; circle markers; the 2020 point of every series is an
estimate (dashed last segment, hollow marker); a horizontal target band 11,5-12 (Xa bien gioi, plan
2020); direct labels at the line ends instead of a legend; y axis 0-19 with decimal-comma tick labels;
title, subtitle and a source line. Vietnamese labels in DejaVu Sans. 1600x900 px (16x9 in at dpi=100).
All positions and sizes are given in pixels below and converted to points (1 px = 0.72 pt at dpi 100).
The values are made up by a deterministic formula (VALUES below); they are illustrative, not data.

Copy of the project's peer baseline script matplotlib_line.py; changed: nothing but this line.

Usage:  pip install matplotlib && python3 matplotlib_line.py [N=200] [OUTDIR=/tmp/peer-out]
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
from matplotlib.ticker import FixedLocator, FuncFormatter  # noqa: E402

t_import = time.perf_counter() - t_start

plt.rcParams.update({
    "font.family": "DejaVu Sans",
    "svg.hashsalt": "fixed",      # deterministic SVG ids
    "svg.fonttype": "path",       # glyphs as paths, like cairo's SVG surface
    "lines.scale_dashes": False,  # dash lengths are absolute, not multiples of the line width
})

W, H = 1600, 900                  # canvas, px
PT = 0.72                         # points per pixel at dpi 100
PLOT = (100, 130, 1340, 800)      # plot area: left, top, right, bottom (px, y down)
YEARS = list(range(2011, 2021))
SERIES = ["Toàn tỉnh", "Xã biên giới", "Xã ĐBKK chỉ đạo điểm", "Xã do huyện lựa chọn"]
COLORS = ["#4E79A7", "#F28E2B", "#59A14F", "#E15759"]
BASE = [3.8, 2.1, 4.0, 1.6]
STEP = [0.9, 1.0, 1.5, 0.9]
# Made-up, deterministic: value of series s in year 2011+i, one decimal, capped at 19.
VALUES = [[min(19.0, round((BASE[s] + STEP[s] * i + ((i * 37 + s * 11) % 5) * 0.12) * 10) / 10)
           for i in range(len(YEARS))] for s in range(len(SERIES))]
BAND = (11.5, 12.0)               # plan 2020 for "Xã biên giới" (series 1)
BAND_SERIES = 1
BAND_LABEL = "Kế hoạch 2020, xã biên giới: 11,5–12"
TITLE = "Bình quân tiêu chí/xã theo nhóm xã — tỉnh Lạng Sơn, 2011–2020"
SUBTITLE = ("Số tiêu chí đạt chuẩn bình quân/xã; "
            "năm 2020 là ước thực hiện (nét đứt, điểm rỗng)")
SOURCE = "Nguồn: UBND tỉnh Lạng Sơn; số liệu minh họa"
X_DOMAIN = (2010.5, 2020.5)
Y_DOMAIN = (0.0, 19.0)
Y_TICKS = [0, 2.5, 5, 7.5, 10, 12.5, 15, 17.5]


def comma(v):
    """Shortest decimal with a decimal comma: 2.5 -> '2,5', 10.0 -> '10'."""
    s = f"{v:.1f}".rstrip("0").rstrip(".")
    return s.replace(".", ",")


def text(fig, x, y, s, **kw):
    """Text at canvas pixel (x, y), y down; figure-fraction coordinates so PNG and SVG agree."""
    return fig.text(x / W, 1 - y / H, s, **kw)


def px_y(v):
    """Data value -> canvas y (px, y down)."""
    left, top, right, bottom = PLOT
    return bottom - (v - Y_DOMAIN[0]) / (Y_DOMAIN[1] - Y_DOMAIN[0]) * (bottom - top)


def draw():
    fig = plt.figure(figsize=(W / 100, H / 100), dpi=100)
    left, top, right, bottom = PLOT
    ax = fig.add_axes((left / W, 1 - bottom / H, (right - left) / W, (bottom - top) / H))
    ax.set_xlim(*X_DOMAIN)
    ax.set_ylim(*Y_DOMAIN)

    # axes: horizontal grid at the y ticks, bottom axis line only, year ticks
    ax.yaxis.set_major_locator(FixedLocator(Y_TICKS))
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _: comma(v)))
    ax.set_xticks(YEARS, [str(y) for y in YEARS])
    ax.tick_params(axis="y", length=0, pad=8 * PT, labelsize=14 * PT, labelcolor="#333333")
    ax.tick_params(axis="x", length=5 * PT, width=1 * PT, color="#333333", pad=4 * PT,
                   labelsize=14 * PT, labelcolor="#333333")
    ax.yaxis.grid(True, color="#DDDDDD", linewidth=1 * PT)
    ax.set_axisbelow(True)
    ax.spines[["top", "right", "left"]].set_visible(False)
    ax.spines["bottom"].set_color("#333333")
    ax.spines["bottom"].set_linewidth(1 * PT)

    # target band, full plot width, above the grid and below the series
    ax.axhspan(*BAND, facecolor=COLORS[BAND_SERIES], alpha=0.2, linewidth=0, zorder=1)
    text(fig, left + 8, px_y(BAND[1]) - 5, BAND_LABEL, fontsize=13 * PT, color="#B35C00",
         ha="left", va="baseline")

    # series: solid 2011-2019, dashed 2019-2020, filled markers 2011-2019, hollow marker 2020
    for s, name in enumerate(SERIES):
        c, ys = COLORS[s], VALUES[s]
        z = 2 + s
        ax.plot(YEARS[:-1], ys[:-1], color=c, linewidth=2.5 * PT, solid_joinstyle="round",
                solid_capstyle="butt", zorder=z)
        ax.plot(YEARS[-2:], ys[-2:], color=c, linewidth=2.5 * PT, dashes=(6 * PT, 4 * PT),
                dash_capstyle="butt", zorder=z)
        ax.plot(YEARS[:-1], ys[:-1], linestyle="none", marker="o", markersize=9 * PT,
                markerfacecolor=c, markeredgewidth=0, zorder=z + 0.1)
        ax.plot(YEARS[-1:], ys[-1:], linestyle="none", marker="o", markersize=9 * PT,
                markerfacecolor="white", markeredgecolor=c, markeredgewidth=2 * PT, zorder=z + 0.1)
        # direct label: 12 px right of the 2020 point, baseline 5 px below its centre
        x_end = left + (YEARS[-1] - X_DOMAIN[0]) / (X_DOMAIN[1] - X_DOMAIN[0]) * (right - left)
        text(fig, x_end + 12, px_y(ys[-1]) + 5, name, fontsize=14 * PT, color=c,
             ha="left", va="baseline")

    text(fig, left, 48, TITLE, fontsize=26 * PT, fontweight="bold", color="#111111",
         ha="left", va="baseline")
    text(fig, left, 80, SUBTITLE, fontsize=16 * PT, color="#555555", ha="left", va="baseline")
    text(fig, left, 880, SOURCE, fontsize=13 * PT, color="#555555", ha="left", va="baseline")
    return fig


def bench(fmt, n, outdir):
    path = os.path.join(outdir, f"mpl_line.{fmt}")
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
    outdir = sys.argv[2] if len(sys.argv) > 2 else "/tmp/peer-out"
    os.makedirs(outdir, exist_ok=True)
    print(f"import matplotlib.pyplot: {t_import * 1000:.0f} ms")
    for fmt in ("png", "svg"):
        bench(fmt, n, outdir)


if __name__ == "__main__":
    main()
