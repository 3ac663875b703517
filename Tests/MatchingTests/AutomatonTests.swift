import Testing

@testable import Matching

/// The automaton against a naive search: every occurrence once, whether every state is dense (the text cut
/// into stretches) or deep states are sparse (root skipping, word-start lookup, failure links).
struct AutomatonTests {
    /// A small deterministic generator (LCG), so failures reproduce.
    struct Numbers {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33) % bound
        }
    }

    /// Occurrences reported by the scan, as (pattern, end), in report order.
    static func scanned(_ a: Automaton, _ text: [UInt8], lengths: [Int]) -> [[Int]] {
        var found: [[Int]] = []
        text.withUnsafeBufferPointer { t in
            a.scan(t) { state, end, startBelow in
                for o in a.outputStart[state]..<a.outputStart[state + 1] {
                    let p = Int(a.outputs[Int(o)])
                    if end - lengths[p] < startBelow { found.append([p, end]) }
                }
            }
        }
        return found
    }

    /// Every occurrence of every pattern, as (pattern, end).
    static func naive(_ patterns: [[UInt8]], _ text: [UInt8]) -> Set<[Int]> {
        var out = Set<[Int]>()
        for (index, p) in patterns.enumerated() where p.count <= text.count {
            for start in 0...(text.count - p.count) where Array(text[start..<start + p.count]) == p {
                out.insert([index, start + p.count])
            }
        }
        return out
    }

    @Test(arguments: [(0, Automaton.denseBudget), (1, Automaton.denseBudget), (2, 0), (3, 0), (4, 4096)])
    func findsEveryOccurrenceOnce(_ seed: Int, _ budget: Int) {
        var rng = Numbers(state: UInt64(seed + 1))
        let alphabet = Array("ab ".utf8) + [0xC3]
        var patterns: [[UInt8]] = []
        for _ in 0..<60 { // short and long patterns, many sharing prefixes and spanning words
            var p: [UInt8] = [0x20, alphabet[rng.next(2)]]
            for _ in 0..<rng.next(12) { p.append(alphabet[rng.next(alphabet.count)]) }
            patterns.append(p)
        }
        let automaton = Automaton(patterns: patterns, denseBudget: budget)
        for length in [0, 1, 7, 40, 255, 256, 300, 1_000, 5_000] {
            var text: [UInt8] = []
            for _ in 0..<length { text.append(alphabet[rng.next(alphabet.count)]) }
            let found = Self.scanned(automaton, text, lengths: patterns.map(\.count))
            #expect(found.count == Set(found).count, "duplicate reports, length \(length)")
            let expected = Self.naive(patterns, text)
            let missing = expected.subtracting(found)
            let extra = Set(found).subtracting(expected)
            #expect(
                missing.isEmpty && extra.isEmpty,
                "length \(length), budget \(budget): \(missing.count) missing, \(extra.count) extra")
        }
    }

    /// Aliases of Latin, Cyrillic and Hangul script (long chains of deep states, some branching), scanned
    /// with every state dense, with only the shallow ones dense (sparse chains laid out depth first, the
    /// first edge inline), and with a small budget: the same reports.
    @Test(arguments: [0, 1, 2])
    func sparseChainsReportAsDenseRowsDo(_ seed: Int) {
        var rng = Numbers(state: UInt64(seed + 40))
        let syllables = ["ka", "ri", "kar", "ве", "ло", "вел", "한", "국", "어", "ab", "é"].map { Array($0.utf8) }
        var patterns: [[UInt8]] = []
        for _ in 0..<300 {
            var p: [UInt8] = [0x20]
            for w in 0..<(1 + rng.next(3)) {
                if w > 0 { p.append(0x20) }
                for _ in 0..<(1 + rng.next(5)) { p += syllables[rng.next(syllables.count)] }
            }
            patterns.append(p)
        }
        let lengths = patterns.map(\.count)
        let automata = [1 << 30, 0, 20_000].map { Automaton(patterns: patterns, denseBudget: $0) }
        #expect(automata[0].denseCount == automata[0].stateCount && automata[1].denseCount < automata[1].stateCount)
        for length in [3, 200, 3_000] {
            var text: [UInt8] = []
            while text.count < length {
                text += rng.next(3) == 0 ? patterns[rng.next(patterns.count)] : syllables[rng.next(syllables.count)]
                if rng.next(2) == 0 { text.append(0x20) }
            }
            let expected = Self.naive(patterns, text)
            for a in automata {
                let found = Self.scanned(a, text, lengths: lengths)
                #expect(Set(found) == expected && found.count == expected.count, "length \(length)")
            }
        }
    }
}
