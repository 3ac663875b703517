import Storage

/// Groups near-duplicate texts (the same wire story on several sites) so a digest shows them once.
///
/// Each text gets a 64-bit SimHash over its word 3-shingles (words lowercased, letters and digits only);
/// two texts are near-duplicates when their fingerprints differ in at most ``maxDistance`` bits. Candidates
/// are found through four 16-bit bands (two fingerprints within 3 bits share at least one band exactly), so
/// the cost is linear in the number of items plus the size of the buckets. Short texts (fewer than
/// ``minShingles`` shingles) are only grouped when their normalized words are identical.
public enum NearDuplicates {
    /// Bits two fingerprints may differ by (reason: ~5 % of 64, the usual SimHash threshold for near-copies).
    static let maxDistance = 3
    /// Below this many shingles a SimHash is noise (reason: a title alone is too short to compare loosely).
    static let minShingles = 8

    /// One text's fingerprint.
    struct Print: Equatable {
        var hash: UInt64
        var shingles: Int
        var exact: UInt64
    }

    /// Clusters of indices into `texts`, each in input order, clusters ordered by their first index.
    public static func groups(_ texts: [String]) -> [[Int]] {
        let prints = texts.map(fingerprint)
        var parent = Array(0..<texts.count)
        func find(_ i: Int) -> Int {
            var i = i
            while parent[i] != i {
                parent[i] = parent[parent[i]]
                i = parent[i]
            }
            return i
        }
        func union(_ a: Int, _ b: Int) {
            let ra = find(a)
            let rb = find(b)
            if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
        }
        var exact: [UInt64: Int] = [:]
        var bands: [[UInt16: [Int]]] = Array(repeating: [:], count: 4)
        for (i, p) in prints.enumerated() {
            if p.shingles == 0 { continue }
            if let j = exact[p.exact] {
                union(i, j)
                continue
            }
            exact[p.exact] = i
            guard p.shingles >= minShingles else { continue }
            for b in 0..<4 {
                let key = UInt16(truncatingIfNeeded: p.hash >> (16 * b))
                for j in bands[b][key, default: []] where find(i) != find(j) {
                    if (prints[j].hash ^ p.hash).nonzeroBitCount <= maxDistance { union(i, j) }
                }
                bands[b][key, default: []].append(i)
            }
        }
        var clusters: [Int: [Int]] = [:]
        var order: [Int] = []
        for i in texts.indices {
            let r = find(i)
            if clusters[r] == nil { order.append(r) }
            clusters[r, default: []].append(i)
        }
        return order.compactMap { clusters[$0] }
    }

    /// SimHash of the word 3-shingles, and a hash of the whole normalized word sequence.
    static func fingerprint(_ text: String) -> Print {
        var words: [UInt64] = []
        var h: UInt64 = 0xcbf29ce484222325
        var inWord = false
        for scalar in text.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                h = (h ^ UInt64(scalar.value)) &* 0x100000001b3
                inWord = true
            } else if inWord {
                words.append(h)
                h = 0xcbf29ce484222325
                inWord = false
            }
        }
        if inWord { words.append(h) }
        var exact: UInt64 = 0xcbf29ce484222325
        for w in words { exact = (exact ^ w) &* 0x100000001b3 }
        guard words.count >= 3 else { return Print(hash: exact, shingles: words.isEmpty ? 0 : 1, exact: exact) }
        var counts = [Int](repeating: 0, count: 64)
        for i in 0..<(words.count - 2) {
            let s = mix(words[i] &+ mix(words[i + 1] &+ mix(words[i + 2])))
            for bit in 0..<64 { counts[bit] += (s >> UInt64(bit)) & 1 == 1 ? 1 : -1 }
        }
        var hash: UInt64 = 0
        for bit in 0..<64 where counts[bit] > 0 { hash |= 1 << UInt64(bit) }
        return Print(hash: hash, shingles: words.count - 2, exact: exact)
    }

    /// A 64-bit finalizer (splitmix64), so shingle hashes spread over every bit.
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9e3779b97f4a7c15
        z = (z ^ (z >> 30)) &* 0xbf58476d1ce4e5b9
        z = (z ^ (z >> 27)) &* 0x94d049bb133111eb
        return z ^ (z >> 31)
    }

    /// The text a delta is compared on: title then text.
    static func text(of d: DeltaExport) -> String { (d.title ?? "") + " \n " + (d.text ?? "") }
}
