import AnnexCharts
import AnnexData
import Foundation

/// What the annex's last section, "Nguồn số liệu và ghi chú", says: the sources by name, as a reader cites them,
/// never the files, folders or programs of the dataset. The documents the figures come from (with the date their
/// actual figures run to), the statistical office's list of administrative units, what the commune-level figures
/// are (illustrative, or the dataset's title), the boundaries' provider with its licence when the annex has a map,
/// and what "ước" (estimate) means.
enum SourcesPage {
    /// The section's entries, in that order.
    static func entries(_ r: BuiltReport, _ lang: Language) -> [String] {
        let ds = r.dataset
        var lines: [String] = []
        for src in ds.sources.values.sorted(by: { $0.id < $1.id }) {
            lines.append(src.citation(lang) + (src.dataCutoff.isEmpty ? "" : lang.text(.actualFiguresTo, AnnexDocument.humanDate(src.dataCutoff, lang))))
        }
        if DatasetChecks.isISODate(ds.manifest.unitVintage) {
            lines.append(lang.text(.unitListSource, AnnexDocument.humanDate(ds.manifest.unitVintage, lang)))
        }
        lines.append(ds.manifest.synthetic ? lang.text(.illustrativeCommuneDataSource)
                                           : lang.text(.communeDataSource, UnitNames.inSentence(ds.manifest.title[lang] ?? ds.manifest.regionName)))
        if r.figures.contains(where: { $0.chart is MapChart }), let a = ds.manifest.boundaries?.attribution[lang] { lines.append(a) }
        lines.append(lang.text(.estimatesExplained))
        return lines
    }
}
