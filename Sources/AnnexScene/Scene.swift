import AnnexIO
import Foundation

/// Document-level facts written into the files a scene becomes (PDF info, SVG title and description).
public struct DocumentMetadata: Hashable, Sendable, Codable {
    /// The title: the SVG's `<title>`, the PDF's Title.
    public var title: String
    /// A description of what the picture shows, for readers who cannot see it: the SVG's `<desc>`, the PDF's Subject.
    public var description: String
    /// Who made the content (the PDF's Author), empty for none.
    public var author: String
    /// The program that made the file (the PDF's Creator), "Annex" by default.
    public var creator: String
    /// Keywords for the PDF's Keywords entry.
    public var keywords: [String]
    /// Creation and modification dates as `YYYY-MM-DDThh:mm:ss` (never the wall clock: same input, same bytes).
    public var created: String
    /// The modification date, in the same form as `created`.
    public var modified: String
    /// The language of the text as a BCP 47 tag (`vi`, `en`): the SVG's `xml:lang`, the PDF's Lang.
    public var language: String

    /// Metadata with text normalised to NFC; `modified` defaults to `created`.
    public init(title: String = "", description: String = "", author: String = "", creator: String = "Annex",
                keywords: [String] = [], created: String = "2020-01-01T00:00:00", modified: String? = nil,
                language: String = "vi") {
        self.title = title.nfc
        self.description = description.nfc
        self.author = author.nfc
        self.creator = creator; self.keywords = keywords
        self.created = created; self.modified = modified ?? created; self.language = language
    }
}

/// A picture as a value: a canvas size in pixels, a background and a tree of marks.
/// The contract between the charts, which make scenes, and the backends, which draw them.
public struct Scene: Hashable, Sendable, Codable {
    /// The canvas width, in pixels.
    public var width: Double
    /// The canvas height, in pixels.
    public var height: Double
    /// The colour under every mark, or nil for a transparent canvas.
    public var background: Color?
    /// The marks, in drawing order.
    public var marks: [Mark]
    /// What the files made from the scene say about themselves.
    public var metadata: DocumentMetadata

    /// A scene of this size, white and empty unless given a background and marks.
    public init(width: Double, height: Double, background: Color? = .white, marks: [Mark] = [],
                metadata: DocumentMetadata = DocumentMetadata()) {
        self.width = width; self.height = height; self.background = background
        self.marks = marks; self.metadata = metadata
    }

    /// The canvas as a rectangle at the origin.
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }
}

/// A mark found in a scene, with the transform from its own coordinates to the scene's.
public struct PlacedMark: Sendable {
    /// The mark itself, in its own coordinates.
    public var mark: Mark
    /// The transform from the mark's coordinates to the scene's (its groups' transforms combined).
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
