import AnnexCharts
import AnnexData
import AnnexRender
import AnnexScene

extension DecreeAnnex {
    /// The contents of a `decree30` annex: a heading, then an entry for each item, wrapped at word boundaries, its
    /// last line led by dots to its page number at the right margin. The entries' room is taken before the items are
    /// laid out (their height does not depend on the numbers) and filled in once every item's page is known.
    enum Contents {
        /// An entry's place: its page, its top, its lines and the width of the last one.
        struct Slot {
            var page: Int
            var y: Double
            var lines: [String]
            var lastWidth: Double
        }

        static var font: Font { theme.font(bodySize) }
        /// The room kept for page numbers at the right, and the least run of dots before them.
        static let numberColumn = 28.0, leastLeader = 44.0

        /// Lays out the heading and takes the room of every entry; returns the entries' places.
        static func reserve(_ entries: [String], _ lang: Language, _ flow: inout PageFlow, _ m: TextMeasurer) -> [Slot] {
            let g = flow.geometry
            let head = TextMark(lang.text(.contents), font: theme.font(bodySize, .bold), color: theme.text, at: .zero, baseline: .top, id: "contents")
            let lineH = m.measure("Ág", font: font).height
            let wrapped = entries.map { PageFlow.lines($0, font: font, width: g.textWidth - numberColumn - leastLeader, m) }
            let headH = m.measure(head).height + 6
            flow.gap(14)
            flow.reserve(headH + lineH * Double(wrapped.first?.count ?? 0), on: g)
            var h = head
            h.position = Point(g.left, flow.y)
            flow.add([.text(h)]); flow.y += headH
            return wrapped.map { ls in
                let height = lineH * Double(ls.count)
                flow.reserve(height, on: g)
                defer { flow.y += height + 1 }
                return Slot(page: flow.pageNumber, y: flow.y, lines: ls, lastWidth: m.measure(ls.last ?? "", font: font).width)
            }
        }

        /// An entry's marks: its lines (`toc/<i>`, then `toc-more/<i>/<line>`), the dots (`toc-leader/<i>`) and the
        /// page number (`toc-page/<i>`).
        static func marks(_ slot: Slot, _ i: Int, page: Int, _ m: TextMeasurer) -> [Mark] {
            let g = portrait, lineH = m.measure("Ág", font: font).height, right = g.left + g.textWidth
            var marks: [Mark] = slot.lines.enumerated().map { j, line in
                .text(TextMark(line, font: font, color: theme.text, at: Point(g.left, slot.y + Double(j) * lineH), baseline: .top,
                               id: j == 0 ? "toc/\(i)" : "toc-more/\(i)/\(j)"))
            }
            let lastY = slot.y + Double(slot.lines.count - 1) * lineH
            let leaderEnd = right - numberColumn, dot = m.measure(" .", font: font).width
            let count = Int(((leaderEnd - (g.left + slot.lastWidth + 4)) / max(dot, 1)).rounded(.down))
            if count > 0 {
                marks.append(.text(TextMark(String(repeating: " .", count: count), font: font, color: theme.text, at: Point(leaderEnd, lastY),
                                            anchor: .end, baseline: .top, id: "toc-leader/\(i)")))
            }
            marks.append(.text(TextMark(String(page), font: font, color: theme.text, at: Point(right, lastY), anchor: .end, baseline: .top,
                                        id: "toc-page/\(i)")))
            return marks
        }
    }
}
