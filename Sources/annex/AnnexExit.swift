// The exit codes of `annex`: one enum, so that every command, the help text and the README say the same.

import ArgumentParser

/// How an `annex` run ended, as its exit status. The codes are those of BSD's sysexits.h, so that a cron job or CI
/// script can tell a wrong call from bad data from a full disk. Every command throws `ExitCode(AnnexExit.…)`; the
/// README's table of exit codes lists the same cases.
enum AnnexExit: Int32, CaseIterable, Sendable {
    /// Everything asked for was done (also an incremental report with nothing to do).
    case success = 0

    /// An error that no command turned into one of the codes below, reported by ArgumentParser as `Error: …`.
    /// Only `annex bench` lets one through (a benchmark that could not run).
    case failure = 1

    /// Wrong arguments (EX_USAGE): an unknown option or subcommand, no subcommand, a value out of range, or a
    /// metric, group or year that the dataset does not have. ArgumentParser's own validation errors exit with it too.
    case usage = 64

    /// Bad input data (EX_DATAERR): a dataset, workbook, CSV or GeoJSON file with problems, each listed with its
    /// file, line and column; also a report spec whose dataset is not valid.
    case dataError = 65

    /// A bad spec (EX_NOINPUT in sysexits.h): a chart or report spec that cannot be read or does not say what
    /// is needed, listed with its file, line and key.
    case specError = 66

    /// A chart could not be laid out or drawn, or another step failed inside Annex (EX_SOFTWARE): a workbook
    /// could not be made, or the parallel benchmark's outputs differ between one and two jobs.
    case internalError = 70

    /// An output file or folder could not be written (EX_CANTCREAT), or it exists and must not be overwritten.
    case cannotWrite = 73

    /// What the code means, in the words of the help text.
    var meaning: String {
        switch self {
        case .success: "success"
        case .failure: "an unexpected error"
        case .usage: "wrong arguments"
        case .dataError: "bad input data"
        case .specError: "bad spec"
        case .internalError: "a chart could not be drawn"
        case .cannotWrite: "an output file could not be written"
        }
    }

    /// "Exit codes: 0 success; 64 wrong arguments; …" for the commands' help (the codes a user meets; not 1).
    static var summary: String {
        "Exit codes: " + allCases.filter { $0 != .failure }.map { "\($0.rawValue) \($0.meaning)" }.joined(separator: "; ") + "."
    }

    /// The code of a failed report run (ReportError's exit code is always one of these cases).
    init(reportExitCode code: Int32) {
        self = AnnexExit(rawValue: code) ?? .internalError
    }

    /// The code that a benchmark passes on when an `annex` child process fails: the child's own code, or
    /// `internalError` when it ended otherwise (killed by a signal, which `ChildProcess` reports as 128 + signal).
    init(childStatus status: Int32) {
        self = AnnexExit(rawValue: status) ?? .internalError
    }
}

extension ExitCode {
    /// The exit status of an `AnnexExit` case: `throw ExitCode(.dataError)`.
    init(_ code: AnnexExit) { self.init(code.rawValue) }
}
