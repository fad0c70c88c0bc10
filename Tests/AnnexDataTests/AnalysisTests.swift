import Foundation
import Testing
@testable import AnnexAnalytics
@testable import AnnexData

/// Exact values on the hand-made mini dataset (Tests/Fixtures/mini): 5 communes, 2018 counts 15, 14, 10, 5, 19
/// (every one on a band bound), 2019 counts 19, 14, 9, —, 18 (unit 10004 has no 2019 row; 10005's is an estimate).
@Suite struct MiniAnalysisTests {
    let a: Analysis
    init() throws { a = try Analysis.run(try Dataset.load(folder: miniFolder)) }

    func v(_ scope: FactScope, _ g: String, _ metric: String, _ y: Int, _ detail: String = "") -> ResultRecord? {
        a.value(scope: scope, group: g, metric: metric, year: y, detail: detail)
    }

    @Test func meansAndDistributions() throws {
        #expect(v(.province, "all", "mean_criteria", 2018)?.value == 12.6)
        #expect(v(.province, "all", "mean_criteria", 2018)?.n == 5)
        #expect(v(.province, "all", "mean_criteria", 2018)?.kind == .actual)
        #expect(v(.province, "all", "mean_criteria", 2019)?.value == 15)
        #expect(v(.province, "all", "mean_criteria", 2019)?.n == 4)            // a missing year is left out, not zero
        #expect(v(.province, "all", "mean_criteria", 2019)?.kind == .estimate)  // one input is an estimate
        #expect(v(.province, "all", "criteria_median", 2019)?.value == 16)
        #expect(v(.province, "all", "criteria_min", 2018)?.value == 5)
        #expect(v(.province, "all", "criteria_max", 2018)?.value == 19)
        #expect(v(.group, "border", "mean_criteria", 2018)?.value == 14.5)
        #expect(v(.group, "border", "mean_criteria", 2019)?.value == 16.5)
        #expect(v(.group, "border", "mean_criteria", 2019)?.kind == .actual)
        #expect(v(.district, "102", "mean_criteria", 2018)?.value == 12)
        #expect(v(.district, "102", "mean_criteria", 2019)?.value == 18)
    }

    @Test func emptyGroupsHaveASizeAndNoMean() {
        #expect(v(.group, "empty_group", "group_size", 2019)?.value == 0)
        #expect(v(.group, "empty_group", "mean_criteria", 2019) == nil)
        #expect(a.records.allSatisfy { $0.value.isFinite })
    }

    @Test func changes() throws {
        let c = try #require(v(.province, "all", "mean_criteria_change", 2019))
        #expect(abs(c.value - 2.4) < 1e-12 && c.baseYear == 2018 && c.kind == .estimate)
        let pct = try #require(v(.province, "all", "mean_criteria_change_pct", 2019))
        #expect(abs(pct.value - 2.4 / 12.6 * 100) < 1e-12)
        #expect(v(.group, "border", "mean_criteria_change", 2019)?.value == 2)
        #expect(v(.province, "all", "mean_criteria_change", 2018) == nil)   // no earlier year
    }

    @Test func bandsCountTiesAtTheirBounds() {
        let y2018 = CriteriaBand.standard.map { v(.province, "all", "band_count", 2018, $0.label)?.value }
        #expect(y2018 == [0, 1, 2, 1, 1])   // — | 5 | 14, 10 | 15 | 19
        let y2019 = CriteriaBand.standard.map { v(.province, "all", "band_count", 2019, $0.label)?.value }
        #expect(y2019 == [0, 1, 1, 1, 1])   // — | 9 | 14 | 18 | 19
    }

    @Test func configurableBands() throws {
        let custom = try Analysis.run(try Dataset.load(folder: miniFolder),
                                      options: AnalysisOptions(bands: [CriteriaBand(0, 9), CriteriaBand(10, 19)]))
        #expect(custom.value(scope: .province, group: "all", metric: "band_count", year: 2018, detail: "0-9")?.value == 1)
        #expect(custom.value(scope: .province, group: "all", metric: "band_count", year: 2018, detail: "10-19")?.value == 4)
    }

    @Test func shareMeetingEachCriterion() {
        #expect(v(.province, "all", "criterion_share", 2018, "c15")?.value == 40)
        #expect(v(.province, "all", "criterion_share", 2018, "c01")?.value == 100)
        #expect(v(.province, "all", "criterion_share", 2019, "c17")?.value == 25)
        #expect(v(.province, "all", "criterion_share", 2019, "c14")?.value == 50)
    }

    @Test func recognitionsNewAndCumulative() {
        #expect(v(.province, "all", "ntm_new", 2019)?.value == 1)
        #expect(v(.province, "all", "ntm_total", 2019)?.value == 2)
        #expect(v(.province, "all", "ntm_new", 2018)?.value == 0)
        #expect(v(.province, "all", "ntm_total", 2018)?.value == 1)
        #expect(v(.province, "all", "advanced_new", 2019)?.value == 1)
        #expect(v(.province, "all", "advanced_new", 2019)?.kind == .estimate)
        #expect(v(.province, "all", "advanced_total", 2018)?.value == 0)
        #expect(v(.group, "border", "ntm_total", 2019)?.value == 1)
        #expect(v(.district, "102", "ntm_total", 2019)?.value == 1)
    }

    @Test func communesThatLostCriteria() {
        let lost = v(.province, "all", "lost_criteria_units", 2019)
        #expect(lost?.value == 3 && lost?.n == 4)
        #expect(v(.province, "all", "below_standard_after_recognition", 2019)?.value == 1)
        #expect(v(.province, "all", "below_standard_after_recognition", 2018)?.value == 0)
        let units = a.records.filter { $0.metric == "lost_criteria" }.map { "\($0.group):\($0.detail):\($0.kind.rawValue)" }
        #expect(units == ["10002:c14:actual", "10003:c10:actual", "10005:c17:estimate"])
    }

    @Test func planVersusAchieved() {
        let range = v(.group, "border", "mean_criteria", 2019)
        #expect(range?.target == 16 && range?.targetHigh == 17 && range?.status == .met && range?.gap == 0)
        let point = v(.group, "pilot", "mean_criteria", 2019)
        #expect(point?.target == 18 && point?.status == .exceeded && point?.gap == 1)
        let missed = v(.province, "all", "ntm_new", 2019)
        #expect(missed?.status == .missed && missed?.gap == -1)
        // A lower-is-better target compared with a stated figure.
        let poor = a.find(scope: .province, group: "all", metric: "poor_household_rate", year: 2019, kind: .actual).first
        #expect(poor?.status == .exceeded && poor?.gap == 1.5 && poor?.source == "I5")
        // Plans themselves are records too.
        #expect(a.find(scope: .group, group: "border", metric: "mean_criteria", year: 2019, kind: .plan).first?.valueHigh == 17)
    }

    @Test func mixedVintagesAreRefused() throws {
        var ds = try Dataset.load(folder: miniFolder)
        ds.units["10005"]!.vintage = "2019-12-01"
        #expect(throws: AnalyticsError.mixedVintages(subject: "province all", vintages: ["2019-12-01", "2020-01-01"])) {
            try Analysis.run(ds)
        }
    }

    @Test func sameDatasetSameRecords() throws {
        let b = try Analysis.run(try Dataset.load(folder: miniFolder))
        #expect(a.records == b.records)
    }
}

@Suite struct PlanComparisonTests {
    @Test func pointTargets() {
        let border = PlanComparison(actual: 10.6, target: Target(10.4))
        #expect(border.status == .exceeded && border.gap == 0.2)
        #expect(PlanComparison(actual: 13, target: Target(13)).status == .met)
        let missed = PlanComparison(actual: 9.5, target: Target(9.8))
        #expect(missed.status == .missed && missed.gap == -0.3)
    }

    @Test func rangeTargets() {
        let t = Target(11.5, upTo: 12)
        #expect(PlanComparison(actual: 11.7, target: t).status == .met)
        #expect(PlanComparison(actual: 11.5, target: t).status == .met)
        #expect(PlanComparison(actual: 12, target: t).status == .met)
        #expect(PlanComparison(actual: 12.4, target: t).status == .exceeded)
        #expect(PlanComparison(actual: 12.4, target: t).gap == 0.4)
        #expect(PlanComparison(actual: 11.2, target: t).status == .missed)
        #expect(PlanComparison(actual: 11.2, target: t).gap == -0.3)
    }

    @Test func lowerIsBetterTargets() {
        let poor = Target(5, lowerIsBetter: true)
        #expect(PlanComparison(actual: 4, target: poor).status == .exceeded && PlanComparison(actual: 4, target: poor).gap == 1)
        #expect(PlanComparison(actual: 6, target: poor).status == .missed && PlanComparison(actual: 6, target: poor).gap == -1)
        #expect(PlanComparison(actual: 5, target: poor).status == .met)
    }
}
