import AnnexScene
import CPNGEncoder
import Foundation
import Testing
@testable import AnnexRender

/// A scene with semi-transparent marks on a transparent canvas: the RGBA path of the encoder.
func translucentScene() -> Scene {
    Scene(width: 333, height: 201, background: nil, marks: [
        .rect(RectMark(Rect(x: 10, y: 10, width: 200, height: 120), fill: Color.hex("#0072B2").withAlpha(0.5))),
        .path(PathMark([.move(Point(50, 190)), .line(Point(320, 20)), .line(Point(330, 190)), .close],
                       fill: Color.hex("#D55E00").withAlpha(0.8), stroke: Stroke(color: .black, width: 1.5))),
        .text(TextMark("Đình Lập 12,5", font: Font(size: 20), color: Color.hex("#111111").withAlpha(0.7), at: Point(20, 160))),
    ])
}

@Suite struct PNGEncoderTests {
    let renderer = Renderer()

    @Test(arguments: [false, true])
    func decodesToTheSamePixelsAsCairosOwnWriter(_ translucent: Bool) throws {
        let scene = translucent ? translucentScene() : testScene()
        let ours = try #require(DecodedPNG(try renderer.render(scene, as: .png)))
        let cairos = try #require(DecodedPNG(try renderer.renderPNGWithCairosWriter(scene)))
        #expect(ours.width == cairos.width && ours.height == cairos.height)
        #expect(ours.pixels == cairos.pixels)
    }

    /// Full-size images (megabytes of rows, RGB in place and RGBA in a scratch buffer): still the same pixels.
    @Test(arguments: [false, true])
    func largeImagesDecodeToTheSamePixels(_ translucent: Bool) throws {
        let scene = translucent ? translucentScene() : testScene()
        let ours = try #require(DecodedPNG(try renderer.render(scene, as: .png, options: RenderOptions(scale: 5))))
        let cairos = try #require(DecodedPNG(try renderer.renderPNGWithCairosWriter(scene, scale: 5)))
        #expect(ours.width == cairos.width && ours.width >= 1600)
        #expect(ours.pixels == cairos.pixels)
        #expect(try renderer.render(scene, as: .png, options: RenderOptions(scale: 5)) == (try renderer.render(scene, as: .png, options: RenderOptions(scale: 5))))
    }

    @Test func isAValidPNGWithCorrectChunks() throws {
        let png = try renderer.render(testScene(), as: .png)
        #expect(Array(png.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        // Chunk walk: lengths add up to the file, types in order, CRC-32 of type + data correct.
        var i = 8, types: [String] = []
        while i < png.count {
            let len = Int(png[i]) << 24 | Int(png[i + 1]) << 16 | Int(png[i + 2]) << 8 | Int(png[i + 3])
            let type = String(decoding: png[(i + 4)..<(i + 8)], as: UTF8.self)
            let crc = UInt32(png[i + 8 + len]) << 24 | UInt32(png[i + 9 + len]) << 16 | UInt32(png[i + 10 + len]) << 8 | UInt32(png[i + 11 + len])
            #expect(crc == crc32(Array(png[(i + 4)..<(i + 8 + len)])), "CRC of \(type)")
            types.append(type)
            i += 12 + len
        }
        #expect(i == png.count)
        #expect(types == ["IHDR", "IDAT", "IEND"])
        #expect(png[24] == 8 && png[25] == 2)     // 8-bit RGB for an opaque scene
    }

    @Test func sizeIsCloseToCairosOwnWriter() throws {
        let ours = try renderer.render(testScene(), as: .png).count
        let cairos = try renderer.renderPNGWithCairosWriter(testScene()).count
        #expect(Double(ours) <= Double(cairos) * 1.15, "\(ours) bytes against Cairo's \(cairos)")
    }

    @Test func threadsEncodeTheSameBytes() async throws {
        let expected = try renderer.render(testScene(), as: .png)
        let results = try await withThrowingTaskGroup(of: [UInt8].self) { group in
            for _ in 0..<8 { group.addTask { try Renderer().render(testScene(), as: .png) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.allSatisfy { $0 == expected })
    }

    /// One image on two threads (two bands drawn at once, two bands compressed at once) gives the bytes of one
    /// thread, and the pixels of one whole drawing through Cairo's own writer; so do images drawn by several
    /// callers at once (the band helper busy: the caller draws both bands).
    @Test(arguments: [(false, 1.0), (true, 1.0), (false, 2.0), (true, 5.0), (false, 0.3)])
    func twoThreadsGiveTheBytesOfOne(_ translucent: Bool, _ scale: Double) async throws {
        let scene = translucent ? translucentScene() : testScene()
        let one = try renderer.render(scene, as: .png, options: RenderOptions(scale: scale, threads: 1))
        let two = try renderer.render(scene, as: .png, options: RenderOptions(scale: scale, threads: 2))
        #expect(one == two)
        let ours = try #require(DecodedPNG(two)), cairos = try #require(DecodedPNG(try renderer.renderPNGWithCairosWriter(scene, scale: scale)))
        #expect(ours.pixels == cairos.pixels)
        let results = try await withThrowingTaskGroup(of: [UInt8].self) { group in
            for _ in 0..<6 { group.addTask { try Renderer().render(scene, as: .png, options: RenderOptions(scale: scale, threads: 2)) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.allSatisfy { $0 == one })
    }

    /// The strips: about 2 MiB of pixels each, an even number of them, one for an image under 64 rows; a strip
    /// given out of turn or of the wrong height is refused, and a job finished with a strip missing gives no PNG.
    @Test func stripsAreFixedByTheImageAndGivenInTurn() throws {
        #expect(annex_png_strip_rows(63, 6400) == 63)
        #expect(annex_png_strip_rows(900, 6400) == 225)           // 1600 × 900: 5,5 MiB in 4 strips
        #expect(annex_png_strip_rows(100, 6400) == 50)            // small: two halves
        #expect(annex_png_strip_rows(2111, 7796) == 264)          // a 300-dpi page figure: 8 strips
        var row = [UInt8](repeating: 0xff, count: 4 * 10 * 50)
        let job = try #require(annex_png_begin(nil, 10, 100, 40, 0, 2))
        #expect(row.withUnsafeMutableBufferPointer { annex_png_encode_strip(job, 50, $0.baseAddress, 40, 50) } == 4)
        var out: UnsafeMutablePointer<UInt8>? = nil
        var len = 0
        #expect(annex_png_finish(job, &out, &len) == 4)
        let job2 = try #require(annex_png_begin(nil, 10, 100, 40, 0, 2))
        #expect(row.withUnsafeMutableBufferPointer { annex_png_encode_strip(job2, 0, $0.baseAddress, 40, 50) } == 0)
        #expect(annex_png_finish(job2, &out, &len) == 4)
        let job3 = try #require(annex_png_begin(nil, 10, 100, 40, 0, 2))
        for top in [Int32(0), 50] {
            row = [UInt8](repeating: 0xff, count: 4 * 10 * 50)
            #expect(row.withUnsafeMutableBufferPointer { annex_png_encode_strip(job3, top, $0.baseAddress, 40, 50) } == 0)
        }
        #expect(annex_png_finish(job3, &out, &len) == 0)
        defer { annex_png_free(out) }
        let png = try #require(DecodedPNG(Array(UnsafeBufferPointer(start: out, count: len))))
        #expect(png.width == 10 && png.height == 100)
    }

    /// The joining of separately compressed segments into one zlib stream (final-block bits cleared, empty stored
    /// blocks to realign) on data of every kind, cut anywhere, including empty segments: inflating gives the input
    /// back and the Adler-32 checks.
    @Test func segmentsJoinIntoOneValidStream() throws {
        var rng = SplitMix(seed: 20201231)
        for round in 0..<240 {
            let n = Int(rng.next() % 300_000)
            let kind = round % 5
            var data = [UInt8](repeating: 0, count: n)
            for i in 0..<n {
                switch kind {
                case 0: data[i] = UInt8(truncatingIfNeeded: rng.next())                           // incompressible: stored blocks
                case 1: data[i] = i % 97 < 3 ? UInt8(truncatingIfNeeded: rng.next()) : 0           // sparse
                case 2: data[i] = Array("Lạng Sơn 11,54 xã ".utf8)[Int(rng.next() % 20)]           // text-like
                case 3: data[i] = UInt8(truncatingIfNeeded: i / 700 + (rng.next() % 40 == 0 ? 1 : 0))  // rows of an image
                default: data[i] = 0x41                                                            // one long run
                }
            }
            let count = Int(rng.next() % 5)
            let cuts = (0..<count).map { _ in n == 0 ? 0 : Int(rng.next() % UInt64(n + 1)) }.sorted()
            let level = Int32(1 + rng.next() % 12)
            var out: UnsafeMutablePointer<UInt8>? = nil
            var len = 0
            let rc = data.withUnsafeBufferPointer { d in
                cuts.withUnsafeBufferPointer { c in annex_zlib_compress_segments(d.baseAddress, n, c.baseAddress, Int32(count), level, &out, &len) }
            }
            try #require(rc == 0, "round \(round): compress returned \(rc)")
            defer { annex_png_free(out) }
            var back = [UInt8](repeating: 0, count: n + 1)
            var got = 0
            let drc = back.withUnsafeMutableBufferPointer { annex_zlib_decompress(out, len, $0.baseAddress, n + 1, &got) }
            #expect(drc == 0 && got == n && Array(back.prefix(n)) == data, "round \(round): kind \(kind), cuts \(cuts), level \(level)")
        }
    }

    /// The block walker on damaged streams: a clean refusal, never a read past the end or a hang.
    @Test func blockWalkerRefusesDamagedStreams() throws {
        var rng = SplitMix(seed: 7)
        let text = Array(String(repeating: "Bình quân tiêu chí/xã 15,57 – 16,2; ", count: 3000).utf8)
        var out: UnsafeMutablePointer<UInt8>? = nil
        var len = 0
        try #require(text.withUnsafeBufferPointer { annex_zlib_compress($0.baseAddress, $0.count, 6, &out, &len) } == 0)
        defer { annex_png_free(out) }
        let raw = Array(UnsafeBufferPointer(start: out! + 2, count: len - 6))    // without zlib header and Adler-32
        var finalBit = 0, endBit = 0
        #expect(annex_deflate_find_final_block(raw, raw.count, &finalBit, &endBit) == 1 && (endBit + 7) / 8 == raw.count)
        for cut in stride(from: 0, to: raw.count - 1, by: max(1, raw.count / 50)) {
            #expect(annex_deflate_find_final_block(Array(raw.prefix(cut)), cut, &finalBit, &endBit) == 0, "cut at \(cut)")
        }
        for _ in 0..<300 {
            let junk = (0..<Int(rng.next() % 4000)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            if annex_deflate_find_final_block(junk, junk.count, &finalBit, &endBit) == 1 {
                #expect(finalBit < endBit && endBit <= junk.count * 8)
            }
        }
    }

    func crc32(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes {
            c ^= UInt32(b)
            for _ in 0..<8 { c = (c & 1) != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
        }
        return c ^ 0xFFFF_FFFF
    }
}

@Suite struct SVGWriterTests {
    let renderer = Renderer()

    func svg(_ scene: Scene) throws -> String { String(decoding: try renderer.render(scene, as: .svg), as: UTF8.self) }

    @Test func textIsTextInNFCWithItsFontAndAnchor() throws {
        let text = try svg(testScene())
        #expect(text.contains(">\(nfcLabel)</tspan>"))
        #expect(!text.unicodeScalars.contains { $0.value == 0x031B })
        // The family, a font of its metrics that office computers have, the generic family.
        #expect(text.contains("font-family=\"'DejaVu Sans', Verdana, sans-serif\" font-size=\"24\" font-weight=\"700\" text-anchor=\"middle\""))
        #expect(SVGWriter.familyList("Liberation Serif") == "'Liberation Serif', 'Times New Roman', serif")
        #expect(text.contains("transform=\"translate(20 150) rotate(-90)\""))
        #expect(text.contains("data-id=\"polygon-with-hole\""))
        #expect(text.contains("fill-rule=\"evenodd\"") && text.contains("stroke-dasharray=\"4 2\""))
        #expect(text.contains("<clipPath id=\"clip1\">"))
        let (status, _, err) = try runTool("xmllint", ["--noout", "-"], stdin: Array(text.utf8))
        #expect(status == 0, "\(err)")
    }

    /// Text marks hold NFC: strings already in it (ASCII, precomposed Vietnamese, dashes) come back as they are;
    /// decomposed letters, combining marks and singletons such as the ohm sign are normalised.
    @Test func textMarksNormaliseToNFC() {
        for s in ["Lạng Sơn 11,54", "Đình Lập – Hữu Lũng…", "Tiêu chí “19”", "plain ASCII", ""] {
            #expect(s.nfc.unicodeScalars.elementsEqual(s.precomposedStringWithCanonicalMapping.unicodeScalars), "\(s)")
        }
        let decomposed = "Le\u{0323}ng So\u{031B}n", ohm = "10 \u{2126}", greek = "\u{03B1}\u{0301}"
        for s in [decomposed, ohm, greek, "a\u{0300}"] {
            #expect(s.nfc.unicodeScalars.elementsEqual(s.precomposedStringWithCanonicalMapping.unicodeScalars), "\(s)")
            #expect(!s.nfc.unicodeScalars.elementsEqual(s.unicodeScalars))
        }
        #expect(TextMark(decomposed, font: Font(size: 10), at: Point(0, 0)).text.unicodeScalars.count == 8)
    }

    @Test func wrappedTextGivesOneLinePerTspanAndElidedTextEndsInAnEllipsis() throws {
        let long = "Xã đặc biệt khó khăn, xã biên giới và xã an toàn khu của tỉnh Lạng Sơn"
        let scene = Scene(width: 300, height: 200, marks: [
            .text(TextMark(long, font: Font(size: 14), at: Point(10, 10), baseline: .top, maxWidth: 120, overflow: .wrap(maxLines: nil), id: "wrapped")),
            .text(TextMark(long, font: Font(size: 14), at: Point(10, 150), maxWidth: 120, overflow: .ellipsis, id: "elided")),
        ])
        let text = try svg(scene)
        let wrapped = text.components(separatedBy: "data-id=\"wrapped\"")[1].components(separatedBy: "</text>")[0]
        let lines = wrapped.components(separatedBy: "<tspan").count - 1
        let measured = PangoTextMeasurer().measure(long, font: Font(size: 14), maxWidth: 120)
        #expect(lines == measured.lineCount && lines > 2)
        // Every word is there, in order, across the lines.
        let words = wrapped.components(separatedBy: ">").filter { $0.contains("</tspan") }.map { $0.components(separatedBy: "</tspan")[0] }
        #expect(words.joined(separator: " ") == long)
        let elided = text.components(separatedBy: "data-id=\"elided\"")[1].components(separatedBy: "</text>")[0]
        #expect(elided.contains("…</tspan>") && elided.components(separatedBy: "<tspan").count == 2)
    }

    @Test func theSameSceneGivesTheSameBytesAndPathsModeStillWorks() throws {
        let a = try renderer.render(testScene(), as: .svg), b = try renderer.render(testScene(), as: .svg)
        #expect(a == b)
        let paths = String(decoding: try renderer.render(testScene(), as: .svg, options: RenderOptions(svgText: .paths)), as: UTF8.self)
        #expect(!paths.contains("<text") && paths.contains("<title>Thử nghiệm</title>"))
    }

    @Test func numbersHaveAtMostTwoDecimals() throws {
        let scene = Scene(width: 100.5, height: 50, marks: [.rect(RectMark(Rect(x: 1.23456, y: -0.004, width: 10.999, height: 3), fill: .black))])
        let text = try svg(scene)
        #expect(text.contains("width=\"100.5px\""))
        #expect(text.contains("<rect x=\"1.23\" y=\"0\" width=\"11\" height=\"3\""))
    }
}

@Suite struct PDFWriterTests {
    let renderer = Renderer()

    /// The PDF, rasterised by poppler at 96 dpi, looks like the PNG renderer's picture.
    @Test func rasterisedPDFMatchesThePNG() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data(try renderer.render(testScene(), as: .pdf)).write(to: URL(fileURLWithPath: dir + "/t.pdf"))
        let (status, _, err) = try runTool("pdftoppm", ["-r", "96", "-png", "-singlefile", dir + "/t.pdf", dir + "/t"])
        #expect(status == 0, "\(err)")
        let fromPDF = try #require(DecodedPNG(Array(try Data(contentsOf: URL(fileURLWithPath: dir + "/t.png")))))
        let png = try #require(DecodedPNG(try renderer.render(testScene(), as: .png)))
        #expect(fromPDF.width == png.width && fromPDF.height == png.height)
        var total = 0.0, far = 0
        for y in 0..<png.height { for x in 0..<png.width {
            let a = fromPDF.rgb(x, y), b = png.rgb(x, y)
            let d = abs(Double(a.0) - Double(b.0)) + abs(Double(a.1) - Double(b.1)) + abs(Double(a.2) - Double(b.2))
            total += d
            if d > 3 * 96 { far += 1 }
        } }
        // Anti-aliasing differs between rasterisers; shapes, colours and text positions must not.
        #expect(total / Double(png.width * png.height) < 3, "mean difference \(total / Double(png.width * png.height))")
        #expect(Double(far) / Double(png.width * png.height) < 0.01, "\(far) pixels differ a lot")
    }

    @Test func fontsAreEmbeddedSubsetsWithUnicodeMaps() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data(try renderer.render(testScene(), as: .pdf)).write(to: URL(fileURLWithPath: dir + "/t.pdf"))
        let fonts = try runTool("pdffonts", [dir + "/t.pdf"]).1.split(separator: "\n").dropFirst(2)
        #expect(fonts.count == 2)    // DejaVu Sans and DejaVu Sans Bold
        for f in fonts {
            let cols = f.split(separator: " ", omittingEmptySubsequences: true)
            #expect(cols[0].count > 7 && cols[0].dropFirst(6).hasPrefix("+DejaVuSans"), "\(f)")
            #expect(cols.contains("Identity-H") && cols.filter { $0 == "yes" }.count == 3, "embedded, subset, unicode: \(f)")
        }
        let cairo = try renderer.render(testScene(), as: .pdf, options: RenderOptions(pdfWriter: .cairo))
        #expect(String(decoding: cairo.prefix(8), as: UTF8.self).hasPrefix("%PDF-1."))
    }

    @Test func subsetKeepsOnlyUsedGlyphs() throws {
        let one = try renderer.render(Scene(width: 200, height: 100, marks: [.text(TextMark("a", font: Font(size: 12), at: Point(10, 50)))]), as: .pdf)
        let many = try renderer.render(Scene(width: 200, height: 100, marks: [.text(TextMark("Bình quân tiêu chí/xã — tỉnh Lạng Sơn, 2018–2020 ĐBKK",
                                                                                              font: Font(size: 12), at: Point(10, 50)))]), as: .pdf)
        #expect(one.count < many.count && one.count < 20_000, "\(one.count) bytes for one glyph")
    }
}

@Suite struct PDFWriterEdgeTests {
    /// Group opacity (a transparency group), a glyph the font lacks, huge and negative numbers, an empty page:
    /// poppler reads every one without a complaint.
    @Test func unusualScenesGiveCleanPDFs() throws {
        let scenes = [
            Scene(width: 300, height: 200, marks: [
                .group(GroupMark([.rect(RectMark(Rect(x: 10, y: 10, width: 100, height: 80), fill: .hex("#0072B2"))),
                                  .text(TextMark("Mờ 50 %", font: Font(size: 18), at: Point(20, 60)))], opacity: 0.5)),
                .text(TextMark("Ký tự lạ: \u{1F600} \u{E000}", font: Font(size: 14), at: Point(10, 150))),
                .rect(RectMark(Rect(x: -1e20, y: 1e20, width: -5, height: 3), fill: .black)),
            ]),
            Scene(width: 100, height: 100, marks: []),
        ]
        for (i, scene) in scenes.enumerated() {
            let dir = try temporaryFolder()
            defer { try? FileManager.default.removeItem(atPath: dir) }
            let pdf = try Renderer().render(scene, as: .pdf)
            try Data(pdf).write(to: URL(fileURLWithPath: dir + "/t.pdf"))
            let (status, _, err) = try runTool("pdftoppm", ["-r", "30", "-png", dir + "/t.pdf", dir + "/p"])
            #expect(status == 0 && err.isEmpty, "scene \(i): \(err)")
            let text = try runTool("pdftotext", [dir + "/t.pdf", "-"]).1
            if i == 0 { #expect(text.contains("Mờ 50 %") && text.contains("Ký tự lạ")) }
        }
    }
}

@Suite struct SVGWriterEdgeTests {
    @Test func unusualScenesGiveWellFormedSVG() throws {
        let scene = Scene(width: 300, height: 200, marks: [
            .group(GroupMark([.text(TextMark("A\u{0B}B <&> \"q\"", font: Font(size: 18), at: Point(20, 60)))],
                             transform: AffineTransform(a: 0.30234, b: 0, c: 0, d: 0.30234, tx: 5, ty: 5),
                             clip: Rect(x: 0, y: 0, width: 300, height: 200), clipPath: [.move(Point(0, 0)), .line(Point(300, 0)), .line(Point(0, 200)), .close],
                             opacity: 0.5)),
            .rect(RectMark(Rect(x: 50, y: 50, width: -20, height: -10), fill: .black, id: "negative")),
            .rect(RectMark(Rect(x: -1e20, y: 1e20, width: 5, height: 3), fill: .black)),
        ])
        let svg = try Renderer().render(scene, as: .svg)
        let (status, _, err) = try runTool("xmllint", ["--noout", "-"], stdin: svg)
        #expect(status == 0, "\(err)")
        let text = String(decoding: svg, as: UTF8.self)
        #expect(text.contains("matrix(0.30234 0 0 0.30234 5 5)"))
        #expect(text.contains("data-id=\"negative\" x=\"30\" y=\"40\" width=\"20\" height=\"10\""))
        #expect(text.contains("clip1") && text.contains("clip2"))     // the rectangle and the outline, nested
        #expect(text.contains(">AB &lt;&amp;&gt; &quot;q&quot;</tspan>"))
    }
}

/// A small deterministic generator for test data.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
