import AnnexIO
import AnnexScene
import CCairo
import CPangoCairo
import CPNGEncoder
import Foundation

/// Options of one rendering.
public struct RenderOptions: Hashable, Sendable {
    /// PNG only: device pixels per scene pixel (2 for a high-resolution slide).
    public var scale: Double
    /// SVG only: text as `<text>` elements (default) or as glyph outlines.
    public var svgText: SVGText
    /// PDF only: written by Annex (default) or by Cairo's PDF surface.
    public var pdfWriter: PDFWriterChoice
    /// PNG only: threads one image may use. With 1 the image is drawn strip by strip on a small surface (the
    /// memory of one strip, about 2 MB, whatever the image's size); with 2 it is drawn whole and the lower half of
    /// its strips is drawn, filtered and compressed on a helper thread. The bytes are the same whatever the
    /// number; 1 suits callers that already render several images at once, 2 a single chart that someone waits for.
    public var threads: Int
    /// Options with every default: scale 1, text as SVG elements, PDF by Annex, one thread.
    public init(scale: Double = 1, svgText: SVGText = .elements, pdfWriter: PDFWriterChoice = .annex, threads: Int = 1) {
        self.scale = scale; self.svgText = svgText; self.pdfWriter = pdfWriter; self.threads = threads
    }
}

/// Who writes PDF files.
public enum PDFWriterChoice: String, Sendable, Hashable, CaseIterable, Codable {
    /// Annex: paths and embedded TrueType subsets written directly (fast; falls back to Cairo for other fonts).
    case annex
    /// Cairo's PDF surface.
    case cairo
}

/// Draws scenes with Cairo (shapes) and Pango (all text) into PNG, SVG or PDF bytes or files.
/// A value with no shared state: each call makes its own surface, context and Pango layout, so calls
/// may run on several threads at once.
public struct Renderer: Sendable {
    /// PDF points per scene pixel: a scene pixel is a CSS pixel (1/96 inch).
    public static let pointsPerPixel = 0.75
    /// The largest PNG side Cairo's image surfaces allow.
    public static let maxImageSide = 32767.0

    /// A renderer. It holds nothing: make one and use it anywhere, on any thread.
    public init() {}

    /// The scene drawn in `format`, in memory.
    public func render(_ scene: Scene, as format: OutputFormat, options: RenderOptions = RenderOptions())
        throws(RenderError) -> [UInt8]
    {
        try SceneValidator.validate(scene, format: format, options: options)
        switch format {
        case .png: return try renderPNG(scene, scale: options.scale, threads: options.threads)
        case .svg: return options.svgText == .elements ? SVGWriter.render(scene) : try renderSVG(scene)
        case .pdf:
            if options.pdfWriter == .annex, let pdf = PDFWriter.render(pages: [scene]) { return pdf }
            return try renderPDF(scene)
        }
    }

    /// Draws the scene in memory, then writes it to `path` atomically: a failed render or write leaves
    /// any existing file untouched and no partial file behind. The format comes from the extension unless given.
    public func write(_ scene: Scene, to path: String, format: OutputFormat? = nil,
                      options: RenderOptions = RenderOptions()) throws(RenderError)
    {
        guard let fmt = format ?? OutputFormat(path: path) else {
            throw .invalidScene("cannot tell the output format of '\(path)': expected a .png, .svg or .pdf name")
        }
        let bytes = try render(scene, as: fmt, options: options)
        do { try AtomicFile.write(bytes, to: path) } catch { throw .write(error) }
    }

    /// Several scenes as the pages of one PDF (each page the size of its scene), with the first page's metadata.
    public func renderPDF(pages: [Scene]) throws(RenderError) -> [UInt8] {
        guard let first = pages.first else { throw .invalidScene("a document needs at least one page") }
        for p in pages { try SceneValidator.validate(p, format: .pdf, options: RenderOptions()) }
        if let pdf = PDFWriter.render(pages: pages) { return pdf }
        return try renderPDF(first, more: Array(pages.dropFirst()))
    }

    // MARK: formats

    private func renderPNG(_ scene: Scene, scale: Double, threads: Int) throws(RenderError) -> [UInt8] {
        let w = Int32((scene.width * scale).rounded(.up)), h = Int32((scene.height * scale).rounded(.up))
        let opaque = (scene.background?.alpha ?? 0) >= 1
        let format = opaque ? CAIRO_FORMAT_RGB24 : CAIRO_FORMAT_ARGB32
        let stride = cairo_format_stride_for_width(format, w)
        guard w > 0, h > 0, stride > 0 else { throw .invalidScene("cannot allocate a \(w)×\(h) image") }
        // One thread: the image in strips on one small surface (the bytes of one whole drawing, a strip's memory).
        if threads <= 1 {
            return try renderStrips(scene, scale: scale, format: format, w: w, h: h, stride: stride, opaque: opaque)
        }
        // Two threads: the whole image at once, its two bands of strips drawn and encoded side by side. Pixels from
        // a shared pool: no page faults for each image.
        let bytes = Int(stride) * Int(h)
        let pixels = PixelPool.shared.take(bytes)
        defer { PixelPool.shared.give(pixels, bytes) }
        if !opaque { memset(pixels, 0, bytes) }      // transparent canvas: start from nothing
        guard let surface = cairo_image_surface_create_for_data(pixels.assumingMemoryBound(to: UInt8.self), format, w, h, stride)
        else { throw .invalidScene("cannot allocate a \(w)×\(h) image") }
        defer { cairo_surface_destroy(surface) }
        try RenderError.check(cairo_surface_status(surface), "create a \(w)×\(h) image surface")
        if let png = try renderBands(scene, scale: scale, pixels: pixels, format: format, w: w, h: h, stride: stride, opaque: opaque) {
            return png
        }
        try draw(scene, on: surface, scale: scale)
        cairo_surface_flush(surface)
        return try PNGEncoder.encode(surface, hasAlpha: !opaque)
    }

    /// The image drawn in the encoder's strips of rows, top to bottom, on one small surface: each strip is drawn
    /// with the surface's device offset moved down to it (a whole number of device pixels, so every coordinate
    /// moves by an exact integer and the pixels are those of one whole drawing), then filtered and compressed
    /// before the next is drawn over it. A 300-dpi page figure needs 2 MB of pixels this way instead of 15.
    private func renderStrips(_ scene: Scene, scale: Double, format: cairo_format_t, w: Int32, h: Int32, stride: Int32,
                              opaque: Bool) throws(RenderError) -> [UInt8] {
        let rows = annex_png_strip_rows(h, stride)
        let bytes = Int(stride) * Int(rows)
        let pixels = PixelPool.shared.take(bytes)
        defer { PixelPool.shared.give(pixels, bytes) }
        let base = pixels.assumingMemoryBound(to: UInt8.self)
        guard let job = annex_png_begin(nil, w, h, stride, opaque ? 0 : 1, PNGEncoder.level) else { throw PNGEncoder.failure(1) }
        var top: Int32 = 0
        while top < h {
            let count = min(rows, h - top)
            if !opaque { memset(pixels, 0, bytes) }      // transparent canvas: start from nothing
            guard let surface = cairo_image_surface_create_for_data(base, format, w, count, stride) else {
                annex_png_abandon(job)
                throw .invalidScene("cannot allocate a \(w)×\(count) image")
            }
            cairo_surface_set_device_offset(surface, 0, -Double(top))
            do throws(RenderError) {
                try RenderError.check(cairo_surface_status(surface), "create a \(w)×\(count) image surface")
                try draw(scene, on: surface, scale: scale)
                cairo_surface_flush(surface)
            } catch {
                cairo_surface_destroy(surface)
                annex_png_abandon(job)
                throw error
            }
            cairo_surface_destroy(surface)
            let rc = annex_png_encode_strip(job, top, base, stride, count)
            guard rc == 0 else { annex_png_abandon(job); throw PNGEncoder.failure(rc) }
            top += count
        }
        var out: UnsafeMutablePointer<UInt8>? = nil
        var len = 0
        let rc = annex_png_finish(job, &out, &len)
        return try PNGEncoder.bytes(rc, out, len)
    }

    /// The image in the encoder's two bands of rows, each drawn and then encoded on its own thread (the lower one
    /// on the band helper), each band on its own surface over the same pixels: the pixels of one whole drawing and
    /// the bytes of one thread. Nil for an image too short for two bands.
    private func renderBands(_ scene: Scene, scale: Double, pixels: UnsafeMutableRawPointer, format: cairo_format_t,
                             w: Int32, h: Int32, stride: Int32, opaque: Bool) throws(RenderError) -> [UInt8]? {
        let base = pixels.assumingMemoryBound(to: UInt8.self)
        guard let job = annex_png_begin(base, w, h, stride, opaque ? 0 : 1, PNGEncoder.level) else {
            throw PNGEncoder.failure(1)
        }
        guard annex_png_bands(job) == 2 else { annex_png_abandon(job); return nil }
        let split = annex_png_band_top(job, 1)
        // Two surfaces over the whole image, each clipped to its band: the device coordinates of one whole drawing.
        guard let upper = cairo_image_surface_create_for_data(base, format, w, h, stride),
              let lower = cairo_image_surface_create_for_data(base, format, w, h, stride)
        else { annex_png_abandon(job); throw .invalidScene("cannot allocate a \(w)×\(h) image") }
        defer { cairo_surface_destroy(upper); cairo_surface_destroy(lower) }
        // The lower band's first row is filtered against the upper band's last: the helper waits for it.
        final class Shared: @unchecked Sendable {
            let job: OpaquePointer, lower: OpaquePointer
            let boundary = DispatchSemaphore(value: 0)
            var upperFailed = false
            init(_ job: OpaquePointer, _ lower: OpaquePointer) { self.job = job; self.lower = lower }
        }
        let shared = Shared(job, lower)
        do {
            try BandHelper.shared.run(
                helper: { () throws(RenderError) in
                    do throws(RenderError) {
                        try self.draw(scene, on: shared.lower, scale: scale, rows: split..<h)
                    } catch {
                        shared.boundary.wait()
                        throw error
                    }
                    cairo_surface_flush(shared.lower)
                    shared.boundary.wait()
                    if !shared.upperFailed { annex_png_encode_band(shared.job, 1) }
                },
                caller: { () throws(RenderError) in
                    do throws(RenderError) {
                        try self.draw(scene, on: upper, scale: scale, rows: 0..<split)
                    } catch {
                        shared.upperFailed = true
                        shared.boundary.signal()
                        throw error
                    }
                    cairo_surface_flush(upper)
                    annex_png_take_boundary(shared.job)
                    shared.boundary.signal()
                    annex_png_encode_band(shared.job, 0)
                })
        } catch {
            annex_png_abandon(job)
            throw error
        }
        var out: UnsafeMutablePointer<UInt8>? = nil
        var len = 0
        let rc = annex_png_finish(job, &out, &len)
        return try PNGEncoder.bytes(rc, out, len)
    }

    /// Draws the scene into a 1600×900-style image surface and throws it away: the drawing part of a PNG
    /// render, for benchmarks that split drawing from encoding.
    public func rasterizeOnly(_ scene: Scene) throws(RenderError) {
        let w = Int32(scene.width.rounded(.up)), h = Int32(scene.height.rounded(.up))
        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h) else { throw .invalidScene("cannot allocate an image") }
        defer { cairo_surface_destroy(surface) }
        try draw(scene, on: surface, scale: 1)
        cairo_surface_flush(surface)
    }

    /// The scene as PNG through Cairo's own writer (zlib 6, all filters): the reference the tests compare
    /// Annex's encoder with, pixel for pixel.
    func renderPNGWithCairosWriter(_ scene: Scene, scale: Double = 1) throws(RenderError) -> [UInt8] {
        let opaque = (scene.background?.alpha ?? 0) >= 1
        guard let surface = cairo_image_surface_create(opaque ? CAIRO_FORMAT_RGB24 : CAIRO_FORMAT_ARGB32,
                                                       Int32((scene.width * scale).rounded(.up)), Int32((scene.height * scale).rounded(.up)))
        else { throw .invalidScene("cannot allocate an image") }
        defer { cairo_surface_destroy(surface) }
        try draw(scene, on: surface, scale: scale)
        cairo_surface_flush(surface)
        let sink = ByteSink()
        let status = withExtendedLifetime(sink) {
            cairo_surface_write_to_png_stream(surface, byteSinkWrite, Unmanaged.passUnretained(sink).toOpaque())
        }
        try RenderError.check(status, "write PNG with Cairo")
        return sink.bytes
    }

    private func renderSVG(_ scene: Scene) throws(RenderError) -> [UInt8] {
        let sink = ByteSink()
        // Cairo holds the sink unretained until the surface is destroyed (also on the error path).
        defer { withExtendedLifetime(sink) {} }
        guard let surface = cairo_svg_surface_create_for_stream(
            byteSinkWrite, Unmanaged.passUnretained(sink).toOpaque(), scene.width, scene.height)
        else { throw .invalidScene("cannot create an SVG surface") }
        defer { cairo_surface_destroy(surface) }
        try RenderError.check(cairo_surface_status(surface), "create an SVG surface")
        cairo_svg_surface_restrict_to_version(surface, CAIRO_SVG_VERSION_1_1)
        cairo_svg_surface_set_document_unit(surface, CAIRO_SVG_UNIT_PX)
        try draw(scene, on: surface, scale: 1)
        cairo_surface_finish(surface)
        try RenderError.check(cairo_surface_status(surface), "finish the SVG document")
        return SVGPostProcessor.normalise(sink.bytes, metadata: scene.metadata)
    }

    private func renderPDF(_ scene: Scene, more: [Scene] = []) throws(RenderError) -> [UInt8] {
        let sink = ByteSink()
        // Cairo holds the sink unretained until the surface is destroyed (also on the error path).
        defer { withExtendedLifetime(sink) {} }
        let k = Renderer.pointsPerPixel
        guard let surface = cairo_pdf_surface_create_for_stream(
            byteSinkWrite, Unmanaged.passUnretained(sink).toOpaque(), scene.width * k, scene.height * k)
        else { throw .invalidScene("cannot create a PDF surface") }
        defer { cairo_surface_destroy(surface) }
        try RenderError.check(cairo_surface_status(surface), "create a PDF surface")
        let md = scene.metadata
        // Fixed metadata: the dates come from the scene, never from the clock, so the bytes repeat.
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, md.title)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_AUTHOR, md.author)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, md.description)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_KEYWORDS, md.keywords.joined(separator: ", "))
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, md.creator)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, md.created)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, md.modified)
        try draw(scene, on: surface, scale: k)
        for page in more {
            cairo_pdf_surface_set_size(surface, page.width * k, page.height * k)
            try draw(page, on: surface, scale: k)
        }
        cairo_surface_finish(surface)
        try RenderError.check(cairo_surface_status(surface), "finish the PDF document")
        return sink.bytes
    }

    // MARK: drawing

    /// Draws the scene on the surface; only the device rows `rows` if given (one band of an image drawn by two
    /// threads).
    private func draw(_ scene: Scene, on surface: OpaquePointer, scale: Double, rows: Range<Int32>? = nil) throws(RenderError) {
        guard let cr = cairo_create(surface) else { throw .invalidScene("cannot create a drawing context") }
        defer { cairo_destroy(cr) }
        if let rows {
            cairo_rectangle(cr, 0, Double(rows.lowerBound), Double(cairo_image_surface_get_width(surface)), Double(rows.count))
            cairo_clip(cr)
        }
        if scale != 1 { cairo_scale(cr, scale, scale) }
        let text = PangoText(cairo: cr)
        if let bg = scene.background {
            // Paint the whole surface: a canvas whose size is not a whole number of device pixels leaves no
            // unpainted edge.
            set(cr, bg)
            cairo_paint(cr)
        }
        drawMarks(scene.marks, cr, text)
        cairo_show_page(cr)
        try RenderError.check(cairo_status(cr), "draw the scene")
    }

    private func drawMarks(_ marks: [Mark], _ cr: OpaquePointer, _ text: PangoText) {
        for mark in marks {
            switch mark {
            case .rect(let r):
                cairo_new_path(cr)
                cairo_rectangle(cr, r.rect.x, r.rect.y, r.rect.width, r.rect.height)
                paint(cr, fill: r.fill, rule: .nonZero, stroke: r.stroke)
            case .path(let p):
                cairo_new_path(cr)
                appendPath(p.elements, cr)
                paint(cr, fill: p.fill, rule: p.fillRule, stroke: p.stroke)
            case .text(let t):
                drawText(t, cr, text)
            case .group(let g):
                cairo_save(cr)
                if !g.transform.isIdentity {
                    var m = cairo_matrix_t(xx: g.transform.a, yx: g.transform.b, xy: g.transform.c,
                                           yy: g.transform.d, x0: g.transform.tx, y0: g.transform.ty)
                    cairo_transform(cr, &m)
                }
                if let clip = g.clip {
                    cairo_new_path(cr)
                    cairo_rectangle(cr, clip.x, clip.y, clip.width, clip.height)
                    cairo_clip(cr)
                }
                if let clipPath = g.clipPath {
                    cairo_new_path(cr)
                    appendPath(clipPath, cr)
                    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD)
                    cairo_clip(cr)
                }
                if g.opacity < 1 {
                    cairo_push_group(cr)
                    drawMarks(g.children, cr, text)
                    cairo_pop_group_to_source(cr)
                    cairo_paint_with_alpha(cr, max(0, g.opacity))
                } else {
                    drawMarks(g.children, cr, text)
                }
                cairo_restore(cr)
            }
        }
    }

    private func appendPath(_ elements: [PathElement], _ cr: OpaquePointer) {
        for e in elements {
            switch e {
            case .move(let a): cairo_move_to(cr, a.x, a.y)
            case .line(let a): cairo_line_to(cr, a.x, a.y)
            case .curve(let c1, let c2, let to): cairo_curve_to(cr, c1.x, c1.y, c2.x, c2.y, to.x, to.y)
            case .close: cairo_close_path(cr)
            }
        }
    }

    private func paint(_ cr: OpaquePointer, fill: Color?, rule: FillRule, stroke: Stroke?) {
        if let fill {
            set(cr, fill)
            cairo_set_fill_rule(cr, rule == .evenOdd ? CAIRO_FILL_RULE_EVEN_ODD : CAIRO_FILL_RULE_WINDING)
            if stroke != nil { cairo_fill_preserve(cr) } else { cairo_fill(cr) }
        }
        if let s = stroke {
            set(cr, s.color)
            cairo_set_line_width(cr, s.width)
            let join: cairo_line_join_t = switch s.join {
            case .miter: CAIRO_LINE_JOIN_MITER
            case .round: CAIRO_LINE_JOIN_ROUND
            case .bevel: CAIRO_LINE_JOIN_BEVEL
            }
            let cap: cairo_line_cap_t = switch s.cap {
            case .butt: CAIRO_LINE_CAP_BUTT
            case .round: CAIRO_LINE_CAP_ROUND
            case .square: CAIRO_LINE_CAP_SQUARE
            }
            cairo_set_line_join(cr, join)
            cairo_set_line_cap(cr, cap)
            s.dash.withUnsafeBufferPointer { cairo_set_dash(cr, $0.baseAddress, Int32($0.count), 0) }
            // Every stroke with Cairo's default antialiasing. Its 4×4 mode (CAIRO_ANTIALIAS_FAST, once used for
            // hairlines to halve a map's border cost) goes through Cairo 1.16's tor22 scan converter, which corrupts
            // the heap on some paths (a bar chart drawn at scale 0.5 aborted; the fuzzer's fixture
            // chart/bar-no-label-field-png-heap).
            cairo_stroke(cr)
        }
        cairo_new_path(cr)
    }

    /// Whether a one-line, unrotated text lies wholly above or below the drawing's clip (a strip or a band of an
    /// image): then it is not laid out at all. Conservative: two font sizes each way.
    private func outsideClip(_ t: TextMark, _ cr: OpaquePointer) -> Bool {
        guard t.rotation == 0, t.maxWidth == nil, !t.text.contains("\n") else { return false }
        var x1 = 0.0, y1 = 0.0, x2 = 0.0, y2 = 0.0
        cairo_clip_extents(cr, &x1, &y1, &x2, &y2)
        let reach = 2 * t.font.size * max(1, t.lineSpacing)
        return t.position.y + reach < y1 || t.position.y - reach > y2
    }

    private func drawText(_ t: TextMark, _ cr: OpaquePointer, _ text: PangoText) {
        guard !t.text.isEmpty, !outsideClip(t, cr) else { return }
        text.configure(t.layoutKey, alignment: t.horizontalAnchor)
        let logical = text.logicalRect
        let box = t.localBox(text.metrics)
        cairo_save(cr)
        cairo_translate(cr, t.position.x, t.position.y)
        if t.rotation != 0 { cairo_rotate(cr, t.rotation * .pi / 180) }
        cairo_move_to(cr, box.x - logical.x, box.y - logical.y)
        set(cr, t.color)
        pango_cairo_update_layout(cr, text.layout)
        pango_cairo_show_layout(cr, text.layout)
        cairo_restore(cr)
    }

    private func set(_ cr: OpaquePointer, _ c: Color) {
        if c.alpha >= 1 { cairo_set_source_rgb(cr, c.red, c.green, c.blue) }
        else { cairo_set_source_rgba(cr, c.red, c.green, c.blue, c.alpha) }
    }
}

/// Encodes Cairo image surfaces as PNG: rows filtered Sub or Up (whichever sums smaller), deflated by libdeflate.
/// Chosen by measurement on the three 1600×900 reference charts (Benchmarks/reference): Cairo's own writer
/// (zlib 6, five adaptive filters) takes 36–49 ms; libpng with zlib 3 and the Up filter about 10 ms but makes
/// files 17–34% larger; libdeflate at level 2 with the Sub/Up choice compresses in about 7 ms to within ±2% of
/// Cairo's size (levels 5–6: 4% smaller, 0,3–1 ms slower; levels 2–6 all cost about 6 ms, the hashing of every
/// byte). ISA-L compresses in under 1 ms but 20–40% larger. The image is compressed in strips of rows
/// (`annex_png_strip_rows`: about 2 MiB each, an even number; 0,3% larger than in one piece) so that one thread
/// can draw it strip by strip and two can share it; libdeflate cannot stream, so the strips are joined by
/// clearing each one's final-block bit (zlib's inflate with Z_BLOCK finds it in 4 ms, Annex's
/// block walker in 0,25 ms).
enum PNGEncoder {
    static let level: Int32 = 2

    /// Consumes the surface: opaque pixels are filtered in place (no scratch image, so a run's memory does not
    /// grow with the number of images encoded at once); draw nothing on it afterwards.
    static func encode(_ surface: OpaquePointer, hasAlpha: Bool) throws(RenderError) -> [UInt8] {
        guard let data = cairo_image_surface_get_data(surface) else { throw .invalidScene("the image surface has no pixels") }
        var out: UnsafeMutablePointer<UInt8>? = nil
        var len = 0
        let rc = annex_png_encode(data, cairo_image_surface_get_width(surface), cairo_image_surface_get_height(surface),
                                  cairo_image_surface_get_stride(surface), hasAlpha ? 1 : 0, level, &out, &len)
        return try bytes(rc, out, len)
    }

    static func failure(_ rc: Int32) -> RenderError {
        .cairo(operation: "encode PNG", status: Int(rc), message: "PNG encoder error \(rc)")
    }

    /// The encoder's output as bytes (and its buffer freed), or its error code as an error.
    static func bytes(_ rc: Int32, _ out: UnsafeMutablePointer<UInt8>?, _ len: Int) throws(RenderError) -> [UInt8] {
        guard rc == 0, let out else { throw failure(rc) }
        defer { annex_png_free(out) }
        return Array(UnsafeBufferPointer(start: out, count: len))
    }
}

/// A long-lived thread that draws and encodes the lower band of a PNG image while the caller does the upper one. Long-lived
/// because Pango's default font map and Annex's text caches are per thread: a fresh thread would load fonts again.
/// One caller at a time; a caller that finds it busy draws both bands itself (the same pixels, only slower).
final class BandHelper: @unchecked Sendable {
    static let shared = BandHelper()
    private let condition = NSCondition()
    private var job: (() -> Void)?
    private var busy = false
    private var started = false

    func run(helper: @escaping @Sendable () throws(RenderError) -> Void, caller: () throws(RenderError) -> Void) throws(RenderError) {
        condition.lock()
        if busy {
            condition.unlock()
            try caller()
            try helper()
            return
        }
        busy = true
        if !started {
            started = true
            let t = Thread { [unowned self] in self.loop() }
            t.name = "annex band helper"
            t.start()
        }
        final class Outcome: @unchecked Sendable { var error: RenderError? }
        let outcome = Outcome()
        job = {
            do throws(RenderError) { try helper() } catch { outcome.error = error }
        }
        condition.broadcast()
        condition.unlock()
        var mine: RenderError? = nil
        do { try caller() } catch { mine = error }
        condition.lock()
        while busy { condition.wait() }
        condition.unlock()
        if let mine { throw mine }
        if let e = outcome.error { throw e }
    }

    private func loop() {
        while true {
            condition.lock()
            while job == nil { condition.wait() }
            let work = job!
            condition.unlock()
            work()
            condition.lock()
            job = nil
            busy = false
            condition.broadcast()
            condition.unlock()
        }
    }
}

/// Image buffers kept for reuse across renders and threads: as many as images are drawn at once (one per
/// core), no more. A request that no free buffer fits lets the largest free one go before allocating, so that a
/// run drawing figures and then larger slides holds two slide buffers at its peak, not two of each size.
final class PixelPool: @unchecked Sendable {
    static let shared = PixelPool()
    private let lock = NSLock()
    private var free: [(pointer: UnsafeMutableRawPointer, bytes: Int)] = []    // smallest first
    private let keep = max(2, ProcessInfo.processInfo.activeProcessorCount)

    func take(_ bytes: Int) -> UnsafeMutableRawPointer {
        lock.lock()
        if let i = free.firstIndex(where: { $0.bytes >= bytes }) {
            let p = free.remove(at: i).pointer
            lock.unlock()
            return p
        }
        let tooSmall = free.popLast()
        lock.unlock()
        tooSmall?.pointer.deallocate()
        return UnsafeMutableRawPointer.allocate(byteCount: bytes, alignment: 64)
    }

    func give(_ p: UnsafeMutableRawPointer, _ bytes: Int) {
        lock.lock()
        free.append((p, bytes))
        free.sort { $0.bytes < $1.bytes }
        var drop: [UnsafeMutableRawPointer] = []
        while free.count > keep { drop.append(free.removeFirst().pointer) }
        lock.unlock()
        for d in drop { d.deallocate() }
    }
}

/// Collects the bytes a Cairo stream surface writes.
final class ByteSink {
    var bytes: [UInt8] = []
    init() { bytes.reserveCapacity(1 << 16) }
}

private func byteSinkWrite(_ closure: UnsafeMutableRawPointer?, _ data: UnsafePointer<UInt8>?, _ length: UInt32)
    -> cairo_status_t
{
    guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
    let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
    sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
    return CAIRO_STATUS_SUCCESS
}
