import Testing

@testable import Workbench

/// The word diff of the item page and `veille show --diff`.
@Suite struct WordDiffTests {
    @Test(arguments: [
        ("a b c", "a b c", "a b c"),
        ("a b c", "a x c", "a [-b -]{+x +}c"),
        ("le chat dort", "le chien dort bien", "le [-chat -]{+chien +}dort {+bien+}"),
        ("", "nouveau texte", "{+nouveau texte+}"),
        ("ancien texte", "", "[-ancien texte-]"),
        ("un deux trois quatre", "deux trois cinq", "[-un -]deux trois [-quatre-]{+cinq+}"),
    ])
    func segments(old: String, new: String, expected: String) {
        #expect(Workbench.wdiff(WordDiff.diff(old, new)) == expected)
    }

    @Test func joiningGivesBackBothTexts() {
        let old = "  Le  ministre a déclaré\nlundi que la Russie…  "
        let new = "Le ministre a démenti\n\nmardi que la Russie… et l'Azerbaïdjan"
        let d = WordDiff.diff(old, new)
        #expect(
            d.filter { $0.op != .inserted }.map(\.text).joined().split(whereSeparator: \.isWhitespace)
                == old.split(whereSeparator: \.isWhitespace))
        #expect(d.filter { $0.op != .deleted }.map(\.text).joined() == new)
    }

    @Test func aHugeRewriteIsOneDeletionAndOneInsertion() {
        let old = (0..<3_000).map { "w\($0)" }.joined(separator: " ")
        let new = (0..<3_000).map { "v\($0)" }.joined(separator: " ")
        #expect(WordDiff.diff(old, new).map(\.op) == [.deleted, .inserted])
    }
}
