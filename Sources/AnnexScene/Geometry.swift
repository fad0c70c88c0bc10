import Foundation

/// A point in scene pixels (origin top left, y down).
public struct Point: Hashable, Sendable, Codable {
    /// The horizontal position, in pixels from the left edge.
    public var x: Double
    /// The vertical position, in pixels from the top edge.
    public var y: Double
    /// The point at `x`, `y`.
    public init(_ x: Double, _ y: Double) { self.x = x; self.y = y }
    /// The origin, the top left corner of the scene.
    public static let zero = Point(0, 0)
}

/// An axis-aligned rectangle in scene pixels.
public struct Rect: Hashable, Sendable, Codable {
    /// The left edge.
    public var x: Double
    /// The top edge.
    public var y: Double
    /// The width, in pixels.
    public var width: Double
    /// The height, in pixels.
    public var height: Double

    /// The rectangle whose top left corner is at `x`, `y`.
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }

    /// The left edge (`x`).
    public var minX: Double { x }
    /// The top edge (`y`).
    public var minY: Double { y }
    /// The right edge.
    public var maxX: Double { x + width }
    /// The bottom edge.
    public var maxY: Double { y + height }
    /// The horizontal centre.
    public var midX: Double { x + width / 2 }
    /// The vertical centre.
    public var midY: Double { y + height / 2 }

    /// The smallest rectangle holding both.
    public func union(_ other: Rect) -> Rect {
        let x0 = min(minX, other.minX), y0 = min(minY, other.minY)
        return Rect(x: x0, y: y0, width: max(maxX, other.maxX) - x0, height: max(maxY, other.maxY) - y0)
    }

    /// True when the interiors overlap by more than `tolerance` pixels on both axes.
    public func intersects(_ other: Rect, tolerance: Double = 0) -> Bool {
        min(maxX, other.maxX) - max(minX, other.minX) > tolerance
            && min(maxY, other.maxY) - max(minY, other.minY) > tolerance
    }

    /// True when `other` lies inside this rectangle, allowing `tolerance` pixels of overhang.
    public func contains(_ other: Rect, tolerance: Double = 0) -> Bool {
        other.minX >= minX - tolerance && other.maxX <= maxX + tolerance
            && other.minY >= minY - tolerance && other.maxY <= maxY + tolerance
    }

    /// True when the point lies inside the rectangle or on its edge.
    public func contains(_ p: Point) -> Bool {
        p.x >= minX && p.x <= maxX && p.y >= minY && p.y <= maxY
    }

    /// The rectangle shrunk by `dx` on the left and right and `dy` at the top and bottom (grown for negative values).
    public func insetBy(dx: Double, dy: Double) -> Rect {
        Rect(x: x + dx, y: y + dy, width: width - 2 * dx, height: height - 2 * dy)
    }
}

/// An affine transform `x' = a·x + c·y + tx`, `y' = b·x + d·y + ty` (Cairo's matrix layout).
public struct AffineTransform: Hashable, Sendable, Codable {
    /// How x' grows with x: the horizontal scale (and the cosine of a rotation).
    public var a: Double
    /// How y' grows with x (the sine of a rotation, or a vertical shear).
    public var b: Double
    /// How x' grows with y (minus the sine of a rotation, or a horizontal shear).
    public var c: Double
    /// How y' grows with y: the vertical scale (and the cosine of a rotation).
    public var d: Double
    /// The horizontal translation, in pixels.
    public var tx: Double
    /// The vertical translation, in pixels (down is positive).
    public var ty: Double

    /// A transform from its six coefficients, in Cairo's order.
    public init(a: Double, b: Double, c: Double, d: Double, tx: Double, ty: Double) {
        self.a = a; self.b = b; self.c = c; self.d = d; self.tx = tx; self.ty = ty
    }

    /// The transform that leaves every point where it is.
    public static let identity = AffineTransform(a: 1, b: 0, c: 0, d: 1, tx: 0, ty: 0)

    /// A move by `dx` to the right and `dy` down.
    public static func translation(_ dx: Double, _ dy: Double) -> AffineTransform {
        AffineTransform(a: 1, b: 0, c: 0, d: 1, tx: dx, ty: dy)
    }

    /// A scaling about the origin by `sx` horizontally and `sy` vertically.
    public static func scale(_ sx: Double, _ sy: Double) -> AffineTransform {
        AffineTransform(a: sx, b: 0, c: 0, d: sy, tx: 0, ty: 0)
    }

    /// A rotation by `degrees`, clockwise on screen (y points down).
    public static func rotation(degrees: Double) -> AffineTransform {
        let r = degrees * .pi / 180
        let cs = cos(r), sn = sin(r)
        return AffineTransform(a: cs, b: sn, c: -sn, d: cs, tx: 0, ty: 0)
    }

    /// `self` applied after `first`.
    public func concatenating(_ first: AffineTransform) -> AffineTransform {
        AffineTransform(
            a: a * first.a + c * first.b, b: b * first.a + d * first.b,
            c: a * first.c + c * first.d, d: b * first.c + d * first.d,
            tx: a * first.tx + c * first.ty + tx, ty: b * first.tx + d * first.ty + ty)
    }

    /// The point transformed.
    public func apply(_ p: Point) -> Point {
        Point(a * p.x + c * p.y + tx, b * p.x + d * p.y + ty)
    }

    /// The bounding box of a transformed rectangle.
    public func apply(_ r: Rect) -> Rect {
        let corners = [Point(r.minX, r.minY), Point(r.maxX, r.minY), Point(r.minX, r.maxY), Point(r.maxX, r.maxY)]
            .map(apply)
        let xs = corners.map(\.x), ys = corners.map(\.y)
        return Rect(x: xs.min()!, y: ys.min()!, width: xs.max()! - xs.min()!, height: ys.max()! - ys.min()!)
    }

    /// True when the transform leaves every point where it is.
    public var isIdentity: Bool { self == .identity }
}

