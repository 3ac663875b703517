import Foundation
import Testing

@testable import VeilleCore

/// Blocking work runs on threads of its own and hands back its result or its error.
struct BlockingWorkTests {
    struct Failure: Error, Equatable {}

    @Test func returnsTheResult() async throws {
        #expect(try await BlockingWork.run { 6 * 7 } == 42)
    }

    @Test func rethrowsTheError() async {
        await #expect(throws: Failure()) { try await BlockingWork.run { throw Failure() } }
    }

    /// Eight bodies that all wait for each other can only finish if none holds a cooperative thread (a
    /// machine has a few); on the cooperative pool they would deadlock and the time limit would fail.
    @Test(.timeLimit(.minutes(1))) func bodiesDoNotHoldCooperativeThreads() async throws {
        let count = 8
        let started = DispatchSemaphore(value: 0)
        let gate = DispatchSemaphore(value: 0)
        try await withThrowingTaskGroup(of: Int.self) { group in
            for k in 0..<count {
                group.addTask {
                    try await BlockingWork.run {
                        started.signal()
                        gate.wait()
                        return k
                    }
                }
            }
            group.addTask {
                try await BlockingWork.run {
                    for _ in 0..<count { started.wait() }
                    for _ in 0..<count { gate.signal() }
                    return -1
                }
            }
            var seen = 0
            for try await _ in group { seen += 1 }
            #expect(seen == count + 1)
        }
    }
}
