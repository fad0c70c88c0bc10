import AnnexCharts
import AnnexChartSpec
import AnnexData
import Foundation
import Testing
@testable import AnnexReport

/// Mistakes that used to give a wrong chart and exit 0: each is now an error naming where it is, with a hint, or
/// (where a user may mean it) an explicit switch and a note on the chart.
@Suite struct SilentErrorTests {
    func chart(_ data: String, _ encoding: String = "{ category: { field: group, label_field: name }, series: year, value: value }") -> String {
        """
        type: bar
        data: \(data)
        encoding: \(encoding)
        """
    }

    func parse(_ text: String) throws -> ChartSpec {
        try ChartSpec.parse(text, file: "spec.yaml", baseFolder: repoRoot)
    }

    @Test func aMisspeltGroupIsAnErrorWithAHint() throws {
        let text = chart("{ dataset: Datasets/langson, metric: mean_criteria, groups: [all, bordr, Xã đặc biệt khó khăn], years: [2019] }")
        do { _ = try parse(text); Issue.record("parsed") } catch {
            let d = "\(error)"
            #expect(d.contains("spec.yaml:2") && d.contains("found 'bordr'") && d.contains("did you mean 'border'?"), "\(d)")
            #expect(d.contains("found 'Xã đặc biệt khó khăn'") && d.contains("did you mean 'difficult'?"), "\(d)")
        }
    }

    @Test func anUnknownDistrictOrYearIsAnError() throws {
        let district = chart("{ dataset: Datasets/langson, metric: mean_criteria, scope: district, groups: [180, 999], years: [2019] }")
        do { _ = try parse(district); Issue.record("parsed") } catch {
            #expect("\(error)".contains("found '999'") && "\(error)".contains("a group, district or unit of the dataset"), "\(error)")
        }
        let year = chart("{ dataset: Datasets/langson, metric: mean_criteria, groups: [all], years: [2019, 2021] }")
        do { _ = try parse(year); Issue.record("parsed") } catch {
            #expect("\(error)".contains("a year of the dataset (2018, 2019, 2020), found '2021'"), "\(error)")
        }
    }

    /// A commune missing in one year: an error of the dataset; with `allow_missing_years: true`, the chart says so.
    @Test func aCommuneMissingInAYearIsAnErrorOrANote() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.copyItem(atPath: bundledFolder, toPath: dir + "/data")
        let crit = try String(contentsOfFile: dir + "/data/criteria.csv", encoding: .utf8)
        let lines = crit.split(separator: "\n", omittingEmptySubsequences: false)
        let dropped = try #require(lines.firstIndex { $0.hasPrefix("06040,2019,") })
        try lines.enumerated().filter { $0.offset != dropped }.map { String($0.element) }.joined(separator: "\n")
            .write(toFile: dir + "/data/criteria.csv", atomically: true, encoding: .utf8)
        #expect(throws: DataError.self) { _ = try Dataset.load(folder: dir + "/data") }
        do { _ = try Dataset.load(folder: dir + "/data") } catch {
            #expect("\(error)".contains("a row for commune 06040 in every year") && "\(error)".contains("none for 2019"), "\(error)")
        }
        let manifest = try String(contentsOfFile: dir + "/data/manifest.yaml", encoding: .utf8)
        try (manifest + "allow_missing_years: true\n").write(toFile: dir + "/data/manifest.yaml", atomically: true, encoding: .utf8)
        let spec = try ChartSpec.parse(chart("{ dataset: data, metric: mean_criteria, groups: [all], years: [2018, 2019] }"),
                                       file: "spec.yaml", baseFolder: dir)
        let notes = try #require(spec.chart as? BarChart).texts.notes
        #expect(notes.contains("Một số xã không có số liệu ở một số năm; bình quân tính trên các xã có số liệu."), "\(notes)")
    }

    /// Every item's problems of a report spec in one run.
    @Test func everyProblemOfAReportSpecAtOnce() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try """
            title: T
            dataset: \(bundledFolder)
            items:
              - figure: { type: bar, data: { metric: mean_critera, groups: [all] }, encoding: { category: group, value: value } }
              - table: { title: T, data: { metric: mean_criteria, groups: [bordr] }, columns: [ { field: name } ] }
              - figure: { type: line, data: { metric: mean_criteria, groups: [all], years: [1999] }, encoding: { x: year, value: value } }
            """.write(toFile: dir + "/r.yaml", atomically: true, encoding: .utf8)
        let (status, _, err) = try runAnnex(["report", dir + "/r.yaml", "-o", dir + "/out", "--lang", "en"])
        #expect(status == 66)
        #expect(err.contains("r.yaml:4") && err.contains("mean_critera"), "\(err)")
        #expect(err.contains("r.yaml:5") && err.contains("bordr"), "\(err)")
        #expect(err.contains("r.yaml:6") && err.contains("1999"), "\(err)")
    }

    /// `annex validate --format json` for scripts.
    @Test func validateSpeaksJSON() throws {
        let (ok, out, _) = try runAnnex(["validate", "--format", "json"])
        #expect(ok == 0)
        let good = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        #expect(good["valid"] as? Bool == true && (good["problems"] as? [Any])?.isEmpty == true)
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.copyItem(atPath: bundledFolder, toPath: dir + "/data")
        try "code,name,full_name,type,border\n18,Tràng Định,Huyện Tràng Định,Huyện,1\n".write(toFile: dir + "/data/districts.csv", atomically: true, encoding: .utf8)
        let (bad, badOut, _) = try runAnnex(["validate", dir + "/data", "--format", "json"])
        #expect(bad == 65)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(badOut.utf8)) as? [String: Any])
        let problems = try #require(json["problems"] as? [[String: Any]])
        #expect(json["valid"] as? Bool == false)
        #expect(problems.contains { $0["line"] as? Int == 2 && $0["column"] as? String == "code" && $0["found"] as? String == "18" }, "\(problems.prefix(3))")
    }
}

/// A new user's way: the office's workbook imported, checked, and made into an annex by the spec for any province.
@Suite struct FromWorkbookTests {
    @Test func aWorkbookBecomesAnAnnex() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let book = repoRoot + "/Tests/Fixtures/xlsx/per-year-sheets.xlsx"
        var (status, out, err) = try runAnnex(["import", book, "-o", dir + "/data"])
        #expect(status == 0, "\(err)")
        #expect(out.contains("[Năm 2020]: header rows") && out.contains("estimates to 2020-06-30"), "\(out)")
        (status, _, err) = try runAnnex(["validate", dir + "/data"])
        #expect(status == 0, "\(err)")
        (status, _, err) = try runAnnex(["report", repoRoot + "/Reports/province.yaml", "--dataset", dir + "/data", "-o", dir + "/out", "-q"])
        #expect(status == 0, "\(err)")
        let findings = try String(contentsOfFile: dir + "/out/vi/findings.txt", encoding: .utf8)
        #expect(findings.contains("Năm 2019, bình quân 01 xã đạt"), "\(findings)")
        #expect(!findings.contains("được công nhận") && !findings.contains("nâng tổng số"), "no recognition sentence without recognitions: \(findings)")
        let (_, text, _) = try runTool("pdftotext", ["-l", "1", dir + "/out/vi/annex.pdf", "-"])
        #expect(text.contains("tỉnh Lạng Sơn"), "\(text.prefix(300))")
    }
}
