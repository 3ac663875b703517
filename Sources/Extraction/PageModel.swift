import Markup

/// Per-node facts about a page, computed once from its ``HTMLTree``: class/id vocabulary sets, text
/// measures of each text node, and which ancestors matter (tables, code, figures).
///
/// Everything is an array indexed by node, filled in one forward pass; nothing allocates per node.
struct PageModel {
    let tree: HTMLTree
    /// Vocabulary sets found in each element's `class`.
    var classSets: [ClassVocabulary.Set]
    /// Vocabulary sets found in each element's `id`.
    var idSets: [ClassVocabulary.Set]
    /// Text nodes: characters after whitespace runs are collapsed (Readability's normalised innerText).
    var chars: [Int32]
    /// Text nodes: commas (ASCII, Arabic, full-width).
    var commas: [Int32]
    /// Ancestor tags that change the rules, as bits (``Ancestry``).
    var ancestry: [Ancestry]
    /// The `<body>` element, or the document when there is none.
    var body: Int
    /// What each element's other attributes say (``AttributeFacts``), read in the same pass.
    var facts: [AttributeFacts]

    /// Attribute facts the scorer and cleaner test on every element.
    struct AttributeFacts: OptionSet, Sendable {
        let rawValue: UInt16
        /// `hidden`, `aria-hidden="true"` (outside fallback images), or a `display:none`/`visibility:hidden` style.
        static let hidden = AttributeFacts(rawValue: 1)
        /// A modal dialog (`role="dialog"` with `aria-modal="true"`).
        static let dialog = AttributeFacts(rawValue: 2)
        /// A role of page furniture (``TagVocabulary/unlikelyRoles``).
        static let unlikelyRole = AttributeFacts(rawValue: 4)
        /// `rel="author"` or an `itemprop` naming the author.
        static let author = AttributeFacts(rawValue: 8)
        /// An in-page link (`href="#…"`).
        static let hashLink = AttributeFacts(rawValue: 16)
        /// `itemprop="abstract"`: schema.org's standfirst.
        static let abstract = AttributeFacts(rawValue: 32)
    }

    /// Ancestors the scorer and cleaner care about.
    struct Ancestry: OptionSet, Sendable {
        let rawValue: UInt8
        static let table = Ancestry(rawValue: 1)
        static let code = Ancestry(rawValue: 2)
        static let figure = Ancestry(rawValue: 4)
        static let pre = Ancestry(rawValue: 8)
        static let noscript = Ancestry(rawValue: 16)
    }

    init(tree: HTMLTree) {
        self.tree = tree
        let n = tree.nodes.count
        classSets = .init(repeating: [], count: n)
        idSets = .init(repeating: [], count: n)
        chars = .init(repeating: 0, count: n)
        commas = .init(repeating: 0, count: n)
        ancestry = .init(repeating: [], count: n)
        facts = .init(repeating: [], count: n)
        body = 0
        let matcher = ClassMatcher.shared
        tree.bytes.withUnsafeBufferPointer { buf in
            for i in 1..<n {
                let node = tree.nodes[i]
                let parent = Int(node.parent)
                var anc = ancestry[parent]
                switch tree.nodes[parent].tag {
                case .table: anc.insert(.table)
                case .code: anc.insert(.code)
                case .figure: anc.insert(.figure)
                case .pre: anc.insert(.pre)
                case .noscript: anc.insert(.noscript)
                default: break
                }
                ancestry[i] = anc
                if node.kind == .text {
                    measure(buf, Int(node.start)..<Int(node.start + node.count), into: i)
                    continue
                }
                if node.tag == .body, body == 0 { body = i }
                guard node.count > 0 else { continue }
                readAttributes(i, buf, matcher)
            }
        }
    }

    /// One pass over an element's attributes: class/id vocabulary sets and ``AttributeFacts``.
    mutating func readAttributes(_ i: Int, _ buf: UnsafeBufferPointer<UInt8>, _ matcher: ClassMatcher) {
        let node = tree.nodes[i]
        var f = AttributeFacts()
        var roleDialog = false
        var ariaModal = false
        var ariaHidden = false
        for a in tree.attributes[Int(node.start)..<Int(node.start + node.count)] {
            let name = UnsafeBufferPointer(rebasing: buf[Int(a.nameStart)..<Int(a.nameStart + a.nameCount)])
            let value = Int(a.valueStart)..<Int(a.valueStart + a.valueCount)
            switch name.count {
            case 2 where PageModel.same(name, "id"):
                if !value.isEmpty { idSets[i] = matcher.sets(buf, value) }
            case 5 where PageModel.same(name, "class"):
                if !value.isEmpty { classSets[i] = matcher.sets(buf, value) }
            case 6 where PageModel.same(name, "hidden"): f.insert(.hidden)
            case 5 where PageModel.same(name, "style"):
                if PageModel.find(buf, value, "display:none") || PageModel.find(buf, value, "display: none")
                    || PageModel.find(buf, value, "visibility:hidden")
                    || PageModel.find(buf, value, "visibility: hidden")
                {
                    f.insert(.hidden)
                }
            case 11 where PageModel.same(name, "aria-hidden"): ariaHidden = PageModel.find(buf, value, "true")
            case 10 where PageModel.same(name, "aria-modal"): ariaModal = PageModel.find(buf, value, "true")
            case 4 where PageModel.same(name, "role"):
                roleDialog = PageModel.find(buf, value, "dialog")
                for role in TagVocabulary.unlikelyRoles where PageModel.equal(buf, value, role) {
                    f.insert(.unlikelyRole)
                }
            case 3 where PageModel.same(name, "rel"): if PageModel.equal(buf, value, "author") { f.insert(.author) }
            case 8 where PageModel.same(name, "itemprop"):
                if PageModel.find(buf, value, "author") { f.insert(.author) }
                if PageModel.find(buf, value, "abstract") { f.insert(.abstract) }
            case 4 where PageModel.same(name, "href"):
                if value.count > 0, buf[value.lowerBound] == 35 { f.insert(.hashLink) }
            default: break
            }
        }
        if ariaHidden, !attribute(i, "class", contains: "fallback-image") { f.insert(.hidden) }
        if roleDialog, ariaModal { f.insert(.dialog) }
        facts[i] = f
    }

    @inline(__always) static func same(_ name: UnsafeBufferPointer<UInt8>, _ want: StaticString) -> Bool {
        guard name.count == want.utf8CodeUnitCount else { return false }
        for k in 0..<name.count where name[k] != want.utf8Start[k] { return false }
        return true
    }

    /// ASCII case-insensitive substring test on `buf[r]`.
    static func find(_ buf: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, _ needle: StaticString) -> Bool {
        let n = needle.utf8CodeUnitCount
        guard n <= r.count else { return false }
        var s = r.lowerBound
        while s + n <= r.upperBound {
            var k = 0
            while k < n, ClassMatcher.lower(buf[s + k]) == needle.utf8Start[k] { k += 1 }
            if k == n { return true }
            s += 1
        }
        return false
    }

    /// ASCII case-insensitive equality of trimmed `buf[r]` with `value`.
    static func equal(_ buf: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, _ value: StaticString) -> Bool {
        var lo = r.lowerBound
        var hi = r.upperBound
        while lo < hi, ClassMatcher.isSpace(buf[lo]) { lo += 1 }
        while hi > lo, ClassMatcher.isSpace(buf[hi - 1]) { hi -= 1 }
        guard hi - lo == value.utf8CodeUnitCount else { return false }
        for k in 0..<hi - lo where ClassMatcher.lower(buf[lo + k]) != value.utf8Start[k] { return false }
        return true
    }

    /// What a byte counts as in ``measure(_:_:into:)``: bit 0 whitespace, bit 1 the lead of a sequence that
    /// needs a look ahead (no-break space, full-width and Arabic commas), bit 2 a character (neither space
    /// nor UTF-8 continuation), bit 3 an ASCII comma.
    nonisolated(unsafe) static let measureClasses: UnsafePointer<UInt8> = {
        let t = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        for b in 0..<256 {
            let space = b == 32 || b == 10 || b == 9 || b == 13 || b == 12
            var c: UInt8 = space ? 1 : 0
            if b == 0xC2 || b == 0xEF || b == 0xD8 { c |= 2 }
            if !space, b & 0xC0 != 0x80 { c |= 4 }
            if b == 44 { c |= 8 }
            t[b] = c
        }
        return UnsafePointer(t)
    }()

    /// Counts characters with whitespace runs collapsed (leading and trailing runs dropped) and commas.
    ///
    /// Branch-free per byte except for the rare look-ahead leads: one table lookup, a run of whitespace
    /// counts as one character once some text came before it and when text follows.
    mutating func measure(_ buf: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, into i: Int) {
        var count: Int32 = 0
        var comma: Int32 = 0
        var pending: Int32 = 0 // 1 while a whitespace run follows some text
        var k = r.lowerBound
        let table = PageModel.measureClasses
        while k < r.upperBound {
            let b = buf[k]
            let t = table[Int(b)]
            if t & 2 != 0 {
                if b == 0xC2, k + 1 < r.upperBound, buf[k + 1] == 0xA0 { // no-break space
                    pending = count > 0 ? 1 : 0
                    k += 2
                    continue
                }
                if b == 0xEF, k + 2 < r.upperBound, buf[k + 1] == 0xBC, buf[k + 2] == 0x8C {
                    comma += 1
                } else if b == 0xD8, k + 1 < r.upperBound, buf[k + 1] == 0x8C {
                    comma += 1
                }
            }
            let space = Int32(t & 1)
            count &+= (pending & (space ^ 1)) &+ Int32((t >> 2) & 1)
            pending = space & (count > 0 ? 1 : 0)
            comma &+= Int32((t >> 3) & 1)
            k += 1
        }
        chars[i] = count
        commas[i] = comma
    }

    /// The element's tag.
    @inline(__always) func tag(_ i: Int) -> HTMLTag { tree.nodes[i].tag }
    /// One past the element's subtree.
    @inline(__always) func end(_ i: Int) -> Int { Int(tree.nodes[i].end) }
    /// The parent index (-1 for the document).
    @inline(__always) func parent(_ i: Int) -> Int { Int(tree.nodes[i].parent) }
    /// True for elements.
    @inline(__always) func isElement(_ i: Int) -> Bool { tree.nodes[i].kind == .element }

    /// Class and id sets together (Readability's "matchString").
    @inline(__always) func sets(_ i: Int) -> ClassVocabulary.Set { classSets[i].union(idSets[i]) }

    /// Readability's class weight: ±25 for the class, ±25 for the id.
    func classWeight(_ i: Int) -> Int {
        var w = 0
        if classSets[i].contains(.negative) { w -= 25 }
        if classSets[i].contains(.positive) { w += 25 }
        if idSets[i].contains(.negative) { w -= 25 }
        if idSets[i].contains(.positive) { w += 25 }
        return w
    }

    /// True when the attribute's value, lower-cased, contains `needle` (ASCII).
    func attribute(_ i: Int, _ name: StaticString, contains needle: StaticString) -> Bool {
        guard let r = tree.attribute(i, name) else { return false }
        let want = UnsafeBufferPointer(start: needle.utf8Start, count: needle.utf8CodeUnitCount)
        guard want.count <= r.count else { return false }
        var s = r.lowerBound
        while s + want.count <= r.upperBound {
            var k = 0
            while k < want.count, ClassMatcher.lower(tree.bytes[s + k]) == want[k] { k += 1 }
            if k == want.count { return true }
            s += 1
        }
        return false
    }

    /// True when the attribute is present and equals `value` (ASCII, case-insensitive, trimmed).
    func attribute(_ i: Int, _ name: StaticString, equals value: StaticString) -> Bool {
        guard let r = tree.attribute(i, name) else { return false }
        var lo = r.lowerBound
        var hi = r.upperBound
        while lo < hi, ClassMatcher.isSpace(tree.bytes[lo]) { lo += 1 }
        while hi > lo, ClassMatcher.isSpace(tree.bytes[hi - 1]) { hi -= 1 }
        guard hi - lo == value.utf8CodeUnitCount else { return false }
        var k = 0
        while k < hi - lo {
            if ClassMatcher.lower(tree.bytes[lo + k]) != value.utf8Start[k] { return false }
            k += 1
        }
        return true
    }
}
