import Testing
@testable import AnnexData

@Suite struct NumberFormatTests {
    @Test func vietnameseUsesDecimalCommaAndThousandsDot() {
        let f = NumberFormat(.vi, fractionDigits: 0...2)
        #expect(f(11.54) == "11,54")
        #expect(f(4111.5) == "4.111,5")
        #expect(f(985.7) == "985,7")
        #expect(f(1234567) == "1.234.567")
        #expect(f(13) == "13")
        #expect(NumberFormat(.vi, percent: true)(24) == "24%")
    }

    @Test func englishUsesDecimalPointAndThousandsComma() {
        let f = NumberFormat(.en, fractionDigits: 0...2)
        #expect(f(11.54) == "11.54")
        #expect(f(4111.5) == "4,111.5")
        #expect(f(-3125.8) == "-3,125.8")
    }

    @Test func fixedDigitsPadAndRoundHalfAwayFromZero() {
        #expect(NumberFormat(.vi, fractionDigits: 1...1)(12) == "12,0")
        #expect(NumberFormat(.vi, fractionDigits: 2...2)(1.005) == "1,01")
        #expect(NumberFormat(.en, fractionDigits: 1...1)(0.25) == "0.3")
        #expect(NumberFormat(.en, fractionDigits: 1...1)(-0.25) == "-0.3")
        #expect(NumberFormat(.vi, fractionDigits: 1...2)(10.6) == "10,6")
        #expect(NumberFormat(.vi, fractionDigits: 1...2)(10.04) == "10,04")
        #expect(NumberFormat(.vi, fractionDigits: 0...1)(-0.01) == "0")
        #expect(NumberFormat(.vi, fractionDigits: 0...1)(23.97) == "24")
    }

    @Test func noGroupingForYears() {
        #expect(NumberFormat(.vi, groupFrom: .infinity)(2020) == "2020")
    }

    @Test func parsesBothConventions() {
        #expect(NumberParser.parse("11,54", decimalSeparator: ",") == 11.54)
        #expect(NumberParser.parse("4.111,5", decimalSeparator: ",") == 4111.5)
        #expect(NumberParser.parse("4,111.5") == 4111.5)
        #expect(NumberParser.parse(" -0.5 ") == -0.5)
        #expect(NumberParser.parse("12") == 12)
        #expect(NumberParser.parse("1.23.4") == nil)
        #expect(NumberParser.parse("11,54") == nil)
        #expect(NumberParser.parse("4,11.5") == nil)
        #expect(NumberParser.parse("abc") == nil)
        #expect(NumberParser.parse("") == nil)
        #expect(NumberParser.parse("1e5") == nil)
    }
}

@Suite struct NumberFormatEdgeTests {
    /// Grouping follows the rounded number: 999,995 with two digits is 1.000,00, as 1000 is.
    @Test func groupingAfterRounding() {
        #expect(NumberFormat(.vi, fractionDigits: 2...2)(999.995) == "1.000,00")
        #expect(NumberFormat(.en, fractionDigits: 0...0)(999.6) == "1,000")
        #expect(NumberFormat(.vi, fractionDigits: 0...2)(999.994) == "999,99")
    }
}
