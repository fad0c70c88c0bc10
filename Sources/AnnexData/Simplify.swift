// Simplification of boundaries to a drawing's resolution that keeps shared borders shared: the rings are cut into
// arcs at their junctions (as TopoJSON's arcs: a vertex is a junction where the rings through it do not agree on
// its neighbours), each arc is simplified once (Douglas–Peucker) and every ring that uses it gets the same points,
// so that no sliver opens between neighbours. The arcs of a boundary file and each tolerance's result are cached
// for the process (keyed by the file's content), as a report draws the same boundaries many times.
import Foundation

extension Boundaries {
    /// These boundaries with every ring simplified so that no point moves more than `tolerance` degrees (of
    /// latitude; longitudes are scaled by the cosine of the middle latitude first, so that the tolerance is a
    /// distance on the ground); borders shared by two areas stay shared, rings keep at least three distinct
    /// positions, and parts smaller than the tolerance are kept as given. Cached per content and tolerance.
    public func simplified(tolerance: Double) -> Boundaries {
        guard tolerance > 0, tolerance.isFinite, !features.isEmpty else { return self }
        return SimplifyCache.shared.simplified(self, tolerance: tolerance)
    }
}

/// The arcs of a set of boundaries: each ring as a list of arc references (index, reversed).
struct BoundaryTopology: Sendable {
    /// The arcs' positions, in order; an arc's first and last positions are junctions (or the same position, for a
    /// ring without junctions).
    var arcs: [[(lon: Double, lat: Double)]]
    /// For each feature, polygon and ring (outer first, then holes): the arcs it is made of.
    var rings: [[[[(arc: Int, reversed: Bool)]]]]
    /// The cosine of the middle latitude (longitudes are scaled by it before measuring distances).
    var cosLat: Double

    init(_ b: Boundaries) {
        let total = b.features.reduce(0) { n, f in f.polygons.reduce(n) { m, p in ([p.outer] + p.holes).reduce(m) { $0 + $1.points.count } } }
        var ids: [VertexKey: Int32] = [:]
        ids.reserveCapacity(total)
        var positions: [(lon: Double, lat: Double)] = []
        positions.reserveCapacity(total)
        var lat0 = Double.infinity, lat1 = -Double.infinity
        // Rings as vertex ids, without the closing repeat and without repeated positions in a row.
        var idRings: [[Int32]] = []
        for f in b.features { for p in f.polygons { for r in [p.outer] + p.holes {
            var ring: [Int32] = []
            ring.reserveCapacity(r.points.count)
            for q in r.points.dropLast() {
                let k = VertexKey(q.lon, q.lat)
                let id = ids[k] ?? { let n = Int32(positions.count); ids[k] = n; positions.append(q); return n }()
                if ring.last != id { ring.append(id) }
                lat0 = min(lat0, q.lat); lat1 = max(lat1, q.lat)
            }
            if ring.count > 1, ring.first == ring.last { ring.removeLast() }
            idRings.append(ring)
        } } }
        cosLat = cos((lat0 + lat1) / 2 * Double.pi / 180)
        let junction = BoundaryTopology.junctions(idRings, vertexCount: positions.count)
        var arcIndex: [[Int32]: Int] = [:]
        var arcs: [[(lon: Double, lat: Double)]] = []
        var refs: [[(arc: Int, reversed: Bool)]] = []
        for ring in idRings {
            var out: [(arc: Int, reversed: Bool)] = []
            for piece in BoundaryTopology.cut(ring, junction) {
                // One arc for both directions: the canonical one starts at the smaller end (then the smaller second).
                let rev = Array(piece.reversed())
                let forward = piece.first! != piece.last! ? piece.first! < piece.last! : (piece.count < 3 || piece[1] <= piece[piece.count - 2])
                let canon = forward ? piece : rev
                if let i = arcIndex[canon] { out.append((i, !forward)); continue }
                arcIndex[canon] = arcs.count
                arcs.append(canon.map { positions[Int($0)] })
                out.append((arcs.count - 1, !forward))
            }
            refs.append(out)
        }
        self.arcs = arcs
        var k = 0
        rings = b.features.map { f in f.polygons.map { p in ([p.outer] + p.holes).map { _ in defer { k += 1 }; return refs[k] } } }
    }

    /// Whether each vertex is a junction: the rings through it do not agree on its two neighbours, or a ring
    /// passes through it twice.
    static func junctions(_ rings: [[Int32]], vertexCount: Int) -> [Bool] {
        var pair = [UInt64](repeating: UInt64.max, count: vertexCount)
        var junction = [Bool](repeating: false, count: vertexCount)
        for ring in rings where ring.count >= 3 {
            for (i, v) in ring.enumerated() {
                let a = ring[(i + ring.count - 1) % ring.count], c = ring[(i + 1) % ring.count]
                let key = UInt64(UInt32(min(a, c))) << 32 | UInt64(UInt32(max(a, c)))
                let vi = Int(v)
                if pair[vi] == UInt64.max { pair[vi] = key } else if pair[vi] != key { junction[vi] = true }
            }
        }
        // A vertex where two rings' borders meet end to end (one ring's neighbours equal the other's reversed but
        // the rings are different) is not a junction; one visited twice by the same set of neighbours is harmless.
        return junction
    }

    /// A ring (vertex ids, not closed) cut at its junctions into arcs that start and end at junctions; a ring
    /// without junctions is one closed arc starting at its smallest id.
    static func cut(_ ring: [Int32], _ junction: [Bool]) -> [[Int32]] {
        guard ring.count >= 3 else { return [ring + [ring[0]]] }
        guard let s = ring.firstIndex(where: { junction[Int($0)] }) else {
            let m = ring.firstIndex(of: ring.min()!)!
            let rot = Array(ring[m...] + ring[..<m])
            return [rot + [rot[0]]]
        }
        let r = Array(ring[s...] + ring[..<s]) + [ring[s]]
        var out: [[Int32]] = [], cur: [Int32] = [r[0]]
        for v in r.dropFirst() {
            cur.append(v)
            if junction[Int(v)] { out.append(cur); cur = [v] }
        }
        return out
    }

    /// The boundaries `b` (whose topology this is) with each arc simplified to `tolerance`.
    func simplify(_ b: Boundaries, tolerance: Double) -> Boundaries {
        let simple = arcs.map { Douglas.simplify($0, tolerance: tolerance, cosLat: cosLat) }
        var out = b
        for (fi, f) in b.features.enumerated() {
            for (pi, p) in f.polygons.enumerated() {
                let given = [p.outer] + p.holes
                var made: [Ring] = []
                for (ri, refs) in rings[fi][pi].enumerated() {
                    var pts: [(lon: Double, lat: Double)] = []
                    for (arc, reversed) in refs {
                        let a = reversed ? Array(simple[arc].reversed()) : simple[arc]
                        pts += pts.isEmpty ? a[...] : a.dropFirst()
                    }
                    // A ring that would lose its area (fewer than three distinct positions) is kept as given.
                    made.append(pts.count >= 4 ? Ring(pts) : given[ri])
                }
                out.features[fi].polygons[pi] = Polygon(outer: made[0], holes: Array(made.dropFirst()))
            }
        }
        return out
    }
}

/// A position as a hashable key (its exact bits).
struct VertexKey: Hashable {
    let lon: UInt64, lat: UInt64
    init(_ lon: Double, _ lat: Double) { self.lon = (lon == 0 ? 0 : lon).bitPattern; self.lat = (lat == 0 ? 0 : lat).bitPattern }
}

/// Douglas–Peucker simplification of an open or closed line.
enum Douglas {
    /// The line with the points kept that lie farther than `tolerance` from the simplified line (ends always
    /// kept; a closed line, whose ends are one point, also keeps the point farthest from it).
    static func simplify(_ line: [(lon: Double, lat: Double)], tolerance: Double, cosLat: Double) -> [(lon: Double, lat: Double)] {
        let n = line.count
        guard n > 2 else { return line }
        let xs = line.map { $0.lon * cosLat }, ys = line.map(\.lat)
        var keep = [Bool](repeating: false, count: n)
        keep[0] = true; keep[n - 1] = true
        var stack: [(Int, Int)] = []
        if xs[0] == xs[n - 1], ys[0] == ys[n - 1] {
            // Closed: split at the point farthest from the start.
            var far = 1, best = -1.0
            for i in 1..<(n - 1) {
                let d = (xs[i] - xs[0]) * (xs[i] - xs[0]) + (ys[i] - ys[0]) * (ys[i] - ys[0])
                if d > best { best = d; far = i }
            }
            keep[far] = true
            stack = [(0, far), (far, n - 1)]
        } else {
            stack = [(0, n - 1)]
        }
        let tol2 = tolerance * tolerance
        while let (a, b) = stack.popLast() {
            guard b > a + 1 else { continue }
            var far = -1, best = tol2
            let ax = xs[a], ay = ys[a], dx = xs[b] - ax, dy = ys[b] - ay, len2 = dx * dx + dy * dy
            for i in (a + 1)..<b {
                var px = xs[i] - ax, py = ys[i] - ay
                if len2 > 0 {
                    let t = max(0, min(1, (px * dx + py * dy) / len2))
                    px -= t * dx; py -= t * dy
                }
                let d = px * px + py * py
                if d > best { best = d; far = i }
            }
            if far >= 0 { keep[far] = true; stack.append((a, far)); stack.append((far, b)) }
        }
        return (0..<n).compactMap { keep[$0] ? line[$0] : nil }
    }
}

/// The process's cache of topologies (per boundary content) and simplified boundaries (per content and
/// tolerance), so that a boundary file drawn in many figures at one scale is simplified once.
final class SimplifyCache: @unchecked Sendable {
    static let shared = SimplifyCache()
    private let lock = NSLock()
    private struct Entry { var boundaries: Boundaries; var topology: BoundaryTopology; var simplified: [Double: Boundaries] }
    private var entries: [Int: [Entry]] = [:]

    func simplified(_ b: Boundaries, tolerance: Double) -> Boundaries {
        // Tolerances within 1 % of each other share a result (layouts of one chart differ by fractions of a pixel).
        let tol = Double(Float(exp((log(tolerance) * 100).rounded() / 100)))
        let key = b.hashValue
        lock.lock()
        if let e = entries[key]?.first(where: { $0.boundaries == b }) {
            if let hit = e.simplified[tol] { lock.unlock(); return hit }
            let topology = e.topology
            lock.unlock()
            let s = topology.simplify(b, tolerance: tol)
            store(b, key, topology, tol, s)
            return s
        }
        lock.unlock()
        let topology = BoundaryTopology(b)
        let s = topology.simplify(b, tolerance: tol)
        store(b, key, topology, tol, s)
        return s
    }

    private func store(_ b: Boundaries, _ key: Int, _ topology: BoundaryTopology, _ tol: Double, _ s: Boundaries) {
        lock.lock(); defer { lock.unlock() }
        if let i = entries[key]?.firstIndex(where: { $0.boundaries == b }) {
            // A few tolerances per file at most: a report draws a map at one or two sizes.
            if entries[key]![i].simplified.count > 8 { entries[key]![i].simplified.removeAll() }
            entries[key]![i].simplified[tol] = s
        } else {
            if entries.count > 16 { entries.removeAll() }
            entries[key, default: []].append(Entry(boundaries: b, topology: topology, simplified: [tol: s]))
        }
    }
}
