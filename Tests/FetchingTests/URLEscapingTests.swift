import Testing

@testable import Fetching

/// URLs found in content, made fetchable as browsers do.
struct URLEscapingTests {
    @Test(arguments: [
        (
            "  https://www.lemonde.fr/société/a b?q=é ü#frag\n",
            "https://www.lemonde.fr/soci%C3%A9t%C3%A9/a%20b?q=%C3%A9%20%C3%BC"
        ),
        ("http://ex.org/a%20b", "http://ex.org/a%20b"),
        ("http://ex.org", "http://ex.org"),
        ("http://ex.org/{x}|\"y\"", "http://ex.org/%7Bx%7D%7C%22y%22"),
        ("http://ex.org/\u{7}\t", "http://ex.org/%07"),
        ("http://ex.org?x=1#a b", "http://ex.org?x=1"),
        ("not a url", "not a url"),
    ])
    func escapes(_ input: String, _ expected: String) {
        #expect(URLEscaping.fetchable(input) == expected)
    }
}
