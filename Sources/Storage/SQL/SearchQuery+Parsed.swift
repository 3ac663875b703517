/// The archive's search syntax, parsed once: words (implicit AND), `"phrases"`, `OR`, `NOT`, `AND`,
/// parentheses, `prefix*`, and `title:` / `text:` before a word or phrase (FTS5's syntax, which SQLite
/// reads as written). On PostgreSQL the parsed query is rendered as a `to_tsquery` string in which every
/// operand is quoted by veille: the user's text never reaches the server unparsed.
public indirect enum SearchQuery: Sendable, Equatable {
    /// A word or phrase (several words in a row), optionally a prefix, optionally in one field.
    case term(words: [String], prefix: Bool, field: Field?)
    case and(SearchQuery, SearchQuery)
    case or(SearchQuery, SearchQuery)
    /// `a NOT b`: a, and not b.
    case andNot(SearchQuery, SearchQuery)

    /// The fields a term can be limited to.
    public enum Field: String, Sendable {
        case title, text
    }

    /// Parses `text`.
    ///
    /// - Throws: ``ArchiveQueryError`` naming the problem (an unclosed quote or parenthesis, an operator
    ///   with nothing on one side, an unknown field).
    public init(parsing text: String) throws {
        var parser = Parser(tokens: try Self.tokenize(text))
        guard let query = try parser.orExpression() else { throw ArchiveQueryError(message: "empty query") }
        if parser.index < parser.tokens.count {
            throw ArchiveQueryError(message: "unexpected \(parser.tokens[parser.index]) in the query")
        }
        self = query
    }

    /// The query as `to_tsquery` input, every operand single-quoted (quotes and backslashes escaped), `:*`
    /// for prefixes, `:A` / `:B` for the title and text (their weights in `item.searchVector`).
    public var tsquery: String {
        switch self {
        case .term(let words, let prefix, let field):
            let quoted =
                "'"
                + words.joined(separator: " ").replacingOccurrences(of: "\\", with: "\\\\")
                .replacingOccurrences(of: "'", with: "''") + "'"
            let weight = field.map { $0 == .title ? "A" : "B" } ?? ""
            let suffix = prefix ? ":*" + weight : (weight.isEmpty ? "" : ":" + weight)
            return quoted + suffix
        case .and(let a, let b): return "(\(a.tsquery) & \(b.tsquery))"
        case .or(let a, let b): return "(\(a.tsquery) | \(b.tsquery))"
        case .andNot(let a, let b): return "(\(a.tsquery) & !\(b.tsquery))"
        }
    }

    enum Token: Equatable, CustomStringConvertible {
        case word(String, prefix: Bool, field: Field?)
        case phrase([String], prefix: Bool, field: Field?)
        case and, or, not, open, close

        var description: String {
            switch self {
            case .word(let w, _, _): return "\"\(w)\""
            case .phrase(let p, _, _): return "\"\(p.joined(separator: " "))\""
            case .and: return "AND"
            case .or: return "OR"
            case .not: return "NOT"
            case .open: return "("
            case .close: return ")"
            }
        }
    }

    static func tokenize(_ text: String) throws -> [Token] {
        var tokens: [Token] = []
        let chars = Array(text)
        var i = 0
        var field: Field? = nil
        while i < chars.count {
            let c = chars[i]
            if c.isWhitespace {
                i += 1
            } else if c == "(" || c == ")" {
                guard field == nil else { throw ArchiveQueryError(message: "a field name before \(c)") }
                tokens.append(c == "(" ? .open : .close)
                i += 1
            } else if c == "\"" {
                var j = i + 1
                var phrase = ""
                while j < chars.count {
                    if chars[j] == "\"" {
                        if j + 1 < chars.count && chars[j + 1] == "\"" {
                            phrase.append("\"")
                            j += 2
                            continue
                        }
                        break
                    }
                    phrase.append(chars[j])
                    j += 1
                }
                guard j < chars.count else { throw ArchiveQueryError(message: "unterminated string") }
                i = j + 1
                let prefix = i < chars.count && chars[i] == "*"
                if prefix { i += 1 }
                let words = phrase.split(whereSeparator: { $0.isWhitespace }).map(String.init)
                if !words.isEmpty { tokens.append(.phrase(words, prefix: prefix, field: field)) }
                field = nil
            } else {
                var j = i
                var word = ""
                while j < chars.count, !chars[j].isWhitespace, !"()\"".contains(chars[j]) {
                    if chars[j] == ":" { break }
                    word.append(chars[j])
                    j += 1
                }
                if j < chars.count, chars[j] == ":" {
                    guard let f = Field(rawValue: word.lowercased()) else {
                        throw ArchiveQueryError(message: "no such column: \(word)")
                    }
                    field = f
                    i = j + 1
                    continue
                }
                i = j
                if field == nil, word == "AND" || word == "OR" || word == "NOT" {
                    tokens.append(word == "AND" ? .and : word == "OR" ? .or : .not)
                    continue
                }
                let prefix = word.hasSuffix("*")
                let bare = prefix ? String(word.dropLast()) : word
                guard !bare.isEmpty, !bare.contains("*") else {
                    throw ArchiveQueryError(message: "syntax error near \"\(word)\"")
                }
                tokens.append(.word(bare, prefix: prefix, field: field))
                field = nil
            }
        }
        if field != nil { throw ArchiveQueryError(message: "a field name with nothing after it") }
        return tokens
    }

    /// FTS5's precedence: NOT binds tightest, then AND (explicit or implied), then OR.
    struct Parser {
        let tokens: [Token]
        var index = 0

        mutating func orExpression() throws -> SearchQuery? {
            guard var left = try andExpression() else { return nil }
            while index < tokens.count, tokens[index] == .or {
                index += 1
                guard let right = try andExpression() else {
                    throw ArchiveQueryError(message: "OR with nothing after it")
                }
                left = .or(left, right)
            }
            return left
        }

        mutating func andExpression() throws -> SearchQuery? {
            guard var left = try notExpression() else { return nil }
            while index < tokens.count {
                if tokens[index] == .and {
                    index += 1
                    guard let right = try notExpression() else {
                        throw ArchiveQueryError(message: "AND with nothing after it")
                    }
                    left = .and(left, right)
                } else if let right = try notExpression() {
                    left = .and(left, right)
                } else {
                    break
                }
            }
            return left
        }

        mutating func notExpression() throws -> SearchQuery? {
            guard var left = try primary() else { return nil }
            while index < tokens.count, tokens[index] == .not {
                index += 1
                guard let right = try primary() else { throw ArchiveQueryError(message: "NOT with nothing after it") }
                left = .andNot(left, right)
            }
            return left
        }

        mutating func primary() throws -> SearchQuery? {
            guard index < tokens.count else { return nil }
            switch tokens[index] {
            case .word(let w, let prefix, let field):
                index += 1
                return .term(words: [w], prefix: prefix, field: field)
            case .phrase(let words, let prefix, let field):
                index += 1
                return .term(words: words, prefix: prefix, field: field)
            case .open:
                index += 1
                guard let inner = try orExpression() else { throw ArchiveQueryError(message: "empty parentheses") }
                guard index < tokens.count, tokens[index] == .close else {
                    throw ArchiveQueryError(message: "unclosed parenthesis")
                }
                index += 1
                return inner
            case .close, .and, .or, .not:
                if index == 0 {
                    throw ArchiveQueryError(message: "syntax error near \(tokens[index])")
                }
                return nil
            }
        }
    }
}
