// The package layer shared by Annex's Office Open XML writers (Word, PowerPoint, and the Excel workbooks of
// AnnexSheets): a zip of parts in a fixed order with fixed times, XML escaping of text, and the units OOXML counts in.
import AnnexIO
import Foundation
import ZIPFoundation

/// A part of an Office Open XML package: its path in the zip and its bytes.
public struct OfficePart: Sendable, Hashable {
    /// The part's path inside the package, without a leading slash (`word/document.xml`).
    public var path: String
    /// The part's bytes.
    public var bytes: [UInt8]
    /// Whether the bytes are deflated in the zip; already compressed images (PNG, JPEG) are stored as they are.
    public var compressed: Bool

    /// A part of text (XML), deflated.
    public init(_ path: String, xml: String) { self.path = path; self.bytes = Array(xml.utf8); self.compressed = true }
    /// A part of bytes; `compressed` false stores them as they are (a PNG).
    public init(_ path: String, bytes: [UInt8], compressed: Bool) { self.path = path; self.bytes = bytes; self.compressed = compressed }
}

/// Why a package could not be written.
public enum OfficeError: Error, Sendable, CustomStringConvertible, Equatable {
    /// The zip could not be built; the text says which part and why.
    case zip(String)
    /// The document cannot be written as it is (a table row with more cells than columns, an image of no size);
    /// the text names the block and what was expected.
    case invalid(String)

    public var description: String {
        switch self {
        case .zip(let s): "cannot build the package: \(s)"
        case .invalid(let s): s
        }
    }
}

/// Writes the zip of an Office Open XML package: the parts in the order given (`[Content_Types].xml` first, as
/// Office expects), each with the same fixed time, so that the same parts always give the same bytes.
public enum OfficePackage {
    /// The time every zip entry carries unless the caller gives another: 2020-01-01 00:00.
    public static let fixedDate = Date(timeIntervalSince1970: 1_577_836_800)

    /// The zip of `parts`, in their order, every entry dated `date` (a document's own date, never the clock).
    /// Throws ``OfficeError/zip(_:)`` when ZIPFoundation cannot add a part, or when two parts share a path.
    public static func zip(_ parts: [OfficePart], date: Date = fixedDate) throws(OfficeError) -> Data {
        var seen = Set<String>()
        for p in parts where !seen.insert(p.path).inserted { throw .zip("two parts are named \(p.path)") }
        do {
            let archive = try Archive(data: Data(), accessMode: .create)
            for p in parts {
                let bytes = Data(p.bytes)
                try archive.addEntry(with: p.path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: date,
                                     permissions: 0o644, compressionMethod: p.compressed ? .deflate : .none) { position, size in
                    bytes.subdata(in: Int(position)..<Int(position) + size)
                }
            }
            guard let data = archive.data else { throw OfficeError.zip("the archive has no data") }
            return data
        } catch let e as OfficeError { throw e } catch { throw .zip("\(error)") }
    }

    /// Noon of an ISO date (`2020-07-21`) in UTC, for zip entry times and document properties; the fixed date when
    /// the text is not a date. Noon, so that the DOS time of the zip reads the same day in every time zone.
    public static func date(iso: String) -> Date {
        let parts = iso.prefix(10).split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return fixedDate }
        var c = DateComponents()
        c.year = parts[0]; c.month = parts[1]; c.day = parts[2]; c.hour = 12
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC")!
        return cal.date(from: c) ?? fixedDate
    }
}

/// Text made safe for XML: NFC (Vietnamese diacritics precomposed), `&`, `<`, `>`, `"` and `'` escaped, control
/// characters that XML 1.0 forbids dropped (tab and line breaks kept).
public enum OfficeXML {
    /// `text` in NFC with XML's special characters escaped, ready for an element's text or an attribute's value.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for u in text.nfc.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default:
                if u.value < 0x20, u != "\n", u != "\t", u != "\r" { continue }
                if u.value == 0xFFFE || u.value == 0xFFFF { continue }
                out.unicodeScalars.append(u)
            }
        }
        return out
    }

    /// The XML declaration every part starts with.
    public static let declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
}

/// The units Office Open XML measures in.
public enum OfficeUnits {
    /// English metric units in a millimetre (914 400 to the inch): drawing sizes and positions.
    public static let emuPerMM = 36_000.0
    /// Twentieths of a point in a millimetre: Word's page sizes, margins, table widths.
    public static let twipsPerMM = 1440.0 / 25.4

    /// `mm` in EMU, rounded.
    public static func emu(mm: Double) -> Int { Int((mm * emuPerMM).rounded()) }
    /// `mm` in twips (twentieths of a point), rounded.
    public static func twips(mm: Double) -> Int { Int((mm * twipsPerMM).rounded()) }
}
