import Storage
import Testing

/// What a user types, as handed to FTS5: French words with apostrophes and hyphens become phrases; the
/// query language (phrases, operators, prefixes, column filters) and malformed input are left as written.
struct SearchQueryTests {
    static let cases: [(typed: String, sent: String)] = [
        ("bakou", "bakou"),
        ("l'Azerbaïdjan", "\"l'Azerbaïdjan\""),
        ("l’Azerbaïdjan", "l’Azerbaïdjan"), // U+2019 is a bareword character for FTS5
        ("Nouvelle-Calédonie OR Corse", "\"Nouvelle-Calédonie\" OR Corse"),
        ("paris2024.fr", "\"paris2024.fr\""),
        ("\"initiative de bakou\" NOT sport", "\"initiative de bakou\" NOT sport"),
        ("\"l'Azerbaïdjan\"", "\"l'Azerbaïdjan\""),
        ("boycott*", "boycott*"),
        ("title:bakou -text:sport", "title:bakou -text:sport"),
        ("NEAR(bakou france, 5)", "NEAR(bakou france, 5)"),
        ("(d'Alger OR Bakou)", "(\"d'Alger\" OR Bakou)"),
        ("\"unclosed l'a", "\"unclosed l'a"),
        ("AND", "AND"),
    ]

    @Test(arguments: cases)
    func quotingWords(_ c: (typed: String, sent: String)) {
        #expect(SearchQuery.quotingWords(c.typed) == c.sent)
    }
}
