// The XML of a slide and its notes, and the fixed parts of every deck: the slide master, its one layout (Title
// Only), the notes master and the theme.
import Foundation

extension SlideWriter {
    static let inch = 914_400
    static let group = "<p:nvGrpSpPr><p:cNvPr id=\"1\" name=\"\"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x=\"0\" y=\"0\"/>"
        + "<a:ext cx=\"0\" cy=\"0\"/><a:chOff x=\"0\" y=\"0\"/><a:chExt cx=\"0\" cy=\"0\"/></a:xfrm></p:grpSpPr>"

    static func xfrm(_ x: Int, _ y: Int, _ cx: Int, _ cy: Int) -> String {
        "<a:xfrm><a:off x=\"\(x)\" y=\"\(y)\"/><a:ext cx=\"\(cx)\" cy=\"\(cy)\"/></a:xfrm>"
    }

    /// Paragraphs of `text` (one per line) in runs of `size` hundredths of a point.
    func paragraphs(_ lines: [String], size: Int, bold: Bool = false, italic: Bool = false, color: String? = nil) -> String {
        let lang = OfficeXML.escape(deck.properties.language), font = OfficeXML.escape(deck.font)
        return lines.map { line in
            var rpr = "<a:rPr lang=\"\(lang)\" sz=\"\(size)\"" + (bold ? " b=\"1\"" : "") + (italic ? " i=\"1\"" : "") + " dirty=\"0\">"
            if let color { rpr += "<a:solidFill><a:srgbClr val=\"\(color)\"/></a:solidFill>" }
            rpr += "<a:latin typeface=\"\(font)\"/><a:cs typeface=\"\(font)\"/></a:rPr>"
            return "<a:p><a:r>\(rpr)<a:t>\(OfficeXML.escape(line))</a:t></a:r></a:p>"
        }.joined()
    }

    /// A text box at the given place (EMU).
    func textBox(id: Int, name: String, _ x: Int, _ y: Int, _ cx: Int, _ cy: Int, _ paragraphs: String) -> String {
        "<p:sp><p:nvSpPr><p:cNvPr id=\"\(id)\" name=\"\(name)\"/><p:cNvSpPr txBox=\"1\"/><p:nvPr/></p:nvSpPr><p:spPr>"
            + Self.xfrm(x, y, cx, cy) + "<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>"
            + "<p:txBody><a:bodyPr wrap=\"square\" lIns=\"0\" rIns=\"0\" anchor=\"t\"><a:normAutofit/></a:bodyPr><a:lstStyle/>"
            + paragraphs + "</p:txBody></p:sp>"
    }

    /// A slide: the title in the title placeholder, the picture fitted into the room under it and centred, the
    /// sentence and the source line at the foot.
    func slide(_ s: SlideDeck.Slide, number: Int) -> String {
        let inch = Self.inch, left = inch / 2, width = SlideDeck.size.width - inch
        var x = OfficeXML.declaration + "<p:sld \(Self.ns)><p:cSld><p:spTree>" + Self.group
        x += "<p:sp><p:nvSpPr><p:cNvPr id=\"2\" name=\"Title 1\"/><p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr><p:nvPr><p:ph type=\"title\"/></p:nvPr></p:nvSpPr>"
        x += "<p:spPr>" + Self.xfrm(left, inch * 3 / 10, width, inch * 95 / 100) + "</p:spPr><p:txBody><a:bodyPr anchor=\"b\"><a:normAutofit/></a:bodyPr><a:lstStyle/>"
        x += paragraphs([s.title], size: 2600, bold: true) + "</p:txBody></p:sp>"
        // The picture: as large as fits 12⅓ × 4,4 inches, keeping its aspect ratio.
        let boxW = Double(width), boxH = Double(inch) * 4.4, top = Double(inch) * 1.3
        let k = min(boxW / Double(s.pixelSize.width), boxH / Double(s.pixelSize.height))
        let pw = Int(Double(s.pixelSize.width) * k), ph = Int(Double(s.pixelSize.height) * k)
        let px = (SlideDeck.size.width - pw) / 2, py = Int(top + (boxH - Double(ph)) / 2)
        x += "<p:pic><p:nvPicPr><p:cNvPr id=\"3\" name=\"Picture \(number)\" descr=\"\(OfficeXML.escape(s.altText))\"/>"
        x += "<p:cNvPicPr><a:picLocks noChangeAspect=\"1\"/></p:cNvPicPr><p:nvPr/></p:nvPicPr><p:blipFill><a:blip r:embed=\"rId2\"/>"
        x += "<a:stretch><a:fillRect/></a:stretch></p:blipFill><p:spPr>" + Self.xfrm(px, py, pw, ph)
        x += "<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></p:spPr></p:pic>"
        if !s.body.isEmpty {
            x += textBox(id: 4, name: "Finding", left, inch * 58 / 10, width, inch * 9 / 10, paragraphs([s.body], size: 1800))
        }
        if !s.source.isEmpty {
            x += textBox(id: 5, name: "Source", left, inch * 675 / 100, width, inch * 45 / 100,
                         paragraphs([s.source], size: 1200, italic: true, color: "595959"))
        }
        return x + "</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>"
    }

    /// The notes page of a slide: the slide's image and the speaker notes in the body placeholder.
    func notes(_ s: SlideDeck.Slide) -> String {
        var x = OfficeXML.declaration + "<p:notes \(Self.ns)><p:cSld><p:spTree>" + Self.group
        x += "<p:sp><p:nvSpPr><p:cNvPr id=\"2\" name=\"Slide Image Placeholder 1\"/><p:cNvSpPr><a:spLocks noGrp=\"1\" noRot=\"1\" noChangeAspect=\"1\"/>"
        x += "</p:cNvSpPr><p:nvPr><p:ph type=\"sldImg\"/></p:nvPr></p:nvSpPr><p:spPr/></p:sp>"
        x += "<p:sp><p:nvSpPr><p:cNvPr id=\"3\" name=\"Notes Placeholder 2\"/><p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr>"
        x += "<p:nvPr><p:ph type=\"body\" idx=\"1\"/></p:nvPr></p:nvSpPr><p:spPr/><p:txBody><a:bodyPr/><a:lstStyle/>"
        x += (s.notes.isEmpty ? "<a:p><a:endParaRPr lang=\"\(OfficeXML.escape(deck.properties.language))\"/></a:p>" : paragraphs(s.notes, size: 1200))
        return x + "</p:txBody></p:sp></p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>"
    }
}

/// The fixed parts of a deck.
enum SlideTemplates {
    static let clrMap = "<p:clrMap bg1=\"lt1\" tx1=\"dk1\" bg2=\"lt2\" tx2=\"dk2\" accent1=\"accent1\" accent2=\"accent2\" accent3=\"accent3\" "
        + "accent4=\"accent4\" accent5=\"accent5\" accent6=\"accent6\" hlink=\"hlink\" folHlink=\"folHlink\"/>"
    static let background = "<p:bg><p:bgRef idx=\"1001\"><a:schemeClr val=\"bg1\"/></p:bgRef></p:bg>"

    static func placeholder(_ id: Int, _ name: String, _ ph: String, xfrm: String, text: Bool = true) -> String {
        "<p:sp><p:nvSpPr><p:cNvPr id=\"\(id)\" name=\"\(name)\"/><p:cNvSpPr><a:spLocks noGrp=\"1\"/></p:cNvSpPr><p:nvPr>\(ph)</p:nvPr></p:nvSpPr>"
            + "<p:spPr>\(xfrm)</p:spPr>" + (text ? "<p:txBody><a:bodyPr/><a:lstStyle/><a:p><a:endParaRPr lang=\"en-US\"/></a:p></p:txBody>" : "")
            + "</p:sp>"
    }

    static let titleXfrm = SlideWriter.xfrm(457_200, 274_320, 11_277_600, 868_680)

    static let master = OfficeXML.declaration + "<p:sldMaster \(SlideWriter.ns)><p:cSld>" + background + "<p:spTree>" + SlideWriter.group
        + placeholder(2, "Title Placeholder 1", "<p:ph type=\"title\"/>", xfrm: titleXfrm)
        + "</p:spTree></p:cSld>" + clrMap
        + "<p:sldLayoutIdLst><p:sldLayoutId id=\"2147483649\" r:id=\"rId1\"/></p:sldLayoutIdLst><p:txStyles>"
        + "<p:titleStyle><a:lvl1pPr algn=\"l\"><a:defRPr sz=\"2600\" b=\"1\"><a:solidFill><a:schemeClr val=\"tx1\"/></a:solidFill>"
        + "<a:latin typeface=\"+mj-lt\"/><a:cs typeface=\"+mj-cs\"/></a:defRPr></a:lvl1pPr></p:titleStyle>"
        + "<p:bodyStyle><a:lvl1pPr><a:defRPr sz=\"1800\"><a:solidFill><a:schemeClr val=\"tx1\"/></a:solidFill><a:latin typeface=\"+mn-lt\"/></a:defRPr></a:lvl1pPr></p:bodyStyle>"
        + "<p:otherStyle><a:lvl1pPr><a:defRPr sz=\"1800\"><a:solidFill><a:schemeClr val=\"tx1\"/></a:solidFill><a:latin typeface=\"+mn-lt\"/></a:defRPr></a:lvl1pPr></p:otherStyle>"
        + "</p:txStyles></p:sldMaster>"

    static let layout = OfficeXML.declaration + "<p:sldLayout \(SlideWriter.ns) type=\"titleOnly\" preserve=\"1\"><p:cSld name=\"Title Only\"><p:spTree>"
        + SlideWriter.group + placeholder(2, "Title 1", "<p:ph type=\"title\"/>", xfrm: "")
        + "</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>"

    static let notesMaster = OfficeXML.declaration + "<p:notesMaster \(SlideWriter.ns)><p:cSld>" + background + "<p:spTree>" + SlideWriter.group
        + placeholder(2, "Slide Image Placeholder 1", "<p:ph type=\"sldImg\" idx=\"2\"/>", xfrm: SlideWriter.xfrm(381_000, 685_800, 6_096_000, 3_429_000), text: false)
        + placeholder(3, "Notes Placeholder 2", "<p:ph type=\"body\" idx=\"1\"/>", xfrm: SlideWriter.xfrm(685_800, 4_343_400, 5_486_400, 4_114_800))
        + "</p:spTree></p:cSld>" + clrMap + "</p:notesMaster>"

    /// A theme with Office's colours and `font` for headings and body.
    static func theme(_ font: String) -> String {
        let f = OfficeXML.escape(font)
        let colors: [(String, String)] = [("accent1", "1F4E79"), ("accent2", "C0504D"), ("accent3", "9BBB59"), ("accent4", "8064A2"),
                                          ("accent5", "4BACC6"), ("accent6", "F79646"), ("hlink", "0563C1"), ("folHlink", "954F72")]
        var s = OfficeXML.declaration + "<a:theme xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" name=\"Annex\"><a:themeElements>"
        s += "<a:clrScheme name=\"Annex\"><a:dk1><a:srgbClr val=\"000000\"/></a:dk1><a:lt1><a:srgbClr val=\"FFFFFF\"/></a:lt1>"
        s += "<a:dk2><a:srgbClr val=\"1F2A36\"/></a:dk2><a:lt2><a:srgbClr val=\"EEECE1\"/></a:lt2>"
        for (name, hex) in colors { s += "<a:\(name)><a:srgbClr val=\"\(hex)\"/></a:\(name)>" }
        s += "</a:clrScheme><a:fontScheme name=\"Annex\">"
        for kind in ["major", "minor"] { s += "<a:\(kind)Font><a:latin typeface=\"\(f)\"/><a:ea typeface=\"\"/><a:cs typeface=\"\(f)\"/></a:\(kind)Font>" }
        s += "</a:fontScheme><a:fmtScheme name=\"Annex\"><a:fillStyleLst>"
        s += String(repeating: "<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>", count: 3) + "</a:fillStyleLst><a:lnStyleLst>"
        for w in [6350, 12700, 19050] { s += "<a:ln w=\"\(w)\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:ln>" }
        s += "</a:lnStyleLst><a:effectStyleLst>" + String(repeating: "<a:effectStyle><a:effectLst/></a:effectStyle>", count: 3)
        s += "</a:effectStyleLst><a:bgFillStyleLst>" + String(repeating: "<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>", count: 3)
        return s + "</a:bgFillStyleLst></a:fmtScheme></a:themeElements><a:objectDefaults/><a:extraClrSchemeLst/></a:theme>"
    }
}
