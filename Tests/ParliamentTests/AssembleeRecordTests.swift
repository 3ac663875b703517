import Foundation
import Testing

@testable import Parliament

/// The Assemblée record reader on the hand-written fixtures (`Fixtures/assemblee/`, README): one golden JSON
/// per state, the object/array variants, both date forms, entities and no-break spaces, and the records it
/// must refuse.
@Suite struct AssembleeRecordTests {
    static let names = (1001...1006).map { "QANR5L17QE\($0)" }

    static func read(_ name: String) throws -> WrittenQuestion {
        try AssembleeRecordReader.read(try FixtureLoader.bytes("assemblee/\(name).json"), fileName: "\(name).json")
    }

    @Test(arguments: names)
    func matchesItsGolden(name: String) throws {
        let expected = try FixtureLoader.text("assemblee/\(name).expected.json")
        #expect(AssembleeJSON.object(try Self.read(name)) + "\n" == expected)
    }

    @Test func everyStateIsDerived() throws {
        let states = try Self.names.map { try Self.read($0).state }
        #expect(states == [.pending, .answered, .withdrawn, .lapsed, .closed, .answered])
    }

    @Test func objectsAndArraysReadAlike() throws {
        let one = try Self.read("QANR5L17QE1001")
        #expect(one.attributions == ["Ministère de l'intérieur"])
        #expect(one.title == "Ingérences numériques étrangères")
        let many = try Self.read("QANR5L17QE1002")
        #expect(many.attributions == ["Ministère de l'intérieur", "Ministère des outre-mer"])
        #expect(many.ministry == "Ministère des outre-mer")
        #expect(many.title == "Campagnes de désinformation en Nouvelle-Calédonie")
        #expect(many.answers.count == 1)
    }

    @Test func bothDateFormsAndPrefixAndEntities() throws {
        let iso = try Self.read("QANR5L17QE1001")
        #expect(iso.published == "2026-03-10" && iso.joPage == 1804)
        let text = try #require(iso.questionText)
        #expect(text.hasPrefix("M. Jean Dupont attire l'attention de M. le ministre de l'intérieur"))
        #expect(text.contains("découvertes par VIGINUM : « Matriochka »"))
        #expect(!text.contains("&") && !text.contains("\u{00A0}") && !text.contains("1001. —"))
        let french = try Self.read("QANR5L17QE1002")
        #expect(french.published == "2026-03-17")
        #expect(french.answer?.published == "2026-05-05" && french.answer?.joPage == 3120)
        #expect(french.questionText?.hasPrefix("Mme Anne Martin interroge") == true)
        #expect(french.itemText.contains("\n\nLe Gouvernement suit avec attention ces campagnes ; VIGINUM"))
    }

    @Test func flagsRenewalsAndUnknownClosingsAreKept() throws {
        let q = try Self.read("QANR5L17QE1005")
        #expect(q.reminders == ["2026-05-12"] && q.renewals == ["2026-05-19"])
        #expect(q.closing == .init(code: "XYZ", label: "Clôture pour fin de fonctions", date: "2026-07-01"))
    }

    @Test(arguments: [
        ("not-a-question.json", "not a question record (no \"question\" object)"),
        ("QANR5L17QE9999.json", "uid QANR5L17QE1007 does not match the file name"),
    ])
    func refusedRecordsSayWhy(file: String, reason: String) throws {
        #expect(throws: ParliamentError.assembleeRecord(name: file, reason: reason)) {
            _ = try AssembleeRecordReader.read(try FixtureLoader.bytes("assemblee/\(file)"), fileName: file)
        }
    }

    @Test(arguments: [
        (#"{"question": {"uid": "QANR5L17XX12"}}"#, "malformed uid \"QANR5L17XX12\""),
        (#"{"question": {}}"#, "no uid"), ("[1, 2", "not JSON"),
    ])
    func malformedRecords(json: String, reason: String) {
        #expect(throws: ParliamentError.assembleeRecord(name: "record", reason: reason)) {
            _ = try AssembleeRecordReader.read(Array(json.utf8))
        }
    }

    @Test func uidParts() {
        let parts = AssembleeUID("QANR5L17QE1234")
        #expect(parts?.legislature == 17 && parts?.nature == "QE" && parts?.number == "1234")
        #expect(AssembleeUID("QANR5L16QOSD12")?.nature == "QOSD")
        #expect(AssembleeUID("QANR5L17QE") == nil && AssembleeUID("QANR5LQE12") == nil)
    }

    @Test(arguments: [
        ("1234. — 10 mars 2026. — M. X demande.", "M. X demande."),
        ("1234. - 10/03/2026. - M. X demande.", "M. X demande."),
        ("M. X demande. — Suite.", "M. X demande. — Suite."),
        ("1234 M. X", "1234 M. X"),
    ])
    func prefixIsStrippedOnlyWhenPresent(text: String, expected: String) {
        #expect(AssembleeRecordReader.stripPrefix(text) == expected)
    }

    @Test func authorNameFromThePage() throws {
        let page = try FixtureLoader.bytes("assemblee/page-17-1002QE.html")
        #expect(AssembleePageReader.author(page) == "Mme Anne Martin")
        #expect(AssembleePageReader.author(Array("<html><body><p>Rien</p></body></html>".utf8)) == nil)
    }
}
