/// veille's own HTML parser: UTF-8 bytes in, an ``HTMLTree`` out, in one pass, without libxml2.
///
/// It reproduces what the extraction relies on in libxml2 2.9's HTML parser as veille used it (`RECOVER`,
/// `NOIMPLIED`, `COMPACT`; HTML 4 rules, not HTML5): lower-cased tag and attribute names; quoted, unquoted
/// and bare attributes (the first of duplicates wins); named (``HTMLEntityTable``) and numeric character
/// references in text and attribute values (`&#128;`–`&#159;` read as windows-1252, as browsers do); only
/// `script` and `style` hold raw text; comments, `<!DOCTYPE>` and processing instructions are skipped, a
/// stray `<` or `&` is text. Where libxml2 2.9 printed markup as text, the HTML Standard's tokenizer is
/// followed instead (browsers show none of it): `<!` not followed by `--` (`<! --- x -->`, `<![CDATA[…`),
/// `<?…` and `</` followed by neither a letter nor `>` (`</ 3>`) are bogus comments up to the first `>`,
/// `</>` is dropped, `<!-->` and `<!--->` are empty comments and `--!>` also ends a comment.
/// Start tags close what ``HTMLElementRules/startClose`` says (a `p` by a block, `li` by `li`, cells by cells…), empty elements close at once, an end tag closes the elements opened inside it
/// unless one of higher priority stands between (``HTMLElementRules/endPriorities``), an end tag with no
/// open element is ignored; text directly in `html` or `head`, or outside any element, gets an implied `p`.
///
/// The tree keeps ``HTMLTree``'s contract, exactly as the libxml2 event builder (``HTMLTreeSAX``) did:
/// elements deeper than `maxDepth` are not materialised, the content of `style`, `template` and of scripts
/// other than JSON-LD is dropped, attribute values are cut at ``HTMLTree/maxAttributeBytes``, adjacent text
/// is one node. Memory is linear in the input and no step rescans the open elements more than once per tag.
struct HTMLTreeParser: HTMLTreeSink {
    /// One open element of the parser's stack (libxml2's name stack).
    struct OpenElement {
        /// Interned name (``HTMLNameTable``).
        var id: UInt16
        /// Its node in the tree, -1 when it was not materialised.
        var node: Int32
        /// Stack position of the next open element below with the same id (-1 for none).
        var previousSame: Int32 = -1
        /// Stack position of the next open element below with the same priority level (-1 for none).
        var previousAtLevel: Int32 = -1
    }

    let p: UnsafePointer<UInt8>
    let n: Int
    var pos = 0
    var tree = HTMLTree()
    let maxDepth: Int
    var names = HTMLNameTable.seeded
    let rules = HTMLElementRules.tables
    /// Byte classes (``ByteClass``), 256 entries.
    let classes = HTMLTreeParser.byteClasses
    /// The parser's open elements, outermost first.
    var stack: [OpenElement] = []
    /// How many elements of each id are open.
    var openCount = [Int32](repeating: 0, count: 256)
    /// Stack position of the topmost open element of each id (-1 for none): end tags find their element
    /// and check for a blocking element in constant time, however deep the stack.
    var topmost = [Int32](repeating: -1, count: 256)
    /// Stack position of the topmost open element of each priority level (``HTMLElementRules/priorityLevels``).
    var topmostAtLevel = [Int32](repeating: -1, count: HTMLElementRules.priorityLevels.count)
    /// Attributes kept per element (the duplicate check compares each name with the earlier ones).
    static let maxAttributes = 256
    /// Materialised open elements; `open[0]` is the document.
    var open: [Int32] = [0]
    /// Above 0 inside an element whose content is not kept (style, template, non-JSON-LD script).
    var skipping = 0
    /// True inside a JSON-LD script, whose text is kept.
    var inJSONScript = false
    /// libxml2's `ctxt->depth`: misplaced `html`/`head`/`body` start tags dropped, whose end tags are skipped.
    var misplaced = 0
    /// Scratch for a lower-cased name (libxml2 reads at most 100 bytes of one).
    let nameBuffer: UnsafeMutablePointer<UInt8>
    static let maxName = 100

    static let idHTML = UInt16(HTMLTag.html.rawValue), idHead = UInt16(HTMLTag.head.rawValue)
    static let idBody = UInt16(HTMLTag.body.rawValue), idP = UInt16(HTMLTag.p.rawValue)
    static let idScript = UInt16(HTMLTag.script.rawValue), idStyle = UInt16(HTMLTag.style.rawValue)

    /// Parses UTF-8 (or otherwise ASCII-compatible, already transcoded) HTML bytes into a tree.
    ///
    /// - Parameters:
    ///   - bytes: the page without its byte-order mark.
    ///   - maxDepth: elements nested deeper than this are flattened into their deepest kept ancestor.
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, maxDepth: Int) -> HTMLTree {
        guard let base = bytes.baseAddress, bytes.count > 0 else {
            var t = HTMLTree()
            t.nodes.append(HTMLTree.Node(kind: .document, tag: .other, parent: -1, end: 1, start: 0, count: 0))
            return t
        }
        let scratch = UnsafeMutablePointer<UInt8>.allocate(capacity: maxName + 8)
        defer { scratch.deallocate() }
        var parser = HTMLTreeParser(p: base, n: bytes.count, maxDepth: max(1, maxDepth), nameBuffer: scratch)
        parser.run()
        return parser.tree
    }

    init(p: UnsafePointer<UInt8>, n: Int, maxDepth: Int, nameBuffer: UnsafeMutablePointer<UInt8>) {
        self.p = p
        self.n = n
        self.maxDepth = maxDepth
        self.nameBuffer = nameBuffer
        // Decoded text and attributes never outgrow the input (a reference is never shorter than its
        // character), so the byte buffer is allocated once.
        tree.nodes.reserveCapacity(n / 32)
        tree.bytes.reserveCapacity(n)
        tree.attributes.reserveCapacity(n / 64)
        tree.nodes.append(HTMLTree.Node(kind: .document, tag: .other, parent: -1, end: 0, start: 0, count: 0))
    }

    /// The byte at `i`, 0 past the end.
    @inline(__always) func at(_ i: Int) -> UInt8 { i < n ? p[i] : 0 }

    /// The document: a prologue of blanks, comments, processing instructions and a doctype, then content.
    mutating func run() {
        skipBlanks()
        while pos < n, p[pos] == 0x3C {
            if startsComment(pos) {
                skipComment()
            } else if at(pos + 1) == 0x3F || at(pos + 1) == 0x21 {
                skipPast(0x3E) // a processing instruction, the doctype or a bogus comment
            } else {
                break
            }
            skipBlanks()
        }
        content()
        while !stack.isEmpty { pop() }
        tree.nodes[0].end = Int32(tree.nodes.count)
    }

    /// libxml2's `htmlParseContentInternal`: tags, text, references, raw text, until the end of input.
    mutating func content() {
        while pos < n {
            let c = p[pos]
            if c == 0x3C {
                let c1 = at(pos + 1)
                if c1 == 0x2F, !(isRawTextOpen && !HTMLTreeParser.isLetter(at(pos + 2))) {
                    endTagOpen()
                    continue
                }
                if isRawTextOpen {
                    rawText()
                    continue
                }
                if HTMLTreeParser.isLetter(c1) {
                    startTag()
                    continue
                }
                if c1 == 0x21 {
                    // The markup declaration open state: a comment, else the doctype or a bogus comment (any
                    // other `<!…>`, `<![CDATA[…>` included outside foreign content), both up to the first `>`.
                    if startsComment(pos) { skipComment() } else { skipPast(0x3E) }
                    continue
                }
                if c1 == 0x3F { // `<?…>`: a bogus comment up to the first `>`
                    skipPast(0x3E)
                    continue
                }
                text(p + pos, 1)
                pos += 1
                continue
            }
            if isRawTextOpen {
                rawText()
                continue
            }
            if c == 0x26 {
                reference()
                continue
            }
            charData()
        }
    }

    /// True while the current element is `script` or `style`, whose content is raw text.
    var isRawTextOpen: Bool {
        guard let top = stack.last else { return false }
        return top.id == HTMLTreeParser.idScript || top.id == HTMLTreeParser.idStyle
    }

    /// `<!--` at `i`.
    func startsComment(_ i: Int) -> Bool { at(i + 1) == 0x21 && at(i + 2) == 0x2D && at(i + 3) == 0x2D }

    /// Skips a comment after `<!--`, as the HTML Standard's comment states end it: `<!-->` and `<!--->` are
    /// empty comments, any other ends after the next `-->` or `--!>`, or at the end of input when unterminated.
    mutating func skipComment() {
        if at(pos + 4) == 0x3E {
            pos += 5
            return
        }
        if at(pos + 4) == 0x2D, at(pos + 5) == 0x3E {
            pos += 6
            return
        }
        var i = pos + 4
        while i + 2 < n {
            if p[i] == 0x2D, p[i + 1] == 0x2D {
                if p[i + 2] == 0x3E {
                    pos = i + 3
                    return
                }
                if p[i + 2] == 0x21, i + 3 < n, p[i + 3] == 0x3E {
                    pos = i + 4
                    return
                }
            }
            i += 1
        }
        pos = n
    }

    /// Moves past the next `byte` (or to the end).
    mutating func skipPast(_ byte: UInt8) {
        var i = pos
        while i < n, p[i] != byte { i += 1 }
        pos = min(n, i + 1)
    }

    /// Skips spaces, tabs and line breaks (libxml2's `SKIP_BLANKS`).
    @inline(__always) mutating func skipBlanks() {
        while pos < n, classes[Int(p[pos])] & ByteClass.blank != 0 { pos += 1 }
    }

    @inline(__always) static func isLetter(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A }
}
