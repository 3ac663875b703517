import Markup

/// The small CSS subset site rules are written in: compound selectors (`tag`, `#id`, `.class`, `[attr]`,
/// `[attr=value]`, `[attr*=value]`) joined by descendant spaces, e.g. `article .article__content`.
public struct SiteSelector: Sendable, Equatable, CustomStringConvertible {
    struct Compound: Sendable, Equatable {
        var tag: String?
        var id: String?
        var classes: [String] = []
        /// (name, value, contains): value nil tests presence.
        var attributes: [AttributeTest] = []
    }

    struct AttributeTest: Sendable, Equatable {
        var name: String
        var value: String?
        var contains: Bool
    }

    /// The selector as written.
    public let description: String
    let compounds: [Compound]

    /// Parses a selector.
    ///
    /// - Returns: nil when the text uses anything outside the subset.
    public init?(_ text: String) {
        description = text
        var out: [Compound] = []
        for part in SiteSelector.parts(text) {
            guard let c = SiteSelector.compound(part) else { return nil }
            out.append(c)
        }
        guard !out.isEmpty else { return nil }
        compounds = out
    }

    /// Splits at spaces outside brackets (`[title*='a b']` stays whole).
    static func parts(_ text: String) -> [Substring] {
        var out: [Substring] = []
        var start = text.startIndex
        var depth = 0
        var i = text.startIndex
        while i < text.endIndex {
            let ch = text[i]
            if ch == "[" { depth += 1 } else if ch == "]" { depth = max(0, depth - 1) }
            if ch == " ", depth == 0 {
                if start < i { out.append(text[start..<i]) }
                start = text.index(after: i)
            }
            i = text.index(after: i)
        }
        if start < text.endIndex { out.append(text[start...]) }
        return out
    }

    static func compound(_ s: Substring) -> Compound? {
        var c = Compound()
        var i = s.startIndex
        func name() -> String {
            let start = i
            while i < s.endIndex, s[i].isLetter || s[i].isNumber || s[i] == "-" || s[i] == "_" { i = s.index(after: i) }
            return String(s[start..<i])
        }
        let tag = name()
        if !tag.isEmpty { c.tag = tag.lowercased() }
        while i < s.endIndex {
            let ch = s[i]
            i = s.index(after: i)
            switch ch {
            case "#":
                let v = name()
                guard !v.isEmpty else { return nil }
                c.id = v
            case ".":
                let v = name()
                guard !v.isEmpty else { return nil }
                c.classes.append(v)
            case "[":
                let attr = name().lowercased()
                guard !attr.isEmpty, i < s.endIndex else { return nil }
                var contains = false
                if s[i] == "*" {
                    contains = true
                    i = s.index(after: i)
                }
                guard i < s.endIndex else { return nil }
                if s[i] == "]" {
                    c.attributes.append(AttributeTest(name: attr, value: nil, contains: false))
                    i = s.index(after: i)
                    continue
                }
                guard s[i] == "=" else { return nil }
                i = s.index(after: i)
                guard i <= s.endIndex else { return nil }
                guard let close = s[i...].firstIndex(of: "]") else { return nil }
                var value = String(s[i..<close])
                if value.count >= 2, let f = value.first, f == "\"" || f == "'", value.last == f {
                    value = String(value.dropFirst().dropLast())
                }
                c.attributes.append(AttributeTest(name: attr, value: value, contains: contains))
                i = s.index(after: close)
            default: return nil
            }
        }
        return c
    }

    /// True when element `i` of `tree` matches.
    func matches(_ tree: HTMLTree, _ i: Int) -> Bool {
        guard let last = compounds.last, SiteSelector.matches(last, tree, i) else { return false }
        var node = Int(tree.nodes[i].parent)
        var k = compounds.count - 2
        while k >= 0 {
            while node > 0, !SiteSelector.matches(compounds[k], tree, node) { node = Int(tree.nodes[node].parent) }
            guard node > 0 else { return false }
            node = Int(tree.nodes[node].parent)
            k -= 1
        }
        return true
    }

    static func matches(_ c: Compound, _ tree: HTMLTree, _ i: Int) -> Bool {
        let node = tree.nodes[i]
        guard node.kind == .element else { return false }
        if let tag = c.tag, tag != "*", node.tag.name != tag { return false }
        if let id = c.id, tree.attributeString(i, "id") != id { return false }
        if !c.classes.isEmpty {
            guard let cls = tree.attributeString(i, "class") else { return false }
            let have = cls.split(whereSeparator: { $0.isWhitespace })
            for want in c.classes where !have.contains(Substring(want)) { return false }
        }
        for test in c.attributes {
            guard let v = attribute(tree, i, test.name) else { return false }
            if let want = test.value {
                if test.contains ? !v.contains(want) : v != want { return false }
            }
        }
        return true
    }

    static func attribute(_ tree: HTMLTree, _ i: Int, _ name: String) -> String? {
        let node = tree.nodes[i]
        for a in tree.attributes[Int(node.start)..<Int(node.start + node.count)] {
            let n = tree.bytes[Int(a.nameStart)..<Int(a.nameStart + a.nameCount)]
            if n.elementsEqual(name.utf8) {
                return String(decoding: tree.bytes[Int(a.valueStart)..<Int(a.valueStart + a.valueCount)], as: UTF8.self)
            }
        }
        return nil
    }
}
