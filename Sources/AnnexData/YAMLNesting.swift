/// How deeply a YAML text nests, measured before it is parsed: the YAML parser recurses once per level, so a
/// 10 KB file nested 5 000 levels deep (`[[[[…` or `- - - -…`) would overflow the stack. Every YAML input
/// (manifests, chart and report specs) goes through `YAMLNesting.check` first, as JSON input goes through
/// Foundation's own depth limit.
public enum YAMLNesting {
    /// The deepest nesting accepted. Real specs and manifests nest fewer than 10 levels.
    public static let limit = 100

    /// The line on which the nesting first exceeds `limit`, and how deep it was there; nil when it never does.
    ///
    /// An upper bound of the parser's depth, read line by line: the block levels (a stack of indentations), the
    /// compact levels opened on a line (`- `, `? `, `key: ` before more content) and the open flow brackets
    /// (`[`, `{`) outside quotes and comments. Block scalars (`|`, `>`) are skipped.
    public static func firstExcess(in text: String, limit: Int = YAMLNesting.limit) -> (line: Int, depth: Int)? {
        var indents: [Int] = []
        var flow = 0
        var blockScalarIndent: Int? = nil
        var lineNumber = 0
        for slice in lines(text) {
            lineNumber += 1
            let line = Array(slice)
            var i = 0
            while i < line.count, line[i] == 0x20 { i += 1 }
            let indent = i
            let blank = i == line.count || line[i] == 0x23 /* # */
            if let parent = blockScalarIndent {
                if blank || indent > parent { continue }
                blockScalarIndent = nil
            }
            if blank { continue }
            if flow == 0 {
                while let last = indents.last, last > indent { indents.removeLast() }
                if indents.last != indent { indents.append(indent) }
            }
            let scan = scanLine(line, from: i, flow: &flow)
            let depth = indents.count + scan.compact + flow
            if depth > limit || scan.peakFlow + indents.count + scan.compact > limit {
                return (lineNumber, max(depth, scan.peakFlow + indents.count + scan.compact))
            }
            if scan.opensBlockScalar { blockScalarIndent = indent }
        }
        return nil
    }

    /// The lines of a text as bytes, broken at LF, CRLF or a lone CR (as YAML breaks them).
    static func lines(_ text: String) -> [ArraySlice<UInt8>] {
        let bytes = Array(text.utf8)
        var out: [ArraySlice<UInt8>] = []
        var start = 0, i = 0
        while i < bytes.count {
            if bytes[i] == 0x0A || bytes[i] == 0x0D {
                out.append(bytes[start..<i])
                if bytes[i] == 0x0D, i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 1 }
                start = i + 1
            }
            i += 1
        }
        out.append(bytes[start..<bytes.count])
        return out
    }

    /// Walks one line's content: flow brackets outside quotes and comments, compact indicators, a block scalar at
    /// its end. A quote opens a quoted scalar only where a scalar can begin (the content's start, or after
    /// `[ { , : - ?`): inside a plain scalar (`a'b`) it is an ordinary character.
    static func scanLine(_ line: [UInt8], from start: Int, flow: inout Int) -> (compact: Int, peakFlow: Int, opensBlockScalar: Bool) {
        var i = start, compact = 0, peak = flow, quote: UInt8? = nil, last: UInt8 = 0x20
        var lastSignificant: UInt8? = nil      // the last byte that is not a space, outside quotes
        var atContentStart = true
        var commentStart: Int? = nil
        while i < line.count {
            let c = line[i]
            if let q = quote {
                if q == 0x22, c == 0x5C { i += 2; last = 0x41; continue }   // \" inside double quotes
                if q == 0x27, c == 0x27, i + 1 < line.count, line[i + 1] == 0x27 { i += 2; continue }   // '' inside single quotes
                if c == q { quote = nil; lastSignificant = c }
                i += 1; last = c; continue
            }
            switch c {
            case 0x27, 0x22:                                             // ' "
                if lastSignificant == nil || [0x5B, 0x7B, 0x2C, 0x3A, 0x2D, 0x3F].contains(lastSignificant!) { quote = c }
            case 0x23 where last == 0x20 || last == 0x09: commentStart = i; i = line.count; continue   // a comment
            case 0x5B, 0x7B: flow += 1; peak = max(peak, flow)           // [ {
            case 0x5D, 0x7D: flow = max(0, flow - 1)                     // ] }
            case 0x2D where atContentStart && flow == 0, 0x3F where atContentStart && flow == 0:   // "- " or "? "
                if i + 1 == line.count || line[i + 1] == 0x20 { compact += 1; i += 1; last = 0x20; lastSignificant = c; continue }
            case 0x3A where flow == 0:                                   // "key: value" opens a level
                if i + 1 < line.count, line[i + 1] == 0x20 { compact += 1 }
            default: break
            }
            atContentStart = c == 0x20 && atContentStart
            if c != 0x20, c != 0x09 { lastSignificant = c }
            last = c
            i += 1
        }
        var end = commentStart ?? line.count
        while end > start, line[end - 1] == 0x20 || line[end - 1] == 0x09 { end -= 1 }
        var k = end - 1
        while k > start, [0x2B, 0x2D].contains(line[k]) || (0x31...0x39).contains(line[k]) { k -= 1 }   // |+ >- |2
        let opensBlock = quote == nil && flow == 0 && k >= start && (line[k] == 0x7C || line[k] == 0x3E)
            && (k == start || line[k - 1] == 0x20)
        return (compact, peak, opensBlock)
    }
}
