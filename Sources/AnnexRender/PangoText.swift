import AnnexScene
import CCairo
import CPangoCairo

/// One Pango layout and its context, configured the same way for measuring and for drawing so that a
/// text is exactly as wide when drawn as layout code was told. Not thread-safe: one per task.
final class PangoText {
    let context: OpaquePointer
    let layout: OpaquePointer

    /// Makes a layout for drawing on `cr` (or for measuring, on a scratch context).
    init(cairo cr: OpaquePointer) {
        context = pango_cairo_create_context(cr)
        let options = cairo_font_options_create()
        // No hinting: glyph advances do not depend on the output scale, so PNG at 2x, SVG and PDF lay
        // out text identically, and the measurer's widths hold for every backend.
        cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
        cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
        cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY)
        pango_cairo_context_set_font_options(context, options)
        cairo_font_options_destroy(options)
        pango_context_set_round_glyph_positions(context, 0)
        layout = pango_layout_new(context)
    }

    deinit {
        g_object_unref(UnsafeMutableRawPointer(layout))
        g_object_unref(UnsafeMutableRawPointer(context))
    }

    /// Sets text, font, width, wrapping and alignment.
    func configure(_ r: TextLayoutRequest, alignment: HorizontalAnchor = .start) {
        pango_layout_set_text(layout, r.text, -1)
        let desc = pango_font_description_new()
        pango_font_description_set_family(desc, r.font.family)
        pango_font_description_set_absolute_size(desc, r.font.size * Double(PANGO_SCALE))
        pango_font_description_set_weight(desc, PangoWeight(rawValue: UInt32(r.font.weight.value)))
        pango_font_description_set_style(desc, r.font.italic ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL)
        pango_layout_set_font_description(layout, desc)
        pango_font_description_free(desc)

        if let w = r.maxWidth, w.isFinite, w > 0 {
            pango_layout_set_width(layout, Int32((w * Double(PANGO_SCALE)).rounded(.down)))
        } else {
            pango_layout_set_width(layout, -1)
        }
        switch r.overflow {
        case .wrap(let maxLines):
            pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
            if let n = maxLines, n > 0 {
                pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END)
                pango_layout_set_height(layout, -Int32(n))
            } else {
                pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_NONE)
                pango_layout_set_height(layout, -1)
            }
        case .ellipsis:
            pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
            pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END)
            pango_layout_set_height(layout, -1)
        }
        pango_layout_set_line_spacing(layout, r.lineSpacing == 1 ? 0 : Float(r.lineSpacing))
        let align: PangoAlignment = switch alignment {
        case .start: PANGO_ALIGN_LEFT
        case .middle: PANGO_ALIGN_CENTER
        case .end: PANGO_ALIGN_RIGHT
        }
        pango_layout_set_alignment(layout, align)
    }

    /// The logical rectangle of the configured layout, in pixels, relative to the layout origin.
    var logicalRect: (x: Double, y: Double, width: Double, height: Double) {
        var logical = PangoRectangle()
        pango_layout_get_extents(layout, nil, &logical)
        let s = Double(PANGO_SCALE)
        return (Double(logical.x) / s, Double(logical.y) / s, Double(logical.width) / s, Double(logical.height) / s)
    }

    var metrics: TextMetrics {
        let r = logicalRect
        let baseline = Double(pango_layout_get_baseline(layout)) / Double(PANGO_SCALE) - r.y
        return TextMetrics(width: r.width, height: r.height, baseline: baseline,
                           lineCount: Int(pango_layout_get_line_count(layout)),
                           isTruncated: pango_layout_is_ellipsized(layout) != 0)
    }
}

/// Measures text with Pango exactly as `Renderer` draws it. Caches by request. Not thread-safe: make one
/// per task (each holds its own Pango context).
public final class PangoTextMeasurer: TextMeasurer {
    private let surface: OpaquePointer
    private let cr: OpaquePointer
    private let text: PangoText
    private var cache: [TextLayoutRequest: TextMetrics] = [:]

    /// A measurer with its own 1×1 Cairo surface and Pango context, and an empty cache.
    public init() {
        surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1)
        cr = cairo_create(surface)
        text = PangoText(cairo: cr)
    }

    deinit {
        cairo_destroy(cr)
        cairo_surface_destroy(surface)
    }

    /// Lays out the request's text with Pango (font, size, wrapping width, line spacing) and returns its size, first
    /// baseline and line count; a request seen before is answered from the cache.
    public func measure(_ request: TextLayoutRequest) -> TextMetrics {
        if let m = cache[request] { return m }
        text.configure(request)
        let m = text.metrics
        cache[request] = m
        return m
    }
}
