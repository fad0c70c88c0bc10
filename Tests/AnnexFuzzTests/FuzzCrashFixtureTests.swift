// Owns the regression tests of the fuzzer's findings: every case saved under Tests/Fixtures/fuzz-crashes/
// <target>/<name>/ is replayed through the target's execute function and must end without crashing (a clean,
// located error is fine). Each case runs in a child `annex-fuzz replay` when that executable is built, so that
// one crash fails its own test instead of taking the whole test process down; else in this process.
// Also checks that case generation is deterministic and that the mutators can make the known crash kinds.

import AnnexFuzz
import Foundation
import Testing

let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
let fixturesRoot = repoRoot + "/Tests/Fixtures/fuzz-crashes"

/// The `annex-fuzz` executable beside the test bundle, when the build made it.
func fuzzExecutable() -> String? {
    let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
    for _ in 0..<3 {
        let candidate = dir.appendingPathComponent("annex-fuzz").path
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        dir.deleteLastPathComponent()
    }
    return nil
}

/// "target/name" of every fixture.
let fixtureNames: [String] = Replay.fixtures(under: fixturesRoot).map { $0.target + "/" + ($0.folder as NSString).lastPathComponent }

@Suite struct FuzzCrashFixtureTests {
    @Test func fixturesExist() {
        #expect(fixtureNames.contains("chart/yaml-nested-5000"))
        #expect(fixtureNames.contains("chart/line-x-1e300"))
    }

    /// The saved case replays without a crash: exit 0 from `annex-fuzz replay` (or, in-process, any outcome).
    @Test(arguments: fixtureNames)
    func replaysWithoutCrashing(_ name: String) throws {
        let folder = fixturesRoot + "/" + name
        let target = try #require(FuzzTargets.named(String(name.split(separator: "/")[0])))
        guard let exe = fuzzExecutable() else {
            let outcome = try Replay.run(folder: folder, target: target)
            #expect(outcome.stage >= .rejected)
            return
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: exe)
        p.arguments = ["replay", folder, "--target", target.name]
        var env = ProcessInfo.processInfo.environment
        env["SWIFT_BACKTRACE"] = "enable=no"
        p.environment = env
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        let how = p.terminationReason == .uncaughtSignal ? "signal \(p.terminationStatus)" : "exit \(p.terminationStatus)"
        #expect(p.terminationReason == .exit && p.terminationStatus == 0, "\(name): \(how)\n\(text.suffix(2000))")
    }
}

@Suite struct FuzzGenerationTests {
    /// The same (seed, target, index) gives the same case, file for file.
    @Test(arguments: FuzzTargets.names)
    func casesAreDeterministic(_ name: String) throws {
        let target = try #require(FuzzTargets.named(name))
        let seeds = try target.seeds(root: repoRoot)
        let words = Mutators.vocabulary(seeds)
        for index: UInt64 in [0, 1, 17, 4242] {
            let a = Mutators.generate(target: target, seeds: seeds, vocabulary: words, seed: 7, index: index)
            let b = Mutators.generate(target: target, seeds: seeds, vocabulary: words, seed: 7, index: index)
            #expect(a.files == b.files && a.mutations == b.mutations)
            #expect((1...4).contains(a.mutations.count))
        }
    }

    /// Every xlsx seed imports all the way (read, dataset made, written and validated), and so does each workbook
    /// read and written back unchanged by the xlsx mutator: what the mutations start from is a good input.
    @Test func xlsxSeedsAndTheirRoundTripsImport() throws {
        let target = try #require(FuzzTargets.named("xlsx"))
        let seeds = try target.seeds(root: repoRoot)
        #expect(seeds.count == 7)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("annex-fuzz-xlsx-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for seed in seeds {
            for (file, data) in seed.files {
                var versions = [("as is", data)]
                if file.hasSuffix(".xlsx") { versions.append(("round trip", try #require(XLSXMutator.rewritten(data), "\(seed.name)"))) }
                for (how, bytes) in versions {
                    let folder = dir + "/" + UUID().uuidString
                    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                    try bytes.write(to: URL(fileURLWithPath: folder + "/" + file))
                    let outcome = target.execute(folder: folder) { _ in }
                    #expect(outcome.stage == .drawn, "\(seed.name) \(how): \(outcome.error ?? "")")
                }
            }
        }
    }

    /// The xlsx mutator changes cells, rows, columns, headers, sheets, merges and hidden flags, and the zip itself;
    /// most cases still read.
    @Test func xlsxMutationsReachTheirKinds() throws {
        let target = try #require(FuzzTargets.named("xlsx"))
        let seeds = try target.seeds(root: repoRoot)
        var seen = Set<String>()
        let kinds = ["emptied", "duplicated", "deleted", "swapped", "renamed", "merge", "hidden", "blank rows put in", "zip:", "csv:", "far"]
        for index: UInt64 in 0..<300 {
            let c = Mutators.generate(target: target, seeds: seeds, vocabulary: [], seed: 1, index: index)
            for k in kinds where c.mutations.contains(where: { $0.contains(k) }) { seen.insert(k) }
        }
        #expect(seen == Set(kinds), "never made: \(Set(kinds).subtracting(seen).sorted())")
    }

    /// The mutators make the two kinds of the first known crashes: deep YAML nesting and huge numbers.
    @Test func mutatorsReachTheKnownCrashKinds() throws {
        let target = try #require(FuzzTargets.named("chart"))
        let seeds = try target.seeds(root: repoRoot)
        let words = Mutators.vocabulary(seeds)
        var deep = false, huge = false
        for index: UInt64 in 0..<2_000 where !(deep && huge) {
            let c = Mutators.generate(target: target, seeds: seeds, vocabulary: words, seed: 1, index: index)
            deep = deep || c.mutations.contains { $0.contains("nested 5000 levels deep") }
            huge = huge || c.mutations.contains { $0.contains("1000000000000000000000000000000") || $0.contains("1e300") }
        }
        #expect(deep && huge)
    }
}
