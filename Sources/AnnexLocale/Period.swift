// Owns `Period`, the span a figure is reported for (a year, a quarter or a month), written `2020`, `2020-Q2` or
// `2020-06` in data and specs; its labels are `PeriodFormat`'s.

/// The span a figure is reported for: a year (`2020`), a quarter (`2020-Q2`) or a month (`2020-06`).
///
/// Periods order by their first day; a longer period comes before a shorter one starting on the same day
/// (`2020` < `2020-Q1` < `2020-01` < `2020-02` < `2020-03` < `2020-Q2`). `next` and `previous` step by one period of
/// the same length, across years.
public struct Period: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// How long a period is.
    public enum Granularity: Int, Hashable, Sendable, Comparable, CaseIterable {
        /// A calendar year: `2020`.
        case year
        /// A quarter of a year, three months: `2020-Q2`.
        case quarter
        /// A calendar month: `2020-06`.
        case month
        public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
        /// Periods of this length in a year.
        public var perYear: Int {
            switch self {
            case .year: 1
            case .quarter: 4
            case .month: 12
            }
        }
    }

    /// The year the period lies in (`2020` for `2020-Q2`).
    public let year: Int
    /// Whether the period is a year, a quarter or a month.
    public let granularity: Granularity
    /// The quarter (1…4) or month (1…12) within the year; 1 for a year.
    public let index: Int

    private init(_ year: Int, _ granularity: Granularity, _ index: Int) {
        self.year = year; self.granularity = granularity; self.index = index
    }

    /// The year `year`.
    public static func year(_ year: Int) -> Period { Period(year, .year, 1) }

    /// Quarter `quarter` (1…4) of `year`.
    public static func quarter(_ quarter: Int, of year: Int) -> Period {
        precondition((1...4).contains(quarter), "a quarter is 1 to 4, not \(quarter)")
        return Period(year, .quarter, quarter)
    }

    /// Month `month` (1…12) of `year`.
    public static func month(_ month: Int, of year: Int) -> Period {
        precondition((1...12).contains(month), "a month is 1 to 12, not \(month)")
        return Period(year, .month, month)
    }

    /// Reads `2020`, `2020-Q2` or `2020-06` (a four-digit year; the quarter 1–4 after `-Q`; the month 01–12 in
    /// two digits), nothing around them.
    public init(parsing text: String) throws(PeriodParseError) {
        let parts = text.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        let yearText = parts[0]
        guard yearText.count == 4, yearText.allSatisfy({ $0.isASCII && $0.isNumber }), let y = Int(yearText) else {
            throw .malformed(text)
        }
        guard y >= 1 else { throw .yearOutOfRange(text) }
        guard parts.count == 2 else { self = .year(y); return }
        let rest = parts[1]
        if rest.first == "Q" {
            let digits = rest.dropFirst()
            guard digits.count == 1, let q = Int(digits), digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { throw .malformed(text) }
            guard (1...4).contains(q) else { throw .quarterOutOfRange(text) }
            self = .quarter(q, of: y)
        } else {
            guard rest.count == 2, rest.allSatisfy({ $0.isASCII && $0.isNumber }), let m = Int(rest) else { throw .malformed(text) }
            guard (1...12).contains(m) else { throw .monthOutOfRange(text) }
            self = .month(m, of: y)
        }
    }

    /// The quarter (1…4) of a quarter, nil for a year or a month.
    public var quarter: Int? { granularity == .quarter ? index : nil }
    /// The month (1…12) of a month, nil for a year or a quarter.
    public var month: Int? { granularity == .month ? index : nil }

    /// The form `init(parsing:)` reads: `2020`, `2020-Q2`, `2020-06`.
    public var description: String {
        switch granularity {
        case .year: "\(year)"
        case .quarter: "\(year)-Q\(index)"
        case .month: "\(year)-" + (index < 10 ? "0" : "") + "\(index)"
        }
    }

    /// The period of the same length after this one (`2020-Q4` → `2021-Q1`).
    public var next: Period { advanced(by: 1) }
    /// The period of the same length before this one (`2020-01` → `2019-12`).
    public var previous: Period { advanced(by: -1) }

    /// The period's place on a line of periods of its length: `year × perYear + (index − 1)`; consecutive
    /// periods have consecutive ordinals (2019-12 and 2020-01 are neighbours), so an axis can place them as numbers.
    public var ordinal: Int { year * granularity.perYear + (index - 1) }

    /// The period of `granularity` whose `ordinal` is `ordinal`.
    public init(ordinal: Int, granularity: Granularity) {
        let per = granularity.perYear
        let y = ordinal >= 0 ? ordinal / per : (ordinal - per + 1) / per
        self.init(y, granularity, ordinal - y * per + 1)
    }

    /// The period `n` periods of the same length away.
    public func advanced(by n: Int) -> Period {
        let per = granularity.perYear
        let k = year * per + (index - 1) + n
        let y = k >= 0 ? k / per : (k - per + 1) / per
        return Period(y, granularity, k - y * per + 1)
    }

    /// Every period from `first` through `last`, both of one granularity; empty when `last` is before `first`.
    public static func sequence(from first: Period, through last: Period) -> [Period] {
        precondition(first.granularity == last.granularity, "a sequence of periods is of one granularity")
        var out: [Period] = [], p = first
        while p <= last { out.append(p); p = p.next }
        return out
    }

    /// The first month of the period, 1…12.
    var firstMonth: Int {
        switch granularity {
        case .year: 1
        case .quarter: (index - 1) * 3 + 1
        case .month: index
        }
    }

    /// The last month of the period, 1…12.
    var lastMonth: Int {
        switch granularity {
        case .year: 12
        case .quarter: index * 3
        case .month: index
        }
    }

    /// The period's first day.
    public var start: CalendarDay { CalendarDay(year: year, month: firstMonth, day: 1) }
    /// The period's last day (a cut-off date at the end of the period: 30/6/2020 ends `2020-Q2`).
    public var end: CalendarDay { CalendarDay(year: year, month: lastMonth, day: CalendarDay.days(inMonth: lastMonth, of: year)) }

    /// True when `day` is within the period.
    public func contains(_ day: CalendarDay) -> Bool { start <= day && day <= end }

    public static func < (a: Period, b: Period) -> Bool {
        (a.year, a.firstMonth, a.granularity) < (b.year, b.firstMonth, b.granularity)
    }
}

/// Why a text is not a period.
public enum PeriodParseError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Not written as `2020`, `2020-Q2` or `2020-06`.
    case malformed(String)
    /// A year of 0000.
    case yearOutOfRange(String)
    /// A quarter other than 1–4 (`2020-Q5`).
    case quarterOutOfRange(String)
    /// A month other than 01–12 (`2020-13`).
    case monthOutOfRange(String)

    public var description: String {
        switch self {
        case .malformed(let t): "expected a period written 2020 (a year), 2020-Q2 (a quarter) or 2020-06 (a month), found '\(t)'"
        case .yearOutOfRange(let t): "expected a year from 0001, found '\(t)'"
        case .quarterOutOfRange(let t): "expected a quarter Q1 to Q4, found '\(t)'"
        case .monthOutOfRange(let t): "expected a month 01 to 12, found '\(t)'"
        }
    }
}
