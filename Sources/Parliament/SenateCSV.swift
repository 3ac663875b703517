import Foundation
import VeilleCore

/// Reads the Sénat's questions CSV (`questions-depuis-un-an.csv`).
///
/// The encoding follows the project's charset rule (BOM, HTTP charset, else UTF-8 when valid, else
/// windows-1252); the separator is detected (`;`, `|` or `,`); column names are matched without case or
/// accents; extra or missing trailing columns are tolerated; dates may be `YYYY-MM-DD` or `dd/mm/yyyy`.
public enum SenateCSV {
    /// Parses the whole file; unreadable rows (and repeated references) are reported with their line
    /// numbers and the others go on.
    ///
    /// - Parameters:
    ///   - bytes: the file as received.
    ///   - httpCharset: the HTTP `charset`, if any.
    /// - Returns: the readable rows in file order, and one error per unreadable row (or a header error, with
    ///   no rows, when the header has no `Référence` column).
    public static func parse(_ bytes: [UInt8], httpCharset: String?) -> (
        rows: [SenateCSVRow], errors: [ParliamentError]
    ) {
        let text = Charset.decode(bytes, httpCharset: httpCharset, kind: .text)
        let utf8 = Array(text.utf8)
        var tokenizer = SenateCSVTokenizer(bytes: utf8, separator: SenateCSVTokenizer.detectSeparator(utf8))
        var rows: [SenateCSVRow] = []
        var errors: [ParliamentError] = []
        var columns: [SenateCSVColumn: Int]?
        var seen: [String: Int] = [:] // reference → line: the file is keyed on the reference, the first row wins
        while let record = tokenizer.next() {
            switch record {
            case .unreadable(let line, let reason):
                errors.append(.csvRow(line: line, reason: reason))
            case .fields(let line, let cells):
                guard let map = columns else {
                    let m = SenateCSVColumn.map(cells)
                    guard m[.reference] != nil else {
                        return ([], [.csvHeader(missing: [SenateCSVColumn.reference.label])])
                    }
                    columns = m
                    continue
                }
                if cells.allSatisfy({ $0.utf8.allSatisfy { $0 == 0x20 || $0 == 0x09 } }) { continue }
                switch row(cells, line: line, map) {
                case .success(let r):
                    if let first = seen[r.reference] {
                        errors.append(
                            .csvRow(line: line, reason: "duplicate reference \(r.reference) (first on line \(first))"))
                    } else {
                        seen[r.reference] = line
                        rows.append(r)
                    }
                case .failure(let e):
                    errors.append(e)
                }
            }
        }
        if columns == nil { errors.append(.csvHeader(missing: [SenateCSVColumn.reference.label])) }
        return (rows, errors)
    }

    static func row(_ cells: [String], line: Int, _ map: [SenateCSVColumn: Int]) -> Result<
        SenateCSVRow, ParliamentError
    > {
        func cell(_ c: SenateCSVColumn) -> String? {
            guard let i = map[c], i < cells.count else { return nil }
            let v = SenateText.collapse(cells[i])
            return v.isEmpty ? nil : v
        }
        guard let reference = cell(.reference) else { return .failure(.csvRow(line: line, reason: "no reference")) }
        guard !reference.utf8.contains(0x20) else {
            return .failure(.csvRow(line: line, reason: "bad reference \"\(reference.prefix(40))\""))
        }
        var r = SenateCSVRow(reference: reference, line: line)
        for c in [SenateCSVColumn.published, .transmissionDate, .answerDate] {
            guard let raw = cell(c) else { continue }
            guard let iso = SenateDate.iso(raw) else {
                return .failure(.csvRow(line: line, reason: "bad date \"\(raw.prefix(40))\" in column \(c.label)"))
            }
            switch c {
            case .published: r.published = iso
            case .transmissionDate: r.transmissionDate = iso
            default: r.answerDate = iso
            }
        }
        r.nature = cell(.nature).flatMap(SenateNature.normalize)
        r.number = cell(.number)
        r.title = cell(.title)
        r.civility = cell(.civility).map(civility)
        r.lastName = cell(.lastName)
        r.firstName = cell(.firstName)
        r.circonscription = cell(.circonscription)
        r.group = cell(.group)
        r.depositMinistry = cell(.depositMinistry)
        r.transmissionMinistry = cell(.transmissionMinistry)
        r.answerMinistry = cell(.answerMinistry)
        r.remindedReference = cell(.remindedReference)
        r.sort = cell(.sort)
        r.themes = cell(.themes)
        r.url = cell(.url)
        return .success(r)
    }

    /// `M`, `M.`, `Monsieur` → `M.`; `Mme`, `Madame` → `Mme`; anything else as given.
    static func civility(_ raw: String) -> String {
        switch raw {
        case "M.", "M", "Monsieur": return "M."
        case "Mme", "Madame": return "Mme"
        default: break
        }
        switch SenateText.fold(raw) {
        case "m", "monsieur": return "M."
        case "mme", "madame": return "Mme"
        default: return raw
        }
    }
}
