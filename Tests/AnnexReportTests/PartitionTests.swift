import AnnexData
import Foundation
import Testing
@testable import AnnexReport

/// Partitioned runs: `each: district` makes one annex per district of the bundled dataset, with an index.
@Suite(.serialized) struct PartitionTests {
    static let eachSpec = repoRoot + "/Reports/each-district.yaml"
    static let folders = ["178-lang-son", "180-trang-dinh", "181-binh-gia", "182-van-lang", "183-cao-loc", "184-van-quan",
                          "185-bac-son", "186-huu-lung", "187-chi-lang", "188-loc-binh", "189-dinh-lap"]

    func index(_ dir: String) throws -> [[String: Any]] {
        let data = try #require(FileManager.default.contents(atPath: dir + "/index.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(json["each"] as? String == "district")
        return try #require(json["units"] as? [[String: Any]])
    }

    /// 11 districts, 11 folders of both languages with their manifests and an index; the same bytes with one job or two.
    @Test func eachDistrictMakesElevenAnnexesWithTheSameBytesWhateverTheJobCount() throws {
        let a = try tempDir(), b = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: a); try? FileManager.default.removeItem(atPath: b) }
        _ = try ReportRunner.run(specPath: Self.eachSpec, options: ReportOptions(output: a, jobs: 1))
        _ = try ReportRunner.run(specPath: Self.eachSpec, options: ReportOptions(output: b, jobs: 2))
        let sa = snapshot(a), sb = snapshot(b)
        #expect(Set(sa.keys) == Set(sb.keys))
        for (k, v) in sa { #expect(sb[k] == v, "\(k) differs between --jobs 1 and --jobs 2") }
        #expect(!sa.keys.contains { $0.contains(".annex-") }, "no staging left behind")
        let units = try index(a)
        #expect(units.map { $0["folder"] as? String } == Self.folders)
        #expect(units.allSatisfy { $0["status"] as? String == "written" && $0["figures"] as? Int == 3 && $0["tables"] as? Int == 1 })
        for folder in Self.folders {
            for lang in ["vi", "en"] {
                for f in ["annex.pdf", "manifest.json", "findings.txt", "figures/fig01.png", "tables/tab01.csv"] {
                    #expect(sa["\(folder)/\(lang)/\(f)"] != nil, "\(folder)/\(lang)/\(f)")
                }
            }
        }
        #expect(sa["index.md"].map { String(decoding: $0, as: UTF8.self).contains("| 180 | Tràng Định | 180-trang-dinh") } == true)
        // `{district}` and `{region}` in the titles; the district's own data in its findings.
        let manifest = String(decoding: sa["180-trang-dinh/en/manifest.json"]!, as: UTF8.self)
        #expect(manifest.contains("Annex: New Rural Development in Tràng Định, Lạng Sơn province"))
        #expect(manifest.contains("Mean criteria met per commune, Tràng Định"))
    }

    /// A unit that fails is reported with its error and exit code; the others are written and the index lists both.
    @Test func aFailingUnitIsReportedAndTheOthersWritten() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let spec = dir + "/border.yaml"
        try """
            title: "Border communes of {district}"
            dataset: \(repoRoot)/Datasets/langson
            each: district
            languages: [en]
            formats: [png]
            items:
              - figure:
                  type: bar
                  title: "Mean criteria, border communes of {district}"
                  data: { metric: mean_criteria, groups: [border], years: [2019] }
                  encoding: { category: group, value: value }
            """.write(toFile: spec, atomically: true, encoding: .utf8)
        do {
            _ = try ReportRunner.run(specPath: spec, options: ReportOptions(output: dir + "/out", jobs: 2))
            Issue.record("the run should fail")
        } catch {
            guard case .units(let failed) = error else { Issue.record("\(error)"); return }
            #expect(failed.map(\.folder) == ["178-lang-son", "181-binh-gia", "184-van-quan", "185-bac-son", "186-huu-lung", "187-chi-lang"])
            #expect(error.exitCode == 66)
            #expect(error.description.hasPrefix("178-lang-son: \(spec):"))
        }
        let units = try index(dir + "/out")
        #expect(units.count == 11)
        for u in units {
            let folder = u["folder"] as! String
            let ok = ["180-trang-dinh", "182-van-lang", "183-cao-loc", "188-loc-binh", "189-dinh-lap"].contains(folder)
            #expect(u["status"] as? String == (ok ? "written" : "failed"), "\(folder)")
            #expect((u["error"] as? String != nil) == !ok)
            #expect(FileManager.default.fileExists(atPath: dir + "/out/\(folder)/en/annex.pdf") == ok, "\(folder)")
        }
        // The command exits non-zero and says which units failed.
        let (status, _, err) = try runAnnex(["report", spec, "-o", dir + "/out2", "-q"])
        #expect(status == 66)
        #expect(err.contains("178-lang-son: "))
    }

    /// A district's dataset: its communes, their rows, its own indicators; groups with members there; no boundaries.
    @Test func aDistrictsDatasetHoldsItsCommunesAlone() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let ds = try Dataset.load(folder: repoRoot + "/Datasets/langson")
        let units = Partition.districts(of: ds, dataRoot: dir)
        try Partition.writeDatasets(from: ds, units: units)
        var communes = 0
        for u in units {
            let d = try Dataset.load(folder: u.datasetPath)
            #expect(d.districtOrder == [u.code])
            #expect(d.units.values.allSatisfy { $0.districtCode == u.code })
            #expect(Set(d.criteria.map(\.unitCode)).isSubset(of: Set(d.units.keys)))
            #expect(d.manifest.boundaries == nil)
            #expect(d.manifest.regionName == "Lạng Sơn")
            #expect(d.facts.allSatisfy { $0.scope == .district || $0.scope == .unit })
            for g in d.groupOrder where d.groups[g]!.membership == .listed { #expect(!(d.members(of: g) ?? []).isEmpty, "\(u.code) \(g)") }
            communes += d.units.count
        }
        #expect(communes == ds.units.count)
    }

    /// A district's annex has no map (the boundaries are district outlines); the other figures keep their numbers.
    @Test func mapsAreLeftOutOfDistrictAnnexes() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let spec = dir + "/maps.yaml"
        try """
            title: "{district}"
            dataset: \(repoRoot)/Datasets/langson
            each: district
            languages: [en]
            formats: [png]
            items:
              - figure:
                  type: map
                  title: "Mean criteria"
                  data: { metric: mean_criteria, scope: district, years: [2019] }
                  encoding: { key: group, value: value }
              - figure:
                  type: bar
                  title: "Mean criteria, {district}"
                  data: { metric: mean_criteria, scope: district, years: [2019] }
                  encoding: { category: group, value: value }
            """.write(toFile: spec, atomically: true, encoding: .utf8)
        _ = try ReportRunner.run(specPath: spec, options: ReportOptions(output: dir + "/out", jobs: 2))
        let files = snapshot(dir + "/out/186-huu-lung/en")
        #expect(files["figures/fig02.png"] != nil)
        #expect(files["figures/fig01.png"] == nil)
        #expect(try index(dir + "/out").allSatisfy { $0["figures"] as? Int == 1 })
    }

    /// `each: province` over a folder of datasets: one annex per dataset, named by its region.
    @Test func eachProvinceOverAFolderOfDatasets() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/provinces", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir + "/provinces/langson", withDestinationPath: repoRoot + "/Datasets/langson")
        try SyntheticDataset.write(to: dir + "/provinces/synthetic", communes: 40, seed: 1)
        let spec = dir + "/each-province.yaml"
        try """
            title: "{province}"
            dataset: provinces
            each: province
            languages: [vi]
            formats: [png]
            items:
              - figure:
                  type: bar
                  title: "Bình quân tiêu chí/xã, {region}"
                  data: { metric: mean_criteria, groups: [all] }
                  encoding: { category: year, value: value }
            """.write(toFile: spec, atomically: true, encoding: .utf8)
        _ = try ReportRunner.run(specPath: spec, options: ReportOptions(output: dir + "/out", jobs: 2))
        let units = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/out/index.json"))) as? [String: Any])["units"] as? [[String: Any]]
        #expect(units?.map { $0["folder"] as? String } == ["20-lang-son", "00-synthetic"])
        #expect(FileManager.default.fileExists(atPath: dir + "/out/20-lang-son/vi/annex.pdf"))
        let manifest = try String(contentsOfFile: dir + "/out/00-synthetic/vi/manifest.json", encoding: .utf8)
        #expect(manifest.contains("Bình quân tiêu chí/xã, Synthetic"))
    }

    @Test func foldersAreCodesAndASCIISlugs() {
        #expect(Partition.asciiSlug("Tràng Định") == "trang-dinh")
        #expect(Partition.asciiSlug("Thành phố Lạng Sơn") == "thanh-pho-lang-son")
        #expect(PartitionUnit.folderName(code: "189", name: "Đình Lập") == "189-dinh-lap")
        #expect(PartitionUnit.folderName(code: "001", name: "—") == "001")
    }
}
