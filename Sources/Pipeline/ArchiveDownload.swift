import Fetching
import Foundation
import Storage
import VeilleCore

/// Downloads a large archive to `<db>.partial/<source id>.zip`, resuming a transfer the server cut.
///
/// 1. With no partial copy: a conditional GET on the stored validators (a 304 costs nothing).
/// 2. With a partial copy: `Range: bytes=<its size>-` and `If-Range` on the validator it was downloaded
///    under (kept beside it in `<source id>.zip.json`). A 206 whose `Content-Range` starts where the copy
///    ends is appended; a 200 (the server ignores ranges, or the archive changed) starts the copy over; a 416
///    or a range that does not fit drops the copy and starts over.
/// 3. A transfer cut mid-way keeps what arrived and is resumed at once, up to ``maxTries`` requests in a
///    run; still incomplete, the source fails and the copy waits for the next night's run.
struct ArchiveDownload: Sendable {
    /// Requests in one run for one archive (reason: the portal was seen dropping transfers twice in a row,
    /// at 14 MB then 33 MB of 48; four requests finish such a download, and a server cutting every transfer
    /// is not hammered).
    static let maxTries = 4

    let context: RunContext
    let source: SourceConfig

    /// What a download ended in.
    enum Outcome {
        /// 304: the stored archive still holds.
        case notModified(FetchLog)
        /// The whole archive is in `path`; `log` carries its validators.
        case complete(path: String, log: FetchLog)
    }

    /// The validators a partial copy belongs to.
    struct PartialMeta: Codable, Equatable {
        var url: String
        var etag: String?
        var lastModified: String?
        var validator: String? { etag ?? lastModified }
    }

    /// `<db>.partial/`.
    var folder: URL { URL(fileURLWithPath: context.store.path + ".partial") }
    var path: URL { folder.appendingPathComponent("\(source.id).zip") }
    var metaPath: URL { folder.appendingPathComponent("\(source.id).zip.json") }

    /// Downloads (or resumes) the archive.
    ///
    /// - Throws: ``SenateCrawlError`` naming the problem (an HTTP error, a download still cut after its
    ///   tries, a file that cannot be written).
    func run(state: SourceRecord?) async throws -> Outcome {
        let c = context
        let fm = FileManager.default
        do { try fm.createDirectory(at: folder, withIntermediateDirectories: true) } catch {
            throw SenateCrawlError(message: "cannot create \(folder.path): \(error)", log: FetchLog(url: source.url))
        }
        let started = c.now()
        var last = FetchLog(url: source.url)
        var cut: String?
        for _ in 0..<Self.maxTries {
            let partial = currentPartial()
            var request = c.sourceRequest(source, state: state)
            request.keepPartial = true
            if let (meta, size) = partial, let validator = meta.validator {
                request.etag = nil
                request.lastModified = nil
                request.resume = FetchResume(from: size, validator: validator)
                request.maxBytes = max(1, source.maxBytes - size)
            }
            let response: FetchResponse
            do {
                response = try await c.fetch(request)
            } catch {
                var log = FetchLog(url: source.url, duration: c.now().timeIntervalSince(started), error: "\(error)")
                log.bytes = partial?.1 ?? 0
                throw SenateCrawlError(message: "\(error)", log: log, blocked: FetchOutcome.isRobotsBlock(error))
            }
            last = FetchLog(
                url: source.url, finalURL: response.finalURL, httpStatus: response.status, etag: response.etag,
                lastModified: response.lastModified, bytes: response.body.count,
                duration: c.now().timeIntervalSince(started))
            if response.notModified, partial == nil { return .notModified(last) }
            switch response.status {
            case 206:
                guard let (meta, size) = partial, Self.rangeStart(response.contentRange) == size else {
                    discardPartial()
                    continue
                }
                try append(response.body, meta: meta)
                last.etag = meta.etag
                last.lastModified = meta.lastModified
            case 200:
                // A fresh whole body: the server ignored the range, or the archive changed since the copy.
                try start(
                    response.body,
                    meta: PartialMeta(url: source.url, etag: response.etag, lastModified: response.lastModified))
            case 416:
                discardPartial()
                continue
            default:
                throw SenateCrawlError(message: "HTTP \(response.status) from \(source.url)", log: last)
            }
            if let why = response.interrupted {
                cut = why
                c.logger.info(
                    "source \(source.id): archive transfer cut (\(why)) at \(currentPartial()?.1 ?? 0) bytes, resuming",
                    metadata: ["source.id": "\(source.id)"])
                continue
            }
            if let total = Self.rangeTotal(response.contentRange), let size = currentPartial()?.1, size != total {
                cut = "\(size) of \(total) bytes"
                continue
            }
            last.bytes = currentPartial()?.1 ?? 0
            return .complete(path: path.path, log: last)
        }
        last.bytes = currentPartial()?.1 ?? 0
        let message =
            "\(source.url): download cut after \(Self.maxTries) tries (\(cut ?? "incomplete")), "
            + "\(last.bytes) bytes kept to resume next run"
        last.error = message
        throw SenateCrawlError(message: message, log: last)
    }

    /// The partial copy and its size, when its validators belong to this URL.
    func currentPartial() -> (PartialMeta, Int)? {
        guard let data = try? Data(contentsOf: metaPath),
            let meta = try? JSONDecoder().decode(PartialMeta.self, from: data), meta.url == source.url,
            let size = (try? FileManager.default.attributesOfItem(atPath: path.path))?[.size] as? Int, size > 0
        else { return nil }
        return (meta, size)
    }

    /// Removes the partial copy (after use, or when it cannot be resumed).
    func discardPartial() {
        try? FileManager.default.removeItem(at: path)
        try? FileManager.default.removeItem(at: metaPath)
    }

    private func start(_ body: [UInt8], meta: PartialMeta) throws {
        do {
            guard FileManager.default.createFile(atPath: path.path, contents: nil) else {
                throw CocoaError(.fileWriteUnknown)
            }
            let handle = try FileHandle(forWritingTo: path)
            defer { try? handle.close() }
            try body.withUnsafeBytes { try handle.write(contentsOf: $0) } // no copy of a 50 MB body
            try JSONEncoder().encode(meta).write(to: metaPath, options: .atomic)
        } catch {
            throw SenateCrawlError(message: "cannot write \(path.path): \(error)", log: FetchLog(url: source.url))
        }
    }

    private func append(_ body: [UInt8], meta: PartialMeta) throws {
        do {
            let handle = try FileHandle(forWritingTo: path)
            defer { try? handle.close() }
            try handle.seekToEnd()
            try body.withUnsafeBytes { try handle.write(contentsOf: $0) }
        } catch {
            throw SenateCrawlError(message: "cannot write \(path.path): \(error)", log: FetchLog(url: source.url))
        }
    }

    /// `bytes 1000-4999/5000` → 1000.
    static func rangeStart(_ header: String?) -> Int? {
        guard let h = header?.lowercased(), h.hasPrefix("bytes ") else { return nil }
        return Int(h.dropFirst(6).prefix(while: { $0.isNumber }))
    }

    /// `bytes 1000-4999/5000` → 5000 (nil for `*`).
    static func rangeTotal(_ header: String?) -> Int? {
        guard let h = header, let slash = h.lastIndex(of: "/") else { return nil }
        return Int(h[h.index(after: slash)...].trimmingCharacters(in: .whitespaces))
    }
}
