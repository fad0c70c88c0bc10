// `annex report`: a whole report annex from a spec.

import AnnexData
import AnnexReport
import ArgumentParser
import Foundation

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render a whole report annex from a spec: figures, tables, slides, the A4 annex PDF, key findings, manifest.",
        discussion: """
            With no spec, renders the bundled default annex (Reports/langson-2020.yaml) into Output/<lang>/. The run \
            renders into a hidden folder and replaces the previous annex only when everything succeeded.
            """ + " " + AnnexExit.summary)

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

    @Option(name: .long, help: ArgumentHelp("The period of a monthly or quarterly report: 2020-06, 2020-Q2, or latest (the last period with actual figures); in place of the spec's period:.", valueName: "period"))
    var period: String?

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
        options.period = period
        options.notice = { logger.info($0) }
        let started = Date()
        let files: [WrittenFile]
        do { files = try ReportRunner.run(specPath: specPath, options: options) } catch {
            for line in error.description.split(separator: "\n") { logger.error(String(line)) }
            throw ExitCode(AnnexExit(reportExitCode: error.exitCode))
        }
        if !quiet { for f in files { print("wrote \(f.path) (\(f.bytes) bytes)") } }
        logger.info("\(files.count) files in \(String(format: "%.2f", Date().timeIntervalSince(started))) s")
    }
}
