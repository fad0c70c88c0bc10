import AnnexIO
import Foundation

/// A ring of a polygon: longitude/latitude pairs, closed (the first position repeated at the end).
public struct Ring: Hashable, Sendable {
    /// The positions in order, in degrees (WGS 84 as GeoJSON gives them), the first repeated at the end.
    public var points: [(lon: Double, lat: Double)]
    /// A ring of these positions, taken as given (close it by repeating the first).
    public init(_ points: [(lon: Double, lat: Double)]) { self.points = points }
    public static func == (a: Ring, b: Ring) -> Bool {
        a.points.count == b.points.count && zip(a.points, b.points).allSatisfy { $0.lon == $1.lon && $0.lat == $1.lat }
    }
    public func hash(into h: inout Hasher) { h.combine(points.count); for p in points { h.combine(p.lon); h.combine(p.lat) } }

    /// Signed area in squared degrees (shoelace); positive counter-clockwise.
    public var signedArea: Double {
        var a = 0.0
        for (p, q) in zip(points, points.dropFirst()) { a += p.lon * q.lat - q.lon * p.lat }
        return a / 2
    }
}

/// A polygon: an outer ring and holes.
public struct Polygon: Hashable, Sendable {
    /// The outer boundary.
    public var outer: Ring
    /// The rings cut out of it (an enclave of another district), often none.
    public var holes: [Ring]
    /// A polygon of an outer ring and its holes.
    public init(outer: Ring, holes: [Ring] = []) { self.outer = outer; self.holes = holes }
}

/// One boundary: its join key, its name, its properties and its polygons (a MultiPolygon has several).
public struct BoundaryFeature: Hashable, Sendable {
    /// The value of the join property (`code`): the district code the feature is joined to.
    public var key: String
    /// The value of the name property, used as the feature's label (the key when the feature has no name).
    public var name: String
    /// Every property of the feature whose value is a string or a number, as text.
    public var properties: [String: String]
    /// The feature's polygons: one for a Polygon, several for a MultiPolygon.
    public var polygons: [Polygon]
    /// A feature with its join key, label, properties and polygons.
    public init(key: String, name: String, properties: [String: String], polygons: [Polygon]) {
        self.key = key; self.name = name; self.properties = properties; self.polygons = polygons
    }
}

/// A set of boundaries read from a GeoJSON FeatureCollection of Polygon and MultiPolygon features.
public struct Boundaries: Hashable, Sendable {
    /// The features in file order.
    public var features: [BoundaryFeature]
    /// The file they were read from, for messages.
    public var file: String
    /// What reading let pass but a person should know: sliver rings dropped, rings that cross themselves.
    public var warnings: [DataIssue] = []

    /// A set of features said to come from `file`.
    public init(features: [BoundaryFeature], file: String) { self.features = features; self.file = file }

    /// The feature whose join key is `key`, or nil.
    public func feature(_ key: String) -> BoundaryFeature? { features.first { $0.key == key } }

    /// Reads a GeoJSON or TopoJSON file (told apart by content: `FeatureCollection` or `Topology`); `key` names the
    /// property that joins features to data rows, `nameProperty` the one used as a label. Every problem names the
    /// file and the key path (`features[3].geometry.coordinates[0]`). Sliver rings are dropped and self-crossing
    /// rings kept, each with a warning in `warnings`; `strict` refuses both. `object` picks a TopoJSON object.
    public static func load(path: String, key: String, nameProperty: String = "name", strict: Bool = false,
                            object: String? = nil) throws(DataError) -> Boundaries {
        let data: Data
        switch InputFile.read(path) {
        case .success(let d): data = d
        case .failure(let p): throw DataError([DataIssue(SourceLocation(file: path), expected: "a readable GeoJSON file", found: p.found)])
        }
        return try parse(data, file: path, key: key, nameProperty: nameProperty, strict: strict, object: object)
    }

    /// One feature as read, before its checks: a GeoJSON Feature, or a TopoJSON geometry made one, with the key
    /// paths that messages name.
    struct RawFeature {
        var at: String
        var object: Any
        var geometryAt: String
        var coordinatesAt: String
    }

    /// Parses GeoJSON or TopoJSON bytes as `load(path:key:nameProperty:strict:object:)` parses a file's; `file`
    /// names them in messages.
    public static func parse(_ data: Data, file: String, key: String, nameProperty: String = "name", strict: Bool = false,
                             object: String? = nil) throws(DataError) -> Boundaries {
        var issues: [DataIssue] = [], warnings: [DataIssue] = []
        func bad(_ path: String, _ expected: String, _ found: String?) {
            issues.append(DataIssue(SourceLocation(file: file, column: path), expected: expected, found: found))
        }
        // The fast reader first (national files are mostly numbers); JSONSerialization for what it does not take,
        // and for the message of what is not JSON.
        let json: Any
        if let fast = FastJSON.parse(data) { json = fast }
        else { do { json = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) } catch {
            let ns = error as NSError
            let detail = (ns.userInfo[NSDebugDescriptionErrorKey] as? String) ?? ns.localizedDescription
            throw DataError([DataIssue(SourceLocation(file: file), expected: "valid JSON", found: detail)])
        } }
        guard let root = json as? [String: Any] else {
            throw DataError([DataIssue(SourceLocation(file: file), expected: "a GeoJSON object", found: describe(json))])
        }
        let raws: [RawFeature]
        if root["type"] as? String == "Topology" {
            guard let r = TopoJSON.features(root, object: object, file: file, &issues) else { throw DataError(issues) }
            raws = r
            if raws.isEmpty { bad("objects", "at least one geometry", "an empty list") }
        } else {
            guard root["type"] as? String == "FeatureCollection" else {
                throw DataError([DataIssue(SourceLocation(file: file, column: "type"), expected: "'FeatureCollection'", found: describe(root["type"]))])
            }
            guard let feats = FastJSON.list(root["features"]) else {
                throw DataError([DataIssue(SourceLocation(file: file, column: "features"), expected: "a list of features", found: describe(root["features"]))])
            }
            if feats.isEmpty { bad("features", "at least one feature", "an empty list") }
            raws = feats.enumerated().map { RawFeature(at: "features[\($0.offset)]", object: $0.element, geometryAt: "features[\($0.offset)].geometry",
                                                       coordinatesAt: "features[\($0.offset)].geometry.coordinates") }
        }
        var out: [BoundaryFeature] = []
        var keys: [String: Int] = [:]
        for (i, raw) in raws.enumerated() {
            let at = raw.at, f = raw.object
            guard let fo = f as? [String: Any], fo["type"] as? String == "Feature" else {
                bad(at, "a Feature object", describe(f)); continue
            }
            let props = fo["properties"] as? [String: Any] ?? [:]
            var properties: [String: String] = [:]
            for (k, v) in props {
                if let s = v as? String { properties[k] = s.nfc }
                else if let n = v as? NSNumber, !isJSONBool(n) { properties[k] = n.stringValue }   // true is no key
            }
            guard let k = properties[key], !k.isEmpty else {
                bad("\(at).properties.\(key)", "the join key property '\(key)'", props[key] == nil ? "nothing" : describe(props[key])); continue
            }
            if let first = keys[k] { bad("\(at).properties.\(key)", "a key not used by another feature (\(raws[first].at) has it too)", k); continue }
            keys[k] = i
            guard let g = fo["geometry"] as? [String: Any], let type = g["type"] as? String else {
                bad(raw.geometryAt, "a Polygon or MultiPolygon geometry", describe(fo["geometry"])); continue
            }
            let name = properties[nameProperty] ?? k
            var ctx = RingContext(file: file, feature: "feature '\(k)'" + (name == k ? "" : " (\(name))"), strict: strict)
            let cat = raw.coordinatesAt
            var polys: [Polygon] = []
            switch type {
            case "Polygon":
                guard let coords = FastJSON.list(g["coordinates"]) else { if !(g["coordinates"] is NSNull) { bad(cat, "a list of rings", describe(g["coordinates"])) }; continue }
                if let p = polygon(coords, cat, &issues, &ctx) { polys.append(p) }
            case "MultiPolygon":
                guard let coords = FastJSON.list(g["coordinates"]), !coords.isEmpty else {
                    if !(g["coordinates"] is NSNull) { bad(cat, "a list of polygons", describe(g["coordinates"])) }; continue
                }
                for (j, pc) in coords.enumerated() {
                    guard let rings = FastJSON.list(pc) else { bad("\(cat)[\(j)]", "a list of rings", describe(pc)); continue }
                    if let p = polygon(rings, "\(cat)[\(j)]", &issues, &ctx) { polys.append(p) }
                }
            default:
                bad("\(raw.geometryAt).type", "Polygon or MultiPolygon", type); continue
            }
            warnings += ctx.warnings
            if polys.isEmpty, !ctx.dropped.isEmpty {
                bad(raw.geometryAt, "at least one ring that encloses an area in \(ctx.feature); sliver rings are dropped",
                    ctx.dropped.count == 1 ? "a sliver ring (\(ctx.dropped[0]))" : "\(ctx.dropped.count) sliver rings")
                continue
            }
            out.append(BoundaryFeature(key: k, name: name, properties: properties, polygons: polys))
        }
        if !issues.isEmpty { throw DataError(issues) }
        var b = Boundaries(features: out, file: file)
        b.warnings = warnings
        return b
    }

    /// What the ring checks of one feature need and collect: where they are, whether problems are refused, the
    /// warnings given and the slivers dropped.
    struct RingContext {
        var file: String
        var feature: String
        var strict: Bool
        var warnings: [DataIssue] = []
        var dropped: [String] = []
    }

    /// A polygon of GeoJSON rings, or nil when it has a problem (added to `issues`) or its outer ring is a sliver
    /// (dropped with a warning, unless strict).
    static func polygon(_ rings: [Any], _ at: String, _ issues: inout [DataIssue], _ ctx: inout RingContext) -> Polygon? {
        let file = ctx.file
        guard !rings.isEmpty else {
            issues.append(DataIssue(SourceLocation(file: file, column: at), expected: "at least an outer ring", found: "an empty list")); return nil
        }
        var parsed: [Ring] = []
        var outerDropped = false
        for (r, ring) in rings.enumerated() {
            let rp = "\(at)[\(r)]"
            guard let positions = FastJSON.list(ring) else {
                issues.append(DataIssue(SourceLocation(file: file, column: rp), expected: "a ring (a list of positions)", found: describe(ring))); return nil
            }
            var pts: [(lon: Double, lat: Double)] = []
            pts.reserveCapacity(positions.count)
            for (k, pos) in positions.enumerated() {
                // A position from the fast reader: two numbers, in range (else the general path says what is wrong).
                if let p = pos as? FastJSON.Position, (-180...180).contains(p.x), (-90...90).contains(p.y) { pts.append((p.x, p.y)); continue }
                guard let pair = FastJSON.list(pos), pair.count >= 2, let lon = (pair[0] as? NSNumber)?.doubleValue,
                      let lat = (pair[1] as? NSNumber)?.doubleValue, !isJSONBool(pair[0]), !isJSONBool(pair[1]), lon.isFinite, lat.isFinite else {
                    issues.append(DataIssue(SourceLocation(file: file, column: "\(rp)[\(k)]"), expected: "a position [longitude, latitude]",
                                            found: describe(pos)))
                    return nil
                }
                guard (-180...180).contains(lon), (-90...90).contains(lat) else {
                    let swapped = (-90...90).contains(lon) && (-180...180).contains(lat)
                    issues.append(DataIssue(SourceLocation(file: file, column: "\(rp)[\(k)]"),
                                            expected: "longitude from -180 to 180 and latitude from -90 to 90 (WGS84 degrees)"
                                                + (swapped ? "; GeoJSON positions are [longitude, latitude], these look swapped" : ""),
                                            found: "[\(fmt(lon)), \(fmt(lat))]"))
                    return nil
                }
                pts.append((lon, lat))
            }
            if let why = sliver(pts, rp, &issues, &ctx, outer: r == 0, holes: rings.count - 1) {
                if why == .refused { return nil }
                if r == 0 { outerDropped = true; break }
                continue
            }
            guard pts.first! == pts.last! else {
                issues.append(DataIssue(SourceLocation(file: file, column: rp), expected: "a closed ring (its last position equal to its first)",
                                        found: "[\(fmt(pts.first!.lon)), \(fmt(pts.first!.lat))] … [\(fmt(pts.last!.lon)), \(fmt(pts.last!.lat))]"))
                return nil
            }
            if let x = RingChecks.selfCrossing(pts) {
                let found = "edges \(x.edge) and \(x.other) cross at [\(fmt(x.lon)), \(fmt(x.lat))]"
                if ctx.strict {
                    issues.append(DataIssue(SourceLocation(file: file, column: rp), expected: "a ring that does not cross itself (\(ctx.feature))", found: found))
                    return nil
                }
                ctx.warnings.append(DataIssue(SourceLocation(file: file, column: rp),
                                              expected: "a ring that does not cross itself (\(ctx.feature); drawn as given, strict: true refuses it)",
                                              found: found))
            }
            parsed.append(Ring(pts))
        }
        if outerDropped { return nil }
        return Polygon(outer: parsed[0], holes: Array(parsed.dropFirst()))
    }

    enum SliverOutcome { case dropped, refused }

    /// Whether a ring is a sliver (fewer than 4 positions, or zero area): under `strict` an issue (`refused`),
    /// else a warning naming the feature and the ring (`dropped`); nil for a ring that encloses an area.
    static func sliver(_ pts: [(lon: Double, lat: Double)], _ rp: String, _ issues: inout [DataIssue], _ ctx: inout RingContext,
                       outer: Bool, holes: Int) -> SliverOutcome? {
        let loc = SourceLocation(file: ctx.file, column: rp)
        let why: String
        if pts.count < 4 {
            if ctx.strict { issues.append(DataIssue(loc, expected: "a ring of at least 4 positions", found: "\(pts.count)")); return .refused }
            why = "\(pts.count) position" + (pts.count == 1 ? "" : "s")
        } else if pts.first! == pts.last!, abs(Ring(pts).signedArea) <= 1e-12 {
            if ctx.strict { issues.append(DataIssue(loc, expected: "a ring that encloses an area", found: "a degenerate ring (zero area)")); return .refused }
            why = "zero area"
        } else {
            return nil
        }
        let what = outer ? (holes > 0 ? "outer ring dropped with its \(holes) hole" + (holes == 1 ? "" : "s") : "outer ring dropped") : "hole dropped"
        ctx.warnings.append(DataIssue(loc, expected: "a ring that encloses an area (\(ctx.feature): sliver \(what); strict: true refuses it)", found: why))
        ctx.dropped.append(why)
        return .dropped
    }

    static func fmt(_ x: Double) -> String { NumberFormat(.en, fractionDigits: 0...6, groupFrom: .infinity)(x) }

    /// Whether a JSON value is `true` or `false`. `is Bool` will not do: on Linux an NSNumber 0 or 1 is a Bool to
    /// it, so `[1, 1]` was refused as a position; JSONSerialization gives booleans their own type (objCType "c").
    static func isJSONBool(_ v: Any) -> Bool {
        guard let n = v as? NSNumber else { return false }
        return String(cString: n.objCType) == "c" && type(of: n) != NSNumber.self
    }

    static func describe(_ v: Any?) -> String {
        switch v {
        case nil: return "nothing"
        case is NSNull: return "null"
        case let s as String: return s
        case let n as NSNumber: return isJSONBool(n) ? (n.boolValue ? "true" : "false") : n.stringValue
        case let p as FastJSON.Position: return describe(p.list)
        case let a as [Any]:
            if a.isEmpty { return "an empty list" }
            if a.count <= 4, a.allSatisfy({ $0 is NSNumber || $0 is String || $0 is NSNull }) {
                return "[" + a.map { ($0 as? String).map { "\"\($0)\"" } ?? describe($0) }.joined(separator: ", ") + "]"
            }
            return "a list of \(a.count)"
        case let d as [String: Any]: return (d["type"] as? String).map { "a '\($0)' object" } ?? "an object"
        default: return "\(v!)"
        }
    }

    /// Features whose key matches no data key, and data keys that match no feature, with the nearest spelling
    /// (case and diacritics ignored); every data key is blamed on `dataFile` as a whole.
    public func join(_ dataKeys: [String], dataFile: String) -> [DataIssue] {
        join(dataKeys.map { (key: $0, location: SourceLocation(file: dataFile)) })
    }

    /// As `join(_:dataFile:)`, each data key with the place it comes from (a data file's line): a key that matches
    /// no feature is blamed on its first row.
    public func join(_ rows: [(key: String, location: SourceLocation)]) -> [DataIssue] {
        var issues: [DataIssue] = []
        var dataKeys: [String] = [], firstRow: [String: SourceLocation] = [:]
        for r in rows where firstRow[r.key] == nil { firstRow[r.key] = r.location; dataKeys.append(r.key) }
        let featureKeys = Set(features.map(\.key)), dataKeySet = Set(dataKeys)
        // Hints come from the other side's unmatched keys: a typo pairs with the key it should have been.
        let lonelyFeatures = features.map(\.key).filter { !dataKeySet.contains($0) }
        let lonelyData = dataKeys.filter { !featureKeys.contains($0) }
        for k in lonelyData {
            let hint = Spelling.nearest(to: k, in: lonelyFeatures).map { " (did you mean '\($0)'?)" } ?? ""
            issues.append(DataIssue(firstRow[k]!, expected: "a data key that matches a feature of \(file)\(hint)", found: k))
        }
        for f in features where !dataKeySet.contains(f.key) {
            let hint = Spelling.nearest(to: f.key, in: lonelyData).map { " (did you mean '\($0)'?)" } ?? ""
            issues.append(DataIssue(SourceLocation(file: file), expected: "a data row for feature '\(f.key)' (\(f.name))\(hint)", found: "none"))
        }
        return issues
    }
}
