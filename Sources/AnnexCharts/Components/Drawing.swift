// Drawing helpers the components share: hatching for estimates, circles, colour mixing and readable ink.
import AnnexScene
import Foundation

/// Diagonal hatching: how estimated values are told apart from actual ones.
enum Hatching {
    /// A lighter fill of `color` with darker diagonal lines, clipped to `rect`.
    static func marks(_ rect: Rect, color: Color, background: Color, id: String?) -> [Mark] {
        let light = color.mixed(with: background, amount: 0.55)
        var lines: [PathElement] = []
        let step = 7.0
        var s = -rect.height
        while s < rect.width {
            lines.append(.move(Point(rect.minX + s, rect.maxY)))
            lines.append(.line(Point(rect.minX + s + rect.height, rect.minY)))
            s += step
        }
        return [
            .rect(RectMark(rect, fill: light, id: id)),
            .group(GroupMark([.path(PathMark(lines, stroke: Stroke(color: color, width: 1.6)))], clip: rect)),
            .rect(RectMark(rect, stroke: Stroke(color: color, width: 1.2))),
        ]
    }
}

/// Shapes built from paths.
enum Shapes {
    /// A circle as four Bézier arcs.
    static func circle(center c: Point, radius r: Double, fill: Color?, stroke: Stroke?, id: String?) -> PathMark {
        let k = 0.5522847498 * r
        return PathMark([
            .move(Point(c.x + r, c.y)),
            .curve(Point(c.x + r, c.y + k), Point(c.x + k, c.y + r), Point(c.x, c.y + r)),
            .curve(Point(c.x - k, c.y + r), Point(c.x - r, c.y + k), Point(c.x - r, c.y)),
            .curve(Point(c.x - r, c.y - k), Point(c.x - k, c.y - r), Point(c.x, c.y - r)),
            .curve(Point(c.x + k, c.y - r), Point(c.x + r, c.y - k), Point(c.x + r, c.y)),
            .close,
        ], fill: fill, stroke: stroke, id: id)
    }
}

extension Color {
    /// This colour moved `amount` (0…1) of the way towards `other`.
    public func mixed(with other: Color, amount: Double) -> Color {
        Color(red: red + (other.red - red) * amount, green: green + (other.green - green) * amount,
              blue: blue + (other.blue - blue) * amount, alpha: alpha)
    }

    /// Near-black or white, whichever reads better on this colour as a background (any theme).
    public var readableInk: Color {
        // Contrast ratios against black (L + 0.05) / 0.05 and white 1.05 / (L + 0.05) cross at L ≈ 0.18.
        luminance > 0.18 ? .hex("#161616") : .white
    }

    /// Relative luminance (WCAG), for choosing text colour on a fill.
    public var luminance: Double {
        func ch(_ v: Double) -> Double { v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4) }
        return 0.2126 * ch(red) + 0.7152 * ch(green) + 0.0722 * ch(blue)
    }
}

import Foundation
