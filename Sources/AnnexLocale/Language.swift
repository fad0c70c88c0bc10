// AnnexLocale owns the languages Annex writes, their number, date and period formats and every user-facing word
// (Strings). Whatever differs between languages is decided here, by a `switch` over `Language` (so that a new
// language is a compile error at every place that must learn it) or by a phrase of the tables.

/// The languages Annex writes labels and numbers in.
public enum Language: String, Sendable, CaseIterable, Codable, Hashable {
    /// Vietnamese (`vi`), the language of the notices and the default of specs and reports: `11,54`, `4.111,5`.
    case vi
    /// English (`en`): `11.54`, `4,111.5`.
    case en

    /// `11,54` and `4.111,5` in Vietnamese; `11.54` and `4,111.5` in English.
    public var decimalSeparator: String {
        switch self {
        case .vi: ","
        case .en: "."
        }
    }

    /// The thousands separator: `.` in Vietnamese (`4.111,5`), `,` in English (`4,111.5`).
    public var groupingSeparator: String {
        switch self {
        case .vi: "."
        case .en: ","
        }
    }

    /// The field delimiter of the CSV files written for people in this language: Excel set to a locale whose
    /// decimal separator is a comma expects `;`.
    public var csvDelimiter: Character {
        switch self {
        case .vi: ";"
        case .en: ","
        }
    }

    /// Counts before a noun get at least this many digits: the notices write `01 xã`, `05 xã`, `13 xã`.
    public var countDigits: Int {
        switch self {
        case .vi: 2
        case .en: 1
        }
    }

    /// True when a period's name keeps its capital inside a sentence (`June 2020`); false when it takes a small letter
    /// there (`đến hết tháng 6/2020`, though a title starts `Tháng 6/2020`).
    public var capitalisesPeriodNames: Bool {
        switch self {
        case .vi: false
        case .en: true
        }
    }

    /// The codes of every language, as a spec or a command line accepts them: `vi or en`.
    public static var codeList: String {
        let codes = allCases.map(\.rawValue)
        return codes.count < 2 ? codes.joined() : codes.dropLast().joined(separator: ", ") + " or " + codes.last!
    }
}
