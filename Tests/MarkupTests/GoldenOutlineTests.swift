import Foundation
import Testing
import VeilleCore

@testable import Markup

/// The trees libxml2 2.9 builds for the fixture feeds and pages, frozen as golden outlines beside them
/// (`<input>.outline`, ``MarkupOutline``): veille's own parsers must build the same trees whatever libxml2 is
/// installed, and libxml2 itself is checked against them only when it is the version they were made with.
@Suite struct GoldenOutlineTests {
    /// A feed as the own XML parser receives it: UTF-8 without its byte order mark.
    static func xmlInput(_ path: String) throws -> [UInt8] {
        var bytes = try MarkupFixtures.bytes(path)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        return bytes
    }

    @Test func everyXMLInputIsUTF8AndHasItsGolden() throws {
        let inputs = MarkupFixtures.inputs("xml")
        #expect(inputs.count > 100)
        for path in inputs {
            let bytes = try MarkupFixtures.bytes(path)
            #expect(Charset.decide(bytes, httpCharset: nil, kind: .xml).label == "utf-8", "\(path)")
            #expect(MarkupFixtures.writing || MarkupFixtures.golden(path) != nil, "\(path): no golden outline")
        }
    }

    @Test func ownXMLParserBuildsTheGoldenTrees() throws {
        for path in MarkupFixtures.inputs("xml") {
            guard let golden = MarkupFixtures.golden(path) else { continue }
            let own = try #require(XMLTreeParser.parse(try Self.xmlInput(path)), "\(path): declined")
            #expect(MarkupOutline.xml(own) == golden, "\(path)")
        }
    }

    @Test(.enabled(if: MarkupFixtures.libxml2IsGoldenVersion, "the goldens' libxml2 is installed"))
    func libxml2StillBuildsTheGoldenXMLTrees() throws {
        for path in MarkupFixtures.inputs("xml") {
            let reference = try #require(MarkupOutline.libxml2XMLTree(try Self.xmlInput(path)), "\(path)")
            if MarkupFixtures.writing {
                try MarkupFixtures.write(path, outline: MarkupOutline.xml(reference))
            } else {
                #expect(MarkupOutline.xml(reference) == MarkupFixtures.golden(path), "\(path)")
            }
        }
    }

    @Test func ownHTMLParserBuildsTheGoldenTrees() throws {
        let pages = MarkupFixtures.inputs("html")
        #expect(pages.count > 10)
        for path in pages {
            let own = try #require(HTMLTree.parse(try MarkupFixtures.bytes(path)), "\(path)")
            let golden = MarkupFixtures.golden(path)
            #expect(MarkupFixtures.writing || golden != nil, "\(path): no golden outline")
            #expect(golden == nil || MarkupOutline.html(own) == golden, "\(path)")
        }
    }

    @Test(.enabled(if: MarkupFixtures.libxml2IsGoldenVersion, "the goldens' libxml2 is installed"))
    func libxml2StillBuildsTheGoldenHTMLTrees() throws {
        for path in MarkupFixtures.inputs("html") {
            let reference = try #require(HTMLTree.parseWithLibXML2(try MarkupFixtures.bytes(path)), "\(path)")
            if MarkupFixtures.writing {
                try MarkupFixtures.write(path, outline: MarkupOutline.html(reference))
            } else {
                #expect(MarkupOutline.html(reference) == MarkupFixtures.golden(path), "\(path)")
            }
        }
    }

    /// The differential check the fuzz target runs finds nothing on the fixtures, and finds a planted
    /// difference (a tree compared with another document's).
    @Test func differentialCheckAgreesOnTheFixtures() throws {
        for path in MarkupFixtures.inputs("xml") {
            let d = MarkupOutline.xmlDisagreement(try Self.xmlInput(path))
            #expect(d == nil || !MarkupFixtures.libxml2IsGoldenVersion, "\(path): \(d.map { "\($0)" } ?? "")")
        }
        let a = try #require(XMLTreeParser.parse(Array("<a>x</a>".utf8)))
        let b = try #require(MarkupOutline.libxml2XMLTree(Array("<a>y</a>".utf8)))
        #expect(MarkupOutline.xml(a) != MarkupOutline.xml(b))
    }
}
