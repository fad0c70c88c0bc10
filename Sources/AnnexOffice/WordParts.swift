// The parts of a Word document beside its text: native tables, inline pictures (PNG with an SVG extension), the
// styles (Normal, Heading 1–3, Caption, TOC), the settings, and the document properties shared with PowerPoint.
import Foundation

/// A ``WordDocument/Table`` as WordprocessingML: fixed column widths, borders, header rows marked `w:tblHeader`.
struct WordTable {
    let table: WordDocument.Table
    let index: Int

    func xml() throws(OfficeError) -> String {
        let n = table.columns.count
        guard n > 0 else { throw .invalid("block \(index + 1): a table without columns") }
        for (r, row) in table.header.enumerated() where row.count != n {
            throw .invalid("block \(index + 1): header row \(r + 1) has \(row.count) cells, expected \(n) (one per column)")
        }
        for (r, row) in table.body.enumerated() where row.count != n {
            throw .invalid("block \(index + 1): row \(r + 1) has \(row.count) cells, expected \(n) (one per column)")
        }
        let widths = table.columns.map { OfficeUnits.twips(mm: $0.width) }
        var s = "<w:tbl><w:tblPr><w:tblW w:w=\"\(widths.reduce(0, +))\" w:type=\"dxa\"/><w:jc w:val=\"center\"/><w:tblBorders>"
        for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
            s += "<w:\(side) w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
        }
        s += "</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"70\" w:type=\"dxa\"/>"
        s += "<w:right w:w=\"70\" w:type=\"dxa\"/></w:tblCellMar><w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" "
        s += "w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>"
        for w in widths { s += "<w:gridCol w:w=\"\(w)\"/>" }
        s += "</w:tblGrid>"
        for row in table.header {
            s += "<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"
            for (c, text) in row.enumerated() {
                s += cell(WordDocument.Table.Cell(text, bold: true, fill: table.headerFill), width: widths[c], alignment: .center)
            }
            s += "</w:tr>"
        }
        for row in table.body {
            s += "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
            for (c, x) in row.enumerated() { s += cell(x, width: widths[c], alignment: table.columns[c].alignment) }
            s += "</w:tr>"
        }
        // A paragraph must follow a table (Word merges two adjacent tables otherwise).
        return s + "</w:tbl>"
    }

    func cell(_ c: WordDocument.Table.Cell, width: Int, alignment: WordDocument.Alignment) -> String {
        var s = "<w:tc><w:tcPr><w:tcW w:w=\"\(width)\" w:type=\"dxa\"/>"
        if let fill = c.fill { s += "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"\(fill)\"/>" }
        s += "<w:vAlign w:val=\"center\"/></w:tcPr><w:p><w:pPr><w:pStyle w:val=\"TableText\"/><w:jc w:val=\"\(alignment.rawValue)\"/></w:pPr>"
        s += WordWriter.runs([WordDocument.Run(c.text, bold: c.bold, size: table.fontSize)], color: c.color)
        return s + "</w:p></w:tc>"
    }
}

extension WordWriter {
    /// A figure: an inline picture in a centred paragraph; the PNG, and the SVG as Office 2016's `asvg:svgBlip`.
    func figure(_ f: WordDocument.Figure, index: Int, _ pass: inout Pass) throws(OfficeError) -> String {
        guard f.width > 0, f.height > 0, f.width.isFinite, f.height.isFinite else {
            throw .invalid("block \(index + 1): figure '\(f.name)' has no size (\(f.width) × \(f.height) mm)")
        }
        guard f.png.starts(with: [0x89, 0x50, 0x4E, 0x47]) else { throw .invalid("block \(index + 1): figure '\(f.name)' is not a PNG") }
        pass.drawing += 1
        let n = pass.drawing
        let png = Media(rid: "rId\(100 + 2 * n)", path: "media/image\(n).png", bytes: f.png, svg: false)
        pass.media.append(png)
        var ext = ""
        if let svg = f.svg {
            let m = Media(rid: "rId\(101 + 2 * n)", path: "media/image\(n).svg", bytes: svg, svg: true)
            pass.media.append(m)
            ext = "<a:extLst><a:ext uri=\"{96DAC541-7B7A-43D3-8B79-37D633B846F1}\">"
                + "<asvg:svgBlip xmlns:asvg=\"http://schemas.microsoft.com/office/drawing/2016/SVG/main\" r:embed=\"\(m.rid)\"/></a:ext></a:extLst>"
        }
        let cx = OfficeUnits.emu(mm: f.width), cy = OfficeUnits.emu(mm: f.height)
        let name = OfficeXML.escape(f.name), alt = OfficeXML.escape(f.altText)
        var s = "<w:p><w:pPr><w:pStyle w:val=\"Figure\"/></w:pPr><w:r><w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">"
        s += "<wp:extent cx=\"\(cx)\" cy=\"\(cy)\"/><wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/>"
        s += "<wp:docPr id=\"\(n)\" name=\"\(name)\" descr=\"\(alt)\"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect=\"1\"/></wp:cNvGraphicFramePr>"
        s += "<a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic>"
        s += "<pic:nvPicPr><pic:cNvPr id=\"\(n)\" name=\"\(name)\" descr=\"\(alt)\"/><pic:cNvPicPr/></pic:nvPicPr>"
        s += "<pic:blipFill><a:blip r:embed=\"\(png.rid)\">\(ext)</a:blip><a:stretch><a:fillRect/></a:stretch></pic:blipFill>"
        s += "<pic:spPr><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"\(cx)\" cy=\"\(cy)\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr>"
        return s + "</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
    }
}

/// The styles and settings of Annex's Word documents.
enum WordStyles {
    static func xml(_ doc: WordDocument) -> String {
        let font = OfficeXML.escape(doc.font), hp = Int((doc.fontSize * 2).rounded())
        let lang = OfficeXML.escape(doc.properties.language)
        let tab = OfficeUnits.twips(mm: doc.page.textWidth())
        var s = OfficeXML.declaration + "<w:styles \(WordWriter.ns)><w:docDefaults><w:rPrDefault><w:rPr>"
        s += "<w:rFonts w:ascii=\"\(font)\" w:hAnsi=\"\(font)\" w:eastAsia=\"\(font)\" w:cs=\"\(font)\"/>"
        s += "<w:sz w:val=\"\(hp)\"/><w:szCs w:val=\"\(hp)\"/><w:lang w:val=\"\(lang)\"/></w:rPr></w:rPrDefault>"
        s += "<w:pPrDefault><w:pPr><w:spacing w:after=\"120\" w:line=\"264\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults>"
        s += style("Normal", "Normal", ppr: "<w:jc w:val=\"both\"/>", default: true)
        for level in 1...3 {
            let size = [0, 28, 26, 26][level]
            s += style("Heading\(level)", "heading \(level)", ppr: "<w:keepNext/><w:spacing w:before=\"240\" w:after=\"120\"/>"
                       + "<w:jc w:val=\"\(level == 1 ? "center" : "left")\"/><w:outlineLvl w:val=\"\(level - 1)\"/>",
                       rpr: "<w:b/><w:bCs/>" + (level == 3 ? "<w:i/><w:iCs/>" : "") + "<w:sz w:val=\"\(size)\"/><w:szCs w:val=\"\(size)\"/>")
        }
        s += style("Caption", "caption", ppr: "<w:keepNext/><w:spacing w:before=\"240\" w:after=\"60\"/><w:jc w:val=\"center\"/>",
                   rpr: "<w:b/><w:bCs/>")
        s += style("Figure", "Figure", ppr: "<w:keepNext/><w:spacing w:before=\"60\" w:after=\"60\"/><w:jc w:val=\"center\"/>")
        s += style("TableText", "Table Text", ppr: "<w:spacing w:before=\"20\" w:after=\"20\" w:line=\"240\" w:lineRule=\"auto\"/>")
        s += style("Header", "header", ppr: "<w:jc w:val=\"center\"/>")
        s += style("TOCHeading", "TOC Heading", ppr: "<w:keepNext/><w:spacing w:before=\"240\" w:after=\"120\"/><w:jc w:val=\"center\"/>",
                   rpr: "<w:b/><w:bCs/>")
        for level in 1...3 {
            s += style("TOC\(level)", "toc \(level)", ppr: "<w:tabs><w:tab w:val=\"right\" w:leader=\"dot\" w:pos=\"\(tab)\"/></w:tabs>"
                       + "<w:spacing w:after=\"60\"/><w:ind w:left=\"\((level - 1) * 280)\"/><w:jc w:val=\"left\"/>")
        }
        return s + "</w:styles>"
    }

    static func style(_ id: String, _ name: String, ppr: String = "", rpr: String = "", default isDefault: Bool = false) -> String {
        var s = "<w:style w:type=\"paragraph\"" + (isDefault ? " w:default=\"1\"" : "") + " w:styleId=\"\(id)\"><w:name w:val=\"\(name)\"/>"
        if !isDefault { s += "<w:basedOn w:val=\"Normal\"/>" + (id.hasPrefix("Heading") || id == "Caption" ? "<w:next w:val=\"Normal\"/>" : "") }
        s += "<w:qFormat/>"
        if !ppr.isEmpty { s += "<w:pPr>\(ppr)</w:pPr>" }
        if !rpr.isEmpty { s += "<w:rPr>\(rpr)</w:rPr>" }
        return s + "</w:style>"
    }

    static let settings = OfficeXML.declaration + """
        <w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:defaultTabStop w:val="720"/>\
        <w:characterSpacingControl w:val="doNotCompress"/><w:updateFields w:val="true"/>\
        <w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>\
        </w:settings>
        """
}

/// The document properties parts (`docProps/core.xml`, `docProps/app.xml`) of Word and PowerPoint packages.
enum OfficeProps {
    static func core(_ p: WordDocument.Properties) -> String {
        let e = OfficeXML.escape
        let when = (p.date.count >= 10 ? String(p.date.prefix(10)) : "2020-01-01") + "T00:00:00Z"
        var s = OfficeXML.declaration + "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
        s += "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
        s += "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
        s += "<dc:title>\(e(p.title))</dc:title><dc:subject>\(e(p.subject))</dc:subject><dc:creator>\(e(p.creator))</dc:creator>"
        s += "<cp:keywords>\(e(p.keywords.joined(separator: "; ")))</cp:keywords><dc:language>\(e(p.language))</dc:language>"
        s += "<cp:lastModifiedBy>\(e(p.creator))</cp:lastModifiedBy><cp:revision>1</cp:revision>"
        s += "<dcterms:created xsi:type=\"dcterms:W3CDTF\">\(when)</dcterms:created>"
        s += "<dcterms:modified xsi:type=\"dcterms:W3CDTF\">\(when)</dcterms:modified>"
        return s + "</cp:coreProperties>"
    }

    static func app(pages: Int?) -> String {
        OfficeXML.declaration + "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">"
            + "<Application>Annex</Application>" + (pages.map { "<Slides>\($0)</Slides>" } ?? "") + "</Properties>"
    }
}
