import AnnexIO
import CLibXML2
import Foundation

/// Reads a worksheet part with libxml2's SAX2 parser (the parser Foundation's XMLParser wraps), without the
/// dictionary and strings XMLParser makes for every element: a national workbook holds hundreds of thousands of
/// cells. Element and attribute names are compared as bytes; values are made into Swift values only for cells.
/// libxml2 loads no external entity or DTD here (no options are given that would).
final class SheetSAX {
    let strings: [String]
    let dateStyles: Set<Int>
    var sheet = Sheet(name: "")
    var row = 0, column = 0
    /// A cell's `t`: shared string, formula string, inline string, boolean, error, ISO date, or number.
    enum Kind { case shared, string, inline, bool, error, date, number }
    var kind = Kind.number, cellStyle = 0, hasFormula = false
    var inInline = false, collecting = false
    var text: [UInt8] = []
    var value: [UInt8]? = nil
    var inline: [UInt8] = []

    init(strings: [String], dateStyles: Set<Int>) {
        self.strings = strings; self.dateStyles = dateStyles
        text.reserveCapacity(64)
    }

    /// Parses `data`; false when libxml2 reports the XML as not well-formed.
    static func parse(_ data: Data, strings: [String], dateStyles: Set<Int>) -> Sheet? {
        let p = SheetSAX(strings: strings, dateStyles: dateStyles)
        var handler = xmlSAXHandler()
        handler.initialized = XML_SAX2_MAGIC
        handler.startElementNs = { ctx, name, _, _, _, _, count, _, attributes in
            guard let ctx, let name else { return }
            Unmanaged<SheetSAX>.fromOpaque(ctx).takeUnretainedValue().start(name, Int(count), attributes)
        }
        handler.endElementNs = { ctx, name, _, _ in
            guard let ctx, let name else { return }
            Unmanaged<SheetSAX>.fromOpaque(ctx).takeUnretainedValue().end(name)
        }
        handler.characters = { ctx, chars, length in
            guard let ctx, let chars else { return }
            let p = Unmanaged<SheetSAX>.fromOpaque(ctx).takeUnretainedValue()
            if p.collecting { p.text.append(contentsOf: UnsafeBufferPointer(start: chars, count: Int(length))) }
        }
        // Errors and warnings are not printed: a workbook that is not well-formed is refused by the caller.
        handler.error = nil
        handler.warning = nil
        handler.serror = { _, _ in }
        let ctx = Unmanaged.passUnretained(p).toOpaque()
        let rc = data.withUnsafeBytes { buf -> Int32 in
            guard let base = buf.baseAddress, buf.count < Int(Int32.max) else { return -1 }
            return xmlSAXUserParseMemory(&handler, ctx, base.assumingMemoryBound(to: CChar.self), Int32(buf.count))
        }
        return rc == 0 ? p.sheet : nil
    }

    /// `name` (a NUL-terminated local name) equals `literal`.
    @inline(__always)
    static func eq(_ name: UnsafePointer<xmlChar>, _ literal: StaticString) -> Bool {
        strcmp(UnsafeRawPointer(name).assumingMemoryBound(to: CChar.self), UnsafeRawPointer(literal.utf8Start).assumingMemoryBound(to: CChar.self)) == 0
    }

    /// The attribute `name`'s value bytes, from libxml2's (localname, prefix, URI, value, end) quintuples.
    @inline(__always)
    static func attribute(_ attrs: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?, _ count: Int, _ name: StaticString) -> UnsafeBufferPointer<UInt8>? {
        guard let attrs else { return nil }
        for i in 0..<count {
            guard let local = attrs[i * 5], eq(local, name), let start = attrs[i * 5 + 3], let end = attrs[i * 5 + 4] else { continue }
            return UnsafeBufferPointer(start: start, count: end - start)
        }
        return nil
    }

    static func int(_ bytes: UnsafeBufferPointer<UInt8>?) -> Int? {
        guard let bytes, !bytes.isEmpty, bytes.count < 10 else { return nil }
        var n = 0
        for b in bytes { guard (0x30...0x39).contains(b) else { return nil }; n = n * 10 + Int(b - 0x30) }
        return n
    }

    func start(_ name: UnsafePointer<xmlChar>, _ count: Int, _ attrs: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?) {
        if SheetSAX.eq(name, "c") {
            if let r = SheetSAX.attribute(attrs, count, "r"), let ref = CellRef(String(decoding: r, as: UTF8.self)) {
                row = ref.row; column = ref.column
            } else { column += 1 }
            switch SheetSAX.attribute(attrs, count, "t").map({ String(decoding: $0, as: UTF8.self) }) {
            case "s": kind = .shared
            case "str": kind = .string
            case "inlineStr": kind = .inline
            case "b": kind = .bool
            case "e": kind = .error
            case "d": kind = .date
            default: kind = .number
            }
            cellStyle = SheetSAX.int(SheetSAX.attribute(attrs, count, "s")) ?? 0
            hasFormula = false; value = nil; inline = []
        } else if SheetSAX.eq(name, "v") {
            collecting = true; text.removeAll(keepingCapacity: true)
        } else if SheetSAX.eq(name, "f") {
            hasFormula = true
        } else if SheetSAX.eq(name, "row") {
            row = SheetSAX.int(SheetSAX.attribute(attrs, count, "r")) ?? row + 1
            column = 0
            if let h = SheetSAX.attribute(attrs, count, "hidden"), h.first == 0x31 || h.first == 0x74 { sheet.hiddenRows.insert(row) }
        } else if SheetSAX.eq(name, "is") {
            inInline = true
        } else if inInline, SheetSAX.eq(name, "t") {
            collecting = true; text.removeAll(keepingCapacity: true)
        } else if SheetSAX.eq(name, "mergeCell") {
            if let r = SheetSAX.attribute(attrs, count, "ref"), let m = CellRange(String(decoding: r, as: UTF8.self)) { sheet.merge(m) }
        } else if SheetSAX.eq(name, "col") {
            if let h = SheetSAX.attribute(attrs, count, "hidden"), h.first == 0x31 || h.first == 0x74,
               let lo = SheetSAX.int(SheetSAX.attribute(attrs, count, "min")), let hi = SheetSAX.int(SheetSAX.attribute(attrs, count, "max")),
               lo <= hi, lo >= 1, hi <= 16_384 {
                for c in lo...hi { sheet.hiddenColumns.insert(c) }
            }
        }
    }

    func end(_ name: UnsafePointer<xmlChar>) {
        if SheetSAX.eq(name, "v") { collecting = false; value = text }
        else if SheetSAX.eq(name, "c") { finishCell() }
        else if inInline, SheetSAX.eq(name, "t") { collecting = false; inline += text }
        else if SheetSAX.eq(name, "is") { inInline = false }
    }

    func finishCell() {
        let ref = CellRef(row: row, column: column)
        guard row > 0, column > 0 else { return }
        var v: CellValue? = nil
        switch kind {
        case .shared:
            if let value, let i = value.withUnsafeBufferPointer({ SheetSAX.int($0) }), i < strings.count { v = .text(strings[i]) }
            else if value != nil { sheet.missingStrings.insert(ref) }
        case .inline: v = .text(SheetSAX.string(inline))
        case .string: v = value.map { .text(SheetSAX.string($0)) }
        case .bool: v = value.map { .bool($0.first == 0x31 || $0.first == 0x74) }
        case .error: v = value.map { .error(String(decoding: $0, as: UTF8.self)) }
        case .date: v = value.map { .text(String(decoding: $0, as: UTF8.self)) }
        case .number:
            if let value, !value.isEmpty, let x = Double(String(decoding: value, as: UTF8.self)) { v = .number(x) }
        }
        guard let v else {
            if hasFormula { sheet.uncachedFormulas.insert(ref) }
            return
        }
        if case .text(let s) = v, s.isEmpty { return }
        sheet.put(Cell(ref: ref, value: v, isDate: kind == .number && dateStyles.contains(cellStyle), isFormula: hasFormula))
    }

    /// UTF-8 text as a String in NFC.
    static func string(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self).nfc
    }
}
