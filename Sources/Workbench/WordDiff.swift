/// A word diff between two texts: the longest common subsequence of their words, with the whitespace that
/// follows each word kept: joining the common and inserted segments gives back the new text, the common and
/// deleted ones the old text's words (common words carry the new text's spacing). Deletions come first.
///
/// Equal words at both ends are trimmed first (an edit usually touches a few sentences); the middle is
/// compared by dynamic programming over word ids when it is at most ``maxCells`` cells, else shown as one
/// deletion and one insertion (never quadratic beyond that bound).
public enum WordDiff {
    /// What a segment is: common to both texts, only in the old one, or only in the new one.
    public enum Op: String, Sendable, Encodable { case same, deleted, inserted }

    /// A run of words with the same op.
    public struct Segment: Sendable, Equatable, Encodable {
        public var op: Op
        public var text: String
        /// For templates (which see stored properties only): one flag per op.
        let same: Bool
        let deleted: Bool
        let inserted: Bool

        init(op: Op, text: String) {
            self.op = op
            self.text = text
            same = op == .same
            deleted = op == .deleted
            inserted = op == .inserted
        }

        enum CodingKeys: String, CodingKey { case op, text }
    }

    /// Bound on the comparison table (reason: 4 M cells of 4 bytes = 16 MB, a few ms; beyond, a rewrite).
    static let maxCells = 4_000_000

    /// The segments turning `old` into `new`.
    public static func diff(_ old: String, _ new: String) -> [Segment] {
        let a = tokens(old)
        let b = tokens(new)
        var ids: [Substring: Int32] = [:]
        func id(_ t: Substring) -> Int32 {
            let word = t.prefix { !$0.isWhitespace }
            if let v = ids[word] { return v }
            let v = Int32(ids.count)
            ids[word] = v
            return v
        }
        let ia = a.map(id)
        let ib = b.map(id)
        var prefix = 0
        while prefix < ia.count, prefix < ib.count, ia[prefix] == ib[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < ia.count - prefix, suffix < ib.count - prefix,
            ia[ia.count - 1 - suffix] == ib[ib.count - 1 - suffix]
        {
            suffix += 1
        }
        var out: [(Op, Substring)] = b[..<prefix].map { (.same, $0) }
        let ma = Array(prefix..<(ia.count - suffix))
        let mb = Array(prefix..<(ib.count - suffix))
        if ma.count * mb.count <= maxCells && !ma.isEmpty && !mb.isEmpty {
            let n = ma.count
            let m = mb.count
            var table = [Int32](repeating: 0, count: (n + 1) * (m + 1))
            for i in stride(from: n - 1, through: 0, by: -1) {
                for j in stride(from: m - 1, through: 0, by: -1) {
                    table[i * (m + 1) + j] =
                        ia[ma[i]] == ib[mb[j]]
                        ? table[(i + 1) * (m + 1) + j + 1] + 1
                        : max(table[(i + 1) * (m + 1) + j], table[i * (m + 1) + j + 1])
                }
            }
            var i = 0
            var j = 0
            while i < n || j < m {
                if i < n, j < m, ia[ma[i]] == ib[mb[j]] {
                    out.append((.same, b[mb[j]]))
                    i += 1
                    j += 1
                } else if i < n, j == m || table[(i + 1) * (m + 1) + j] >= table[i * (m + 1) + j + 1] {
                    out.append((.deleted, a[ma[i]]))
                    i += 1
                } else {
                    out.append((.inserted, b[mb[j]]))
                    j += 1
                }
            }
        } else {
            out += ma.map { (.deleted, a[$0]) }
            out += mb.map { (.inserted, b[$0]) }
        }
        out += b[(ib.count - suffix)...].map { (.same, $0) }
        var segments: [Segment] = []
        for (op, text) in out {
            if let last = segments.last, last.op == op {
                segments[segments.count - 1].text += text
            } else {
                segments.append(Segment(op: op, text: String(text)))
            }
        }
        return segments
    }

    /// Words, each with the whitespace after it; leading whitespace is its own token.
    static func tokens(_ s: String) -> [Substring] {
        var out: [Substring] = []
        var start = s.startIndex
        var i = s.startIndex
        var inSpace = false
        while i < s.endIndex {
            let space = s[i].isWhitespace
            if !space && inSpace && i > start {
                out.append(s[start..<i])
                start = i
            }
            inSpace = space
            i = s.index(after: i)
        }
        if start < s.endIndex { out.append(s[start...]) }
        return out
    }
}
