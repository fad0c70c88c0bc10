import AnnexAnalytics
import AnnexData

/// Key findings in the style of the notices ("bình quân 01 xã đạt 11,54 tiêu chí, tăng 1,5 tiêu chí so với năm
/// 2018; … vượt 0,2 tiêu chí so với kế hoạch"), generated from the analysis, in Vietnamese or English.
public enum Findings {
    public static func sentences(_ ds: Dataset, _ a: Analysis, language lang: Language) -> [String] {
        let vi = lang == .vi
        let f2 = NumberFormat(lang, fractionDigits: 0...2), f1 = NumberFormat(lang, fractionDigits: 0...2)
        /// Counts as the notices write them: "01 xã", "13 xã".
        func count(_ x: Double) -> String { let n = Int(x.rounded()); return vi && n >= 0 && n < 10 ? "0\(n)" : String(n) }
        func v(_ s: FactScope, _ g: String, _ m: String, _ y: Int, _ d: String = "") -> ResultRecord? { a.value(scope: s, group: g, metric: m, year: y, detail: d) }
        /// ", tăng 1,5 tiêu chí so với năm 2018" (or "giảm" when it fell), from the change's own base year.
        func change(_ c: ResultRecord) -> String {
            let base = c.baseYear.map(String.init) ?? ""
            if c.value >= 0 { return vi ? ", tăng \(f1(c.value)) tiêu chí so với năm \(base)" : ", \(f1(c.value)) more than in \(base)" }
            return vi ? ", giảm \(f1(-c.value)) tiêu chí so với năm \(base)" : ", \(f1(-c.value)) fewer than in \(base)"
        }
        let years = ds.manifest.periods
        guard let last = years.last(where: { v(.province, "all", "mean_criteria", $0)?.kind == .actual }) else { return [] }
        let prev = years.last { $0 < last }
        var out: [String] = []

        if let m = v(.province, "all", "mean_criteria", last) {
            var s = vi ? "Năm \(last), bình quân 01 xã đạt \(f2(m.value)) tiêu chí" : "In \(last) a commune met \(f2(m.value)) criteria on average"
            if prev != nil, let c = v(.province, "all", "mean_criteria_change", last) { s += change(c) }
            out.append(s + ".")
        }
        for g in ds.groupOrder where ds.groups[g]?.membership == .listed {
            guard let m = v(.group, g, "mean_criteria", last), let status = m.status, let gap = m.gap, let target = m.target else { continue }
            let name = ds.groups[g]!.name(lang)
            let size = count(Double(m.n ?? 0))
            var s = vi ? "\(size) \(name.lowercasedFirst) đạt bình quân \(f2(m.value)) tiêu chí/xã" : "The \(size) \(name.lowercasedFirst) met \(f2(m.value)) criteria on average"
            if name.hasPrefix("0") || name.first?.isNumber == true { s = vi ? "\(name) đạt bình quân \(f2(m.value)) tiêu chí/xã" : "The \(name.lowercasedFirst) met \(f2(m.value)) criteria on average" }
            if prev != nil, let c = v(.group, g, "mean_criteria_change", last) { s += change(c) }
            switch status {
            case .exceeded: s += vi ? ", vượt \(f1(gap)) tiêu chí so với kế hoạch" : ", \(f1(gap)) above the plan of \(f2(target))"
            case .met: s += vi ? ", đạt kế hoạch" : ", meeting the plan of \(f2(target))"
            case .missed: s += vi ? ", thấp hơn kế hoạch \(f1(-gap)) tiêu chí" : ", \(f1(-gap)) below the plan of \(f2(target))"
            }
            out.append(s + ".")
        }
        // Recognitions are stated only when the dataset has recognition records (an imported workbook of criteria
        // has none: "00 xã … nâng tổng số lên 00 xã" would be a figure nobody gave).
        let hasRecognitions = !ds.recognitions.isEmpty
        if hasRecognitions, let new = v(.province, "all", "ntm_new", last), let total = v(.province, "all", "ntm_total", last) {
            var s = vi ? "Toàn tỉnh có thêm \(count(new.value)) xã được công nhận đạt chuẩn nông thôn mới" : "\(count(new.value)) more communes were recognised as meeting the NTM standard"
            if let st = new.status, let gap = new.gap {
                switch st {
                case .exceeded: s += vi ? " (vượt kế hoạch \(count(gap)) xã)" : " (\(count(gap)) more than planned)"
                case .met: s += vi ? " (đạt kế hoạch)" : " (as planned)"
                case .missed: s += vi ? " (thấp hơn kế hoạch \(count(-gap)) xã)" : " (\(count(-gap)) fewer than planned)"
                }
            }
            s += vi ? ", nâng tổng số xã đạt chuẩn lên \(count(total.value)) xã" : ", \(count(total.value)) in all"
            if let adv = v(.province, "all", "advanced_new", last), adv.value > 0 {
                s += vi ? "; có \(count(adv.value)) xã được công nhận đạt chuẩn nông thôn mới nâng cao" : "; \(count(adv.value)) reached the advanced (nâng cao) standard"
            }
            out.append(s + ".")
        }
        let bands = CriteriaBand.standard.reversed().compactMap { b in v(.province, "all", "band_count", last, b.label).map { (b, $0.value) } }
        if bands.count == 5 {
            let parts = bands.map { b, n -> String in
                if b.low == b.high { return vi ? "\(count(n)) xã đạt \(b.low) tiêu chí" : "\(count(n)) met all \(b.low)" }
                if b.low == 0 { return vi ? "\(count(n)) xã đạt dưới \(b.high + 1) tiêu chí" : "\(count(n)) met fewer than \(b.high + 1)" }
                return vi ? "\(count(n)) xã đạt \(b.low)–\(b.high) tiêu chí" : "\(count(n)) met \(b.low)–\(b.high)"
            }
            out.append((vi ? "Đến hết năm \(last): " : "At the end of \(last): ") + parts.joined(separator: ", ") + ".")
        }
        if let lost = v(.province, "all", "lost_criteria_units", last), let p = prev {
            if lost.value == 0 {
                out.append(vi ? "Không có xã nào bị giảm tiêu chí so với năm \(p)." : "No commune lost a criterion it met in \(p).")
            } else {
                out.append(vi ? "Có \(count(lost.value)) xã bị giảm tiêu chí so với năm \(p), cần rà soát, củng cố."
                              : "\(count(lost.value)) communes lost at least one criterion they met in \(p) and need review.")
            }
        }
        if let e = years.last, e > last, let m = v(.province, "all", "mean_criteria", e), m.kind == .estimate {
            var s = vi ? "Ước năm \(e), bình quân 01 xã đạt \(f2(m.value)) tiêu chí" : "For \(e) an average of \(f2(m.value)) criteria per commune is estimated"
            if hasRecognitions, let new = v(.province, "all", "ntm_new", e), let total = v(.province, "all", "ntm_total", e) {
                s += vi ? "; dự kiến có thêm \(count(new.value)) xã đạt chuẩn, nâng tổng số lên \(count(total.value)) xã" : "; \(count(new.value)) more NTM communes are expected, \(count(total.value)) in all"
                if let st = total.status, let t = total.target {
                    s += vi ? " (kế hoạch \(count(t)) xã: \(st.label(vietnamese: true)))" : " (plan \(count(t)): \(st.label(vietnamese: false)))"
                }
            }
            if let below = v(.province, "all", "below_standard_after_recognition", e), below.value > 0 {
                s += vi ? "; \(count(below.value)) xã đã đạt chuẩn nhưng chưa duy trì đủ 19 tiêu chí" : "; \(count(below.value)) recognised communes are expected below 19 criteria"
            }
            out.append(s + ".")
        }
        if let need = ds.facts.first(where: { $0.metric == "capital_need_total" && $0.kind == .plan && $0.scope == .province }),
           let direct = ds.facts.first(where: { $0.metric == "capital_state_budget_direct" && $0.year == need.year && $0.scope == .province && $0.kind == need.kind }),
           need.value > 0 {
            let share = NumberFormat(lang, fractionDigits: 0...0, percent: true)(direct.value / need.value * 100)
            let money = NumberFormat(lang, fractionDigits: 0...1)
            out.append(vi ? "Tổng nhu cầu vốn năm \(need.year) ước khoảng \(money(need.value)) tỷ đồng, trong đó ngân sách đầu tư trực tiếp \(money(direct.value)) tỷ đồng (\(share))."
                          : "The \(need.year) capital need is about \(money(need.value)) billion VND, of which \(money(direct.value)) billion (\(share)) is direct state budget.")
        }
        if ds.manifest.synthetic {
            out.append(vi ? "(Số liệu cấp xã trong phụ lục là số liệu minh họa, được hiệu chỉnh theo các số liệu tổng hợp của thông báo.)"
                          : "(Commune-level figures in this annex are illustrative, calibrated to the notices' aggregates.)")
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
