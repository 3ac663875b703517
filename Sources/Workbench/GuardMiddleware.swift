import Foundation
import Hummingbird
import Storage

/// Every response's safety: the token check (when serving beyond loopback), the Host check (against DNS
/// rebinding, when serving on loopback), the error pages (404 and 400, never a 500 for bad input), and the
/// security headers on every answer, errors included.
struct GuardMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The policy of every page (issue 17): nothing but our stylesheet, images inline, frames from us.
    static var contentSecurityPolicy: String {
        "default-src 'none'; style-src 'self'; img-src 'self' data:; frame-src 'self'; form-action 'self'; base-uri 'none'"
    }

    let renderer: Renderer
    /// The bearer token or basic-auth password every request must carry; nil on loopback without one.
    let token: [UInt8]?
    /// Host names a request may name (loopback without a token); nil accepts any.
    let hosts: Set<String>?

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        var response: Response
        do {
            try check(request)
            response = try await next(request, context)
        } catch let e as PageError {
            response = renderer.error(status: e.status, message: e.message, request: request)
        } catch let e as HTTPError {
            let message =
                e.status == .notFound ? "no such page: \(request.uri.path.prefix(200))" : e.body ?? "\(e.status)"
            response = renderer.error(status: e.status.code, message: message, request: request)
            if e.status == .unauthorized {
                response.headers[.wwwAuthenticate] = "Basic realm=\"veille\", charset=\"UTF-8\""
            }
        } catch let e as StorageError {
            response = renderer.error(status: 503, message: e.description, request: request)
        } catch {
            response = renderer.error(status: 503, message: "\(error)", request: request)
        }
        response.headers[values: .contentSecurityPolicy].append(Self.contentSecurityPolicy)
        response.headers[.xContentTypeOptions] = "nosniff"
        if let name = HTTPFields.Element.Name("Referrer-Policy") { response.headers[name] = "no-referrer" }
        return response
    }

    private func check(_ request: Request) throws {
        if let hosts, let authority = request.head.authority {
            if !hosts.contains(Self.hostName(authority)) {
                throw PageError.badRequest(
                    "unexpected Host “\(authority.prefix(100))”: this server answers to loopback names only")
            }
        }
        guard let token else { return }
        guard let given = Self.credential(request.headers[.authorization]), Self.constantTimeEqual(given, token)
        else {
            throw HTTPError(.unauthorized, message: "a token is required (Authorization: Bearer TOKEN, or basic auth)")
        }
    }

    /// The host of a `Host` value, without its port (`[::1]:8080` → `[::1]`).
    static func hostName(_ authority: String) -> String {
        if authority.hasPrefix("["), let end = authority.firstIndex(of: "]") {
            return String(authority[...end]).lowercased()
        }
        return String(authority.split(separator: ":", maxSplits: 1).first ?? "").lowercased()
    }

    /// The token of `Bearer TOKEN`, or the password of `Basic base64(user:password)`.
    static func credential(_ header: String?) -> [UInt8]? {
        guard let header else { return nil }
        if header.lowercased().hasPrefix("bearer ") { return Array(header.dropFirst(7).utf8) }
        if header.lowercased().hasPrefix("basic "),
            let data = Data(base64Encoded: String(header.dropFirst(6)).trimmingCharacters(in: .whitespaces)),
            let colon = data.firstIndex(of: UInt8(ascii: ":"))
        {
            return Array(data[data.index(after: colon)...])
        }
        return nil
    }

    /// Compares in time that depends only on the expected token's length.
    static func constantTimeEqual(_ given: [UInt8], _ expected: [UInt8]) -> Bool {
        var diff: UInt8 = given.count == expected.count ? 0 : 1
        for i in 0..<expected.count { diff |= expected[i] ^ (i < given.count ? given[i] : 0) }
        return diff == 0
    }
}
