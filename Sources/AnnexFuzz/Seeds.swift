// Owns reading seed inputs from the repository: dataset folders (a bad-dataset fixture laid over the mini
// dataset, as the tests do), and specs bundled with the files they name, paths rewritten to point inside
// the case's folder so that a saved case is self-contained.

import Foundation
import Yams

/// Reads seed files from the repository.
enum SeedFiles {
    static let fm = FileManager.default

    /// The files of a dataset folder: manifest.yaml, its CSV tables and its boundaries, by relative path.
    static func dataset(_ folder: String) -> [String: Data] {
        var files: [String: Data] = [:]
        for name in ((try? fm.contentsOfDirectory(atPath: folder)) ?? []).sorted()
        where name == "manifest.yaml" || name.hasSuffix(".csv") {
            files[name] = fm.contents(atPath: (folder as NSString).appendingPathComponent(name))
        }
        let boundaries = (folder as NSString).appendingPathComponent("boundaries")
        for name in ((try? fm.contentsOfDirectory(atPath: boundaries)) ?? []).sorted() where name.hasSuffix(".geojson") {
            files["boundaries/" + name] = fm.contents(atPath: (boundaries as NSString).appendingPathComponent(name))
        }
        return files
    }

    /// A bad-dataset fixture: the mini dataset with the fixture's files laid over it and its DELETE list removed.
    static func overlay(_ fixture: String, on base: [String: Data]) -> [String: Data] {
        var files = base
        for name in ((try? fm.contentsOfDirectory(atPath: fixture)) ?? []).sorted() where name != "expected.txt" && name != "DELETE" {
            files[name] = fm.contents(atPath: (fixture as NSString).appendingPathComponent(name))
        }
        if let delete = fm.contents(atPath: (fixture as NSString).appendingPathComponent("DELETE")) {
            for line in String(decoding: delete, as: UTF8.self).split(separator: "\n") { files[String(line).trimmingCharacters(in: .whitespaces)] = nil }
        }
        return files
    }

    /// The entries of `folder` whose names end in `suffix`, as full paths, sorted.
    static func list(_ folder: String, suffix: String) -> [String] {
        ((try? fm.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(suffix) }.sorted()
            .map { (folder as NSString).appendingPathComponent($0) }
    }

    /// A spec as `mainName` with the files it names (keys `csv`, `dataset`, `boundaries`) copied in beside it:
    /// a dataset folder as `dataset/`, a file under its own name, the spec's paths rewritten to match.
    static func bundle(spec path: String, as mainName: String) -> [String: Data]? {
        guard let data = fm.contents(atPath: path) else { return nil }
        var text = String(decoding: data, as: UTF8.self)
        var files: [String: Data] = [:]
        let base = (path as NSString).deletingLastPathComponent
        let node = try? Yams.compose(yaml: text)
        let refs = node.map { referencedPaths(YAMLTree($0)) } ?? []
        for rel in Set(refs).sorted(by: { $0.count > $1.count }) where !rel.hasPrefix("/") {
            let full = (base as NSString).appendingPathComponent(rel)
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: full, isDirectory: &isDir) else { continue }
            if isDir.boolValue {
                for (p, d) in dataset(full) { files["dataset/" + p] = d }
                text = text.replacingOccurrences(of: rel, with: "dataset")
            } else {
                let name = (rel as NSString).lastPathComponent
                files[name] = fm.contents(atPath: full)
                text = text.replacingOccurrences(of: rel, with: name)
            }
        }
        files[mainName] = Data(text.utf8)
        return files
    }

    /// The values of the keys that name files or folders, anywhere in the tree.
    static func referencedPaths(_ tree: YAMLTree) -> [String] {
        switch tree {
        case .scalar: return []
        case .sequence(let items): return items.flatMap(referencedPaths)
        case .mapping(let pairs):
            return pairs.flatMap { pair -> [String] in
                if case .scalar(let k, _) = pair.key, ["csv", "dataset", "boundaries"].contains(k), case .scalar(let v, _) = pair.value {
                    return [v]
                }
                return referencedPaths(pair.value)
            }
        }
    }
}
