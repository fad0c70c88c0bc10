// Partitioned runs (`each: district`): one annex per unit, units drawn in parallel, each swapped into
// `OUT/<code>-<slug>/` by itself, then an index of every unit (`OUT/index.json`, `OUT/index.md`).

import AnnexData
import AnnexIO
import Foundation

/// How one unit of a partitioned run ended, as the index lists it.
public struct UnitOutcome: Sendable {
    /// The district or province the annex is for.
    public var unit: PartitionUnit
    /// `written`, `unchanged` (an incremental run found nothing new) or `failed`.
    public var status: String
    /// How many figures the unit's annex has (the most of its languages).
    public var figures: Int
    /// How many tables the unit's annex has (the most of its languages).
    public var tables: Int
    /// The languages written for the unit.
    public var languages: [Language]
    /// The error of a failed unit, as printed.
    public var error: String?
}

extension ReportRunner {
    /// Runs `spec` once per unit of `each`, under the output folder's lock (held by the caller): every unit is
    /// rendered into the staging folder on `options.jobs` workers (one unit per worker; the bytes do not depend
    /// on the number), then each unit that succeeded has its languages swapped in as a one-annex run does. A unit
    /// that fails is reported with its error and leaves its previous folder as it was; the others are written.
    static func runPartitioned(_ spec: ReportSpec, each: PartitionLevel, options: ReportOptions) throws(ReportError) -> [WrittenFile] {
        let fm = FileManager.default
        let output = options.output
        let staging = (output as NSString).appendingPathComponent(".annex-staging-\(getpid())")
        let dataRoot = workingFolder(staging)
        defer { try? fm.removeItem(atPath: staging); try? fm.removeItem(atPath: dataRoot) }
        let units: [PartitionUnit]
        var regionName: String? = nil
        switch each {
        case .district:
            let ds: Dataset
            do { ds = try Dataset.load(folder: spec.datasetPath) } catch { throw .data(error) }
            regionName = ds.manifest.regionName
            units = Partition.districts(of: ds, dataRoot: dataRoot)
            do { try Partition.writeDatasets(from: ds, units: units) } catch {
                throw .output("\(dataRoot): cannot write the districts' datasets: \(error)")
            }
        case .province:
            do { units = try Partition.provinces(in: spec.datasetPath) } catch { throw .data(error) }
        }
        let languages = options.languages ?? spec.languages
        // Few units and many jobs: the jobs left over draw inside a unit.
        var innerOptions = options
        innerOptions.jobs = units.count >= options.jobs ? 1 : max(1, options.jobs / max(1, units.count))
        innerOptions.progress = nil
        let inner = innerOptions, region = regionName
        let done = UnitPool.Tally(), total = units.count
        let results = UnitPool.run(count: units.count, jobs: options.jobs) { i -> Result<(Staged, [Language]), ReportError> in
            let unit = units[i]
            var u = spec
            u.datasetPath = unit.datasetPath
            u.leavesOutMaps = each == .district
            u.placeholders = each == .district ? ["district": unit.name, "region": region ?? ""] : ["province": unit.name, "region": unit.name]
            u = u.substituted()
            var o = inner
            let log = options.log
            o.log = { log("[\(unit.folder)] " + $0) }
            o.notice = { [notice = options.notice] in notice("[\(unit.folder)] " + $0) }
            let r = Result<(Staged, [Language]), ReportError>(catching: { () throws(ReportError) in
                try stage(u, languages: languages, staging: (staging as NSString).appendingPathComponent(unit.folder),
                          finalRoot: (output as NSString).appendingPathComponent(unit.folder), options: o)
            })
            options.progress?(done.increment(), total)
            options.log("[\(unit.folder)] " + ((try? r.get()) == nil ? "failed" : "done"))
            return r
        }
        // Every staged file on disk before any is swapped in: one sync of the file system, not one per file.
        AtomicFile.syncFileSystem(of: staging)
        var written: [WrittenFile] = [], outcomes: [UnitOutcome] = [], failed: [(folder: String, error: ReportError)] = []
        for (unit, result) in zip(units, results) {
            var outcome = UnitOutcome(unit: unit, status: "failed", figures: 0, tables: 0, languages: languages, error: nil)
            do {
                let (staged, langs) = try result.get()
                outcome.figures = staged.figures; outcome.tables = staged.tables
                if langs.isEmpty { outcome.status = "unchanged" } else {
                    let target = (output as NSString).appendingPathComponent(unit.folder)
                    do { try fm.createDirectory(atPath: target, withIntermediateDirectories: true) } catch {
                        throw ReportError.output("\(target): cannot create the unit's folder: \(error.localizedDescription)")
                    }
                    try swapIn(langs, staging: (staging as NSString).appendingPathComponent(unit.folder), output: target)
                    outcome.status = "written"
                    written += staged.files
                }
            } catch let e as ReportError {
                outcome.error = e.description
                failed.append((unit.folder, e))
            } catch { failed.append((unit.folder, .output("\(error)"))) }
            outcomes.append(outcome)
        }
        written += try writeIndex(outcomes, spec: spec, each: each, output: options.output)
        AtomicFile.syncDirectory(options.output)
        if !failed.isEmpty { throw .units(failed) }
        return written
    }

    /// Where the districts' datasets are cut to: a memory file system (`/dev/shm`) when there is one, since
    /// thousands of small files are written, read once and removed (on a disk mounted with `discard` each removal
    /// waits for the device); else the staging folder.
    static func workingFolder(_ staging: String) -> String {
        var shm = stat()
        if stat("/dev/shm", &shm) == 0, (shm.st_mode & S_IFMT) == S_IFDIR, access("/dev/shm", W_OK) == 0 {
            return "/dev/shm/annex-data-\(getpid())-\(UUID().uuidString)"
        }
        return (staging as NSString).appendingPathComponent(".data")
    }

    /// Writes `index.json` and `index.md` into the output folder, each atomically: every unit in order, its
    /// folder, status, numbers of figures and tables, and the error of a failed one.
    static func writeIndex(_ outcomes: [UnitOutcome], spec: ReportSpec, each: PartitionLevel, output: String) throws(ReportError) -> [WrittenFile] {
        let s = JSONText.string
        var json = "{\n  \"tool\": \"annex\",\n  \"tool_version\": \(s(toolVersion)),\n"
        json += "  \"spec\": \(s((spec.file as NSString).lastPathComponent)),\n  \"each\": \(s(each.rawValue)),\n"
        json += "  \"units\": [\n" + outcomes.map { o in
            "    {\"code\": \(s(o.unit.code)), \"name\": \(s(o.unit.name)), \"folder\": \(s(o.unit.folder)), \"status\": \(s(o.status)), "
                + "\"figures\": \(o.figures), \"tables\": \(o.tables), \"languages\": [\(o.languages.map { s($0.rawValue) }.joined(separator: ", "))], "
                + "\"error\": \(o.error.map(s) ?? "null")}"
        }.joined(separator: ",\n") + "\n  ]\n}\n"
        let ok = outcomes.filter { $0.status != "failed" }.count
        var md = "# \((spec.file as NSString).lastPathComponent): one annex per \(each.rawValue)\n\n"
        md += "\(outcomes.count) \(each.rawValue == "district" ? "districts" : "provinces"): \(ok) written or unchanged, \(outcomes.count - ok) failed.\n\n"
        md += "| Code | Name | Folder | Figures | Tables | Status |\n|---|---|---|---:|---:|---|\n"
        for o in outcomes {
            let links = o.status == "failed" ? o.unit.folder : o.languages.map { "[\($0.rawValue)](\(o.unit.folder)/\($0.rawValue)/annex.pdf)" }.joined(separator: " ")
            let status = o.error.map { "failed: " + $0.replacingOccurrences(of: "\n", with: "; ").replacingOccurrences(of: "|", with: "\\|") } ?? o.status
            md += "| \(o.unit.code) | \(o.unit.name) | \(o.status == "failed" ? o.unit.folder : o.unit.folder + " (" + links + ")") | \(o.figures) | \(o.tables) | \(status) |\n"
        }
        var files: [WrittenFile] = []
        for (name, text) in [("index.json", json), ("index.md", md)] {
            let path = (output as NSString).appendingPathComponent(name)
            do { try AtomicFile.write(text, to: path) } catch { throw .output(error.description) }
            files.append(WrittenFile(path: path, bytes: text.utf8.count, title: "index"))
        }
        return files
    }
}

final class PoolBox<T>: @unchecked Sendable {
    let lock = NSLock()
    var results: [Int: T] = [:]
}

/// Runs `count` pieces of work on `jobs` threads, every one of them (a failure does not stop the others), and
/// returns their results in index order.
enum UnitPool {
    static func run<T>(count: Int, jobs: Int, _ work: @escaping @Sendable (Int) -> T) -> [T] {
        let box = PoolBox<T>(), next = ResultStore.Counter(), group = DispatchGroup()
        for _ in 0..<max(1, min(jobs, count)) {
            group.enter()
            // Threads of their own, not the dispatch pool's: a unit waits for its drawing tasks, which run there.
            let t = Thread {
                defer { group.leave() }
                while let i = next.take(below: count) {
                    let r = work(i)
                    box.lock.lock(); box.results[i] = r; box.lock.unlock()
                }
            }
            t.stackSize = 8 << 20
            t.start()
        }
        group.wait()
        return (0..<count).map { box.results[$0]! }
    }

    /// A count shared by threads.
    final class Tally: @unchecked Sendable {
        private let lock = NSLock()
        private var n = 0
        func increment() -> Int { lock.lock(); defer { lock.unlock() }; n += 1; return n }
    }
}
