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
    /// The short word for a plan before its figure, on a bar's target label and in alt text: `KH 10,5`, `Plan 10.5`.
    case planAbbreviation
    /// The word before the source line under a chart or table: `Nguồn:`, `Source:`.
    case sourcePrefix
    /// The word before the first note under a chart or table: `Ghi chú:`, `Note:`.
    case notePrefix
    /// The bold footer mark of a chart drawn from synthetic data: `Số liệu minh họa`, `Illustrative data`.
    case illustrativeData
    /// The legend entry of hatched cells and areas that have no value, and the value of such an area in alt text:
    /// `Không có số liệu`, `No data`.
    case noData
    /// The note of a table whose data have no row: `Không có số liệu thỏa mãn điều kiện của biểu …`,
    /// `No data meet the table's conditions (no rows).`
    case noDataRows
    /// The legend entry of the bars above zero on a diverging bar chart: `Tăng`, `Increase`.
    case increase
    /// The legend entry of the bars below zero on a diverging bar chart: `Giảm`, `Decrease`.
    case decrease
    /// The legend entry of estimated values (hatched bars, dashed lines) when the chart names none:
    /// `Ước thực hiện`, `Estimate`.
    case estimate
    /// The mark after an estimated value in alt text: `(ước)`, `(est.)`.
    case estimateShort
    /// The header of a dumbbell chart's column of changes: `Thay đổi`, `Change`.
    case change
    /// The legend entry of the bars above the reference `{0}` of a diverging chart (an average): `Cao hơn {0}`,
    /// `Higher than {0}`.
    case higherThanAverage
    /// The legend entry of the bars below the reference `{0}` of a diverging chart: `Thấp hơn {0}`, `Lower than {0}`.
    case lowerThanAverage
    /// A heat map's lowest class, below its upper bound `{0}`: `Dưới 20%`, `Under 20%`.
    case classUnder
    /// A heat map's middle class, from `{0}` to below `{1}`: `20% – dưới 40%`, `20% to under 40%`.
    case classRange
    /// A heat map's top class, from `{0}` up: `Từ 80% trở lên`, `80% and over`.
    case classFrom
    /// The unit line under a table's caption, `{0}` the unit: `Đơn vị tính: xã`, `Unit: communes`.
    case unitLine
    /// The unit of counts of communes in a table's unit line: `xã`, `communes`.
    case unitCommunes
    /// The unit of mean criteria met per commune: `tiêu chí/xã`, `criteria per commune`.
    case unitCriteriaPerCommune
    /// The unit of percentages: `%` in both languages.
    case unitPercent
    /// The legend entry of a period whose figures run to a cut-off date, not its end.
    case partialPeriod
    /// The note naming a map's areas whose labels had no room, `{0}` the names with their values.
    case labelsNotShown
    /// The unit of counts of criteria (criteria lost, the fewest and most met): `tiêu chí`, `criteria`.
    case unitCriteria
    /// The label before a figure's title, `{0}` its number: `Biểu đồ 3.`, `Figure 3.`.
    case figureLabel
    // Chart specs
    /// The legend entry of the targets of a chart spec that names none: `Kế hoạch`, `Plan`.
    case plan
    /// The default source of a chart drawn from a dataset, `{0}` the dataset's title: `Bộ dữ liệu …`, `Dataset …`.
    case datasetSource
    /// The note of a chart whose dataset lacks some communes' figures for some years (means are over the communes
    /// with figures).
    case someCommunesLackYears
    // Tables
    /// The label before a table's title, `{0}` its number: `Biểu 01.`, `Table 1.`.
    case tableLabel
    /// The first cell of a table's totals row when the spec names none: `Tổng`, `Total`.
    case total
    // What a figure is, and how it compares with its plan
    /// The kind of a figure that was achieved (`FactKind.actual`): `thực hiện`, `actual`.
    case kindActual
    /// The kind of a figure estimated to the end of the year (`FactKind.estimate`): `ước`, `estimate`.
    case kindEstimate
    /// The kind of a planned figure, a target (`FactKind.plan`): `kế hoạch`, `plan`.
    case kindPlan
    /// The status of a figure above its plan: `vượt kế hoạch`, `exceeded`.
    case statusExceeded
    /// The status of a figure that meets its plan: `đạt kế hoạch`, `met`.
    case statusMet
    /// The status of a figure below its plan: `chưa đạt`, `missed`.
    case statusMissed
    // The 19 national criteria (Decision 1980/QĐ-TTg), in order; see `Phrase.criterion(_:)`.
    /// National criterion 1: `Quy hoạch`, `Planning`.
    case criterion1
    /// National criterion 2: `Giao thông`, `Transport`.
    case criterion2
    /// National criterion 3: `Thủy lợi`, `Irrigation`.
    case criterion3
    /// National criterion 4: `Điện`, `Electricity`.
    case criterion4
    /// National criterion 5: `Trường học`, `Schools`.
    case criterion5
    /// National criterion 6: `Cơ sở vật chất văn hóa`, `Cultural facilities`.
    case criterion6
    /// National criterion 7: `Cơ sở hạ tầng thương mại nông thôn`, `Rural commercial infrastructure`.
    case criterion7
    /// National criterion 8: `Thông tin và Truyền thông`, `Information and communications`.
    case criterion8
    /// National criterion 9: `Nhà ở dân cư`, `Housing`.
    case criterion9
    /// National criterion 10: `Thu nhập`, `Income`.
    case criterion10
    /// National criterion 11: `Hộ nghèo`, `Poor households`.
    case criterion11
    /// National criterion 12: `Lao động có việc làm`, `Employment`.
    case criterion12
    /// National criterion 13: `Tổ chức sản xuất`, `Production organisation`.
    case criterion13
    /// National criterion 14: `Giáo dục và Đào tạo`, `Education and training`.
    case criterion14
    /// National criterion 15: `Y tế`, `Health`.
    case criterion15
    /// National criterion 16: `Văn hóa`, `Culture`.
    case criterion16
    /// National criterion 17: `Môi trường và an toàn thực phẩm`, `Environment and food safety`.
    case criterion17
    /// National criterion 18: `Hệ thống chính trị và tiếp cận pháp luật`, `Political system and access to law`.
    case criterion18
    /// National criterion 19: `Quốc phòng và An ninh`, `Defence and security`.
    case criterion19
    // Key findings: sentences and the clauses they are built of
    /// The province's mean criteria per commune in year `{0}`, `{1}` the mean: `Năm 2019, bình quân 01 xã đạt
    /// 11,54 tiêu chí`.
    case findingProvinceMean
    /// A group's mean, `{0}` its number of communes, `{1}` its name, `{2}` the mean: `05 xã biên giới đạt bình
    /// quân 10,2 tiêu chí/xã`.
    case findingGroupMean
    /// A group's mean when its name already starts with its count, `{0}` the name, `{1}` the mean.
    case findingNumberedGroupMean
    /// The clause of a rise since year `{1}` by `{0}` criteria: `, tăng 1,5 tiêu chí so với năm 2018`.
    case criteriaUpSince
    /// The clause of a fall since year `{1}` by `{0}` criteria: `, giảm 0,5 tiêu chí so với năm 2018`.
    case criteriaDownSince
    /// The clause of a mean `{0}` criteria above the plan `{1}` (Vietnamese leaves the plan out): `, vượt 0,2 tiêu
    /// chí so với kế hoạch`.
    case criteriaAbovePlan
    /// The clause of a mean that meets the plan `{0}` (Vietnamese leaves the plan out): `, đạt kế hoạch`.
    case criteriaAsPlanned
    /// The clause of a mean `{0}` criteria below the plan `{1}` (Vietnamese leaves the plan out): `, thấp hơn kế
    /// hoạch 0,3 tiêu chí`.
    case criteriaBelowPlan
    /// The sentence of `{0}` communes newly recognised as meeting the NTM standard in the year.
    case findingNewNTM
    /// The clause of new recognitions `{0}` above the plan: ` (vượt kế hoạch 02 xã)`.
    case newNTMAbovePlan
    /// The clause of new recognitions as planned: ` (đạt kế hoạch)`, ` (as planned)`.
    case newNTMAsPlanned
    /// The clause of new recognitions `{0}` below the plan: ` (thấp hơn kế hoạch 02 xã)`.
    case newNTMBelowPlan
    /// The clause of the total of NTM communes now, `{0}`: `, nâng tổng số xã đạt chuẩn lên 95 xã`, `, 95 in all`.
    case ntmTotalNow
    /// The clause of `{0}` communes recognised at the advanced (nâng cao) standard.
    case advancedNew
    /// The opening of the sentence of communes by number of criteria met at the end of year `{0}`:
    /// `Đến hết năm 2019: `.
    case atEndOfYear
    /// The band of `{0}` communes meeting all `{1}` criteria: `12 xã đạt 19 tiêu chí`.
    case bandAllCriteria
    /// The band of `{0}` communes meeting fewer than `{1}` criteria: `03 xã đạt dưới 5 tiêu chí`.
    case bandUnder
    /// The band of `{0}` communes meeting `{1}` to `{2}` criteria: `40 xã đạt 10–14 tiêu chí`.
    case bandRange
    /// The sentence that no commune lost a criterion it met in year `{0}`.
    case noCommuneLostCriteria
    /// The sentence that `{0}` communes lost a criterion they met in year `{1}` and need review.
    case communesLostCriteria
    /// The estimated mean criteria per commune for year `{0}`, `{1}` the mean: `Ước năm 2020, bình quân 01 xã đạt
    /// 12,6 tiêu chí`.
    case findingEstimatedMean
    /// The clause of `{0}` more NTM communes expected, `{1}` in all.
    case expectedNewNTM
    /// The clause of the plan `{0}` and the status against it `{1}`: ` (kế hoạch 100 xã: đạt kế hoạch)`.
    case againstPlanOf
    /// The clause of `{0}` recognised communes expected below the 19 criteria.
    case recognisedBelowStandard
    /// The sentence of the capital need of year `{0}`: `{1}` billion VND in all, `{2}` billion of it direct state
    /// budget, `{3}` that share as a percentage.
    case findingCapitalNeed
    /// The closing remark that commune-level figures are illustrative, calibrated to the notices' aggregates.
    case findingIllustrativeCommuneData
    // The annex document
    /// The heading of the key findings: `Nhận định chính`, `Key findings`.
    case keyFindings
    /// The heading of the annex's last section: `Nguồn số liệu và ghi chú`, `Sources and notes`.
    case sourcesAndNotes
    /// The clause after a source's citation, `{0}` its cut-off date: `; số liệu thực hiện đến ngày 30/6/2020`.
    case actualFiguresTo
    /// The note on the dataset, `{0}` its title, `{1}` its provenance: `Bộ dữ liệu: …. …`, `Dataset: …. …`.
    case datasetNote
    /// The note that explains estimated figures and how charts draw them (hatched bars, dashed lines).
    case estimatesExplained
    /// The date line of the title page, `{0}` the date: `Ngày 21/7/2020`, `21 July 2020`.
    case reportDate
    /// The title page's mark of illustrative commune data: `Số liệu cấp xã là số liệu minh họa`.
    case communeDataIllustrative
    /// The heading over an annex, in capitals (Decree 30/2020/NĐ-CP): `PHỤ LỤC`, `ANNEX`.
    case annexHeading
    /// The kind of document an annex accompanies when its spec names none: `Báo cáo`, `Report`.
    case reportDocument
    /// The italic line under an annex's title naming the document it accompanies: `{0}` its kind, `{1}` its number,
    /// `{2}` its date as written (`ngày 21 tháng 7 năm 2020`), `{3}` its issuer:
    /// `(Kèm theo Báo cáo số 125/BC-UBND ngày 21 tháng 7 năm 2020 của UBND tỉnh Lạng Sơn)`.
    case attachedTo
    /// The heading of the table of contents: `Mục lục`, `Contents`.
    case contents
    /// The header of a table's column of row numbers in a Word annex: `STT`, `No.`.
    case rowNumber
    /// The page number at the foot of every page, `{0}` the page, `{1}` the number of pages: `3 / 12`.
    case pageOfPages
    // The notices' own figure and table (DefaultAnnex)
    /// The title of the notices' figure, `{0}`–`{1}` the years shown, `{2}` the plan's year.
    case groupMeansWithPlanTitle
    /// The subtitle of the notices' figure, `{0}` the province: `Tỉnh Lạng Sơn, Chương trình mục tiêu quốc gia …`.
    case provinceProgrammeSubtitle
    /// The value axis title of the notices' figure: `Tiêu chí/xã`, `Criteria per commune`.
    case criteriaPerCommune
    /// The legend entry of the plan of year `{0}`: `Kế hoạch 2019 (KH)`, `2019 plan`.
    case planOfYearLegend
    /// The note that figures of years `{0}` and the plans are derived from the increases and margins a notice states.
    case derivedFiguresNote
    /// The note naming the groups `{0}` for which the notice states no plan.
    case noPlanStatedFor
    /// The header of the notices' table's first column: `Nhóm xã`, `Group`.
    case groupOfCommunes
    /// The header of the change since year `{0}`: `Tăng so với 2018`, `Change from 2018`.
    case changeFromYear
    /// The header of the plan of year `{0}`: `Kế hoạch 2019`, `2019 plan`.
    case planOfYear
    /// The header of the difference from the plan: `So với kế hoạch`, `Against plan`.
    case againstPlan
    /// The header of the status against the plan: `Đánh giá`, `Status`.
    case status
    // Columns of `annex analyze`'s table
    /// `annex analyze`'s column of the record's scope (province, group, district, unit): `phạm vi`, `scope`.
    case columnScope
    /// `annex analyze`'s column of the group, district or unit code: `nhóm`, `group`.
    case columnGroup
    /// `annex analyze`'s column of the metric: `chỉ tiêu`, `metric`.
    case columnMetric
    /// `annex analyze`'s column of the year: `năm`, `year`.
    case columnYear
    /// `annex analyze`'s column of the kind (actual, estimate, plan): `loại`, `kind`.
    case columnKind
    /// `annex analyze`'s column of the value: `giá trị`, `value`.
    case columnValue
    /// `annex analyze`'s column of the upper end of a range value: `đến`, `value_high`.
    case columnValueHigh
    /// `annex analyze`'s column of the unit: `đơn vị`, `unit`.
    case columnUnit
    /// `annex analyze`'s column of the number of units a value is over: `n`.
    case columnN
    /// `annex analyze`'s column of the detail (a criterion, a band): `chi tiết`, `detail`.
    case columnDetail
    /// `annex analyze`'s column of the base year of a change: `năm gốc`, `base_year`.
    case columnBaseYear
    /// `annex analyze`'s column of the plan: `kế hoạch`, `target`.
    case columnTarget
    /// `annex analyze`'s column of the upper end of a range plan: `KH đến`, `target_high`.
    case columnTargetHigh
    /// `annex analyze`'s column of the status against the plan: `đánh giá`, `status`.
    case columnStatus
    /// `annex analyze`'s column of the difference from the plan: `chênh lệch`, `gap`.
    case columnGap
    /// `annex analyze`'s column of the source id: `nguồn`, `source`.
    case columnSource
    // Calendar: month and quarter names, patterns of periods and dates (named fields, see the header)
    /// The name of January: `Tháng 1`, `January`.
    case month1
    /// The name of February: `Tháng 2`, `February`.
    case month2
    /// The name of March: `Tháng 3`, `March`.
    case month3
    /// The name of April: `Tháng 4`, `April`.
    case month4
    /// The name of May: `Tháng 5`, `May`.
    case month5
    /// The name of June: `Tháng 6`, `June`.
    case month6
    /// The name of July: `Tháng 7`, `July`.
    case month7
    /// The name of August: `Tháng 8`, `August`.
    case month8
    /// The name of September: `Tháng 9`, `September`.
    case month9
    /// The name of October: `Tháng 10`, `October`.
    case month10
    /// The name of November: `Tháng 11`, `November`.
    case month11
    /// The name of December: `Tháng 12`, `December`.
    case month12
    /// The short name of January: `T1`, `Jan`.
    case month1Short
    /// The short name of February: `T2`, `Feb`.
    case month2Short
    /// The short name of March: `T3`, `Mar`.
    case month3Short
    /// The short name of April: `T4`, `Apr`.
    case month4Short
    /// The short name of May: `T5`, `May`.
    case month5Short
    /// The short name of June: `T6`, `Jun`.
    case month6Short
    /// The short name of July: `T7`, `Jul`.
    case month7Short
    /// The short name of August: `T8`, `Aug`.
    case month8Short
    /// The short name of September: `T9`, `Sep`.
    case month9Short
    /// The short name of October: `T10`, `Oct`.
    case month10Short
    /// The short name of November: `T11`, `Nov`.
    case month11Short
    /// The short name of December: `T12`, `Dec`.
    case month12Short
    /// The name of the first quarter: `Quý I`, `Q1`.
    case quarter1
    /// The name of the second quarter: `Quý II`, `Q2`.
    case quarter2
    /// The name of the third quarter: `Quý III`, `Q3`.
    case quarter3
    /// The name of the fourth quarter: `Quý IV`, `Q4`.
    case quarter4
    /// The pattern of a year's label: `Năm {y}`, `{y}`.
    case yearPattern
    /// The pattern of a year on an axis: `{y}`.
    case yearTickPattern
    /// The pattern of a quarter's label: `{QQQ}/{y}` (`Quý II/2020`), `{QQQ} {y}` (`Q2 2020`).
    case quarterPattern
    /// The pattern of a quarter on an axis that shows the year once: `{QQQ}`.
    case quarterTickPattern
    /// The pattern of a month's label: `{MMM}/{y}` (`T6/2020`), `{MMM} {y}` (`Jun 2020`).
    case monthPattern
    /// The pattern of a month spelled out: `{MMMM}/{y}` (`Tháng 6/2020`), `{MMMM} {y}` (`June 2020`).
    case monthLongPattern
    /// The pattern of a month on an axis that shows the year once: `{MMM}`.
    case monthTickPattern
    /// The pattern of a day: `{d}/{M}/{y}` (`30/6/2020`), `{d} {MMM} {y}` (`30 Jun 2020`).
    case datePattern
    /// The pattern of a day with the month spelled out: `{d}/{M}/{y}`, `{d} {MMMM} {y}` (`30 June 2020`).
    case dateLongPattern
    /// The label of a cut-off date, `{0}` the date: `đến 30/6/2020`, `to 30 Jun 2020`.
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
        .reportDate: "Ngày {0}", .communeDataIllustrative: "Số liệu cấp xã là số liệu minh họa",
        .annexHeading: "PHỤ LỤC", .reportDocument: "Báo cáo", .attachedTo: "(Kèm theo {0} số {1} {2} của {3})", .contents: "Mục lục", .rowNumber: "STT",
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
        .unitLine: "Đơn vị tính: {0}", .unitCommunes: "xã", .unitCriteriaPerCommune: "tiêu chí/xã", .unitPercent: "%", .unitCriteria: "tiêu chí",
        .labelsNotShown: "Không đủ chỗ ghi nhãn trên bản đồ: {0}.",
        .partialPeriod: "Số liệu đến ngày báo cáo (kỳ chưa kết thúc)",
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
        .reportDate: "{0}", .communeDataIllustrative: "Commune-level data are illustrative",
        .annexHeading: "ANNEX", .reportDocument: "Report", .attachedTo: "(Accompanying {0} No. {1} of {2}, issued by {3})", .contents: "Contents", .rowNumber: "No.",
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
        .unitLine: "Unit: {0}", .unitCommunes: "communes", .unitCriteriaPerCommune: "criteria per commune", .unitPercent: "%", .unitCriteria: "criteria",
        .labelsNotShown: "Not labelled on the map (no room): {0}.",
        .partialPeriod: "Figures to the cut-off date (period not over)",
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
