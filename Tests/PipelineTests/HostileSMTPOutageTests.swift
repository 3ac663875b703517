import Foundation
import Pipeline
import Storage
import TestSupport
import Testing

/// The SMTP server down : runs exit 5 with an error naming the server and the step,
/// the deltas wait in the outbox, and once the server is back every listed item reaches each recipient
/// in exactly one message.
@Suite struct HostileSMTPOutageTests {
    /// A minimal SMTP server (python3-aiosmtpd, as the digest tests use) on a fixed loopback port, which
    /// writes each accepted message as `NNNN.eml` with its recipients in `NNNN.json`.
    final class MailSink: @unchecked Sendable {
        static let script = """
            import json, os, sys
            from aiosmtpd.controller import Controller
            state, port = sys.argv[1], int(sys.argv[2])
            class Handler:
                count = 0
                async def handle_DATA(self, server, session, envelope):
                    Handler.count += 1
                    base = os.path.join(state, "%04d" % Handler.count)
                    with open(base + ".tmp", "wb") as f:
                        f.write(envelope.original_content or envelope.content)
                    with open(base + ".json", "w") as f:
                        json.dump(envelope.rcpt_tos, f)
                    os.rename(base + ".tmp", base + ".eml")
                    return "250 OK"
            controller = Controller(Handler(), hostname="127.0.0.1", port=port)
            controller.start()
            open(os.path.join(state, "ready"), "w").close()
            sys.stdin.read()
            controller.stop()
            """
        let process = Process()
        let keepAlive = Pipe()
        let folder: URL

        init(port: Int, folder: URL) async throws {
            self.folder = folder
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
            process.arguments = ["-I", "-c", Self.script, folder.path, "\(port)"]
            process.standardInput = keepAlive
            process.standardError = FileHandle.nullDevice
            try process.run()
            for _ in 0..<500 where !FileManager.default.fileExists(atPath: folder.appendingPathComponent("ready").path)
            {
                try await Task.sleep(nanoseconds: 10_000_000)
            }
        }

        func stop() {
            try? keepAlive.fileHandleForWriting.close()
            process.waitUntilExit()
        }

        /// The messages received, each as (recipients, raw text).
        func messages() throws -> [(to: [String], raw: String)] {
            let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".eml") }
                .sorted()
            return try names.map { name in
                let base = folder.appendingPathComponent(String(name.dropLast(4)))
                let to = try JSONDecoder().decode(
                    [String].self, from: Data(contentsOf: base.appendingPathExtension("json")))
                return (to, try String(contentsOf: base.appendingPathExtension("eml"), encoding: .utf8))
            }
        }
    }

    /// A loopback port nobody listens on now.
    static func freePort() throws -> Int {
        let r = try CLITests.exec(
            "/usr/bin/python3",
            ["-I", "-c", "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])"])
        return Int(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
    }

    static func feed(_ ids: ClosedRange<Int>) -> String {
        let items = ids.map {
            "<item><guid>m-\($0)</guid><title>Courrier-\($0)-titre</title><description>Texte \($0).</description></item>"
        }
        return "<rss version=\"2.0\"><channel><title>Courrier</title>\(items.joined())</channel></rss>"
    }

    @Test func aDownServerExits5KeepsTheDeltasAndTheNextRunDeliversEachOnce() async throws {
        let w = try await PipelineWorld()
        let port = try Self.freePort()
        try Hostile.configure(w, [Hostile.feed(w, id: "mail", path: "/feed.xml")])
        try """
        smtp:
          url: smtp://127.0.0.1:\(port)
          from: "veille <veille@example.org>"
          starttls: never
          pause: 10ms
          timeout: 5s
        digests:
          - {id: desk, channel: email, to: [a@example.org, b@example.org], unmatched: true, quiet: false}

        """.write(to: w.config.appendingPathComponent("digests.yaml"), atomically: true, encoding: .utf8)
        let args = ["run", "--all", "--config", w.config.path, "--db", w.db, "--out", w.out]

        try w.server.write("feed.xml", Self.feed(1...3))
        let first = try CLITests.run(args)
        #expect(first.code == 5, "\(first.stderr.suffix(800))")
        #expect(
            first.stderr.contains("127.0.0.1") && first.stderr.contains("connect"),
            "names the server and the step: \(first.stderr.suffix(800))")
        try w.server.write("feed.xml", Self.feed(1...6))
        let second = try CLITests.run(args)
        #expect(second.code == 5, "\(second.stderr.suffix(800))")
        #expect(
            try Hostile.query(w.db, "SELECT count(*) FROM item") == [["6"]], "the items are stored despite the outage")

        let sink = try await MailSink(port: port, folder: w.dir.appendingPathComponent("mail"))
        defer { sink.stop() }
        try w.server.write("feed.xml", Self.feed(1...8))
        let third = try CLITests.run(args)
        #expect(third.code == 0, "\(third.stderr.suffix(800))")
        let fourth = try CLITests.run(args)
        #expect(fourth.code == 0, "\(fourth.stderr.suffix(800))")

        let messages = try sink.messages()
        for recipient in ["a@example.org", "b@example.org"] {
            let mine = messages.filter { $0.to == [recipient] }
            #expect(!mine.isEmpty, "\(recipient) got mail")
            // Items 4…8 are listed (1…3 are the baseline): each in exactly one message of this recipient.
            for n in 4...8 {
                let carrying = mine.filter { $0.raw.contains("Courrier-\(n)-titre") }.count
                #expect(carrying == 1, "\(recipient): item \(n) in \(carrying) messages")
            }
            let ids = mine.compactMap { m in
                m.raw.split(whereSeparator: \.isNewline).first { $0.lowercased().hasPrefix("message-id:") }
            }
            #expect(Set(ids).count == ids.count, "\(recipient): a Message-ID twice")
        }
    }
}
