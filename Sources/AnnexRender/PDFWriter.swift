import AnnexScene
import CCairo
import CPangoCairo
import CPNGEncoder
import Foundation

/// Writes scenes as a PDF 1.4 document directly: vector paths in page content streams, text as glyphs of
/// embedded TrueType subsets (Type 0 fonts, Identity-H, with ToUnicode maps so that text can be searched and
/// copied), placed where Pango puts them. Stable bytes: no clock, objects in a fixed order, subset names derived
/// from the glyphs used. Returns nil when a font is not TrueType-outlined (the caller then uses Cairo).
struct PDFWriter {
    /// PDF points per scene pixel.
    static let k = 0.75

    private var fonts: [FontKey: PDFFont] = [:]
    private var fontOrder: [FontKey] = []
    private var alphas: [String: Int] = [:]     // "fill/stroke" → ExtGState number
    private var forms: [[UInt8]] = []           // transparency groups (group opacity)
    private let text: PangoText
    private let shapes = ShapedTextCache.forThisThread
    private var unsupported = false

    init(text: PangoText) { self.text = text }

    static func render(pages: [Scene]) -> [UInt8]? {
        guard let first = pages.first else { return nil }
        let scratch = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1)
        let cr = cairo_create(scratch)
        defer { cairo_destroy(cr); cairo_surface_destroy(scratch) }
        var w = PDFWriter(text: PangoText(cairo: cr!))
        let contents = pages.map { w.pageContent($0) }
        if w.unsupported { return nil }
        return w.document(pages: pages, contents: contents, metadata: first.metadata)
    }

    // MARK: numbers and strings

    /// A number to 1/1000 (a thousandth of a pixel: well below what print can show), shortest form.
    static func num(_ v: Double, _ out: inout [UInt8]) {
        guard v.isFinite else { out.append(0x30); return }
        var c = Int64((min(max(v, -1e12), 1e12) * 1000).rounded())
        if c < 0 { out.append(0x2D); c = -c }
        digits(c / 1000, &out)
        var frac = Int(c % 1000)
        if frac != 0 {
            out.append(0x2E)
            var d = 100
            while frac != 0 { out.append(UInt8(0x30 + frac / d)); frac %= d; d /= 10 }
        }
    }

    private static func digits(_ v: Int64, _ out: inout [UInt8]) {
        if v >= 10 { digits(v / 10, &out) }
        out.append(UInt8(0x30 + v % 10))
    }

    /// A text string: plain when printable ASCII, else UTF-16BE with a byte-order mark, in hex.
    static func pdfString(_ s: String) -> String {
        if s.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) {
            return "(" + s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "(", with: "\\(")
                .replacingOccurrences(of: ")", with: "\\)") + ")"
        }
        var out: [UInt8] = Array("<FEFF".utf8)
        for u in s.utf16 { hex4(u, &out) }
        out.append(0x3E)
        return String(decoding: out, as: UTF8.self)
    }

    /// "2020-02-12T00:00:00" → "D:20200212000000Z".
    static func pdfDate(_ iso: String) -> String? {
        let digits = iso.filter(\.isNumber)
        guard digits.count >= 8 else { return nil }
        return "D:" + (digits + "000000").prefix(14) + "Z"
    }

    // MARK: pages

    private struct Writer {
        var out: [UInt8] = []
        mutating func s(_ t: String) { out.append(contentsOf: t.utf8) }
        mutating func n(_ v: Double) { PDFWriter.num(v, &out) }
        // Fixed arities: a variadic call would allocate an array for every point.
        mutating func ns(_ a: Double, _ b: Double) { n(a); out.append(0x20); n(b); out.append(0x20) }
        mutating func ns(_ a: Double, _ b: Double, _ c: Double) { ns(a, b); n(c); out.append(0x20) }
        mutating func ns(_ a: Double, _ b: Double, _ c: Double, _ d: Double) { ns(a, b); ns(c, d) }
        mutating func ns(_ a: Double, _ b: Double, _ c: Double, _ d: Double, _ e: Double, _ f: Double) { ns(a, b); ns(c, d); ns(e, f) }
    }

    private mutating func pageContent(_ scene: Scene) -> [UInt8] {
        var w = Writer()
        w.out.reserveCapacity(1 << 14)
        // Scene pixels, y down → PDF points, y up.
        w.s("q "); w.ns(PDFWriter.k, 0, 0, -PDFWriter.k, 0, scene.height * PDFWriter.k); w.s("cm\n")
        if let bg = scene.background {
            fillColor(bg, &w); w.ns(0, 0, scene.width, scene.height); w.s("re f\n")
        }
        marks(scene.marks, &w)
        w.s("Q\n")
        return w.out
    }

    private mutating func alphaState(fill: Double, stroke: Double) -> Int {
        let key = "\(fill)/\(stroke)"
        if let n = alphas[key] { return n }
        let n = alphas.count + 1
        alphas[key] = n
        return n
    }

    private mutating func fillColor(_ c: Color, _ w: inout Writer) {
        w.ns(c.red, c.green, c.blue); w.s("rg ")
        if c.alpha < 1 { w.s("/GS\(alphaState(fill: c.alpha, stroke: 1)) gs ") }
    }

    private mutating func paint(_ fill: Color?, _ rule: FillRule, _ stroke: Stroke?, _ w: inout Writer) {
        let fa = fill?.alpha ?? 1, sa = stroke?.color.alpha ?? 1
        if let f = fill { w.ns(f.red, f.green, f.blue); w.s("rg ") }
        if let st = stroke {
            w.ns(st.color.red, st.color.green, st.color.blue); w.s("RG "); w.n(st.width); w.s(" w ")
            w.s(st.join == .miter ? "0 j " : st.join == .round ? "1 j " : "2 j ")
            w.s(st.cap == .butt ? "0 J " : st.cap == .round ? "1 J " : "2 J ")
            if !st.dash.isEmpty { w.s("["); for d in st.dash { w.n(d); w.s(" ") }; w.s("] 0 d ") }
        }
        if fa < 1 || sa < 1 { w.s("/GS\(alphaState(fill: fa, stroke: sa)) gs ") }
        let eo = rule == .evenOdd
        switch (fill != nil, stroke != nil) {
        case (true, true): w.s(eo ? "B*\n" : "B\n")
        case (true, false): w.s(eo ? "f*\n" : "f\n")
        case (false, true): w.s("S\n")
        default: w.s("n\n")
        }
    }

    private func path(_ elements: [PathElement], _ w: inout Writer) {
        for e in elements {
            switch e {
            case .move(let p): w.ns(p.x, p.y); w.s("m ")
            case .line(let p): w.ns(p.x, p.y); w.s("l ")
            case .curve(let a, let b, let c): w.ns(a.x, a.y, b.x, b.y, c.x, c.y); w.s("c ")
            case .close: w.s("h ")
            }
        }
    }

    private mutating func marks(_ list: [Mark], _ w: inout Writer) {
        for m in list {
            switch m {
            case .rect(let r):
                guard r.fill != nil || r.stroke != nil else { continue }
                w.s("q "); w.ns(r.rect.x, r.rect.y, r.rect.width, r.rect.height); w.s("re ")
                paint(r.fill, .nonZero, r.stroke, &w); w.s("Q\n")
            case .path(let p):
                guard !p.elements.isEmpty, p.fill != nil || p.stroke != nil else { continue }
                w.s("q "); path(p.elements, &w); paint(p.fill, p.fillRule, p.stroke, &w); w.s("Q\n")
            case .text(let t):
                textMark(t, &w)
            case .group(let g):
                w.s("q ")
                let t = g.transform
                if !t.isIdentity { w.ns(t.a, t.b, t.c, t.d, t.tx, t.ty); w.s("cm ") }
                if let c = g.clip { w.ns(c.x, c.y, c.width, c.height); w.s("re W n ") }
                if let cp = g.clipPath { path(cp, &w); w.s("W* n ") }
                w.s("\n")
                if g.opacity < 1 {
                    var inner = Writer()
                    marks(g.children, &inner)
                    forms.append(inner.out)
                    w.s("/GS\(alphaState(fill: max(0, g.opacity), stroke: max(0, g.opacity))) gs /Fm\(forms.count) Do\n")
                } else {
                    marks(g.children, &w)
                }
                w.s("Q\n")
            }
        }
    }

    // MARK: text

    private mutating func textMark(_ t: TextMark, _ w: inout Writer) {
        guard !t.text.isEmpty else { return }
        guard let shaped = shapes.shape(t.layoutKey, t.horizontalAnchor, text) else { unsupported = true; return }
        let box = t.localBox(shaped.metrics)
        let ox = box.x - shaped.logicalX, oy = box.y - shaped.logicalY
        let rad = t.rotation * .pi / 180
        let (cs, sn) = (cos(rad), sin(rad))
        // A glyph at (x, y) in the layout: its text matrix, y flipped back up.
        func tm(_ x: Double, _ y: Double, _ w: inout Writer) {
            let lx = ox + x, ly = oy + y
            w.ns(cs, sn, sn, -cs, t.position.x + cs * lx - sn * ly, t.position.y + sn * lx + cs * ly); w.s("Tm ")
        }
        w.s("q BT ")
        fillColor(t.color, &w)
        let size = t.font.size
        var currentFont: Int? = nil
        for run in shaped.runs {
            let number = registerFont(run.font)
            if currentFont != number { w.s("/F\(number) "); w.n(size); w.s(" Tf "); currentFont = number }
            let key = FontKey(id: run.font.id)
            var open = false
            for g in run.glyphs {
                if let text = g.text { fonts[key]!.noteText(g.gid, text) }
                fonts[key]!.use(g.gid)
                if !open || g.offset || g.breakBefore {
                    if open { w.s("] TJ ") }
                    tm(g.x, g.y, &w)
                    w.s("[")
                    open = true
                }
                w.out.append(0x3C); hex4(g.gid, &w.out); w.out.append(0x3E)
                // Pango's advance against the font's own: the difference, in thousandths of an em.
                let adjust = (run.font.advance(g.gid) * size - g.advance) * 1000 / size
                if g.offset { w.s("] TJ "); open = false }
                else if abs(adjust) > 0.01 { w.n(adjust) }
            }
            if open { w.s("] TJ ") }
        }
        w.s("ET Q\n")
    }

    private mutating func registerFont(_ ttf: TrueTypeFont) -> Int {
        let key = FontKey(id: ttf.id)
        if let f = fonts[key] { return f.number }
        fonts[key] = PDFFont(number: fontOrder.count + 1, font: ttf)
        fontOrder.append(key)
        return fontOrder.count
    }

    // MARK: document

    private func stream(_ dict: String, _ data: [UInt8], compress: Bool = true) -> [UInt8] {
        var body = data
        var filter = ""
        if compress, data.count > 64, let z = PDFWriter.deflate(data) { body = z; filter = " /Filter /FlateDecode" }
        var out = Array("<< \(dict)\(dict.isEmpty ? "" : " ")/Length \(body.count)\(filter) >>\nstream\n".utf8)
        out += body
        out += Array("\nendstream".utf8)
        return out
    }

    static func deflate(_ data: [UInt8]) -> [UInt8]? {
        var out: UnsafeMutablePointer<UInt8>? = nil
        var len = 0
        let rc = data.withUnsafeBufferPointer { annex_zlib_compress($0.baseAddress, $0.count, 2, &out, &len) }
        guard rc == 0, let out else { return nil }
        defer { annex_png_free(out) }
        return Array(UnsafeBufferPointer(start: out, count: len))
    }

    /// The whole file; nil when a font cannot be subset (Cairo then writes the document).
    private func document(pages: [Scene], contents: [[UInt8]], metadata md: DocumentMetadata) -> [UInt8]? {
        var objects: [[UInt8]] = []   // object n is objects[n - 1]
        func add(_ o: [UInt8]) -> Int { objects.append(o); return objects.count }
        func reserve() -> Int { objects.append([]); return objects.count }
        let catalog = reserve(), pagesObj = reserve(), resources = reserve()
        // Fonts.
        var fontRefs: [String] = []
        for key in fontOrder {
            let f = fonts[key]!
            let (subset, used) = f.font.subset(f.used)
            if subset.isEmpty { return nil }
            let tag = f.subsetTag
            let fileObj = add(stream("/Length1 \(subset.count)", subset))
            let name = "/\(tag)+\(f.font.postscriptName)"
            let u = f.font.unitsPerEm
            func em(_ v: Int) -> Int { Int((Double(v) * 1000 / u).rounded()) }
            let desc = add(Array("<< /Type /FontDescriptor /FontName \(name) /Flags 32 /FontBBox [\(em(f.font.bbox.0)) \(em(f.font.bbox.1)) \(em(f.font.bbox.2)) \(em(f.font.bbox.3))] /ItalicAngle 0 /Ascent \(em(f.font.ascent)) /Descent \(em(f.font.descent)) /CapHeight \(em(f.font.ascent)) /StemV 80 /FontFile2 \(fileObj) 0 R >>".utf8))
            var widths = "["
            for gid in used { widths += "\(gid) [\(Int((f.font.advance(gid) * 1000).rounded()))] " }
            widths += "]"
            let cid = add(Array("<< /Type /Font /Subtype /CIDFontType2 /BaseFont \(name) /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor \(desc) 0 R /DW 0 /W \(widths) /CIDToGIDMap /Identity >>".utf8))
            let cmap = add(stream("", f.toUnicodeCMap()))
            let type0 = add(Array("<< /Type /Font /Subtype /Type0 /BaseFont \(name) /Encoding /Identity-H /DescendantFonts [\(cid) 0 R] /ToUnicode \(cmap) 0 R >>".utf8))
            fontRefs.append("/F\(f.number) \(type0) 0 R")
        }
        var formRefs: [String] = []
        for (i, form) in forms.enumerated() {
            let o = add(stream("/Type /XObject /Subtype /Form /BBox [-100000 -100000 100000 100000] /Group << /S /Transparency >> /Resources \(resources) 0 R", form))
            formRefs.append("/Fm\(i + 1) \(o) 0 R")
        }
        let gs = alphas.map { ($0.value, $0.key) }.sorted { $0.0 < $1.0 }.map { n, key -> String in
            let parts = key.split(separator: "/")
            return "/GS\(n) << /Type /ExtGState /ca \(parts[0]) /CA \(parts[1]) >>"
        }
        objects[resources - 1] = Array(("<< /ProcSet [/PDF /Text] /Font << \(fontRefs.joined(separator: " ")) >> /ExtGState << \(gs.joined(separator: " ")) >>"
            + (formRefs.isEmpty ? "" : " /XObject << \(formRefs.joined(separator: " ")) >>") + " >>").utf8)
        var kids: [Int] = []
        for (i, page) in pages.enumerated() {
            let content = add(stream("", contents[i]))
            var box: [UInt8] = []
            PDFWriter.num(page.width * PDFWriter.k, &box); box.append(0x20); PDFWriter.num(page.height * PDFWriter.k, &box)
            kids.append(add(Array("<< /Type /Page /Parent \(pagesObj) 0 R /MediaBox [0 0 \(String(decoding: box, as: UTF8.self))] /Resources \(resources) 0 R /Contents \(content) 0 R >>".utf8)))
        }
        objects[pagesObj - 1] = Array("<< /Type /Pages /Kids [\(kids.map { "\($0) 0 R" }.joined(separator: " "))] /Count \(kids.count) >>".utf8)
        objects[catalog - 1] = Array(("<< /Type /Catalog /Pages \(pagesObj) 0 R" + (md.language.isEmpty ? "" : " /Lang \(PDFWriter.pdfString(md.language))") + " >>").utf8)
        var info = "<< /Producer (Annex)"
        if !md.title.isEmpty { info += " /Title \(PDFWriter.pdfString(md.title))" }
        if !md.author.isEmpty { info += " /Author \(PDFWriter.pdfString(md.author))" }
        if !md.description.isEmpty { info += " /Subject \(PDFWriter.pdfString(md.description))" }
        if !md.keywords.isEmpty { info += " /Keywords \(PDFWriter.pdfString(md.keywords.joined(separator: ", ")))" }
        if !md.creator.isEmpty { info += " /Creator \(PDFWriter.pdfString(md.creator))" }
        if let d = PDFWriter.pdfDate(md.created) { info += " /CreationDate (\(d))" }
        if let d = PDFWriter.pdfDate(md.modified) { info += " /ModDate (\(d))" }
        let infoObj = add(Array((info + " >>").utf8))

        var out = Array("%PDF-1.4\n%\u{E2}\u{E3}\u{CF}\u{D3}\n".utf8)
        var offsets: [Int] = []
        for (i, o) in objects.enumerated() {
            offsets.append(out.count)
            out += Array("\(i + 1) 0 obj\n".utf8); out += o; out += Array("\nendobj\n".utf8)
        }
        let xref = out.count
        var table = "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
        for o in offsets {
            let d = String(o)
            table += String(repeating: "0", count: max(0, 10 - d.count)) + d + " 00000 n \n"
        }
        table += "trailer\n<< /Size \(objects.count + 1) /Root \(catalog) 0 R /Info \(infoObj) 0 R >>\nstartxref\n\(xref)\n%%EOF\n"
        out += Array(table.utf8)
        return out
    }
}

struct FontKey: Hashable { var id: String }

private let hexDigits = Array("0123456789ABCDEF".utf8)
/// Four upper-case hex digits.
func hex4(_ v: UInt16, _ out: inout [UInt8]) {
    out.append(hexDigits[Int(v >> 12)]); out.append(hexDigits[Int(v >> 8 & 15)])
    out.append(hexDigits[Int(v >> 4 & 15)]); out.append(hexDigits[Int(v & 15)])
}

/// A font used in one document: which glyphs, and the text each glyph stands for.
struct PDFFont {
    var number: Int
    var font: TrueTypeFont
    var used: Set<UInt16> = [0]
    var text: [UInt16: String] = [:]
    var key: FontKey { FontKey(id: font.id) }

    init(number: Int, font: TrueTypeFont) { self.number = number; self.font = font }

    mutating func use(_ gid: UInt16) { used.insert(gid) }
    /// Notes the text glyph `gid` stands for (the first seen). No entry for a glyph standing for no text, or for a
    /// long run of it (the "…" that ends a text cut short stands for all that was left out): a ToUnicode map holds
    /// neither (poppler: "Illegal entry in bfchar block").
    mutating func noteText(_ gid: UInt16, _ s: String) {
        if !s.isEmpty, s.utf16.count <= 32, text[gid] == nil { text[gid] = s }
    }

    /// Six capital letters from the glyphs used: the same subset gets the same name.
    var subsetTag: String {
        var h: UInt64 = 0xcbf29ce484222325
        for g in used.sorted() { h = (h ^ UInt64(g)) &* 0x100000001b3 }
        return String((0..<6).map { i in Character(UnicodeScalar(UInt8(65 + (h >> (UInt64(i) * 5)) % 26))) })
    }

    func toUnicodeCMap() -> [UInt8] {
        var out: [UInt8] = []
        var s = "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n"
        let entries = text.keys.sorted()
        var i = 0
        while i < entries.count {
            let chunk = entries[i..<min(i + 100, entries.count)]
            s += "\(chunk.count) beginbfchar\n"
            out += Array(s.utf8); s = ""
            for g in chunk {
                out.append(0x3C); hex4(g, &out); out += [0x3E, 0x20, 0x3C]
                for u in text[g]!.utf16 { hex4(u, &out) }
                out += [0x3E, 0x0A]
            }
            s += "endbfchar\n"
            i += 100
        }
        return out + Array((s + "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n").utf8)
    }
}

/// One glyph as Pango placed it, in layout pixels.
struct ShapedGlyph {
    var gid: UInt16
    var x: Double
    var y: Double
    var advance: Double
    /// Moved off the pen position (a mark): placed on its own.
    var offset: Bool
    /// After a glyph that is not drawn (a missing glyph): placed anew.
    var breakBefore: Bool
    /// The characters of the cluster this glyph starts, for the ToUnicode map.
    var text: String?
}

struct ShapedRun { var font: TrueTypeFont; var glyphs: [ShapedGlyph] }

struct ShapedText {
    var metrics: TextMetrics
    var logicalX: Double
    var logicalY: Double
    var runs: [ShapedRun]
}

/// Shaped text by request, kept per thread (see `LayoutCache`); nil for text in a font Annex cannot embed itself.
final class ShapedTextCache {
    private let shaped = LayoutCache<ShapedText?>()
    private var fontsByPango: [Int: TrueTypeFont?] = [:]

    static var forThisThread: ShapedTextCache { threadLocal("annex.pdf-shaped-text", ShapedTextCache.init) }

    func shape(_ r: TextLayoutRequest, _ anchor: HorizontalAnchor, _ text: PangoText) -> ShapedText? {
        shaped.value(r, anchor) { make(r, anchor, text) }
    }

    private func font(_ pfont: UnsafeMutablePointer<PangoFont>) -> TrueTypeFont? {
        let address = Int(bitPattern: UnsafeMutableRawPointer(pfont))
        if let f = fontsByPango[address] { return f }
        var f: TrueTypeFont? = nil
        if let hb = pango_font_get_hb_font(pfont), let face = hb_font_get_face(hb) { f = TrueTypeFont.shared(face) }
        fontsByPango[address] = f
        return f
    }

    private func make(_ r: TextLayoutRequest, _ anchor: HorizontalAnchor, _ text: PangoText) -> ShapedText? {
        text.configure(r, alignment: anchor)
        let logical = text.logicalRect
        var shaped = ShapedText(metrics: text.metrics, logicalX: logical.x, logicalY: logical.y, runs: [])
        let bytes = Array(r.text.utf8)
        guard let iter = pango_layout_get_iter(text.layout) else { return shaped }
        defer { pango_layout_iter_free(iter) }
        let scale = Double(PANGO_SCALE)
        repeat {
            guard let run = pango_layout_iter_get_run_readonly(iter), let item = run.pointee.item,
                  let glyphs = run.pointee.glyphs else { continue }
            guard let pfont = item.pointee.analysis.font, let ttf = font(pfont) else { return nil }
            var ext = PangoRectangle()
            pango_layout_iter_get_run_extents(iter, nil, &ext)
            let baseline = Double(pango_layout_iter_get_baseline(iter)) / scale
            let count = Int(glyphs.pointee.num_glyphs)
            guard count > 0, let infos = glyphs.pointee.glyphs, let clusters = glyphs.pointee.log_clusters else { continue }
            let itemStart = Int(item.pointee.offset), itemLength = Int(item.pointee.length)
            var x = Double(ext.x) / scale
            var out: [ShapedGlyph] = []
            out.reserveCapacity(count)
            var skipped = false
            for i in 0..<count {
                let g = infos[i]
                let adv = Double(g.geometry.width) / scale
                defer { x += adv }
                let gid = g.glyph
                if gid & PANGO_GLYPH_UNKNOWN_FLAG != 0 || gid == PANGO_GLYPH_EMPTY || gid > 0xFFFF { skipped = true; continue }
                var cluster: String? = nil
                let c = Int(clusters[i])
                if i == 0 || Int(clusters[i - 1]) != c {
                    var next = itemLength
                    var j = i + 1
                    while j < count { if Int(clusters[j]) != c { next = Int(clusters[j]); break }; j += 1 }
                    let a = itemStart + min(c, next), b = itemStart + max(c, next)
                    if a >= 0, b <= bytes.count, a < b { cluster = String(decoding: bytes[a..<b], as: UTF8.self) }
                }
                let dx = Double(g.geometry.x_offset) / scale, dy = Double(g.geometry.y_offset) / scale
                out.append(ShapedGlyph(gid: UInt16(gid), x: x + dx, y: baseline + dy, advance: adv, offset: dx != 0 || dy != 0,
                                       breakBefore: skipped, text: cluster))
                skipped = false
            }
            if !out.isEmpty { shaped.runs.append(ShapedRun(font: ttf, glyphs: out)) }
        } while pango_layout_iter_next_run(iter) != 0
        return shaped
    }
}
