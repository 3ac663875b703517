import Logging

/// A text log handler that clears the live progress line (``ProgressLine``) before each log line and draws it
/// again after, so that the two never run together on one line of the terminal.
struct ProgressAwareLogHandler: LogHandler {
    var inner: any LogHandler

    var logLevel: Logger.Level {
        get { inner.logLevel }
        set { inner.logLevel = newValue }
    }

    var metadata: Logger.Metadata {
        get { inner.metadata }
        set { inner.metadata = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { inner[metadataKey: key] }
        set { inner[metadataKey: key] = newValue }
    }

    func log(event: LogEvent) {
        if let line = ProgressLine.active {
            line.interrupt { inner.log(event: event) }
        } else {
            inner.log(event: event)
        }
    }
}
