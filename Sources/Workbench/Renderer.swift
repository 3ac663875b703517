import Digests
import Foundation
import Hummingbird
import Mustache
import Templates
import VeilleCore

/// The templates and the stylesheet (resource files of the Templates module), and the two ways a page answers:
/// HTML from its template, or JSON of the same view model when the request accepts `application/json`.
public struct Renderer: Sendable {
    let library: MustacheLibrary
    let css: String
    /// The readers' language: the digests' message catalogue, whose texts templates read as `{{t.…}}`.
    var messages = Messages(.fr)
    var texts = Messages(.fr).templateTable

    /// Loads the Templates module's `Resources/templates/*.mustache` and `Resources/style.css`.
    ///
    /// - Parameter language: the language of the pages' labels (default French, as the digests).
    /// - Throws: ``WorkbenchError/templates(_:)`` when they are missing or do not parse.
    public static func load(language: DigestsConfig.Language = .fr) async throws -> Renderer {
        guard let root = SharedTemplates.resources else {
            throw WorkbenchError.templates("the resource bundle has no Resources folder")
        }
        do {
            let library = try await MustacheLibrary(directory: root.appendingPathComponent("templates").path)
            let css = try String(contentsOf: root.appendingPathComponent("style.css"), encoding: .utf8)
            guard library.getTemplate(named: "layout") != nil else {
                throw WorkbenchError.templates("no layout template under \(root.path)")
            }
            var r = Renderer(library: library, css: css)
            r.messages = Messages(language)
            r.texts = r.messages.templateTable
            return r
        } catch let e as WorkbenchError {
            throw e
        } catch {
            throw WorkbenchError.templates("\(error)")
        }
    }

    /// Renders a template; a missing template is a programming error reported as text.
    func html(_ object: Any, template: String) -> String {
        library.render(Localized(model: object, texts: texts, messages: messages), withTemplate: template)
            ?? "template \(template) is missing"
    }

    /// A view model seen by a template, with `t`: the catalogue's texts (`{{t.nav_search}}`), and `name_local`:
    /// the value of `name` in the readers' language (dates, delta kinds: ``Messages/localized(_:)``). Nested
    /// models are seen the same way; the JSON of a page never goes through it, so its values do not change.
    struct Localized: MustacheParent {
        var model: Any
        var texts: [String: String]
        var messages: Messages

        func child(named name: String) -> Any? {
            if name == "t" { return texts }
            if name.hasSuffix("_local") {
                guard let value = child(named: String(name.dropLast(6))) else { return nil }
                return (value as? String).map(messages.localized) ?? value
            }
            if let parent = model as? MustacheParent { return parent.child(named: name).flatMap(wrap) }
            guard let value = Mirror(reflecting: model).children.first(where: { $0.label == name })?.value else {
                return nil
            }
            return wrap(value)
        }

        /// An optional's value or nil (as Mustache's own lookup does); view models and arrays of them wrapped
        /// so that their own fields have `_local` too (a view model that is a `MustacheParent` keeps answering
        /// its fields without reflection); strings, numbers and booleans as they are.
        func wrap(_ value: Any) -> Any? {
            switch value {
            case let o as AnyOptional: return o.wrappedValue.flatMap(wrap)
            case is String, is Bool, is Int, is Int64, is Double: return value
            case is [String: String]: return value
            case let p as MustacheParent: return Localized(model: p, texts: texts, messages: messages)
            case let a as [Any]: return a.map { wrap($0) ?? "" }
            default:
                let style = Mirror(reflecting: value).displayStyle
                return style == .struct || style == .class
                    ? Localized(model: value, texts: texts, messages: messages) : value
            }
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

/// An optional seen through `Any`, to unwrap it without reflection.
protocol AnyOptional {
    var wrappedValue: Any? { get }
}

extension Optional: AnyOptional {
    var wrappedValue: Any? { self.flatMap { $0 } }
}
