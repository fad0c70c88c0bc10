import AnnexAnalytics
import AnnexCharts
import AnnexData
import AnnexSpec
import AnnexIO
import AnnexRender
import AnnexScene
import Foundation
import Yams

/// Why a report run failed; each kind has its own exit code.
public enum ReportError: Error, CustomStringConvertible {
    /// The report spec, or a chart or table it describes, is wrong (exit 66); or its dataset is not a valid one
    /// (exit 65). Every problem is located.
    case spec(SpecError)
    /// The dataset could not be read or checked (exit 65).
    case data(DataError)
    /// A chart could not be laid out: what it is (the spec file and the figure) and why (exit 70).
    case chart(String, ChartError)
    /// A scene could not be drawn or encoded: what it is and why (exit 73 when writing failed, else 70).
    case render(String, RenderError)
    /// The output folder could not be created, locked or written; the message names the path (exit 73).
    case output(String)
    /// Some units of a partitioned run (`each:`) failed, each with its error; the others were written, and the
    /// index lists them all. Exits with the first failed unit's code.
    case units([(folder: String, error: ReportError)])

    public var description: String {
        switch self {
        case .units(let failed):
            failed.map { f in f.error.description.split(separator: "\n").map { "\(f.folder): \($0)" }.joined(separator: "\n") }.joined(separator: "\n")
        case .spec(let e): e.description
        case .data(let e): e.description
        case .chart(let what, let e): "\(what): \(e)"
        case .render(let what, let e): "\(what): \(e)"
        case .output(let s): s
        }
    }

    /// 65 bad data, 66 bad spec, 70 a chart could not be drawn, 73 cannot write output (sysexits.h).
    public var exitCode: Int32 {
        switch self {
        case .units(let failed): failed.first?.error.exitCode ?? 70
        case .data: 65
        case .spec(let e): e.issues.contains { $0.expected.hasPrefix("a valid dataset") } ? 65 : 66
        case .output: 73
        case .render(_, .write): 73
        case .chart, .render: 70
        }
    }
}

/// A file a report run wrote.
public struct WrittenFile: Hashable, Sendable {
    /// The file's path: the output folder, the language's folder, then the file (`Output/vi/figures/fig01.png`).
    public var path: String
    /// The file's size in bytes.
    public var bytes: Int
    /// What the file holds: a figure's title, a table's caption, the annex's title, the findings' heading, or
    /// `manifest`.
    public var title: String
}

/// How a report run behaves.
public struct ReportOptions: Sendable {
    /// The output folder (default `Output`), created when missing; each language's files go into a folder named by
    /// its code (`Output/vi`).
    public var output: String
    /// Only these languages (nil: the spec's).
    public var languages: [Language]?
    /// How many files are drawn at once (1 or less: one at a time); the files are the same whatever the number.
    public var jobs: Int
    /// Skip a language whose manifest says the spec, the dataset and the tool are unchanged.
    public var incremental: Bool
    /// The verbose log: a line for each piece of work done (`[vi] figure 3`) and for each annex assembled; called
    /// from the workers' threads. Ignores them by default.
    public var log: @Sendable (String) -> Void
    /// Called after each piece of work with the number done and the total, for a progress bar; called from the
    /// workers' threads. Nil for none.
    public var progress: (@Sendable (Int, Int) -> Void)?
    /// A dataset folder in place of the spec's own `dataset` (a spec made for any province).
    public var dataset: String? = nil
    /// What a run says at the default level: languages skipped, nothing to do.
    public var notice: @Sendable (String) -> Void = { _ in }
    /// The period of a monthly or quarterly report (`2020-06`, `2020-Q2`, `latest`), in place of the spec's `period:`.
    public var period: String? = nil

    /// Options for a run into `output`; `dataset` and `notice` keep their defaults (set them afterwards).
    public init(output: String = "Output", languages: [Language]? = nil, jobs: Int = 1, incremental: Bool = false,
                log: @escaping @Sendable (String) -> Void = { _ in }, progress: (@Sendable (Int, Int) -> Void)? = nil) {
        self.output = output; self.languages = languages; self.jobs = jobs; self.incremental = incremental
        self.log = log; self.progress = progress
    }
}

/// Metadata of an output file, for the manifest.
package struct FileMeta: Sendable {
    package var kind: String
    package var number: Int?
    package var title: String
    package var alt: String

    package init(kind: String, number: Int? = nil, title: String, alt: String) {
        self.kind = kind; self.number = number; self.title = title; self.alt = alt
    }
}

/// One unit of parallel work: draws some files.
package struct RenderTask: Sendable {
    package var name: String
    /// A rough relative cost: the costliest tasks start first, so that no worker is left with a long task at the
    /// end while the others idle (longest processing time first).
    package var cost: Double = 1
    package var work: @Sendable () throws -> [(path: String, bytes: [UInt8], meta: FileMeta)]

    package init(name: String, cost: Double = 1, work: @escaping @Sendable () throws -> [(path: String, bytes: [UInt8], meta: FileMeta)]) {
        self.name = name; self.cost = cost; self.work = work
    }

    /// The relative cost of drawing a chart: maps (many vertices, many panels) cost several bar charts.
    package static func cost(of chart: any ChartDescription) -> Double {
        if let m = chart as? MapChart { return 4 * Double(max(1, m.panels.count)) }
        return 1
    }

    /// Runs the tasks on `jobs` workers (each task on one thread, with its own measurer, Cairo context and Pango
    /// layout; nothing shared but the result store) and returns their files in task order, so the output does
    /// not depend on the number of jobs. Stops at the first error.
    package static func run(_ tasks: [RenderTask], jobs: Int,
                    done: @escaping @Sendable (_ completed: Int, _ total: Int, _ name: String) -> Void = { _, _, _ in })
        throws -> [(path: String, bytes: [UInt8], meta: FileMeta)]
    {
        // One job: the tasks run on the calling thread, in task order (a partitioned run's workers each draw
        // their units this way, keeping their own Pango font map and caches instead of borrowing pool threads).
        if jobs <= 1 {
            var files: [(path: String, bytes: [UInt8], meta: FileMeta)] = []
            for (i, task) in tasks.enumerated() {
                files += try task.work()
                done(i + 1, tasks.count, task.name)
            }
            return files
        }
        let store = ResultStore()
        let next = ResultStore.Counter()
        let group = DispatchGroup()
        let total = tasks.count
        // Costliest first; equal costs in task order. Results are kept by task index, so the order of work does
        // not change the output.
        let order = tasks.indices.sorted { (-tasks[$0].cost, $0) < (-tasks[$1].cost, $1) }
        for _ in 0..<max(1, min(jobs, total)) {
            group.enter()
            DispatchQueue.global().async {
                defer { group.leave() }
                while store.firstError == nil, let k = next.take(below: total) {
                    let i = order[k]
                    do { store.put(i, try tasks[i].work()) } catch { store.fail(i, error) }
                    done(store.completed, total, tasks[i].name)
                }
            }
        }
        group.wait()
        if let e = store.firstError { throw e }
        return store.all()
    }
}

/// The progress of languages staged side by side, as one count: the work done and known of every language.
final class ProgressSum: @unchecked Sendable {
    private let lock = NSLock()
    private var done: [Int], total: [Int]
    private let report: @Sendable (Int, Int) -> Void
    init(_ count: Int, _ report: @escaping @Sendable (Int, Int) -> Void) {
        done = Array(repeating: 0, count: count); total = done; self.report = report
    }
    func report(_ i: Int, _ d: Int, _ t: Int) {
        lock.lock()
        done[i] = d; total[i] = t
        let sums = (done.reduce(0, +), total.reduce(0, +))
        lock.unlock()
        report(sums.0, sums.1)
    }
}

final class ResultStore: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Int: [(path: String, bytes: [UInt8], meta: FileMeta)]] = [:]
    private var error: Error?
    private var errorIndex = Int.max
    private var done = 0
    func put(_ i: Int, _ r: [(path: String, bytes: [UInt8], meta: FileMeta)]) { lock.lock(); results[i] = r; done += 1; lock.unlock() }
    /// Keeps the error of the first task in task order, so that the message does not depend on scheduling.
    func fail(_ i: Int, _ e: Error) { lock.lock(); if i < errorIndex { error = e; errorIndex = i }; done += 1; lock.unlock() }
    var firstError: Error? { lock.lock(); defer { lock.unlock() }; return error }
    var completed: Int { lock.lock(); defer { lock.unlock() }; return done }
    func all() -> [(path: String, bytes: [UInt8], meta: FileMeta)] { lock.lock(); defer { lock.unlock() }; return results.keys.sorted().flatMap { results[$0]! } }
}

/// One run at a time per output folder: an exclusive `flock` on `.annex.lock`, opened without following a symbolic
/// link. After locking, the lock must still be the file at the path: a run that opened the file just before the
/// holder removed it would otherwise lock a deleted file while a third run locks a new one.
enum OutputLock {
    static func acquire(_ lockPath: String, folder: String) throws(ReportError) -> Int32 {
        for _ in 0..<100 {
            let fd = open(lockPath, O_CREAT | O_RDWR | O_NOFOLLOW | O_CLOEXEC, 0o644)
            guard fd >= 0 else {
                let why = errno == ELOOP ? "it is a symbolic link (remove it)" : String(cString: strerror(errno))
                throw .output("\(lockPath): cannot open the lock file: \(why)")
            }
            guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
                close(fd)
                throw .output("\(folder): another annex run is writing into this folder (\(lockPath))")
            }
            var held = stat(), atPath = stat()
            if fstat(fd, &held) == 0, lstat(lockPath, &atPath) == 0, held.st_dev == atPath.st_dev, held.st_ino == atPath.st_ino {
                return fd
            }
            close(fd)   // the holder removed it after we opened it: try the file now at the path
        }
        throw .output("\(lockPath): cannot take the lock: the file keeps changing")
    }
}

/// Runs a report spec: every figure as PNG, SVG and PDF, every table as CSV and PDF, slides, one multi-page A4
/// annex PDF, key findings and a manifest, per language; rendered into a hidden staging folder and swapped in
/// only when everything succeeded.
public enum ReportRunner {
    /// The version of Annex written into every manifest (`tool_version`); an incremental run redoes a language
    /// whose manifest names another.
    public static let toolVersion = "0.2.0"
    /// A4 portrait in scene pixels (96 per inch).
    static let pageWidth = 794.0, pageHeight = 1123.0, margin = 64.0

    /// Runs the report spec at `specPath` and returns every file written, each language's manifest included.
    /// Holds the output folder's lock for the run, renders into a staging folder and swaps each language's folder
    /// in only when every language succeeded, so a failed run leaves the previous output as it was.
    public static func run(specPath: String, options: ReportOptions) throws(ReportError) -> [WrittenFile] {
        var spec: ReportSpec
        do { spec = try ReportSpec.load(path: specPath) } catch { throw .spec(error) }
        if let d = options.dataset { spec.datasetPath = (d as NSString).standardizingPath }
        if let p = options.period { spec.periodRequest = p }
        let fm = FileManager.default
        let out = options.output as NSString
        do { try fm.createDirectory(atPath: options.output, withIntermediateDirectories: true) } catch {
            throw .output("\(options.output): cannot create the output folder: \(error.localizedDescription)")
        }
        guard fm.isWritableFile(atPath: options.output) else { throw .output("\(options.output): the output folder is not writable") }
        // One run at a time per output folder.
        let lockPath = out.appendingPathComponent(".annex.lock")
        let lock = try OutputLock.acquire(lockPath, folder: options.output)
        // Removed while still held: a run that opened it meanwhile finds its lock no longer at the path and opens
        // a new one (`OutputLock`), so two runs never both hold a lock.
        defer { unlink(lockPath); close(lock) }
        recoverInterruptedRun(options.output)
        if let each = spec.each { return try runPartitioned(spec, each: each, options: options) }
        let staging = out.appendingPathComponent(".annex-staging-\(getpid())")
        do {
            let (written, staged) = try stage(spec, languages: options.languages ?? spec.languages, staging: staging,
                                              finalRoot: options.output, options: options)
            // Every staged file on disk before any is swapped in.
            if !staged.isEmpty { AtomicFile.syncFileSystem(of: staging) }
            if !staged.isEmpty { try swapIn(staged, staging: staging, output: options.output) }
            else if options.incremental { options.notice("nothing to do: no new data since the last run") }
            AtomicFile.syncDirectory(options.output)
            try? fm.removeItem(atPath: staging)
            return written.files
        } catch {
            try? fm.removeItem(atPath: staging)
            throw error
        }
    }

    /// What `stage` made: every file (paths under the final folder) and the number of figures of a language.
    struct Staged {
        var files: [WrittenFile] = []
        var figures = 0
        var tables = 0
    }

    /// Builds, draws and writes every language of `spec` into `staging/<lang>`, each with its manifest; returns
    /// the files as they will be once swapped into `finalRoot/<lang>`, and the languages staged (an incremental
    /// run skips a language whose inputs are unchanged).
    /// The files are written without flushing them one by one: the caller syncs the staging folder's file system
    /// once (`AtomicFile.syncFileSystem`) before swapping in; one flush, not one per file (a slow disk takes
    /// milliseconds for each, and an annex has eighty files, a partitioned run thousands).
    ///
    /// Languages are staged side by side when there are jobs for it (`options.jobs` split between them): a
    /// language's building, the assembly of its documents and the writing of its files run on one thread, so
    /// with one language at a time the other workers would wait through them. Each language's files are the same
    /// either way; its notices are given in language order once all are done, and the first failing language,
    /// in language order, is the error.
    static func stage(_ spec: ReportSpec, languages: [Language], staging: String, finalRoot: String,
                      options: ReportOptions) throws(ReportError) -> (Staged, [Language]) {
        let specHash = SHA256.hex(Array(spec.text.utf8))
        let datasetHash = hashFolder(spec.datasetPath)
        let lanes = max(1, min(options.jobs, languages.count))
        let sum = options.progress.map { ProgressSum(languages.count, $0) }
        let one = { @Sendable (i: Int) -> Result<LanguageStaged?, ReportError> in
            var o = options
            // The jobs split between the lanes, the first languages taking what does not divide (3 jobs: 2 and 1).
            o.jobs = max(1, options.jobs / lanes + (lanes == languages.count && i < options.jobs % lanes ? 1 : 0))
            if let sum { o.progress = { done, total in sum.report(i, done, total) } }
            return Result { () throws(ReportError) in
                try stageLanguage(spec, languages[i], staging: staging, finalRoot: finalRoot, options: o,
                                  specHash: specHash, datasetHash: datasetHash)
            }
        }
        // One lane: on the calling thread (a partitioned run's workers keep their Pango font maps and caches).
        let outcomes = lanes == 1 ? languages.indices.map(one) : UnitPool.run(count: languages.count, jobs: lanes, one)
        return try gather(outcomes, languages, options)
    }

    /// What staging one language made: its files (paths under the final folder), its counts and its notices.
    struct LanguageStaged: Sendable {
        var files: [WrittenFile] = []
        var figures = 0, tables = 0
        var notices: [String] = []
        var staged = false
    }

    /// The languages' outcomes in language order: notices given, files joined, the first failure thrown.
    private static func gather(_ outcomes: [Result<LanguageStaged?, ReportError>], _ languages: [Language],
                               _ options: ReportOptions) throws(ReportError) -> (Staged, [Language]) {
        var written = Staged()
        var staged: [Language] = []
        for (lang, outcome) in zip(languages, outcomes) {
            let one: LanguageStaged?
            do { one = try outcome.get() } catch { throw error }
            guard let one else { continue }
            for n in one.notices { options.notice(n) }
            written.figures = max(written.figures, one.figures)
            written.tables = max(written.tables, one.tables)
            written.files += one.files
            if one.staged { staged.append(lang) }
        }
        return (written, staged)
    }

    /// Builds, draws and writes one language into `staging/<lang>` with its manifest.
    private static func stageLanguage(_ spec: ReportSpec, _ lang: Language, staging: String, finalRoot: String,
                                      options: ReportOptions, specHash: String,
                                      datasetHash: String) throws(ReportError) -> LanguageStaged? {
        let fm = FileManager.default
        var one = LanguageStaged()
        let finalDir = (finalRoot as NSString).appendingPathComponent(lang.rawValue)
        let built: BuiltReport
        do { built = try spec.build(language: lang) } catch let e as SpecError { throw ReportError.spec(e) }
        catch let e as DataError { throw ReportError.data(e) }
        catch { throw ReportError.output("\(error)") }
        // Boundary files read with problems Annex tolerates (sliver rings dropped, a ring crossing itself).
        for w in built.warnings { one.notices.append("[\(lang.rawValue)] warning: \(w)") }
        one.figures = built.figures.count
        one.tables = built.tables.count
        let inputsHash = SHA256.hex(Array((specHash + datasetHash + built.inputs.map { hashPath($0) }.joined()
            + (built.period.map { "period " + $0.description } ?? "")).utf8))
        if options.incremental, unchanged(finalDir, inputsHash: inputsHash) {
            one.notices.append("[\(lang.rawValue)] skipped: the spec, the data it uses and the tool are unchanged since \(finalDir)/manifest.json")
            return one
        }
        let dir = (staging as NSString).appendingPathComponent(lang.rawValue)
        let files = try render(spec, built, lang: lang, options: options)
        for f in files {
            let path = (dir as NSString).appendingPathComponent(f.path)
            do {
                try fm.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try AtomicFile.write(f.bytes, to: path, syncFolder: false, durable: false)
            } catch let e as ReportError { throw e }
            catch let e as FileWriteError { throw ReportError.output(e.description) }
            catch { throw ReportError.output("\(path): \(error.localizedDescription)") }
        }
        let manifest = manifestJSON(spec, lang: lang, files: files, specHash: specHash, datasetHash: datasetHash, inputsHash: inputsHash,
                                    period: built.period)
        let manifestPath = (dir as NSString).appendingPathComponent("manifest.json")
        do { try AtomicFile.write(Array(manifest.utf8), to: manifestPath, syncFolder: false, durable: false) }
        catch { throw ReportError.output(error.description) }
        one.files = files.map { WrittenFile(path: (finalDir as NSString).appendingPathComponent($0.path), bytes: $0.bytes.count, title: $0.meta.title) }
        one.files.append(WrittenFile(path: (finalDir as NSString).appendingPathComponent("manifest.json"), bytes: manifest.utf8.count, title: "manifest"))
        one.staged = true
        return one
    }

    /// Puts every staged language in place. The staged languages and the identity (device and inode) of each new
    /// folder are written to `staging/.ready` first; then each folder is swapped in by one atomic exchange
    /// (`FolderSwap`), so a language folder is never missing, whenever the run is killed. A run killed between two
    /// swaps is finished by the next run (`recoverInterruptedRun`): no language stays older than a finished run.
    static func swapIn(_ langs: [Language], staging: String, output: String) throws(ReportError) {
        let st = staging as NSString
        let ready = langs.map { "\($0.rawValue) \(FolderSwap.identity(st.appendingPathComponent($0.rawValue)) ?? "-")\n" }.joined()
        do { try AtomicFile.write(ready, to: st.appendingPathComponent(".ready")) } catch { throw .output(error.description) }
        try finishSwap(staging: staging, output: output)
    }

    /// Swaps in every language of `staging/.ready` not yet in place; a staging folder without it is unfinished.
    static func finishSwap(staging: String, output: String) throws(ReportError) {
        let st = staging as NSString, out = output as NSString
        guard let ready = try? String(contentsOfFile: st.appendingPathComponent(".ready"), encoding: .utf8) else { return }
        for line in ready.split(separator: "\n") {
            let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2, let lang = Language(rawValue: parts[0]) else { continue }
            let target = out.appendingPathComponent(lang.rawValue), new = st.appendingPathComponent(lang.rawValue)
            if FolderSwap.identity(target) == parts[1] { continue }        // swapped in before the kill
            guard FolderSwap.identity(new) == parts[1] else { continue }   // not this run's folder: leave both
            do { _ = try FolderSwap.swap(new: new, into: target, aside: st.appendingPathComponent(".old-" + lang.rawValue)) }
            catch { throw .output(error.description) }
        }
        AtomicFile.syncDirectory(output)
    }

    /// After a run that died: a run that had finished rendering (its staging folder holds `.ready`) is swapped in;
    /// other staging folders are removed; a language folder moved aside by an older version is put back.
    /// (Called under the output folder's lock, so no other run is using them.)
    static func recoverInterruptedRun(_ output: String) {
        let fm = FileManager.default
        let out = output as NSString
        let names = ((try? fm.contentsOfDirectory(atPath: output)) ?? []).sorted()
        for name in names where name.hasPrefix(".annex-staging-") {
            try? finishSwap(staging: out.appendingPathComponent(name), output: output)
            // A partitioned run's units, each staged in a folder of its own.
            let st = out.appendingPathComponent(name) as NSString
            for unit in ((try? fm.contentsOfDirectory(atPath: st as String)) ?? []).sorted() where !unit.hasPrefix(".") {
                try? finishSwap(staging: st.appendingPathComponent(unit), output: out.appendingPathComponent(unit))
            }
            try? fm.removeItem(atPath: out.appendingPathComponent(name))
        }
        for name in names where name.hasPrefix(".annex-old-") {
            let lang = String(name.split(separator: "-").last ?? "")
            let finalDir = out.appendingPathComponent(lang)
            if !lang.isEmpty, !fm.fileExists(atPath: finalDir) { _ = rename(out.appendingPathComponent(name), finalDir) }
            else { try? fm.removeItem(atPath: out.appendingPathComponent(name)) }
        }
    }

    /// The hash of a file, or of every file of a folder.
    static func hashPath(_ path: String) -> String {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { return "missing:" + path }
        if isDir.boolValue { return hashFolder(path) }
        return SHA256.hex([UInt8](FileManager.default.contents(atPath: path) ?? Data()))
    }

    /// Builds and draws everything of one language, in parallel over `options.jobs` workers.
    static func render(_ spec: ReportSpec, _ built: BuiltReport, lang: Language, options: ReportOptions) throws(ReportError) -> [(path: String, bytes: [UInt8], meta: FileMeta)] {
        let formats = spec.formats
        var tasks: [RenderTask] = []
        for fig in built.figures {
            let n = fig.number, chart = fig.chart, scale = fig.pngScale
            let base = String(format: "figures/fig%02d", n)
            let title = chart.chartTexts.title
            tasks.append(RenderTask(name: "figure \(n)", cost: RenderTask.cost(of: chart) * Double(formats.count)) {
                let scene = try sceneOf(chart, "\(spec.file): figure \(n)")
                return try formats.map { f in
                    (base + "." + f.fileExtension, try bytesOf(scene, f, "figure \(n) (\(f.rawValue))", scale: scale),
                     FileMeta(kind: "figure", number: n, title: title, alt: scene.metadata.description))
                }
            })
            if spec.slides.contains(n) {
                let slide = chart.sized(width: 1920, height: 1080, theme: .slide)
                tasks.append(RenderTask(name: "slide \(n)") {
                    let scene = try sceneOf(slide, "\(spec.file): slide \(n)")
                    return [(String(format: "slides/fig%02d-slide.png", n), try bytesOf(scene, .png, "slide \(n)"),
                             FileMeta(kind: "slide", number: n, title: title, alt: scene.metadata.description))]
                })
            }
        }
        for (n, table) in built.tables {
            let base = String(format: "tables/tab%02d", n)
            tasks.append(RenderTask(name: "table \(n)") {
                let csv = CSVWriter.encode(header: table.columns.map(\.header), rows: table.rows.map { $0.map(\.text) } + (table.totals.map { [$0.map(\.text)] } ?? []),
                                           delimiter: lang.csvDelimiter)
                let meta = FileMeta(kind: "table", number: n, title: table.caption, alt: table.caption)
                return [(base + ".csv", csv, meta), (base + ".pdf", try pdfOf(AnnexDocument.tablePages(table, built, lang: lang), "table \(n)"), meta)]
            })
        }
        // The annex's figures, laid out anew for an A4 page, are tasks of their own; the annex is assembled from
        // them once every task is done.
        let annexScenes = SceneStore()
        for fig in built.figures {
            let n = fig.number, chart = fig.chart
            tasks.append(RenderTask(name: "figure \(n) for the annex", cost: RenderTask.cost(of: chart) * 0.5) {
                annexScenes.put(n, try AnnexFigure.scene(chart, layout: built.layout, "\(spec.file): figure \(n) in the annex"))
                return []
            })
        }
        // The Word annex's and the slide deck's pictures (OfficeExport.swift).
        let office = OfficeExport(spec: spec, built: built, lang: lang)
        tasks += office.tasks()
        let findings = built.findings.joined(separator: "\n") + "\n"
        var files: [(path: String, bytes: [UInt8], meta: FileMeta)]
        do {
            files = try RenderTask.run(tasks, jobs: options.jobs) { done, total, name in
                options.progress?(done, total)
                options.log("[\(lang.rawValue)] \(name)")
            }
        } catch { throw (error as? ReportError) ?? .output("\(error)") }
        if spec.documents.contains(.pdf) {
            let pages = AnnexDocument.pages(built, figures: annexScenes.all(), lang: lang)
            files.append(("annex.pdf", try pdfOf(pages, "annex"), FileMeta(kind: "annex", number: nil, title: built.title, alt: built.title)))
        }
        files += try office.files()
        options.log("[\(lang.rawValue)] annex")
        files.append(("findings.txt", Array(findings.utf8), FileMeta(kind: "findings", number: nil, title: lang.text(.keyFindings), alt: "")))
        return files.sorted { $0.path < $1.path }
    }

    static func sceneOf(_ chart: any ChartDescription, _ what: String) throws(ReportError) -> Scene {
        do { return try chart.scene(measurer: PangoTextMeasurer()) } catch { throw .chart(what, error) }
    }

    static func bytesOf(_ scene: Scene, _ f: OutputFormat, _ what: String, scale: Double = 1) throws(ReportError) -> [UInt8] {
        do { return try Renderer().render(scene, as: f, options: RenderOptions(scale: scale)) } catch { throw .render(what, error) }
    }

    static func pdfOf(_ pages: [Scene], _ what: String) throws(ReportError) -> [UInt8] {
        do { return try Renderer().renderPDF(pages: pages) } catch { throw .render(what, error) }
    }

    static func unchanged(_ dir: String, inputsHash: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: (dir as NSString).appendingPathComponent("manifest.json")),
              let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              (json["inputs"] as? [String: Any])?["sha256"] as? String == inputsHash,
              json["tool_version"] as? String == toolVersion,
              let files = json["files"] as? [[String: Any]] else { return false }
        return files.allSatisfy { f in
            guard let p = f["path"] as? String, let bytes = f["bytes"] as? Int,
                  let attrs = try? FileManager.default.attributesOfItem(atPath: (dir as NSString).appendingPathComponent(p)) else { return false }
            return (attrs[.size] as? Int) == bytes
        }
    }

    /// A hash of every file of a folder (names and contents, in sorted order).
    static func hashFolder(_ folder: String) -> String {
        let fm = FileManager.default
        var h = SHA256()
        let files = datasetFiles(folder) ?? ((fm.enumerator(atPath: folder)?.allObjects as? [String]) ?? []).sorted()
        for f in files {
            let p = (folder as NSString).appendingPathComponent(f)
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: p, isDirectory: &isDir), !isDir.boolValue, let d = fm.contents(atPath: p) else { continue }
            h.update(Array(f.utf8) + [0])
            h.update([UInt8](d))
        }
        return h.finish().map { let x = String($0, radix: 16); return x.count == 1 ? "0" + x : x }.joined()
    }

    /// The files a dataset folder's loading reads (its tables, its manifest and the boundaries it names), relative
    /// to the folder and sorted; nil for a folder that is not a dataset. Only these count for `--incremental`: a
    /// note or an export dropped into the folder changes nothing.
    static func datasetFiles(_ folder: String) -> [String]? {
        let manifestPath = (folder as NSString).appendingPathComponent(Dataset.File.manifest.rawValue)
        guard let text = try? String(contentsOfFile: manifestPath, encoding: .utf8) else { return nil }
        var files = Dataset.File.allCases.map(\.rawValue)
        if YAMLNesting.firstExcess(in: text) == nil, let node = try? Yams.compose(yaml: text),
           let file = node.mapping?[Node("boundaries")]?.mapping?[Node("file")]?.string {
            files.append(file)
        }
        return files.filter { FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent($0)) }.sorted()
    }

    static func manifestJSON(_ spec: ReportSpec, lang: Language, files: [(path: String, bytes: [UInt8], meta: FileMeta)],
                             specHash: String, datasetHash: String, inputsHash: String, period: Period? = nil) -> String {
        let s = JSONText.string
        var out = "{\n"
        out += "  \"tool\": \"annex\",\n  \"tool_version\": \(s(toolVersion)),\n  \"language\": \(s(lang.rawValue)),\n"
        out += "  \"spec\": {\"path\": \(s((spec.file as NSString).lastPathComponent)), \"sha256\": \(s(specHash))},\n"
        out += "  \"dataset\": {\"path\": \(s((spec.datasetPath as NSString).lastPathComponent)), \"sha256\": \(s(datasetHash))},\n"
        out += "  \"inputs\": {\"sha256\": \(s(inputsHash))},\n"
        if let period { out += "  \"period\": \(s(period.description)),\n" }
        out += "  \"files\": [\n"
        out += files.map { f in
            "    {\"path\": \(s(f.path)), \"sha256\": \(s(SHA256.hex(f.bytes))), \"bytes\": \(f.bytes.count), \"kind\": \(s(f.meta.kind)), "
                + "\"number\": \(f.meta.number.map(String.init) ?? "null"), \"title\": \(s(f.meta.title)), \"alt\": \(s(f.meta.alt))}"
        }.joined(separator: ",\n")
        out += "\n  ]\n}\n"
        return out
    }
}

/// Scenes made by parallel tasks, by figure number.
final class SceneStore: @unchecked Sendable {
    private let lock = NSLock()
    private var scenes: [Int: Scene] = [:]
    func put(_ n: Int, _ s: Scene) { lock.lock(); scenes[n] = s; lock.unlock() }
    func all() -> [(Int, Scene)] { lock.lock(); defer { lock.unlock() }; return scenes.keys.sorted().map { ($0, scenes[$0]!) } }
}

extension ResultStore {
    /// Hands out task indices to workers.
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var next = 0
        func take(below n: Int) -> Int? { lock.lock(); defer { lock.unlock() }; guard next < n else { return nil }; next += 1; return next - 1 }
    }
}
