import AnnexAnalytics
import AnnexData

/// Key findings in the style of the notices ("bình quân 01 xã đạt 11,54 tiêu chí, tăng 1,5 tiêu chí so với năm
/// 2018; … vượt 0,2 tiêu chí so với kế hoạch"), generated from the analysis, in Vietnamese or English.
public enum Findings {
    /// The key findings of dataset `ds` and its analysis `a` in `lang`, one sentence each, in the notices' order:
    /// the province's mean criteria per commune in the last year with an actual figure, each listed group's mean
    /// against its plan, new NTM recognitions, communes by number of criteria met, communes that lost criteria, the
    /// estimate for a later year, the capital need, and a remark when commune data are illustrative. A finding the
    /// dataset has no figures for is left out; none at all when no year has an actual province mean.
    public static func sentences(_ ds: Dataset, _ a: Analysis, language lang: Language) -> [String] {
        let f2 = NumberFormat(lang, fractionDigits: 0...2), f1 = NumberFormat(lang, fractionDigits: 0...2)
        /// Counts as the notices write them: "01 xã", "13 xã".
        func count(_ x: Double) -> String { NumberFormat.count(Int(x.rounded()), lang) }
        func v(_ s: FactScope, _ g: String, _ m: String, _ y: Int, _ d: String = "") -> ResultRecord? { a.value(scope: s, group: g, metric: m, year: y, detail: d) }
        /// ", tăng 1,5 tiêu chí so với năm 2018" (or "giảm" when it fell), from the change's own base year.
        func change(_ c: ResultRecord) -> String {
            let base = c.baseYear.map(String.init) ?? ""
            if c.value >= 0 { return lang.text(.criteriaUpSince, f1(c.value), base) }
            return lang.text(.criteriaDownSince, f1(-c.value), base)
        }
        let years = ds.manifest.years
        guard let last = years.last(where: { v(.province, "all", "mean_criteria", $0)?.kind == .actual }) else { return [] }
        let prev = years.last { $0 < last }
        var out: [String] = []

        if let m = v(.province, "all", "mean_criteria", last) {
            var s = lang.text(.findingProvinceMean, String(last), f2(m.value))
            if prev != nil, let c = v(.province, "all", "mean_criteria_change", last) { s += change(c) }
            out.append(s + ".")
        }
        for g in ds.groupOrder where ds.groups[g]?.membership == .listed {
            guard let m = v(.group, g, "mean_criteria", last), let status = m.status, let gap = m.gap, let target = m.target else { continue }
            let name = ds.groups[g]!.name(lang)
            let size = count(Double(m.n ?? 0))
            // A name that starts with its count ("05 xã …") is not given another.
            var s = name.first?.isNumber == true ? lang.text(.findingNumberedGroupMean, name.lowercasedFirst, f2(m.value))
                                                 : lang.text(.findingGroupMean, size, name.lowercasedFirst, f2(m.value))
            if prev != nil, let c = v(.group, g, "mean_criteria_change", last) { s += change(c) }
            switch status {
            case .exceeded: s += lang.text(.criteriaAbovePlan, f1(gap), f2(target))
            case .met: s += lang.text(.criteriaAsPlanned, f2(target))
            case .missed: s += lang.text(.criteriaBelowPlan, f1(-gap), f2(target))
            }
            out.append(s + ".")
        }
        // Recognitions are stated only when the dataset has recognition records (an imported workbook of criteria
        // has none: "00 xã … nâng tổng số lên 00 xã" would be a figure nobody gave).
        let hasRecognitions = !ds.recognitions.isEmpty
        if hasRecognitions, let new = v(.province, "all", "ntm_new", last), let total = v(.province, "all", "ntm_total", last) {
            var s = lang.text(.findingNewNTM, count(new.value))
            if let st = new.status, let gap = new.gap {
                switch st {
                case .exceeded: s += lang.text(.newNTMAbovePlan, count(gap))
                case .met: s += lang.text(.newNTMAsPlanned)
                case .missed: s += lang.text(.newNTMBelowPlan, count(-gap))
                }
            }
            s += lang.text(.ntmTotalNow, count(total.value))
            if let adv = v(.province, "all", "advanced_new", last), adv.value > 0 {
                s += lang.text(.advancedNew, count(adv.value))
            }
            out.append(s + ".")
        }
        let bands = CriteriaBand.standard.reversed().compactMap { b in v(.province, "all", "band_count", last, b.label).map { (b, $0.value) } }
        if bands.count == 5 {
            let parts = bands.map { b, n -> String in
                if b.low == b.high { return lang.text(.bandAllCriteria, count(n), String(b.low)) }
                if b.low == 0 { return lang.text(.bandUnder, count(n), String(b.high + 1)) }
                return lang.text(.bandRange, count(n), String(b.low), String(b.high))
            }
            out.append(lang.text(.atEndOfYear, String(last)) + parts.joined(separator: ", ") + ".")
        }
        if let lost = v(.province, "all", "lost_criteria_units", last), let p = prev {
            if lost.value == 0 {
                out.append(lang.text(.noCommuneLostCriteria, String(p)))
            } else {
                out.append(lang.text(.communesLostCriteria, count(lost.value), String(p)))
            }
        }
        if let e = years.last, e > last, let m = v(.province, "all", "mean_criteria", e), m.kind == .estimate {
            var s = lang.text(.findingEstimatedMean, String(e), f2(m.value))
            if hasRecognitions, let new = v(.province, "all", "ntm_new", e), let total = v(.province, "all", "ntm_total", e) {
                s += lang.text(.expectedNewNTM, count(new.value), count(total.value))
                if let st = total.status, let t = total.target {
                    s += lang.text(.againstPlanOf, count(t), st.label(lang))
                }
            }
            if let below = v(.province, "all", "below_standard_after_recognition", e), below.value > 0 {
                s += lang.text(.recognisedBelowStandard, count(below.value))
            }
            out.append(s + ".")
        }
        if let need = ds.facts.first(where: { $0.metric == "capital_need_total" && $0.kind == .plan && $0.scope == .province }),
           let direct = ds.facts.first(where: { $0.metric == "capital_state_budget_direct" && $0.year == need.year && $0.scope == .province && $0.kind == need.kind }),
           need.value > 0 {
            let share = NumberFormat(lang, fractionDigits: 0...0, percent: true)(direct.value / need.value * 100)
            let money = NumberFormat(lang, fractionDigits: 0...1)
            out.append(lang.text(.findingCapitalNeed, String(need.year), money(need.value), money(direct.value), share))
        }
        if ds.manifest.synthetic {
            out.append(lang.text(.findingIllustrativeCommuneData))
        }
        return out
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
