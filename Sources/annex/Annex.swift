import AnnexData
import AnnexRender
import AnnexReport
import ArgumentParser
import Foundation

@main
struct Annex: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "annex",
        abstract: "Statistics, charts and tables for New Rural Development (NTM) report annexes.",
        discussion: """
            Exit codes: 0 success; 64 wrong arguments; 65 bad input data; 70 a chart could not be drawn; \
            73 an output file could not be written.
            """,
        version: AnnexVersion.string,
        subcommands: [Report.self, Validate.self, Bench.self],
        defaultSubcommand: nil)
}

enum AnnexVersion {
    static let string = "0.1.0"
}

/// Options naming the dataset.
struct DatasetOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Dataset folder (facts.csv, groups.csv, sources.csv).",
                                            discussion: "Defaults to the bundled Datasets/langson-notices.",
                                            valueName: "dir"))
    var dataset: String?

    func resolve() throws -> String {
        if let d = dataset { return d }
        if let found = BundledData.find("Datasets/langson-notices") { return found }
        throw ValidationError("cannot find the bundled dataset Datasets/langson-notices; run from the project folder or pass --dataset DIR")
    }
}

enum BundledData {
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
extension OutputFormat: ExpressibleByArgument {}

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render the default annex of a dataset: figures as PNG, SVG and PDF, tables as CSV.",
        discussion: "With no arguments, renders the bundled Lạng Sơn dataset in Vietnamese into Output/<lang>/.")

    @OptionGroup var data: DatasetOptions

    @Option(name: [.short, .long], help: ArgumentHelp("Output folder.", valueName: "dir"))
    var output: String = "Output"

    @Option(name: .long, help: "Language of labels and number format: vi (11,54) or en (11.54).")
    var lang: Language = .vi

    @Option(name: .long, parsing: .upToNextOption, help: "Formats to write: png, svg, pdf.")
    var format: [OutputFormat] = OutputFormat.allCases

    @Option(name: .long, help: "PNG pixel density (2 for high-resolution slides).")
    var scale: Double = 1

    @Flag(name: [.short, .long], help: "Print nothing but errors.")
    var quiet = false

    func validate() throws {
        guard scale.isFinite, scale > 0, scale <= 8 else {
            throw ValidationError("--scale must be a number from 0 to 8, found \(scale)")
        }
    }

    func run() throws {
        let folder = try data.resolve()
        let facts: NoticeFacts
        do { facts = try NoticeFacts.load(folder: folder) } catch {
            Stderr.print(error.description)
            throw ExitCode(65)
        }
        let dir = (output as NSString).appendingPathComponent(lang.rawValue)
        let annex = DefaultAnnex(facts: facts, language: lang, formats: format, pngScale: scale)
        do {
            let files = try annex.run(into: dir, measurer: PangoTextMeasurer())
            if !quiet {
                for f in files { print("wrote \(f.path) (\(f.bytes) bytes)") }
            }
        } catch {
            Stderr.print("annex: \(error.description)")
            throw ExitCode(error.exitCode)
        }
    }
}

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a dataset and list every problem with its file, line and column.")

    @OptionGroup var data: DatasetOptions

    func run() throws {
        let folder = try data.resolve()
        do {
            let facts = try NoticeFacts.load(folder: folder)
            print("\(folder): \(facts.facts.count) facts, \(facts.groups.count) groups, \(facts.sources.count) sources: no problems")
        } catch {
            Stderr.print(error.description)
            throw ExitCode(65)
        }
    }
}

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Time the default annex's figure: scene layout and each output format (medians over repeated runs).",
        discussion: "Build with `swift build -c release` first: debug builds are several times slower.")

    @OptionGroup var data: DatasetOptions

    @Option(name: [.short, .long], help: "Repetitions of each measurement.")
    var iterations: Int = 50

    func validate() throws {
        guard (1...100_000).contains(iterations) else { throw ValidationError("--iterations must be 1 to 100000, found \(iterations)") }
    }

    func run() throws {
        let facts: NoticeFacts
        do { facts = try NoticeFacts.load(folder: try data.resolve()) } catch let e as DataError {
            Stderr.print(e.description); throw ExitCode(65)
        }
        let results = try AnnexBench.run(facts: facts, iterations: iterations)
        func ms(_ x: Double) -> String { String(format: "%8.2f", x) }
        print("what                    median ms    p10 ms    p90 ms     bytes   (\(iterations) runs)")
        for r in results {
            print(r.name.padding(toLength: 22, withPad: " ", startingAt: 0) + "  " + ms(r.median) + "  " + ms(r.p10)
                  + "  " + ms(r.p90) + "  " + String(format: "%8d", r.bytes))
        }
    }
}

enum Stderr {
    static func print(_ s: String) {
        FileHandle.standardError.write(Data((s + "\n").utf8))
    }
}
