import Foundation

/// Splits an RSS author string into a name and an e-mail: `jane@example.org (Jane Doe)`, `Jane <jane@…>`.
enum AuthorText {
    /// The person an author string names.
    static func person(_ text: String) -> EntryReader.Person {
        guard let email = findEmail(text) else { return EntryReader.Person(name: text, email: nil) }
        var name = text.replacingOccurrences(of: email, with: "")
            .replacingOccurrences(of: "()", with: "").replacingOccurrences(of: "<>", with: "")
            .trimmingCharacters(in: .whitespaces)
        if name.hasPrefix("(") { name.removeFirst() }
        if name.hasSuffix(")") { name.removeLast() }
        name = name.trimmingCharacters(in: .whitespaces)
        return EntryReader.Person(name: name.isEmpty ? nil : name, email: email)
    }

    /// The first `local@domain.tld` in `text`.
    static func findEmail(_ text: String) -> String? {
        let scalars = Array(text.unicodeScalars)
        guard let at = scalars.firstIndex(of: "@") else { return nil }
        func isLocal(_ s: Unicode.Scalar) -> Bool {
            s.properties.isASCIIHexDigit
                || (s.isASCII && (s.properties.isAlphabetic || "_-.+".unicodeScalars.contains(s)))
                || ("0"..."9").contains(s)
        }
        func isDomain(_ s: Unicode.Scalar) -> Bool {
            s.isASCII && (s.properties.isAlphabetic || ("0"..."9").contains(s) || s == "-" || s == ".")
        }
        var start = at
        while start > 0, isLocal(scalars[start - 1]) { start -= 1 }
        var end = at + 1
        while end < scalars.count, isDomain(scalars[end]) { end += 1 }
        while end > at + 1, scalars[end - 1] == "." { end -= 1 }
        guard start < at, end > at + 1, scalars[(at + 1)..<end].contains(".") else { return nil }
        var out = String.UnicodeScalarView()
        out.append(contentsOf: scalars[start..<end])
        return String(out)
    }
}
