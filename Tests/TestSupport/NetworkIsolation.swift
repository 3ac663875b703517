import Foundation

/// Whether this process runs in a network namespace that has only loopback, where a test may put
/// link-local, private or metadata addresses in front of the crawler without risk: a bug could not send
/// a packet off the machine (tests and benchmarks talk to loopback only).
///
/// Run such tests with:
/// `unshare -rn sh -c 'ip link set lo up; swift test --skip-build --filter <Suite>'`
public enum NetworkIsolation {
    /// True when `/proc/net/dev` (which lists the interfaces of this process's namespace) lists `lo` only.
    public static let isLoopbackOnly: Bool = {
        guard let text = try? String(contentsOfFile: "/proc/net/dev", encoding: .utf8) else { return false }
        let names = text.split(separator: "\n").dropFirst(2).compactMap { line in
            line.split(separator: ":", maxSplits: 1).first?.trimmingCharacters(in: .whitespaces)
        }
        return names == ["lo"]
    }()
}
