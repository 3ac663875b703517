import Foundation
import Pipeline
import Storage
import TestSupport

/// One row of a hand-built Sénat questions CSV (test data; only question n° 09012's facts are real).
struct SenateTestRow {
    var sort = "En attente de réponse"
    var nature = "QE"
    var number: String
    var reference: String
    var title = "Campagne de déstabilisation des Jeux olympiques 2024"
    var published = "23/11/2023"
    var transmissionDate = ""
    var transmissionMinistry = ""
    var answerMinistry = ""
    var answerDate = ""
    var reminded = ""

    var line: String {
        [
            sort, nature, number, reference, title, "OUZOULIAS", "Pierre", "M.", "Hauts-de-Seine", "CRCE-K", "Membre",
            published, "Première ministre", transmissionDate, transmissionMinistry, answerMinistry, answerDate,
            reminded,
            "Affaires étrangères et coopération", "", "",
        ].joined(separator: ";")
    }
}

/// The Sénat side of a ``PipelineWorld``: a `senate-questions` source whose CSV and pages live on the
/// loopback server (`/data/questions.csv`, `/questions/base/{YYYY}/{reference}.html`).
extension PipelineWorld {
    static let senateHeader =
        "Sort;Nature;Numéro;Référence;Titre;Nom;Prénom;Civilité;Circonscription;Groupe;"
        + "Type Appartenance;Date de publication JO;Ministère de dépôt;Date de transmission;Ministère de transmission;"
        + "Ministère de réponse;Date de réponse JO;Référence de la question rappelée;Thème(s);Thème QC;URL Question"

    /// Writes `sources.yaml` with one Sénat source (`senat`).
    func configureSenate(backfill: String? = "30d") throws {
        var yaml = "contact: https://example.org/veille-tests\nsources:\n"
        yaml += "  - id: senat\n    kind: senate-questions\n    csv: \(server.url("/data/questions.csv"))\n"
        yaml +=
            "    pages: \(server.url("/questions/base/"))\n    natures: [QE]\n    every: 1h\n    timeout: 5s\n    delay: 0s\n"
        if let backfill { yaml += "    backfill: \(backfill)\n" }
        try yaml.write(to: config.appendingPathComponent("sources.yaml"), atomically: true, encoding: .utf8)
    }

    /// Serves a windows-1252 CSV with CRLF line ends: the header, then `rows` (and `raw` lines as given).
    func serveCSV(_ rows: [SenateTestRow], raw: [String] = []) throws {
        let text = ([Self.senateHeader] + rows.map(\.line) + raw).joined(separator: "\r\n") + "\r\n"
        guard let data = text.data(using: .windowsCP1252) else { throw SenateTestError.notWindows1252 }
        try server.write("data/questions.csv", bytes: Array(data))
    }

    /// Serves a fixture page as the page of `reference` (its canonical link rewritten to that reference).
    func servePage(_ fixture: String, as reference: String) throws {
        let original = try Data(contentsOf: Self.fixture("senate/\(fixture)"))
        var bytes = Array(original)
        if let text = String(data: original, encoding: .utf8) {
            bytes = Array(text.replacingOccurrences(of: "qSEQ231109012", with: reference).utf8)
        }
        try server.write(Self.pagePath(reference), bytes: bytes)
    }

    static func pagePath(_ reference: String) -> String {
        "questions/base/20\(reference.dropFirst(4).prefix(2))/\(reference).html"
    }

    /// Requests the server received for the page of `reference`.
    func pageRequests(_ reference: String) -> [LoggedRequest] {
        server.requests(path: "/" + Self.pagePath(reference))
    }

    /// A day at noon UTC.
    static func day(_ iso: String) -> Date {
        ISO8601DateFormatter().date(from: iso + "T12:00:00Z") ?? Date()
    }
}

/// A CSV line the test wrote that windows-1252 cannot encode.
enum SenateTestError: Error { case notWindows1252 }
