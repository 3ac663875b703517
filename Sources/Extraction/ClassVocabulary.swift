/// The class/id vocabularies of the scorer and the cleaner, as named data with a reason per entry.
///
/// Each entry is a lower-case fragment looked for in an element's `class` and `id` attributes. The English
/// core follows Mozilla Readability's regular expressions (the reference the test pages were made with);
/// the French entries cover what French outlets name the same blocks. A fragment matches as a substring,
/// as a word (bounded by anything but a letter or digit), or as a whole space-separated token.
enum ClassVocabulary {
    /// How a fragment must sit in the attribute value.
    enum Mode: Sendable { case substring, word, token }

    /// The sets a fragment belongs to, as bits of one mask.
    struct Set: OptionSet, Sendable {
        let rawValue: UInt16
        /// Blocks that are almost never the article: dropped before scoring unless also ``maybe``.
        static let unlikely = Set(rawValue: 1)
        /// Words that rescue an ``unlikely`` block (an "article-header" is still article).
        static let maybe = Set(rawValue: 2)
        /// +25 to a candidate's score.
        static let positive = Set(rawValue: 4)
        /// -25 to a candidate's score.
        static let negative = Set(rawValue: 8)
        /// The byline block.
        static let byline = Set(rawValue: 16)
        /// Share bars: dropped inside the article when short.
        static let share = Set(rawValue: 32)
        /// Boilerplate inside the article (cleanup step): newsletter boxes, paywalls, related links, comments.
        static let boilerplate = Set(rawValue: 64)
        /// The article's standfirst (lead, chapô): kept as the first paragraph when it sits above the body.
        static let lead = Set(rawValue: 128)
        /// Picture credits and copyright lines: dropped inside the article when short.
        static let credit = Set(rawValue: 256)
        /// Teasers of other articles: dropped inside the article when short.
        static let teaser = Set(rawValue: 512)
        /// Layers over the page (dialogs, log-in panels): unlikely in every pass, also when the scorer retries
        /// without the ``unlikely`` filter because the first pass found too little.
        static let layer = Set(rawValue: 1024)
    }

    /// One vocabulary entry.
    struct Entry: Sendable {
        let fragment: StaticString
        let sets: Set
        let mode: Mode
        let reason: StaticString
        init(_ fragment: StaticString, _ sets: Set, _ reason: StaticString, mode: Mode = .substring) {
            self.fragment = fragment
            self.sets = sets
            self.mode = mode
            self.reason = reason
        }
    }

    static let entries: [Entry] = [
        // Unlikely candidates (Readability's unlikelyCandidates), French additions below them.
        Entry("-ad-", [.unlikely, .negative], "advertising slot"),
        Entry("ai2html", .unlikely, "NYT graphics scaffolding, text-free"),
        Entry("banner", [.unlikely, .negative], "site banners"),
        Entry("breadcrumbs", .unlikely, "navigation trail"),
        Entry(
            "breadcrumb", .unlikely, "navigation trail, as a whole class (a 'breadcrumb-wrapper' may wrap the page)",
            mode: .token),
        Entry("combx", [.unlikely, .negative], "legacy comment boxes"),
        Entry("comment", [.unlikely, .negative, .boilerplate], "reader comments"),
        Entry("community", .unlikely, "community widgets"),
        Entry("cover-wrap", .unlikely, "cover overlays"),
        Entry("disqus", [.unlikely, .boilerplate], "Disqus comment threads"),
        Entry("extra", .unlikely, "extras columns"),
        Entry("footer", [.unlikely, .negative], "page and article footers"),
        Entry("gdpr", [.unlikely, .negative, .boilerplate], "consent banners"),
        Entry("header", .unlikely, "site headers"),
        Entry("legends", .unlikely, "map legends"),
        Entry("menu", .unlikely, "navigation menus"),
        Entry("related", [.unlikely, .negative, .boilerplate], "related-article lists"),
        Entry("remark", .unlikely, "remarks threads"),
        Entry("replies", .unlikely, "comment replies"),
        Entry("rss", .unlikely, "feed links"),
        Entry("shoutbox", [.unlikely, .negative], "chat boxes"),
        Entry("sidebar", [.unlikely, .negative], "side columns"),
        Entry("skyscraper", [.unlikely, .negative], "tall ad formats"),
        Entry("social", [.unlikely, .boilerplate], "social buttons"),
        Entry("sponsor", [.unlikely, .negative], "sponsored blocks"),
        Entry("supplemental", .unlikely, "supplemental rails"),
        Entry("ad-break", .unlikely, "ad breaks"),
        Entry("agegate", .unlikely, "age gates"),
        Entry("pagination", [.unlikely, .positive], "page lists; also a positive hint, as in Readability"),
        Entry("pager", .unlikely, "pagers"),
        Entry("popup", .unlikely, "pop-ups"),
        Entry("yom-remote", .unlikely, "Yahoo remote widgets"),
        Entry("commentaire", [.unlikely, .negative, .boilerplate], "French: reader comments"),
        Entry("kommentar", [.unlikely, .negative, .boilerplate], "German: reader comments"),
        Entry("comentario", [.unlikely, .negative, .boilerplate], "Spanish and Portuguese: reader comments"),
        Entry("partage", [.unlikely, .negative, .share], "French: share bars"),
        Entry("publicite", [.unlikely, .negative, .boilerplate], "French: advertising"),
        Entry("newsletter", [.unlikely, .negative, .boilerplate], "newsletter sign-up boxes"),
        Entry("cookie", [.unlikely, .boilerplate], "cookie banners"),
        Entry("lire-aussi", [.unlikely, .negative, .boilerplate], "French: 'À lire aussi' boxes"),
        Entry("a-lire", [.negative, .boilerplate], "French: 'À lire' boxes"),
        Entry("meme-sujet", [.unlikely, .negative, .boilerplate], "French: 'Sur le même sujet' boxes"),
        // Layers over the page that are never the article, however much text they hold.
        Entry(
            "modal", [.unlikely, .layer],
            "modal windows laid over the page, as a whole class (a 'modal-image' is a picture)",
            mode: .token),
        Entry("dialog", [.unlikely, .layer], "dialog boxes laid over the page"),
        Entry("login", [.unlikely, .layer], "log-in and registration panels"),
        Entry("noscript", [.unlikely, .layer], "notices shown only without JavaScript", mode: .word),
        Entry(
            "overlay", .unlikely,
            "overlays (outdated-browser warnings); not a layer: navigation overlays may wrap the page"),
        // Readability's okMaybeItsACandidate.
        Entry("and", .maybe, "Readability's rescue list (e.g. 'main-and-sidebar' wrappers)"),
        Entry("article", [.maybe, .positive], "the article itself"),
        Entry("body", [.maybe, .positive], "article body"),
        Entry("column", .maybe, "main columns"),
        Entry("content", [.maybe, .positive], "content wrappers"),
        Entry("main", [.maybe, .positive], "main regions"),
        Entry("mathjax", .maybe, "rendered formulas"),
        Entry("shadow", .maybe, "shadowed content boxes"),
        Entry("contenu", [.maybe, .positive], "French: content"),
        Entry("corps", [.maybe, .positive], "French: article body"),
        // Positive only.
        Entry("entry", .positive, "blog entries"),
        Entry("hentry", .positive, "microformat entries"),
        Entry("h-entry", .positive, "microformats2 entries"),
        Entry("page", .positive, "page bodies"),
        Entry("post", .positive, "blog posts"),
        Entry("text", .positive, "text blocks (French 'texte' too)"),
        Entry("blog", .positive, "blog bodies"),
        Entry("story", .positive, "news stories"),
        Entry("chapo", [.positive, .lead], "French: the standfirst ('chapô')"),
        // Negative only.
        Entry("hidden", .negative, "hidden blocks"),
        Entry("hid", .negative, "hidden, abbreviated", mode: .token),
        Entry("com-", .negative, "comment prefixes"),
        Entry("contact", .negative, "contact boxes"),
        Entry("masthead", .negative, "site mastheads"),
        Entry("media", .negative, "media rails"),
        Entry("meta", .negative, "metadata lines"),
        Entry("outbrain", [.negative, .boilerplate], "Outbrain recommendations"),
        Entry("taboola", [.unlikely, .negative, .boilerplate], "Taboola recommendations ('Ailleurs sur le web')"),
        Entry("promo", .negative, "promotions"),
        Entry("scroll", .negative, "scrollers"),
        Entry("share", [.negative], "share bars (scoring)"),
        Entry("shopping", .negative, "shopping modules"),
        Entry("tags", .negative, "tag lists"),
        Entry("widget", .negative, "widgets"),
        Entry("paywall", [.negative, .boilerplate], "subscription walls"),
        Entry("abonne", [.boilerplate], "French: subscriber walls ('réservé aux abonnés')"),
        Entry("subscribe", [.boilerplate], "subscription prompts"),
        Entry("author-bio", [.boilerplate, .unlikely], "author biography boxes under the article"),
        Entry("about-author", [.boilerplate, .unlikely], "author biography boxes"),
        Entry("author-box", [.boilerplate, .unlikely], "author biography boxes"),
        Entry("autorenbox", [.boilerplate, .unlikely], "German: author biography boxes"),
        Entry("site-description", [.boilerplate], "blog themes' tagline in the masthead (not a standfirst)"),
        Entry("teaser", [.teaser], "teasers of other articles (not the article's own lead, see ``Standfirst``)"),
        // Bylines.
        Entry("byline", .byline, "bylines"),
        Entry("author", .byline, "author blocks"),
        Entry("dateline", .byline, "datelines"),
        Entry("writtenby", .byline, "'written by' blocks"),
        Entry("p-author", .byline, "microformat authors"),
        Entry("auteur", .byline, "French: author"),
        Entry("signature", .byline, "French: the signature line"),
        // Standfirsts (``Standfirst``); "lead" as a word, so "leaderboard" ad slots stay out.
        Entry("lead", .lead, "the standfirst ('article__lead', 'lead-text')", mode: .word),
        Entry("standfirst", .lead, "British: the standfirst"),
        Entry("chapô", .lead, "French: the standfirst, accented"),
        Entry("chapeau", .lead, "French: the standfirst ('chapeau')"),
        Entry("intro", .lead, "the standfirst ('article-intro', 'content__intro', 'c-page-intro__copy')", mode: .word),
        Entry("excerpt", .lead, "blog themes' standfirst ('entry-excerpt')"),
        Entry("teaser-text", .lead, "German CMSs: the article's own 'Teaser' (Vorspann), not another article's"),
        Entry("subtitle", .lead, "the sentence under the headline ('article-subtitle', 'c-article-head__subtitle')"),
        Entry("description", .lead, "CMS summaries above the body ('documentDescription', 'news-description')"),
        Entry("summary", .lead, "the article's summary ('article-summary')", mode: .word),
        Entry("abstract", .lead, "scientific and institutional standfirsts"),
        // Picture credits (cleanup step). Captions themselves stay: Readability's pages keep them.
        Entry("credit", .credit, "picture credits"),
        Entry("copyright", .credit, "picture credits and copyright lines"),
        Entry("photographer", .credit, "picture credits"),
        Entry("bildnachweis", .credit, "German: picture credits"),
        // Share bars (Readability's shareElements, word-bounded).
        Entry("share", .share, "share bars", mode: .word),
        Entry("sharedaddy", .share, "WordPress share bars", mode: .word),
    ]
}
