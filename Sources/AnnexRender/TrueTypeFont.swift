import CPangoCairo
import Foundation

/// A TrueType font file read once per process, and subsets of it for PDF embedding: the glyphs a document
/// uses keep their numbers (so the PDF's glyph ids are the font's), every other glyph is emptied, and only
/// the tables a PDF viewer needs are kept.
final class TrueTypeFont: @unchecked Sendable {
    let id: String
    let postscriptName: String
    let unitsPerEm: Double
    let bbox: (Int, Int, Int, Int)
    let ascent: Int
    let descent: Int
    private let numGlyphs: Int
    private let advances: [UInt16]
    private let glyphOffsets: [Int]      // numGlyphs + 1 offsets into glyf
    private let glyf: [UInt8]
    private let tables: [(tag: String, data: [UInt8])]   // kept as they are: hhea, hmtx, maxp, cvt, fpgm, prep
    private let head: [UInt8]

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
        let f = TrueTypeFont(Array(raw), index: index, id: "f\(cache.count + 1)")
        cache[key] = f
        return f
    }

    private init?(_ b: [UInt8], index: Int, id: String) {
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
              let loca = t["loca"], let glyf = t["glyf"] else { return nil }
        self.id = id
        unitsPerEm = Double(max(16, u16(head.0 + 18)))
        bbox = (i16(head.0 + 36), i16(head.0 + 38), i16(head.0 + 40), i16(head.0 + 42))
        ascent = i16(hhea.0 + 4); descent = i16(hhea.0 + 6)
        numGlyphs = u16(maxp.0 + 4)
        let longLoca = u16(head.0 + 50) == 1
        var offs: [Int] = []
        offs.reserveCapacity(numGlyphs + 1)
        for g in 0...numGlyphs { offs.append(longLoca ? u32(loca.0 + 4 * g) : 2 * u16(loca.0 + 2 * g)) }
        guard offs.last! <= glyf.1 else { return nil }
        glyphOffsets = offs
        self.glyf = Array(b[glyf.0..<(glyf.0 + glyf.1)])
        let metrics = max(1, u16(hhea.0 + 34))
        var adv: [UInt16] = []
        adv.reserveCapacity(numGlyphs)
        for g in 0..<numGlyphs { adv.append(UInt16(u16(hmtx.0 + 4 * min(g, metrics - 1)))) }
        advances = adv
        self.head = Array(b[head.0..<(head.0 + head.1)])
        tables = ["cvt ", "fpgm", "hhea", "hmtx", "maxp", "prep"].compactMap { tag in t[tag].map { (tag, Array(b[$0.0..<($0.0 + $0.1)])) } }
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
    }

    /// A glyph's advance in ems.
    func advance(_ gid: UInt16) -> Double {
        Int(gid) < advances.count ? Double(advances[Int(gid)]) / unitsPerEm : 0
    }

    /// The font with only `used` glyphs (and the parts composite glyphs are built from) left in, and those
    /// glyphs in order.
    func subset(_ usedIn: Set<UInt16>) -> (font: [UInt8], used: [UInt16]) {
        var used = usedIn.filter { Int($0) < numGlyphs }
        var queue = Array(used)
        while let g = queue.popLast() {
            let a = glyphOffsets[Int(g)], b = glyphOffsets[Int(g) + 1]
            guard b - a >= 10 else { continue }
            let contours = Int16(bitPattern: UInt16(glyf[a]) << 8 | UInt16(glyf[a + 1]))
            guard contours < 0 else { continue }
            var p = a + 10
            while p + 4 <= b {
                let flags = Int(glyf[p]) << 8 | Int(glyf[p + 1])
                let comp = UInt16(glyf[p + 2]) << 8 | UInt16(glyf[p + 3])
                if Int(comp) < numGlyphs, used.insert(comp).inserted { queue.append(comp) }
                p += 4 + (flags & 0x1 != 0 ? 4 : 2)
                if flags & 0x8 != 0 { p += 2 } else if flags & 0x40 != 0 { p += 4 } else if flags & 0x80 != 0 { p += 8 }
                if flags & 0x20 == 0 { break }
            }
        }
        var newGlyf: [UInt8] = []
        newGlyf.reserveCapacity(used.count * 128)
        var loca = [UInt8](repeating: 0, count: 4 * (numGlyphs + 1))
        func put32(_ v: Int, _ o: inout [UInt8]) { o.append(UInt8(v >> 24 & 0xFF)); o.append(UInt8(v >> 16 & 0xFF)); o.append(UInt8(v >> 8 & 0xFF)); o.append(UInt8(v & 0xFF)) }
        func set32(_ v: Int, at i: Int) { loca[i] = UInt8(v >> 24 & 0xFF); loca[i + 1] = UInt8(v >> 16 & 0xFF); loca[i + 2] = UInt8(v >> 8 & 0xFF); loca[i + 3] = UInt8(v & 0xFF) }
        var previous = 0
        for g in used.sorted() where Int(g) < numGlyphs {
            // Glyphs before g (unused) are empty: they all start where the last used one ended.
            for e in previous...Int(g) { set32(newGlyf.count, at: 4 * e) }
            newGlyf += glyf[glyphOffsets[Int(g)]..<glyphOffsets[Int(g) + 1]]
            while newGlyf.count % 4 != 0 { newGlyf.append(0) }
            previous = Int(g) + 1
        }
        for e in previous...numGlyphs { set32(newGlyf.count, at: 4 * e) }
        var newHead = head
        if newHead.count >= 54 {
            newHead[8] = 0; newHead[9] = 0; newHead[10] = 0; newHead[11] = 0     // checkSumAdjustment, set below
            newHead[50] = 0; newHead[51] = 1                                        // long loca offsets
        }
        var all = tables + [("glyf", newGlyf), ("head", newHead), ("loca", loca)]
        all.sort { $0.tag < $1.tag }
        func checksum(_ d: [UInt8]) -> UInt32 {
            var sum: UInt32 = 0
            var i = 0
            while i < d.count {
                var word: UInt32 = 0
                for k in 0..<4 { word = word << 8 | UInt32(i + k < d.count ? d[i + k] : 0) }
                sum = sum &+ word
                i += 4
            }
            return sum
        }
        let n = all.count
        var entrySelector = 0
        while (1 << (entrySelector + 1)) <= n { entrySelector += 1 }
        let searchRange = (1 << entrySelector) * 16
        var out: [UInt8] = [0, 1, 0, 0, UInt8(n >> 8), UInt8(n & 0xFF), UInt8(searchRange >> 8), UInt8(searchRange & 0xFF),
                            UInt8(entrySelector >> 8), UInt8(entrySelector & 0xFF), UInt8((n * 16 - searchRange) >> 8), UInt8((n * 16 - searchRange) & 0xFF)]
        var offset = 12 + 16 * n
        var headOffset = 0
        for (tag, data) in all {
            out += Array(tag.utf8)
            put32(Int(checksum(data)), &out); put32(offset, &out); put32(data.count, &out)
            if tag == "head" { headOffset = offset }
            offset += (data.count + 3) / 4 * 4
        }
        for (_, data) in all {
            out += data
            while out.count % 4 != 0 { out.append(0) }
        }
        let adjust = 0xB1B0_AFBA &- checksum(out)
        if headOffset + 12 <= out.count {
            out[headOffset + 8] = UInt8(adjust >> 24 & 0xFF); out[headOffset + 9] = UInt8(adjust >> 16 & 0xFF)
            out[headOffset + 10] = UInt8(adjust >> 8 & 0xFF); out[headOffset + 11] = UInt8(adjust & 0xFF)
        }
        return (out, used.sorted())
    }
}
