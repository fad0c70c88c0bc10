/// How a stroke's segments meet.
public enum LineJoin: String, Sendable, Codable, Hashable { case miter, round, bevel }
/// How a stroke's open ends are drawn.
public enum LineCap: String, Sendable, Codable, Hashable { case butt, round, square }
/// Which regions of a self-overlapping path are inside; `evenOdd` cuts holes with inner rings.
public enum FillRule: String, Sendable, Codable, Hashable { case nonZero, evenOdd }

/// The outline of a mark.
public struct Stroke: Hashable, Sendable, Codable {
    public var color: Color
    public var width: Double
    /// Alternating on/off lengths in pixels; empty for a solid line.
    public var dash: [Double]
    public var join: LineJoin
    public var cap: LineCap

    public init(color: Color, width: Double = 1, dash: [Double] = [], join: LineJoin = .miter, cap: LineCap = .butt) {
        self.color = color; self.width = width; self.dash = dash; self.join = join; self.cap = cap
    }
}

/// One step of a path outline.
public enum PathElement: Hashable, Sendable, Codable {
    case move(Point)
    case line(Point)
    /// A cubic Bézier curve through two control points.
    case curve(Point, Point, Point)
    case close
}

/// A filled and/or stroked rectangle.
public struct RectMark: Hashable, Sendable, Codable {
    public var rect: Rect
    public var fill: Color?
    public var stroke: Stroke?
    /// A stable name that tests and debugging dumps can find the mark by ("bar/border/2019").
    public var id: String?

    public init(_ rect: Rect, fill: Color? = nil, stroke: Stroke? = nil, id: String? = nil) {
        self.rect = rect; self.fill = fill; self.stroke = stroke; self.id = id
    }
}

/// Lines, curves and polygons (with holes, through the fill rule).
public struct PathMark: Hashable, Sendable, Codable {
    public var elements: [PathElement]
    public var fill: Color?
    public var fillRule: FillRule
    public var stroke: Stroke?
    public var id: String?

    public init(_ elements: [PathElement], fill: Color? = nil, fillRule: FillRule = .nonZero,
                stroke: Stroke? = nil, id: String? = nil) {
        self.elements = elements; self.fill = fill; self.fillRule = fillRule; self.stroke = stroke; self.id = id
    }

    /// A straight line from `a` to `b`.
    public static func line(from a: Point, to b: Point, stroke: Stroke, id: String? = nil) -> PathMark {
        PathMark([.move(a), .line(b)], stroke: stroke, id: id)
    }

    /// A polyline through `points`, closed when `closed`.
    public static func polyline(_ points: [Point], closed: Bool = false, fill: Color? = nil,
                                stroke: Stroke? = nil, id: String? = nil) -> PathMark {
        guard let first = points.first else { return PathMark([], fill: fill, stroke: stroke, id: id) }
        var els: [PathElement] = [.move(first)]
        els += points.dropFirst().map { .line($0) }
        if closed { els.append(.close) }
        return PathMark(els, fill: fill, stroke: stroke, id: id)
    }

    /// The bounding box of the path's points and control points (a safe over-estimate for curves).
    public var controlBounds: Rect? {
        var pts: [Point] = []
        for e in elements {
            switch e {
            case .move(let p), .line(let p): pts.append(p)
            case .curve(let a, let b, let c): pts += [a, b, c]
            case .close: break
            }
        }
        guard let f = pts.first else { return nil }
        var r = Rect(x: f.x, y: f.y, width: 0, height: 0)
        for p in pts.dropFirst() { r = r.union(Rect(x: p.x, y: p.y, width: 0, height: 0)) }
        return r
    }
}

/// A group of marks sharing a transform, an optional clip and an opacity.
public struct GroupMark: Hashable, Sendable, Codable {
    public var children: [Mark]
    public var transform: AffineTransform
    /// A clip rectangle in the group's own coordinates (before `transform` is applied to children).
    public var clip: Rect?
    /// A clip outline (even-odd, so holes stay out), in the group's own coordinates.
    public var clipPath: [PathElement]?
    public var opacity: Double
    public var id: String?

    public init(_ children: [Mark], transform: AffineTransform = .identity, clip: Rect? = nil,
                clipPath: [PathElement]? = nil, opacity: Double = 1, id: String? = nil) {
        self.children = children; self.transform = transform; self.clip = clip; self.clipPath = clipPath
        self.opacity = opacity; self.id = id
    }
}

/// One drawable thing. A scene is a tree of these.
public indirect enum Mark: Hashable, Sendable, Codable {
    case rect(RectMark)
    case path(PathMark)
    case text(TextMark)
    case group(GroupMark)

    public var id: String? {
        switch self {
        case .rect(let m): m.id
        case .path(let m): m.id
        case .text(let m): m.id
        case .group(let m): m.id
        }
    }
}
