/// Step 3 of the cascade, as data: the openings of blocks that are page furniture, not article, with a reason
/// each. A block (of at most ``maxBlockCharacters``) whose text, lower-cased, starts with one of these is
/// dropped; a ``Phrase/heading`` also drops the link list that follows it.
enum BoilerplatePhrases {
    /// One opening.
    struct Phrase: Sendable {
        let text: String
        /// True when the phrase titles a list of links that goes with it.
        let heading: Bool
        let reason: StaticString
        init(_ text: String, heading: Bool = false, _ reason: StaticString) {
            self.text = text
            self.heading = heading
            self.reason = reason
        }
    }

    /// Blocks longer than this are prose even when they open with one of the phrases.
    static let maxBlockCharacters: Int32 = 160

    static let phrases: [Phrase] = [
        Phrase("à lire aussi", heading: true, "cross-links to other articles"),
        Phrase("a lire aussi", heading: true, "the same, unaccented"),
        Phrase("lire aussi", heading: true, "cross-links to other articles"),
        Phrase("à lire également", heading: true, "cross-links to other articles"),
        Phrase("sur le même sujet", heading: true, "related-article lists"),
        Phrase("sur le meme sujet", heading: true, "the same, unaccented"),
        Phrase("lire la suite", "teasers of the rest of a paywalled article"),
        Phrase("à suivre aussi", heading: true, "recommendation boxes"),
        Phrase("ailleurs sur le web", heading: true, "sponsored-link boxes (Outbrain, Taboola)"),
        Phrase("dernières actualités", heading: true, "latest-news rails"),
        Phrase("les plus lus", heading: true, "most-read rails"),
        Phrase("temps de lecture", "reading-time lines"),
        Phrase("durée de lecture", "reading-time lines"),
        Phrase("crédit photo", "photo credits"),
        Phrase("crédits photo", "photo credits"),
        Phrase("crédit :", "photo credits"),
        Phrase("image principale", "carousel labels left by lazy galleries"),
        Phrase("abonnez-vous", "subscription prompts"),
        Phrase("cet article est réservé aux abonnés", "subscription walls"),
        Phrase("il vous reste", "subscription walls ('Il vous reste 80 % de cet article à lire')"),
        Phrase("déjà abonné", "subscription walls"),
        Phrase("inscrivez-vous à notre newsletter", "newsletter boxes"),
        Phrase("recevez notre newsletter", "newsletter boxes"),
        Phrase("partager sur", "share bars"),
        Phrase("partager l'article", "share bars"),
        Phrase("nous utilisons des cookies", "cookie banners"),
        Phrase("ce site utilise des cookies", "cookie banners"),
        Phrase("accepter les cookies", "cookie banners"),
        Phrase("we use cookies", "cookie banners"),
        Phrase("sign up for our newsletter", "newsletter boxes"),
        Phrase("subscribe to our newsletter", "newsletter boxes"),
        Phrase("read more:", heading: true, "cross-links"),
        Phrase("related articles", heading: true, "related-article lists"),
        Phrase("© ", "photo credits"),
        Phrase("article réservé aux abonnés", "subscription walls"),
        Phrase("la suite est réservée aux abonnés", "subscription walls"),
        Phrase("réservé aux abonnés", "subscription walls"),
        Phrase("offrir cet article", "gift-an-article buttons"),
        Phrase("ajouter à vos sélections", "bookmark buttons"),
        Phrase("écouter cet article", "audio-version buttons"),
        Phrase("lire plus tard", "bookmark buttons"),
        Phrase("voir aussi", heading: true, "cross-links to other articles"),
        Phrase("à voir aussi", heading: true, "cross-links to other articles"),
        Phrase("lire également", heading: true, "cross-links to other articles"),
        Phrase("sujets associés", heading: true, "related-topic lists"),
        Phrase("recommandé pour vous", heading: true, "recommendation rails"),
        Phrase("recommandés pour vous", heading: true, "recommendation rails"),
        Phrase("les plus partagés", heading: true, "most-shared rails"),
        Phrase("contenus sponsorisés", heading: true, "sponsored-link boxes"),
        Phrase("contenu sponsorisé", heading: true, "sponsored-link boxes"),
        Phrase("pour aller plus loin", heading: true, "further-reading link lists"),
        Phrase("suivez-nous", "social-network prompts"),
        Phrase("newsletter", "newsletter boxes ('Newsletter « La Matinale »')"),
        Phrase("publié le", "datelines: the date goes to the metadata, not the text"),
        Phrase("mis à jour le", "datelines: the date goes to the metadata, not the text"),
        Phrase("modifié le", "datelines: the date goes to the metadata, not the text"),
    ]

    /// The longest phrase, in bytes: how much of a block's text is read to test them.
    static let prefixBytes = 48

    /// The phrases as UTF-8 bytes, with the set of their first bytes (a cheap first filter).
    static let encoded: [(bytes: [UInt8], phrase: Phrase)] = phrases.map { (Array($0.text.utf8), $0) }
    static let firstBytes: Set<UInt8> = Set(encoded.compactMap { $0.bytes.first })

    /// The phrase that lower-cased UTF-8 text starts with, if any.
    static func match(_ lowered: [UInt8]) -> Phrase? {
        for (bytes, phrase) in encoded where lowered.count >= bytes.count && lowered.starts(with: bytes) {
            return phrase
        }
        return nil
    }

    /// Lower-cases ASCII letters and the Latin-1 capitals (`À`…`Þ`) in UTF-8; a no-break space becomes a space.
    static func lowerLatin(_ b: inout [UInt8]) {
        var k = 0
        while k < b.count {
            let c = b[k]
            if c >= 65, c <= 90 {
                b[k] = c + 32
            } else if c == 0xC3, k + 1 < b.count, b[k + 1] >= 0x80, b[k + 1] <= 0x9E, b[k + 1] != 0x97 {
                b[k + 1] += 0x20
                k += 1
            } else if c == 0xC2, k + 1 < b.count, b[k + 1] == 0xA0 {
                b[k] = 32
                b.remove(at: k + 1)
            }
            k += 1
        }
    }
}
