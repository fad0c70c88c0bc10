import AnnexIO
import AnnexAnalytics
import AnnexCharts
import AnnexChartSpec
import AnnexData
import AnnexSpec
import AnnexRender
import AnnexScene
import Foundation
import Yams

/// A report spec (see docs/report-spec.md): the annex's titles, its dataset, languages, formats, slides and an
/// ordered list of figures, tables and the key findings.
public struct ReportSpec: @unchecked Sendable {
    var file: String
    var text: String
    var root: SpecNode
    var baseFolder: String
    var datasetPath: String
    var languages: [Language]
    var formats: [OutputFormat]
    /// `documents:`: which whole documents each language gets (default all three: the PDF annex, its Word version
    /// and the slide deck).
    var documents: [ReportDocument] = ReportDocument.allCases
    var slides: [Int]
    var date: String
    /// `each:`: one annex per district or province (a partitioned run); nil for one annex.
    var each: PartitionLevel?
    /// Words put in for `{name}` in every text of the spec (`district`, `region`) in a partitioned run.
    var placeholders: [String: String] = [:]
    /// The period of a monthly or quarterly report: `--period`, else the spec's `period:` (`2020-06`, `latest`); nil
    /// for a report of the dataset's years. Its words fill `{period}`, `{to_date}` … (``ReportPeriod``).
    var periodRequest: String?
    /// Figures of type `map` are left out (a district's annex: its dataset has no boundaries); their numbers
    /// are not given to other figures.
    var leavesOutMaps = false
    /// How `annex.pdf` is laid out (`layout:`): `decree30` unless the spec says `classic`.
    var layout: AnnexLayout = .decree30

    static let keys = ["title", "subtitle", "date", "author", "dataset", "languages", "formats", "documents", "slides", "items", "each", "annex",
                       "period", "layout"]

    /// Reads and checks the report spec at `path`: its keys, its dataset folder (which must hold a
    /// `manifest.yaml`), languages, formats, slides, date and items, figure and table numbers used once each.
    /// The charts and tables are built for each language when the report runs. Every problem is located.
    public static func load(path: String) throws(SpecError) -> ReportSpec {
        let data: Data
        switch InputFile.read(path) {
        case .success(let d): data = d
        case .failure(let p): throw SpecError(SourceLocation(file: path), "a readable report spec", p.found)
        }
        guard let text = String(data: data, encoding: .utf8) else { throw SpecError(SourceLocation(file: path), "UTF-8 text", "bytes that are not UTF-8") }
        do { return try parse(text, file: path) } catch let e as SpecError { throw e } catch {
            throw SpecError(SourceLocation(file: path), "a report spec", "\(error)")
        }
    }

    static func parse(_ text: String, file: String) throws -> ReportSpec {
        let root = try SpecNode.parse(text, file: file)
        try root.onlyKeys(keys)
        let base = (file as NSString).deletingLastPathComponent
        let dn = try root.require("dataset")
        let rel = try dn.text()
        let dataset = rel.hasPrefix("/") ? rel : (base as NSString).appendingPathComponent(rel)
        var each: PartitionLevel? = nil
        if let en = root.child("each") {
            let s = (try? en.text()) ?? en.describe
            guard let level = PartitionLevel(rawValue: s) else {
                let options = PartitionLevel.allCases.map(\.rawValue)
                let hint = Spelling.nearest(to: s.lowercased(), in: options).map { "; did you mean '\($0)'?" } ?? ""
                throw SpecError(en.location, "one of " + options.joined(separator: ", ") + hint, s)
            }
            each = level
        }
        // A province partition may name a folder of datasets, one per province.
        if each != .province || FileManager.default.fileExists(atPath: (dataset as NSString).appendingPathComponent("manifest.yaml")) {
            try checkDatasetFolder(dataset, dn, rel)
        } else if (try? Partition.provinces(in: dataset)) == nil {
            throw SpecError(dn.location, "a dataset folder, or a folder of datasets (each with a manifest.yaml)", rel)
        }
        return try parseRest(root, file: file, text: text, base: base, dataset: dataset, each: each)
    }

    static func checkDatasetFolder(_ dataset: String, _ dn: SpecNode, _ rel: String) throws {
        guard FileManager.default.fileExists(atPath: (dataset as NSString).appendingPathComponent("manifest.yaml")) else {
            throw SpecError(dn.location, "a dataset folder (with a manifest.yaml)", rel)
        }
    }

    static func parseRest(_ root: SpecNode, file: String, text: String, base: String, dataset: String, each: PartitionLevel?) throws -> ReportSpec {
        var langs: [Language] = []
        for s in try root.child("languages")?.texts() ?? ["vi"] {
            guard let l = Language(rawValue: s) else { throw SpecError(root.child("languages")!.location, Language.codeList, s) }
            if !langs.contains(l) { langs.append(l) }
        }
        if langs.isEmpty { throw SpecError(root.child("languages")!.location, "at least one language (\(Language.allCases.map(\.rawValue).joined(separator: ", ")))", "an empty list") }
        let formats = try root.child("formats")?.texts().map { s -> OutputFormat in
            guard let f = OutputFormat(rawValue: s) else { throw SpecError(root.child("formats")!.location, "png, svg or pdf", s) }
            return f
        } ?? OutputFormat.allCases
        let documents = try root.child("documents")?.texts().map { s -> ReportDocument in
            guard let d = ReportDocument(rawValue: s) else {
                let options = ReportDocument.allCases.map(\.rawValue)
                let hint = Spelling.nearest(to: s.lowercased(), in: options).map { "; did you mean '\($0)'?" } ?? ""
                throw SpecError(root.child("documents")!.location, "one of " + options.joined(separator: ", ") + hint, s)
            }
            return d
        } ?? ReportDocument.allCases
        let slides = try root.child("slides")?.list().map { try $0.int(1...999) } ?? []
        let date = try root.child("date")?.text() ?? "2020-01-01"
        guard DatasetChecks.isISODate(date) else { throw SpecError(root.child("date")!.location, "a date as YYYY-MM-DD", date) }
        let items = try root.require("items").list()
        guard !items.isEmpty else { throw SpecError(root.child("items")!.location, "at least one item", "none") }
        // Numbers: figures and tables count separately; an explicit number must not repeat.
        var figs: [Int: SpecNode] = [:], tabs: [Int: SpecNode] = [:]
        var nf = 0, nt = 0
        for item in items {
            try item.onlyKeys(["figure", "table", "findings"])
            let kinds = ["figure", "table", "findings"].filter { item.child($0) != nil }
            guard kinds.count == 1 else { throw SpecError(item.location, "one of figure, table or findings", kinds.joined(separator: " and ")) }
            if let f = item.child("findings") { _ = try Findings.illustrativeOption(f) }
            for k in ["figure", "table"] {
                guard let n = item.child(k) else { continue }
                var num = (k == "figure" ? nf : nt) + 1
                if let explicit = n.child("number") { num = try explicit.int(1...999) }
                if k == "figure" { nf = num } else { nt = num }
                if let first = (k == "figure" ? figs[num] : tabs[num]) {
                    throw SpecError(n.child("number")?.location ?? n.location, "a \(k) number not used before (\(first.path) has \(num))", String(num))
                }
                if k == "figure" { figs[num] = n } else { tabs[num] = n }
            }
        }
        for s in slides where figs[s] == nil {
            throw SpecError(root.child("slides")!.location, "numbers of figures of the report (\(figs.keys.sorted().map(String.init).joined(separator: ", ")))", String(s))
        }
        var spec = ReportSpec(file: file, text: text, root: root, baseFolder: base, datasetPath: dataset, languages: langs,
                              formats: formats, documents: documents, slides: slides, date: date, each: each)
        spec.periodRequest = try root.child("period")?.text()
        if let l = root.child("layout") { spec.layout = AnnexLayout(rawValue: try l.oneOf(AnnexLayout.allCases.map(\.rawValue)))! }
        return spec
    }

    /// The spec with `{district}`, `{region}` and the other placeholders put into every text (titles, captions,
    /// notes, headers): a partitioned run's spec for one unit.
    func substituted() -> ReportSpec {
        guard !placeholders.isEmpty else { return self }
        var copy = self
        copy.root = SpecNode(node: Self.substitute(root.node, placeholders), path: root.path, file: root.file, lang: root.lang)
        return copy
    }

    static func substitute(_ node: Node, _ words: [String: String]) -> Node {
        switch node {
        case .scalar(var s):
            guard s.string.contains("{") else { return node }
            for (k, v) in words { s.string = s.string.replacingOccurrences(of: "{\(k)}", with: v) }
            s.tag = node.scalar!.tag
            return .scalar(s)
        case .mapping(let m):
            // Keys too: a label map may be keyed by a placeholder (`labels: { "{period}": "{to_date}" }`).
            return .mapping(Node.Mapping(m.map { (substitute($0.key, words), substitute($0.value, words)) }, m.tag, m.style, m.mark))
        case .sequence(let q):
            return .sequence(Node.Sequence(q.map { substitute($0, words) }, q.tag, q.style, q.mark))
        }
    }

    /// The report's period, resolved against its dataset; nil for a report of years. A spec whose texts use a
    /// period's placeholders (`{period}` …) without a period is refused: they would be printed as they are.
    func resolvePeriod(_ root: SpecNode, _ ctx: SpecContext) throws -> ReportPeriod? {
        guard let request = periodRequest else {
            if let used = ReportPeriod.placeholders.first(where: { text.contains("{\($0)}") }) {
                throw SpecError(SourceLocation(file: file), "a period for '{\(used)}': --period 2020-06 (or latest), or 'period:' in the spec", "none")
            }
            return nil
        }
        let (ds, analysis) = try ctx.cache.get(datasetPath, root)
        let at = root.child("period")?.location ?? SourceLocation(file: file, column: "--period")
        return try ReportPeriod.resolve(request, ds, analysis: analysis, at: at)
    }

    /// The charts, tables and findings of one language.
    func build(language lang: Language) throws -> BuiltReport {
        var root = self.root
        root.lang = lang
        let ctx = SpecContext(language: lang, datasetPath: datasetPath)
        ctx.extraKeys = ["number"]
        let period = try resolvePeriod(root, ctx)
        if let period {
            root = SpecNode(node: Self.substitute(root.node, period.words(lang)), path: root.path, file: root.file, lang: lang)
        }
        var figures: [BuiltReport.Figure] = [], tables: [(Int, TableContent)] = [], order: [BuiltReport.Item] = []
        var nf = 0, nt = 0
        var findingsMode = IllustrativeFigures.mark
        // Every item's problems in one run, not the first item's only.
        var problems: [DataIssue] = []
        for item in try root.require("items").list() {
            do {
                if let f = item.child("figure") {
                    nf = try f.child("number")?.int(1...999) ?? nf + 1
                    if leavesOutMaps, f.child("type")?.string == "map" { continue }
                    ctx.figureNumber = nf
                    let cs = try ChartSpec.build(f, baseFolder: baseFolder, context: ctx)
                    figures.append(BuiltReport.Figure(number: nf, chart: cs.chart, pngScale: cs.pngScale)); order.append(.figure(nf))
                } else if let t = item.child("table") {
                    nt = try t.child("number")?.int(1...999) ?? nt + 1
                    tables.append((nt, try TableSpec.build(t, number: nt, baseFolder: baseFolder, context: ctx, language: lang))); order.append(.table(nt))
                } else {
                    findingsMode = try Findings.illustrativeOption(try item.require("findings"))
                    order.append(.findings)
                }
            } catch let e as SpecError { problems += e.issues }
        }
        if !problems.isEmpty { throw SpecError(problems) }
        let (ds, analysis) = try ctx.cache.get(datasetPath, root)
        // `{region}` in the title and subtitle: the dataset's region, for a spec that serves any province.
        let region = ds.manifest.regionName
        let title = try root.require("title").text().replacingOccurrences(of: "{region}", with: region)
        let subtitle = try root.child("subtitle")?.text().replacingOccurrences(of: "{region}", with: region)
        var built = BuiltReport(title: title, shortTitle: title, subtitle: subtitle, author: try root.child("author")?.text() ?? "Annex",
                           date: date, language: lang, figures: figures, tables: tables, order: order,
                           findings: (period.map { PeriodFindings.sentences(ds, analysis, period: $0.period, language: lang, illustrative: findingsMode) } ?? [])
                               + Findings.sentences(ds, analysis, language: lang, illustrative: findingsMode), dataset: ds,
                           inputs: ctx.inputs.filter { $0 != datasetPath }.sorted())
        built.warnings = ctx.warnings
        built.period = period?.period
        built.frontMatter = try FrontMatter.read(root.child("annex"), language: lang)
        built.layout = layout
        return built
    }
}

/// A whole document a report run writes per language (spec key `documents:`).
enum ReportDocument: String, CaseIterable, Sendable {
    /// `annex.pdf`: the annex laid out on A4 pages.
    case pdf
    /// `annex.docx`: the annex as an editable Word document (native tables, figures, captions, contents).
    case docx
    /// `slides.pptx`: one 16:9 slide per key figure.
    case pptx
}

/// A report of one language, ready to draw.
struct BuiltReport: @unchecked Sendable {
    enum Item { case figure(Int), table(Int), findings }
    struct Figure { var number: Int; var chart: any ChartDescription; var pngScale: Double }
    var title: String
    var shortTitle: String
    var subtitle: String?
    var author: String
    var date: String
    var language: Language
    var figures: [Figure]
    var tables: [(Int, TableContent)]
    var order: [Item]
    /// What the specs' inputs tolerated (boundary rings dropped or crossing), printed as warnings by the run.
    var warnings: [DataIssue] = []
    var findings: [String]
    var dataset: Dataset
    /// Files and folders read besides the spec and its dataset.
    var inputs: [String]
    /// The annex's heading and the line naming the report it is attached to (spec block `annex:`).
    var frontMatter = FrontMatter()
    /// The period of a monthly or quarterly report; nil for a report of years.
    var period: Period? = nil
    /// How `annex.pdf` is laid out.
    var layout: AnnexLayout = .decree30

    func metadata(_ title: String) -> DocumentMetadata {
        DocumentMetadata(title: title, description: self.title, author: author, creator: "Annex \(ReportRunner.toolVersion)",
                         keywords: ["nông thôn mới", "NTM", dataset.manifest.regionName], created: date + "T00:00:00", language: language.rawValue)
    }
}

/// How `annex.pdf` is laid out (a report spec's `layout:`).
enum AnnexLayout: String, CaseIterable, Sendable {
    /// As a Vietnamese office files an annex (Decree 30/2020/NĐ-CP): A4 with margins of 20 mm top and bottom, 30 mm
    /// left and 15 mm right, Liberation Serif at 13 pt, `PHỤ LỤC` and the line naming the report it accompanies,
    /// contents with dot leaders, figures and tables flowing one after another at the text's width, page numbers
    /// centred in the top margin from page 2.
    case decree30
    /// The earlier look: DejaVu Sans, a title page with contents, figures two to a page in a frame, each table and
    /// the findings on pages of their own, page numbers at the foot.
    case classic
}
