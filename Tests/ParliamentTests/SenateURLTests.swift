import Testing

@testable import Parliament

/// Page URLs, CSV URLs, references.
struct SenateURLTests {
    @Test(
        "page URL from a reference",
        arguments: [
            ("qSEQ231109012", "https://www.senat.fr/questions/base/2023/qSEQ231109012.html"),
            ("qSEQ23100827S", "https://www.senat.fr/questions/base/2023/qSEQ23100827S.html"),
            ("qSEQ800302705", "https://www.senat.fr/questions/base/1980/qSEQ800302705.html"),
        ])
    func page(reference: String, url: String) {
        #expect(SenateURL.page(base: "https://www.senat.fr/questions/base/", reference: reference) == url)
        #expect(SenateURL.page(base: "https://www.senat.fr/questions/base", reference: reference) == url)
    }

    @Test(
        "a malformed reference gives no URL",
        arguments: ["", "qSEQ", "09012", "qSEQ2311090123", "qSEQ23110901X", "../etc/passwd"])
    func badReference(reference: String) {
        #expect(SenateURL.page(base: "http://127.0.0.1:8080/base/", reference: reference) == nil)
    }

    @Test(
        "the CSV's URL is used only under the pages base",
        arguments: [
            ("https://www.senat.fr/questions/base/2023/qSEQ231109012.html", true),
            ("https://WWW.SENAT.FR/questions/base/2023/qSEQ231109012.html", true),
            ("http://www.senat.fr/questions/base/2023/qSEQ231109012.html", false),
            ("https://evil.example/questions/base/2023/qSEQ231109012.html", false),
            ("https://www.senat.fr/questions/basexyz/qSEQ231109012.html", false),
            ("https://www.senat.fr/questions/base/../../x.html", false),
            ("javascript:alert(1)", false),
            ("", false),
        ])
    func usable(csvURL: String, ok: Bool) {
        let got = SenateURL.usable(csvURL: csvURL, base: "https://www.senat.fr/questions/base/")
        #expect((got != nil) == ok)
    }

    @Test("nature codes are normalized", arguments: [("QE", "QE"), ("qosd", "QOSD"), ("QAG", "QG"), ("QG", "QG")])
    func nature(raw: String, code: String) {
        #expect(SenateNature.normalize(raw) == code)
    }
}
