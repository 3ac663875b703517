/// The nature codes of Sénat questions, normalized.
public enum SenateNature {
    /// Normalizes a nature code: `QE`, `QOSD`, `QG` (the search engine's `QAG` is `QG`); other codes upper-cased.
    ///
    /// - Returns: nil for an empty code.
    public static func normalize(_ raw: String) -> String? {
        switch raw {
        case "QE", "QOSD", "QG": return raw
        case "QAG": return "QG"
        default: break
        }
        let code = SenateText.collapse(raw).uppercased()
        switch code {
        case "": return nil
        case "QAG", "QG": return "QG"
        case "QOSD", "QO": return "QOSD"
        default: return code
        }
    }

    /// The nature a reference's number implies: 5 digits → `QE`, a final `S` → `QOSD`, a final `G` → `QG`.
    public static func fromReference(_ reference: String) -> String? {
        guard reference.hasPrefix("qSEQ"), let last = reference.last else { return nil }
        switch last {
        case "S": return "QOSD"
        case "G": return "QG"
        case "0"..."9": return "QE"
        default: return nil
        }
    }
}
