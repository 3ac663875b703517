/// A multi-pattern automaton over normalized bytes: Aho–Corasick compiled into a table of dense rows.
///
/// Bytes are first mapped to classes (each byte some pattern uses gets its own class, every other byte
/// shares class 0). Every state within ``denseBudget`` (all of them for 10,000 Latin-script aliases) gets a
/// full row of transitions, failure links folded in, holding each target's row offset: a step is one
/// addition and one table read, and ``scanDense(_:_:_:_:_:_:)`` runs four stretches of the text side by side
/// so that their reads overlap. Beyond the budget, deeper states keep only their trie edges and a failure
/// link, and the scan skips from the root to the next word start, whose first bytes it looks up at once.
/// A target with outputs is stored as its bitwise not, so the scan tests one sign.
struct Automaton: Sendable {
    /// One sparse state: its first trie edge inline (reason: most deep states of a trie of names are links
    /// of a chain, so a step reads one node), the others in ``edges``, its failure state.
    struct Node: Sendable {
        /// The first edge (as in ``edges``), valid when `edgeEnd > edgeStart`.
        var first: UInt32
        var edgeStart: Int32
        var edgeEnd: Int32
        var fail: Int32
    }

    /// States shallower than this always get dense rows (reason: the root, the space and the first two
    /// letters of every word are read for every word of every text). At least 3, for ``wordStart``.
    static let denseDepth = 4
    /// Bytes of dense rows allowed beyond those (reason: a row per state makes every byte one table read;
    /// 10,000 aliases of Latin script need about 10 MB; larger watchlists keep their deep states sparse.
    /// 64 MB, enough for 10,000 two-word aliases in Latin, Cyrillic and Hangul to be all dense, measured
    /// no faster over 100 MB and 0.1 s slower to start: the scan is bound by memory, not by the sparse steps).
    static let denseBudget = 16 << 20

    /// Byte → class.
    let classes: [UInt8]
    let classCount: Int
    /// States `0 ..< denseCount` have dense rows (`dense[state * classCount + class]`).
    let denseCount: Int
    /// `denseCount * classCount`: a state's offset in the scan is its row for a dense state, and this plus
    /// its number beyond `denseCount` for a sparse one (reason: a sparse step then needs no division).
    let denseEnd: Int
    let nodes: HugePageTable<Node>
    /// Dense rows: `dense[row + class]` is the next state's offset (see ``denseEnd``; the bitwise not when
    /// it has outputs), so a step is one addition and one read.
    let dense: HugePageTable<Int32>
    /// Trie edges of sparse states: class in the top 8 bits, target state (or `~target`) below.
    let edges: [UInt32]
    /// Outputs of state `s`: `outputs[outputStart[s] ..< outputStart[s + 1]]` (pattern indices).
    let outputStart: [Int32]
    let outputs: [Int32]
    /// Word-start shortcut: `wordStart[b1 | b2 << 8]` is the state reached from ``spaceRow`` by the bytes
    /// `b1 b2` (a dense state: depth ≤ 3), or ``slowStart`` when a state on the way has outputs (patterns of
    /// one or two bytes), which the scan then reads byte by byte.
    let wordStart: [Int32]
    static let slowStart = Int32.min
    /// The row of the state after a space read from the root (every word start).
    let spaceRow: Int
    /// Depth of each state (bytes from the root), for where a stretch of ``scanDense(_:_:_:_:_:_:)`` may stop.
    let depths: [UInt16]

    /// Compiles `patterns` (normalized bytes, each starting with a space). Pattern `i` is reported as output `i`.
    ///
    /// `denseBudget` bounds the bytes of dense rows beyond the shallow states (tests lower it).
    init(patterns: [[UInt8]], denseBudget: Int = Automaton.denseBudget) {
        var used = [Bool](repeating: false, count: 256)
        for p in patterns { for b in p { used[Int(b)] = true } }
        var classes = [UInt8](repeating: 0, count: 256)
        var c = 1
        for b in 0..<256 where used[b] && c < 255 {
            classes[b] = UInt8(c)
            c += 1
        }
        let k = c
        // The trie, with its edges kept per state.
        var children: [[(cls: Int, to: Int32)]] = [[]]
        var depth: [Int] = [0]
        var own: [[Int32]] = [[]]
        for (index, p) in patterns.enumerated() {
            var s = 0
            for b in p {
                let cls = Int(classes[Int(b)])
                if let next = children[s].first(where: { $0.cls == cls }) {
                    s = Int(next.to)
                } else {
                    let t = Int32(children.count)
                    children[s].append((cls, t))
                    children.append([])
                    own.append([])
                    depth.append(depth[s] + 1)
                    s = Int(t)
                }
            }
            own[s].append(Int32(index))
        }
        let states = children.count
        // Breadth-first: failure links and merged outputs.
        var fail = [Int32](repeating: 0, count: states)
        var merged = own
        var order: [Int] = [0]
        order.reserveCapacity(states)
        var head = 0
        while head < order.count {
            let s = order[head]
            head += 1
            for (cls, t) in children[s] {
                if s != 0 {
                    var f = Int(fail[s])
                    while f != 0, !children[f].contains(where: { $0.cls == cls }) { f = Int(fail[f]) }
                    let target = children[f].first(where: { $0.cls == cls })?.to ?? 0
                    fail[Int(t)] = Int(target) == Int(t) ? 0 : target
                }
                merged[Int(t)] += merged[Int(fail[Int(t)])]
                order.append(Int(t))
            }
        }
        // States renumbered: the dense ones first, in breadth-first order (depth < denseDepth, then as many
        // as the budget allows), so that a dense state's row is its number times the class count, with no
        // lookup; then the sparse ones depth first, so that a chain of deep states lies in consecutive nodes.
        let shallow = order.firstIndex { depth[$0] >= Self.denseDepth } ?? states
        let denseCount = max(shallow, min(states, denseBudget / (4 * k)))
        var renumbered = Array(order.prefix(denseCount))
        renumbered.reserveCapacity(states)
        var placed = [Bool](repeating: false, count: states)
        var stack: [Int] = []
        for root in order.dropFirst(denseCount) where !placed[root] {
            stack.append(root)
            while let s = stack.popLast() {
                placed[s] = true
                renumbered.append(s)
                for (_, t) in children[s].reversed() { stack.append(Int(t)) }
            }
        }
        order = renumbered
        var id = [Int32](repeating: 0, count: states)
        for (j, old) in order.enumerated() { id[old] = Int32(j) }
        let denseEnd = denseCount * k
        /// A state's offset in the scan (see ``denseEnd``).
        func offset(_ j: Int32) -> Int32 {
            Int(j) < denseCount ? j * Int32(k) : Int32(denseEnd) + j - Int32(denseCount)
        }
        func encode(_ t: Int32) -> Int32 { merged[Int(t)].isEmpty ? id[Int(t)] : ~id[Int(t)] }
        /// A target in a dense row: its offset, bitwise not when it has outputs.
        func code(_ t: Int32) -> Int32 { merged[Int(t)].isEmpty ? offset(id[Int(t)]) : ~offset(id[Int(t)]) }
        var nodes = [Node](repeating: Node(first: 0, edgeStart: 0, edgeEnd: 0, fail: 0), count: states)
        var dense = [Int32](repeating: 0, count: denseCount * k)
        var edges: [UInt32] = []
        var start = [Int32](repeating: 0, count: states + 1)
        var flat: [Int32] = []
        for (j, s) in order.enumerated() {
            start[j] = Int32(flat.count)
            flat += merged[s]
            nodes[j].fail = id[Int(fail[s])]
            nodes[j].edgeStart = Int32(edges.count)
            for (cls, t) in children[s] {
                edges.append(UInt32(cls) << 24 | (UInt32(bitPattern: encode(t)) & 0x00FF_FFFF))
            }
            nodes[j].edgeEnd = Int32(edges.count)
            if nodes[j].edgeEnd > nodes[j].edgeStart { nodes[j].first = edges[Int(nodes[j].edgeStart)] }
            guard j < denseCount else { continue }
            // The failure state's row (shallower, so already filled), overridden by the trie edges.
            let failRow = Int(id[Int(fail[s])]) * k
            if j > 0 { for cls in 0..<k { dense[j * k + cls] = dense[failRow + cls] } }
            for (cls, t) in children[s] { dense[j * k + cls] = code(t) }
        }
        start[states] = Int32(flat.count)
        // States of depth ≤ 2 have dense rows (denseDepth ≥ 3), so two lookups after the space give the entry.
        var wordStart = [Int32](repeating: Self.slowStart, count: 1 << 16)
        let afterSpace = dense[Int(classes[0x20])]
        if afterSpace >= 0 {
            for b1 in 0..<256 {
                let s1 = dense[Int(afterSpace) + Int(classes[b1])]
                guard s1 >= 0 else { continue }
                for b2 in 0..<256 {
                    let s2 = dense[Int(s1) + Int(classes[b2])]
                    if s2 >= 0 { wordStart[b1 | b2 << 8] = s2 }
                }
            }
        }
        self.wordStart = wordStart
        self.spaceRow = Int(max(0, afterSpace))
        self.classes = classes
        self.classCount = k
        self.denseCount = denseCount
        self.denseEnd = denseEnd
        self.nodes = HugePageTable(nodes)
        self.dense = HugePageTable(dense)
        self.edges = edges
        self.outputStart = start
        self.outputs = flat
        self.depths = order.map { UInt16(min(depth[$0], Int(UInt16.max))) }
    }

    /// Scans `text`, calling `hit(state, end, startBelow)` (end exclusive) whenever a state with outputs is
    /// reached; only its patterns that start before `startBelow` count for that call.
    ///
    /// When every state is dense, ``scanDense(_:_:_:_:_:_:)`` reads every byte, four stretches at once.
    /// Otherwise: every pattern starts with a space (the normalizer puts one before every word), so from the
    /// root only a space leads anywhere: in the root state the scan skips straight to the next space.
    @inline(__always)
    func scan(_ text: UnsafeBufferPointer<UInt8>, _ hit: (_ state: Int, _ end: Int, _ startBelow: Int) -> Void) {
        guard let p = text.baseAddress else { return }
        let n = text.count
        if denseCount == nodes.count, n >= Self.stretchMinimum {
            dense.withUnsafeBufferPointer { dense in
                classes.withUnsafeBufferPointer { cls in
                    depths.withUnsafeBufferPointer { depths in
                        scanDense(p, n, dense, cls, depths, hit)
                    }
                }
            }
            return
        }
        nodes.withUnsafeBufferPointer { nodes in
            dense.withUnsafeBufferPointer { dense in
                edges.withUnsafeBufferPointer { edges in
                    classes.withUnsafeBufferPointer { cls in
                        wordStart.withUnsafeBufferPointer { entry in
                            let sp = spaceRow
                            let denseEnd = self.denseEnd
                            var s = 0
                            var i = 0 // s: the current state's offset (see denseEnd)
                            while i < n {
                                if s == 0 {
                                    // the root: nothing until the next space, which leads to `sp` (no pattern is a lone space)
                                    i = Self.nextSpace(p, i, n)
                                    if i == n { return }
                                    i &+= 1
                                    s = sp
                                }
                                var t: Int32 = 0
                                if s == sp, i &+ 2 < n,
                                    case let e = entry[
                                        Int(
                                            UInt16(littleEndian: UnsafeRawPointer(p + i).loadUnaligned(as: UInt16.self))
                                        )], e != Self.slowStart
                                {
                                    // A word's first three bytes: one lookup for two, the dense row for the third.
                                    t = dense[Int(e) &+ Int(cls[Int(p[i &+ 2])])]
                                    i &+= 3
                                } else {
                                    let c = Int(cls[Int(p[i])])
                                    i &+= 1
                                    t = s < denseEnd ? dense[s &+ c] : sparseStep(s, c, nodes, dense, edges)
                                }
                                if t < 0 {
                                    s = Int(~t)
                                    hit(state(at: s), i, Int.max)
                                } else {
                                    s = Int(t)
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// The number of the state at scan offset `s` (see ``denseEnd``).
    @inline(__always)
    func state(at s: Int) -> Int { s < denseEnd ? s / classCount : s &- denseEnd &+ denseCount }

    /// The transition from a sparse state (offset `s`) on class `c`: its trie edge, else its failure
    /// state's (reason: deep states of large watchlists, outside the dense budget).
    @inline(__always)
    func sparseStep(
        _ s: Int, _ c: Int, _ nodes: UnsafeBufferPointer<Node>, _ dense: UnsafeBufferPointer<Int32>,
        _ edges: UnsafeBufferPointer<UInt32>
    ) -> Int32 {
        var state = s &- denseEnd &+ denseCount
        while state >= denseCount {
            let node = nodes[state]
            if node.edgeEnd > node.edgeStart {
                if Int(node.first >> 24) == c { return target(node.first) }
                var e = Int(node.edgeStart) &+ 1
                while e < Int(node.edgeEnd) {
                    if Int(edges[e] >> 24) == c { return target(edges[e]) }
                    e &+= 1
                }
            }
            state = Int(node.fail)
        }
        return dense[state &* classCount &+ c]
    }

    /// The scan offset coded by an edge (its low 24 bits: the target's number, bitwise not when it has outputs).
    @inline(__always)
    func target(_ edge: UInt32) -> Int32 {
        let raw = edge & 0x00FF_FFFF
        let t = raw & 0x0080_0000 != 0 ? Int32(bitPattern: raw | 0xFF00_0000) : Int32(raw)
        let j = t < 0 ? ~t : t
        let o = Int(j) < denseCount ? j &* Int32(classCount) : Int32(denseEnd) &+ j &- Int32(denseCount)
        return t < 0 ? ~o : o
    }

    /// The offset of the next space at or after `i` (or `n`), eight bytes at a time: the lowest zero
    /// byte of `w ^ 0x2020…` is found exactly by the borrow trick (higher bytes may be false alarms).
    @inline(__always)
    static func nextSpace(_ p: UnsafePointer<UInt8>, _ from: Int, _ n: Int) -> Int {
        var i = from
        let ones: UInt64 = 0x0101_0101_0101_0101
        while i &+ 8 <= n {
            let z = UInt64(littleEndian: UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)) ^ (ones &* 0x20)
            let m = (z &- ones) & ~z & (ones &* 0x80)
            if m != 0 { return i &+ m.trailingZeroBitCount / 8 }
            i &+= 8
        }
        while i < n, p[i] != 0x20 { i &+= 1 }
        return i
    }

    /// Bytes held by the compiled tables.
    var memoryBytes: Int {
        nodes.count * MemoryLayout<Node>.stride + dense.count * 4 + edges.count * 4
            + outputStart.count * 4 + outputs.count * 4 + classes.count + wordStart.count * 4
    }

    /// Number of states.
    var stateCount: Int { nodes.count }
}
