extension Automaton {
    /// Texts shorter than this are scanned in one stretch (reason: splitting costs more than it saves).
    static let stretchMinimum = 256
    /// Stretches scanned at once (reason: each step of one stretch waits for its table read; four
    /// independent stretches keep the core busy while they are in flight).
    static let stretchCount = 4

    /// Scans a text when every state has a dense row: one table read per byte, in four stretches at once.
    ///
    /// The text is cut at spaces into four stretches, each scanned from the root. Patterns start with a
    /// space, so the scan of a stretch finds every pattern that starts in it, provided it reads on past its
    /// end until its state is no deeper than what it has read past the end (then every pattern still in
    /// progress starts in the next stretch, which finds it); hits past its end count only for patterns
    /// starting before it. Reports come stretch by stretch, each in text order.
    @inline(__always)
    func scanDense(_ p: UnsafePointer<UInt8>, _ n: Int, _ dense: UnsafeBufferPointer<Int32>,
                   _ cls: UnsafeBufferPointer<UInt8>, _ depths: UnsafeBufferPointer<UInt16>,
                   _ hit: (_ state: Int, _ end: Int, _ startBelow: Int) -> Void) {
        let k = classCount
        var cut = (0, 0, 0, 0, n)
        cut.1 = Self.nextSpace(p, n / 4, n)
        cut.2 = Self.nextSpace(p, max(cut.1, n / 2), n)
        cut.3 = Self.nextSpace(p, max(cut.2, 3 * n / 4), n)
        let len = min(cut.1 - cut.0, cut.2 - cut.1, cut.3 - cut.2, cut.4 - cut.3)
        var s0 = 0, s1 = 0, s2 = 0, s3 = 0
        @inline(__always) func step(_ s: inout Int, _ i: Int, _ startBelow: Int) {
            let t = Int(dense[s &+ Int(cls[Int(p[i])])])
            if t < 0 {
                s = ~t
                hit(s / k, i &+ 1, startBelow)
            } else {
                s = t
            }
        }
        var j = 0
        while j < len {  // the four stretches side by side
            step(&s0, cut.0 &+ j, Int.max)
            step(&s1, cut.1 &+ j, Int.max)
            step(&s2, cut.2 &+ j, Int.max)
            step(&s3, cut.3 &+ j, Int.max)
            j &+= 1
        }
        @inline(__always) func finish(_ s: inout Int, _ from: Int, _ end: Int) {
            var i = from &+ len
            while i < end { step(&s, i, Int.max); i &+= 1 }
            while i < n, Int(depths[s / k]) > i - end { step(&s, i, end); i &+= 1 }  // patterns across the cut
        }
        finish(&s0, cut.0, cut.1)
        finish(&s1, cut.1, cut.2)
        finish(&s2, cut.2, cut.3)
        finish(&s3, cut.3, cut.4)
    }
}
