import AnnexData
import AnnexIO
import Foundation
import Testing
@testable import AnnexReport

/// Inputs that used to crash Annex or give a wrong or unsafe output: each now gets a located error, a safe
/// output, or the right exit code.
@Suite struct HardeningTests {
    func write(_ text: String, _ dir: String, _ name: String) throws -> String {
        let p = dir + "/" + name
        try text.write(toFile: p, atomically: true, encoding: .utf8)
        return p
    }

    /// A copy of a dataset folder, to change.
    func copyOf(_ folder: String) throws -> String {
        let dir = try tempDir() + "/data"
        try FileManager.default.copyItem(atPath: folder, toPath: dir)
        return dir
    }

    // MARK: crashes

    /// YAML nested 5 000 levels deep (flow brackets, or block sequences on one line) overflowed the YAML parser's
    /// stack (exit 139): now refused before parsing, with the line, exit 66 for specs and 65 for a manifest.
    @Test(arguments: ["[", "- "])
    func deeplyNestedYAMLIsRefused(_ opener: String) throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let deep = opener == "[" ? String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
                                 : "\n" + String(repeating: "- ", count: 5000) + "x"
        let chart = try write("type: bar\ndata: " + deep + "\n", dir, "chart.yaml")
        var (status, _, err) = try runAnnex(["chart", chart, "-o", dir + "/x.png"])
        #expect(status == 66, "\(err)")
        let line = opener == "[" ? 2 : 3
        #expect(err.contains("chart.yaml:\(line)") && err.contains("nested at most 100 levels"), "\(err)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/x.png"))

        let report = try write("title: T\ndataset: \(bundledFolder)\nitems: " + deep + "\n", dir, "report.yaml")
        (status, _, err) = try runAnnex(["report", report, "-o", dir + "/out"])
        #expect(status == 66, "\(err)")
        #expect(err.contains("report.yaml:\(line + 1)") && err.contains("nested at most 100 levels"), "\(err)")

        let data = try copyOf(miniFolder)
        let manifest = try String(contentsOfFile: data + "/manifest.yaml", encoding: .utf8)
        try (manifest + "extra: " + deep + "\n").write(toFile: data + "/manifest.yaml", atomically: true, encoding: .utf8)
        (status, _, err) = try runAnnex(["validate", data])
        #expect(status == 65, "\(err)")
        #expect(err.contains("manifest.yaml:") && err.contains("nested at most 100 levels"), "\(err)")
    }

    /// Real specs nest far less than the limit; a literal block with deep indentation inside is text, not nesting.
    @Test func ordinaryYAMLIsNotCountedAsDeep() {
        #expect(YAMLNesting.firstExcess(in: (try? String(contentsOfFile: defaultSpec, encoding: .utf8)) ?? "") == nil)
        let block = "notes: |\n" + (1...300).map { String(repeating: " ", count: $0 + 1) + "line \($0)" }.joined(separator: "\n") + "\nnext: 1\n"
        #expect(YAMLNesting.firstExcess(in: block) == nil)
        #expect(YAMLNesting.firstExcess(in: "a: \"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"\n") == nil)
        #expect(YAMLNesting.firstExcess(in: "a: " + String(repeating: "{b: ", count: 101) + "1" + String(repeating: "}", count: 101))?.line == 1)
    }

    /// A line chart whose x is 10^300 trapped converting it to Int (exit 132): now a located spec error.
    @Test func hugeLineChartXIsALocatedError() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let huge = "1" + String(repeating: "0", count: 300)
        try "year,value\n2019,3\n\(huge),4\n".write(toFile: dir + "/d.csv", atomically: true, encoding: .utf8)
        let spec = try write("type: line\ndata: { csv: d.csv }\nencoding: { x: year, value: value }\n", dir, "line.yaml")
        let (status, _, err) = try runAnnex(["chart", spec, "-o", dir + "/x.png"])
        #expect(status == 66, "\(err)")
        #expect(err.contains("d.csv:3") && err.contains("'year'") && err.contains("at most 15 digits"), "\(err)")
        let inline = try write("type: line\ndata:\n  values:\n    - { year: \"\(huge)\", value: \"3\" }\nencoding: { x: year, value: value }\n", dir, "inline.yaml")
        let (s2, _, e2) = try runAnnex(["chart", inline, "-o", dir + "/y.png"])
        #expect(s2 == 66 && e2.contains("inline.yaml:4"), "\(e2)")
    }

    // MARK: CSV injection

    /// Text cells that a spreadsheet would run as formulas get a leading `'`; numbers, negative ones included,
    /// are left alone. Read back by Python's csv module, as a spreadsheet would read the file.
    @Test func csvTablesAreSafeToOpenInASpreadsheet() throws {
        let cells = ["=1+1", "+SUM(A1)", "-x", "@cmd", "\tx", "\rx", "-1,5", "-3", "-4.111,5", "+2", "-12%", "Lạng Sơn", "=", ""]
        let bytes = CSVWriter.encode(header: ["a"], rows: cells.map { [$0] }, delimiter: ";")
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data(bytes).write(to: URL(fileURLWithPath: dir + "/t.csv"))
        let script = "import csv,json,sys; print(json.dumps([r[0] if r else '' for r in csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline=''), delimiter=';')][1:]))"
        let (status, out, err) = try runProcess("/usr/bin/env", ["python3", "-c", script, dir + "/t.csv"])
        #expect(status == 0, "\(err)")
        let read = try JSONDecoder().decode([String].self, from: Data(out.utf8))
        #expect(read == ["'=1+1", "'+SUM(A1)", "'-x", "'@cmd", "'\tx", "'\rx", "-1,5", "-3", "-4.111,5", "+2", "-12%", "Lạng Sơn", "'=", ""])
    }

    /// End to end: a district named like a formula, through a report's table CSV and `annex analyze --format csv`.
    @Test func aFormulaNameReachesNoCSVAsAFormula() throws {
        let data = try copyOf(bundledFolder)
        var districts = try String(contentsOfFile: data + "/districts.csv", encoding: .utf8)
        districts = districts.replacingOccurrences(of: ",Tràng Định,", with: ",=HYPERLINK(\"http://x\"),")
        try districts.write(toFile: data + "/districts.csv", atomically: true, encoding: .utf8)
        let dir = (data as NSString).deletingLastPathComponent
        let spec = try write("""
            title: T
            dataset: \(data)
            languages: [vi]
            formats: [png]
            items:
              - table:
                  title: Huyện
                  data: { metric: [ntm_total], scope: district, years: [2019] }
                  columns: [ { field: name, header: Huyện }, { field: "value[ntm_total,2019]", header: Số xã, digits: [0, 0] } ]
            """, dir, "r.yaml")
        let (status, _, err) = try runAnnex(["report", spec, "-o", dir + "/out", "-q"])
        #expect(status == 0, "\(err)")
        let csv = try String(contentsOfFile: dir + "/out/vi/tables/tab01.csv", encoding: .utf8)
        #expect(csv.contains("\"'=HYPERLINK(\"\"http://x\"\")\""), "\(csv)")
        #expect(!csv.contains(";=") && !csv.contains("\n=") && !csv.contains("\"="))
    }

    // MARK: SVG with control characters

    /// `--svg-text paths` (Cairo's SVG) with a title holding control characters is well-formed XML, as the
    /// default writer's is.
    @Test(arguments: ["paths", "elements"])
    func svgWithControlCharactersIsWellFormed(_ mode: String) throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let spec = try write("""
            type: bar
            title: "Tiêu đề \\x01\\x02\\x1b có ký tự điều khiển \\x7f & <b>"
            data:
              values:
                - { name: "A\\x03", value: "1" }
                - { name: "B", value: "2" }
            encoding: { category: name, value: value }
            """, dir, "c.yaml")
        let (status, _, err) = try runAnnex(["chart", spec, "-o", dir + "/c.svg", "--svg-text", mode])
        #expect(status == 0, "\(err)")
        let (lint, _, lintErr) = try runProcess("/usr/bin/env", ["xmllint", "--noout", dir + "/c.svg"])
        #expect(lint == 0, "\(lintErr)")
    }

    // MARK: files and folders

    /// A killed `annex chart` leaves `.NAME.tmp-PID-XXXXXX`; the next write of that file removes it, and the
    /// older form without a process id once it is an hour old. A live writer's file stays.
    @Test func leftoverTemporaryFilesAreRemoved() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let dead = Process()
        dead.executableURL = URL(fileURLWithPath: "/bin/true")
        try dead.run(); dead.waitUntilExit()
        let fm = FileManager.default
        let leftovers = [".x.png.tmp-\(dead.processIdentifier)-Ab12Cd", ".x.png.tmp-Qw34Er"]
        let kept = [".x.png.tmp-1-Zx56Cv", ".x.png.tmp-Ty78Ui", ".other.png.tmp-\(dead.processIdentifier)-Ab12Cd"]
        for n in leftovers + kept { _ = fm.createFile(atPath: dir + "/" + n, contents: Data("part".utf8)) }
        let old = Date(timeIntervalSinceNow: -7200)
        for n in leftovers + [".other.png.tmp-\(dead.processIdentifier)-Ab12Cd"] { try fm.setAttributes([.modificationDate: old], ofItemAtPath: dir + "/" + n) }
        // A dead writer's file still being written (fresh) stays: a writer in another PID namespace looks dead.
        _ = fm.createFile(atPath: dir + "/.x.png.tmp-\(dead.processIdentifier)-Fr3shh", contents: Data("part".utf8))
        try AtomicFile.write(Array("png".utf8), to: dir + "/x.png")
        let names = Set(try fm.contentsOfDirectory(atPath: dir))
        #expect(names == Set(kept + ["x.png", ".x.png.tmp-\(dead.processIdentifier)-Fr3shh"]), "\(names.sorted())")
    }

    /// The lock file is opened without following a symbolic link.
    @Test func lockFileIsNeverFollowed() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/out", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: dir + "/out/.annex.lock", withDestinationPath: dir + "/victim")
        let (status, _, err) = try runAnnex(["report", "-o", dir + "/out", "--lang", "en", "-q"])
        #expect(status == 73, "\(err)")
        #expect(err.contains("symbolic link"), "\(err)")
        #expect(!FileManager.default.fileExists(atPath: dir + "/victim"))
    }

    /// The switch to a finished annex: each language folder is exchanged in one step; a run killed after writing
    /// `.ready` and before (or between) the exchanges is finished by the next run.
    @Test func anInterruptedSwitchIsFinishedByTheNextRun() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let fm = FileManager.default
        for lang in ["vi", "en"] {
            try fm.createDirectory(atPath: "\(dir)/\(lang)", withIntermediateDirectories: true)
            _ = fm.createFile(atPath: "\(dir)/\(lang)/annex.pdf", contents: Data("old \(lang)".utf8))
            try fm.createDirectory(atPath: "\(dir)/.annex-staging-4242/\(lang)", withIntermediateDirectories: true)
            _ = fm.createFile(atPath: "\(dir)/.annex-staging-4242/\(lang)/annex.pdf", contents: Data("new \(lang)".utf8))
        }
        let ready = ["vi", "en"].map { "\($0) \(FolderSwap.identity("\(dir)/.annex-staging-4242/\($0)")!)\n" }.joined()
        try ready.write(toFile: "\(dir)/.annex-staging-4242/.ready", atomically: true, encoding: .utf8)
        // Killed after the first exchange.
        #expect(try FolderSwap.swap(new: "\(dir)/.annex-staging-4242/vi", into: "\(dir)/vi", aside: "\(dir)/aside") == .exchanged)
        #expect(fm.contents(atPath: "\(dir)/vi/annex.pdf") == Data("new vi".utf8))
        #expect(fm.contents(atPath: "\(dir)/en/annex.pdf") == Data("old en".utf8))
        ReportRunner.recoverInterruptedRun(dir)
        #expect(fm.contents(atPath: "\(dir)/vi/annex.pdf") == Data("new vi".utf8))
        #expect(fm.contents(atPath: "\(dir)/en/annex.pdf") == Data("new en".utf8))
        #expect(try fm.contentsOfDirectory(atPath: dir).sorted() == ["en", "vi"])

        // A staging folder without `.ready` was not finished: removed, the annex untouched.
        try fm.createDirectory(atPath: "\(dir)/.annex-staging-4343/vi", withIntermediateDirectories: true)
        ReportRunner.recoverInterruptedRun(dir)
        #expect(fm.contents(atPath: "\(dir)/vi/annex.pdf") == Data("new vi".utf8))
        #expect(try fm.contentsOfDirectory(atPath: dir).sorted() == ["en", "vi"])
    }

    // MARK: datasets

    /// `annex generate` writes valid datasets beyond GSO's 999 districts and 99 999 communes, with the wider codes
    /// declared in its manifest.
    @Test func aGeneratedDatasetOf100000CommunesIsValid() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var (status, _, err) = try runAnnex(["generate", "--communes", "100000", "-o", dir + "/g"])
        #expect(status == 0, "\(err)")
        let manifest = try String(contentsOfFile: dir + "/g/manifest.yaml", encoding: .utf8)
        #expect(manifest.contains("codes: { district_digits: 4, commune_digits: 6 }"))
        (status, _, err) = try runAnnex(["validate", dir + "/g"])
        #expect(status == 0, "\(err)")
    }

    /// A dataset where no commune lost a criterion: the default report runs, the table is empty with a note,
    /// and the findings say so without "00".
    @Test func noLostCriteriaGivesAnEmptyTableNotAnError() throws {
        let data = try copyOf(bundledFolder)
        let script = """
            import csv, sys
            p = sys.argv[1]
            rows = list(csv.reader(open(p, encoding='utf-8-sig')))
            h = rows[0]; idx = [h.index('c%02d' % i) for i in range(1, 20)]; ci = h.index('count')
            best = {}
            for r in sorted(rows[1:], key=lambda r: (r[0], int(r[1]))):
                u = r[0]
                if u in best:
                    for k, i in enumerate(idx):
                        if best[u][0][k] == '1': r[i] = '1'
                    r[ci] = str(sum(r[i] == '1' for i in idx)) if all(r[i] in '01' for i in idx) else str(max(int(r[ci]), int(best[u][1])))
                best[u] = ([r[i] for i in idx], r[ci])
            w = csv.writer(open(p, 'w', encoding='utf-8', newline=''), lineterminator='\\n'); w.writerow(h); w.writerows(rows[1:])
            """
        let (ps, _, pe) = try runProcess("/usr/bin/env", ["python3", "-c", script, data + "/criteria.csv"])
        #expect(ps == 0, "\(pe)")
        let dir = (data as NSString).deletingLastPathComponent
        let spec = try String(contentsOfFile: defaultSpec, encoding: .utf8).replacingOccurrences(of: "dataset: ../Datasets/langson", with: "dataset: \(data)")
        let specPath = try write(spec, dir, "r.yaml")
        let (status, _, err) = try runAnnex(["report", specPath, "-o", dir + "/out", "--lang", "vi", "-q"])
        #expect(status == 0, "\(err)")
        let findings = try String(contentsOfFile: dir + "/out/vi/findings.txt", encoding: .utf8)
        #expect(findings.contains("Không có xã nào bị mất tiêu chí đã đạt năm 2018 (số liệu minh họa)."), "\(findings)")
        #expect(!findings.contains("Có 00 xã"))
        let built = try ReportSpec.load(path: specPath).build(language: .vi)
        let lost = try #require(built.tables.first { $0.1.caption.contains("giảm tiêu chí") }?.1)
        #expect(lost.rows.isEmpty)
        #expect(lost.notes.first == "Không có số liệu thỏa mãn điều kiện của biểu (không có dòng nào).")
    }

    /// Names with control characters or bidirectional overrides are problems `annex validate` names.
    @Test func hiddenCharactersInNamesAreProblems() throws {
        let data = try copyOf(miniFolder)
        var units = try String(contentsOfFile: data + "/units.csv", encoding: .utf8)
        let lines = units.split(separator: "\n", omittingEmptySubsequences: false)
        var fields = lines[1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        fields[1] = "Xã \u{202E}abc"
        units = ([String(lines[0]), fields.joined(separator: ",")] + lines.dropFirst(2).map(String.init)).joined(separator: "\n")
        try units.write(toFile: data + "/units.csv", atomically: true, encoding: .utf8)
        let (status, _, err) = try runAnnex(["validate", data])
        #expect(status == 65)
        #expect(err.contains("units.csv:2: column 'name'") && err.contains("U+202E at character 4"), "\(err)")
    }

    /// `annex validate` reads the boundaries the manifest names; a device or a FIFO is called what it is.
    @Test func validateChecksBoundariesAndSaysWhatAPathIs() throws {
        let data = try copyOf(bundledFolder)
        let manifest = try String(contentsOfFile: data + "/manifest.yaml", encoding: .utf8)
        let file = try #require(manifest.split(separator: "\n").first { $0.contains("file:") }).split(separator: ":").last!
            .trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
        try "{\"type\": \"FeatureCollection\", \"features\": [".write(toFile: data + "/" + file, atomically: true, encoding: .utf8)
        var (status, _, err) = try runAnnex(["validate", data])
        #expect(status == 65)
        #expect(err.contains(file) && err.contains("expected valid JSON"), "\(err)")
        (status, _, err) = try runAnnex(["validate", "/dev/zero"])
        #expect(status == 65 && err.contains("a device"), "\(err)")
        let fifo = (data as NSString).deletingLastPathComponent + "/fifo"
        #expect(mkfifo(fifo, 0o600) == 0)
        (status, _, err) = try runAnnex(["chart", fifo, "-o", fifo + ".png"])
        #expect(status == 66 && err.contains("FIFO"), "\(err)")
    }

    // MARK: the command line

    @Test func wrongCallsExit64WithAHint() throws {
        var (status, _, err) = try runAnnex([])
        #expect(status == 64, "\(err)")
        (status, _, err) = try runAnnex(["analyze", "--metric", "mean_critera"])
        #expect(status == 64 && err.contains("did you mean 'mean_criteria'?"), "\(err)")
        (status, _, err) = try runAnnex(["analyze", "--group", "Border"])
        #expect(status == 64 && err.contains("did you mean 'border'?"), "\(err)")
        (status, _, err) = try runAnnex(["analyze", "--year", "2031"])
        #expect(status == 64 && err.contains("2018, 2019, 2020"), "\(err)")
        let (ok, out, _) = try runAnnex(["analyze", "--metric", "lost_criteria_units", "--format", "csv"])
        #expect(ok == 0 && out.contains("lost_criteria_units"))
    }

    /// One version: `--version`, manifests and PDFs.
    @Test func oneVersion() throws {
        let (status, out, _) = try runAnnex(["--version"])
        #expect(status == 0)
        #expect(out.trimmingCharacters(in: .whitespacesAndNewlines) == ReportRunner.toolVersion)
    }
}

/// What a cron job keeps: logs with times (or JSON), a skipped language said at the default level, an unrelated
/// file in the dataset folder changing nothing, and "nothing to do" with exit 0.
@Suite(.serialized) struct CronRunTests {
    @Test func incrementalRunsSayWhatTheySkip() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.copyItem(atPath: bundledFolder, toPath: dir + "/data")
        let args = ["report", defaultSpec, "--dataset", dir + "/data", "-o", dir + "/out", "--lang", "en", "--incremental"]
        var (status, _, err) = try runAnnex(args)
        #expect(status == 0, "\(err)")
        #expect(err.range(of: #"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ annex info: \d+ files in"#, options: .regularExpression) != nil, "\(err)")
        _ = FileManager.default.createFile(atPath: dir + "/data/NOTES.txt", contents: Data("not data".utf8))
        (status, _, err) = try runAnnex(args + ["--log-format", "json"])
        #expect(status == 0, "\(err)")
        let lines = err.split(separator: "\n").map { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(lines.allSatisfy { $0?["time"] is String && $0?["level"] as? String == "info" }, "\(err)")
        #expect(err.contains("[en] skipped") && err.contains("nothing to do: no new data since the last run"), "\(err)")
        let indicators = try String(contentsOfFile: dir + "/data/indicators.csv", encoding: .utf8)
        try (indicators + "\n").write(toFile: dir + "/data/indicators.csv", atomically: true, encoding: .utf8)
        (status, _, err) = try runAnnex(args)
        #expect(status == 0 && !err.contains("skipped"), "a changed table is new data: \(err)")
    }
}

/// Ways around the nesting check that a review found: CRLF line ends, a quote inside a plain scalar, a comment
/// ending in '>'. Each is still caught, and a real spec saved with CRLF still passes.
@Suite struct YAMLNestingEdgeTests {
    let deep = String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)

    @Test func crlfLinesAreLines() throws {
        #expect(YAMLNesting.firstExcess(in: "# x\r\n" + deep + "\r\n") != nil)
        #expect(YAMLNesting.firstExcess(in: "# x\r" + deep) != nil)
        let nested = (0..<150).map { String(repeating: " ", count: $0) + "k\($0):" }.joined(separator: "\r\n") + " 1\r\n"
        #expect(YAMLNesting.firstExcess(in: nested) != nil)
        let spec = try String(contentsOfFile: defaultSpec, encoding: .utf8).replacingOccurrences(of: "\n", with: "\r\n")
        #expect(YAMLNesting.firstExcess(in: spec) == nil)
    }

    @Test func aQuoteInsideAPlainScalarOpensNothing() {
        #expect(YAMLNesting.firstExcess(in: "x: [a'b, \(deep)]\n") != nil)
        #expect(YAMLNesting.firstExcess(in: "x: \"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"\n") == nil)
        #expect(YAMLNesting.firstExcess(in: "x: 'it''s [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[['\n") == nil)
    }

    @Test func aCommentEndingInAnIndicatorOpensNoBlockScalar() {
        let text = "key: # see >\n" + String(repeating: "- ", count: 5000) + "x\n"
        #expect(YAMLNesting.firstExcess(in: text) != nil)
    }
}
