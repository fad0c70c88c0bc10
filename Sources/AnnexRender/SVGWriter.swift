import AnnexScene
import CCairo
import CPangoCairo
import Foundation

/// How text goes into SVG files.
public enum SVGText: String, Sendable, Hashable, CaseIterable, Codable {
    /// `<text>` elements: small, selectable, searchable, restyled by a viewer's fonts (DejaVu Sans is named,
    /// line breaks and positions are Pango's). Written by Annex directly from the scene, fast.
    case elements
    /// Glyphs as outlines through Cairo's SVG surface: looks the same everywhere, about twice as large and slower.
    case paths
}

/// Writes a scene as SVG 1.1 directly: every mark one element, numbers to 1/100 px, text as `<text>` with
/// Pango's line breaks. Stable bytes: no clock, ids numbered in document order.
struct SVGWriter {
    /// The font family of a text as a CSS list: the family, then a font of the same metrics that office computers
    /// have (Liberation Serif → Times New Roman, Liberation Sans → Arial, DejaVu Sans → Verdana), then the generic
    /// family, so that a viewer without the fonts Annex draws with (Word, a browser) keeps the line breaks close.
    static func familyList(_ family: String) -> String {
        let metricTwin = ["Liberation Serif": "Times New Roman", "Liberation Sans": "Arial", "DejaVu Sans": "Verdana",
                          "DejaVu Serif": "Georgia"][family]
        let generic = family.localizedCaseInsensitiveContains("serif") && !family.localizedCaseInsensitiveContains("sans") ? "serif" : "sans-serif"
        return ([family, metricTwin].compactMap { $0 }.map { $0.contains(" ") ? "'\($0)'" : $0 } + [generic]).joined(separator: ", ")
    }

    private var out: [UInt8] = []
    private var clipCount = 0
    private let text: PangoText
    private let cache: SVGTextCache

    init(text: PangoText, cache: SVGTextCache) {
        self.text = text
        self.cache = cache
        out.reserveCapacity(1 << 16)
    }

    static func render(_ scene: Scene) -> [UInt8] {
        let scratch = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1)
        let cr = cairo_create(scratch)
        defer { cairo_destroy(cr); cairo_surface_destroy(scratch) }
        var w = SVGWriter(text: PangoText(cairo: cr!), cache: SVGTextCache.forThisThread)
        w.document(scene)
        return w.out
    }

    // MARK: output

    private mutating func s(_ string: String) { out.append(contentsOf: string.utf8) }

    private mutating func escaped(_ string: String) {
        var skip = 0
        let utf8 = string.utf8
        for (i, b) in zip(utf8.indices, utf8) {
            if skip > 0 { skip -= 1; continue }
            if b == 0xEF {   // U+FFFE and U+FFFF (EF BF BE, EF BF BF) are not allowed in XML either
                let rest = utf8[utf8.index(after: i)...].prefix(2)
                if rest.count == 2, rest.first == 0xBF, rest.last! >= 0xBE { skip = 2; continue }
            }
            switch b {
            case 0x26: s("&amp;")
            case 0x3C: s("&lt;")
            case 0x3E: s("&gt;")
            case 0x22: s("&quot;")
            case 0x09, 0x0A, 0x0D: out.append(b)
            case ..<0x20: break           // other control characters are not allowed in XML
            default: out.append(b)
            }
        }
    }

    /// A number with at most two decimals, no trailing zeros, no exponent: `12`, `12.5`, `-0.25`.
    private mutating func n(_ v: Double) {
        guard v.isFinite else { out.append(0x30); return }
        // Beyond a trillion pixels nothing is visible; the clamp keeps the integer conversion in range.
        var c = Int64((min(max(v, -1e12), 1e12) * 100).rounded())
        if c < 0 { out.append(0x2D); c = -c }
        let whole = c / 100, frac = Int(c % 100)
        digits(whole)
        if frac != 0 {
            out.append(0x2E)
            out.append(UInt8(0x30 + frac / 10))
            if frac % 10 != 0 { out.append(UInt8(0x30 + frac % 10)) }
        }
    }

    private mutating func digits(_ v: Int64) {
        if v >= 10 { digits(v / 10) }
        out.append(UInt8(0x30 + v % 10))
    }

    private mutating func attr(_ name: String, _ v: Double) { s(" \(name)=\""); n(v); out.append(0x22) }

    /// A transform coefficient: six decimals (a scale of 0,302 must not become 0,3).
    private mutating func coefficient(_ v: Double) {
        let c = (min(max(v, -1e6), 1e6) * 1e6).rounded() / 1e6
        if c == c.rounded() { n(c) } else { s(String(c)) }
    }

    private static let hex = Array("0123456789ABCDEF".utf8)
    private mutating func color(_ name: String, _ c: Color) {
        let (r, g, b, a) = c.rgba8
        s(" \(name)=\"#")
        for x in [r, g, b] { out.append(SVGWriter.hex[Int(x >> 4)]); out.append(SVGWriter.hex[Int(x & 15)]) }
        out.append(0x22)
        if a < 255 { s(" \(name)-opacity=\""); n(Double(a) / 255); out.append(0x22) }
    }

    // MARK: document

    private mutating func document(_ scene: Scene) {
        s("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\"")
        s(" width=\""); n(scene.width); s("px\" height=\""); n(scene.height); s("px\" viewBox=\"0 0 ")
        n(scene.width); s(" "); n(scene.height); s("\"")
        if !scene.metadata.language.isEmpty { s(" xml:lang=\""); escaped(scene.metadata.language); s("\"") }
        s(">\n")
        if !scene.metadata.title.isEmpty { s("<title>"); escaped(scene.metadata.title); s("</title>\n") }
        if !scene.metadata.description.isEmpty { s("<desc>"); escaped(scene.metadata.description); s("</desc>\n") }
        if let bg = scene.background {
            s("<rect width=\"100%\" height=\"100%\""); color("fill", bg); s("/>\n")
        }
        marks(scene.marks)
        s("</svg>\n")
    }

    private mutating func id(_ id: String?) {
        if let id { s(" data-id=\""); escaped(id); s("\"") }
    }

    private mutating func paint(fill: Color?, rule: FillRule = .nonZero, stroke: Stroke?) {
        if let fill { color("fill", fill); if rule == .evenOdd { s(" fill-rule=\"evenodd\"") } } else { s(" fill=\"none\"") }
        guard let st = stroke else { return }
        color("stroke", st.color)
        attr("stroke-width", st.width)
        if st.join != .miter { s(" stroke-linejoin=\"\(st.join.rawValue)\"") } else { s(" stroke-miterlimit=\"10\"") }   // Cairo's limit, not SVG's 4
        if st.cap != .butt { s(" stroke-linecap=\"\(st.cap.rawValue)\"") }
        if !st.dash.isEmpty {
            s(" stroke-dasharray=\"")
            for (i, d) in st.dash.enumerated() { if i > 0 { out.append(0x20) }; n(d) }
            out.append(0x22)
        }
    }

    private mutating func pathData(_ elements: [PathElement]) {
        s(" d=\"")
        var first = true
        func sep(_ w: inout SVGWriter) { if !first { w.out.append(0x20) }; first = false }
        for e in elements {
            switch e {
            case .move(let p): sep(&self); s("M"); n(p.x); out.append(0x20); n(p.y)
            case .line(let p): sep(&self); s("L"); n(p.x); out.append(0x20); n(p.y)
            case .curve(let a, let b, let c):
                sep(&self); s("C"); n(a.x); out.append(0x20); n(a.y); out.append(0x20); n(b.x); out.append(0x20); n(b.y)
                out.append(0x20); n(c.x); out.append(0x20); n(c.y)
            case .close: sep(&self); s("Z")
            }
        }
        out.append(0x22)
    }

    private mutating func marks(_ list: [Mark]) {
        for m in list {
            switch m {
            case .rect(let r):
                // SVG refuses negative sizes (Cairo draws them): the same rectangle, normalised.
                let rr = Rect(x: min(r.rect.x, r.rect.x + r.rect.width), y: min(r.rect.y, r.rect.y + r.rect.height),
                              width: abs(r.rect.width), height: abs(r.rect.height))
                s("<rect"); id(r.id); attr("x", rr.x); attr("y", rr.y); attr("width", rr.width); attr("height", rr.height)
                paint(fill: r.fill, stroke: r.stroke); s("/>\n")
            case .path(let p):
                guard !p.elements.isEmpty else { continue }
                s("<path"); id(p.id); pathData(p.elements); paint(fill: p.fill, rule: p.fillRule, stroke: p.stroke); s("/>\n")
            case .text(let t):
                textMark(t)
            case .group(let g):
                // A rectangle and an outline clip together: their intersection, as nested groups.
                var clipIDs: [Int] = []
                if let c = g.clip {
                    clipCount += 1; clipIDs.append(clipCount)
                    s("<clipPath id=\"clip\(clipCount)\"><rect"); attr("x", min(c.x, c.x + c.width)); attr("y", min(c.y, c.y + c.height))
                    attr("width", abs(c.width)); attr("height", abs(c.height)); s("/></clipPath>\n")
                }
                if let cp = g.clipPath {
                    clipCount += 1; clipIDs.append(clipCount)
                    s("<clipPath id=\"clip\(clipCount)\"><path"); pathData(cp); s(" clip-rule=\"evenodd\"/></clipPath>\n")
                }
                s("<g"); id(g.id)
                let t = g.transform
                if !t.isIdentity {
                    s(" transform=\"matrix("); coefficient(t.a); out.append(0x20); coefficient(t.b); out.append(0x20)
                    coefficient(t.c); out.append(0x20); coefficient(t.d); out.append(0x20); n(t.tx); out.append(0x20); n(t.ty); s(")\"")
                }
                if g.opacity < 1 { attr("opacity", max(0, g.opacity)) }
                s(">\n")
                // The clip is in the group's own coordinates, before its transform: an inner group carries it.
                for id in clipIDs { s("<g clip-path=\"url(#clip\(id))\">\n") }
                marks(g.children)
                for _ in clipIDs { s("</g>\n") }
                s("</g>\n")
            }
        }
    }

    private mutating func textMark(_ t: TextMark) {
        guard !t.text.isEmpty else { return }
        let laid = cache.lines(t.layoutKey, t.horizontalAnchor, text)
        let box = t.localBox(laid.metrics)
        // Layout origin in the text's local frame, as the PNG and PDF renderers place it.
        let ox = box.x - laid.logicalX, oy = box.y - laid.logicalY
        s("<text"); id(t.id)
        if t.rotation != 0 || t.position.x != 0 || t.position.y != 0 {
            s(" transform=\"translate("); n(t.position.x); out.append(0x20); n(t.position.y); s(")")
            if t.rotation != 0 { s(" rotate("); n(t.rotation); s(")") }
            s("\"")
        }
        s(" font-family=\""); escaped(Self.familyList(t.font.family)); s("\""); attr("font-size", t.font.size)
        if t.font.weight != .regular { s(" font-weight=\"\(t.font.weight.value)\"") }
        if t.font.italic { s(" font-style=\"italic\"") }
        switch t.horizontalAnchor {
        case .start: break
        case .middle: s(" text-anchor=\"middle\"")
        case .end: s(" text-anchor=\"end\"")
        }
        color("fill", t.color)
        s(" xml:space=\"preserve\">")
        for line in laid.lines {
            let x: Double = switch t.horizontalAnchor {
            case .start: line.x
            case .middle: line.x + line.width / 2
            case .end: line.x + line.width
            }
            s("<tspan"); attr("x", ox + x); attr("y", oy + line.baseline); s(">"); escaped(line.text); s("</tspan>")
        }
        s("</text>\n")
    }
}

/// One line of laid-out text: its characters (with "…" where Pango elided), left edge, width and baseline,
/// in layout coordinates.
struct SVGTextLine: Sendable {
    var text: String
    var x: Double
    var width: Double
    var baseline: Double
}

struct SVGTextLayout: Sendable {
    var metrics: TextMetrics
    var logicalX: Double
    var logicalY: Double
    var lines: [SVGTextLine]
}

/// This thread's object of the given name, made on first use. Per-thread caches need no locks.
func threadLocal<T: AnyObject>(_ name: String, _ make: () -> T) -> T {
    if let o = Thread.current.threadDictionary[name] as? T { return o }
    let o = make()
    Thread.current.threadDictionary[name] = o
    return o
}

/// Text laid out once per thread and request: charts repeat their labels (district names, years, ticks), and a
/// layout costs tens of microseconds. One per thread, so no locks; bounded.
final class LayoutCache<Value> {
    private struct Key: Hashable { var request: TextLayoutRequest; var anchor: HorizontalAnchor }
    private var entries: [Key: Value] = [:]

    /// This thread's cache of the given name.
    static func forThisThread(_ name: String) -> LayoutCache<Value> { threadLocal(name, LayoutCache<Value>.init) }

    func value(_ r: TextLayoutRequest, _ anchor: HorizontalAnchor, make: () -> Value) -> Value {
        let key = Key(request: r, anchor: anchor)
        if let v = entries[key] { return v }
        if entries.count > 20_000 { entries.removeAll(keepingCapacity: true) }
        let v = make()
        entries[key] = v
        return v
    }
}

typealias SVGTextCache = LayoutCache<SVGTextLayout>

extension LayoutCache where Value == SVGTextLayout {
    static var forThisThread: SVGTextCache { forThisThread("annex.svg-text") }

    func lines(_ r: TextLayoutRequest, _ anchor: HorizontalAnchor, _ text: PangoText) -> SVGTextLayout {
        value(r, anchor) {
            text.configure(r, alignment: anchor)
            let logical = text.logicalRect
            return SVGTextLayout(metrics: text.metrics, logicalX: logical.x, logicalY: logical.y, lines: text.lines(r.text))
        }
    }
}

extension PangoText {
    /// The configured layout's lines: characters as shown (elided runs as "…", a hyphen where a word was
    /// broken), positions in pixels relative to the layout origin.
    func lines(_ source: String) -> [SVGTextLine] {
        let bytes = Array(source.utf8)
        var result: [SVGTextLine] = []
        guard let iter = pango_layout_get_iter(layout) else { return [] }
        defer { pango_layout_iter_free(iter) }
        let scale = Double(PANGO_SCALE)
        repeat {
            guard let line = pango_layout_iter_get_line_readonly(iter) else { continue }
            var logical = PangoRectangle()
            pango_layout_iter_get_line_extents(iter, nil, &logical)
            let baseline = Double(pango_layout_iter_get_baseline(iter)) / scale
            var chars: [UInt8] = []
            var run = line.pointee.runs
            var elided = false
            while let node = run {
                if let glyphItem = node.pointee.data?.assumingMemoryBound(to: PangoGlyphItem.self), let item = glyphItem.pointee.item {
                    let flags = Int32(item.pointee.analysis.flags)
                    if flags & Int32(PANGO_ANALYSIS_FLAG_IS_ELLIPSIS) != 0 {
                        chars += Array("…".utf8); elided = true
                    } else {
                        let start = Int(item.pointee.offset), end = start + Int(item.pointee.length)
                        if start >= 0, end <= bytes.count, start <= end { chars += bytes[start..<end] }
                        if flags & Int32(PANGO_ANALYSIS_FLAG_NEED_HYPHEN) != 0 { chars += Array("-".utf8) }
                    }
                }
                run = node.pointee.next
            }
            if !elided, chars.isEmpty, line.pointee.length > 0 {
                let start = Int(line.pointee.start_index), end = start + Int(line.pointee.length)
                if start >= 0, end <= bytes.count { chars = Array(bytes[start..<end]) }
            }
            // Line-break spaces and newlines are not drawn.
            while let last = chars.last, last == 0x20 || last == 0x0A || last == 0x0D { chars.removeLast() }
            result.append(SVGTextLine(text: String(decoding: chars, as: UTF8.self), x: Double(logical.x) / scale,
                                      width: Double(logical.width) / scale, baseline: baseline))
        } while pango_layout_iter_next_line(iter) != 0
        return result
    }
}
