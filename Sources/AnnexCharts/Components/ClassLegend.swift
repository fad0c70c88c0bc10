import AnnexScene

/// A legend in a column: a heading, then one row per class (a swatch and its range), a "no data" row hatched, or
/// reference circles for sizes. Maps stand it beside the map, top-aligned with it.
public struct ClassLegend: Sendable {
    /// One row: a class's swatch, the hatched no-data swatch, or a reference circle of `radius` px.
    public enum Row: Sendable {
        /// A class: a square of its fill colour and its words (the range and count, `9,0 – 10,6 (4)`). Marks
        /// `legend-symbol/class/<row>` and `legend/class/<row>`.
        case swatch(Color, String)
        /// Areas without a value: a hatched square and its words ("Không có số liệu"). Marks
        /// `legend-symbol/no-data` and `legend/no-data`.
        case noData(String)
        /// A reference size: a translucent circle of `radius` px in the colour and its value. Marks
        /// `legend-circle/<row>` and `legend/circle/<row>`.
        case circle(radius: Double, Color, String)
    }
    /// The heading (the value and its unit), wrapped to the column's width over at most three lines; nil or empty
    /// for none. Mark `legend-title`.
    public var title: String?
    /// The rows, top down.
    public var rows: [Row]
    /// The fonts, sizes and colours of the legend (its `legendSize` and text colours).
    public var theme: Theme

    var font: Font { theme.font(theme.legendSize) }
    var titleFont: Font { theme.font(theme.legendSize, .semibold) }
    var swatch: Double { theme.legendSize * 1.1 }

    /// The width the column needs: its widest row, its heading wrapped to at most `maxTitle` px.
    public func width(maxTitle: Double, _ measurer: TextMeasurer) -> Double {
        let rowsW = rows.map { row -> Double in
            switch row {
            case .swatch(_, let l), .noData(let l): return swatch + theme.legendSize * 0.5 + measurer.measure(l, font: font).width
            case .circle(let r, _, let l): return 2 * r + theme.legendSize * 0.5 + measurer.measure(l, font: font).width
            }
        }.max() ?? 0
        return max(rowsW, title.map { min(maxTitle, measurer.measure($0, font: titleFont).width) } ?? 0)
    }

    /// The column's marks from `origin`, `width` wide.
    public func layout(at origin: Point, width: Double, _ measurer: TextMeasurer) -> Placed {
        let t = theme
        var marks: [Mark] = [], y = origin.y
        if let lt = title, !lt.isEmpty {
            let m = TextMark(lt, font: titleFont, color: t.text, at: Point(origin.x, y), baseline: .top, maxWidth: width, overflow: .wrap(maxLines: 3), id: "legend-title")
            marks.append(.text(m))
            y += measurer.measure(m).height + t.legendSize * 0.5
        }
        let rowH = max(swatch, measurer.measure("Ag", font: font).height) + t.legendSize * 0.35
        for (i, row) in rows.enumerated() {
            switch row {
            case .swatch(let c, let label):
                marks.append(.rect(RectMark(Rect(x: origin.x, y: y + (rowH - swatch) / 2, width: swatch, height: swatch), fill: c,
                                            stroke: Stroke(color: t.grid, width: 1), id: "legend-symbol/class/\(i)")))
                marks.append(text(label, x: origin.x + swatch + t.legendSize * 0.5, y: y + rowH / 2, id: "legend/class/\(i)"))
                y += rowH
            case .noData(let label):
                let box = Rect(x: origin.x, y: y + (rowH - swatch) / 2, width: swatch, height: swatch)
                marks.append(.rect(RectMark(box, fill: t.background, stroke: Stroke(color: t.mutedText, width: 1), id: "legend-symbol/no-data")))
                marks.append(.group(GroupMark([.path(PathMark([.move(Point(box.minX, box.maxY)), .line(Point(box.maxX, box.minY))],
                                                              stroke: Stroke(color: t.mutedText, width: 1.2)))], clip: box)))
                marks.append(text(label, x: origin.x + swatch + t.legendSize * 0.5, y: y + rowH / 2, id: "legend/no-data"))
                y += rowH
            case .circle(let r, let c, let label):
                let centre = Point(origin.x + r, y + r)
                marks.append(.path(Shapes.circle(center: centre, radius: r, fill: c.withAlpha(0.35), stroke: Stroke(color: c, width: 1.5), id: "legend-circle/\(i)")))
                marks.append(text(label, x: origin.x + 2 * r + t.legendSize * 0.5, y: centre.y, id: "legend/circle/\(i)"))
                y += 2 * r + t.legendSize * 0.6
            }
        }
        return Placed(marks, Rect(x: origin.x, y: origin.y, width: width, height: y - origin.y))
    }

    func text(_ s: String, x: Double, y: Double, id: String) -> Mark {
        .text(TextMark(s, font: font, color: theme.text, at: Point(x, y), baseline: .middle, id: id))
    }
}
