/// How a stroke's segments meet.
public enum LineJoin: String, Sendable, Codable, Hashable {
    /// A sharp corner: the outer edges extended until they meet.
    case miter
    /// A rounded corner, a circular arc of the line's width.
    case round
    /// A corner cut straight across.
    case bevel
}
/// How a stroke's open ends are drawn.
public enum LineCap: String, Sendable, Codable, Hashable {
    /// The line stops square at its end point.
    case butt
    /// A half circle beyond the end point.
    case round
    /// A half square beyond the end point.
    case square
}
/// Which regions of a self-overlapping path are inside; `evenOdd` cuts holes with inner rings.
public enum FillRule: String, Sendable, Codable, Hashable {
    /// Inside where the outline winds round a point a non-zero number of times (the usual rule).
    case nonZero
    /// Inside where a ray from a point crosses the outline an odd number of times: inner rings become holes.
    case evenOdd
}

/// The outline of a mark.
public struct Stroke: Hashable, Sendable, Codable {
    /// The line's colour.
    public var color: Color
    /// The line's width in pixels, centred on the outline.
    public var width: Double
    /// Alternating on/off lengths in pixels; empty for a solid line.
    public var dash: [Double]
    /// How segments meet at corners.
    public var join: LineJoin
    /// How open ends (and dashes) end.
    public var cap: LineCap

    /// A stroke of `color`, 1 px wide, solid, with mitred corners and butt ends unless said otherwise.
    public init(color: Color, width: Double = 1, dash: [Double] = [], join: LineJoin = .miter, cap: LineCap = .butt) {
        self.color = color; self.width = width; self.dash = dash; self.join = join; self.cap = cap
    }
}

/// One step of a path outline.
public enum PathElement: Hashable, Sendable, Codable {
    /// Starts a new sub-path at a point, without drawing.
    case move(Point)
    /// A straight segment from the current point to this one.
    case line(Point)
    /// A cubic Bézier curve through two control points.
    case curve(Point, Point, Point)
    /// A straight segment back to the sub-path's first point, closing it.
    case close
}

/// A filled and/or stroked rectangle.
public struct RectMark: Hashable, Sendable, Codable {
    /// The rectangle, in the parent's coordinates.
    public var rect: Rect
    /// The fill colour, or nil for none.
    public var fill: Color?
    /// The outline, or nil for none.
    public var stroke: Stroke?
    /// A stable name that tests and debugging dumps can find the mark by ("bar/border/2019").
    public var id: String?

    /// A rectangle mark; with neither fill nor stroke it draws nothing.
    public init(_ rect: Rect, fill: Color? = nil, stroke: Stroke? = nil, id: String? = nil) {
        self.rect = rect; self.fill = fill; self.stroke = stroke; self.id = id
    }
}

/// Lines, curves and polygons (with holes, through the fill rule).
public struct PathMark: Hashable, Sendable, Codable {
    /// The outline's steps, in the parent's coordinates; it should begin with a `move`.
    public var elements: [PathElement]
    /// The fill colour, or nil for none (open lines).
    public var fill: Color?
    /// Which regions of the outline are filled.
    public var fillRule: FillRule
    /// The outline drawn along the path, or nil for none.
    public var stroke: Stroke?
    /// A stable name that tests can find the mark by, or nil.
    public var id: String?

    /// A path mark of these steps, filled with the non-zero rule unless said otherwise.
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
    /// The marks of the group, in drawing order (later marks over earlier ones).
    public var children: [Mark]
    /// The transform from the children's coordinates to the parent's.
    public var transform: AffineTransform
    /// A clip rectangle in the group's own coordinates (before `transform` is applied to children).
    public var clip: Rect?
    /// A clip outline (even-odd, so holes stay out), in the group's own coordinates.
    public var clipPath: [PathElement]?
    /// The opacity the group is drawn with as a whole, 0…1.
    public var opacity: Double
    /// A stable name that tests can find the group by, or nil.
    public var id: String?

    /// A group of marks, untransformed, unclipped and opaque unless said otherwise.
    public init(_ children: [Mark], transform: AffineTransform = .identity, clip: Rect? = nil,
                clipPath: [PathElement]? = nil, opacity: Double = 1, id: String? = nil) {
        self.children = children; self.transform = transform; self.clip = clip; self.clipPath = clipPath
        self.opacity = opacity; self.id = id
    }
}

/// One drawable thing. A scene is a tree of these.
public indirect enum Mark: Hashable, Sendable, Codable {
    /// A rectangle.
    case rect(RectMark)
    /// A path: lines, curves, polygons.
    case path(PathMark)
    /// A run of text.
    case text(TextMark)
    /// A group of marks with a transform, clip and opacity.
    case group(GroupMark)

    /// The mark's id, whatever its kind.
    public var id: String? {
        switch self {
        case .rect(let m): m.id
        case .path(let m): m.id
        case .text(let m): m.id
        case .group(let m): m.id
        }
    }
}
