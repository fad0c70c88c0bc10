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
    /// The source says the figure in so many words (`quote` holds them).
    case stated
    /// Computed from stated figures; `Fact.derivation` says how.
    case derived
}

/// The level a figure describes.
public enum FactScope: String, Sendable, CaseIterable, Hashable, Codable {
    /// The whole province (its group is `all`).
    case province
    /// A group of communes of `groups.csv` (border communes, especially difficult communes, …).
    case group
    /// A district, by its code (or `each` district, for a target every district shares).
    case district
    /// A single commune, by its code.
    case unit
}

/// One aggregate figure (a row of `indicators.csv`): a result, an estimate or a target, with its source.
public struct Fact: Hashable, Sendable {
    /// The indicator's identifier, unique in `indicators.csv`; analysis records give it as their source.
    public var id: String
    /// The level the figure describes: province, group, district or unit.
    public var scope: FactScope
    /// What the figure is about: a group id, a district code or a unit code, as `scope` says.
    public var group: String
    /// What is measured: `mean_criteria`, `group_size`, `ntm_total`, `capital_need_total`, ….
    public var metric: String
    /// The period the figure is for: a year, a quarter or a month (`period` or `year` column).
    public var period: Period
    /// The year the figure's period lies in.
    public var year: Int { period.year }
    /// A result, an estimate or a target.
    public var kind: FactKind
    /// Whether the source states the figure or it is derived from stated ones.
    public var basis: FactBasis
    /// The figure, or the lower end of a range.
    public var value: Double
    /// The upper bound of a range ("11,5–12 tiêu chí/xã"); nil for a point value.
    public var valueHigh: Double?
    /// The figure's unit in words (`criteria per commune`, `communes`, `billion VND`).
    public var unit: String
    /// True when less is better (the row's `direction` is `lower`): comparisons with targets are turned round.
    public var lowerIsBetter: Bool
    /// The id of the document in `sources.csv` the figure comes from.
    public var source: String
    /// How a derived figure follows from stated ones; notes on a stated one; may be empty.
    public var derivation: String
    /// The source's own words for the figure; may be empty.
    public var quote: String
    /// Where the row is, for messages.
    public var location: SourceLocation
    /// How the metric's figures of short periods make up a longer one: summed (a flow: capital disbursed in the
    /// month) or the last one (a stock: communes recognised to date). The `aggregation` column; `last` when empty.
    public var aggregation: Aggregation = .last
    /// For a plan of a year: whether it may be spread over the year's months and quarters to give a plan to date
    /// (the `spread` column: `even`); nil when the plan does not say so, and then it is never spread.
    public var spread: PlanSpread? = nil
}

/// How figures of short periods make up a longer period's.
public enum Aggregation: String, Sendable, CaseIterable, Hashable, Codable {
    /// A flow: the year's figure is the sum of its months' (capital disbursed, communes recognised in the month).
    case sum
    /// A stock: the year's figure is its last month's (communes recognised to date, criteria met at the month's end).
    case last
}

/// How a plan of a year may be spread over the year's shorter periods.
public enum PlanSpread: String, Sendable, CaseIterable, Hashable, Codable {
    /// In equal parts: a twelfth of the year's plan a month, a quarter of it a quarter.
    case even
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
    /// The group's identifier (`border`, `all`), the word figures use for it.
    public var id: String
    /// The full name in each language the dataset gives.
    public var name: [Language: String]
    /// The short name for chart axes in each language (the full name when none is given).
    public var shortName: [Language: String]
    /// Who belongs to the group: every unit, the units that list it, or nobody.
    public var membership: GroupMembership
    /// The id of the group this one is a subset of, or nil.
    public var parent: String?
    /// True when the group is one of the parts that together make up its parent exactly (checked).
    public var isPartition: Bool
    /// Free text about the group, from `groups.csv`.
    public var description: String
    /// Where the group is defined, for messages.
    public var location: SourceLocation? = nil

    /// The full name in `lang`, or the id when the dataset gives none.
    public func name(_ lang: Language) -> String { name[lang] ?? id }
    /// The short name in `lang`, or the full name when there is no short one.
    public func shortName(_ lang: Language) -> String { shortName[lang] ?? name(lang) }
}

/// A published document figures are taken from.
public struct SourceDocument: Hashable, Sendable {
    /// The document's identifier, which indicators name as their source.
    public var id: String
    /// Who issued the document (the People's Committee of …), in each language given.
    public var issuer: [Language: String]
    /// The document's title in each language given.
    public var title: [Language: String]
    /// Date of the event or document, `YYYY-MM-DD`.
    public var date: String
    /// Figures are actual to this date (`YYYY-MM-DD`) and estimated beyond it; empty when not stated.
    public var dataCutoff: String
    /// The short citation printed under a figure.
    public var citation: [Language: String]

    /// True when the source's figures are made up for illustration (the `illustrative` column of sources.csv: `1`);
    /// findings mark them as they mark figures computed from synthetic commune data.
    public var illustrative = false

    /// The short citation in `lang`, else in Vietnamese, else the document's id.
    public func citation(_ lang: Language) -> String { citation[lang] ?? citation[.vi] ?? id }
}

/// A district-level unit.
public struct District: Hashable, Sendable {
    /// The GSO district code (3 digits, `180`).
    public var code: String
    /// The short name (`Tràng Định`).
    public var name: String
    /// The name with its type (`Huyện Tràng Định`).
    public var fullName: String
    /// The district's type: `Huyện`, `Thành phố`, `Thị xã` or `Quận`.
    public var type: String
    /// True when the district borders another country.
    public var border: Bool
}

/// A commune-level unit.
public struct AdminUnit: Hashable, Sendable {
    /// The GSO commune code (5 digits, `06040`).
    public var code: String
    /// The name with its type word (`Xã Đề Thám`).
    public var name: String
    /// The code of the district the unit is in.
    public var districtCode: String
    /// The unit's type: `Xã`, `Phường` or `Thị trấn`; the programme counts `Xã`.
    public var type: String
    /// The date of the administrative unit list the unit belongs to (`2020-01-01`); units of different vintages are
    /// never aggregated together.
    public var vintage: String
    /// Ids of the listed groups the unit belongs to, in file order.
    public var groups: [String]
}

/// The criteria a unit meets in one year.
public struct CriteriaRecord: Hashable, Sendable {
    /// The code of the unit whose criteria these are.
    public var unitCode: String
    /// The period of the record, one of the manifest's periods: a year, or a month (criteria met at its end).
    public var period: Period
    /// The year the record's period lies in.
    public var year: Int { period.year }
    /// `actual` (a result) or `estimate` (expected by the end of the year, *ước thực hiện*).
    public var kind: FactKind
    /// The date the figures are actual to (`YYYY-MM-DD`); empty when not stated.
    public var cutoff: String
    /// For each of the 19 criteria: met, not met, or unknown (nil). Empty when the dataset gives counts only.
    public var met: [Bool?]
    /// The number of criteria met, 0–19.
    public var count: Int
    /// Where the row is, for messages.
    public var location: SourceLocation? = nil

    /// True when the 19 criteria are known one by one.
    public var hasDetail: Bool { met.count == 19 && met.allSatisfy { $0 != nil } }
}

/// The levels of recognition.
public enum RecognitionLevel: String, Sendable, Hashable, CaseIterable, Comparable {
    /// Meeting the New Rural standard (*đạt chuẩn nông thôn mới*): all 19 criteria.
    case ntm
    /// The advanced standard (*nông thôn mới nâng cao*), which comes no earlier than `ntm`.
    case nang_cao
    /// The model standard (*nông thôn mới kiểu mẫu*), which comes no earlier than `nang_cao`.
    case kieu_mau
    var rank: Int { switch self { case .ntm: 0; case .nang_cao: 1; case .kieu_mau: 2 } }
    public static func < (a: Self, b: Self) -> Bool { a.rank < b.rank }
}

/// A recognition decision (or an expected one).
public struct Recognition: Hashable, Sendable {
    /// The code of the recognised unit.
    public var unitCode: String
    /// The standard the unit was recognised as meeting.
    public var level: RecognitionLevel
    /// The period of the decision: its year, or its month or quarter when the dataset gives them.
    public var period: Period
    /// The year of the decision.
    public var year: Int { period.year }
    /// `actual` for a decision taken, `estimate` for one expected by the end of the year.
    public var kind: FactKind
    /// The decision's number and date as written; may be empty.
    public var decision: String
    /// Where the row is, for messages.
    public var location: SourceLocation? = nil
}

/// What a dataset is (manifest.yaml).
public struct Manifest: Hashable, Sendable {
    /// The dataset's identifier (`langson`): lower-case letters, digits, `-` and `_`.
    public var name: String
    /// The dataset's title in each language given.
    public var title: [Language: String]
    /// The province's name (`Lạng Sơn`).
    public var regionName: String
    /// The province's GSO code (`20`).
    public var regionCode: String
    /// The date of the administrative unit list the dataset's units belong to.
    public var unitVintage: String
    /// The periods the criteria table covers, in order: years, or months (`periods: { from: 2019-01, to: 2020-12 }`).
    public var periods: [Period]
    /// The years of `periods`, each once, in order.
    public var years: [Int] { periods.map(\.year).reduce(into: []) { if $0.last != $1 { $0.append($1) } } }
    /// True when the commune data is made up: every chart drawn from it says "Số liệu minh họa".
    public var synthetic: Bool
    /// How the data were made or where they come from (English when given in both languages).
    public var provenance: String
    /// The provenance in each language the manifest gives it in.
    public var provenanceText: [Language: String] = [:]
    /// The licence of the data, as the manifest states it.
    public var licence: String
    /// The CSV field separator of the dataset's tables: `,` or `;`.
    public var delimiter: Character
    /// The decimal mark of the numbers in the dataset's tables: `.` or `,`.
    public var decimal: Character
    /// District boundaries that maps draw, when the dataset has them.
    public var boundaries: BoundarySource?
    /// Digits of a district code and of a commune code: 3 and 5, as GSO's codes, unless the manifest's
    /// `codes` block says otherwise (a synthetic dataset of more than 99 999 communes).
    public var districtCodeDigits = 3
    /// The digits of a commune code (see `districtCodeDigits`).
    public var unitCodeDigits = 5
    /// Communes may lack criteria in some years (`allow_missing_years: true`): means then count the communes with
    /// figures, and charts from the dataset say so in a note.
    public var allowMissingYears = false
    /// The ids of the sources (`sources.csv`) whose aggregates the illustrative commune data were made to reproduce
    /// (`calibrated_to:`, only with `synthetic: true`); empty when the manifest names none, and then nothing Annex
    /// writes says that the data match any source.
    public var calibratedTo: [String] = []
    /// Where `calibrated_to` is in the manifest, for messages.
    public var calibratedToLocation: SourceLocation? = nil
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
    /// `strict: true`: sliver and self-crossing rings are errors, not warnings.
    public var strict = false
    /// The TopoJSON object to read (`object:`), when the topology has more than one.
    public var object: String? = nil
}

/// The 19 national criteria (Decision 1980/QĐ-TTg), in order.
public enum NationalCriteria {
    /// The names of the criteria in each language, from the phrase tables (`Phrase.criterion(_:)`).
    public static let names: [Language: [String]] = Dictionary(uniqueKeysWithValues: Language.allCases.map { lang in
        (lang, (1...count).map { lang.text(.criterion($0)) })
    })
    /// How many national criteria there are.
    public static let count = 19
    /// The column of criterion `i + 1` in `criteria.csv` and in records: `c01` … `c19` (`i` counts from 0).
    public static func column(_ i: Int) -> String { i < 9 ? "c0\(i + 1)" : "c\(i + 1)" }
}
