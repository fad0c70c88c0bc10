// Owns the tests of the key findings: the exact sentences of the bundled dataset in both languages (illustrative
// figures marked, or left out), findings that say only what a dataset without recognitions and plans says
// (Tests/Fixtures/no-recognition), the findings item of a report spec and the manifest's `calibrated_to`.
import AnnexAnalytics
import AnnexData
import Foundation
import Testing
@testable import AnnexReport

let noRecognitionFolder = repoRoot + "/Tests/Fixtures/no-recognition"

@Suite struct FindingsTests {
    let bundled: Dataset
    let bundledAnalysis: Analysis
    init() throws {
        bundled = try Dataset.load(folder: bundledFolder)
        bundledAnalysis = try Analysis.run(bundled)
    }

    func sentences(_ ds: Dataset, _ lang: Language, _ mode: IllustrativeFigures = .mark) throws -> [String] {
        Findings.sentences(ds, try Analysis.run(ds), language: lang, illustrative: mode)
    }

    // MARK: the bundled dataset

    @Test func bundledInVietnamese() throws {
        #expect(try sentences(bundled, .vi) == [
            "Năm 2019, bình quân 01 xã đạt 11,54 tiêu chí, tăng 1,5 tiêu chí so với năm 2018.",
            "20 xã biên giới đạt bình quân 10,6 tiêu chí/xã, tăng 1,25 tiêu chí so với năm 2018, vượt 0,2 tiêu chí so với kế hoạch.",
            "Các xã đặc biệt khó khăn đạt bình quân 10,13 tiêu chí/xã, tăng 1,65 tiêu chí so với năm 2018 (số liệu minh họa).",
            "05 xã đặc biệt khó khăn tỉnh chỉ đạo điểm đạt bình quân 17,2 tiêu chí/xã, tăng 5,2 tiêu chí so với năm 2018, vượt 0,2 tiêu chí so với kế hoạch.",
            "Các xã do huyện lựa chọn chỉ đạo đến năm 2020 đạt từ 10 tiêu chí trở lên đạt bình quân 10,4 tiêu chí/xã, tăng 2,8 tiêu chí so với năm 2018, vượt 0,6 tiêu chí so với kế hoạch.",
            "Các xã phấn đấu về đích năm 2019 đạt bình quân 19 tiêu chí/xã, tăng 8,58 tiêu chí so với năm 2018 (số liệu minh họa).",
            "13 xã phấn đấu về đích năm 2020 đạt bình quân 12,31 tiêu chí/xã, tăng 2,31 tiêu chí so với năm 2018 (số liệu minh họa).",
            "09 xã đặc biệt khó khăn phấn đấu về đích năm 2020 đạt bình quân 13,11 tiêu chí/xã, tăng 3,11 tiêu chí so với năm 2018 (số liệu minh họa).",
            "03 xã đặc biệt khó khăn đã được tỉnh lựa chọn chỉ đạo điểm từ năm 2016 phấn đấu về đích năm 2020 đạt bình quân 17,33 tiêu chí/xã, tăng 5,67 tiêu chí so với năm 2018 (số liệu minh họa).",
            "10 xã còn lại phấn đấu về đích năm 2020 đạt bình quân 10,8 tiêu chí/xã, tăng 1,3 tiêu chí so với năm 2018 (số liệu minh họa).",
            "Năm 2019 có thêm 13 xã được công nhận đạt chuẩn nông thôn mới (vượt kế hoạch 01 xã), nâng tổng số xã đạt chuẩn lên 52 xã theo đơn vị hành chính sau sắp xếp (61 xã trước sắp xếp); có 02 xã được công nhận đạt chuẩn nông thôn mới nâng cao.",
            "Đến hết năm 2019, trong 181 xã có 52 xã đạt 19 tiêu chí, 05 xã đạt 15–18 tiêu chí, 34 xã đạt 10–14 tiêu chí, 84 xã đạt 5–9 tiêu chí và 06 xã đạt dưới 5 tiêu chí (số liệu minh họa).",
            "Có 04 xã bị mất ít nhất một tiêu chí đã đạt năm 2018 (số liệu minh họa), cần rà soát, củng cố.",
            "Ước năm 2020, bình quân 01 xã đạt 12,71 tiêu chí; dự kiến có thêm 13 xã đạt chuẩn, nâng tổng số lên 65 xã, bằng kế hoạch đề ra (65 xã); 02 xã đã đạt chuẩn nhưng chưa duy trì đủ 19 tiêu chí (số liệu minh họa).",
            "Tổng nhu cầu vốn năm 2020 ước khoảng 4.111,5 tỷ đồng, trong đó ngân sách đầu tư trực tiếp 985,7 tỷ đồng (24%).",
            "Ghi chú: danh sách xã thuộc các nhóm, số tiêu chí đạt của từng xã và năm công nhận đạt chuẩn của từng xã là số liệu minh họa, không phải số liệu thống kê; các số liệu có ghi \"số liệu minh họa\" được tính từ các số liệu này. Số liệu minh họa được hiệu chỉnh để các số liệu tổng hợp khớp với: Thông báo kết luận của Chủ tịch UBND tỉnh Lạng Sơn tại Hội nghị triển khai kế hoạch xây dựng nông thôn mới năm 2020 (hội nghị ngày 12/02/2020).",
        ])
    }

    @Test func bundledInEnglish() throws {
        #expect(try sentences(bundled, .en) == [
            "In 2019, communes met an average of 11.54 criteria, 1.5 more than in 2018.",
            "The 20 border communes met an average of 10.6 criteria, 1.25 more than in 2018, 0.2 above the plan of 10.4.",
            "The especially difficult communes met an average of 10.13 criteria, 1.65 more than in 2018 (illustrative).",
            "The 5 especially difficult communes piloted by the province met an average of 17.2 criteria, 5.2 more than in 2018, 0.2 above the plan of 17.",
            "The communes the districts chose to bring to 10 or more criteria by 2020 met an average of 10.4 criteria, 2.8 more than in 2018, 0.6 above the plan of 9.8.",
            "The communes aiming for the standard in 2019 met an average of 19 criteria, 8.58 more than in 2018 (illustrative).",
            "The 13 communes aiming for the standard in 2020 met an average of 12.31 criteria, 2.31 more than in 2018 (illustrative).",
            "The 9 especially difficult communes aiming for the standard in 2020 met an average of 13.11 criteria, 3.11 more than in 2018 (illustrative).",
            "The 3 especially difficult communes piloted by the province since 2016 and aiming for the standard in 2020 met an average of 17.33 criteria, 5.67 more than in 2018 (illustrative).",
            "The 10 other communes aiming for the standard in 2020 met an average of 10.8 criteria, 1.3 more than in 2018 (illustrative).",
            "In 2019, 13 more communes were recognised as meeting the NTM standard (1 more than planned), bringing the total to 52 in post-merger units (61 in pre-merger units); 2 communes reached the advanced (nâng cao) standard.",
            "At the end of 2019, of 181 communes, 52 met all 19 criteria, 5 met 15–18, 34 met 10–14, 84 met 5–9 and 6 met fewer than 5 (illustrative).",
            "4 communes lost at least one criterion they met in 2018 (illustrative), to be reviewed and consolidated.",
            "In 2020, communes are estimated to meet an average of 12.71 criteria; 13 more communes are expected to meet the NTM standard, bringing the total to 65, as planned (65); 2 recognised communes are expected to fall below 19 criteria (illustrative).",
            "The 2020 capital need is about 4,111.5 billion VND, of which 985.7 billion (24%) is direct state budget.",
            "Note: the communes' group memberships, the criteria each commune met and the year each commune was recognised are illustrative, not statistics; figures marked \"illustrative\" are computed from them. The illustrative data were calibrated so that their aggregates match: Notice of the Chairman of Lạng Sơn People's Committee on the 2020 New Rural Development plan (conference of 12 February 2020).",
        ])
    }

    /// `illustrative: omit`: only what the notice states, and a note that says the illustrative data are not used.
    @Test func bundledWithIllustrativeFiguresLeftOut() throws {
        #expect(try sentences(bundled, .vi, .omit) == [
            "Năm 2019, bình quân 01 xã đạt 11,54 tiêu chí, tăng 1,5 tiêu chí so với năm 2018.",
            "20 xã biên giới đạt bình quân 10,6 tiêu chí/xã, tăng 1,25 tiêu chí so với năm 2018, vượt 0,2 tiêu chí so với kế hoạch.",
            "05 xã đặc biệt khó khăn tỉnh chỉ đạo điểm đạt bình quân 17,2 tiêu chí/xã, tăng 5,2 tiêu chí so với năm 2018, vượt 0,2 tiêu chí so với kế hoạch.",
            "Các xã do huyện lựa chọn chỉ đạo đến năm 2020 đạt từ 10 tiêu chí trở lên đạt bình quân 10,4 tiêu chí/xã, tăng 2,8 tiêu chí so với năm 2018, vượt 0,6 tiêu chí so với kế hoạch.",
            "10 xã còn lại phấn đấu về đích năm 2020 đạt bình quân 10,8 tiêu chí/xã.",
            "Năm 2019 có thêm 13 xã được công nhận đạt chuẩn nông thôn mới (vượt kế hoạch 01 xã), nâng tổng số xã đạt chuẩn lên 52 xã theo đơn vị hành chính sau sắp xếp (61 xã trước sắp xếp); có 02 xã được công nhận đạt chuẩn nông thôn mới nâng cao.",
            "Tổng nhu cầu vốn năm 2020 ước khoảng 4.111,5 tỷ đồng, trong đó ngân sách đầu tư trực tiếp 985,7 tỷ đồng (24%).",
            "Ghi chú: danh sách xã thuộc các nhóm, số tiêu chí đạt của từng xã và năm công nhận đạt chuẩn của từng xã là số liệu minh họa, không phải số liệu thống kê; các nhận định trên không dùng các số liệu này. Số liệu minh họa được hiệu chỉnh để các số liệu tổng hợp khớp với: Thông báo kết luận của Chủ tịch UBND tỉnh Lạng Sơn tại Hội nghị triển khai kế hoạch xây dựng nông thôn mới năm 2020 (hội nghị ngày 12/02/2020).",
        ])
        let all = try sentences(bundled, .en, .omit).joined(separator: "\n")
        #expect(!all.contains("(illustrative)") && all.contains("these findings do not use them"))
    }

    /// Every figure the notice states is stated as the notice states it, whatever the synthetic tables say.
    @Test func statedFiguresComeFromTheIndicators() throws {
        let figures = FindingFigures(bundled, bundledAnalysis)
        let total = try #require(figures.figure(.province, "all", "ntm_total", 2019))
        #expect(total.value == 52 && !total.illustrative && total.fact?.id == "F19")
        #expect(figures.stated(.province, "all", "ntm_total", 2019, units: .beforeMerger)?.id == "F20")
        let other = try #require(figures.figure(.group, "cohort_2020_other", "mean_criteria", 2019))
        #expect(other.value == 10.8 && !other.illustrative)
        // The notice gives no number of communes chosen by the districts: the synthetic 20 is illustrative.
        #expect(figures.groupSize("district_selected", 2019)?.illustrative == true)
        #expect(figures.groupSize("border", 2019)?.illustrative == false)
        #expect(figures.groupSize("cohort_2020", 2019)?.value == 13)   // stated for 2020 (F28): a cohort keeps its size
    }

    // MARK: a dataset without recognitions and plans

    @Test(arguments: Language.allCases)
    func noRecognitionSaysOnlyWhatTheDataSay(_ lang: Language) throws {
        let ds = try Dataset.load(folder: noRecognitionFolder)
        let s = try sentences(ds, lang)
        let all = s.joined(separator: "\n")
        #expect(!all.contains("00"), "\(all)")
        for word in ["thông báo", "notice", "kế hoạch", "plan", "công nhận", "recognised", "NTM", "nông thôn mới", "hiệu chỉnh", "calibrated"] {
            #expect(!all.localizedCaseInsensitiveContains(word), "'\(word)' in:\n\(all)")
        }
        // Every listed group with figures has its sentence; the group without members has none.
        let a = try Analysis.run(ds)
        for g in ds.groupOrder where ds.groups[g]?.membership == .listed {
            let name = ds.groups[g]!.name(lang)
            let has = s.contains { $0.localizedCaseInsensitiveContains(name) }
            #expect(has == (a.value(scope: .group, group: g, metric: "mean_criteria", year: 2019) != nil), "\(g): \(all)")
        }
        #expect(!all.contains(ds.groups["empty_group"]!.name(lang)))
    }

    @Test func noRecognitionExactSentences() throws {
        let ds = try Dataset.load(folder: noRecognitionFolder)
        #expect(try sentences(ds, .vi) == [
            "Năm 2019, bình quân 01 xã đạt 13,4 tiêu chí, tăng 0,8 tiêu chí so với năm 2018 (số liệu minh họa).",
            "02 xã biên giới đạt bình quân 16,5 tiêu chí/xã, tăng 2 tiêu chí so với năm 2018 (số liệu minh họa).",
            "Các xã chỉ đạo điểm đạt bình quân 19 tiêu chí/xã, tăng 4 tiêu chí so với năm 2018 (số liệu minh họa).",
            "Các xã phấn đấu về đích đạt bình quân 14 tiêu chí/xã, tăng 1,5 tiêu chí so với năm 2018 (số liệu minh họa).",
            "Các xã về đích nhóm A đạt bình quân 19 tiêu chí/xã, tăng 4 tiêu chí so với năm 2018 (số liệu minh họa).",
            "Các xã về đích nhóm B đạt bình quân 9 tiêu chí/xã, giảm 1 tiêu chí so với năm 2018 (số liệu minh họa).",
            "Đến hết năm 2019, trong 05 xã có 01 xã đạt 19 tiêu chí, 01 xã đạt 15–18 tiêu chí, 01 xã đạt 10–14 tiêu chí và 02 xã đạt 5–9 tiêu chí (số liệu minh họa).",
            "Có 03 xã bị mất ít nhất một tiêu chí đã đạt năm 2018 (số liệu minh họa), cần rà soát, củng cố.",
            "Ghi chú: danh sách xã thuộc các nhóm và số tiêu chí đạt của từng xã là số liệu minh họa, không phải số liệu thống kê; các số liệu có ghi \"số liệu minh họa\" được tính từ các số liệu này.",
        ])
        #expect(try sentences(ds, .en) == [
            "In 2019, communes met an average of 13.4 criteria, 0.8 more than in 2018 (illustrative).",
            "The 2 border communes met an average of 16.5 criteria, 2 more than in 2018 (illustrative).",
            "The pilot communes met an average of 19 criteria, 4 more than in 2018 (illustrative).",
            "The communes aiming for the standard met an average of 14 criteria, 1.5 more than in 2018 (illustrative).",
            "The communes of part A met an average of 19 criteria, 4 more than in 2018 (illustrative).",
            "The communes of part B met an average of 9 criteria, 1 fewer than in 2018 (illustrative).",
            "At the end of 2019, of 5 communes, 1 met all 19 criteria, 1 met 15–18, 1 met 10–14 and 2 met 5–9 (illustrative).",
            "3 communes lost at least one criterion they met in 2018 (illustrative), to be reviewed and consolidated.",
            "Note: the communes' group memberships and the criteria each commune met are illustrative, not statistics; figures marked \"illustrative\" are computed from them.",
        ])
        // Left out, nothing of the illustrative data remains but the note.
        #expect(try sentences(ds, .vi, .omit).count == 1)
    }

    /// Real commune data (not synthetic): no mark, no note, and the computed group sizes are stated.
    @Test func realDataHaveNoMarksAndNoNote() throws {
        var ds = try Dataset.load(folder: noRecognitionFolder)
        ds.manifest.synthetic = false
        let s = try sentences(ds, .vi)
        #expect(!s.joined().contains("minh họa") && !s.joined().contains("Ghi chú"))
        #expect(s.contains("01 xã chỉ đạo điểm đạt bình quân 19 tiêu chí/xã, tăng 4 tiêu chí so với năm 2018."))
        #expect(try sentences(ds, .vi, .omit) == s)
    }

    /// English counts of one are singular: "1 commune lost … it met", not "1 communes lost … they met".
    @Test func oneCommuneIsSingularInEnglish() throws {
        let dir = try tempDir() + "/data"
        try FileManager.default.copyItem(atPath: noRecognitionFolder, toPath: dir)
        let criteria = try String(contentsOfFile: dir + "/criteria.csv", encoding: .utf8)
            .replacingOccurrences(of: "10002,2019,actual,,1,1,1,1,1,1,1,1,1,1,1,1,1,0,1", with: "10002,2019,actual,,1,1,1,1,1,1,1,1,1,1,1,1,1,1,0")
            .replacingOccurrences(of: "10005,2019,actual,,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,0,1,1,18", with: "10005,2019,actual,,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,19")
        try criteria.write(toFile: dir + "/criteria.csv", atomically: true, encoding: .utf8)
        let s = try sentences(try Dataset.load(folder: dir), .en)
        #expect(s.contains("1 commune lost at least one criterion it met in 2018 (illustrative), to be reviewed and consolidated."), "\(s)")
    }

    /// A name that counts its communes ("02 xã …") is used as the subject only when the dataset has that many of them
    /// (a district's annex holds part of the province's group).
    @Test func aNumberedNameCountsOnlyTheCommunesItHas() throws {
        let dir = try tempDir() + "/data"
        try FileManager.default.copyItem(atPath: noRecognitionFolder, toPath: dir)
        let groups = try String(contentsOfFile: dir + "/groups.csv", encoding: .utf8)
            .replacingOccurrences(of: "pilot,Xã chỉ đạo điểm,Pilot communes", with: "pilot,02 xã chỉ đạo điểm,2 pilot communes")
            .replacingOccurrences(of: "border,Xã biên giới,Border communes", with: "border,02 xã biên giới,2 border communes")
        try groups.write(toFile: dir + "/groups.csv", atomically: true, encoding: .utf8)
        let ds = try Dataset.load(folder: dir)
        let vi = try sentences(ds, .vi), en = try sentences(ds, .en)
        #expect(vi.contains("02 xã biên giới đạt bình quân 16,5 tiêu chí/xã, tăng 2 tiêu chí so với năm 2018 (số liệu minh họa)."), "\(vi)")
        #expect(vi.contains("Các xã thuộc nhóm “02 xã chỉ đạo điểm” đạt bình quân 19 tiêu chí/xã, tăng 4 tiêu chí so với năm 2018 (số liệu minh họa)."), "\(vi)")
        #expect(en.contains("The communes of the group “2 pilot communes” met an average of 19 criteria, 4 more than in 2018 (illustrative)."), "\(en)")
    }

    // MARK: the report spec's item and the manifest's calibrated_to

    @Test func findingsItemOptions() throws {
        func spec(_ item: String) throws -> ReportSpec {
            try ReportSpec.parse("title: T\ndataset: \(bundledFolder)\nitems:\n  - findings: \(item)\n", file: "r.yaml")
        }
        for ok in ["true", "{ illustrative: mark }", "{ illustrative: omit }", "{}"] { _ = try spec(ok) }
        for (bad, expected) in [("false", "true, or a mapping"), ("{ illustrative: hide }", "one of mark, omit"),
                                ("{ ilustrative: omit }", "did you mean 'illustrative'")] {
            #expect {
                _ = try spec(bad)
            } throws: { error in
                let text = "\(error)"
                return text.contains("r.yaml:4") && text.contains(expected)
            }
        }
    }

    @Test func omitInASpecLeavesIllustrativeFiguresOut() throws {
        let dir = try tempDir()
        let spec = dir + "/r.yaml"
        try "title: T\ndataset: \(bundledFolder)\nlanguages: [vi]\nformats: [png]\nitems:\n  - findings: { illustrative: omit }\n"
            .write(toFile: spec, atomically: true, encoding: .utf8)
        _ = try ReportRunner.run(specPath: spec, options: ReportOptions(output: dir + "/out", languages: [.vi], jobs: 1))
        let text = try String(contentsOfFile: dir + "/out/vi/findings.txt", encoding: .utf8)
        #expect(!text.contains("(số liệu minh họa)") && text.contains("các nhận định trên không dùng các số liệu này"))
    }

    @Test func calibratedToNamesSourcesOfSyntheticData() throws {
        let dir = try tempDir() + "/data"
        try FileManager.default.copyItem(atPath: noRecognitionFolder, toPath: dir)
        let manifest = dir + "/manifest.yaml"
        let text = try String(contentsOfFile: manifest, encoding: .utf8)
        func load(_ replaced: String) -> String {
            try? text.replacingOccurrences(of: "synthetic: true\n", with: replaced).write(toFile: manifest, atomically: true, encoding: .utf8)
            do { _ = try Dataset.load(folder: dir); return "" } catch { return "\(error)" }
        }
        #expect(load("synthetic: true\ncalibrated_to: [s1]\n") == "")
        let ds = try Dataset.load(folder: dir)
        #expect(ds.manifest.calibratedTo == ["s1"])
        #expect(try sentences(ds, .en).last?.hasSuffix("The illustrative data were calibrated so that their aggregates match: Test report.") == true)
        let unknown = load("synthetic: true\ncalibrated_to: [s2]\n")
        #expect(unknown.contains("manifest.yaml:13") && unknown.contains("ids of sources listed in sources.csv (did you mean 's1'?)"), "\(unknown)")
        let real = load("synthetic: false\ncalibrated_to: [s1]\n")
        #expect(real.contains("manifest.yaml:13") && real.contains("only in the manifest of synthetic data"), "\(real)")
        let scalar = load("synthetic: true\ncalibrated_to: s1\n")
        #expect(scalar.contains("a list of source ids"), "\(scalar)")
    }
}
