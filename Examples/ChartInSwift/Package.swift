// swift-tools-version:6.0
// An example program that uses Annex as a library: a bar chart built in Swift, written to PNG and SVG.
// `make example` (in the Annex folder) builds and runs it; see the README's "Annex as a Swift library".
import PackageDescription

let package = Package(
    name: "ChartInSwift",
    platforms: [.macOS(.v13)],
    dependencies: [
        // Annex itself, two folders up. In another project: .package(url: "<Annex's repository>", branch: "main").
        .package(name: "Annex", path: "../.."),
    ],
    targets: [
        .executableTarget(
            name: "ChartInSwift",
            dependencies: [
                .product(name: "AnnexCharts", package: "Annex"),
                .product(name: "AnnexRender", package: "Annex"),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
