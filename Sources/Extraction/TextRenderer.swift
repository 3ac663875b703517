import Markup

/// Turns the article's kept nodes into text: paragraphs separated by a blank line, list items, table rows and
/// line breaks on their own lines, whitespace collapsed (kept as lines inside `<pre>`).
///
/// Works on the tree's UTF-8 bytes and builds one String at the end.
struct TextRenderer {
    let model: PageModel

    private enum Close { case paragraph, line, pre, cell }

    /// The text of `roots`, leaving out `removed` nodes.
    func render(_ roots: [Int], removed: [Bool]) -> String {
        var out = Output()
        let nodes = model.tree.nodes
        model.tree.bytes.withUnsafeBufferPointer { bytes in
            for root in roots {
                out.request(2)
                var stack: [(end: Int, close: Close)] = []
                var inPre = 0
                var k = root
                let end = model.end(root)
                while k < end {
                    while let top = stack.last, top.end <= k {
                        stack.removeLast()
                        switch top.close {
                        case .paragraph: out.request(2)
                        case .line: out.request(1)
                        case .pre:
                            inPre -= 1
                            out.request(2)
                        case .cell: out.space = true
                        }
                    }
                    if removed[k] {
                        k = model.end(k)
                        continue
                    }
                    let node = nodes[k]
                    if node.kind == .text {
                        out.append(bytes, Int(node.start)..<Int(node.start + node.count), pre: inPre > 0)
                    } else if node.kind == .element {
                        let tag = node.tag
                        let e = Int(node.end)
                        if tag == .br {
                            out.request(1)
                        } else if tag == .pre {
                            out.request(2)
                            inPre += 1
                            stack.append((e, .pre))
                        } else if TagVocabulary.lineBlocks.contains(tag) {
                            out.request(1)
                            stack.append((e, .line))
                        } else if TagVocabulary.paragraphBlocks.contains(tag) {
                            out.request(2)
                            stack.append((e, .paragraph))
                        } else if tag == .td || tag == .th {
                            out.space = true
                            stack.append((e, .cell))
                        }
                    }
                    k += 1
                }
            }
        }
        return String(decoding: out.bytes, as: UTF8.self)
    }

    /// The growing text, with a pending break (1 newline, 2 blank line) or space applied before the next word.
    private struct Output {
        var bytes: [UInt8] = []
        var pendingBreak = 0
        var space = false

        mutating func request(_ lines: Int) { pendingBreak = max(pendingBreak, lines) }

        mutating func flush() {
            if pendingBreak > 0 {
                if !bytes.isEmpty {
                    while let last = bytes.last, last == 32 { bytes.removeLast() }
                    bytes.append(10)
                    if pendingBreak > 1 { bytes.append(10) }
                }
                pendingBreak = 0
                space = false
            } else if space {
                if let last = bytes.last, last != 32, last != 10 { bytes.append(32) }
                space = false
            }
        }

        mutating func append(_ src: UnsafeBufferPointer<UInt8>, _ r: Range<Int>, pre: Bool) {
            var k = r.lowerBound
            while k < r.upperBound {
                let b = src[k]
                if b == 10, pre {
                    request(1)
                    k += 1
                    continue
                }
                if b == 32 || b == 9 || b == 10 || b == 13 || b == 12 {
                    space = true
                    k += 1
                    continue
                }
                if b == 0xC2, k + 1 < r.upperBound, src[k + 1] == 0xA0 {
                    space = true
                    k += 2
                    continue
                }
                // A run of ordinary bytes goes in at once.
                var j = k + 1
                while j < r.upperBound {
                    let c = src[j]
                    if c == 32 || c == 9 || c == 10 || c == 13 || c == 12 { break }
                    if c == 0xC2, j + 1 < r.upperBound, src[j + 1] == 0xA0 { break }
                    j += 1
                }
                flush()
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: src[k..<j]))
                k = j
            }
        }
    }
}
