import Foundation
import VeilleCore

#if canImport(Glibc)
    import Glibc
#endif

/// The table of `veille sources`, made to fit a terminal: short columns, relative times, and a source's last
/// error (and listing) on an indented line beneath it, cut to the width (`--json` has the full text).
enum SourcesTable {
    /// One source as the table shows it.
    struct Row {
        var id: String
        var kind: String
        var every: String
        var status: String
        var lastSuccess: String
        var next: String
        var items: Int
        var error: String?
        var listed: String?
    }

    static let header = ["ID", "KIND", "EVERY", "STATUS", "LAST OK", "NEXT", "ITEMS"]

    /// The table, no line wider than `width` except a row whose id alone does not fit.
    static func render(_ rows: [Row], width: Int) -> String {
        let cells = rows.map { r in [r.id, r.kind, r.every, r.status, r.lastSuccess, r.next, String(r.items)] }
        var widths = header.map(\.count)
        for c in cells { for (i, v) in c.enumerated() { widths[i] = max(widths[i], v.count) } }
        func line(_ c: [String]) -> String {
            c.enumerated().map { i, v in
                i == c.count - 1
                    ? String(repeating: " ", count: widths[i] - v.count) + v
                    : v.padding(toLength: widths[i], withPad: " ", startingAt: 0)
            }
            .joined(separator: "  ")
        }
        var out = [line(header)]
        for (r, c) in zip(rows, cells) {
            out.append(line(c))
            if let listed = r.listed { out.append(cut("    " + listed, width)) }
            if let error = r.error, !error.isEmpty {
                out.append(cut("    error: " + normalizeWhitespace(error), width))
            }
        }
        return out.joined(separator: "\n")
    }

    /// `text` cut to `width` characters, ending in `…` when cut.
    static func cut(_ text: String, _ width: Int) -> String {
        text.count <= width ? text : String(text.prefix(max(1, width - 1))) + "…"
    }

    /// The kind in a word: `feed`, `senate`, `assemblee`.
    static func kind(_ kind: SourceConfig.Kind) -> String {
        switch kind {
        case .feed: return "feed"
        case .senateQuestions: return "senate"
        case .assembleeQuestions: return "assemblee"
        }
    }

    /// `3h ago`, `-` for never.
    static func ago(_ date: Date?, now: Date) -> String {
        guard let date else { return "-" }
        return span(now.timeIntervalSince(date)) + " ago"
    }

    /// `in 5h`, `now` when due (or never crawled).
    static func until(_ date: Date?, now: Date) -> String {
        guard let date, date > now else { return "now" }
        return "in " + span(date.timeIntervalSince(now))
    }

    /// A duration in its largest whole unit: `45s`, `12m`, `5h`, `3d`.
    static func span(_ seconds: TimeInterval) -> String {
        let s = Int(max(0, seconds))
        if s < 60 { return "\(s)s" }
        if s < 3600 { return "\(s / 60)m" }
        if s < 86_400 { return "\(s / 3600)h" }
        return "\(s / 86_400)d"
    }

    /// The terminal's width when stdout is one, else `$COLUMNS`, else 80.
    static func width() -> Int {
        var size = winsize()
        if isatty(STDOUT_FILENO) == 1, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            return Int(size.ws_col)
        }
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns > 20 {
            return columns
        }
        return 80
    }
}
