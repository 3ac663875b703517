import Foundation
import Hummingbird
import Logging

/// `veille serve`: the workbench's routes on Hummingbird.
public enum WorkbenchServer {
    /// Builds the application: routes, the guard middleware, the listen address.
    ///
    /// - Parameters:
    ///   - workbench: the pages.
    ///   - renderer: templates and stylesheet.
    ///   - listen: where to listen; a non-loopback address needs `token`.
    ///   - token: the bearer token (or basic-auth password) every request must carry.
    ///   - onListening: called with the bound port once the server accepts connections.
    /// - Throws: ``WorkbenchError/exposedWithoutToken(_:)`` for a non-loopback address without a token.
    public static func application(
        workbench: Workbench, renderer: Renderer, listen: ListenAddress, token: String?,
        logger: Logger, onListening: @escaping @Sendable (Int) -> Void
    ) throws -> some ApplicationProtocol {
        if !listen.isLoopback && token == nil {
            throw WorkbenchError.exposedWithoutToken("\(listen.host):\(listen.port)")
        }
        let hosts: Set<String>? =
            token == nil
            ? ["127.0.0.1", "localhost", "[::1]", listen.host.contains(":") ? "[\(listen.host)]" : listen.host]
            : nil
        let router = Router()
        router.add(middleware: GuardMiddleware(renderer: renderer, token: token.map { Array($0.utf8) }, hosts: hosts))
        addRoutes(router, workbench: workbench, renderer: renderer)
        return Application(
            router: router,
            configuration: ApplicationConfiguration(
                address: .hostname(listen.host, port: listen.port), serverName: nil),
            onServerRunning: { channel in onListening(channel.localAddress?.port ?? listen.port) },
            logger: logger)
    }

    static func addRoutes(_ router: Router<BasicRequestContext>, workbench w: Workbench, renderer r: Renderer) {
        let cache = DashboardCache()
        let threads = PageThreads()
        router.get("/") { request, _ in
            try await threads.run {
                let json = Renderer.wantsJSON(request)
                let minute = Int(w.now().timeIntervalSince1970 / 60)
                let key = "\(json ? "json" : "html")|\(minute)|" + (try w.reader.changeMark())
                let type = json ? "application/json" : "text/html; charset=utf-8"
                if let body = cache.get(key) { return Renderer.response(body, type: type) }
                let view = try w.dashboard()
                let body = json ? try Renderer.jsonData(view) : Data(r.html(view, template: "dashboard").utf8)
                cache.put(key, body)
                return Renderer.response(body, type: type)
            }
        }
        router.get("/style.css") { _, _ in
            var response = Renderer.response(r.css, type: "text/css; charset=utf-8")
            response.headers[.cacheControl] = "max-age=300"
            return response
        }
        for kind in ["campaign", "actor"] {
            router.get(RouterPath("/\(kind)s/:id")) { request, context in
                let id = context.parameters.get("id") ?? ""
                return try await threads.run {
                    let view = try w.entityPage(kind: kind, id: id, query: QueryParameters(request.uri.query))
                    return try r.page(view, template: "entity", request: request)
                }
            }
        }
        router.get("/items/:id") { request, context in
            let id = try positiveID(context.parameters.get("id"), name: "item id")
            return try await threads.run {
                let q = QueryParameters(request.uri.query)
                return try r.page(
                    try w.itemPage(id: id, a: try q.positive("a"), b: try q.positive("b")), template: "item",
                    request: request)
            }
        }
        addSnapshotRoutes(router, workbench: w, renderer: r, threads: threads)
        router.get("/search") { request, _ in
            try await threads.run {
                let (view, malformed) = try w.searchPage(QueryParameters(request.uri.query))
                return try r.page(view, template: "search", request: request, status: malformed ? .badRequest : .ok)
            }
        }
        router.get("/sources") { request, _ in
            try await threads.run { try r.page(try w.sourcesPage(), template: "sources", request: request) }
        }
        router.get("/runs") { request, _ in
            try await threads.run {
                try r.page(try w.runsPage(QueryParameters(request.uri.query)), template: "runs", request: request)
            }
        }
    }
}
