import Foundation
import VeilleCore

/// Reads VIGINUM's domain-name lists (CSV) into one campaign's domains.
///
/// Both published layouts are read: `domain name,created on` (RRN) and `domain,create date,first seen,type`
/// (Portal Kombat, UTF-8 with a byte-order mark). The domain column is the first whose header contains
/// `domain`; defanged names (`rrussianews[.]com`) are restored; dates (`DD/MM/YYYY` or `YYYY-MM-DD`) are
/// checked and a bad one is reported, the domain kept. A line whose domain is not a host name is skipped
/// with a warning naming the line.
public enum DomainListReader {
    /// The domains of a list, with the warnings.
    ///
    /// - Parameters:
    ///   - data: the file's bytes.
    ///   - file: its name, for warnings.
    /// - Returns: the domains in file order (duplicates dropped) and the warnings.
    /// - Throws: ``InteropError/badDomainList(file:reason:)`` when no header names a domain column.
    public static func read(_ data: Data, file: String) throws -> (domains: [String], warnings: [String]) {
        var bytes = [UInt8](data)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let text =
            String(validating: bytes, as: UTF8.self)
            ?? String(decoding: bytes.map { $0 < 0x80 ? $0 : 0x3F }, as: UTF8.self)
        let lines = text.split(
            omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
        guard let header = lines.first.map(fields) else {
            throw InteropError.badDomainList(file: file, reason: "empty file")
        }
        let names = header.map { $0.lowercased().trimmingCharacters(in: .whitespaces) }
        guard let domainColumn = names.firstIndex(where: { $0.contains("domain") }) else {
            throw InteropError.badDomainList(
                file: file, reason: "no column named like 'domain' in the header (\(header.joined(separator: ",")))")
        }
        let dateColumns = names.indices.filter {
            names[$0].contains("date") || names[$0].contains("created") || names[$0].contains("seen")
        }
        var out: [String] = []
        var keys = Set<String>()
        var warnings: [String] = []
        for (index, line) in lines.enumerated().dropFirst() {
            let cells = fields(line)
            if cells.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            let lineNumber = index + 1
            guard domainColumn < cells.count else {
                warnings.append("\(file): line \(lineNumber): no domain column, skipped")
                continue
            }
            let raw = cells[domainColumn].trimmingCharacters(in: .whitespaces)
            let value = DomainName.refang(raw).lowercased()
            guard let key = DomainName.ascii(value), key.contains(".") else {
                warnings.append("\(file): line \(lineNumber): '\(raw)' is not a domain name, skipped")
                continue
            }
            for c in dateColumns where c < cells.count {
                let d = cells[c].trimmingCharacters(in: .whitespaces)
                if !d.isEmpty, date(d) == nil {
                    warnings.append(
                        "\(file): line \(lineNumber): '\(d)' is not a date (DD/MM/YYYY or YYYY-MM-DD), kept the domain")
                }
            }
            if keys.insert(key).inserted { out.append(value) }
        }
        return (out, warnings)
    }

    /// `DD/MM/YYYY` or `YYYY-MM-DD` as `YYYY-MM-DD`; nil otherwise.
    public static func date(_ s: String) -> String? {
        let slash = s.split(separator: "/", omittingEmptySubsequences: false)
        let dash = s.split(separator: "-", omittingEmptySubsequences: false)
        let (y, m, d): (Substring, Substring, Substring)
        if slash.count == 3 {
            (d, m, y) = (slash[0], slash[1], slash[2])
        } else if dash.count == 3 {
            (y, m, d) = (dash[0], dash[1], dash[2].prefix(2))
        } else {
            return nil
        }
        guard y.count == 4, let yi = Int(y), let mi = Int(m), let di = Int(d), (1900...2100).contains(yi),
            (1...12).contains(mi), (1...31).contains(di)
        else { return nil }
        return String(format: "%04d-%02d-%02d", yi, mi, di)
    }

    /// The comma-separated cells of a line; a cell in double quotes may hold commas (`""` is a quote).
    static func fields(_ line: Substring) -> [String] {
        var out: [String] = []
        var cell = ""
        var quoted = false
        var chars = line.makeIterator()
        while let c = chars.next() {
            if quoted {
                if c == "\"" {
                    quoted = false
                } else {
                    cell.append(c)
                }
            } else if c == "\"" {
                if cell.last == "\"" { cell.append(c) }
                quoted = true
            } else if c == "," {
                out.append(cell)
                cell = ""
            } else {
                cell.append(c)
            }
        }
        out.append(cell)
        return out
    }
}
