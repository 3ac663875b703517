import Foundation

/// The query string of a request, decoded as an HTML form sends it (`+` is a space), with typed getters
/// that turn a malformed value into a 400 naming the parameter.
struct QueryParameters {
    private var values: [String: String] = [:]

    /// Parses `a=1&b=two+words` (the raw, percent-encoded query).
    init(_ raw: String?) {
        guard let raw else { return }
        for pair in raw.split(separator: "&") {
            let kv = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String {
                s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s)
            }
            let key = decode(kv[0])
            if values[key] == nil { values[key] = kv.count > 1 ? decode(kv[1]) : "" }
        }
    }

    /// A non-empty text value (trimmed), else nil.
    func string(_ name: String) -> String? {
        guard let v = values[name]?.trimmingCharacters(in: .whitespaces), !v.isEmpty else { return nil }
        return v
    }

    /// A positive integer, nil when absent.
    ///
    /// - Throws: a 400 when the value is not a positive integer.
    func positive(_ name: String) throws -> Int64? {
        guard let v = string(name) else { return nil }
        guard let n = Int64(v), n > 0 else {
            throw PageError.badRequest("parameter \(name): expected a positive integer, got “\(v.prefix(80))”")
        }
        return n
    }

    /// A `YYYY-MM-DD` day, nil when absent.
    ///
    /// - Throws: a 400 when the value is not such a date.
    func day(_ name: String) throws -> Date? {
        guard let v = string(name) else { return nil }
        guard let d = Format.parseDay(v) else {
            throw PageError.badRequest("parameter \(name): expected a date YYYY-MM-DD, got “\(v.prefix(80))”")
        }
        return d
    }

    /// One of `allowed`, nil when absent.
    ///
    /// - Throws: a 400 listing the allowed values otherwise.
    func choice(_ name: String, _ allowed: [String]) throws -> String? {
        guard let v = string(name) else { return nil }
        guard allowed.contains(v) else {
            throw PageError.badRequest(
                "parameter \(name): “\(v.prefix(80))” is not one of \(allowed.joined(separator: ", "))")
        }
        return v
    }
}

/// Parses a path parameter that must be a positive integer id.
///
/// - Throws: a 400 naming the parameter.
func positiveID(_ text: String?, name: String) throws -> Int64 {
    guard let text, let n = Int64(text), n > 0 else {
        throw PageError.badRequest("\(name): expected a positive integer, got “\((text ?? "").prefix(80))”")
    }
    return n
}
