import Foundation

/// Question page URLs and references (`qSEQ{YY}{MM}{NUM}`).
public enum SenateURL {
    /// Two-digit years from this value on are read as 19YY (the Sénat base starts in 1978).
    static let centuryPivot = 70

    /// The page URL of a question: `base` + `{YYYY}/qSEQ{YY}{MM}{NUM}.html`.
    ///
    /// - Parameters:
    ///   - base: the `pages` base URL of the source (a trailing slash is added when missing).
    ///   - reference: `qSEQ231109012`, `qSEQ23100827S`, `qSEQ23030327G`.
    /// - Returns: nil when the reference is not of that form.
    public static func page(base: String, reference: String) -> String? {
        guard isReference(reference) else { return nil }
        let chars = Array(reference)
        guard let yy = Int(String(chars[4...5])) else { return nil }
        let year = (yy >= centuryPivot ? 1900 : 2000) + yy
        let root = base.hasSuffix("/") ? base : base + "/"
        return "\(root)\(year)/\(reference).html"
    }

    /// The CSV's `URL Question`, only when it lies under `base` (same scheme, host and path prefix).
    ///
    /// - Returns: the URL, or nil when it is absent, malformed or elsewhere (then ``page(base:reference:)``).
    public static func usable(csvURL: String?, base: String) -> String? {
        guard let raw = csvURL?.trimmingCharacters(in: .whitespaces), !raw.isEmpty,
            let url = URLComponents(string: raw), let root = URLComponents(string: base),
            let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https",
            scheme == root.scheme?.lowercased(),
            let host = url.host?.lowercased(), host == root.host?.lowercased(), url.port == root.port,
            url.user == nil, !url.path.split(separator: "/").contains("..")
        else { return nil }
        let prefix = root.path.hasSuffix("/") ? root.path : root.path + "/"
        return url.path.hasPrefix(prefix) ? raw : nil
    }

    /// True for `qSEQ` + 4 digits (YYMM) + 5 digits, or 4 digits and `S`/`G`.
    public static func isReference(_ s: String) -> Bool {
        let c = Array(s.utf8)
        guard c.count == 13, s.hasPrefix("qSEQ") else { return false }
        let digits = c[4..<12].allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
        let last = c[12]
        return digits && ((last >= 0x30 && last <= 0x39) || last == 0x53 || last == 0x47)
    }

    /// The number a reference carries, as printed: `qSEQ231109012` → `09012`, `qSEQ23100827S` → `0827S`.
    public static func number(of reference: String) -> String? {
        isReference(reference) ? String(reference.suffix(5)) : nil
    }

    /// The reference in a URL or path: its file name (`…/qSEQ231109012.html`) or an `id=` parameter.
    static func reference(in raw: String?) -> String? {
        guard let raw, !raw.isEmpty else { return nil }
        if let r = raw.range(of: "qSEQ", options: .backwards) {
            let candidate = String(raw[r.lowerBound...].prefix(13))
            if isReference(candidate) { return candidate }
        }
        return nil
    }
}
