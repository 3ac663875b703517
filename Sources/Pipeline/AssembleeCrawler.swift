import Archive
import Fetching
import Foundation
import Parliament
import Storage
import VeilleCore

/// Crawls the Assemblée nationale's written questions: the open-data archive (a zip of one JSON record per
/// question) by conditional GET, resumed when cut (``ArchiveDownload``), checked whole, then read one entry
/// at a time: only the entries whose CRC-32 or size changed since the last night are inflated and parsed.
///
/// 1. 304, or an archive whose entries (names, CRCs, sizes) hash as the stored one: nothing is read.
/// 2. A zip that fails its checks (truncated, corrupt, past the caps): the source fails with the reason, the
///    copy is dropped (the next run downloads afresh), and nothing stored is touched.
/// 3. A record that cannot be used (not JSON, not a question, a uid that does not match its file name), a
///    name with `..`, a non-JSON entry: reported by name and skipped; the others are read. An archive with
///    no usable record fails the source.
/// 4. Updates are stored in batches (``batchSize``); the validators and the archive's hash only once every
///    record is stored, so a run killed in between reads the archive again.
/// 5. Question pages are then fetched, politely and conditionally, for the author's name of new and
///    changed questions (``pagesPerRun`` at most per run; the rest on the next runs).
struct AssembleeCrawler: Sendable {
    let context: RunContext

    /// Updates stored per transaction (reason: bounds what a batch holds in memory, ~10 MB of readings, while
    /// keeping the first night's 20,000 questions to a few transactions).
    static let batchSize = 1_000
    /// Question pages read per run (reason: at the default 1 s per request to the host this is under two
    /// minutes a night, and a normal night brings a few dozen new or answered questions).
    static let pagesPerRun = 100
    /// Skipped records named in the source's message; the rest are counted.
    static let quotedProblems = 5

    func crawl(_ source: SourceConfig) async -> SourceOutcome {
        let c = context
        guard let pages = source.pages else {
            return c.fail(
                source, log: FetchLog(url: source.url), error: SourceProblem.message("no `pages` base URL configured"))
        }
        let state = (try? c.store.sourceState(source.id)) ?? nil
        let baseline = state?.firstSuccessAt == nil
        let download = ArchiveDownload(context: c, source: source)
        let outcome: ArchiveDownload.Outcome
        do {
            outcome = try await download.run(state: state)
        } catch let e as SenateCrawlError {
            return c.fail(source, log: e.log, error: e, blocked: e.blocked)
        } catch {
            return c.fail(source, log: FetchLog(url: source.url), error: error)
        }
        switch outcome {
        case .notModified(let log):
            return await finish(source, log: log, archive: nil, status: .notModified, read: nil, baseline: baseline)
        case .complete(let path, let log):
            let result: ReadResult
            do {
                result = try read(path: path, source: source, pages: pages, baseline: baseline)
            } catch {
                download.discardPartial()
                var failed = log
                failed.error = "\(error)"
                return c.fail(source, log: failed, error: SourceProblem.unreadable(url: source.url, error))
            }
            download.discardPartial()
            return await finish(
                source, log: log, archive: result.archive, status: result.unchanged ? .notModified : .ok,
                read: result, baseline: baseline)
        }
    }

    /// What reading one archive did.
    struct ReadResult {
        var archive: (sha256: String, bytes: Int, entries: Int)
        var unchanged: Bool
        var questions = 0
        var deltas: [RecordedDelta] = []
        var problems: [String] = []
    }

    /// Checks the archive whole, then reads and stores the changed records.
    func read(path: String, source: SourceConfig, pages: String, baseline: Bool) throws -> ReadResult {
        let c = context
        let zip = try ZipReader(path: path)
        let bytes = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int ?? 0
        var result = ReadResult(
            archive: (Self.contentHash(zip.entries), bytes, zip.entries.count), unchanged: false)
        if !c.force, let stored = try c.store.assembleeArchiveHash(source: source.id), stored == result.archive.sha256 {
            result.unchanged = true
            return result
        }
        try zip.validate()
        let stamps = c.force ? [:] : try c.store.assembleeStamps(source: source.id)
        let builder = AssembleeUpdateBuilder(pages: pages, baseline: baseline)
        var batch: [AssembleeUpdateBuilder.Input] = []
        var usable = 0
        func flush() throws {
            guard !batch.isEmpty else { return }
            let old = try c.store.assembleeSnapshots(source: source.id, uids: batch.map(\.question.uid))
            let updates = batch.map { builder.update($0, stored: old[$0.question.uid]) }
            result.deltas += try c.store.applyAssembleeUpdates(
                source: source.id, run: c.runID, updates: updates, at: c.now())
            result.questions += updates.count
            batch.removeAll(keepingCapacity: true)
        }
        var seen = Set<String>()
        for entry in zip.entries where !entry.isDirectory {
            guard !entry.isUnsafeName else {
                result.problems.append("\(entry.name): unsafe name, ignored")
                continue
            }
            guard entry.name.hasSuffix(".json") else {
                result.problems.append("\(entry.name): not a JSON record, ignored")
                continue
            }
            let stamp = AssembleeEntryStamp(crc: entry.crc32, size: entry.size)
            let uid = String(entry.baseName.dropLast(5))
            if stamps[uid] == stamp {
                usable += 1
                continue
            }
            do {
                let question = try AssembleeRecordReader.read(try zip.data(entry), fileName: entry.baseName)
                guard seen.insert(question.uid).inserted else {
                    result.problems.append("\(entry.name): a second record for \(question.uid), ignored")
                    continue
                }
                usable += 1
                batch.append(.init(question: question, stamp: stamp))
            } catch {
                result.problems.append("\(entry.name): \(error)")
                continue
            }
            if batch.count >= Self.batchSize { try flush() }
        }
        try flush()
        for p in result.problems {
            c.logger.warning("source \(source.id): \(p)", metadata: ["source.id": "\(source.id)"])
        }
        guard usable > 0 else {
            throw ParliamentError.assembleeRecord(
                name: URL(fileURLWithPath: path).lastPathComponent,
                reason: zip.entries.isEmpty ? "empty archive" : "no usable question record")
        }
        return result
    }

    /// The archive's content key: SHA-256 over each entry's name, CRC-32 and size, in order. Zip metadata
    /// (dates, comments) and the portal's published checksums change with no change in content; this does not.
    static func contentHash(_ entries: [ZipEntry]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(entries.count * 48)
        for e in entries {
            bytes += Array(e.name.utf8)
            bytes.append(0)
            bytes += "\(e.crc32):\(e.size)\n".utf8
        }
        return SHA256.hex(bytes)
    }

    /// Stores the end of the crawl, then reads the due question pages.
    private func finish(
        _ source: SourceConfig, log: FetchLog, archive: (sha256: String, bytes: Int, entries: Int)?,
        status: SourceStatus,
        read: ReadResult?, baseline: Bool
    ) async -> SourceOutcome {
        let c = context
        let at = c.now()
        let nextDue = c.schedule.nextAfterSuccess(every: source.every, now: at)
        do {
            try c.store.finishAssembleeCrawl(
                source: source.id, run: c.runID, fetch: log, archive: archive, status: status, problem: nil, at: at,
                nextDue: nextDue)
        } catch {
            return SourceOutcome(source: source.id, status: .failed, error: "\(error)", httpStatus: log.httpStatus)
        }
        await AssembleePages(context: c, source: source).readDue(limit: Self.pagesPerRun)
        let deltas = read?.deltas ?? []
        let published = deltas.filter { $0.kind == .published }.count
        let problems = read?.problems ?? []
        let more = problems.count > Self.quotedProblems ? " (and \(problems.count - Self.quotedProblems) more)" : ""
        return SourceOutcome(
            source: source.id, status: status,
            error: problems.isEmpty
                ? nil : "skipped: " + problems.prefix(Self.quotedProblems).joined(separator: "; ") + more,
            httpStatus: log.httpStatus, bytes: log.bytes, items: read?.questions ?? 0, newCount: published,
            changedCount: deltas.count - published, baseline: baseline && read != nil && !(read?.unchanged ?? true))
    }
}
