import Curl
import Foundation
import Storage
import VeilleCore

extension DigestDelivery {
    /// A rendered message or file, ready to be stored.
    struct Rendered {
        var messageID: String
        var path: String?
        var body: Data
    }

    /// Renders the content for one recipient: a MIME message for email, the digest's format for files.
    ///
    /// - Parameter listedNow: deltas this message lists (an Atom file adds them to its stored entries).
    func render(_ content: DigestContent, digest d: DigestsConfig.Digest, recipient: String, listedNow: [Int64]) throws
        -> Rendered
    {
        let at = now()
        switch d.channel {
        case .email:
            guard let smtp = config.smtp else {
                throw DigestError.settings("digests.yaml: digest \(d.id) needs the smtp section")
            }
            let id = MailMessage.newMessageID(digest: d.id, from: smtp.from)
            let mail = MailMessage(
                from: smtp.from, to: recipient, subject: subject(content, digest: d.id), date: at,
                messageID: id, listID: d.id, text: content.plainText, html: try content.renderHTML(mail: true))
            return Rendered(messageID: id, path: nil, body: Data(mail.rendered.utf8))
        case .file:
            let folder = d.path.map { (outDir as NSString).appendingPathComponent($0) } ?? outDir
            let id = "<veille.\(d.id).\(UUID().uuidString.lowercased())@file>"
            if d.format == .atom {
                let atom = try atomContent(d, adding: listedNow)
                return Rendered(
                    messageID: id, path: (folder as NSString).appendingPathComponent("\(d.id).atom"),
                    body: Data(atom.atom(updated: at).utf8))
            }
            let name = "\(d.id)-\(Timestamp.compact(at))-run\(content.runs.max() ?? 0).\(d.format.fileExtension)"
            return Rendered(
                messageID: id, path: (folder as NSString).appendingPathComponent(name),
                body: Data(try Self.text(content, format: d.format, at: at).utf8))
        }
    }

    /// A content in a file format.
    ///
    /// - Throws: ``DigestError/templates(_:)`` for HTML when the templates are not installed.
    static func text(_ content: DigestContent, format: DigestsConfig.Format, at: Date) throws -> String {
        switch format {
        case .html: return try content.renderHTML(mail: false)
        case .markdown: return content.markdown
        case .json: return content.json.pretty() + "\n"
        case .atom: return content.atom(updated: at)
        }
    }

    /// The entries of an Atom digest: the newest listed deltas already in its outbox plus the new ones.
    func atomContent(_ d: DigestsConfig.Digest, adding new: [Int64]) throws -> DigestContent {
        let stored = try store.listedDeltaIDs(digest: d.id, limit: DigestContent.atomEntryLimit)
        let ids = Array(Set(stored + new)).sorted(by: >).prefix(DigestContent.atomEntryLimit).sorted()
        var all = d
        all.unmatched = true
        return try build(all, deltaIDs: Array(ids), currentRun: nil, trouble: []).0
    }

    /// "veille morning : 2 nouveaux · 1 réponse (18 novembre 2024)", in the digest's language: computed
    /// text only, never an item's title.
    func subject(_ content: DigestContent, digest: String) -> String {
        let m = content.messages
        return "veille \(digest)" + (m.language == .fr ? " : " : ": ") + content.summaryLine + " ("
            + m.day(now()) + ")"
    }

    /// SMTP settings from the config and the environment.
    func smtpSettings() throws -> SMTPSettings {
        guard let smtp = config.smtp else { throw DigestError.settings("digests.yaml: no smtp section") }
        var s = SMTPSettings(
            url: smtp.url, tls: smtp.starttls == .required ? .required : (smtp.starttls == .never ? .never : .auto),
            caFile: smtp.caFile, timeout: smtp.timeout)
        if let u = smtp.usernameEnv, let p = smtp.passwordEnv {
            guard let user = environment[u], !user.isEmpty else {
                throw DigestError.settings(
                    "digests.yaml: smtp: username_env names \(u), which is not set in the environment")
            }
            guard let password = environment[p], !password.isEmpty else {
                throw DigestError.settings(
                    "digests.yaml: smtp: password_env names \(p), which is not set in the environment")
            }
            s.username = user
            s.password = password
        }
        return s
    }
}
