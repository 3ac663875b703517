/// Resuming a large download (a zip archive the server drops mid-way): a byte range, and what to do with a
/// transfer that is cut.
public struct FetchResume: Sendable, Equatable {
    /// The first byte wanted: `Range: bytes=<from>-`.
    public var from: Int
    /// The `ETag` (else `Last-Modified`) of the partial copy, sent as `If-Range`: a server whose resource has
    /// changed since answers 200 with the whole new body instead of 206.
    public var validator: String

    /// A range request from `from` on, valid while the resource still has `validator`.
    public init(from: Int, validator: String) {
        self.from = from
        self.validator = validator
    }
}

extension FetchRequest {
    /// The headers a resumed or resumable request adds: `Range` and `If-Range`, and `Accept-Encoding:
    /// identity` (byte offsets must count the resource's own bytes, not an encoding's).
    var resumeHeaders: [String] {
        guard let resume else { return keepPartial ? ["Accept-Encoding: identity"] : [] }
        return ["Range: bytes=\(max(0, resume.from))-", "If-Range: \(resume.validator)", "Accept-Encoding: identity"]
    }
}
