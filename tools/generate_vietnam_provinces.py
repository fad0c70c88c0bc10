#!/usr/bin/env python3
"""Generates a SYNTHETIC national-size boundary file shaped like Vietnam's 63 provinces (2020), for tests, the
gallery and the benchmark of the map charts.

Nothing here is surveyed geography: the country outline is a hand-drawn polygon of about 90 points that follows
Vietnam's shape (a wide north, a thin middle, the Mekong delta), the provinces are a Voronoi partition of that
outline around one seed per province (its rough location), warped by smooth noise, and the borders are made
ragged by seeded midpoint displacement. Neighbouring provinces share their borders vertex for vertex (each border
is generated once and used by both sides), islands are fractal blobs, and two archipelagos of tiny islands lie
offshore (Hoàng Sa, part of Đà Nẵng; Trường Sa, part of Khánh Hòa) for the map insets.

    python3 tools/generate_vietnam_provinces.py            # writes Tests/Fixtures/vietnam-provinces/

Outputs (same bytes on every run: seeded, rounded to 5 decimals):
    provinces.geojson   FeatureCollection, properties code (GSO two-digit code), name (NFC), region
    provinces.topojson  the same as a Topology (object `provinces`; each border once, quantised to 1e-5 degrees)
    provinces.csv       code,province,value: a made-up share of communes meeting the NTM standard (%)
Licence: CC0 1.0 (public-domain dedication); see LICENCE.md next to the outputs.
"""
import json
import math
import os
import random
import sys
import unicodedata

SEED = 20201231
CELL = 0.025          # grid cell of the partition, degrees
LEVELS = 4            # midpoint-displacement levels of each border (8 segments per kept grid step)

# (GSO code, name, region, lon, lat): each province's seed at its rough location.
PROVINCES = [
    ("01", "Hà Nội", "Đồng bằng sông Hồng", 105.80, 21.05), ("02", "Hà Giang", "Trung du và miền núi phía Bắc", 104.98, 22.77),
    ("04", "Cao Bằng", "Trung du và miền núi phía Bắc", 106.10, 22.70), ("06", "Bắc Kạn", "Trung du và miền núi phía Bắc", 105.85, 22.25),
    ("08", "Tuyên Quang", "Trung du và miền núi phía Bắc", 105.25, 22.05), ("10", "Lào Cai", "Trung du và miền núi phía Bắc", 104.10, 22.35),
    ("11", "Điện Biên", "Trung du và miền núi phía Bắc", 103.10, 21.60), ("12", "Lai Châu", "Trung du và miền núi phía Bắc", 103.25, 22.35),
    ("14", "Sơn La", "Trung du và miền núi phía Bắc", 104.00, 21.15), ("15", "Yên Bái", "Trung du và miền núi phía Bắc", 104.55, 21.75),
    ("17", "Hòa Bình", "Trung du và miền núi phía Bắc", 105.35, 20.70), ("19", "Thái Nguyên", "Trung du và miền núi phía Bắc", 105.85, 21.65),
    ("20", "Lạng Sơn", "Trung du và miền núi phía Bắc", 106.60, 21.85), ("22", "Quảng Ninh", "Đồng bằng sông Hồng", 107.35, 21.25),
    ("24", "Bắc Giang", "Trung du và miền núi phía Bắc", 106.35, 21.35), ("25", "Phú Thọ", "Trung du và miền núi phía Bắc", 105.15, 21.30),
    ("26", "Vĩnh Phúc", "Đồng bằng sông Hồng", 105.55, 21.35), ("27", "Bắc Ninh", "Đồng bằng sông Hồng", 106.10, 21.13),
    ("30", "Hải Dương", "Đồng bằng sông Hồng", 106.35, 20.95), ("31", "Hải Phòng", "Đồng bằng sông Hồng", 106.65, 20.82),
    ("33", "Hưng Yên", "Đồng bằng sông Hồng", 106.05, 20.80), ("34", "Thái Bình", "Đồng bằng sông Hồng", 106.40, 20.50),
    ("35", "Hà Nam", "Đồng bằng sông Hồng", 105.95, 20.55), ("36", "Nam Định", "Đồng bằng sông Hồng", 106.20, 20.28),
    ("37", "Ninh Bình", "Đồng bằng sông Hồng", 105.90, 20.18), ("38", "Thanh Hóa", "Bắc Trung Bộ và Duyên hải miền Trung", 105.40, 19.95),
    ("40", "Nghệ An", "Bắc Trung Bộ và Duyên hải miền Trung", 104.90, 19.20), ("42", "Hà Tĩnh", "Bắc Trung Bộ và Duyên hải miền Trung", 105.70, 18.30),
    ("44", "Quảng Bình", "Bắc Trung Bộ và Duyên hải miền Trung", 106.30, 17.55), ("45", "Quảng Trị", "Bắc Trung Bộ và Duyên hải miền Trung", 106.85, 16.75),
    ("46", "Thừa Thiên Huế", "Bắc Trung Bộ và Duyên hải miền Trung", 107.50, 16.30), ("48", "Đà Nẵng", "Bắc Trung Bộ và Duyên hải miền Trung", 108.10, 16.03),
    ("49", "Quảng Nam", "Bắc Trung Bộ và Duyên hải miền Trung", 107.90, 15.55), ("51", "Quảng Ngãi", "Bắc Trung Bộ và Duyên hải miền Trung", 108.60, 15.00),
    ("52", "Bình Định", "Bắc Trung Bộ và Duyên hải miền Trung", 108.90, 14.15), ("54", "Phú Yên", "Bắc Trung Bộ và Duyên hải miền Trung", 109.00, 13.15),
    ("56", "Khánh Hòa", "Bắc Trung Bộ và Duyên hải miền Trung", 109.00, 12.30), ("58", "Ninh Thuận", "Bắc Trung Bộ và Duyên hải miền Trung", 108.85, 11.65),
    ("60", "Bình Thuận", "Bắc Trung Bộ và Duyên hải miền Trung", 108.00, 11.10), ("62", "Kon Tum", "Tây Nguyên", 107.90, 14.70),
    ("64", "Gia Lai", "Tây Nguyên", 108.10, 13.80), ("66", "Đắk Lắk", "Tây Nguyên", 108.20, 12.80),
    ("67", "Đắk Nông", "Tây Nguyên", 107.70, 12.10), ("68", "Lâm Đồng", "Tây Nguyên", 108.10, 11.70),
    ("70", "Bình Phước", "Đông Nam Bộ", 106.80, 11.75), ("72", "Tây Ninh", "Đông Nam Bộ", 106.10, 11.35),
    ("74", "Bình Dương", "Đông Nam Bộ", 106.65, 11.15), ("75", "Đồng Nai", "Đông Nam Bộ", 107.20, 11.05),
    ("77", "Bà Rịa – Vũng Tàu", "Đông Nam Bộ", 107.25, 10.55), ("79", "Hồ Chí Minh", "Đông Nam Bộ", 106.70, 10.80),
    ("80", "Long An", "Đồng bằng sông Cửu Long", 106.20, 10.65), ("82", "Tiền Giang", "Đồng bằng sông Cửu Long", 106.30, 10.40),
    ("83", "Bến Tre", "Đồng bằng sông Cửu Long", 106.45, 10.15), ("84", "Trà Vinh", "Đồng bằng sông Cửu Long", 106.30, 9.80),
    ("86", "Vĩnh Long", "Đồng bằng sông Cửu Long", 106.00, 10.15), ("87", "Đồng Tháp", "Đồng bằng sông Cửu Long", 105.65, 10.55),
    ("89", "An Giang", "Đồng bằng sông Cửu Long", 105.20, 10.50), ("91", "Kiên Giang", "Đồng bằng sông Cửu Long", 105.10, 9.95),
    ("92", "Cần Thơ", "Đồng bằng sông Cửu Long", 105.62, 10.10), ("93", "Hậu Giang", "Đồng bằng sông Cửu Long", 105.60, 9.80),
    ("94", "Sóc Trăng", "Đồng bằng sông Cửu Long", 105.95, 9.55), ("95", "Bạc Liêu", "Đồng bằng sông Cửu Long", 105.50, 9.30),
    ("96", "Cà Mau", "Đồng bằng sông Cửu Long", 105.00, 9.05),
]

# The country's outline, clockwise from the north-west corner (lon, lat); hand-drawn, not surveyed.
OUTLINE = [
    (102.14, 22.40), (102.50, 22.75), (103.00, 22.55), (103.50, 22.80), (104.00, 22.80), (104.80, 23.15), (105.30, 23.35),
    (105.90, 22.95), (106.70, 22.85), (106.80, 22.30), (107.30, 22.00), (108.00, 21.55), (107.90, 21.45), (107.30, 20.95),
    (106.80, 20.70), (106.60, 20.30), (106.10, 19.95), (105.80, 19.40), (105.70, 18.90), (106.10, 18.40), (106.50, 17.80),
    (107.00, 17.10), (107.60, 16.55), (108.20, 16.10), (108.60, 15.50), (108.90, 15.00), (109.10, 14.00), (109.30, 13.00),
    (109.20, 12.30), (109.20, 11.70), (108.90, 11.30), (108.30, 10.90), (107.60, 10.50), (107.00, 10.35), (106.80, 10.30),
    (106.70, 9.90), (106.30, 9.50), (105.80, 9.00), (105.20, 8.60), (104.80, 8.60), (104.85, 9.20), (105.00, 9.70),
    (104.50, 10.40), (105.00, 10.90), (105.80, 11.00), (106.00, 11.50), (106.40, 11.80), (107.00, 12.00), (107.50, 12.30),
    (107.50, 13.00), (107.50, 14.00), (107.50, 14.70), (107.30, 15.50), (107.00, 16.00), (106.50, 16.50), (106.00, 17.30),
    (105.50, 18.00), (104.90, 18.60), (104.20, 19.10), (103.90, 19.40), (104.20, 19.80), (104.50, 20.20), (104.00, 20.50),
    (103.20, 20.70), (102.90, 21.30), (102.60, 21.70), (102.20, 22.00),
]

# Islands: (province code, lon, lat, radius in degrees, elongation north–south).
ISLANDS = [
    ("91", 103.97, 10.22, 0.11, 2.0),   # Phú Quốc
    ("77", 106.60, 8.69, 0.035, 1.2),   # Côn Đảo
    ("31", 107.05, 20.72, 0.05, 0.8),   # Cát Bà
    ("31", 107.73, 20.13, 0.012, 1.0),  # Bạch Long Vĩ
    ("22", 107.75, 20.98, 0.035, 0.7),  # Cô Tô
    ("51", 109.12, 15.38, 0.025, 1.0),  # Lý Sơn
    ("49", 108.50, 15.95, 0.018, 1.0),  # Cù Lao Chàm
    ("60", 108.94, 10.52, 0.025, 1.0),  # Phú Quý
    ("45", 107.34, 17.16, 0.008, 1.0),  # Cồn Cỏ
    ("96", 104.83, 8.43, 0.010, 1.0),   # Hòn Khoai
]
# Archipelagos: (province code, lon0, lat0, lon1, lat1, islands).
ARCHIPELAGOS = [("48", 111.20, 15.75, 112.80, 17.10, 14), ("56", 111.90, 7.90, 115.80, 11.40, 18)]


def inside(poly, x, y):
    c = False
    j = len(poly) - 1
    for i in range(len(poly)):
        (xi, yi), (xj, yj) = poly[i], poly[j]
        if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
            c = not c
        j = i
    return c


class Noise:
    """Smooth value noise on a lattice (bilinear with smoothstep), seeded."""

    def __init__(self, rng, step):
        self.step = step
        self.values = {}
        self.rng = random.Random(rng.random())

    def lattice(self, i, j):
        k = (i, j)
        if k not in self.values:
            r = random.Random(hash((i * 7919 + j * 104729) ^ 0x5F3759DF) ^ SEED)
            self.values[k] = r.uniform(-1, 1)
        return self.values[k]

    def __call__(self, x, y):
        fx, fy = x / self.step, y / self.step
        i, j = math.floor(fx), math.floor(fy)
        tx, ty = fx - i, fy - j
        sx, sy = tx * tx * (3 - 2 * tx), ty * ty * (3 - 2 * ty)
        a, b = self.lattice(i, j), self.lattice(i + 1, j)
        c, d = self.lattice(i, j + 1), self.lattice(i + 1, j + 1)
        return (a + (b - a) * sx) * (1 - sy) + (c + (d - c) * sx) * sy


def partition():
    """Each grid cell's province index (-1 outside the country)."""
    lon0, lat0 = 102.0, 8.4
    nx, ny = int((109.5 - lon0) / CELL) + 1, int((23.5 - lat0) / CELL) + 1
    rng = random.Random(SEED)
    nu, nv = Noise(rng, 0.35), Noise(rng, 0.35)
    owner = [[-1] * nx for _ in range(ny)]
    for j in range(ny):
        y = lat0 + (j + 0.5) * CELL
        for i in range(nx):
            x = lon0 + (i + 0.5) * CELL
            if not inside(OUTLINE, x, y):
                continue
            wx, wy = x + 0.12 * nu(x, y), y + 0.12 * nv(x + 31.7, y + 17.3)
            best, bd = -1, 1e18
            for k, (_, _, _, px, py) in enumerate(PROVINCES):
                d = ((wx - px) * math.cos(math.radians(py))) ** 2 + (wy - py) ** 2
                if d < bd:
                    best, bd = k, d
            owner[j][i] = best
    keep_largest_components(owner)
    remove_pinches(owner)
    return owner, lon0, lat0


def components(owner, k):
    ny, nx = len(owner), len(owner[0])
    seen, comps = set(), []
    for j in range(ny):
        for i in range(nx):
            if owner[j][i] != k or (i, j) in seen:
                continue
            stack, comp = [(i, j)], []
            seen.add((i, j))
            while stack:
                a, b = stack.pop()
                comp.append((a, b))
                for c, d in ((a + 1, b), (a - 1, b), (a, b + 1), (a, b - 1)):
                    if 0 <= c < nx and 0 <= d < ny and owner[d][c] == k and (c, d) not in seen:
                        seen.add((c, d))
                        stack.append((c, d))
            comps.append(comp)
    return sorted(comps, key=lambda c: (-len(c), min(c)))


def keep_largest_components(owner):
    """A province is one piece: smaller pieces go to the neighbour they share most edges with."""
    ny, nx = len(owner), len(owner[0])
    for _ in range(4):
        changed = False
        for k in range(len(PROVINCES)):
            for comp in components(owner, k)[1:]:
                votes = {}
                for a, b in comp:
                    for c, d in ((a + 1, b), (a - 1, b), (a, b + 1), (a, b - 1)):
                        if 0 <= c < nx and 0 <= d < ny and owner[d][c] not in (k, -1):
                            votes[owner[d][c]] = votes.get(owner[d][c], 0) + 1
                if votes:
                    to = max(sorted(votes), key=lambda v: votes[v])
                    for a, b in comp:
                        owner[b][a] = to
                    changed = True
        if not changed:
            break


def remove_pinches(owner):
    """No two cells of one owner meet only at a corner (rings would touch themselves there)."""
    ny, nx = len(owner), len(owner[0])
    changed = True
    while changed:
        changed = False
        for j in range(ny - 1):
            for i in range(nx - 1):
                a, b, c, d = owner[j][i], owner[j][i + 1], owner[j + 1][i], owner[j + 1][i + 1]
                if a == d and b == c and a != b:
                    owner[j][i + 1] = a
                    changed = True


def rings_of(owner):
    """Each province's rings as lists of grid vertices (i, j), interior on the left (outer rings counter-clockwise)."""
    ny, nx = len(owner), len(owner[0])

    def own(i, j):
        return owner[j][i] if 0 <= i < nx and 0 <= j < ny else -1

    edges = {}
    for j in range(ny):
        for i in range(nx):
            k = owner[j][i]
            if k < 0:
                continue
            # Cell (i, j) spans vertices (i, j)–(i+1, j+1); y grows north.
            if own(i, j - 1) != k:
                edges.setdefault(k, {})[(i, j)] = (i + 1, j)
            if own(i + 1, j) != k:
                edges.setdefault(k, {})[(i + 1, j)] = (i + 1, j + 1)
            if own(i, j + 1) != k:
                edges.setdefault(k, {})[(i + 1, j + 1)] = (i, j + 1)
            if own(i - 1, j) != k:
                edges.setdefault(k, {})[(i, j + 1)] = (i, j)
    out = {}
    for k, nxt in edges.items():
        rings, left = [], dict(nxt)
        while left:
            start = min(left)
            ring, v = [start], left.pop(start)
            while v != start:
                ring.append(v)
                v = left.pop(v)
            rings.append(ring)
        out[k] = rings
    return out, own


def vertex_owners(own, v):
    i, j = v
    return {own(i - 1, j - 1), own(i, j - 1), own(i - 1, j), own(i, j)}


def split_chains(ring, own):
    """A ring cut at its junctions (vertices where three or more owners meet): chains of vertices."""
    junction = [len(vertex_owners(own, v)) >= 3 for v in ring]
    if not any(junction):
        return [ring + [ring[0]]], True
    s = junction.index(True)
    r = ring[s:] + ring[:s] + [ring[s]]
    chains, cur = [], [r[0]]
    for v in r[1:]:
        cur.append(v)
        if len(vertex_owners(own, v)) >= 3:
            chains.append(cur)
            cur = [v]
    return chains, False


def roughen(chain, lon0, lat0, closed):
    """The chain in degrees: staircase thinned, then seeded midpoint displacement; the same for both directions."""
    canon = list(chain)
    flipped = False
    if closed:
        body = canon[:-1]
        m = body.index(min(body))
        body = body[m:] + body[:m]
        if len(body) > 2 and body[-1] < body[1]:
            body = [body[0]] + body[1:][::-1]
            flipped = True
        canon = body + [body[0]]
    elif canon[-1] < canon[0]:
        canon = canon[::-1]
        flipped = True
    # Thin the staircase: every second vertex (ends kept).
    thin = canon[::2]
    if thin[-1] != canon[-1]:
        thin.append(canon[-1])
    pts = [(lon0 + i * CELL, lat0 + j * CELL) for i, j in thin]
    rng = random.Random(hash((canon[0], canon[-1], len(canon))) ^ SEED)
    for _ in range(LEVELS):
        out = [pts[0]]
        for (x0, y0), (x1, y1) in zip(pts, pts[1:]):
            dx, dy = x1 - x0, y1 - y0
            t = rng.uniform(-0.12, 0.12)
            out.append(((x0 + x1) / 2 - dy * t, (y0 + y1) / 2 + dx * t))
            out.append((x1, y1))
        pts = out
    if flipped:
        pts = pts[::-1] if not closed else [pts[0]] + pts[1:-1][::-1] + [pts[0]]
    return pts


def blob(rng, cx, cy, r, elong, n):
    pts = []
    phase = [rng.uniform(0, 6.28) for _ in range(4)]
    for k in range(n):
        a = 2 * math.pi * k / n
        rr = r * (1 + 0.22 * math.sin(3 * a + phase[0]) + 0.12 * math.sin(5 * a + phase[1]) + 0.06 * math.sin(11 * a + phase[2]))
        pts.append((cx + rr * math.cos(a) / math.cos(math.radians(cy)), cy + rr * math.sin(a) * elong))
    return pts + [pts[0]]


def main():
    out_dir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "Tests", "Fixtures", "vietnam-provinces")
    owner, lon0, lat0 = partition()
    rings, own = rings_of(owner)
    cache, arcs = {}, []

    def chain_arc(chain, closed):
        """The chain's arc index (~index when the ring runs it backwards) and its points in the ring's direction."""
        key = (min(chain[0], chain[-1]), max(chain[0], chain[-1]), frozenset(chain))
        if key not in cache:
            cache[key] = (chain, len(arcs))
            arcs.append(roughen(chain, lon0, lat0, closed))
        first, index = cache[key]
        same = first == chain or (closed and set(first) == set(chain) and _same_direction(first, chain))
        return (index, arcs[index]) if same else (~index, arcs[index][::-1])

    polygons, topo = {}, {}
    for k, rs in sorted(rings.items()):
        outers, holes = [], []
        for ring in rs:
            chains, closed = split_chains(ring, own)
            pts, refs = [], []
            for c in chains:
                ref, p = chain_arc(c, closed)
                refs.append(ref)
                pts = p if closed else (pts + (p if not pts else p[1:]))
            area = sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in zip(pts, pts[1:]))
            (outers if area > 0 else holes).append((pts, refs))
        polygons[k] = [[o[0]] for o in outers]
        topo[k] = [[o[1]] for o in outers]
        for h, hrefs in holes:
            for p, t in zip(polygons[k], topo[k]):
                if inside(p[0], *h[0]):
                    p.append(h)
                    t.append(hrefs)
                    break
    rng = random.Random(SEED + 1)
    index = {p[0]: n for n, p in enumerate(PROVINCES)}
    for code, x, y, r, e in ISLANDS:
        b = blob(rng, x, y, r, e, max(12, int(r * 2400)))
        polygons[index[code]].append([b])
        topo[index[code]].append([[len(arcs)]])
        arcs.append(b)
    for code, x0, y0, x1, y1, n in ARCHIPELAGOS:
        for _ in range(n):
            b = blob(rng, rng.uniform(x0, x1), rng.uniform(y0, y1), rng.uniform(0.004, 0.012), 1.0, 10)
            polygons[index[code]].append([b])
            topo[index[code]].append([[len(arcs)]])
            arcs.append(b)
    features, vertices = [], 0
    for n, (code, name, region, _, _) in enumerate(PROVINCES):
        polys = [[[[round(x, 5), round(y, 5)] for x, y in ring] for ring in poly] for poly in polygons[n]]
        vertices += sum(len(r) for p in polys for r in p)
        geom = {"type": "MultiPolygon", "coordinates": polys} if len(polys) > 1 else {"type": "Polygon", "coordinates": polys[0]}
        features.append({"type": "Feature", "properties": {"code": code, "name": unicodedata.normalize("NFC", name), "region": region},
                         "geometry": geom})
    os.makedirs(out_dir, exist_ok=True)
    doc = {"type": "FeatureCollection", "name": "vietnam-provinces-synthetic", "features": features}
    with open(os.path.join(out_dir, "provinces.geojson"), "w", encoding="utf-8") as f:
        f.write('{"type":"FeatureCollection","name":"vietnam-provinces-synthetic","features":[\n')
        f.write(",\n".join(json.dumps(ft, ensure_ascii=False, separators=(",", ":")) for ft in features))
        f.write("\n]}\n")
    write_topojson(os.path.join(out_dir, "provinces.topojson"), arcs, topo)
    vr = random.Random(SEED + 2)
    with open(os.path.join(out_dir, "provinces.csv"), "w", encoding="utf-8") as f:
        f.write("code,province,value\n")
        for code, name, region, x, y in PROVINCES:
            base = {"Đồng bằng sông Hồng": 82, "Đông Nam Bộ": 76, "Đồng bằng sông Cửu Long": 66,
                    "Bắc Trung Bộ và Duyên hải miền Trung": 60, "Tây Nguyên": 44, "Trung du và miền núi phía Bắc": 38}[region]
            v = max(5.0, min(100.0, base + vr.gauss(0, 10)))
            f.write(f"{code},{name},{v:.1f}\n")
    print(f"{len(features)} provinces, {sum(len(p) for p in polygons.values())} polygons, {vertices} vertices", file=sys.stderr)


def write_topojson(path, arcs, topo):
    """The same provinces as a TopoJSON topology: each border once, quantised to 1e-5 degrees, delta-encoded."""
    def q(v, o):
        return int(round((v - o) * 100000))
    out_arcs = []
    for a in arcs:
        pts = [(q(x, 100.0), q(y, 5.0)) for x, y in a]
        enc = [list(pts[0])] + [[x1 - x0, y1 - y0] for (x0, y0), (x1, y1) in zip(pts, pts[1:])]
        out_arcs.append(enc)
    geoms = []
    for n, (code, name, region, _, _) in enumerate(PROVINCES):
        polys = topo[n]
        g = {"type": "MultiPolygon", "arcs": polys} if len(polys) > 1 else {"type": "Polygon", "arcs": polys[0]}
        g["properties"] = {"code": code, "name": unicodedata.normalize("NFC", name), "region": region}
        geoms.append(g)
    with open(path, "w", encoding="utf-8") as f:
        f.write('{"type":"Topology","transform":{"scale":[0.00001,0.00001],"translate":[100,5]},')
        f.write('"objects":{"provinces":{"type":"GeometryCollection","geometries":[\n')
        f.write(",\n".join(json.dumps(g, ensure_ascii=False, separators=(",", ":")) for g in geoms))
        f.write('\n]}},"arcs":[\n')
        f.write(",\n".join(json.dumps(a, separators=(",", ":")) for a in out_arcs))
        f.write("\n]}\n")


def _same_direction(a, b):
    """Whether two closed chains over the same vertices run the same way round."""
    body_a, body_b = a[:-1], b[:-1]
    i = body_b.index(body_a[0])
    return body_b[(i + 1) % len(body_b)] == body_a[1 % len(body_a)]


if __name__ == "__main__":
    main()
