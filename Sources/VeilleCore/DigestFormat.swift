/// The form a stored digest message takes: the `format` column of the `digestMessage` table, `email` for
/// the email channel or the file format of a file digest. The raw values are the stored strings.
public enum DigestFormat: String, Sendable, Codable, CaseIterable {
    /// A MIME message sent by SMTP.
    case email
    case html
    case markdown
    case json
    case atom

    /// The stored format of a digest written to a file in `format`.
    public init(file format: DigestsConfig.Format) {
        switch format {
        case .html: self = .html
        case .markdown: self = .markdown
        case .json: self = .json
        case .atom: self = .atom
        }
    }
}

extension DigestFormat: CustomStringConvertible {
    public var description: String { rawValue }
}
