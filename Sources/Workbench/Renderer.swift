import Digests
import Foundation
import Hummingbird
import Mustache
import VeilleCore

/// The templates and the stylesheet (resource files of this module), and the two ways a page answers:
/// HTML from its template, or JSON of the same view model when the request accepts `application/json`.
public struct Renderer: Sendable {
    let library: MustacheLibrary
    let css: String
    /// The texts of the readers' language (the digests' message catalogue), as templates read them.
    var texts = Messages(.fr).templateTable

    /// Loads `Resources/templates/*.mustache` and `Resources/style.css`.
    ///
    /// - Parameter language: the language of the pages' labels (default French, as the digests).
    /// - Throws: ``WorkbenchError/templates(_:)`` when they are missing or do not parse.
    public static func load(language: DigestsConfig.Language = .fr) async throws -> Renderer {
        guard let root = Bundle.module.url(forResource: "Resources", withExtension: nil) else {
            throw WorkbenchError.templates("the resource bundle has no Resources folder")
        }
        do {
            let library = try await MustacheLibrary(directory: root.appendingPathComponent("templates").path)
            let css = try String(contentsOf: root.appendingPathComponent("style.css"), encoding: .utf8)
            guard library.getTemplate(named: "layout") != nil else {
                throw WorkbenchError.templates("no layout template under \(root.path)")
            }
            var r = Renderer(library: library, css: css)
            r.texts = Messages(language).templateTable
            return r
        } catch let e as WorkbenchError {
            throw e
        } catch {
            throw WorkbenchError.templates("\(error)")
        }
    }

    /// Renders a template; a missing template is a programming error reported as text.
    func html(_ object: Any, template: String) -> String {
        library.render(Localized(model: object, texts: texts), withTemplate: template)
            ?? "template \(template) is missing"
    }

    /// A view model seen by a template, with `t`: the catalogue's texts (`{{t.nav_search}}`).
    struct Localized: MustacheParent {
        var model: Any
        var texts: [String: String]

        func child(named name: String) -> Any? {
            if name == "t" { return texts }
            if let parent = model as? MustacheParent { return parent.child(named: name) }
            guard let value = Mirror(reflecting: model).children.first(where: { $0.label == name })?.value else {
                return nil
            }
            // An optional's value, or nil (as Mustache's own lookup does).
            let m = Mirror(reflecting: value)
            guard m.displayStyle == .optional else { return value }
            return m.children.first?.value
        }
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
