// Owns saving a crash or hang: the running case's folder copied from the scratch folder to
// OUT/crashes|hangs/<target>/<seed>-<index>/, with the worker's last output, a README saying what happened
// and how to replay it, and a short signature that groups findings of the same cause.

import Foundation

/// A crash (the worker died) or a hang (a case outran its timeout).
enum FindingKind: String { case crash = "crashes", hang = "hangs" }

extension Driver {
    static func record(_ kind: FindingKind, index: UInt64, how: String, stage: Stage, _ target: any FuzzTarget,
                       _ options: DriverOptions, scratch: String, stats: inout TargetStats) {
        let fm = FileManager.default
        let dir = (((options.out as NSString).appendingPathComponent(kind.rawValue) as NSString)
            .appendingPathComponent(target.name) as NSString).appendingPathComponent("\(options.seed)-\(index)")
        try? fm.removeItem(atPath: dir)
        try? fm.createDirectory(atPath: (dir as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try? fm.copyItem(atPath: Worker.caseFolder(scratch: scratch), toPath: dir)
        let log = tail((scratch as NSString).appendingPathComponent("worker.log"), bytes: 24_000)
        try? Data(log.utf8).write(to: URL(fileURLWithPath: (dir as NSString).appendingPathComponent("worker-output.txt")))
        let signature = (kind == .hang ? "hang" : how) + ": " + (kind == .hang ? "at stage \(stage.word)" : cause(log))
        let readme = """
            annex-fuzz \(kind == .crash ? "crash" : "hang"): target \(target.name), seed \(options.seed), case \(index): \(how), \
            last stage reached: \(stage.word).
            Signature: \(signature)
            Replay in-process: .build/release/annex-fuzz replay \(dir)
            The case's files are beside this README; fuzz-case.txt lists the seed input and the mutations, \
            worker-output.txt the worker's last output (the crash message and backtrace).

            """
        try? Data(readme.utf8).write(to: URL(fileURLWithPath: (dir as NSString).appendingPathComponent("README.md")))
        if kind == .crash { stats.crashes.append(dir) } else { stats.hangs.append(dir) }
        stats.executions += 1
        if stats.signatures[signature] == nil { stats.signatures[signature] = dir }
    }

    /// The last `bytes` of a file, as text.
    static func tail(_ path: String, bytes: Int) -> String {
        guard let data = FileManager.default.contents(atPath: path) else { return "" }
        return String(decoding: data.suffix(bytes), as: UTF8.self)
    }

    /// The cause in a worker's output: the Swift runtime's fatal error message, else the first frame of Annex or Yams.
    static func cause(_ log: String) -> String {
        let lines = log.split(separator: "\n").map(String.init)
        if let fatal = lines.last(where: { $0.contains("Fatal error") }) {
            return fatal.split(separator: "/").last.map(String.init) ?? fatal
        }
        if let crashed = lines.last(where: { $0.contains("Program crashed") }) {
            let frame = lines.first { ($0.contains(" in Annex") || $0.contains(" in Yams") || $0.contains(" in CYaml")) && $0.contains(" at ") }
            return crashed.trimmingCharacters(in: .whitespaces) + (frame.map { "; " + shortFrame($0) } ?? "")
        }
        return "no message"
    }

    /// A backtrace frame without its address: "foo() at File.swift:12".
    static func shortFrame(_ line: String) -> String {
        guard let inRange = line.range(of: " in ") else { return line }
        let rest = line[inRange.upperBound...]
        guard let at = rest.range(of: " at ") else { return String(rest) }
        let location = rest[at.upperBound...].split(separator: "/").last.map(String.init) ?? ""
        return String(rest[..<at.lowerBound]).prefix(100) + " at " + location
    }
}
