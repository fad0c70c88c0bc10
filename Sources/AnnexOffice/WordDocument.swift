// The typed model of a Word document that Annex writes: page setup, header rule, document properties and a list of
// blocks (headings, paragraphs, captions, tables, figures, the contents, page and section breaks). `WordWriter`
// turns it into the parts of a .docx package.
import Foundation

/// A Word document: its page setup, header rule, properties and blocks; ``data()`` writes it as a `.docx` file.
public struct WordDocument: Sendable {
    /// How a paragraph stands between its margins.
    public enum Alignment: String, Sendable, Hashable {
        /// Against the left margin.
        case left
        /// Centred.
        case center
        /// Against the right margin.
        case right
        /// Justified: both margins.
        case both
    }

    /// The orientation of a section's pages.
    public enum Orientation: Sendable, Hashable {
        /// Taller than wide: the default.
        case portrait
        /// Wider than tall: a section for a wide table.
        case landscape
    }

    /// A run of text with one format.
    public struct Run: Sendable, Hashable {
        /// The words; a line break (`\n`) becomes a line break in the paragraph.
        public var text: String
        /// Bold.
        public var bold: Bool
        /// Italic.
        public var italic: Bool
        /// The size in points; nil for the paragraph style's.
        public var size: Double?
        /// A run of `text`.
        public init(_ text: String, bold: Bool = false, italic: Bool = false, size: Double? = nil) {
            self.text = text; self.bold = bold; self.italic = italic; self.size = size
        }
    }

    /// A paragraph of runs.
    public struct Paragraph: Sendable, Hashable {
        /// The runs, in order.
        public var runs: [Run]
        /// How the paragraph stands; nil for the style's (justified body text).
        public var alignment: Alignment?
        /// Kept on the page of the next paragraph (a line above a table or a figure).
        public var keepWithNext: Bool
        /// A paragraph of `runs`.
        public init(_ runs: [Run], alignment: Alignment? = nil, keepWithNext: Bool = false) {
            self.runs = runs; self.alignment = alignment; self.keepWithNext = keepWithNext
        }
        /// A paragraph of one run of `text`.
        public init(_ text: String, bold: Bool = false, italic: Bool = false, size: Double? = nil, alignment: Alignment? = nil,
                    keepWithNext: Bool = false) {
            self.init([Run(text, bold: bold, italic: italic, size: size)], alignment: alignment, keepWithNext: keepWithNext)
        }
    }

    /// A native Word table: header rows repeated on every page (`w:tblHeader`), body rows, fixed column widths.
    public struct Table: Sendable, Hashable {
        /// A column: its width and how its cells stand.
        public struct Column: Sendable, Hashable {
            /// The width in millimetres.
            public var width: Double
            /// How the column's body cells stand (headers are centred).
            public var alignment: Alignment
            /// A column `width` mm wide.
            public init(width: Double, alignment: Alignment = .left) { self.width = width; self.alignment = alignment }
        }
        /// A cell of the body.
        public struct Cell: Sendable, Hashable {
            /// The cell's words, formatted already (`11,54`).
            public var text: String
            /// Bold (a totals row, a status).
            public var bold: Bool
            /// A fill colour as six hex digits (`DFF1E4`); nil for none.
            public var fill: String?
            /// A text colour as six hex digits; nil for the default.
            public var color: String?
            /// A cell reading `text`.
            public init(_ text: String, bold: Bool = false, fill: String? = nil, color: String? = nil) {
                self.text = text; self.bold = bold; self.fill = fill; self.color = color
            }
        }
        /// The columns, left to right.
        public var columns: [Column]
        /// The header rows (bold, shaded, centred), repeated at the top of every page the table runs onto.
        public var header: [[String]]
        /// The body rows; each has one cell per column.
        public var body: [[Cell]]
        /// The text size in points.
        public var fontSize: Double
        /// The header rows' fill, six hex digits.
        public var headerFill: String
        /// A table of `columns`, `header` rows and `body` rows.
        public init(columns: [Column], header: [[String]], body: [[Cell]], fontSize: Double = 12, headerFill: String = "E9EEF3") {
            self.columns = columns; self.header = header; self.body = body; self.fontSize = fontSize; self.headerFill = headerFill
        }
    }

    /// A picture in its own centred paragraph: a PNG, and the SVG that Word 2016 and later show in its place.
    public struct Figure: Sendable, Hashable {
        /// The PNG's bytes (at print resolution): what every reader shows, and the fallback of the SVG.
        public var png: [UInt8]
        /// The SVG's bytes, or nil; embedded with the `asvg:svgBlip` extension, the PNG its fallback.
        public var svg: [UInt8]?
        /// The width on the page in millimetres.
        public var width: Double
        /// The height on the page in millimetres.
        public var height: Double
        /// The alternative text (what the picture shows, for readers who cannot see it).
        public var altText: String
        /// The picture's name in Word's selection pane (`Biểu đồ 1`).
        public var name: String
        /// A figure of `png` (and `svg`), `width` × `height` mm on the page.
        public init(png: [UInt8], svg: [UInt8]? = nil, width: Double, height: Double, altText: String, name: String) {
            self.png = png; self.svg = svg; self.width = width; self.height = height; self.altText = altText; self.name = name
        }
    }

    /// A piece of the document, in reading order.
    public enum Block: Sendable, Hashable {
        /// A heading of level 1 to 3 (styles Heading 1–3): an entry of the contents.
        case heading(String, level: Int)
        /// A paragraph of body text.
        case paragraph(Paragraph)
        /// A caption (style Caption, kept with what follows): `Biểu đồ 1. …`, `Biểu 01. …`; an entry of the contents.
        case caption(String)
        /// A table.
        case table(Table)
        /// A figure.
        case figure(Figure)
        /// The contents: a heading, then a `TOC \o "1-3" \h \z \u` field whose shown entries (every heading and
        /// caption, linked to it) are written in advance, so that they read before Word updates the field.
        case contents(title: String)
        /// A page break.
        case pageBreak
        /// Ends the section here; the blocks after it are laid on pages of `orientation` (a landscape section for a
        /// wide table, then back to portrait).
        case section(Orientation)
    }

    /// The page: A4 and margins in millimetres (Decree 30/2020/NĐ-CP by default).
    public struct PageSetup: Sendable, Hashable {
        /// The page's width in portrait, mm.
        public var width = 210.0
        /// The page's height in portrait, mm.
        public var height = 297.0
        /// The top margin, mm (Decree 30: 20–25).
        public var top = 20.0
        /// The bottom margin, mm (Decree 30: 20–25).
        public var bottom = 20.0
        /// The left margin, mm (Decree 30: 30–35).
        public var left = 30.0
        /// The right margin, mm (Decree 30: 15–20).
        public var right = 15.0
        /// From the page's top edge to the header's text, mm.
        public var header = 10.0
        /// From the page's bottom edge to the footer's text, mm.
        public var footer = 10.0
        /// A4 portrait with Decree 30's margins: 20 mm top and bottom, 30 mm left, 15 mm right.
        public init() {}
        /// The width between the margins on a page of `orientation`, mm.
        public func textWidth(_ orientation: Orientation = .portrait) -> Double {
            (orientation == .portrait ? width : height) - left - right
        }
        /// The height between the margins on a page of `orientation`, mm.
        public func textHeight(_ orientation: Orientation = .portrait) -> Double {
            (orientation == .portrait ? height : width) - top - bottom
        }
    }

    /// The document's properties (`docProps/core.xml`): never the clock, always the document's own date.
    public struct Properties: Sendable, Hashable {
        /// The title.
        public var title: String
        /// The subject (a subtitle); empty for none.
        public var subject: String = ""
        /// The author.
        public var creator: String = "Annex"
        /// Keywords, joined with `; `.
        public var keywords: [String] = []
        /// The language tag of the text (`vi-VN`, `en-GB`).
        public var language: String = "vi-VN"
        /// The date written as created and modified, `YYYY-MM-DD`.
        public var date: String = "2020-01-01"
        /// Properties titled `title`.
        public init(title: String) { self.title = title }
    }

    /// The page size and margins.
    public var page = PageSetup()
    /// The page number in Arabic numerals centred in the header (Decree 30), and none on the first page.
    public var pageNumbers = true
    /// The body font.
    public var font = "Times New Roman"
    /// The body text size in points (Decree 30: 13–14).
    public var fontSize = 13.0
    /// The document's properties.
    public var properties: Properties
    /// The blocks, in reading order.
    public var blocks: [Block] = []

    /// An empty document with `properties`.
    public init(properties: Properties) { self.properties = properties }

    /// The `.docx` file: the same document always gives the same bytes (fixed part order, the zip's times the
    /// document's date). Throws ``OfficeError`` for a table whose rows do not match its columns, a figure without a
    /// size, or a zip that cannot be built.
    public func data() throws(OfficeError) -> Data {
        try OfficePackage.zip(try WordWriter(self).parts(), date: OfficePackage.date(iso: properties.date))
    }
}
