/// A multi-pattern automaton over normalized bytes: Aho–Corasick compiled into a dense DFA.
///
/// Bytes are first mapped to classes (each byte some pattern uses gets its own class, every other byte
/// shares class 0), and each state has one transition per class, so a text byte costs two table reads
/// whatever the number of patterns. Transitions are stored pre-multiplied by the class count, and a
/// negative entry (bitwise not) means "the target state has outputs", so the scan loop tests one sign.
struct Automaton: Sendable {
    /// Byte → class.
    let classes: [UInt8]
    let classCount: Int
    /// `transitions[state * classCount + class]`: the next state pre-multiplied, `~next` when it has outputs.
    let transitions: [Int32]
    /// Outputs of state `s`: `outputs[outputStart[s] ..< outputStart[s + 1]]` (pattern indices).
    let outputStart: [Int32]
    let outputs: [Int32]

    /// Compiles `patterns` (normalized bytes, none empty). Pattern `i` is reported as output `i`.
    init(patterns: [[UInt8]]) {
        var used = [Bool](repeating: false, count: 256)
        for p in patterns { for b in p { used[Int(b)] = true } }
        var classes = [UInt8](repeating: 0, count: 256)
        var c = 1
        for b in 0..<256 where used[b] && c < 255 { classes[b] = UInt8(c); c += 1 }
        let k = c
        // The trie, dense from the start: -1 is "no edge".
        var goto: [Int32] = Array(repeating: -1, count: k)
        var own: [[Int32]] = [[]]
        for (index, p) in patterns.enumerated() {
            var s = 0
            for b in p {
                let slot = s * k + Int(classes[Int(b)])
                if goto[slot] < 0 {
                    goto[slot] = Int32(own.count)
                    own.append([])
                    goto.append(contentsOf: repeatElement(-1, count: k))
                }
                s = Int(goto[slot])
            }
            own[s].append(Int32(index))
        }
        let states = own.count
        // Breadth-first: failure links, merged outputs, and the missing edges filled from the failure state.
        var fail = [Int32](repeating: 0, count: states)
        var merged = own
        var queue: [Int] = []
        queue.reserveCapacity(states)
        for cls in 0..<k {
            if goto[cls] < 0 { goto[cls] = 0 } else { queue.append(Int(goto[cls])) }
        }
        var head = 0
        while head < queue.count {
            let s = queue[head]; head += 1
            for cls in 0..<k {
                let slot = s * k + cls
                let t = goto[slot]
                let viaFail = goto[Int(fail[s]) * k + cls]
                if t < 0 {
                    goto[slot] = viaFail
                } else {
                    fail[Int(t)] = viaFail
                    merged[Int(t)] += merged[Int(viaFail)]
                    queue.append(Int(t))
                }
            }
        }
        var start = [Int32](repeating: 0, count: states + 1)
        var flat: [Int32] = []
        for s in 0..<states { start[s] = Int32(flat.count); flat += merged[s] }
        start[states] = Int32(flat.count)
        self.transitions = goto.map { t in
            let next = Int(t)
            return merged[next].isEmpty ? Int32(next * k) : ~Int32(next * k)
        }
        self.classes = classes
        self.classCount = k
        self.outputStart = start
        self.outputs = flat
    }

    /// Scans `text`, calling `hit(state, end)` (end exclusive) whenever a state with outputs is reached.
    @inline(__always)
    func scan(_ text: UnsafeBufferPointer<UInt8>, _ hit: (Int, Int) -> Void) {
        transitions.withUnsafeBufferPointer { table in
            classes.withUnsafeBufferPointer { cls in
                var s = 0
                for i in 0..<text.count {
                    let t = table[s &+ Int(cls[Int(text[i])])]
                    if t < 0 {
                        s = Int(~t)
                        hit(s / classCount, i + 1)
                    } else {
                        s = Int(t)
                    }
                }
            }
        }
    }

    /// Bytes held by the compiled tables.
    var memoryBytes: Int {
        transitions.count * 4 + outputStart.count * 4 + outputs.count * 4 + classes.count
    }
}
