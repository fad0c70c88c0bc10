import AnnexData
import AnnexLocale
import AnnexSpec
import Foundation

/// The head of an annex as Decree 30/2020/NĐ-CP lays it out: the heading `PHỤ LỤC` (numbered `PHỤ LỤC II` when a
/// report has several annexes) and, under the annex's title, the line naming the report it accompanies,
/// `(Kèm theo Báo cáo số 125/BC-UBND ngày 21 tháng 7 năm 2020 của UBND tỉnh Lạng Sơn)`. Read from the report spec's
/// `annex:` block; what the spec leaves out (the number is often not known when the annex is drafted) is printed as a
/// blank to fill in by hand, `…`.
struct FrontMatter: Sendable, Equatable {
    /// The annex's number among the report's annexes, a Roman numeral (`I`, `II` …); nil when it is the only one.
    var number: String?
    /// The kind of document the annex accompanies, as its number is written: `Báo cáo`, `Tờ trình`, `Quyết định`.
    var documentKind: String?
    /// The document's number and symbol, `125/BC-UBND`; nil when not yet known.
    var documentNumber: String?
    /// The document's date, `YYYY-MM-DD`; nil when not yet known.
    var documentDate: String?
    /// The body that issued the document, `UBND tỉnh Lạng Sơn`; nil when not given.
    var issuer: String?
    /// False when the spec turns the line off (`attached_to: false`): an annex that accompanies nothing.
    var attached = true

    static let keys = ["number", "attached_to"]
    static let attachedKeys = ["kind", "number", "date", "issuer"]

    /// The heading in capitals: `PHỤ LỤC`, `PHỤ LỤC II`; `ANNEX`, `ANNEX II`.
    func heading(_ lang: Language) -> String {
        let word = lang.text(.annexHeading)
        return number.map { word + " " + $0 } ?? word
    }

    /// The italic line under the title, with `…` for what is not known; nil when the annex accompanies nothing.
    func attachmentLine(_ lang: Language) -> String? {
        guard attached else { return nil }
        let blank = "…"
        let kind = documentKind ?? lang.text(.reportDocument)
        var day = blank, month = blank, year = blank
        if let d = documentDate, d.count == 10 {
            let parts = d.split(separator: "-").compactMap { Int($0) }
            if parts.count == 3 { year = String(parts[0]); month = String(parts[1]); day = String(parts[2]) }
        }
        let date: String
        switch lang {
        case .vi: date = "ngày \(day) tháng \(month) năm \(year)"
        case .en: date = documentDate.map { DayFormat(lang, style: .long).format(iso: $0) } ?? blank
        }
        return lang.text(.attachedTo, kind, documentNumber ?? blank, date, issuer ?? blank)
    }

    /// Reads the `annex:` block: `number` (a Roman numeral from I to XX) and `attached_to` (`kind`, `number`, `date`,
    /// `issuer`, each optional; or `false`).
    static func read(_ node: SpecNode?, language: Language) throws -> FrontMatter {
        var f = FrontMatter()
        guard let node else { return f }
        try node.onlyKeys(keys)
        if let n = node.child("number") {
            let s = try n.text().uppercased()
            guard romanNumerals.contains(s) else { throw SpecError(n.location, "a Roman numeral from I to XX", s) }
            f.number = s
        }
        guard let a = node.child("attached_to") else { return f }
        if a.string != nil {
            f.attached = try a.bool()
            guard !f.attached else { throw SpecError(a.location, "false, or a mapping with kind, number, date and issuer", "true") }
            return f
        }
        try a.onlyKeys(attachedKeys)
        f.documentKind = try a.child("kind")?.text()
        f.documentNumber = try a.child("number")?.text()
        f.issuer = try a.child("issuer")?.text()
        if let d = a.child("date") {
            let s = try d.text()
            guard DatasetChecks.isISODate(s) else { throw SpecError(d.location, "a date as YYYY-MM-DD", s) }
            f.documentDate = s
        }
        return f
    }

    static let romanNumerals = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X",
                                "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII", "XVIII", "XIX", "XX"]
}
