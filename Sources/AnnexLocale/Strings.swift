// Every word Annex writes for a reader, one table per language. Code names a phrase by a typed key
// (`language.text(.keyFindings)`, `language.text(.figureLabel, "3")`); tests check that every key has its words in
// every language, with the same placeholders, so a missing translation fails the tests, not a reader.
//
// Placeholders: `{0}`, `{1}` … are the arguments of `Language.text(_:_:)`, in order; a language may put them in any
// order and repeat them. The calendar patterns (`yearPattern` … `dateLongPattern`) use named fields instead, filled
// by `PeriodFormat` and `DayFormat`: `{y}` year, `{M}` month number, `{MMM}` / `{MMMM}` the month's short / long
// name (`month6Short`, `month6`), `{QQQ}` the quarter's name (`quarter2`), `{d}` day of the month.
// Diagnostics (errors, logs) are English only and stay where they are raised; they are not phrases.
//
// To add a language:
//  1. Add its case to `Language` (the ISO 639-1 code, e.g. `case fr`). The compiler then stops at every `switch`
//     that must learn it: the separators and CSV delimiter in Language.swift and `Strings.table(_:)` below.
//  2. Add its table here (`public static let fr: [Phrase: String] = [...]`) with words for every `Phrase`,
//     written in NFC, the same `{0}`… placeholders as the other tables, and its calendar patterns and names.
//  3. Run the AnnexLocale tests: they name every phrase missing or mismatched in the new table.
//  Datasets give names per language in their own files (`name_vi`, `title.en` …): a dataset read in the new
//  language falls back to its Vietnamese names until those files have columns for it.

/// A phrase Annex writes for a reader (legends, notes, captions, findings). Its words per language are in
/// ``Strings``; `{0}`, `{1}` … in a phrase are replaced by the arguments given to ``Language/text(_:_:)``.
public enum Phrase: String, Sendable, CaseIterable, Hashable {
    // Charts
    case planAbbreviation, sourcePrefix, notePrefix, illustrativeData, noData, noDataRows
    case increase, decrease, estimate, estimateShort, change
    case higherThanAverage, lowerThanAverage
    /// Class labels whose bounds do not overlap: "Dưới 20%", "20% – dưới 40%", "Từ 80% trở lên".
    case classUnder, classRange, classFrom
    /// The unit line of a table ("Đơn vị tính: xã") and the units of computed figures.
    case unitLine, unitCommunes, unitCriteriaPerCommune, unitPercent
    case figureLabel
    // Chart specs
    case plan, datasetSource, someCommunesLackYears
    // Tables
    case tableLabel, total
    // What a figure is, and how it compares with its plan
    case kindActual, kindEstimate, kindPlan
    case statusExceeded, statusMet, statusMissed
    // The 19 national criteria (Decision 1980/QĐ-TTg), in order; see `Phrase.criterion(_:)`.
    case criterion1, criterion2, criterion3, criterion4, criterion5, criterion6, criterion7, criterion8, criterion9
    case criterion10, criterion11, criterion12, criterion13, criterion14, criterion15, criterion16, criterion17
    case criterion18, criterion19
    // Key findings: sentences and the clauses they are built of
    case findingProvinceMean, findingGroupMean, findingNumberedGroupMean
    case criteriaUpSince, criteriaDownSince
    case criteriaAbovePlan, criteriaAsPlanned, criteriaBelowPlan
    case findingNewNTM, newNTMAbovePlan, newNTMAsPlanned, newNTMBelowPlan, ntmTotalNow, advancedNew
    case atEndOfYear, bandAllCriteria, bandUnder, bandRange
    case noCommuneLostCriteria, communesLostCriteria
    case findingEstimatedMean, expectedNewNTM, againstPlanOf, recognisedBelowStandard
    case findingCapitalNeed, findingIllustrativeCommuneData
    // The annex document
    case keyFindings, sourcesAndNotes, actualFiguresTo, datasetNote, estimatesExplained
    case reportDate, communeDataIllustrative, contents, pageOfPages
    // The notices' own figure and table (DefaultAnnex)
    case groupMeansWithPlanTitle, provinceProgrammeSubtitle, criteriaPerCommune, planOfYearLegend
    case derivedFiguresNote, noPlanStatedFor
    case groupOfCommunes, changeFromYear, planOfYear, againstPlan, status
    // Columns of `annex analyze`'s table
    case columnScope, columnGroup, columnMetric, columnYear, columnKind, columnValue, columnValueHigh, columnUnit
    case columnN, columnDetail, columnBaseYear, columnTarget, columnTargetHigh, columnStatus, columnGap, columnSource
    // Calendar: month and quarter names, patterns of periods and dates (named fields, see the header)
    case month1, month2, month3, month4, month5, month6, month7, month8, month9, month10, month11, month12
    case month1Short, month2Short, month3Short, month4Short, month5Short, month6Short, month7Short, month8Short
    case month9Short, month10Short, month11Short, month12Short
    case quarter1, quarter2, quarter3, quarter4
    case yearPattern, yearTickPattern, quarterPattern, quarterTickPattern
    case monthPattern, monthLongPattern, monthTickPattern, datePattern, dateLongPattern
    case upToDate

    /// The name of national criterion `number` (1…19): `.criterion(2)` is Giao thông, Transport.
    public static func criterion(_ number: Int) -> Phrase {
        precondition((1...19).contains(number), "criteria are numbered 1 to 19")
        return Phrase(rawValue: "criterion\(number)")!
    }

    /// The name of month `number` (1…12), long (`Tháng 6`, `June`) or short (`T6`, `Jun`).
    public static func month(_ number: Int, short: Bool = false) -> Phrase {
        precondition((1...12).contains(number), "months are numbered 1 to 12")
        return Phrase(rawValue: "month\(number)" + (short ? "Short" : ""))!
    }

    /// The name of quarter `number` (1…4): `Quý II`, `Q2`.
    public static func quarter(_ number: Int) -> Phrase {
        precondition((1...4).contains(number), "quarters are numbered 1 to 4")
        return Phrase(rawValue: "quarter\(number)")!
    }
}

/// The words of every ``Phrase``, one table per language.
public enum Strings {
    /// Vietnamese.
    public static let vi: [Phrase: String] = [
        // Charts
        .planAbbreviation: "KH", .sourcePrefix: "Nguồn:", .notePrefix: "Ghi chú:", .illustrativeData: "Số liệu minh họa",
        .noData: "Không có số liệu",
        .noDataRows: "Không có số liệu thỏa mãn điều kiện của biểu (không có dòng nào).",
        .increase: "Tăng", .decrease: "Giảm", .estimate: "Ước thực hiện", .estimateShort: "(ước)", .change: "Thay đổi",
        .higherThanAverage: "Cao hơn {0}", .lowerThanAverage: "Thấp hơn {0}",
        .figureLabel: "Biểu đồ {0}.",
        // Chart specs
        .plan: "Kế hoạch", .datasetSource: "Bộ dữ liệu {0}",
        .someCommunesLackYears: "Một số xã không có số liệu ở một số năm; bình quân tính trên các xã có số liệu.",
        // Tables
        .tableLabel: "Biểu {0}.", .total: "Tổng",
        // Kinds and statuses
        .kindActual: "thực hiện", .kindEstimate: "ước", .kindPlan: "kế hoạch",
        .statusExceeded: "vượt kế hoạch", .statusMet: "đạt kế hoạch", .statusMissed: "chưa đạt",
        // Criteria
        .criterion1: "Quy hoạch", .criterion2: "Giao thông", .criterion3: "Thủy lợi", .criterion4: "Điện",
        .criterion5: "Trường học", .criterion6: "Cơ sở vật chất văn hóa", .criterion7: "Cơ sở hạ tầng thương mại nông thôn",
        .criterion8: "Thông tin và Truyền thông", .criterion9: "Nhà ở dân cư", .criterion10: "Thu nhập",
        .criterion11: "Hộ nghèo", .criterion12: "Lao động có việc làm", .criterion13: "Tổ chức sản xuất",
        .criterion14: "Giáo dục và Đào tạo", .criterion15: "Y tế", .criterion16: "Văn hóa",
        .criterion17: "Môi trường và an toàn thực phẩm", .criterion18: "Hệ thống chính trị và tiếp cận pháp luật",
        .criterion19: "Quốc phòng và An ninh",
        // Key findings
        .findingProvinceMean: "Năm {0}, bình quân 01 xã đạt {1} tiêu chí",
        .findingGroupMean: "{0} {1} đạt bình quân {2} tiêu chí/xã",
        .findingNumberedGroupMean: "{0} đạt bình quân {1} tiêu chí/xã",
        .criteriaUpSince: ", tăng {0} tiêu chí so với năm {1}",
        .criteriaDownSince: ", giảm {0} tiêu chí so với năm {1}",
        .criteriaAbovePlan: ", vượt {0} tiêu chí so với kế hoạch",
        .criteriaAsPlanned: ", đạt kế hoạch",
        .criteriaBelowPlan: ", thấp hơn kế hoạch {0} tiêu chí",
        .findingNewNTM: "Toàn tỉnh có thêm {0} xã được công nhận đạt chuẩn nông thôn mới",
        .newNTMAbovePlan: " (vượt kế hoạch {0} xã)", .newNTMAsPlanned: " (đạt kế hoạch)",
        .newNTMBelowPlan: " (thấp hơn kế hoạch {0} xã)",
        .ntmTotalNow: ", nâng tổng số xã đạt chuẩn lên {0} xã",
        .advancedNew: "; có {0} xã được công nhận đạt chuẩn nông thôn mới nâng cao",
        .atEndOfYear: "Đến hết năm {0}: ",
        .bandAllCriteria: "{0} xã đạt {1} tiêu chí", .bandUnder: "{0} xã đạt dưới {1} tiêu chí",
        .bandRange: "{0} xã đạt {1}–{2} tiêu chí",
        .noCommuneLostCriteria: "Không có xã nào bị giảm tiêu chí so với năm {0}.",
        .communesLostCriteria: "Có {0} xã bị giảm tiêu chí so với năm {1}, cần rà soát, củng cố.",
        .findingEstimatedMean: "Ước năm {0}, bình quân 01 xã đạt {1} tiêu chí",
        .expectedNewNTM: "; dự kiến có thêm {0} xã đạt chuẩn, nâng tổng số lên {1} xã",
        .againstPlanOf: " (kế hoạch {0} xã: {1})",
        .recognisedBelowStandard: "; {0} xã đã đạt chuẩn nhưng chưa duy trì đủ 19 tiêu chí",
        .findingCapitalNeed: "Tổng nhu cầu vốn năm {0} ước khoảng {1} tỷ đồng, trong đó ngân sách đầu tư trực tiếp {2} tỷ đồng ({3}).",
        .findingIllustrativeCommuneData: "(Số liệu cấp xã trong phụ lục là số liệu minh họa, được hiệu chỉnh theo các số liệu tổng hợp của thông báo.)",
        // The annex document
        .keyFindings: "Nhận định chính", .sourcesAndNotes: "Nguồn số liệu và ghi chú",
        .actualFiguresTo: "; số liệu thực hiện đến ngày {0}",
        .datasetNote: "Bộ dữ liệu: {0}. {1}",
        .estimatesExplained: "Số liệu năm có ghi \"ước\" là ước thực hiện đến hết năm; các hình gạch chéo và đường nét đứt biểu thị số ước.",
        .reportDate: "Ngày {0}", .communeDataIllustrative: "Số liệu cấp xã là số liệu minh họa", .contents: "Mục lục",
        .pageOfPages: "{0} / {1}",
        // The notices' own figure and table
        .groupMeansWithPlanTitle: "Bình quân tiêu chí/xã theo nhóm xã, {0}–{1} và kế hoạch {2}",
        .provinceProgrammeSubtitle: "Tỉnh {0}, Chương trình mục tiêu quốc gia xây dựng nông thôn mới (19 tiêu chí)",
        .criteriaPerCommune: "Tiêu chí/xã", .planOfYearLegend: "Kế hoạch {0} (KH)",
        .derivedFiguresNote: "Số liệu năm {0} và kế hoạch suy ra từ mức tăng, mức vượt nêu trong thông báo.",
        .noPlanStatedFor: "Thông báo không nêu kế hoạch cho: {0}.",
        .groupOfCommunes: "Nhóm xã", .changeFromYear: "Tăng so với {0}", .planOfYear: "Kế hoạch {0}",
        .againstPlan: "So với kế hoạch", .status: "Đánh giá",
        // Columns of annex analyze's table
        .columnScope: "phạm vi", .columnGroup: "nhóm", .columnMetric: "chỉ tiêu", .columnYear: "năm", .columnKind: "loại",
        .columnValue: "giá trị", .columnValueHigh: "đến", .columnUnit: "đơn vị", .columnN: "n", .columnDetail: "chi tiết",
        .columnBaseYear: "năm gốc", .columnTarget: "kế hoạch", .columnTargetHigh: "KH đến", .columnStatus: "đánh giá",
        .columnGap: "chênh lệch", .columnSource: "nguồn",
        // Calendar
        .month1: "Tháng 1", .month2: "Tháng 2", .month3: "Tháng 3", .month4: "Tháng 4", .month5: "Tháng 5",
        .month6: "Tháng 6", .month7: "Tháng 7", .month8: "Tháng 8", .month9: "Tháng 9", .month10: "Tháng 10",
        .month11: "Tháng 11", .month12: "Tháng 12",
        .month1Short: "T1", .month2Short: "T2", .month3Short: "T3", .month4Short: "T4", .month5Short: "T5",
        .month6Short: "T6", .month7Short: "T7", .month8Short: "T8", .month9Short: "T9", .month10Short: "T10",
        .month11Short: "T11", .month12Short: "T12",
        .quarter1: "Quý I", .quarter2: "Quý II", .quarter3: "Quý III", .quarter4: "Quý IV",
        .yearPattern: "Năm {y}", .yearTickPattern: "{y}", .quarterPattern: "{QQQ}/{y}", .quarterTickPattern: "{QQQ}",
        .monthPattern: "{MMM}/{y}", .monthLongPattern: "{MMMM}/{y}", .monthTickPattern: "{MMM}",
        .datePattern: "{d}/{M}/{y}", .dateLongPattern: "{d}/{M}/{y}",
        .upToDate: "đến {0}",
        .classUnder: "Dưới {0}", .classRange: "{0} – dưới {1}", .classFrom: "Từ {0} trở lên",
        .unitLine: "Đơn vị tính: {0}", .unitCommunes: "xã", .unitCriteriaPerCommune: "tiêu chí/xã", .unitPercent: "%",
    ]

    /// English.
    public static let en: [Phrase: String] = [
        // Charts
        .planAbbreviation: "Plan", .sourcePrefix: "Source:", .notePrefix: "Note:", .illustrativeData: "Illustrative data",
        .noData: "No data",
        .noDataRows: "No data meet the table's conditions (no rows).",
        .increase: "Increase", .decrease: "Decrease", .estimate: "Estimate", .estimateShort: "(est.)", .change: "Change",
        .higherThanAverage: "Higher than {0}", .lowerThanAverage: "Lower than {0}",
        .figureLabel: "Figure {0}.",
        // Chart specs
        .plan: "Plan", .datasetSource: "Dataset {0}",
        .someCommunesLackYears: "Some communes have no figures for some years; means are over the communes with figures.",
        // Tables
        .tableLabel: "Table {0}.", .total: "Total",
        // Kinds and statuses
        .kindActual: "actual", .kindEstimate: "estimate", .kindPlan: "plan",
        .statusExceeded: "exceeded", .statusMet: "met", .statusMissed: "missed",
        // Criteria
        .criterion1: "Planning", .criterion2: "Transport", .criterion3: "Irrigation", .criterion4: "Electricity",
        .criterion5: "Schools", .criterion6: "Cultural facilities", .criterion7: "Rural commercial infrastructure",
        .criterion8: "Information and communications", .criterion9: "Housing", .criterion10: "Income",
        .criterion11: "Poor households", .criterion12: "Employment", .criterion13: "Production organisation",
        .criterion14: "Education and training", .criterion15: "Health", .criterion16: "Culture",
        .criterion17: "Environment and food safety", .criterion18: "Political system and access to law",
        .criterion19: "Defence and security",
        // Key findings
        .findingProvinceMean: "In {0} a commune met {1} criteria on average",
        .findingGroupMean: "The {0} {1} met {2} criteria on average",
        .findingNumberedGroupMean: "The {0} met {1} criteria on average",
        .criteriaUpSince: ", {0} more than in {1}",
        .criteriaDownSince: ", {0} fewer than in {1}",
        .criteriaAbovePlan: ", {0} above the plan of {1}",
        .criteriaAsPlanned: ", meeting the plan of {0}",
        .criteriaBelowPlan: ", {0} below the plan of {1}",
        .findingNewNTM: "{0} more communes were recognised as meeting the NTM standard",
        .newNTMAbovePlan: " ({0} more than planned)", .newNTMAsPlanned: " (as planned)",
        .newNTMBelowPlan: " ({0} fewer than planned)",
        .ntmTotalNow: ", {0} in all",
        .advancedNew: "; {0} reached the advanced (nâng cao) standard",
        .atEndOfYear: "At the end of {0}: ",
        .bandAllCriteria: "{0} met all {1}", .bandUnder: "{0} met fewer than {1}",
        .bandRange: "{0} met {1}–{2}",
        .noCommuneLostCriteria: "No commune lost a criterion it met in {0}.",
        .communesLostCriteria: "{0} communes lost at least one criterion they met in {1} and need review.",
        .findingEstimatedMean: "For {0} an average of {1} criteria per commune is estimated",
        .expectedNewNTM: "; {0} more NTM communes are expected, {1} in all",
        .againstPlanOf: " (plan {0}: {1})",
        .recognisedBelowStandard: "; {0} recognised communes are expected below 19 criteria",
        .findingCapitalNeed: "The {0} capital need is about {1} billion VND, of which {2} billion ({3}) is direct state budget.",
        .findingIllustrativeCommuneData: "(Commune-level figures in this annex are illustrative, calibrated to the notices' aggregates.)",
        // The annex document
        .keyFindings: "Key findings", .sourcesAndNotes: "Sources and notes",
        .actualFiguresTo: "; actual figures to {0}",
        .datasetNote: "Dataset: {0}. {1}",
        .estimatesExplained: "Figures marked \"estimate\" are estimated to the end of the year; hatched bars and dashed lines show estimates.",
        .reportDate: "{0}", .communeDataIllustrative: "Commune-level data are illustrative", .contents: "Contents",
        .pageOfPages: "{0} / {1}",
        // The notices' own figure and table
        .groupMeansWithPlanTitle: "Mean criteria met per commune by group of communes, {0}–{1} and the {2} plan",
        .provinceProgrammeSubtitle: "{0} province, National Target Programme on New Rural Development (19 criteria)",
        .criteriaPerCommune: "Criteria per commune", .planOfYearLegend: "{0} plan",
        .derivedFiguresNote: "Figures for {0} and plans are derived from the increases and margins the notice states.",
        .noPlanStatedFor: "The notice states no plan for: {0}.",
        .groupOfCommunes: "Group", .changeFromYear: "Change from {0}", .planOfYear: "{0} plan",
        .againstPlan: "Against plan", .status: "Status",
        // Columns of annex analyze's table
        .columnScope: "scope", .columnGroup: "group", .columnMetric: "metric", .columnYear: "year", .columnKind: "kind",
        .columnValue: "value", .columnValueHigh: "value_high", .columnUnit: "unit", .columnN: "n", .columnDetail: "detail",
        .columnBaseYear: "base_year", .columnTarget: "target", .columnTargetHigh: "target_high", .columnStatus: "status",
        .columnGap: "gap", .columnSource: "source",
        // Calendar
        .month1: "January", .month2: "February", .month3: "March", .month4: "April", .month5: "May", .month6: "June",
        .month7: "July", .month8: "August", .month9: "September", .month10: "October", .month11: "November",
        .month12: "December",
        .month1Short: "Jan", .month2Short: "Feb", .month3Short: "Mar", .month4Short: "Apr", .month5Short: "May",
        .month6Short: "Jun", .month7Short: "Jul", .month8Short: "Aug", .month9Short: "Sep", .month10Short: "Oct",
        .month11Short: "Nov", .month12Short: "Dec",
        .quarter1: "Q1", .quarter2: "Q2", .quarter3: "Q3", .quarter4: "Q4",
        .yearPattern: "{y}", .yearTickPattern: "{y}", .quarterPattern: "{QQQ} {y}", .quarterTickPattern: "{QQQ}",
        .monthPattern: "{MMM} {y}", .monthLongPattern: "{MMMM} {y}", .monthTickPattern: "{MMM}",
        .datePattern: "{d} {MMM} {y}", .dateLongPattern: "{d} {MMMM} {y}",
        .upToDate: "to {0}",
        .classUnder: "Under {0}", .classRange: "{0} to under {1}", .classFrom: "{0} and over",
        .unitLine: "Unit: {0}", .unitCommunes: "communes", .unitCriteriaPerCommune: "criteria per commune", .unitPercent: "%",
    ]

    /// The table of a language.
    public static func table(_ language: Language) -> [Phrase: String] {
        switch language {
        case .vi: vi
        case .en: en
        }
    }

    /// `template` with every `{name}` whose name `value(name)` knows replaced, in one pass (a replacement is
    /// never scanned again, so an argument holding `{1}` stays as it is). Unknown and unclosed braces stay.
    static func fill(_ template: String, _ value: (Substring) -> String?) -> String {
        guard template.contains("{") else { return template }
        var out = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            out += rest[..<open]
            let name = rest[rest.index(after: open)..<close]
            if let v = value(name) { out += v } else { out += rest[open...close] }
            rest = rest[rest.index(after: close)...]
        }
        return out + rest
    }

    /// The `{…}` placeholders of a phrase's words, in order of appearance, without braces (`["0", "1"]`, `["d", "MMM", "y"]`).
    static func placeholders(in words: String) -> [String] {
        var names: [String] = []
        _ = fill(words) { names.append(String($0)); return nil }
        return names
    }
}

extension Language {
    /// The words of `phrase` in this language, with `{0}`, `{1}` … replaced by `arguments` in order.
    public func text(_ phrase: Phrase, _ arguments: String...) -> String {
        let words = Strings.table(self)[phrase] ?? Strings.vi[phrase] ?? phrase.rawValue
        return Strings.fill(words) { name in Int(name).flatMap { arguments.indices.contains($0) ? arguments[$0] : nil } }
    }
}
