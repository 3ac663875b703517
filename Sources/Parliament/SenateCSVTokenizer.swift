/// Splits CSV bytes (UTF-8) into records, one pass: quoted fields with `""` escapes and embedded separators
/// or line breaks, LF or CRLF line ends, blank lines skipped. Each record carries the line it starts on.
struct SenateCSVTokenizer {
    /// One record, or a record that could not be read.
    enum Record {
        case fields(line: Int, [String])
        case unreadable(line: Int, reason: String)
    }

    /// A quoted field longer than this is taken as an unterminated quote: it bounds the cost of recovery.
    static let maxQuotedBytes = 65_536

    let bytes: [UInt8]
    let separator: UInt8
    private var i = 0
    private var line = 1

    init(bytes: [UInt8], separator: UInt8) {
        self.bytes = bytes
        self.separator = separator
    }

    /// The separator of a file: the most frequent of `;`, `|`, `,` on its first line (ties in that order).
    static func detectSeparator(_ b: [UInt8]) -> UInt8 {
        var counts: [UInt8: Int] = [0x3B: 0, 0x7C: 0, 0x2C: 0]
        var inQuotes = false
        for c in b {
            if c == 0x22 { inQuotes.toggle() }
            if !inQuotes, c == 0x0A { break }
            if !inQuotes, counts[c] != nil { counts[c, default: 0] += 1 }
        }
        var best: UInt8 = 0x3B
        for c: UInt8 in [0x3B, 0x7C, 0x2C] where counts[c, default: 0] > counts[best, default: 0] { best = c }
        return best
    }

    /// The next record, nil at the end.
    mutating func next() -> Record? {
        let n = bytes.count
        while i < n, bytes[i] == 0x0A || bytes[i] == 0x0D { // blank lines
            if bytes[i] == 0x0A { line += 1 }
            i += 1
        }
        guard i < n else { return nil }
        let start = i
        let startLine = line
        var fields: [String] = []
        var field: [UInt8] = []
        var atFieldStart = true
        while i < n {
            let c = bytes[i]
            if atFieldStart, c == 0x22 {
                atFieldStart = false
                i += 1
                guard readQuoted(into: &field) else { return recover(from: start, line: startLine) }
                continue
            }
            atFieldStart = false
            if c == separator {
                fields.append(String(decoding: field, as: UTF8.self))
                field.removeAll(keepingCapacity: true)
                atFieldStart = true
                i += 1
            } else if c == 0x0A || c == 0x0D {
                if c == 0x0D, i + 1 < n, bytes[i + 1] == 0x0A { i += 1 }
                i += 1
                line += 1
                break
            } else {
                field.append(c)
                i += 1
            }
        }
        fields.append(String(decoding: field, as: UTF8.self))
        return .fields(line: startLine, fields)
    }

    /// Reads a quoted field's content after its opening quote; false when the quote never closes.
    private mutating func readQuoted(into field: inout [UInt8]) -> Bool {
        let n = bytes.count
        var read = 0
        var newlines = 0
        while i < n, read < Self.maxQuotedBytes {
            let c = bytes[i]
            if c == 0x22 {
                if i + 1 < n, bytes[i + 1] == 0x22 {
                    field.append(0x22)
                    i += 2
                    read += 2
                    continue
                }
                i += 1
                line += newlines
                return true
            }
            if c == 0x0A { newlines += 1 }
            field.append(c)
            i += 1
            read += 1
        }
        return false
    }

    /// Skips an unreadable record: reading resumes on the line after the one it started on.
    private mutating func recover(from start: Int, line startLine: Int) -> Record {
        var j = start
        while j < bytes.count, bytes[j] != 0x0A { j += 1 }
        i = min(j + 1, bytes.count)
        line = startLine + 1
        return .unreadable(line: startLine, reason: "unterminated quoted field")
    }
}
