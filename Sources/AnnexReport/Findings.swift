// Owns the key findings (findings.txt and the annex's section): sentences in the style of the notices, each written
// only when its figures exist, with figures from illustrative commune data marked or left out. Where each figure
// comes from is FindingFigures' concern (FindingFigures.swift).
import AnnexAnalytics
import AnnexData
import AnnexSpec

/// What the findings do with figures computed from illustrative (synthetic) commune data.
public enum IllustrativeFigures: String, Sendable, CaseIterable {
    /// State them, each run of them followed by `(số liệu minh họa)` / `(illustrative)`.
    case mark
    /// Leave them out: a sentence that opens with one is not written, a clause with one is dropped.
    case omit
}

/// Key findings in the style of the notices ("bình quân 01 xã đạt 11,54 tiêu chí, tăng 1,5 tiêu chí so với năm
/// 2018; … vượt 0,2 tiêu chí so với kế hoạch"), generated from the analysis, in Vietnamese or English.
public enum Findings {
    /// The key findings of dataset `ds` and its analysis `a` in `lang`, one sentence each, in the notices' order:
    /// the province's mean criteria per commune in the last year with an actual figure; each listed group's mean
    /// (against its plan when it has one); new NTM recognitions and the total, with the units it is counted in;
    /// communes by number of criteria met; communes that lost criteria; the estimate for a later year; the capital
    /// need; and a note naming the illustrative commune data, and the sources they were calibrated to when the
    /// manifest names them (`calibrated_to`). A figure the dataset states is used before a computed one; a sentence
    /// is written only when its figures exist. None at all when no year has an actual province mean.
    public static func sentences(_ ds: Dataset, _ a: Analysis, language lang: Language,
                                 illustrative mode: IllustrativeFigures = .mark) -> [String] {
        let w = FindingsWriter(figures: FindingFigures(ds, a), lang: lang)
        let p = w.figures.province
        guard let last = w.figures.years.last(where: { w.figures.figure(.province, p, "mean_criteria", $0)?.kind == .actual }) else { return [] }
        var built: [FindingSentence] = []
        built += [w.provinceMean(last)].compactMap { $0 }
        built += ds.groupOrder.compactMap { w.groupMean($0, last) }
        built += [w.recognitions(last), w.bands(last), w.lostCriteria(last), w.estimate(after: last), w.capitalNeed()].compactMap { $0 }
        var out = built.compactMap { $0.text(mode, lang) }
        let tables = w.figures.illustrativeTables(lang)
        if !tables.isEmpty {
            var note = lang.text(mode == .mark ? .illustrativeNoteMarked : .illustrativeNoteOmitted, w.list(tables))
            let sources = ds.manifest.calibratedTo.compactMap { ds.sources[$0]?.citation(lang) }
            if !sources.isEmpty { note += lang.text(.illustrativeCalibratedTo, sources.joined(separator: "; ")) }
            out.append(note)
        }
        return out
    }

    /// What a report spec's findings item asks for: `findings: true`, or `findings: { illustrative: mark | omit }`
    /// (mark by default). Any other value is a located error.
    static func illustrativeOption(_ n: SpecNode) throws -> IllustrativeFigures {
        if n.node.mapping == nil {
            guard (try? n.bool()) == true else {
                throw SpecError(n.location, "true, or a mapping such as { illustrative: mark } (mark or omit); remove the item to leave the findings out", n.describe)
            }
            return .mark
        }
        try n.onlyKeys(["illustrative"])
        guard let i = n.child("illustrative") else { return .mark }
        return IllustrativeFigures(rawValue: try i.oneOf(IllustrativeFigures.allCases.map(\.rawValue)))!
    }
}

/// Writes the sentences of the findings, one function per kind of sentence.
struct FindingsWriter {
    let figures: FindingFigures
    let lang: Language

    var ds: Dataset { figures.ds }
    var province: String { figures.province }
    /// Means and changes: up to two decimals, as the notices write them (11,54; 1,5).
    func mean(_ x: Double) -> String { NumberFormat(lang, fractionDigits: 0...2)(x) }
    /// Counts as the notices write them: "01 xã", "13 xã".
    func count(_ x: Double) -> String { NumberFormat.count(Int(x.rounded()), lang) }
    /// `plural`, or `single` when `x` counts one commune (English: "1 commune was", not "1 communes were").
    func phrase(_ x: Double, _ plural: Phrase, one single: Phrase) -> Phrase { Int(x.rounded()) == 1 ? single : plural }
    /// Items joined by commas, the last two by "và" / "and".
    func list(_ items: [String]) -> String {
        guard items.count > 1 else { return items.first ?? "" }
        return items.dropLast().joined(separator: ", ") + lang.text(.listLastJoin) + items.last!
    }

    /// "Năm 2019, bình quân 01 xã đạt 11,54 tiêu chí, tăng 1,5 tiêu chí so với năm 2018."
    func provinceMean(_ year: Int) -> FindingSentence? {
        guard let m = figures.figure(.province, province, "mean_criteria", year) else { return nil }
        var s = FindingSentence(lang.text(.findingProvinceMean, String(year), mean(m.value)), illustrative: m.illustrative)
        addChange(&s, .province, province, year, m)
        return s
    }

    /// A listed group's mean, named as the dataset names it, with its number of communes when that is known from real
    /// data, its change and its plan when the dataset has them.
    func groupMean(_ g: String, _ year: Int) -> FindingSentence? {
        guard let info = ds.groups[g], info.membership == .listed,
              let m = figures.figure(.group, g, "mean_criteria", year) else { return nil }
        let name = info.name(lang)
        let head: String
        if let named = Int(name.prefix { $0.isNumber }) {
            // A name that counts its communes ("05 xã …") says how many there are only when the dataset has that many
            // (a district's annex holds a few of the province's five).
            head = named == ds.members(of: g)?.count ? lang.text(.findingNumberedGroupMean, name, mean(m.value))
                                                     : lang.text(.findingPartOfGroupMean, name, mean(m.value))
        } else if let size = figures.groupSize(g, year), !size.illustrative {
            head = lang.text(.findingGroupMean, count(size.value), name.lowercasedFirst, mean(m.value))
        } else {
            head = lang.text(.findingUncountedGroupMean, name.lowercasedFirst, mean(m.value))
        }
        var s = FindingSentence(head, illustrative: m.illustrative)
        addChange(&s, .group, g, year, m)
        if let plan = figures.plan(.group, g, "mean_criteria", year) {
            let c = FindingFigures.compare(m, plan)
            let target = plan.valueHigh.map { mean(plan.value) + "–" + mean($0) } ?? mean(plan.value)
            let clause: String = switch c.status {
            case .exceeded: lang.text(.criteriaAbovePlan, mean(c.gap), target)
            case .met: lang.text(c.target.isRange ? .criteriaWithinPlannedRange : .criteriaAsPlanned, target)
            case .missed: lang.text(.criteriaBelowPlan, mean(-c.gap), target)
            }
            s.add(clause, illustrative: m.illustrative)
        }
        return s
    }

    /// ", tăng 1,5 tiêu chí so với năm 2018" (or "giảm" when it fell).
    func addChange(_ s: inout FindingSentence, _ scope: FactScope, _ g: String, _ year: Int, _ now: FindingFigure) {
        guard let (c, base) = figures.change(scope, g, "mean_criteria", year, from: now) else { return }
        let text = c.value >= 0 ? lang.text(.criteriaUpSince, mean(c.value), String(base))
                                : lang.text(.criteriaDownSince, mean(-c.value), String(base))
        s.add(text, illustrative: c.illustrative || now.illustrative)
    }

    /// New NTM communes of the year against the plan, the total with the units it is counted in, and new NTM nâng
    /// cao communes: only when the dataset states them or has recognition records.
    func recognitions(_ year: Int) -> FindingSentence? {
        guard let new = figures.figure(.province, province, "ntm_new", year) else { return nil }
        var s = FindingSentence(lang.text(phrase(new.value, .findingNewNTM, one: .findingNewNTMOne), String(year), count(new.value)), illustrative: new.illustrative)
        if let plan = figures.plan(.province, province, "ntm_new", year) {
            let c = FindingFigures.compare(new, plan)
            let clause: String = switch c.status {
            case .exceeded: lang.text(.newNTMAbovePlan, count(c.gap))
            case .met: lang.text(.newNTMAsPlanned)
            case .missed: lang.text(.newNTMBelowPlan, count(-c.gap))
            }
            s.add(clause, illustrative: new.illustrative)
        }
        addTotal(&s, year)
        if let adv = figures.figure(.province, province, "advanced_new", year), adv.value > 0 {
            s.add(lang.text(phrase(adv.value, .advancedNew, one: .advancedNewOne), count(adv.value)), illustrative: adv.illustrative)
        }
        return s
    }

    /// ", nâng tổng số xã đạt chuẩn lên 52 xã theo đơn vị hành chính sau sắp xếp (61 xã trước sắp xếp)": the units
    /// are named when the dataset states the total in named units or in two.
    func addTotal(_ s: inout FindingSentence, _ year: Int) {
        let before = figures.stated(.province, province, "ntm_total", year, units: .beforeMerger)
        guard let total = figures.figure(.province, province, "ntm_total", year) else {
            if let before { s.add(lang.text(.ntmTotalNowInUnits, count(before.value), CountUnits.beforeMerger.words(lang)), illustrative: false) }
            return
        }
        let units = total.fact.flatMap { CountUnits(unit: $0.unit) } ?? (before == nil ? nil : .afterMerger)
        if let units {
            s.add(lang.text(.ntmTotalNowInUnits, count(total.value), units.words(lang)), illustrative: total.illustrative)
        } else {
            s.add(lang.text(.ntmTotalNow, count(total.value)), illustrative: total.illustrative)
        }
        if let before, units != .beforeMerger {
            s.add(lang.text(.ntmTotalInOtherUnits, count(before.value), CountUnits.beforeMerger.words(lang)), illustrative: false)
        }
    }

    /// "Đến hết năm 2019, trong 181 xã có 52 xã đạt 19 tiêu chí, …": the bands with communes in them, most criteria first.
    func bands(_ year: Int) -> FindingSentence? {
        let recs = figures.analysis.records.filter {
            $0.scope == .province && $0.group == province && $0.metric == "band_count" && $0.period == .year(year) && $0.source == "computed"
        }
        let bands = recs.compactMap { r -> (CriteriaBand, ResultRecord)? in
            let ends = r.detail.split(separator: "-").compactMap { Int($0) }
            guard let low = ends.first, ends.count <= 2 else { return nil }
            return (CriteriaBand(low, ends.last!), r)
        }.sorted { $0.0.low > $1.0.low }
        let parts = bands.filter { $0.1.value > 0 }.map { b, r -> String in
            if b.low == b.high, b.low == NationalCriteria.count { return lang.text(.bandAllCriteria, count(r.value), String(b.low)) }
            if b.low == 0 { return lang.text(.bandUnder, count(r.value), String(b.high + 1)) }
            return lang.text(.bandRange, count(r.value), String(b.low), String(b.high))
        }
        guard !parts.isEmpty, let n = recs.first?.n else { return nil }
        return FindingSentence(lang.text(.bandsAtEndOfYear, String(year), count(Double(n))) + list(parts), illustrative: ds.manifest.synthetic)
    }

    /// Communes that lost at least one criterion they met the year before (none, or how many, to review).
    func lostCriteria(_ year: Int) -> FindingSentence? {
        guard let lost = figures.figure(.province, province, "lost_criteria_units", year), let base = lost.record?.baseYear else { return nil }
        if lost.value == 0 { return FindingSentence(lang.text(.noCommuneLostCriteria, String(base)), illustrative: lost.illustrative) }
        var s = FindingSentence(lang.text(phrase(lost.value, .communesLostCriteria, one: .communeLostCriteriaOne), count(lost.value), String(base)), illustrative: lost.illustrative)
        s.add(lang.text(.lostCriteriaNeedReview), illustrative: false)
        return s
    }

    /// The estimate for the last year after `last`: the mean, the NTM communes expected against the plan, and the
    /// recognised communes expected below 19 criteria.
    func estimate(after last: Int) -> FindingSentence? {
        guard let e = figures.years.last, e > last, let m = figures.figure(.province, province, "mean_criteria", e),
              m.kind == .estimate else { return nil }
        var s = FindingSentence(lang.text(.findingEstimatedMean, String(e), mean(m.value)), illustrative: m.illustrative)
        if let new = figures.figure(.province, province, "ntm_new", e), let total = figures.figure(.province, province, "ntm_total", e) {
            let ill = new.illustrative || total.illustrative
            s.add(lang.text(.expectedNewNTM, count(new.value), count(total.value)), illustrative: ill)
            if let plan = figures.plan(.province, province, "ntm_total", e) {
                let c = FindingFigures.compare(total, plan)
                let clause: String = switch c.status {
                case .exceeded: lang.text(.countAbovePlan, count(plan.value), count(c.gap))
                case .met: lang.text(.countAsPlanned, count(plan.value))
                case .missed: lang.text(.countBelowPlan, count(plan.value), count(-c.gap))
                }
                s.add(clause, illustrative: ill)
            }
        }
        if let below = figures.figure(.province, province, "below_standard_after_recognition", e), below.value > 0 {
            s.add(lang.text(phrase(below.value, .recognisedBelowStandard, one: .recognisedBelowStandardOne), count(below.value)), illustrative: below.illustrative)
        }
        return s
    }

    /// The capital need of the plan year and its share of direct state budget, as the dataset states them.
    func capitalNeed() -> FindingSentence? {
        guard let need = ds.facts.first(where: { $0.metric == "capital_need_total" && $0.kind == .plan && $0.scope == .province }),
              let direct = ds.facts.first(where: { $0.metric == "capital_state_budget_direct" && $0.period == need.period && $0.scope == .province && $0.kind == need.kind }),
              need.value > 0 else { return nil }
        let share = NumberFormat(lang, fractionDigits: 0...0, percent: true)(direct.value / need.value * 100)
        let money = NumberFormat(lang, fractionDigits: 0...1)
        return FindingSentence(lang.text(.findingCapitalNeed, String(need.year), money(need.value), money(direct.value), share), illustrative: false)
    }
}

extension String {
    var lowercasedFirst: String {
        guard let f = first else { return self }
        // Keep acronyms (ĐBKK) as they are: only a capital followed by a lower-case letter is lowered.
        if dropFirst().first?.isLowercase == true { return f.lowercased() + dropFirst() }
        return self
    }
}
