import AnnexData

/// How an achieved figure compares with its target (the notices' vượt / đạt / chưa đạt).
public enum PlanStatus: String, Sendable, Hashable, CaseIterable, Codable {
    /// Better than the target: above it (below it when lower is better), beyond a range's far edge.
    case exceeded
    /// On the target, or inside its range (within the comparison's tolerance).
    case met
    /// Short of the target, or short of a range's near edge.
    case missed

    /// The phrase of the status: vượt kế hoạch / exceeded, đạt kế hoạch / met, chưa đạt / missed.
    public var phrase: Phrase {
        switch self {
        case .exceeded: .statusExceeded
        case .met: .statusMet
        case .missed: .statusMissed
        }
    }

    /// The status in `language`'s words.
    public func label(_ language: Language) -> String { language.text(phrase) }

    /// The status in Vietnamese or English; prefer `label(_:)`, which takes any language.
    public func label(vietnamese: Bool) -> String { label(vietnamese ? Language.vi : .en) }
}

/// A target: a point ("13 xã") or a range ("11,5–12 tiêu chí/xã"), where more is better unless said.
public struct Target: Hashable, Sendable {
    /// The target, or the low edge of a target range.
    public var low: Double
    /// The high edge of a target range; equal to `low` for a single value.
    public var high: Double
    /// True for figures where less is better (an indicator whose `direction` is `lower` in the dataset): the comparison
    /// is turned round.
    public var lowerIsBetter: Bool

    /// A target of `value`, or the range from `value` up to `high`; more is better unless `lowerIsBetter`.
    public init(_ value: Double, upTo high: Double? = nil, lowerIsBetter: Bool = false) {
        self.low = value; self.high = high ?? value; self.lowerIsBetter = lowerIsBetter
    }

    /// True when the target is a range ("11,5–12 tiêu chí/xã") rather than a single value.
    public var isRange: Bool { high != low }
}

/// The result of comparing an achieved value with a target.
public struct PlanComparison: Hashable, Sendable {
    /// The achieved (or estimated) value compared.
    public var actual: Double
    /// The target it is compared with.
    public var target: Target
    /// Whether the value exceeded, met or missed the target.
    public var status: PlanStatus
    /// Signed distance to the nearest edge of the target, positive in the better direction; 0 inside a range.
    public var gap: Double

    /// Compares `actual` with `target`. Values within `tolerance` of an edge count as on it, so decimal noise
    /// (10.6 − 10.4 = 0.19999…) never flips a status.
    public init(actual: Double, target: Target, tolerance: Double = 1e-9) {
        self.actual = actual; self.target = target
        let better: Double, inside: Bool
        if target.lowerIsBetter {
            better = target.low - actual   // below the low edge is better than the whole range
            inside = actual <= target.high + tolerance && actual >= target.low - tolerance
            if actual < target.low - tolerance { status = .exceeded; gap = better }
            else if inside { status = .met; gap = 0 }
            else { status = .missed; gap = target.high - actual }
        } else {
            better = actual - target.high
            inside = actual >= target.low - tolerance && actual <= target.high + tolerance
            if actual > target.high + tolerance { status = .exceeded; gap = better }
            else if inside { status = .met; gap = 0 }
            else { status = .missed; gap = actual - target.low }
        }
        gap = PlanComparison.clean(gap)
    }

    /// Rounds away binary noise at 12 significant decimals (0.19999999999999929 → 0.2).
    static func clean(_ x: Double) -> Double { (x * 1e9).rounded() / 1e9 }
}
