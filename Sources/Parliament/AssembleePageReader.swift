import Markup

/// Reads the author's name from an Assemblée question page (`…/q17/17-1234QE.htm`): the archive names the
/// author only by `acteurRef`. The page's visible text is searched for the question heading, "Question N° 1234
/// de M. Jean Dupont (…)", on its French words only (never on CSS classes or ids).
public enum AssembleePageReader {
    /// "M. Jean Dupont" / "Mme Anne Martin", nil when the page has no such heading.
    public static func author(_ bytes: [UInt8], httpCharset: String? = nil) -> String? {
        guard let document = MarkupDocument.html(bytes, httpCharset: httpCharset) else { return nil }
        for line in SenatePageText(document: document).lines {
            if let name = author(inLine: line.text) { return name }
        }
        return nil
    }

    /// The name in one line of the form "Question N° 1234 de M. Jean Dupont (Group - Place)".
    static func author(inLine text: String) -> String? {
        let folded = text.lowercased()
        guard folded.hasPrefix("question n"), let de = text.range(of: " de M") else { return nil }
        let rest = text[text.index(after: de.lowerBound)...].dropFirst(3) // after " de "
        guard rest.hasPrefix("M. ") || rest.hasPrefix("Mme ") else { return nil }
        let name = rest.prefix(while: { $0 != "(" && $0 != "," && $0 != "\n" })
        let trimmed = SenateText.collapse(name)
        return trimmed.count > 4 && trimmed.count < 120 ? trimmed : nil
    }
}
