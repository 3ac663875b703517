/// A per-host gate shared with other processes (several workers on one database), behind the same seam
/// as the in-process ``HostThrottle``: the throttle takes the host's local permit and gap first, then
/// this gate's; it releases this one (with the gap to keep) before handing its local permit on.
///
/// Implementations keep, per host, who holds it, until when, the next allowed start and any
/// `Retry-After` pause; see `Coordination.DatabaseHostGate`. Without one (the single-process default)
/// the throttle alone decides.
public protocol SharedHostGate: Sendable {
    /// Waits until this process may send the next request to `host`, and holds the host until
    /// ``release(host:gap:)``.
    ///
    /// - Throws: `CancellationError`; the gate's error when it cannot be reached.
    func acquire(host: String) async throws

    /// Ends this process's request to `host` now: the next start, by anyone, is at least `gap` later.
    func release(host: String, gap: Duration) async

    /// Keeps `host` quiet for everyone for `duration` from now (a `Retry-After`).
    func pause(host: String, for duration: Duration) async
}

/// robots.txt copies shared with other processes, so that a site's robots.txt is fetched once for all
/// workers (see `Coordination.SharedRobots`).
public protocol SharedRobotsStore: Sendable {
    /// A copy of `site`'s robots.txt recent enough to use without a request; nil when there is none,
    /// and this process is then the one to fetch it (others wait for its ``save(site:_:)`` or
    /// ``abandon(site:)``).
    func fresh(site: String) async -> RobotsCache.Stored?

    /// Keeps the copy just fetched (an empty body for a 4xx: allow all) for the other workers.
    func save(site: String, _ stored: RobotsCache.Stored) async

    /// This process could not read `site`'s robots.txt (5xx, network): another may try.
    func abandon(site: String) async
}
