/// SHA-256 (FIPS 180-4), for the hashes of a report's manifest. Written here rather than pulling in a crypto
/// package for one digest: about sixty lines, tested against the standard's vectors.
public struct SHA256: Sendable {
    private var s0: UInt32 = 0x6a09e667, s1: UInt32 = 0xbb67ae85, s2: UInt32 = 0x3c6ef372, s3: UInt32 = 0xa54ff53a
    private var s4: UInt32 = 0x510e527f, s5: UInt32 = 0x9b05688c, s6: UInt32 = 0x1f83d9ab, s7: UInt32 = 0x5be0cd19
    private var buffer: [UInt8] = []
    private var length: UInt64 = 0

    private static let k: [UInt32] = [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01,
        0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
        0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
        0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08,
        0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
        0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2]

    /// A hash of no bytes yet: feed it with `update(_:)`, then call `finish()`.
    public init() {}

    /// Adds bytes from any sequence to the message, one byte at a time (for short or lazily made inputs).
    public mutating func update<S: Sequence>(_ bytes: S) where S.Element == UInt8 {
        for b in bytes {
            buffer.append(b)
            length &+= 1
            if buffer.count == 64 {
                buffer.withUnsafeBytes { compress($0, at: 0) }
                buffer.removeAll(keepingCapacity: true)
            }
        }
    }

    /// Adds an array of bytes to the message, hashing whole 64-byte blocks directly.
    public mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update(raw: $0) }
    }

    /// Adds bytes in memory to the message, hashing whole 64-byte blocks where they lie (no copies).
    public mutating func update(raw bytes: UnsafeRawBufferPointer) {
        var i = 0
        length &+= UInt64(bytes.count)
        if !buffer.isEmpty {
            while i < bytes.count, buffer.count < 64 { buffer.append(bytes[i]); i += 1 }
            if buffer.count == 64 {
                buffer.withUnsafeBytes { compress($0, at: 0) }
                buffer.removeAll(keepingCapacity: true)
            }
        }
        while i + 64 <= bytes.count { compress(bytes, at: i); i += 64 }
        buffer += bytes[i...]
    }

    /// Pads the message and returns its 32-byte digest. The hash is finished: start a new one for another message.
    public mutating func finish() -> [UInt8] {
        let bits = length &* 8
        var pad: [UInt8] = [0x80]
        while (buffer.count + pad.count) % 64 != 56 { pad.append(0) }
        for s in stride(from: 56, through: 0, by: -8) { pad.append(UInt8((bits >> UInt64(s)) & 0xff)) }
        let saved = length
        update(pad)
        length = saved
        return [s0, s1, s2, s3, s4, s5, s6, s7].flatMap { w in [24, 16, 8, 0].map { UInt8((w >> UInt32($0)) & 0xff) } }
    }

    /// One 64-byte block at `offset`: the message schedule in a stack buffer, the state in locals.
    private mutating func compress(_ bytes: UnsafeRawBufferPointer, at offset: Int) {
        @inline(__always) func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }
        var (a, b, c, d, e, f, g, hh) = (s0, s1, s2, s3, s4, s5, s6, s7)
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
            let base = bytes.baseAddress! + offset
            for i in 0..<16 { w[i] = UInt32(bigEndian: base.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self)) }
            for i in 16..<64 {
                let x = w[i - 15], y = w[i - 2]
                let r0 = rotr(x, 7) ^ rotr(x, 18) ^ (x >> 3)
                let r1 = rotr(y, 17) ^ rotr(y, 19) ^ (y >> 10)
                w[i] = w[i - 16] &+ r0 &+ w[i - 7] &+ r1
            }
            SHA256.k.withUnsafeBufferPointer { k in
                for i in 0..<64 {
                    let t1 = hh &+ (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) &+ ((e & f) ^ (~e & g)) &+ k[i] &+ w[i]
                    let t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) &+ ((a & b) ^ (a & c) ^ (b & c))
                    hh = g; g = f; f = e; e = d &+ t1; d = c; c = b; b = a; a = t1 &+ t2
                }
            }
        }
        s0 &+= a; s1 &+= b; s2 &+= c; s3 &+= d; s4 &+= e; s5 &+= f; s6 &+= g; s7 &+= hh
    }

    /// The hex digest of `bytes`.
    public static func hex(_ bytes: [UInt8]) -> String {
        var s = SHA256()
        s.update(bytes)
        return s.finish().map { let x = String($0, radix: 16); return x.count == 1 ? "0" + x : x }.joined()
    }
}
