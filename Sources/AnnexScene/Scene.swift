import Foundation

/// Document-level facts written into the files a scene becomes (PDF info, SVG title and description).
public struct DocumentMetadata: Hashable, Sendable, Codable {
    public var title: String
    public var description: String
    public var author: String
    public var creator: String
    public var keywords: [String]
    /// Creation and modification dates as `YYYY-MM-DDThh:mm:ss` (never the wall clock: same input, same bytes).
    public var created: String
    public var modified: String
    public var language: String

    public init(title: String = "", description: String = "", author: String = "", creator: String = "Annex",
                keywords: [String] = [], created: String = "2020-01-01T00:00:00", modified: String? = nil,
                language: String = "vi") {
        self.title = title.precomposedStringWithCanonicalMapping
        self.description = description.precomposedStringWithCanonicalMapping
        self.author = author.precomposedStringWithCanonicalMapping
        self.creator = creator; self.keywords = keywords
        self.created = created; self.modified = modified ?? created; self.language = language
    }
}

/// A picture as a value: a canvas size in pixels, a background and a tree of marks.
/// The contract between the charts, which make scenes, and the backends, which draw them.
public struct Scene: Hashable, Sendable, Codable {
    public var width: Double
    public var height: Double
    public var background: Color?
    public var marks: [Mark]
    public var metadata: DocumentMetadata

    public init(width: Double, height: Double, background: Color? = .white, marks: [Mark] = [],
                metadata: DocumentMetadata = DocumentMetadata()) {
        self.width = width; self.height = height; self.background = background
        self.marks = marks; self.metadata = metadata
    }

    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }
}

/// A mark found in a scene, with the transform from its own coordinates to the scene's.
public struct PlacedMark: Sendable {
    public var mark: Mark
    public var transform: AffineTransform
}

extension Scene {
    /// Every leaf mark (rect, path, text), depth first in drawing order, with its scene transform.
    public var leaves: [PlacedMark] {
        var out: [PlacedMark] = []
        func walk(_ marks: [Mark], _ t: AffineTransform) {
            for m in marks {
                if case .group(let g) = m { walk(g.children, t.concatenating(g.transform)) }
                else { out.append(PlacedMark(mark: m, transform: t)) }
            }
        }
        walk(marks, .identity)
        return out
    }

    /// The first leaf mark with this id.
    public func mark(id: String) -> PlacedMark? { leaves.first { $0.mark.id == id } }

    /// Every text mark with its bounding box in scene coordinates.
    public func textBoxes(_ measurer: TextMeasurer) -> [(mark: TextMark, box: Rect)] {
        leaves.compactMap { placed in
            guard case .text(let t) = placed.mark else { return nil }
            return (t, placed.transform.apply(t.bounds(measurer.measure(t))))
        }
    }
}
