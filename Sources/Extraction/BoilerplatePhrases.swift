/// Step 3 of the cascade, as data: the openings of blocks that are page furniture, not article, with a reason
/// each. A block (of at most ``maxBlockCharacters``) whose text, lower-cased, starts with one of these is
/// dropped; a ``Phrase/heading`` also drops the link list that follows it.
enum BoilerplatePhrases {
    /// One opening.
    struct Phrase: Sendable {
        let text: String
        /// True when the phrase titles a list of links that goes with it.
        let heading: Bool
        /// True when the phrase must be the block's whole text (trailing punctuation aside): a word like
        /// "zurück" also opens prose.
        let whole: Bool
        let reason: StaticString
        init(_ text: String, heading: Bool = false, whole: Bool = false, _ reason: StaticString) {
            self.text = text
            self.heading = heading
            self.whole = whole
            self.reason = reason
        }
    }

    /// Blocks longer than this are prose even when they open with one of the phrases.
    static let maxBlockCharacters: Int32 = 160
    /// A block opening with a ``Phrase/heading`` phrase may be this long when it is mostly links (the heading
    /// and its list in one block).
    static let maxLinkBlockCharacters: Int32 = 1500

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
        // Cross-links and recommendation rails in the other languages of the press veille reads.
        Phrase("read more", heading: true, "cross-links"),
        Phrase("read also", heading: true, "cross-links"),
        Phrase("also read", heading: true, "cross-links"),
        Phrase("see also", heading: true, "cross-links"),
        Phrase("related posts", heading: true, "blog related-post lists"),
        Phrase("related stories", heading: true, "related-article lists"),
        Phrase("related content", heading: true, "related-article lists"),
        Phrase("you may also like", heading: true, "recommendation rails"),
        Phrase("you might also like", heading: true, "recommendation rails"),
        Phrase("more from", heading: true, "recommendation rails ('More from …')"),
        Phrase("more stories", heading: true, "recommendation rails"),
        Phrase("most read", heading: true, "most-read rails"),
        Phrase("most popular", heading: true, "most-read rails"),
        Phrase("lesen sie auch", heading: true, "German: cross-links"),
        Phrase("lesen sie mehr", heading: true, "German: cross-links"),
        Phrase("lies auch", heading: true, "German: cross-links"),
        Phrase("mehr zum thema", heading: true, "German: related-article lists"),
        Phrase("mehr themen", heading: true, "German: related-topic lists"),
        Phrase("mehr von", heading: true, "German: recommendation rails ('Mehr von …')"),
        Phrase("weitere artikel", heading: true, "German: related-article lists"),
        Phrase("weitere beiträge", heading: true, "German: related-post lists"),
        Phrase("ähnliche beiträge", heading: true, "German: related-post lists"),
        Phrase("ähnliche artikel", heading: true, "German: related-article lists"),
        Phrase("empfohlene beiträge", heading: true, "German: recommendation rails"),
        Phrase("das könnte sie auch interessieren", heading: true, "German: recommendation rails"),
        Phrase("das könnte dich", heading: true, "German: recommendation rails ('… auch interessieren')"),
        Phrase("entdecke weitere", heading: true, "German: recommendation rails"),
        Phrase("meistgelesen", heading: true, "German: most-read rails"),
        Phrase("lee también", heading: true, "Spanish: cross-links"),
        Phrase("lea también", heading: true, "Spanish: cross-links"),
        Phrase("te puede interesar", heading: true, "Spanish: recommendation rails"),
        Phrase("noticias relacionadas", heading: true, "Spanish: related-article lists"),
        Phrase("mire:", heading: true, "Spanish: cross-links ('Mire: …')"),
        Phrase("leia também", heading: true, "Portuguese: cross-links"),
        Phrase("veja também", heading: true, "Portuguese: cross-links"),
        Phrase("czytaj też", heading: true, "Polish: cross-links"),
        Phrase("czytaj także", heading: true, "Polish: cross-links"),
        Phrase("zobacz też", heading: true, "Polish: cross-links"),
        // Photo credits and sources, as a line of their own.
        Phrase("foto:", "photo credits ('Foto: dpa')"),
        Phrase("fotos:", "photo credits"),
        Phrase("(foto:", "photo credits in brackets"),
        Phrase("bild:", "German: picture credits"),
        Phrase("bildquelle", "German: picture credits"),
        Phrase("bildnachweis", "German: picture credits"),
        Phrase("photo:", "photo credits"),
        Phrase("photo credit", "photo credits"),
        Phrase("image:", "picture credits"),
        Phrase("image credit", "picture credits"),
        Phrase("credit:", "picture credits"),
        Phrase("credits:", "picture credits"),
        Phrase("quelle:", "German: source lines of pictures and agency copy"),
        Phrase("(quelle:", "German: source lines in brackets"),
        Phrase("quellenangaben", "German: reference lists' headings"),
        // Blog furniture under a post.
        Phrase("this entry was posted", "WordPress post metadata"),
        Phrase("dieser eintrag wurde", "German WordPress post metadata"),
        Phrase("posted in ", "blog category lines"),
        Phrase("filed under", "blog category lines"),
        Phrase("veröffentlicht in", "German blog category lines"),
        Phrase("kategorie:", "German blog category lines"),
        Phrase("kategorien:", "German blog category lines"),
        Phrase("schlagwörter", "German tag lines"),
        Phrase("tags:", "tag lines"),
        Phrase("share this", "share bars"),
        Phrase("teilen mit", "German share bars"),
        Phrase("diesen beitrag teilen", "German share bars"),
        Phrase("gefällt mir", "German like buttons"),
        Phrase("like this:", "like buttons"),
        Phrase("comments are closed", "closed comment threads"),
        Phrase("kommentare geschlossen", "German: closed comment threads"),
        Phrase("leave a comment", "comment prompts"),
        Phrase("leave a reply", "comment prompts"),
        Phrase("schreibe einen kommentar", "German comment prompts"),
        Phrase("síguenos en", "Spanish social-network prompts"),
        Phrase("siguenos en", "the same, unaccented"),
        Phrase("folge uns", "German social-network prompts"),
        Phrase("follow us", "social-network prompts"),
        // Navigation left inside the text, only as a block's whole text.
        Phrase("zurück", whole: true, "German 'back' links"),
        Phrase("nach oben", whole: true, "German 'to the top' links"),
        Phrase("back to top", whole: true, "'to the top' links"),
        Phrase("drucken", whole: true, "German print buttons"),
        Phrase("print", whole: true, "print buttons"),
        Phrase("imprimer", whole: true, "French print buttons"),
        Phrase("print recipe", whole: true, "recipe cards' print buttons"),
        Phrase("close", whole: true, "gallery and dialog close buttons"),
        Phrase("advertisement", whole: true, "advertising labels"),
        Phrase("- advertisement -", whole: true, "advertising labels"),
        Phrase("anzeige", whole: true, "German advertising labels"),
        Phrase("werbung", whole: true, "German advertising labels"),
        Phrase("publicité", whole: true, "French advertising labels"),
        Phrase("publicidad", whole: true, "Spanish advertising labels"),
        Phrase("fermer", whole: true, "French close buttons"),
        Phrase("schließen", whole: true, "German close buttons"),
        // Prompts around the article: subscriptions, feedback, reading time.
        Phrase("subscribe now", "subscription prompts"),
        Phrase("was this article helpful", "feedback prompts"),
        Phrase("war der artikel", "German feedback prompts ('War der Artikel nützlich?')"),
        Phrase("war dieser artikel", "German feedback prompts"),
        Phrase("cet article vous a-t-il", "French feedback prompts"),
        Phrase("lesezeit", "German reading-time lines"),
        Phrase("reading time", "reading-time lines"),
        Phrase("ten tekst przeczytasz", "Polish reading-time lines"),
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
