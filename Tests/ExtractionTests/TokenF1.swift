import Foundation

/// The token F1 of `shared/tools/extract_eval.py`: NFKC, case-folded, `\w+` tokens, bag overlap.
enum TokenF1 {
    static func tokens(_ text: String) -> [String] {
        let folded = text.precomposedStringWithCompatibilityMapping.lowercased()
        var out: [String] = []
        var current = String.UnicodeScalarView()
        func isWord(_ u: Unicode.Scalar) -> Bool {
            if u == "_" { return true }
            switch u.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                .decimalNumber, .letterNumber, .otherNumber:
                return true
            default: return false
            }
        }
        for u in folded.unicodeScalars {
            if isWord(u) {
                current.append(u)
            } else if !current.isEmpty {
                out.append(String(current))
                current = .init()
            }
        }
        if !current.isEmpty { out.append(String(current)) }
        return out
    }

    static func f1(gold: String, predicted: String) -> Double {
        var g: [String: Int] = [:]
        var p: [String: Int] = [:]
        for t in tokens(gold) { g[t, default: 0] += 1 }
        for t in tokens(predicted) { p[t, default: 0] += 1 }
        let ng = g.values.reduce(0, +)
        let np = p.values.reduce(0, +)
        if ng == 0 && np == 0 { return 1 }
        if ng == 0 || np == 0 { return 0 }
        var tp = 0
        for (t, c) in p { tp += min(c, g[t] ?? 0) }
        guard tp > 0 else { return 0 }
        let precision = Double(tp) / Double(np)
        let recall = Double(tp) / Double(ng)
        return 2 * precision * recall / (precision + recall)
    }
}
