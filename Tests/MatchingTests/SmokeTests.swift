import Testing
@testable import Matching

@Test func smoke() { #expect(1 + 1 == 2) }
