import Foundation
import Pipeline
import Storage
import TestSupport
import Testing

/// `kind: assemblee-questions` end to end over the loopback server: the archive night after night by
/// conditional GET, exactly the expected typed deltas each night, the export object, author names from the
/// pages, and the archive served unchanged at no cost.
@Suite struct AssembleePipelineTests {
    static let q1 = "QANR5L17QE1001", q2 = "QANR5L17QE1002", q3 = "QANR5L17QE1003", q4 = "QANR5L17QE1004"

    static func assemblee(_ delta: DeltaExport) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(delta.json.serialized().utf8)) as? [String: Any]
        return try #require(object?["assemblee"] as? [String: Any])
    }

    @Test func nightAfterNightEachChangeIsExactlyItsDelta() async throws {
        let w = try await PipelineWorld()
        try w.configureAssemblee()
        try w.server.route(PipelineWorld.archivePath, .download())
        try w.server.write(
            "q17/17-1003QE.htm", "<html><body><h1>Question N° 1003 de Mme Anne Martin (EPR - Paris)</h1></body></html>")
        var r1 = ANRecord(number: 1001)
        var r2 = ANRecord(number: 1002)

        // Night 1: the first crawl is a baseline, counted not listed; no page is read for it.
        try w.serveArchive([r1, r2])
        let n1 = try await w.run(now: PipelineWorld.day("2026-03-11"))
        #expect(n1.outcomes.map(\.status) == [.ok])
        let baseline = try w.store().deltas(.run(n1.runID))
        #expect(baseline.map(\.kind) == [.published, .published] && baseline.allSatisfy(\.baseline))
        #expect(baseline.first?.url == w.server.url("/q17/17-1001QE.htm"))
        #expect(baseline.first?.text?.hasPrefix("M. X. interroge sur les ingérences de RRN") == true)
        #expect(w.server.requests().filter { $0.path.hasPrefix("/q17/") }.isEmpty)

        // Night 2: the same archive: a 304, nothing read.
        let n2 = try await w.run(now: PipelineWorld.day("2026-03-12"))
        #expect(n2.outcomes.map(\.status) == [.notModified])
        #expect(try w.deltas(n2.runID).isEmpty)
        #expect(w.archiveRequests.last?.status == 304 && w.archiveRequests.last?.isConditional == true)

        // Night 3: a new question, and a transfer to another ministry.
        r1.attributions.append("Ministère des armées")
        let r3 = ANRecord(number: 1003)
        try w.serveArchive([r1, r2, r3])
        let n3 = try await w.run(now: PipelineWorld.day("2026-03-13"))
        #expect(try w.deltas(n3.runID) == ["forwarded \(Self.q1)", "published \(Self.q3)"])
        let fwd = try Self.assemblee(
            try #require(try w.store().deltas(.run(n3.runID)).first { $0.kind == .forwarded }))
        #expect(fwd["ministry"] as? String == "Ministère des armées" && fwd["state"] as? String == "pending")

        // Night 4: an answer, and a signalement.
        r1.answers = ["VIGINUM a documenté la campagne."]
        r2.signal = "2026-03-14"
        try w.serveArchive([r1, r2, r3])
        let n4 = try await w.run(now: PipelineWorld.day("2026-03-14"))
        #expect(try w.deltas(n4.runID) == ["answered \(Self.q1)", "reminded \(Self.q2)"])
        let answered = try #require(try w.store().deltas(.run(n4.runID)).first { $0.kind == .answered })
        #expect(
            answered.json.serialized().contains(
                #""assemblee":{"uid":"QANR5L17QE1001","number":"1001","legislature":17,"state":"answered","answer_date":"2026-05-05""#
            ))
        #expect(answered.text?.contains("VIGINUM a documenté la campagne.") == true)

        // Night 5: the closing arrives after the answer and the indexing is filled in (silent), a withdrawal,
        // a re-tabling.
        r1.closing = ("REP_PUB", "Réponse publiée")
        r1.analyse = "Ingérences étrangères"
        var withdrawn = r3
        withdrawn.closing = (nil, "Retirée")
        r2.renewal = "2026-05-15"
        try w.serveArchive([r1, r2, withdrawn])
        let n5 = try await w.run(now: PipelineWorld.day("2026-03-15"))
        #expect(try w.deltas(n5.runID) == ["renewed \(Self.q2)", "withdrawn \(Self.q3)"])

        // Night 6: the same records in a zip written differently (data descriptors): new validators, same
        // content: nothing read, nothing recorded.
        try w.serveArchive([r1, r2, withdrawn], streamed: true)
        let n6 = try await w.run(now: PipelineWorld.day("2026-03-16"))
        #expect(n6.outcomes.map(\.status) == [.notModified] && w.archiveRequests.last?.status == 200)
        #expect(try w.deltas(n6.runID).isEmpty)

        // Night 7: a corrected answer, and a question closed for a reason veille does not know.
        r1.answers.append("Rectificatif : VIGINUM a documenté deux campagnes.")
        var closed = ANRecord(number: 1004)
        closed.closing = ("ZZZ", "Clôture pour fin de fonctions")
        try w.serveArchive([r1, r2, withdrawn, closed])
        let n7 = try await w.run(now: PipelineWorld.day("2026-03-17"))
        #expect(
            try w.deltas(n7.runID) == ["answer-corrected \(Self.q1)", "closed \(Self.q4)", "published \(Self.q4)"])
        let c = try Self.assemblee(try #require(try w.store().deltas(.run(n7.runID)).first { $0.kind == .closed }))
        #expect(c["state"] as? String == "closed" && c["label"] as? String == "Clôture pour fin de fonctions")

        // One `answered` for the one answer, over all nights; the author's name came from the page.
        let all = try w.store().deltas(.since(Date(timeIntervalSince1970: 0)))
        #expect(all.filter { $0.kind == .answered }.count == 1)
        #expect(w.server.requests(path: "/q17/17-1003QE.htm").count == 1)
        let facts = try w.store().senateFacts(items: [try #require(all.first { $0.guid == Self.q3 }).itemID])
        #expect(facts.values.first?.contains(#""author_name":"Mme Anne Martin""#) == true)
        let q2facts = try w.store().senateFacts(items: [try #require(all.first { $0.guid == Self.q2 }).itemID])
        #expect(q2facts.values.first?.contains(#""author_name":"PA721002""#) == true)
    }
}
