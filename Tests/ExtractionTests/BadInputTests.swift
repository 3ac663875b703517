import Extraction
import Testing

/// Bad input: never a crash, never a hang; an empty article with a reason when nothing can be read.
@Suite struct BadInputTests {
    @Test(arguments: [
        ("empty", [UInt8]()),
        ("blank", Array("  \n\t ".utf8)),
        ("plain text", Array("Ceci n'est pas une page HTML, seulement du texte brut.".utf8)),
        ("JSON", Array("{\"title\": \"x\"}".utf8)),
        ("PDF", Array("%PDF-1.7\n%âãÏÓ\n1 0 obj".utf8)),
        ("binary", (0..<5000).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ 13) }),
        ("no body", Array("<html><head><title>Titre</title></head></html>".utf8)),
    ])
    func emptyArticleWithAReason(_ label: String, _ bytes: [UInt8]) {
        let a = ArticleExtractor.extract(bytes, url: nil, httpCharset: nil)
        #expect(a.text.isEmpty, "\(label)")
        #expect(a.emptyReason != nil, "\(label)")
    }

    static let paragraph =
        "<p>Un paragraphe de l'article, assez long, avec des virgules, pour être retenu par le score.</p>"

    @Test func pageWithoutBodyElementStillReadsItsText() {
        let html = String(repeating: BadInputTests.paragraph, count: 8)
        let a = ArticleExtractor.extract(Array(html.utf8), url: nil, httpCharset: nil)
        #expect(a.text.contains("Un paragraphe de l'article"))
    }

    @Test func twentyMegabytePageIsBounded() {
        var page = Array(
            ("<html><body><article>" + String(repeating: BadInputTests.paragraph, count: 10) + "</article><div>").utf8)
        let filler = Array("<div><span>bruit</span></div>".utf8)
        while page.count < 20_000_000 { page.append(contentsOf: filler) }
        let a = ArticleExtractor.extract(page, url: nil, httpCharset: nil)
        #expect(a.text.contains("Un paragraphe de l'article"))
        #expect(a.text.utf8.count < 20_000_000)
    }

    @Test func hundredThousandDeepNesting() {
        var page = Array("<html><body>".utf8)
        for _ in 0..<100_000 { page.append(contentsOf: Array("<div>".utf8)) }
        page.append(contentsOf: Array(String(repeating: BadInputTests.paragraph, count: 6).utf8))
        let a = ArticleExtractor.extract(page, url: nil, httpCharset: nil)
        #expect(a.text.contains("Un paragraphe") || a.emptyReason != nil)
        var inline = Array("<html><body><p>".utf8)
        for _ in 0..<100_000 { inline.append(contentsOf: Array("<b>".utf8)) }
        inline.append(contentsOf: Array("fin".utf8))
        _ = ArticleExtractor.extract(inline, url: nil, httpCharset: nil)
    }

    @Test func invalidUTF8IsReadAsWindows1252() {
        // Latin-1 bytes (é = 0xE9) with no declaration: invalid UTF-8, so read as windows-1252.
        let html =
            "<html><body><article>"
            + String(
                repeating:
                    "<p>Le d\u{E9}put\u{E9} a vot\u{E9}, avec des virgules, un paragraphe assez long pour le score de l'article.</p>",
                count: 6) + "</article></body></html>"
        let page = html.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
        let a = ArticleExtractor.extract(page, url: nil, httpCharset: nil)
        #expect(a.text.contains("Le député a voté"))
        #expect(a.emptyReason == nil)
    }

    @Test func httpCharsetIsHonoured() {
        let html =
            "<html><body><article>"
            + String(
                repeating:
                    "<p>L'\u{E9}t\u{E9} fut long, tr\u{E8}s long, et le Parlement si\u{E9}gea sans rel\u{E2}che jusqu'en ao\u{FB}t.</p>",
                count: 6) + "</article></body></html>"
        let latin1 = html.unicodeScalars.map { UInt8(truncatingIfNeeded: $0.value) }
        let a = ArticleExtractor.extract(latin1, url: nil, httpCharset: "ISO-8859-1")
        #expect(a.text.contains("L'été fut long"))
    }
}

/// The charset rule holds inside the parser: a declaration in the page never overrides the decision.
@Suite struct CharsetRuleTests {
    @Test func httpCharsetBeatsALateMetaDeclaration() {
        let html =
            "<html><head><meta charset=\"iso-8859-1\"></head><body><article>"
            + String(
                repeating:
                    "<p>Le député a voté, avec des virgules, un paragraphe assez long pour le score de l'article.</p>",
                count: 6) + "</article></body></html>"
        let a = ArticleExtractor.extract(Array(html.utf8), url: nil, httpCharset: "utf-8")
        #expect(a.text.contains("Le député a voté"))
    }

    @Test func utf8PageMislabelledWithALegacyMultibyteCharsetIsNotLost() {
        let html =
            "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body><article>"
            + String(repeating: "<p>谷歌在2014年收购的人工智能公司开发出一款能够用自己的记忆学习新知识并利用这些知识来回答问题的计算机，这款产品具有极其重要的意义。</p>", count: 8)
            + "</article></body></html>"
        let a = ArticleExtractor.extract(Array(html.utf8), url: nil, httpCharset: nil)
        #expect(a.text.contains("人工智能公司"))
    }
}
