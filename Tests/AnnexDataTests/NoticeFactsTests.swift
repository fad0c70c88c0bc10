import Foundation
import Testing
@testable import AnnexAnalytics
@testable import AnnexData

/// The repository root, found from this file's path.
let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path
let bundledFolder = repoRoot + "/Datasets/langson-notices"
let seedFactsPath = repoRoot + "/../shared/seed-facts.csv"

@Suite struct NoticeFactsTests {
    @Test func bundledDatasetLoads() throws {
        let facts = try NoticeFacts.load(folder: bundledFolder)
        #expect(facts.facts.count == 39)
        #expect(facts.groups["pilot_difficult"]?.name(.vi) == "05 xã đặc biệt khó khăn tỉnh chỉ đạo điểm")
        #expect(facts.sources["tb-2020-07-nq20"]?.dataCutoff == "2020-06-30")
    }

    /// Every figure of the notices (seed facts) is in the dataset with the same value, kind and year.
    @Test func datasetHoldsEverySeedFact() throws {
        let facts = try NoticeFacts.load(folder: bundledFolder)
        let seed = try CSVTable.read(path: seedFactsPath)
        let c = try seed.columns(["id", "group", "metric", "year", "kind", "value", "value_high", "derivation"])
        var checked = 0
        for row in seed.rows {
            let f = { (k: String) in row.fields[c[k]!] }
            if f("metric") == "report_data_cutoff" {
                #expect(facts.sources.values.contains { $0.dataCutoff == f("value") })
                continue
            }
            let fact = try #require(facts.facts.first { $0.id == f("id") }, "missing \(f("id"))")
            #expect(fact.group == f("group") && fact.metric == f("metric") && String(fact.year) == f("year"))
            #expect(fact.kind.rawValue == f("kind"))
            #expect(fact.value == Double(f("value")))
            #expect(fact.valueHigh == (f("value_high").isEmpty ? nil : Double(f("value_high"))))
            checked += 1
        }
        #expect(checked == 39)
    }

    @Test func badFactsAreAllReportedWithLineAndColumn() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("annex-bad-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for name in ["groups.csv", "sources.csv"] {
            try FileManager.default.copyItem(atPath: bundledFolder + "/" + name, toPath: dir + "/" + name)
        }
        let facts = """
            id,scope,group,metric,year,kind,basis,value,value_high,unit,source,derivation,quote
            A1,province,all,mean_criteria,2019,actual,stated,"11,54",,criteria,tb-2020-02-ntm2020,,q
            A2,province,nowhere,mean_criteria,19,actual,stated,11.5,,criteria,tb-2020-02-ntm2020,,q
            A3,province,all,mean_criteria,2018,guess,derived,10,9,criteria,nosuch,,q
            A1,region,all,ntm_new,2019,actual,stated,13,,communes,tb-2020-02-ntm2020,,
            """
        try facts.write(toFile: dir + "/facts.csv", atomically: true, encoding: .utf8)
        #expect {
            try NoticeFacts.load(folder: dir)
        } throws: { error in
            let issues = (error as! DataError).issues.map(\.description)
            let file = dir + "/facts.csv"
            let expected = [
                "\(file):2: column 'value': expected a number with a decimal point (11.54), found '11,54'",
                "\(file):3: column 'group': expected a group listed in groups.csv, found 'nowhere'",
                "\(file):3: column 'year': expected a year between 1900 and 2100, found '19'",
                "\(file):4: column 'kind': expected one of actual, plan, estimate, found 'guess'",
                "\(file):4: column 'value_high': expected an upper bound no lower than value 10, found '9'",
                "\(file):4: column 'source': expected a source listed in sources.csv, found 'nosuch'",
                "\(file):4: column 'derivation': expected how a derived figure follows from stated ones, found ''",
                "\(file):5: column 'id': expected a fact id not used before, found 'A1'",
                "\(file):5: column 'scope': expected one of province, group, district, found 'region'",
                "\(file):5: column 'quote': expected the source's words for the figure, found ''",
            ]
            return issues == expected
        }
    }

    @Test func missingFolderIsALocatedError() {
        #expect {
            try NoticeFacts.load(folder: "/nonexistent/annex")
        } throws: { error in
            (error as! DataError).issues.count == 3
                && (error as! DataError).issues[0].description.hasPrefix("/nonexistent/annex/groups.csv: expected a readable CSV file")
        }
    }
}

@Suite struct AnalyticsTests {
    @Test func pointTargets() {
        let border = PlanComparison(actual: 10.6, target: Target(10.4))
        #expect(border.status == .exceeded)
        #expect(border.gap == 0.2)
        #expect(PlanComparison(actual: 13, target: Target(13)).status == .met)
        let missed = PlanComparison(actual: 9.5, target: Target(9.8))
        #expect(missed.status == .missed)
        #expect(missed.gap == -0.3)
    }

    @Test func rangeTargets() {
        let t = Target(11.5, upTo: 12)
        #expect(PlanComparison(actual: 11.7, target: t).status == .met)
        #expect(PlanComparison(actual: 11.7, target: t).gap == 0)
        #expect(PlanComparison(actual: 12.4, target: t).status == .exceeded)
        #expect(PlanComparison(actual: 12.4, target: t).gap == 0.4)
        #expect(PlanComparison(actual: 11.2, target: t).status == .missed)
        #expect(PlanComparison(actual: 11.2, target: t).gap == -0.3)
    }

    @Test func lowerIsBetterTargets() {
        let poor = Target(5, lowerIsBetter: true)
        #expect(PlanComparison(actual: 4, target: poor).status == .exceeded)
        #expect(PlanComparison(actual: 4, target: poor).gap == 1)
        #expect(PlanComparison(actual: 6, target: poor).status == .missed)
        #expect(PlanComparison(actual: 6, target: poor).gap == -1)
    }

    /// The notices state the 2019 values, the increase over 2018 and the margin over plan; the trends
    /// reproduce both from the dataset.
    @Test func groupTrendsReproduceTheNotices() throws {
        let facts = try NoticeFacts.load(folder: bundledFolder)
        let trends = GroupTrends.compute(facts, metric: "mean_criteria",
                                         groups: ["all", "border", "pilot_difficult", "district_selected"],
                                         years: [2018, 2019], planYear: 2019)
        #expect(trends.map { $0.change(from: 2018, to: 2019) } == [1.5, 1.25, 5.2, 2.8])
        #expect(trends.map { $0.comparison?.gap } == [nil, 0.2, 0.2, 0.6])
        #expect(trends.map { $0.comparison?.status } == [nil, .exceeded, .exceeded, .exceeded])
        #expect(trends.map { $0.values[2019]?.value } == [11.54, 10.6, 17.2, 10.4])
    }
}
