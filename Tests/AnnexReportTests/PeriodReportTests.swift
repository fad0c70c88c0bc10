import AnnexAnalytics
import AnnexLocale
import Foundation
import Testing
@testable import AnnexReport

/// A monthly report (`--period`) on the hand-made monthly dataset (Tests/Fixtures/monthly): its titles, table and
/// findings name the period, and its figures are the months to date against the same months of the year before.
@Suite struct PeriodReportTests {
    let specPath = repoRoot + "/Tests/Fixtures/monthly-report/report.yaml"

    func build(_ period: String, _ lang: Language) throws -> BuiltReport {
        var spec = try ReportSpec.load(path: specPath)
        spec.periodRequest = period
        return try spec.build(language: lang)
    }

    @Test func titlesNameThePeriod() throws {
        let vi = try build("2020-02", .vi), en = try build("2020-02", .en)
        #expect(vi.title == "Phụ lục: Kết quả 2 tháng đầu năm 2020")
        #expect(vi.subtitle == "Tháng 2/2020, so với cùng kỳ năm 2019")
        #expect(en.title == "Annex: results for January–February 2020")
        #expect(en.subtitle == "February 2020 against February 2019")
        #expect(vi.figures.first?.chart.chartTexts.title == "Bình quân tiêu chí/xã đến hết tháng 2/2020")
        #expect(vi.period == .month(2, of: 2020))
        // January and December name the month and the year; a first quarter is named as such.
        #expect(try build("2020-01", .vi).title == "Phụ lục: Kết quả tháng 1/2020")
        #expect(try build("2019-12", .vi).title == "Phụ lục: Kết quả năm 2019")
        #expect(try build("2019-12", .en).title == "Annex: results for 2019")
    }

    @Test func theTableComparesTheMonthsToDate() throws {
        let t = try #require(try build("2020-02", .vi).tables.first?.1)
        #expect(t.columns.map(\.header) == ["Đơn vị", "2 tháng đầu năm 2019", "2 tháng đầu năm 2020", "Kế hoạch đến tháng 2/2020", "Đánh giá"])
        #expect(t.rows.first?.map(\.text) == ["Toàn tỉnh", "30,0", "40,0", "100,0", PlanStatus.missed.label(.vi)])
    }

    @Test func findingsNameThePeriod() throws {
        let vi = try build("2020-02", .vi).findings
        #expect(vi.contains("Đến hết tháng 2/2020, bình quân 01 xã đạt 12,00 tiêu chí, tăng 0,33 tiêu chí so với cuối năm 2019 (cùng kỳ năm 2019: 10,00) (số liệu minh họa)."), "\(vi)")
        #expect(vi.contains("2 tháng đầu năm 2020, chưa có thêm xã được công nhận đạt chuẩn nông thôn mới; tổng số là 01 xã (cùng kỳ năm 2019: 0) (số liệu minh họa)."), "\(vi)")
        #expect(vi.contains("Vốn giải ngân 2 tháng đầu năm 2020 đạt 40,0 tỷ đồng, bằng 40,0% kế hoạch vốn đến cùng thời điểm (100,0 tỷ đồng); cùng kỳ năm 2019 giải ngân 30,0 tỷ đồng."), "\(vi)")
        let en = try build("2020-03", .en).findings
        #expect(en.contains("By the end of March 2020, communes met an average of 12.33 (est.) criteria, 0.67 more than at the end of 2019 (same period of 2019: 10.00) (illustrative)."), "\(en)")
        #expect(en.contains("Capital disbursed in January–March 2020 came to 80.0 billion VND (est.), 53.3% of the plan to date (150.0 billion VND); 60.0 billion VND in the same months of 2019."), "\(en)")
        #expect(en.contains("Figures after February 2020 are estimates."), "\(en)")
        #expect(!vi.joined().contains("00 xã"))
    }

    @Test func latestIsTheLastMonthWithActualFigures() throws {
        #expect(try build("latest", .vi).period == .month(2, of: 2020))
    }

    @Test func badPeriodsAreLocated() throws {
        #expect { try build("2021-05", .vi) } throws: { "\($0)".contains("--period") && "\($0)".contains("expected a period of the dataset (2019-01 to 2020-03), found '2021-05'") }
        #expect { try build("June", .vi) } throws: { "\($0)".contains("expected a period written 2020-06") }
        // A spec that uses a period's words without a period would print them as they are.
        #expect { try ReportSpec.load(path: specPath).build(language: .vi) } throws: { "\($0)".contains("a period for '{to_date}'") || "\($0)".contains("a period for '{period}'") }
    }

    /// The bundled monthly annex (Reports/langson-monthly.yaml on Datasets/langson-monthly) for June 2020.
    @Test func theBundledMonthlyAnnex() throws {
        let spec = try ReportSpec.load(path: repoRoot + "/Reports/langson-monthly.yaml")
        let vi = try spec.build(language: .vi), en = try spec.build(language: .en)
        #expect(vi.period == .month(6, of: 2020))          // period: latest, the last month with actual figures
        #expect(vi.title == "Phụ lục: Kết quả xây dựng nông thôn mới tỉnh Lạng Sơn 6 tháng đầu năm 2020")
        #expect(en.title == "Annex: New Rural Development in Lạng Sơn province, January–June 2020")
        #expect(vi.figures.map { $0.chart.chartTexts.title } == [
            "Bình quân tiêu chí/xã theo tháng, từ đầu năm 2019 đến hết tháng 6/2020",
            "Vốn giải ngân 6 tháng đầu năm 2020 theo nguồn, so với cùng kỳ năm 2019 và kế hoạch",
            "Số xã đạt chuẩn nông thôn mới (lũy kế) theo tháng, từ đầu năm 2019 đến hết tháng 6/2020"])
        #expect(vi.tables.map(\.1.caption).allSatisfy { $0.contains("6 tháng đầu năm 2020") || $0.contains("tháng 6/2020") })
        // The month's findings first (marked: the monthly figures are made up), then the dataset's yearly ones.
        #expect(vi.findings[0].hasPrefix("Đến hết tháng 6/2020, bình quân 01 xã đạt 12,00 tiêu chí"))
        #expect(vi.findings[2].hasSuffix("(số liệu minh họa)."))
        #expect(en.findings[2].hasPrefix("Capital disbursed in January–June 2020 came to 1,065.7 billion VND"))
    }
}
