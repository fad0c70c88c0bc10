// Owns case generation: a seed picked and 1–4 structure-aware mutations applied to its files, each file's
// mutator chosen by its extension; everything derived from (seed, target, index) alone.

import AnnexData
import Foundation
import Yams

/// One generated case: its files, where it came from and what was changed.
public struct FuzzCase: Sendable {
    /// The files, by path relative to the case's folder.
    public var files: [String: Data]
    /// The seed it was made from.
    public var seedName: String
    /// One line per mutation.
    public var mutations: [String]

    /// Writes the files and a `fuzz-case.txt` log into `folder` (made if missing).
    public func write(to folder: String, header: String) throws {
        let fm = FileManager.default
        try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for path in files.keys.sorted() {
            let full = (folder as NSString).appendingPathComponent(path)
            try fm.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try files[path, default: Data()].write(to: URL(fileURLWithPath: full))
        }
        let log = ([header, "seed input: \(seedName)"] + mutations.map { "mutation: " + $0 }).joined(separator: "\n") + "\n"
        try Data(log.utf8).write(to: URL(fileURLWithPath: (folder as NSString).appendingPathComponent(Mutators.logName)))
    }
}

/// Picks seeds and applies mutations.
public enum Mutators {
    /// The log file written beside a case's files (ignored when the case runs).
    public static let logName = "fuzz-case.txt"

    /// The extensions `mutate` knows.
    static let mutableExtensions: Set<String> = ["csv", "yaml", "yml", "geojson", "json", "xlsx"]

    /// Mutates one file by its kind; files of unknown kind are returned unchanged. `last`: the case's last mutation
    /// (a workbook's zip is damaged only then, so that no later mutation has to read a damaged zip).
    static func mutate(path: String, _ data: Data, vocabulary: [String], last: Bool = true, _ rng: inout SplitMix64) -> (Data, String)? {
        switch (path as NSString).pathExtension.lowercased() {
        case "csv": return CSVMutator.mutate(data, &rng)
        case "yaml", "yml": return YAMLMutator.mutate(data, vocabulary: vocabulary, &rng)
        case "geojson", "json": return JSONMutator.mutate(data, vocabulary: vocabulary, &rng)
        case "xlsx": return XLSXMutator.mutate(data, last: last, &rng)
        default: return nil
        }
    }

    /// Every scalar and key of the seeds' YAML files and every string of their GeoJSON, sorted, without long ones.
    public static func vocabulary(_ seeds: [Seed]) -> [String] {
        var words = Set<String>()
        for seed in seeds {
            for (path, data) in seed.files where path.hasSuffix(".yaml") {
                if let node = try? Yams.compose(yaml: String(decoding: data, as: UTF8.self)) { words.formUnion(YAMLTree(node).words) }
            }
        }
        return words.filter { $0.count <= 80 }.sorted()
    }

    /// Case `index` of `target` in a run seeded with `seed`.
    public static func generate(target: any FuzzTarget, seeds: [Seed], vocabulary: [String], seed: UInt64, index: UInt64) -> FuzzCase {
        var rng = SplitMix64(seed: seed, target: target.name, index: index)
        let good = seeds.filter(\.isGood), bad = seeds.filter { !$0.isGood }
        let pool = bad.isEmpty || (rng.chance(80) && !good.isEmpty) ? good : bad
        guard let chosen = rng.pick(pool) else { return FuzzCase(files: [:], seedName: "none", mutations: []) }
        var files = chosen.files
        var log: [String] = []
        // 1 to 4 mutations, fewer more often (so that most cases still get past the parsers).
        let count = [1, 1, 1, 1, 2, 2, 2, 3, 3, 4][rng.below(10)]
        for n in 0..<count {
            let mutable = files.keys.sorted().filter { mutableExtensions.contains(($0 as NSString).pathExtension.lowercased()) }
            guard !mutable.isEmpty else { break }
            let path = files[target.mainFile] != nil && rng.chance(target.mainFileShare) ? target.mainFile : (rng.pick(mutable) ?? target.mainFile)
            guard let (data, what) = mutate(path: path, files[path, default: Data()], vocabulary: vocabulary, last: n == count - 1, &rng) else { continue }
            files[path] = data
            log.append("\(path): \(what)")
        }
        for (path, data) in files where data.range(of: Data(DeepNesting.marker.utf8)) != nil {
            files[path] = Data(DeepNesting.expand(String(decoding: data, as: UTF8.self)).utf8)
        }
        return FuzzCase(files: files, seedName: chosen.name, mutations: log)
    }
}

/// Very deep nesting, kept as a plain token while a case is mutated (so that the mutators never parse it: that
/// would overflow their own stack) and expanded into `[[[…]]]` or `{a: {a: …}}` text when the case is done.
enum DeepNesting {
    static let marker = "annexfuzzdeep"
    static let levels = [64, 500, 600, 5_000, 20_000]

    /// The token of `levels` levels of lists (or of YAML mappings).
    static func token(_ levels: Int, mapping: Bool = false) -> String { marker + (mapping ? "m" : "s") + "\(levels)x" }

    /// Replaces each token by its nesting.
    static func expand(_ text: String) -> String {
        var out = text
        for mapping in [false, true] {
            for n in levels {
                let t = token(n, mapping: mapping)
                guard out.contains(t) else { continue }
                let open = String(repeating: mapping ? "{a: " : "[", count: n), close = String(repeating: mapping ? "}" : "]", count: n)
                out = out.replacingOccurrences(of: t, with: open + "1" + close)
            }
        }
        return out
    }
}
