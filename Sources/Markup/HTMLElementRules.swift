/// What libxml2's HTML parser (2.9, HTML 4 rules, not HTML5) knows about elements, as tables over the ids
/// of ``HTMLNameTable``: which elements are empty, which start tags close which open elements, and which end
/// tags may close which elements.
///
/// Copied from libxml2's `HTMLparser.c` (`html40ElementTable`'s `empty` flag, `htmlStartClose`,
/// `htmlEndPriority`) so that ``HTMLTreeParser`` builds the same trees as the libxml2 parser it replaces.
enum HTMLElementRules {
    /// Names libxml2's rules mention that ``HTMLTag`` lacks; their ids start at ``firstExtraID``.
    static let extraNames = ["listing", "xmp", "dir", "optgroup", "basefont", "isindex", "param", "acronym"]
    /// The id of `extraNames[0]`.
    static let firstExtraID = 128

    /// Elements that never have content (`html40ElementTable` entries with `empty` set): closed right after
    /// their start tag. (`wbr`, `source`, `embed` are not among them in libxml2's HTML 4 table.)
    static let emptyNames = [
        "area", "base", "basefont", "br", "col", "frame", "hr", "img", "input", "isindex",
        "link", "meta", "param",
    ]

    /// `htmlEndPriority`: an end tag closes open elements only up to one of higher priority (default 100).
    static let endPriorities: [(String, UInt8)] = [
        ("div", 150), ("td", 160), ("th", 160), ("tr", 170), ("thead", 180), ("tbody", 180), ("tfoot", 180),
        ("table", 190), ("head", 200), ("body", 200), ("html", 220),
    ]

    /// `htmlStartClose` (libxml2 2.9.11+): an open element (first) is closed by a start tag of one of the
    /// others while it is the current element. `head` is closed by any body content.
    static let startClose: [(String, [String])] = [
        ("a", ["a", "fieldset", "table", "td", "th"]),
        ("address", ["dd", "dl", "dt", "form", "li", "ul"]),
        ("b", ["center", "p", "td", "th"]),
        ("big", ["p"]),
        ("caption", ["col", "colgroup", "tbody", "tfoot", "thead", "tr"]),
        ("col", ["col", "colgroup", "tbody", "tfoot", "thead", "tr"]),
        ("colgroup", ["colgroup", "tbody", "tfoot", "thead", "tr"]),
        ("dd", ["dt"]),
        ("dir", ["dd", "dl", "dt", "form", "ul"]),
        ("dl", ["form", "li"]),
        ("dt", ["dd", "dl"]),
        ("font", ["center", "td", "th"]),
        ("form", ["form"]),
        ("h1", ["fieldset", "form", "li", "p", "table"]),
        ("h2", ["fieldset", "form", "li", "p", "table"]),
        ("h3", ["fieldset", "form", "li", "p", "table"]),
        ("h4", ["fieldset", "form", "li", "p", "table"]),
        ("h5", ["fieldset", "form", "li", "p", "table"]),
        ("h6", ["fieldset", "form", "li", "p", "table"]),
        (
            "head",
            [
                "a", "abbr", "acronym", "address", "b", "bdo", "big", "blockquote", "body", "br", "center",
                "cite", "code", "dd", "dfn", "dir", "div", "dl", "dt", "em", "fieldset", "font", "form",
                "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "iframe", "img", "kbd", "li",
                "listing", "map", "menu", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strike",
                "strong", "sub", "sup", "table", "tt", "u", "ul", "var", "xmp",
            ]
        ),
        ("hr", ["form"]),
        ("i", ["center", "p", "td", "th"]),
        ("legend", ["fieldset"]),
        ("li", ["li"]),
        ("link", ["body", "frameset"]),
        ("listing", ["dd", "dl", "dt", "fieldset", "form", "li", "table", "ul"]),
        ("menu", ["dd", "dl", "dt", "form", "ul"]),
        ("ol", ["form"]),
        ("option", ["optgroup", "option"]),
        (
            "p",
            [
                "address", "blockquote", "body", "caption", "center", "col", "colgroup", "dd", "dir", "div",
                "dl", "dt", "fieldset", "form", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "hr",
                "li", "listing", "menu", "ol", "p", "pre", "table", "tbody", "td", "tfoot", "th", "title", "tr",
                "ul", "xmp",
            ]
        ),
        ("pre", ["dd", "dl", "dt", "fieldset", "form", "li", "table", "ul"]),
        ("s", ["p"]),
        ("script", ["noscript"]),
        ("small", ["p"]),
        ("span", ["td", "th"]),
        ("strike", ["p"]),
        ("style", ["body", "frameset"]),
        ("tbody", ["tbody", "tfoot"]),
        ("td", ["tbody", "td", "tfoot", "th", "tr"]),
        ("tfoot", ["tbody"]),
        ("th", ["tbody", "td", "tfoot", "th", "tr"]),
        ("thead", ["tbody", "tfoot"]),
        ("title", ["body", "frameset"]),
        ("tr", ["tbody", "tfoot", "tr"]),
        ("tt", ["p"]),
        ("u", ["p", "td", "th"]),
        ("ul", ["address", "form", "menu", "pre"]),
        ("xmp", ["dd", "dl", "dt", "fieldset", "form", "li", "table", "ul"]),
    ]

    /// A set of known ids (< 256) as four words.
    struct IDSet {
        var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

        mutating func insert(_ id: Int) {
            let bit = UInt64(1) << UInt64(id & 63)
            switch id >> 6 {
            case 0: words.0 |= bit
            case 1: words.1 |= bit
            case 2: words.2 |= bit
            default: words.3 |= bit
            }
        }

        @inline(__always) func contains(_ id: UInt16) -> Bool {
            guard id < 256 else { return false }
            let bit = UInt64(1) << UInt64(id & 63)
            switch id >> 6 {
            case 0: return words.0 & bit != 0
            case 1: return words.1 & bit != 0
            case 2: return words.2 & bit != 0
            default: return words.3 & bit != 0
            }
        }
    }

    /// The rules as flat tables indexed by id (ids ≥ 256 are unknown elements: not empty, priority 100,
    /// closing nothing).
    struct Tables {
        /// `empty[id]`: closed right after its start tag.
        var empty = [Bool](repeating: false, count: 256)
        /// `priority[id]`: end-tag priority.
        var priority = [UInt8](repeating: 100, count: 256)
        /// `closes[id]`: the open elements a start tag `id` closes.
        var closes = [IDSet](repeating: IDSet(), count: 256)
        /// `level[id]`: the rank of `priority[id]` among ``priorityLevels`` (0 for the default 100).
        var level = [UInt8](repeating: 0, count: 256)
    }

    /// The distinct end-tag priorities, lowest first: an element blocks an end tag of a lower level.
    static let priorityLevels: [UInt8] = [100, 150, 160, 170, 180, 190, 200, 220]

    /// The id of a known name (``HTMLTag`` or ``extraNames``).
    static func knownID(_ name: String) -> Int {
        if let k = extraNames.firstIndex(of: name) { return firstExtraID + k }
        return Int(HTMLTag.named(name).rawValue)
    }

    /// The tables, built once.
    static let tables: Tables = {
        var t = Tables()
        for name in emptyNames { t.empty[knownID(name)] = true }
        for (name, p) in endPriorities {
            t.priority[knownID(name)] = p
            t.level[knownID(name)] = UInt8(priorityLevels.firstIndex(of: p) ?? 0)
        }
        for (old, closers) in startClose {
            for new in closers { t.closes[knownID(new)].insert(knownID(old)) }
        }
        return t
    }()
}
