import AnnexAnalytics
import AnnexData
import AnnexIO
import AnnexChartSpec
import Foundation
import Testing
@testable import AnnexReport
import AnnexSpec

let defaultSpec = repoRoot + "/Reports/langson-2020.yaml"
let reportFixtures = repoRoot + "/Tests/Fixtures/bad-reports"

/// Every file under a folder, relative path → bytes (hidden files included).
func snapshot(_ dir: String) -> [String: Data] {
    var out: [String: Data] = [:]
    let fm = FileManager.default
    for p in (fm.enumerator(atPath: dir)?.allObjects as? [String]) ?? [] {
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: dir + "/" + p, isDirectory: &isDir), !isDir.boolValue { out[p] = fm.contents(atPath: dir + "/" + p) }
    }
    return out
}

/// Runs the annex command from the repository root.
func runAnnex(_ args: [String], cwd: String = repoRoot) throws -> (Int32, String, String) {
    try runProcess(CommandLineTests.annex, args, cwd: cwd)
}

/// Runs a program and returns (exit status, stdout, stderr).
func runProcess(_ executable: String, _ args: [String], cwd: String? = nil) throws -> (Int32, String, String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: executable)
    p.arguments = args
    if let cwd { p.currentDirectoryURL = URL(fileURLWithPath: cwd) }
    let out = Pipe(), err = Pipe()
    p.standardOutput = out; p.standardError = err
    try p.run()
    let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
}

@Suite(.serialized) struct ReportTests {
    /// The same inputs give the same bytes, with one job or two, including the manifest.
    @Test func sameBytesWhateverTheJobCount() throws {
        let a = try tempDir(), b = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: a); try? FileManager.default.removeItem(atPath: b) }
        _ = try ReportRunner.run(specPath: defaultSpec, options: ReportOptions(output: a, jobs: 1))
        _ = try ReportRunner.run(specPath: defaultSpec, options: ReportOptions(output: b, jobs: 2))
        let sa = snapshot(a), sb = snapshot(b)
        #expect(sa.count > 40)
        #expect(Set(sa.keys) == Set(sb.keys))
        for (k, v) in sa { #expect(sb[k] == v, "\(k) differs between --jobs 1 and --jobs 2") }
        #expect(!sa.keys.contains { $0.contains(".annex-") }, "no staging left behind")
        for lang in ["vi", "en"] {
            for f in ["annex.pdf", "findings.txt", "manifest.json", "figures/fig01.png", "figures/fig01.svg", "figures/fig01.pdf",
                      "tables/tab01.csv", "tables/tab01.pdf", "slides/fig01-slide.png"] {
                #expect(sa["\(lang)/\(f)"] != nil, "\(lang)/\(f)")
            }
        }
    }

    /// The manifest lists every file with its real hash and size, and the spec's and dataset's hashes.
    @Test func manifestDescribesEveryFile() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try ReportRunner.run(specPath: defaultSpec, options: ReportOptions(output: dir, languages: [.vi], jobs: 2))
        let data = try #require(FileManager.default.contents(atPath: dir + "/vi/manifest.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let files = try #require(json["files"] as? [[String: Any]])
        let onDisk = snapshot(dir + "/vi").keys.filter { $0 != "manifest.json" }
        #expect(Set(files.compactMap { $0["path"] as? String }) == Set(onDisk))
        for f in files {
            let path = try #require(f["path"] as? String)
            let bytes = [UInt8](try #require(FileManager.default.contents(atPath: dir + "/vi/" + path)))
            #expect(f["sha256"] as? String == SHA256.hex(bytes), "\(path)")
            #expect(f["bytes"] as? Int == bytes.count)
            #expect(f["title"] as? String != nil && f["alt"] as? String != nil)
        }
        #expect((json["spec"] as? [String: Any])?["sha256"] as? String == SHA256.hex(Array(try String(contentsOfFile: defaultSpec, encoding: .utf8).utf8)))
        #expect(((json["dataset"] as? [String: Any])?["sha256"] as? String)?.count == 64)
        let fig = try #require(files.first { $0["path"] as? String == "figures/fig01.png" })
        #expect(fig["number"] as? Int == 1 && (fig["alt"] as? String)?.contains("11,54") == true)
    }

    /// The annex PDF: A4 pages, fixed dates, every caption, the findings in the notices' words.
    @Test func annexPDFHasCaptionsFindingsAndA4Pages() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try ReportRunner.run(specPath: defaultSpec, options: ReportOptions(output: dir, jobs: 2))
        let pdf = dir + "/vi/annex.pdf"
        let text = try runTool("pdftotext", ["-enc", "UTF-8", pdf, "-"]).1
        let flat = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        for n in 1...7 { #expect(flat.contains("Biểu đồ \(n)."), "figure \(n)") }
        for n in 1...4 { #expect(flat.contains("Biểu 0\(n)."), "table \(n)") }
        #expect(flat.contains("bình quân 01 xã đạt 11,54 tiêu chí, tăng 1,5 tiêu chí so với năm 2018"))
        #expect(flat.contains("vượt 0,2 tiêu chí so với kế hoạch"))
        #expect(flat.contains("(vượt kế hoạch 01 xã)"))
        let info = try runTool("pdfinfo", ["-isodates", pdf]).1
        #expect(info.contains("A4"))
        #expect(info.contains("2020-07-21T00:00:00"))
        let en = try runTool("pdftotext", ["-enc", "UTF-8", dir + "/en/annex.pdf", "-"]).1.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(en.contains("Figure 1.") && en.contains("Table 1.") && en.contains("Key findings"))
    }

    /// The CSVs open with Python's csv module (UTF-8 with BOM, ';' in Vietnamese) and hold the analysis's figures.
    @Test func tableCSVsOpenInPythonAndMatchTheAnalysis() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try ReportRunner.run(specPath: defaultSpec, options: ReportOptions(output: dir, languages: [.vi], jobs: 2))
        let script = """
            import csv, json, sys
            with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
                rows = list(csv.reader(f, delimiter=";"))
            print(json.dumps(rows, ensure_ascii=False))
            """
        let (status, out, err) = try runTool("python3", ["-c", script, dir + "/vi/tables/tab01.csv"])
        #expect(status == 0, "\(err)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [[String]])
        #expect(rows.first?.first == "Nhóm xã")
        let a = try Analysis.run(try Dataset.load(folder: bundledFolder))
        let border = try #require(rows.first { $0.first == "Xã biên giới" })
        // One number of decimals per column: "Năm 2019" holds 11,54, so 10,6 is written 10,60.
        let f = NumberFormat(.vi, fractionDigits: 2...2)
        #expect(border[3] == f(a.value(scope: .group, group: "border", metric: "mean_criteria", year: 2019)!.value))
        #expect(border == ["Xã biên giới", "20", "9,35", "10,60", "+1,25", "10,4", "+0,2", "vượt kế hoạch"])
        let province = try #require(rows.first { $0.first == "Toàn tỉnh" })
        #expect(province[4] == "+1,50", "the change column has +1,25: every change has two decimals")
        let (s2, out2, _) = try runTool("python3", ["-c", script, dir + "/vi/tables/tab03.csv"])
        #expect(s2 == 0)
        let bands = try #require(try JSONSerialization.jsonObject(with: Data(out2.utf8)) as? [[String]])
        #expect(bands.last?.first == "Toàn tỉnh")
        #expect(bands.last?[1] == "52")   // 19 criteria, all districts: the 52 NTM communes of 2019
    }

    /// A run killed midway leaves the previous annex as it was, with no partial file in it; the next run cleans up.
    @Test func aKilledRunLeavesThePreviousAnnexIntact() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (s0, _, e0) = try runAnnex(["report", "-q", "-o", dir, "--jobs", "2"])
        #expect(s0 == 0, "\(e0)")
        let before = snapshot(dir + "/vi")
        for delay in [0.4, 0.9, 1.5] {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: CommandLineTests.annex)
            p.arguments = ["report", "-q", "-o", dir, "--jobs", "2"]
            p.currentDirectoryURL = URL(fileURLWithPath: repoRoot)
            p.standardOutput = FileHandle.nullDevice; p.standardError = FileHandle.nullDevice
            try p.run()
            Thread.sleep(forTimeInterval: delay)
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            let after = snapshot(dir + "/vi")
            #expect(Set(after.keys) == Set(before.keys), "after a kill at \(delay) s the annex has other files")
            for (k, v) in before { #expect(after[k] == v, "\(k) changed after a kill at \(delay) s") }
        }
        let (s1, _, e1) = try runAnnex(["report", "-q", "-o", dir, "--jobs", "2"])
        #expect(s1 == 0, "\(e1)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["en", "vi"])
    }

    @Test func incrementalRunSkipsUnchangedInputs() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try ReportRunner.run(specPath: defaultSpec, options: ReportOptions(output: dir, languages: [.vi], jobs: 2))
        let (status, out, err) = try runAnnex(["report", "-v", "--incremental", "--lang", "vi", "-o", dir])
        #expect(status == 0, "\(err)")
        #expect(err.contains("unchanged"))
        #expect(!out.contains("wrote"))
    }

    /// Bad report specs fail with the spec's file, line and key, exit non-zero and write nothing.
    @Test(arguments: ["unknown-figure-type", "missing-dataset", "unknown-table-column", "duplicate-number", "unknown-item", "unknown-each"])
    func badReportSpec(_ name: String) throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let spec = reportFixtures + "/" + name + ".yaml"
        let expected = try String(contentsOfFile: reportFixtures + "/" + name + ".expected", encoding: .utf8)
        let (status, _, err) = try runAnnex(["report", spec, "-o", dir + "/out"])
        #expect(status == 66 || status == 65, "\(name): \(status)")
        // Standard error is a pipe here: each line carries its time and level, as a cron job's log keeps them.
        let plain = err.replacingOccurrences(of: #"(?m)^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ annex error: "#, with: "", options: .regularExpression)
        #expect(plain == expected.replacingOccurrences(of: "<fixtures>", with: reportFixtures), "\(name): \(err)")
        #expect(((try? FileManager.default.contentsOfDirectory(atPath: dir + "/out")) ?? []).isEmpty)
    }

    @Test func unwritableOutputFolder() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data("x".utf8).write(to: URL(fileURLWithPath: dir + "/file"))
        let (status, _, err) = try runAnnex(["report", "-o", dir + "/file/out"])
        #expect(status == 73)
        #expect(err.contains(dir + "/file/out"))
    }

    @Test func sha256MatchesTheStandardVectors() {
        #expect(SHA256.hex([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8))
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256.hex([UInt8](repeating: 0x61, count: 1_000_000)) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
        // The same message fed in pieces of every awkward length (a part block kept, then whole blocks in place).
        var pieces = SHA256(), at = 0, n = 1
        let message = [UInt8](repeating: 0x61, count: 1_000_000)
        while at < message.count {
            let end = min(message.count, at + n)
            if n % 3 == 0 { pieces.update(message[at..<end]) } else { pieces.update(Array(message[at..<end])) }
            at = end; n = n * 7 % 1000 + 1
        }
        #expect(pieces.finish().map { String(format: "%02x", $0) }.joined() == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}

/// Runs a tool from the PATH.
@discardableResult
func runTool(_ tool: String, _ args: [String]) throws -> (Int32, String, String) {
    try runProcess("/usr/bin/env", [tool] + args)
}

@Suite struct ReportEdgeTests {
    @Test func csvFieldsWithLineBreaksAreQuoted() {
        let bytes = CSVWriter.encode(header: ["a", "b"], rows: [["x\r\ny", "z"]])
        #expect(String(decoding: bytes, as: UTF8.self) == "\u{FEFF}a,b\r\n\"x\r\ny\",z\r\n")
    }

    @Test func emptyMetricListIsASpecError() throws {
        let spec = """
            type: bar
            title: T
            data: { dataset: \(bundledFolder), metric: [] }
            encoding: { category: group, value: value }
            """
        #expect {
            try ChartSpec.parse(spec, file: "s.yaml", baseFolder: "/")
        } throws: { error in
            (error as! SpecError).description == "s.yaml:3: key 'data.metric': expected a metric or a list of metrics, found 'an empty list'"
        }
    }

    @Test func duplicateAndEmptyLanguages() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let twice = "title: T\ndataset: \(bundledFolder)\nlanguages: [vi, vi]\nformats: [pdf]\nitems:\n  - findings: true\n"
        try twice.write(toFile: dir + "/twice.yaml", atomically: true, encoding: .utf8)
        let files = try ReportRunner.run(specPath: dir + "/twice.yaml", options: ReportOptions(output: dir + "/out", jobs: 2))
        #expect(files.contains { $0.path.hasSuffix("vi/annex.pdf") })
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/out") == ["vi"])
        let none = "title: T\ndataset: \(bundledFolder)\nlanguages: []\nitems:\n  - findings: true\n"
        try none.write(toFile: dir + "/none.yaml", atomically: true, encoding: .utf8)
        #expect(throws: ReportError.self) { try ReportRunner.run(specPath: dir + "/none.yaml", options: ReportOptions(output: dir + "/out2")) }
    }

    /// A run that died between moving the old annex aside and putting the new one in place: the next run puts
    /// the old one back before anything else.
    @Test func anInterruptedSwapIsRecovered() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/.annex-old-99999-vi", withIntermediateDirectories: true)
        try Data("old".utf8).write(to: URL(fileURLWithPath: dir + "/.annex-old-99999-vi/annex.pdf"))
        try FileManager.default.createDirectory(atPath: dir + "/.annex-staging-99999/vi", withIntermediateDirectories: true)
        ReportRunner.recoverInterruptedRun(dir)
        #expect(FileManager.default.contents(atPath: dir + "/vi/annex.pdf") == Data("old".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["vi"])
    }

    /// Two runs into one folder: the second is refused while the first holds the lock.
    @Test func oneRunAtATimePerFolder() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let fd = open(dir + "/.annex.lock", O_CREAT | O_RDWR, 0o644)
        #expect(flock(fd, LOCK_EX | LOCK_NB) == 0)
        defer { close(fd) }
        let (status, _, err) = try runAnnex(["report", "-o", dir])
        #expect(status == 73)
        #expect(err.contains("another annex run is writing into this folder"))
        #expect(FileManager.default.fileExists(atPath: dir + "/.annex.lock"), "a refused run leaves the other run's lock alone")
    }
}

@Suite struct LongContentsTests {
    /// Contents longer than the title page continue on the next page; nothing runs off a page, and the last entry
    /// (sources and notes) points at the page its heading is on.
    @Test func longContentsContinue() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let items = String(repeating: "  - findings: true\n", count: 45)
        try "title: T\ndataset: \(bundledFolder)\nformats: [pdf]\nitems:\n\(items)".write(toFile: dir + "/long.yaml", atomically: true, encoding: .utf8)
        let spec = try ReportSpec.load(path: dir + "/long.yaml")
        let built = try spec.build(language: .vi)
        let pages = AnnexDocument.pages(built, figures: [], lang: .vi)
        var tocEntries = 0, lastNumber = "", sourcesPage = 0
        for (i, p) in pages.enumerated() {
            for case .text(let t) in p.marks {
                #expect(t.position.y <= AnnexDocument.h, "\(t.id ?? t.text) runs off the page")
                if t.id?.hasPrefix("toc/") == true { tocEntries += 1 }
                if t.id?.hasPrefix("toc-page/") == true { lastNumber = t.text }
                if t.text == "Nguồn số liệu và ghi chú", t.id?.hasPrefix("toc") == false { sourcesPage = i + 1 }
            }
        }
        #expect(tocEntries == 46)
        #expect(lastNumber == String(sourcesPage) && sourcesPage >= pages.count - 1)
    }
}
