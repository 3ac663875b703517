import Curl
import Foundation
import Storage
import VeilleCore

/// Delivers the digests of `digests.yaml`, each delta exactly once per (digest, recipient).
///
/// For each digest and recipient, in this order:
/// 1. stored messages still pending (a failed or interrupted earlier attempt) are sent again, oldest first,
///    byte for byte, with their Message-ID; if one fails, nothing newer is made for that recipient;
/// 2. the deltas after the digest's start that no message of that recipient carries are built into a
///    ``DigestContent``; a quiet digest with nothing to say records them as covered and sends nothing;
/// 3. otherwise the message (or file) is rendered and stored with its outbox rows in one transaction,
///    then sent (or written), and only then marked delivered.
///
/// A process that dies after the server accepted a message and before the mark sends it once more on the
/// next attempt: the same bytes, the same Message-ID (mail clients show it once).
public struct DigestDelivery: Sendable {
    public var store: Store
    public var config: DigestsConfig
    public var watchlist: Watchlist?
    /// The digest folder (`--out`); file digests write under it.
    public var outDir: String
    /// Source ids in config order.
    public var sourceOrder: [String]
    /// Sources in trouble now (failed or blocked), for every digest that covers them.
    public var trouble: [RunDigest.Trouble]
    /// Where `username_env` and `password_env` are looked up.
    public var environment: [String: String]
    public var now: @Sendable () -> Date
    /// Waits between two messages (tests pass a no-op or a short pause).
    public var pause: @Sendable (TimeInterval) -> Void = { Thread.sleep(forTimeInterval: $0) }
    /// Test hook: called after the SMTP server accepted a message, before it is marked delivered.
    var afterAccept: (@Sendable (DigestMessageRecord) throws -> Void)?

    /// A delivery over `store` of the digests of `config`.
    public init(
        store: Store, config: DigestsConfig, watchlist: Watchlist?, outDir: String, sourceOrder: [String],
        trouble: [RunDigest.Trouble], environment: [String: String] = ProcessInfo.processInfo.environment,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.store = store
        self.config = config
        self.watchlist = watchlist
        self.outDir = outDir
        self.sourceOrder = sourceOrder
        self.trouble = trouble
        self.environment = environment
        self.now = now
    }

    /// Sends or writes everything pending.
    ///
    /// - Parameters:
    ///   - currentRun: the run that just stored its deltas (a digest seen for the first time covers it); nil
    ///     when `veille digest` runs alone.
    ///   - only: one digest id, or every digest.
    /// - Returns: the files written.
    /// - Throws: ``DigestError`` listing every digest and recipient that failed (the others were delivered).
    public func deliver(currentRun: Int64?, only: String? = nil) throws -> [String] {
        var paths: [String] = []
        var errors: [DigestError] = []
        var session = MailSession(delivery: self)
        for d in config.digests where only == nil || only == d.id {
            let start = try store.digestStart(d.id, defaultStart: store.lastDeltaID(before: currentRun), at: now())
            for recipient in d.channel == .email ? d.to : ["file"] {
                do {
                    for m in try store.pendingDigestMessages(digest: d.id, recipient: recipient) {
                        paths += try send(m, digest: d, session: &session)
                    }
                    guard let m = try prepare(d, recipient: recipient, start: start, currentRun: currentRun) else {
                        continue
                    }
                    paths += try send(m, digest: d, session: &session)
                } catch let e as DigestError {
                    errors.append(e)
                } catch {
                    errors.append(.write(path: d.id, message: "\(error)"))
                }
            }
        }
        if errors.count == 1, let e = errors.first { throw e }
        if !errors.isEmpty { throw DigestError.several(errors) }
        return paths
    }

    /// Builds, renders and stores the next message of (digest, recipient); nil when a quiet digest has
    /// nothing to say (its deltas are then recorded as covered).
    func prepare(_ d: DigestsConfig.Digest, recipient: String, start: Int64, currentRun: Int64?) throws
        -> DigestMessageRecord?
    {
        let ids = try store.undeliveredDeltaIDs(digest: d.id, recipient: recipient, after: start)
        let (content, covered) = try build(d, deltaIDs: ids, currentRun: currentRun)
        if d.quiet, content.isQuiet {
            try store.coverWithoutMessage(digest: d.id, recipient: recipient, deltas: ids, at: now())
            return nil
        }
        let outsideSources = Set(ids).subtracting(covered.map(\.id))
        let rendered = try render(
            content, digest: d, recipient: recipient, listedNow: covered.filter(\.listed).map(\.id))
        let m = NewDigestMessage(
            digestId: d.id, recipient: recipient, messageId: rendered.messageID,
            format: d.channel == .email ? .email : DigestFormat(file: d.format), path: rendered.path,
            body: rendered.body, runs: content.runs, createdAt: now())
        return try store.storeDigestMessage(
            m, deltas: covered.map { ($0.id, $0.listed) } + outsideSources.sorted().map { ($0, false) })
    }

    /// Sends (or writes) one stored message and marks it delivered.
    func send(_ m: DigestMessageRecord, digest d: DigestsConfig.Digest, session: inout MailSession) throws -> [String] {
        do {
            if m.format == .email {
                try session.send(m, digest: d.id)
                try afterAccept?(m)
                try store.markDelivered(message: m.id, at: now())
                return []
            }
            guard let path = m.path else {
                throw DigestError.write(path: d.id, message: "stored file digest without a path")
            }
            try DigestFiles.writeAtomically(String(decoding: m.body, as: UTF8.self), to: path)
            try store.markDelivered(message: m.id, at: now())
            return [path]
        } catch let e as DigestError {
            try? store.recordDeliveryFailure(message: m.id, error: e.description)
            throw e
        }
    }

    /// The content of a digest over some deltas.
    func build(_ d: DigestsConfig.Digest, deltaIDs: [Int64], currentRun: Int64?, trouble: [RunDigest.Trouble]? = nil)
        throws -> (DigestContent, [(id: Int64, listed: Bool)])
    {
        var deltas: [DeltaExport] = []
        for chunk in stride(from: 0, to: deltaIDs.count, by: 5000).map({
            Array(deltaIDs[$0..<min($0 + 5000, deltaIDs.count)])
        }) {
            deltas += try store.deltas(.ids(chunk))
        }
        let items = Array(Set(deltas.map(\.itemID))).sorted()
        let links = try store.links(items: items)
        let senate = try store.senateFacts(items: Array(Set(deltas.filter { $0.detail != nil }.map(\.itemID))).sorted())
        let runs = Array(Set(deltas.map(\.run))).sorted()
        let builder = DigestBuilder(
            selection: d, watchlist: watchlist, sourceOrder: sourceOrder, webURL: config.webURL)
        return builder.build(
            runs: runs.isEmpty ? (currentRun.map { [$0] } ?? []) : runs,
            from: deltas.map(\.at).min() ?? now(), to: now(), deltas: deltas, links: links,
            senate: senate, trouble: trouble ?? self.trouble,
            daily: try store.dailyLinkedItems(days: DigestSummary.trendDays, endingAt: now()))
    }
}
