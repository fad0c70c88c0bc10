// Callouts of a map: the label of an area too small for it, placed outside the map (over no area) on a
// background box, with a leader line to a dot in the area; clear of other labels, leader dots and insets.
import AnnexData
import AnnexScene
import Foundation

/// Which cells of a panel are land (inside or on the edge of any area): a coarse raster that answers "is this box
/// over no area?" in a few lookups.
struct LandMask {
    let origin: Point
    let cell: Double
    let cols: Int, rows: Int
    var land: [Bool]

    /// The mask of `rings` (every area's projected rings; even-odd over all of them is inside some area, as areas
    /// do not overlap) over `rect`, in cells of `cell` px.
    init(_ rings: [[Point]], over rect: Rect, cell: Double = 4) {
        origin = Point(rect.minX, rect.minY); self.cell = cell
        cols = max(1, Int((rect.width / cell).rounded(.up))); rows = max(1, Int((rect.height / cell).rounded(.up)))
        land = [Bool](repeating: false, count: cols * rows)
        // Inside: scanlines through each row's centre, filled between crossings (even-odd).
        for r in 0..<rows {
            let y = origin.y + (Double(r) + 0.5) * cell
            var xs: [Double] = []
            for ring in rings where ring.count > 2 {
                var a = ring[ring.count - 1]
                for b in ring {
                    if (a.y > y) != (b.y > y) { xs.append(a.x + (y - a.y) * (b.x - a.x) / (b.y - a.y)) }
                    a = b
                }
            }
            xs.sort()
            var k = 0
            while k + 1 < xs.count {
                let c0 = max(0, Int(((xs[k] - origin.x) / cell).rounded(.down))), c1 = min(cols - 1, Int(((xs[k + 1] - origin.x) / cell).rounded(.down)))
                if c0 <= c1 { for c in c0...c1 { land[r * cols + c] = true } }
                k += 2
            }
        }
        // The edges themselves (a thin peninsula between two scanlines), sampled every half cell.
        for ring in rings where !ring.isEmpty {
            var a = ring[ring.count - 1]
            for b in ring {
                let n = max(1, Int((hypot(b.x - a.x, b.y - a.y) / (cell / 2)).rounded(.up)))
                for s in 0...n {
                    let t = Double(s) / Double(n)
                    mark(Point(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t))
                }
                a = b
            }
        }
    }

    mutating func mark(_ p: Point) {
        let c = Int(((p.x - origin.x) / cell).rounded(.down)), r = Int(((p.y - origin.y) / cell).rounded(.down))
        guard c >= 0, c < cols, r >= 0, r < rows else { return }
        land[r * cols + c] = true
    }

    /// How many px of the segment from `a` to `b` lie over land (sampled every 2 px).
    func landLength(_ a: Point, _ b: Point) -> Double {
        let n = max(1, Int((hypot(b.x - a.x, b.y - a.y) / 2).rounded(.up)))
        var count = 0
        for s in 0...n {
            let t = Double(s) / Double(n)
            let c = Int(((a.x + (b.x - a.x) * t - origin.x) / cell).rounded(.down)), r = Int(((a.y + (b.y - a.y) * t - origin.y) / cell).rounded(.down))
            if c >= 0, c < cols, r >= 0, r < rows, land[r * cols + c] { count += 1 }
        }
        return Double(count) * hypot(b.x - a.x, b.y - a.y) / Double(n + 1)
    }

    /// Whether `box` lies over no area (every cell it touches is free); boxes outside the mask count as free.
    func isFree(_ box: Rect) -> Bool {
        let c0 = max(0, Int(((box.minX - origin.x) / cell).rounded(.down))), c1 = min(cols - 1, Int(((box.maxX - origin.x) / cell).rounded(.down)))
        let r0 = max(0, Int(((box.minY - origin.y) / cell).rounded(.down))), r1 = min(rows - 1, Int(((box.maxY - origin.y) / cell).rounded(.down)))
        guard c0 <= c1, r0 <= r1 else { return true }
        for r in r0...r1 { for c in c0...c1 where land[r * cols + c] { return false } }
        return true
    }
}

/// What a panel's callouts need: the panel's box (callouts stay inside it), where land is, and the boxes to keep
/// clear of (labels, callouts, leader dots, insets), which grows as labels are placed.
struct CalloutSpace {
    var panel: Rect
    var land: LandMask
}

extension MapChart {
    /// A callout: the label on a background box outside the map (over no area), near the area's pole (of the free
    /// places within 48 px of the nearest, the one whose leader runs least over land), clear of every label, callout, leader dot and inset placed before, its leader line crossing none
    /// of them; a dot at the pole. Nil when no such place is in the panel.
    func placeCallout(_ label: MapLabel, _ pole: Point, _ space: CalloutSpace, _ placed: inout [Rect]) -> [Mark]? {
        let t = label.theme, f = label.feature, pi = label.panelIndex
        let pad = 3.0
        let dot = Rect(x: pole.x - 4, y: pole.y - 4, width: 8, height: 8)
        guard !placed.contains(where: { $0.intersects(dot) }) else { return nil }
        // Leaders stay short (a fifth of the panel's larger side at most): a long one reads as belonging elsewhere.
        let reach = max(60, 0.2 * max(space.panel.width, space.panel.height))
        for withName in [true, false] {
            let (nameFont, valueFont, nameHeight, textW, textH) = label.block(withName, 0.85)
            let w = textW + 2 * pad, h = textH + 2 * pad
            // The free places within 48 px of the nearest one (rings of growing distance, 24 directions each,
            // up-right first); of those, the one whose leader runs least over land (towards the nearest coast
            // rather than across the neighbours), then the nearest.
            var best: (cost: Double, box: Rect, end: Point)? = nil
            var d = 12.0, limit = reach
            while d < limit {
                for k in 0..<24 {
                    let a = -Double.pi / 4 + Double(k) * Double.pi / 12
                    let c = Point(pole.x + cos(a) * (d + w / 2), pole.y + sin(a) * (d + h / 2))
                    let box = Rect(x: c.x - w / 2, y: c.y - h / 2, width: w, height: h)
                    guard box.minX >= space.panel.minX, box.maxX <= space.panel.maxX, box.minY >= space.panel.minY, box.maxY <= space.panel.maxY,
                          space.land.isFree(box.insetBy(dx: -2, dy: -2)), !placed.contains(where: { $0.intersects(box.insetBy(dx: -2, dy: -2)) }) else { continue }
                    let end = Point(min(max(pole.x, box.minX), box.maxX), min(max(pole.y, box.minY), box.maxY))
                    // The leader crosses no other label, callout or dot.
                    guard !placed.contains(where: { MapChart.segment(pole, end, crosses: $0) }) else { continue }
                    let cost = d + 2 * space.land.landLength(pole, end)
                    if best == nil { limit = min(reach, d + 48) }
                    if best == nil || cost < best!.cost - 1e-9 { best = (cost, box, end) }
                }
                d += 8
            }
            if let (_, box, end) = best {
                placed.append(box)
                placed.append(dot)
                let text = Rect(x: box.minX + pad, y: box.minY + pad, width: w - 2 * pad, height: h - 2 * pad)
                return [
                    // Dark on a light halo, so that leader and dot show on dark fills as on light ones.
                    .path(PathMark([.move(pole), .line(end)], stroke: Stroke(color: t.background.withAlpha(0.85), width: 3))),
                    .path(PathMark([.move(pole), .line(end)], stroke: Stroke(color: t.text, width: 1), id: "label-leader/\(pi)/\(f.key)")),
                    .path(Shapes.circle(center: pole, radius: 2.4, fill: t.text, stroke: Stroke(color: t.background, width: 1.2),
                                        id: "label-dot/\(pi)/\(f.key)")),
                    .rect(RectMark(box, fill: t.background, stroke: Stroke(color: t.text.withAlpha(0.35), width: 0.8),
                                   id: "label-box/\(pi)/\(f.key)")),
                ] + label.texts(text, withName, nameFont, valueFont, nameHeight, t.text)
            }
        }
        return nil
    }

    /// Whether the segment from `a` to `b` passes through `r` (Liang–Barsky clipping).
    static func segment(_ a: Point, _ b: Point, crosses r: Rect) -> Bool {
        var t0 = 0.0, t1 = 1.0
        let dx = b.x - a.x, dy = b.y - a.y
        for (p, q) in [(-dx, a.x - r.minX), (dx, r.maxX - a.x), (-dy, a.y - r.minY), (dy, r.maxY - a.y)] {
            if p == 0 { if q < 0 { return false }; continue }
            let t = q / p
            if p < 0 { t0 = max(t0, t) } else { t1 = min(t1, t) }
            if t0 > t1 { return false }
        }
        return t1 - t0 > 1e-9
    }
}
