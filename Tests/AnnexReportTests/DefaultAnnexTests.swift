import AnnexCharts
import AnnexData
import AnnexRender
import AnnexScene
import Foundation
import Testing
@testable import AnnexReport

let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path
let bundledFolder = repoRoot + "/Datasets/langson"
let miniFolder = repoRoot + "/Tests/Fixtures/mini"

func tempDir() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("annex-report-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}

@Suite struct DefaultAnnexTests {
    let facts: Dataset
    init() throws { facts = try Dataset.load(folder: bundledFolder) }

    func leafRect(_ s: Scene, _ id: String) -> Rect? {
        if case .rect(let r)? = s.mark(id: id)?.mark { return r.rect }
        return nil
    }
    func leafText(_ s: Scene, _ id: String) -> String? {
        if case .text(let t)? = s.mark(id: id)?.mark { return t.text }
        return nil
    }

    /// The real chart: each bar is as tall as its value says on the chart's own axis.
    @Test(arguments: Language.allCases)
    func figure1BarsHaveTheHeightsTheirValuesSay(_ lang: Language) throws {
        let m = PangoTextMeasurer()
        let s = try DefaultAnnex(facts: facts, language: lang).figure1().scene(measurer: m)
        // The axis: grid lines and their tick labels.
        var axis: [(value: Double, y: Double)] = []
        for i in 0... {
            guard case .path(let p)? = s.mark(id: "grid/\(i)")?.mark, case .move(let a) = p.elements[0],
                  let label = leafText(s, "tick/\(i)") else { break }
            axis.append((try #require(NumberParser.parse(label, decimalSeparator: lang == .vi ? "," : ".")), a.y))
        }
        #expect(axis.map(\.value) == [0, 5, 10, 15, 20])
        let pxPerUnit = (axis[0].y - axis.last!.y) / (axis.last!.value - axis[0].value)
        let expected: [(String, String, Double, String)] = [
            ("all", "2018", 10.04, "10,04"), ("all", "2019", 11.54, "11,54"),
            ("border", "2018", 9.35, "9,35"), ("border", "2019", 10.6, "10,60"),
            ("pilot_difficult", "2018", 12.0, "12,00"), ("pilot_difficult", "2019", 17.2, "17,20"),
            ("district_selected", "2018", 7.6, "7,60"), ("district_selected", "2019", 10.4, "10,40"),
        ]
        for (g, y, v, label) in expected {
            let r = try #require(leafRect(s, BarChart.barID(g, y)))
            #expect(abs(r.height - v * pxPerUnit) < 1e-9, "\(g) \(y)")
            #expect(abs(r.maxY - axis[0].y) < 1e-9)
            let shown = lang == .vi ? label : label.replacingOccurrences(of: ",", with: ".")
            #expect(leafText(s, "value/\(g)/\(y)") == shown)
        }
        // One number of decimals in the whole figure: the plans too.
        #expect(leafText(s, "target-label/border/2019") == (lang == .vi ? "KH 10,40" : "Plan 10.40"))
        #expect(leafText(s, "target-label/pilot_difficult/2019") == (lang == .vi ? "KH 17,00" : "Plan 17.00"))
        #expect(s.mark(id: "target/all/2019") == nil)   // the notice states no province plan for 2019
    }

    @Test(arguments: Language.allCases)
    func figure1TextIsCleanWithRealFonts(_ lang: Language) throws {
        let m = PangoTextMeasurer()
        let s = try DefaultAnnex(facts: facts, language: lang).figure1().scene(measurer: m)
        let boxes = s.textBoxes(m)
        #expect(boxes.count > 25)
        for b in boxes {
            #expect(s.bounds.contains(b.box), "\(b.mark.id ?? b.mark.text) leaves the canvas")
            #expect(!m.measure(b.mark).isTruncated, "\(b.mark.id ?? b.mark.text) is cut short")
        }
        for i in boxes.indices { for j in boxes.indices where j > i {
            #expect(!boxes[i].box.intersects(boxes[j].box), "\(boxes[i].mark.id ?? "") overlaps \(boxes[j].mark.id ?? "")")
        } }
        #expect(boxes.contains { $0.mark.text.hasPrefix(lang == .vi ? "Biểu đồ 1. Bình quân tiêu chí/xã" : "Figure 1. Mean criteria") })
        #expect(boxes.contains { $0.mark.text.hasPrefix(lang == .vi ? "Nguồn: Thông báo kết luận" : "Source: Notice") })
    }

    @Test func table1MatchesTheNotices() {
        let vi = DefaultAnnex(facts: facts, language: .vi).table1()
        #expect(vi.rows[1] == ["Xã biên giới", "9,35", "10,6", "+1,25", "10,4", "+0,2", "vượt kế hoạch"])
        #expect(vi.rows[0] == ["Toàn tỉnh", "10,04", "11,54", "+1,5", "", "", ""])
        let en = DefaultAnnex(facts: facts, language: .en).table1()
        #expect(en.rows[3] == ["Communes the districts chose to bring to 10 or more criteria by 2020", "7.6", "10.4", "+2.8", "9.8", "+0.6", "exceeded"])
    }

}

/// The command line, run as a user would run it.
@Suite struct CommandLineTests {
    static let annex = repoRoot + "/.build/debug/annex"

    func run(_ args: [String], cwd: String = repoRoot) throws -> (Int32, String, String) {
        try runAnnex(args, cwd: cwd)
    }

    @Test func reportWritesAndListsItsFiles() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (status, out, err) = try run(["report", "-o", dir, "--lang", "en"])
        #expect(status == 0, "\(err)")
        #expect(out.contains("wrote \(dir)/en/figures/fig01.png"))
        #expect(FileManager.default.fileExists(atPath: dir + "/en/annex.pdf"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/vi"))
    }

    @Test func wrongArgumentsExitNonZeroWithAMessage() throws {
        let (s1, _, e1) = try run(["report", "--lang", "fr"])
        #expect(s1 == 64)
        #expect(e1.contains("--lang") && e1.contains("fr"))
        let (s2, _, e2) = try run(["report", "--bogus"])
        #expect(s2 == 64)
        #expect(e2.contains("--bogus"))
        let (s3, _, e3) = try run(["report", "--scale", "0"])
        #expect(s3 == 64)
        #expect(e3.contains("--scale"))
    }

    @Test func badDataExits65AndWritesNothing() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/Reports", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: dir + "/Datasets", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: repoRoot + "/Reports/langson-2020.yaml", toPath: dir + "/Reports/langson-2020.yaml")
        let data = dir + "/Datasets/langson"
        try FileManager.default.copyItem(atPath: bundledFolder, toPath: data)
        var facts = try String(contentsOfFile: data + "/indicators.csv", encoding: .utf8)
        facts = facts.replacingOccurrences(of: "F04,province,all,mean_criteria,2019,actual,stated,11.54",
                                           with: "F04,province,all,mean_criteria,2019,actual,stated,11.5.4")
        try facts.write(toFile: data + "/indicators.csv", atomically: true, encoding: .utf8)
        let (status, _, err) = try run(["report", dir + "/Reports/langson-2020.yaml", "-o", dir + "/out"])
        #expect(status == 65, "\(err)")
        #expect(err.contains("indicators.csv:5: column 'value': expected a number written like 11.54, found '11.5.4'"))
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: dir + "/out")) ?? []).isEmpty)
        let (vstatus, _, verr) = try run(["validate", "--dataset", data])
        #expect(vstatus == 65 && verr.contains("indicators.csv:5"))
    }

    @Test func unwritableOutputExits73() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data("x".utf8).write(to: URL(fileURLWithPath: dir + "/file"))
        let (status, _, err) = try run(["report", "-o", dir + "/file"])
        #expect(status == 73, "\(err)")
        #expect(err.contains(dir + "/file"))
    }

    @Test func helpDescribesTheCommands() throws {
        let (status, out, _) = try run(["--help"])
        #expect(status == 0)
        #expect(out.contains("report") && out.contains("validate") && out.contains("Exit codes"))
        let (rs, rout, _) = try run(["report", "--help"])
        #expect(rs == 0 && rout.contains("--lang") && rout.contains("--jobs") && rout.contains("--incremental"))
    }
}
