import Foundation
import Pipeline
import VeilleCore

@testable import Digests
@testable import Storage

/// The fixed store of the golden files: three weeks of history, then one night with several campaigns,
/// an item linked to three followed entities, the same wire story on three sources (one of them twice), a
/// title-only edit, a Sénat answer (the real question n° 09012 and its CSV title) and a burst of
/// Doppelgänger items. Every date comes from the world's clock, so the renderings are byte-stable.
enum DigestGoldenWorld {
    static let start = Date(timeIntervalSince1970: 1_732_000_000) // 2024-11-19 07:06:40 UTC

    static let wire =
        "Le Kremlin dément toute implication dans la campagne Doppelgänger visant la France, selon un communiqué publié mardi à Moscou par le porte-parole de la présidence russe. Moscou accuse en retour les services français de mener une campagne de désinformation contre la Russie et promet une réponse."

    /// The Sénat question as its page reads (Tests/ParliamentTests' parsed page of qSEQ231109012).
    static func senatePage() throws -> [String: Any] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Fixtures/senat-qSEQ231109012.page.json")
        return try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] ?? [:]
    }

    /// One Sénat update: the question (with its answer once `answered`), its CSV row and its delta.
    static func senate(answered: Bool, at: Date) throws -> SenateUpdateRecord {
        var page = try senatePage()
        let question = page["question_text"] as? String ?? ""
        let answer = (page["answer"] as? [String: Any])?["text"] as? String
        if !answered {
            page["answer"] = nil
            page["state"] = "forwarded"
        }
        let pageText = String(
            decoding: try JSONSerialization.data(withJSONObject: page, options: [.sortedKeys]), as: UTF8.self)
        // The CSV row of tests/ParliamentTests/Fixtures/csv/questions.utf-8.pipe.csv, as SenateCSVRow encodes it.
        let csv =
            #"{"reference":"qSEQ231109012","nature":"QE","number":"09012","title":"Campagne de déstabilisation, Jeux olympiques 2024","civility":"M.","lastName":"OUZOULIAS","firstName":"Pierre","circonscription":"Hauts-de-Seine","group":"CRCE-K","published":"2023-11-23","depositMinistry":"Première ministre","line":2}"#
        let record = SenateQuestionRecord(
            sourceId: "senat", reference: "qSEQ231109012", itemId: 0, number: "09012",
            state: answered ? "answered" : "forwarded", snapshot: "{}", csvRow: csv, page: pageText,
            pageUrl: "https://www.senat.fr/questions/base/2023/qSEQ231109012.html", pageEtag: nil,
            pageLastModified: nil, lastPageFetchAt: at, pageTries: 1, pageRetry: false, updatedAt: at)
        let item = IncomingItem(
            guid: "qSEQ231109012", url: "https://www.senat.fr/questions/base/2023/qSEQ231109012.html",
            title:
                "M. Pierre Ouzoulias interroge Mme la Première ministre au sujet d'une campagne de déstabilisation des Jeux olympiques 2024, semble-t-il, orchestrée par l'Azerbaïdjan.",
            text: ([question] + (answered ? [answer ?? ""] : [])).joined(separator: "\n\n"),
            published: Date(timeIntervalSince1970: 1_700_697_600)) // 2023-11-23
        let delta =
            answered
            ? SenateUpdateRecord.Delta(
                kind: .answered,
                detail:
                    #"{"reference":"qSEQ231109012","number":"09012","state":"answered","answer_date":"2024-02-22","date":"2024-02-22","ministry":"Ministère de l'Europe et des affaires étrangères","jo_page":675}"#,
                baseline: false)
            : SenateUpdateRecord.Delta(
                kind: .published, detail: #"{"reference":"qSEQ231109012","number":"09012","date":"2023-11-23"}"#,
                baseline: true)
        return SenateUpdateRecord(record: record, item: item, deltas: [delta])
    }

    /// The world and tonight's run.
    static func make() throws -> (DigestWorld, Int64) {
        let w = try DigestWorld()
        try w.store.syncSources([("senat", .senateQuestions, "https://www.senat.fr/questions.csv")])
        w.clock = start
        let item: (Int, String, String, String) -> IncomingItem = {
            DigestWorld.item($0, title: $1, text: $2, source: $3)
        }
        try w.crawl(
            [
                "lemonde": [item(1, "Le Kremlin et la campagne Doppelgänger", "Analyse.", "lemonde")],
                "afp": [item(1, "Dépêche de fond", "Rien.", "afp")],
                "rfi": [item(1, "Journal", "Rien.", "rfi")],
            ], senate: [try senate(answered: false, at: start)])
        // Three weeks of background: a Doppelgänger item every other day, a boycott item every third.
        for day in 1...20 {
            w.clock = start.addingTimeInterval(Double(day) * 86_400)
            var list: [IncomingItem] = []
            if day % 2 == 0 {
                list.append(item(100 + day, "Doppelgänger, jour \(day)", "Suivi \(day) de Doppelgänger.", "lemonde"))
            }
            if day % 3 == 0 {
                list.append(item(200 + day, "Boycott Paris 2024, jour \(day)", "Suivi \(day).", "lemonde"))
            }
            try w.crawl(["lemonde": list])
        }
        w.clock = start.addingTimeInterval(21 * 86_400)
        var lemonde = [
            item(1, "Le Kremlin et la campagne Doppelgänger, selon Viginum", "Analyse.", "lemonde"),
            item(
                2, "Bakou, Kanaky et boycott Paris 2024 : Doppelgänger relaie les trois",
                "Des comptes liés à Bakou relaient #boycottparis2024 et des messages sur la Nouvelle-Calédonie ; le réseau Doppelgänger amplifie. Le Kremlin se tait.",
                "lemonde"),
            item(3, "Doppelgänger : le Kremlin dément", wire, "lemonde"),
            item(4, "Météo", "Il pleut.", "lemonde"),
        ]
        let faux = ["Bild", "Le Parisien", "Spiegel", "Le Point", "20 Minutes", "Ouest-France"]
        for (i, name) in faux.enumerated() {
            lemonde.append(
                item(
                    10 + i, "Un faux \(name) signé Doppelgänger",
                    "Une copie du site \(name) diffuse un article inventé, attribué au réseau Doppelgänger (n° \(i * 7919)).",
                    "lemonde"))
        }
        let run = try w.crawl(
            [
                "lemonde": lemonde,
                "afp": [
                    item(3, "Doppelgänger : le Kremlin dément", wire + " ", "afp"),
                    item(4, "Doppelgänger : le Kremlin dément", wire + " (Rappel)", "afp"),
                ],
                "rfi": [item(3, "Doppelgänger : le Kremlin dément", wire + " RFI", "rfi")],
            ], senate: [try senate(answered: true, at: w.clock.addingTimeInterval(3600))])
        try w.fail("rfi", error: "HTTP 503 Service Unavailable")
        return (w, run)
    }
}
