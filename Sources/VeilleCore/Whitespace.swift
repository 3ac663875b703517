/// Whitespace normalization for comparing titles and texts: runs of Unicode white space (U+00A0 included)
/// become one space, ends trimmed.
public func normalizeWhitespace(_ s: String?) -> String {
    guard let s else { return "" }
    var out = String.UnicodeScalarView()
    var pendingSpace = false
    for u in s.unicodeScalars {
        if u.properties.isWhitespace {
            pendingSpace = !out.isEmpty
        } else {
            if pendingSpace {
                out.append(" ")
                pendingSpace = false
            }
            out.append(u)
        }
    }
    return String(out)
}
