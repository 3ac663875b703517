import Foundation

/// Small text helpers shared by the page and CSV readers.
enum SenateText {
    /// Collapses every run of white space (including no-break spaces) into one space and trims the ends.
    static func collapse<S: StringProtocol>(_ s: S) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for u in s.unicodeScalars {
            if isSpace(u) {
                pendingSpace = !out.isEmpty
            } else {
                if pendingSpace { out.append(" "); pendingSpace = false }
                out.append(u)
            }
        }
        return String(out)
    }

    /// The form markers are matched on: lower case, typographic apostrophes made straight.
    static func key(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for u in s.lowercased().unicodeScalars {
            switch u {
            case "\u{2019}", "\u{2018}", "\u{02BC}", "\u{00B4}": out.append("'")
            case "\u{2013}", "\u{2014}": out.append("-")
            case "\u{00BA}": out.append("°")   // "nº" written with the masculine ordinal
            default: out.append(u)
            }
        }
        return String(out)
    }

    /// Folds a CSV column name: lower case, accents and punctuation dropped (`Thème(s)` → `themes`).
    static func fold(_ s: String) -> String {
        let folded = s.lowercased().decomposedStringWithCanonicalMapping
        return String(String.UnicodeScalarView(folded.unicodeScalars.filter {
            ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9")
        }))
    }

    /// The first run of digits in `s`, as an Int.
    static func firstInt<S: StringProtocol>(_ s: S) -> Int? {
        let digits = s.drop(while: { !$0.isASCII || !$0.isNumber }).prefix(while: { $0.isASCII && $0.isNumber })
        return digits.isEmpty || digits.count > 9 ? nil : Int(digits)
    }

    /// Removes a leading article or preposition (`du `, `de la `, `au `, `à l'` …) from a ministry phrase.
    static func dropArticle(_ s: String, _ articles: [String]) -> String {
        let k = key(s)
        for a in articles where k.hasPrefix(a) {
            return String(s.dropFirst(a.count)).trimmingCharacters(in: .whitespaces)
        }
        return s
    }

    /// Trims spaces and a final period.
    static func trimmedPhrase(_ s: String) -> String? {
        var t = collapse(s)
        while t.hasSuffix(".") || t.hasSuffix(",") || t.hasSuffix(":") { t.removeLast() }
        t = t.trimmingCharacters(in: .whitespaces)
        return t.isEmpty ? nil : t
    }

    static func isSpace(_ u: Unicode.Scalar) -> Bool {
        switch u {
        case " ", "\t", "\n", "\r", "\u{0B}", "\u{0C}", "\u{A0}", "\u{2007}", "\u{202F}", "\u{2009}", "\u{200B}", "\u{FEFF}":
            return true
        default: return false
        }
    }
}
