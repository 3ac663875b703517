/// Where a run stands: the `status` column of the `run` table. The raw values are the stored strings.
public enum RunStatus: String, Sendable, Codable, CaseIterable {
    /// Started and not finished (or killed: the next run marks it ``interrupted``).
    case running
    /// Finished with its digest delivered.
    case completed
    /// Finished, but its digest could not be delivered: the next run's digest carries its deltas.
    case undelivered
    /// Left ``running`` by a process that died before its digest.
    case interrupted
    /// An ``interrupted`` or ``undelivered`` run whose deltas a later digest delivered.
    case recovered
}

extension RunStatus: CustomStringConvertible {
    public var description: String { rawValue }
}
