// The typed model of a PowerPoint deck that Annex writes, and its writer: 16:9 slides, each with an editable title,
// a picture, a line of text, a source line and speaker notes; one slide master, one layout, a theme and a notes
// master, the least PowerPoint, LibreOffice and python-pptx need.
import Foundation

/// A 16:9 deck of figure slides; ``data()`` writes it as a `.pptx` file.
public struct SlideDeck: Sendable {
    /// One slide: a title, a picture, a sentence under it, a source line, and the speaker's notes.
    public struct Slide: Sendable {
        /// The title, editable text in the layout's title placeholder.
        public var title: String
        /// The picture's PNG bytes.
        public var png: [UInt8]
        /// The picture's width and height in pixels (its aspect ratio is kept on the slide).
        public var pixelSize: (width: Int, height: Int)
        /// The picture's alternative text.
        public var altText: String
        /// The sentence under the picture (the finding the figure supports); empty for none.
        public var body: String
        /// The source line at the foot, the prefix included (`Nguồn: …`); empty for none.
        public var source: String
        /// The speaker notes, one paragraph per element.
        public var notes: [String]

        /// A slide titled `title` showing `png` (`pixelSize` pixels).
        public init(title: String, png: [UInt8], pixelSize: (width: Int, height: Int), altText: String, body: String = "",
                    source: String = "", notes: [String] = []) {
            self.title = title; self.png = png; self.pixelSize = pixelSize; self.altText = altText; self.body = body
            self.source = source; self.notes = notes
        }
    }

    /// The deck's properties (title, author, language, date: never the clock).
    public var properties: WordDocument.Properties
    /// The font of every text.
    public var font = "Times New Roman"
    /// The slides, in order.
    public var slides: [Slide] = []

    /// An empty deck with `properties`.
    public init(properties: WordDocument.Properties) { self.properties = properties }

    /// The slide's size: 16:9, 13⅓ × 7½ inches, in EMU.
    public static let size = (width: 12_192_000, height: 6_858_000)

    /// The `.pptx` file: the same deck always gives the same bytes. Throws ``OfficeError`` for a slide whose picture
    /// is not a PNG or has no size, or a zip that cannot be built.
    public func data() throws(OfficeError) -> Data {
        try OfficePackage.zip(try SlideWriter(deck: self).parts(), date: OfficePackage.date(iso: properties.date))
    }
}

/// Turns a ``SlideDeck`` into its package parts.
struct SlideWriter {
    let deck: SlideDeck
    static let ns = """
        xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" \
        xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" \
        xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"
        """
    static let rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"

    func parts() throws(OfficeError) -> [OfficePart] {
        for (i, s) in deck.slides.enumerated() {
            guard s.png.starts(with: [0x89, 0x50, 0x4E, 0x47]) else { throw .invalid("slide \(i + 1): the picture is not a PNG") }
            guard s.pixelSize.width > 0, s.pixelSize.height > 0 else { throw .invalid("slide \(i + 1): the picture has no size") }
        }
        let n = deck.slides.count
        var parts: [OfficePart] = [
            OfficePart("[Content_Types].xml", xml: contentTypes(n)),
            OfficePart("_rels/.rels", xml: Self.rels([("officeDocument", "ppt/presentation.xml")], package: true)),
            OfficePart("docProps/core.xml", xml: OfficeProps.core(deck.properties)),
            OfficePart("docProps/app.xml", xml: OfficeProps.app(pages: n)),
            OfficePart("ppt/presentation.xml", xml: presentation(n)),
            OfficePart("ppt/_rels/presentation.xml.rels", xml: Self.rels(
                [("slideMaster", "slideMasters/slideMaster1.xml"), ("notesMaster", "notesMasters/notesMaster1.xml"),
                 ("theme", "theme/theme1.xml"), ("presProps", "presProps.xml"), ("viewProps", "viewProps.xml"),
                 ("tableStyles", "tableStyles.xml")] + (0..<n).map { ("slide", "slides/slide\($0 + 1).xml") })),
            OfficePart("ppt/presProps.xml", xml: OfficeXML.declaration + "<p:presentationPr \(Self.ns)/>"),
            OfficePart("ppt/viewProps.xml", xml: OfficeXML.declaration + "<p:viewPr \(Self.ns)/>"),
            OfficePart("ppt/tableStyles.xml", xml: OfficeXML.declaration
                       + "<a:tblStyleLst xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" def=\"{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}\"/>"),
            OfficePart("ppt/theme/theme1.xml", xml: SlideTemplates.theme(deck.font)),
            OfficePart("ppt/theme/theme2.xml", xml: SlideTemplates.theme(deck.font)),
            OfficePart("ppt/slideMasters/slideMaster1.xml", xml: SlideTemplates.master),
            OfficePart("ppt/slideMasters/_rels/slideMaster1.xml.rels", xml: Self.rels([("slideLayout", "../slideLayouts/slideLayout1.xml"), ("theme", "../theme/theme1.xml")])),
            OfficePart("ppt/slideLayouts/slideLayout1.xml", xml: SlideTemplates.layout),
            OfficePart("ppt/slideLayouts/_rels/slideLayout1.xml.rels", xml: Self.rels([("slideMaster", "../slideMasters/slideMaster1.xml")])),
            OfficePart("ppt/notesMasters/notesMaster1.xml", xml: SlideTemplates.notesMaster),
            OfficePart("ppt/notesMasters/_rels/notesMaster1.xml.rels", xml: Self.rels([("theme", "../theme/theme2.xml")])),
        ]
        for (i, s) in deck.slides.enumerated() {
            let k = i + 1
            parts.append(OfficePart("ppt/slides/slide\(k).xml", xml: slide(s, number: k)))
            parts.append(OfficePart("ppt/slides/_rels/slide\(k).xml.rels", xml: Self.rels(
                [("slideLayout", "../slideLayouts/slideLayout1.xml"), ("image", "../media/image\(k).png"), ("notesSlide", "../notesSlides/notesSlide\(k).xml")])))
            parts.append(OfficePart("ppt/notesSlides/notesSlide\(k).xml", xml: notes(s)))
            parts.append(OfficePart("ppt/notesSlides/_rels/notesSlide\(k).xml.rels", xml: Self.rels(
                [("notesMaster", "../notesMasters/notesMaster1.xml"), ("slide", "../slides/slide\(k).xml")])))
            parts.append(OfficePart("ppt/media/image\(k).png", bytes: s.png, compressed: false))
        }
        return parts
    }

    /// Relationships `rId1`, `rId2` … in the order given: (type, target).
    static func rels(_ list: [(String, String)], package: Bool = false) -> String {
        var s = OfficeXML.declaration + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        for (i, (type, target)) in list.enumerated() { s += "<Relationship Id=\"rId\(i + 1)\" Type=\"\(rel)\(type)\" Target=\"\(target)\"/>" }
        if package {
            s += "<Relationship Id=\"rId\(list.count + 1)\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>"
            s += "<Relationship Id=\"rId\(list.count + 2)\" Type=\"\(rel)extended-properties\" Target=\"docProps/app.xml\"/>"
        }
        return s + "</Relationships>"
    }

    func contentTypes(_ n: Int) -> String {
        let pml = "application/vnd.openxmlformats-officedocument.presentationml"
        var s = OfficeXML.declaration + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        s += "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        s += "<Default Extension=\"xml\" ContentType=\"application/xml\"/><Default Extension=\"png\" ContentType=\"image/png\"/>"
        var overrides = [("/ppt/presentation.xml", "\(pml).presentation.main+xml"), ("/ppt/presProps.xml", "\(pml).presProps+xml"),
                         ("/ppt/viewProps.xml", "\(pml).viewProps+xml"), ("/ppt/tableStyles.xml", "\(pml).tableStyles+xml"),
                         ("/ppt/theme/theme1.xml", "application/vnd.openxmlformats-officedocument.theme+xml"),
                         ("/ppt/theme/theme2.xml", "application/vnd.openxmlformats-officedocument.theme+xml"),
                         ("/ppt/slideMasters/slideMaster1.xml", "\(pml).slideMaster+xml"),
                         ("/ppt/slideLayouts/slideLayout1.xml", "\(pml).slideLayout+xml"),
                         ("/ppt/notesMasters/notesMaster1.xml", "\(pml).notesMaster+xml"),
                         ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
                         ("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml")]
        for k in 0..<n {
            overrides.append(("/ppt/slides/slide\(k + 1).xml", "\(pml).slide+xml"))
            overrides.append(("/ppt/notesSlides/notesSlide\(k + 1).xml", "\(pml).notesSlide+xml"))
        }
        for (part, type) in overrides { s += "<Override PartName=\"\(part)\" ContentType=\"\(type)\"/>" }
        return s + "</Types>"
    }

    func presentation(_ n: Int) -> String {
        var s = OfficeXML.declaration + "<p:presentation \(Self.ns) saveSubsetFonts=\"1\">"
        s += "<p:sldMasterIdLst><p:sldMasterId id=\"2147483648\" r:id=\"rId1\"/></p:sldMasterIdLst>"
        s += "<p:notesMasterIdLst><p:notesMasterId r:id=\"rId2\"/></p:notesMasterIdLst><p:sldIdLst>"
        for k in 0..<n { s += "<p:sldId id=\"\(256 + k)\" r:id=\"rId\(7 + k)\"/>" }
        s += "</p:sldIdLst><p:sldSz cx=\"\(SlideDeck.size.width)\" cy=\"\(SlideDeck.size.height)\"/><p:notesSz cx=\"6858000\" cy=\"9144000\"/>"
        return s + "</p:presentation>"
    }
}
