import AnnexData

/// The few words charts write themselves, per language.
public struct ChartStrings: Hashable, Sendable {
    public var planAbbreviation: String
    public var sourcePrefix: String
    public var notePrefix: String
    public var illustrativeData: String

    public static func `for`(_ lang: Language) -> ChartStrings {
        switch lang {
        case .vi: ChartStrings(planAbbreviation: "KH", sourcePrefix: "Nguồn:", notePrefix: "Ghi chú:",
                               illustrativeData: "Số liệu minh họa")
        case .en: ChartStrings(planAbbreviation: "Plan", sourcePrefix: "Source:", notePrefix: "Note:",
                               illustrativeData: "Illustrative data")
        }
    }

    /// The note of a table whose data have no rows (no commune lost a criterion, say).
    public static func noData(_ lang: Language) -> String {
        lang == .vi ? "Không có số liệu thỏa mãn điều kiện của biểu (không có dòng nào)." : "No data meet the table's conditions (no rows)."
    }
}
