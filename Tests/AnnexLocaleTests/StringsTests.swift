// Owns the tests of the phrase tables: every phrase in every language, the same placeholders, NFC words, and
// how `Language.text` fills arguments.
import Foundation
import Testing
@testable import AnnexLocale

@Suite struct StringsTests {
    /// Arguments a language leaves out on purpose, by phrase: the notices' Vietnamese does not restate the plan
    /// that the English names ("vượt 0,2 tiêu chí so với kế hoạch" / "0.2 above the plan of 10.4").
    static let deliberatelyOmitted: [Phrase: [Language: Set<String>]] = [
        .criteriaAbovePlan: [.vi: ["1"]],
        .criteriaBelowPlan: [.vi: ["1"]],
        .monthsToDate: [.vi: ["2"], .en: ["0"]],
    ]

    static func isPattern(_ p: Phrase) -> Bool { p.rawValue.hasSuffix("Pattern") }

    @Test(arguments: Language.allCases)
    func everyPhraseHasWordsInEveryLanguage(_ lang: Language) {
        let table = Strings.table(lang)
        let missing = Phrase.allCases.filter { (table[$0] ?? "").trimmingCharacters(in: .whitespaces).isEmpty }
        #expect(missing.isEmpty, "\(lang.rawValue) has no words for: \(missing.map(\.rawValue).joined(separator: ", "))")
    }

    @Test func everyLanguageHasTheSamePlaceholders() {
        for phrase in Phrase.allCases where !Self.isPattern(phrase) {
            let used = Dictionary(uniqueKeysWithValues: Language.allCases.map { l in
                (l, Set(Strings.placeholders(in: Strings.table(l)[phrase] ?? "")))
            })
            let all = used.values.reduce(Set<String>()) { $0.union($1) }
            // Arguments are numbered from 0 without gaps.
            #expect(all == Set((0..<all.count).map(String.init)), "\(phrase): placeholders \(all.sorted())")
            for lang in Language.allCases {
                let omitted = Self.deliberatelyOmitted[phrase]?[lang] ?? []
                #expect(used[lang]!.union(omitted) == all && used[lang]!.isDisjoint(with: omitted),
                        "\(phrase) in \(lang.rawValue) uses \(used[lang]!.sorted()), the phrase has \(all.sorted())")
            }
        }
    }

    /// Calendar patterns use the named fields PeriodFormat and DayFormat fill, and nothing else.
    @Test func calendarPatternsUseKnownFields() {
        for phrase in Phrase.allCases where Self.isPattern(phrase) {
            for lang in Language.allCases {
                let fields = Set(Strings.placeholders(in: Strings.table(lang)[phrase]!))
                #expect(fields.isSubset(of: CalendarFields.names), "\(phrase) in \(lang.rawValue): \(fields.sorted())")
                // Every label but an axis tick names the year.
                #expect(fields.contains("y") || phrase.rawValue.contains("Tick"), "\(phrase) in \(lang.rawValue) has no {y}")
            }
        }
    }

    /// Words are stored composed (NFC): "ệ" is one scalar, as PDF text extraction and tests expect.
    @Test(arguments: Language.allCases)
    func wordsAreNFC(_ lang: Language) {
        for (phrase, words) in Strings.table(lang) {
            #expect(Array(words.unicodeScalars) == Array(words.precomposedStringWithCanonicalMapping.unicodeScalars),
                    "\(phrase) in \(lang.rawValue) is not NFC")
        }
    }

    @Test func textFillsArgumentsInOrder() {
        #expect(Language.vi.text(.figureLabel, "3") == "Biểu đồ 3.")
        #expect(Language.en.text(.figureLabel, "3") == "Figure 3.")
        #expect(Language.vi.text(.noData) == "Không có số liệu")
        #expect(Language.vi.text(.communesLostCriteria, "04", "2018") == "Có 04 xã bị mất ít nhất một tiêu chí đã đạt năm 2018")
        #expect(Language.en.text(.bandRange, "34", "10", "14") == "34 met 10–14")
        #expect(Language.vi.text(.criteriaAbovePlan, "0,2", "10,4") == ", vượt 0,2 tiêu chí so với kế hoạch")
        #expect(Language.en.text(.criteriaAbovePlan, "0.2", "10.4") == ", 0.2 above the plan of 10.4")
    }

    /// An argument is put in once: braces in it are not read as placeholders; a missing argument stays visible.
    @Test func argumentsAreNotRescanned() {
        #expect(Language.en.text(.bandRange, "{1}", "10", "14") == "{1} met 10–14")
        #expect(Language.en.text(.bandRange, "34") == "34 met {1}–{2}")
        #expect(Strings.fill("a {0} {x} {", { $0 == "0" ? "b" : nil }) == "a b {x} {")
        #expect(Strings.placeholders(in: "{d} {MMM} {y}") == ["d", "MMM", "y"])
    }

    @Test func criteriaMonthsAndQuartersByNumber() {
        #expect(Language.vi.text(.criterion(2)) == "Giao thông")
        #expect(Language.en.text(.criterion(19)) == "Defence and security")
        #expect(Language.en.text(.month(9, short: true)) == "Sep")
        #expect(Language.vi.text(.month(10)) == "Tháng 10")
        #expect(Language.vi.text(.quarter(4)) == "Quý IV")
        #expect((1...19).map { Phrase.criterion($0) } == Phrase.allCases.filter { $0.rawValue.hasPrefix("criterion") })
    }

    @Test func countsAndSeparators() {
        #expect(NumberFormat.count(1, .vi) == "01")
        #expect(NumberFormat.count(0, .vi) == "00")
        #expect(NumberFormat.count(13, .vi) == "13")
        #expect(NumberFormat.count(1234, .vi) == "1234")
        #expect(NumberFormat.count(-3, .vi) == "-3")
        #expect(NumberFormat.count(1, .en) == "1")
        #expect(Language.vi.csvDelimiter == ";" && Language.en.csvDelimiter == ",")
        #expect(Language.codeList == "vi or en")
    }
}
