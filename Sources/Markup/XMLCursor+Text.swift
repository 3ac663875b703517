import VeilleCore

/// The text under an element: as one String, as bytes, or lent to a closure without a copy.
extension XMLCursor {
    /// The only child, when it is text (the common case: `<title>Text</title>`), as a range of the buffer.
    @usableFromInline var onlyText: (Int32, Int32)? {
        let n = node
        guard n.end == index + 2 else { return n.end == index + 1 ? (0, 0) : nil }
        let c = tree.nodeBase[Int(index) + 1]
        return c.kind == .text ? (c.start, c.count) : nil
    }

    /// The text of the element's descendants (text and CDATA), entity references left to `entity`.
    ///
    /// - Parameter entity: the replacement for a named entity reference the parser left unexpanded
    ///   (nil drops it). DTD entities are never expanded here.
    public func text(entity: (String) -> String?) -> String {
        String(decoding: textBytes(entity: entity), as: UTF8.self)
    }

    /// Runs `body` on the element's text as UTF-8 bytes: straight from the tree's buffer when the element
    /// holds one text node or none (no copy); gathered in a temporary buffer of the exact size when it
    /// holds several and no entity (`<title>\n <![CDATA[…]]>\n</title>`, the usual RSS title); else
    /// gathered as ``textBytes(entity:)`` gathers it.
    @inlinable
    public func withText<R>(entity: (String) -> String?, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let (start, count) = onlyText {
            return tree.bytes.withUnsafeBufferPointer {
                body(UnsafeBufferPointer(rebasing: $0[Int(start)..<Int(start + count)]))
            }
        }
        guard let total = textsOnlyCount else { return textBytes(entity: entity).withUnsafeBufferPointer(body) }
        return ScratchBytes.with(capacity: total) { buffer in
            copyTexts(into: buffer)
            return body(UnsafeBufferPointer(rebasing: buffer[0..<total]))
        }
    }

    /// The bytes of the descendants' texts when there is no entity node among them; nil otherwise.
    @usableFromInline var textsOnlyCount: Int? {
        var total = 0
        var i = Int(index) + 1
        let end = Int(node.end)
        while i < end {
            let c = tree.nodeBase[i]
            switch c.kind {
            case .text: total += Int(c.count)
            case .entity: return nil
            case .element: break
            }
            i += 1
        }
        return total
    }

    /// Copies the descendants' texts, in order, to the start of `buffer` (which holds them all).
    @usableFromInline func copyTexts(into buffer: UnsafeMutableBufferPointer<UInt8>) {
        guard var out = buffer.baseAddress else { return }
        tree.bytes.withUnsafeBufferPointer { bytes in
            guard let base = bytes.baseAddress else { return }
            var i = Int(index) + 1
            let end = Int(node.end)
            while i < end {
                let c = tree.nodeBase[i]
                if c.kind == .text {
                    out.update(from: base + Int(c.start), count: Int(c.count))
                    out += Int(c.count)
                }
                i += 1
            }
        }
    }

    /// ``text(entity:)`` as UTF-8 bytes, without building a String.
    public func textBytes(entity: (String) -> String?) -> [UInt8] {
        if let (start, count) = onlyText { return Array(tree.bytes[Int(start)..<Int(start + count)]) }
        var bytes = [UInt8]()
        var i = Int(index) + 1
        let end = Int(node.end)
        while i < end {
            let c = tree.nodeBase[i]
            switch c.kind {
            case .text: bytes.append(contentsOf: tree.bytes[Int(c.start)..<Int(c.start + c.count)])
            case .entity: if let r = entity(tree.string(c.start, c.count)) { bytes.append(contentsOf: r.utf8) }
            case .element: break
            }
            i += 1
        }
        return bytes
    }
}
