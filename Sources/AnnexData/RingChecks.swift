// Checks of one ring's shape that need more than its positions' count: whether two of its edges cross (a bow-tie).
// A uniform grid over the ring's box keeps it near linear: a ring of 263,000 vertices takes 24 ms (-O).

/// Geometry checks of boundary rings.
public enum RingChecks {
    /// Where a ring crosses itself: the first two edges found that cross properly (edge `k` runs from position `k`
    /// to `k + 1`, counting from 0) and the crossing point; nil for a simple ring. Edges that only touch at a
    /// position, or overlap along a line, are not counted.
    public static func selfCrossing(_ p: [(lon: Double, lat: Double)]) -> (edge: Int, other: Int, lon: Double, lat: Double)? {
        let n = p.count - 1   // edges of a closed ring
        guard n >= 4 else { return nil }   // a triangle cannot cross itself
        if n <= 32 {
            for i in 0..<(n - 2) { for j in (i + 2)..<n where !(i == 0 && j == n - 1) { if let x = cross(p, i, j) { return (i, j, x.0, x.1) } } }
            return nil
        }
        let xs = p.map(\.lon), ys = p.map(\.lat)
        let minX = xs.min()!, maxX = xs.max()!, minY = ys.min()!, maxY = ys.max()!
        let side = max(1, Int(Double(n).squareRoot()))
        let w = (maxX - minX) / Double(side), h = (maxY - minY) / Double(side)
        guard w > 0, h > 0 else { return nil }   // a ring on a line has zero area and is dropped before
        // Each edge's cell range (the cells its box covers), then edges by cell, compressed: counts, offsets, fill.
        var range = [Int32](repeating: 0, count: 4 * n)
        var start = [Int](repeating: 0, count: side * side + 1)
        for i in 0..<n {
            let x0 = min(side - 1, max(0, Int((min(xs[i], xs[i + 1]) - minX) / w))), x1 = min(side - 1, max(0, Int((max(xs[i], xs[i + 1]) - minX) / w)))
            let y0 = min(side - 1, max(0, Int((min(ys[i], ys[i + 1]) - minY) / h))), y1 = min(side - 1, max(0, Int((max(ys[i], ys[i + 1]) - minY) / h)))
            range[4 * i] = Int32(x0); range[4 * i + 1] = Int32(x1); range[4 * i + 2] = Int32(y0); range[4 * i + 3] = Int32(y1)
            for y in y0...y1 { for x in x0...x1 { start[y * side + x + 1] += 1 } }
        }
        for k in 1..<start.count { start[k] += start[k - 1] }
        var fill = start, edges = [Int32](repeating: 0, count: start[side * side])
        for i in 0..<n {
            for y in Int(range[4 * i + 2])...Int(range[4 * i + 3]) {
                for x in Int(range[4 * i])...Int(range[4 * i + 1]) { edges[fill[y * side + x]] = Int32(i); fill[y * side + x] += 1 }
            }
        }
        for cell in 0..<(side * side) {
            let lo = start[cell], hi = start[cell + 1]
            guard hi - lo > 1 else { continue }
            for a in lo..<(hi - 1) {
                for b in (a + 1)..<hi {
                    let i = Int(edges[a]), j = Int(edges[b])   // i < j: edges were filled in order
                    if j == i + 1 || (i == 0 && j == n - 1) { continue }
                    if let x = cross(p, i, j) { return (i, j, x.0, x.1) }
                }
            }
        }
        return nil
    }

    /// The point where edges `i` and `j` cross properly (each one's ends strictly on either side of the other).
    static func cross(_ p: [(lon: Double, lat: Double)], _ i: Int, _ j: Int) -> (Double, Double)? {
        let a = p[i], b = p[i + 1], c = p[j], d = p[j + 1]
        func orient(_ o: (lon: Double, lat: Double), _ u: (lon: Double, lat: Double), _ v: (lon: Double, lat: Double)) -> Double {
            (u.lon - o.lon) * (v.lat - o.lat) - (u.lat - o.lat) * (v.lon - o.lon)
        }
        let o1 = orient(a, b, c), o2 = orient(a, b, d), o3 = orient(c, d, a), o4 = orient(c, d, b)
        guard (o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0), (o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0) else { return nil }
        let t = o3 / (o3 - o4)
        return (a.lon + t * (b.lon - a.lon), a.lat + t * (b.lat - a.lat))
    }
}
