/// The file formats a scene can be drawn into.
public enum OutputFormat: String, Sendable, CaseIterable, Codable, Hashable {
    /// A PNG image: RGBA pixels encoded by Annex's deterministic encoder, `scale` device pixels per scene pixel.
    case png
    /// An SVG document in px, text as `<text>` elements (or glyph outlines with `SVGText.paths`).
    case svg
    /// A PDF document, a scene pixel being 0.75 pt, its text searchable (embedded TrueType subsets).
    case pdf

    /// The format named by a path's extension (case-insensitive), or nil.
    public init?(path: String) {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        self.init(rawValue: path[path.index(after: dot)...].lowercased())
    }

    /// The file name extension of the format, without the dot: `png`, `svg` or `pdf`.
    public var fileExtension: String { rawValue }

    /// The format's IANA media type (`image/png`, `image/svg+xml`, `application/pdf`), for manifests and HTTP.
    public var mediaType: String {
        switch self {
        case .png: "image/png"
        case .svg: "image/svg+xml"
        case .pdf: "application/pdf"
        }
    }
}
