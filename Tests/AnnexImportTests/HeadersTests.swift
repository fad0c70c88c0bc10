import Testing
@testable import AnnexImport

@Suite struct HeadersTests {
    @Test func foldsDiacriticsCaseAndNFD() {
        #expect(Headers.fold("Mã xã") == "ma xa")
        #expect(Headers.fold("MÃ XÃ") == "ma xa")
        #expect(Headers.fold("Ma\u{0303} xa\u{0303}") == "ma xa")
        #expect(Headers.fold("Tổng số tiêu chí đạt") == "tong so tieu chi dat")
        #expect(Headers.fold("  Xã ĐBKK ") == "xa dbkk")
    }

    @Test func recognisesHeaders() {
        #expect(Headers.field("Mã xã") == .unitCode)
        #expect(Headers.field("TÊN XÃ") == .unitName)
        #expect(Headers.field("TC7") == .criterion(7))
        #expect(Headers.field("Tiêu chí 12") == .criterion(12))
        #expect(Headers.field("7", under: "Tiêu chí") == .criterion(7))
        #expect(Headers.field("7") == nil)
        #expect(Headers.field("Năm 2019", under: "Số tiêu chí đạt") == .countInYear(2019))
        #expect(Headers.field("Tổng số tiêu chí đạt") == .count)
        #expect(Headers.field("Xã biên giới") == .border)
        #expect(Headers.field("Xã ĐBKK") == .difficult)
    }

    @Test func readsMarks() {
        for t in ["1", "x", "X", "✓", "Đạt", "đạt"] { #expect(Headers.met(t) == true, "\(t)") }
        for t in ["0", "", "Chưa đạt", "-"] { #expect(Headers.met(t) == false, "\(t)") }
        #expect(Headers.met("2") == nil)
        #expect(Headers.isSummaryLabel("Bình quân") && Headers.isSummaryLabel("Tổng cộng") && !Headers.isSummaryLabel("Xã Tổng Cọt"))
        #expect(Headers.isDistrictHeading("II") && Headers.isDistrictHeading("Huyện Tràng Định"))
    }
}
