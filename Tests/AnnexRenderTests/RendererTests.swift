import AnnexIO
import AnnexScene
import Foundation
import Testing
@testable import AnnexRender

/// "Hữu Lũng" with every mark decomposed (NFD): u + horn + tilde, u + tilde.
let nfdLabel = "H\u{0075}\u{031B}\u{0303}u L\u{0075}\u{0303}ng"
let nfcLabel = "Hữu Lũng"

func testScene(label: String = nfdLabel) -> Scene {
    Scene(width: 400, height: 300, background: .white, marks: [
        .rect(RectMark(Rect(x: 40, y: 60, width: 120, height: 180), fill: .hex("#2B6A9E"), id: "bar")),
        .path(PathMark([.move(Point(200, 60)), .line(Point(360, 60)), .line(Point(360, 240)), .line(Point(200, 240)), .close,
                        .move(Point(250, 110)), .line(Point(250, 190)), .line(Point(310, 190)), .line(Point(310, 110)), .close],
                       fill: .hex("#E69F00"), fillRule: .evenOdd, stroke: Stroke(color: .black, width: 2, dash: [4, 2]),
                       id: "polygon-with-hole")),
        .group(GroupMark([
            .text(TextMark(label, font: Font(size: 24, weight: .bold), at: Point(0, 0), anchor: .middle, baseline: .middle)),
        ], transform: .translation(200, 30), clip: Rect(x: -200, y: -30, width: 400, height: 60))),
        .text(TextMark("Tiêu chí/xã", font: Font(size: 14), at: Point(20, 150), anchor: .middle, baseline: .top, rotation: -90)),
    ], metadata: DocumentMetadata(title: "Thử nghiệm", description: "Một cảnh thử", author: "Annex", created: "2020-02-12T00:00:00"))
}

@Suite struct RendererTests {
    let renderer = Renderer()

    @Test func pngPixelsInsideShapesHaveTheirColours() throws {
        let png = try #require(DecodedPNG(try renderer.render(testScene(), as: .png)))
        #expect(png.width == 400 && png.height == 300)
        #expect(png.rgb(100, 150) == (0x2B, 0x6A, 0x9E))      // inside the rectangle
        #expect(png.rgb(220, 80) == (0xE6, 0x9F, 0x00))       // inside the polygon
        #expect(png.rgb(280, 150) == (0xFF, 0xFF, 0xFF))      // inside its hole (even-odd)
        #expect(png.rgb(5, 295) == (0xFF, 0xFF, 0xFF))        // background
    }

    @Test func pngScaleMultipliesPixels() throws {
        let png = try #require(DecodedPNG(try renderer.render(testScene(), as: .png, options: RenderOptions(scale: 2))))
        #expect(png.width == 800 && png.height == 600)
        #expect(png.rgb(200, 300) == (0x2B, 0x6A, 0x9E))
    }

    @Test func svgIsWellFormedWithPixelUnitsAndTitle() throws {
        let svg = try renderer.render(testScene(), as: .svg)
        let (status, _, err) = try runTool("xmllint", ["--noout", "-"], stdin: svg)
        #expect(status == 0, "\(err)")
        let text = String(decoding: svg, as: UTF8.self)
        #expect(text.contains("width=\"400px\"") && text.contains("height=\"300px\""))
        #expect(text.contains("<title>Thử nghiệm</title>"))
    }

    @Test func pdfTextIsNFCVietnamese() throws {
        let pdf = try renderer.render(testScene(), as: .pdf)
        let (status, text, err) = try runTool("pdftotext", ["-enc", "UTF-8", "-", "-"], stdin: pdf)
        #expect(status == 0, "\(err)")
        #expect(text.unicodeScalars.contains { $0 == "ữ" } && text.contains(nfcLabel))
        #expect(!text.unicodeScalars.contains { $0.value == 0x031B || $0.value == 0x0303 })
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try AtomicFile.write(pdf, to: dir + "/t.pdf")
        let info = try runTool("pdfinfo", ["-isodates", dir + "/t.pdf"]).1
            .split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ") }
        #expect(info.contains("Title: Thử nghiệm"))
        #expect(info.contains("Creator: Annex"))
        #expect(info.contains("CreationDate: 2020-02-12T00:00:00Z"))   // the scene's date, not today's
        #expect(info.contains("Page size: 300 x 225 pts"))
    }

    @Test(arguments: OutputFormat.allCases)
    func renderingTwiceGivesTheSameBytes(_ format: OutputFormat) throws {
        let a = try renderer.render(testScene(), as: format)
        let b = try renderer.render(testScene(), as: format)
        #expect(a == b)
        #expect(a.count > 500)
    }

    @Test func svgSurfaceIdsAreRenumbered() {
        let raw = "<g id=\"surface1234\"><use xlink:href=\"#surface1240\"/><use xlink:href=\"#surface1234\"/></g>"
        #expect(SVGPostProcessor.renumberSurfaces(raw)
                == "<g id=\"surface1\"><use xlink:href=\"#surface2\"/><use xlink:href=\"#surface1\"/></g>")
    }

    /// New files get what the umask allows (not mkstemp's 0600, not a fixed 0644); a file written over keeps its
    /// permissions.
    @Test func writtenFilesHonourTheUmaskAndKeepTheirPermissions() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        func mode(_ p: String) throws -> Int { try #require(FileManager.default.attributesOfItem(atPath: p)[.posixPermissions] as? Int) }
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let mask = try #require(status.split(separator: "\n").first { $0.hasPrefix("Umask:") }
            .flatMap { Int($0.dropFirst(6).trimmingCharacters(in: .whitespaces), radix: 8) })
        try AtomicFile.write("a", to: dir + "/new.txt")
        #expect(try mode(dir + "/new.txt") == 0o666 & ~mask)
        for kept in [0o600, 0o640, 0o664] {
            try FileManager.default.setAttributes([.posixPermissions: kept], ofItemAtPath: dir + "/new.txt")
            try AtomicFile.write("b", to: dir + "/new.txt")
            #expect(try mode(dir + "/new.txt") == kept)
            #expect(try String(contentsOfFile: dir + "/new.txt", encoding: .utf8) == "b")
        }
    }

    @Test func writingIntoAnUnwritableFolderThrowsAndLeavesNoFile() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // A folder that is a file: no process, root included, can create files in it.
        let notAFolder = dir + "/plain-file"
        try AtomicFile.write("x", to: notAFolder)
        #expect {
            try renderer.write(testScene(), to: notAFolder + "/chart.png")
        } throws: { error in
            guard case .write(let e) = error as? RenderError else { return false }
            return e.step == .createTemporary && e.path == notAFolder + "/chart.png"
        }
        // /proc refuses new files even to root.
        #expect(throws: RenderError.self) { try renderer.write(testScene(), to: "/proc/annex-chart.pdf") }
        #expect(!FileManager.default.fileExists(atPath: "/proc/annex-chart.pdf"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["plain-file"])
    }

    @Test func aFailedRenderKeepsTheExistingFile() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/chart.png"
        try renderer.write(testScene(), to: path)
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        var broken = testScene()
        broken.marks.append(.rect(RectMark(Rect(x: .nan, y: 0, width: 1, height: 1), id: "broken")))
        #expect {
            try renderer.write(broken, to: path)
        } throws: { error in
            guard case .invalidScene(let why) = error as? RenderError else { return false }
            return why.contains("/broken") && why.contains("non-finite")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["chart.png"])
    }

    @Test func writeNamesTheFormatFromTheExtension() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(throws: RenderError.self) { try renderer.write(testScene(), to: dir + "/chart.gif") }
        try renderer.write(testScene(), to: dir + "/chart.PDF")
        let head = try Data(contentsOf: URL(fileURLWithPath: dir + "/chart.PDF")).prefix(5)
        #expect(Array(head) == Array("%PDF-".utf8))
    }

    @Test func badCanvasSizesAreRejected() {
        #expect(throws: RenderError.self) { try renderer.render(Scene(width: 0, height: 10), as: .png) }
        #expect(throws: RenderError.self) {
            try renderer.render(Scene(width: 20000, height: 10), as: .png, options: RenderOptions(scale: 2))
        }
    }
}

@Suite struct PangoTextMeasurerTests {
    let m = PangoTextMeasurer()

    @Test func widerTextMeasuresWider() {
        let f = Font(size: 20)
        let a = m.measure("11,54", font: f), b = m.measure("11,54 tiêu chí", font: f)
        #expect(a.width > 20 && b.width > a.width)
        #expect(a.height > 20 && a.height < 30)
        #expect(a.baseline > 15 && a.baseline < a.height)
        #expect(m.measure("x", font: f.withWeight(.bold)).width >= m.measure("x", font: f).width)
    }

    @Test func nfdAndNFCMeasureTheSame() {
        let f = Font(size: 20)
        #expect(m.measure(nfdLabel, font: f) == m.measure(nfcLabel, font: f))
    }

    @Test func wrappingAndEllipsis() {
        let f = Font(size: 20)
        let long = "Xã đặc biệt khó khăn tỉnh chỉ đạo điểm"
        let one = m.measure(long, font: f)
        let wrapped = m.measure(long, font: f, maxWidth: 200)
        #expect(one.lineCount == 1 && wrapped.lineCount > 1)
        #expect(wrapped.width <= 200)
        let capped = m.measure(long, font: f, maxWidth: 200, overflow: .wrap(maxLines: 2))
        #expect(capped.lineCount == 2 && capped.isTruncated)
        let ell = m.measure(long, font: f, maxWidth: 200, overflow: .ellipsis)
        #expect(ell.lineCount == 1 && ell.isTruncated && ell.width <= 200)
    }
}
