// Owns structure-aware mutation of JSON (GeoJSON) documents: read by JSONSerialization into a tree, one
// coordinate, ring, feature, property or type changed, and written back by a writer of its own (so that it
// can write numbers JSONSerialization would refuse, such as 1e400, and keep key order fixed).

import AnnexData
import AnnexIO
import Foundation

/// A JSON document as a tree; numbers keep their text.
indirect enum JSONTree {
    case null
    case bool(Bool)
    case number(String)
    case string(String)
    case array([JSONTree])
    case object([(key: String, value: JSONTree)])

    /// The tree of a JSONSerialization value; object keys sorted (a dictionary's order differs between runs).
    init(_ any: Any) {
        switch any {
        case let n as NSNumber:
            let kind = String(cString: n.objCType)
            if kind == "c" || kind == "B" { self = .bool(n.boolValue) }
            else if kind == "d" || kind == "f" { self = .number(String(n.doubleValue)) }
            else { self = .number(n.stringValue) }
        case let s as String: self = .string(s)
        case let a as [Any]: self = .array(a.map(JSONTree.init))
        case let d as [String: Any]: self = .object(d.keys.sorted().map { (key: $0, value: JSONTree(d[$0] ?? NSNull())) })
        default: self = .null
        }
    }

    var count: Int {
        switch self {
        case .array(let a): 1 + a.reduce(0) { $0 + $1.count }
        case .object(let o): 1 + o.reduce(0) { $0 + $1.value.count }
        default: 1
        }
    }

    /// Preorder positions of the nodes for which `test` holds.
    func positions(_ test: (JSONTree) -> Bool) -> [Int] {
        var out: [Int] = [], position = 0
        collect(test, &position, &out)
        return out
    }

    private func collect(_ test: (JSONTree) -> Bool, _ position: inout Int, _ out: inout [Int]) {
        if test(self) { out.append(position) }
        position += 1
        switch self {
        case .array(let a): for x in a { x.collect(test, &position, &out) }
        case .object(let o): for x in o { x.value.collect(test, &position, &out) }
        default: break
        }
    }

    /// The node at preorder position `target`, changed by `change`.
    func updating(_ target: Int, _ change: (JSONTree) -> JSONTree) -> JSONTree {
        var position = 0
        return updating(target, &position, change)
    }

    private func updating(_ target: Int, _ position: inout Int, _ change: (JSONTree) -> JSONTree) -> JSONTree {
        if position == target { position += count; return change(self) }
        position += 1
        switch self {
        case .array(let a): return .array(a.map { $0.updating(target, &position, change) })
        case .object(let o): return .object(o.map { (key: $0.key, value: $0.value.updating(target, &position, change)) })
        default: return self
        }
    }

    /// The tree as compact JSON text.
    var text: String {
        var out = ""
        write(&out)
        return out
    }

    private func write(_ out: inout String) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .number(let n): out += n
        case .string(let s): out += JSONText.string(s)
        case .array(let a):
            out += "["
            for (i, x) in a.enumerated() { if i > 0 { out += "," }; x.write(&out) }
            out += "]"
        case .object(let o):
            out += "{"
            for (i, x) in o.enumerated() { if i > 0 { out += "," }; out += JSONText.string(x.key) + ":"; x.value.write(&out) }
            out += "}"
        }
    }
}

/// Mutates one node of a JSON document.
enum JSONMutator {
    static func mutate(_ data: Data, vocabulary: [String], _ rng: inout SplitMix64) -> (Data, String) {
        guard let any = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
            return (data, "json: unchanged (not readable after an earlier mutation)")
        }
        let tree = JSONTree(any)
        let kind = rng.below(100)
        let test: (JSONTree) -> Bool = switch kind {
        case 0..<40: { if case .number = $0 { true } else { false } }
        case 40..<75: { if case .array = $0 { true } else { false } }
        case 75..<92: { if case .object = $0 { true } else { false } }
        default: { _ in true }
        }
        let candidates = tree.positions(test)
        let target = rng.pick(candidates) ?? 0
        var what = ""
        let mutated = tree.updating(target) { node in
            let (new, d) = change(node, vocabulary: vocabulary, &rng)
            what = d
            return new
        }
        return (Data(mutated.text.utf8), "json: node \(target): " + what)
    }

    static func change(_ node: JSONTree, vocabulary: [String], _ rng: inout SplitMix64) -> (JSONTree, String) {
        if rng.chance(3) {
            let levels = rng.pick([5_000, 600, 100]) ?? 5_000
            return (.number(DeepNesting.token(levels)), "nested \(levels) levels deep")
        }
        switch node {
        case .number(let n): return changeNumber(n, &rng)
        case .array(let a): return changeArray(a, &rng)
        case .object(let o): return changeObject(o, vocabulary: vocabulary, &rng)
        default: return swapType(node, vocabulary: vocabulary, &rng)
        }
    }

    static func changeNumber(_ n: String, _ rng: inout SplitMix64) -> (JSONTree, String) {
        if rng.chance(40), let x = Double(n) {
            // A small move of a coordinate: the ring stays plausible, its shape (and maybe its validity) changes.
            let moved = x + (Double(rng.below(2001)) - 1000) / (rng.chance(50) ? 1e5 : 1e2)
            return (.number(String(moved)), "number \(n) moved to \(moved)")
        }
        let replacements: [JSONTree] = [
            .number("1e308"), .number("-1e308"), .number("1e400"), .number("1e300"), .number("0"), .number("1"),
            .number("-0"), .number("180.0000001"), .number("-91"), .number("9223372036854775808"), .number("5e-324"),
            .string("NaN"), .string("Infinity"), .string(n), .bool(true), .bool(false), .null,
            .number(Interesting.neighbour(of: Double(n) ?? 0, original: n, &rng)),
        ]
        let r = rng.pick(replacements) ?? .null
        return (r, "number \(n) = \(r.text)")
    }

    static func changeArray(_ aIn: [JSONTree], _ rng: inout SplitMix64) -> (JSONTree, String) {
        var a = aIn
        switch rng.below(9) {
        case 0 where !a.isEmpty: a.removeLast(); return (.array(a), "array of \(aIn.count): last item removed")
        case 1 where !a.isEmpty: a.removeFirst(); return (.array(a), "array of \(aIn.count): first item removed")
        case 2: return (.array(Array(a.prefix(rng.below(4)))), "array of \(aIn.count) cut to \(min(aIn.count, 3)) or fewer")
        case 3 where !a.isEmpty:
            let i = rng.below(a.count)
            for _ in 0..<(rng.chance(80) ? 1 : 1000) { a.insert(a[i], at: rng.below(a.count + 1)) }
            return (.array(a), "array of \(aIn.count): item \(i) duplicated")
        case 4: return (.array(a.reversed()), "array reversed")
        case 5 where a.count > 1: a.swapAt(rng.below(a.count), rng.below(a.count)); return (.array(a), "two items swapped")
        case 6: return (.array([]), "array emptied")
        case 7: return (.array([.array(a)]), "array wrapped in another")
        default: return swapType(.array(a), vocabulary: [], &rng)
        }
    }

    static func changeObject(_ oIn: [(key: String, value: JSONTree)], vocabulary: [String], _ rng: inout SplitMix64) -> (JSONTree, String) {
        var o = oIn
        let i = rng.below(o.count)
        let key = o.isEmpty ? "" : o[i].key
        switch rng.below(6) {
        case 0 where !o.isEmpty: o.remove(at: i); return (.object(o), "key '\(key)' dropped")
        case 1 where !o.isEmpty:
            let v = rng.chance(50) ? JSONTree.string(rng.pick(vocabulary) ?? "") : .string(Interesting.value(&rng, original: nil))
            o[i].value = v
            return (.object(o), "key '\(key)' = \(Describe.short(v.text))")
        case 2 where !o.isEmpty: o.append(o[i]); return (.object(o), "key '\(key)' duplicated")
        case 3: o.append((key: rng.pick(vocabulary) ?? "x", value: .string(Interesting.value(&rng, original: nil)))); return (.object(o), "a key added")
        case 4 where !o.isEmpty:
            let (v, d) = swapType(o[i].value, vocabulary: vocabulary, &rng)
            o[i].value = v
            return (.object(o), "key '\(key)': " + d)
        default: return (.object([]), "object emptied")
        }
    }

    static func swapType(_ node: JSONTree, vocabulary: [String], _ rng: inout SplitMix64) -> (JSONTree, String) {
        let r: JSONTree = switch rng.below(6) {
        case 0: .string(rng.pick(vocabulary) ?? "")
        case 1: .number("0")
        case 2: .array([node])
        case 3: .object([(key: rng.pick(vocabulary) ?? "type", value: node)])
        case 4: .null
        default: .bool(true)
        }
        return (r, "value made \(Describe.short(r.text))")
    }
}
