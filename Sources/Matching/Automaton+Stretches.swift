extension Automaton {
    /// Texts shorter than this take the word-skipping scan (reason: cutting them costs more than it saves).
    static let stretchMinimum = 256

    /// Scans a text when every state has a dense row: one table read per byte, in four stretches at once.
    ///
    /// Each step of one stretch waits for its table read; four independent stretches (as many as keep their
    /// states, pointers and tables in registers) let the core overlap the reads.
    /// The text is cut at spaces into four stretches, each scanned from the root. Patterns start with a
    /// space, so the scan of a stretch finds every pattern that starts in it, provided it reads on past its
    /// end until its state is no deeper than what it has read past the end (then every pattern still in
    /// progress starts in the next stretch, which finds it); hits past its end count only for patterns
    /// starting before it. Reports are in text order within a stretch only (the caller sorts them).
    @inline(__always)
    func scanDense(
        _ p: UnsafePointer<UInt8>, _ n: Int, _ dense: UnsafeBufferPointer<Int32>,
        _ cls: UnsafeBufferPointer<UInt8>, _ depths: UnsafeBufferPointer<UInt16>,
        _ hit: (_ state: Int, _ end: Int, _ startBelow: Int) -> Void
    ) {
        let k = classCount
        var cut = (0, 0, 0, 0, n)
        cut.1 = Self.nextSpace(p, n / 4, n)
        cut.2 = Self.nextSpace(p, max(cut.1, n / 2), n)
        cut.3 = Self.nextSpace(p, max(cut.2, 3 * n / 4), n)
        let len = min(cut.1 - cut.0, cut.2 - cut.1, cut.3 - cut.2, cut.4 - cut.3)
        @inline(__always) func settle(_ t: Int, _ i: Int, _ startBelow: Int) -> Int {
            if t >= 0 { return t }
            hit(~t / k, i &+ 1, startBelow)
            return ~t
        }
        @inline(__always) func step(_ s: inout Int, _ i: Int, _ startBelow: Int) {
            s = settle(Int(dense[s &+ Int(cls[Int(p[i])])]), i, startBelow)
        }
        guard let table = dense.baseAddress, let classOf = cls.baseAddress else { return }
        var states = (0, 0, 0, 0)
        var j = 0
        while true { // the four stretches side by side, stopping only to report outputs
            j = Self.lockstep((p + cut.0, p + cut.1, p + cut.2, p + cut.3), len, table, classOf, &states, from: j)
            if j >= len { break }
            states.0 = settle(states.0, cut.0 &+ j, Int.max)
            states.1 = settle(states.1, cut.1 &+ j, Int.max)
            states.2 = settle(states.2, cut.2 &+ j, Int.max)
            states.3 = settle(states.3, cut.3 &+ j, Int.max)
            j &+= 1
        }
        var (s0, s1, s2, s3) = states
        @inline(__always) func finish(_ s: inout Int, _ from: Int, _ end: Int) {
            var i = from &+ len
            while i < end {
                step(&s, i, Int.max)
                i &+= 1
            }
            while i < n, Int(depths[s / k]) > i - end {
                step(&s, i, end)
                i &+= 1
            } // patterns across the cut
        }
        finish(&s0, cut.0, cut.1)
        finish(&s1, cut.1, cut.2)
        finish(&s2, cut.2, cut.3)
        finish(&s3, cut.3, cut.4)
    }

    /// Steps four stretches side by side from offset `from` until `len`, or until a step reaches a state
    /// with outputs: then `states` hold that step's targets (negative where outputs) and its offset is
    /// returned. Apart, with nothing else live, so that the four states stay in registers.
    @inline(never)
    static func lockstep(
        _ text: (UnsafePointer<UInt8>, UnsafePointer<UInt8>, UnsafePointer<UInt8>, UnsafePointer<UInt8>),
        _ len: Int, _ table: UnsafePointer<Int32>, _ classOf: UnsafePointer<UInt8>,
        _ states: inout (Int, Int, Int, Int), from: Int
    ) -> Int {
        let (a0, a1, a2, a3) = text
        var (s0, s1, s2, s3) = states
        var j = from
        while j < len {
            s0 = Int(table[s0 &+ Int(classOf[Int(a0[j])])])
            s1 = Int(table[s1 &+ Int(classOf[Int(a1[j])])])
            s2 = Int(table[s2 &+ Int(classOf[Int(a2[j])])])
            s3 = Int(table[s3 &+ Int(classOf[Int(a3[j])])])
            if (s0 | s1 | s2 | s3) < 0 { break }
            j &+= 1
        }
        states = (s0, s1, s2, s3)
        return j
    }
}
