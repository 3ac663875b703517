import Foundation
import Testing

@testable import Parliament

/// Lifecycle events from pairs of snapshots built from the page and CSV fixtures.
struct SenateLifecycleTests {
    static func page(_ file: String) throws -> SenateQuestion {
        try SenatePageParser.parse(try FixtureLoader.bytes("pages/" + file), httpCharset: nil, url: file)
    }

    static func row(answered: Bool) throws -> SenateCSVRow {
        let file = answered ? "csv/questions.windows-1252.semicolon.csv" : "csv/questions.utf-8.pipe.csv"
        let rows = SenateCSV.parse(try FixtureLoader.bytes(file), httpCharset: nil).rows
        return try #require(rows.first { $0.reference == "qSEQ231109012" })
    }

    static func snap(row: SenateCSVRow? = nil, page: String? = nil) throws -> SenateSnapshot {
        try #require(SenateSnapshot(row: row, page: try page.map(Self.page)))
    }

    struct Case: Sendable, CustomStringConvertible {
        var name: String
        var old: String?
        var new: String
        var kinds: [SenateEvent.Kind]
        var description: String { name }
    }

    static let meae = "Ministère de l'Europe et des affaires étrangères"

    /// Page-to-page transitions (the CSV row absent on both sides).
    static let pageCases: [Case] = [
        Case(name: "first sight", old: nil, new: "state-pending.html", kinds: [.published]),
        Case(
            name: "pending → answered (with a transmission)", old: "state-pending.html",
            new: "qSEQ231109012.modern.utf-8.html", kinds: [.answered]),
        Case(name: "pending → forwarded", old: "state-pending.html", new: "state-forwarded.html", kinds: [.forwarded]),
        Case(
            name: "forwarded → answered", old: "state-forwarded.html", new: "qSEQ231109012.modern.utf-8.html",
            kinds: [.answered]),
        Case(name: "pending → lapsed", old: "state-pending.html", new: "state-lapsed.html", kinds: [.lapsed]),
        Case(name: "pending → withdrawn", old: "state-pending.html", new: "state-withdrawn.html", kinds: [.withdrawn]),
        Case(name: "pending → converted", old: "state-pending.html", new: "state-converted.html", kinds: [.converted]),
        Case(
            name: "answered → erratum", old: "qSEQ231109012.modern.utf-8.html", new: "state-erratum.html",
            kinds: [.answerCorrected]),
        Case(name: "a reminder seen first", old: nil, new: "state-reminder.html", kinds: [.published, .reminded]),
        Case(name: "a reminder seen again", old: "state-reminder.html", new: "state-reminder.html", kinds: []),
        Case(
            name: "answered, unchanged", old: "qSEQ231109012.modern.utf-8.html",
            new: "qSEQ231109012.old.iso-8859-1.html", kinds: []),
        Case(
            name: "pending → answer not yet online", old: "state-pending.html", new: "state-answer-not-online.html",
            kinds: []),
        Case(
            name: "answered in session", old: "state-pending.html", new: "state-session-only.html", kinds: [.answered]),
    ]

    @Test("page transitions give the typed events", arguments: pageCases)
    func pageTransitions(_ c: Case) throws {
        let old = try c.old.map { try Self.snap(page: $0) }
        let events = SenateLifecycle.events(old: old, new: try Self.snap(page: c.new))
        #expect(events.map(\.kind) == c.kinds)
    }

    @Test("an answer gives exactly one answered event, with its date, ministry and JO page")
    func answeredDetails() throws {
        let old = try Self.snap(row: try Self.row(answered: false), page: "state-pending.html")
        let new = try Self.snap(row: try Self.row(answered: true), page: "qSEQ231109012.modern.utf-8.html")
        let events = SenateLifecycle.events(old: old, new: new)
        #expect(
            events == [
                SenateEvent(
                    kind: .answered, reference: "qSEQ231109012", date: "2024-02-22",
                    ministry: "Europe et affaires étrangères", joPage: 675)
            ])
    }

    @Test("the CSV announces the answer first, the page follows: one answered, then nothing")
    func csvThenPage() throws {
        let day1 = try Self.snap(row: try Self.row(answered: false))
        let day2 = try Self.snap(row: try Self.row(answered: true))
        let day3 = try Self.snap(row: try Self.row(answered: true), page: "qSEQ231109012.modern.utf-8.html")
        #expect(SenateLifecycle.events(old: day1, new: day2).map(\.kind) == [.answered])
        #expect(SenateLifecycle.events(old: day2, new: day3).isEmpty)
    }

    @Test("a row leaving the CSV's window gives nothing")
    func leavingWindow() throws {
        let inWindow = try Self.snap(row: try Self.row(answered: true), page: "qSEQ231109012.modern.utf-8.html")
        let outOfWindow = try Self.snap(page: "qSEQ231109012.modern.utf-8.html")
        #expect(SenateLifecycle.events(old: inWindow, new: outOfWindow).isEmpty)
        #expect(SenateSnapshot(row: nil, page: nil) == nil)
    }

    @Test("forwarded carries the ministry and the CSV's transmission date")
    func forwardedDetails() throws {
        var row = try Self.row(answered: false)
        let old = try #require(
            SenateSnapshot(
                row: {
                    var r = row
                    r.transmissionMinistry = nil
                    r.transmissionDate = nil
                    return r
                }(),
                page: nil))
        row.transmissionDate = "2023-11-30"
        let events = SenateLifecycle.events(old: old, new: try #require(SenateSnapshot(row: row, page: nil)))
        #expect(
            events == [
                SenateEvent(kind: .forwarded, reference: "qSEQ231109012", date: "2023-11-30", ministry: Self.meae)
            ])
    }

    @Test("erratum event carries the erratum's date and page; a reminder names the reminded question")
    func eventDetails() throws {
        let corrected = SenateLifecycle.events(
            old: try Self.snap(page: "qSEQ231109012.modern.utf-8.html"),
            new: try Self.snap(page: "state-erratum.html"))
        #expect(corrected.first?.date == "2024-03-07")
        #expect(corrected.first?.joPage == 1001)
        let reminded = SenateLifecycle.events(old: nil, new: try Self.snap(page: "state-reminder.html"))
        #expect(reminded.last?.remindedNumber == "09012")
        #expect(reminded.last?.reference == "qSEQ240310500")
    }

    @Test("snapshots and events are Codable (stored as JSON by the lead)")
    func codable() throws {
        let s = try Self.snap(row: try Self.row(answered: true), page: "state-erratum.html")
        #expect(try JSONDecoder().decode(SenateSnapshot.self, from: JSONEncoder().encode(s)) == s)
        let e = SenateEvent(kind: .answerCorrected, reference: "qSEQ231109012", date: "2024-03-07")
        let data = try JSONEncoder().encode(e)
        #expect(String(decoding: data, as: UTF8.self).contains("\"answer-corrected\""))
        #expect(try JSONDecoder().decode(SenateEvent.self, from: data) == e)
    }
}
