/// Element names numbered as they are met, and namespace declarations put in and out of scope.
extension XMLTreeParser {
    /// The number of the element name (`ns`, local name at `start`), numbering it on first sight.
    mutating func nameID(_ ns: Int32, _ start: Int32, _ count: Int32) -> Int32 {
        if nameSlots.isEmpty {
            for (i, known) in names.enumerated()
            where known.ns == ns && known.count == count && same(known.start, start, Int(count)) {
                return Int32(i)
            }
            names.append((ns, start, count))
            tree.nameCount = names.count
            if names.count > Self.linearNames { rehash(capacity: 64) }
            return Int32(names.count - 1)
        }
        let h = nameHash(ns, start, count)
        let mask = nameSlots.count - 1
        var slot = Int(h) & mask
        while true {
            let entry = nameSlots[slot]
            if entry == 0 { break }
            let known = names[Int(entry - 1)]
            if known.ns == ns, known.count == count, same(known.start, start, Int(count)) { return entry - 1 }
            slot = (slot + 1) & mask
        }
        let id = Int32(names.count)
        names.append((ns, start, count))
        nameSlots[slot] = id + 1
        if names.count * 2 > nameSlots.count { rehash(capacity: nameSlots.count * 2) } // at most half full
        tree.nameCount = names.count
        return id
    }

    /// Rebuilds the name table with `capacity` slots (a power of two).
    mutating func rehash(capacity: Int) {
        nameSlots = [Int32](repeating: 0, count: capacity)
        let mask = capacity - 1
        for (i, n) in names.enumerated() {
            var s = Int(nameHash(n.ns, n.start, n.count)) & mask
            while nameSlots[s] != 0 { s = (s + 1) & mask }
            nameSlots[s] = Int32(i) + 1
        }
    }

    /// FNV-1a over the local name, seeded with the namespace.
    func nameHash(_ ns: Int32, _ start: Int32, _ count: Int32) -> UInt32 {
        var h: UInt32 = 2_166_136_261 ^ UInt32(bitPattern: ns)
        for k in Int(start)..<Int(start + count) { h = (h ^ UInt32(p[k])) &* 16_777_619 }
        return h
    }

    // MARK: - Namespaces

    /// True for `xmlns` and `xmlns:…`.
    func isDeclaration(_ start: Int32, _ count: Int32, _ colon: Int32) -> Bool {
        let len = colon < 0 ? count : colon
        guard len == 5 else { return false }
        let s = Int(start)
        return p[s] == 0x78 && p[s + 1] == 0x6D && p[s + 2] == 0x6C && p[s + 3] == 0x6E && p[s + 4] == 0x73
    }

    /// Puts the tag's `xmlns` declarations in scope.
    mutating func declareNamespaces() -> Bool {
        for a in pending where isDeclaration(a.nameStart, a.nameCount, a.colon) {
            if a.colon < 0 {
                var ns: Int32 = -1
                if a.valueCount > 0 {
                    ns = Int32(tree.namespaces.count)
                    tree.namespaces.append(
                        XMLTree.Namespace(
                            prefixStart: 0, prefixCount: -1, uriStart: a.valueStart, uriCount: a.valueCount))
                }
                scope.append((0, -1, ns))
                defaultNamespace = ns
            } else {
                let prefixStart = a.nameStart + a.colon + 1
                let prefixCount = a.nameCount - a.colon - 1
                // An empty prefixed declaration, or a declaration of `xml`/`xmlns`: libxml2 takes over.
                guard a.valueCount > 0, !isReservedPrefix(prefixStart, prefixCount) else { return false }
                let ns = Int32(tree.namespaces.count)
                tree.namespaces.append(
                    XMLTree.Namespace(
                        prefixStart: prefixStart, prefixCount: prefixCount,
                        uriStart: a.valueStart, uriCount: a.valueCount))
                scope.append((prefixStart, prefixCount, ns))
            }
        }
        return true
    }

    /// Takes the declarations made since `mark` out of scope.
    mutating func popScope(to mark: Int) {
        guard scope.count > mark else { return }
        scope.removeSubrange(mark...)
        defaultNamespace = scope.last(where: { $0.prefixCount < 0 })?.ns ?? -1
    }

    func isReservedPrefix(_ start: Int32, _ count: Int32) -> Bool {
        let s = Int(start)
        guard count >= 3, p[s] | 0x20 == 0x78, p[s + 1] | 0x20 == 0x6D, p[s + 2] | 0x20 == 0x6C else { return false }
        return true
    }

    /// The namespace and local name of a qualified name; nil for an undeclared prefix.
    func resolve(_ start: Int32, _ count: Int32, _ colon: Int32, isAttribute: Bool) -> (Int32, Int32, Int32)? {
        guard colon >= 0 else { return (isAttribute ? -1 : defaultNamespace, start, count) }
        let localStart = start + colon + 1
        let localCount = count - colon - 1
        if colon == 3, p[Int(start)] == 0x78, p[Int(start) + 1] == 0x6D, p[Int(start) + 2] == 0x6C {
            return (0, localStart, localCount)
        }
        for entry in scope.reversed() where entry.prefixCount == colon && same(entry.prefixStart, start, Int(colon)) {
            return (entry.ns, localStart, localCount)
        }
        return nil
    }
}
