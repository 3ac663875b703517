import Foundation
import Matching
import Pipeline
import Testing
import VeilleCore

@Suite("imported domains at work: matching and listed sources")
struct ImportedDomainsTests {
    @Test func importedDomainListLinksItemsByURLAndLink() throws {
        let path = try InteropFiles.configFolder(watchlist: "")
        try InteropFiles.importAll([try InteropFiles.path("rrn-2023.stix.json")], into: path)
        let (_, w) = try InteropFiles.importAll([try InteropFiles.path("rrn-domains.csv")], into: path, campaign: "rrn")
        let stage = MatchStage(CompiledWatchlist(w))
        let byURL = stage.links(
            title: "Un article", text: "Rien.", url: "https://fr.rrussianews.com/x", canonicalURL: nil)
        #expect(byURL.map(\.entityID) == ["rrn"])
        #expect(byURL.first?.evidence.contains(#""field":"url""#) == true)
        let lookalike = stage.links(
            title: nil, text: "voir https://rrussianews.com.evil/ ici", url: nil, canonicalURL: nil)
        #expect(lookalike.isEmpty)
        let inText = stage.links(
            title: nil, text: "Le clone http://nnewws.ru/a circulait.", url: nil, canonicalURL: nil)
        #expect(inText.map(\.entityID) == ["rrn"])
        #expect(
            inText.first?.evidence.contains(
                #""alias":"nnewws.ru","found":"http://nnewws.ru/a","field":"link","start":9,"end":27"#) == true)
    }

    @Test func sourceOnAListIsFlagged() throws {
        let w = Watchlist(
            actors: [], campaigns: [WatchEntity(id: "rrn", name: "RRN", caseSensitive: ["RRN"], domains: ["rrn.world"])]
        )
        let config = SourcesFile(
            contact: nil,
            sources: [
                SourceConfig(id: "clone", kind: .feed, url: "https://www.rrn.world/feed"),
                SourceConfig(id: "lemonde", kind: .feed, url: "https://www.lemonde.fr/rss.xml"),
            ])
        #expect(ListedSources.flags(config: config, watchlist: w) == ["clone": "source is on the RRN list (rrn.world)"])
    }
}
