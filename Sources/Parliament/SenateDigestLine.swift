/// The French digest line of a lifecycle event, e.g. "Réponse du Ministère de l'Europe et des
/// affaires étrangères publiée le 22/02/2024 à la question n° 09012 de M. Pierre Ouzoulias
/// (Hauts-de-Seine, CRCE-K)".
public enum SenateDigestLine {
    /// Ministry names that take "du" as they stand ("du Ministère …", "du Premier ministre"); any other
    /// name is a short CSV or old-page name and reads "du ministère : Culture".
    static let masculinePrefixes = ["ministère", "premier", "secrétariat", "haut-commissariat", "commissariat"]

    /// The line for `event`, from the parsed page and/or the CSV row of the question it concerns.
    ///
    /// - Parameters:
    ///   - event: the lifecycle event.
    ///   - question: the question's parsed page, if any.
    ///   - row: the question's CSV row, if any (used where the page is missing).
    public static func text(_ event: SenateEvent, question: SenateQuestion?, row: SenateCSVRow?) -> String {
        let subject = questionPhrase(question, row, fallbackNumber: event.remindedNumber)
        switch event.kind {
        case .published:
            let date = (event.date ?? question?.published ?? row?.published).map { " publiée le " + french($0) } ?? ""
            return "Question " + subject + date
        case .forwarded:
            let to = event.ministry.map { " transmise " + transmission($0) } ?? " transmise"
            return "Question " + subject + to + (event.date.map { " le " + french($0) } ?? "")
        case .answered:
            let who = event.ministry.map { "Réponse " + of($0) } ?? "Réponse"
            return who + (event.date.map { " publiée le " + french($0) } ?? "") + " à la question " + subject
        case .answerCorrected:
            let when =
                event.date.map { " (JO du " + french($0) + (event.joPage.map { ", p. \($0)" } ?? "") + ")" } ?? ""
            return "Erratum" + when + " à la réponse à la question " + subject
        case .lapsed:
            return "Question " + subject + " caduque"
        case .withdrawn:
            return "Question " + subject + " retirée"
        case .converted:
            return "Question " + subject + " transformée en question orale"
        case .reminded:
            return "Question " + subject + " rappelée par la question " + event.reference
        case .renewed:
            return "Question " + subject + " renouvelée"
        case .closed:
            return "Question " + subject + " close"
        }
    }

    /// "n° 09012 de M. Pierre Ouzoulias (Hauts-de-Seine, CRCE-K)".
    static func questionPhrase(_ q: SenateQuestion?, _ row: SenateCSVRow?, fallbackNumber: String?) -> String {
        var s = "n° " + (q?.number ?? row?.number ?? fallbackNumber ?? "?")
        let name = q?.authorName ?? rowAuthor(row)
        if let name { s += " de " + name }
        let place = [q?.circonscription ?? row?.circonscription, q?.group ?? row?.group].compactMap { $0 }
        if name != nil, !place.isEmpty { s += " (" + place.joined(separator: ", ") + ")" }
        return s
    }

    static func rowAuthor(_ row: SenateCSVRow?) -> String? {
        guard let row else { return nil }
        let parts = [row.civility, row.firstName, row.lastName.map(SenateQuestion.titleCased)].compactMap { $0 }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    /// "du Ministère …" / "du ministère : Culture".
    static func of(_ ministry: String) -> String {
        let k = SenateText.key(ministry)
        return masculinePrefixes.contains(where: { k.hasPrefix($0) }) ? "du " + ministry : "du ministère : " + ministry
    }

    /// "au Ministère …" / "au ministère : Culture".
    static func transmission(_ ministry: String) -> String {
        let k = SenateText.key(ministry)
        return masculinePrefixes.contains(where: { k.hasPrefix($0) }) ? "au " + ministry : "au ministère : " + ministry
    }

    /// `2024-02-22` → `22/02/2024`.
    static func french(_ iso: String) -> String {
        let p = iso.split(separator: "-")
        return p.count == 3 ? "\(p[2])/\(p[1])/\(p[0])" : iso
    }
}
