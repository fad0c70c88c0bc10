// Owns replaying one saved case in this process: its target found from --target, its fuzz-case.txt or the
// name of the folder above it, its files copied to a temporary folder (so that nothing is written beside the
// saved case), and run through the same execute function as the fuzzer's worker.

import Foundation

/// Runs saved cases again.
public enum Replay {
    /// The target of the case in `folder`: named in its fuzz-case.txt, else by the folder above it.
    public static func target(of folder: String) -> (any FuzzTarget)? {
        let log = (folder as NSString).appendingPathComponent(Mutators.logName)
        if let text = try? String(contentsOfFile: log, encoding: .utf8), let first = text.split(separator: "\n").first,
           first.hasPrefix("target: "), let name = first.dropFirst(8).split(separator: " ").first,
           let t = FuzzTargets.named(String(name)) { return t }
        let parent = ((folder as NSString).standardizingPath as NSString).deletingLastPathComponent
        return FuzzTargets.named((parent as NSString).lastPathComponent)
    }

    /// Runs the case in `folder` with `target` and returns how far it got.
    public static func run(folder: String, target: any FuzzTarget, progress: (Stage) -> Void = { _ in }) throws -> Outcome {
        let fm = FileManager.default
        let temp = (NSTemporaryDirectory() as NSString).appendingPathComponent("annex-fuzz-replay-\(getpid())-\(UUID().uuidString)")
        let copy = (temp as NSString).appendingPathComponent("case")
        try fm.createDirectory(atPath: temp, withIntermediateDirectories: true)
        defer { try? fm.removeItem(atPath: temp) }
        do { try fm.copyItem(atPath: folder, toPath: copy) } catch {
            throw FuzzError.io("\(folder): cannot copy the case: \(error.localizedDescription)")
        }
        return target.execute(folder: copy, progress: progress)
    }

    /// The saved cases under a fixtures folder laid out as <target>/<name>/, sorted.
    public static func fixtures(under root: String) -> [(target: String, folder: String)] {
        let fm = FileManager.default
        return FuzzTargets.names.flatMap { name -> [(target: String, folder: String)] in
            let dir = (root as NSString).appendingPathComponent(name)
            return ((try? fm.contentsOfDirectory(atPath: dir)) ?? []).sorted().compactMap { entry in
                let path = (dir as NSString).appendingPathComponent(entry)
                var isDir: ObjCBool = false
                return fm.fileExists(atPath: path, isDirectory: &isDir) && isDir.boolValue ? (name, path) : nil
            }
        }
    }
}
