import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import ZIPFoundation
@testable import AnnexOffice

/// A 1×1 PNG (a white pixel).
let tinyPNG: [UInt8] = [
    0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00, 0x00, 0x01,
    0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x77, 0x53, 0xDE, 0x00, 0x00, 0x00, 0x0C, 0x49, 0x44, 0x41,
    0x54, 0x08, 0xD7, 0x63, 0xF8, 0xFF, 0xFF, 0x3F, 0x00, 0x05, 0xFE, 0x02, 0xFE, 0xDC, 0xCC, 0x59, 0xE7, 0x00, 0x00, 0x00,
    0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
]

/// The entries of a zip, in order, with their text (XML parts) or bytes.
func entries(_ data: Data) throws -> [(path: String, bytes: Data)] {
    let archive = try Archive(data: data, accessMode: .read)
    return try archive.map { e in
        var out = Data()
        _ = try archive.extract(e) { out.append($0) }
        return (e.path, out)
    }
}

func text(_ data: Data, _ path: String) throws -> String {
    let e = try #require(try entries(data).first { $0.path == path }, "no part \(path)")
    return String(decoding: e.bytes, as: UTF8.self)
}

/// Every XML part parses as XML.
func allPartsParse(_ data: Data) throws {
    for e in try entries(data) where e.path.hasSuffix(".xml") || e.path.hasSuffix(".rels") {
        let parser = XMLParser(data: e.bytes)
        #expect(parser.parse(), "\(e.path): \(parser.parserError.map { "\($0)" } ?? "")")
    }
}

func sampleDocument() -> WordDocument {
    var p = WordDocument.Properties(title: "Phụ lục <A&B>")
    p.date = "2020-07-21"
    var doc = WordDocument(properties: p)
    doc.blocks = [
        .paragraph(.init("PHỤ LỤC", bold: true, alignment: .center)),
        .contents(title: "Mục lục"),
        .pageBreak,
        .caption("Biểu đồ 1. Số xã \"đạt\" chuẩn"),
        .figure(.init(png: tinyPNG, svg: Array("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".utf8), width: 165, height: 90,
                      altText: "Toàn tỉnh: 11,54 < 12", name: "Biểu đồ 1")),
        .section(.landscape),
        .caption("Biểu 01. Bình quân tiêu chí/xã"),
        .table(.init(columns: [.init(width: 10, alignment: .center), .init(width: 60), .init(width: 30, alignment: .right)],
                     header: [["STT", "Nhóm xã", "Năm 2019"]],
                     body: [[.init("1"), .init("Xã biên giới"), .init("10,60")], [.init(""), .init("Tổng", bold: true), .init("4.111,5", fill: "DFF1E4")]])),
        .section(.portrait),
        .heading("Nhận định chính", level: 1),
        .paragraph(.init([.init("Đậm", bold: true), .init(" nghiêng\tsau tab\ndòng mới", italic: true)])),
    ]
    return doc
}

@Suite struct WordDocumentTests {
    @Test func partsAreInAFixedOrderAndParse() throws {
        let data = try sampleDocument().data()
        let paths = try entries(data).map(\.path)
        #expect(paths.first == "[Content_Types].xml")
        #expect(paths.contains("word/media/image1.png") && paths.contains("word/media/image1.svg"))
        try allPartsParse(data)
    }

    @Test func sameDocumentSameBytes() throws {
        #expect(try sampleDocument().data() == (try sampleDocument().data()))
    }

    @Test func zipTimesAreTheDocumentsDateNotTheClock() throws {
        let archive = try Archive(data: try sampleDocument().data(), accessMode: .read)
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = .current
        for e in archive {
            let d = try #require(e.fileAttributes[.modificationDate] as? Date)
            let c = cal.dateComponents([.year, .month, .day], from: d)
            #expect(c.year == 2020 && c.month == 7 && c.day == 21, "\(e.path): \(d)")
        }
        #expect(try text(try sampleDocument().data(), "docProps/core.xml").contains("2020-07-21T00:00:00Z"))
    }

    @Test func textIsEscapedAndNFC() throws {
        var doc = sampleDocument()
        let decomposed = "Lạng Sơn".decomposedStringWithCanonicalMapping
        doc.blocks.append(.paragraph(.init(decomposed + " <&> \u{1}")))
        let xml = try text(try doc.data(), "word/document.xml")
        #expect(xml.contains("Lạng Sơn &lt;&amp;&gt; "))
        // Swift compares strings by canonical equivalence: compare the bytes.
        let bytes = Data(xml.utf8)
        #expect(bytes.range(of: Data(decomposed.utf8)) == nil)
        #expect(bytes.range(of: Data("Lạng Sơn".precomposedStringWithCanonicalMapping.utf8)) != nil)
        #expect(xml.contains("Biểu đồ 1. Số xã &quot;đạt&quot; chuẩn"))
        #expect(try text(try doc.data(), "docProps/core.xml").contains("Phụ lục &lt;A&amp;B&gt;"))
    }

    @Test func tableHeaderRepeatsAndCellsAreNative() throws {
        let xml = try text(try sampleDocument().data(), "word/document.xml")
        #expect(xml.components(separatedBy: "<w:tblHeader/>").count == 2)
        #expect(xml.contains("<w:gridCol w:w=\"567\"/>"))   // 10 mm
        #expect(xml.contains("w:fill=\"DFF1E4\""))
        #expect(xml.contains(">4.111,5<"))
    }

    @Test func pageSetupIsDecree30() throws {
        let xml = try text(try sampleDocument().data(), "word/document.xml")
        // A4 portrait, then a landscape section, then portrait; margins 20/15/20/30 mm; titlePg on the first only.
        #expect(xml.contains("<w:pgSz w:w=\"11906\" w:h=\"16838\"/>"))
        #expect(xml.contains("<w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\"/>"))
        #expect(xml.contains("<w:pgMar w:top=\"1134\" w:right=\"850\" w:bottom=\"1134\" w:left=\"1701\""))
        #expect(xml.components(separatedBy: "<w:titlePg/>").count == 2)
        #expect(xml.components(separatedBy: "<w:sectPr>").count == 4)
        let header = try text(try sampleDocument().data(), "word/header1.xml")
        #expect(header.contains(" PAGE ") && header.contains("<w:jc w:val=\"center\"/>"))
        #expect(!(try text(try sampleDocument().data(), "word/header2.xml")).contains("PAGE"))
    }

    @Test func contentsListsHeadingsAndCaptionsInAdvance() throws {
        let xml = try text(try sampleDocument().data(), "word/document.xml")
        #expect(xml.contains("TOC \\o &quot;1-3&quot; \\h \\z \\u") || xml.contains("TOC \\o \"1-3\" \\h \\z \\u"))
        let toc = xml.components(separatedBy: "<w:hyperlink w:anchor=")
        #expect(toc.count == 4)   // Biểu đồ 1, Biểu 01, Nhận định chính
        #expect(xml.contains("w:name=\"_Toc00000001\""))
        #expect(xml.contains("<w:outlineLvl w:val=\"0\"/>"))
    }

    @Test func figureHasPNGAndSVG() throws {
        let data = try sampleDocument().data()
        let xml = try text(data, "word/document.xml")
        #expect(xml.contains("asvg:svgBlip"))
        #expect(xml.contains("cx=\"5940000\""))   // 165 mm
        #expect(xml.contains("descr=\"Toàn tỉnh: 11,54 &lt; 12\""))
        #expect(try text(data, "[Content_Types].xml").contains("image/svg+xml"))
        #expect(try text(data, "word/_rels/document.xml.rels").contains("media/image1.svg"))
    }

    @Test func badBlocksAreLocatedErrors() throws {
        var doc = sampleDocument()
        doc.blocks.append(.table(.init(columns: [.init(width: 10)], header: [["a"]], body: [[.init("1"), .init("2")]])))
        #expect(throws: OfficeError.invalid("block 12: row 1 has 2 cells, expected 1 (one per column)")) { try doc.data() }
        var doc2 = sampleDocument()
        doc2.blocks.append(.figure(.init(png: [1, 2, 3], width: 10, height: 10, altText: "", name: "x")))
        #expect(throws: OfficeError.self) { try doc2.data() }
    }
}

func sampleDeck() -> SlideDeck {
    var p = WordDocument.Properties(title: "Annex")
    p.date = "2020-07-21"
    var deck = SlideDeck(properties: p)
    deck.slides = (1...2).map { i in
        SlideDeck.Slide(title: "Biểu đồ \(i). Số xã <đạt> chuẩn", png: tinyPNG, pixelSize: (1920, 685), altText: "alt & \(i)",
                        body: "Năm 2019, bình quân 01 xã đạt 11,54 tiêu chí.", source: "Nguồn: UBND tỉnh", notes: ["Ghi chú: a", "b"])
    }
    return deck
}

@Suite struct SlideDeckTests {
    @Test func partsParseAndAreComplete() throws {
        let data = try sampleDeck().data()
        let paths = try entries(data).map(\.path)
        #expect(paths.first == "[Content_Types].xml")
        for p in ["ppt/presentation.xml", "ppt/slideMasters/slideMaster1.xml", "ppt/slideLayouts/slideLayout1.xml", "ppt/theme/theme1.xml",
                  "ppt/notesMasters/notesMaster1.xml", "ppt/slides/slide2.xml", "ppt/notesSlides/notesSlide2.xml", "ppt/media/image2.png"] {
            #expect(paths.contains(p), "\(p)")
        }
        try allPartsParse(data)
    }

    @Test func slidesAre16By9WithTitleTextAndNotes() throws {
        let data = try sampleDeck().data()
        #expect(try text(data, "ppt/presentation.xml").contains("<p:sldSz cx=\"12192000\" cy=\"6858000\"/>"))
        let slide = try text(data, "ppt/slides/slide1.xml")
        #expect(slide.contains("<p:ph type=\"title\"/>"))
        #expect(slide.contains("Biểu đồ 1. Số xã &lt;đạt&gt; chuẩn"))
        #expect(slide.contains("descr=\"alt &amp; 1\""))
        #expect(slide.contains("Nguồn: UBND tỉnh"))
        // The picture keeps its aspect: 1920 × 685 px in 12⅓ × 4,4 in.
        #expect(slide.contains("<a:ext cx=\"11277155\" cy=\"4023360\"/>"))
        let notes = try text(data, "ppt/notesSlides/notesSlide1.xml")
        #expect(notes.contains("<p:ph type=\"body\" idx=\"1\"/>") && notes.contains("Ghi chú: a"))
    }

    @Test func sameDeckSameBytes() throws {
        #expect(try sampleDeck().data() == (try sampleDeck().data()))
    }

    @Test func aPictureThatIsNotPNGIsAnError() throws {
        var deck = sampleDeck()
        deck.slides[1].png = [0, 1]
        #expect(throws: OfficeError.invalid("slide 2: the picture is not a PNG")) { try deck.data() }
    }
}

@Suite struct OfficePackageTests {
    @Test func twoPartsOfOneNameAreAnError() {
        #expect(throws: OfficeError.zip("two parts are named a.xml")) {
            try OfficePackage.zip([OfficePart("a.xml", xml: "<a/>"), OfficePart("a.xml", xml: "<b/>")])
        }
    }

    @Test func escapingDropsControlCharacters() {
        #expect(OfficeXML.escape("a\u{0}b\u{1F}c\td'e\"") == "abc\td&apos;e&quot;")
    }
}
