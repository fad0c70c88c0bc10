import Foundation

extension String {
    /// The string in Unicode NFC (Vietnamese diacritics precomposed). A string whose every scalar is below U+0300
    /// (ASCII, Latin-1 and the Latin Extended letters), a precomposed Vietnamese letter (U+1E00–U+1EFF) or general
    /// punctuation from U+2010 (dashes, quotes, the ellipsis) is already in NFC — these characters never change under
    /// normalisation and none combines with another — and is returned as it is without Foundation's normaliser,
    /// which costs as much as laying the text out. Anything else (a combining mark, a decomposed letter) is normalised.
    /// Every text Annex reads (CSV cells, workbook strings, spec and manifest values, boundary names) and draws
    /// or writes (text marks, Office XML) goes through here.
    public var nfc: String {
        for u in unicodeScalars {
            let v = u.value
            if v < 0x300 || (0x1E00..<0x1F00).contains(v) || (0x2010..<0x2070).contains(v) { continue }
            return precomposedStringWithCanonicalMapping
        }
        return self
    }
}
