import Curl
import Foundation
import Storage
import VeilleCore

/// One delivery's SMTP connection: created on the first email, a pause between two messages.
struct MailSession {
    let delivery: DigestDelivery
    var sender: SMTPSender?
    var sent = 0

    init(delivery: DigestDelivery) { self.delivery = delivery }

    mutating func send(_ m: DigestMessageRecord, digest: String) throws {
        guard let smtp = delivery.config.smtp, let envelope = MailAddress.extract(smtp.from) else {
            throw DigestError.settings("digests.yaml: digest \(digest) needs a valid smtp from")
        }
        if sender == nil {
            do { sender = try SMTPSender(settings: delivery.smtpSettings()) } catch let e as SMTPError {
                throw DigestError.smtp(digest: digest, e)
            }
        }
        if sent > 0 { delivery.pause(smtp.pause) }
        sent += 1
        do { try sender?.send(from: envelope, to: m.recipient, message: Array(m.body)) } catch {
            throw DigestError.smtp(digest: digest, error)
        }
    }
}
