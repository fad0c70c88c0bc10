import AnnexData
import AnnexScene
import Foundation

/// A map projection: longitude/latitude in degrees to plane coordinates (x east, y north; any unit).
public enum Projection: String, Sendable, Hashable, CaseIterable {
    /// Plate carrée with x scaled by the cosine of the standard latitude: true shapes near it, fine for a province.
    case equirectangular
    /// Web Mercator (EPSG:3857), as web maps draw.
    case webMercator

    /// The plane coordinates of longitude `lon` and latitude `lat` (degrees), in radians of arc: x east, y north.
    /// `standardLatitude` (degrees) is where the equirectangular projection keeps true shapes; Web Mercator ignores
    /// it and clamps latitudes to ±85.05°.
    public func project(lon: Double, lat: Double, standardLatitude: Double) -> (x: Double, y: Double) {
        let d = Double.pi / 180
        switch self {
        case .equirectangular: return (lon * d * cos(standardLatitude * d), lat * d)
        case .webMercator:
            let phi = max(-85.05112878, min(85.05112878, lat)) * d
            return (lon * d, log(tan(Double.pi / 4 + phi / 2)))
        }
    }
}

/// A projection fitted into a rectangle: lon/lat → scene pixels, aspect preserved, centred.
public struct FittedProjection: Sendable {
    /// The projection from longitude and latitude to the plane.
    public var projection: Projection
    /// The latitude in degrees where the equirectangular projection keeps true shapes: the middle of the
    /// boundaries' latitudes.
    public let standardLatitude: Double
    /// Pixels per unit of the projected plane.
    public var scale: Double
    /// Where the plane's x = 0 falls, in px from the canvas's left edge.
    public var offsetX: Double
    /// Where the plane's y = 0 falls, in px from the canvas's top edge (the plane's y grows north, the canvas's
    /// down).
    public var offsetY: Double
    /// cos(standardLatitude), computed once.
    private let cosStandard: Double

    /// Fits the bounding box of `boundaries` into `rect` (minus `margin` on every side).
    public init(_ projection: Projection, fitting boundaries: Boundaries, into rect: Rect, margin: Double = 0) {
        let lats = boundaries.features.flatMap { $0.polygons.flatMap { $0.outer.points.map(\.lat) } }
        let lat0 = ((lats.min() ?? 0) + (lats.max() ?? 0)) / 2
        var minX = Double.infinity, maxX = -Double.infinity, minY = Double.infinity, maxY = -Double.infinity
        // Equirectangular with the cosine computed once (the same numbers as project(), without a cosine a point).
        let d = Double.pi / 180, c0 = cos(lat0 * d)
        for f in boundaries.features { for p in f.polygons { for q in p.outer.points {
            let (x, y) = projection == .equirectangular ? (q.lon * d * c0, q.lat * d) : projection.project(lon: q.lon, lat: q.lat, standardLatitude: lat0)
            minX = min(minX, x); maxX = max(maxX, x); minY = min(minY, y); maxY = max(maxY, y)
        } } }
        let inner = rect.insetBy(dx: margin, dy: margin)
        let w = max(maxX - minX, 1e-12), h = max(maxY - minY, 1e-12)
        let s = min(inner.width / w, inner.height / h)
        self.projection = projection; self.standardLatitude = lat0; self.scale = s
        cosStandard = cos(lat0 * (Double.pi / 180))
        // Centre: x grows right, y (north) grows up, so screen y is flipped.
        offsetX = inner.midX - (minX + maxX) / 2 * s
        offsetY = inner.midY + (minY + maxY) / 2 * s
    }

    /// The scene point, in px, of longitude `lon` and latitude `lat` in degrees.
    public func callAsFunction(lon: Double, lat: Double) -> Point {
        let d = Double.pi / 180
        // Equirectangular with the standard latitude's cosine computed once (the same numbers as project()).
        let (x, y) = projection == .equirectangular ? (lon * d * cosStandard, lat * d)
            : projection.project(lon: lon, lat: lat, standardLatitude: standardLatitude)
        return Point(offsetX + x * scale, offsetY - y * scale)
    }

    /// A feature's outline as path elements (outer rings and holes; fill with even-odd).
    public func path(_ f: BoundaryFeature) -> [PathElement] {
        var els: [PathElement] = []
        for p in f.polygons {
            for ring in [p.outer] + p.holes {
                for (i, q) in ring.points.enumerated() {
                    let pt = self(lon: q.lon, lat: q.lat)
                    els.append(i == 0 ? .move(pt) : .line(pt))
                }
                els.append(.close)
            }
        }
        return els
    }
}

/// Plane geometry on projected rings.
public enum PlaneGeometry {
    /// Even-odd point-in-polygon over all rings.
    public static func contains(_ rings: [[Point]], _ p: Point) -> Bool {
        var inside = false
        for ring in rings where !ring.isEmpty {
            ring.withUnsafeBufferPointer { r in
                var b = r[r.count - 1]
                for a in r {
                    if (a.y > p.y) != (b.y > p.y), p.x < (b.x - a.x) * (p.y - a.y) / (b.y - a.y) + a.x { inside.toggle() }
                    b = a
                }
            }
        }
        return inside
    }

    /// Signed distance from `p` to the rings' edges: positive inside.
    public static func signedDistance(_ rings: [[Point]], _ p: Point) -> Double {
        // Squared distances, one square root at the end (the same minimum: the root is monotonic); the edges as
        // (previous, next) pairs, the closing edge first. Label placement calls this thousands of times per map.
        var best = Double.infinity
        for ring in rings where !ring.isEmpty {
            ring.withUnsafeBufferPointer { r in
                var a = r[r.count - 1]
                for b in r {
                    best = min(best, segmentDistanceSquared(p, a, b))
                    a = b
                }
            }
        }
        best = best.squareRoot()
        return contains(rings, p) ? best : -best
    }

    static func segmentDistanceSquared(_ p: Point, _ a: Point, _ b: Point) -> Double {
        var x = a.x, y = a.y
        var dx = b.x - x, dy = b.y - y
        if dx != 0 || dy != 0 {
            let t = ((p.x - x) * dx + (p.y - y) * dy) / (dx * dx + dy * dy)
            if t > 1 { x = b.x; y = b.y } else if t > 0 { x += dx * t; y += dy * t }
        }
        dx = p.x - x; dy = p.y - y
        return dx * dx + dy * dy
    }

    /// The pole of inaccessibility (the interior point farthest from the edges), found to within `precision`
    /// pixels by the quadtree search of Mapbox's polylabel. A label placed there lies inside the polygon, which a
    /// centroid does not promise.
    public static func poleOfInaccessibility(_ rings: [[Point]], precision: Double = 1) -> (point: Point, distance: Double) {
        let outer = rings[0]
        let xs = outer.map(\.x), ys = outer.map(\.y)
        let minX = xs.min()!, maxX = xs.max()!, minY = ys.min()!, maxY = ys.max()!
        let w = maxX - minX, h = maxY - minY
        let cell = min(w, h)
        guard cell > 0 else { return (Point(minX, minY), 0) }
        struct Cell { var c: Point; var h: Double; var d: Double; var max: Double }
        func make(_ x: Double, _ y: Double, _ h: Double) -> Cell {
            let d = signedDistance(rings, Point(x, y))
            return Cell(c: Point(x, y), h: h, d: d, max: d + h * 2.0.squareRoot())
        }
        var queue: [Cell] = []
        var x = minX
        while x < maxX {
            var y = minY
            while y < maxY { queue.append(make(x + cell / 2, y + cell / 2, cell / 2)); y += cell }
            x += cell
        }
        // Start from the area centroid (often good), and the bounding box centre.
        var best = make(minX + w / 2, minY + h / 2, 0)
        let centroid = areaCentroid(outer)
        let cc = make(centroid.x, centroid.y, 0)
        if cc.d > best.d { best = cc }
        while !queue.isEmpty {
            // Largest potential first; ties by position for determinism.
            let i = queue.indices.max { (queue[$0].max, -queue[$0].c.y, -queue[$0].c.x) < (queue[$1].max, -queue[$1].c.y, -queue[$1].c.x) }!
            let c = queue.remove(at: i)
            if c.d > best.d { best = c }
            if c.max - best.d <= precision { continue }
            let hh = c.h / 2
            queue += [make(c.c.x - hh, c.c.y - hh, hh), make(c.c.x + hh, c.c.y - hh, hh),
                      make(c.c.x - hh, c.c.y + hh, hh), make(c.c.x + hh, c.c.y + hh, hh)]
        }
        return (best.c, best.d)
    }

    /// The centroid of the area a ring encloses (the ring closes from its last point back to its first); the first
    /// point when the area is zero.
    public static func areaCentroid(_ ring: [Point]) -> Point {
        var a = 0.0, cx = 0.0, cy = 0.0
        for (p, q) in zip(ring, ring.dropFirst() + [ring[0]]) {
            let f = p.x * q.y - q.x * p.y
            a += f; cx += (p.x + q.x) * f; cy += (p.y + q.y) * f
        }
        guard a != 0 else { return ring[0] }
        return Point(cx / (3 * a), cy / (3 * a))
    }

    /// The area a ring encloses, in the square of its unit (px² for projected rings), whichever way it winds; the
    /// ring closes from its last point back to its first.
    public static func area(_ ring: [Point]) -> Double {
        var a = 0.0
        for (p, q) in zip(ring, ring.dropFirst() + [ring[0]]) { a += p.x * q.y - q.x * p.y }
        return abs(a) / 2
    }
}

/// How values are cut into classes for a choropleth.
public enum Classification: Hashable, Sendable {
    /// Each class holds about the same number of values.
    case quantiles(Int)
    /// Classes of equal width between the minimum and the maximum.
    case equalIntervals(Int)
    /// Jenks natural breaks, computed exactly (Fisher's dynamic programme): least squared deviation within classes.
    case naturalBreaks(Int)
    /// Given upper bounds of every class but the last.
    case manual([Double])

    /// Class bounds: `[min, b1, …, max]` (k + 1 numbers for k classes). Fewer classes when there are fewer
    /// distinct values.
    public func breaks(_ values: [Double]) -> [Double] {
        // Bounds strictly increase: two equal bounds would make an empty class.
        let b = rawBreaks(values)
        let increasing = b.enumerated().filter { $0.offset == 0 || $0.element > b[$0.offset - 1] }.map(\.element)
        // One value only: one class from it to itself.
        return increasing.count < 2 && b.count >= 2 ? [b[0], b[b.count - 1]] : increasing
    }

    func rawBreaks(_ values: [Double]) -> [Double] {
        let v = values.filter(\.isFinite).sorted()
        guard let lo = v.first, let hi = v.last else { return [] }
        switch self {
        case .manual(let b): return [lo] + b.filter { $0 > lo && $0 < hi }.sorted() + [hi]
        case .equalIntervals(let k):
            guard k > 1, hi > lo else { return [lo, hi] }
            return (0...k).map { $0 == k ? hi : lo + (hi - lo) * Double($0) / Double(k) }
        case .quantiles(let k):
            guard k > 1 else { return [lo, hi] }
            var b = [lo]
            for i in 1..<k {
                let pos = Double(i) / Double(k) * Double(v.count - 1)
                let a = Int(pos.rounded(.down)), c = Int(pos.rounded(.up))
                let q = v[a] + (v[c] - v[a]) * (pos - Double(a))
                if q > b.last! && q < hi { b.append(q) }
            }
            return b + [hi]
        case .naturalBreaks(let k):
            return Classification.fisherJenks(v, classes: k)
        }
    }

    /// Fisher's exact optimal partition of sorted values into `classes` groups (minimising the within-class sum
    /// of squared deviations): the "Jenks natural breaks" of GIS software. O(k·n²).
    static func fisherJenks(_ v: [Double], classes: Int) -> [Double] {
        let n = v.count
        let k = min(classes, Set(v).count)
        guard k > 1 else { return [v[0], v[n - 1]] }
        var sum = [0.0], sq = [0.0]
        for x in v { sum.append(sum.last! + x); sq.append(sq.last! + x * x) }
        func ssd(_ i: Int, _ j: Int) -> Double {   // values i..j inclusive
            let s = sum[j + 1] - sum[i], s2 = sq[j + 1] - sq[i], m = Double(j - i + 1)
            return s2 - s * s / m
        }
        // cost[c][j]: best cost of putting values 0...j into c + 1 classes; split[c][j]: start of the last class.
        var cost = Array(repeating: Array(repeating: Double.infinity, count: n), count: k)
        var split = Array(repeating: Array(repeating: 0, count: n), count: k)
        for j in 0..<n { cost[0][j] = ssd(0, j) }
        for c in 1..<k {
            for j in c..<n {
                var best = Double.infinity, at = c
                for i in c...j {
                    let x = cost[c - 1][i - 1] + ssd(i, j)
                    if x < best - 1e-12 { best = x; at = i }
                }
                cost[c][j] = best; split[c][j] = at
            }
        }
        var bounds: [Double] = [v[n - 1]]
        var j = n - 1
        for c in stride(from: k - 1, to: 0, by: -1) {
            let i = split[c][j]
            bounds.append(v[i - 1])
            j = i - 1
        }
        bounds.append(v[0])
        return bounds.reversed()
    }

    /// The class of `value` given `breaks` (0-based); the lower bound belongs to the first class, upper bounds are
    /// inclusive (10–11,5 holds 11,5).
    public static func classIndex(_ value: Double, _ breaks: [Double]) -> Int {
        guard breaks.count > 2 else { return 0 }
        for i in 1..<(breaks.count - 1) where value <= breaks[i] { return i - 1 }
        return breaks.count - 2
    }
}
