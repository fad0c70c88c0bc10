import AnnexData
import AnnexScene
import Foundation
import Testing
@testable import AnnexCharts

func square(_ lon: Double, _ lat: Double, _ size: Double) -> Ring {
    Ring([(lon, lat), (lon + size, lat), (lon + size, lat + size), (lon, lat + size), (lon, lat)])
}

@Suite struct ProjectionTests {
    /// A 1°×1° square at 21–22°N fitted into 200×200 px: latitude fills the height, longitude is shortened by
    /// cos(21.5°), and the square is centred.
    @Test func equirectangularFitsKnownPoints() {
        let b = Boundaries(features: [BoundaryFeature(key: "a", name: "A", properties: [:], polygons: [Polygon(outer: square(106, 21, 1))])], file: "t")
        let p = FittedProjection(.equirectangular, fitting: b, into: Rect(x: 0, y: 0, width: 200, height: 200))
        let k = cos(21.5 * Double.pi / 180)
        func close(_ a: Point, _ x: Double, _ y: Double) -> Bool { abs(a.x - x) < 1e-9 && abs(a.y - y) < 1e-9 }
        #expect(close(p(lon: 106.5, lat: 21.5), 100, 100))
        #expect(close(p(lon: 106, lat: 22), 100 - 100 * k, 0))
        #expect(close(p(lon: 107, lat: 21), 100 + 100 * k, 200))
    }

    @Test func webMercatorMatchesItsFormula() {
        let y45 = Projection.webMercator.project(lon: 0, lat: 45, standardLatitude: 0).y
        #expect(abs(y45 - asinh(1.0)) < 1e-12)          // ln(tan(67.5°)) = asinh(1) = 0.881373587…
        let x = Projection.webMercator.project(lon: 106, lat: 0, standardLatitude: 0).x
        #expect(abs(x - 106 * Double.pi / 180) < 1e-12)
        #expect(abs(Projection.webMercator.project(lon: 0, lat: 0, standardLatitude: 0).y) < 1e-12)
    }
}

@Suite struct ClassificationTests {
    /// jenkspy 0.4 (Fisher–Jenks) gives these breaks for the example of its README and for a second series.
    @Test func naturalBreaksMatchPublishedValues() {
        let readme = [1.3, 7.1, 7.3, 2.3, 3.9, 4.1, 7.8, 1.2, 4.3, 7.3, 5.0, 4.3]
        #expect(Classification.naturalBreaks(3).breaks(readme) == [1.2, 2.3, 5.0, 7.8])
        let second: [Double] = [4, 5, 9, 10, 12, 13, 15, 17, 19, 20, 22, 25, 28, 30, 34, 37, 40, 45, 50, 60]
        #expect(Classification.naturalBreaks(4).breaks(second) == [4, 13, 25, 40, 60])
    }

    @Test func otherMethods() {
        let v: [Double] = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
        #expect(Classification.equalIntervals(3).breaks(v) == [1, 4, 7, 10])
        #expect(Classification.quantiles(2).breaks(v) == [1, 5.5, 10])
        #expect(Classification.manual([3, 7]).breaks(v) == [1, 3, 7, 10])
        #expect(Classification.naturalBreaks(5).breaks([2, 2, 2]) == [2, 2])   // fewer distinct values than classes
    }

    @Test func classIndexIncludesUpperBounds() {
        let b: [Double] = [1, 3, 7, 10]
        #expect([1, 3, 3.01, 7, 10].map { Classification.classIndex($0, b) } == [0, 0, 1, 1, 2])
    }
}

@Suite struct PlaneGeometryTests {
    /// The pole of an L shape lies inside it, in the thick part, where the centroid of the bounding box is outside.
    @Test func poleOfInaccessibilityIsInside() {
        let l = [Point(0, 0), Point(100, 0), Point(100, 20), Point(20, 20), Point(20, 100), Point(0, 100)]
        let (pole, d) = PlaneGeometry.poleOfInaccessibility([l], precision: 0.1)
        #expect(PlaneGeometry.contains([l], pole))
        #expect(!PlaneGeometry.contains([l], Point(50, 50)))
        // The widest circle sits in the corner: x = √2(20 − x), so x = 20√2 / (1 + √2).
        #expect(abs(d - 20 * 2.0.squareRoot() / (1 + 2.0.squareRoot())) < 0.2)
    }

    @Test func holesAreOutside() {
        let outer = [Point(0, 0), Point(10, 0), Point(10, 10), Point(0, 10)]
        let hole = [Point(3, 3), Point(7, 3), Point(7, 7), Point(3, 7)]
        #expect(!PlaneGeometry.contains([outer, hole], Point(5, 5)))
        #expect(PlaneGeometry.contains([outer, hole], Point(1, 1)))
    }

    @Test func tileGridGivesEveryFeatureItsOwnCell() throws {
        var feats: [BoundaryFeature] = []
        for i in 0..<11 { feats.append(BoundaryFeature(key: "\(i)", name: "\(i)", properties: [:], polygons: [Polygon(outer: square(106 + Double(i % 4) * 0.3, 21 + Double(i / 4) * 0.3, 0.25))])) }
        let cells = MapChart.tileGrid(Boundaries(features: feats, file: "t"))
        #expect(cells.count == 11)
        #expect(Set(cells.values.map { "\($0.row),\($0.col)" }).count == 11)
        // North stays up: a feature further north is not in a lower row.
        #expect(cells["8"]!.row <= cells["0"]!.row)
    }

    /// Scattered features (two far off in corners): every tile ends beside another, no row or column is empty,
    /// and the compass still holds (the far north-east one right of and above the far south-west one).
    @Test func tileGridLeavesNoTileAloneAndNoEmptyRowOrColumn() throws {
        var feats: [BoundaryFeature] = []
        for i in 0..<6 { feats.append(BoundaryFeature(key: "c\(i)", name: "c\(i)", properties: [:], polygons: [Polygon(outer: square(106 + Double(i % 3) * 0.3, 21 + Double(i / 3) * 0.3, 0.25))])) }
        feats.append(BoundaryFeature(key: "ne", name: "ne", properties: [:], polygons: [Polygon(outer: square(108.5, 23.5, 0.1))]))
        feats.append(BoundaryFeature(key: "sw", name: "sw", properties: [:], polygons: [Polygon(outer: square(104.5, 19.5, 0.1))]))
        let cells = MapChart.tileGrid(Boundaries(features: feats, file: "t"))
        #expect(cells.count == 8 && Set(cells.values.map { "\($0.row),\($0.col)" }).count == 8)
        for (key, c) in cells {
            let neighbours = cells.values.filter { abs($0.row - c.row) + abs($0.col - c.col) == 1 }.count
            #expect(neighbours > 0, "\(key) at \(c) stands alone")
        }
        let rows = Set(cells.values.map(\.row)), cols = Set(cells.values.map(\.col))
        #expect(rows == Set(0..<rows.count) && cols == Set(0..<cols.count))
        #expect(cells["ne"]!.col > cells["sw"]!.col && cells["ne"]!.row < cells["sw"]!.row)
    }
}
