/// A multi-pattern automaton over normalized bytes: Aho–Corasick with dense rows for the hot states.
///
/// Bytes are first mapped to classes (each byte some pattern uses gets its own class, every other byte
/// shares class 0). States near the root (depth ≤ ``denseDepth``), which nearly every word goes through,
/// get a full row of transitions (one table read per byte); deeper states, each of which few words reach,
/// keep only their trie edges and a failure link, so the whole automaton stays small enough for the
/// caches. A target with outputs is stored as its bitwise not, so the scan tests one sign.
struct Automaton: Sendable {
    /// One state: its dense row (or -1), its trie edges in ``edges``, its failure state.
    struct Node: Sendable {
        var row: Int32
        var edgeStart: Int32
        var edgeEnd: Int32
        var fail: Int32
    }

    /// States shallower than this get dense rows (reason: the root, the space and the first two letters
    /// of every word are read for every word of every text).
    static let denseDepth = 4

    /// Byte → class.
    let classes: [UInt8]
    let classCount: Int
    /// States `0 ..< denseCount` have dense rows (`dense[state * classCount + class]`).
    let denseCount: Int
    let nodes: [Node]
    /// Dense rows: `dense[row + class]` is the next state (`~state` when it has outputs).
    let dense: [Int32]
    /// Trie edges of sparse states: class in the top 8 bits, target state (or `~target`) below.
    let edges: [UInt32]
    /// Outputs of state `s`: `outputs[outputStart[s] ..< outputStart[s + 1]]` (pattern indices).
    let outputStart: [Int32]
    let outputs: [Int32]

    /// Compiles `patterns` (normalized bytes, each starting with a space). Pattern `i` is reported as output `i`.
    init(patterns: [[UInt8]]) {
        var used = [Bool](repeating: false, count: 256)
        for p in patterns { for b in p { used[Int(b)] = true } }
        var classes = [UInt8](repeating: 0, count: 256)
        var c = 1
        for b in 0..<256 where used[b] && c < 255 { classes[b] = UInt8(c); c += 1 }
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
                    children[s].append((cls, t)); children.append([]); own.append([]); depth.append(depth[s] + 1)
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
            let s = order[head]; head += 1
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
        // States renumbered in breadth-first order: the dense ones (depth < denseDepth) come first,
        // so that a dense state's row is its number times the class count, with no lookup.
        var id = [Int32](repeating: 0, count: states)
        for (j, old) in order.enumerated() { id[old] = Int32(j) }
        func encode(_ t: Int32) -> Int32 { merged[Int(t)].isEmpty ? id[Int(t)] : ~id[Int(t)] }
        let denseCount = order.firstIndex { depth[$0] >= Self.denseDepth } ?? states
        var nodes = [Node](repeating: Node(row: -1, edgeStart: 0, edgeEnd: 0, fail: 0), count: states)
        var dense = [Int32](repeating: 0, count: denseCount * k)
        var edges: [UInt32] = []
        var start = [Int32](repeating: 0, count: states + 1)
        var flat: [Int32] = []
        for (j, s) in order.enumerated() {
            start[j] = Int32(flat.count); flat += merged[s]
            nodes[j].fail = id[Int(fail[s])]
            nodes[j].edgeStart = Int32(edges.count)
            for (cls, t) in children[s] { edges.append(UInt32(cls) << 24 | (UInt32(bitPattern: encode(t)) & 0x00FF_FFFF)) }
            nodes[j].edgeEnd = Int32(edges.count)
            guard j < denseCount else { continue }
            nodes[j].row = Int32(j * k)
            for cls in 0..<k {
                var f = s
                var target: Int32 = 0
                while true {  // the trie edge, else the failure chain's (shallower states first)
                    if let e = children[f].first(where: { $0.cls == cls }) { target = encode(e.to); break }
                    if f == 0 { break }
                    f = Int(fail[f])
                }
                dense[j * k + cls] = target
            }
        }
        start[states] = Int32(flat.count)
        self.classes = classes
        self.classCount = k
        self.denseCount = denseCount
        self.nodes = nodes
        self.dense = dense
        self.edges = edges
        self.outputStart = start
        self.outputs = flat
    }

    /// Scans `text`, calling `hit(state, end)` (end exclusive) whenever a state with outputs is reached.
    ///
    /// Every pattern starts with a space (the normalizer puts one before every word), so from the root only
    /// a space leads anywhere: in the root state the scan skips straight to the next space.
    @inline(__always)
    func scan(_ text: UnsafeBufferPointer<UInt8>, _ hit: (Int, Int) -> Void) {
        guard let p = text.baseAddress else { return }
        let n = text.count
        let k = classCount
        nodes.withUnsafeBufferPointer { nodes in
        dense.withUnsafeBufferPointer { dense in
        edges.withUnsafeBufferPointer { edges in
        classes.withUnsafeBufferPointer { cls in
            var s = 0, i = 0
            while i < n {
                if s == 0 {
                    i = Self.nextSpace(p, i, n)
                    if i == n { return }
                }
                let c = UInt32(cls[Int(p[i])])
                i += 1
                var t: Int32 = 0
                while true {
                    if s < denseCount { t = dense[s &* k &+ Int(c)]; break }
                    let node = nodes[s]
                    var e = Int(node.edgeStart)
                    let end = Int(node.edgeEnd)
                    var found = false
                    while e < end {
                        let edge = edges[e]
                        if edge >> 24 == c {
                            let raw = edge & 0x00FF_FFFF
                            t = raw & 0x0080_0000 != 0 ? Int32(bitPattern: raw | 0xFF00_0000) : Int32(raw)
                            found = true
                            break
                        }
                        e += 1
                    }
                    if found { break }
                    s = Int(node.fail)
                }
                if t < 0 {
                    s = Int(~t)
                    hit(s, i)
                } else {
                    s = Int(t)
                }
            }
        }
        }
        }
        }
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
            + outputStart.count * 4 + outputs.count * 4 + classes.count
    }

    /// Number of states.
    var stateCount: Int { nodes.count }
}
