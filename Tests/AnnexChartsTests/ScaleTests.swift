import Testing
@testable import AnnexCharts

@Suite struct LinearScaleTests {
    // Expected values are d3-array's for the same calls.
    @Test func ticksAreRoundAndCoverTheDomain() {
        #expect(LinearScale.ticks(0, 1, count: 10) == [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1])
        #expect(LinearScale.ticks(0, 17.2, count: 5) == [0, 5, 10, 15])
        #expect(LinearScale.ticks(0, 19, count: 8) == [0, 2, 4, 6, 8, 10, 12, 14, 16, 18])
        #expect(LinearScale.ticks(-10, 10, count: 5) == [-10, -5, 0, 5, 10])
        #expect(LinearScale.ticks(1, 0, count: 2) == [1, 0.5, 0])
        #expect(LinearScale.ticks(0, 4111.5, count: 5) == [0, 1000, 2000, 3000, 4000])
        #expect(LinearScale.ticks(0.12, 0.57, count: 5) == [0.2, 0.3, 0.4, 0.5])
        #expect(LinearScale.ticks(3, 3, count: 5) == [3])
    }

    @Test func niceWidensToTickMultiples() {
        let s = LinearScale(domain: (0, 17.2), range: (800, 100)).nice(count: 5)
        #expect(s.domain == (0, 20))
        let t = LinearScale(domain: (0.13, 9.87), range: (0, 1)).nice(count: 10)
        #expect(t.domain == (0, 10))
        let r = LinearScale(domain: (-3.2, 11.54), range: (0, 1)).nice(count: 5)
        #expect(r.domain == (-5, 15))
    }

    @Test func mapsLinearly() {
        let s = LinearScale(domain: (0, 20), range: (800, 100))
        #expect(s(0) == 800)
        #expect(s(20) == 100)
        #expect(s(10) == 450)
    }

    @Test func tickStepsAndDigits() {
        #expect(LinearScale.tickStep(0, 1, count: 10) == 0.1)
        #expect(LinearScale.tickStep(0, 20, count: 4) == 5)
        #expect(LinearScale.fractionDigits(forStep: 0.1) == 1)
        #expect(LinearScale.fractionDigits(forStep: 0.25) == 1)
        #expect(LinearScale.fractionDigits(forStep: 0.05) == 2)
        #expect(LinearScale.fractionDigits(forStep: 5) == 0)
    }
}

@Suite struct BandScaleTests {
    @Test func bandsMatchD3() {
        // d3.scaleBand().domain(["a","b","c"]).range([0,120]).paddingInner(0.2).paddingOuter(0.1)
        let b = BandScale(domain: ["a", "b", "c"], range: (0, 120), paddingInner: 0.2, paddingOuter: 0.1)
        #expect(abs(b.step - 120 / 3.0) < 1e-12)
        #expect(abs(b.bandwidth - 32) < 1e-12)
        #expect(abs(b("a")! - 4) < 1e-12)
        #expect(abs(b("c")! - 84) < 1e-12)
        #expect(b("z") == nil)
    }
}
