import Foundation
import Pipeline
import Storage
import TestSupport
import Testing

/// Hostile article pages through the built `veille run` (so that a crash shows as a signal in a failed
/// expectation instead of ending the test process): HTML nested 100,000 deep, invalid UTF-8 and a
/// charset label that lies. Each gives an article or a named failure, and the run completes.
@Suite struct HostilePageTests {
    static let paragraph =
        "Le début de l'article est un paragraphe ordinaire, assez long pour être retenu par l'extracteur comme le texte principal de la page, même si la suite est une imbrication absurde."

    /// (name, page bytes, Content-Type, a word the extracted text must hold when extraction succeeds)
    static func pages() throws -> [(name: String, bytes: [UInt8], contentType: String, word: String)] {
        let head = try PipelineWorld.fixtureText("hostile/deep-page.html")
        let depth = 100_000
        let closedDivs =
            head + String(repeating: "<div>", count: depth) + "<p>Au fond.</p>"
            + String(repeating: "</div>", count: depth) + "</article></body></html>"
        let unclosedInline = head + String(repeating: "<span><b><i>", count: depth / 3) + "Au fond, sans fermeture."
        let tables = head + String(repeating: "<table><tr><td>", count: depth / 3) + "Au fond du tableau."
        let latin1 =
            Array(
                "<!doctype html><html><head><meta charset=\"utf-8\"><title>Page</title></head><body><article><p>".utf8)
            + Array(paragraph.utf8).map { $0 } + [0x20, 0x43, 0x61, 0x66, 0xE9, 0x20, 0x80, 0x20, 0xFF, 0xFE]
            + Array("</p></article></body></html>".utf8)
        return [
            ("100,000 nested divs", Array(closedDivs.utf8), "text/html; charset=utf-8", "paragraphe"),
            ("33,333 unclosed inline triples", Array(unclosedInline.utf8), "text/html", "paragraphe"),
            ("33,333 nested tables", Array(tables.utf8), "text/html", "paragraphe"),
            ("invalid UTF-8 declared UTF-8", latin1, "text/html; charset=utf-8", "Café"),
            (
                "UTF-8 labelled UTF-16",
                Array(("<html><body><article><p>" + paragraph + "</p></article></body></html>").utf8),
                "text/html; charset=utf-16le", ""
            ),
        ]
    }

    @Test func hostilePagesNeitherCrashNorHang() async throws {
        let pages = try Self.pages()
        let w = try await PipelineWorld()
        var items = ""
        for (index, page) in pages.enumerated() {
            try w.server.write("pages/\(index).html", bytes: page.bytes)
            try w.server.route("/pages/\(index).html", .file(contentType: page.contentType))
            items +=
                "<item><title>Page \(index)</title><guid>page-\(index)</guid><link>\(w.server.url("/pages/\(index).html"))</link><description>Résumé \(index).</description></item>\n"
        }
        try w.server.write(
            "feed.xml",
            "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Pages</title>\(items)</channel></rss>")
        try Hostile.configure(
            w, [Hostile.feed(w, id: "pages", path: "/feed.xml", timeout: "20s", more: "articles: true")])
        let r = try CLITests.run(["run", "--all", "--config", w.config.path, "--db", w.db, "--out", w.out])
        #expect(r.code == 0, "exit \(r.code) (a signal above 128): \(r.stderr.suffix(2_000))")
        guard r.code == 0 else { return }
        let rows = try Hostile.query(
            w.db,
            """
            SELECT i.guid, a.state, a.lastError, i.text FROM item i LEFT JOIN article a ON a.itemId = i.id ORDER BY i.id
            """)
        #expect(rows.count == pages.count)
        for (index, page) in pages.enumerated() {
            guard let row = rows.first(where: { $0[0] == "page-\(index)" }) else {
                Issue.record("\(page.name): no item")
                continue
            }
            let state = row[1] ?? "none"
            let text = row[3] ?? ""
            print(
                "hostile page \(page.name): article \(state), \(text.utf8.count) bytes of text, error \(row[2] ?? "none")"
            )
            #expect(state != "pending", "\(page.name): every page got an outcome")
            if state == "done" && !page.word.isEmpty {
                #expect(text.contains(page.word), "\(page.name): \(text.prefix(200))")
            }
            #expect(text.utf8.count < 1_000_000, "\(page.name): the nesting did not become text")
        }
        #expect(try w.store().integrityCheck() == "ok")
    }
}
