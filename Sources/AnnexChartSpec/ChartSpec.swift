// A chart spec in three steps: the spec text is parsed into a typed model without reading any file
// (`ChartModel`), the model's data are loaded (`DataTable.load`: inline values, a CSV file or a dataset's
// analysis), and the chart kind named by `type` (a `ChartKind` of the registry) builds the chart description.
import AnnexCharts
import AnnexData
import AnnexIO
import AnnexLocale
import AnnexScene
import AnnexSpec
import Foundation

/// A chart described in a YAML file (see docs/chart-spec.md): data, encodings, mark options, words, theme, size.
public struct ChartSpec {
    /// The chart the spec describes, ready to become a scene.
    public var chart: any ChartDescription
    /// PNG pixel density implied by a print size (`dpi` / 96), else 1.
    public var pngScale: Double
    /// The spec's file.
    public var file: String
    /// What the inputs let pass and a person should know (sliver rings dropped from a boundary file, a ring that
    /// crosses itself), printed as warnings by a run.
    public var warnings: [DataIssue] = []

    /// Reads and checks a spec file; every problem names the file, the line and the key.
    public static func load(path: String) throws(SpecError) -> ChartSpec {
        do { return try loadUntyped(path: path) } catch let e as SpecError { throw e } catch {
            throw SpecError(SourceLocation(file: path), "a chart spec", "\(error)")
        }
    }

    static func loadUntyped(path: String) throws -> ChartSpec {
        let data: Data
        switch InputFile.read(path) {
        case .success(let d): data = d
        case .failure(let p): throw SpecError(SourceLocation(file: path), "a readable chart spec", p.found)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw SpecError(SourceLocation(file: path), "UTF-8 text", "bytes that are not UTF-8")
        }
        return try parseUntyped(text, file: path, baseFolder: (path as NSString).deletingLastPathComponent)
    }

    /// Builds the chart of spec `text`; relative paths in it are relative to `baseFolder`.
    public static func parse(_ text: String, file: String, baseFolder: String) throws(SpecError) -> ChartSpec {
        do { return try parseUntyped(text, file: file, baseFolder: baseFolder) } catch let e as SpecError { throw e } catch {
            throw SpecError(SourceLocation(file: file), "a chart spec", "\(error)")
        }
    }

    static func parseUntyped(_ text: String, file: String, baseFolder: String) throws -> ChartSpec {
        try build(try SpecNode.parse(text, file: file), baseFolder: baseFolder, context: SpecContext())
    }

    /// Builds the chart of a spec mapping; a report passes its language, dataset and cache in `context`.
    package static func build(_ root: SpecNode, baseFolder: String, context: SpecContext) throws -> ChartSpec {
        let model = try ChartModel.parse(root, context: context)
        let table = try DataTable.load(model.data, language: model.language, baseFolder: baseFolder, context: context)
        var chart = try model.kind.build(ChartInput(model: model, table: table, baseFolder: baseFolder, context: context))
        if let style = model.style {
            // A colour for a series or category the chart does not have is a misspelling, not a colour unused.
            let issues = style.unmatchedColors(among: model.kind.colorKeys(of: chart))
            if !issues.isEmpty { throw SpecError(issues) }
        }
        if let (pins, node) = model.pins {
            guard let pinned = model.kind.pinned(chart, pins) else {
                throw SpecError(node.location, "no layout block: a fixed layout is for " + ChartKinds.pinnableList + " charts", model.kind.name)
            }
            chart = pinned
        }
        var spec = ChartSpec(chart: chart, pngScale: model.pngScale, file: root.file)
        spec.warnings = context.warnings
        return spec
    }
}

/// A chart spec read into typed values, before any data are loaded: the kind, language, theme (with its style),
/// canvas, words and the data request. Parsing reads no file.
package struct ChartModel {
    package var root: SpecNode
    package var kind: any ChartKind.Type
    package var language: Language
    package var theme: Theme
    package var style: ChartStyle?
    package var width: Double
    package var height: Double
    package var pngScale: Double
    package var figureLabel: String?
    package var title: String
    package var subtitle: String?
    package var notes: [String]
    package var source: String?
    package var illustrative: Bool?
    package var data: SpecNode
    package var encoding: SpecNode
    package var pins: (ChartPins, SpecNode)?

    static let commonKeys = ["type", "lang", "theme", "size", "figure", "title", "subtitle", "notes", "source", "illustrative",
                             "data", "encoding", "layout", "style"]
    static let sizeKeys = ["width", "height", "width_mm", "height_mm", "dpi"]

    /// Reads the spec's keys: misspelt keys anywhere in its blocks are reported all at once, before any is read.
    package static func parse(_ rootIn: SpecNode, context: SpecContext) throws -> ChartModel {
        var root = rootIn
        try root.onlyKeys(commonKeys + ChartKinds.all.map { $0.name } + context.extraKeys)
        let keyIssues = ([("size", sizeKeys), ("data", DataTable.keys), ("encoding", Encoding.channels)] + ChartKinds.all.map { ($0.name, $0.optionKeys) })
            .flatMap { key, known in root.child(key)?.unknownKeys(known) ?? [] }
        if !keyIssues.isEmpty { throw SpecError(keyIssues) }
        let kind = ChartKinds.named(try root.require("type").oneOf(ChartKinds.all.map { $0.name }))!
        let lang = try context.language ?? root.child("lang").map { Language(rawValue: try $0.oneOf(["vi", "en"]))! } ?? .vi
        root.lang = lang
        var theme = Theme.report
        if let t = root.child("theme") { theme = Theme.named(try t.oneOf(Theme.all.map(\.name)))! }
        let style = try root.child("style").map { try ChartStyle.read($0, over: theme) }
        if let style { theme = style.applied(to: theme) }
        let (width, height, scale) = try canvas(root.child("size"), theme: theme)
        var figureLabel: String? = context.figureNumber.map { lang.text(.figureLabel, String($0)) }
        if context.figureNumber == nil, let f = root.child("figure") {
            figureLabel = try Int(f.string ?? "").map { lang.text(.figureLabel, String($0)) } ?? f.text()
        }
        let encoding = try root.require("encoding")
        try encoding.onlyKeys(Encoding.channels)
        // A channel of another kind (a heat map's `row` on a bar chart) would be read by nobody: refused.
        for (key, node) in try encoding.entries() where !kind.channels.contains(key) {
            throw SpecError(encoding.child(key)?.location ?? node.location, "a channel of a \(kind.name) chart (" + kind.channels.joined(separator: ", ") + ")", key)
        }
        var pins: (ChartPins, SpecNode)? = nil
        if let ln = root.child("layout") {
            guard ChartKinds.pinnable.contains(kind.name) else {
                throw SpecError(ln.location, "no layout block: a fixed layout is for " + ChartKinds.pinnableList + " charts", kind.name)
            }
            pins = (try PinsReader.read(ln, type: kind.name), ln)
        }
        return ChartModel(root: root, kind: kind, language: lang, theme: theme, style: style, width: width, height: height, pngScale: scale,
                          figureLabel: figureLabel, title: try root.child("title")?.text() ?? "", subtitle: try root.child("subtitle")?.text(),
                          notes: try root.child("notes")?.texts() ?? [], source: try root.child("source")?.text(),
                          illustrative: try root.child("illustrative")?.bool(), data: try root.require("data"), encoding: encoding, pins: pins)
    }

    /// The canvas: the theme's nominal size, `width`/`height` in px, or a print size in mm at a dpi.
    static func canvas(_ s: SpecNode?, theme: Theme) throws -> (Double, Double, Double) {
        guard let s else { return (theme.nominalWidth >= 1900 ? 1920 : 1600, theme.nominalWidth >= 1900 ? 1080 : 900, 1) }
        try s.onlyKeys(sizeKeys)
        if let mm = s.child("width_mm") {
            let w = try mm.number(), h = try s.require("height_mm").number()
            let dpi = try s.child("dpi")?.number() ?? 300
            guard (20...1000).contains(w), (20...1000).contains(h) else { throw SpecError(mm.location, "a width and height from 20 to 1000 mm", "\(w)×\(h)") }
            guard (72...1200).contains(dpi) else { throw SpecError(s.child("dpi")!.location, "a dpi from 72 to 1200", String(dpi)) }
            return ((w / 25.4 * 96).rounded(), (h / 25.4 * 96).rounded(), dpi / 96)
        }
        return (Double(try s.require("width").int(200...8000)), Double(try s.require("height").int(150...8000)), 1)
    }
}

/// What a chart kind builds from: the model, its loaded data, the value encoding and the chart's words.
package struct ChartInput {
    package var model: ChartModel
    package var table: DataTable
    package var baseFolder: String
    package var context: SpecContext
    package var value: Encoding
    package var texts: ChartTexts

    init(model: ChartModel, table: DataTable, baseFolder: String, context: SpecContext) throws {
        self.model = model; self.table = table; self.baseFolder = baseFolder; self.context = context
        value = try Encoding(try model.encoding.require("value"), table)
        let category = try model.encoding.child("category").map { try Encoding($0, table).title } ?? nil
        texts = ChartTexts(figureLabel: model.figureLabel, title: model.title, subtitle: model.subtitle, valueAxisTitle: value.title,
                           categoryAxisTitle: category, notes: model.notes + table.notes, source: model.source ?? table.defaultSource,
                           illustrative: model.illustrative ?? table.synthetic)
    }

    package var language: Language { model.language }
    package var theme: Theme { model.theme }
    package var width: Double { model.width }
    package var height: Double { model.height }
    /// The kind's own block (`bar:`, `line:` …), checked against its keys.
    package func options() throws -> SpecNode? {
        let n = model.root.child(model.kind.name)
        try n?.onlyKeys(model.kind.optionKeys)
        return n
    }
    /// An encoding channel, or nil when the spec does not give it.
    package func channel(_ name: String) throws -> Encoding? { try model.encoding.child(name).map { try Encoding($0, table) } }
    /// An encoding channel the kind needs.
    package func require(_ name: String) throws -> Encoding { try Encoding(try model.encoding.require(name), table) }
}

/// A chart kind: the spec's `type`, the keys of its own block, and how it builds its chart. A new kind is one
/// file with a type conforming to this and one line in `ChartKinds.all`.
package protocol ChartKind {
    /// The spec's `type` and the name of the kind's own block.
    static var name: String { get }
    /// The keys of the kind's own block.
    static var optionKeys: [String] { get }
    /// The encoding channels the kind reads; a spec giving another is refused.
    static var channels: [String] { get }
    /// Builds the chart.
    static func build(_ input: ChartInput) throws -> any ChartDescription
    /// The series and categories a style's `colors` may name.
    static func colorKeys(of chart: any ChartDescription) -> [ChartKey]
    /// The chart on pinned components, or nil when the kind has no fixed layout.
    static func pinned(_ chart: any ChartDescription, _ pins: ChartPins) -> (any ChartDescription)?
}

extension ChartKind {
    package static func colorKeys(of chart: any ChartDescription) -> [ChartKey] { [] }
    package static func pinned(_ chart: any ChartDescription, _ pins: ChartPins) -> (any ChartDescription)? { nil }
}

/// The registry of chart kinds.
package enum ChartKinds {
    /// Every kind a spec's `type` may name.
    package static var all: [any ChartKind.Type] { [BarKind.self, LineKind.self, DumbbellKind.self, MapKind.self, HeatmapKind.self] }
    /// The kinds a `layout:` block can pin.
    package static let pinnable = ["bar", "line", "map"]
    static var pinnableList: String { pinnable.dropLast().joined(separator: ", ") + " and " + pinnable.last! }
    /// The kind of `type`.
    package static func named(_ name: String) -> (any ChartKind.Type)? { all.first { $0.name == name } }
}
