import Foundation
import Hummingbird
import Storage

/// The snapshot page `/items/{id}/snapshots/{n}/view`: the bytes rendered only inside a sandboxed frame.
struct SnapshotPage: Encodable {
    var itemId: Int64
    var itemHref: String
    var snapshot: SnapshotView
}

extension WorkbenchServer {
    /// `/items/{id}/snapshots/{n}`: the stored bytes as `text/plain`; `/view`: a page framing `/render` in
    /// `<iframe sandbox>`; `/render`: the bytes as HTML under `Content-Security-Policy: sandbox` (an opaque
    /// origin, no script, whatever the page holds); `/download`: an attachment named with its SHA-256.
    static func addSnapshotRoutes(
        _ router: Router<BasicRequestContext>, workbench w: Workbench, renderer r: Renderer, threads: PageThreads
    ) {
        /// The snapshot the path names, read on the page threads.
        @Sendable func load(_ context: BasicRequestContext) async throws -> (Int64, SnapshotEntry, [UInt8]) {
            let id = try positiveID(context.parameters.get("id"), name: "item id")
            let n = try positiveID(context.parameters.get("n"), name: "snapshot number")
            guard let found = try await threads.run({ try w.reader.snapshot(item: id, number: Int(clamping: n)) })
            else {
                throw PageError.notFound("no snapshot \(n) of item \(id)")
            }
            return (id, found.entry, found.raw)
        }
        router.get("/items/:id/snapshots/:n") { request, context in
            let (id, entry, raw) = try await load(context)
            if Renderer.wantsJSON(request) { return try Renderer.json(SnapshotView(item: id, entry)) }
            let utf8 = String(validating: raw, as: UTF8.self) != nil
            return Renderer.response(Data(raw), type: utf8 ? "text/plain; charset=utf-8" : "text/plain")
        }
        router.get("/items/:id/snapshots/:n/view") { request, context in
            let (id, entry, _) = try await load(context)
            let page = SnapshotPage(itemId: id, itemHref: "/items/\(id)", snapshot: SnapshotView(item: id, entry))
            return try r.page(page, template: "snapshot", request: request)
        }
        router.get("/items/:id/snapshots/:n/render") { _, context in
            let (_, _, raw) = try await load(context)
            var response = Renderer.response(Data(raw), type: "text/html")
            response.headers[values: .contentSecurityPolicy].append("sandbox")
            return response
        }
        router.get("/items/:id/snapshots/:n/download") { _, context in
            let (id, entry, raw) = try await load(context)
            var response = Renderer.response(Data(raw), type: "application/octet-stream")
            response.headers[.contentDisposition] =
                "attachment; filename=\"item-\(id)-snapshot-\(entry.number)-sha256-\(entry.sha256.filter(\.isHexDigit)).html\""
            return response
        }
    }
}
