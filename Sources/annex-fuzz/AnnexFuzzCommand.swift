// Owns the `annex-fuzz` command line: `run` (the driver), `worker` (the child the driver starts), `replay`
// (one saved case in-process) and `generate` (write one case without running it). See docs/fuzzing.md.

import AnnexFuzz
import ArgumentParser
import Foundation

@main
struct AnnexFuzzCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "annex-fuzz",
        abstract: "Structure-aware fuzzing of Annex's parsers: datasets, chart specs, report specs, GeoJSON, Excel workbooks.",
        discussion: "Targets: \(FuzzTargets.names.joined(separator: ", ")). See docs/fuzzing.md.",
        subcommands: [Run.self, WorkerCommand.self, ReplayCommand.self, GenerateCommand.self])
}

/// The repository whose files are the seed inputs: --root, else the current folder or one above the executable.
func findRoot(_ given: String?) throws -> String {
    if let given { return given }
    let fm = FileManager.default
    var candidates = [fm.currentDirectoryPath]
    var exe = URL(fileURLWithPath: (try? fm.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0])
    for _ in 0..<6 { exe.deleteLastPathComponent(); candidates.append(exe.path) }
    for dir in candidates where fm.fileExists(atPath: (dir as NSString).appendingPathComponent("Datasets/langson/manifest.yaml")) {
        return dir
    }
    throw ValidationError("cannot find the repository (Datasets/langson); run from the project folder or pass --root")
}

struct Run: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Fuzz targets for a while, saving crashes and hangs under --out.")

    @Option(help: "all, or one of: \(FuzzTargets.names.joined(separator: ", ")).") var target = "all"
    @Option(help: "Seconds in all (split evenly between the targets).") var seconds: Double = 600
    @Option(help: "Seed of the case generator: the same seed gives the same cases.") var seed: UInt64 = 1
    @Option(help: "Output folder (crashes/, hangs/, summary.txt).") var out = "Output/fuzz"
    @Option(help: "Case timeout in seconds (default: 10, the report target 30).") var timeout: Double?
    @Option(help: "The repository with the seed inputs (default: found from here).") var root: String?

    func validate() throws {
        guard target == "all" || FuzzTargets.named(target) != nil else {
            throw ValidationError("--target must be all or one of \(FuzzTargets.names.joined(separator: ", ")), found \(target)")
        }
        guard seconds > 0 else { throw ValidationError("--seconds must be positive") }
    }

    func run() throws {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        let options = DriverOptions(targets: target == "all" ? FuzzTargets.names : [target], seconds: seconds, seed: seed,
                                    out: out, root: try findRoot(root), executable: exe, timeout: timeout)
        print("annex-fuzz: seed \(seed), \(Int(seconds)) s over \(options.targets.joined(separator: ", ")), output in \(out)")
        let stats: [TargetStats]
        do { stats = try Driver.run(options) { print("annex-fuzz: " + $0) } } catch {
            FileHandle.standardError.write(Data("annex-fuzz: \(error)\n".utf8)); throw ExitCode(70)
        }
        print("\nannex-fuzz: figures (also in \(out)/summary.txt)")
        for s in stats { print("  " + s.summary) }
        print(Driver.distinctFindings(stats))
    }
}

struct WorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "worker", abstract: "Run cases in-process, reporting on a pipe (started by `run`).")

    @Option var target: String
    @Option var seed: UInt64 = 1
    @Option var start: UInt64 = 0
    @Option(help: "Stop after this many cases (default: run until killed).") var count: UInt64?
    @Option var root: String?
    @Option var scratch: String
    @Option(help: "File descriptor of the pipe to the driver (1: standard output).") var fd: Int32 = 1

    func run() throws {
        guard let t = FuzzTargets.named(target) else { throw ValidationError(FuzzError.unknownTarget(target).description) }
        try Worker(target: t, seed: seed, start: start, count: count, root: try findRoot(root), scratch: scratch, fd: fd).run()
    }
}

struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay", abstract: "Run one saved case in this process and print how far it got (exit 0 unless it crashes).")

    @Argument(help: "The case's folder (OUT/crashes/<target>/<seed>-<index>, or a fixture).") var path: String
    @Option(help: "The target (default: from the case's fuzz-case.txt or the folder above it).") var target: String?

    func run() throws {
        guard let t = target.flatMap(FuzzTargets.named) ?? Replay.target(of: path) else {
            throw ValidationError("cannot tell the target of \(path): pass --target \(FuzzTargets.names.joined(separator: "|"))")
        }
        let outcome = try Replay.run(folder: path, target: t) { print("stage: \($0.word)") }
        print("\(t.name): \(outcome.stage.word)" + (outcome.error.map { "\n" + $0 } ?? ""))
    }
}

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "generate", abstract: "Write case --index of a target to a folder without running it.")

    @Option var target: String
    @Option var seed: UInt64 = 1
    @Option var index: UInt64 = 0
    @Option(help: "Folder to write the case into.") var out: String
    @Option var root: String?

    func run() throws {
        guard let t = FuzzTargets.named(target) else { throw ValidationError(FuzzError.unknownTarget(target).description) }
        let seeds = try t.seeds(root: try findRoot(root))
        let c = Mutators.generate(target: t, seeds: seeds, vocabulary: Mutators.vocabulary(seeds), seed: seed, index: index)
        try c.write(to: out, header: Worker.header(target: t.name, seed: seed, index: index))
        print(([c.seedName] + c.mutations).joined(separator: "\n"))
    }
}
