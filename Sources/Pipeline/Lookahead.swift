import Fetching

/// Fetches a list of requests ahead of their use, at most ``window`` beyond the one being read, so a
/// host's queue stays full while the pages before are extracted and stored (the host never waits on
/// veille's parsing). Every fetch still goes through the run's fetch path (its gates and robots.txt);
/// responses are read in order with ``response(_:)``.
struct Lookahead {
    /// Fetches started beyond the one being read.
    static let window = 8

    private let requests: [FetchRequest]
    private let fetch: RunContext.Fetch
    private var started: [Task<FetchResponse, Error>] = []

    init(_ requests: [FetchRequest], fetch: @escaping RunContext.Fetch) {
        self.requests = requests
        self.fetch = fetch
    }

    /// The response to request `index` (read in order: 0, 1, 2…), starting the fetches up to
    /// `index + window` first.
    mutating func response(_ index: Int) async throws -> FetchResponse {
        let fetch = self.fetch
        while started.count < min(requests.count, index + Self.window + 1) {
            let request = requests[started.count]
            started.append(Task { try await fetch(request) })
        }
        return try await withTaskCancellationHandler {
            try await started[index].value
        } onCancel: { [started] in
            started.forEach { $0.cancel() }
        }
    }

    /// Cancels the fetches not read yet (the stage stopped early).
    func cancel() { started.forEach { $0.cancel() } }
}
