// Owns `CalendarDay`, a date without a time (a report's date, a source's cut-off date), read from `YYYY-MM-DD`.

/// A day of the Gregorian calendar, without a time or a time zone: `2020-06-30`.
public struct CalendarDay: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The year of the Gregorian calendar (`2020`); `init?(iso:)` reads it from four digits.
    public let year: Int
    /// The month, 1 (January) to 12.
    public let month: Int
    /// The day of the month, from 1 to the month's last day (28 to 31).
    public let day: Int

    /// The day `day` of `month` of `year`; traps on a day that does not exist (use `init?(iso:)` for input).
    public init(year: Int, month: Int, day: Int) {
        precondition((1...12).contains(month) && (1...CalendarDay.days(inMonth: month, of: year)).contains(day),
                     "\(year)-\(month)-\(day) is not a day of the calendar")
        self.year = year; self.month = month; self.day = day
    }

    /// Reads `YYYY-MM-DD` (four, two and two digits) of a day that exists; nil otherwise (`2021-02-29`).
    public init?(iso text: String) {
        let p = text.split(separator: "-", omittingEmptySubsequences: false)
        guard p.count == 3, p[0].count == 4, p[1].count == 2, p[2].count == 2,
              p.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let y = Int(p[0]), let m = Int(p[1]), let d = Int(p[2]),
              (1...12).contains(m), (1...CalendarDay.days(inMonth: m, of: y)).contains(d) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    /// `YYYY-MM-DD`.
    public var iso: String {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let y = String(year)
        return String(repeating: "0", count: max(0, 4 - y.count)) + y + "-" + two(month) + "-" + two(day)
    }

    public var description: String { iso }

    /// True when `year` of the Gregorian calendar has a 29 February: divisible by 4, and not by 100 unless by 400.
    public static func isLeapYear(_ year: Int) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    /// Days in `month` (1…12) of `year`.
    public static func days(inMonth month: Int, of year: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public static func < (a: CalendarDay, b: CalendarDay) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }
}
