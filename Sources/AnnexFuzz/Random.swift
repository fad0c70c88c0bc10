// Owns the fuzzer's deterministic randomness: SplitMix64, seeded from (seed, target, case index), so that any
// case can be generated again from the three numbers alone, in any process.

import AnnexData

/// The fuzzer's use of Annex's one generator (`AnnexData.SplitMix64`, Steele, Lea and Flood's): seeded per case,
/// with the draws the mutators need.
extension SplitMix64 {
    /// The generator of case `index` of `target` in a run seeded with `seed`: the same three give the same case.
    public init(seed: UInt64, target: String, index: UInt64) {
        var mix = SplitMix64(seed: seed ^ Self.fnv1a(target))
        self.init(seed: mix.next() ^ (index &* 0x9E37_79B9_7F4A_7C15))
        _ = next()
    }

    /// A number in `0..<n` (0 when `n` is not positive).
    public mutating func below(_ n: Int) -> Int {
        n <= 0 ? 0 : Int(next() % UInt64(n))
    }

    /// True with probability `percent` in 100.
    public mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    /// One element of a non-empty array, or nil.
    public mutating func pick<T>(_ items: [T]) -> T? {
        items.isEmpty ? nil : items[below(items.count)]
    }

    /// A stable 64-bit hash of a string (FNV-1a); Swift's own `Hasher` is seeded per process and would not do.
    public static func fnv1a(_ s: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01B3 }
        return h
    }
}
