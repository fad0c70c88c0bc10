import AnnexCharts
import AnnexData
import AnnexRender
import AnnexScene
import Foundation

/// Repeated timings of one piece of work, summarised.
public struct Timing: Sendable {
    public var name: String
    public var samples: [Double]   // milliseconds
    public var bytes: Int

    public var median: Double { percentile(0.5) }
    public var p10: Double { percentile(0.1) }
    public var p90: Double { percentile(0.9) }

    func percentile(_ q: Double) -> Double {
        let s = samples.sorted()
        guard !s.isEmpty else { return .nan }
        let pos = q * Double(s.count - 1)
        let lo = Int(pos.rounded(.down)), hi = Int(pos.rounded(.up))
        return s[lo] + (s[hi] - s[lo]) * (pos - Double(lo))
    }
}

/// Times the default annex's figure: building its scene from the data, and drawing it to each format
/// (scene, layout with Pango measurement, drawing, encoding; in memory, no file I/O).
public enum AnnexBench {
    public static func run(facts: Dataset, iterations: Int) throws -> [Timing] {
        let annex = DefaultAnnex(facts: facts)
        let renderer = Renderer()
        func time(_ body: () throws -> Int) rethrows -> (Double, Int) {
            let t0 = DispatchTime.now().uptimeNanoseconds
            let n = try body()
            return (Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6, n)
        }
        // Warm-up: font map and caches.
        let measurer = PangoTextMeasurer()
        for f in OutputFormat.allCases { _ = try renderer.render(try annex.figure1().scene(measurer: measurer), as: f) }

        var results: [Timing] = [Timing(name: "scene (layout only)", samples: [], bytes: 0)]
            + OutputFormat.allCases.map { Timing(name: "chart → \($0.rawValue.uppercased())", samples: [], bytes: 0) }
        for _ in 0..<iterations {
            let (ms, _) = try time { _ = try annex.figure1().scene(measurer: PangoTextMeasurer()); return 0 }
            results[0].samples.append(ms)
            for (i, f) in OutputFormat.allCases.enumerated() {
                let (ms, n) = try time { try renderer.render(try annex.figure1().scene(measurer: PangoTextMeasurer()), as: f).count }
                results[i + 1].samples.append(ms)
                results[i + 1].bytes = n
            }
        }
        return results
    }
}
