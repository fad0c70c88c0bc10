// Owns the worker side of crash isolation: cases generated from (seed, target, index) one after another,
// each written to the scratch folder and run in this process, every step told to the driver on a pipe
// ("start I", "stage I WORD", "done I WORD error…"), so that a crash or hang names its case.

import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs cases in-process until killed (or until `count` cases are done).
public struct Worker {
    /// The target to run.
    public var target: any FuzzTarget
    /// The run's seed.
    public var seed: UInt64
    /// The first case index.
    public var start: UInt64
    /// How many cases to run (nil: until killed).
    public var count: UInt64?
    /// The repository whose seed inputs are mutated.
    public var root: String
    /// The folder each case is written to before it runs.
    public var scratch: String
    /// The file descriptor of the pipe to the driver.
    public var fd: Int32

    /// A worker.
    public init(target: any FuzzTarget, seed: UInt64, start: UInt64, count: UInt64?, root: String, scratch: String, fd: Int32) {
        self.target = target; self.seed = seed; self.start = start; self.count = count; self.root = root; self.scratch = scratch; self.fd = fd
    }

    /// The folder a case is written to.
    public static func caseFolder(scratch: String) -> String { (scratch as NSString).appendingPathComponent("case") }

    /// Generates and runs cases, reporting each on the pipe.
    public func run() throws {
        let seeds = try target.seeds(root: root)
        let vocabulary = Mutators.vocabulary(seeds)
        let folder = Worker.caseFolder(scratch: scratch)
        var index = start
        while count.map({ index < start + $0 }) ?? true {
            let fuzzCase = Mutators.generate(target: target, seeds: seeds, vocabulary: vocabulary, seed: seed, index: index)
            try? FileManager.default.removeItem(atPath: folder)
            try fuzzCase.write(to: folder, header: Worker.header(target: target.name, seed: seed, index: index))
            send("start \(index)")
            let outcome = target.execute(folder: folder) { stage in send("stage \(index) \(stage.word)") }
            let error = (outcome.error ?? "").split(separator: "\n").first.map(String.init) ?? ""
            send("done \(index) \(outcome.stage.word) \(error.prefix(300))")
            index += 1
        }
    }

    /// The first line of a case's log: enough to generate it again.
    public static func header(target: String, seed: UInt64, index: UInt64) -> String {
        "target: \(target) seed: \(seed) index: \(index)"
    }

    func send(_ line: String) {
        let bytes = Array((line.replacingOccurrences(of: "\n", with: " ") + "\n").utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n < 0 { if errno == EINTR { continue }; exit(0) }
            offset += n
        }
    }
}
