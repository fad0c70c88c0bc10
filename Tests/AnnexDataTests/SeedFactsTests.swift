import Foundation
import Testing
@testable import AnnexAnalytics
@testable import AnnexData

/// The notices' figures (Tests/Fixtures/notices/seed-facts.csv) against the bundled dataset.
@Suite struct SeedFactsTests {
    struct Seed {
        var id: String, scope: FactScope, group: String, metric: String, year: Int, kind: FactKind
        var value: String, valueHigh: String
        /// Digits after the point in the notice's figure: the precision it is compared at.
        var digits: Int { value.split(separator: ".").dropFirst().first?.count ?? 0 }
    }

    static func seeds() throws -> [String: Seed] {
        let t = try CSVTable.read(path: seedFactsPath)
        let c = try t.columns(["id", "scope", "group", "metric", "year", "kind", "value", "value_high"])
        var out: [String: Seed] = [:]
        for r in t.rows {
            let f = { (k: String) in r.fields[c[k]!] }
            guard let scope = FactScope(rawValue: f("scope")), let year = Int(f("year")), let kind = FactKind(rawValue: f("kind"))
            else { continue }
            out[f("id")] = Seed(id: f("id"), scope: scope, group: f("group"), metric: f("metric"), year: year, kind: kind,
                                value: f("value"), valueHigh: f("value_high"))
        }
        return out
    }

    static func rounded(_ x: Double, _ digits: Int) -> Double {
        let p = pow(10, Double(digits))
        return (x * p).rounded(.toNearestOrAwayFromZero) / p
    }

    let seeds: [String: Seed]
    let analysis: Analysis
    let dataset: Dataset
    init() throws {
        seeds = try SeedFactsTests.seeds()
        dataset = try Dataset.load(folder: bundledFolder)
        analysis = try Analysis.run(dataset)
    }

    /// Every commune-level figure of the notices is found in the computed results under the same keys,
    /// equal at the notice's precision. F20 (61 communes) counts pre-merger units, which a 2020-vintage
    /// dataset cannot count; it stays a stated indicator (checked below).
    @Test(arguments: ["F01", "F03", "F04", "F05", "F06", "F07", "F09", "F10", "F11", "F13", "F14", "F15",
                      "F19", "F22", "F23", "F28", "F29", "F30", "F31", "F32"])
    func computedFigureMatchesTheNotice(_ id: String) throws {
        let s = try #require(seeds[id])
        let r = try #require(analysis.find(scope: s.scope, group: s.group, metric: s.metric, year: s.year, kind: s.kind)
                                .first { $0.source == "computed" }, "no computed \(s.metric) for \(s.group) \(s.year)")
        #expect(SeedFactsTests.rounded(r.value, s.digits) == Double(s.value), "\(id): computed \(r.value), notice \(s.value)")
    }

    /// The notices' plan-versus-achieved statements, with status and gap.
    @Test func planStatementsHold() throws {
        let statements: [(plan: String, scope: FactScope, group: String, metric: String, year: Int, status: PlanStatus, gap: Double)] = [
            ("F02", .province, "all", "ntm_new", 2019, .exceeded, 1),            // vượt kế hoạch 01 xã
            ("F08", .group, "pilot_difficult", "mean_criteria", 2019, .exceeded, 0.2),   // vượt 0,2 tiêu chí
            ("F12", .group, "border", "mean_criteria", 2019, .exceeded, 0.2),            // vượt 0,2 tiêu chí
            ("F16", .group, "district_selected", "mean_criteria", 2019, .exceeded, 0.6), // vượt 0,6 tiêu chí
            ("F17", .province, "all", "ntm_new", 2020, .met, 0),                 // phấn đấu thêm 13 xã (estimate)
            ("F18", .province, "all", "ntm_total", 2020, .met, 0),               // tổng số 65 xã (estimate)
            ("F24", .province, "all", "advanced_new", 2020, .met, 0),            // thêm 03 xã nâng cao (estimate)
            ("F25", .group, "border", "mean_criteria", 2020, .met, 0),           // 11,5–12 tiêu chí/xã (range)
        ]
        for st in statements {
            let plan = try #require(seeds[st.plan])
            let r = try #require(analysis.value(scope: st.scope, group: st.group, metric: st.metric, year: st.year))
            #expect(r.target == Double(plan.value), "\(st.plan)")
            #expect(r.targetHigh == (plan.valueHigh.isEmpty ? nil : Double(plan.valueHigh)), "\(st.plan)")
            #expect(r.status == st.status, "\(st.plan): \(String(describing: r.status))")
            #expect(SeedFactsTests.rounded(r.gap ?? .nan, 1) == st.gap, "\(st.plan): gap \(String(describing: r.gap))")
        }
        // 2020 figures are estimates and say so.
        #expect(analysis.value(scope: .province, group: "all", metric: "ntm_new", year: 2020)?.kind == .estimate)
        #expect(analysis.value(scope: .province, group: "all", metric: "mean_criteria", year: 2020)?.kind == .estimate)
        #expect(analysis.value(scope: .province, group: "all", metric: "mean_criteria", year: 2019)?.kind == .actual)
    }

    /// The stated increases over 2018 are the computed changes, at the notice's precision.
    @Test func increasesOver2018() {
        for (group, scope, increase) in [("all", FactScope.province, 1.5), ("pilot_difficult", .group, 5.2),
                                         ("border", .group, 1.25), ("district_selected", .group, 2.8)] {
            let c = analysis.value(scope: scope, group: group, metric: "mean_criteria_change", year: 2019)
            #expect(SeedFactsTests.rounded(c?.value ?? .nan, increase == 1.25 ? 2 : 1) == increase, "\(group)")
        }
    }

    /// Every seed fact is in the dataset's indicators with the same value, kind and year (F40, the cut-off
    /// date, is the cut-off of its source).
    @Test func datasetStatesEverySeedFact() throws {
        var checked = 0
        for s in seeds.values {
            if s.metric == "report_data_cutoff" {
                #expect(dataset.sources.values.contains { $0.dataCutoff == s.value })
                continue
            }
            let fact = try #require(dataset.facts.first { $0.id == s.id }, "missing \(s.id)")
            #expect(fact.group == s.group && fact.metric == s.metric && fact.year == s.year && fact.kind == s.kind)
            #expect(fact.value == Double(s.value))
            #expect(fact.valueHigh == (s.valueHigh.isEmpty ? nil : Double(s.valueHigh)))
            checked += 1
        }
        #expect(checked == 39)
    }

    @Test func bundledDatasetIsLabelledSynthetic() {
        #expect(dataset.manifest.synthetic)
        #expect(dataset.manifest.provenance.contains("SYNTHETIC"))
        #expect(dataset.units.count == 181)
        #expect(dataset.unitOrder.allSatisfy { dataset.units[$0]!.type == "Xã" })
    }
}

/// The synthetic tables come from the generator in the repository: run it afresh in a scratch copy of the
/// tree and it writes the committed bytes.
@Suite struct GeneratorTests {
    @Test func generatorReproducesTheCommittedTables() throws {
        let fm = FileManager.default
        let root = try temporaryFolder()
        defer { try? fm.removeItem(atPath: root) }
        try fm.createDirectory(atPath: root + "/tools", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: root + "/Datasets/langson", withIntermediateDirectories: true)
        try fm.copyItem(atPath: repoRoot + "/tools/generate_langson_dataset.py", toPath: root + "/tools/generate_langson_dataset.py")
        try fm.copyItem(atPath: bundledFolder + "/admin", toPath: root + "/Datasets/langson/admin")
        try fm.copyItem(atPath: bundledFolder + "/districts.csv", toPath: root + "/Datasets/langson/districts.csv")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", root + "/tools/generate_langson_dataset.py"]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "\(text)")
        #expect(text.contains("all checks passed"))
        for f in ["units.csv", "criteria.csv", "recognition.csv"] {
            #expect(fm.contents(atPath: root + "/Datasets/langson/" + f) == fm.contents(atPath: bundledFolder + "/" + f), "\(f)")
        }
    }
}
