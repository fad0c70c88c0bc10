import AnnexCharts
import AnnexData
import AnnexRender
import AnnexScene
import CCairo
import Foundation
import Testing
@testable import AnnexReport
import AnnexTools

let geoFixtures = repoRoot + "/Tests/Fixtures/bad-geojson"
let badGeoFiles = ((try? FileManager.default.contentsOfDirectory(atPath: geoFixtures)) ?? []).filter { $0.hasSuffix(".geojson") }.sorted()

/// Pixels of a PNG, through Cairo.
func pixels(_ png: [UInt8]) -> (width: Int, height: Int, rgb: (Int, Int) -> (UInt8, UInt8, UInt8)) {
    final class Reader { var bytes: [UInt8]; var offset = 0; init(_ b: [UInt8]) { bytes = b } }
    let reader = Reader(png)
    let s = cairo_image_surface_create_from_png_stream({ c, data, n in
        let r = Unmanaged<Reader>.fromOpaque(c!).takeUnretainedValue()
        guard r.offset + Int(n) <= r.bytes.count else { return CAIRO_STATUS_READ_ERROR }
        r.bytes.withUnsafeBufferPointer { data!.update(from: $0.baseAddress! + r.offset, count: Int(n)) }
        r.offset += Int(n)
        return CAIRO_STATUS_SUCCESS
    }, Unmanaged.passUnretained(reader).toOpaque())!
    let w = Int(cairo_image_surface_get_width(s)), h = Int(cairo_image_surface_get_height(s)), stride = Int(cairo_image_surface_get_stride(s)) / 4
    let data = cairo_image_surface_get_data(s)!.withMemoryRebound(to: UInt32.self, capacity: stride * h) { Array(UnsafeBufferPointer(start: $0, count: stride * h)) }
    cairo_surface_destroy(s)
    return (w, h, { x, y in let p = data[y * stride + x]; return (UInt8((p >> 16) & 0xFF), UInt8((p >> 8) & 0xFF), UInt8(p & 0xFF)) })
}

/// All pixels of a PNG (Cairo's native 32-bit words, row by row), for comparing two images.
func decodedPixels(_ png: [UInt8]) -> [UInt32] {
    let p = pixels(png)
    var out: [UInt32] = []
    out.reserveCapacity(p.width * p.height)
    for y in 0..<p.height { for x in 0..<p.width { let (r, g, b) = p.rgb(x, y); out.append(UInt32(r) << 16 | UInt32(g) << 8 | UInt32(b)) } }
    return out
}

func rings(of path: PathMark) -> [[Point]] {
    var out: [[Point]] = [], cur: [Point] = []
    for e in path.elements {
        switch e {
        case .move(let p): if !cur.isEmpty { out.append(cur) }; cur = [p]
        case .line(let p): cur.append(p)
        case .close: out.append(cur); cur = []
        case .curve: break
        }
    }
    if !cur.isEmpty { out.append(cur) }
    return out
}

@Suite struct MapTests {
    let dataset: Dataset
    let gallery: Gallery
    init() throws {
        dataset = try Dataset.load(folder: bundledFolder)
        gallery = try Gallery(dataset: dataset)
    }

    func chart(_ name: String, _ lang: Language = .vi) throws -> MapChart {
        try #require(gallery.entries(language: lang, theme: .report).first { $0.name == name }?.chart as? MapChart)
    }

    /// Each district's fill in the PNG is the colour of its class, sampled at its label point.
    @Test func districtFillIsItsClassColour() throws {
        var map = try chart("map-choropleth")
        map.showLabels = false
        let m = PangoTextMeasurer()
        let scene = try map.scene(measurer: m)
        let png = pixels(try Renderer().render(scene, as: .png))
        let t = map.theme.fitted(width: map.width, height: map.height)
        let b = map.breaks
        for f in map.boundaries.features {
            guard case .path(let area)? = scene.mark(id: "area/0/\(f.key)")?.mark else { Issue.record("no area for \(f.key)"); continue }
            let largest = f.polygons.count == 1 ? rings(of: area) : [rings(of: area).max { PlaneGeometry.area($0) < PlaneGeometry.area($1) }!]
            let pole = PlaneGeometry.poleOfInaccessibility(largest).point
            let expected = map.classColor(map.classOf(map.panels[0].values[f.key]!, b), b.count - 1, t).rgba8
            let got = png.rgb(Int(pole.x), Int(pole.y))
            #expect(abs(Int(got.0) - Int(expected.r)) <= 1 && abs(Int(got.1) - Int(expected.g)) <= 1 && abs(Int(got.2) - Int(expected.b)) <= 1,
                    "\(f.name): \(got) is not \(expected)")
        }
    }

    /// Every label lies inside its district (on a choropleth, its whole box a little in from the edges: no
    /// spilling onto a neighbour's colour), or is a callout: a boxed label beside the map's areas with a leader
    /// line from a dot inside its district. Labels and callout boxes never overlap one another.
    @Test(arguments: ["map-choropleth", "map-change", "map-circles"])
    func labelsLieInsideTheirDistricts(_ name: String) throws {
        let map = try chart(name)
        let m = PangoTextMeasurer()
        let scene = try map.scene(measurer: m)
        var labelled = 0, callouts = 0
        var boxes: [(String, Rect)] = []
        for placed in scene.leaves {
            guard case .text(let t) = placed.mark, let id = t.id, id.hasPrefix("label-value/0/") else { continue }
            let key = String(id.dropFirst("label-value/0/".count))
            guard case .path(let area)? = scene.mark(id: "area/0/\(key)")?.mark else { Issue.record("no area \(key)"); continue }
            let box = t.bounds(m.measure(t))
            labelled += 1
            if case .rect(let callout)? = scene.mark(id: "label-box/0/\(key)")?.mark {
                callouts += 1
                guard case .path(let leader)? = scene.mark(id: "label-leader/0/\(key)")?.mark,
                      case .move(let dot)? = leader.elements.first, case .line(let end)? = leader.elements.last
                else { Issue.record("\(name): callout of \(key) without a leader"); continue }
                #expect(PlaneGeometry.contains(rings(of: area), dot), "\(name): the leader of \(key) starts outside it")
                #expect(callout.rect.insetBy(dx: -0.01, dy: -0.01).contains(end) && callout.rect.contains(Point(box.midX, box.midY)))
                boxes.append((key, callout.rect))
                continue
            }
            boxes.append((key, box))
            if map.style == .circles {
                #expect(PlaneGeometry.contains(rings(of: area), Point(box.midX, box.midY - box.height)) ||
                        PlaneGeometry.contains(rings(of: area), Point(box.midX, box.minY)), "\(name): label of \(key) is outside")
            } else {
                let inner = box.insetBy(dx: 2, dy: 2)
                for p in [Point(inner.minX, inner.minY), Point(inner.maxX, inner.minY), Point(inner.minX, inner.maxY),
                          Point(inner.maxX, inner.maxY), Point(inner.midX, inner.midY)] {
                    #expect(PlaneGeometry.contains(rings(of: area), p), "\(name): label of \(key) spills out at \(p)")
                }
            }
        }
        #expect(labelled == 11, "\(name): \(labelled) districts labelled")
        #expect(map.style == .circles ? callouts == 0 : callouts == 1, "\(name): \(callouts) callouts (Lạng Sơn city only)")
        for (i, a) in boxes.enumerated() { for b in boxes[(i + 1)...] where a.1.intersects(b.1) { Issue.record("\(name): labels of \(a.0) and \(b.0) overlap") } }
    }

    /// A MultiPolygon with a hole: the hole stays empty, both parts are filled.
    @Test func multiPolygonHoleIsNotFilled() throws {
        let outer = Ring([(106, 21), (107, 21), (107, 22), (106, 22), (106, 21)])
        let hole = Ring([(106.3, 21.3), (106.3, 21.7), (106.7, 21.7), (106.7, 21.3), (106.3, 21.3)])
        let island = Ring([(107.2, 21.2), (107.6, 21.2), (107.6, 21.6), (107.2, 21.6), (107.2, 21.2)])
        let b = Boundaries(features: [BoundaryFeature(key: "a", name: "A", properties: [:],
                                                      polygons: [Polygon(outer: outer, holes: [hole]), Polygon(outer: island)])], file: "t")
        let map = MapChart(boundaries: b, panels: [.init(values: ["a": 5])], showLabels: false, texts: ChartTexts(title: "Hole"),
                           width: 800, height: 600)
        let scene = try map.scene(measurer: PangoTextMeasurer())
        let png = pixels(try Renderer().render(scene, as: .png))
        guard case .path(let area)? = scene.mark(id: "area/0/a")?.mark else { Issue.record("no area"); return }
        let rs = rings(of: area)
        let holeCentre = PlaneGeometry.areaCentroid(rs[1]), islandCentre = PlaneGeometry.areaCentroid(rs[2])
        let ringPoint = Point((rs[0][0].x * 0.9 + rs[1][0].x * 0.1), (rs[0][0].y * 0.9 + rs[1][0].y * 0.1))
        let fill = map.classColor(0, 1, map.theme.fitted(width: 800, height: 600)).rgba8
        #expect(png.rgb(Int(holeCentre.x), Int(holeCentre.y)) == (255, 255, 255))
        #expect(png.rgb(Int(islandCentre.x), Int(islandCentre.y)) == (fill.r, fill.g, fill.b))
        #expect(png.rgb(Int(ringPoint.x), Int(ringPoint.y)) == (fill.r, fill.g, fill.b))
    }

    /// Every bad GeoJSON of Tests/Fixtures/bad-geojson fails with the exact error of its `.expected` file (those with
    /// a `.warnings` file under `strict`).
    @Test(arguments: badGeoFiles)
    func badGeoJSONGivesItsExactError(_ name: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: geoFixtures + "/" + name))
        let expected = try String(contentsOfFile: geoFixtures + "/" + name.replacingOccurrences(of: ".geojson", with: ".expected"), encoding: .utf8)
        // A file that reads with warnings (a `.warnings` file beside it) gives its error under strict.
        let strict = FileManager.default.fileExists(atPath: geoFixtures + "/" + name.replacingOccurrences(of: ".geojson", with: ".warnings"))
        #expect {
            try Boundaries.parse(data, file: name, key: "code", strict: strict)
        } throws: { error in
            let got = (error as! DataError).description + "\n"
            if got != expected { Issue.record(Comment(rawValue: got)) }
            return got == expected
        }
    }

    /// A district with no value is hatched and named in the legend.
    @Test func noDataIsHatchedAndInTheLegend() throws {
        var map = try chart("map-choropleth")
        map.panels[0].values["189"] = nil
        let s = try map.scene(measurer: PangoTextMeasurer())
        #expect(s.marks.contains { $0.id == "no-data/0/189" })
        guard case .text(let t)? = s.mark(id: "legend/no-data")?.mark else { Issue.record("no legend entry"); return }
        #expect(t.text == "Không có số liệu")
        guard case .text(let v)? = s.mark(id: "label-value/0/189")?.mark else { Issue.record("no label"); return }
        #expect(v.text == "–")
    }

    @Test func thereAreAtLeastTenBadGeoJSONFiles() { #expect(badGeoFiles.count >= 10) }

    /// Keys that do not join are listed both ways, with the nearest spelling.
    @Test func unmatchedKeysAreListedWithHints() throws {
        let b = try #require(try dataset.loadBoundaries())
        let issues = b.join(["178", "180", "181", "182", "183", "184", "185", "186", "187", "188", "1899"], dataFile: "data.csv")
        #expect(issues.map(\.description) == [
            "data.csv: expected a data key that matches a feature of \(b.file) (did you mean '189'?), found '1899'",
            "\(b.file): expected a data row for feature '189' (Đình Lập) (did you mean '1899'?), found 'none'",
        ])
    }

    @Test func everyMapCarriesTheAttribution() throws {
        for name in ["map-choropleth", "map-small-multiples", "map-change", "map-circles"] {
            #expect(try chart(name).texts.source?.contains("geoBoundaries (CC BY 3.0 IGO)") == true, "\(name)")
        }
    }
}

/// Integer coordinates 0 and 1 are positions (an NSNumber 0 or 1 passed for a boolean on Linux).
@Suite struct IntegerPositionTests {
    @Test func zeroAndOneArePositions() throws {
        let json = #"{"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {"code": 180, "name": "A"}, "geometry": {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]]}}]}"#
        let b = try Boundaries.parse(Data(json.utf8), file: "int.geojson", key: "code")
        #expect(b.features.first?.key == "180")
        #expect(b.features.first?.polygons.first?.outer.points.count ?? 0 >= 4)
    }
}

/// A tiny island keeps its class colour: drawn at a minimum size, sampled in the PNG at its centre.
@Suite struct SmallAreaTests {
    @Test func aTinyIslandShowsItsClassColour() throws {
        func square(_ lon: Double, _ lat: Double, _ size: Double) -> Ring {
            Ring([(lon, lat), (lon + size, lat), (lon + size, lat + size), (lon, lat + size), (lon, lat)])
        }
        let mainland = BoundaryFeature(key: "a", name: "Đất liền", properties: [:], polygons: [Polygon(outer: square(106, 20, 2))])
        let island = BoundaryFeature(key: "b", name: "Đảo", properties: [:], polygons: [Polygon(outer: square(108.6, 20.5, 0.004))])
        let map = MapChart(boundaries: Boundaries(features: [mainland, island], file: "t"), panels: [.init(values: ["a": 1, "b": 10])],
                           classification: .manual([5]), showLabels: false, texts: ChartTexts(title: "Đảo"), width: 800, height: 600)
        let scene = try map.scene(measurer: PangoTextMeasurer())
        guard case .path(let disc)? = scene.mark(id: "small-area/0/b/0")?.mark, let box = disc.controlBounds else {
            Issue.record("the island has no disc"); return
        }
        #expect(scene.mark(id: "small-area/0/a/0") == nil, "the mainland is drawn as itself")
        let png = pixels(try Renderer().render(scene, as: .png))
        let (r, g, bl) = png.rgb(Int(box.midX.rounded()), Int(box.midY.rounded()))
        let t = map.theme.fitted(width: 800, height: 600)
        let want = map.classColor(1, 2, t).rgba8
        #expect(abs(Int(r) - Int(want.0)) <= 3 && abs(Int(g) - Int(want.1)) <= 3 && abs(Int(bl) - Int(want.2)) <= 3, "(\(r), \(g), \(bl)) against \(want)")
    }
}
