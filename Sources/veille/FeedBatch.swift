import Foundation
import Syndication
import VeilleCore

/// `veille feed --batch`: one JSON line per feed file, the contract documented by `feed_eval.py`.
///
/// `{"file", "feed": {"title", "link", "language"}, "entries": [{"id", "title", "link", "published",
/// "updated", "author", "summary_text", "content_text"}]}`, dates as UTC `YYYY-MM-DDTHH:MM:SSZ`, and on
/// failure `{"file", "error", "feed": {}, "entries": []}`.
public enum FeedBatch {
    /// One JSON line (no newline) for the feed file at `path`; never throws, never crashes.
    ///
    /// - Parameter path: the path exactly as received; echoed in `"file"`.
    /// - Returns: the contract's object for that file, or its error object.
    public static func line(forPath path: String) -> String {
        var w = JSONLineWriter()
        write(forPath: path, into: &w)
        return w.result
    }

    /// Appends the JSON line for the feed file at `path`, and a newline, to `out`; never throws.
    ///
    /// The batch command's path: the line goes straight into a reused byte buffer, no `String` in between.
    public static func appendLine(forPath path: String, to out: inout [UInt8]) {
        var w = JSONLineWriter(appendingTo: out)
        out = []
        write(forPath: path, into: &w)
        w.byte(0x0A)
        out = w.take()
    }

    static func write(forPath path: String, into w: inout JSONLineWriter) {
        guard let bytes = readFile(path) else {
            return writeError(path, "cannot read the file", into: &w)
        }
        do {
            let feed = try FeedParser.parse(bytes)
            write(path, feed, into: &w)
        } catch let error as FeedError {
            writeError(path, error.description, into: &w)
        } catch {
            writeError(path, "\(error)", into: &w)
        }
    }

    /// The whole file, read with one `read(2)` per chunk straight into the array (no `Data` detour).
    static func readFile(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        var out = [UInt8](repeating: 0, count: Int(info.st_size))
        var filled = 0
        while filled < out.count {
            let n = out.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return read(fd, base + filled, buffer.count - filled)
            }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { break }
            filled += n
        }
        return filled == out.count ? out : Array(out[..<filled])
    }

    /// The contract line for a parsed feed.
    static func line(_ path: String, _ feed: ParsedFeed) -> String {
        var w = JSONLineWriter()
        write(path, feed, into: &w)
        return w.result
    }

    static func write(_ path: String, _ feed: ParsedFeed, into w: inout JSONLineWriter) {
        w.raw("{\"file\":")
        w.string(path)
        w.raw(",\"feed\":{\"title\":")
        w.optional(feed.title)
        w.raw(",\"link\":")
        w.optional(feed.link)
        w.raw(",\"language\":")
        w.optional(feed.language)
        w.raw("},\"entries\":[")
        for (i, e) in feed.entries.enumerated() {
            if i > 0 { w.raw(",") }
            w.raw("{\"id\":")
            w.optional(e.id)
            w.raw(",\"title\":")
            w.optional(e.title)
            w.raw(",\"link\":")
            w.optional(e.link)
            w.raw(",\"published\":")
            w.date(e.published)
            w.raw(",\"updated\":")
            w.date(e.updated)
            w.raw(",\"author\":")
            w.optional(e.author)
            w.raw(",\"summary_text\":")
            w.optional(e.summaryText)
            w.raw(",\"content_text\":")
            w.optional(e.contentText)
            w.raw("}")
        }
        w.raw("]}")
    }

    static func writeError(_ path: String, _ message: String, into w: inout JSONLineWriter) {
        w.raw("{\"file\":")
        w.string(path)
        w.raw(",\"error\":")
        w.string(message)
        w.raw(",\"feed\":{},\"entries\":[]}")
    }
}
