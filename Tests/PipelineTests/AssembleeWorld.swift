import Foundation
import Pipeline
import Storage
import TestSupport

/// Hand-built Assemblée records (the structure of `Tests/ParliamentTests/Fixtures/assemblee/`, README) and
/// the archive of one night, served by the loopback server as the portal serves it.
struct ANRecord {
    var number: Int
    var attributions = ["Ministère de l'intérieur"]
    var answers: [String] = []
    var closing: (code: String?, label: String)?
    var signal: String?
    var renewal: String?
    var analyse: String?
    /// Extra question text, to make records (and the archive) larger.
    var padding = ""

    var uid: String { "QANR5L17QE\(number)" }

    var json: String {
        func jo(_ date: String, _ page: Int) -> [String: Any] {
            ["typeJO": "JO_QUESTION", "dateJO": date, "pageJO": "\(page)", "numJO": "10"]
        }
        var q: [String: Any] = [
            "uid": uid, "identifiant": ["numero": "\(number)", "legislature": "17"], "type": "QE",
            "indexationAN": ["rubrique": "défense", "analyses": analyse.map { ["analyse": $0] as Any } ?? NSNull()],
            "auteur": [
                "identite": ["acteurRef": "PA72\(number)"], "groupe": ["abrege": "EPR", "developpe": "Ensemble"],
            ],
            "minInt": ["abrege": "Intérieur", "developpe": attributions[0]],
            "minAttribs": [
                "minAttrib": attributions.map { ["infoJO": jo("2026-03-10", 1), "denomination": ["developpe": $0]] }
            ],
            "textesQuestion": [
                "texteQuestion": [
                    "infoJO": jo("2026-03-10", 1804),
                    "texte": "<p>\(number). — 10 mars 2026. — M. X. interroge sur les ingérences de RRN\(padding).</p>",
                ]
            ],
        ]
        q["textesReponse"] =
            answers.isEmpty
            ? NSNull() as Any
            : [
                "texteReponse": answers.enumerated().map { i, text in
                    ["infoJO": jo("2026-05-0\(i + 5)", 3120 + i), "texte": "<p>\(text)</p>"] as [String: Any]
                }
            ]
        q["cloture"] =
            closing.map {
                ["codeCloture": $0.code as Any? ?? NSNull(), "libelleCloture": $0.label, "dateCloture": "2026-06-01"]
                    as Any
            } ?? NSNull()
        q["signalement"] = signal.map { ["dateDepotSignal": $0] as Any } ?? NSNull()
        q["renouvellements"] = renewal.map { ["renouvellement": ["infoJO": jo($0, 9)]] as Any } ?? NSNull()
        let data = (try? JSONSerialization.data(withJSONObject: ["question": q], options: [.sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}

extension PipelineWorld {
    static let archivePath = "/repository/17/Questions_ecrites.json.zip"

    /// Writes `sources.yaml` with one `assemblee-questions` source, `an`, whose pages are on the server.
    func configureAssemblee() throws {
        let yaml = """
            contact: https://example.org/veille-tests
            sources:
              - id: an
                kind: assemblee-questions
                url: \(server.url(Self.archivePath))
                pages: \(server.url("/q17/"))
                every: 1h
                timeout: 20s
                delay: 0s

            """
        try yaml.write(to: config.appendingPathComponent("sources.yaml"), atomically: true, encoding: .utf8)
    }

    /// Serves the night's archive (`json/<uid>.json` per record, plus any raw entries).
    func serveArchive(_ records: [ANRecord], extra: [ZipMaker.Entry] = [], streamed: Bool = false) throws {
        let entries = records.map { ZipMaker.Entry("json/\($0.uid).json", text: $0.json) } + extra
        let file = server.root.appendingPathComponent(String(Self.archivePath.dropFirst()))
        try FileManager.default.createDirectory(
            at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        try ZipMaker.write(entries, to: file.path, streamed: streamed)
    }

    /// (kind, uid) of a run's deltas, sorted.
    func deltas(_ run: Int64) throws -> [String] {
        try store().deltas(.run(run)).map { "\($0.kind) \($0.guid ?? "?")" }.sorted()
    }

    /// The archive requests the server saw.
    var archiveRequests: [LoggedRequest] { server.requests(path: Self.archivePath) }
}
