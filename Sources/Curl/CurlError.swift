/// A failed libcurl call: the code, and the detailed message libcurl wrote (its error buffer) when it
/// wrote one.
public struct CurlError: Error, Sendable, CustomStringConvertible {
    /// The result code.
    public let code: CurlCode
    /// libcurl's detailed message, else the generic text of the code.
    public let message: String

    /// Creates an error from a code and an optional detailed message.
    public init(code: CurlCode, message: String? = nil) {
        self.code = code
        self.message = (message?.isEmpty == false ? message : nil) ?? code.description
    }

    public var description: String { message }
}
