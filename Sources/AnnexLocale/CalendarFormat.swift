// Owns the labels of periods and days in each language (`PeriodFormat`, `DayFormat`). Their words and patterns are
// phrases of the tables in Strings.swift (`quarterPattern`, `month6Short` …), so a new language needs no code here.

/// Labels a ``Period`` in one language: `Năm 2020`, `Quý II/2020`, `T6/2020` in Vietnamese; `2020`, `Q2 2020`,
/// `Jun 2020` in English.
public struct PeriodFormat: Hashable, Sendable {
    /// How much of a period a label spells out: the standard label, months in full, or an axis tick without the year.
    public enum Style: Hashable, Sendable {
        /// The period alone on a label: `Năm 2020`, `Quý II/2020`, `T6/2020`; `2020`, `Q2 2020`, `Jun 2020`.
        case standard
        /// Months spelled out: `Tháng 6/2020`, `June 2020` (years and quarters as `standard`).
        case long
        /// For an axis that shows the year once: `2020`, `Quý II`, `T6`; `2020`, `Q2`, `Jun`.
        case tick
    }

    /// The language whose words and patterns label the periods (`Quý II/2020` or `Q2 2020`).
    public var language: Language
    /// How much of the period the label spells out.
    public var style: Style

    /// A period format for `language`, standard labels unless `style` says otherwise.
    public init(_ language: Language, style: Style = .standard) {
        self.language = language; self.style = style
    }

    /// The label of `period`; the same as `format(_:)`, so a format reads as a function (`PeriodFormat(.vi)(.year(2020))`).
    public func callAsFunction(_ period: Period) -> String { format(period) }

    /// The period's name as it reads inside a sentence: `tháng 6/2020`, `quý II/2020`, `năm 2020`; `June 2020`.
    public func inSentence(_ period: Period) -> String { inSentence(name: format(period)) }

    /// A period's name made by this format (`Năm 2020`, `6 tháng đầu năm 2020`) as it reads inside a sentence.
    public func inSentence(name s: String) -> String {
        guard !language.capitalisesPeriodNames, let first = s.first else { return s }
        return first.lowercased() + s.dropFirst()
    }

    /// The months from the start of the period's year to its end, named as reports name them: `6 tháng đầu năm 2020`,
    /// `January–June 2020`; the period's own name when that is one month or a whole year (`Tháng 1/2020`, `Năm 2020`);
    /// the first quarter as `Quý I/2020`.
    public func toDate(_ period: Period) -> String {
        let months = period.lastMonth
        if period.granularity == .year || months == 12 { return format(.year(period.year)) }
        if months == 1 { return format(.month(1, of: period.year)) }
        if period.granularity == .quarter, months == 3 { return format(period) }
        let monthName = language.text(.month(months))
        return language.text(.monthsToDate, String(months), String(period.year), monthName)
    }

    /// The label of `period` in the format's language and style: `Năm 2020`, `Quý II/2020`, `T6/2020` (standard,
    /// Vietnamese); `2020`, `Q2 2020`, `Jun 2020` (standard, English).
    public func format(_ period: Period) -> String {
        let pattern: Phrase = switch (period.granularity, style) {
        case (.year, .tick): .yearTickPattern
        case (.year, _): .yearPattern
        case (.quarter, .tick): .quarterTickPattern
        case (.quarter, _): .quarterPattern
        case (.month, .standard): .monthPattern
        case (.month, .long): .monthLongPattern
        case (.month, .tick): .monthTickPattern
        }
        return CalendarFields(language, year: period.year, month: period.month, quarter: period.quarter).fill(pattern)
    }
}

/// Labels a ``CalendarDay`` in one language: `30/6/2020` in Vietnamese, `30 Jun 2020` (or `30 June 2020`) in English.
public struct DayFormat: Hashable, Sendable {
    /// Whether English month names are short (`Jun`) or in full (`June`); Vietnamese writes `30/6/2020` in both.
    public enum Style: Hashable, Sendable {
        /// `30/6/2020`, `30 Jun 2020`.
        case standard
        /// `30/6/2020`, `30 June 2020`.
        case long
    }

    /// The language whose pattern writes the days (`30/6/2020` or `30 Jun 2020`).
    public var language: Language
    /// Short or full month names.
    public var style: Style

    /// A day format for `language`, short month names unless `style` says otherwise.
    public init(_ language: Language, style: Style = .standard) {
        self.language = language; self.style = style
    }

    /// The label of `day`; the same as `format(_:)`, so a format reads as a function.
    public func callAsFunction(_ day: CalendarDay) -> String { format(day) }

    /// The label of `day` in the format's language and style: `30/6/2020`; `30 Jun 2020` or `30 June 2020`.
    public func format(_ day: CalendarDay) -> String {
        CalendarFields(language, year: day.year, month: day.month, day: day.day)
            .fill(style == .long ? .dateLongPattern : .datePattern)
    }

    /// A `YYYY-MM-DD` date as people write it, or the text unchanged when it is not such a date.
    public func format(iso text: String) -> String { CalendarDay(iso: text).map(format) ?? text }

    /// The label of a cut-off date: figures are actual `đến 30/6/2020`, `to 30 Jun 2020`.
    public func cutoff(_ day: CalendarDay) -> String { language.text(.upToDate, format(day)) }
}

/// The named fields of the calendar patterns (see Strings.swift): `{y}`, `{M}`, `{MMM}`, `{MMMM}`, `{QQQ}`, `{d}`.
struct CalendarFields {
    var language: Language
    var year: Int
    var month: Int?
    var quarter: Int?
    var day: Int?

    init(_ language: Language, year: Int, month: Int? = nil, quarter: Int? = nil, day: Int? = nil) {
        self.language = language; self.year = year; self.month = month; self.quarter = quarter; self.day = day
    }

    /// The names a pattern may use.
    static let names: Set<String> = ["y", "M", "MMM", "MMMM", "QQQ", "d"]

    func value(_ name: Substring) -> String? {
        switch name {
        case "y": String(year)
        case "M": month.map(String.init)
        case "MMM": month.map { language.text(.month($0, short: true)) }
        case "MMMM": month.map { language.text(.month($0)) }
        case "QQQ": quarter.map { language.text(.quarter($0)) }
        case "d": day.map(String.init)
        default: nil
        }
    }

    func fill(_ pattern: Phrase) -> String {
        let words = Strings.table(language)[pattern] ?? Strings.vi[pattern] ?? ""
        return Strings.fill(words, value)
    }
}
