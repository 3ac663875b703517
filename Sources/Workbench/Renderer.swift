import Foundation
import Hummingbird
import Mustache

/// The templates and the stylesheet (resource files of this module), and the two ways a page answers:
/// HTML from its template, or JSON of the same view model when the request accepts `application/json`.
public struct Renderer: Sendable {
    let library: MustacheLibrary
    let css: String

    /// Loads `Resources/templates/*.mustache` and `Resources/style.css`.
    ///
    /// - Throws: ``WorkbenchError/templates(_:)`` when they are missing or do not parse.
    public static func load() async throws -> Renderer {
        guard let root = Bundle.module.url(forResource: "Resources", withExtension: nil) else {
            throw WorkbenchError.templates("the resource bundle has no Resources folder")
        }
        do {
            let library = try await MustacheLibrary(directory: root.appendingPathComponent("templates").path)
            let css = try String(contentsOf: root.appendingPathComponent("style.css"), encoding: .utf8)
            guard library.getTemplate(named: "layout") != nil else {
                throw WorkbenchError.templates("no layout template under \(root.path)")
            }
            return Renderer(library: library, css: css)
        } catch let e as WorkbenchError {
            throw e
        } catch {
            throw WorkbenchError.templates("\(error)")
        }
    }

    /// Renders a template; a missing template is a programming error reported as text.
    func html(_ object: Any, template: String) -> String {
        library.render(object, withTemplate: template) ?? "template \(template) is missing"
    }

    /// Whether the client asked for JSON.
    static func wantsJSON(_ request: Request) -> Bool {
        request.headers[.accept]?.contains("application/json") ?? false
    }

    /// The page as HTML (template `template`) or JSON.
    func page<T: Encodable>(
        _ model: T, template: String, request: Request, status: HTTPResponse.Status = .ok
    ) throws -> Response {
        if Self.wantsJSON(request) { return try Self.json(model, status: status) }
        return Self.response(html(model, template: template), type: "text/html; charset=utf-8", status: status)
    }

    /// An error page (or `{"error": {"status", "message"}}`).
    func error(status: Int, message: String, request: Request) -> Response {
        struct ErrorBody: Encodable {
            var status: Int
            var message: String
        }
        let s = HTTPResponse.Status(code: status)
        if Self.wantsJSON(request),
            let r = try? Self.json(["error": ErrorBody(status: status, message: message)], status: s)
        {
            return r
        }
        return Self.response(
            html(ErrorBody(status: status, message: message), template: "error"), type: "text/html; charset=utf-8",
            status: s)
    }

    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.keyEncodingStrategy = .convertToSnakeCase
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()

    /// JSON of a view model, keys in snake_case, sorted.
    static func json<T: Encodable>(_ model: T, status: HTTPResponse.Status = .ok) throws -> Response {
        response(try jsonData(model), type: "application/json", status: status)
    }

    /// The JSON bytes of a view model, with a final newline.
    static func jsonData<T: Encodable>(_ model: T) throws -> Data {
        var data = try encoder.encode(model)
        data.append(0x0A)
        return data
    }

    static func response(_ text: String, type: String, status: HTTPResponse.Status = .ok) -> Response {
        response(Data(text.utf8), type: type, status: status)
    }

    static func response(_ data: Data, type: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: [.contentType: type], body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }
}
