import AnnexData

/// How an achieved figure compares with its target (the notices' vượt / đạt / chưa đạt).
public enum PlanStatus: String, Sendable, Hashable, CaseIterable, Codable {
    case exceeded, met, missed

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
    public var low: Double
    public var high: Double
    public var lowerIsBetter: Bool

    public init(_ value: Double, upTo high: Double? = nil, lowerIsBetter: Bool = false) {
        self.low = value; self.high = high ?? value; self.lowerIsBetter = lowerIsBetter
    }

    public var isRange: Bool { high != low }
}

/// The result of comparing an achieved value with a target.
public struct PlanComparison: Hashable, Sendable {
    public var actual: Double
    public var target: Target
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
