import Foundation
import Markup

/// Step 4: what a page says about itself, gathered in one pass over its elements — `<meta>` values
/// (OpenGraph, Dublin Core, Twitter, Parse.ly, `itemprop`), `<title>`, headings, the canonical link, the
/// language, JSON-LD scripts, `<time>` elements and French "Publié le … / Mis à jour le …" lines.
struct PageMetadata {
    /// `<meta>` values by normalised key (`og:title`, `description`, `article:published_time`); last one wins.
    var meta: [String: String] = [:]
    var documentTitle = ""
    var h1: [String] = []
    var h2: [String] = []
    var language: String?
    var canonical: String?
    var jsonLD: [String] = []
    var timeValues: [String] = []
    var itemprop: [String: String] = [:]
    var frenchDateLines: [String] = []
    var bylineLines: [String] = []

    /// Lines longer than this are prose, not a dateline or a byline.
    static let maxLineBytes: Int32 = 240

    init(model: PageModel) {
        let tree = model.tree
        let n = tree.nodes.count
        var i = 1
        while i < n {
            let node = tree.nodes[i]
            if node.kind == .text {
                if node.count <= PageMetadata.maxLineBytes, frenchDateLines.count < 6 || bylineLines.count < 3 {
                    let candidate = tree.bytes.withUnsafeBufferPointer { buf in
                        let line = buf[Int(node.start)..<Int(node.start + node.count)]
                        return PageMetadata.isCandidateLine(UnsafeBufferPointer(rebasing: line))
                    }
                    if candidate { readLine(tree, i) }
                }
                i += 1
                continue
            }
            switch node.tag {
            case .html: if language == nil { language = tree.attributeString(i, "lang").map(TextTools.collapse) }
            case .title: if documentTitle.isEmpty { documentTitle = TextTools.collapse(tree.text(i)) }
            case .meta: readMeta(tree, i)
            case .link:
                if canonical == nil, model.attribute(i, "rel", equals: "canonical") {
                    canonical = tree.attributeString(i, "href")
                }
            case .script: jsonLD.append(tree.text(i))
            case .time:
                if timeValues.count < 4, let v = tree.attributeString(i, "datetime") { timeValues.append(v) }
            case .h1: if h1.count < 8 { h1.append(TextTools.collapse(tree.text(i))) }
            case .h2: if h2.count < 16 { h2.append(TextTools.collapse(tree.text(i))) }
            default: break
            }
            if node.count > 0, let prop = tree.attributeString(i, "itemprop"), node.tag != .meta {
                let key = prop.lowercased()
                if itemprop[key] == nil, key.hasPrefix("date") {
                    itemprop[key] =
                        tree.attributeString(i, "content") ?? tree.attributeString(i, "datetime")
                        ?? TextTools.collapse(tree.text(i))
                }
            }
            i += 1
        }
    }

    mutating func readMeta(_ tree: HTMLTree, _ i: Int) {
        guard let content = tree.attributeString(i, "content") else { return }
        let value = TextTools.collapse(content)
        guard !value.isEmpty else { return }
        for attr in [
            tree.attributeString(i, "property"), tree.attributeString(i, "name"), tree.attributeString(i, "itemprop"),
        ] {
            guard let raw = attr else { continue }
            // A property may list several keys ("og:title twitter:title").
            for piece in raw.split(separator: " ") {
                var key = piece.lowercased()
                if key.utf8.contains(0x2E) { key = key.replacingOccurrences(of: ".", with: ":") }
                if !key.isEmpty { meta[key] = value }
            }
        }
        if let equiv = tree.attributeString(i, "http-equiv"), equiv.lowercased() == "content-language" {
            meta["content-language"] = value
        }
    }

    /// Cheap filters on a text node's bytes before any String: "Par …", "By …", or a digit and a date word.
    static func isCandidateLine(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var s = 0
        while s < bytes.count, ClassMatcher.isSpace(bytes[s]) { s += 1 }
        guard s < bytes.count else { return false }
        func at(_ k: Int) -> UInt8 { s + k < bytes.count ? ClassMatcher.lower(bytes[s + k]) : 0 }
        if bytes.count < 120, (at(0) == 112 && at(1) == 97 && at(2) == 114) || (at(0) == 98 && at(1) == 121) {
            return true
        }
        var hasDigit = false
        for b in bytes where b >= 48 && b <= 57 {
            hasDigit = true
            break
        }
        return hasDigit && (contains(bytes, "ubli") || contains(bytes, " jour") || contains(bytes, "odifi"))
    }

    /// Short text lines that carry a French date or a "Par …" byline (``isCandidateLine(_:)`` ones only).
    mutating func readLine(_ tree: HTMLTree, _ i: Int) {
        let node = tree.nodes[i]
        let bytes = tree.bytes[Int(node.start)..<Int(node.start + node.count)]
        let text = TextTools.collapse(String(decoding: bytes, as: UTF8.self))
        let lower = text.lowercased()
        if frenchDateLines.count < 6,
            lower.contains("publié") || lower.contains("mis à jour") || lower.contains("mise à jour")
                || lower.contains("modifié le")
        {
            frenchDateLines.append(text)
        }
        if bylineLines.count < 3, text.count < 80, lower.hasPrefix("par ") || lower.hasPrefix("by ") {
            bylineLines.append(text)
        }
    }

    /// True when `needle` occurs in `hay` (bytes compared as they are).
    static func contains(_ hay: UnsafeBufferPointer<UInt8>, _ needle: StaticString) -> Bool {
        let count = needle.utf8CodeUnitCount
        let n = needle.utf8Start
        guard hay.count >= count else { return false }
        var s = 0
        while s + count <= hay.count {
            if hay[s] == n[0] {
                var k = 1
                while k < count, hay[s + k] == n[k] { k += 1 }
                if k == count { return true }
            }
            s += 1
        }
        return false
    }
}
