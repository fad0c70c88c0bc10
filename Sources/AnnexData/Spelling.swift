/// Suggestions for misspelt names ("mean_critera" → "mean_criteria").
public enum Spelling {
    /// Edit distance (insertions, deletions, substitutions) between two strings, by characters.
    public static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        var prev = Array(0...y.count), cur = Array(repeating: 0, count: y.count + 1)
        for i in 1...x.count {
            cur[0] = i
            for j in 1...y.count {
                cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            swap(&prev, &cur)
        }
        return prev[y.count]
    }

    /// The candidate closest to `name`, when it is close enough to be a likely typo (at most a third of its
    /// length away, case and diacritics ignored: `d5` → `D5`, `Cao Loc` → `Cao Lộc`).
    public static func nearest(to name: String, in candidates: [String]) -> String? {
        let n = folded(name)
        let best = candidates.map { ($0, distance(n, folded($0))) }.min { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
        guard let best, best.0 != name, best.1 <= max(1, name.count / 3) else { return nil }
        return best.0
    }

    /// Lower case without diacritics, `đ` as `d`: "Đình Lập" → "dinh lap". Compatibility forms are unfolded too.
    public static func folded(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in s.decomposedStringWithCompatibilityMapping.lowercased().unicodeScalars {
            switch u.properties.generalCategory {
            case .nonspacingMark, .spacingMark, .enclosingMark: continue
            default: out.append(u == "đ" ? "d" : u)
            }
        }
        return String(out)
    }
}

/// Names of administrative units inside a sentence.
public enum UnitNames {
    /// The words that open a Vietnamese unit's name (`Tỉnh Lạng Sơn`, `Huyện Tràng Định`, `Thành phố Lạng Sơn`).
    public static let typeWords = ["Tỉnh", "Thành phố", "Huyện", "Thị xã", "Quận", "Xã", "Phường", "Thị trấn"]

    /// `text` as it reads inside a sentence: a leading unit type word takes a small letter (`Bộ dữ liệu tỉnh Lạng
    /// Sơn …`, as the register writes it); anything else is left as it is (`Lạng Sơn province …`).
    public static func inSentence(_ text: String) -> String {
        guard let word = typeWords.first(where: { text.hasPrefix($0 + " ") }) else { return text }
        return word.lowercased() + text.dropFirst(word.count)
    }
}
