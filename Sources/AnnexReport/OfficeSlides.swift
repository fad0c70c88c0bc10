// The slide deck of a report: one 16:9 slide per key figure (the spec's `slides:`, or every figure), its title as
// text, the figure, the finding it supports, its source, and its notes and data in the speaker notes.
import AnnexCharts
import AnnexData
import AnnexLocale
import AnnexOffice
import Foundation

extension OfficeExport {
    /// The deck.
    func slideDeck() -> SlideDeck {
        var deck = SlideDeck(properties: properties)
        var used = Set<Int>()
        for fig in slideFigures {
            guard let p = images.slide(fig.number) else { continue }
            let texts = fig.chart.chartTexts
            let finding = Self.finding(for: p.alt, title: texts.title, in: built.findings, avoiding: used)
            if let f = finding { used.insert(f) }
            var notes = texts.notes.enumerated().map { ($0.offset == 0 ? lang.text(.notePrefix) + " " : "") + $0.element }
            if let sub = texts.subtitle, !sub.isEmpty { notes.insert(sub, at: 0) }
            notes.append(p.alt)
            deck.slides.append(SlideDeck.Slide(
                title: texts.fullTitle, png: p.png, pixelSize: (Int(p.width.rounded()), Int(p.height.rounded())), altText: p.alt,
                body: finding.map { built.findings[$0] } ?? "",
                source: texts.source.map { lang.text(.sourcePrefix) + " " + $0 } ?? "", notes: notes))
        }
        return deck
    }

    /// The key finding a figure supports: of those that state any of the figure's figures (the numbers of its alt
    /// text: `11,54` and `11,5` differ, `10,6` and `10,60` do not), one not yet on an earlier slide if there is one,
    /// then the one that states the most of them and shares the most pairs of words with the figure's title (a
    /// count of communes recognised goes with "… được công nhận đạt chuẩn …", not with another sentence that happens to
    /// name the same 13), then the first. Nil when no finding states any of them. Whole numbers below 10 are left out
    /// (`01 xã`, `2 tiêu chí` match too much), years too.
    static func finding(for alt: String, title: String = "", in findings: [String], avoiding used: Set<Int>) -> Int? {
        let figures = numbers(alt), titlePairs = wordPairs(title)
        var best: (score: Int, fresh: Bool, index: Int)? = nil
        for (i, f) in findings.enumerated() {
            let shared = numbers(f).intersection(figures).count
            guard shared > 0 else { continue }
            let score = shared * 4 + wordPairs(f).intersection(titlePairs).count
            let fresh = !used.contains(i)
            // One not yet on a slide first, then the best score, then the first.
            if best == nil || (fresh && !best!.fresh) || (fresh == best!.fresh && score > best!.score) { best = (score, fresh, i) }
        }
        return best?.index
    }

    /// The pairs of neighbouring words of a text, in small letters (`công nhận`, `đạt chuẩn`): Vietnamese words are
    /// syllables, so pairs say what a sentence is about better than single words.
    static func wordPairs(_ text: String) -> Set<String> {
        let words = text.lowercased().split { !$0.isLetter }.map(String.init)
        return Set(zip(words, words.dropFirst()).map { $0 + " " + $1 })
    }

    /// The numbers of a text (`4.111,5`, `11,54`, `10,6`), as values scaled to hundredths so that `10,6` and `10,60`
    /// are one; whole numbers below 10 and years (1900–2100) left out.
    static func numbers(_ text: String) -> Set<Int> {
        var out = Set<Int>()
        for token in text.split(whereSeparator: { !($0.isNumber || $0 == "," || $0 == ".") }) {
            let t = token.trimmingCharacters(in: CharacterSet(charactersIn: ",."))
            guard !t.isEmpty, t.first!.isNumber else { continue }
            // Vietnamese: `.` groups thousands and `,` is the decimal mark; English the other way round.
            let vi = t.contains(",") && (!t.contains(".") || t.lastIndex(of: ",")! > t.lastIndex(of: ".")!)
            let plain = vi ? t.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: ".")
                           : t.replacingOccurrences(of: ",", with: "")
            guard let v = Double(plain) else { continue }
            if v == v.rounded(), v < 10 || (1900...2100).contains(v) { continue }
            out.insert(Int((v * 100).rounded()))
        }
        return out
    }
}
