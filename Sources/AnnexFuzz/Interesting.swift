// Owns the catalogue of interesting values the mutators put into fields: edge numbers, locale-formatted
// numbers, spreadsheet formula prefixes, control and bidirectional characters, decomposed Vietnamese, emoji.

import AnnexData

/// Values that have broken parsers, number formatting, text layout and spreadsheets before.
public enum Interesting {
    /// "Lạng Sơn" in Unicode normalisation form D (base letters followed by combining marks).
    public static let nfdLangSon = "La\u{0323}ng So\u{031B}n"

    /// Edge numbers, as text.
    public static let numbers: [String] = [
        "0", "-0", "-1", "1", "1e300", "-1e300", "9223372036854775807", "9223372036854775808",
        "-9223372036854775809", "18446744073709551616", "NaN", "nan", "inf", "-inf", "Infinity", "1e-320",
        "4.9e-324", "1,5", "4.111,5", "1.000.000", "1_000", "0x10", "+1", ".5", "5.", "1e", "2147483648", "99999",
        "1" + String(repeating: "0", count: 300), "-1" + String(repeating: "0", count: 300), "100000000000000000000",
        "0." + String(repeating: "0", count: 330) + "1",
    ]

    /// Edge strings, as text.
    public static let strings: [String] = [
        "", " ", "=1+1", "@x", "+x", "-x", "\tLạng Sơn", "\rLạng Sơn", nfdLangSon, "\u{0}", "\u{1}\u{7}\u{1B}[31m",
        "\u{202E}nơS gnạL", "🌾🇻🇳", "a\u{0301}\u{0301}\u{0301}\u{0301}", "\"", "\"\"", ",", ";", "\n", "x\ny",
        "\u{FEFF}", "\u{FFFD}", "%s%n", "{{x}}", "<svg/>", "&amp;", "\\", "\u{200B}", "ĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐĐ",
    ]

    /// A string of `count` characters (Vietnamese letters, so that text layout has work to do).
    public static func long(_ count: Int) -> String {
        let word = Array("Nông thôn mới ")
        return String((0..<count).map { word[$0 % word.count] })
    }

    /// An interesting value: a number, a string, a long string, or a neighbour of `original` when it is a number.
    public static func value(_ rng: inout SplitMix64, original: String?) -> String {
        switch rng.below(10) {
        case 0...2: return rng.pick(numbers) ?? "0"
        case 3...5: return rng.pick(strings) ?? ""
        case 6: return long(rng.chance(50) ? 10_000 : 300)
        default:
            guard let o = original, let x = Double(o) else { return rng.pick(numbers) ?? "0" }
            return neighbour(of: x, original: o, &rng)
        }
    }

    /// A plausible change of a number: off by one, doubled, negated, a tenth, zero, with more decimals.
    static func neighbour(of x: Double, original: String, _ rng: inout SplitMix64) -> String {
        let isInt = !original.contains(".") && !original.contains("e")
        let y: Double = switch rng.below(7) {
        case 0: x + 1
        case 1: x - 1
        case 2: x * 2
        case 3: -x
        case 4: x / 10
        case 5: 0
        default: x + 0.123456789
        }
        if isInt, y == y.rounded(), abs(y) < 1e15 { return String(Int(y)) }
        return String(y)
    }
}
