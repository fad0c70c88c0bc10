// `annex validate`: check a dataset, as text or JSON.

import AnnexData
import AnnexIO
import ArgumentParser

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a dataset and list every problem with its file, line and column.",
        discussion: "With --format json, the problems and warnings as JSON on standard output, for scripts (exit 65 when there are problems).")

    enum Format: String, ExpressibleByArgument { case text, json }

    @OptionGroup var data: DatasetOptions

    @Option(name: .long, help: "text (for people) or json (for scripts).")
    var format: Format = .text

    func run() throws {
        if format == .json { return try runJSON() }
        let ds = try loadDataset(data)
        // The boundaries the manifest names are part of the dataset: read and joined to the districts here too.
        do { for w in try ds.loadBoundaries()?.warnings ?? [] { Stderr.print("warning: \(w)") } } catch {
            Stderr.print(error.description); throw ExitCode(.dataError)
        }
        print("\(ds.folder): \(ds.units.count) units in \(ds.districts.count) districts, \(ds.criteria.count) criteria rows, "
              + "\(ds.recognitions.count) recognitions, \(ds.facts.count) indicators, \(ds.groups.count) groups: no problems")
    }
}

extension Validate {
    /// `{"dataset": …, "valid": …, "problems": [{file, line, column, expected, found}], "warnings": […]}`.
    func runJSON() throws {
        let folder = try data.resolve()
        var problems: [DataIssue] = [], warnings: [DataIssue] = [], summary = ""
        do {
            let ds = try Dataset.load(folder: folder)
            warnings = ds.warnings
            do { warnings += try ds.loadBoundaries()?.warnings ?? [] } catch { problems = error.issues }
            summary = "\"units\": \(ds.units.count), \"districts\": \(ds.districts.count), \"criteria_rows\": \(ds.criteria.count), "
        } catch { problems = error.issues }
        func issue(_ i: DataIssue) -> String {
            let s = JSONText.string
            return "{\"file\": \(s(i.location.file)), \"line\": \(i.location.line.map(String.init) ?? "null"), "
                + "\"column\": \(i.location.column.map(s) ?? "null"), \"expected\": \(s(i.expected)), \"found\": \(i.found.map(s) ?? "null"), "
                + "\"message\": \(s(i.description))}"
        }
        print("{\"dataset\": \(JSONText.string(folder)), \"valid\": \(problems.isEmpty), " + summary
              + "\"problems\": [" + problems.map(issue).joined(separator: ", ") + "], "
              + "\"warnings\": [" + warnings.map(issue).joined(separator: ", ") + "]}")
        if !problems.isEmpty { throw ExitCode(.dataError) }
    }
}
