#!/usr/bin/env python3
"""Peer baseline for speed comparisons: Vega-Lite through vl-convert-python, reference chart "bar".

The same chart as matplotlib_bar.py (README.md, section "bar", is the normative definition): 10
districts x 3 years = 30 bars, a value label on every bar (decimal comma), y grid 0..20 step 2, title +
subtitle, axis titles, legend, Vietnamese labels in DejaVu Sans, 1600x900 px. matplotlib sizes are in
points at dpi 100, so every size here is the matplotlib size x 100/72 in px; the plot area is placed at
matplotlib's (x 200..1440, y 108..801) with autosize "none" and explicit padding.
Known differences from matplotlib_bar.py: the title is centred over the plot area (x 820) rather
than over the canvas (x 800), because Vega-Lite's title and subtitle share one anchor; text is laid out
by Vega (line height, kerning) and rasterised by resvg; the SVG keeps text as <text> elements
(matplotlib's as glyph paths).

Copy of the project's peer baseline script vegalite_bar.py; changed: nothing but this line.

Usage:  pip install vl-convert-python && python3 vegalite_bar.py [N=200] [OUTDIR=/tmp/peer-out]
Prints per-chart milliseconds for PNG and SVG (N conversions each, one process, spec built afresh for
every chart, the result written to a file) after one warm-up conversion per format.
"""
import os
import sys
import time

t_start = time.perf_counter()
import vl_convert as vlc  # noqa: E402

t_import = time.perf_counter() - t_start

PX = 100 / 72                     # matplotlib points -> px at dpi 100
CATS = ["Bắc Sơn", "Bình Gia", "Cao Lộc", "Chi Lăng", "Đình Lập",
        "Hữu Lũng", "Lộc Bình", "Tràng Định", "Văn Lãng", "Văn Quan"]
YEARS = ["2018", "2019", "2020"]
VALUES = [[round((7.0 + ((c * 37) % 11) * 0.6 + s * 1.4) * 10) / 10 for c in range(len(CATS))]
          for s in range(len(YEARS))]
COLORS = ["#4E79A7", "#F28E2B", "#59A14F"]
PLOT = (200, 108, 1440, 801)      # matplotlib's default subplot box for a 1600x900 figure
# matplotlib autoscale: the outermost bar edges lie EDGE = 0.4 - 0.025 * 0.8 / 3 category units from the
# first and last category centres; 5% margins of that span are added on each side, so the x limits are
# [-0.88267, 9.88267]. As a band scale (step = 1 unit): paddingInner 0.2, paddingOuter 0.48267.
EDGE = 0.4 - 0.025 * 0.8 / 3
PAD_OUTER = EDGE + 0.05 * (9 + 2 * EDGE) - 0.4


def fmt1(v):
    return f"{v:.1f}".replace(".", ",")


def spec():
    left, top, right, bottom = PLOT
    rows = [{"district": CATS[c], "series": f"Năm {YEARS[s]}", "value": VALUES[s][c],
             "label": fmt1(VALUES[s][c])}
            for s in range(len(YEARS)) for c in range(len(CATS))]
    axis_common = {
        "labelFont": "DejaVu Sans", "titleFont": "DejaVu Sans", "labelColor": "#000000",
        "titleColor": "#000000", "titleFontWeight": "normal", "titleFontSize": 11 * PX,
        "domainColor": "#000000", "domainWidth": 0.8 * PX, "tickColor": "#000000",
        "tickWidth": 0.8 * PX, "tickSize": 3.5 * PX, "labelPadding": 3.5 * PX,
        "titlePadding": 4 * PX,
    }
    return {
        "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
        "width": right - left,
        "height": bottom - top,
        "autosize": {"type": "none"},
        "padding": {"left": left, "top": top, "right": 1600 - right, "bottom": 900 - bottom},
        "background": "#FFFFFF",
        "config": {"font": "DejaVu Sans", "view": {"stroke": None}},
        "title": {
            "text": "Bình quân tiêu chí/xã — tỉnh Lạng Sơn, 2018–2020",
            "subtitle": "Xã đặc biệt khó khăn",
            "anchor": "middle", "frame": "group",
            "fontSize": 16 * PX, "fontWeight": "bold", "color": "#000000",
            "subtitleFontSize": 12 * PX, "subtitleColor": "#555555",
            "subtitlePadding": 45, "offset": -2,
        },
        "data": {"values": rows},
        "encoding": {
            "x": {"field": "district", "type": "nominal", "sort": CATS,
                  "scale": {"paddingInner": 0.2, "paddingOuter": PAD_OUTER},
                  "axis": {**axis_common, "title": "Huyện", "titlePadding": 4 * PX + 2, "labelAngle": 0,
                           "labelFontSize": 10.5 * PX, "grid": False}},
            "xOffset": {"field": "series", "type": "nominal",
                        "scale": {"paddingInner": 0.05, "paddingOuter": 0.025}},
            "y": {"field": "value", "type": "quantitative",
                  "scale": {"domain": [0, 20], "nice": False, "zero": True},
                  "axis": {**axis_common, "title": "Số tiêu chí đạt chuẩn (bình quân/xã)",
                           "values": list(range(0, 21, 2)), "labelFontSize": 10 * PX,
                           "grid": True, "gridColor": "#DDDDDD", "gridWidth": 0.8 * PX}},
        },
        "layer": [
            {"mark": {"type": "bar", "strokeWidth": 0},
             "encoding": {"color": {
                 "field": "series", "type": "nominal",
                 "scale": {"domain": [f"Năm {y}" for y in YEARS], "range": COLORS},
                 "legend": {"title": None, "orient": "none", "legendX": 836, "legendY": 5,
                            "direction": "horizontal", "columns": 3, "labelFontSize": 10 * PX,
                            "labelColor": "#000000", "labelFont": "DejaVu Sans",
                            "symbolType": "M-1,-0.35H1V0.35H-1Z",
                            "symbolSize": (2.0 * 10 * PX) ** 2, "symbolStrokeWidth": 0,
                            "labelOffset": 0.8 * 10 * PX, "columnPadding": 2.0 * 10 * PX}}}},
            {"mark": {"type": "text", "baseline": "bottom", "align": "center", "dy": -3 * PX,
                      "fontSize": 8 * PX, "color": "#000000"},
             "encoding": {"text": {"field": "label"}}},
        ],
    }


def bench(fmt, n, outdir):
    path = os.path.join(outdir, f"vl_bar.{fmt}")
    if fmt == "png":
        def render():
            with open(path, "wb") as f:
                f.write(vlc.vegalite_to_png(spec(), scale=1))
    else:
        def render():
            with open(path, "w", encoding="utf-8") as f:
                f.write(vlc.vegalite_to_svg(spec()))
    render()  # warm-up (JS engine start, Vega-Lite compile caches, font database)
    t0 = time.perf_counter()
    for _ in range(n):
        render()
    dt = time.perf_counter() - t0
    print(f"vl-convert {vlc.__version__} (Vega-Lite {vlc.get_vegalite_versions()[-1]}) {fmt}: "
          f"{dt / n * 1000:8.3f} ms/chart ({n} charts, {dt:.2f} s total), file {os.path.getsize(path)} bytes")


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    outdir = sys.argv[2] if len(sys.argv) > 2 else "/tmp/peer-out"
    os.makedirs(outdir, exist_ok=True)
    print(f"import vl_convert: {t_import * 1000:.0f} ms")
    for fmt in ("png", "svg"):
        bench(fmt, n, outdir)


if __name__ == "__main__":
    main()
