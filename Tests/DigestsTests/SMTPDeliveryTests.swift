import Curl
import Foundation
import Storage
import Testing
import VeilleCore

@testable import Digests

/// Email digests over a real SMTP server on 127.0.0.1 (python3-aiosmtpd): one message per address, MIME as
/// clients read it, TLS and AUTH, and exactly once across failures.
@Suite struct SMTPDeliveryTests {
    static func yaml(
        _ server: String, to: [String] = ["analyste@example.org", "veille@example.org"], extra: String = "",
        digestExtra: String = ""
    ) -> String {
        """
        smtp:
          url: \(server)
          from: "veille <veille@example.org>"
          pause: 10ms
          timeout: 10s
        \(extra)
        digests:
          - id: morning
            channel: email
            to: [\(to.joined(separator: ", "))]
            actors: [azerbaijan]
            unmatched: true
        \(digestExtra)
        """
    }

    /// A world with a baseline run and a run with a matched hostile item.
    static func world() throws -> DigestWorld {
        let w = try DigestWorld()
        try w.crawl(["lemonde": [DigestWorld.item(1, title: "Base", source: "lemonde")]])
        try w.crawl([
            "lemonde": [
                DigestWorld.item(
                    2, title: DigestRenderTests.hostile, text: "Bakou, boycott Paris 2024.", source: "lemonde"),
                DigestWorld.item(3, title: "Météo", text: "Il pleut.", source: "lemonde"),
            ]
        ])
        return w
    }

    static func pending(_ w: DigestWorld) throws -> Int {
        try w.store.digestMessages(digest: "morning").filter { $0.status == "pending" }.count
    }

    @Test func oneMessagePerAddressMultipartWithHeadersGroupingAndInertHostileText() throws {
        let server = try SMTPTestServer.start()
        let w = try Self.world()
        _ = try w.delivery(Self.yaml(server.url)).deliver(currentRun: nil)
        // A digest added later starts from the moment it is added: nothing from the history.
        #expect(server.received().isEmpty)
        try w.crawl([
            "lemonde": [
                DigestWorld.item(
                    4, title: DigestRenderTests.hostile + " bis", text: "Bakou, boycott Paris 2024 encore.",
                    source: "lemonde"),
                DigestWorld.item(5, title: "Orages", text: "Encore.", source: "lemonde"),
            ]
        ])
        var delivery = try w.delivery(Self.yaml(server.url))
        let pauses = PauseLog()
        delivery.pause = { pauses.add($0) }
        _ = try delivery.deliver(currentRun: nil)
        #expect(pauses.values == [0.01], "one pause between the two messages, as configured")
        let got = server.received()
        #expect(got.map(\.rcptTos) == [["analyste@example.org"], ["veille@example.org"]])
        let stored = try w.store.digestMessages(digest: "morning")
        #expect(stored.count == 2 && stored.allSatisfy { $0.status == "delivered" })
        for (r, m) in zip(got, stored) {
            let mail = r.message
            #expect(mail.header("Message-ID") == m.messageId)
            #expect(mail.header("List-Id")?.hasPrefix("veille digest morning <morning.digests.example.org>") == true)
            #expect(mail.header("Date") != nil && mail.header("MIME-Version") == "1.0")
            #expect(mail.header("Content-Type")?.hasPrefix("multipart/alternative") == true)
            #expect(mail.header("To") == r.rcptTos.first && mail.header("Bcc") == nil)
            #expect(!mail.headers.contains { $0.0.lowercased() == "bcc" || $0.0.contains("script") })
            #expect(mail.subject.hasPrefix("veille morning : 2 nouveaux ("))
            #expect(
                mail.partHeaders.allSatisfy {
                    $0["content-transfer-encoding"] == "quoted-printable"
                        && $0["content-type"]?.contains("charset=UTF-8") == true
                })
            #expect(r.raw.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 78 })
            // Grouping: the campaign, then the unmatched items.
            let text = mail.text
            let campaign = try #require(text.range(of: "#boycottparis2024: campagne contre les JOP 2024"))
            let unmatched = try #require(text.range(of: "Éléments sans correspondance"))
            #expect(
                campaign.lowerBound < unmatched.lowerBound && text.contains("Orages")
                    && text.contains("Attribuée à : Azerbaïdjan"))
            #expect(text.contains(" [boycott Paris 2024] bis") && text.contains("[Bakou], boycott"))
            #expect(!text.contains("\nBcc:"))
            #expect(
                mail.html.contains("&lt;script&gt;") && !mail.html.contains("<script") && mail.html.contains("ليبيا"))
            #expect(mail.html.contains("<mark style="))
        }
        // Nothing new: a quiet digest sends nothing.
        _ = try delivery.deliver(currentRun: nil)
        #expect(server.received().count == 2)
    }

    @Test func serverDownIsAnErrorThenTheSameMessageIsSentBeforeAnyNewer() throws {
        let w = try Self.world()
        let dead = try SMTPTestServer.start()
        let deadURL = dead.url
        dead.stop()
        try w.crawl([
            "lemonde": [DigestWorld.item(6, title: "Doppelgänger revient", text: "Doppelgänger.", source: "lemonde")]
        ])
        _ = try? w.delivery(Self.yaml(deadURL, to: ["analyste@example.org"])).deliver(currentRun: nil)
        // (the first call above registered the digest at the current end: add a delta after it)
        try w.crawl([
            "lemonde": [DigestWorld.item(7, title: "Doppelgänger encore", text: "Doppelgänger.", source: "lemonde")]
        ])
        do {
            _ = try w.delivery(Self.yaml(deadURL, to: ["analyste@example.org"])).deliver(currentRun: nil)
            Issue.record("delivered to a dead server")
        } catch let e as DigestError {
            #expect(
                e.description.contains(deadURL) && e.description.contains("analyste@example.org")
                    && e.description.contains("connect"))
        }
        let first = try #require(
            try w.store.pendingDigestMessages(digest: "morning", recipient: "analyste@example.org").first)
        try w.crawl([
            "lemonde": [DigestWorld.item(8, title: "Doppelgänger toujours", text: "Doppelgänger.", source: "lemonde")]
        ])
        let server = try SMTPTestServer.start()
        _ = try w.delivery(Self.yaml(server.url, to: ["analyste@example.org"])).deliver(currentRun: nil)
        let got = server.received()
        #expect(got.count == 2)
        #expect(got.first?.message.header("Message-ID") == first.messageId)
        #expect(
            got.first?.raw.replacingOccurrences(of: "\r\n", with: "\n")
                == String(decoding: first.body, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n"))
        #expect(
            got.first?.message.text.contains("Doppelgänger encore") == true
                && got.first?.message.text.contains("toujours") == false)
        #expect(
            got.last?.message.text.contains("Doppelgänger toujours") == true
                && got.last?.message.text.contains("encore") == false)
        #expect(try Self.pending(w) == 0)
    }

    @Test func aCrashBetweenAcceptanceAndTheMarkResendsTheSameMessageID() throws {
        let server = try SMTPTestServer.start()
        let w = try Self.world()
        _ = try w.delivery(Self.yaml(server.url, to: ["analyste@example.org"])).deliver(currentRun: nil)
        try w.crawl(["lemonde": [DigestWorld.item(9, title: "Doppelgänger", text: "Doppelgänger.", source: "lemonde")]])
        var crashing = try w.delivery(Self.yaml(server.url, to: ["analyste@example.org"]))
        struct Killed: Error {}
        crashing.afterAccept = { _ in throw Killed() }
        #expect(throws: DigestError.self) { _ = try crashing.deliver(currentRun: nil) }
        #expect(try Self.pending(w) == 1)
        _ = try w.delivery(Self.yaml(server.url, to: ["analyste@example.org"])).deliver(currentRun: nil)
        let ids = server.received().map { $0.message.header("Message-ID") }
        #expect(ids.count == 2 && ids[0] == ids[1])
        #expect(try Self.pending(w) == 0)
    }

    @Test func startTLSWithAuthAndASelfSignedCertificate() throws {
        let server = try SMTPTestServer.start(.init(auth: ("veille", "s3cret"), tls: true, requireTLS: true))
        let ca = try #require(server.certificate)
        let w = try Self.world()
        let extra = "  username_env: T_USER\n  password_env: T_PASS\n  ca_file: \(ca)"
        _ = try w.delivery(
            Self.yaml(server.url, to: ["a@example.org"], extra: extra), env: ["T_USER": "veille", "T_PASS": "s3cret"]
        ).deliver(currentRun: nil)
        try w.crawl(["lemonde": [DigestWorld.item(10, title: "Doppelgänger", text: "Doppelgänger.", source: "lemonde")]]
        )
        _ = try w.delivery(
            Self.yaml(server.url, to: ["a@example.org"], extra: extra), env: ["T_USER": "veille", "T_PASS": "s3cret"]
        ).deliver(currentRun: nil)
        let got = server.received()
        #expect(got.count == 1 && got.first?.tls == true && got.first?.login == "veille")

        // A wrong password: the error names the server, the recipient and AUTH; nothing delivered.
        try w.crawl([
            "lemonde": [DigestWorld.item(11, title: "Doppelgänger 2", text: "Doppelgänger.", source: "lemonde")]
        ])
        do {
            _ = try w.delivery(
                Self.yaml(server.url, to: ["a@example.org"], extra: extra),
                env: ["T_USER": "veille", "T_PASS": "wrong"]
            ).deliver(currentRun: nil)
            Issue.record("delivered with a wrong password")
        } catch let e as DigestError {
            #expect(
                e.description.contains(server.url) && e.description.contains("a@example.org")
                    && e.description.contains("AUTH"), "\(e)")
        }
        #expect(try Self.pending(w) == 1 && server.received().count == 1)
    }

    @Test func aRefusedRecipientFailsAloneAndADroppedDataMarksNothing() throws {
        let server = try SMTPTestServer.start(.init(refuse: ["nobody@example.org"]))
        let w = try Self.world()
        let yaml = Self.yaml(server.url, to: ["nobody@example.org", "analyste@example.org"])
        _ = try w.delivery(yaml).deliver(currentRun: nil)
        try w.crawl(["lemonde": [DigestWorld.item(12, title: "Doppelgänger", text: "Doppelgänger.", source: "lemonde")]]
        )
        do {
            _ = try w.delivery(yaml).deliver(currentRun: nil)
            Issue.record("a refused recipient went unnoticed")
        } catch let e as DigestError {
            #expect(
                e.description.contains("nobody@example.org") && e.description.contains("RCPT TO")
                    && e.description.contains(server.url), "\(e)")
        }
        #expect(server.received().map(\.rcptTos) == [["analyste@example.org"]])
        #expect(try w.store.pendingDigestMessages(digest: "morning", recipient: "nobody@example.org").count == 1)
        #expect(try w.store.pendingDigestMessages(digest: "morning", recipient: "analyste@example.org").isEmpty)

        let dropping = try SMTPTestServer.start(.init(dropData: true))
        let w2 = try Self.world()
        _ = try w2.delivery(Self.yaml(dropping.url, to: ["a@example.org"])).deliver(currentRun: nil)
        try w2.crawl([
            "lemonde": [DigestWorld.item(13, title: "Doppelgänger", text: "Doppelgänger.", source: "lemonde")]
        ])
        do {
            _ = try w2.delivery(Self.yaml(dropping.url, to: ["a@example.org"])).deliver(currentRun: nil)
            Issue.record("a dropped DATA was taken for a delivery")
        } catch let e as DigestError {
            #expect(e.description.contains("a@example.org") && e.description.contains("DATA"), "\(e)")
        }
        #expect(try Self.pending(w2) == 1)
    }

    @Test func aServerThatNeverAnswersDataTimesOutAndMarksNothing() throws {
        let server = try SMTPTestServer.start(.init(stallData: true))
        let w = try Self.world()
        let yaml = Self.yaml(server.url, to: ["a@example.org"]).replacingOccurrences(
            of: "timeout: 10s", with: "timeout: 1s")
        _ = try w.delivery(yaml).deliver(currentRun: nil)
        try w.crawl(["lemonde": [DigestWorld.item(14, title: "Doppelgänger", text: "Doppelgänger.", source: "lemonde")]]
        )
        do {
            _ = try w.delivery(yaml).deliver(currentRun: nil)
            Issue.record("a stalled server was taken for a delivery")
        } catch let e as DigestError {
            #expect(
                e.description.contains("a@example.org") && e.description.contains("DATA")
                    && e.description.contains("timeout"), "\(e)")
        }
        #expect(try Self.pending(w) == 1)
    }

    @Test func requiredStartTLSAgainstAServerWithoutItIsRefusedBeforeAnythingIsSent() throws {
        let server = try SMTPTestServer.start()
        let w = try Self.world()
        let yaml = Self.yaml(server.url, to: ["a@example.org"], extra: "  starttls: required")
        _ = try w.delivery(yaml).deliver(currentRun: nil)
        try w.crawl(["lemonde": [DigestWorld.item(15, title: "Doppelgänger", text: "Doppelgänger.", source: "lemonde")]]
        )
        do {
            _ = try w.delivery(yaml).deliver(currentRun: nil)
            Issue.record("sent in clear although TLS was required")
        } catch let e as DigestError {
            #expect(e.description.contains("STARTTLS") && e.description.contains("a@example.org"), "\(e)")
        }
        let stillPending = try Self.pending(w)
        #expect(server.received().isEmpty && stillPending == 1)
    }

    @Test func mimeHeadersNeverCarryUntrustedLineBreaks() {
        let m = MailMessage(
            from: "Véille «Ω» <veille@example.org>", to: "a@example.org",
            subject: "Sujet\r\nBcc: x@y.org " + String(repeating: "é", count: 80), date: Date(timeIntervalSince1970: 0),
            messageID: "<id@example.org>", listID: "morning", text: ".\nligne\n" + String(repeating: "x", count: 200),
            html: "<p>é</p>")
        let raw = m.rendered
        let head = raw.components(separatedBy: "\r\n\r\n")[0]
        #expect(!head.contains("\r\nBcc:") && head.contains("Subject: =?UTF-8?B?"))
        #expect(
            raw.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 78 },
            "\(raw.components(separatedBy: "\r\n").filter { $0.utf8.count > 78 })")
        #expect(!raw.contains("\r\n.\r\n") && ParsedMail(raw).subject.contains("Sujet Bcc: x@y.org éé"))
        #expect(ParsedMail(raw).text.hasPrefix(".\nligne\nxxxx"))
    }
}

/// Records the pauses a delivery asked for.
final class PauseLog: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [Double] = []
    func add(_ v: Double) {
        lock.lock()
        list.append(v)
        lock.unlock()
    }
    var values: [Double] {
        lock.lock()
        defer { lock.unlock() }
        return list
    }
}
