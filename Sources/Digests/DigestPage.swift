import Mustache
import VeilleCore

/// The view model of the HTML digest (templates `digest`, `digest-summary`, `digest-item`, `digest-link` and
/// the web view's `kind-badge` and `marked`, in the Templates module): plain values, every text already one
/// inert line (``DigestText/line(_:)``) and escaped by the templates' `{{ }}`. Only `css` (the bundle's
/// style sheets) and each row's `chart` (drawn from numbers) are written raw.
struct DigestPage {
    /// A catalogue text cut at its placeholders `{0}`, `{1}`…: `a` before `{0}`, `b` between `{0}` and `{1}`,
    /// and so on (the templates put the escaped values between). Placeholders are expected in order, as every
    /// digest text has them in both languages (tested); one out of order leaves the rest of the text at its end.
    struct Frame {
        var a = "", b = "", c = "", d = "", e = ""

        init(_ text: String, slots: Int) {
            var parts: [String] = []
            var rest = Substring(text)
            for i in 0..<slots {
                guard let r = rest.range(of: "{\(i)}") else { break }
                parts.append(String(rest[..<r.lowerBound]))
                rest = rest[r.upperBound...]
            }
            parts.append(String(rest))
            parts += Array(repeating: "", count: max(0, 5 - parts.count))
            (a, b, c, d, e) = (parts[0], parts[1], parts[2], parts[3], parts[4])
        }
    }

    /// A name in a list, with the separator written before it ("" for the first).
    struct Named {
        var sep: String
        var name: String
    }

    /// A text linked to `href` (http(s) only), or plain text when there is none.
    struct Link {
        var href: String?
        var text: String
    }

    /// A delta's kind as the web view shows it (`kind-badge`: `kind` and `kind_local`, the label).
    struct Badge: MustacheParent {
        var kind: String
        var label: String

        func child(named name: String) -> Any? {
            switch name {
            case "kind": return kind
            case "kind_local": return label
            default: return nil
            }
        }
    }

    /// A snippet piece: found text (`mark`) or not (template `marked`, shared with the web view's search).
    struct Segment {
        var text: String
        var mark: Bool
    }

    struct Framed<Value> {
        var frame: Frame
        var names: [Value]
    }

    struct AlsoIn {
        var frame: Frame
        var entries: [Entry]

        struct Entry {
            var sep: String
            var source: String
            var link: Link
        }
    }

    /// A title or text change line: "Titre, retiré : …" with the words struck out (`del`) or added (`ins`).
    struct Change {
        var frame: Frame
        var text: String
        var del: Bool
        var ins: Bool
    }

    struct Evidence {
        var frame: Frame
        var name: String
        var words: [Word]
        var field: String
        var segments: [Segment]

        struct Word {
            var sep: String
            var word: String
        }
    }

    struct Item {
        var badge: Badge
        var title: Link
        var source: String
        var time: String
        var subtitle: String?
        var tags: Framed<Named>?
        var alsoIn: AlsoIn?
        /// Whether the lines below are shown (the first ``DigestContent/detailedPerSection`` of a section).
        var details: Bool
        var senate: String?
        var changes: [Change]
        var evidence: [Evidence]
        var more: Link?
    }

    struct Section {
        var title: String
        var attributed: Framed<Named>?
        var items: [Item]
    }

    struct Bursts {
        var title: String
        var lines: [String]
    }

    struct Summary {
        var title: String
        var entity: String
        var tonight: String
        var trend: String
        var rows: [Row]

        struct Row {
            var name: String
            var burst: Bool
            var tonight: String
            /// The trend drawn by Swift from its numbers (SVG or table cells): no text from outside.
            var chart: String
        }
    }

    struct Lines<Line> {
        var title: String
        var frame: Frame
        var lines: [Line]
    }

    struct Baseline {
        var source: String
        var count: String
    }

    struct Trouble {
        var source: String
        var what: String
        var error: String
    }

    var lang: String
    var heading: String
    /// The style sheets, embedded in the file version; nil in mail (inlined instead).
    var css: String?
    var period: String
    var counts: String
    var bursts: Bursts?
    var summary: Summary?
    var sections: [Section]
    var baseline: Lines<Baseline>?
    var trouble: Lines<Trouble>?
}
