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

    func log(
        level: Logger.Level, message: Logger.Message, metadata extra: Logger.Metadata?,
        source: String, file: String, function: String, line: UInt
    ) {
        var pairs: [(String, JSONValue)] = [
            ("time", .time(Date())), ("level", .string(level.rawValue)),
            ("label", .string(label)), ("message", .string(message.description)),
        ]
        for (k, v) in metadata.merging(extra ?? [:], uniquingKeysWith: { _, b in b }).sorted(by: { $0.key < $1.key }) {
            pairs.append((k, .string(v.description)))
        }
        FileHandle.standardError.write(Data((JSONValue.object(pairs).serialized() + "\n").utf8))
    }
}
