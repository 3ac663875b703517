import VeilleCore

/// Character data, attribute values and references.
extension XMLTreeParser {
    /// The classes of a byte in character data (``textClass``).
    enum TextByte {
        /// Nothing to do: copied as it is (tab and line feed included).
        static let plain: UInt8 = 0
        /// `<`: the text ends.
        static let lessThan: UInt8 = 1
        /// `&`: a reference.
        static let ampersand: UInt8 = 2
        /// `\r`: a line end to normalise.
        static let carriageReturn: UInt8 = 3
        /// `]`: may start `]]>`, which text may not hold.
        static let closingBracket: UInt8 = 4
        /// 0xEF: may start U+FFFE or U+FFFF, which XML forbids.
        static let nonCharacterLead: UInt8 = 5
        /// A control character XML forbids.
        static let forbiddenControl: UInt8 = 6
    }

    /// The classes of a byte in an attribute value (``attributeClass``).
    enum AttributeByte {
        /// Nothing to do: copied as it is.
        static let plain: UInt8 = 0
        /// `"` or `'`: ends the value when it is the opening quote.
        static let quote: UInt8 = 1
        /// `&`: a reference.
        static let ampersand: UInt8 = 2
        /// Tab, line feed or carriage return: normalised to a space.
        static let whiteSpace: UInt8 = 3
        /// `<`, which a value may not hold.
        static let lessThan: UInt8 = 4
        /// 0xEF: may start U+FFFE or U+FFFF, which XML forbids.
        static let nonCharacterLead: UInt8 = 5
        /// A control character XML forbids.
        static let forbiddenControl: UInt8 = 6
    }

    /// Each byte's ``TextByte`` class.
    static let textClass: [UInt8] = (0..<256).map { b in
        switch b {
        case 0x3C: return TextByte.lessThan
        case 0x26: return TextByte.ampersand
        case 0x0D: return TextByte.carriageReturn
        case 0x5D: return TextByte.closingBracket
        case 0xEF: return TextByte.nonCharacterLead
        case 0x09, 0x0A: return TextByte.plain
        case 0x00...0x1F: return TextByte.forbiddenControl
        default: return TextByte.plain
        }
    }

    /// Each byte's ``AttributeByte`` class.
    static let attributeClass: [UInt8] = (0..<256).map { b in
        switch b {
        case 0x22, 0x27: return AttributeByte.quote
        case 0x26: return AttributeByte.ampersand
        case 0x09, 0x0A, 0x0D: return AttributeByte.whiteSpace
        case 0x3C: return AttributeByte.lessThan
        case 0xEF: return AttributeByte.nonCharacterLead
        case 0x00...0x1F: return AttributeByte.forbiddenControl
        default: return AttributeByte.plain
        }
    }

    /// Skips plain character data from `j` (`]` and 0xEF checked on the way); stops at `<`, `&`, `\r` or
    /// the end. False on `]]>`, a non-character or a forbidden control character.
    func skipPlainText(_ j: inout Int) -> Bool {
        while j < n {
            // Sixteen plain bytes (the usual case) skipped at once; else straight to the first other one.
            j = ByteBlock.skip(p, from: j, to: n, until: Self.textStops)
            guard j < n else { break }
            switch textTable[Int(p[j])] {
            case TextByte.plain: j += 1
            case TextByte.closingBracket:
                if j + 2 < n, p[j + 1] == 0x5D, p[j + 2] == 0x3E { return false }
                j += 1
            case TextByte.nonCharacterLead:
                if isNonCharacter(j) { return false }
                j += 1
            case TextByte.forbiddenControl: return false
            default: return true
            }
        }
        return true
    }

    /// The bytes of a block that ``textClass`` does not call plain: `<`, `&`, `]`, 0xEF and the control
    /// characters but tab and line feed (`\r` included).
    @inline(__always)
    static func textStops(_ v: ByteBlock.Bytes) -> ByteBlock.Mask {
        let controls = (v .< ByteBlock.splat(0x20)) .& (v .!= ByteBlock.splat(0x0A)) .& (v .!= ByteBlock.splat(0x09))
        return controls .| (v .== ByteBlock.splat(0x3C)) .| (v .== ByteBlock.splat(0x26))
            .| (v .== ByteBlock.splat(0x5D))
            .| (v .== ByteBlock.splat(0xEF))
    }

    /// U+FFFE or U+FFFF, which XML forbids, at `j`.
    func isNonCharacter(_ j: Int) -> Bool {
        j + 2 < n && p[j + 1] == 0xBF && (p[j + 2] == 0xBE || p[j + 2] == 0xBF)
    }

    /// Character data from `from` up to the next `<`: a text node; returns the index of the `<`.
    mutating func text(from: Int) -> Int? {
        var j = from
        guard skipPlainText(&j), j < n else { return nil }
        if p[j] == 0x3C { return addText(Int32(from), Int32(j - from)) ? j : nil }
        // References or carriage returns: the decoded text goes to the buffer.
        var start = tree.bytes.count
        tree.bytes.append(contentsOf: UnsafeBufferPointer(start: p + from, count: j - from))
        while j < n {
            switch p[j] {
            case 0x3C:
                return addText(Int32(start), Int32(tree.bytes.count - start)) ? j : nil
            case 0x26:
                if declaresEntities, let (nameStart, nameCount, next) = declaredReference(j) {
                    // A declared entity: a node of its own between two texts, never expanded.
                    guard addText(Int32(start), Int32(tree.bytes.count - start)), let parent = open.last?.index else {
                        return nil
                    }
                    let index = Int32(tree.nodes.count)
                    tree.nodes.append(
                        XMLTree.Node(
                            kind: .entity, parent: parent, end: index + 1, start: nameStart, count: nameCount,
                            ns: -1, attrStart: 0, attrCount: 0))
                    j = next
                    start = tree.bytes.count
                    continue
                }
                if let (byte, length) = commonReference(j) {
                    tree.bytes.append(byte)
                    j += length
                    continue
                }
                guard let next = reference(j) else { return nil }
                j = next
            case 0x0D:
                tree.bytes.append(0x0A)
                j += 1
                if j < n, p[j] == 0x0A { j += 1 }
            default:
                let s = j
                guard skipPlainText(&j) else { return nil }
                tree.bytes.append(contentsOf: UnsafeBufferPointer(start: p + s, count: j - s))
            }
        }
        return nil // the input ends inside an element
    }

    /// Adds a text node under the innermost open element (nothing for empty text); false past libxml2's limit.
    mutating func addText(_ start: Int32, _ count: Int32) -> Bool {
        guard count > 0 else { return true }
        guard Int(count) <= Self.maxText, let parent = open.last?.index else { return false }
        let index = Int32(tree.nodes.count)
        tree.nodes.append(
            XMLTree.Node(
                kind: .text, parent: parent, end: index + 1, start: start, count: count, ns: -1,
                attrStart: 0, attrCount: 0))
        return true
    }

    /// An attribute value from `from` (just past the opening `quote`): its range in the tree's buffer and
    /// the index past the closing quote.
    mutating func attributeValue(_ from: Int, quote: UInt8) -> (Int32, Int32, Int)? {
        var j = from
        var start = -1 // decoding into the buffer from here, once something needed it
        while j < n {
            if start < 0 {
                // Until something needs decoding, sixteen plain bytes at a time (URLs are long).
                j = ByteBlock.skip(p, from: j, to: n) { v in
                    (v .== ByteBlock.splat(quote)) .| (v .== ByteBlock.splat(0x26)) .| (v .== ByteBlock.splat(0x3C))
                        .| (v .< ByteBlock.splat(0x20)) .| (v .== ByteBlock.splat(0xEF))
                }
                guard j < n else { break }
            }
            let c = p[j]
            switch attributeTable[Int(c)] {
            case AttributeByte.plain:
                j += 1
                continue
            case AttributeByte.quote where c != quote:
                j += 1
                continue
            case AttributeByte.nonCharacterLead where !isNonCharacter(j):
                j += 1
                continue
            default: break
            }
            // Something to act on: switch to decoding when not yet.
            if start < 0, c != quote {
                start = tree.bytes.count
                tree.bytes.append(contentsOf: UnsafeBufferPointer(start: p + from, count: j - from))
            }
            switch attributeTable[Int(c)] {
            case AttributeByte.quote:
                guard start >= 0 else { return (Int32(from), Int32(j - from), j + 1) }
                return (Int32(start), Int32(tree.bytes.count - start), j + 1)
            case AttributeByte.ampersand:
                guard let next = reference(j) else { return nil }
                j = next
            case AttributeByte.whiteSpace:
                tree.bytes.append(0x20)
                j += (c == 0x0D && j + 1 < n && p[j + 1] == 0x0A) ? 2 : 1
            default:
                return nil // `<`, a non-character or a control character
            }
            // Copy the plain run that follows.
            let s = j
            while j < n {
                let k = attributeTable[Int(p[j])]
                if k == AttributeByte.plain || (k == AttributeByte.quote && p[j] != quote)
                    || (k == AttributeByte.nonCharacterLead && !isNonCharacter(j))
                {
                    j += 1
                } else {
                    break
                }
            }
            tree.bytes.append(contentsOf: UnsafeBufferPointer(start: p + s, count: j - s))
        }
        return nil
    }

    /// Decodes the reference at `j` (a `&`) into the buffer; returns the index after it.
    ///
    /// XML's rules: a character reference or one of the five predefined entities, nil for anything else
    /// (libxml2 takes over). With ``htmlReferences``, the rules feeds are read by (feedparser's, which
    /// Syndication's entity repair gives libxml2 too): `&#X…;` is hexadecimal, an HTML name is its
    /// character, and a `&` that starts no reference, or an unknown name, is a literal `&`.
    mutating func reference(_ j: Int) -> Int? {
        var i = j + 1
        let lenient = htmlReferences != nil
        if i < n, p[i] == 0x23 { // &#
            i += 1
            guard i < n else { return lenient ? literalAmpersand(j) : nil }
            var value: UInt32 = 0
            var digits = 0
            if p[i] == 0x78 || (lenient && p[i] == 0x58) { // &#x
                i += 1
                while i < n, digits <= 8, let d = Self.hexValue(p[i]) {
                    value = value &* 16 &+ d
                    i += 1
                    digits += 1
                }
            } else if lenient, !Self.isWordByte(p[i]) {
                return literalAmpersand(j)
            } else {
                while i < n, digits <= 8, p[i] >= 0x30, p[i] <= 0x39 {
                    value = value &* 10 &+ UInt32(p[i] - 0x30)
                    i += 1
                    digits += 1
                }
            }
            guard digits > 0, digits <= 8, i < n, p[i] == 0x3B, Self.isXMLChar(value),
                let scalar = Unicode.Scalar(value)
            else { return nil }
            appendScalar(scalar)
            return i + 1
        }
        let s = i
        if let lookup = htmlReferences {
            while i < n, i - s <= 32, Self.isWordByte(p[i]) || p[i] == 0x2D || p[i] == 0x2E { i += 1 }
            guard i > s, i < n, p[i] == 0x3B else { return literalAmpersand(j) }
            if let byte = predefined(s, i) {
                tree.bytes.append(byte)
                return i + 1
            }
            guard let cp = lookup(UnsafeBufferPointer(start: p + s, count: i - s)), Self.isXMLChar(cp),
                let scalar = Unicode.Scalar(cp)
            else {
                // Syndication's repair keeps an unknown name when the document declares entities: libxml2's call.
                return declaresEntities ? nil : literalAmpersand(j)
            }
            appendScalar(scalar)
            return i + 1
        }
        while i < n, i - s < 5, p[i] >= 0x61 && p[i] <= 0x7A { i += 1 }
        guard i < n, p[i] == 0x3B, let byte = predefined(s, i) else { return nil }
        tree.bytes.append(byte)
        return i + 1
    }

    /// `&lt;`, `&gt;`, `&amp;` or `&quot;` at `j` (escaped HTML is mostly these): the byte and the length,
    /// read from one 8-byte load; nil for anything else (``reference(_:)`` reads it). Under both readings of
    /// references these are what ``reference(_:)`` gives, and none can be a declared entity.
    func commonReference(_ j: Int) -> (UInt8, Int)? {
        guard j + 8 <= n else { return nil }
        let w = UnsafeRawPointer(p + j).loadUnaligned(as: UInt64.self).littleEndian
        switch w & 0xFFFF_FFFF {
        case 0x3B74_6C26: return (0x3C, 4) // &lt;
        case 0x3B74_6726: return (0x3E, 4) // &gt;
        case 0x706D_6126: return w & 0xFF_0000_0000 == 0x3B_0000_0000 ? (0x26, 5) : nil // &amp;
        case 0x6F75_7126: return w & 0xFFFF_0000_0000 == 0x3B74_0000_0000 ? (0x22, 6) : nil // &quot;
        default: return nil
        }
    }

    /// The reference at `j` when it names an entity the internal subset declares (and, read as feeds are,
    /// no HTML name, which wins): its name's range and the index after it.
    func declaredReference(_ j: Int) -> (Int32, Int32, Int)? {
        let s = j + 1
        var i = s
        while i < n, i - s <= 64, Self.isWordByte(p[i]) || p[i] == 0x2D || p[i] == 0x2E || p[i] == 0x3A { i += 1 }
        guard i > s, i < n, p[i] == 0x3B, predefined(s, i) == nil else { return nil }
        let count = Int32(i - s)
        guard declaredEntities.contains(where: { $0.count == count && same($0.start, Int32(s), Int(count)) }) else {
            return nil
        }
        if let lookup = htmlReferences, lookup(UnsafeBufferPointer(start: p + s, count: i - s)) != nil { return nil }
        return (Int32(s), count, i + 1)
    }

    /// A `&` kept as text; returns the index after it.
    mutating func literalAmpersand(_ j: Int) -> Int {
        tree.bytes.append(0x26)
        return j + 1
    }

    mutating func appendScalar(_ scalar: Unicode.Scalar) {
        Charset.appendUTF8(scalar.value, to: &tree.bytes)
    }

    /// The byte one of XML's five predefined names (`p[s..<e]`) stands for, nil for any other name.
    func predefined(_ s: Int, _ e: Int) -> UInt8? {
        switch (e - s, p[s], e - s > 1 ? p[s + 1] : 0) {
        case (3, 0x61, 0x6D) where p[s + 2] == 0x70: return 0x26 // amp
        case (2, 0x6C, 0x74): return 0x3C // lt
        case (2, 0x67, 0x74): return 0x3E // gt
        case (4, 0x71, 0x75) where p[s + 2] == 0x6F && p[s + 3] == 0x74: return 0x22 // quot
        case (4, 0x61, 0x70) where p[s + 2] == 0x6F && p[s + 3] == 0x73: return 0x27 // apos
        default: return nil
        }
    }

    /// ASCII letters, digits and `_` (the name characters of the references feeds write).
    static func isWordByte(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x5F
    }

    static func hexValue(_ c: UInt8) -> UInt32? {
        switch c {
        case 0x30...0x39: return UInt32(c - 0x30)
        case 0x41...0x46: return UInt32(c - 0x41 + 10)
        case 0x61...0x66: return UInt32(c - 0x61 + 10)
        default: return nil
        }
    }

    /// XML 1.0's `Char` production.
    static func isXMLChar(_ v: UInt32) -> Bool {
        v == 0x09 || v == 0x0A || v == 0x0D || (v >= 0x20 && v <= 0xD7FF) || (v >= 0xE000 && v <= 0xFFFD)
            || (v >= 0x10000 && v <= 0x10FFFF)
    }
}
