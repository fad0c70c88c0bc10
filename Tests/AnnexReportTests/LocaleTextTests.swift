// Owns exact-text tests of the words AnnexReport takes from the phrase tables: the annex's dates, the headers of the
// analysis table and of table 1 (the key findings' exact sentences are FindingsTests').
import AnnexAnalytics
import AnnexData
import Testing
@testable import AnnexReport

@Suite struct LocaleTextTests {
    let facts: Dataset
    init() throws { facts = try Dataset.load(folder: bundledFolder) }

    @Test func annexDates() {
        #expect(AnnexDocument.humanDate("2020-07-21", .vi) == "21/7/2020")
        #expect(AnnexDocument.humanDate("2020-07-21", .en) == "21 July 2020")
        #expect(AnnexDocument.humanDate("July 2020", .en) == "July 2020")
    }

    @Test func tableHeaders() {
        // The English headers of the table for people are the machine column names (the table shows a month's or
        // quarter's period in the year column, so it has no period columns of its own).
        #expect(ResultFormatter.columnPhrases.map { Language.en.text($0) } == Array(ResultFormatter.columns.prefix(16)))
        #expect(ResultFormatter.columns.suffix(2) == ["period", "base_period"])
        #expect(ResultFormatter.columnPhrases.map { Language.vi.text($0) }.prefix(5) == ["phạm vi", "nhóm", "chỉ tiêu", "năm", "loại"])
        #expect(DefaultAnnex(facts: facts, language: .vi).table1().header
                == ["Nhóm xã", "Năm 2018", "Năm 2019", "Tăng so với 2018", "Kế hoạch 2019", "So với kế hoạch", "Đánh giá"])
        #expect(DefaultAnnex(facts: facts, language: .en).table1().header
                == ["Group", "2018", "2019", "Change from 2018", "2019 plan", "Against plan", "Status"])
    }

    @Test func statusKindAndCriterionWords() {
        #expect(PlanStatus.allCases.map { $0.label(.vi) } == ["vượt kế hoạch", "đạt kế hoạch", "chưa đạt"])
        #expect(PlanStatus.allCases.map { $0.label(vietnamese: false) } == ["exceeded", "met", "missed"])
        #expect(FactKind.allCases.map { $0.label(.vi) } == ["thực hiện", "kế hoạch", "ước"])
        #expect(FactKind.allCases.map { $0.label(.en) } == FactKind.allCases.map(\.rawValue))
        #expect(NationalCriteria.names[.vi]?.count == 19 && NationalCriteria.names[.en]?.count == 19)
        #expect(NationalCriteria.names[.vi]?[16] == "Môi trường và an toàn thực phẩm")
        #expect(NationalCriteria.names[.en]?[7] == "Information and communications")
    }
}
