import Foundation
import Logging
import VeilleCore

/// A swift-log handler writing one JSON object per line on stderr, for log shippers.
struct JSONLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .notice
    var metadata: Logger.Metadata = [:]

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    /// One line: time, level, label, message, then the handler's and the event's metadata by key.
    func log(event: LogEvent) {
        var pairs: [(String, JSONValue)] = [
            ("time", .time(Date())), ("level", .string(event.level.rawValue)),
            ("label", .string(label)), ("message", .string(event.message.description)),
        ]
        let merged = metadata.merging(event.metadata ?? [:], uniquingKeysWith: { _, b in b })
        for (k, v) in merged.sorted(by: { $0.key < $1.key }) {
            pairs.append((k, .string(v.description)))
        }
        FileHandle.standardError.write(Data((JSONValue.object(pairs).serialized() + "\n").utf8))
    }
}
