// Reading a TopoJSON Topology into the features `Boundaries.parse` checks: shared arcs (delta-encoded and
// quantised when the topology has a `transform`) stitched into rings, an arc index `~i` (that is `-i - 1`) read
// backwards. Every geometry becomes a GeoJSON-like Feature so that both formats go through the same checks.
import Foundation

enum TopoJSON {
    /// The geometries of one object of `root` (the one named `object`, or the only one) as Feature objects whose
    /// coordinates are decoded, each with its key path in the file; nil (with issues) when the topology is unusable.
    static func features(_ root: [String: Any], object: String?, file: String, _ issues: inout [DataIssue]) -> [Boundaries.RawFeature]? {
        func bad(_ at: String, _ expected: String, _ found: String?) { issues.append(DataIssue(SourceLocation(file: file, column: at), expected: expected, found: found)) }
        guard let objects = root["objects"] as? [String: Any], !objects.isEmpty else {
            bad("objects", "the topology's objects (name: GeometryCollection)", Boundaries.describe(root["objects"])); return nil
        }
        let names = objects.keys.sorted()
        let name: String
        if let object {
            guard objects[object] != nil else {
                let hint = Spelling.nearest(to: object, in: names).map { " (did you mean '\($0)'?)" } ?? ""
                bad("objects", "an object named '\(object)'\(hint): one of " + names.joined(separator: ", "), object); return nil
            }
            name = object
        } else {
            guard names.count == 1 else {
                bad("objects", "one object, or the object to read named by `object` (one of " + names.joined(separator: ", ") + ")", "\(names.count) objects"); return nil
            }
            name = names[0]
        }
        guard let arcs = decodeArcs(root, file: file, &issues) else { return nil }
        let at = "objects.\(name)"
        guard let obj = objects[name] as? [String: Any] else { bad(at, "a geometry object", Boundaries.describe(objects[name])); return nil }
        let list: [(String, Any)]
        if obj["type"] as? String == "GeometryCollection" {
            guard let gs = FastJSON.list(obj["geometries"]) else { bad("\(at).geometries", "a list of geometries", Boundaries.describe(obj["geometries"])); return nil }
            list = gs.enumerated().map { ("\(at).geometries[\($0.offset)]", $0.element) }
        } else {
            list = [(at, obj)]
        }
        return list.map { path, g in
            guard let go = g as? [String: Any] else { return Boundaries.RawFeature(at: path, object: g, geometryAt: path, coordinatesAt: "\(path).arcs") }
            var geometry: Any? = nil
            if let type = go["type"] as? String {
                var gd: [String: Any] = ["type": type]
                if type == "Polygon" || type == "MultiPolygon" {
                    if let c = coordinates(go["arcs"], depth: type == "Polygon" ? 2 : 3, arcs, "\(path).arcs", file, &issues) { gd["coordinates"] = c }
                    else { gd["coordinates"] = NSNull() }
                }
                geometry = gd
            }
            let feature: [String: Any] = ["type": "Feature", "properties": go["properties"] ?? NSNull(), "geometry": geometry ?? NSNull()]
            return Boundaries.RawFeature(at: path, object: feature, geometryAt: path, coordinatesAt: "\(path).arcs")
        }
    }

    /// The arcs as absolute positions: dequantised (`position × scale + translate`) after summing the deltas when
    /// the topology has a transform, taken as they are when it has none.
    static func decodeArcs(_ root: [String: Any], file: String, _ issues: inout [DataIssue]) -> [[(Double, Double)]]? {
        func bad(_ at: String, _ expected: String, _ found: String?) { issues.append(DataIssue(SourceLocation(file: file, column: at), expected: expected, found: found)) }
        func pair(_ v: Any?) -> (Double, Double)? {
            if let p = v as? FastJSON.Position { return (p.x, p.y) }
            guard let a = FastJSON.list(v), a.count >= 2, let x = a[0] as? NSNumber, let y = a[1] as? NSNumber,
                  !Boundaries.isJSONBool(x), !Boundaries.isJSONBool(y), x.doubleValue.isFinite, y.doubleValue.isFinite else { return nil }
            return (x.doubleValue, y.doubleValue)
        }
        var scale = (1.0, 1.0), translate = (0.0, 0.0), quantised = false
        if let t = root["transform"], !(t is NSNull) {
            guard let td = t as? [String: Any], let s = pair(td["scale"]), let tr = pair(td["translate"]) else {
                bad("transform", "a transform with scale [sx, sy] and translate [tx, ty]", Boundaries.describe(t)); return nil
            }
            scale = s; translate = tr; quantised = true
        }
        guard let raw = FastJSON.list(root["arcs"]) else { bad("arcs", "a list of arcs", Boundaries.describe(root["arcs"])); return nil }
        var out: [[(Double, Double)]] = []
        out.reserveCapacity(raw.count)
        for (i, a) in raw.enumerated() {
            guard let positions = FastJSON.list(a), !positions.isEmpty else { bad("arcs[\(i)]", "an arc (a list of positions)", Boundaries.describe(a)); return nil }
            var arc: [(Double, Double)] = []
            arc.reserveCapacity(positions.count)
            var x = 0.0, y = 0.0
            for (k, pos) in positions.enumerated() {
                guard let q = pair(pos) else { bad("arcs[\(i)][\(k)]", "a position [x, y]", Boundaries.describe(pos)); return nil }
                if quantised { x += q.0; y += q.1; arc.append((x * scale.0 + translate.0, y * scale.1 + translate.1)) }
                else { arc.append(q) }
            }
            out.append(arc)
        }
        return out
    }

    /// A geometry's `arcs` (rings of arc indexes, `depth` lists deep) as GeoJSON coordinates (positions as the fast reader gives them).
    static func coordinates(_ v: Any?, depth: Int, _ arcs: [[(Double, Double)]], _ at: String, _ file: String, _ issues: inout [DataIssue]) -> [Any]? {
        guard let list = FastJSON.list(v) else {
            issues.append(DataIssue(SourceLocation(file: file, column: at), expected: depth == 2 ? "a list of rings of arc indexes" : "a list of polygons",
                                    found: Boundaries.describe(v)))
            return nil
        }
        if depth > 1 {
            var out: [Any] = []
            for (i, e) in list.enumerated() {
                guard let c = coordinates(e, depth: depth - 1, arcs, "\(at)[\(i)]", file, &issues) else { return nil }
                out.append(c)
            }
            return out
        }
        // One ring: its arcs joined, each after the first without its first position (the previous arc's last).
        var ring: [Any] = []
        for (k, e) in list.enumerated() {
            guard let n = e as? NSNumber, !Boundaries.isJSONBool(n), let i = Int(exactly: n.doubleValue), i >= -arcs.count, i < arcs.count else {
                issues.append(DataIssue(SourceLocation(file: file, column: "\(at)[\(k)]"),
                                        expected: "an arc index from \(-arcs.count) to \(arcs.count - 1)", found: Boundaries.describe(e)))
                return nil
            }
            let arc = i >= 0 ? arcs[i] : arcs[~i].reversed()
            for (m, p) in arc.enumerated() where m > 0 || ring.isEmpty {
                ring.append(FastJSON.Position(x: p.0, y: p.1, integralX: false, integralY: false))
            }
        }
        return ring
    }
}
