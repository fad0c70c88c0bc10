import Foundation

/// Formats numbers for one language: the one number formatter of Annex.
///
/// Rounding is decimal and half away from zero on the shortest decimal form of the value, so 1.005 with
/// two digits is `1,01` (not the binary `1.00499…`).
public struct NumberFormat: Hashable, Sendable {
    /// The language whose decimal and thousands separators the numbers use (`4.111,5` or `4,111.5`).
    public var language: Language
    /// Fewest digits after the decimal separator: trailing zeros are kept up to this many (`1...2` writes 12 as
    /// `12,0`).
    public var minFractionDigits: Int
    /// Most digits after the decimal separator: values are rounded half away from zero to this many, and trailing
    /// zeros beyond `minFractionDigits` are dropped (`0...2` writes 11.540 as `11,54` and 12.0 as `12`).
    public var maxFractionDigits: Int
    /// Magnitudes from this up get thousands separators (`4.111,5`); pass `.infinity` for none (years).
    public var groupFrom: Double
    /// Whether a `%` follows every number (`45%`); the value is written as given, not multiplied by 100.
    public var percentSuffix: Bool
    /// The sign before negative numbers: `-` (machine-readable, the default: tables' CSV, `annex analyze`) or the
    /// true minus sign `−` (U+2212) of typeset labels (`typographic`).
    public var minusSign = "-"

    /// The same format with the true minus sign (`−1,5`), as charts print negative numbers.
    public var typographic: NumberFormat {
        var f = self
        f.minusSign = "\u{2212}"
        return f
    }

    /// A format for `language` with `fractionDigits` fewest…most digits after the decimal separator, thousands
    /// separators from `groupFrom` up, and a `%` after each number when `percent` is true.
    public init(_ language: Language, fractionDigits: ClosedRange<Int> = 0...2, groupFrom: Double = 1000,
                percent: Bool = false) {
        self.language = language
        self.minFractionDigits = fractionDigits.lowerBound
        self.maxFractionDigits = fractionDigits.upperBound
        self.groupFrom = groupFrom
        self.percentSuffix = percent
    }

    /// `value` as text; the same as `format(_:)`, so a format reads as a function (`NumberFormat(.vi)(11.54)`).
    public func callAsFunction(_ value: Double) -> String { format(value) }

    /// A number in machine form (`2020`, `-0.5`, `1e+300` spelled out): no grouping, a decimal point, up to 6
    /// decimals. For years, ids and labels of any size, where `Int(x)` would trap beyond Int's range.
    public static func plain(_ value: Double) -> String {
        NumberFormat(.en, fractionDigits: 0...6, groupFrom: .infinity).format(value)
    }

    /// A count as reports write it before a noun, with the language's ``Language/countDigits``: `01 xã`,
    /// `13 xã` in Vietnamese, `1`, `13` in English. No grouping; negative counts are not padded.
    public static func count(_ n: Int, _ language: Language) -> String {
        let s = String(n)
        guard n >= 0, s.count < language.countDigits else { return s }
        return String(repeating: "0", count: language.countDigits - s.count) + s
    }

    /// `value` as text in the format's language: rounded half away from zero, trailing zeros dropped down to
    /// `minFractionDigits`, grouped from `groupFrom` up, a leading `-` when negative (never `-0`), `%` when
    /// `percentSuffix`. NaN is written `–`, the infinities `∞` and `−∞`.
    public func format(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "–" : (value < 0 ? "−∞" : "∞") }
        var digits = NumberFormat.roundedDecimal(abs(value), fractionDigits: maxFractionDigits)
        // digits: integer part and fraction part as strings
        var frac = digits.fraction
        while frac.count > minFractionDigits, frac.hasSuffix("0") { frac.removeLast() }
        digits.fraction = frac
        let isZero = digits.integer.allSatisfy { $0 == "0" } && frac.allSatisfy { $0 == "0" }
        var intPart = digits.integer
        if (Double(digits.integer) ?? 0) >= groupFrom {
            intPart = NumberFormat.group(intPart, with: language.groupingSeparator)
        }
        var s = (value < 0 && !isZero ? minusSign : "") + intPart
        if !frac.isEmpty { s += language.decimalSeparator + frac }
        if percentSuffix { s += "%" }
        return s
    }

    /// The value rounded half away from zero to `fractionDigits`, as integer and fraction digit strings.
    /// Works on the shortest decimal form of the value (what `description` prints), digit by digit.
    static func roundedDecimal(_ value: Double, fractionDigits: Int) -> (integer: String, fraction: String) {
        let text = value.description
        guard !text.contains("e"), !text.contains("E") else { return roundedDecimalSlow(value, fractionDigits: fractionDigits) }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        var digits = Array(parts[0].utf8).map { $0 - 48 }
        var frac = parts.count > 1 ? Array(parts[1].utf8).map { $0 - 48 } : []
        let intCount = digits.count
        if frac.count > fractionDigits {
            let roundUp = frac[fractionDigits] >= 5
            frac.removeLast(frac.count - fractionDigits)
            digits += frac
            if roundUp {
                var k = digits.count - 1
                while k >= 0 {
                    if digits[k] == 9 { digits[k] = 0; k -= 1 } else { digits[k] += 1; break }
                }
                if k < 0 { digits.insert(1, at: 0) }
            }
            let newInt = digits.count - fractionDigits
            let integer = String(decoding: digits[..<newInt].map { $0 + 48 }, as: UTF8.self)
            let fraction = String(decoding: digits[newInt...].map { $0 + 48 }, as: UTF8.self)
            _ = intCount
            return (integer.isEmpty ? "0" : integer, fraction)
        }
        while frac.count < fractionDigits { frac.append(0) }
        return (String(parts[0]), String(decoding: frac.map { $0 + 48 }, as: UTF8.self))
    }

    static func roundedDecimalSlow(_ value: Double, fractionDigits: Int) -> (integer: String, fraction: String) {
        var dec = Decimal(string: "\(value)", locale: Locale(identifier: "en_US_POSIX")) ?? Decimal(value)
        var rounded = Decimal()
        NSDecimalRound(&rounded, &dec, fractionDigits, .plain)
        let text = NSDecimalString(&rounded, Locale(identifier: "en_US_POSIX"))
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let integer = String(parts[0])
        var fraction = parts.count > 1 ? String(parts[1]) : ""
        while fraction.count < fractionDigits { fraction += "0" }
        return (integer, fraction)
    }

    static func group(_ digits: String, with sep: String) -> String {
        var out = ""
        for (i, ch) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out += sep }
            out.append(ch)
        }
        return out
    }
}

extension NumberFormat {
    /// The fewest decimals within `range` that show every value of `values` exactly, or the range's most.
    public static func commonDigits(_ values: [Double], within range: ClosedRange<Int>) -> Int {
        var d = range.lowerBound
        for v in values where v.isFinite {
            while d < range.upperBound {
                let p = pow10(d)
                if abs((v * p).rounded() / p - v) < 1e-9 * max(1, abs(v)) { break }
                d += 1
            }
        }
        return d
    }

    static func pow10(_ d: Int) -> Double { (0..<d).reduce(1.0) { r, _ in r * 10 } }
}
