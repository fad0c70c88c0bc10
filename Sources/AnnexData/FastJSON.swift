// A JSON reader for boundary files: several times faster than JSONSerialization on long coordinate lists (a
// national boundary file is mostly numbers), returning the same Foundation values, so that the readers of GeoJSON
// and TopoJSON see no difference. Any syntax it does not accept gives nil, and the caller asks JSONSerialization,
// whose message then names the problem.
import Foundation

enum FastJSON {
    /// A list of exactly two numbers (a position, most of a boundary file), kept as two Doubles instead of a list
    /// of NSNumbers; `list(_:)` gives the list JSONSerialization would have given.
    struct Position {
        let x: Double, y: Double
        /// Whether each number was written as an integer (JSONSerialization gives those as integer NSNumbers).
        let integralX: Bool, integralY: Bool
        var list: [Any] {
            [integralX ? NSNumber(value: Int(x)) : NSNumber(value: x), integralY ? NSNumber(value: Int(y)) : NSNumber(value: y)]
        }
    }

    /// `v` as a list: a list, or a position's two numbers; nil for anything else.
    static func list(_ v: Any?) -> [Any]? {
        if let p = v as? Position { return p.list }
        return v as? [Any]
    }

    /// JSONSerialization's own `true` and `false` (the readers tell booleans from numbers by their type).
    nonisolated(unsafe) static let booleans: (Any, Any) = {
        let a = (try? JSONSerialization.jsonObject(with: Data("[true,false]".utf8))) as? [Any] ?? [true, false]
        return (a[0], a[1])
    }()

    /// The value of `data` (objects as `[String: Any]`, arrays as `[Any]`, numbers as NSNumber, strings, NSNull,
    /// JSONSerialization's booleans), or nil when it is not JSON this reader accepts (the caller falls back).
    static func parse(_ data: Data) -> Any? {
        data.withUnsafeBytes { raw -> Any? in
            var r = Reader(bytes: raw.bindMemory(to: UInt8.self))
            guard let v = r.value(depth: 0) else { return nil }
            r.skipSpace()
            return r.at == r.bytes.count ? v : nil
        }
    }

    struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var at = 0

        mutating func skipSpace() {
            while at < bytes.count, bytes[at] == 0x20 || bytes[at] == 0x0A || bytes[at] == 0x0D || bytes[at] == 0x09 { at += 1 }
        }

        mutating func value(depth: Int) -> Any? {
            skipSpace()
            guard at < bytes.count, depth < 200 else { return nil }
            switch bytes[at] {
            case UInt8(ascii: "{"): return object(depth: depth)
            case UInt8(ascii: "["): return array(depth: depth)
            case UInt8(ascii: "\""): return string()
            case UInt8(ascii: "t"): return literal("true", FastJSON.booleans.0)
            case UInt8(ascii: "f"): return literal("false", FastJSON.booleans.1)
            case UInt8(ascii: "n"): return literal("null", NSNull())
            default: return number()
            }
        }

        mutating func literal(_ word: String, _ v: Any) -> Any? {
            for c in word.utf8 {
                guard at < bytes.count, bytes[at] == c else { return nil }
                at += 1
            }
            return v
        }

        mutating func object(depth: Int) -> Any? {
            at += 1
            var out: [String: Any] = [:]
            skipSpace()
            if at < bytes.count, bytes[at] == UInt8(ascii: "}") { at += 1; return out }
            while true {
                skipSpace()
                guard at < bytes.count, bytes[at] == UInt8(ascii: "\""), let k = string() else { return nil }
                skipSpace()
                guard at < bytes.count, bytes[at] == UInt8(ascii: ":") else { return nil }
                at += 1
                guard let v = value(depth: depth + 1) else { return nil }
                out[k] = v
                skipSpace()
                guard at < bytes.count else { return nil }
                if bytes[at] == UInt8(ascii: ",") { at += 1; continue }
                if bytes[at] == UInt8(ascii: "}") { at += 1; return out }
                return nil
            }
        }

        mutating func array(depth: Int) -> Any? {
            at += 1
            let start = at
            if let p = position() { return p }
            at = start
            var out: [Any] = []
            skipSpace()
            if at < bytes.count, bytes[at] == UInt8(ascii: "]") { at += 1; return out }
            while true {
                guard let v = value(depth: depth + 1) else { return nil }
                out.append(v)
                skipSpace()
                guard at < bytes.count else { return nil }
                if bytes[at] == UInt8(ascii: ",") { at += 1; continue }
                if bytes[at] == UInt8(ascii: "]") { at += 1; return out }
                return nil
            }
        }

        /// A string without escapes is read as is (valid UTF-8 only); one with escapes is left to JSONSerialization.
        mutating func string() -> String? {
            at += 1
            let start = at
            while at < bytes.count {
                let c = bytes[at]
                if c == UInt8(ascii: "\"") {
                    let s = String(bytes: UnsafeBufferPointer(rebasing: bytes[start..<at]), encoding: .utf8)
                    at += 1
                    return s
                }
                if c == UInt8(ascii: "\\") || c < 0x20 { return nil }
                at += 1
            }
            return nil
        }

        /// Two numbers and the closing bracket: a position; nil (having read some) for anything else.
        mutating func position() -> Position? {
            skipSpace()
            guard let (x, ix) = scanNumber() else { return nil }
            skipSpace()
            guard at < bytes.count, bytes[at] == UInt8(ascii: ",") else { return nil }
            at += 1
            skipSpace()
            guard let (y, iy) = scanNumber() else { return nil }
            skipSpace()
            guard at < bytes.count, bytes[at] == UInt8(ascii: "]") else { return nil }
            at += 1
            return Position(x: x, y: y, integralX: ix, integralY: iy)
        }

        /// A number as JSON writes it: an integer NSNumber when it has no fraction or exponent and fits, else a Double.
        mutating func number() -> Any? {
            guard let (v, integral) = scanNumber() else { return nil }
            return integral ? NSNumber(value: Int(v)) : NSNumber(value: v)
        }

        /// A number's value, and whether it was written as an integer that fits (under 19 digits).
        mutating func scanNumber() -> (Double, Bool)? {
            guard at < bytes.count else { return nil }
            let start = at
            var integral = true
            if bytes[at] == UInt8(ascii: "-") { at += 1 }
            guard at < bytes.count, (0x30...0x39).contains(bytes[at]) else { return nil }
            if bytes[at] == 0x30, at + 1 < bytes.count, (0x30...0x39).contains(bytes[at + 1]) { return nil }   // no leading zeros
            while at < bytes.count, (0x30...0x39).contains(bytes[at]) { at += 1 }
            if at < bytes.count, bytes[at] == UInt8(ascii: ".") {
                integral = false; at += 1
                guard at < bytes.count, (0x30...0x39).contains(bytes[at]) else { return nil }
                while at < bytes.count, (0x30...0x39).contains(bytes[at]) { at += 1 }
            }
            if at < bytes.count, bytes[at] == UInt8(ascii: "e") || bytes[at] == UInt8(ascii: "E") {
                integral = false; at += 1
                if at < bytes.count, bytes[at] == UInt8(ascii: "+") || bytes[at] == UInt8(ascii: "-") { at += 1 }
                guard at < bytes.count, (0x30...0x39).contains(bytes[at]) else { return nil }
                while at < bytes.count, (0x30...0x39).contains(bytes[at]) { at += 1 }
            }
            let n = at - start
            guard n < 40 else { return nil }
            if integral, n < 19 {
                var v = 0, k = start, negative = false
                if bytes[k] == UInt8(ascii: "-") { negative = true; k += 1 }
                while k < at { v = v * 10 + Int(bytes[k] - 0x30); k += 1 }
                return (Double(negative ? -v : v), true)
            }
            var buffer = [CChar](repeating: 0, count: 48)
            for i in 0..<n { buffer[i] = CChar(bitPattern: bytes[start + i]) }
            let d = buffer.withUnsafeBufferPointer { strtod($0.baseAddress!, nil) }
            return d.isFinite ? (d, false) : nil
        }
    }
}
