import Foundation
import Testing

@testable import Parliament

/// The chamber-neutral lifecycle: each transition gives exactly its typed event, and changes that are not
/// events give none.
@Suite struct QuestionLifecycleTests {
    static func q(_ state: QuestionState = .pending) -> WrittenQuestion {
        var q = WrittenQuestion(chamber: .assemblee, uid: "QANR5L17QE1", state: state)
        q.published = "2026-03-10"
        q.ministryAsked = "Ministère de l'intérieur"
        q.attributions = ["Ministère de l'intérieur"]
        q.questionText = "Question."
        return q
    }

    static func answered(_ text: String = "Réponse.") -> WrittenQuestion {
        var a = q(.answered)
        a.answers = [.init(ministry: "Ministère de l'intérieur", published: "2026-05-05", joPage: 3120, text: text)]
        return a
    }

    static func kinds(_ old: WrittenQuestion?, _ new: WrittenQuestion) -> [String] {
        QuestionLifecycle.events(old: old, new: new).map(\.kind.rawValue)
    }

    @Test func firstSightIsPublishedPlusWhatIsAlreadyThere() {
        #expect(Self.kinds(nil, Self.q()) == ["published"])
        #expect(Self.kinds(nil, Self.answered()) == ["published", "answered"])
        var closed = Self.q(.closed)
        closed.closing = .init(code: "XYZ", label: "Clôture", date: "2026-07-01")
        let events = QuestionLifecycle.events(old: nil, new: closed)
        #expect(events.map(\.kind) == [.published, .closed])
        #expect(events.last?.label == "Clôture" && events.last?.date == "2026-07-01")
    }

    @Test func eachTransitionIsOneEvent() {
        var forwarded = Self.q()
        forwarded.attributions.append("Ministère des armées")
        #expect(Self.kinds(Self.q(), forwarded) == ["forwarded"])
        #expect(QuestionLifecycle.events(old: Self.q(), new: forwarded).first?.ministry == "Ministère des armées")
        let answer = QuestionLifecycle.events(old: Self.q(), new: Self.answered())
        #expect(answer.map(\.kind) == [.answered])
        #expect(answer.first?.date == "2026-05-05" && answer.first?.joPage == 3120)
        for (state, kind) in [(QuestionState.withdrawn, "withdrawn"), (.lapsed, "lapsed"), (.closed, "closed")] {
            #expect(Self.kinds(Self.q(), Self.q(state)) == [kind])
        }
        var flagged = Self.q()
        flagged.reminders = ["2026-05-12"]
        #expect(Self.kinds(Self.q(), flagged) == ["reminded"])
        var renewed = flagged
        renewed.renewals = ["2026-05-19"]
        #expect(Self.kinds(flagged, renewed) == ["renewed"])
    }

    @Test func anAnswerIsAnsweredOnlyOnce() {
        var withForward = Self.answered()
        withForward.attributions.append("Ministère des armées")
        #expect(Self.kinds(Self.q(), withForward) == ["answered"])
        var closedLater = Self.answered()
        closedLater.closing = .init(code: "REP_PUB", label: "Réponse publiée", date: "2026-05-05")
        #expect(Self.kinds(Self.answered(), closedLater).isEmpty)
        var indexed = Self.answered()
        indexed.title = "Analyse ajoutée"
        indexed.rubric = "sécurité"
        #expect(Self.kinds(Self.answered(), indexed).isEmpty)
        #expect(Self.kinds(Self.answered(), Self.answered("Réponse corrigée.")) == ["answer-corrected"])
        var second = Self.answered()
        second.answers.append(.init(ministry: nil, published: "2026-06-01", joPage: 4000, text: "Rectificatif."))
        #expect(Self.kinds(Self.answered(), second) == ["answer-corrected"])
    }

    @Test func answeredNeverGoesBackToPending() {
        let lost = QuestionLifecycle.carry(old: Self.answered(), new: Self.q())
        #expect(lost.state == .answered && lost.answers == Self.answered().answers)
        #expect(Self.kinds(Self.answered(), lost).isEmpty)
    }

    @Test func senatePagesAdaptToTheSharedModel() throws {
        let page = try SenatePageParser.parse(
            try FixtureLoader.bytes("pages/qSEQ231109012.modern.utf-8.html"), httpCharset: nil, url: "qSEQ231109012")
        let w = page.written
        #expect(w.chamber == .senate && w.uid == page.reference && w.number == "09012")
        #expect(w.state == QuestionState(page.state) && w.questionText == page.questionText)
        #expect(w.answer?.text == page.answer?.text)
    }

    @Test func bothChambersReadIntoTheSameModel() throws {
        func read<R: WrittenQuestionReader>(_: R.Type, _ path: String, _ name: String) throws -> WrittenQuestion {
            let q = try R.question(try FixtureLoader.bytes(path), name: name)
            #expect(q.chamber == R.chamber)
            return q
        }
        let an = try read(AssembleeRecordReader.self, "assemblee/QANR5L17QE1002.json", "QANR5L17QE1002.json")
        let senate = try read(SenatePageQuestionReader.self, "pages/qSEQ231109012.modern.utf-8.html", "qSEQ231109012")
        #expect(an.state == .answered && senate.state == .answered)
        #expect(QuestionLifecycle.events(old: nil, new: senate).map(\.kind) == [.published, .answered])
    }
}
