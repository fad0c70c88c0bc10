// Owns what a fuzz target is (its seeds, its case layout, how a case is executed and how far it got) and the
// one list of targets: a new parser to fuzz (an `xlsx` target, say) is one more entry in `FuzzTargets.all`.

import Foundation

/// How far a case got before it was rejected or finished.
public enum Stage: Int, Comparable, Sendable, CaseIterable {
    /// Rejected while reading: the file or spec did not parse or did not check.
    case rejected = 0
    /// Read and checked, but rejected before analytics or layout.
    case parsed = 1
    /// Through analytics (a dataset analysed, a chart laid out as a scene).
    case analysed = 2
    /// Drawn: at least one chart rendered to bytes.
    case drawn = 3

    /// The word used on the pipe and in summaries.
    public var word: String { ["rejected", "parsed", "analysed", "drawn"][rawValue] }

    /// The stage named `word`, if any.
    public init?(word: String) {
        guard let s = Stage.allCases.first(where: { $0.word == word }) else { return nil }
        self = s
    }

    public static func < (a: Stage, b: Stage) -> Bool { a.rawValue < b.rawValue }
}

/// The end of one case that did not crash: the furthest stage and the error that stopped it, if any.
public struct Outcome: Sendable {
    /// The furthest stage reached.
    public var stage: Stage
    /// The clean error that stopped the case (nil when it went all the way).
    public var error: String?

    /// An outcome.
    public init(stage: Stage, error: String? = nil) { self.stage = stage; self.error = error }
}

/// A seed input: the files of one case, by path relative to the case's folder.
public struct Seed: Sendable {
    /// Where the seed came from (for the case log).
    public var name: String
    /// The files, by relative path.
    public var files: [String: Data]
    /// Seeds known to be good inputs are picked more often than bad-input fixtures.
    public var isGood: Bool

    /// A seed.
    public init(name: String, files: [String: Data], isGood: Bool) { self.name = name; self.files = files; self.isGood = isGood }
}

/// A parser the fuzzer exercises.
public protocol FuzzTarget: Sendable {
    /// The name on the command line and in the crash folders.
    var name: String { get }
    /// The file in a case's folder that the target reads first (the one most mutations change).
    var mainFile: String { get }
    /// The share (in 100) of mutations that change `mainFile`; the others pick any file of the case.
    var mainFileShare: Int { get }
    /// A case running longer than this many seconds is a hang.
    var timeout: Double { get }
    /// The seed inputs, from the repository at `root`.
    func seeds(root: String) throws -> [Seed]
    /// Runs the case in `folder` in this process, telling `progress` each stage it reaches.
    func execute(folder: String, progress: (Stage) -> Void) -> Outcome
}

extension FuzzTarget {
    /// Half the mutations change the main file.
    public var mainFileShare: Int { 50 }
}

/// The targets, in the order `--target all` runs them.
public enum FuzzTargets {
    /// Every target. Add a new one here (and its mutator in `Mutators.mutate`, by file extension).
    public static let all: [any FuzzTarget] = [DatasetTarget(), ChartTarget(), ReportTarget(), GeoJSONTarget(), XLSXTarget()]

    /// The target called `name`.
    public static func named(_ name: String) -> (any FuzzTarget)? { all.first { $0.name == name } }

    /// The names, for help texts.
    public static var names: [String] { all.map(\.name) }
}
