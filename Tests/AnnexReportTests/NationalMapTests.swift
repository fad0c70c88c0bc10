import AnnexChartSpec
import AnnexCharts
import AnnexData
import AnnexRender
import AnnexScene
import Foundation
import Testing
import AnnexTools

let provinceFolder = repoRoot + "/Tests/Fixtures/vietnam-provinces"

/// A map at national scale: the synthetic 63-province fixture of Vietnam (a long, narrow country, islands, two
/// archipelagos in insets; `Tests/Fixtures/vietnam-provinces`, CC0), drawn from its chart spec.
@Suite struct NationalMapTests {
    static let chart: MapChart? = (try? ChartSpec.load(path: provinceFolder + "/provinces-map.yaml"))?.chart as? MapChart
    static let scene: Scene? = try? chart?.scene(measurer: PangoTextMeasurer())

    func map() throws -> MapChart { try #require(NationalMapTests.chart) }
    func scene() throws -> Scene { try #require(NationalMapTests.scene) }

    @Test func theFixtureIsNationalSize() throws {
        let b = try Boundaries.load(path: provinceFolder + "/provinces.geojson", key: "code", strict: true)
        let polygons = b.features.map(\.polygons.count).reduce(0, +)
        let vertices = b.features.flatMap { $0.polygons.flatMap { ([$0.outer] + $0.holes).map(\.points.count) } }.reduce(0, +)
        #expect(b.features.count == 63 && polygons >= 90 && vertices >= 50_000, "\(b.features.count) areas, \(polygons) polygons, \(vertices) vertices")
        #expect(b.features.filter { $0.polygons.count > 1 }.count >= 8, "islands")
        #expect(b.warnings.isEmpty)
        #expect(b.feature("01")?.name == "Hà Nội" && b.feature("79")?.name == "Hồ Chí Minh")
    }

    /// The TopoJSON twin of the fixture (each border once, quantised, delta-encoded) reads as the GeoJSON does.
    @Test func theTopoJSONTwinReadsAsTheGeoJSON() throws {
        let g = try Boundaries.load(path: provinceFolder + "/provinces.geojson", key: "code")
        let t = try Boundaries.load(path: provinceFolder + "/provinces.topojson", key: "code", strict: true)
        #expect(t.features.map(\.key) == g.features.map(\.key) && t.features.map(\.name) == g.features.map(\.name))
        var worst = 0.0, counts = true
        for (a, b) in zip(g.features, t.features) {
            for (p, q) in zip(a.polygons, b.polygons) {
                for (r, s) in zip([p.outer] + p.holes, [q.outer] + q.holes) {
                    if r.points.count != s.points.count { counts = false }
                    for (u, v) in zip(r.points, s.points) { worst = max(worst, abs(u.lon - v.lon), abs(u.lat - v.lat)) }
                }
            }
        }
        #expect(counts && worst < 1e-7, "positions differ by up to \(worst)°")
    }

    /// Simplified to a drawing's resolution, a border shared by two provinces keeps the same vertices on both
    /// sides (no sliver opens between neighbours), and most vertices go.
    @Test func simplificationKeepsSharedBordersShared() throws {
        let b = try Boundaries.load(path: provinceFolder + "/provinces.geojson", key: "code")
        let s = b.simplified(tolerance: 0.004)
        func keys(_ f: BoundaryFeature) -> Set<VertexID> { Set(f.polygons.flatMap { ([$0.outer] + $0.holes).flatMap { $0.points.map(VertexID.init) } }) }
        let before = b.features.map(keys), after = s.features.map(keys)
        var owners: [VertexID: [Int]] = [:]
        for (i, k) in before.enumerated() { for v in k { owners[v, default: []].append(i) } }
        var shared = 0, mismatched = 0
        for (v, fs) in owners where fs.count >= 2 {
            shared += 1
            let kept = fs.map { after[$0].contains(v) }
            if Set(kept).count > 1 { mismatched += 1 }
        }
        let n0 = before.map(\.count).reduce(0, +), n1 = after.map(\.count).reduce(0, +)
        #expect(shared > 10_000 && mismatched == 0, "\(mismatched) of \(shared) shared vertices kept on one side only")
        #expect(n1 * 3 < n0, "\(n0) → \(n1) vertices")
        // Cached: the same tolerance gives the same value again.
        #expect(b.simplified(tolerance: 0.004) == s)
        #expect(b.simplified(tolerance: 0) == b)
    }

    struct VertexID: Hashable {
        let lon: Double, lat: Double
        init(_ p: (lon: Double, lat: Double)) { lon = p.lon; lat = p.lat }
    }

    /// Every label inside its area lies within it: at most 2 % of its box (sampled on a grid) outside.
    @Test func labelsStayInsideTheirProvinces() throws {
        let s = try scene(), m = PangoTextMeasurer()
        var checked = 0
        for placed in s.leaves {
            guard case .text(let t) = placed.mark, let id = t.id, id.hasPrefix("label-name/0/") || id.hasPrefix("label-value/0/") else { continue }
            let key = String(id.split(separator: "/").last!)
            if s.mark(id: "label-box/0/\(key)") != nil { continue }
            guard case .path(let area)? = s.mark(id: "area/0/\(key)")?.mark else { Issue.record("no area \(key)"); continue }
            let box = t.bounds(m.measure(t)), r = rings(of: area)
            var outside = 0, total = 0
            for i in 0...20 { for j in 0...8 {
                total += 1
                if !PlaneGeometry.contains(r, Point(box.minX + box.width * Double(i) / 20, box.minY + box.height * Double(j) / 8)) { outside += 1 }
            } }
            #expect(Double(outside) / Double(total) <= 0.02, "\(id): \(outside) of \(total) samples outside")
            checked += 1
        }
        #expect(checked >= 45, "\(checked) label texts checked")
    }

    /// Callouts stand outside the map (over no province), clear of every other label and leader dot.
    @Test func calloutsAreOutsideTheMapAndClearOfLabels() throws {
        let s = try scene(), m = PangoTextMeasurer()
        var areas: [[Point]] = [], labels: [(String, Rect)] = [], dots: [(String, Rect)] = [], callouts: [(String, Rect)] = []
        for placed in s.leaves {
            switch placed.mark {
            case .path(let p) where p.id?.hasPrefix("area/0/") == true: areas += rings(of: p)
            case .path(let p) where p.id?.hasPrefix("label-dot/0/") == true:
                if let b = p.controlBounds { dots.append((String(p.id!.split(separator: "/").last!), b)) }
            case .rect(let r) where r.id?.hasPrefix("label-box/0/") == true: callouts.append((String(r.id!.split(separator: "/").last!), r.rect))
            case .text(let t) where t.id?.hasPrefix("label-") == true: labels.append((String(t.id!.split(separator: "/").last!), t.bounds(m.measure(t))))
            default: break
            }
        }
        #expect(!callouts.isEmpty)
        for (key, box) in callouts {
            for i in 0...10 { for j in 0...4 {
                let p = Point(box.minX + box.width * Double(i) / 10, box.minY + box.height * Double(j) / 4)
                #expect(!PlaneGeometry.contains(areas, p), "the callout of \(key) covers a province at \(p)")
            } }
            for (other, l) in labels where other != key { #expect(!l.intersects(box), "the callout of \(key) covers the label of \(other)") }
            for (other, d) in dots where other != key { #expect(!d.intersects(box), "the callout of \(key) covers the leader dot of \(other)") }
        }
    }

    /// The archipelagos are in their insets, not on the main map; a tall country gets a portrait canvas and fills it.
    @Test func insetsAndPortraitLayout() throws {
        let s = try scene()
        for i in 0..<2 {
            guard case .rect(let frame)? = s.mark(id: "inset/0/\(i)")?.mark else { Issue.record("no inset \(i)"); continue }
            #expect(s.mark(id: "inset-title/0/\(i)") != nil)
            let key = i == 0 ? "48" : "56"
            #expect(s.mark(id: "inset-area/0/\(i)/\(key)") != nil, "inset \(i) draws \(key)'s islands")
            guard case .path(let main)? = s.mark(id: "area/0/\(key)")?.mark else { Issue.record("no area \(key)"); continue }
            #expect(!rings(of: main).joined().contains { frame.rect.contains($0) }, "the main map of \(key) reaches into inset \(i)")
        }
        #expect(s.height > 900 && s.height > s.width, "\(s.width) × \(s.height)")
        var minY = Double.infinity, maxY = -Double.infinity
        for placed in s.leaves { if case .path(let p) = placed.mark, p.id?.hasPrefix("area/0/") == true, let b = p.controlBounds { minY = min(minY, b.minY); maxY = max(maxY, b.maxY) } }
        #expect(maxY - minY > 0.7 * s.height, "the map takes \(maxY - minY) of \(s.height) px")
    }

    /// SVG and PDF of the province map stay under 1 MB.
    @Test func vectorFilesStaySmall() throws {
        let s = try scene()
        let svg = try Renderer().render(s, as: .svg), pdf = try Renderer().render(s, as: .pdf)
        #expect(svg.count < 1_000_000 && pdf.count < 1_000_000, "SVG \(svg.count) bytes, PDF \(pdf.count) bytes")
    }

    /// A tiny island (Bạch Long Vĩ, Hải Phòng) keeps its class colour: a disc sampled in the PNG.
    @Test func aTinyIslandKeepsItsClassColourInThePNG() throws {
        let s = try scene(), map = try map()
        let discs = s.leaves.compactMap { p -> PathMark? in
            if case .path(let d) = p.mark, d.id?.hasPrefix("small-area/0/31/") == true { return d }
            return nil
        }
        guard let disc = discs.max(by: { ($0.controlBounds?.midX ?? 0) < ($1.controlBounds?.midX ?? 0) }), let box = disc.controlBounds else { Issue.record("no disc for Hải Phòng's small island"); return }
        let png = pixels(try Renderer().render(s, as: .png))
        let (r, g, b) = png.rgb(Int(box.midX.rounded()), Int(box.midY.rounded()))
        let t = map.theme.fitted(width: map.width, height: map.height), br = map.breaks
        let want = map.classColor(map.classOf(map.panels[0].values["31"]!, br), br.count - 1, t).rgba8
        #expect(abs(Int(r) - Int(want.0)) <= 3 && abs(Int(g) - Int(want.1)) <= 3 && abs(Int(b) - Int(want.2)) <= 3, "(\(r), \(g), \(b)) against \(want)")
    }

    /// A spec's inset box that holds no part of its features is refused with its place.
    @Test func anEmptyInsetBoxIsALocatedError() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("annex-inset-\(getpid())").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var text = try String(contentsOfFile: provinceFolder + "/provinces-map.yaml", encoding: .utf8)
        text = text.replacingOccurrences(of: "box: [110.9, 15.5, 113.1, 17.3]", with: "box: [100.0, 0.5, 101.0, 1.5]")
            .replacingOccurrences(of: "csv: provinces.csv", with: "csv: \(provinceFolder)/provinces.csv")
            .replacingOccurrences(of: "boundaries: provinces.geojson", with: "boundaries: \(provinceFolder)/provinces.geojson")
        try text.write(toFile: dir + "/map.yaml", atomically: true, encoding: .utf8)
        do { _ = try ChartSpec.load(path: dir + "/map.yaml"); Issue.record("an empty inset box was accepted") } catch {
            #expect("\(error)".contains("map.insets[0].box") && "\(error)".contains("none inside [100.0, 0.5, 101.0, 1.5]"), "\(error)")
        }
    }
}
