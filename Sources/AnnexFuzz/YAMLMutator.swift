// Owns structure-aware mutation of YAML documents: parsed by Yams into a tree, one scalar, mapping or list
// changed (interesting values, values and keys seen in the seeds, deleted or duplicated keys, swapped
// types, very deep nesting, numbers beyond Int), and written back by Yams.serialize.

import AnnexData
import Foundation
import Yams

/// A YAML document as a plain tree that is easy to change, keeping each scalar's quoting style.
indirect enum YAMLTree {
    case scalar(String, Node.Scalar.Style)
    case mapping([(key: YAMLTree, value: YAMLTree)])
    case sequence([YAMLTree])

    init(_ node: Node) {
        switch node {
        case .scalar(let s): self = .scalar(s.string, s.style)
        case .mapping(let m): self = .mapping(m.map { (key: YAMLTree($0.key), value: YAMLTree($0.value)) })
        case .sequence(let s): self = .sequence(s.map(YAMLTree.init))
        }
    }

    var node: Node {
        switch self {
        case .scalar(let s, let style): .scalar(Node.Scalar(s, .implicit, style))
        case .mapping(let pairs): .mapping(Node.Mapping(pairs.map { ($0.key.node, $0.value.node) }))
        case .sequence(let items): .sequence(Node.Sequence(items.map(\.node)))
        }
    }

    /// The number of nodes in the tree (preorder positions 0..<count).
    var count: Int {
        switch self {
        case .scalar: 1
        case .mapping(let pairs): 1 + pairs.reduce(0) { $0 + $1.value.count }
        case .sequence(let items): 1 + items.reduce(0) { $0 + $1.count }
        }
    }

    /// The node at preorder position `target`, changed by `change`; mapping keys are not positions.
    func updating(_ target: Int, _ change: (YAMLTree) -> YAMLTree) -> YAMLTree {
        var position = 0
        return updating(target, &position, change)
    }

    private func updating(_ target: Int, _ position: inout Int, _ change: (YAMLTree) -> YAMLTree) -> YAMLTree {
        if position == target { position += count; return change(self) }
        position += 1
        switch self {
        case .scalar: return self
        case .mapping(let pairs):
            return .mapping(pairs.map { (key: $0.key, value: $0.value.updating(target, &position, change)) })
        case .sequence(let items):
            return .sequence(items.map { $0.updating(target, &position, change) })
        }
    }

    /// The node at preorder position `target`.
    func node(at target: Int) -> YAMLTree? {
        var found: YAMLTree? = nil
        _ = updating(target) { found = $0; return $0 }
        return found
    }

    /// Every scalar's text and every mapping key in the tree (the seeds' vocabulary).
    var words: [String] {
        switch self {
        case .scalar(let s, _): [s]
        case .mapping(let pairs): pairs.flatMap { $0.key.words + $0.value.words }
        case .sequence(let items): items.flatMap(\.words)
        }
    }
}

/// Mutates one node of a YAML document.
enum YAMLMutator {
    static func mutate(_ data: Data, vocabulary: [String], _ rng: inout SplitMix64) -> (Data, String) {
        let text = String(decoding: data, as: UTF8.self)
        guard let parsed = try? Yams.compose(yaml: text) else {
            return (Data((text + "\n" + (rng.pick(Interesting.strings) ?? "") + ": 1\n").utf8), "yaml: a line added to a document Yams cannot read")
        }
        let tree = YAMLTree(parsed)
        let target = rng.below(tree.count)
        var what = ""
        let mutated = tree.updating(target) { node in
            let (new, description) = change(node, vocabulary: vocabulary, &rng)
            what = description
            return new
        }
        guard let out = try? Yams.serialize(node: mutated.node, width: -1, allowUnicode: true) else {
            return (data, "yaml: no change (the mutated tree could not be written)")
        }
        return (Data(out.utf8), "yaml: node \(target): " + what)
    }

    static func change(_ node: YAMLTree, vocabulary: [String], _ rng: inout SplitMix64) -> (YAMLTree, String) {
        if rng.chance(4) { return deepen(&rng) }
        switch node {
        case .scalar(let s, _): return changeScalar(s, vocabulary: vocabulary, &rng)
        case .mapping(let pairs): return changeMapping(pairs, vocabulary: vocabulary, &rng)
        case .sequence(let items): return changeSequence(items, &rng)
        }
    }

    static func deepen(_ rng: inout SplitMix64) -> (YAMLTree, String) {
        let levels = rng.pick([5_000, 5_000, 20_000, 500, 64]) ?? 5_000
        let mapping = rng.chance(30)
        return (.scalar(DeepNesting.token(levels, mapping: mapping), .plain), "nested \(levels) levels deep (\(mapping ? "{a: {a: …}}" : "[[[…]]]"))")
    }

    static func changeScalar(_ s: String, vocabulary: [String], _ rng: inout SplitMix64) -> (YAMLTree, String) {
        switch rng.below(10) {
        case 0...3:
            let v = Interesting.value(&rng, original: s)
            return (.scalar(v, .any), "scalar \(Describe.short(s)) = \(Describe.short(v))")
        case 4...6:
            let v = rng.pick(vocabulary) ?? ""
            return (.scalar(v, .any), "scalar \(Describe.short(s)) = seed word \(Describe.short(v))")
        case 7: return (.sequence([.scalar(s, .any)]), "scalar \(Describe.short(s)) made a list")
        case 8: return (.mapping([(key: .scalar(rng.pick(vocabulary) ?? "x", .any), value: .scalar(s, .any))]), "scalar \(Describe.short(s)) made a mapping")
        default:
            let big = rng.pick(["9223372036854775808", "-9223372036854775809", "1e300", "1e400", "0.1e-400", "2e19"]) ?? "1e300"
            return (.scalar(big, .plain), "scalar \(Describe.short(s)) = number \(big)")
        }
    }

    static func changeMapping(_ pairsIn: [(key: YAMLTree, value: YAMLTree)], vocabulary: [String], _ rng: inout SplitMix64) -> (YAMLTree, String) {
        var pairs = pairsIn
        let i = rng.below(pairs.count)
        let keyName = pairs.isEmpty ? "" : (pairs[i].key.words.first ?? "")
        switch rng.below(9) {
        case 0...1 where !pairs.isEmpty:
            pairs.remove(at: i); return (.mapping(pairs), "key '\(keyName)' deleted")
        case 2 where !pairs.isEmpty:
            pairs.insert(pairs[i], at: rng.below(pairs.count + 1)); return (.mapping(pairs), "key '\(keyName)' duplicated")
        case 3...4:
            let k = rng.chance(70) ? (rng.pick(vocabulary) ?? "x") : "annex_fuzz_unknown"
            let v: YAMLTree = .scalar(rng.chance(50) ? (rng.pick(vocabulary) ?? "") : Interesting.value(&rng, original: nil), .any)
            pairs.insert((key: .scalar(k, .any), value: v), at: rng.below(pairs.count + 1))
            return (.mapping(pairs), "key \(Describe.short(k)) added")
        case 5 where pairs.count > 1:
            let j = rng.below(pairs.count)
            let v = pairs[i].value; pairs[i].value = pairs[j].value; pairs[j].value = v
            return (.mapping(pairs), "values of '\(keyName)' and another key swapped")
        case 6: return (.sequence(pairs.map(\.value)), "mapping made a list of its values")
        case 7: return (.scalar(rng.pick(vocabulary) ?? "", .any), "mapping made a scalar")
        default:
            return (.mapping([]), "mapping emptied")
        }
    }

    static func changeSequence(_ itemsIn: [YAMLTree], _ rng: inout SplitMix64) -> (YAMLTree, String) {
        var items = itemsIn
        let i = rng.below(items.count)
        switch rng.below(7) {
        case 0 where !items.isEmpty: items.remove(at: i); return (.sequence(items), "item \(i) deleted")
        case 1 where !items.isEmpty:
            for _ in 0..<(rng.chance(80) ? 1 : 200) { items.insert(items[i], at: rng.below(items.count + 1)) }
            return (.sequence(items), "item \(i) duplicated")
        case 2 where items.count > 1: items.swapAt(i, rng.below(items.count)); return (.sequence(items), "items swapped")
        case 3: return (.sequence([]), "list emptied")
        case 4: return (.scalar(items.first?.words.first ?? "", .any), "list made a scalar")
        case 5: return (.mapping(items.enumerated().map { (key: .scalar("k\($0.offset)", .any), value: $0.element) }), "list made a mapping")
        default:
            items.append(.scalar(Interesting.value(&rng, original: nil), .any)); return (.sequence(items), "item added")
        }
    }
}
