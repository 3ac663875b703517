import Foundation

/// One alias, group term or exclusion of one entity, ready for the automaton.
struct PatternSpec: Sendable {
    /// What the pattern does for its entity.
    enum Role: Sendable, Equatable {
        case alias
        /// A term of `all` group number `n` (0-based).
        case group(Int)
        /// A phrase that vetoes overlapping matches.
        case exclude
    }

    var entity: Int
    var role: Role
    /// As written in the watchlist.
    var written: String
    /// Normalized bytes, without `=` or `*`.
    var bytes: [UInt8]
    /// Matched with exactly the written case.
    var exact: Bool
    /// A trailing `*`: no word boundary needed at the end.
    var prefix: Bool
    /// Starts with `#` or `@`: the mark itself is part of the pattern.
    var marked: Bool
    /// Upper-case flags of the written letters, for exact-case checks.
    var caseShape: [Bool]

    /// Parses a watchlist term. Returns nil when it normalizes to nothing (the loader refuses those).
    init?(entity: Int, role: Role, written: String, exact: Bool) {
        var body = Substring(written.trimmingCharacters(in: .whitespaces))
        var exact = exact
        if case .group = role, body.hasPrefix("=") {
            exact = true
            body = body.dropFirst()
        }
        prefix = body.hasSuffix("*")
        if prefix { body = body.dropLast() }
        var normalized = Normalizer.normalize(String(body))
        while let last = normalized.last, !NormalizedText.isWord(last) { normalized.removeLast() }
        while let first = normalized.first, first == 0x20 || first == 0 { normalized.removeFirst() }
        guard normalized.contains(where: NormalizedText.isWord) else { return nil }
        self.entity = entity
        self.role = role
        self.written = written
        self.bytes = normalized
        self.exact = exact
        self.marked = normalized.first == UInt8(ascii: "#") || normalized.first == UInt8(ascii: "@")
        self.caseShape = PatternSpec.caseShape(Substring(body))
    }

    /// Upper-case flags of the letters of `s`, in order.
    static func caseShape(_ s: Substring) -> [Bool] {
        s.unicodeScalars.filter { $0.properties.isAlphabetic }.map {
            $0.properties.isUppercase || $0.properties.changesWhenLowercased
        }
    }
}
