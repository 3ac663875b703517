import Foundation
import Testing

@testable import VeilleCore

@Suite struct CharsetTests {
    struct Case: Sendable, CustomStringConvertible {
        let bytes: [UInt8]
        let http: String?
        let kind: Charset.DocumentKind
        let label: String
        let origin: Charset.Origin
        var description: String { "\(label) by \(origin)" }
    }

    static let cases: [Case] = [
        Case(
            bytes: [0xEF, 0xBB, 0xBF] + Array("<r/>".utf8), http: "iso-8859-1", kind: .xml, label: "utf-8", origin: .bom
        ),
        Case(
            bytes: Array("<?xml version='1.0' encoding='ISO-8859-1'?><r/>".utf8), http: nil, kind: .xml,
            label: "iso-8859-1", origin: .declaration),
        Case(
            bytes: Array("<?xml version='1.0' encoding='ISO-8859-1'?><r/>".utf8), http: "utf-8", kind: .xml,
            label: "utf-8", origin: .http),
        Case(
            bytes: Array("<html><head><title>x</title><meta charset=\"windows-1252\"></head></html>".utf8), http: nil,
            kind: .html, label: "windows-1252", origin: .declaration),
        Case(
            bytes: Array("<meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-15\">".utf8),
            http: nil, kind: .html, label: "iso-8859-15", origin: .declaration),
        Case(bytes: Array("plain café".utf8), http: nil, kind: .text, label: "utf-8", origin: .sniffed),
        Case(bytes: [0x63, 0x61, 0x66, 0xE9], http: nil, kind: .text, label: "windows-1252", origin: .sniffed),
        Case(bytes: [0xFF, 0xFE, 0x3C, 0x00], http: nil, kind: .xml, label: "utf-16le", origin: .bom),
    ]

    @Test(arguments: cases)
    func decides(c: Case) {
        let d = Charset.decide(c.bytes, httpCharset: c.http, kind: c.kind)
        #expect(d.label == c.label)
        #expect(d.origin == c.origin)
    }

    @Test func declaredUTF8ThatIsInvalidFallsBackToWindows1252() {
        let bytes = Array("<?xml version=\"1.0\" encoding=\"UTF-8\"?><r>caf".utf8) + [0xE9] + Array("</r>".utf8)
        let d = Charset.decide(bytes, httpCharset: nil, kind: .xml)
        #expect(d.label == "windows-1252")
        #expect(Charset.decode(bytes, with: d).contains("café"))
        #expect(Charset.decide(bytes, httpCharset: "utf-8", kind: .xml).label == "windows-1252")
    }

    @Test func windows1252HighRangeDecodes() {
        // 0x80 euro, 0x92 right single quote, 0x9C œ
        #expect(Charset.decode([0x80, 0x20, 0x92, 0x9C], httpCharset: "windows-1252", kind: .text) == "€ ’œ")
    }

    @Test(
        arguments: [
            ([0x61], true), ([0xC3, 0xA9], true), ([0xC3], false), ([0xE2, 0x82], false), ([0xC0, 0xAF], false),
            ([0xED, 0xA0, 0x80], false), ([0xF4, 0x90, 0x80, 0x80], false), ([0xF0, 0x9F, 0x98, 0x80], true),
        ] as [([UInt8], Bool)])
    func utf8Validity(bytes: [UInt8], valid: Bool) {
        #expect(Charset.isValidUTF8(bytes[...]) == valid)
    }

    @Test(
        arguments: [("UTF8", "utf-8"), ("\"latin1\"", "iso-8859-1"), ("CP1252", "windows-1252"), ("", nil)]
            as [(String, String?)])
    func normalizesLabels(raw: String, expected: String?) {
        #expect(Charset.normalize(raw) == expected)
    }
}
