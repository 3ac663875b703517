/// Start tags, end tags and attributes, with libxml2's implied closes (``HTMLElementRules``).
extension HTMLTreeParser {
    /// Reads a tag or attribute name at `i` (libxml2's `htmlParseHTMLName`): a letter, `_`, `:` or `.`, then
    /// letters, digits, `:`, `-`, `_`, `.`, at most 100 bytes, lower-cased into ``nameBuffer``.
    ///
    /// - Returns: the name's length and FNV-1a hash, and the index after it; length 0 when no name starts at `i`.
    @inline(__always)
    func readName(_ i: Int, hashing: Bool = true) -> (count: Int, hash: UInt32, end: Int) {
        guard i < n else { return (0, 0, i) }
        let first = p[i]
        guard HTMLTreeParser.isLetter(first) || first == 0x5F || first == 0x3A || first == 0x2E else {
            return (0, 0, i)
        }
        var h = HTMLNameTable.hashSeed
        var k = 0
        var j = i
        while j < n, k < HTMLTreeParser.maxName {
            var c = p[j]
            guard classes[Int(c)] & ByteClass.tagName != 0 else { break }
            if c >= 0x41, c <= 0x5A { c |= 0x20 }
            nameBuffer[k] = c
            if hashing { h = HTMLNameTable.hash(h, c) }
            k += 1
            j += 1
        }
        return (k, h, j)
    }

    /// The id of the element name at `i`, without moving.
    mutating func peekName(_ i: Int) -> (id: UInt16, end: Int) {
        let r = readName(i)
        return (names.id(UnsafeBufferPointer(start: nameBuffer, count: r.count), hash: r.hash), r.end)
    }

    /// A start tag at `pos` (`<` then a letter): libxml2's `htmlParseStartTag` and `htmlParseElementInternal`.
    mutating func startTag() {
        let (id, nameEnd) = peekName(pos + 1)
        pos = nameEnd
        if Int(id) >= openCount.count {
            let more = Int(id) + 64 - openCount.count
            openCount.append(contentsOf: repeatElement(0, count: more))
            topmost.append(contentsOf: repeatElement(-1, count: more))
        }
        autoClose(id)
        var discard = false
        if id == HTMLTreeParser.idHTML, !stack.isEmpty {
            discard = true
            misplaced += 1
        }
        if id == HTMLTreeParser.idHead, stack.count != 1 {
            discard = true
            misplaced += 1
        }
        if id == HTMLTreeParser.idBody, openCount[Int(id)] > 0 {
            discard = true
            misplaced += Int(openCount[Int(id)])
        }
        let attributeMark = tree.attributes.count
        let bytesMark = tree.bytes.count
        attributes()
        if discard {
            tree.attributes.removeSubrange(attributeMark...)
            tree.bytes.removeSubrange(bytesMark...)
        } else {
            push(id, attributesFrom: attributeMark, bytesFrom: bytesMark)
        }
        guard let top = stack.last else {
            if pos < n, p[pos] == 0x3E { pos += 1 }
            return
        }
        if pos + 1 < n, p[pos] == 0x2F, p[pos + 1] == 0x3E { // <x/> ends the current element, as in libxml2
            pos += 2
            pop()
            return
        }
        guard pos < n else { return } // start tag cut by the end of input
        pos += 1 // '>'
        if top.id < 256, rules.empty[Int(top.id)] { pop() }
    }

    /// The attributes of a start tag, up to `>` or `/>`, appended to the tree (names lower-cased, values
    /// decoded and cut at ``HTMLTree/maxAttributeBytes``; a repeated name is dropped).
    mutating func attributes() {
        skipBlanks()
        let first = tree.attributes.count
        while pos < n {
            let c = p[pos]
            if c == 0x3E || (c == 0x2F && at(pos + 1) == 0x3E) { return }
            let name = readName(pos, hashing: false)
            if name.count == 0 {
                // A bogus attribute: dumped up to the next blank or the end of the tag.
                while pos < n {
                    let b = p[pos]
                    if classes[Int(b)] & ByteClass.blank != 0 || b == 0x3E || (b == 0x2F && at(pos + 1) == 0x3E) {
                        break
                    }
                    pos += 1
                }
                skipBlanks()
                continue
            }
            pos = name.end
            let nameStart = tree.bytes.count
            tree.bytes.append(contentsOf: UnsafeBufferPointer(start: nameBuffer, count: name.count))
            skipBlanks()
            let valueStart = tree.bytes.count
            if pos < n, p[pos] == 0x3D {
                pos += 1
                skipBlanks()
                attributeValue()
            }
            var valueCount = tree.bytes.count - valueStart
            if valueCount > HTMLTree.maxAttributeBytes {
                tree.bytes.removeSubrange((valueStart + HTMLTree.maxAttributeBytes)...)
                valueCount = HTMLTree.maxAttributeBytes
            }
            if tree.attributes.count - first >= HTMLTreeParser.maxAttributes
                || isRepeated(nameStart, name.count, since: first)
            {
                tree.bytes.removeSubrange(nameStart...)
            } else {
                tree.attributes.append(
                    HTMLTree.Attribute(
                        nameStart: Int32(nameStart), nameCount: Int32(name.count),
                        valueStart: Int32(valueStart), valueCount: Int32(valueCount)))
            }
            skipBlanks()
        }
    }

    /// True when the name at `bytes[start ..< start + count]` is already among the attributes from `first`.
    func isRepeated(_ start: Int, _ count: Int, since first: Int) -> Bool {
        var k = first
        while k < tree.attributes.count {
            let a = tree.attributes[k]
            if Int(a.nameCount) == count {
                var same = true
                var j = 0
                while j < count {
                    if tree.bytes[Int(a.nameStart) + j] != tree.bytes[start + j] {
                        same = false
                        break
                    }
                    j += 1
                }
                if same { return true }
            }
            k += 1
        }
        return false
    }

    /// A quoted or unquoted attribute value at `pos`, decoded into the tree's bytes.
    mutating func attributeValue() {
        guard pos < n else { return }
        let q = p[pos]
        if q == 0x22 || q == 0x27 {
            pos += 1
            while pos < n, p[pos] != q {
                let i = nextOf(q, 0x26, from: pos)
                if i > pos {
                    tree.bytes.append(contentsOf: UnsafeBufferPointer(start: p + pos, count: i - pos))
                    pos = i
                }
                if pos < n, p[pos] == 0x26 { appendReference() }
            }
            if pos < n { pos += 1 } // the closing quote
            return
        }
        while pos < n {
            var i = pos
            while i < n {
                let b = p[i]
                if b == 0x3E || b == 0x26 || classes[Int(b)] & ByteClass.blank != 0 { break }
                i += 1
            }
            if i > pos {
                tree.bytes.append(contentsOf: UnsafeBufferPointer(start: p + pos, count: i - pos))
                pos = i
            }
            guard pos < n, p[pos] == 0x26 else { return }
            appendReference()
        }
    }

    /// `</` at `pos`, as the HTML Standard's end tag open state reads it: a letter starts an end tag
    /// (``endTag()``), `</>` is dropped, `</` at the end of input is text, anything else (`</ 3>`, `</-->`)
    /// starts a bogus comment that runs to the first `>`.
    mutating func endTagOpen() {
        let c = at(pos + 2)
        if HTMLTreeParser.isLetter(c) {
            endTag()
        } else if pos + 2 >= n {
            checkParagraph()
            text(p + pos, n - pos)
            pos = n
        } else if c == 0x3E {
            pos += 3
        } else {
            skipPast(0x3E)
        }
    }

    /// An end tag at `pos` (`</` then a letter): libxml2's `htmlParseEndTag` and `htmlAutoCloseOnClose`.
    mutating func endTag() {
        pos += 2
        let name = readName(pos)
        guard name.count > 0 else { return }
        let id = names.id(UnsafeBufferPointer(start: nameBuffer, count: name.count), hash: name.hash)
        pos = name.end
        skipBlanks()
        if pos < n, p[pos] != 0x3E { skipPast(0x3E) } else if pos < n { pos += 1 }
        if misplaced > 0, id == HTMLTreeParser.idHTML || id == HTMLTreeParser.idBody || id == HTMLTreeParser.idHead {
            misplaced -= 1
            return
        }
        guard Int(id) < topmost.count else { return }
        let at = topmost[Int(id)]
        guard at >= 0 else { return }
        // A misplaced end tag cannot close a block of higher priority standing above its element.
        var level = Int(self.level(id)) + 1
        while level < topmostAtLevel.count {
            if topmostAtLevel[level] > at { return }
            level += 1
        }
        while let top = stack.last, top.id != id { pop() }
        pop()
    }

    @inline(__always) func level(_ id: UInt16) -> UInt8 { id < 256 ? rules.level[Int(id)] : 0 }

    /// Closes the current element while start tag `id` implies its end (libxml2's `htmlAutoClose`).
    mutating func autoClose(_ id: UInt16) {
        guard id < 256 else { return }
        let closes = rules.closes[Int(id)]
        while let top = stack.last, closes.contains(top.id) { pop() }
    }

    /// Opens element `id` whose attributes were appended from the given marks; materialises it unless it is
    /// too deep or inside dropped content (then its attributes are taken back).
    mutating func push(_ id: UInt16, attributesFrom attributeMark: Int, bytesFrom bytesMark: Int) {
        openCount[Int(id)] += 1
        let position = Int32(stack.count)
        let level = Int(self.level(id))
        var entry = OpenElement(
            id: id, node: -1, previousSame: topmost[Int(id)], previousAtLevel: topmostAtLevel[level])
        topmost[Int(id)] = position
        topmostAtLevel[level] = position
        if skipping > 0 || open.count > maxDepth {
            if skipping > 0 { skipping += 1 } else { tree.truncatedDepth = true }
            stack.append(entry)
            tree.attributes.removeSubrange(attributeMark...)
            tree.bytes.removeSubrange(bytesMark...)
            return
        }
        let tag = id < 128 ? HTMLTag(rawValue: UInt8(id)) ?? .other : .other
        let index = Int32(tree.nodes.count)
        tree.nodes.append(
            HTMLTree.Node(
                kind: .element, tag: tag, parent: open[open.count - 1], end: 0,
                start: Int32(attributeMark), count: Int32(tree.attributes.count - attributeMark)))
        open.append(index)
        entry.node = index
        stack.append(entry)
        didOpen(tag, at: index)
    }

    /// Closes the current element.
    mutating func pop() {
        guard let top = stack.popLast() else { return }
        openCount[Int(top.id)] -= 1
        topmost[Int(top.id)] = top.previousSame
        topmostAtLevel[Int(level(top.id))] = top.previousAtLevel
        didClose(kept: top.node >= 0)
    }
}
