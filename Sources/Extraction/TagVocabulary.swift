import Markup

/// Tag vocabularies of the scorer, cleaner and renderer, as named data with a reason each.
enum TagVocabulary {
    /// Elements whose own text is scored (Readability's DEFAULT_TAGS_TO_SCORE): the paragraphs of an article.
    static let scored: TagSet = [.section, .h2, .h3, .h4, .h5, .h6, .p, .td, .pre]

    /// Block children that keep a `<div>` from being read as a paragraph (Readability's DIV_TO_P_ELEMS).
    static let blockInDiv: TagSet = [.blockquote, .dl, .div, .img, .ol, .p, .pre, .table, .ul]

    /// Inline content that runs of text are made of (Readability's PHRASING_ELEMS, plus `font`, read as a span).
    static let phrasing: TagSet = [
        .abbr, .audio, .b, .bdo, .br, .button, .cite, .code, .data, .datalist, .dfn, .em, .embed, .i, .img, .input,
        .kbd, .label, .mark, .math, .meter, .noscript, .object, .output, .progress, .q, .ruby, .samp, .script,
        .select, .small, .span, .strong, .sub, .sup, .textarea, .time, .var, .wbr, .font, .a, .del, .ins,
    ]

    /// Tags whose text shows the block holds prose, not only links or media (Readability's textish tags).
    static let textish: TagSet = [.span, .li, .td, .blockquote, .dl, .div, .img, .ol, .p, .pre, .table, .ul]

    /// Never content: code, styling, embedded documents and form controls (also skipped by the evaluation's gold text).
    static let neverContent: TagSet = [
        .script, .style, .noscript, .template, .head, .title, .meta, .link, .base, .svg, .math, .iframe, .object,
        .embed, .select, .option, .textarea, .input, .button, .canvas, .map, .area, .frame, .frameset, .dialog,
    ]

    /// Dropped inside the chosen article (Readability's prepArticle): page furniture, never prose.
    static let droppedInArticle: TagSet = [.footer, .aside, .nav, .form, .fieldset, .label]

    /// Elements cleaned conditionally (link-heavy, image-heavy or empty ones are dropped).
    static let cleanedConditionally: TagSet = [.table, .ul, .ol, .div, .section, .form, .fieldset, .dl]

    /// Roles of page furniture (Readability's UNLIKELY_ROLES).
    static let unlikelyRoles: [StaticString] = [
        "menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog",
    ]

    /// A candidate's starting score by tag: containers up, lists and headings down (Readability's initializeNode).
    static func baseScore(_ tag: HTMLTag) -> Float {
        switch tag {
        case .div: return 5
        case .pre, .td, .blockquote: return 3
        case .address, .ol, .ul, .dl, .dd, .dt, .li, .form: return -3
        case .h1, .h2, .h3, .h4, .h5, .h6, .th: return -5
        default: return 0
        }
    }

    /// Blocks that start a new paragraph in the output text.
    static let paragraphBlocks: TagSet = [
        .p, .div, .section, .article, .main, .header, .footer, .blockquote, .pre, .table, .figure, .figcaption,
        .address, .details, .summary, .hgroup, .ul, .ol, .dl, .h1, .h2, .h3, .h4, .h5, .h6, .hr, .center, .caption,
        .aside, .nav, .form, .fieldset,
    ]

    /// Blocks that take their own line, without a blank line between siblings (list items, table rows, terms).
    static let lineBlocks: TagSet = [.li, .tr, .dt, .dd]
}

/// A set of tags as a 128-bit mask: membership is one shift and one test, no hashing.
struct TagSet: ExpressibleByArrayLiteral, Sendable {
    private var low: UInt64 = 0
    private var high: UInt64 = 0

    init(arrayLiteral tags: HTMLTag...) {
        for t in tags {
            if t.rawValue < 64 { low |= 1 << UInt64(t.rawValue) } else { high |= 1 << UInt64(t.rawValue - 64) }
        }
    }

    @inline(__always) func contains(_ t: HTMLTag) -> Bool {
        t.rawValue < 64 ? low & (1 << UInt64(t.rawValue)) != 0 : high & (1 << UInt64(t.rawValue &- 64)) != 0
    }
}
