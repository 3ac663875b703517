/// Prepares what a user typed for FTS5's query language (SQLite's side; ``SearchQuery`` itself is the
/// parsed query PostgreSQL's side translates).
extension SearchQuery {
    /// Characters that are FTS5 syntax outside a bareword: they end a word and are kept as they are.
    static let syntax: Set<Unicode.Scalar> = ["\"", "(", ")", "*", ":", "^", "+", "{", "}", ","]

    /// `query` with each word FTS5 would refuse as a bareword written as a phrase: `l'Azerbaïdjan` becomes
    /// `"l'Azerbaïdjan"` (the phrase `l azerbaïdjan`), `Nouvelle-Calédonie` and `paris2024.fr` likewise.
    ///
    /// French text is full of apostrophes and hyphens, which FTS5 rejects outside quotes ("syntax error near
    /// '''"); quoting them keeps the user's words. Everything else is left as written, so phrases, `OR`,
    /// `AND`, `NOT`, `NEAR(…)`, `prefix*`, `^first` and column filters (`title:`, `-title:`) keep their
    /// meaning, and a malformed query (an unclosed quote, a lone `AND`) is still refused by FTS5 with its
    /// reason.
    ///
    /// - Parameter query: the text as typed.
    /// - Returns: the query to hand to `MATCH`.
    public static func quotingWords(_ query: String) -> String {
        var out = String.UnicodeScalarView()
        var word = String.UnicodeScalarView()
        var inPhrase = false
        func flush(beforeColon: Bool) {
            defer { word.removeAll() }
            let bare = word.allSatisfy {
                $0.value > 127 || ("0"..."9").contains($0) || ("a"..."z").contains($0)
                    || ("A"..."Z").contains($0) || $0 == "_" || $0.value == 0x1A
            }
            // `-title:` is a column filter: left alone before a colon.
            if bare || beforeColon {
                out.append(contentsOf: word)
            } else {
                out.append("\"")
                out.append(contentsOf: word)
                out.append("\"")
            }
        }
        for c in query.unicodeScalars {
            if inPhrase {
                out.append(c)
                if c == "\"" { inPhrase = false } // a doubled "" closes and reopens: the same text
            } else if c == "\"" {
                flush(beforeColon: false)
                out.append(c)
                inPhrase = true
            } else if syntax.contains(c) || c.properties.isWhitespace {
                flush(beforeColon: c == ":")
                out.append(c)
            } else {
                word.append(c)
            }
        }
        flush(beforeColon: false)
        return String(out)
    }
}
