// Owns the tests of periods and days: parsing, ordering, stepping and their labels in each language.
import Testing
@testable import AnnexLocale

@Suite struct PeriodTests {
    let y2020 = Period.year(2020), q2 = Period.quarter(2, of: 2020), jun = Period.month(6, of: 2020)

    @Test func labelsInVietnamese() {
        let std = PeriodFormat(.vi), long = PeriodFormat(.vi, style: .long), tick = PeriodFormat(.vi, style: .tick)
        #expect([y2020, q2, jun].map(std.format) == ["Năm 2020", "Quý II/2020", "T6/2020"])
        #expect([y2020, q2, jun].map(long.format) == ["Năm 2020", "Quý II/2020", "Tháng 6/2020"])
        #expect([y2020, q2, jun].map(tick.format) == ["2020", "Quý II", "T6"])
        #expect(std(.quarter(4, of: 2019)) == "Quý IV/2019")
        #expect(std(.month(12, of: 2019)) == "T12/2019")
        #expect(long(.month(1, of: 2021)) == "Tháng 1/2021")
    }

    @Test func labelsInEnglish() {
        let std = PeriodFormat(.en), long = PeriodFormat(.en, style: .long), tick = PeriodFormat(.en, style: .tick)
        #expect([y2020, q2, jun].map(std.format) == ["2020", "Q2 2020", "Jun 2020"])
        #expect([y2020, q2, jun].map(long.format) == ["2020", "Q2 2020", "June 2020"])
        #expect([y2020, q2, jun].map(tick.format) == ["2020", "Q2", "Jun"])
        #expect(std(.month(9, of: 2020)) == "Sep 2020")
        #expect(long(.month(9, of: 2020)) == "September 2020")
    }

    @Test func daysAndCutoffs() throws {
        let d = try #require(CalendarDay(iso: "2020-06-30"))
        #expect(DayFormat(.vi)(d) == "30/6/2020")
        #expect(DayFormat(.vi, style: .long)(d) == "30/6/2020")
        #expect(DayFormat(.en)(d) == "30 Jun 2020")
        #expect(DayFormat(.en, style: .long)(d) == "30 June 2020")
        #expect(DayFormat(.vi).cutoff(d) == "đến 30/6/2020")
        #expect(DayFormat(.en).cutoff(d) == "to 30 Jun 2020")
        #expect(DayFormat(.en, style: .long).format(iso: "2020-07-21") == "21 July 2020")
        #expect(DayFormat(.vi).format(iso: "21/7/2020") == "21/7/2020")   // not ISO: unchanged
        #expect(d.iso == "2020-06-30" && q2.end == d && q2.start.iso == "2020-04-01")
        #expect(q2.contains(d) && !Period.month(7, of: 2020).contains(d) && y2020.contains(d))
    }

    @Test func isoDaysMustExist() {
        #expect(CalendarDay(iso: "2020-02-29") != nil)
        for bad in ["2021-02-29", "2020-04-31", "2020-13-01", "2020-00-10", "2020-6-30", "20-06-30", "2020-06-30 ", "2020/06/30", ""] {
            #expect(CalendarDay(iso: bad) == nil, "\(bad)")
        }
        #expect(Period.month(2, of: 2100).end.day == 28 && Period.month(2, of: 2000).end.day == 29)
    }

    @Test func parsesItsOwnForms() throws {
        for (text, period) in [("2020", y2020), ("2020-Q2", q2), ("2020-06", jun), ("1999-12", .month(12, of: 1999)), ("2021-Q4", .quarter(4, of: 2021))] {
            let p = try Period(parsing: text)
            #expect(p == period)
            #expect(p.description == text)
        }
        #expect(q2.quarter == 2 && q2.month == nil && jun.month == 6 && jun.quarter == nil && y2020.year == 2020)
    }

    @Test func parsingFailsClearly() {
        let cases: [(String, PeriodParseError)] = [
            ("", .malformed("")), ("20", .malformed("20")), ("2020-6", .malformed("2020-6")), ("2020-q2", .malformed("2020-q2")),
            (" 2020", .malformed(" 2020")), ("2020-06-30", .malformed("2020-06-30")), ("２０２０", .malformed("２０２０")),
            ("2020-Q", .malformed("2020-Q")), ("2020-Q12", .malformed("2020-Q12")), ("2020-", .malformed("2020-")),
            ("0000", .yearOutOfRange("0000")),
            ("2020-Q5", .quarterOutOfRange("2020-Q5")), ("2020-Q0", .quarterOutOfRange("2020-Q0")),
            ("2020-13", .monthOutOfRange("2020-13")), ("2020-00", .monthOutOfRange("2020-00")),
        ]
        for (text, expected) in cases {
            #expect(throws: expected, "\(text)") { try Period(parsing: text) }
        }
        #expect(PeriodParseError.malformed("2020-6").description
                == "expected a period written 2020 (a year), 2020-Q2 (a quarter) or 2020-06 (a month), found '2020-6'")
        #expect(PeriodParseError.monthOutOfRange("2020-13").description == "expected a month 01 to 12, found '2020-13'")
    }

    @Test func ordersByStartThenLongerFirst() {
        let shuffled: [Period] = [.quarter(2, of: 2020), .month(3, of: 2020), .year(2021), .month(1, of: 2020), .year(2020),
                                  .quarter(1, of: 2020), .month(12, of: 2019), .month(2, of: 2020)]
        #expect(shuffled.sorted().map(\.description)
                == ["2019-12", "2020", "2020-Q1", "2020-01", "2020-02", "2020-03", "2020-Q2", "2021"])
        #expect(Period.month(6, of: 2020) < .month(7, of: 2020) && Period.year(2019) < .month(1, of: 2020))
    }

    @Test func stepsAcrossYears() {
        #expect(Period.quarter(4, of: 2020).next == .quarter(1, of: 2021))
        #expect(Period.quarter(1, of: 2021).previous == .quarter(4, of: 2020))
        #expect(Period.month(1, of: 2020).previous == .month(12, of: 2019))
        #expect(Period.month(12, of: 2020).next == .month(1, of: 2021))
        #expect(y2020.next == .year(2021) && y2020.previous == .year(2019))
        #expect(jun.advanced(by: -18) == .month(12, of: 2018) && jun.advanced(by: 30) == .month(12, of: 2022))
        #expect(Period.sequence(from: .quarter(3, of: 2019), through: .quarter(2, of: 2020)).map(\.description)
                == ["2019-Q3", "2019-Q4", "2020-Q1", "2020-Q2"])
        #expect(Period.sequence(from: jun, through: .month(5, of: 2020)).isEmpty)
    }
}
