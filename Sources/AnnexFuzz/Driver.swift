// Owns the fuzzing run: per target, worker children started one after another at the next case index, their
// lines read with the case timeout, crashes (the worker died) and hangs (a case ran too long, the worker
// killed) saved under OUT/crashes and OUT/hangs with a README, and the figures printed at the end.

import Foundation

/// What the driver needs to know.
public struct DriverOptions: Sendable {
    /// The targets to run, one after another, each for `seconds / targets.count` seconds.
    public var targets: [String]
    /// The total time of the run in seconds.
    public var seconds: Double
    /// The run's seed.
    public var seed: UInt64
    /// The output folder (crashes/, hangs/, scratch/, summary.txt).
    public var out: String
    /// The repository with the seed inputs.
    public var root: String
    /// This executable (started again as the worker).
    public var executable: String
    /// Overrides every target's case timeout when set.
    public var timeout: Double?

    /// Options for a run.
    public init(targets: [String], seconds: Double, seed: UInt64, out: String, root: String, executable: String, timeout: Double? = nil) {
        self.targets = targets; self.seconds = seconds; self.seed = seed; self.out = out; self.root = root
        self.executable = executable; self.timeout = timeout
    }
}

/// The figures of one target's run.
public struct TargetStats: Sendable {
    /// The target.
    public var target: String
    /// Cases run to their end (rejected or not), crashed or hung.
    public var executions = 0
    /// Cases that ended cleanly, by furthest stage.
    public var byStage: [Stage: Int] = [:]
    /// Saved crash folders.
    public var crashes: [String] = []
    /// Saved hang folders.
    public var hangs: [String] = []
    /// Distinct crash and hang signatures, with the first folder of each.
    public var signatures: [String: String] = [:]
    /// Wall time in seconds.
    public var seconds = 0.0

    /// "chart: 812 executions, 13.5/s, 0 crashes, 0 hangs; rejected at parsing 41.0 %, parsed 9.1 %, …"
    public var summary: String {
        let done = max(1, byStage.values.reduce(0, +))
        let shares = Stage.allCases.map { s -> String in
            let label = s == .rejected ? "rejected at parsing" : s == .parsed ? "parsed, rejected later" : s == .analysed ? "reached analytics/layout" : "drawn"
            return "\(label) " + String(format: "%.1f %%", 100 * Double(byStage[s, default: 0]) / Double(done))
        }
        return "\(target): \(executions) executions in " + String(format: "%.0f s, %.1f/s", seconds, Double(executions) / max(seconds, 0.001))
            + ", \(crashes.count) crashes, \(hangs.count) hangs; " + shares.joined(separator: ", ")
            + String(format: " (past parsing %.1f %%)", 100 * Double(done - byStage[.rejected, default: 0]) / Double(done))
    }
}

/// Runs the fuzzer.
public enum Driver {
    /// Runs every target of the options in turn and returns their figures.
    public static func run(_ options: DriverOptions, log: (String) -> Void) throws -> [TargetStats] {
        var all: [TargetStats] = []
        let share = options.seconds / Double(max(1, options.targets.count))
        for name in options.targets {
            guard let target = FuzzTargets.named(name) else { throw FuzzError.unknownTarget(name) }
            _ = try target.seeds(root: options.root)
            let stats = try runTarget(target, seconds: share, options, log: log)
            log(stats.summary)
            all.append(stats)
        }
        let text = all.map(\.summary).joined(separator: "\n") + "\n" + distinctFindings(all) + "\n"
        try? Data(text.utf8).write(to: URL(fileURLWithPath: (options.out as NSString).appendingPathComponent("summary.txt")))
        return all
    }

    /// One line per distinct crash or hang: its signature and first saved folder.
    public static func distinctFindings(_ stats: [TargetStats]) -> String {
        let lines = stats.flatMap { s in s.signatures.keys.sorted().map { "\(s.target): \($0) -> \(s.signatures[$0] ?? "")" } }
        return lines.isEmpty ? "no crashes or hangs" : "distinct crashes and hangs:\n" + lines.joined(separator: "\n")
    }

    static func runTarget(_ target: any FuzzTarget, seconds: Double, _ options: DriverOptions, log: (String) -> Void) throws -> TargetStats {
        var stats = TargetStats(target: target.name)
        let scratch = ((options.out as NSString).appendingPathComponent("scratch") as NSString).appendingPathComponent(target.name)
        try FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        let stderrLog = (scratch as NSString).appendingPathComponent("worker.log")
        let started = Date(), deadline = started.addingTimeInterval(seconds)
        var next: UInt64 = 0, lastReport = started
        while Date() < deadline {
            try? FileManager.default.removeItem(atPath: stderrLog)
            let worker = try WorkerProcess(executable: options.executable, arguments: [
                "worker", "--target", target.name, "--seed", String(options.seed), "--start", String(next),
                "--root", options.root, "--scratch", scratch, "--fd", "3"], log: stderrLog)
            next = supervise(worker, target, deadline: deadline, options, scratch: scratch, stats: &stats) { now in
                if Date().timeIntervalSince(lastReport) >= 15 {
                    lastReport = Date()
                    log("[\(target.name)] \(now.executions) executions, \(now.crashes.count) crashes, \(now.hangs.count) hangs")
                }
            }
        }
        stats.seconds = Date().timeIntervalSince(started)
        return stats
    }

    /// Reads one worker until it dies, hangs or the time is up; returns the index the next worker starts at.
    static func supervise(_ worker: WorkerProcess, _ target: any FuzzTarget, deadline: Date, _ options: DriverOptions,
                          scratch: String, stats: inout TargetStats, tick: (TargetStats) -> Void) -> UInt64 {
        var current: UInt64? = nil, stage = Stage.rejected, caseStart = Date(), lastIndex: UInt64? = nil
        let timeout = options.timeout ?? target.timeout
        while true {
            let now = Date()
            let limit = current == nil ? 120 : timeout - now.timeIntervalSince(caseStart)
            guard let line = worker.readLine(timeout: max(0.01, min(limit, deadline.timeIntervalSince(now)))) else {
                let how = worker.wait()
                guard let index = current else { return (lastIndex ?? 0) + 1 }
                record(.crash, index: index, how: how, stage: stage, target, options, scratch: scratch, stats: &stats)
                return index + 1
            }
            if line.isEmpty {
                if Date() >= deadline { _ = worker.kill(); return 0 }
                let how = worker.kill()
                guard let index = current else { return (lastIndex ?? 0) + 1 }
                record(.hang, index: index, how: "no end after " + String(format: "%.1f", timeout) + " s (\(how) by the driver)", stage: stage, target, options, scratch: scratch, stats: &stats)
                return index + 1
            }
            let parts = line.split(separator: " ", maxSplits: 3).map(String.init)
            guard parts.count >= 2, let index = UInt64(parts[1]) else { continue }
            switch parts[0] {
            case "start": current = index; stage = .rejected; caseStart = Date()
            case "stage": if parts.count > 2, let s = Stage(word: parts[2]) { stage = max(stage, s) }
            case "done":
                let s = parts.count > 2 ? Stage(word: parts[2]) ?? stage : stage
                stats.executions += 1; stats.byStage[s, default: 0] += 1
                current = nil; lastIndex = index
                tick(stats)
            default: break
            }
        }
    }
}
