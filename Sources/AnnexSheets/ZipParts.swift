import CLibDeflate
import Foundation

/// The parts of a zip archive read directly: the central directory for each part's place, sizes and CRC-32, the
/// data inflated by libdeflate into a buffer of the size the directory states, the CRC-32 compared.
///
/// Own code beside ZIPFoundation (which opens the archive and lists its entries) because ZIPFoundation 0.9.20's
/// extraction loops forever on a deflate stream that ends early (its `repeat … while result != Z_STREAM_END` gets
/// empty chunks), traps on some damaged archives held in memory, and returns a part's CRC-32 without comparing it.
/// Here a damaged part is an error, every time, in bounded time and memory.
struct ZipParts {
    struct Part { var method: UInt16; var crc: UInt32; var compressed: Int; var size: Int; var localHeader: Int }

    let bytes: [UInt8]
    let parts: [String: Part]

    /// Nil for an archive whose directory this reader does not understand (ZIP64, spanned): ZIPFoundation reads it.
    init?(_ data: Data) {
        let b = [UInt8](data)
        func u16(_ o: Int) -> Int { o + 2 <= b.count ? Int(b[o]) | Int(b[o + 1]) << 8 : -1 }
        func u32(_ o: Int) -> Int { o + 4 <= b.count ? Int(b[o]) | Int(b[o + 1]) << 8 | Int(b[o + 2]) << 16 | Int(b[o + 3]) << 24 : -1 }
        // The end of central directory record: its signature in the last 64 KiB + 22 bytes.
        var eocd = -1
        var i = b.count - 22
        while i >= max(0, b.count - 65_557) {
            if b[i] == 0x50, b[i + 1] == 0x4B, b[i + 2] == 0x05, b[i + 3] == 0x06 { eocd = i; break }
            i -= 1
        }
        guard eocd >= 0 else { return nil }
        let count = u16(eocd + 10), cdSize = u32(eocd + 12), cdOffset = u32(eocd + 16)
        guard count >= 0, count != 0xFFFF, cdOffset >= 0, cdOffset != 0xFFFF_FFFF, cdOffset + cdSize <= eocd else { return nil }
        var parts: [String: Part] = [:]
        var o = cdOffset
        for _ in 0..<count {
            guard u32(o) == 0x0201_4B50 else { return nil }
            let method = u16(o + 10), crc = u32(o + 16), comp = u32(o + 20), size = u32(o + 24)
            let nameLength = u16(o + 28), extra = u16(o + 30), comment = u16(o + 32), local = u32(o + 42)
            guard method >= 0, nameLength >= 0, extra >= 0, comment >= 0, o + 46 + nameLength <= b.count,
                  comp != 0xFFFF_FFFF, size != 0xFFFF_FFFF, local != 0xFFFF_FFFF else { return nil }
            let name = String(decoding: b[(o + 46)..<(o + 46 + nameLength)], as: UTF8.self)
            parts[name] = Part(method: UInt16(method), crc: UInt32(crc), compressed: comp, size: size, localHeader: local)
            o += 46 + nameLength + extra + comment
        }
        bytes = b
        self.parts = parts
    }

    enum Failure: Error { case damaged(String), tooLarge }

    /// The part's bytes, inflated and checked; at most `limit` bytes, and at most 200 to 1 past 16 MB.
    func read(_ name: String, limit: Int) throws(Failure) -> Data? {
        guard let p = parts[name] else { return nil }
        guard p.size <= limit, p.size <= max(16 << 20, p.compressed * 200) else { throw .tooLarge }
        let h = p.localHeader
        guard h >= 0, h + 30 <= bytes.count, bytes[h] == 0x50, bytes[h + 1] == 0x4B, bytes[h + 2] == 0x03, bytes[h + 3] == 0x04 else {
            throw .damaged("its local header is missing")
        }
        let start = h + 30 + (Int(bytes[h + 26]) | Int(bytes[h + 27]) << 8) + (Int(bytes[h + 28]) | Int(bytes[h + 29]) << 8)
        guard start + p.compressed <= bytes.count else { throw .damaged("its data runs past the file's end") }
        var out = [UInt8](repeating: 0, count: p.size)
        switch p.method {
        case 0:
            guard p.compressed == p.size else { throw .damaged("stored with two different sizes") }
            out = Array(bytes[start..<(start + p.size)])
        case 8:
            guard let d = libdeflate_alloc_decompressor() else { throw .damaged("no memory to inflate it") }
            defer { libdeflate_free_decompressor(d) }
            var actual = 0
            let rc = bytes.withUnsafeBufferPointer { src in
                out.withUnsafeMutableBufferPointer { dst in
                    libdeflate_deflate_decompress(d, src.baseAddress! + start, p.compressed, dst.baseAddress, p.size, &actual)
                }
            }
            if rc == LIBDEFLATE_INSUFFICIENT_SPACE { throw .tooLarge }   // it inflates past the size it states: a bomb
            guard rc == LIBDEFLATE_SUCCESS, actual == p.size else { throw .damaged("its compressed data is damaged") }
        default:
            throw .damaged("compressed by method \(p.method), which Excel does not use")
        }
        let crc = out.withUnsafeBufferPointer { UInt32(libdeflate_crc32(0, $0.baseAddress, $0.count)) }
        guard crc == p.crc else { throw .damaged("its checksum does not match") }
        return Data(out)
    }
}
