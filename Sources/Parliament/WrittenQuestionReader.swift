/// A chamber's reader: one document of its source in, one ``WrittenQuestion`` out. A new source of written
/// questions (the DILA JO archives, questions to the government) is one more conforming reader; the lifecycle
/// (``QuestionLifecycle``), storage and digests stay as they are.
public protocol WrittenQuestionReader {
    /// The chamber whose documents this reader reads.
    static var chamber: WrittenQuestion.Chamber { get }

    /// Reads one document.
    ///
    /// - Parameters:
    ///   - bytes: the document (a JSON record, an HTML page).
    ///   - name: its file name or URL, when the reader checks or uses it.
    /// - Throws: ``ParliamentError`` naming the document and the problem.
    static func question(_ bytes: [UInt8], name: String?) throws -> WrittenQuestion
}

extension AssembleeRecordReader: WrittenQuestionReader {
    public static var chamber: WrittenQuestion.Chamber { .assemblee }

    /// A record of the open-data archive; `name` is the entry's file name, checked against the uid.
    public static func question(_ bytes: [UInt8], name: String?) throws -> WrittenQuestion {
        try read(bytes, fileName: name)
    }
}

/// The Sénat's question pages behind the shared model (the Sénat's CSV rows are merged with its pages by
/// ``SenateSnapshot`` for its own lifecycle, ``SenateLifecycle``).
public enum SenatePageQuestionReader: WrittenQuestionReader {
    public static var chamber: WrittenQuestion.Chamber { .senate }

    /// A question page (charset by the project's rule); `name` is its URL or file name.
    public static func question(_ bytes: [UInt8], name: String?) throws -> WrittenQuestion {
        try SenatePageParser.parse(bytes, httpCharset: nil, url: name).written
    }
}
