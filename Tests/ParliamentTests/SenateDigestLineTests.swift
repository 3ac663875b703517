import Testing

@testable import Parliament

/// Item title/text and digest lines.
struct SenateDigestLineTests {
    static func seed() throws -> SenateQuestion {
        try SenatePageParser.parse(
            try FixtureLoader.bytes("pages/qSEQ231109012.modern.utf-8.html"), httpCharset: nil, url: nil)
    }

    @Test("the digest line for the seed's answer")
    func answeredLine() throws {
        let q = try Self.seed()
        let event = SenateEvent(
            kind: .answered, reference: "qSEQ231109012", date: "2024-02-22",
            ministry: q.answer?.ministry, joPage: 675)
        #expect(
            SenateDigestLine.text(event, question: q, row: nil)
                == "Réponse du Ministère de l'Europe et des affaires étrangères publiée le 22/02/2024 à la question "
                + "n° 09012 de M. Pierre Ouzoulias (Hauts-de-Seine, CRCE-K)")
    }

    @Test(
        "lines for the other kinds",
        arguments: [
            (
                SenateEvent.Kind.published, Optional("2023-11-23"),
                "Question n° 09012 de M. Pierre Ouzoulias (Hauts-de-Seine, CRCE-K) publiée le 23/11/2023"
            ),
            (.lapsed, nil, "Question n° 09012 de M. Pierre Ouzoulias (Hauts-de-Seine, CRCE-K) caduque"),
            (.withdrawn, nil, "Question n° 09012 de M. Pierre Ouzoulias (Hauts-de-Seine, CRCE-K) retirée"),
        ])
    func otherLines(kind: SenateEvent.Kind, date: String?, line: String) throws {
        let event = SenateEvent(kind: kind, reference: "qSEQ231109012", date: date)
        #expect(SenateDigestLine.text(event, question: try Self.seed(), row: nil) == line)
    }

    @Test("a CSV row alone is enough; short ministry names read \"du ministère : …\"")
    func rowOnly() {
        var row = SenateCSVRow(reference: "qSEQ231109012", line: 2)
        row.number = "09012"
        row.civility = "Mme"
        row.firstName = "Marie-Pierre"
        row.lastName = "de LA GONTRIE"
        row.circonscription = "Paris"
        row.group = "SER"
        let event = SenateEvent(kind: .answered, reference: row.reference, date: "2024-02-22", ministry: "Culture")
        #expect(
            SenateDigestLine.text(event, question: nil, row: row)
                == "Réponse du ministère : Culture publiée le 22/02/2024 à la question n° 09012 de Mme Marie-Pierre de La Gontrie (Paris, SER)"
        )
    }

    @Test("item title and text")
    func item() throws {
        let q = try Self.seed()
        #expect(
            q.itemTitle == "M. Pierre Ouzoulias interroge Mme la Première ministre au sujet d'une campagne de "
                + "déstabilisation des Jeux olympiques 2024, semble-t-il, orchestrée par l'Azerbaïdjan")
        #expect(q.itemText.hasPrefix("M. Pierre Ouzoulias interroge"))
        #expect(q.itemText.hasSuffix("d'exigence, de clarté et d'engagement."))
        #expect(q.authorName == "M. Pierre Ouzoulias")
        var titled = q
        titled.title = "Ingérences"
        #expect(titled.itemTitle == "Ingérences")
    }
}
