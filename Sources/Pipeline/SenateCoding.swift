import Foundation
import Parliament
import VeilleCore

/// How Sénat values are stored: JSON text in the `senateQuestion` row, dates as `YYYY-MM-DD` in UTC.
enum SenateCoding {
    /// JSON with sorted keys: the same value always gives the same text (a row compares by its text).
    static func encode<T: Encodable>(_ value: T) -> String? {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(value) else { return nil }
        return String(decoding: data, as: UTF8.self)
    }

    /// Decodes stored JSON; nil when absent or unreadable (then the question is treated as first seen
    /// for that part, which can only add knowledge).
    static func decode<T: Decodable>(_ type: T.Type, _ text: String?) -> T? {
        guard let text else { return nil }
        return try? JSONDecoder().decode(type, from: Data(text.utf8))
    }

    /// A CSV row's comparable text: its JSON without the line number (a row moving in the file is no change).
    static func rowText(_ row: SenateCSVRow?) -> String? {
        guard var row else { return nil }
        row.line = 0
        return encode(row)
    }

    /// `2024-02-22` → midnight UTC that day.
    static func date(_ iso: String?) -> Date? {
        guard let iso else { return nil }
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        var c = DateComponents()
        c.year = parts[0]
        c.month = parts[1]
        c.day = parts[2]
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        return calendar.date(from: c)
    }

    /// The `senate` object of the export (foundation contract: reference, number, state, answer_date), plus
    /// the event's own facts: its date, ministry, JO page, and for `reminded` the reminder question.
    static func detail(
        reference: String, number: String?, state: SenateState, answerDate: String?,
        event: SenateEvent, remindedBy: String? = nil
    ) -> String {
        var pairs: [(String, JSONValue)] = [
            ("reference", .string(reference)), ("number", .string(number)), ("state", .string(state.rawValue)),
            ("answer_date", .string(answerDate)), ("date", .string(event.date)),
        ]
        if let m = event.ministry { pairs.append(("ministry", .string(m))) }
        if let p = event.joPage { pairs.append(("jo_page", .int(p))) }
        if let by = remindedBy { pairs.append(("reminded_by", .string(by))) }
        if remindedBy == nil, event.kind == .reminded {
            pairs.append(("reminds", .string(event.remindedReference ?? event.remindedNumber)))
        }
        return JSONValue.object(pairs).serialized()
    }
}
