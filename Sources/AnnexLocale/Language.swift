// AnnexLocale owns the languages Annex writes, their number formats and every user-facing word (Strings).
/// The languages Annex writes labels and numbers in.
public enum Language: String, Sendable, CaseIterable, Codable, Hashable {
    case vi, en

    /// `11,54` and `4.111,5` in Vietnamese; `11.54` and `4,111.5` in English.
    public var decimalSeparator: String { self == .vi ? "," : "." }
    public var groupingSeparator: String { self == .vi ? "." : "," }
}

