import Foundation
import Storage
import VeilleCore

extension STIXExportBuilder {
    /// Report types for an item: `threat-report`, the open vocabulary's closest value for an article or a
    /// parliamentary question about a threat (`report-type-ov` has no "news" or "question").
    static let reportTypes: JSONValue = .array([.string("threat-report")])

    /// The `report` of one item and the `note` holding its evidence.
    func report(_ item: LinkedItem, links: [ItemLink], created: String, modified: String, identity: String)
        -> [JSONValue]
    {
        let key = item.sourceID + ":" + (item.guid ?? item.url ?? String(item.id))
        let reportID = STIXIdentifier.make("report", key: "report:" + key)
        var ref: [(String, JSONValue)] = [("source_name", .string("veille:" + item.sourceID))]
        if let url = item.url ?? item.canonicalURL {
            ref.append(("url", .string(url)))
        } else {
            ref.append(("external_id", .string(item.guid ?? String(item.id))))
        }
        if let sha = item.snapshotSHA256 { ref.append(("hashes", .object([("SHA-256", .string(sha))]))) }
        let refs = Watchlist.unique(links.compactMap { l in watchlist.entity(id: l.entityID).map(stixID) })
        let name = item.title.flatMap { $0.isEmpty ? nil : $0 } ?? item.url ?? "item \(item.id)"
        let report = JSONValue.object(
            common("report", reportID, created: created, modified: modified) + [
                ("name", .string(name)), ("report_types", Self.reportTypes),
                ("published", .string(item.published.map(Self.time) ?? created)),
                ("object_refs", .array(refs.map(JSONValue.string))),
                ("external_references", .array([.object(ref)])),
            ])
        let note = JSONValue.object(
            common("note", STIXIdentifier.make("note", key: "note:" + key), created: created, modified: modified) + [
                ("abstract", .string("veille evidence")), ("content", .string(noteContent(item, links))),
                ("object_refs", .array([.string(reportID)])),
            ])
        return [report, note]
    }

    /// The evidence in words: per entity, each match (alias, text found, field, snippet); then a Sénat
    /// question's ministry and answer (from the stored page JSON, `SenateQuestion`'s keys).
    func noteContent(_ item: LinkedItem, _ links: [ItemLink]) -> String {
        var lines = ["Linked by veille (source \(item.sourceID)):"]
        for l in links {
            let name = watchlist.entity(id: l.entityID)?.name ?? l.entityID
            lines.append("- \(name) (\(l.entityKind) \(l.entityID))")
            let matches = (try? JSONSerialization.jsonObject(with: Data(l.evidence.utf8))) as? [[String: Any]] ?? []
            for m in matches {
                let alias = m["alias"] as? String ?? ""
                let found = m["found"] as? String ?? ""
                let field = m["field"] as? String ?? ""
                let snippet = m["snippet"] as? String ?? ""
                lines.append("  - \(field): \"\(found)\" (alias \"\(alias)\"): \(snippet)")
            }
        }
        if let senate = item.senate,
            let facts = (try? JSONSerialization.jsonObject(with: Data(senate.utf8))) as? [String: Any]
        {
            if let ministry = facts["ministry"] as? String, !ministry.isEmpty { lines.append("Ministry: \(ministry)") }
            if let answer = facts["answer"] as? [String: Any] { // SenateQuestion.Answer: ministry, published, text
                let by = [answer["ministry"] as? String, (answer["published"] as? String).map { "published " + $0 }]
                    .compactMap { $0 }.joined(separator: ", ")
                let text = answer["text"] as? String ?? "(text not available in digital form)"
                lines.append("Answer" + (by.isEmpty ? "" : " (\(by))") + ": \(text)")
            }
        }
        return lines.joined(separator: "\n")
    }
}
