import Foundation
import Testing

@testable import Syndication

/// The `YYYY-MM-DDTHH:MM:SSZ` spelling of the batch output and the quality gate.
struct UTCStampTests {
    @Test func utcStamps() {
        #expect(UTCStamp.format(Date(timeIntervalSince1970: 253_402_300_800)) == "10000-01-01T00:00:00Z")
        #expect(UTCStamp.format(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00Z")
        #expect(UTCStamp.format(Date(timeIntervalSince1970: 1_731_924_000)) == "2024-11-18T10:00:00Z")
        #expect(UTCStamp.format(Date(timeIntervalSince1970: -86_401)) == "1969-12-30T23:59:59Z")
    }
}
