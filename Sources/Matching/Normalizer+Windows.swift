extension Normalizer {
    /// Normalized bytes read past a span's end before a window stops (reason: an elision rewrites at most
    /// the six bytes before its apostrophe, so what lies this far behind the output is final).
    static let windowMargin = 16

    /// Records in `norm.anchors` the anchors of the windows around `spans` (normalized `start ..< end`,
    /// sorted by start), by normalizing again, with anchors, only from the checkpoint before each span to a
    /// little past its end.
    ///
    /// A span that starts before the window in progress has reached extends that window instead of opening
    /// one, so no byte is normalized twice here: on text dense with hits the cost is at most one more pass,
    /// on ordinary text a few hundred bytes per hit. The windows produce the bytes of the first pass, so
    /// their anchors are the ones a whole anchored pass records over them.
    static func mapWindows(_ norm: inout NormalizedText, _ original: OriginalText, spans: [(start: Int, end: Int)]) {
        guard !spans.isEmpty, !norm.checkpoints.isEmpty else { return }
        let checkpoints = norm.checkpoints
        var st = State()
        st.anchors = []
        st.anchors.reserveCapacity(spans.count * 8)
        var field = -1
        var i = 0
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: norm.bytes.count + 64) { scratch in
            guard let out = scratch.baseAddress else { return }
            ascii.withUnsafeBufferPointer { table in
                for span in spans {
                    let target = span.end + windowMargin
                    if field >= 0, span.start < st.n {
                        if target > st.n {
                            i = run(
                                original.fields[field], from: i, base: original.bases[field], out, &st, table,
                                stopAt: target)
                        }
                        continue
                    }
                    // The last checkpoint at or before the span's start.
                    var lo = 0
                    var hi = checkpoints.count - 1
                    while lo < hi {
                        let mid = (lo + hi + 1) / 2
                        if Int(checkpoints[mid].norm) <= span.start { lo = mid } else { hi = mid - 1 }
                    }
                    let c = checkpoints[lo]
                    let k = original.field(starting: Int(c.orig))
                    if field != k || Int(c.norm) > st.n { // a new window from the checkpoint
                        field = k
                        i = Int(c.orig) - original.bases[k]
                        st.n = Int(c.norm)
                        st.lastSep = true
                        out[st.n - 1] = 0x20
                        st.anchors.append(c)
                        st.delta = Int(c.orig) - Int(c.norm)
                    }
                    i = run(
                        original.fields[field], from: i, base: original.bases[field], out, &st, table, stopAt: target)
                }
            }
        }
        norm.anchors = st.anchors
    }
}
