import Foundation
import VeilleCore

/// What a digest says of a Sénat question: number, author, group, ministry and the event's date, read
/// generically from the delta's `senate` detail and the stored page (or CSV row) JSON.
public struct SenateFacts: Sendable, Equatable {
    public var reference: String?
    public var number: String?
    public var author: String?
    public var circonscription: String?
    public var group: String?
    /// The event's ministry (answer, transmission), else the question's.
    public var ministry: String?
    /// The event's date, `YYYY-MM-DD`.
    public var date: String?
    public var joPage: Int?
    public var remindedBy: String?
    public var reminds: String?
    /// Assemblée: the closing's label, for `closed`.
    public var label: String?
    /// Sénat: the question's official title (the CSV's `Titre`), when the row has one.
    public var officialTitle: String?

    /// Facts from the delta detail and the stored question JSON; nil when neither says anything.
    init?(detail: String?, question: String?) {
        let d = Self.object(detail)
        let q = Self.object(question)
        guard d != nil || q != nil else { return nil }
        let dq = d ?? [:]
        let qq = q ?? [:]
        reference = dq["reference"] as? String ?? qq["reference"] as? String
        number = dq["number"] as? String ?? qq["number"] as? String
        let a = qq["author"] as? [String: Any] ?? qq
        let name = [a["civility"], a["first_name"] ?? a["firstName"], a["last_name"] ?? a["lastName"]]
            .compactMap { $0 as? String }.filter { !$0.isEmpty }
        author = qq["author_name"] as? String ?? (name.isEmpty ? nil : name.map(Self.titleCased).joined(separator: " "))
        circonscription = qq["circonscription"] as? String
        group = qq["group"] as? String
        ministry =
            dq["ministry"] as? String ?? qq["ministry"] as? String ?? qq["answerMinistry"] as? String
            ?? qq["transmissionMinistry"] as? String ?? qq["depositMinistry"] as? String
        date = dq["date"] as? String ?? dq["answer_date"] as? String
        joPage = dq["jo_page"] as? Int
        remindedBy = dq["reminded_by"] as? String
        reminds = dq["reminds"] as? String
        label = dq["label"] as? String
        officialTitle = (qq["official_title"] as? String).map(normalizeWhitespace).flatMap { $0.isEmpty ? nil : $0 }
    }

    static func object(_ text: String?) -> [String: Any]? {
        guard let text, let data = text.data(using: .utf8) else { return nil }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }

    /// "OUZOULIAS" → "Ouzoulias"; mixed-case names are kept.
    static func titleCased(_ s: String) -> String {
        guard s == s.uppercased(), s.count > 2 else { return s }
        return s.lowercased().split(separator: "-", omittingEmptySubsequences: false)
            .map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined(separator: "-")
    }

    /// "n° 09012 de M. Pierre Ouzoulias (Hauts-de-Seine, CRCE-K)".
    var questionPhrase: String {
        var s = "n° " + (number ?? reference ?? "?")
        if let author {
            s += " de " + author
            let place = [circonscription, group].compactMap { $0 }
            if !place.isEmpty { s += " (" + place.joined(separator: ", ") + ")" }
        }
        return s
    }

    /// The French line of the event (as the digests word them), e.g. "Réponse du Ministère … publiée
    /// le 22/02/2024 à la question n° 09012 de M. Pierre Ouzoulias (Hauts-de-Seine, CRCE-K)".
    public func line(kind: DeltaKind) -> String {
        let when = date.map { " le " + Self.french($0) } ?? ""
        switch kind {
        case .answered:
            return "Réponse" + (ministry.map { " " + Self.of($0, "du") } ?? "")
                + (date.map { " publiée le " + Self.french($0) } ?? "")
                + " à la question " + questionPhrase
        case .forwarded:
            return "Question " + questionPhrase + " transmise" + (ministry.map { " " + Self.of($0, "au") } ?? "") + when
        case .answerCorrected:
            return "Erratum"
                + (date.map { " (JO du " + Self.french($0) + (joPage.map { ", p. \($0)" } ?? "") + ")" } ?? "")
                + " à la réponse à la question " + questionPhrase
        case .lapsed: return "Question " + questionPhrase + " caduque"
        case .withdrawn: return "Question " + questionPhrase + " retirée"
        case .converted: return "Question " + questionPhrase + " transformée en question orale"
        case .reminded:
            if remindedBy == nil, reminds == nil, let date { // Assemblée: a group's flag (signalement)
                return "Question " + questionPhrase + " signalée le " + Self.french(date)
            }
            return "Question " + questionPhrase + " rappelée" + (remindedBy.map { " par la question " + $0 } ?? "")
        case .renewed: return "Question " + questionPhrase + " renouvelée" + when
        case .closed: return "Question " + questionPhrase + " close" + (label.map { " (" + $0 + ")" } ?? "") + when
        case .published, .new:
            return "Question " + questionPhrase + (date.map { " publiée le " + Self.french($0) } ?? "")
        case .changed, .removed: return "Question " + questionPhrase + " (" + kind.rawValue + ")"
        }
    }

    /// Ministry names that read "du Ministère …" as they stand; others read "du ministère : Culture".
    static let fullNamePrefixes = ["ministère", "premier", "secrétariat", "haut-commissariat", "commissariat"]

    static func of(_ ministry: String, _ article: String) -> String {
        let k = ministry.lowercased()
        return fullNamePrefixes.contains(where: { k.hasPrefix($0) })
            ? article + " " + ministry
            : article + " ministère : " + ministry
    }

    /// `2024-02-22` → `22/02/2024`.
    static func french(_ iso: String) -> String {
        let p = iso.prefix(10).split(separator: "-")
        return p.count == 3 ? "\(p[2])/\(p[1])/\(p[0])" : iso
    }
}
