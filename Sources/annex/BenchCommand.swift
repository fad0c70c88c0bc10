// `annex bench`: the speed benchmarks (the suites; the timing machinery is AnnexTools' AnnexBench).

import AnnexData
import AnnexImport
import AnnexRender
import AnnexSheets
import AnnexTools
import ArgumentParser
import Foundation

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Time every chart type: scene layout, and scene plus drawing and encoding to PNG, SVG and PDF (medians).",
        discussion: "Build with `swift build -c release` first: debug builds are several times slower.")

    @OptionGroup var data: DatasetOptions

    @Option(name: [.short, .long], help: "Repetitions of each measurement.")
    var iterations: Int = 30

    @Option(name: .long, help: "Only chart types whose name contains this.")
    var only: String?

    @Option(name: .long, help: "What to time: reference, charts, annex, parallel, analytics, import, each, maps or all.")
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
        guard ["reference", "charts", "annex", "parallel", "analytics", "import", "each", "maps", "all"].contains(suite) else {
            throw ValidationError("--suite must be reference, charts, annex, parallel, analytics, import, each, maps or all, found \(suite)")
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
                    guard status == 0 else { throw ExitCode(AnnexExit(childStatus: status)) }
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
            guard digests[1] == digests[2] else { throw ExitCode(.internalError) }
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
        if suite == "each" || suite == "all" { try eachSuite(row) }
        if suite == "maps" || suite == "all" { try mapsSuite(row) }
    }
}

extension Bench {
    /// `annex chart` on the national province map (`Tests/Fixtures/vietnam-provinces/provinces-map.yaml`: 63
    /// provinces, about 74,000 vertices, two insets) as a cold process per format: wall time, peak memory and the
    /// file's size. Goal: at most 0.3 s and 120 MB per chart.
    func mapsSuite(_ row: (Timing) -> Void) throws {
        guard let spec = BundledData.findFile("Tests/Fixtures/vietnam-provinces/provinces-map.yaml") else {
            throw ValidationError("cannot find Tests/Fixtures/vietnam-provinces/provinces-map.yaml (run from the project folder)")
        }
        let runs = smoke ? 1 : max(3, min(iterations, 7))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("annex-bench-maps-\(getpid())").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        print("-- national province map (63 provinces, 2 insets), `annex chart` as a cold process per format, \(runs) runs; goal ≤ 300 ms, ≤ 120 MB")
        for format in ["png", "svg", "pdf"] {
            let out = dir + "/provinces." + format
            var t = Timing(name: "province map → \(format.uppercased()), whole process")
            var cpu = Timing(name: "   CPU time of the process (user + system)")
            var peakKiB = 0
            // The children's CPU time (getrusage), beside the wall time: on a busy machine the wall time also
            // counts the time the process waited for a processor.
            func childCPU() -> Double {
                var u = rusage()
                getrusage(RUSAGE_CHILDREN.rawValue, &u)
                return Double(u.ru_utime.tv_sec + u.ru_stime.tv_sec) * 1000 + Double(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1000
            }
            for _ in 0..<runs {
                let before = childCPU()
                let (status, ms, rss) = try ChildProcess.run(exe, ["chart", spec, "-o", out])
                guard status == 0 else { throw ExitCode(AnnexExit(childStatus: status)) }
                t.samples.append(ms)
                cpu.samples.append(childCPU() - before)
                peakKiB = max(peakKiB, rss)
            }
            t.bytes = ((try? FileManager.default.attributesOfItem(atPath: out)[.size]) as? Int) ?? 0
            row(t)
            row(cpu)
            print("   peak memory (largest of \(runs)): \(peakKiB / 1024) MB; " + Self.verdict(timeMet: t.median <= 300, memoryMet: peakKiB <= 120 * 1024))
        }
    }
}

extension Bench {
    /// `annex report Reports/each-district.yaml` (`each: district`: one annex per district, both languages) on a
    /// national-size synthetic dataset (8 000 communes in about 670 districts; 400 with --smoke) with `--jobs 2`,
    /// as a cold process: wall time and peak memory of the whole run.
    func eachSuite(_ row: (Timing) -> Void) throws {
        guard let spec = BundledData.findFile("Reports/each-district.yaml") else { throw ValidationError("cannot find Reports/each-district.yaml") }
        let communes = smoke ? 400 : 8000, runs = smoke ? 1 : max(1, min(iterations, 3))
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("annex-bench-each-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try SyntheticDataset.write(to: dir + "/data", communes: communes, seed: 1)
        let districts = try Dataset.load(folder: dir + "/data").districtOrder.count
        print("-- each: district, \(communes) communes in \(districts) districts, both languages, --jobs 2, cold process, \(runs) runs")
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var cold = Timing(name: "each: district, \(districts) annexes, --jobs 2")
        var peakKiB = 0
        for i in 0..<runs {
            let (status, ms, rss) = try ChildProcess.run(exe, ["report", spec, "--dataset", dir + "/data", "-q", "-o", dir + "/out\(i)", "--jobs", "2"])
            guard status == 0 else { throw ExitCode(AnnexExit(childStatus: status)) }
            cold.samples.append(ms)
            peakKiB = max(peakKiB, rss)
            try? FileManager.default.removeItem(atPath: dir + "/out\(i)")
        }
        row(cold)
        print(String(format: "   %.1f ms per district annex (both languages); peak memory of the process (largest of %d): %d MB; goal for ~700 districts: 60 s",
                     cold.median / Double(districts), runs, peakKiB / 1024))
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

extension Bench {
    /// `annex import` of a national-size workbook (a sheet per year, 19 criteria per commune, made from a synthetic
    /// dataset through `annex init`'s layout): the whole command as a cold process (wall time, peak memory), then
    /// reading and mapping alone, in process.
    func importSuite(_ row: (Timing) -> Void) throws {
        let communes = smoke ? 400 : 8000, runs = smoke ? 1 : 5
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("annex-bench-import-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try SyntheticDataset.write(to: dir + "/source", communes: communes, seed: 1)
        let ds = try Dataset.load(folder: dir + "/source")
        let book = dir + "/book.xlsx"
        let data = try XLSXWriter.data(Template.filled(province: "Synthetic", years: [2018, 2019, 2020], dataset: ds))
        try data.write(to: URL(fileURLWithPath: book))
        print("-- import: a workbook of \(communes) communes × 3 year sheets × 19 criteria (\(data.count / 1024) KB), \(runs) runs")
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var cold = Timing(name: "annex import, cold process", samples: [], bytes: 0)
        var peakKiB = 0
        for i in 0..<runs {
            let (status, ms, rss) = try ChildProcess.run(exe, ["import", book, "-o", dir + "/out\(i)", "-q"])
            guard status == 0 else { throw ExitCode(AnnexExit(childStatus: status)) }
            cold.samples.append(ms)
            peakKiB = max(peakKiB, rss)
        }
        row(cold)
        print("   peak memory of the cold process (largest of \(runs)): \(peakKiB / 1024) MB")
        var read = Timing(name: "read the workbook and map its rows", samples: [], bytes: 0)
        for _ in 0..<runs {
            read.samples.append(try AnnexBench.milliseconds { _ = try Importer().read([book]) })
        }
        row(read)
    }

    /// Whether the province map met its goal (≤ 300 ms, ≤ 120 MB), and which part it missed. A debug build (the smoke run
    /// of `make test`) is several times slower: its times are not judged.
    static func verdict(timeMet: Bool, memoryMet: Bool) -> String {
        #if DEBUG
        return "goal not judged (a debug build; the goal is for release builds)"
        #else
        switch (timeMet, memoryMet) {
        case (true, true): return "goal met"
        case (false, true): return "goal not met (wall time)"
        case (true, false): return "goal not met (memory)"
        case (false, false): return "goal not met (wall time and memory)"
        }
        #endif
    }
}
