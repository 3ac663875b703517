import Foundation
import Testing

@testable import Syndication

/// RFC 822 (with its sloppy and French variants) and ISO 8601 dates, to UTC.
struct FeedDateTests {
    static let cases: [(String, String?)] = [
        ("Mon, 18 Nov 2024 10:00:00 GMT", "2024-11-18T10:00:00Z"),
        ("Mon, 18 Nov 2024 10:00:00 +0100", "2024-11-18T09:00:00Z"),
        ("Mon, 18 Nov 2024 10:00:00 -05:00", "2024-11-18T15:00:00Z"),
        ("Mon, 18 Nov 2024 10:00:00 EST", "2024-11-18T15:00:00Z"),
        ("Mon, 18 Nov 2024 10:00:00 PDT", "2024-11-18T17:00:00Z"),
        ("Mon, 18 Nov 2024 10:00 GMT", "2024-11-18T10:00:00Z"), // missing seconds
        ("18 Nov 2024 10:00:00 GMT", "2024-11-18T10:00:00Z"), // no day name
        ("Mon, 18 Nov 24 10:00:00 GMT", "2024-11-18T10:00:00Z"), // two-digit year
        ("Thu, 01 Jan 98 00:00:00 GMT", "1998-01-01T00:00:00Z"), // 90s are 1990s
        ("Mon, 18 Nov 2024", "2024-11-18T00:00:00Z"), // date only
        ("Nov 18 2024 10:00:00 GMT", "2024-11-18T10:00:00Z"), // month first
        ("Mon, 18 Nov 2024 10:00:00 XYZ", "2024-11-18T10:00:00Z"), // unknown zone read as UTC
        ("lun., 18 nov. 2024 10:00:00 +0100", "2024-11-18T09:00:00Z"), // French abbreviations
        ("mardi 5 mars 2024 14:30:00 +0100", "2024-03-05T13:30:00Z"), // French full names
        ("mer., 27 mars 2024 08:04:26 +0000", "2024-03-27T08:04:26Z"),
        ("jeudi 1 février 2024 08:00 CET", "2024-02-01T07:00:00Z"),
        ("ven., 16 août 2024 12:00:00 +0200", "2024-08-16T10:00:00Z"),
        ("2024-11-18T10:00:00Z", "2024-11-18T10:00:00Z"),
        ("2024-11-18T10:00:00+01:00", "2024-11-18T09:00:00Z"),
        ("2024-11-18T10:00:00.123-0500", "2024-11-18T15:00:00Z"),
        ("2024-11-18T10:00:00", "2024-11-18T10:00:00Z"), // no zone = UTC
        ("2024-11-18 10:00", "2024-11-18T10:00:00Z"),
        ("2024-11-18", "2024-11-18T00:00:00Z"),
        ("2024-11", "2024-11-01T00:00:00Z"),
        ("20241118T100000Z", "2024-11-18T10:00:00Z"),
        ("Sun Nov 17 10:00:00 2024", "2024-11-17T10:00:00Z"), // asctime
        ("not a date", nil),
        ("", nil),
        ("2024-02-30T10:00:00Z", nil), // no such day
        ("Mon, 32 Nov 2024 10:00:00 GMT", nil),
    ]

    @Test(arguments: cases)
    func parses(_ text: String, _ expected: String?) {
        #expect(FeedDate.parse(text).map(UTCStamp.format) == expected)
    }

    /// The allocation-free reader of the canonical RFC 822 form agrees with the general reader wherever it
    /// answers, and leaves every other form to it.
    @Test func canonicalReaderAgreesWithGeneralReader() {
        let days = [
            "", "Mon, ", "Tue,  ", "mar, ", "Xyz, ", "mer., ", "Lundi, ", "dim.,", "jeu. ", "Thursday, ", "mardis, ",
        ]
        let dates = [
            "18 Nov 2024", "1 Jan 1998", "29 Feb 2024", "29 Feb 2023", "07 Aug 2024", "18 Nov 24", "18 Nov. 2024",
            "18 Nov 2024,",
            "27 mars 2024", "5 févr. 2024", "15 août 2024", "1 déc. 2023", "3 juil. 2024", "9 mai 2024",
            "18 janvier 2024",
            "2 Février 2024", "4 sept. 2024", "4 septem 2024", "4 marsx 2024", "4 décembre. 2024",
        ]
        let times = ["10:00:00", "9:05:00", "10:00", "23:59:61", "24:00:00", ""]
        let zones = ["", " GMT", " +0100", " -0530", " Z", " UT", " UTC", " EST", " -05:00", " XYZ", " +01"]
        var answered = 0
        for d in days {
            for date in dates {
                for t in times {
                    for z in zones {
                        let text = (d + date + (t.isEmpty ? "" : " " + t) + z).lowercased()
                        let fast = Array(text.utf8).withUnsafeBufferPointer(FeedDate.rfc822Canonical)
                        if let fast {
                            answered += 1
                            #expect(fast == FeedDate.rfc822(text), "\(text)")
                        }
                    }
                }
            }
        }
        #expect(answered > 100) // the canonical form is common: the fast reader must take it
        #expect(Array("mon, 18 nov 2024 10:00:00 est".utf8).withUnsafeBufferPointer(FeedDate.rfc822Canonical) == nil)
        // French publishers' form (Le Monde's localised pubDate) takes the fast reader too.
        let french = Array("mer., 27 mars 2024 09:00:14 +0100".utf8).withUnsafeBufferPointer(FeedDate.rfc822Canonical)
        #expect(french.flatMap { $0 }.map(UTCStamp.format) == "2024-03-27T08:00:14Z")
    }
}
