import Testing

@testable import Matching

/// The one-pass normalization, one row per variant class, and its map back to the original bytes.
struct NormalizerTests {
    static let table: [(class: String, input: String, normalized: String)] = [
        ("case", "VIGINUM Viginum viginum", "viginum viginum viginum"),
        ("case, non-Latin", "ΑΘΗΝΑ Москва", "αθηνα москва"),
        ("diacritics, Latin-1", "Azerbaïdjan azéri Élysée ÇA", "azerbaidjan azeri elysee ca"),
        ("diacritics, Latin Extended-A", "Nağiyev Łódź Čapek Ōsaka", "nagiyev lodz capek osaka"),
        ("diacritics, Latin Extended-B and schwa", "Azərbaycan Partiyası Ə ǅ", "azerbaycan partiyasi e dz"),
        ("combining marks (NFD)", "Aze\u{0301}ri", "azeri"),
        ("ligatures", "sœur Œuvre æther ﬁn ﬂux ß", "soeur oeuvre aether fin flux ss"),
        ("elision l'", "l'Azerbaïdjan", "azerbaidjan"),
        ("elision d’ typographic", "d’Azerbaïdjan", "azerbaidjan"),
        ("elision qu' jusqu' lorsqu'", "qu'Ilham jusqu'à lorsqu'Aliev", "ilham a aliev"),
        ("elision before h", "l'homme d’habitude", "homme habitude"),
        ("no elision before a consonant", "l'Russie d'Bakou", "l russie d bakou"),
        ("no elision inside a word", "aujourd'hui Macron's", "aujourd hui macron s"),
        (
            "hyphens and dashes", "Storm-1516 Storm‑1516 Storm–1516 Haut-Karabakh",
            "storm 1516 storm 1516 storm 1516 haut karabakh"
        ),
        ("non-breaking, thin, narrow spaces", "New\u{00A0}York\u{2009}Insider\u{202F}!", "new york insider "),
        ("soft hyphen and zero-width joiner vanish", "Azer\u{00AD}baïd\u{200D}jan", "azerbaidjan"),
        ("zero-width space splits", "Baku\u{200B}Initiative", "baku initiative"),
        // A trailing run of separators leaves one space: the text ends on a word boundary.
        ("punctuation runs collapse", "« Bakou » … (JO) — !", "bakou jo "),
        (
            "hashtags and handles: the mark is a word of its own", "#RecognizeNewCaledonia @reliablerecentnews",
            "# recognizenewcaledonia @ reliablerecentnews"
        ),
        ("fullwidth", "ＶＩＧＩＮＵＭ", "viginum"),
        ("emoji split words", "Bakou🔥JO", "bakou jo"),
        // Three-byte letters are never taken for two-byte ones (a lead byte E3 once read as À).
        ("other scripts, three-byte", "中国 東京 ひらがな", "中国 東京 ひらかな"),
    ]

    @Test(arguments: table)
    func normalizes(_ row: (class: String, input: String, normalized: String)) {
        let out = String(decoding: Normalizer.normalize(row.input), as: UTF8.self)
        #expect(out == row.normalized, "\(row.class)")
    }

    @Test func offsetsMapBackToTheOriginal() {
        let text = "À  l’Azerbaïdjan,\u{00A0}sœur… #Bakou"
        var copy = text
        let norm = copy.withUTF8 { Normalizer.normalize($0, nil) }
        let original = Array(text.utf8)
        let normalized = String(decoding: norm.bytes, as: UTF8.self)
        #expect(normalized == " a azerbaidjan soeur # bakou")
        func span(_ word: String) -> String {
            let n = Array(normalized.utf8)
            let w = Array(word.utf8)
            guard let i = (0...(n.count - w.count)).first(where: { Array(n[$0..<$0 + w.count]) == w }) else {
                return "?"
            }
            return original.withUnsafeBufferPointer { o in
                let whole = OriginalText([o])
                return String(
                    decoding: original[norm.originalStart(i, whole)..<norm.originalEnd(i + w.count, whole)],
                    as: UTF8.self)
            }
        }
        #expect(span("azerbaidjan") == "Azerbaïdjan")
        #expect(span("soeur") == "sœur")
        #expect(span("# bakou") == "#Bakou")
        #expect(span("a") == "À")
    }

    /// Pieces of text that exercise every branch of the normalizer (accents, marks, elisions, separators,
    /// scripts, invalid-looking sequences, runs of ASCII).
    static let pieces = [
        "Bakou", "l’", "Azerbaïdjan", " ", "  ", "#", "@", "BIG", "big", "JO", "é", "œ", "\u{00AD}",
        "\u{0301}", "🔥", "\u{0000}", "\n", "qu'", "Aliev", "-", "’", "azéri", "ǅ", "ﬁ", "VIGINUM",
        "\u{200B}", "Ŀ", "ıİ", "ＢＩＧ", "\u{FEFF}", "d'", "L'", "jusqu’", "h", "a", "中国", "ひらがな",
        "ªº", ", ", ". ", "«", "»", "Ω", "ж", "\u{10400}", "`", "Paris 2024", "JOP24", "x1y2z3w4v5",
        "The Campaign IMPERSONATED national newspapers in 2024", "a\tb\r\nc  d",
        String(String.UnicodeScalarView((32...126).compactMap(Unicode.Scalar.init))),
    ]

    /// The bytes-only loop (no anchors, used to look for hits) writes exactly the bytes of the anchored one.
    @Test(arguments: 0..<40)
    func plainLoopWritesTheSameBytes(_ seed: Int) {
        var state = UInt64(seed + 1)
        func next() -> Int {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33)
        }
        var title = ""
        var text = ""
        for _ in 0..<(next() % 20) { title += Self.pieces[next() % Self.pieces.count] }
        for _ in 0..<(next() % 600) { text += Self.pieces[next() % Self.pieces.count] }
        var t = title
        var x = text
        let anchored = t.withUTF8 { tb in x.withUTF8 { xb in Normalizer.normalize(tb, xb, anchored: true) } }
        let plain = t.withUTF8 { tb in x.withUTF8 { xb in Normalizer.normalize(tb, xb, anchored: false) } }
        #expect(plain.bytes == anchored.bytes)
        #expect(plain.fieldBreaks == anchored.fieldBreaks)
        let one = x.withUTF8 { Normalizer.normalize($0, nil, anchored: false) }
        #expect(one.bytes == x.withUTF8 { Normalizer.normalize($0, nil, anchored: true) }.bytes)
        // Windows from the checkpoints map every offset inside them as the whole anchored pass does.
        let count = plain.bytes.count
        var spans: [(start: Int, end: Int)] = []
        var at = next() % 40
        while at < count {
            // Within one field, as hits are.
            if plain.fieldBreaks.contains(at) { at += 1 }
            let end = min(count, at + 1 + next() % 30, plain.fieldBreaks.first { $0 > at } ?? count)
            spans.append((at, end))
            at = end + next() % 300
        }
        var windows = plain
        t.withUTF8 { tb in
            x.withUTF8 { xb in
                let original = OriginalText([tb, xb])
                Normalizer.mapWindows(&windows, original, spans: spans)
                for span in spans {
                    for n in span.start..<span.end {
                        #expect(windows.originalStart(n, original) == anchored.originalStart(n, original), "\(n)")
                        #expect(windows.originalEnd(n + 1, original) == anchored.originalEnd(n + 1, original))
                    }
                }
            }
        }
    }
}
