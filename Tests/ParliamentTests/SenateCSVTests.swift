import Foundation
import Testing

@testable import Parliament

/// The questions CSV reader against the hand-built files of Fixtures/csv (see Fixtures/README.md).
struct SenateCSVTests {
    @Test("windows-1252, ';', accented headers, quoted separators and newlines, bad rows by line")
    func windows1252() throws {
        let (rows, errors) = SenateCSV.parse(
            try FixtureLoader.bytes("csv/questions.windows-1252.semicolon.csv"), httpCharset: nil)
        #expect(
            rows.map(\.reference) == [
                "qSEQ231109012", "qSEQ240310500", "qSEQ23030327G", "qSEQ230101235", "qSEQ230101236",
            ])
        #expect(rows.map(\.line) == [2, 3, 7, 8, 9])
        #expect(errors.count == 2)
        guard errors.count == 2 else { return }
        #expect(errors[0] == .csvRow(line: 5, reason: "bad date \"32/13/2023\" in column Date de publication JO"))
        #expect(errors[1] == .csvRow(line: 6, reason: "no reference"))
        let seed = rows[0]
        #expect(seed.title == "Campagne de déstabilisation; Jeux olympiques 2024")
        #expect(seed.number == "09012")
        #expect(seed.nature == "QE")
        #expect(seed.civility == "M.")
        #expect(seed.lastName == "OUZOULIAS")
        #expect(seed.firstName == "Pierre")
        #expect(seed.group == "CRCE-K")
        #expect(seed.published == "2023-11-23")
        #expect(seed.transmissionDate == "2023-11-30")
        #expect(seed.transmissionMinistry == "Europe et affaires étrangères")
        #expect(seed.answerMinistry == "Europe et affaires étrangères")
        #expect(seed.answerDate == "2024-02-22")
        #expect(seed.depositMinistry == "Première ministre")
        #expect(seed.themes == "Affaires étrangères et coopération")
        #expect(seed.state == .answered)
        #expect(seed.url == "https://www.senat.fr/questions/base/2023/qSEQ231109012.html")
        let reminder = rows[1]
        #expect(reminder.title == "Rappel : \"ingérences\" numériques étrangères")
        #expect(reminder.civility == "M.")
        #expect(reminder.published == "2024-03-14")
        #expect(reminder.remindedReference == "qSEQ231109012")
        #expect(reminder.state == .pending)
        #expect(rows[2].nature == "QG")
        #expect(rows[2].civility == "Mme")
        #expect(rows[3].state == .lapsed)
        #expect(rows[4].state == .withdrawn)
        #expect(rows[4].answerDate == nil)
    }

    @Test("UTF-8, '|', accentless headers, extra columns, blank line, unterminated quote")
    func utf8Pipe() throws {
        let (rows, errors) = SenateCSV.parse(try FixtureLoader.bytes("csv/questions.utf-8.pipe.csv"), httpCharset: nil)
        #expect(rows.map(\.reference) == ["qSEQ231109012", "qSEQ23100827S"])
        #expect(rows.map(\.line) == [2, 4])
        #expect(errors == [.csvRow(line: 5, reason: "unterminated quoted field")])
        #expect(rows.first?.title == "Campagne de déstabilisation, Jeux olympiques 2024")
        #expect(rows.first?.transmissionMinistry == "Ministère de l'Europe et des affaires étrangères")
        #expect(rows.first?.state == .pending)
        #expect(rows.last?.nature == "QOSD")
    }

    struct SmallCase: Sendable, CustomStringConvertible {
        var name: String
        var text: String
        var references: [String]
        var errorLines: [Int]
        var description: String { name }
    }

    static let small: [SmallCase] = [
        SmallCase(
            name: "comma separator, CRLF",
            text: "Référence,Nature,Date de publication JO\r\nqSEQ1,QE,2024-01-02\r\nqSEQ2,QE,03/01/2024\r\n",
            references: ["qSEQ1", "qSEQ2"], errorLines: []),
        SmallCase(
            name: "upper-case headers", text: "REFERENCE;NATURE\nqSEQ1;QAG\n", references: ["qSEQ1"], errorLines: []),
        SmallCase(
            name: "quoted newline keeps later line numbers", text: "reference;titre\nqSEQ1;\"a\nb\nc\"\n;x\nqSEQ3;y\n",
            references: ["qSEQ1", "qSEQ3"], errorLines: [5]),
        SmallCase(
            name: "rows of separators are skipped", text: "reference;titre\n;;;\nqSEQ1;t\n", references: ["qSEQ1"],
            errorLines: []),
        SmallCase(
            name: "a repeated reference keeps the first row", text: "reference;titre\nqSEQ1;a\nqSEQ1;b\n",
            references: ["qSEQ1"], errorLines: [3]),
        SmallCase(name: "BOM", text: "\u{FEFF}Référence;Sort\nqSEQ1;Répondu\n", references: ["qSEQ1"], errorLines: []),
    ]

    @Test("separators, headers, line numbers", arguments: small)
    func smallFiles(_ c: SmallCase) {
        let (rows, errors) = SenateCSV.parse(Array(c.text.utf8), httpCharset: nil)
        #expect(rows.map(\.reference) == c.references)
        #expect(
            errors.compactMap { if case .csvRow(let line, _) = $0 { return line } else { return nil } } == c.errorLines)
    }

    @Test("a header without a reference column is one header error, no rows")
    func noReferenceColumn() {
        let (rows, errors) = SenateCSV.parse(Array("Nom;Prénom\nA;B\n".utf8), httpCharset: nil)
        #expect(rows.isEmpty)
        #expect(errors == [.csvHeader(missing: ["Référence"])])
    }

    @Test("the HTTP charset wins over sniffing")
    func httpCharset() {
        let bytes: [UInt8] = Array("Reference;Nom\nqSEQ1;".utf8) + [0xC9, 0x0A] // "É" in windows-1252
        let (rows, _) = SenateCSV.parse(bytes, httpCharset: "windows-1252")
        #expect(rows.first?.lastName == "É")
    }
}
