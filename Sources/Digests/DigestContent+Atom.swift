import Foundation
import VeilleCore

extension DigestContent {
    /// Entries an Atom digest keeps (a bound on the file; a reader polling daily never misses one).
    public static let atomEntryLimit = 500

    /// The digest as an Atom 1.0 feed (RFC 4287, https://www.rfc-editor.org/rfc/rfc4287): one entry per
    /// listed item, newest first, near-duplicates folded into their first occurrence. Entry ids are stable
    /// (`urn:veille:digest:<digest>:delta:<delta id>`), so a subscribed reader never shows an entry twice.
    /// Untrusted text stays whole: XML-escaped, only the characters XML 1.0 forbids are dropped.
    public func atom(updated: Date) -> String {
        let id = digest ?? "adhoc"
        var seen = Set<Int64>()
        var entries: [(DigestItem, [String])] = []
        var index: [Int64: Int] = [:]
        for s in sections {
            for item in s.items {
                if let i = index[item.delta.id] {
                    entries[i].1.append(s.title)
                } else if seen.insert(item.delta.id).inserted {
                    index[item.delta.id] = entries.count
                    entries.append((item, [s.title]))
                }
            }
        }
        entries.sort { $0.0.delta.id > $1.0.delta.id }
        var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
        out += "  <id>urn:veille:digest:\(Self.xml(id))</id>\n"
        out += "  <title>veille digest \(Self.xml(id))</title>\n"
        out += "  <updated>\(Timestamp.iso(updated))</updated>\n"
        out += "  <author><name>veille</name></author>\n"
        out += "  <generator>veille</generator>\n"
        for (item, sectionTitles) in entries.prefix(Self.atomEntryLimit) {
            out += "  <entry>\n"
            out += "    <id>urn:veille:digest:\(Self.xml(id)):delta:\(item.delta.id)</id>\n"
            out +=
                "    <title type=\"text\">" + Self.xml("[\(item.delta.kind)] " + (item.delta.title ?? "(untitled)"))
                + "</title>\n"
            if let u = DigestText.safeURL(item.link) {
                out += "    <link rel=\"alternate\" href=\"" + Self.xml(u) + "\"/>\n"
            }
            for d in item.duplicates {
                if let u = DigestText.safeURL(d.canonicalURL ?? d.url) {
                    out +=
                        "    <link rel=\"related\" href=\"" + Self.xml(u) + "\" title=\"" + Self.xml(d.source)
                        + "\"/>\n"
                }
            }
            out += "    <updated>\(Timestamp.iso(item.delta.at))</updated>\n"
            if let p = item.delta.published { out += "    <published>\(Timestamp.iso(p))</published>\n" }
            out += "    <author><name>" + Self.xml(item.delta.source) + "</name></author>\n"
            for t in sectionTitles { out += "    <category term=\"" + Self.xml(t) + "\"/>\n" }
            out +=
                "    <content type=\"html\">" + Self.xml(Self.htmlItem(item, detailed: true, messages)) + "</content>\n"
            out += "  </entry>\n"
        }
        out += "</feed>\n"
        return out
    }

    /// XML text and attribute escaping; characters XML 1.0 forbids are dropped, CR kept as `&#13;`.
    static func xml(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\r": out += "&#13;"
            case "\n": out += "&#10;"
            case "\t": out += "&#9;"
            default:
                let v = u.value
                if v < 0x20 || v == 0xFFFE || v == 0xFFFF { continue }
                out.unicodeScalars.append(u)
            }
        }
        return out
    }
}
