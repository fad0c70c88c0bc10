import AnnexAnalytics
import AnnexData
import AnnexIO
import AnnexRender
import AnnexScene
import AnnexReport
import AnnexTools
import ArgumentParser
import Foundation

@main
struct Annex: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "annex",
        abstract: "Statistics, charts and tables for New Rural Development (NTM) report annexes.",
        discussion: """
            Exit codes: 0 success; 64 wrong arguments; 65 bad input data; 66 bad chart spec; 70 a chart could not \
            be drawn; 73 an output file could not be written.
            """,
        version: AnnexVersion.string,
        subcommands: [Report.self, Chart.self, Gallery.self, Analyze.self, Validate.self, Import.self, Init.self, Boundaries.self, Generate.self, Bench.self],
        defaultSubcommand: nil)

    /// `annex` alone is a wrong call: the help goes to standard error and the exit code is 64.
    func run() throws {
        Stderr.print(Annex.helpMessage())
        Stderr.print("annex: give a subcommand (see above)")
        throw ExitCode(64)
    }
}

enum AnnexVersion {
    /// The one version of Annex (manifests and PDFs say it too).
    static let string = ReportRunner.toolVersion
}

/// Options naming the dataset.
struct DatasetOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Dataset folder (default: the bundled Datasets/langson).", valueName: "dataset"))
    var positional: String?

    @Option(name: .long, help: ArgumentHelp("Dataset folder (manifest.yaml and its tables; see docs/data-format.md).",
                                            discussion: "Defaults to the bundled Datasets/langson.",
                                            valueName: "dir"))
    var dataset: String?

    func validate() throws {
        if positional != nil, dataset != nil { throw ValidationError("give the dataset once: as an argument or with --dataset") }
    }

    func resolve() throws -> String {
        if let d = positional ?? dataset { return d }
        if let found = BundledData.find("Datasets/langson") { return found }
        throw ValidationError("cannot find the bundled dataset Datasets/langson; run from the project folder or pass --dataset DIR")
    }
}

enum BundledData {
    static func findFile(_ relative: String) -> String? {
        let dir = (relative as NSString).deletingLastPathComponent
        return find(dir).map { ($0 as NSString).appendingPathComponent((relative as NSString).lastPathComponent) }
            .flatMap { FileManager.default.fileExists(atPath: $0) ? $0 : nil }
    }

    /// Looks for `relative` under the current folder, then under the folders above the executable.
    static func find(_ relative: String) -> String? {
        let fm = FileManager.default
        var candidates = [fm.currentDirectoryPath]
        var exe = URL(fileURLWithPath: (try? fm.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0])
        for _ in 0..<6 {
            exe.deleteLastPathComponent()
            candidates.append(exe.path)
        }
        for dir in candidates {
            let p = (dir as NSString).appendingPathComponent(relative)
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: p, isDirectory: &isDir), isDir.boolValue { return p }
        }
        return nil
    }
}

extension Language: ExpressibleByArgument {}
extension SVGText: ExpressibleByArgument {}
extension OutputFormat: ExpressibleByArgument {}

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render a whole report annex from a spec: figures, tables, slides, the A4 annex PDF, key findings, manifest.",
        discussion: """
            With no spec, renders the bundled default annex (Reports/langson-2020.yaml) into Output/<lang>/. The run \
            renders into a hidden folder and replaces the previous annex only when everything succeeded. Exit codes: \
            0 success; 64 wrong arguments; 65 bad data; 66 bad spec; 70 a chart could not be drawn; 73 output failure.
            """)

    @Argument(help: ArgumentHelp("The report spec (YAML); default: the bundled Reports/langson-2020.yaml.", valueName: "spec"))
    var spec: String?

    @Option(name: [.short, .long], help: ArgumentHelp("Output folder.", valueName: "dir"))
    var output: String = "Output"

    @Option(name: .long, help: "Only this language (vi or en); default: the spec's languages.")
    var lang: Language?

    @Option(name: [.short, .long], help: "Render with this many parallel jobs.")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount

    @Flag(name: .long, help: "Skip a language whose inputs (spec, dataset, tool version) are unchanged since its manifest.")
    var incremental = false

    @Option(name: .long, help: ArgumentHelp("A dataset folder in place of the spec's own (for Reports/province.yaml, which serves any province).", valueName: "dir"))
    var dataset: String?

    @Flag(name: [.short, .long], help: "Print nothing but errors.")
    var quiet = false

    @Flag(name: [.short, .long], help: "Log every step to standard error.")
    var verbose = false

    @Option(name: .long, help: "Log lines as text (with ISO 8601 times when standard error is not a terminal) or json, one object a line.")
    var logFormat: LogFormat = .text

    func validate() throws {
        guard (1...64).contains(jobs) else { throw ValidationError("--jobs must be 1 to 64, found \(jobs)") }
        if quiet && verbose { throw ValidationError("--quiet and --verbose cannot be used together") }
    }

    func run() throws {
        guard let specPath = spec ?? BundledData.findFile("Reports/langson-2020.yaml") else {
            throw ValidationError("cannot find the bundled Reports/langson-2020.yaml; run from the project folder or give a spec")
        }
        let logger = Logger(format: logFormat, quiet: quiet, verbose: verbose)
        let tty = logger.terminal && !quiet && !verbose && logFormat == .text
        let progress: (@Sendable (Int, Int) -> Void)? = tty ? ProgressBar.draw : nil
        var options = ReportOptions(output: output, languages: lang.map { [$0] }, jobs: jobs, incremental: incremental,
                                    log: { logger.debug($0) }, progress: progress)
        options.dataset = dataset
        options.notice = { logger.info($0) }
        let started = Date()
        let files: [WrittenFile]
        do { files = try ReportRunner.run(specPath: specPath, options: options) } catch {
            for line in error.description.split(separator: "\n") { logger.error(String(line)) }
            throw ExitCode(error.exitCode)
        }
        if !quiet { for f in files { print("wrote \(f.path) (\(f.bytes) bytes)") } }
        logger.info("\(files.count) files in \(String(format: "%.2f", Date().timeIntervalSince(started))) s")
    }
}

extension ResultFormatter.Format: ExpressibleByArgument {}

struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compute every statistic of a dataset and print tidy records.",
        discussion: """
            Columns: scope, group, metric, year, kind, value, value_high, unit (the vocabulary of the notices' \
            figures), then n, detail, base_year, target, target_high, status, gap, source. Metrics: group_size, \
            mean_criteria, criteria_min/median/max, mean_criteria_change(_pct), band_count, criterion_share, \
            ntm_new/total, advanced_new/total, lost_criteria_units, below_standard_after_recognition, \
            lost_criteria (per unit), and the dataset's own indicators (source = their id).
            """)

    @OptionGroup var data: DatasetOptions

    @Option(name: .long, help: "table (aligned, for people), csv or json (for machines).")
    var format: ResultFormatter.Format = .table

    @Option(name: .long, help: "Language of the table: vi (11,54) or en (11.54). CSV and JSON always use 11.54.")
    var lang: Language = .vi

    @Option(name: .long, help: "Only these metrics (repeatable).")
    var metric: [String] = []

    @Option(name: .long, help: "Only this scope: province, group, district or unit.")
    var scope: FactScope?

    @Option(name: .long, help: "Only this group, district code or unit code.")
    var group: String?

    @Option(name: .long, help: "Only this year.")
    var year: Int?

    @Flag(name: .long, help: "Only figures computed from commune data (leave out the dataset's stated indicators).")
    var computedOnly = false

    func run() throws {
        let ds = try loadDataset(data)
        let analysis: Analysis
        do { analysis = try Analysis.run(ds) } catch {
            Stderr.print("annex: \(error.description)"); throw ExitCode(65)
        }
        try checkFilters(analysis, ds)
        let records = analysis.records.filter {
            (metric.isEmpty || metric.contains($0.metric)) && (scope == nil || $0.scope == scope)
                && (group == nil || $0.group == group) && (year == nil || $0.year == year)
                && (!computedOnly || $0.source == "computed")
        }
        switch format {
        case .csv: print(ResultFormatter.csv(records), terminator: "")
        case .json: print(ResultFormatter.json(records), terminator: "")
        case .table: print(ResultFormatter.table(records, language: lang), terminator: "")
        }
    }
}

extension Analyze {
    /// A metric, group or year the dataset does not have is a wrong argument (exit 64) with a hint, never an
    /// empty output that looks like "nothing to report".
    func checkFilters(_ analysis: Analysis, _ ds: Dataset) throws {
        var problems: [String] = []
        func unknown(_ what: String, _ value: String, _ known: [String], list: Bool) {
            let hint = Spelling.nearest(to: value, in: known).map { "; did you mean '\($0)'?" }
                ?? (list ? " (known: " + known.joined(separator: ", ") + ")" : "")
            problems.append("annex analyze: \(what) '\(value)' is not in \(ds.folder)" + hint)
        }
        for m in metric where !analysis.knownMetrics.contains(m) { unknown("--metric", m, analysis.knownMetrics, list: true) }
        if let group {
            let known = Array(Set(analysis.records.filter { scope == nil || $0.scope == scope }.map(\.group))).sorted()
            if !known.contains(group) { unknown("--group", group, known, list: known.count <= 30) }
        }
        if let year {
            let known = Array(Set(analysis.records.map(\.year))).sorted()
            if !known.contains(year) {
                problems.append("annex analyze: --year \(year) is not a period of \(ds.folder) (its years: "
                                + known.map(String.init).joined(separator: ", ") + ")")
            }
        }
        guard problems.isEmpty else {
            for p in problems { Stderr.print(p) }
            throw ExitCode(64)
        }
    }
}

extension FactScope: ExpressibleByArgument {}

/// Loads a dataset, printing its problems and exiting 65 when it has any.
func loadDataset(_ options: DatasetOptions) throws -> Dataset {
    let folder = try options.resolve()
    do {
        let ds = try Dataset.load(folder: folder)
        for w in ds.warnings { Stderr.print("warning: \(w)") }
        return ds
    } catch {
        Stderr.print(error.description)
        throw ExitCode(65)
    }
}


struct Chart: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render one chart from a YAML spec (see docs/chart-spec.md) to PNG, SVG or PDF.",
        discussion: "The format comes from the output's extension. Nothing is written unless the whole chart renders.")

    @Argument(help: ArgumentHelp("The chart spec (YAML).", valueName: "spec"))
    var spec: String

    @Option(name: [.short, .long], help: ArgumentHelp("Output file: .png, .svg or .pdf.", valueName: "file"))
    var output: String

    @Option(name: .long, help: "PNG pixel density (overrides the spec's dpi).")
    var scale: Double?

    @Option(name: .long, help: "SVG text: elements (<text>, selectable; the default) or paths (glyph outlines, the same in every viewer).")
    var svgText: SVGText = .elements

    func validate() throws {
        guard OutputFormat(path: output) != nil else {
            throw ValidationError("-o \(output): expected a file name ending in .png, .svg or .pdf")
        }
        if let s = scale, !(s.isFinite && s > 0 && s <= 8) { throw ValidationError("--scale must be a number from 0 to 8, found \(s)") }
    }

    func run() throws {
        let parsed: ChartSpec
        do { parsed = try ChartSpec.load(path: spec) } catch {
            Stderr.print(error.description); throw ExitCode(66)
        }
        let scene: Scene
        do { scene = try parsed.chart.scene(measurer: PangoTextMeasurer()) } catch {
            Stderr.print("\(spec): \(error.description)"); throw ExitCode(70)
        }
        do { try Renderer().write(scene, to: output, options: RenderOptions(scale: scale ?? parsed.pngScale, svgText: svgText,
                                                                     threads: min(2, ProcessInfo.processInfo.activeProcessorCount))) } catch {
            Stderr.print("annex: \(error.description)"); throw ExitCode(error.isWriteError ? 73 : 70)
        }
        print("wrote \(output)")
    }
}

struct Gallery: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render every chart type and variant, in every theme and both languages, as PNG (and SVG/PDF with --format).")

    @OptionGroup var data: DatasetOptions

    @Option(name: [.short, .long], help: ArgumentHelp("Output folder.", valueName: "dir"))
    var output: String = "Output/gallery"

    @Option(name: .long, parsing: .upToNextOption, help: "Formats to write: png, svg, pdf.")
    var format: [OutputFormat] = [.png]

    func run() throws {
        let ds = try loadDataset(data)
        let gallery: AnnexTools.Gallery
        do { gallery = try AnnexTools.Gallery(dataset: ds) } catch {
            Stderr.print("annex: \(error)"); throw ExitCode(65)
        }
        let renderer = Renderer()
        let measurer = PangoTextMeasurer()
        var count = 0
        for (path, chart) in gallery.all() {
            let scene: Scene
            do { scene = try chart.scene(measurer: measurer) } catch {
                Stderr.print("annex: \(path): \(error)"); throw ExitCode(70)
            }
            let base = (output as NSString).appendingPathComponent(path)
            do {
                try FileManager.default.createDirectory(atPath: (base as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            } catch { Stderr.print("annex: \(base): \(error.localizedDescription)"); throw ExitCode(73) }
            for f in format {
                // One chart after another, each PNG drawn and encoded on two threads (as `annex chart` does).
                let options = RenderOptions(threads: min(2, ProcessInfo.processInfo.activeProcessorCount))
                do { try renderer.write(scene, to: base + "." + f.fileExtension, format: f, options: options) } catch {
                    Stderr.print("annex: \(error.description)"); throw ExitCode(error.isWriteError ? 73 : 70)
                }
                count += 1
            }
        }
        print("wrote \(count) files under \(output)")
    }
}

struct Boundaries: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a GeoJSON file of boundaries (Polygon and MultiPolygon features with a join key) and list its features.")

    @Argument(help: ArgumentHelp("The GeoJSON file.", valueName: "file"))
    var file: String

    @Option(name: .long, help: "The property that joins features to data rows.")
    var key: String = "code"

    @Option(name: .long, help: "The property used as the feature's label.")
    var name: String = "name"

    func run() throws {
        do {
            let b = try AnnexData.Boundaries.load(path: file, key: key, nameProperty: name)
            for f in b.features {
                let rings = f.polygons.reduce(0) { $0 + 1 + $1.holes.count }
                print("\(f.key)\t\(f.name)\t\(f.polygons.count) polygon(s), \(rings) ring(s)")
            }
        } catch {
            Stderr.print(error.description); throw ExitCode(65)
        }
    }
}

struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a synthetic dataset of any size (for benchmarks and stress tests; not calibrated to real figures).")

    @Option(name: .long, help: "Number of communes.")
    var communes: Int = 8000

    @Option(name: .long, help: "Seed of the pseudo-random generator.")
    var seed: UInt64 = 1

    @Option(name: [.short, .long], help: ArgumentHelp("Folder to write (made if missing; must not hold a dataset already).", valueName: "dir"))
    var output: String

    func validate() throws {
        guard (1...1_000_000).contains(communes) else { throw ValidationError("--communes must be 1 to 1000000, found \(communes)") }
    }

    func run() throws {
        if FileManager.default.fileExists(atPath: (output as NSString).appendingPathComponent("manifest.yaml")) {
            Stderr.print("annex: \(output) already holds a dataset (manifest.yaml); choose an empty folder")
            throw ExitCode(73)
        }
        do { try SyntheticDataset.write(to: output, communes: communes, seed: seed) } catch {
            Stderr.print("annex: \(output): \(error)"); throw ExitCode(73)
        }
        print("wrote a synthetic dataset of \(communes) communes to \(output)")
    }
}

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a dataset and list every problem with its file, line and column.",
        discussion: "With --format json, the problems and warnings as JSON on standard output, for scripts (exit 65 when there are problems).")

    enum Format: String, ExpressibleByArgument { case text, json }

    @OptionGroup var data: DatasetOptions

    @Option(name: .long, help: "text (for people) or json (for scripts).")
    var format: Format = .text

    func run() throws {
        if format == .json { return try runJSON() }
        let ds = try loadDataset(data)
        // The boundaries the manifest names are part of the dataset: read and joined to the districts here too.
        do { _ = try ds.loadBoundaries() } catch {
            Stderr.print(error.description); throw ExitCode(65)
        }
        print("\(ds.folder): \(ds.units.count) units in \(ds.districts.count) districts, \(ds.criteria.count) criteria rows, "
              + "\(ds.recognitions.count) recognitions, \(ds.facts.count) indicators, \(ds.groups.count) groups: no problems")
    }
}

extension Validate {
    /// `{"dataset": …, "valid": …, "problems": [{file, line, column, expected, found}], "warnings": […]}`.
    func runJSON() throws {
        let folder = try data.resolve()
        var problems: [DataIssue] = [], warnings: [DataIssue] = [], summary = ""
        do {
            let ds = try Dataset.load(folder: folder)
            warnings = ds.warnings
            do { _ = try ds.loadBoundaries() } catch { problems = error.issues }
            summary = "\"units\": \(ds.units.count), \"districts\": \(ds.districts.count), \"criteria_rows\": \(ds.criteria.count), "
        } catch { problems = error.issues }
        func issue(_ i: DataIssue) -> String {
            let s = JSONText.string
            return "{\"file\": \(s(i.location.file)), \"line\": \(i.location.line.map(String.init) ?? "null"), "
                + "\"column\": \(i.location.column.map(s) ?? "null"), \"expected\": \(s(i.expected)), \"found\": \(i.found.map(s) ?? "null"), "
                + "\"message\": \(s(i.description))}"
        }
        print("{\"dataset\": \(JSONText.string(folder)), \"valid\": \(problems.isEmpty), " + summary
              + "\"problems\": [" + problems.map(issue).joined(separator: ", ") + "], "
              + "\"warnings\": [" + warnings.map(issue).joined(separator: ", ") + "]}")
        if !problems.isEmpty { throw ExitCode(65) }
    }
}

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Time every chart type: scene layout, and scene plus drawing and encoding to PNG, SVG and PDF (medians).",
        discussion: "Build with `swift build -c release` first: debug builds are several times slower.")

    @OptionGroup var data: DatasetOptions

    @Option(name: [.short, .long], help: "Repetitions of each measurement.")
    var iterations: Int = 30

    @Option(name: .long, help: "Only chart types whose name contains this.")
    var only: String?

    @Option(name: .long, help: "What to time: reference, charts, annex, parallel, analytics, import or all.")
    var suite: String = "all"

    @Option(name: .long, help: "Reference charts: charts per format in each round (as the peer scripts' N).")
    var count: Int = 100

    @Option(name: .long, help: "Reference charts: rounds (medians and spreads are over rounds).")
    var rounds: Int = 3

    @Option(name: .long, help: "Python with matplotlib and vl-convert-python for the peer scripts (default: .venv-peers/bin/python, made by `make peers-env`, else python3).")
    var peerPython: String?

    @Option(name: .long, parsing: .upToNextOption, help: "Reference charts: the formats to time.")
    var formats: [OutputFormat] = OutputFormat.allCases

    @Flag(name: .long, help: "Do not run the peer scripts.")
    var noPeers = false

    @Flag(name: .long, help: "A quick pass over every suite (2 charts, 1 round, no peers): checks that the benchmarks run, not how fast.")
    var smoke = false

    func validate() throws {
        guard (1...100_000).contains(iterations) else { throw ValidationError("--iterations must be 1 to 100000, found \(iterations)") }
        guard (1...100_000).contains(count) else { throw ValidationError("--count must be 1 to 100000, found \(count)") }
        guard (1...100).contains(rounds) else { throw ValidationError("--rounds must be 1 to 100, found \(rounds)") }
        guard ["reference", "charts", "annex", "parallel", "analytics", "import", "all"].contains(suite) else {
            throw ValidationError("--suite must be reference, charts, annex, parallel, analytics, import or all, found \(suite)")
        }
    }

    func run() throws {
        func ms(_ x: Double) -> String { String(format: "%9.2f", x) }
        func row(_ r: Timing) {
            print(r.name.padding(toLength: 46, withPad: " ", startingAt: 0) + " " + ms(r.median) + " " + ms(r.p10)
                  + " " + ms(r.p90) + "  " + (r.bytes > 0 ? String(format: "%9d", r.bytes) : ""))
        }
        let iterations = smoke ? 1 : self.iterations
        print("what                                           median ms    p10 ms    p90 ms      bytes")
        let facts = try loadDataset(data)
        if suite == "reference" || suite == "all" {
            try referenceSuite(row)
        }
        if suite == "charts" || suite == "all" {
            print("-- charts (1600×900, report theme; scene, then scene + draw + encode), \(iterations) runs")
            for r in try AnnexBench.run(dataset: facts, iterations: iterations, only: only) { row(r) }
        }
        if suite == "annex" || suite == "all" {
            guard let spec = BundledData.findFile("Reports/langson-2020.yaml") else { throw ValidationError("cannot find Reports/langson-2020.yaml") }
            let runs = smoke ? 1 : max(3, min(iterations, 7))
            print("-- default annex (both languages), \(runs) runs")
            let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
            for jobs in [1, 2] {
                let dir = FileManager.default.temporaryDirectory.appendingPathComponent("annex-bench-cold-\(getpid())").path
                defer { try? FileManager.default.removeItem(atPath: dir) }
                var cold = Timing(name: "annex, cold process, --jobs \(jobs)", samples: [], bytes: 0)
                var peakKiB = 0
                for _ in 0..<runs {
                    let (status, ms, rss) = try ChildProcess.run(exe, ["report", spec, "-q", "-o", dir, "--jobs", String(jobs)])
                    guard status == 0 else { throw ExitCode(status) }
                    cold.samples.append(ms)
                    peakKiB = max(peakKiB, rss)
                }
                row(cold)
                print("   peak memory of the cold process (largest of \(runs)): \(peakKiB / 1024) MB")
                row(try AnnexBench.warmAnnex(spec: spec, jobs: jobs, iterations: runs))
            }
        }
        if suite == "parallel" || suite == "all" {
            let n = smoke ? 4 : 40, runs = smoke ? 1 : max(3, min(iterations, 5))
            print("-- parallel: \(n) gallery charts, each to PNG, SVG and PDF, \(runs) runs")
            _ = try AnnexBench.parallelRun(dataset: facts, count: min(n, 4), jobs: 1)     // warm-up
            var digests: [Int: String] = [:]
            var timings: [Int: Timing] = [:]
            for _ in 0..<runs {
                for jobs in [1, 2] {
                    let (ms, digest) = try AnnexBench.parallelRun(dataset: facts, count: n, jobs: jobs)
                    timings[jobs, default: Timing(name: "\(n) charts, --jobs \(jobs)")].samples.append(ms)
                    digests[jobs] = digest
                }
            }
            row(timings[1]!); row(timings[2]!)
            print(String(format: "   speed-up with 2 jobs: %.2f×; outputs %@", timings[1]!.median / timings[2]!.median,
                         digests[1] == digests[2] ? "byte-identical (SHA-256 \(digests[1]!.prefix(16))…)" : "DIFFER"))
            guard digests[1] == digests[2] else { throw ExitCode(70) }
        }
        if suite == "analytics" || suite == "all" {
            let runs = smoke ? 1 : max(3, min(iterations, 7))
            print("-- analytics, \(runs) runs")
            for r in try AnnexBench.analytics(folder: facts.folder, label: "bundled (181 communes)", iterations: runs) { row(r) }
            let national = FileManager.default.temporaryDirectory.appendingPathComponent("annex-bench-national-\(getpid())").path
            defer { try? FileManager.default.removeItem(atPath: national) }
            try SyntheticDataset.write(to: national, communes: smoke ? 400 : 8000, seed: 1)
            for r in try AnnexBench.analytics(folder: national, label: smoke ? "synthetic (400 communes × 3 years)" : "national (8 000 communes × 3 years)", iterations: runs) { row(r) }
        }
        if suite == "import" || suite == "all" { try importSuite(row) }
    }
}

enum ProgressBar {
    /// "[#######       ] 12/40" on standard error, redrawn in place.
    @Sendable static func draw(_ done: Int, _ total: Int) {
        let width = 30
        let filled = total == 0 ? width : done * width / total
        let bar = "\r[" + String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled) + "] \(done)/\(total)"
        FileHandle.standardError.write(Data(bar.utf8))
        if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}

enum Stderr {
    static func print(_ s: String) {
        FileHandle.standardError.write(Data((s + "\n").utf8))
    }
}

/// What `Benchmarks/peers/run_peers.py` prints.
struct PeerReport: Decodable {
    struct Peer: Decodable {
        var script: String
        var chart: String
        var tool: String?
        var png_ms: [Double]
        var svg_ms: [Double]
        var png_bytes: Int?
        var svg_bytes: Int?
        var peak_rss_kib: Int?
        var skipped: String?
    }
    var python: String?
    var n: Int
    var rounds: Int
    var peers: [Peer]
}

extension Bench {
    /// The reference charts of `Benchmarks/reference/` to PNG, SVG and PDF, then the peer scripts of
    /// `Benchmarks/peers/` with the same count and rounds, and a table of both with ratios.
    func referenceSuite(_ row: (Timing) -> Void) throws {
        let count = smoke ? 2 : self.count, rounds = smoke ? 1 : self.rounds
        let charts = ["bar", "line", "map"].filter { only == nil || $0.contains(only!) }
        let specs = try charts.map { c -> String in
            guard let p = BundledData.findFile("Benchmarks/reference/\(c).yaml") else {
                throw ValidationError("cannot find Benchmarks/reference/\(c).yaml (run from the project folder)")
            }
            return p
        }
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("annex-bench-reference-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: out) }
        print("-- reference charts (Benchmarks/reference, 1600×900): ms per chart, built, drawn, encoded and written; \(count) charts × \(rounds) rounds per format")
        let annex = try AnnexBench.reference(specs: specs, count: count, rounds: rounds, outDir: out, formats: formats)
        for r in annex { row(r) }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        print("   peak memory of this process so far: \(usage.ru_maxrss / 1024) MB")
        guard !noPeers, !smoke else { return }
        guard let runner = BundledData.findFile("Benchmarks/peers/run_peers.py") else {
            print("   peers: Benchmarks/peers/run_peers.py not found; skipped"); return
        }
        let venv = BundledData.find(".venv-peers/bin").map { ($0 as NSString).appendingPathComponent("python") }
        let python = peerPython ?? venv.flatMap { FileManager.default.isExecutableFile(atPath: $0) ? $0 : nil } ?? "/usr/bin/env"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python)
        p.arguments = (python == "/usr/bin/env" ? ["python3"] : []) + [runner, "--n", String(count), "--rounds", String(rounds)]
        let pipe = Pipe()
        p.standardOutput = pipe
        print("-- peers (Benchmarks/peers, run by \(python == "/usr/bin/env" ? "python3" : python)), \(count) charts × \(rounds) rounds per format")
        do { try p.run() } catch { print("   peers: cannot start \(python): \(error); skipped"); return }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0, let report = try? JSONDecoder().decode(PeerReport.self, from: data) else {
            print("   peers: the runner failed (exit \(p.terminationStatus)); skipped"); return
        }
        func median(_ v: [Double]) -> Double { Timing(name: "", samples: v).median }
        func spread(_ v: [Double]) -> String { v.count > 1 ? String(format: "%.0f–%.0f", v.min()!, v.max()!) : "" }
        print("PNG/2t: one chart encoded on two threads, as `annex chart` does (same bytes); the peers and the other rows use one.")
        print("chart  format  Annex ms      bytes   peer                               peer ms (range)       bytes   peak RSS   peer/Annex")
        for peer in report.peers {
            guard peer.skipped == nil, let tool = peer.tool else {
                print("\(peer.chart.padding(toLength: 6, withPad: " ", startingAt: 0)) \(peer.script): skipped (\(peer.skipped ?? "no tool"))")
                continue
            }
            for (fmt, ms, bytes) in [("PNG", peer.png_ms, peer.png_bytes), ("PNG/2t", peer.png_ms, peer.png_bytes), ("SVG", peer.svg_ms, peer.svg_bytes)] {
                let name = fmt == "PNG/2t" ? "\(peer.chart) → PNG on 2 threads" : "\(peer.chart) → \(fmt)"
                guard let mine = annex.first(where: { $0.name == name }) else { continue }
                let ratio = median(ms) / mine.median
                func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
                func left(_ s: String, _ n: Int) -> String { s.count >= n ? s : String(repeating: " ", count: n - s.count) + s }
                print(pad(peer.chart, 6) + " " + pad(fmt, 6) + left(String(format: "%.2f", mine.median), 10) + left(String(mine.bytes), 11) + "   "
                      + pad(tool, 34) + left(String(format: "%.1f", median(ms)), 8) + " " + pad("(" + spread(ms) + ")", 11)
                      + left(String(bytes ?? 0), 10) + left(String((peer.peak_rss_kib ?? 0) / 1024), 8) + " MiB"
                      + left(String(format: "%.1f", ratio), 10) + "×")
            }
        }
    }
}

/// Runs a program and waits for it, returning its exit status, wall time and its own peak resident memory.
/// The peak is the child's VmHWM (the high-water mark of its memory after exec), read from /proc while it runs:
/// wait4's ru_maxrss would not do, since Linux counts in it the resident size of the spawning process at the
/// spawn (a benchmark process grown to 80 MB made every child look at least that large).
enum ChildProcess {
    static func run(_ exe: String, _ args: [String]) throws -> (status: Int32, ms: Double, maxRSSKiB: Int) {
        var pid: pid_t = 0
        let argv: [UnsafeMutablePointer<CChar>?] = ([exe] + args).map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        let t0 = DispatchTime.now().uptimeNanoseconds
        let rc = posix_spawn(&pid, exe, nil, nil, argv, environ)
        guard rc == 0 else { throw ValidationError("cannot start \(exe): \(String(cString: strerror(rc)))") }
        var status: Int32 = 0
        var peak = 0
        var ms = 0.0
        while true {
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid { ms = Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6; break }
            if r < 0 {
                guard errno == EINTR else { throw ValidationError("cannot wait for \(exe): \(String(cString: strerror(errno)))") }
                continue
            }
            peak = max(peak, ProcessStatus.peakResidentKiB(of: String(pid)) ?? 0)
            usleep(1000)
        }
        let exited = (status & 0x7f) == 0
        return (exited ? (status >> 8) & 0xff : 128 + (status & 0x7f), ms, peak)
    }
}
