// Where a command finds its dataset: the dataset options, the bundled files, and loading with located problems.

import AnnexData
import ArgumentParser
import Foundation

/// Options naming the dataset.
struct DatasetOptions: ParsableArguments {
    @Argument(help: ArgumentHelp("Dataset folder (default: the bundled Datasets/langson).", valueName: "dataset"))
    var positional: String?

    @Option(name: .long, help: ArgumentHelp("Dataset folder (manifest.yaml and its tables; see docs/data-format.md).",
                                            discussion: "Defaults to the bundled Datasets/langson.",
                                            valueName: "dir"))
    var dataset: String?

    func validate() throws {
        if positional != nil, dataset != nil { throw ValidationError("give the dataset once: as an argument or with --dataset") }
    }

    func resolve() throws -> String {
        if let d = positional ?? dataset { return d }
        if let found = BundledData.find("Datasets/langson") { return found }
        throw ValidationError("cannot find the bundled dataset Datasets/langson; run from the project folder or pass --dataset DIR")
    }
}

enum BundledData {
    static func findFile(_ relative: String) -> String? {
        let dir = (relative as NSString).deletingLastPathComponent
        return find(dir).map { ($0 as NSString).appendingPathComponent((relative as NSString).lastPathComponent) }
            .flatMap { FileManager.default.fileExists(atPath: $0) ? $0 : nil }
    }

    /// Looks for `relative` under the current folder, then under the folders above the executable.
    static func find(_ relative: String) -> String? {
        let fm = FileManager.default
        var candidates = [fm.currentDirectoryPath]
        var exe = URL(fileURLWithPath: (try? fm.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0])
        for _ in 0..<6 {
            exe.deleteLastPathComponent()
            candidates.append(exe.path)
        }
        for dir in candidates {
            let p = (dir as NSString).appendingPathComponent(relative)
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: p, isDirectory: &isDir), isDir.boolValue { return p }
        }
        return nil
    }
}

/// Loads a dataset, printing its problems and exiting 65 when it has any.
func loadDataset(_ options: DatasetOptions) throws -> Dataset {
    let folder = try options.resolve()
    do {
        let ds = try Dataset.load(folder: folder)
        for w in ds.warnings { Stderr.print("warning: \(w)") }
        return ds
    } catch {
        Stderr.print(error.description)
        throw ExitCode(.dataError)
    }
}
