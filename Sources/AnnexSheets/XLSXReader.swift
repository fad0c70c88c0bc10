import AnnexIO
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation
import CLibXML2

/// A workbook that cannot be read, with where and why.
public struct SheetsError: Error, Sendable, CustomStringConvertible {
    /// `book.xlsx`, or `book.xlsx[Năm 2019]!C12`.
    public var location: String
    /// What a readable workbook has there ("a readable .xlsx workbook", "an .xlsx workbook (a zip archive)", …).
    public var expected: String
    /// What was found instead, in words ("no such file", "an Excel 97–2003 workbook (.xls): …", …).
    public var found: String

    /// An error at `location` (a file, or a sheet and cell) saying what was expected and what was found.
    public init(_ location: String, expected: String, found: String) {
        self.location = location; self.expected = expected; self.found = found
    }

    public var description: String { "\(location): expected \(expected), found \(found)" }
}

/// Reads an Office Open XML workbook (`.xlsx`, `.xlsm`) through ZIPFoundation and Foundation's XMLParser: shared
/// and inline strings, numbers, booleans, errors, Excel serial dates (by their cell format), the cached values of
/// formulas (never evaluated), merged cells, hidden sheets, rows and columns. A legacy `.xls` or an `.ods` is
/// refused with what to save it as; a damaged archive or one that inflates beyond `maxUncompressed` is refused
/// without running out of memory.
public enum XLSXReader {
    /// The most a workbook may inflate to, all parts together: 256 MB (a national workbook of 8 000 communes is
    /// about 25 MB of XML), so a zip bomb costs at most that much memory before it is refused.
    public static let maxUncompressed = 256 << 20

    /// Reads the workbook at `path` into its sheets. `displayName` names the file in errors (default: `path`). Throws a
    /// `SheetsError` for a missing, unreadable, damaged or too large file, or one in another format.
    public static func read(path: String, displayName: String? = nil) throws(SheetsError) -> Workbook {
        let name = displayName ?? path
        var st = stat()
        guard stat(path, &st) == 0 else {
            throw SheetsError(name, expected: "a readable .xlsx workbook", found: errno == ENOENT ? "no such file" : String(cString: strerror(errno)))
        }
        guard (st.st_mode & S_IFMT) == S_IFREG else {
            throw SheetsError(name, expected: "a readable .xlsx workbook", found: (st.st_mode & S_IFMT) == S_IFDIR ? "a folder" : "not a regular file (a FIFO or a device)")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw SheetsError(name, expected: "a readable .xlsx workbook", found: FileManager.default.fileExists(atPath: path) ? "a file that cannot be read" : "no such file")
        }
        let magic = (try? handle.read(upToCount: 8)) ?? Data()
        try? handle.close()
        try refuseOtherFormats(Array(magic), name)
        let archive: Archive
        do { archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read) } catch {
            throw SheetsError(name, expected: "a valid .xlsx workbook (a zip archive)", found: "not a valid xlsx (zip): a damaged or truncated file (\(error))")
        }
        // The parts are read from the file's bytes (ZipParts) where its directory is the usual kind; a workbook is
        // a few megabytes, at most the 256 MB it may inflate to.
        let zip = st.st_size <= maxUncompressed ? (try? Data(contentsOf: URL(fileURLWithPath: path))).flatMap(ZipParts.init) : nil
        return try read(archive, name, fileSize: UInt64(max(0, st.st_size)), zip: zip)
    }

    /// A workbook held in memory, read through a temporary file: ZIPFoundation's in-memory archive traps on some
    /// damaged archives (a range check in its memory file) where its file reader reports an error.
    public static func read(data: Data, file: String) throws(SheetsError) -> Workbook {
        try refuseOtherFormats(Array(data.prefix(8)), file)
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("annex-xlsx-\(getpid())-\(UUID().uuidString).xlsx").path
        defer { try? FileManager.default.removeItem(atPath: tmp) }
        do { try data.write(to: URL(fileURLWithPath: tmp)) } catch {
            throw SheetsError(file, expected: "a temporary file to read the workbook from", found: "\(error)")
        }
        return try read(path: tmp, displayName: file)
    }

    static func refuseOtherFormats(_ magic: [UInt8], _ name: String) throws(SheetsError) {
        if magic.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            throw SheetsError(name, expected: "an .xlsx workbook",
                              found: "an Excel 97–2003 workbook (.xls): open it in Excel or LibreOffice and save it as .xlsx (Excel Workbook)")
        }
        guard magic.starts(with: [0x50, 0x4B]) else {
            throw SheetsError(name, expected: "an .xlsx workbook (a zip archive)", found: magic.isEmpty ? "an empty file" : "a file that is not a zip archive")
        }
    }

    static func read(_ archive: Archive, _ name: String, fileSize: UInt64, zip: ZipParts?) throws(SheetsError) -> Workbook {
        var budget = maxUncompressed
        // A part whose recorded compressed size runs past the file is damaged: ZIPFoundation would go on reading
        // nothing from the file's end until it had that many bytes (the fuzzer's xlsx hang, 11-4140).
        for entry in archive where entry.compressedSize > fileSize {
            throw SheetsError(name, expected: "a valid .xlsx workbook", found: "a damaged part \(entry.path) (its size runs past the file's end)")
        }
        if let mime = try part(archive, zip, "mimetype", name, &budget), String(decoding: mime, as: UTF8.self).contains("opendocument") {
            throw SheetsError(name, expected: "an .xlsx workbook",
                              found: "an OpenDocument spreadsheet (.ods): save it as .xlsx (Excel Workbook) in LibreOffice")
        }
        guard let wbData = try part(archive, zip, "xl/workbook.xml", name, &budget) else {
            throw SheetsError(name, expected: "an .xlsx workbook (xl/workbook.xml in the archive)", found: "a zip archive without one")
        }
        let book = WorkbookParser.parse(wbData)
        let rels = RelationshipParser.parse(try part(archive, zip, "xl/_rels/workbook.xml.rels", name, &budget) ?? Data())
        let stringsData = try part(archive, zip, "xl/sharedStrings.xml", name, &budget) ?? Data()
        let (sst, sstOK) = runParserChecked(SharedStringsParser(), stringsData)
        // A damaged string table would blank every later "x" mark (read as "not met"): refused whole.
        guard stringsData.isEmpty || sstOK else {
            throw SheetsError(name, expected: "a well-formed table of shared strings (xl/sharedStrings.xml)", found: "XML that is not well-formed (a damaged file)")
        }
        let strings = sst.strings
        let dateStyles = StylesParser.dateStyles(try part(archive, zip, "xl/styles.xml", name, &budget) ?? Data())
        var sheets: [Sheet] = []
        for s in book.sheets {
            guard let target = rels[s.relationship] else {
                throw SheetsError("\(name)[\(s.name)]", expected: "the sheet's part named in xl/_rels/workbook.xml.rels", found: "no relationship \(s.relationship)")
            }
            let path = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            guard let data = try part(archive, zip, path, name, &budget) else {
                throw SheetsError("\(name)[\(s.name)]", expected: "the sheet's part \(path)", found: "nothing in the archive")
            }
            guard var sheet = SheetSAX.parse(data, strings: strings, dateStyles: dateStyles) else {
                throw SheetsError("\(name)[\(s.name)]", expected: "a well-formed worksheet (\(path))", found: "XML that is not well-formed (a damaged file)")
            }
            if let bad = sheet.missingStrings.min() {
                throw SheetsError("\(name)[\(s.name)]!\(bad)", expected: "a shared string the workbook has",
                                  found: "an index past its table of \(strings.count) strings (a damaged file)")
            }
            sheet.name = s.name
            sheet.hidden = s.hidden
            sheets.append(sheet)
        }
        if sheets.isEmpty { throw SheetsError(name, expected: "at least one worksheet", found: "none") }
        return Workbook(file: name, sheets: sheets)
    }

    /// One part of the archive, inflated within what is left of the budget; nil when absent.
    static func part(_ archive: Archive, _ zip: ZipParts?, _ path: String, _ name: String, _ budget: inout Int) throws(SheetsError) -> Data? {
        let tooLarge = SheetsError(name, expected: "a workbook of at most \(maxUncompressed >> 20) MB uncompressed",
                                   found: "\(path) too large when uncompressed (a damaged file or a zip bomb)")
        if let zip, zip.parts[path] != nil {
            let out: Data
            do { out = try zip.read(path, limit: budget) ?? Data() } catch {
                switch error {
                case .tooLarge: throw tooLarge
                case .damaged(let why): throw SheetsError(name, expected: "a valid .xlsx workbook", found: "a damaged part \(path) (\(why))")
                }
            }
            budget -= out.count
            guard path.hasPrefix("xl/worksheets/") || String(data: out, encoding: .utf8) != nil else {
                throw SheetsError(name, expected: "a valid .xlsx workbook", found: "a damaged part \(path) (bytes that are not UTF-8)")
            }
            return out
        }
        guard let entry = archive[path] else { return nil }
        guard entry.uncompressedSize <= UInt64(budget) else { throw tooLarge }
        var out = Data()
        let limit = budget
        // Spreadsheet XML deflates about 10 to 1; a part inflating past 16 MB at more than 200 to 1 is a bomb,
        // refused there rather than at the whole budget.
        let ratioLimit = max(16 << 20, Int(min(entry.compressedSize, UInt64(Int.max / 400))) * 200)
        let checksum: CRC32
        do {
            checksum = try archive.extract(entry, skipCRC32: false) { chunk in
                guard out.count + chunk.count <= limit, out.count + chunk.count <= ratioLimit else { throw SizeExceeded() }
                out.append(chunk)
            }
        } catch is SizeExceeded { throw tooLarge } catch {
            throw SheetsError(name, expected: "a valid .xlsx workbook", found: "a damaged part \(path) (\(error))")
        }
        // ZIPFoundation computes the checksum but leaves the comparing to us: a damaged part (one flipped "1" in a
        // sheet) would otherwise be read as data.
        guard checksum == entry.checksum else {
            throw SheetsError(name, expected: "a valid .xlsx workbook", found: "a damaged part \(path) (its checksum does not match)")
        }
        // Foundation's XMLParser traps on bytes that are not UTF-8 (in an element's name): the small parts are checked
        // first; worksheets go to libxml2, which reports them.
        guard path.hasPrefix("xl/worksheets/") || String(data: out, encoding: .utf8) != nil else {
            throw SheetsError(name, expected: "a valid .xlsx workbook", found: "a damaged part \(path) (bytes that are not UTF-8)")
        }
        budget -= out.count
        return out
    }

    struct SizeExceeded: Error {}
}

// MARK: XML parts

/// `xl/workbook.xml`: sheet names, states and relationship ids.
final class WorkbookParser: NSObject, XMLParserDelegate {
    struct Entry { var name: String; var relationship: String; var hidden: Bool }
    var sheets: [Entry] = []

    static func parse(_ data: Data) -> WorkbookParser { runParser(WorkbookParser(), data) }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
        guard localName(name) == "sheet" else { return }
        let rel = attributes.first { localName($0.key) == "id" && $0.key != "sheetId" }?.value ?? ""
        sheets.append(Entry(name: (attributes["name"] ?? "").nfc, relationship: rel,
                            hidden: attributes["state"] == "hidden" || attributes["state"] == "veryHidden"))
    }
}

/// `xl/_rels/workbook.xml.rels`: relationship id → target part.
final class RelationshipParser: NSObject, XMLParserDelegate {
    var targets: [String: String] = [:]

    static func parse(_ data: Data) -> [String: String] { runParser(RelationshipParser(), data).targets }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
        if localName(name) == "Relationship", let id = attributes["Id"], let t = attributes["Target"] { targets[id] = t }
    }
}

/// `xl/sharedStrings.xml`: the strings cells refer to by index (rich-text runs joined, phonetic runs left out).
final class SharedStringsParser: NSObject, XMLParserDelegate {
    var strings: [String] = []
    var current = "", inText = false, inPhonetic = false

    static func parse(_ data: Data) -> [String] { runParser(SharedStringsParser(), data).strings }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
        switch localName(name) {
        case "si": current = ""
        case "t": inText = true
        case "rPh": inPhonetic = true
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch localName(name) {
        case "si": strings.append(current.nfc)
        case "t": inText = false
        case "rPh": inPhonetic = false
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText, !inPhonetic { current += string }
    }
}

/// `xl/styles.xml`: which cell formats (indices of `cellXfs`) show numbers as dates.
final class StylesParser: NSObject, XMLParserDelegate {
    var customFormats: [Int: String] = [:]
    var xfFormats: [Int] = []
    var inCellXfs = false

    static func dateStyles(_ data: Data) -> Set<Int> {
        let p = runParser(StylesParser(), data)
        var out: Set<Int> = []
        for (i, id) in p.xfFormats.enumerated() where isDateFormat(id, p.customFormats[id]) { out.insert(i) }
        return out
    }

    /// Excel's built-in date formats, or a custom code with day, month or year letters outside quotes and brackets.
    static func isDateFormat(_ id: Int, _ code: String?) -> Bool {
        if (14...22).contains(id) || (27...36).contains(id) || (45...47).contains(id) || (50...58).contains(id) { return true }
        guard let code else { return false }
        var inQuote = false, inBracket = false, prev: Character = " "
        for ch in code {
            if ch == "\"" { inQuote.toggle() } else if !inQuote && ch == "[" { inBracket = true }
            else if inBracket && ch == "]" { inBracket = false }
            else if !inQuote, !inBracket, prev != "\\", "dmyDMY".contains(ch) { return true }
            prev = ch
        }
        return false
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String]) {
        switch localName(name) {
        case "numFmt": if let id = attributes["numFmtId"].flatMap(Int.init) { customFormats[id] = attributes["formatCode"] ?? "" }
        case "cellXfs": inCellXfs = true
        case "xf" where inCellXfs: xfFormats.append(attributes["numFmtId"].flatMap(Int.init) ?? 0)
        default: break
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if localName(name) == "cellXfs" { inCellXfs = false }
    }
}

/// Runs Foundation's XMLParser over a small part (workbook, relationships, shared strings, styles) with `delegate`.
func runParser<D: XMLParserDelegate>(_ delegate: D, _ data: Data) -> D { runParserChecked(delegate, data).0 }

/// The same, and whether the part was well-formed.
func runParserChecked<D: XMLParserDelegate>(_ delegate: D, _ data: Data) -> (D, Bool) {
    let x = XMLParser(data: data)
    x.delegate = delegate
    let ok = x.parse()
    return (delegate, ok)
}

/// `x:sheet` → `sheet`.
func localName(_ name: String) -> Substring {
    guard let i = name.lastIndex(of: ":") else { return Substring(name) }
    return name[name.index(after: i)...]
}
