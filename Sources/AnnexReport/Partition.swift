// Partitioned runs (`each: district`): the units a spec is run for, and each unit's own dataset folder, cut
// from the spec's dataset.

import AnnexData
import AnnexIO
import Foundation
import Yams

/// What a partitioned run makes one annex for (`each:` in a report spec).
public enum PartitionLevel: String, CaseIterable, Sendable {
    /// One annex per district of the dataset, from the district's communes alone.
    case district
    /// One annex per province: each dataset folder inside the spec's `dataset` folder (or the dataset itself).
    case province
}

/// One annex of a partitioned run: a district or a province.
public struct PartitionUnit: Sendable, Equatable {
    /// The unit's code (a district code, or a province's region code).
    public var code: String
    /// The unit's name as the data writes it ("Lạng Sơn", "Tràng Định").
    public var name: String
    /// Its folder in the output: the code, then an ASCII slug of its name (`180-trang-dinh`).
    public var folder: String
    /// The dataset folder the unit's annex is made from (made by `Partition.writeDatasets` for a district).
    public var datasetPath: String

    /// `code-slug` of a unit.
    public static func folderName(code: String, name: String) -> String {
        let slug = Partition.asciiSlug(name)
        return slug.isEmpty ? code : code + "-" + slug
    }
}

/// Cutting a dataset into units.
public enum Partition {
    /// Lower-case ASCII letters and digits joined by `-`: diacritics dropped, đ read as d ("Tràng Định" → `trang-dinh`).
    public static func asciiSlug(_ name: String) -> String {
        var out = "", dash = false
        for s in name.decomposedStringWithCanonicalMapping.unicodeScalars {
            if s.properties.generalCategory == .nonspacingMark { continue }
            var c = s
            if s == "đ" || s == "Đ" { c = "d" }
            if c.isASCII, c.properties.isAlphabetic || ("0"..."9").contains(c) {
                if dash, !out.isEmpty { out += "-" }
                dash = false
                out.unicodeScalars.append(contentsOf: String(c).lowercased().unicodeScalars)
            } else { dash = true }
        }
        return out
    }

    /// The units of a district partition of `ds`, in the order of districts.csv; their datasets go into `dataRoot`.
    public static func districts(of ds: Dataset, dataRoot: String) -> [PartitionUnit] {
        ds.districtOrder.map { code in
            let name = ds.districts[code]!.name
            let folder = PartitionUnit.folderName(code: code, name: name)
            return PartitionUnit(code: code, name: name, folder: folder, datasetPath: (dataRoot as NSString).appendingPathComponent(folder))
        }
    }

    /// The units of a province partition of `folder`: the folder itself when it is a dataset, else each of its
    /// subfolders that holds a `manifest.yaml`, in name order; each unit's code and name are its region's.
    public static func provinces(in folder: String) throws(DataError) -> [PartitionUnit] {
        let fm = FileManager.default
        func isDataset(_ f: String) -> Bool { fm.fileExists(atPath: (f as NSString).appendingPathComponent(Dataset.File.manifest.rawValue)) }
        let folders = isDataset(folder) ? [folder]
            : ((try? fm.contentsOfDirectory(atPath: folder)) ?? []).sorted().map { (folder as NSString).appendingPathComponent($0) }.filter(isDataset)
        guard !folders.isEmpty else {
            throw DataError([DataIssue(SourceLocation(file: folder), expected: "a dataset, or a folder of datasets (one per province)", found: "no manifest.yaml")])
        }
        return try folders.map { (f: String) throws(DataError) -> PartitionUnit in
            let ds = try Dataset.load(folder: f)
            let code = ds.manifest.regionCode.isEmpty ? (f as NSString).lastPathComponent : ds.manifest.regionCode
            return PartitionUnit(code: code, name: ds.manifest.regionName, folder: PartitionUnit.folderName(code: code, name: ds.manifest.regionName), datasetPath: f)
        }
    }

    /// Writes each district's dataset: the district's row, its communes, their criteria and recognitions, the
    /// district's own indicators (and those of every district, group `each`), the groups with a member among its
    /// communes (with their parents, `all` and groups without members), every source. Province-wide and group
    /// figures are left out: they are not the district's. The manifest keeps the region (the province) and drops
    /// the boundaries, which are district outlines: a district's annex has no map.
    public static func writeDatasets(from ds: Dataset, units: [PartitionUnit]) throws {
        let folder = ds.folder as NSString
        func read(_ f: Dataset.File) throws -> CSVTable? {
            let p = folder.appendingPathComponent(f.rawValue)
            guard FileManager.default.fileExists(atPath: p) else { return nil }
            return try CSVTable.read(path: p)
        }
        let unitDistrict = Dictionary(uniqueKeysWithValues: ds.units.values.map { ($0.code, $0.districtCode) })
        // Each table's rows by district, read once for every district.
        var split: [Dataset.File: (table: CSVTable, rows: [String: [CSVTable.Row]])] = [:]
        for f in [Dataset.File.districts, .units, .criteria, .recognition, .indicators] {
            guard let t = try read(f) else { continue }
            func col(_ name: String) -> Int? { t.header.firstIndex(of: name) }
            var rows: [String: [CSVTable.Row]] = [:]
            for r in t.rows {
                func field(_ name: String) -> String { col(name).flatMap { r.fields.indices.contains($0) ? r.fields[$0] : nil } ?? "" }
                let district: String?
                switch f {
                case .districts: district = field("code")
                case .units: district = field("district_code")
                case .indicators:
                    switch field("scope") {
                    case "district": district = field("group") == "each" ? "*" : field("group")
                    case "unit": district = unitDistrict[field("group")]
                    default: district = nil
                    }
                default: district = unitDistrict[field("unit_code")]
                }
                if let district { rows[district, default: []].append(r) }
            }
            split[f] = (t, rows)
        }
        let groups = try read(.groups)
        let sources = try read(.sources).map { _ in try String(contentsOfFile: folder.appendingPathComponent(Dataset.File.sources.rawValue), encoding: .utf8) }
        let manifest = try manifestWithoutBoundaries(folder.appendingPathComponent(Dataset.File.manifest.rawValue))
        for u in units {
            try FileManager.default.createDirectory(atPath: u.datasetPath, withIntermediateDirectories: true)
            // Working files of the run, removed with its staging folder: not synced.
            func write(_ name: String, _ text: String) throws { try text.write(toFile: (u.datasetPath as NSString).appendingPathComponent(name), atomically: false, encoding: .utf8) }
            try write(Dataset.File.manifest.rawValue, manifest)
            for (f, s) in split {
                let rows = (s.rows[u.code] ?? []) + (f == .indicators ? s.rows["*"] ?? [] : [])
                try write(f.rawValue, csv(s.table.header, rows.sorted { $0.line < $1.line }.map(\.fields), s.table.delimiter))
            }
            if let groups { try write(Dataset.File.groups.rawValue, csv(groups.header, keptGroups(groups, ds, district: u.code), groups.delimiter)) }
            if let sources { try write(Dataset.File.sources.rawValue, sources) }
        }
    }

    /// The rows of groups.csv a district keeps: groups with a member among its communes, their parents, and the
    /// groups that list no members (`all`, `none`).
    static func keptGroups(_ t: CSVTable, _ ds: Dataset, district: String) -> [[String]] {
        var keep: Set<String> = []
        for id in ds.groupOrder {
            guard let g = ds.groups[id] else { continue }
            if g.membership != .listed || (ds.members(of: id) ?? []).contains(where: { ds.units[$0]?.districtCode == district }) {
                var p: String? = id
                while let x = p, keep.insert(x).inserted { p = ds.groups[x]?.parent }
            }
        }
        let idCol = t.header.firstIndex(of: "id") ?? 0
        return t.rows.filter { $0.fields.indices.contains(idCol) && keep.contains($0.fields[idCol]) }.map(\.fields)
    }

    static func csv(_ header: [String], _ rows: [[String]], _ delimiter: Character) -> String {
        ([header] + rows).map { $0.map { CSVCell.quoted($0, delimiter: delimiter) }.joined(separator: String(delimiter)) + "\n" }.joined()
    }

    /// The manifest's text without its `boundaries` block (the rest as written).
    static func manifestWithoutBoundaries(_ path: String) throws -> String {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        guard case .mapping(var m)? = try Yams.compose(yaml: text), m["boundaries"] != nil else { return text }
        m["boundaries"] = nil
        return try Yams.serialize(node: .mapping(m), allowUnicode: true)
    }
}
