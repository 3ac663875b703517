import VeilleCore

/// The markup that is read past: comments, CDATA sections (their text kept), processing instructions and
/// the document type with its internal subset (general entities recorded, never expanded).
extension XMLTreeParser {
    /// `<!--…-->`, `<![CDATA[…]]>` (content only) or `<!DOCTYPE…>` (before the root, its internal subset
    /// read by ``internalSubset(_:)``).
    mutating func markupDeclaration(_ i: Int, inContent: Bool, beforeRoot: Bool) -> Int? {
        if starts(i, "<!--") {
            var j = i + 4
            while j + 1 < n {
                if p[j] == 0x2D, p[j + 1] == 0x2D { return j + 2 < n && p[j + 2] == 0x3E ? j + 3 : nil }
                j += 1
            }
            return nil
        }
        if inContent, starts(i, "<![CDATA[") { return cdata(i + 9) }
        if !inContent, beforeRoot, starts(i, "<!DOCTYPE") {
            var j = i + 9
            var quote: UInt8 = 0
            while j < n {
                let c = p[j]
                if quote != 0 {
                    if c == quote { quote = 0 }
                } else if c == 0x22 || c == 0x27 {
                    quote = c
                } else if c == 0x5B {
                    guard let after = internalSubset(j + 1) else { return nil }
                    j = after
                    continue
                } else if c == 0x3E {
                    return j + 1
                }
                j += 1
            }
        }
        return nil
    }

    /// Reads the internal subset of a document type from `from` (just past `[`), recording the general
    /// entities it declares and expanding nothing; returns the index past the closing `]`. Nil for
    /// anything but declarations, comments, processing instructions and parameter-entity references.
    mutating func internalSubset(_ from: Int) -> Int? {
        var i = from
        while true {
            skipSpace(&i)
            guard i < n else { return nil }
            if p[i] == 0x5D { return i + 1 }
            if starts(i, "<!--") {
                guard let end = find(i + 4, 0x2D, 0x2D, 0x3E) else { return nil }
                i = end
            } else if starts(i, "<?") {
                guard let end = find(i + 2, 0x3F, 0x3E, nil) else { return nil }
                i = end
            } else if p[i] == 0x25 { // %name;
                i += 1
                while i < n, p[i] != 0x3B, !Self.isSpace(p[i]) { i += 1 }
                guard i < n, p[i] == 0x3B else { return nil }
                i += 1
            } else if starts(i, "<!") {
                let isEntity = starts(i, "<!ENTITY")
                i += 2
                if isEntity {
                    declaresEntities = true
                    i += 6
                    guard skipSpace(&i), i < n else { return nil }
                    if p[i] != 0x25, let (s, count, _) = name(i) { // a general entity (not `% name`)
                        guard declaredEntities.count < Self.maxDeclaredEntities else { return nil }
                        declaredEntities.append((Int32(s), count))
                    }
                }
                var quote: UInt8 = 0
                while i < n { // to the `>` that ends the declaration, quoted strings skipped
                    let c = p[i]
                    if quote != 0 {
                        if c == quote { quote = 0 }
                    } else if c == 0x22 || c == 0x27 {
                        quote = c
                    } else if c == 0x3E {
                        break
                    }
                    i += 1
                }
                guard i < n else { return nil }
                i += 1
            } else {
                return nil
            }
        }
    }

    /// The index past the first `a b c` (or `a b` when `c` is nil) at or after `from`.
    func find(_ from: Int, _ a: UInt8, _ b: UInt8, _ c: UInt8?) -> Int? {
        var j = from
        let width = c == nil ? 2 : 3
        while j + width <= n {
            if p[j] == a, p[j + 1] == b, c.map({ p[j + 2] == $0 }) ?? true { return j + width }
            j += 1
        }
        return nil
    }

    /// The content of a CDATA section from `from`; returns the index past `]]>`.
    mutating func cdata(_ from: Int) -> Int? {
        var j = from
        var carriageReturn = false
        var closed = false
        while j + 2 < n {
            // `&` and `<` are plain in CDATA; the other stops of character data are not.
            j = ByteBlock.skip(p, from: j, to: n) { v in
                Self.textStops(v) .& (v .!= ByteBlock.splat(0x3C)) .& (v .!= ByteBlock.splat(0x26))
            }
            guard j + 2 < n else { break }
            let c = p[j]
            if c == 0x5D, p[j + 1] == 0x5D, p[j + 2] == 0x3E {
                closed = true
                break
            }
            switch textTable[Int(c)] {
            case TextByte.carriageReturn: carriageReturn = true
            case TextByte.nonCharacterLead: if isNonCharacter(j) { return nil }
            case TextByte.forbiddenControl: return nil
            default: break
            }
            j += 1
        }
        guard closed else { return nil }
        if !carriageReturn { return addText(Int32(from), Int32(j - from)) ? j + 3 : nil }
        let start = tree.bytes.count
        var k = from
        while k < j {
            if p[k] == 0x0D {
                tree.bytes.append(0x0A)
                if k + 1 < j, p[k + 1] == 0x0A { k += 1 }
            } else {
                tree.bytes.append(p[k])
            }
            k += 1
        }
        return addText(Int32(start), Int32(tree.bytes.count - start)) ? j + 3 : nil
    }

    /// `<?target …?>`; returns the index past `?>`.
    func processingInstruction(_ from: Int) -> Int? {
        guard name(from) != nil else { return nil }
        var j = from
        while j + 1 < n {
            if p[j] == 0x3F, p[j + 1] == 0x3E { return j + 2 }
            j += 1
        }
        return nil
    }

    /// True when the input at `i` starts with `s` (ASCII).
    func starts(_ i: Int, _ s: StaticString) -> Bool {
        let count = s.utf8CodeUnitCount
        guard i + count <= n else { return false }
        let q = s.utf8Start
        var k = 0
        while k < count {
            if p[i + k] != q[k] { return false }
            k += 1
        }
        return true
    }
}
