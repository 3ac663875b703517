import Foundation
import Mustache

/// The HTML templates (`Resources/templates/*.mustache`) and the style sheets (`Resources/style.css`, and
/// `Resources/digest.css` for the HTML digest) of the web view and the HTML digest, in a module of their own
/// so that the digest renders through them without depending on the web server (Hummingbird). Partials that
/// show the same thing in both are shared: `kind-badge` (a delta's kind) and `marked` (a snippet with its
/// found words marked).
public enum SharedTemplates {
    /// The `Resources` folder of this module's bundle, or nil when the bundle has none.
    public static var resources: URL? { Bundle.module.url(forResource: "Resources", withExtension: nil) }

    /// Every template of `Resources/templates`, read and parsed now (no event loop needed: the digest renders
    /// from synchronous code).
    ///
    /// - Throws: ``TemplatesError`` when the folder is missing or a template does not parse.
    public static func library() throws -> MustacheLibrary {
        let folder = try root().appendingPathComponent("templates")
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        } catch {
            throw TemplatesError.missing(folder.path)
        }
        var library = MustacheLibrary()
        for file in names.sorted() where file.hasSuffix(".mustache") {
            let url = folder.appendingPathComponent(file)
            do {
                let text = try String(contentsOf: url, encoding: .utf8)
                try library.register(text, named: String(file.dropLast(".mustache".count)))
            } catch {
                throw TemplatesError.parse(url.path, "\(error)")
            }
        }
        return library
    }

    /// A style sheet of `Resources` (`style.css`, `digest.css`).
    ///
    /// - Throws: ``TemplatesError/missing(_:)`` when it cannot be read.
    public static func stylesheet(_ name: String) throws -> String {
        let url = try root().appendingPathComponent(name)
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { throw TemplatesError.missing(url.path) }
        return text
    }

    static func root() throws -> URL {
        guard let r = resources else { throw TemplatesError.missing("the Templates resource bundle") }
        return r
    }
}

/// Templates or style sheets that cannot be used: an installation without its resource bundle, or a
/// template that does not parse.
public enum TemplatesError: Error, CustomStringConvertible, Sendable, Equatable {
    /// A file or folder is not there.
    case missing(String)
    /// A template does not parse: its path and the parser's message.
    case parse(String, String)

    public var description: String {
        switch self {
        case .missing(let what): return "templates: \(what) is missing"
        case .parse(let path, let message): return "templates: \(path) does not parse: \(message)"
        }
    }
}
