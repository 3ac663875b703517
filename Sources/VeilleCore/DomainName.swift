import Foundation

/// Domain names as the watchlist lists them and as links carry them: one comparable ASCII form.
///
/// The form is lower case, without a trailing dot, each non-ASCII label in its IDNA `xn--` Punycode form
/// (RFC 3492), so `пример.рф` and `xn--e1afmkfd.xn--p1ai` are the same key. This is a practical subset of
/// IDNA (NFC and lower case, no full UTS #46 mapping): enough to make both spellings of a campaign's domain
/// meet, never a reason to refuse a link.
public enum DomainName {
    /// The label separators IDNA accepts: full stop, ideographic, fullwidth and halfwidth full stops.
    static let separators: Set<Character> = [".", "。", "．", "｡"]

    /// The ASCII form of a host or listed domain, or nil when it is not a usable name.
    ///
    /// - Parameter raw: a host (`www.Example.org`, `пример.рф`, `xn--e1afmkfd.xn--p1ai.`).
    /// - Returns: the lower-case ASCII form, or nil (empty, a label too long, a character a host cannot
    ///   have, more than 253 bytes).
    public static func ascii(_ raw: String) -> String? {
        var s = Substring(raw.trimmingCharacters(in: .whitespacesAndNewlines))
        while let last = s.last, separators.contains(last) { s = s.dropLast() }
        guard !s.isEmpty else { return nil }
        if s.utf8.allSatisfy({ $0 < 0x80 }) {
            let lower = s.lowercased()
            return isASCIIHost(lower) ? lower : nil
        }
        var labels: [String] = []
        for part in s.split(omittingEmptySubsequences: false, whereSeparator: { separators.contains($0) }) {
            let label = part.lowercased().precomposedStringWithCanonicalMapping
            if label.utf8.allSatisfy({ $0 < 0x80 }) {
                labels.append(label)
            } else {
                guard label.unicodeScalars.allSatisfy(isLabelScalar), let p = Punycode.encode(label) else {
                    return nil
                }
                labels.append("xn--" + p)
            }
        }
        let out = labels.joined(separator: ".")
        return isASCIIHost(out) ? out : nil
    }

    /// The Unicode form of an ASCII host, for display (`xn--e1afmkfd.xn--p1ai` → `пример.рф`).
    public static func unicode(_ ascii: String) -> String {
        ascii.split(separator: ".", omittingEmptySubsequences: false).map { label in
            if label.hasPrefix("xn--"), let u = Punycode.decode(String(label.dropFirst(4))) { return u }
            return String(label)
        }.joined(separator: ".")
    }

    /// Restores a defanged domain (`rrussianews[.]com`, `example(.)org`, `example[dot]org`).
    public static func refang(_ s: String) -> String {
        s.replacingOccurrences(of: "[.]", with: ".").replacingOccurrences(of: "(.)", with: ".")
            .replacingOccurrences(of: "[dot]", with: ".").replacingOccurrences(of: "{.}", with: ".")
    }

    /// Whether `s` (ASCII, lower case) is a host name: labels of 1–63 letters, digits, `-` or `_`, not
    /// starting or ending with `-`, 253 bytes at most.
    static func isASCIIHost(_ s: String) -> Bool {
        guard s.utf8.count <= 253 else { return false }
        for label in s.utf8.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false) {
            guard (1...63).contains(label.count), label.first != UInt8(ascii: "-"), label.last != UInt8(ascii: "-")
            else { return false }
            for b in label {
                switch b {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"),
                    UInt8(ascii: "_"):
                    continue
                default: return false
                }
            }
        }
        return true
    }

    static func isLabelScalar(_ u: Unicode.Scalar) -> Bool {
        u.properties.isAlphabetic || u.properties.numericType != nil || u == "-" || u.properties.isDiacritic
            || u.properties.generalCategory == .nonspacingMark || u.properties.generalCategory == .spacingMark
    }
}
