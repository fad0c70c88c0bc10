// Every word Annex writes for a reader, one table per language. Code names a phrase by a typed key; a test
import Foundation
// checks that every key has its words in every language, so a missing translation fails the build's tests.

/// A phrase Annex writes for a reader (legends, notes, captions, findings). Its words per language are in
/// ``Strings``; `{0}`, `{1}` … in a phrase are replaced by the arguments given to ``Language/text(_:_:)``.
public enum Phrase: String, Sendable, CaseIterable, Hashable {
    // Charts
    case planAbbreviation, sourcePrefix, notePrefix, illustrativeData, noData, noDataRows
    case increase, decrease, estimate, estimateShort, change
    case higherThanAverage, lowerThanAverage
    case figureLabel, plan
    case classUnder, classRange, classFrom
}

/// The words of every ``Phrase``, one table per language.
public enum Strings {
    /// Vietnamese.
    public static let vi: [Phrase: String] = [
        .planAbbreviation: "KH", .sourcePrefix: "Nguồn:", .notePrefix: "Ghi chú:", .illustrativeData: "Số liệu minh họa",
        .noData: "Không có số liệu",
        .noDataRows: "Không có số liệu thỏa mãn điều kiện của biểu (không có dòng nào).",
        .increase: "Tăng", .decrease: "Giảm", .estimate: "Ước thực hiện", .estimateShort: "(ước)", .change: "Thay đổi",
        .higherThanAverage: "Cao hơn {0}", .lowerThanAverage: "Thấp hơn {0}",
        .figureLabel: "Biểu đồ {0}.", .plan: "Kế hoạch",
        .classUnder: "Dưới {0}", .classRange: "{0} – dưới {1}", .classFrom: "Từ {0} trở lên",
    ]

    /// English.
    public static let en: [Phrase: String] = [
        .planAbbreviation: "Plan", .sourcePrefix: "Source:", .notePrefix: "Note:", .illustrativeData: "Illustrative data",
        .noData: "No data",
        .noDataRows: "No data meet the table's conditions (no rows).",
        .increase: "Increase", .decrease: "Decrease", .estimate: "Estimate", .estimateShort: "(est.)", .change: "Change",
        .higherThanAverage: "Higher than {0}", .lowerThanAverage: "Lower than {0}",
        .figureLabel: "Figure {0}.", .plan: "Plan",
        .classUnder: "Under {0}", .classRange: "{0} to under {1}", .classFrom: "{0} and over",
    ]

    /// The table of a language.
    public static func table(_ language: Language) -> [Phrase: String] {
        switch language {
        case .vi: vi
        case .en: en
        }
    }
}

extension Language {
    /// The words of `phrase` in this language, with `{0}`, `{1}` … replaced by `arguments` in order.
    public func text(_ phrase: Phrase, _ arguments: String...) -> String {
        var s = Strings.table(self)[phrase] ?? Strings.vi[phrase] ?? phrase.rawValue
        for (i, a) in arguments.enumerated() { s = s.replacingOccurrences(of: "{\(i)}", with: a) }
        return s
    }
}
