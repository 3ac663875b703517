import Foundation

/// Normalizes item URLs for identity: scheme and host lower-cased, the fragment and `utm_*` tracking
/// parameters dropped, default ports removed. Everything else (path case, other parameters, their order)
/// is kept, since publishers do use them to tell pages apart.
public enum URLNormalizer {
    /// The normalized form of `raw`, or the trimmed input when it is not an absolute URL.
    public static func normalize(_ raw: String) -> String {
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard var c = URLComponents(string: trimmed), let scheme = c.scheme, c.host != nil else { return trimmed }
        c.scheme = scheme.lowercased()
        c.host = c.host?.lowercased()
        c.fragment = nil
        if (c.scheme == "http" && c.port == 80) || (c.scheme == "https" && c.port == 443) { c.port = nil }
        if let items = c.percentEncodedQueryItems {
            let kept = items.filter { !$0.name.lowercased().hasPrefix("utm_") }
            c.percentEncodedQueryItems = kept.isEmpty ? nil : kept
        }
        if c.percentEncodedPath.isEmpty { c.percentEncodedPath = "/" }
        return c.string ?? trimmed
    }

    /// Resolves `link` against `base` (for relative item links); nil when it cannot be resolved.
    public static func resolve(_ link: String, against base: String?) -> String? {
        let t = link.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !t.isEmpty else { return nil }
        if let u = URL(string: t), u.scheme != nil { return t }
        guard let base, let b = URL(string: base), let r = URL(string: t, relativeTo: b) else { return nil }
        return r.absoluteString
    }
}
