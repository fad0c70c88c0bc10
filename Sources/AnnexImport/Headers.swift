import AnnexData
import Foundation

/// What a column of a statistician's sheet holds, recognised from its header (and the heading merged above it).
public enum ColumnField: Hashable, Sendable, Comparable {
    /// The row's serial number ("STT"), not data.
    case serial
    /// The commune's code ("Mã xã").
    case unitCode
    /// The commune's name ("Tên xã", "Xã").
    case unitName
    /// The district's name ("Huyện").
    case district
    /// The district's code ("Mã huyện").
    case districtCode
    /// The year of the row, when a sheet holds several years one below the other ("Năm").
    case year
    /// Whether one of the 19 national criteria (1…19) is met: a column under "Tiêu chí", headed by its number.
    case criterion(Int)
    /// The number of criteria met ("Tổng số tiêu chí đạt").
    case count
    /// The number of criteria met in one year, on sheets that put the years side by side ("Năm 2019").
    case countInYear(Int)
    /// Whether the commune is a border commune ("Xã biên giới").
    case border
    /// Whether the commune is an especially difficult commune ("Xã ĐBKK").
    case difficult
    /// A remark ("Ghi chú"): recognised, so that it is not taken for data, and not imported.
    case note

    /// The name used in `import.yaml` (`unit_code`, `c07`, `count_2019`, …).
    public var name: String {
        switch self {
        case .serial: "serial"
        case .unitCode: "unit_code"
        case .unitName: "unit_name"
        case .district: "district"
        case .districtCode: "district_code"
        case .year: "year"
        case .criterion(let n): n < 10 ? "c0\(n)" : "c\(n)"
        case .count: "count"
        case .countInYear(let y): "count_\(y)"
        case .border: "border"
        case .difficult: "difficult"
        case .note: "note"
        }
    }

    /// The field that `import.yaml` names `name` (`unit_code`, `c07`, `count_2019`, …), or nil for a name it does not
    /// know.
    public init?(name: String) {
        let simple: [String: ColumnField] = ["serial": .serial, "unit_code": .unitCode, "unit_name": .unitName, "district": .district,
                                             "district_code": .districtCode, "year": .year, "count": .count, "border": .border,
                                             "difficult": .difficult, "note": .note]
        if let f = simple[name] { self = f; return }
        if name.hasPrefix("count_"), let y = Int(name.dropFirst(6)), (1900...2100).contains(y) { self = .countInYear(y); return }
        if name.hasPrefix("c"), name.count == 3, let n = Int(name.dropFirst()), (1...19).contains(n) { self = .criterion(n); return }
        return nil
    }

    /// Every name `import.yaml` may give a column, `count_YYYY` standing for the years, for the hint of an unknown
    /// name.
    public static let allNames = ["serial", "unit_code", "unit_name", "district", "district_code", "year", "count", "border",
                                  "difficult", "note", "count_YYYY"] + (1...19).map { ColumnField.criterion($0).name }

    public static func < (a: ColumnField, b: ColumnField) -> Bool { a.name < b.name }
}

/// Header texts as offices write them, in Vietnamese or English, in NFC or NFD, any case, with or without
/// diacritics: all compared after `Headers.fold`.
public enum Headers {
    /// Lower case, no diacritics (đ → d), punctuation as spaces, spaces collapsed: "Mã xã" → "ma xa".
    /// Letters with diacritics are looked up in a table of their base letters (NFD text's combining marks are
    /// skipped), so folding a workbook's every cell costs no Unicode normalisation.
    public static func fold(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var space = false
        for u in s.unicodeScalars {
            let v = u.value
            if (0x300...0x36F).contains(v) { continue }
            let base: Unicode.Scalar
            if v < 0x80 {
                guard (0x30...0x39).contains(v) || (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v) else { space = true; continue }
                base = (0x41...0x5A).contains(v) ? Unicode.Scalar(v + 32)! : u
            } else if let b = baseLetters[v] {
                base = b
            } else if u.properties.isAlphabetic || u.properties.numericType != nil {
                base = u.properties.lowercaseMapping.unicodeScalars.first ?? u
            } else { space = true; continue }
            if space, !out.isEmpty { out.append(" ") }
            space = false
            out.append(base)
        }
        return String(out)
    }

    /// Latin letters with diacritics (Latin-1 to Latin Extended Additional, where Vietnamese lives) → their lower-
    /// case base letter; đ and Đ → d.
    static let baseLetters: [UInt32: Unicode.Scalar] = {
        var table: [UInt32: Unicode.Scalar] = [0x111: "d", 0x110: "d"]
        for v in Array(UInt32(0xC0)...0x24F) + Array(UInt32(0x1E00)...0x1EFF) {
            guard let u = Unicode.Scalar(v), u.properties.isAlphabetic, table[v] == nil else { continue }
            let d = String(u).decomposedStringWithCanonicalMapping.unicodeScalars
            guard let first = d.first, first.value < 0x80 else { continue }
            table[v] = first.properties.lowercaseMapping.unicodeScalars.first ?? first
        }
        return table
    }()

    static let exact: [String: ColumnField] = {
        var m: [String: ColumnField] = [:]
        for s in ["stt", "tt", "so tt", "so thu tu", "no", "nr", "number"] { m[s] = .serial }
        for s in ["ma xa", "ma don vi", "ma dvhc", "ma", "ma so", "ma xa phuong thi tran", "commune code", "unit code", "code", "gso code"] { m[s] = .unitCode }
        for s in ["ten xa", "ten don vi", "xa", "don vi", "ten", "xa phuong thi tran", "ten xa phuong thi tran", "commune", "commune name",
                  "unit", "unit name", "name", "don vi hanh chinh", "ten don vi hanh chinh"] { m[s] = .unitName }
        for s in ["huyen", "ten huyen", "huyen thanh pho", "huyen thi xa thanh pho", "huyen tp", "don vi cap huyen", "district",
                  "district name", "quan huyen"] { m[s] = .district }
        for s in ["ma huyen", "district code", "ma quan huyen"] { m[s] = .districtCode }
        for s in ["nam", "year", "nam bao cao", "ky bao cao"] { m[s] = .year }
        for s in ["tong so tieu chi dat", "so tieu chi dat", "tong so tc dat", "so tc dat", "tong so tieu chi", "tong tieu chi dat",
                  "tieu chi dat", "tong so", "tong", "total", "count", "criteria met", "number of criteria met", "total criteria met"] { m[s] = .count }
        for s in ["xa bien gioi", "bien gioi", "border", "border commune", "border communes"] { m[s] = .border }
        for s in ["xa dbkk", "dbkk", "xa dac biet kho khan", "dac biet kho khan", "xa dbkk vung dtts", "difficult",
                  "especially difficult", "especially difficult commune"] { m[s] = .difficult }
        for s in ["ghi chu", "note", "notes", "remarks"] { m[s] = .note }
        return m
    }()

    /// The field of a header cell, given the heading merged above it (two-row headers); nil when unknown.
    public static func field(_ header: String, under heading: String? = nil) -> ColumnField? {
        let h = fold(header), parent = heading.map(fold) ?? ""
        if let year = yearOf(h), !parent.isEmpty, parent != h, parent.contains("tieu chi") || parent.contains("criteria") {
            return .countInYear(year)
        }
        if let n = criterionNumber(h, parent: parent) { return .criterion(n) }
        if let f = exact[h] { return f }
        if !parent.isEmpty, parent != h, let f = exact[parent], h.isEmpty || f != .count { return f }
        return nil
    }

    /// "tc1", "tc 01", "tieu chi 1", "tieu chi so 1", "c01", "criterion 1", or "1"…"19" under a "Tiêu chí" heading.
    static func criterionNumber(_ h: String, parent: String) -> Int? {
        if let n = Int(h), (1...19).contains(n) {
            return parent.contains("tieu chi") || parent.contains("criteri") ? n : nil
        }
        for prefix in ["tieu chi so ", "tieu chi ", "tc so ", "tc ", "tc", "criterion ", "criteria ", "c"] where h.hasPrefix(prefix) {
            if let n = Int(h.dropFirst(prefix.count)), (1...19).contains(n) { return n }
        }
        // "1. Quy hoạch": the criterion's number and its name (under a "Tiêu chí" heading, or matching the national name).
        let words = h.split(separator: " ")
        if words.count >= 2, let n = Int(words[0]), (1...19).contains(n) {
            if parent.contains("tieu chi") { return n }
            let national = fold(NationalCriteria.names[.vi]?[n - 1] ?? "").split(separator: " ")
            if let w = national.first, words[1] == w || (national.count > 1 && words.dropFirst().prefix(2).contains(national[1])) { return n }
        }
        return nil
    }

    /// A year written alone or as "năm 2019", "year 2019".
    public static func yearOf(_ folded: String) -> Int? {
        let words = folded.split(separator: " ")
        guard let last = words.last, let y = Int(last), (1990...2100).contains(y), words.count <= 3 else { return nil }
        if words.count == 1 || words.first == "nam" || words.first == "year" { return y }
        return nil
    }

    /// A 4-digit year anywhere in a text ("Năm 2019", "KQ 2019 (ước)").
    public static func yearIn(_ text: String) -> Int? {
        let digits = fold(text).split(whereSeparator: { !$0.isNumber })
        return digits.compactMap { $0.count == 4 ? Int($0) : nil }.first { (1990...2100).contains($0) }
    }

    /// Labels of rows that are not communes: averages, totals, subtotals.
    public static func isSummaryLabel(_ text: String) -> Bool {
        if text.isEmpty || text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) { return false }
        let f = fold(text)
        // Whole labels; and labels that go on ("Bình quân huyện", "Tổng cộng toàn tỉnh") only for words no commune's
        // name begins with ("Cộng Hòa", "Tông Lệnh", "Chung Chải", "Trung Bình" are communes).
        if ["binh quan", "binh quan chung", "trung binh", "trung binh chung", "tong", "tong cong", "tong so", "cong", "chung",
            "toan tinh", "toan huyen", "average", "mean", "total", "subtotal", "sum", "grand total"].contains(f) { return true }
        return ["binh quan ", "tong cong ", "tong so xa", "toan tinh ", "toan huyen ", "cong huyen ", "average ", "subtotal ",
                "total ", "grand total "].contains { f.hasPrefix($0) }
    }

    /// A district heading row's text: a Roman numeral, or a name beginning with the district's type word.
    public static func isDistrictHeading(_ text: String) -> Bool {
        let f = fold(text)
        if !f.isEmpty, f.allSatisfy({ "ivxlc".contains($0) }) { return true }
        return ["huyen ", "thanh pho ", "thi xa ", "quan ", "tp ", "district "].contains { f.hasPrefix($0) }
    }

    /// Met, not met, or nil when the text says neither.
    public static func met(_ text: String) -> Bool? {
        switch text {   // the usual marks, without folding
        case "1", "x", "X": return true
        case "0", "": return false
        default: break
        }
        let t = text.trimmingCharacters(in: .whitespaces)
        if ["✓", "✔", "☑", "√", "+"].contains(t) { return true }
        if ["-", "–", "—", "✗", "✘", "☐"].contains(t) { return false }
        switch fold(t) {
        case "1", "x", "dat", "co", "yes", "y", "true", "met": return true
        case "0", "", "chua dat", "khong dat", "khong", "no", "n", "false", "not met": return false
        default: return nil
        }
    }

    /// A group flag: "x", "1", "có", "✓" mark membership; empty, "0", "không" do not.
    public static func flag(_ text: String) -> Bool? { met(text) }
}
