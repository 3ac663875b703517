/// A small CSS inliner for mail: mail clients drop `<style>` blocks (and external sheets), so the mail version
/// of the HTML digest carries each rule of the style sheets as `style=""` on the elements it matches.
///
/// What it reads, on purpose a subset (the selectors the digest's templates use):
/// - selectors made of an element (`td`), a class (`.meta`), an element with classes (`p.burst`,
///   `.kind.kind-new`), or two of those separated by a space (descendant: `.digest h2`, `table.summary td`);
///   lists of them (`th, td`);
/// - declarations `property: value` (`!important` is not understood: it stays part of the value);
/// - custom properties of `:root` (`--ink: #1d1d1f`), substituted wherever a value reads `var(--ink)` (mail
///   clients do not know `var()`);
/// - comments are dropped.
///
/// What it leaves out: other selectors (`*`, `:root`'s own declarations, pseudo-classes, attributes, `>`,
/// `+`, `~`, ids: listed in ``skipped``) and at-rules with their blocks (`@media`).
///
/// Order: the declarations of the matching rules by specificity (classes, then elements), then source order,
/// a later declaration of a property replacing an earlier one; an element's own `style` attribute comes last
/// and wins (the digest's bar chart keeps its computed widths and heights). One pass over the HTML's bytes:
/// the open elements are kept on a stack for descendant selectors; raw text (`<style>`, `<script>`) and
/// comments are copied as they are.
public struct StyleInliner: Sendable {
    /// One compound selector: an element name (nil for any) and classes.
    struct Compound: Sendable, Equatable {
        var element: String?
        var classes: [String]

        func matches(_ e: Element) -> Bool {
            (element == nil || element == e.name) && classes.allSatisfy(e.classes.contains)
        }
    }

    /// A rule: the subject, its ancestor (descendant selectors), specificity and declarations.
    struct Rule: Sendable {
        var ancestor: Compound?
        var subject: Compound
        var specificity: Int
        var order: Int
        var declarations: [(property: String, value: String)]
    }

    /// An open element seen by the selectors.
    struct Element {
        var name: String
        var classes: [String]
    }

    private(set) var rules: [Rule] = []
    /// The selectors left out, as written (unsupported).
    public private(set) var skipped: [String] = []
    /// The custom properties of `:root`.
    public private(set) var variables: [String: String] = [:]

    /// The rules of `css` (one or more style sheets, concatenated).
    public init(css: String) {
        let text = Self.dropComments(css)
        var i = text.startIndex
        var order = 0
        var parsed: [(selectors: String, body: String)] = []
        while let open = text[i...].firstIndex(of: "{") {
            let prelude = text[i..<open].trimmingCharacters(in: .whitespacesAndNewlines)
            var depth = 1
            var j = text.index(after: open)
            while j < text.endIndex, depth > 0 {
                if text[j] == "{" { depth += 1 } else if text[j] == "}" { depth -= 1 }
                j = text.index(after: j)
            }
            let body = String(text[text.index(after: open)..<(depth == 0 ? text.index(before: j) : j)])
            i = j
            if prelude.hasPrefix("@") {
                skipped.append(prelude)
                continue
            }
            parsed.append((prelude, body))
        }
        for (selectors, body) in parsed where selectors == ":root" {
            for (p, v) in Self.declarations(body) where p.hasPrefix("--") { variables[p] = v }
        }
        for (selectors, body) in parsed where selectors != ":root" {
            let decls = Self.declarations(body).map { (property: $0.0, value: substitute($0.1)) }
            for selector in selectors.split(separator: ",") {
                let s = selector.trimmingCharacters(in: .whitespacesAndNewlines)
                guard let (ancestor, subject) = Self.selector(s) else {
                    skipped.append(s)
                    continue
                }
                let parts = [subject] + (ancestor.map { [$0] } ?? [])
                let specificity = parts.reduce(0) { $0 + $1.classes.count * 100 + ($1.element == nil ? 0 : 1) }
                rules.append(
                    Rule(
                        ancestor: ancestor, subject: subject, specificity: specificity, order: order,
                        declarations: decls))
                order += 1
            }
        }
        rules.sort { ($0.specificity, $0.order) < ($1.specificity, $1.order) }
    }

    /// `var(--name)` replaced by the `:root` value (left as is when unknown; at most 16 substitutions, so a
    /// variable defined by itself cannot loop).
    func substitute(_ value: String) -> String {
        var out = value
        var left = 16
        while left > 0, let r = out.range(of: "var(--"), let close = out[r.upperBound...].firstIndex(of: ")") {
            left -= 1
            let name = "--" + out[r.upperBound..<close].trimmingCharacters(in: .whitespaces)
            guard let v = variables[name] else { break }
            out.replaceSubrange(r.lowerBound...close, with: v)
        }
        return out
    }

    static func dropComments(_ css: String) -> String {
        var out = ""
        var rest = css[...]
        while let open = rest.range(of: "/*") {
            out += rest[..<open.lowerBound]
            guard let close = rest[open.upperBound...].range(of: "*/") else { return out }
            rest = rest[close.upperBound...]
        }
        return out + rest
    }

    static func declarations(_ body: String) -> [(String, String)] {
        body.split(separator: ";").compactMap { d in
            guard let colon = d.firstIndex(of: ":") else { return nil }
            let p = d[..<colon].trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            let v = d[d.index(after: colon)...].trimmingCharacters(in: .whitespacesAndNewlines)
            return p.isEmpty || v.isEmpty ? nil : (p, v)
        }
    }

    /// A supported selector: one compound, or two separated by white space; nil otherwise.
    static func selector(_ s: String) -> (Compound?, Compound)? {
        let parts = s.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" })
        guard parts.count == 1 || parts.count == 2 else { return nil }
        guard let last = parts.last.flatMap({ compound($0) }) else { return nil }
        if parts.count == 1 { return (nil, last) }
        guard let first = compound(parts[0]) else { return nil }
        return (first, last)
    }

    /// `td`, `.meta`, `p.burst`, `.kind.kind-new`; nil for anything else.
    static func compound(_ s: Substring) -> Compound? {
        let pieces = s.split(separator: ".", omittingEmptySubsequences: false)
        guard let head = pieces.first else { return nil }
        let nameChars = Set("abcdefghijklmnopqrstuvwxyz0123456789-_")
        let element = head.isEmpty ? nil : head.lowercased()
        if let e = element, !(e.allSatisfy(nameChars.contains) && e.first?.isLetter == true) { return nil }
        let classes = pieces.dropFirst().map(String.init)
        guard classes.allSatisfy({ !$0.isEmpty && $0.lowercased().allSatisfy(nameChars.contains) }) else { return nil }
        guard element != nil || !classes.isEmpty else { return nil }
        return Compound(element: element, classes: classes)
    }

    /// Elements that never have content (never pushed on the stack).
    static let voidElements: Set<String> = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr",
    ]

    /// The declarations for an element under `stack`, its own `style` last.
    func style(for e: Element, under stack: [Element], own: String?) -> String {
        var props: [String] = []
        var values: [String: String] = [:]
        func set(_ p: String, _ v: String) {
            if values[p] == nil { props.append(p) }
            values[p] = v
        }
        for r in rules where r.subject.matches(e) {
            if let a = r.ancestor, !stack.contains(where: a.matches) { continue }
            for d in r.declarations { set(d.property, Self.attributeSafe(d.value)) }
        }
        var ownProps: [(String, String)] = []
        if let own {
            for d in own.split(separator: ";") {
                guard let colon = d.firstIndex(of: ":") else { continue }
                let p = d[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
                ownProps.append((p, d[d.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
            }
        }
        for (p, _) in ownProps where values[p] != nil {
            values[p] = nil
            props.removeAll { $0 == p }
        }
        return (props.compactMap { p in values[p].map { p + ":" + $0 } } + ownProps.map { $0.0 + ":" + $0.1 })
            .joined(separator: ";")
    }

    /// A CSS value inside a double-quoted attribute: double quotes become single ones (same meaning in CSS),
    /// `&`, `<`, `>` escaped.
    static func attributeSafe(_ v: String) -> String {
        var out = ""
        for ch in v {
            switch ch {
            case "\"": out += "'"
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(ch)
            }
        }
        return out
    }

    /// `html` with every matching rule written into the `style` attribute of its elements.
    public func inline(_ html: String) -> String {
        let b = Array(html.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(b.count * 2)
        var stack: [Element] = []
        var i = 0
        while i < b.count {
            guard b[i] == UInt8(ascii: "<"), i + 1 < b.count else {
                out.append(b[i])
                i += 1
                continue
            }
            let next = b[i + 1]
            if next == UInt8(ascii: "!") { // comment or doctype: copied
                let end =
                    Self.starts(b, i, "<!--")
                    ? (Self.find(b, "-->", from: i + 4).map { $0 + 3 } ?? b.count)
                    : (Self.find(b, ">", from: i).map { $0 + 1 } ?? b.count)
                out.append(contentsOf: b[i..<end])
                i = end
            } else if next == UInt8(ascii: "/") { // end tag: pops to its element
                let end = Self.find(b, ">", from: i).map { $0 + 1 } ?? b.count
                let name = Self.name(b, from: i + 2)
                if let k = stack.lastIndex(where: { $0.name == name }) { stack.removeSubrange(k...) }
                out.append(contentsOf: b[i..<end])
                i = end
            } else if Self.isLetter(next) {
                i = startTag(b, at: i, into: &out, stack: &stack)
            } else {
                out.append(b[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Copies the start tag at `i` with its style, pushes its element; returns the index after it (and after
    /// the raw text of `<style>` and `<script>`).
    func startTag(_ b: [UInt8], at start: Int, into out: inout [UInt8], stack: inout [Element]) -> Int {
        let name = Self.name(b, from: start + 1)
        var i = start + 1 + name.utf8.count
        var classes: [String] = []
        var own: String?
        var ownRange: Range<Int>?
        var selfClosing = false
        while i < b.count, b[i] != UInt8(ascii: ">") {
            if b[i] == UInt8(ascii: "/") { selfClosing = true }
            guard Self.isLetter(b[i]) else {
                i += 1
                continue
            }
            selfClosing = false
            let attrStart = i
            while i < b.count, !Self.isSpace(b[i]), b[i] != UInt8(ascii: "="), b[i] != UInt8(ascii: ">") { i += 1 }
            let attr = String(decoding: b[attrStart..<i], as: UTF8.self).lowercased()
            var value: String?
            if i < b.count, b[i] == UInt8(ascii: "=") {
                i += 1
                if i < b.count, b[i] == UInt8(ascii: "\"") || b[i] == UInt8(ascii: "'") {
                    let q = b[i]
                    let close = b[(i + 1)...].firstIndex(of: q) ?? b.count
                    value = String(decoding: b[(i + 1)..<close], as: UTF8.self)
                    i = min(close + 1, b.count)
                } else {
                    let s = i
                    while i < b.count, !Self.isSpace(b[i]), b[i] != UInt8(ascii: ">") { i += 1 }
                    value = String(decoding: b[s..<i], as: UTF8.self)
                }
            }
            if attr == "class" { classes = value.map { $0.split(separator: " ").map(String.init) } ?? [] }
            if attr == "style" {
                own = value
                ownRange = (attrStart - 1)..<i
            }
        }
        let end = min(i + 1, b.count)
        let element = Element(name: name, classes: classes)
        let style = style(for: element, under: stack, own: own)
        out.append(contentsOf: b[start..<(start + 1 + name.utf8.count)])
        if !style.isEmpty { out.append(contentsOf: Array(" style=\"\(style)\"".utf8)) }
        let rest = start + 1 + name.utf8.count
        if let r = ownRange {
            out.append(contentsOf: b[rest..<max(rest, r.lowerBound)])
            out.append(contentsOf: b[r.upperBound..<end])
        } else {
            out.append(contentsOf: b[rest..<end])
        }
        if name == "style" || name == "script" { // raw text: copied to its end tag
            let close = Self.find(b, "</\(name)", from: end) ?? b.count
            out.append(contentsOf: b[end..<close])
            return close
        }
        if !selfClosing && !Self.voidElements.contains(name) { stack.append(element) }
        return end
    }

    static func name(_ b: [UInt8], from i: Int) -> String {
        var j = i
        while j < b.count, isLetter(b[j]) || (b[j] >= UInt8(ascii: "0") && b[j] <= UInt8(ascii: "9")) || b[j] == 45 {
            j += 1
        }
        return String(decoding: b[i..<j], as: UTF8.self).lowercased()
    }

    static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= UInt8(ascii: "a") && (c | 0x20) <= UInt8(ascii: "z") }

    static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x09 || c == 0x0D || c == 0x0C }

    static func starts(_ b: [UInt8], _ i: Int, _ s: String) -> Bool {
        let p = Array(s.utf8)
        return i + p.count <= b.count && Array(b[i..<(i + p.count)]) == p
    }

    static func find(_ b: [UInt8], _ s: String, from: Int) -> Int? {
        let p = Array(s.utf8)
        guard let first = p.first, p.count <= b.count else { return nil }
        var i = from
        while i + p.count <= b.count {
            if b[i] == first, Array(b[i..<(i + p.count)]) == p { return i }
            i += 1
        }
        return nil
    }
}
