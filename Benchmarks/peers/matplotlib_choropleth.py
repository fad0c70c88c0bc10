#!/usr/bin/env python3
"""Peer baseline for speed comparisons: matplotlib (Agg) choropleth, reference chart "map".

The reference chart (README.md, section "map", is the normative definition): the 11 districts of
Lang Son from the district GeoJSON (read with the json module, drawn as PathPatch, holes
included if any, no geopandas); equirectangular projection with x scaled by cos(lat0), fitted into a
box of the 1600x900 px canvas; one made-up value per district from a formula keyed on its GSO code;
5 quantile classes, a sequential 5-colour green palette, white 1 px borders; a name + value label at the
centroid of each district's largest ring; a legend box with the class ranges; title, subtitle and the
boundary attribution line. Vietnamese labels in DejaVu Sans.

The whole canvas is one axes in pixel coordinates (x right, y down), so every position below is a pixel.
Font sizes and line widths are given in px and converted to points (1 px = 0.72 pt at dpi 100).
The GeoJSON is parsed once per process; projection, classification, label points and drawing are
done for every chart, inside the timed loop.

Copy of the project's peer baseline script; changed: GEOJSON is $ANNEX_PEER_GEOJSON or the repo's Datasets copy.

Usage:  pip install matplotlib && python3 matplotlib_choropleth.py [N=200] [OUTDIR=/tmp/peer-out]
Prints per-chart milliseconds for PNG and SVG (N renders each, one process, fresh figure per
chart, plt.close after each) after one warm-up render per format.
"""
import json
import math
import os
import sys
import time

t_start = time.perf_counter()
import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.patches import PathPatch, Rectangle  # noqa: E402
from matplotlib.path import Path  # noqa: E402

t_import = time.perf_counter() - t_start

plt.rcParams.update({
    "font.family": "DejaVu Sans",
    "svg.hashsalt": "fixed",      # deterministic SVG ids
    "svg.fonttype": "path",       # glyphs as paths, like cairo's SVG surface
})

GEOJSON = os.environ.get("ANNEX_PEER_GEOJSON") or os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "..", "Datasets", "langson", "boundaries", "districts.geojson")
W, H = 1600, 900                   # canvas, px
PT = 0.72                          # points per pixel at dpi 100
MAP_BOX = (120, 100, 1120, 860)    # left, top, right, bottom: the map is fitted and centred in it
PALETTE = ["#EDF8E9", "#BAE4B3", "#74C476", "#31A354", "#006D2C"]   # ColorBrewer Greens, 5 classes
LABEL_COLOR = ["#1A1A1A", "#1A1A1A", "#1A1A1A", "#FFFFFF", "#FFFFFF"]
LEGEND = (1060, 330, 220, 212)     # x, y, width, height of the legend box
TITLE = "Bình quân tiêu chí/xã theo huyện — tỉnh Lạng Sơn, 2020"
SUBTITLE = "Số liệu minh họa; 5 lớp theo phân vị"
LEGEND_TITLE = "Tiêu chí/xã"
ATTRIBUTION = "Ranh giới huyện: geoBoundaries (CC BY 3.0 IGO)"

with open(GEOJSON, encoding="utf-8") as f:
    FEATURES = json.load(f)["features"]


def value_of(code):
    """Made-up, deterministic value for a district: 9,0 ... 17,8 criteria per commune."""
    return round((9.0 + ((int(code) * 37) % 23) * 0.4) * 10) / 10


def comma1(v):
    return f"{v:.1f}".replace(".", ",")


def polygons(geometry):
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["coordinates"]
    raise ValueError(f"unsupported geometry {geometry['type']}")


def signed_area_and_centroid(ring):
    """Shoelace over a closed ring [(x, y), ...] (first == last); returns (area, cx, cy)."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in zip(ring, ring[1:]):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    a *= 0.5
    return a, cx / (6 * a), cy / (6 * a)


def quantile_thresholds(values, k=5):
    """R-7 / d3.quantileSorted thresholds at 1/k ... (k-1)/k."""
    v = sorted(values)
    n = len(v)
    out = []
    for i in range(1, k):
        pos = i * (n - 1) / k
        lo = math.floor(pos)
        frac = pos - lo
        out.append(v[lo] if frac == 0 else v[lo] + frac * (v[lo + 1] - v[lo]))
    return out


def project_all():
    """Equirectangular, x scaled by cos(lat0), lat0 = middle of the latitude range; fitted in MAP_BOX."""
    lons = [p[0] for ft in FEATURES for poly in polygons(ft["geometry"]) for ring in poly for p in ring]
    lats = [p[1] for ft in FEATURES for poly in polygons(ft["geometry"]) for ring in poly for p in ring]
    lon_min, lon_max, lat_min, lat_max = min(lons), max(lons), min(lats), max(lats)
    kx = math.cos(math.radians((lat_min + lat_max) / 2))
    dx, dy = (lon_max - lon_min) * kx, lat_max - lat_min
    bl, bt, br, bb = MAP_BOX
    s = min((br - bl) / dx, (bb - bt) / dy)
    ox = bl + ((br - bl) - dx * s) / 2
    oy = bt + ((bb - bt) - dy * s) / 2
    out = []
    for ft in FEATURES:
        polys = [[[(ox + (lon - lon_min) * kx * s, oy + (lat_max - lat) * s) for lon, lat in ring]
                  for ring in poly] for poly in polygons(ft["geometry"])]
        out.append((ft["properties"], polys))
    return out


def draw():
    districts = project_all()
    values = [value_of(props["code"]) for props, _ in districts]
    thresholds = quantile_thresholds(values)

    fig = plt.figure(figsize=(W / 100, H / 100), dpi=100)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, W)
    ax.set_ylim(H, 0)
    ax.set_axis_off()

    labels = []
    for (props, polys), v in zip(districts, values):
        cls = sum(1 for t in thresholds if t <= v)       # d3.scaleQuantile: bisectRight
        verts, codes = [], []
        best = None                                      # (|area|, cx, cy) of the largest ring
        for poly in polys:
            for r, ring in enumerate(poly):
                a, cx, cy = signed_area_and_centroid(ring)
                if best is None or abs(a) > best[0]:
                    best = (abs(a), cx, cy)
                # outer rings clockwise on screen (positive area, y down), holes the other way
                if (a > 0) != (r == 0):
                    ring = ring[::-1]
                verts.extend(ring)
                codes.extend([Path.MOVETO] + [Path.LINETO] * (len(ring) - 2) + [Path.CLOSEPOLY])
        ax.add_patch(PathPatch(Path(verts, codes), facecolor=PALETTE[cls], edgecolor="white",
                               linewidth=1 * PT, joinstyle="round"))
        labels.append((best[1], best[2], props["name"], v, LABEL_COLOR[cls]))

    for cx, cy, name, v, color in labels:
        ax.text(cx, cy - 3, name, fontsize=14 * PT, fontweight="bold", color=color,
                ha="center", va="baseline")
        ax.text(cx, cy + 14, comma1(v), fontsize=13 * PT, color=color, ha="center", va="baseline")

    # legend box
    lx, ly, lw, lh = LEGEND
    ax.add_patch(Rectangle((lx, ly), lw, lh, facecolor="white", edgecolor="#BBBBBB", linewidth=1 * PT))
    ax.text(lx + 16, ly + 30, LEGEND_TITLE, fontsize=15 * PT, fontweight="bold", color="#1A1A1A",
            ha="left", va="baseline")
    bounds = [min(values)] + thresholds + [max(values)]
    for k in range(5):
        ry = ly + 48 + k * 32
        ax.add_patch(Rectangle((lx + 16, ry), 28, 20, facecolor=PALETTE[k], edgecolor="#999999",
                               linewidth=1 * PT))
        ax.text(lx + 56, ry + 15, f"{comma1(bounds[k])} – {comma1(bounds[k + 1])}", fontsize=15 * PT,
                color="#1A1A1A", ha="left", va="baseline")

    ax.text(40, 48, TITLE, fontsize=26 * PT, fontweight="bold", color="#111111", ha="left", va="baseline")
    ax.text(40, 80, SUBTITLE, fontsize=16 * PT, color="#555555", ha="left", va="baseline")
    ax.text(40, 880, ATTRIBUTION, fontsize=13 * PT, color="#555555", ha="left", va="baseline")
    return fig


def bench(fmt, n, outdir):
    path = os.path.join(outdir, f"mpl_map.{fmt}")
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
