import AnnexIO
import Foundation

/// A font weight on the CSS / OpenType scale (400 regular, 700 bold).
public struct FontWeight: Hashable, Sendable, Codable, Comparable {
    /// The weight, 100 (thin) to 900 (black).
    public var value: Int
    /// A weight on the 100–900 scale.
    public init(_ value: Int) { self.value = value }
    /// 400, the usual weight of body text.
    public static let regular = FontWeight(400)
    /// 500.
    public static let medium = FontWeight(500)
    /// 600.
    public static let semibold = FontWeight(600)
    /// 700, the usual bold.
    public static let bold = FontWeight(700)
    public static func < (a: FontWeight, b: FontWeight) -> Bool { a.value < b.value }
}

/// A font by explicit family name and pixel size.
public struct Font: Hashable, Sendable, Codable {
    /// The font family, named explicitly ("DejaVu Sans"), never a generic "sans-serif".
    public var family: String
    /// Size in scene pixels (the em size).
    public var size: Double
    /// The weight.
    public var weight: FontWeight
    /// True for the italic style.
    public var italic: Bool

    /// A font of `size` pixels, DejaVu Sans regular unless said otherwise.
    public init(family: String = "DejaVu Sans", size: Double, weight: FontWeight = .regular, italic: Bool = false) {
        self.family = family; self.size = size; self.weight = weight; self.italic = italic
    }

    /// The same font at another size.
    public func withSize(_ size: Double) -> Font { var f = self; f.size = size; return f }
    /// The same font at another weight.
    public func withWeight(_ weight: FontWeight) -> Font { var f = self; f.weight = weight; return f }
}

/// Which point of the text box the anchor position names, horizontally.
public enum HorizontalAnchor: String, Sendable, Codable, Hashable {
    /// The left edge of the text (it runs to the right of the anchor).
    case start
    /// The horizontal centre of the widest line.
    case middle
    /// The right edge of the text (it ends at the anchor).
    case end
}
/// Which line of the text box the anchor position names, vertically.
public enum VerticalAnchor: String, Sendable, Codable, Hashable {
    /// The alphabetic baseline of the first line.
    case baseline
    /// The top of the text box.
    case top
    /// The vertical centre of the text box.
    case middle
    /// The bottom of the text box, below the last line's descenders.
    case bottom
}

/// What happens to text longer than its `maxWidth`.
public enum TextOverflow: Hashable, Sendable, Codable {
    /// Break into lines at word boundaries (characters when a word alone is too long),
    /// at most `maxLines` lines (nil: no limit), the last one ending in "…" when text was left out.
    case wrap(maxLines: Int?)
    /// One line, ending in "…" when it does not fit.
    case ellipsis
}

/// A run of text: one string in one font and colour, optionally wrapped, placed by an anchor.
public struct TextMark: Hashable, Sendable, Codable {
    /// The text, normalised to NFC when the mark is made.
    public private(set) var text: String
    /// The font.
    public var font: Font
    /// The colour of the glyphs.
    public var color: Color
    /// The anchor point in the parent's coordinates.
    public var position: Point
    /// Which point of the text box `position` names, horizontally.
    public var horizontalAnchor: HorizontalAnchor
    /// Which line of the text box `position` names, vertically.
    public var verticalAnchor: VerticalAnchor
    /// Degrees, clockwise on screen, about `position`. −90 reads bottom to top.
    public var rotation: Double
    /// The widest a line may be, in pixels; nil for no limit.
    public var maxWidth: Double?
    /// What happens to text wider than `maxWidth`.
    public var overflow: TextOverflow
    /// Line height as a multiple of the font's natural line height (1 = the font's own).
    public var lineSpacing: Double
    /// A stable name that tests can find the mark by ("label/border/2019"), or nil.
    public var id: String?

    /// A text mark: `text` (normalised to NFC) in `font` at `position`, black, anchored at the start of its baseline,
    /// unrotated, wrapping without limit unless said otherwise.
    public init(_ text: String, font: Font, color: Color = .black, at position: Point,
                anchor: HorizontalAnchor = .start, baseline: VerticalAnchor = .baseline,
                rotation: Double = 0, maxWidth: Double? = nil, overflow: TextOverflow = .wrap(maxLines: nil),
                lineSpacing: Double = 1, id: String? = nil) {
        self.text = text.nfc
        self.font = font; self.color = color; self.position = position
        self.horizontalAnchor = anchor; self.verticalAnchor = baseline; self.rotation = rotation
        self.maxWidth = maxWidth; self.overflow = overflow; self.lineSpacing = lineSpacing; self.id = id
    }

    /// What a measurer needs to know to lay this text out.
    public var layoutKey: TextLayoutRequest {
        TextLayoutRequest(text: text, font: font, maxWidth: maxWidth, overflow: overflow, lineSpacing: lineSpacing)
    }

    /// The unrotated box of the laid-out text, relative to `position`, given its metrics.
    public func localBox(_ m: TextMetrics) -> Rect {
        let x: Double = switch horizontalAnchor {
        case .start: 0
        case .middle: -m.width / 2
        case .end: -m.width
        }
        let y: Double = switch verticalAnchor {
        case .baseline: -m.baseline
        case .top: 0
        case .middle: -m.height / 2
        case .bottom: -m.height
        }
        return Rect(x: x, y: y, width: m.width, height: m.height)
    }

    /// The transform from the text's local frame (anchor at the origin) to the parent's coordinates.
    public var placement: AffineTransform {
        AffineTransform.translation(position.x, position.y).concatenating(.rotation(degrees: rotation))
    }

    /// The axis-aligned bounding box of the text in the parent's coordinates.
    public func bounds(_ m: TextMetrics) -> Rect {
        placement.apply(localBox(m))
    }
}

/// The inputs of a text layout (what a measurer caches on).
public struct TextLayoutRequest: Hashable, Sendable {
    /// The text, in NFC.
    public var text: String
    /// The font.
    public var font: Font
    /// The widest a line may be, in pixels; nil for no limit.
    public var maxWidth: Double?
    /// What happens to text wider than `maxWidth`.
    public var overflow: TextOverflow
    /// Line height as a multiple of the font's own.
    public var lineSpacing: Double

    /// A request for `text` (normalised to NFC) in `font`, with no width limit unless given.
    public init(text: String, font: Font, maxWidth: Double? = nil, overflow: TextOverflow = .wrap(maxLines: nil),
                lineSpacing: Double = 1) {
        self.text = text.nfc
        self.font = font; self.maxWidth = maxWidth; self.overflow = overflow; self.lineSpacing = lineSpacing
    }
}

/// The size of laid-out text, in pixels.
public struct TextMetrics: Hashable, Sendable {
    /// Width of the widest line (the logical extent).
    public var width: Double
    /// Height of all lines.
    public var height: Double
    /// Distance from the top of the box to the first line's baseline.
    public var baseline: Double
    /// The number of lines after wrapping.
    public var lineCount: Int
    /// True when wrapping or ellipsis left part of the text out.
    public var isTruncated: Bool

    /// Metrics from their parts (a measurer's answer, or a fake's in tests).
    public init(width: Double, height: Double, baseline: Double, lineCount: Int, isTruncated: Bool) {
        self.width = width; self.height = height; self.baseline = baseline
        self.lineCount = lineCount; self.isTruncated = isTruncated
    }
}

/// Measures text as the renderer will draw it. Layout code asks this; `AnnexRender` answers with Pango,
/// tests may answer with a fake.
public protocol TextMeasurer {
    /// The size of the request's text laid out as the renderer will draw it.
    func measure(_ request: TextLayoutRequest) -> TextMetrics
}

extension TextMeasurer {
    /// The size of `text` in `font`, wrapped or cut at `maxWidth` as `overflow` says.
    public func measure(_ text: String, font: Font, maxWidth: Double? = nil,
                        overflow: TextOverflow = .wrap(maxLines: nil)) -> TextMetrics {
        measure(TextLayoutRequest(text: text, font: font, maxWidth: maxWidth, overflow: overflow))
    }

    /// The size of a text mark's text as it will be drawn (its position and rotation aside).
    public func measure(_ mark: TextMark) -> TextMetrics { measure(mark.layoutKey) }
}
