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
        var map: [ArraySlice<UInt8>: Int] = [:]
        var i = 0
        func startsMarker(at i: Int) -> Bool {
            guard i + marker.count < u.count else { return false }
            for k in 0..<marker.count where u[i + k] != marker[k] { return false }
            return true
        }
        while i < u.count {
            if u[i] == 0x73, startsMarker(at: i) {   // "s"
                var j = i + marker.count
                while j < u.count, u[j] >= 0x30, u[j] <= 0x39 { j += 1 }
                if j > i + marker.count {
                    let key = u[(i + marker.count)..<j]
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

    /// Text as XML character data: `&`, `<`, `>` escaped, and the characters XML 1.0 does not allow (control
    /// characters other than tab and line ends, U+FFFE, U+FFFF) left out, as the SVG writer leaves them out.
    static func escape(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            switch u.value {
            case 0x26: out.append(contentsOf: "&amp;".unicodeScalars)
            case 0x3C: out.append(contentsOf: "&lt;".unicodeScalars)
            case 0x3E: out.append(contentsOf: "&gt;".unicodeScalars)
            case 0x09, 0x0A, 0x0D: out.append(u)
            case ..<0x20, 0xFFFE, 0xFFFF: break
            default: out.append(u)
            }
        }
        return String(out)
    }
}
