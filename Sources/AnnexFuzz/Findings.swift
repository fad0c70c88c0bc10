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
        let signature = kind == .crash ? how + ": " + cause(log)
            : "hang " + (stage == .rejected ? "while parsing" : "after stage \(stage.word)")
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

    /// The cause in a worker's output: the Swift runtime's message (fatal error, or what crashed, without
    /// addresses) and the first frame in Annex's own sources, else the frame repeated most (a recursion).
    static func cause(_ log: String) -> String {
        let lines = log.split(separator: "\n").map(String.init)
        var message = lines.last(where: { $0.contains("Fatal error") }).map { $0.split(separator: "/").last.map(String.init) ?? $0 }
            ?? lines.last(where: { $0.contains("Program crashed") }).map { String($0.trimmingCharacters(in: .whitespaces).prefix { $0 != "0" }) }
            ?? "no message"
        message = message.replacingOccurrences(of: "***", with: "").trimmingCharacters(in: .whitespaces)
        let frames = lines.compactMap(frame)
        if let own = frames.first(where: { $0.location.contains("Sources/Annex") }) {
            return message + "; first Annex frame: \(own.function) at \(own.location.split(separator: "/").suffix(2).joined(separator: "/"))"
        }
        var counts: [String: Int] = [:]
        for f in frames { counts[f.function, default: 0] += 1 }
        if let (top, n) = counts.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }), n > 3 {
            return message + "; recursion: \(top) (\(n) of the frames shown)"
        }
        return message + (frames.first.map { "; in \($0.function)" } ?? "")
    }

    /// A backtrace frame's function and source location ("File.swift:12:3"), or its library ("libFoundationXML.so")
    /// when the frame has no source (a crash inside Foundation), if the line is one.
    static func frame(_ line: String) -> (function: String, location: String)? {
        guard let addr = line.range(of: " 0x"), let plus = line.range(of: " + ", range: addr.upperBound..<line.endIndex),
              let at = line.range(of: " at ", range: plus.upperBound..<line.endIndex) ?? line.range(of: " in ", range: plus.upperBound..<line.endIndex)
        else { return nil }
        let afterAddress = line[addr.upperBound...].drop { $0 != " " }.dropFirst()
        let function = afterAddress[..<(afterAddress.range(of: " + ")?.lowerBound ?? afterAddress.endIndex)]
        return (String(function.prefix(120)), String(line[at.upperBound...]))
    }
}
