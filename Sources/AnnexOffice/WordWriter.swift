// Writes a `WordDocument` as the parts of a .docx package: content types, relationships, core properties, styles,
// settings, two headers (the page number, and an empty one for the first page), the document and its media.
import Foundation

/// Turns a ``WordDocument`` into its package parts; ids (relationships, bookmarks, drawings) are counted in block
/// order, so the same document gives the same parts.
struct WordWriter {
    let doc: WordDocument
    static let ns = """
        xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" \
        xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" \
        xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" \
        xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" \
        xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"
        """

    init(_ doc: WordDocument) { self.doc = doc }

    /// A media file and the relationship that names it.
    struct Media { var rid: String; var path: String; var bytes: [UInt8]; var svg: Bool }

    /// The state of one pass over the blocks: media, bookmarks, drawing ids, the current orientation.
    struct Pass {
        var media: [Media] = []
        var bookmark = 0
        var drawing = 0
        var orientation = WordDocument.Orientation.portrait
        var firstSection = true
        /// Contents entries: text, level and bookmark name, in order.
        var entries: [(String, Int, String)] = []
    }

    func parts() throws(OfficeError) -> [OfficePart] {
        // A first pass numbers the bookmarks, so that the contents (before them) can link to them.
        var pass = Pass()
        _ = try body(&pass)
        let entries = pass.entries
        pass = Pass(entries: entries)
        let documentXML = try body(&pass)
        var parts: [OfficePart] = [
            OfficePart("[Content_Types].xml", xml: contentTypes(pass.media)),
            OfficePart("_rels/.rels", xml: Self.packageRels),
            OfficePart("docProps/core.xml", xml: OfficeProps.core(doc.properties)),
            OfficePart("docProps/app.xml", xml: OfficeProps.app(pages: nil)),
            OfficePart("word/document.xml", xml: documentXML),
            OfficePart("word/_rels/document.xml.rels", xml: documentRels(pass.media)),
            OfficePart("word/styles.xml", xml: WordStyles.xml(doc)),
            OfficePart("word/settings.xml", xml: WordStyles.settings),
            OfficePart("word/header1.xml", xml: header(pageNumber: doc.pageNumbers)),
            OfficePart("word/header2.xml", xml: header(pageNumber: false)),
        ]
        for m in pass.media { parts.append(OfficePart("word/" + m.path, bytes: m.bytes, compressed: m.svg)) }
        return parts
    }

    static let packageRels = OfficeXML.declaration + """
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>\
        <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>\
        <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>\
        </Relationships>
        """

    func contentTypes(_ media: [Media]) -> String {
        let main = "application/vnd.openxmlformats-officedocument.wordprocessingml"
        var s = OfficeXML.declaration + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        s += "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
        s += "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        if media.contains(where: { !$0.svg }) { s += "<Default Extension=\"png\" ContentType=\"image/png\"/>" }
        if media.contains(where: \.svg) { s += "<Default Extension=\"svg\" ContentType=\"image/svg+xml\"/>" }
        for (part, type) in [("/word/document.xml", "\(main).document.main+xml"), ("/word/styles.xml", "\(main).styles+xml"),
                             ("/word/settings.xml", "\(main).settings+xml"), ("/word/header1.xml", "\(main).header+xml"),
                             ("/word/header2.xml", "\(main).header+xml"),
                             ("/docProps/core.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
                             ("/docProps/app.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml")] {
            s += "<Override PartName=\"\(part)\" ContentType=\"\(type)\"/>"
        }
        return s + "</Types>"
    }

    func documentRels(_ media: [Media]) -> String {
        let t = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
        var s = OfficeXML.declaration + "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        s += "<Relationship Id=\"rId1\" Type=\"\(t)styles\" Target=\"styles.xml\"/>"
        s += "<Relationship Id=\"rId2\" Type=\"\(t)settings\" Target=\"settings.xml\"/>"
        s += "<Relationship Id=\"rId3\" Type=\"\(t)header\" Target=\"header1.xml\"/>"
        s += "<Relationship Id=\"rId4\" Type=\"\(t)header\" Target=\"header2.xml\"/>"
        for m in media { s += "<Relationship Id=\"\(m.rid)\" Type=\"\(t)image\" Target=\"\(m.path)\"/>" }
        return s + "</Relationships>"
    }

    /// A header: the page number (a `PAGE` field) centred, or nothing (the first page's).
    func header(pageNumber: Bool) -> String {
        var s = OfficeXML.declaration + "<w:hdr \(Self.ns)><w:p><w:pPr><w:pStyle w:val=\"Header\"/><w:jc w:val=\"center\"/></w:pPr>"
        if pageNumber {
            s += "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>"
            s += "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>2</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
        }
        return s + "</w:p></w:hdr>"
    }

    func body(_ pass: inout Pass) throws(OfficeError) -> String {
        var s = OfficeXML.declaration + "<w:document \(Self.ns)><w:body>"
        for (i, block) in doc.blocks.enumerated() {
            s += try xml(block, index: i, &pass)
            // A paragraph between two tables (Word would join them) and after a table that ends the body.
            if case .table = block {
                let next = i + 1 < doc.blocks.count ? doc.blocks[i + 1] : nil
                if next == nil { s += "<w:p/>" } else if case .table = next! { s += "<w:p/>" }
            }
        }
        s += sectionProperties(pass.orientation, first: pass.firstSection)
        return s + "</w:body></w:document>"
    }

    func xml(_ block: WordDocument.Block, index: Int, _ pass: inout Pass) throws(OfficeError) -> String {
        switch block {
        case .heading(let text, let level):
            return bookmarked(text, style: "Heading\(min(3, max(1, level)))", level: min(3, max(1, level)), outline: false, &pass)
        case .caption(let text):
            return bookmarked(text, style: "Caption", level: 1, outline: true, &pass)
        case .paragraph(let p):
            return paragraph(p)
        case .table(let t):
            return try WordTable(table: t, index: index).xml()
        case .figure(let f):
            return try figure(f, index: index, &pass)
        case .contents(let title):
            return contents(title, pass.entries)
        case .pageBreak:
            return "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>"
        case .section(let o):
            let s = "<w:p><w:pPr>" + sectionProperties(pass.orientation, first: pass.firstSection) + "</w:pPr></w:p>"
            pass.orientation = o; pass.firstSection = false
            return s
        }
    }

    /// A heading or caption paragraph inside a bookmark the contents link to; a caption carries the outline level
    /// that puts it in the contents (`\u`).
    func bookmarked(_ text: String, style: String, level: Int, outline: Bool, _ pass: inout Pass) -> String {
        pass.bookmark += 1
        let name = String(format: "_Toc%08d", pass.bookmark)
        if pass.entries.count < pass.bookmark { pass.entries.append((text, level, name)) }
        var s = "<w:p><w:pPr><w:pStyle w:val=\"\(style)\"/>"
        if outline { s += "<w:outlineLvl w:val=\"\(level - 1)\"/>" }
        s += "</w:pPr><w:bookmarkStart w:id=\"\(pass.bookmark)\" w:name=\"\(name)\"/>" + Self.runs([WordDocument.Run(text)])
        return s + "<w:bookmarkEnd w:id=\"\(pass.bookmark)\"/></w:p>"
    }

    func paragraph(_ p: WordDocument.Paragraph) -> String {
        var ppr = ""
        if p.keepWithNext { ppr += "<w:keepNext/>" }
        if let a = p.alignment { ppr += "<w:jc w:val=\"\(a.rawValue)\"/>" }
        return "<w:p>" + (ppr.isEmpty ? "" : "<w:pPr>\(ppr)</w:pPr>") + Self.runs(p.runs) + "</w:p>"
    }

    /// Runs with their formats; line breaks become `w:br`, tabs `w:tab`.
    static func runs(_ runs: [WordDocument.Run], color: String? = nil) -> String {
        var s = ""
        for r in runs {
            var rpr = ""
            if r.bold { rpr += "<w:b/><w:bCs/>" }
            if r.italic { rpr += "<w:i/><w:iCs/>" }
            if let c = color { rpr += "<w:color w:val=\"\(c)\"/>" }
            if let size = r.size { let hp = Int((size * 2).rounded()); rpr += "<w:sz w:val=\"\(hp)\"/><w:szCs w:val=\"\(hp)\"/>" }
            s += "<w:r>" + (rpr.isEmpty ? "" : "<w:rPr>\(rpr)</w:rPr>")
            for (i, line) in r.text.components(separatedBy: "\n").enumerated() {
                if i > 0 { s += "<w:br/>" }
                for (j, piece) in line.components(separatedBy: "\t").enumerated() {
                    if j > 0 { s += "<w:tab/>" }
                    if !piece.isEmpty { s += "<w:t xml:space=\"preserve\">\(OfficeXML.escape(piece))</w:t>" }
                }
            }
            s += "</w:r>"
        }
        return s
    }

    /// The contents: its heading, then the field with an entry per heading and caption, each a link to its bookmark.
    func contents(_ title: String, _ entries: [(String, Int, String)]) -> String {
        var s = "<w:p><w:pPr><w:pStyle w:val=\"TOCHeading\"/></w:pPr>" + Self.runs([WordDocument.Run(title)]) + "</w:p>"
        let begin = "<w:r><w:fldChar w:fldCharType=\"begin\" w:dirty=\"true\"/></w:r>"
            + "<w:r><w:instrText xml:space=\"preserve\"> TOC \\o \"1-3\" \\h \\z \\u </w:instrText></w:r>"
            + "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>"
        if entries.isEmpty {
            return s + "<w:p>" + begin + "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r></w:p>"
        }
        for (i, (text, level, name)) in entries.enumerated() {
            s += "<w:p><w:pPr><w:pStyle w:val=\"TOC\(level)\"/></w:pPr>" + (i == 0 ? begin : "")
            s += "<w:hyperlink w:anchor=\"\(name)\" w:history=\"1\">" + Self.runs([WordDocument.Run(text)]) + "</w:hyperlink>"
            s += (i == entries.count - 1 ? "<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>" : "") + "</w:p>"
        }
        return s
    }

    /// The properties of the section that ends here: its page, margins and headers; the first section's first page
    /// has the empty header (`titlePg`).
    func sectionProperties(_ o: WordDocument.Orientation, first: Bool) -> String {
        let p = doc.page
        let (w, h) = o == .portrait ? (p.width, p.height) : (p.height, p.width)
        let t = OfficeUnits.twips
        var s = "<w:sectPr><w:headerReference w:type=\"default\" r:id=\"rId3\"/><w:headerReference w:type=\"first\" r:id=\"rId4\"/>"
        s += "<w:type w:val=\"nextPage\"/>"
        s += "<w:pgSz w:w=\"\(t(w))\" w:h=\"\(t(h))\"" + (o == .landscape ? " w:orient=\"landscape\"" : "") + "/>"
        s += "<w:pgMar w:top=\"\(t(p.top))\" w:right=\"\(t(p.right))\" w:bottom=\"\(t(p.bottom))\" w:left=\"\(t(p.left))\" "
        s += "w:header=\"\(t(p.header))\" w:footer=\"\(t(p.footer))\" w:gutter=\"0\"/>"
        s += "<w:pgNumType w:fmt=\"decimal\"/><w:cols w:space=\"720\"/>" + (first ? "<w:titlePg/>" : "")
        return s + "<w:docGrid w:linePitch=\"360\"/></w:sectPr>"
    }
}
