import AnnexScene

/// Makes Cairo's SVG stable and self-describing: surface ids (a process-wide counter in Cairo) are
/// renumbered in order of appearance, and the document gets a `<title>` and `<desc>`.
enum SVGPostProcessor {
    static func normalise(_ bytes: [UInt8], metadata: DocumentMetadata) -> [UInt8] {
        var svg = String(decoding: bytes, as: UTF8.self)
        svg = renumberSurfaces(svg)
        if let open = svg.range(of: "<svg"), let end = svg[open.upperBound...].firstIndex(of: ">") {
            var head = ""
            if !metadata.title.isEmpty { head += "\n<title>\(escape(metadata.title))</title>" }
            if !metadata.description.isEmpty { head += "\n<desc>\(escape(metadata.description))</desc>" }
            svg.insert(contentsOf: head, at: svg.index(after: end))
        }
        return Array(svg.utf8)
    }

    /// `surface1234` → `surface1`, `surface1235` → `surface2`, … in order of first appearance.
    static func renumberSurfaces(_ svg: String) -> String {
        let marker = Array("surface".utf8)
        let u = Array(svg.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(u.count)
        var map: [Substring: Int] = [:]
        var i = 0
        while i < u.count {
            if u[i] == marker[0], i + marker.count < u.count, Array(u[i..<i + marker.count]) == marker {
                var j = i + marker.count
                while j < u.count, u[j] >= 48, u[j] <= 57 { j += 1 }
                if j > i + marker.count {
                    let key = Substring(String(decoding: u[i + marker.count..<j], as: UTF8.self))
                    let n = map[key] ?? (map.count + 1)
                    map[key] = n
                    out += marker
                    out += Array(String(n).utf8)
                    i = j
                    continue
                }
            }
            out.append(u[i])
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
