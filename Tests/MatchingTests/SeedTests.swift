import Foundation
import Matching
import Testing

/// The five seeds, linked exactly as `../shared/seeds/README.md` says by the default watchlist.
struct SeedTests {
    struct Expectation: Decodable {
        var campaigns: [String]
        var actors: [String]
        var not: [String]
    }

    static let files = [
        "000_b3aab00e85e1f7da.txt", "001_e5bef4287ffb033b.txt", "002_8790c8099b9d4604.txt",
        "003_967f25338ef12023.txt", "004_19c82249f153df56.txt",
    ]

    @Test(arguments: files)
    func seedIsLinkedExactly(_ file: String) throws {
        let expected = try JSONDecoder().decode(
            [String: Expectation].self, from: TestFiles.fixture("seeds/expected.json"))
        let want = try #require(expected[file])
        let compiled = try #require(TestFiles.compiled, "Feeds/watchlist.yaml must load")
        let text = String(decoding: try TestFiles.fixture("seeds/" + file), as: UTF8.self)
        let matches = compiled.match(title: nil, text: text)
        let campaigns = Set(matches.filter { $0.entityKind == .campaign }.map(\.entityID))
        let actors = Set(matches.filter { $0.entityKind == .actor }.map(\.entityID))
        #expect(campaigns == Set(want.campaigns))
        #expect(actors == Set(want.actors))
        #expect(campaigns.union(actors).isDisjoint(with: want.not))
        // Evidence: every span's found text is the original text at its offsets.
        let bytes = Array(text.utf8)
        for m in matches {
            #expect(String(decoding: bytes[m.start..<m.end], as: UTF8.self) == m.found)
            #expect(m.snippet.contains(m.found))
        }
    }

    @Test func bigIsTheAcronymOnlyNearBaku() throws {
        let compiled = try #require(TestFiles.compiled)
        let text = String(decoding: try TestFiles.fixture("seeds/002_8790c8099b9d4604.txt"), as: UTF8.self)
        let big = compiled.match(title: nil, text: text).filter {
            $0.entityID == "baku-initiative-group" && $0.rule == .all
        }
        #expect(!big.isEmpty)
        #expect(
            big.allSatisfy {
                $0.found == "BIG" || $0.found.lowercased().contains("bak") || $0.found.lowercased().contains("azer")
            })
        #expect(
            compiled.match(title: nil, text: "That was a big deal in Baku.").allSatisfy {
                $0.entityID != "baku-initiative-group"
            })
    }
}
