// Map insets (islands far offshore drawn in framed boxes of their own, at their own scale) and the geometry of a
// map panel: where the main map and its insets go, and the boundaries drawn at the panel's resolution.
import AnnexData
import AnnexScene
import Foundation

extension MapChart {
    /// An inset: the parts of the areas inside a longitude/latitude box (islands far offshore, such as the Hoàng Sa
    /// and Trường Sa archipelagos on a map of Vietnam) drawn in a framed box of their own, at their own scale,
    /// instead of on the main map (whose extent then leaves them out).
    public struct Inset: Sendable, Hashable {
        /// The heading inside the frame ("Quần đảo Hoàng Sa (Đà Nẵng)"); nil for none.
        public var title: String?
        /// Western longitude of the box, in degrees.
        public var west: Double
        /// Southern latitude of the box, in degrees.
        public var south: Double
        /// Eastern longitude of the box, in degrees.
        public var east: Double
        /// Northern latitude of the box, in degrees.
        public var north: Double
        /// The keys of the features whose parts the inset takes; nil for any feature's.
        public var features: [String]?
        /// Where the frame goes, as fractions (0–1) of the map panel (x, y from its top-left corner, width,
        /// height); nil to stack it in a column beside the main map, level with its place on the main map.
        public var frame: Rect?
        /// The inset's scale as a multiple of the main map's (1: the same scale); nil to fill its frame. A scale
        /// too large for the column is reduced to fit it.
        public var scale: Double?

        /// An inset of the box `west`…`east`, `south`…`north` (degrees).
        public init(title: String? = nil, west: Double, south: Double, east: Double, north: Double, features: [String]? = nil,
                    frame: Rect? = nil, scale: Double? = nil) {
            self.title = title; self.west = west; self.south = south; self.east = east; self.north = north
            self.features = features; self.frame = frame; self.scale = scale
        }

        /// Whether the inset takes polygon `p` of the feature keyed `key`: every position of its outer ring in the box.
        public func takes(_ p: Polygon, of key: String) -> Bool {
            if let features, !features.contains(key) { return false }
            return p.outer.points.allSatisfy { $0.lon >= west && $0.lon <= east && $0.lat >= south && $0.lat <= north }
        }

        /// The box as a one-feature boundary set, for fitting a projection to it.
        var box: Boundaries {
            let ring = Ring([(west, south), (east, south), (east, north), (west, north), (west, south)])
            return Boundaries(features: [BoundaryFeature(key: "", name: "", properties: [:], polygons: [Polygon(outer: ring)])], file: "")
        }
    }

    /// The boundaries of the main map: every feature without the parts its insets take (a feature left with no
    /// part is not on the main map).
    var mainBoundaries: Boundaries {
        guard !insets.isEmpty else { return boundaries }
        var b = boundaries
        b.features = boundaries.features.compactMap { f in
            var g = f
            g.polygons = f.polygons.filter { p in !insets.contains { $0.takes(p, of: f.key) } }
            return g.polygons.isEmpty ? nil : g
        }
        return b
    }

    /// The parts inset `i` takes.
    func insetBoundaries(_ i: Int) -> Boundaries {
        var b = boundaries
        b.features = boundaries.features.compactMap { f in
            var g = f
            g.polygons = f.polygons.filter { p in insets[i].takes(p, of: f.key) && !insets[..<i].contains { $0.takes(p, of: f.key) } }
            return g.polygons.isEmpty ? nil : g
        }
        return b
    }

    /// Where a panel's maps go: the main map's projection, and each inset's frame and projection.
    struct PanelGeometry {
        var main: FittedProjection
        /// The main map's extent on the canvas.
        var mainExtent: Rect
        var insets: [(frame: Rect, map: Rect, projection: FittedProjection)]
    }

    /// The width of the column of insets beside a map `height` px tall (none without such insets).
    func insetColumnWidth(_ rect: Rect) -> Double {
        insets.contains { $0.frame == nil } ? min(rect.height * 0.26, rect.width * 0.45) : 0
    }

    /// The geometry of a panel of box `rect`: the main map fitted into it (less a column for insets beside it),
    /// the insets beside it stacked level with their place, or in their own frames.
    func panelGeometry(_ rect: Rect, _ main: Boundaries, _ t: Theme, _ measurer: TextMeasurer) -> PanelGeometry {
        let cw = insetColumnWidth(rect), gap = cw > 0 ? t.padding * 0.4 : 0
        let titleHeight = insetTitleHeight(t, measurer, width: cw > 0 ? cw : rect.width * 0.25)
        let mainRect = Rect(x: rect.minX, y: rect.minY, width: rect.width - cw - gap, height: rect.height)
        let proj = FittedProjection(projection, fitting: main, into: mainRect, margin: t.padding * 0.2)
        let extent = projectedExtent(main, proj) ?? mainRect
        var out = PanelGeometry(main: proj, mainExtent: extent, insets: [])
        let colX = min(rect.maxX - cw, extent.maxX + gap), space = t.padding * 0.4
        // The frames beside the map: at the given scale (never wider than the column), else the column's width;
        // all shrunk alike when the column is too short for them.
        var sizes: [Int: (w: Double, mapH: Double)] = [:]
        for (i, inset) in insets.enumerated() where inset.frame == nil {
            var w = cw
            if let s = inset.scale {
                let a = proj(lon: inset.west, lat: inset.south), b = proj(lon: inset.east, lat: inset.north)
                w = min(cw, abs(b.x - a.x) * s + space)
            }
            sizes[i] = (w, w * aspect(of: inset) + space)
        }
        let fixed = Double(sizes.count) * titleHeight + Double(max(0, sizes.count - 1)) * space
        let needed = sizes.keys.sorted().map { sizes[$0]!.mapH }.reduce(0, +)
        if needed > 0, fixed + needed > rect.height {
            let f = max(0.1, (rect.height - fixed) / needed)
            sizes = sizes.mapValues { ($0.w * f, $0.mapH * f) }
        }
        var nextTop = rect.minY
        var below = sizes.keys.sorted().map { sizes[$0]!.mapH + titleHeight + space }.reduce(0, +)
        for (i, inset) in insets.enumerated() {
            var frame: Rect
            if let f = inset.frame {
                frame = Rect(x: rect.minX + f.minX * rect.width, y: rect.minY + f.minY * rect.height, width: f.width * rect.width, height: f.height * rect.height)
            } else {
                // Level with the archipelago's place on the main map, below the frame before, above those after.
                let (w, mapH) = sizes[i]!, h = mapH + titleHeight
                let level = proj(lon: (inset.west + inset.east) / 2, lat: (inset.south + inset.north) / 2).y
                let top = max(rect.minY, min(rect.maxY - below + space, max(nextTop, level - h / 2)))
                frame = Rect(x: colX + (cw - w) / 2, y: top, width: w, height: h)
                nextTop = frame.maxY + space
                below -= h + space
            }
            let map = Rect(x: frame.minX, y: frame.minY + titleHeight, width: frame.width, height: max(1, frame.height - titleHeight))
            out.insets.append((frame, map, FittedProjection(projection, fitting: inset.box, into: map, margin: t.padding * 0.2)))
        }
        return out
    }

    /// An inset box's height over its width, projected.
    func aspect(of inset: Inset) -> Double {
        let own = FittedProjection(projection, fitting: inset.box, into: Rect(x: 0, y: 0, width: 1000, height: 1000))
        let a = own(lon: inset.west, lat: inset.south), b = own(lon: inset.east, lat: inset.north)
        return max(1e-6, abs(b.y - a.y)) / max(1e-6, abs(b.x - a.x))
    }

    /// The box the outer rings of `b` take on the canvas under `proj`; nil for no positions.
    func projectedExtent(_ b: Boundaries, _ proj: FittedProjection) -> Rect? {
        var minX = Double.infinity, maxX = -Double.infinity, minY = Double.infinity, maxY = -Double.infinity
        for f in b.features { for p in f.polygons { for q in p.outer.points {
            let pt = proj(lon: q.lon, lat: q.lat)
            minX = min(minX, pt.x); maxX = max(maxX, pt.x); minY = min(minY, pt.y); maxY = max(maxY, pt.y)
        } } }
        return minX.isFinite ? Rect(x: minX, y: minY, width: maxX - minX, height: maxY - minY) : nil
    }

    /// The boundaries as drawn at `proj`'s scale: simplified so that no point moves more than a third of a pixel
    /// (invisible at the output's resolution; shared borders stay shared), once per boundary set and scale.
    func drawn(_ b: Boundaries, _ proj: FittedProjection) -> Boundaries {
        // Degrees of latitude per pixel: the plane's unit is the radian of arc.
        let degreesPerPixel = 180 / Double.pi / proj.scale
        let stretch = projection == .webMercator ? cos(proj.standardLatitude * Double.pi / 180) : 1
        return b.simplified(tolerance: degreesPerPixel * stretch / 3)
    }

    /// The insets' marks: each one's frame, heading and areas (ids `inset/<panel>/<i>`, `inset-title/<panel>/<i>`,
    /// `inset-area/<panel>/<i>/<key>`; small parts as discs `small-area/<panel>/inset<i>-<key>/<k>`).
    func insetMarks(_ panel: Panel, _ pi: Int, _ g: PanelGeometry, _ t: Theme, _ measurer: TextMeasurer) -> [Mark] {
        var marks: [Mark] = []
        for (i, inset) in insets.enumerated() {
            let (frame, _, proj) = g.insets[i]
            marks.append(.rect(RectMark(frame, fill: t.background, stroke: Stroke(color: t.mutedText, width: max(1, t.gridWidth)), id: "inset/\(pi)/\(i)")))
            if let title = inset.title, !title.isEmpty {
                marks.append(.text(insetTitle(title, t, width: frame.width, at: Point(frame.midX, frame.minY + t.padding * 0.15), id: "inset-title/\(pi)/\(i)")))
            }
            let parts = drawn(insetBoundaries(i), proj)
            marks.append(.group(GroupMark(areaMarks(panel, pi, proj, t, parts, idPrefix: "inset-area/\(pi)/\(i)", smallPrefix: "inset\(i)-"), clip: frame)))
        }
        return marks
    }

    /// An inset's heading, wrapped to at most three lines in a frame `width` px wide.
    func insetTitle(_ text: String, _ t: Theme, width: Double, at p: Point, id: String? = nil) -> TextMark {
        TextMark(text, font: t.font(t.categoryLabelSize * 0.8), color: t.mutedText, at: p, anchor: .middle, baseline: .top,
                 maxWidth: width - t.padding * 0.2, overflow: .wrap(maxLines: 3), id: id)
    }

    /// The height of the insets' headings in frames `width` px wide (the tallest, and a little space).
    func insetTitleHeight(_ t: Theme, _ measurer: TextMeasurer, width: Double) -> Double {
        let titles = insets.compactMap(\.title).filter { !$0.isEmpty }
        guard !titles.isEmpty else { return 0 }
        return titles.map { measurer.measure(insetTitle($0, t, width: width, at: Point(0, 0))).height }.max()! + t.padding * 0.3
    }
}
