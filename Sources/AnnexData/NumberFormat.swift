import Foundation
@_exported import AnnexLocale

/// Reads numbers written in a language's convention (`11,54`, `4.111,5`) or in plain machine form.
public enum NumberParser {
    /// The largest magnitude a chart or table accepts: integers up to it are exact in a Double, and scales,
    /// tick counts and labels stay finite.
    public static let largestMagnitude = 1e15

    /// Parses `text` written with `decimalSeparator` (`.` or `,`); grouping separators of the other
    /// kind are allowed between groups of three digits. Nil when the text is not such a number.
    public static func parse(_ text: String, decimalSeparator: Character = ".") -> Double? {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard !t.isEmpty else { return nil }
        let group: Character = decimalSeparator == "," ? "." : ","
        var sign = ""
        var body = Substring(t)
        if body.first == "-" || body.first == "−" { sign = "-"; body = body.dropFirst() }
        else if body.first == "+" { body = body.dropFirst() }
        let parts = body.split(separator: decimalSeparator, omittingEmptySubsequences: false)
        guard parts.count <= 2, let intPart = parts.first, !intPart.isEmpty || parts.count == 2 else { return nil }
        let groups = intPart.split(separator: group, omittingEmptySubsequences: false)
        if groups.count > 1 {
            guard (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
        }
        let digits = groups.joined()
        let frac = parts.count == 2 ? parts[1] : ""
        guard (digits + frac).allSatisfy(\.isASCIIDigit), !(digits + frac).isEmpty else { return nil }
        guard let v = Double(sign + (digits.isEmpty ? "0" : digits) + (frac.isEmpty ? "" : "." + frac)), v.isFinite else { return nil }
        return v
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
