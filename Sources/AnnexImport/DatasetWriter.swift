import AnnexData
import AnnexIO
import Foundation

/// Writes an import's result as a dataset folder (manifest, districts, units, groups, criteria) and its
/// `import.yaml`. The folder is written beside the target under a hidden name and renamed into place when complete;
/// a folder that already holds anything is never written into.
public enum DatasetWriter {
    /// The files of the dataset, by name.
    public static func files(_ r: Importer.Result, sources: [String]) -> [(name: String, text: String)] {
        var units: [String: (row: ImportedRow, code: String)] = [:], unitOrder: [String] = []
        var madeUpCodes = 0
        for s in r.sheets {
            for row in s.rows {
                let key = Importer.unitKey(row)
                if units[key] == nil {
                    var code = row.code ?? ""
                    if code.isEmpty { madeUpCodes += 1; code = String(format: "9%04d", madeUpCodes) }
                    units[key] = (row, code); unitOrder.append(key)
                } else if row.border || row.difficult {
                    units[key]!.row.border = units[key]!.row.border || row.border
                    units[key]!.row.difficult = units[key]!.row.difficult || row.difficult
                }
            }
        }
        let years = Array(Set(r.sheets.flatMap { $0.rows.map(\.year) })).sorted()
        let hasBorder = r.sheets.contains { $0.layout.column(of: .border) != nil }
        let hasDifficult = r.sheets.contains { $0.layout.column(of: .difficult) != nil }
        // Quoted, never neutralised: a dataset's names are read back by Annex, not opened as formulas.
        func csv(_ fields: [String]) -> String { fields.map { CSVCell.quoted($0) }.joined(separator: ",") + "\n" }
        // A district with a border commune borders another country.
        let borderDistricts = Set(units.values.filter(\.row.border).map { Importer.shortDistrictName($0.row.district ?? $0.row.districtCode ?? "") })
        var districts = "code,name,full_name,type,border\n"
        var seenDistricts: Set<String> = []
        for key in unitOrder {
            let row = units[key]!.row
            let full = (row.district ?? row.districtCode ?? "").trimmingCharacters(in: .whitespaces)
            let short = Importer.shortDistrictName(full)
            guard seenDistricts.insert(short).inserted else { continue }
            let lower = full.lowercased()
            let type = ["Thành phố", "Thị xã", "Quận"].first { lower.hasPrefix($0.lowercased()) }
                ?? (lower.hasPrefix("tp.") || lower.hasPrefix("tp ") ? "Thành phố" : "Huyện")
            let border = borderDistricts.contains(short)
            districts += csv([r.districtCodes[short] ?? "000", short, full == short ? "\(type) \(short)" : full, type, border ? "1" : "0"])
        }
        let vintage = "\(years.last ?? 2020)-01-01"
        var unitsCSV = "code,name,district_code,type,vintage,groups\n"
        for key in unitOrder {
            let (row, code) = units[key]!
            let type = ["Phường", "Thị trấn"].first { row.name.hasPrefix($0) } ?? "Xã"
            let name = row.name.hasPrefix(type) ? row.name : "\(type) \(row.name)"
            let groups = (row.border ? ["border"] : []) + (row.difficult ? ["difficult"] : [])
            unitsCSV += csv([code, name, r.districtCodes[Importer.shortDistrictName(row.district ?? row.districtCode ?? "")] ?? "000",
                             type, vintage, groups.joined(separator: "|")])
        }
        var groups = "id,name_vi,name_en,short_vi,short_en,membership,parent,partition,description\n"
        groups += csv(["all", r.region.isEmpty ? "Toàn tỉnh" : "Toàn tỉnh \(r.region)", "Whole province", "Toàn tỉnh", "Province", "all", "", "", ""])
        if hasBorder { groups += csv(["border", "Xã biên giới", "Border communes", "", "", "listed", "all", "", ""]) }
        if hasDifficult { groups += csv(["difficult", "Xã đặc biệt khó khăn", "Especially difficult communes", "Xã ĐBKK", "Difficult", "listed", "all", "", ""]) }
        let detailed = r.sheets.contains { $0.rows.contains { $0.criteria != nil } }
        var criteria = "unit_code,year,kind,cutoff," + (detailed ? (1...19).map { $0 < 10 ? "c0\($0)," : "c\($0)," }.joined() : "") + "count\n"
        var rows: [(String, Int, String)] = []
        for s in r.sheets {
            for row in s.rows {
                let code = units[Importer.unitKey(row)]!.code
                let values = detailed ? (row.criteria.map { $0.map { $0 ? "1" : "0" } } ?? Array(repeating: "", count: 19)) : []
                rows.append((code, row.year, csv([code, String(row.year), row.estimate ? "estimate" : "actual", row.estimate ? (row.cutoff ?? "") : ""]
                                                 + values + [String(row.count)])))
            }
        }
        for (_, _, line) in rows.sorted(by: { ($0.0, $0.1) < ($1.0, $1.1) }) { criteria += line }
        let slug = slugOf(r.region.isEmpty ? ((sources.first ?? "import") as NSString).deletingPathExtension : r.region)
        let region = r.region.isEmpty ? "Chưa rõ" : r.region
        let from = sources.map { ($0 as NSString).lastPathComponent }.joined(separator: ", ")
        let manifest = """
            # Made by annex import from \(from); import.yaml says what was read and how.
            name: \(slug)
            title:
              vi: \(JSONText.string("Tỉnh \(region) — kết quả thực hiện Bộ tiêu chí quốc gia về xã nông thôn mới"))
              en: \(JSONText.string("\(region) province — the national New Rural Development criteria"))
            region: { name: \(JSONText.string(region)), level: province }
            unit_vintage: \(vintage)
            periods: [\(years.map(String.init).joined(separator: ", "))]
            synthetic: false
            provenance:
              vi: \(JSONText.string("Nhập từ \(from) bằng annex import"))
              en: \(JSONText.string("Imported from \(from) by annex import"))
            licence: \(JSONText.string("Chưa ghi / not stated"))
            csv: { delimiter: ",", decimal: "." }

            """ + (r.warnings.contains { $0.contains(" has no row for ") }
                ? "# Some communes have no row for some years (see import.yaml's warnings): means count the communes with figures.\nallow_missing_years: true\n" : "")
        return [("manifest.yaml", manifest), ("districts.csv", districts), ("units.csv", unitsCSV), ("groups.csv", groups),
                ("criteria.csv", criteria), ("import.yaml", r.planYAML())]
    }

    /// "Lạng Sơn" → "lang-son".
    static func slugOf(_ s: String) -> String {
        let words = Headers.fold(s).split(separator: " ")
        let slug = words.joined(separator: "-")
        return slug.isEmpty ? "import" : String(slug.prefix(60))
    }

    /// The first line of every `import.yaml`: a folder holding it was made by an import, which a new import of the
    /// same workbooks may replace.
    static let planHeader = "# What annex import understood."

    /// Writes the files into `folder`, which must be new, empty, or a dataset an earlier import made (its
    /// `import.yaml` says so): first into a hidden folder beside it, then swapped into place in one step.
    public static func write(_ files: [(name: String, text: String)], to folder: String) throws(ImportError) {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: folder, isDirectory: &isDir) {
            let entries = (try? fm.contentsOfDirectory(atPath: folder)) ?? ["?"]
            let plan = (try? String(contentsOfFile: (folder as NSString).appendingPathComponent("import.yaml"), encoding: .utf8)) ?? ""
            guard isDir.boolValue, entries.isEmpty || plan.hasPrefix(planHeader) else {
                throw ImportError(folder, expected: "a new or empty folder for the dataset, or one an earlier annex import made",
                                  found: isDir.boolValue ? "a folder that holds other files (nothing was overwritten)" : "a file")
            }
        }
        let parent = (folder as NSString).deletingLastPathComponent
        let base = (parent.isEmpty ? "." : parent) as NSString
        let prefix = ".\((folder as NSString).lastPathComponent).import-"
        // What a killed import left: a dataset moved aside (no exchange on this file system) is put back when
        // nothing took its place; other leftovers are removed.
        for entry in ((try? fm.contentsOfDirectory(atPath: base as String)) ?? []) where entry.hasPrefix(prefix) {
            let path = base.appendingPathComponent(entry)
            if entry.hasSuffix("-old"), !fm.fileExists(atPath: folder) { _ = rename(path, folder) } else { try? fm.removeItem(atPath: path) }
        }
        let staging = base.appendingPathComponent(prefix + "\(getpid())")
        do {
            try fm.createDirectory(atPath: staging, withIntermediateDirectories: false)
            for f in files { try AtomicFile.write(f.text, to: (staging as NSString).appendingPathComponent(f.name)) }
            // Checked as `annex validate` checks, before it replaces anything: problems name the target's files.
            do { _ = try Dataset.load(folder: staging) } catch {
                throw ImportError(problems: error.issues.map { i in
                    (i.location.description.replacingOccurrences(of: staging, with: folder), i.expected, i.found ?? "")
                })
            }
            let aside = staging + "-old"
            do { _ = try FolderSwap.swap(new: staging, into: folder, aside: aside) } catch {
                throw ImportError(folder, expected: "a folder the dataset can be moved to", found: error.reason)
            }
            try? fm.removeItem(atPath: staging)   // the previous import, after an exchange
            try? fm.removeItem(atPath: aside)
        } catch let e as ImportError {
            try? fm.removeItem(atPath: staging); throw e
        } catch {
            try? fm.removeItem(atPath: staging)
            throw ImportError(folder, expected: "a writable folder", found: "\(error)")
        }
    }
}
