/// Whether a figure is a result, an estimate or a target.
public enum FactKind: String, Sendable, CaseIterable, Hashable, Codable {
    /// A result up to the source's cut-off date.
    case actual
    /// A target of a plan.
    case plan
    /// An estimate to the end of a period (ước thực hiện, dự kiến).
    case estimate

    /// The phrase of the kind: thực hiện / actual, kế hoạch / plan, ước / estimate.
    public var phrase: Phrase {
        switch self {
        case .actual: .kindActual
        case .plan: .kindPlan
        case .estimate: .kindEstimate
        }
    }

    /// The kind in `language`'s words.
    public func label(_ language: Language) -> String { language.text(phrase) }
}

/// Whether the source states a figure or it follows from figures the source states.
public enum FactBasis: String, Sendable, CaseIterable, Hashable, Codable {
    case stated
    /// Computed from stated figures; `Fact.derivation` says how.
    case derived
}

/// The level a figure describes.
public enum FactScope: String, Sendable, CaseIterable, Hashable, Codable {
    case province, group, district, unit
}

/// One aggregate figure (a row of `indicators.csv`): a result, an estimate or a target, with its source.
public struct Fact: Hashable, Sendable {
    public var id: String
    public var scope: FactScope
    /// What the figure is about: a group id, a district code or a unit code, as `scope` says.
    public var group: String
    public var metric: String
    public var year: Int
    public var kind: FactKind
    public var basis: FactBasis
    public var value: Double
    /// The upper bound of a range ("11,5–12 tiêu chí/xã"); nil for a point value.
    public var valueHigh: Double?
    public var unit: String
    public var lowerIsBetter: Bool
    public var source: String
    public var derivation: String
    public var quote: String
    /// Where the row is, for messages.
    public var location: SourceLocation
}

/// Who is in a group.
public enum GroupMembership: String, Sendable, Hashable, CaseIterable {
    /// Every unit of the dataset.
    case all
    /// The units that name the group in `units.csv`.
    case listed
    /// Nobody: a label for aggregate figures only.
    case none
}

/// A group of communes (or the province as a whole) that figures are reported for.
public struct GroupInfo: Hashable, Sendable {
    public var id: String
    public var name: [Language: String]
    public var shortName: [Language: String]
    public var membership: GroupMembership
    public var parent: String?
    public var isPartition: Bool
    public var description: String
    /// Where the group is defined, for messages.
    public var location: SourceLocation? = nil

    public func name(_ lang: Language) -> String { name[lang] ?? id }
    public func shortName(_ lang: Language) -> String { shortName[lang] ?? name(lang) }
}

/// A published document figures are taken from.
public struct SourceDocument: Hashable, Sendable {
    public var id: String
    public var issuer: [Language: String]
    public var title: [Language: String]
    /// Date of the event or document, `YYYY-MM-DD`.
    public var date: String
    /// Figures are actual to this date (`YYYY-MM-DD`) and estimated beyond it; empty when not stated.
    public var dataCutoff: String
    /// The short citation printed under a figure.
    public var citation: [Language: String]

    public func citation(_ lang: Language) -> String { citation[lang] ?? citation[.vi] ?? id }
}

/// A district-level unit.
public struct District: Hashable, Sendable {
    public var code: String
    public var name: String
    public var fullName: String
    public var type: String
    public var border: Bool
}

/// A commune-level unit.
public struct AdminUnit: Hashable, Sendable {
    public var code: String
    public var name: String
    public var districtCode: String
    public var type: String
    public var vintage: String
    /// Ids of the listed groups the unit belongs to, in file order.
    public var groups: [String]
}

/// The criteria a unit meets in one year.
public struct CriteriaRecord: Hashable, Sendable {
    public var unitCode: String
    public var year: Int
    public var kind: FactKind
    public var cutoff: String
    /// For each of the 19 criteria: met, not met, or unknown (nil). Empty when the dataset gives counts only.
    public var met: [Bool?]
    public var count: Int
    /// Where the row is, for messages.
    public var location: SourceLocation? = nil

    /// True when the 19 criteria are known one by one.
    public var hasDetail: Bool { met.count == 19 && met.allSatisfy { $0 != nil } }
}

/// The levels of recognition.
public enum RecognitionLevel: String, Sendable, Hashable, CaseIterable, Comparable {
    case ntm, nang_cao, kieu_mau
    var rank: Int { switch self { case .ntm: 0; case .nang_cao: 1; case .kieu_mau: 2 } }
    public static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }
}

/// A recognition decision (or an expected one).
public struct Recognition: Hashable, Sendable {
    public var unitCode: String
    public var level: RecognitionLevel
    public var year: Int
    public var kind: FactKind
    public var decision: String
    /// Where the row is, for messages.
    public var location: SourceLocation? = nil
}

/// What a dataset is (manifest.yaml).
public struct Manifest: Hashable, Sendable {
    public var name: String
    public var title: [Language: String]
    public var regionName: String
    public var regionCode: String
    public var unitVintage: String
    public var periods: [Int]
    public var synthetic: Bool
    /// How the data were made or where they come from (English when given in both languages).
    public var provenance: String
    /// The provenance in each language the manifest gives it in.
    public var provenanceText: [Language: String] = [:]
    public var licence: String
    public var delimiter: Character
    public var decimal: Character
    /// District boundaries that maps draw, when the dataset has them.
    public var boundaries: BoundarySource?
    /// Digits of a district code and of a commune code: 3 and 5, as GSO's codes, unless the manifest's
    /// `codes` block says otherwise (a synthetic dataset of more than 99 999 communes).
    public var districtCodeDigits = 3
    public var unitCodeDigits = 5
    /// Communes may lack criteria in some years (`allow_missing_years: true`): means then count the communes with
    /// figures, and charts from the dataset say so in a note.
    public var allowMissingYears = false
}

/// Where a dataset's boundaries are and how they join its districts.
public struct BoundarySource: Hashable, Sendable {
    /// The GeoJSON file, relative to the dataset folder.
    public var file: String
    /// The feature property holding the district code.
    public var key: String
    /// The feature property holding the label.
    public var name: String
    /// The attribution to print on every map drawn from the file.
    public var attribution: [Language: String]
}

/// The 19 national criteria (Decision 1980/QĐ-TTg), in order.
public enum NationalCriteria {
    /// The names of the criteria in each language, from the phrase tables (`Phrase.criterion(_:)`).
    public static let names: [Language: [String]] = Dictionary(uniqueKeysWithValues: Language.allCases.map { lang in
        (lang, (1...count).map { lang.text(.criterion($0)) })
    })
    public static let count = 19
    public static func column(_ i: Int) -> String { i < 9 ? "c0\(i + 1)" : "c\(i + 1)" }
}
