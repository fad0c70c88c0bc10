import AnnexAnalytics
import AnnexData

/// The key findings of a monthly or quarterly report, each naming its period: the mean criteria per commune at the
/// period's end (against the end of the year before and the same period a year before), communes recognised in the
/// months to date, capital disbursed to date against the plan to date (or the year's plan when it does not say how it
/// is spread) and a year before, and which figures are estimates. A sentence is written only when its figures exist;
/// figures computed from synthetic commune data, or stated by a source of made-up figures, are marked or left out as
/// the yearly findings' are (``IllustrativeFigures``).
enum PeriodFindings {
    static func sentences(_ ds: Dataset, _ a: Analysis, period p: Period, language lang: Language,
                          illustrative mode: IllustrativeFigures = .mark) -> [String] {
        let words = ReportPeriod(period: p).words(lang)
        let prior = p.advanced(by: -p.granularity.perYear)
        let f2 = NumberFormat(lang, fractionDigits: 2...2), f1 = NumberFormat(lang, fractionDigits: 1...1)
        let est = " " + lang.text(.estimateShort)
        func v(_ metric: String, _ q: Period, computed: Bool = true) -> ResultRecord? {
            a.find(scope: .province, group: "all", metric: metric, period: q)
                .filter { computed == ($0.source == "computed") }
                .min { ($0.kind == .actual ? 0 : 1) < ($1.kind == .actual ? 0 : 1) }
        }
        func mark(_ r: ResultRecord) -> String { r.kind == .estimate ? est : "" }
        /// Counts as the notices write them ("01 xã"), but none as 0, not "00".
        func count(_ x: Double) -> String { x == 0 ? "0" : NumberFormat.count(Int(x.rounded()), lang) }
        /// Computed from synthetic commune data, or stated by a source of made-up figures.
        func illustrative(_ r: ResultRecord) -> Bool {
            r.source == "computed" ? ds.manifest.synthetic
                : ds.facts.first { $0.id == r.source }.flatMap { ds.sources[$0.source]?.illustrative } ?? false
        }
        var out: [FindingSentence] = []
        var estimates = false
        if let m = v("mean_criteria", p) {
            var s = FindingSentence(lang.text(.findingPeriodMean, words["period_name"]!, f2(m.value) + mark(m)), illustrative: illustrative(m))
            if let c = v("mean_criteria_change_ytd", p), let base = c.basePeriod {
                s.add(lang.text(c.value >= 0 ? .periodUpSinceYearEnd : .periodDownSinceYearEnd, f2(abs(c.value)), String(base.year)), illustrative: illustrative(c))
            }
            if let before = v("mean_criteria", prior) {
                s.add(lang.text(.periodSameTimeLastYear, String(prior.year), f2(before.value) + mark(before)), illustrative: illustrative(before))
            }
            out.append(s)
            estimates = estimates || m.kind == .estimate
        }
        if !ds.recognitions.isEmpty, let new = v("ntm_new_ytd", p), let total = v("ntm_total", p) {
            var s = FindingSentence(new.value > 0
                ? lang.text(.findingPeriodRecognitions, words["To_date"]!, count(new.value) + mark(new), count(total.value) + mark(total))
                : lang.text(.findingPeriodNoRecognitions, words["To_date"]!, count(total.value) + mark(total)), illustrative: illustrative(new))
            if let before = v("ntm_new_ytd", prior) {
                s.add(lang.text(.periodSameTimeLastYear, String(prior.year), count(before.value) + mark(before)), illustrative: illustrative(before))
            }
            out.append(s)
            estimates = estimates || new.kind == .estimate || total.kind == .estimate
        }
        if let d = v("capital_disbursed_ytd", p, computed: false) {
            let head = lang.text(.findingPeriodDisbursed, words["to_date"]!, f1(d.value)) + mark(d)
            var s = FindingSentence(head.prefix(1).uppercased() + head.dropFirst(), illustrative: illustrative(d))
            if let plan = d.target, plan > 0 {
                s.add(lang.text(.ofPlanToDate, f1(d.value / plan * 100) + "%", f1(plan)), illustrative: illustrative(d))
            } else if let plan = ds.fact(group: "all", metric: "capital_disbursed", period: .year(p.year), kind: .plan), plan.value > 0 {
                // A plan of the year that does not say how it is spread: the share of the whole year's plan.
                s.add(lang.text(.ofYearPlan, f1(d.value / plan.value * 100) + "%", String(p.year), f1(plan.value)), illustrative: illustrative(d))
            }
            if let before = v("capital_disbursed_ytd", prior, computed: false) {
                s.add(lang.text(.disbursedSameTimeLastYear, String(prior.year), f1(before.value) + mark(before)), illustrative: illustrative(before))
            }
            out.append(s)
            estimates = estimates || d.kind == .estimate
        }
        var text = out.compactMap { $0.text(mode, lang) }
        if estimates, let last = DatasetPeriods.latest(ds, granularity: p.granularity) {
            text.append(lang.text(.periodEstimatesAfter, PeriodFormat(lang, style: .long).inSentence(last)))
        }
        return text
    }
}
