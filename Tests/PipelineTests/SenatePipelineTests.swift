import Foundation
import Pipeline
import Storage
import TestSupport
import Testing

/// `kind: senate-questions` end to end over the loopback server: the CSV by conditional GET, the pages of
/// new and changed questions, typed lifecycle deltas, and what `veille export deltas` shows of them.
@Suite struct SenatePipelineTests {
    static let a = "qSEQ231109012", b = "qSEQ231109013", c = "qSEQ231109014", d = "qSEQ231109015"
    static let answeredBefore = "qSEQ231109016", old = "qSEQ230101236"

    static func pending(_ reference: String, _ number: String, published: String = "23/11/2023") -> SenateTestRow {
        SenateTestRow(number: number, reference: reference, published: published)
    }

    static var answeredRow: SenateTestRow {
        var r = pending(a, "09012")
        r.sort = "Répondu"
        r.answerMinistry = "Europe et affaires étrangères"
        r.answerDate = "22/02/2024"
        r.transmissionDate = "30/11/2023"
        r.transmissionMinistry = "Europe et affaires étrangères"
        return r
    }

    /// The `senate` object of an export line.
    static func senate(_ delta: DeltaExport) throws -> [String: Any] {
        let line = delta.json.serialized()
        let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        return try #require(object?["senate"] as? [String: Any])
    }

    @Test func firstCrawlIsABaselineThenEachChangeIsOneTypedDelta() async throws {
        let w = try await PipelineWorld()
        try w.configureSenate(backfill: "30d")
        var done = Self.pending(Self.answeredBefore, "09016")
        done.sort = "Répondu"
        done.answerMinistry = "Intérieur"
        done.answerDate = "23/11/2023"
        try w.serveCSV([
            Self.pending(Self.a, "09012"), Self.pending(Self.b, "09013"), Self.pending(Self.c, "09014"),
            Self.pending(Self.d, "09015"), done, Self.pending(Self.old, "01236", published: "05/01/2023"),
        ])
        for ref in [Self.a, Self.b, Self.c, Self.d] { try w.servePage("state-pending.html", as: ref) }

        // Day 1: every question stored from its row; pages only within the backfill.
        let day1 = try await w.run(now: PipelineWorld.day("2023-11-24"))
        #expect(day1.outcomes.map(\.status) == [.ok])
        let baseline = try w.store().deltas(.run(day1.runID))
        #expect(baseline.count == 6)
        #expect(baseline.allSatisfy { $0.kind == .published && $0.baseline })
        #expect(w.pageRequests(Self.a).count == 1)
        #expect(w.pageRequests(Self.old).isEmpty)
        let firstA = try #require(baseline.first { $0.guid == Self.a })
        #expect(firstA.text?.contains("Viginum") == true && firstA.text?.contains("VIGINUM") == false)
        #expect(try Self.senate(firstA)["answer_date"] is NSNull)

        // Day 2: answered, forwarded, lapsed, withdrawn; the old question's row is unchanged.
        var forwarded = Self.pending(Self.b, "09013")
        forwarded.transmissionDate = "30/11/2023"
        forwarded.transmissionMinistry = "Europe et affaires étrangères"
        var lapsed = Self.pending(Self.c, "09014")
        lapsed.sort = "Caduque"
        var withdrawn = Self.pending(Self.d, "09015")
        withdrawn.sort = "Retirée"
        try w.serveCSV([
            Self.answeredRow, forwarded, lapsed, withdrawn, done,
            Self.pending(Self.old, "01236", published: "05/01/2023"),
        ])
        try w.servePage("qSEQ231109012.modern.utf-8.html", as: Self.a)
        try w.servePage("state-forwarded.html", as: Self.b)
        try w.servePage("state-lapsed.html", as: Self.c)
        try w.servePage("state-withdrawn.html", as: Self.d)
        let day2 = try await w.run(now: PipelineWorld.day("2024-02-23"))
        #expect(day2.outcomes.map(\.status) == [.ok])
        let deltas = try w.store().deltas(.run(day2.runID))
        #expect(deltas.map(\.kind.rawValue).sorted() == ["answered", "forwarded", "lapsed", "withdrawn"])
        #expect(deltas.allSatisfy { !$0.baseline })
        let answered = try #require(deltas.first { $0.kind == .answered })
        #expect(answered.guid == Self.a)
        #expect(answered.text?.contains("VIGINUM") == true)
        #expect(answered.text?.contains("Viginum") == true)
        let s = try Self.senate(answered)
        #expect(s["reference"] as? String == Self.a && s["number"] as? String == "09012")
        #expect(s["state"] as? String == "answered" && s["answer_date"] as? String == "2024-02-22")
        #expect(s["date"] as? String == "2024-02-22")
        #expect(
            answered.json.serialized().contains(
                #""senate":{"reference":"qSEQ231109012","number":"09012","state":"answered","answer_date":"2024-02-22""#
            ))
        let fwd = try Self.senate(try #require(deltas.first { $0.kind == .forwarded }))
        #expect(fwd["state"] as? String == "pending" && fwd["date"] as? String == "2023-11-30")
        #expect(try Self.senate(try #require(deltas.first { $0.kind == .lapsed }))["state"] as? String == "lapsed")
        #expect(
            try Self.senate(try #require(deltas.first { $0.kind == .withdrawn }))["state"] as? String == "withdrawn")
        #expect(w.pageRequests(Self.old).isEmpty)
        #expect(try w.store().itemsNeedingMatch().contains { $0.text?.contains("VIGINUM") == true })

        // Day 3: nothing changed: the CSV is a 304, no page is due, no delta.
        let day3 = try await w.run(now: PipelineWorld.day("2024-02-24"))
        #expect(day3.outcomes.map(\.status) == [.notModified])
        #expect(try w.store().deltas(.run(day3.runID)).isEmpty)
        #expect(w.pageRequests(Self.b).count == 2)

        // A week later: the forwarded (pending) question's page is checked again, the answered one's is not.
        let week = try await w.run(now: PipelineWorld.day("2024-03-02"))
        #expect(week.outcomes.first?.error == nil)
        #expect(w.pageRequests(Self.b).count == 3 && w.pageRequests(Self.b).last?.isConditional == true)
        #expect(w.pageRequests(Self.a).count == 2)
        #expect(try w.store().deltas(.run(week.runID)).isEmpty)

        // Questions leaving the CSV's 12-month window produce nothing, and their items stay.
        try w.serveCSV([Self.answeredRow, forwarded])
        let window = try await w.run(now: PipelineWorld.day("2024-03-03"))
        #expect(window.outcomes.map(\.status) == [.ok])
        #expect(try w.store().deltas(.run(window.runID)).isEmpty)
        #expect(try w.store().itemCounts()["senat"] == 6)
    }

    @Test func aPageNotYetOnlineOrMissingIsNoErrorAndIsRetried() async throws {
        let w = try await PipelineWorld()
        try w.configureSenate()
        try w.serveCSV([Self.pending(Self.a, "09012")])
        try w.servePage("state-pending.html", as: Self.a)
        _ = try await w.run(now: PipelineWorld.day("2024-02-22"))

        let placeholder = "qSEQ240210100"
        let missing = "qSEQ240210101"
        var answeredEarly = Self.pending(placeholder, "10100", published: "22/02/2024")
        answeredEarly.title = "Question encore en ligne"
        try w.serveCSV([
            Self.pending(Self.a, "09012"), answeredEarly,
            Self.pending(missing, "10101", published: "22/02/2024"),
        ])
        try w.servePage("state-not-online.html", as: placeholder)
        let day2 = try await w.run(now: PipelineWorld.day("2024-02-23"))
        #expect(day2.outcomes.map(\.status) == [.ok])
        let deltas = try w.store().deltas(.run(day2.runID))
        #expect(deltas.map(\.kind) == [.published, .published])
        #expect(deltas.allSatisfy { !$0.baseline && (try? Self.senate($0)["state"] as? String) == "pending" })
        #expect(deltas.first { $0.guid == placeholder }?.title == "Question encore en ligne")

        // Next run: both pages are asked for again; the placeholder is now the real page (pending): no delta.
        try w.servePage("state-pending.html", as: placeholder)
        let day3 = try await w.run(now: PipelineWorld.day("2024-02-24"))
        #expect(day3.outcomes.map(\.status) == [.notModified])
        #expect(w.pageRequests(placeholder).count == 2 && w.pageRequests(missing).count == 2)
        #expect(try w.store().deltas(.run(day3.runID)).isEmpty)
        // The placeholder's item now holds the question text; 09012, published before the backfill period on
        // the first crawl, still has no page (it is fetched when its row next changes).
        let items = try w.store().items(firstSeenSince: nil)
        #expect(items.map { $0.text?.contains("Viginum") == true } == [false, true, false])
        #expect(w.pageRequests(Self.a).isEmpty)
    }

    @Test func aPageWithoutTheTemplateFailsTheSourceAndKeepsItsQuestionAsStored() async throws {
        let w = try await PipelineWorld()
        try w.configureSenate()
        try w.serveCSV([Self.pending(Self.a, "09012"), Self.pending(Self.b, "09013")])
        try w.servePage("state-pending.html", as: Self.a)
        try w.servePage("state-pending.html", as: Self.b)
        _ = try await w.run(now: PipelineWorld.day("2023-11-24"))

        var forwarded = Self.pending(Self.b, "09013")
        forwarded.transmissionDate = "30/11/2023"
        forwarded.transmissionMinistry = "Europe et affaires étrangères"
        try w.serveCSV([Self.answeredRow, forwarded])
        try w.server.copy(
            PipelineWorld.fixture("senate/basile-rechercheQuestion-2016.iso-8859-1.html"),
            to: PipelineWorld.pagePath(Self.a))
        try w.servePage("state-forwarded.html", as: Self.b)
        let broken = try await w.run(now: PipelineWorld.day("2024-02-23"))
        let outcome = try #require(broken.outcomes.first)
        #expect(outcome.status == .failed)
        #expect(outcome.error?.contains("missing markers") == true)
        #expect(outcome.error?.contains("Question de") == true && outcome.error?.contains(Self.a) == true)
        #expect(try w.store().sourceState("senat")?.lastError?.contains("missing markers") == true)
        // The other question goes on; the broken one keeps its stored text and state (no false answered).
        let deltas = try w.store().deltas(.run(broken.runID))
        #expect(deltas.map(\.kind) == [.forwarded] && deltas.first?.guid == Self.b)
        let kept = try w.store().items(firstSeenSince: nil)
        #expect(kept.count == 2 && kept[0].text?.contains("VIGINUM") == false)

        // The page is fixed: the CSV is read again in full (its validators were dropped) and the answer arrives.
        try w.servePage("qSEQ231109012.modern.utf-8.html", as: Self.a)
        let fixed = try await w.run(now: PipelineWorld.day("2024-02-24"))
        #expect(fixed.outcomes.map(\.status) == [.ok])
        #expect(w.server.requests(path: "/data/questions.csv").last?.status == 200)
        #expect(try w.store().deltas(.run(fixed.runID)).map(\.kind) == [.answered])
        #expect(try w.store().sourceState("senat")?.consecutiveFailures == 0)
    }

    @Test func unreadableRowsAreSkippedAndTheOthersGoOn() async throws {
        let w = try await PipelineWorld()
        try w.configureSenate()
        let bad = "En attente de réponse;QE;09099;qSEQ231109099;Titre;EXEMPLE;Marie;Mme;Ailleurs;EX;Membre;32/13/2023"
        try w.serveCSV([Self.pending(Self.a, "09012"), Self.pending(Self.b, "09013")], raw: [bad])
        let report = try await w.run(now: PipelineWorld.day("2023-11-24"))
        #expect(report.outcomes.map(\.status) == [.ok])
        #expect(try w.store().deltas(.run(report.runID)).compactMap(\.guid).sorted() == [Self.a, Self.b])

        // A CSV with no readable row at all is unusable: the source fails and says why.
        try w.server.write("data/questions.csv", "Sort;Nature;Titre\r\nRépondu;QE;Rien\r\n")
        let unusable = try await w.run(now: PipelineWorld.day("2023-11-25"))
        #expect(unusable.outcomes.first?.status == .failed)
        #expect(unusable.outcomes.first?.error?.contains("header") == true)
        #expect(try w.store().items(firstSeenSince: nil).count == 2)
    }

    @Test func aReminderQuestionGivesRemindedOnTheQuestionItRecalls() async throws {
        let w = try await PipelineWorld()
        try w.configureSenate()
        try w.serveCSV([Self.pending(Self.a, "09012")])
        try w.servePage("state-pending.html", as: Self.a)
        _ = try await w.run(now: PipelineWorld.day("2023-11-24"))

        // Two reminders of n° 09012: one names it in the CSV, the other only on its page ("Rappelle la question n° 09012").
        let byRow = "qSEQ240310500"
        let byPage = "qSEQ240310501"
        var first = Self.pending(byRow, "10500", published: "14/03/2024")
        first.reminded = Self.a
        try w.serveCSV([Self.pending(Self.a, "09012"), first, Self.pending(byPage, "10501", published: "14/03/2024")])
        try w.servePage("state-reminder.html", as: byRow)
        try w.servePage("state-reminder.html", as: byPage)
        let report = try await w.run(now: PipelineWorld.day("2024-03-15"))
        let deltas = try w.store().deltas(.run(report.runID))
        #expect(deltas.filter { $0.kind == .published }.compactMap(\.guid).sorted() == [byRow, byPage])
        let reminded = deltas.filter { $0.kind == .reminded }
        #expect(reminded.count == 2 && reminded.allSatisfy { $0.guid == Self.a && !$0.baseline })
        let details = try reminded.map(Self.senate)
        #expect(details.compactMap { $0["reminded_by"] as? String }.sorted() == [byRow, byPage])
        #expect(details.allSatisfy { $0["reference"] as? String == Self.a && $0["state"] as? String == "pending" })
    }
}
