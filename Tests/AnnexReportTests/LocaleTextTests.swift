// Owns exact-text tests of the words AnnexReport takes from the phrase tables: the key findings of the bundled
// dataset in both languages, the annex's dates, the headers of the analysis table and of table 1.
import AnnexAnalytics
import AnnexData
import Testing
@testable import AnnexReport

@Suite struct LocaleTextTests {
    let facts: Dataset
    init() throws { facts = try Dataset.load(folder: bundledFolder) }

    @Test func findingsInVietnamese() throws {
        let s = Findings.sentences(facts, try Analysis.run(facts), language: .vi)
        #expect(s == [
            "Năm 2019, bình quân 01 xã đạt 11,54 tiêu chí, tăng 1,5 tiêu chí so với năm 2018.",
            "20 xã biên giới đạt bình quân 10,6 tiêu chí/xã, tăng 1,25 tiêu chí so với năm 2018, vượt 0,2 tiêu chí so với kế hoạch.",
            "05 xã đặc biệt khó khăn tỉnh chỉ đạo điểm đạt bình quân 17,2 tiêu chí/xã, tăng 5,2 tiêu chí so với năm 2018, vượt 0,2 tiêu chí so với kế hoạch.",
            "20 xã do huyện lựa chọn chỉ đạo đạt bình quân 10,4 tiêu chí/xã, tăng 2,8 tiêu chí so với năm 2018, vượt 0,6 tiêu chí so với kế hoạch.",
            "Toàn tỉnh có thêm 13 xã được công nhận đạt chuẩn nông thôn mới (vượt kế hoạch 01 xã), nâng tổng số xã đạt chuẩn lên 52 xã; có 02 xã được công nhận đạt chuẩn nông thôn mới nâng cao.",
            "Đến hết năm 2019: 52 xã đạt 19 tiêu chí, 05 xã đạt 15–18 tiêu chí, 34 xã đạt 10–14 tiêu chí, 84 xã đạt 5–9 tiêu chí, 06 xã đạt dưới 5 tiêu chí.",
            "Có 04 xã bị giảm tiêu chí so với năm 2018, cần rà soát, củng cố.",
            "Ước năm 2020, bình quân 01 xã đạt 12,71 tiêu chí; dự kiến có thêm 13 xã đạt chuẩn, nâng tổng số lên 65 xã (kế hoạch 65 xã: đạt kế hoạch); 02 xã đã đạt chuẩn nhưng chưa duy trì đủ 19 tiêu chí.",
            "Tổng nhu cầu vốn năm 2020 ước khoảng 4.111,5 tỷ đồng, trong đó ngân sách đầu tư trực tiếp 985,7 tỷ đồng (24%).",
            "(Số liệu cấp xã trong phụ lục là số liệu minh họa, được hiệu chỉnh theo các số liệu tổng hợp của thông báo.)",
        ])
    }

    @Test func findingsInEnglish() throws {
        let s = Findings.sentences(facts, try Analysis.run(facts), language: .en)
        #expect(s == [
            "In 2019 a commune met 11.54 criteria on average, 1.5 more than in 2018.",
            "The 20 border communes met 10.6 criteria on average, 1.25 more than in 2018, 0.2 above the plan of 10.4.",
            "The 5 especially difficult communes piloted by the province met 17.2 criteria on average, 5.2 more than in 2018, 0.2 above the plan of 17.",
            "The 20 communes chosen by the districts met 10.4 criteria on average, 2.8 more than in 2018, 0.6 above the plan of 9.8.",
            "13 more communes were recognised as meeting the NTM standard (1 more than planned), 52 in all; 2 reached the advanced (nâng cao) standard.",
            "At the end of 2019: 52 met all 19, 5 met 15–18, 34 met 10–14, 84 met 5–9, 6 met fewer than 5.",
            "4 communes lost at least one criterion they met in 2018 and need review.",
            "For 2020 an average of 12.71 criteria per commune is estimated; 13 more NTM communes are expected, 65 in all (plan 65: met); 2 recognised communes are expected below 19 criteria.",
            "The 2020 capital need is about 4,111.5 billion VND, of which 985.7 billion (24%) is direct state budget.",
            "(Commune-level figures in this annex are illustrative, calibrated to the notices' aggregates.)",
        ])
    }

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
