// `annex boundaries`: check a GeoJSON file of boundaries.

import AnnexData
import ArgumentParser

struct Boundaries: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a GeoJSON or TopoJSON file of boundaries (Polygon and MultiPolygon features with a join key) and list its features.")

    @Argument(help: ArgumentHelp("The GeoJSON or TopoJSON file.", valueName: "file"))
    var file: String

    @Option(name: .long, help: "The property that joins features to data rows.")
    var key: String = "code"

    @Option(name: .long, help: "The property used as the feature's label.")
    var name: String = "name"

    @Flag(name: .long, help: "Refuse sliver rings and rings that cross themselves instead of warning.")
    var strict = false

    @Option(name: .long, help: "The TopoJSON object to read, when the topology has several.")
    var object: String?

    func run() throws {
        do {
            let b = try AnnexData.Boundaries.load(path: file, key: key, nameProperty: name, strict: strict, object: object)
            for w in b.warnings { Stderr.print("warning: \(w)") }
            for f in b.features {
                let rings = f.polygons.reduce(0) { $0 + 1 + $1.holes.count }
                print("\(f.key)\t\(f.name)\t\(f.polygons.count) polygon(s), \(rings) ring(s)")
            }
        } catch {
            Stderr.print(error.description); throw ExitCode(.dataError)
        }
    }
}
