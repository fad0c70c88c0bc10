// The `annex` command: its subcommands, version and exit codes. Each subcommand has its own file.

import AnnexReport
import ArgumentParser

@main
struct Annex: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "annex",
        abstract: "Statistics, charts and tables for New Rural Development (NTM) report annexes.",
        discussion: AnnexExit.summary,
        version: AnnexVersion.string,
        subcommands: [Report.self, Chart.self, Gallery.self, Analyze.self, Validate.self, Import.self, Init.self, Boundaries.self, Generate.self, Bench.self],
        defaultSubcommand: nil)

    /// Sets the allocator's policy (``MemoryPolicy``), then parses the arguments and runs the subcommand.
    static func main() {
        MemoryPolicy.apply()
        main(nil)
    }

    /// `annex` alone is a wrong call: the help goes to standard error and the exit code is 64 (`AnnexExit.usage`).
    func run() throws {
        Stderr.print(Annex.helpMessage())
        Stderr.print("annex: give a subcommand (see above)")
        throw ExitCode(.usage)
    }
}

enum AnnexVersion {
    /// The one version of Annex (manifests and PDFs say it too).
    static let string = ReportRunner.toolVersion
}
