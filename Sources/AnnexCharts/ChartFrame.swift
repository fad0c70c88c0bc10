import AnnexData
import AnnexScene

/// A legend entry: a symbol and its words.
public struct LegendItem: Hashable, Sendable {
    public enum Symbol: Hashable, Sendable {
        case swatch(Color)
        /// A lighter, hatched swatch: estimated values.
        case hatched(Color)
        case line(Color, width: Double, dash: [Double])
        case marker(Color)
        case band(Color)
    }
    public var symbol: Symbol
    public var label: String
    public var id: String
    public init(_ symbol: Symbol, _ label: String, id: String) { self.symbol = symbol; self.label = label; self.id = id }
}

/// The parts every chart shares: title block (figure label, title, subtitle), a legend row, and the footer
/// (illustrative-data mark, notes, source). Lays them out and returns the rectangle left for the plot.
struct ChartFrame {
    var texts: ChartTexts
    var legend: [LegendItem]
    var theme: Theme
    var width: Double
    var height: Double
    var language: Language

    func layout(_ measurer: TextMeasurer) -> (marks: [Mark], plot: Rect, title: String) {
        let t = theme
        let strings = ChartStrings.for(language)
        var marks: [Mark] = []
        let left = t.padding, right = width - t.padding
        let contentWidth = right - left
        var top = t.padding

        let titleText = texts.fullTitle
        if !titleText.isEmpty {
            let title = TextMark(titleText, font: t.titleFont(t.titleSize), color: t.text, at: Point(left, top),
                                 baseline: .top, maxWidth: contentWidth, overflow: .wrap(maxLines: 3), id: "title")
            top += measurer.measure(title).height
            marks.append(.text(title))
        }
        if let sub = texts.subtitle, !sub.isEmpty {
            top += t.titleSize * 0.2
            let m = TextMark(sub, font: t.font(t.subtitleSize), color: t.mutedText, at: Point(left, top),
                             baseline: .top, maxWidth: contentWidth, overflow: .wrap(maxLines: 2), id: "subtitle")
            top += measurer.measure(m).height
            marks.append(.text(m))
        }
        top += t.legendSize * 0.9

        // Legend: one or more rows under the titles, where it hides nothing.
        if !legend.isEmpty {
            let font = t.font(t.legendSize)
            let sw = t.legendSize * 0.95
            let rowH = max(sw, measurer.measure("Ag", font: font).height)
            var x = left, mid = top + rowH / 2
            for item in legend {
                let label = TextMark(item.label, font: font, color: t.text, at: .zero, baseline: .middle,
                                     maxWidth: contentWidth - sw * 2.2, overflow: .ellipsis, id: "legend/\(item.id)")
                let symbolW = item.symbol.isLine ? sw * 1.8 : sw
                let w = symbolW + sw * 0.45 + measurer.measure(label).width
                if x > left, x + w > right { x = left; mid += rowH + t.legendSize * 0.4 }
                marks += symbolMarks(item, x: x, mid: mid, size: sw, width: symbolW)
                var l = label
                l.position = Point(x + symbolW + sw * 0.45, mid)
                marks.append(.text(l))
                x += w + t.legendSize * 1.6
            }
            top = mid + rowH / 2 + t.legendSize * 0.7
        }

        // Footer, bottom up: source under notes under the illustrative-data mark.
        var bottom = height - t.padding
        var lines: [(String, String, Bool)] = []
        if texts.illustrative { lines.append(("illustrative", strings.illustrativeData, true)) }
        for (i, n) in texts.notes.enumerated() {
            lines.append(("note/\(i)", (i == 0 ? strings.notePrefix + " " : "") + n, false))
        }
        if let src = texts.source, !src.isEmpty { lines.append(("source", strings.sourcePrefix + " " + src, false)) }
        var footer: [Mark] = []
        for (id, line, strong) in lines.reversed() {
            let m = TextMark(line, font: t.font(t.footerSize, strong ? .bold : .regular), color: strong ? t.target : t.mutedText,
                             at: Point(left, bottom), baseline: .bottom, maxWidth: contentWidth, overflow: .wrap(maxLines: 3), id: id)
            bottom -= measurer.measure(m).height + t.footerSize * 0.25
            footer.append(.text(m))
        }
        marks += footer.reversed()
        if !lines.isEmpty { bottom -= t.footerSize * 0.6 }
        return (marks, Rect(x: left, y: top, width: contentWidth, height: max(0, bottom - top)), titleText)
    }

    func symbolMarks(_ item: LegendItem, x: Double, mid: Double, size sw: Double, width: Double) -> [Mark] {
        let box = Rect(x: x, y: mid - sw / 2, width: width, height: sw)
        let id = "legend-symbol/\(item.id)"
        switch item.symbol {
        case .swatch(let c): return [.rect(RectMark(box, fill: c, id: id))]
        case .band(let c): return [.rect(RectMark(box, fill: c.withAlpha(0.25), stroke: Stroke(color: c, width: 1.5), id: id))]
        case .hatched(let c): return Hatching.marks(box, color: c, background: theme.background, id: id)
        case .line(let c, let w, let dash):
            return [.path(.line(from: Point(x, mid), to: Point(x + width, mid), stroke: Stroke(color: c, width: w, dash: dash), id: id))]
        case .marker(let c):
            return [.path(Shapes.circle(center: Point(x + width / 2, mid), radius: sw * 0.38, fill: c, stroke: nil, id: id))]
        }
    }
}

extension LegendItem.Symbol {
    var isLine: Bool { if case .line = self { return true } else { return false } }
}

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
