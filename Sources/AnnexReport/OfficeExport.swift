// The Word and PowerPoint versions of a report's annex (`annex.docx`, `slides.pptx`): a `BuiltReport` mapped onto
// AnnexOffice's neutral models. The figures are drawn for them by render tasks of their own (in parallel with the
// rest of the run), without their title block and footer: the caption, notes and source are Word or PowerPoint
// text instead, editable and searchable.
import AnnexAnalytics
import AnnexCharts
import AnnexData
import AnnexLocale
import AnnexOffice
import AnnexRender
import AnnexScene
import Foundation

/// Builds `annex.docx` and `slides.pptx` for one language of a report run.
struct OfficeExport: Sendable {
    let spec: ReportSpec
    let built: BuiltReport
    let lang: Language
    /// The pictures the tasks drew, by figure number.
    let images = Images()

    /// The annex figures are laid out 1200 px wide (as the PDF annex's) and printed at 300 dpi across the text width.
    static let figureWidth = 1200.0
    /// The slide picture's canvas: the slide theme's width, and the aspect of the room under the slide's title.
    static let slideSize = (width: 1920.0, height: 685.0)
    /// The Word document's page (Decree 30/2020/NĐ-CP: A4, margins 20/20/30/15 mm).
    static let page = WordDocument.PageSetup()

    var word: Bool { spec.documents.contains(.docx) }
    /// The figures on slides: the spec's `slides:`, or every figure when it names none.
    var slideFigures: [BuiltReport.Figure] {
        built.figures.filter { spec.slides.isEmpty || spec.slides.contains($0.number) }
    }

    /// Pictures made by parallel tasks: a figure's PNG (and SVG) for Word, its slide PNG.
    final class Images: @unchecked Sendable {
        struct Picture { var png: [UInt8]; var svg: [UInt8]?; var width: Double; var height: Double; var alt: String }
        private let lock = NSLock()
        private var word: [Int: Picture] = [:], slides: [Int: Picture] = [:]
        func put(_ n: Int, word p: Picture) { lock.lock(); word[n] = p; lock.unlock() }
        func put(_ n: Int, slide p: Picture) { lock.lock(); slides[n] = p; lock.unlock() }
        func word(_ n: Int) -> Picture? { lock.lock(); defer { lock.unlock() }; return word[n] }
        func slide(_ n: Int) -> Picture? { lock.lock(); defer { lock.unlock() }; return slides[n] }
    }

    /// The chart without its title block and footer (figure label, title, subtitle, notes, source): those are the
    /// document's own text.
    static func bare(_ chart: any ChartDescription) -> any ChartDescription {
        func strip(_ t: inout ChartTexts) { t.figureLabel = nil; t.title = ""; t.subtitle = nil; t.notes = []; t.source = nil }
        switch chart {
        case var c as BarChart: strip(&c.texts); return c
        case var c as LineChart: strip(&c.texts); return c
        case var c as MapChart: strip(&c.texts); return c
        case var c as DumbbellChart: strip(&c.texts); return c
        case var c as HeatmapChart: strip(&c.texts); return c
        default: return chart
        }
    }

    /// The tasks that draw the pictures: each figure for Word (PNG at 300 dpi across the text width, and SVG with
    /// text as glyph outlines), each slide's figure (PNG).
    func tasks() -> [RenderTask] {
        var tasks: [RenderTask] = []
        let file = spec.file, images = images, layout = built.layout
        if word {
            let scale = 300 / 25.4 * Self.page.textWidth() / Self.figureWidth
            for fig in built.figures {
                let n = fig.number, chart = Self.bare(fig.chart)
                tasks.append(RenderTask(name: "figure \(n) for Word", cost: RenderTask.cost(of: chart)) {
                    // The figure as annex.pdf sets it (the layout's theme and the height its content needs), without
                    // its title block: Word has the caption as text.
                    let scene = try AnnexFigure.scene(chart, layout: layout, "\(file): figure \(n) in the Word annex")
                    let png = try ReportRunner.bytesOf(scene, .png, "figure \(n) (Word, png)", scale: scale)
                    // Text as text, its font named with a twin of the same metrics (Liberation Serif, then Times New
                    // Roman): small and quick to write, and Word keeps the line breaks where Liberation is missing.
                    let svg: [UInt8]
                    do throws(RenderError) { svg = try Renderer().render(scene, as: .svg, options: RenderOptions(svgText: .elements)) }
                    catch { throw ReportError.render("figure \(n) (Word, svg)", error) }
                    images.put(n, word: .init(png: png, svg: svg, width: scene.width, height: scene.height, alt: scene.metadata.description))
                    return []
                })
            }
        }
        guard spec.documents.contains(.pptx) else { return tasks }
        for fig in slideFigures {
            let n = fig.number, chart = Self.bare(fig.chart)
            tasks.append(RenderTask(name: "slide \(n) for PowerPoint", cost: RenderTask.cost(of: chart)) {
                let sized = chart.sized(width: Self.slideSize.width, height: Self.slideSize.height, theme: .slide)
                let scene = try ReportRunner.sceneOf(sized, "\(file): figure \(n) on its slide")
                let png = try ReportRunner.bytesOf(scene, .png, "slide \(n) (png)")
                images.put(n, slide: .init(png: png, svg: nil, width: scene.width, height: scene.height, alt: scene.metadata.description))
                return []
            })
        }
        return tasks
    }

    /// `annex.docx` and `slides.pptx` (those the spec's `documents:` asks for), once the tasks have run.
    func files() throws(ReportError) -> [(path: String, bytes: [UInt8], meta: FileMeta)] {
        var files: [(path: String, bytes: [UInt8], meta: FileMeta)] = []
        do {
            if word {
                files.append(("annex.docx", [UInt8](try wordDocument().data()),
                              FileMeta(kind: "annex-docx", title: built.title, alt: built.title)))
            }
            if spec.documents.contains(.pptx) {
                files.append(("slides.pptx", [UInt8](try slideDeck().data()),
                              FileMeta(kind: "slides-pptx", title: built.title, alt: lang.text(.keyFindings))))
            }
        } catch { throw .output("\(spec.file): the \(lang.rawValue) Word or PowerPoint annex: \(error)") }
        return files
    }

    var properties: WordDocument.Properties {
        var p = WordDocument.Properties(title: built.title)
        p.subject = built.subtitle ?? ""
        p.creator = built.author
        p.keywords = ["nông thôn mới", "NTM", built.dataset.manifest.regionName]
        switch lang {
        case .vi: p.language = "vi-VN"
        case .en: p.language = "en-GB"
        }
        p.date = built.date
        return p
    }
}
