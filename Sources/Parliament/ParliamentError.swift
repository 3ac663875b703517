/// What went wrong while reading Sénat material, with what a user needs to act.
public enum ParliamentError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The page does not follow the question template: the named French text markers were not found.
    case missingMarkers([String])
    /// The bytes could not be turned into an HTML tree at all (empty or not HTML).
    case unreadablePage(String?)
    /// A CSV header that lacks a required column.
    case csvHeader(missing: [String])
    /// A CSV row that could not be read, with its line number (1-based, the header is line 1).
    case csvRow(line: Int, reason: String)
    /// A file that could not be read (the `--batch` driver).
    case unreadableFile(path: String, reason: String)
    /// An Assemblée record that cannot be used (not JSON, not a question, a bad uid), with its file name.
    case assembleeRecord(name: String, reason: String)

    public var description: String {
        switch self {
        case .missingMarkers(let names):
            return "not a Sénat question page: missing markers " + names.map { "\"\($0)\"" }.joined(separator: ", ")
        case .unreadablePage(let url):
            return "page \(url ?? "(no url)"): empty or not HTML"
        case .csvHeader(let missing):
            return "questions CSV: header lacks column(s) " + missing.joined(separator: ", ")
        case .csvRow(let line, let reason):
            return "questions CSV line \(line): \(reason)"
        case .unreadableFile(let path, let reason):
            return "\(path): \(reason)"
        case .assembleeRecord(let name, let reason):
            return "Assemblée record \(name): \(reason)"
        }
    }
}
