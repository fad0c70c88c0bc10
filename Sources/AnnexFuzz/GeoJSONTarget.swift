// Owns the `geojson` target: a GeoJSON file (boundaries.geojson) read by Boundaries.parse and, when it
// reads, drawn as a choropleth map of its features (one made-up value per feature) to PNG and SVG.

import AnnexData
import AnnexRender
import Foundation
import Yams

/// Fuzzes `Boundaries.parse` and map drawing (projection, labels, classes).
struct GeoJSONTarget: FuzzTarget {
    let name = "geojson"
    let mainFile = "boundaries.geojson"
    let timeout = 10.0

    func seeds(root: String) throws -> [Seed] {
        let fm = FileManager.default
        var seeds: [Seed] = []
        for (folder, good) in [("Datasets/langson/boundaries", true), ("Tests/Fixtures/bad-geojson", false)] {
            for path in SeedFiles.list((root as NSString).appendingPathComponent(folder), suffix: ".geojson") {
                guard let data = fm.contents(atPath: path) else { continue }
                seeds.append(Seed(name: folder + "/" + (path as NSString).lastPathComponent, files: [mainFile: data], isGood: good))
            }
        }
        guard seeds.contains(where: \.isGood) else { throw FuzzError.noSeeds("Datasets/langson/boundaries/*.geojson") }
        return seeds
    }

    func execute(folder: String, progress: (Stage) -> Void) -> Outcome {
        let path = (folder as NSString).appendingPathComponent(mainFile)
        guard let data = FileManager.default.contents(atPath: path) else { return Outcome(stage: .rejected, error: "\(path): not readable") }
        let boundaries: Boundaries
        do { boundaries = try Boundaries.parse(data, file: path, key: "code", nameProperty: "name") } catch {
            return Outcome(stage: .rejected, error: error.description)
        }
        progress(.parsed)
        guard !boundaries.features.isEmpty, let spec = Self.mapSpec(boundaries) else { return Outcome(stage: .parsed, error: "no features to draw") }
        return Drawing.draw(specText: spec, name: "fuzz-map.yaml", folder: folder, formats: [.png, .svg], progress: progress)
    }

    /// A map spec with one value per feature (its position), written by Yams so that any key is quoted right.
    static func mapSpec(_ b: Boundaries) -> String? {
        let rows: [Node] = b.features.enumerated().map { i, f in
            Node([(Node("code"), Node(f.key, .implicit, .doubleQuoted)), (Node("value"), Node(String(i)))])
        }
        let root = Node([
            (Node("type"), Node("map")),
            (Node("title"), Node("fuzz")),
            (Node("data"), Node([(Node("values"), Node(rows))])),
            (Node("encoding"), Node([(Node("key"), Node("code")), (Node("value"), Node([(Node("field"), Node("value"))]))])),
            (Node("map"), Node([(Node("boundaries"), Node("boundaries.geojson")), (Node("key"), Node("code")), (Node("allow_missing"), Node("true"))])),
        ])
        return try? Yams.serialize(node: root, width: -1, allowUnicode: true)
    }
}
