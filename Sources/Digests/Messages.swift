import Foundation
import VeilleCore

/// The message catalogue: every word a digest (and the web view) shows a reader, in French and English.
///
/// Keys name what a text is for; ``subscript(_:)`` gives the text in the catalogue's language and
/// ``format(_:_:)`` fills `{0}`, `{1}`… placeholders. Counts go through ``count(_:_:)`` (French and English
/// plurals differ: "1 modifié", "3 nouveaux"; "0 source" is singular in French), dates through
/// ``day(_:)`` ("22 février 2024", "22 February 2024"). JSON and Atom keys and values never go through it.
public struct Messages: Sendable {
    public var language: DigestsConfig.Language

    /// The catalogue of `language`.
    public init(_ language: DigestsConfig.Language) { self.language = language }

    /// French and English texts by key: the digests' and the web view's (``webTable``).
    static let table: [String: (fr: String, en: String)] = digestTable.merging(webTable) { digest, _ in digest }

    /// The digests' texts by key.
    static let digestTable: [String: (fr: String, en: String)] = [
        "digest": ("Digest veille", "veille digest"),
        "run": ("exécution", "run"),
        "runs": ("exécutions", "runs"),
        "period": ("Période : du {0} au {1}", "Period: {0} to {1}"),
        "summary": ("En bref", "At a glance"),
        "summary.entity": ("Campagne ou acteur", "Campaign or actor"),
        "summary.tonight": ("Cette nuit", "Tonight"),
        "summary.trend": ("30 derniers jours", "Last 30 days"),
        "bursts": ("Pics d'activité", "Bursts"),
        "burst.line": (
            "{0} : {1} aujourd'hui, moyenne sur 28 jours {2} (p = {3})",
            "{0}: {1} today, 28-day mean {2} (p = {3})"
        ),
        "attributed": ("Attribuée à : {0}", "Attributed to: {0}"),
        "also.under": ("Aussi lié à : {0}", "Also linked to: {0}"),
        "evidence": ("{0} — {1} ({2}) : {3}", "{0} — {1} ({2}): {3}"),
        "trouble.line": ("{0} ({1}) : {2}", "{0} ({1}): {2}"),
        "also.in": ("Aussi dans : {0}", "Also in: {0}"),
        "title.was": ("Titre précédent : {0}", "Title was: {0}"),
        "title.removed": ("Titre, retiré : {0}", "Title, removed: {0}"),
        "title.added": ("Titre, ajouté : {0}", "Title, added: {0}"),
        "removed": ("Retiré : {0}", "Removed: {0}"),
        "added": ("Ajouté : {0}", "Added: {0}"),
        "more": ("+{0} de plus", "+{0} more"),
        "unmatched": ("Éléments sans correspondance", "Unmatched items"),
        "baseline": ("Premier passage", "Baseline"),
        "baseline.line": (
            "{0} : {1} enregistrés au premier passage (non listés)",
            "{0}: {1} stored on the first crawl (not listed)"
        ),
        "trouble": ("Sources en difficulté", "Sources in trouble"),
        "nothing.new": ("rien de nouveau", "nothing new"),
        "untitled": ("(sans titre)", "(untitled)"),
        "field.title": ("titre", "title"),
        "field.summary": ("chapeau", "summary"),
        "field.text": ("texte", "text"),
        "field.url": ("adresse", "URL"),
        "field.link": ("lien", "link"),
        "nothing.pending": ("rien en attente", "nothing pending"),
    ]

    /// Count words by key: French singular and plural, English singular and plural.
    static let counted: [String: (fr: (String, String), en: (String, String))] = [
        "new": (("nouveau", "nouveaux"), ("new", "new")),
        "changed": (("modifié", "modifiés"), ("changed", "changed")),
        "removed": (("retiré", "retirés"), ("removed", "removed")),
        "published": (("publiée", "publiées"), ("published", "published")),
        "forwarded": (("transmise", "transmises"), ("forwarded", "forwarded")),
        "answered": (("réponse", "réponses"), ("answered", "answered")),
        "answer-corrected": (("réponse corrigée", "réponses corrigées"), ("answer corrected", "answers corrected")),
        "lapsed": (("caduque", "caduques"), ("lapsed", "lapsed")),
        "withdrawn": (("retirée", "retirées"), ("withdrawn", "withdrawn")),
        "converted": (("transformée", "transformées"), ("converted", "converted")),
        "reminded": (("rappelée", "rappelées"), ("reminded", "reminded")),
        "renewed": (("renouvelée", "renouvelées"), ("renewed", "renewed")),
        "closed": (("close", "closes"), ("closed", "closed")),
        "baseline": (("au premier passage", "au premier passage"), ("baseline", "baseline")),
        "trouble": (("source en difficulté", "sources en difficulté"), ("source in trouble", "sources in trouble")),
        "item": (("élément", "éléments"), ("item", "items")),
        "match": (("correspondance", "correspondances"), ("match", "matches")),
        "failure": (("échec consécutif", "échecs consécutifs"), ("consecutive failure", "consecutive failures")),
        "not.followed": (("non suivi", "non suivis"), ("not followed", "not followed")),
    ]

    /// The text of `key` (the key itself when the catalogue has none, so a gap shows rather than hides).
    public subscript(_ key: String) -> String {
        guard let t = Self.table[key] else { return key }
        return language == .fr ? t.fr : t.en
    }

    /// Every text of the catalogue by key, dots made underscores (`nav.dashboard` → `nav_dashboard`), plus
    /// `lang`: what templates read as `{{t.nav_dashboard}}`.
    public var templateTable: [String: String] {
        var out: [String: String] = ["lang": language.rawValue]
        for (k, v) in Self.table { out[k.replacingOccurrences(of: ".", with: "_")] = language == .fr ? v.fr : v.en }
        return out
    }

    /// The text of `key` with `{0}`, `{1}`… replaced by `args`.
    public func format(_ key: String, _ args: String...) -> String {
        var s = self[key]
        for (i, a) in args.enumerated() { s = s.replacingOccurrences(of: "{\(i)}", with: a) }
        return s
    }

    /// "3 nouveaux", "1 modifié", "2 sources in trouble": the number, then the word in the right number.
    public func count(_ n: Int, _ key: String) -> String {
        guard let w = Self.counted[key] else { return "\(n) \(key)" }
        let (one, many) = language == .fr ? w.fr : w.en
        // French: 0 and 1 take the singular; English: only 1.
        let singular = language == .fr ? n <= 1 : n == 1
        return "\(n) " + (singular ? one : many)
    }

    /// The kind label of a delta ("nouveau", "new"), for the small tag before a title.
    public func kind(_ kind: DeltaKind) -> String {
        guard let w = Self.counted[kind.rawValue] else { return kind.rawValue }
        return language == .fr ? w.fr.0 : w.en.0
    }

    static let months: (fr: [String], en: [String]) = (
        [
            "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
            "novembre", "décembre",
        ],
        [
            "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
            "November", "December",
        ]
    )

    /// "22 février 2024", "22 February 2024" (UTC): from a date or a `YYYY-MM-DD` text.
    public func day(_ d: Date) -> String { day(String(Timestamp.iso(d).prefix(10))) }

    /// "22 février 2024" from `2024-02-22`; the text as it is when it is not such a day.
    public func day(_ iso: String) -> String {
        let p = iso.prefix(10).split(separator: "-")
        guard p.count == 3, let y = Int(p[0]), let m = Int(p[1]), let d = Int(p[2]), (1...12).contains(m) else {
            return iso
        }
        let month = language == .fr ? Self.months.fr[m - 1] : Self.months.en[m - 1]
        return (language == .fr && d == 1 ? "1er" : "\(d)") + " \(month) \(y)"
    }

    /// "22 février 2024, 03:00 UTC".
    public func time(_ d: Date) -> String { time(Timestamp.iso(d)) }

    /// "22 février 2024 à 03:00 UTC" from `2024-02-22T03:00:00Z`; the text as it is when it is not such a time.
    public func time(_ iso: String) -> String {
        let b = Array(iso.utf8)
        guard b.count >= 16, b[10] == UInt8(ascii: "T"), b[13] == UInt8(ascii: ":") else { return iso }
        let d = day(iso)
        guard d != iso else { return iso }
        return d + (language == .fr ? " à " : ", ") + String(iso.dropFirst(11).prefix(5)) + " UTC"
    }

    /// A decimal as the language writes it: "1,4" in French, "1.4" in English (one decimal).
    public func decimal(_ x: Double, digits: Int = 1) -> String {
        let s = String(format: "%.\(digits)f", x)
        return language == .fr ? s.replacingOccurrences(of: ".", with: ",") : s
    }
}
