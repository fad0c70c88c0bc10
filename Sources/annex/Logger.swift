import AnnexIO
import ArgumentParser
import Foundation

/// How log lines are written.
enum LogFormat: String, CaseIterable, ExpressibleByArgument { case text, json }

/// Log lines on standard error, as a person at a terminal or a cron job's log file wants them: `annex: …` at a
/// terminal; `2026-06-30T02:00:01Z annex info: …` when standard error is a file or a pipe; one JSON object a line
/// with `--log-format json`. Errors always; information unless `--quiet`; steps with `--verbose`.
struct Logger: Sendable {
    let format: LogFormat
    let quiet: Bool
    let verbose: Bool
    let terminal = isatty(2) == 1

    func error(_ message: String) { emit("error", message) }
    func info(_ message: String) { if !quiet { emit("info", message) } }
    func debug(_ message: String) { if verbose { emit("debug", message) } }

    func emit(_ level: String, _ message: String) {
        let line: String
        switch format {
        case .json:
            line = "{\"time\": \"\(Logger.now())\", \"level\": \"\(level)\", \"message\": \(JSONText.string(message))}"
        case .text:
            line = terminal ? "annex: " + message : "\(Logger.now()) annex \(level): \(message)"
        }
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// The time in ISO 8601, UTC, to the second.
    static func now() -> String {
        var t = time(nil), tm = tm()
        gmtime_r(&t, &tm)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec)
    }
}
