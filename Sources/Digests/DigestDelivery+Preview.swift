import Foundation
import Storage
import VeilleCore

extension DigestDelivery {
    /// What `veille digest --dry-run` prints: per digest, the stored messages still pending and the next
    /// digest as it would be rendered now (Markdown for email, the digest's format for files), or "nothing
    /// pending" when no delta waits and no source is in trouble. Changes nothing.
    public func preview(only: String? = nil) throws -> String {
        var out = ""
        for d in config.digests where only == nil || only == d.id {
            let start = try store.storedDigestStart(d.id) ?? store.lastDeltaID(before: nil)
            let recipients = d.channel == .email ? d.to : ["file"]
            out +=
                "=== digest \(d.id) (\(d.channel.rawValue)\(d.channel == .file ? ", \(d.format.rawValue)" : "")) → "
                + recipients.joined(separator: ", ") + "\n"
            for r in recipients {
                for m in try store.pendingDigestMessages(digest: d.id, recipient: r) {
                    out +=
                        "pending for \(r): \(m.messageId), \(m.attempts) attempt(s)"
                        + (m.lastError.map { ", last error: \($0)" } ?? "") + "\n"
                }
            }
            guard let first = recipients.first else { continue }
            let ids = try store.undeliveredDeltaIDs(digest: d.id, recipient: first, after: start)
            let content = try build(d, deltaIDs: ids, currentRun: nil).0
            if ids.isEmpty, content.trouble.isEmpty {
                out += "nothing pending: no delta since the last digest, no source in trouble\n\n"
                continue
            }
            if d.quiet, content.isQuiet {
                out += "nothing to send (quiet)\n\n"
                continue
            }
            out += (d.channel == .email ? content.markdown : try Self.text(content, format: d.format, at: now())) + "\n"
        }
        return out
    }

    /// Renders the digest `digest` over the deltas of `run` again, into `path` (the format follows the
    /// extension: .html, .md, .json, .atom, .txt, .eml; else the digest's own). The outbox is not touched.
    ///
    /// - Throws: ``DigestError`` when the digest is unknown or the file cannot be written.
    public func replay(run: Int64, digest: String, to path: String) throws {
        guard let d = config.digests.first(where: { $0.id == digest }) else {
            throw DigestError.settings(
                "no digest '\(digest)' in digests.yaml (known: \(config.digests.map(\.id).joined(separator: ", ")))")
        }
        let content = try build(d, deltaIDs: store.deltaIDs(run: run), currentRun: run, trouble: []).0
        let at = now()
        let text: String
        switch (path as NSString).pathExtension.lowercased() {
        case "html", "htm": text = try content.renderHTML(mail: false)
        case "md", "markdown": text = content.markdown
        case "json": text = content.json.pretty() + "\n"
        case "atom", "xml": text = content.atom(updated: at)
        case "txt": text = content.plainText
        case "eml":
            let from = config.smtp?.from ?? "veille <veille@localhost>"
            text =
                MailMessage(
                    from: from, to: d.to.first ?? "replay@localhost", subject: subject(content, digest: d.id), date: at,
                    messageID: MailMessage.newMessageID(digest: d.id, from: from), listID: d.id,
                    text: content.plainText, html: try content.renderHTML(mail: true)
                ).rendered
        default:
            text =
                d.channel == .email
                ? try content.renderHTML(mail: false) : try Self.text(content, format: d.format, at: at)
        }
        try DigestFiles.writeAtomically(text, to: path)
    }
}
