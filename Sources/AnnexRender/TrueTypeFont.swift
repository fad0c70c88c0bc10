import CPangoCairo
import Foundation

/// A TrueType font file read once per process (the metrics a PDF needs), and subsets of it for PDF embedding
/// made by HarfBuzz's subsetter: the glyphs a document uses keep their numbers (so the PDF's glyph ids are the
/// font's), every other glyph is dropped, and only the tables a PDF viewer needs are kept.
final class TrueTypeFont: @unchecked Sendable {
    let id: String
    let postscriptName: String
    let unitsPerEm: Double
    let bbox: (Int, Int, Int, Int)
    let ascent: Int
    let descent: Int
    private let numGlyphs: Int
    private let advances: [UInt16]
    /// The whole file, as the HarfBuzz blob the text's font was read from (the file mapped into memory, shared with
    /// Pango: no copy), and a HarfBuzz face over it (immutable: safe to subset from several threads).
    private let blob: OpaquePointer
    private let face: OpaquePointer
    /// The face with HarfBuzz's subsetting accelerators attached once (hb_subset_preprocess), so that each PDF's
    /// subset does not rebuild them: the same subsets, in about half the time.
    private let subsetSource: OpaquePointer

    private static let lock = NSLock()
    nonisolated(unsafe) private static var cache: [String: TrueTypeFont?] = [:]

    /// The font of a HarfBuzz face, parsed once per process; nil when it is not a TrueType-outlined font.
    static func shared(_ face: OpaquePointer) -> TrueTypeFont? {
        guard let blob = hb_face_reference_blob(face) else { return nil }
        defer { hb_blob_destroy(blob) }
        var length: UInt32 = 0
        guard let ptr = hb_blob_get_data(blob, &length), length > 12 else { return nil }
        let index = Int(hb_face_get_index(face))
        let raw = UnsafeRawBufferPointer(start: ptr, count: Int(length))
        // Identity: size, face index and the head table's checksum adjustment.
        let key = "\(length)/\(index)/" + raw.prefix(64).map { String($0) }.joined(separator: ".")
        lock.lock(); defer { lock.unlock() }
        if let f = cache[key] { return f }
        let f = TrueTypeFont(raw, blob: blob, index: index, id: "f\(cache.count + 1)")
        cache[key] = f
        return f
    }

    private init?(_ b: UnsafeRawBufferPointer, blob fileBlob: OpaquePointer, index: Int, id: String) {
        func u16(_ o: Int) -> Int { o + 2 <= b.count ? Int(b[o]) << 8 | Int(b[o + 1]) : 0 }
        func i16(_ o: Int) -> Int { let v = u16(o); return v >= 0x8000 ? v - 0x10000 : v }
        func u32(_ o: Int) -> Int { o + 4 <= b.count ? Int(b[o]) << 24 | Int(b[o + 1]) << 16 | Int(b[o + 2]) << 8 | Int(b[o + 3]) : 0 }
        var dir = 0
        if u32(0) == 0x74746366 {   // 'ttcf'
            guard index < u32(8) else { return nil }
            dir = u32(12 + 4 * index)
        }
        guard u32(dir) == 0x00010000 || u32(dir) == 0x74727565 else { return nil }   // TrueType outlines only
        var t: [String: (Int, Int)] = [:]
        for i in 0..<u16(dir + 4) {
            let r = dir + 12 + 16 * i
            let tag = String(decoding: b[r..<(r + 4)], as: UTF8.self)
            let off = u32(r + 8), len = u32(r + 12)
            guard off + len <= b.count else { return nil }
            t[tag] = (off, len)
        }
        guard let head = t["head"], let hhea = t["hhea"], let maxp = t["maxp"], let hmtx = t["hmtx"],
              t["loca"] != nil, t["glyf"] != nil else { return nil }
        self.id = id
        unitsPerEm = Double(max(16, u16(head.0 + 18)))
        bbox = (i16(head.0 + 36), i16(head.0 + 38), i16(head.0 + 40), i16(head.0 + 42))
        ascent = i16(hhea.0 + 4); descent = i16(hhea.0 + 6)
        numGlyphs = u16(maxp.0 + 4)
        let metrics = max(1, u16(hhea.0 + 34))
        var adv: [UInt16] = []
        adv.reserveCapacity(numGlyphs)
        for g in 0..<numGlyphs { adv.append(UInt16(u16(hmtx.0 + 4 * min(g, metrics - 1)))) }
        advances = adv
        // The PostScript name (name id 6), for the font's PDF name.
        var ps = "Font"
        if let name = t["name"] {
            let count = u16(name.0 + 2), strings = name.0 + u16(name.0 + 4)
            for i in 0..<count {
                let r = name.0 + 6 + 12 * i
                guard u16(r + 6) == 6 else { continue }
                let len = u16(r + 8), off = strings + u16(r + 10)
                guard off + len <= b.count else { continue }
                let bytes = Array(b[off..<(off + len)])
                let platform = u16(r)
                let s = platform == 3 || platform == 0
                    ? String(decoding: stride(from: 0, to: bytes.count - 1, by: 2).map { UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]) }, as: UTF16.self)
                    : String(decoding: bytes, as: UTF8.self)
                let clean = s.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
                if !clean.isEmpty { ps = clean; break }
            }
        }
        postscriptName = ps
        hb_blob_make_immutable(fileBlob)
        blob = hb_blob_reference(fileBlob)
        face = hb_face_create(blob, UInt32(index))
        hb_face_make_immutable(face)
        subsetSource = hb_subset_preprocess(face)
    }

    deinit {
        hb_face_destroy(subsetSource)
        hb_face_destroy(face)
        hb_blob_destroy(blob)
    }

    /// A glyph's advance in ems.
    func advance(_ gid: UInt16) -> Double {
        Int(gid) < advances.count ? Double(advances[Int(gid)]) / unitsPerEm : 0
    }

    /// The tables a PDF viewer does not read: layout, names, PostScript names, character maps, hinting aids.
    private static let dropped = ["GSUB", "GPOS", "GDEF", "BASE", "JSTF", "MATH", "kern", "name", "post", "cmap", "OS/2",
                                  "gasp", "hdmx", "LTSH", "VDMX", "FFTM", "DSIG", "meta"]

    /// The font with only `used` glyphs (and the parts composite glyphs are built from) left in, glyph ids kept,
    /// hinting dropped; and the used glyphs in order. Empty bytes if HarfBuzz refuses (the caller falls back).
    func subset(_ usedIn: Set<UInt16>) -> (font: [UInt8], used: [UInt16]) {
        let used = usedIn.filter { Int($0) < numGlyphs }.sorted()
        guard let input = hb_subset_input_create_or_fail() else { return ([], used) }
        defer { hb_subset_input_destroy(input) }
        let glyphs = hb_subset_input_glyph_set(input)
        for g in used { hb_set_add(glyphs, hb_codepoint_t(g)) }
        hb_subset_input_set_flags(input, HB_SUBSET_FLAGS_RETAIN_GIDS.rawValue | HB_SUBSET_FLAGS_NO_HINTING.rawValue)
        let drop = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG)
        for tag in TrueTypeFont.dropped {
            let c = Array(tag.utf8)
            hb_set_add(drop, hb_codepoint_t(c[0]) << 24 | hb_codepoint_t(c[1]) << 16 | hb_codepoint_t(c[2]) << 8 | hb_codepoint_t(c[3]))
        }
        guard let sub = hb_subset_or_fail(subsetSource, input) else { return ([], used) }
        defer { hb_face_destroy(sub) }
        guard let blob = hb_face_reference_blob(sub) else { return ([], used) }
        defer { hb_blob_destroy(blob) }
        var length: UInt32 = 0
        guard let data = hb_blob_get_data(blob, &length), length > 0 else { return ([], used) }
        return (Array(UnsafeRawBufferPointer(start: data, count: Int(length))), used)
    }
}
