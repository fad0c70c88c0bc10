// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Annex",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "annex", targets: ["annex"]),
        // The library (README, "Annex as a Swift library"): one product per layer a program builds on. AnnexScene,
        // AnnexLocale and AnnexIO are products because their types (Scene, Language, FileWriteError) are in the
        // others' public API.
        .library(name: "AnnexData", targets: ["AnnexData"]),
        .library(name: "AnnexAnalytics", targets: ["AnnexAnalytics"]),
        .library(name: "AnnexScene", targets: ["AnnexScene"]),
        .library(name: "AnnexLocale", targets: ["AnnexLocale"]),
        .library(name: "AnnexCharts", targets: ["AnnexCharts"]),
        .library(name: "AnnexRender", targets: ["AnnexRender"]),
        .library(name: "AnnexChartSpec", targets: ["AnnexChartSpec"]),
        .library(name: "AnnexSpec", targets: ["AnnexSpec"]),
        .library(name: "AnnexReport", targets: ["AnnexReport"]),
        .library(name: "AnnexIO", targets: ["AnnexIO"]),
        .library(name: "AnnexOffice", targets: ["AnnexOffice"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .systemLibrary(
            name: "CCairo", path: "Sources/CCairo", pkgConfig: "cairo",
            providers: [.apt(["libcairo2-dev"])]),
        .systemLibrary(
            name: "CPangoCairo", path: "Sources/CPangoCairo", pkgConfig: "pangocairo",
            providers: [.apt(["libpango1.0-dev"])]),
        .target(name: "CPNGEncoder", linkerSettings: [.linkedLibrary("deflate"), .linkedLibrary("z")]),
        .target(name: "AnnexIO"),
        .target(name: "AnnexLocale"),
        .target(name: "AnnexData", dependencies: ["AnnexIO", "AnnexLocale", .product(name: "Yams", package: "Yams")]),
        .target(name: "AnnexSpec", dependencies: ["AnnexIO", "AnnexData", .product(name: "Yams", package: "Yams")]),
        .target(name: "AnnexAnalytics", dependencies: ["AnnexData"]),
        .systemLibrary(
            name: "CLibXML2", path: "Sources/CLibXML2", pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CLibDeflate", path: "Sources/CLibDeflate", pkgConfig: "libdeflate", providers: [.apt(["libdeflate-dev"])]),
        // Word and PowerPoint packages (and the zip of every Office file Annex writes): no charts, no reports.
        .target(name: "AnnexOffice", dependencies: ["AnnexIO", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .target(name: "AnnexSheets", dependencies: ["CLibXML2", "CLibDeflate", "AnnexIO", "AnnexOffice", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .target(name: "AnnexImport", dependencies: ["AnnexData", "AnnexIO", "AnnexSheets", .product(name: "Yams", package: "Yams")]),
        .target(name: "AnnexScene", dependencies: ["AnnexIO"]),
        .target(name: "AnnexCharts", dependencies: ["AnnexScene", "AnnexLocale", "AnnexData", "AnnexSpec"]),
        .target(name: "AnnexRender", dependencies: ["AnnexScene", "AnnexIO", "CCairo", "CPangoCairo", "CPNGEncoder"]),
        .target(
            name: "AnnexChartSpec",
            dependencies: ["AnnexData", "AnnexSpec", "AnnexAnalytics", "AnnexCharts", "AnnexLocale", "AnnexScene", "AnnexIO"]),
        .target(
            name: "AnnexReport",
            dependencies: ["AnnexData", "AnnexSpec", "AnnexChartSpec", "AnnexAnalytics", "AnnexCharts", "AnnexRender", "AnnexIO", "AnnexOffice", .product(name: "Yams", package: "Yams")]),
        // The gallery and the benchmarks: tools of this package (`annex gallery`, `annex bench`, tests), not a product.
        .target(
            name: "AnnexTools",
            dependencies: ["AnnexReport", "AnnexChartSpec", "AnnexAnalytics", "AnnexCharts", "AnnexData", "AnnexRender", "AnnexIO", "AnnexScene"]),
        .executableTarget(
            name: "annex",
            dependencies: ["AnnexReport", "AnnexChartSpec", "AnnexTools", "AnnexImport", "AnnexSheets", "AnnexAnalytics", "AnnexData", "AnnexIO", "AnnexRender", "AnnexScene", "AnnexCharts", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        // The structure-aware fuzzer (docs/fuzzing.md): not a product, run by `make fuzz`.
        .target(
            name: "AnnexFuzz",
            dependencies: ["AnnexReport", "AnnexChartSpec", "AnnexAnalytics", "AnnexData", "AnnexRender", "AnnexCharts", "AnnexScene", "AnnexImport", "AnnexSheets", .product(name: "Yams", package: "Yams")]),
        .executableTarget(
            name: "annex-fuzz",
            dependencies: ["AnnexFuzz", .product(name: "ArgumentParser", package: "swift-argument-parser")]),
        .testTarget(name: "AnnexLocaleTests", dependencies: ["AnnexLocale"]),
        .testTarget(name: "AnnexDataTests", dependencies: ["AnnexData", "AnnexAnalytics"]),
        .testTarget(name: "AnnexImportTests", dependencies: ["AnnexImport", "AnnexSheets", "AnnexData"]),
        .testTarget(name: "AnnexChartsTests", dependencies: ["AnnexCharts", "AnnexScene", "AnnexData", "AnnexSpec"]),
        .testTarget(name: "AnnexRenderTests", dependencies: ["AnnexRender", "AnnexScene", "AnnexIO", "CCairo", "CPNGEncoder"]),
        .testTarget(name: "AnnexReportTests", dependencies: ["AnnexReport", "AnnexChartSpec", "AnnexTools", "AnnexSpec", "AnnexRender", "AnnexCharts", "CCairo"]),
        .testTarget(name: "AnnexFuzzTests", dependencies: ["AnnexFuzz"]),
        .testTarget(name: "AnnexOfficeTests", dependencies: ["AnnexOffice", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
    ],
    swiftLanguageModes: [.v6]
)
