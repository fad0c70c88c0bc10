import Testing
@testable import AnnexData

@Suite struct CSVTableTests {
    @Test func readsBOMSemicolonsQuotesAndLineNumbers() throws {
        let text = "\u{FEFF}a;b\r\n1;\"x; \"\"y\"\"\"\r\n\r\n2;\"two\nlines\"\n3;z\n"
        let t = try CSVTable.parse(text, file: "t.csv")
        #expect(t.delimiter == ";")
        #expect(t.header == ["a", "b"])
        #expect(t.rows.map(\.fields) == [["1", "x; \"y\""], ["2", "two\nlines"], ["3", "z"]])
        #expect(t.rows.map(\.line) == [2, 4, 6])
    }

    @Test func normalisesTextToNFC() throws {
        let nfd = "Hu\u{031B}\u{0303}u Lu\u{0303}ng"
        let t = try CSVTable.parse("name\n\(nfd)\n", file: "t.csv")
        #expect(t.rows[0].fields[0].unicodeScalars.elementsEqual("Hữu Lũng".unicodeScalars))
    }

    @Test func reportsEveryRaggedRowWithItsLine() {
        #expect {
            try CSVTable.parse("a,b\n1,2\n3\n4,5,6\n", file: "t.csv")
        } throws: { error in
            let e = error as! DataError
            return e.issues.map(\.description) == [
                "t.csv:3: expected 2 fields as in the header, found '1 fields'",
                "t.csv:4: expected 2 fields as in the header, found '3 fields'",
            ]
        }
    }

    @Test func reportsAnUnclosedQuote() {
        #expect {
            try CSVTable.parse("a,b\n1,\"open\n2,3\n", file: "t.csv")
        } throws: { error in
            (error as! DataError).issues.contains { $0.location.line == 2 && $0.expected.contains("closing quote") }
        }
    }

    @Test func reportsMissingColumnsAndDuplicateHeaders() throws {
        #expect(throws: DataError.self) { try CSVTable.parse("a,a\n1,2\n", file: "t.csv") }
        let t = try CSVTable.parse("a,b\n1,2\n", file: "t.csv")
        #expect {
            try t.columns(["a", "c", "d"])
        } throws: { error in
            (error as! DataError).issues.map { $0.location.column } == ["c", "d"]
        }
    }

    @Test func emptyFileIsAnError() {
        #expect(throws: DataError.self) { try CSVTable.parse("", file: "t.csv") }
    }
}
