import AnnexCharts
import AnnexChartSpec
@testable import AnnexRender
import AnnexScene
import Foundation
import Testing
@testable import AnnexReport

/// The three reference charts of Benchmarks/reference, checked against the geometry that defines them
/// (the peer baseline's chart definitions: positions measured from matplotlib, or given in px).
@Suite struct ReferenceChartTests {
    func scene(_ name: String) throws -> Scene {
        try ChartSpec.load(path: repoRoot + "/Benchmarks/reference/\(name).yaml").chart.scene(measurer: PangoTextMeasurer())
    }

    func rect(_ s: Scene, _ id: String) throws -> Rect {
        guard case .rect(let r) = try #require(s.mark(id: id)).mark else { Issue.record("\(id) is not a rectangle"); return .init(x: 0, y: 0, width: 0, height: 0) }
        return r.rect
    }

    func text(_ s: Scene, _ id: String) throws -> TextMark {
        guard case .text(let t) = try #require(s.mark(id: id), "\(id)").mark else { Issue.record("\(id) is not text"); throw CancellationError() }
        return t
    }

    static let districts = ["Bắc Sơn", "Bình Gia", "Cao Lộc", "Chi Lăng", "Đình Lập", "Hữu Lũng", "Lộc Bình", "Tràng Định", "Văn Lãng", "Văn Quan"]

    @Test func barsStandWhereMatplotlibPutsThem() throws {
        let s = try scene("bar")
        for (c, d) in Self.districts.enumerated() {
            for (si, year) in ["2018", "2019", "2020"].enumerated() {
                let r = try rect(s, BarChart.barID(d, year))
                let value = ((7.0 + Double((c * 37) % 11) * 0.6 + Double(si) * 1.4) * 10).rounded() / 10
                // Centre: 301.67 + 115.185 c px, then the series' slot within the 0.8-wide group.
                let centre = 301.67 + 115.185 * Double(c) + (-0.4 + 0.8 / 3 * (Double(si) + 0.5)) * 115.185
                #expect(abs(r.midX - centre) < 0.05, "\(d) \(year): centre \(r.midX), expected \(centre)")
                #expect(abs(r.width - 29.18) < 0.02)
                #expect(abs(r.maxY - 801) < 1e-9 && abs(r.minY - (801 - value * 34.65)) < 1e-6)
                let label = try text(s, "value/\(d)/\(year)")
                #expect(label.text == NumberFormatFixture.vi1(value))
                #expect(abs(label.position.y - (r.minY - 4.17)) < 1e-9 && label.verticalAnchor == .bottom)
            }
        }
        #expect(try text(s, "tick/10").text == "20")
        #expect(try text(s, "legend/2019").text == "Năm 2019")
        #expect(try text(s, "y_title").rotation == -90)
        #expect(try text(s, "title").text == "Bình quân tiêu chí/xã — tỉnh Lạng Sơn, 2018–2020")
    }

    @Test func linesPointsBandAndLabelsFollowTheirScales() throws {
        let s = try scene("line")
        func y(_ v: Double) -> Double { 800 - v * 670 / 19 }
        let band = try rect(s, "target/0")
        #expect(abs(band.minY - 376.84) < 0.01 && abs(band.maxY - 394.47) < 0.01 && band.minX == 100 && band.maxX == 1340)
        // Direct labels: baselines given by the definition.
        let expected = ["Toàn tỉnh": 371.26, "Xã biên giới": 395.95, "Xã ĐBKK chỉ đạo điểm": 187.89, "Xã do huyện lựa chọn": 459.42]
        for (name, baseline) in expected {
            let t = try text(s, "label/\(name)")
            #expect(abs(t.position.y - baseline) < 0.01 && t.position.x == 1290, "\(name)")
        }
        // The 2011 point of Toàn tỉnh (3,8) at (162, y(3,8)); the 2020 point is hollow.
        guard case .path(let first) = try #require(s.mark(id: "point/Toàn tỉnh/0")).mark,
              case .path(let last) = try #require(s.mark(id: "point/Toàn tỉnh/9")).mark else { Issue.record("points"); return }
        let b = try #require(first.controlBounds)
        #expect(abs(b.midX - 162) < 1e-9 && abs(b.midY - y(3.8)) < 1e-9 && abs(b.width - 9) < 1e-9)
        #expect(last.fill == .white && last.stroke?.width == 2)
        guard case .path(let dashed) = try #require(s.mark(id: "line-estimate/Toàn tỉnh")).mark else { Issue.record("dash"); return }
        #expect(dashed.stroke?.dash == [6, 4] && dashed.elements.count == 2)
        #expect((0..<8).map { (try? text(s, "tick/\($0)").text) ?? "" } == ["0", "2,5", "5", "7,5", "10", "12,5", "15", "17,5"])
    }

    @Test func mapLabelsSitAtTheirCentroidsWithQuantileClasses() throws {
        let s = try scene("map")
        // code: (class, label point) from the definition.
        let table: [String: (Int, Double, Double)] = [
            "178": (2, 628.5, 509.3), "180": (3, 445.6, 212.3), "181": (1, 358.5, 370.6), "182": (4, 530.2, 370.9),
            "183": (2, 689.1, 475.4), "184": (0, 498.8, 516.5), "185": (4, 332.1, 524.8), "186": (1, 378.5, 702.4),
            "187": (4, 549.8, 630.1), "188": (3, 752.3, 616.1), "189": (0, 871.3, 718.4)]
        let palette = ["#EDF8E9", "#BAE4B3", "#74C476", "#31A354", "#006D2C"].map(Color.hex)
        for (code, (cls, cx, cy)) in table {
            let name = try text(s, "label/\(code)")
            #expect(abs(name.position.x - cx) < 0.1 && abs(name.position.y - (cy - 3)) < 0.1, "\(code): \(name.position)")
            #expect(name.color == (cls >= 3 ? .white : Color.hex("#1A1A1A")))
            guard case .path(let p) = try #require(s.mark(id: "feature/\(code)")).mark else { Issue.record("feature \(code)"); continue }
            #expect(p.fill == palette[cls], "\(code) in class \(cls)")
        }
        #expect((0..<5).map { (try? text(s, "legend/\($0)").text) ?? "" } == ["9,0 – 10,6", "10,6 – 12,2", "12,2 – 13,0", "13,0 – 14,6", "14,6 – 16,6"])
        #expect(try text(s, "source").text == "Ranh giới huyện: geoBoundaries (CC BY 3.0 IGO)")
    }
}

enum NumberFormatFixture {
    static func vi1(_ v: Double) -> String { String(format: "%.1f", v).replacingOccurrences(of: ".", with: ",") }
}

@Suite struct FixedLayoutEdgeTests {
    func spec(_ layout: String, values: String = "[ { c: a, v: 12 }, { c: b, v: 30 } ]") throws -> ChartSpec {
        try ChartSpec.parse("type: bar\ndata: { values: \(values) }\nencoding: { category: c, value: v }\nlayout:\n" + layout,
                            file: "t.yaml", baseFolder: "/tmp")
    }

    @Test func barsStartAtTheDomainsEdgeWhenItLeavesZeroOut() throws {
        let s = try spec("  plot: { box: [100, 100, 500, 400] }\n  y: { domain: [10, 40] }\n").chart.scene(measurer: PangoTextMeasurer())
        guard case .rect(let r) = try #require(s.mark(id: BarChart.barID("a", "value"))).mark else { Issue.record("bar"); return }
        #expect(r.rect.maxY == 400 && abs(r.rect.minY - (400 - 2.0 / 30 * 300)) < 1e-9)
    }

    @Test func tooManyTicksIsAnErrorNotAHang() throws {
        #expect(throws: ChartError.self) {
            _ = try spec("  plot: { box: [100, 100, 500, 400] }\n  y: { domain: [0, 1000000], step: 0.001 }\n  grid: { stroke: 1 }\n")
                .chart.scene(measurer: PangoTextMeasurer())
        }
    }

    @Test func ticksIncludeBothEnds() throws {
        let s = try spec("  plot: { box: [100, 100, 500, 400] }\n  y: { domain: [0.07, 0.1], step: 0.01 }\n  y_ticks: { size: 10 }\n",
                         values: "[ { c: a, v: 0.08 } ]").chart.scene(measurer: PangoTextMeasurer())
        let labels = s.leaves.compactMap { p -> String? in if case .text(let t) = p.mark, t.id?.hasPrefix("tick/") == true { return t.text }; return nil }
        #expect(labels == ["0,07", "0,08", "0,09", "0,1"])
    }
}

@Suite struct ReferencePNGTests {
    /// The encoder on full-size charts: files at most 15 % larger than Cairo's own writer makes, the same bytes
    /// every time (pixels are compared in AnnexRenderTests).
    @Test(arguments: ["bar", "line", "map"])
    func pngMatchesCairosWriterAndStaysSmall(_ name: String) throws {
        let scene = try ChartSpec.load(path: repoRoot + "/Benchmarks/reference/\(name).yaml").chart.scene(measurer: PangoTextMeasurer())
        let ours = try Renderer().render(scene, as: .png)
        let cairos = try Renderer().renderPNGWithCairosWriter(scene)
        #expect(Double(ours.count) <= Double(cairos.count) * 1.15, "\(name): \(ours.count) bytes against Cairo's \(cairos.count)")
        #expect(ours == (try Renderer().render(scene, as: .png)))
        // On two threads (bands drawn and compressed at once, as `annex chart` does): the same bytes.
        #expect(ours == (try Renderer().render(scene, as: .png, options: RenderOptions(threads: 2))))
        // Two other decoders accept the joined zlib stream: pngcheck, and Python's zlib (every row there, each
        // starting with filter type Sub or Up).
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("annex-ref-\(name)-\(getpid()).png").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        try Data(ours).write(to: URL(fileURLWithPath: file))
        let check = try runTool("pngcheck", ["-q", file])
        #expect(check.0 == 0, "pngcheck: \(check.1) \(check.2)")
        let script = """
        import sys, zlib, struct
        b = open(sys.argv[1], 'rb').read()
        w, h = struct.unpack('>II', b[16:24])
        i, idat = 8, b''
        while i < len(b):
            n = struct.unpack('>I', b[i:i+4])[0]
            if b[i+4:i+8] == b'IDAT': idat += b[i+8:i+8+n]
            i += 12 + n
        raw = zlib.decompress(idat)
        rows = [raw[y * (1 + 3 * w)] for y in range(h)]
        print(len(raw) == h * (1 + 3 * w), set(rows) <= {1, 2})
        """
        let py = try runTool("python3", ["-c", script, file])
        #expect(py.0 == 0 && py.1.trimmingCharacters(in: .whitespacesAndNewlines) == "True True", "python3: \(py.1) \(py.2)")
    }
}
