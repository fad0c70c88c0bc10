import AnnexScene

/// A page's size and margins in scene pixels (96 to the inch: 1 mm is 3,78 px).
struct PageGeometry: Hashable, Sendable {
    var width: Double, height: Double
    var top: Double, bottom: Double, left: Double, right: Double

    /// The width between the margins.
    var textWidth: Double { width - left - right }
    /// Where the text ends, from the top of the page.
    var textBottom: Double { height - bottom }
    /// The height between the margins.
    var textHeight: Double { textBottom - top }
    /// Pixels in a millimetre.
    static let mm = 96 / 25.4

    /// A4 portrait as Decree 30/2020/NĐ-CP sets a document: margins of 20 mm at the top and bottom, 30 mm at the left
    /// (the binding) and 15 mm at the right; a text 165 mm wide.
    static let decree30Portrait = PageGeometry(width: 794, height: 1123, top: 20 * mm, bottom: 20 * mm, left: 30 * mm, right: 15 * mm)
    /// A4 turned for a wide table: the binding edge (30 mm) is now the top, 15 mm at the bottom, 20 mm at each side.
    static let decree30Landscape = PageGeometry(width: 1123, height: 794, top: 30 * mm, bottom: 15 * mm, left: 20 * mm, right: 20 * mm)
}

/// Pages filled from the top down: each block goes where the last one ended, or on a new page when it does not fit
/// in what is left (a page is left part-empty only then). A block asks for the page geometry it needs, so a wide
/// table may turn its pages and the next block turns them back.
struct PageFlow {
    /// The pages so far: their geometry and marks, in page coordinates.
    private(set) var pages: [(geometry: PageGeometry, marks: [Mark])]
    /// Where the next block starts on the last page.
    var y: Double

    /// A flow starting at the top of a page of `geometry`.
    init(_ geometry: PageGeometry) {
        pages = [(geometry, [])]
        y = geometry.top
    }

    /// The geometry of the last page.
    var geometry: PageGeometry { pages[pages.count - 1].geometry }
    /// The number of the last page, from 1.
    var pageNumber: Int { pages.count }
    /// True while nothing has been placed on the last page.
    var atTop: Bool { y <= geometry.top + 0.01 }

    /// Starts a new page of `geometry` (the last page's when nil); a last page still without marks is turned to it
    /// instead, so that no page is left blank.
    mutating func newPage(_ geometry: PageGeometry? = nil) {
        let g = geometry ?? self.geometry
        if pages[pages.count - 1].marks.isEmpty { pages[pages.count - 1].geometry = g } else { pages.append((g, [])) }
        y = g.top
    }

    /// Makes room for a block `height` tall on a page of `geometry`: a new page when the last page has another
    /// geometry, or too little room left (unless it is still empty: a block taller than a page starts at its top).
    mutating func reserve(_ height: Double, on geometry: PageGeometry) {
        if geometry != self.geometry { newPage(geometry); return }
        if y + height > geometry.textBottom + 0.01, !atTop { newPage() }
    }

    /// Space between blocks; none at the top of a page.
    mutating func gap(_ height: Double) {
        if !atTop { y += height }
    }

    /// `text` broken into lines at spaces: the first no wider than `width - indent`, the others `width` (a word wider
    /// than its line stands alone on it).
    static func lines(_ text: String, font: Font, width: Double, indent: Double = 0, _ m: TextMeasurer) -> [String] {
        var lines: [String] = [], line = ""
        for word in text.split(separator: " ").map(String.init) {
            let candidate = line.isEmpty ? word : line + " " + word
            if !line.isEmpty, m.measure(candidate, font: font).width > width - (lines.isEmpty ? indent : 0) {
                lines.append(line); line = word
            } else {
                line = candidate
            }
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }

    /// Adds marks to the last page, or to page `page` (from 1).
    mutating func add(_ marks: [Mark], page: Int? = nil) {
        pages[(page ?? pageNumber) - 1].marks += marks
    }
}
