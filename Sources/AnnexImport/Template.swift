import AnnexData
import AnnexSheets
import Foundation

/// The blank workbook of `annex init`: the layout `annex import` reads with no mapping — one sheet per year with a
/// title, a note for estimates and one header row; a list sheet of districts; lists of allowed values for the
/// criteria (1/0), the group flags (x) and the districts; a sheet of instructions in Vietnamese.
public enum Template {
    /// The row of the year sheets' header, below the title (row 1) and the note on the data's date (row 2).
    public static let headerRow = 4
    /// The first row of communes on the year sheets.
    public static let firstDataRow = 5
    /// Rows the lists of allowed values cover.
    static let lastDataRow = 3000

    /// Columns: STT, Mã huyện, Huyện, Mã xã, Tên xã, TC1…TC19, Tổng số tiêu chí đạt, Xã biên giới, Xã ĐBKK, Ghi chú.
    static let fixedHeaders = ["STT", "Mã huyện", "Huyện", "Mã xã", "Tên xã"]
    static var criteriaColumns: ClosedRange<Int> { 6...24 }
    static var countColumn: Int { 25 }

    /// The sheets for `years`; with a dataset, its districts fill the list and its communes the year sheets.
    public static func sheets(province: String, years: [Int], dataset: Dataset? = nil) -> [SheetSpec] {
        var out = [instructions(province: province)]
        for y in years { out.append(yearSheet(province: province, year: y, dataset: dataset)) }
        out.append(districtList(dataset))
        return out
    }

    /// The template filled from a dataset's criteria, as a statistician fills it: 1/0 per criterion, x for the
    /// border and difficult groups, the estimate note on the years the dataset gives as estimates. For tests and
    /// for the import benchmark (a national-size workbook).
    public static func filled(province: String, years: [Int], dataset ds: Dataset) -> [SheetSpec] {
        var sheets = Template.sheets(province: province, years: years, dataset: ds)
        var records: [String: CriteriaRecord] = [:]
        for rec in ds.criteria where years.contains(rec.year) { records["\(rec.unitCode)|\(rec.year)"] = rec }
        for i in sheets.indices where sheets[i].name.hasPrefix("Năm ") {
            guard let year = Int(sheets[i].name.dropFirst(4)) else { continue }
            if let cutoff = ds.criteria.first(where: { $0.year == year && $0.kind == .estimate })?.cutoff, !cutoff.isEmpty {
                let p = cutoff.split(separator: "-")
                sheets[i].set(2, 1, .text("(Ước thực hiện đến 31/12/\(year), số liệu thực hiện đến \(Int(p[2]) ?? 1)/\(Int(p[1]) ?? 1)/\(p[0]))"))
            }
            for (r, cells) in sheets[i].cells where r >= firstDataRow {
                guard case .text(let code)? = cells[4], let rec = records["\(code)|\(year)"], rec.hasDetail else { continue }
                for (k, m) in rec.met.enumerated() { sheets[i].set(r, criteriaColumns.lowerBound + k, .number(m == true ? 1 : 0)) }
                let groups = ds.units[code]?.groups ?? []
                if groups.contains("border") { sheets[i].set(r, countColumn + 1, .text("x")) }
                if groups.contains("difficult") { sheets[i].set(r, countColumn + 2, .text("x")) }
            }
        }
        return sheets
    }

    static func yearSheet(province: String, year: Int, dataset: Dataset?) -> SheetSpec {
        var s = SheetSpec(name: "Năm \(year)")
        let last = countColumn + 3
        s.set(1, 1, .text("KẾT QUẢ THỰC HIỆN BỘ TIÊU CHÍ QUỐC GIA VỀ XÃ NÔNG THÔN MỚI NĂM \(year)" + (province.isEmpty ? "" : " — TỈNH \(province.uppercased())")), bold: true)
        s.merges.append(CellRange(first: CellRef(row: 1, column: 1), last: CellRef(row: 1, column: last)))
        // The estimate note is written here when the year's figures are estimates (see the instructions sheet).
        s.set(2, 1, .text("(Số liệu thực hiện đến 31/12/\(year))"))
        s.merges.append(CellRange(first: CellRef(row: 2, column: 1), last: CellRef(row: 2, column: last)))
        let headers = fixedHeaders + (1...19).map { "TC\($0)" } + ["Tổng số tiêu chí đạt", "Xã biên giới", "Xã ĐBKK", "Ghi chú"]
        for (i, h) in headers.enumerated() { s.set(headerRow, i + 1, .text(h), bold: true) }
        s.frozenRows = headerRow
        s.printLandscapeFitWidth = true
        s.heights[headerRow] = 45   // three lines for the wrapped headers ("Tổng số tiêu chí đạt")
        s.widths = [1: 5, 2: 8, 3: 16, 4: 8, 5: 22, countColumn: 10, countColumn + 1: 9, countColumn + 2: 9, countColumn + 3: 24]
        for c in criteriaColumns { s.widths[c] = 5 }
        let crit = CellRef.letters(criteriaColumns.lowerBound), critEnd = CellRef.letters(criteriaColumns.upperBound)
        s.validations = [
            .init(range: "\(crit)\(firstDataRow):\(critEnd)\(lastDataRow)", values: ["1", "0"], prompt: "1: đạt; 0: chưa đạt"),
            .init(range: "\(CellRef.letters(countColumn + 1))\(firstDataRow):\(CellRef.letters(countColumn + 2))\(lastDataRow)", values: ["x"],
                  prompt: "x: thuộc nhóm; để trống: không"),
            .init(range: "C\(firstDataRow):C\(lastDataRow)", reference: "'Danh mục huyện'!$B$2:$B$300", prompt: "Chọn huyện trong danh mục"),
        ]
        if let ds = dataset {
            var r = firstDataRow
            for code in ds.unitOrder {
                guard let u = ds.units[code], u.type == "Xã" else { continue }
                let d = ds.districts[u.districtCode]
                s.set(r, 1, .number(Double(r - firstDataRow + 1)))
                s.set(r, 2, .text(u.districtCode)); s.set(r, 3, .text(d?.name ?? "")); s.set(r, 4, .text(code)); s.set(r, 5, .text(u.name))
                s.set(r, countColumn, .formula("SUM(\(crit)\(r):\(critEnd)\(r))"))
                r += 1
            }
        }
        return s
    }

    static func districtList(_ dataset: Dataset?) -> SheetSpec {
        var s = SheetSpec(name: "Danh mục huyện")
        s.set(1, 1, .text("Mã huyện"), bold: true); s.set(1, 2, .text("Huyện"), bold: true); s.set(1, 3, .text("Loại"), bold: true)
        s.widths = [1: 10, 2: 24, 3: 12]
        if let ds = dataset {
            for (i, code) in ds.districtOrder.enumerated() {
                guard let d = ds.districts[code] else { continue }
                s.set(i + 2, 1, .text(code)); s.set(i + 2, 2, .text(d.name)); s.set(i + 2, 3, .text(d.type))
            }
        }
        return s
    }

    static func instructions(province: String) -> SheetSpec {
        var s = SheetSpec(name: "Hướng dẫn")
        let lines = [
            "HƯỚNG DẪN NHẬP SỐ LIỆU" + (province.isEmpty ? "" : " — TỈNH \(province.uppercased())"),
            "",
            "1. Mỗi năm một trang tính, tên trang là \"Năm 2019\", \"Năm 2020\", … Muốn thêm năm: sao chép một trang và đổi tên.",
            "2. Mỗi xã một dòng, từ dòng \(firstDataRow). Mã xã và mã huyện theo danh mục đơn vị hành chính của Tổng cục Thống kê (xã 5 chữ số, huyện 3 chữ số); giữ nguyên các số 0 ở đầu.",
            "3. Cột TC1…TC19: ghi 1 nếu xã đạt tiêu chí, 0 nếu chưa đạt. Cột \"Tổng số tiêu chí đạt\" tự cộng.",
            "4. Cột \"Xã biên giới\", \"Xã ĐBKK\": ghi x nếu xã thuộc nhóm, để trống nếu không.",
            "5. Nếu số liệu năm là số ước, sửa dòng 2 của trang năm đó thành: \"Ước thực hiện đến 31/12/2020, số liệu thực hiện đến 30/6/2020\".",
            "6. Có thể thêm dòng tiêu đề huyện, dòng bình quân hoặc dòng trống: chương trình tự bỏ qua và ghi lại lý do.",
            "7. Điền danh mục huyện ở trang \"Danh mục huyện\" (mã, tên, loại: Huyện, Thành phố, Thị xã).",
            "8. Lưu tệp dạng .xlsx rồi chạy: annex import so-lieu.xlsx -o Datasets/tinh-cua-ban, sau đó annex validate Datasets/tinh-cua-ban.",
        ]
        for (i, l) in lines.enumerated() where !l.isEmpty {
            s.set(i + 1, 1, .text(l), bold: i == 0)
            s.heights[i + 1] = 15 * Double((l.count + 79) / 80)   // about 80 characters a line at width 70
        }
        s.widths = [1: 70]   // within an A4 page's width: the lines wrap inside it
        return s
    }
}
