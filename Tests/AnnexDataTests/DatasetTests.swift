import Foundation
import Testing
@testable import AnnexData

/// The repository root, found from this file's path.
let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().path
let bundledFolder = repoRoot + "/Datasets/langson"
let miniFolder = repoRoot + "/Tests/Fixtures/mini"
let badFolder = repoRoot + "/Tests/Fixtures/bad-datasets"
let seedFactsPath = repoRoot + "/Tests/Fixtures/notices/seed-facts.csv"

func temporaryFolder() throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("annex-data-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}

/// The mini dataset with a bad case's files laid over it (and its DELETE list removed).
func assembleBadCase(_ name: String) throws -> String {
    let fm = FileManager.default
    let dir = try temporaryFolder()
    for f in try fm.contentsOfDirectory(atPath: miniFolder) { try fm.copyItem(atPath: miniFolder + "/" + f, toPath: dir + "/" + f) }
    let caseDir = badFolder + "/" + name
    for f in try fm.contentsOfDirectory(atPath: caseDir) where f != "expected.txt" && f != "DELETE" {
        try? fm.removeItem(atPath: dir + "/" + f)
        try fm.copyItem(atPath: caseDir + "/" + f, toPath: dir + "/" + f)
    }
    if let del = fm.contents(atPath: caseDir + "/DELETE") {
        for f in String(decoding: del, as: UTF8.self).split(separator: "\n") { try fm.removeItem(atPath: dir + "/" + f) }
    }
    return dir
}

let badCases = (try? FileManager.default.contentsOfDirectory(atPath: badFolder).sorted()) ?? []

@Suite struct DatasetLoadingTests {
    @Test func miniDatasetLoads() throws {
        let ds = try Dataset.load(folder: miniFolder)
        #expect(ds.unitOrder == ["10001", "10002", "10003", "10004", "10005"])
        #expect(ds.members(of: "border") == ["10001", "10002"])
        #expect(ds.members(of: "empty_group") == [])
        #expect(ds.members(of: "all")?.count == 5)
        #expect(ds.criteria.count == 9)
        #expect(ds.manifest.periods == [.year(2018), .year(2019)] && ds.manifest.years == [2018, 2019])
        #expect(ds.manifest.synthetic)
        #expect(ds.warnings.isEmpty)
        #expect(ds.groups["cohort_a"]?.isPartition == true)
    }

    @Test func bomSemicolonsAndDecimalCommasLoadWhenDeclared() throws {
        let dir = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let fm = FileManager.default
        for f in try fm.contentsOfDirectory(atPath: miniFolder) {
            let text = try String(contentsOfFile: miniFolder + "/" + f, encoding: .utf8)
            var out = text
            if f.hasSuffix(".csv") {
                // Re-write as a Vietnamese Excel export: BOM, ';', decimal comma.
                let t = try CSVTable.parse(text, file: f)
                let rows = [t.header] + t.rows.map(\.fields)
                out = "\u{FEFF}" + rows.map { $0.map { $0.replacingOccurrences(of: "4111.5", with: "4.111,5")
                    .replacingOccurrences(of: "8.5", with: "8,5") }.joined(separator: ";") }.joined(separator: "\r\n") + "\r\n"
            } else {
                out = text.replacingOccurrences(of: "csv: { delimiter: \",\", decimal: \".\" }", with: "csv: { delimiter: \";\", decimal: \",\" }")
            }
            try out.write(toFile: dir + "/" + f, atomically: true, encoding: .utf8)
        }
        let ds = try Dataset.load(folder: dir)
        #expect(ds.facts.first { $0.id == "I7" }?.value == 4111.5)
        #expect(ds.facts.first { $0.id == "I5" }?.value == 8.5)
        #expect(ds.criteria.count == 9)
    }

    @Test func unknownColumnsAndKeysAreWarnings() throws {
        let dir = try assembleBadCase("09-duplicate-unit")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.removeItem(atPath: dir + "/units.csv")
        try FileManager.default.copyItem(atPath: miniFolder + "/units.csv", toPath: dir + "/units.csv")
        let d = try String(contentsOfFile: dir + "/districts.csv", encoding: .utf8)
        try d.replacingOccurrences(of: "border\n", with: "border,note\n").replacingOccurrences(of: ",1\n", with: ",1,x\n")
            .replacingOccurrences(of: ",0\n", with: ",0,y\n").write(toFile: dir + "/districts.csv", atomically: true, encoding: .utf8)
        let m = try String(contentsOfFile: dir + "/manifest.yaml", encoding: .utf8)
        try (m + "synthetc: false\n").write(toFile: dir + "/manifest.yaml", atomically: true, encoding: .utf8)
        let ds = try Dataset.load(folder: dir)
        #expect(ds.warnings.map(\.description) == [
            "\(dir)/manifest.yaml:14: key 'synthetc': expected a known key (this one is ignored), found 'synthetc'",
            "\(dir)/districts.csv:1: column 'note': expected a known column (this one is ignored), found 'note'",
        ])
    }

    /// Each folder of `Tests/Fixtures/bad-datasets` is laid over the mini dataset; loading it must fail with
    /// exactly the problems its `expected.txt` lists (the folder shown as `<dataset>`).
    @Test(arguments: badCases)
    func badDatasetGivesItsExactErrors(_ name: String) throws {
        let dir = try assembleBadCase(name)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let expected = try String(contentsOfFile: badFolder + "/" + name + "/expected.txt", encoding: .utf8)
            .split(separator: "\n").map(String.init)
        #expect(!expected.isEmpty)
        #expect {
            try Dataset.load(folder: dir)
        } throws: { error in
            let got = (error as! DataError).issues.map { $0.description.replacingOccurrences(of: dir, with: "<dataset>") }
            if got != expected { Issue.record(Comment(rawValue: name + ":\n" + got.joined(separator: "\n"))) }
            return got == expected
        }
    }

    @Test func thereAreAtLeastTwentyBadDatasets() {
        #expect(badCases.count >= 20)
    }
}
