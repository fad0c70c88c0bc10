// The `annex` command: its subcommands, version and exit codes. Each subcommand has its own file.

import AnnexReport
import ArgumentParser

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
