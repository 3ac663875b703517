import Matching
import VeilleCore

/// The lines `veille match` prints on a terminal: one per campaign or actor found, with its name, the words
/// that matched and the field they are in.
enum MatchReadable {
    /// `campaign Boycott des JO de Paris (paris2024-boycott): "boycott des JO" in text ×2, "jo2024.ru" in link`
    ///
    /// Entities in the order of their first match; each distinct word and field once, with its count.
    static func lines(_ matches: [EntityMatch], watchlist: LoadedWatchlist) -> [String] {
        var order: [String] = []
        var kinds: [String: EntityMatch.EntityKind] = [:]
        var words: [String: [(found: String, field: String, count: Int)]] = [:]
        for m in matches {
            if kinds[m.entityID] == nil {
                order.append(m.entityID)
                kinds[m.entityID] = m.entityKind
            }
            let found = normalizeWhitespace(m.found)
            if let i = words[m.entityID, default: []].firstIndex(where: {
                $0.found == found && $0.field == m.field.rawValue
            }) {
                words[m.entityID]?[i].count += 1
            } else {
                words[m.entityID, default: []].append((found, m.field.rawValue, 1))
            }
        }
        return order.map { id in
            let evidence = (words[id] ?? []).map { w in
                "\"\(w.found)\" in \(w.field)" + (w.count > 1 ? " ×\(w.count)" : "")
            }
            return "\(kinds[id]?.rawValue ?? "entity") \(watchlist.name(id)) (\(id)): "
                + evidence.joined(separator: ", ")
        }
    }

}
