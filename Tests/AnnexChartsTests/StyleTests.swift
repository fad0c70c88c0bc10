import AnnexData
import AnnexScene
import AnnexSpec
import Foundation
import Testing
@testable import AnnexCharts

/// The `style:` block of a spec: read from YAML text, as a chart spec holds it.
private func style(_ yaml: String, over base: Theme = .report) throws -> ChartStyle {
    try ChartStyle.read(try SpecNode.parse(yaml, file: "s.yaml").child("style")!, over: base)
}

/// The issues reading `yaml` reports, as printed.
private func problems(_ yaml: String, over base: Theme = .report) -> [String] {
    do { _ = try style(yaml, over: base); return [] } catch { return (error as? SpecError)?.issues.map(\.description) ?? ["\(error)"] }
}

@Suite struct StyleReadingTests {
    @Test func readsAFullStyle() throws {
        let s = try style("""
            type: bar
            style:
              extends: slide
              palette: set2
              colors: { Hữu Lũng: "#D55E00", "2019": "#bbb", Toàn tỉnh: navy }
              font: DejaVu Serif
              title_font: DejaVu Sans
              sizes: { title: 56, subtitle: 36px, axis_title: 30, tick_labels: 28, category_labels: 30, value_labels: 32, legend: 30, footer: 24 }
              widths: { line: 7, target: 6.5, grid: 1, axis: 2 }
              marker_radius: 12
              background: "#12161C"
              text_color: white
              muted_text_color: "#B8BEC6"
              grid_color: "#2C333D"
              axis_color: "#9AA3AE"
              target_color: "#FF6B5B"
              positive_color: "#5AAE61"
              negative_color: "#F4A582"
            """)
        #expect(s.extends == "slide")
        #expect(s.palette == Palette.set2.colors)
        #expect(s.colors == ["Hữu Lũng": .hex("#D55E00"), "2019": .hex("#BBBBBB"), "Toàn tỉnh": .hex("#000080")])
        #expect(s.fontFamily == "DejaVu Serif" && s.titleFontFamily == "DejaVu Sans")
        #expect([s.titleSize, s.subtitleSize, s.axisTitleSize, s.tickLabelSize, s.categoryLabelSize, s.valueLabelSize, s.legendSize,
                 s.footerSize] == [56, 36, 30, 28, 30, 32, 30, 24])
        #expect([s.lineWidth, s.targetWidth, s.gridWidth, s.axisWidth, s.markerRadius] == [7, 6.5, 1, 2, 12])
        #expect(s.background == .hex("#12161C") && s.text == .white && s.negative == .hex("#F4A582"))
        #expect(s.colorLocations["Hữu Lũng"]?.description == "s.yaml:5: key 'style.colors.Hữu Lũng'")
    }

    @Test func readsAPaletteList() throws {
        let s = try style("""
            style:
              palette: ["#0072B2", "#e69f00", "#0a0", Orange, "#00000080"]
            """)
        #expect(s.palette == [.hex("#0072B2"), .hex("#E69F00"), .hex("#00AA00"), .hex("#FFA500"), .hex("#00000080")])
        #expect(try style("style: {}\n") == ChartStyle())
    }

    @Test func refusesABadColourAtItsKey() {
        #expect(problems("""
            type: bar
            style:
              colors:
                Hữu Lũng: "#12345"
                Cao Lộc: #D55E00
                Lộc Bình: lightblue
            """) == [
                "s.yaml:4: key 'style.colors.Hữu Lũng': expected a colour written \"#RRGGBB\", \"#RGB\" or a CSS basic name (black, white, red, orange, …), found '#12345'",
                "s.yaml:5: key 'style.colors.Cao Lộc': expected a colour in quotes, such as \"#D55E00\" (in YAML an unquoted # starts a comment), found 'nothing'",
                "s.yaml:6: key 'style.colors.Lộc Bình': expected a colour written \"#RRGGBB\", \"#RGB\" or a CSS basic name (black, white, red, orange, …), found 'lightblue'",
            ])
        #expect(problems("style:\n  palette: [\"#0072B2\", \"#E69F0\"]\n  background: bluee\n") == [
            "s.yaml:2: key 'style.palette[1]': expected a colour written \"#RRGGBB\", \"#RGB\" or a CSS basic name (black, white, red, orange, …), found '#E69F0'",
            "s.yaml:3: key 'style.background': expected a colour written \"#RRGGBB\", \"#RGB\" or a CSS basic name (black, white, red, orange, …); did you mean 'blue'?, found 'bluee'",
        ])
    }

    @Test func refusesUnknownKeysWithAHint() {
        #expect(problems("""
            style:
              colour: { A: red }
              sizes: { tittle: 40 }
              widths: { lines: 4 }
            """) == [
                "s.yaml:2: key 'style.colour': expected one of the keys " + ChartStyle.keys.joined(separator: ", ")
                    + "; did you mean 'colors'?, found 'colour'",
                "s.yaml:3: key 'style.sizes.tittle': expected one of the keys title, subtitle, axis_title, tick_labels, category_labels, "
                    + "value_labels, legend, footer; did you mean 'title'?, found 'tittle'",
                "s.yaml:4: key 'style.widths.lines': expected one of the keys line, target, grid, axis; did you mean 'line'?, found 'lines'",
            ])
    }

    @Test func refusesSizesOutOfRange() {
        #expect(problems("style:\n  sizes: { title: 500, footer: 4 }\n  widths: { line: 0 }\n  marker_radius: big\n") == [
            "s.yaml:2: key 'style.sizes.title': expected a text size from 6 to 200 px, found '500'",
            "s.yaml:2: key 'style.sizes.footer': expected a text size from 6 to 200 px, found '4'",
            "s.yaml:3: key 'style.widths.line': expected a line width from 0.25 to 40 px, found '0'",
            "s.yaml:4: key 'style.marker_radius': expected a point radius in px, written like 28 or 28.5, found 'big'",
        ])
        #expect(problems("style:\n  sizes: 30\n") == [
            "s.yaml:2: key 'style.sizes': expected a mapping of text sizes in px by element (title, subtitle, axis_title, tick_labels, "
                + "category_labels, value_labels, legend, footer), such as {title: 56, footer: 24}, found '30'",
        ])
    }

    @Test func refusesTextUnder24PxOnSlides() throws {
        let why = "(the slide theme keeps every text at least 24 px on its 1920×1080 canvas)"
        #expect(problems("style:\n  extends: slide\n  sizes: { footer: 20, legend: 23.5 }\n") == [
            "s.yaml:3: key 'style.sizes.legend': expected a text size from 24 to 200 px \(why), found '23.5'",
            "s.yaml:3: key 'style.sizes.footer': expected a text size from 24 to 200 px \(why), found '20'",
        ])
        // The spec's own theme counts when the style extends none; `extends` takes its place when set.
        #expect(problems("style:\n  sizes: { footer: 20 }\n", over: .slideDark) == [
            "s.yaml:2: key 'style.sizes.footer': expected a text size from 24 to 200 px "
                + "(the slide-dark theme keeps every text at least 24 px on its 1920×1080 canvas), found '20'",
        ])
        #expect(try style("style:\n  extends: report\n  sizes: { footer: 20 }\n", over: .slide).footerSize == 20)
        #expect(try style("style:\n  sizes: { footer: 24 }\n", over: .slide).footerSize == 24)
    }

    @Test func refusesUnknownPalettesAndThemesWithAHint() {
        #expect(problems("style:\n  palette: set3\n  extends: slides\n") == [
            "s.yaml:3: key 'style.extends': expected one of the themes report, report-serif, slide, slide-dark, report-print, report-vn; "
                + "did you mean 'slide'?, found 'slides'",
            "s.yaml:2: key 'style.palette': expected one of the palettes okabe-ito, blues, set2, dark2, tableau10, or a list of colours "
                + "such as [\"#0072B2\", \"#E69F00\"]; did you mean 'set2'?, found 'set3'",
        ])
        #expect(problems("style:\n  palette: []\n") == ["s.yaml:2: key 'style.palette': expected a list of 1 to 64 colours, found 'an empty list'"])
        #expect(problems("style:\n  palette: { a: red }\n") == [
            "s.yaml:2: key 'style.palette': expected a palette name (okabe-ito, blues, set2, dark2, tableau10) or a list of colours, found 'a mapping'",
        ])
    }

    /// The slide example of docs/chart-spec.md reads, and its sizes keep to the slide minimum.
    @Test func theDocsSlideExampleReads() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../docs/chart-spec.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        let section = try #require(text.range(of: "## Style\n"))
        let start = try #require(text.range(of: "```yaml\n", range: section.upperBound..<text.endIndex))
        let end = try #require(text.range(of: "```", range: start.upperBound..<text.endIndex))
        let s = try style(String(text[start.upperBound..<end.lowerBound]), over: .slide)
        let t = s.applied(to: .slide)
        #expect(t.name == "slide-dark" && t.palette.count == 4 && t.namedColors["Toàn tỉnh"] == .white && t.titleSize == 56)
        #expect(t.textSizes.allSatisfy { $0 >= 24 })
    }

    @Test func refusesOtherShapes() {
        #expect(problems("style: slide\n") == [
            "s.yaml:1: key 'style': expected a mapping of style keys (" + ChartStyle.keys.joined(separator: ", ") + "), found 'slide'",
        ])
        #expect(problems("style:\n  colors: [red]\n  font: \"\"\n") == [
            "s.yaml:2: key 'style.colors': expected a mapping of series or category (id or label) to colour, such as {Hữu Lũng: \"#D55E00\"}, found 'a list'",
            "s.yaml:3: key 'style.font': expected a font family name such as DejaVu Sans (1 to 100 characters), found ''",
        ])
    }
}

@Suite struct StyleApplyingTests {
    @Test func replacesWhatTheStyleSets() {
        var s = ChartStyle()
        s.palette = Palette.tableau10.colors
        s.colors = ["Hữu Lũng": .hex("#D55E00")]
        s.fontFamily = "DejaVu Serif"
        s.titleSize = 40; s.footerSize = 12; s.lineWidth = 5; s.markerRadius = 8
        s.background = .hex("#FAFAFA"); s.target = .black
        let t = s.applied(to: .report)
        #expect(t.name == "report" && t.palette == Palette.tableau10.colors && t.namedColors == ["Hữu Lũng": .hex("#D55E00")])
        #expect(t.fontFamily == "DejaVu Serif" && t.titleFontFamily == "DejaVu Serif")
        #expect(t.titleSize == 40 && t.footerSize == 12 && t.lineWidth == 5 && t.markerRadius == 8)
        #expect(t.background == .hex("#FAFAFA") && t.target == .black)
        // What the style leaves alone stays the theme's.
        #expect(t.subtitleSize == Theme.report.subtitleSize && t.text == Theme.report.text && t.sequential == Theme.report.sequential)
        #expect(ChartStyle().applied(to: .slideDark) == .slideDark)
    }

    @Test func startsFromTheThemeItExtends() {
        var s = ChartStyle()
        s.extends = "slide-dark"; s.titleFontFamily = "DejaVu Serif"
        let t = s.applied(to: .report)
        #expect(t.name == "slide-dark" && t.background == Theme.slideDark.background && t.nominalWidth == 1920)
        #expect(t.fontFamily == "DejaVu Sans" && t.titleFontFamily == "DejaVu Serif")
    }

    @Test func aStyleBuiltInCodeCannotTakeSlideTextUnder24Px() {
        var s = ChartStyle()
        s.footerSize = 12; s.titleSize = 60
        let t = s.applied(to: .slide)
        #expect(t.footerSize == 24 && t.titleSize == 60)
        #expect(s.applied(to: .report).footerSize == 12)
    }

    @Test func namedColoursComeBeforeThePalette() throws {
        let t = try style("style:\n  colors: { Hữu Lũng: \"#D55E00\", \"2019\": black }\n").applied(to: .report)
        #expect(t.color(forKey: "Hữu Lũng", index: 0, of: 3, ordered: false) == .hex("#D55E00"))
        #expect(t.color(forKey: "Cao Lộc", index: 1, of: 3, ordered: false) == Theme.report.palette[1])
        #expect(t.color(forKey: "2019", index: 0, of: 3, ordered: true) == .black)
        #expect(t.color(forKey: "2020", index: 1, of: 3, ordered: true) == Theme.report.seriesColor(1, of: 3, ordered: true))
        // A decomposed (NFD) key is the same name.
        #expect(t.color(forKey: "Hữu Lũng".decomposedStringWithCanonicalMapping, index: 2, of: 3, ordered: false) == .hex("#D55E00"))
        // By id, else by label.
        #expect(t.color(for: ChartKey("181", "Hữu Lũng"), index: 2, of: 3, ordered: false) == .hex("#D55E00"))
        #expect(t.color(for: ChartKey("2019", "Năm 2019"), index: 2, of: 3, ordered: true) == .black)
        #expect(t.color(for: ChartKey("178", "Cao Lộc"), index: 2, of: 3, ordered: false) == Theme.report.palette[2])
    }

    @Test func coloursForNoSeriesAreLocatedWithAHint() throws {
        let s = try style("type: bar\nstyle:\n  colors:\n    Huu Lung: red\n    Cao Lộc: blue\n")
        #expect(s.unmatchedColors(among: [ChartKey("181", "Hữu Lũng"), ChartKey("178", "Cao Lộc")]).map(\.description) == [
            "s.yaml:4: key 'style.colors.Huu Lung': expected a series or category of the chart (181, Hữu Lũng, 178, Cao Lộc); "
                + "did you mean 'Hữu Lũng'?, found 'Huu Lung'",
        ])
        #expect(s.unmatchedColors(among: [ChartKey("Huu Lung", "x"), ChartKey("y", "Cao Lộc")]).isEmpty)
    }
}

@Suite struct ThemeAndPaletteTests {
    @Test func slideThemesKeepEveryTextAtLeast24Px() {
        for theme in [Theme.slide, .slideDark] {
            let t = theme.fitted(width: 1920, height: 1080)
            #expect(t.minimumTextSize == 24)
            #expect(t.textSizes.allSatisfy { $0 >= 24 }, "\(theme.name): \(t.textSizes)")
        }
        for theme in Theme.all {
            #expect(theme.textSizes.allSatisfy { $0 >= theme.minimumTextSize }, "\(theme.name)")
        }
        // The floor scales with the canvas, as the sizes do.
        #expect(Theme.slide.fitted(width: 960, height: 540).minimumTextSize == 12)
    }

    @Test func builtInThemesKeepTheirColours() {
        #expect(Theme.report.palette.map(\.description) == ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"])
        #expect(Theme.report.ramp.map(\.description) == ["#EDF8B1", "#C7E9B4", "#7FCDBB", "#41B6C4", "#1D91C0", "#225EA8", "#0C2C84"])
        // Dark slides keep print's order (more is darker), ending at a blue that stays visible on the dark ground.
        #expect(Theme.slideDark.ramp == Theme.darkGroundBlues)
        let ground = Theme.slideDark.background.luminance
        #expect((Theme.slideDark.ramp.last!.luminance + 0.05) / (ground + 0.05) >= 3)
        for theme in Theme.all { #expect(theme.namedColors.isEmpty) }
        #expect(Theme.report.minimumTextSize == 0 && Theme.reportPrint.minimumTextSize == 0)
    }

    @Test func palettesAreNamedOnce() {
        #expect(Palette.all.map(\.name) == ["okabe-ito", "blues", "set2", "dark2", "tableau10"])
        #expect(Palette.named("dark2")?.colors.first == .hex("#1B9E77"))
        #expect(Palette.named("tableau10")?.colors.count == 10)
        #expect(Palette.named("Set2") == nil)
        #expect(Palette.named("blues")?.kind == .sequential)
    }

    @Test func cssColours() {
        #expect(Color(css: "#0af") == .hex("#00AAFF"))
        #expect(Color(css: "#0072b2") == .hex("#0072B2"))
        #expect(Color(css: "Teal") == .hex("#008080"))
        #expect(Color(css: "grey") == Color(css: "gray"))
        for bad in ["#12345", "#GGGGGG", "#+12345", "0072B2", "#", "", "lightblue", "#0072B2FF00"] { #expect(Color(css: bad) == nil, "\(bad)") }
    }
}
