import Foundation
import Testing
@testable import AnnexAnalytics
@testable import AnnexData

let monthlyFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/monthly").path

/// Exact values on the hand-made monthly dataset (Tests/Fixtures/monthly, see its README): three communes at each
/// month's end 2019-01 … 2020-03 with counts A 10 → 11 (2019-06) → 12 (2020-02), B 15 → 19 (2019-09, recognised
/// that month), C 5 → 6 (2020-03, an estimate); capital disbursed by month 10, 20, 30 (2019) and 15, 25, 40
/// (2020, March estimated) against a 2020 plan of 600 spread evenly; loans with monthly plans 5, 5; households
/// connected by quarter 100, 120, 90, 150, 130; a poverty rate (a stock) 8,5 → 8,1 by quarter.
@Suite struct PeriodAnalysisTests {
    let ds: Dataset
    let a: Analysis
    init() throws { ds = try Dataset.load(folder: monthlyFolder); a = try Analysis.run(ds) }

    func v(_ metric: String, _ p: String, computed: Bool = true) throws -> ResultRecord? {
        let period = try Period(parsing: p)
        return a.find(scope: .province, group: "all", metric: metric, period: period)
            .first { computed ? $0.source == "computed" : true }
    }
    func close(_ x: Double?, _ y: Double) -> Bool { x.map { abs($0 - y) < 1e-9 } ?? false }

    @Test func theManifestSpanIsFifteenMonths() {
        #expect(ds.manifest.periods.count == 15)
        #expect(ds.manifest.periods.first == .month(1, of: 2019) && ds.manifest.periods.last == .month(3, of: 2020))
        #expect(ds.manifest.years == [2019, 2020])
        #expect(ds.criteria.count == 45)
        #expect(DatasetPeriods.latest(ds) == .month(2, of: 2020))   // March holds estimates only
    }

    @Test func monthlyMeansAndChanges() throws {
        #expect(try v("mean_criteria", "2019-05")?.value == 10)
        #expect(close(try v("mean_criteria", "2019-12")?.value, 35.0 / 3))
        #expect(try v("mean_criteria", "2020-02")?.value == 12)
        #expect(try v("mean_criteria", "2020-03")?.kind == .estimate)
        // On the previous month, on the same month a year before, since the end of the year before.
        let prev = try #require(try v("mean_criteria_change_prev", "2020-02"))
        #expect(close(prev.value, 12 - 35.0 / 3) && prev.basePeriod == .month(1, of: 2020) && prev.kind == .actual)
        let yoy = try #require(try v("mean_criteria_change_yoy", "2020-02"))
        #expect(yoy.value == 2 && yoy.basePeriod == .month(2, of: 2019))
        let ytd = try #require(try v("mean_criteria_change_ytd", "2020-03"))
        #expect(close(ytd.value, 37.0 / 3 - 35.0 / 3) && ytd.basePeriod == .month(12, of: 2019) && ytd.kind == .estimate)
        #expect(try v("mean_criteria_change_yoy", "2019-12") == nil)          // no December 2018
        #expect(try v("mean_criteria_ytd", "2020-02") == nil)                 // a stock has no sum
    }

    @Test func recognitionsByMonth() throws {
        #expect(try v("ntm_new", "2019-09")?.value == 1)
        #expect(try v("ntm_new", "2019-10")?.value == 0)
        #expect(try v("ntm_total", "2019-08")?.value == 0)
        #expect(try v("ntm_total", "2020-01")?.value == 1)
        #expect(try v("ntm_new_ytd", "2019-12")?.value == 1)
        #expect(try v("ntm_new_ytd", "2020-02")?.value == 0)
        #expect(try v("ntm_new_cumulative", "2020-02")?.value == 1)
        // March's criteria are estimates: no decision in March is an estimate of none, not a fact.
        #expect(try v("ntm_new", "2020-03")?.kind == .estimate)
        #expect(try v("ntm_new_ytd", "2020-03")?.kind == .estimate)
        #expect(try v("ntm_new_ytd", "2020-02")?.kind == .actual)
        #expect(try v("below_standard_after_recognition", "2020-02")?.value == 0)
    }

    @Test func flowsSumToDateAgainstASpreadPlan() throws {
        let feb = try #require(try v("capital_disbursed_ytd", "2020-02", computed: false))
        #expect(feb.value == 40 && feb.kind == .actual && feb.basePeriod == .month(1, of: 2020))
        #expect(feb.target == 100 && feb.status == .missed && feb.gap == -60)
        let plan = try #require(try v("capital_disbursed_plan_to_date", "2020-02", computed: false))
        #expect(plan.value == 100 && plan.kind == .plan && plan.source == "P2")
        let mar = try #require(try v("capital_disbursed_ytd", "2020-03", computed: false))
        #expect(mar.value == 80 && mar.kind == .estimate && mar.target == 150)
        #expect(try v("capital_disbursed_ytd", "2019-03", computed: false)?.value == 60)
        // 2019's plan does not say it may be spread: no plan to date, and the sum stands without a target.
        #expect(try v("capital_disbursed_plan_to_date", "2019-03", computed: false) == nil)
        #expect(try v("capital_disbursed_ytd", "2019-03", computed: false)?.target == nil)
        #expect(try v("capital_disbursed_change_yoy", "2020-02", computed: false)?.value == 5)
        // 2019-04 … 2019-12 are missing: no cumulative sum across them, never a smaller one.
        #expect(try v("capital_disbursed_cumulative", "2020-01", computed: false) == nil)
        #expect(try v("capital_disbursed_cumulative", "2019-03", computed: false)?.value == 60)
    }

    @Test func monthlyPlansAddUp() throws {
        let ytd = try #require(try v("loans_disbursed_ytd", "2020-02", computed: false))
        #expect(ytd.value == 9 && ytd.target == 10 && ytd.status == .missed && ytd.gap == -1)
        // A month's own plan compares with the month's figure.
        let jan = try #require(a.find(scope: .province, group: "all", metric: "loans_disbursed", period: .month(1, of: 2020), kind: .actual).first)
        #expect(jan.target == 5 && jan.status == .exceeded)
    }

    @Test func quarters() throws {
        #expect(try v("households_connected_change_prev", "2019-Q3", computed: false)?.value == -30)
        #expect(try v("households_connected_change_yoy", "2020-Q1", computed: false)?.value == 30)
        #expect(try v("households_connected_ytd", "2019-Q4", computed: false)?.value == 460)
        #expect(try v("households_connected_cumulative", "2020-Q1", computed: false)?.value == 590)
        let rate = try #require(try v("poor_household_rate_change_ytd", "2020-Q1", computed: false))
        #expect(close(rate.value, -0.4) && rate.basePeriod == .quarter(4, of: 2019))
        #expect(a.knownMetrics.contains("households_connected_ytd") && a.knownMetrics.contains("ntm_new_ytd"))
    }

    @Test func badPeriodsAreLocated() throws {
        let folder = NSTemporaryDirectory() + "annex-periods-\(UUID().uuidString)"
        try FileManager.default.copyItem(atPath: monthlyFolder, toPath: folder)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let ind = folder + "/indicators.csv"
        var text = try String(contentsOfFile: ind, encoding: .utf8)
        text = text.replacingOccurrences(of: "D2,province,all,capital_disbursed,2019-02,", with: "D2,province,all,capital_disbursed,2019-13,")
        text = text.replacingOccurrences(of: "L2,province,all,loans_disbursed,2020-02,actual,stated,3,,billion VND,,s1,sum,",
                                         with: "L2,province,all,loans_disbursed,2020-02,actual,stated,3,,billion VND,,s1,last,")
        text = text.replacingOccurrences(of: "P1,province,all,capital_disbursed,2019,plan,stated,480,,billion VND,,s1,sum,",
                                         with: "P1,province,all,capital_disbursed,2019-05,actual,stated,480,,billion VND,,s1,sum,even")
        try text.write(toFile: ind, atomically: true, encoding: .utf8)
        let crit = folder + "/criteria.csv"
        try (try String(contentsOfFile: crit, encoding: .utf8)).replacingOccurrences(of: "10001,2019-07,", with: "10001,2021-07,")
            .write(toFile: crit, atomically: true, encoding: .utf8)
        #expect(throws: DataError.self) { try Dataset.load(folder: folder) }
        do { _ = try Dataset.load(folder: folder) } catch {
            let text = "\(error)"
            #expect(text.contains("indicators.csv:3: column 'period': expected a period between 1900 and 2100 written 2020 (a year), 2020-Q2 (a quarter) or 2020-06 (a month), found '2019-13'"), "\(text)")
            #expect(text.contains("column 'aggregation': expected sum for every row of loans_disbursed, as on line"), "\(text)")
            #expect(text.contains("column 'spread': expected nothing: only a plan of a year is spread over its months"), "\(text)")
            #expect(text.contains("criteria.csv:20: column 'period': expected a period (2020, 2020-Q2 or 2020-06) of the manifest's periods (2019-01 to 2020-03), found '2021-07'"), "\(text)")
        }
    }
}
