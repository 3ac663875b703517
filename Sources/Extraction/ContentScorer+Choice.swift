import Markup

extension ContentScorer {
    /// Scores paragraphs into their ancestors and picks the article's roots (the top candidate and the
    /// siblings that belong with it). Falls back to the body when nothing scores.
    func choose(removed: [Bool], stats: [NodeStats]) -> [Int] {
        let n = model.tree.nodes.count
        var score = [Float](repeating: 0, count: n)
        var initialized = [Bool](repeating: false, count: n)
        var candidates: [Int] = []
        let body = model.body

        func initialize(_ a: Int) {
            let tag = NodeStats.readsAsParagraph(model.tag(a), stats[a]) ? HTMLTag.p : model.tag(a)
            score[a] = TagVocabulary.baseScore(tag) + (options.weightClasses ? Float(model.classWeight(a)) : 0)
            initialized[a] = true
            candidates.append(a)
        }
        func distribute(_ text: Int32, _ commas: Int32, from first: Int) {
            guard text >= 25 else { return }
            let value = 1 + Float(commas) + Float(min(text / 100, 3))
            var a = first
            var level = 0
            while a > 0, level < 5, model.parent(a) > 0 {
                if !initialized[a] { initialize(a) }
                let divider: Float = level == 0 ? 1 : (level == 1 ? 2 : Float(level * 3))
                score[a] += value / divider
                a = model.parent(a)
                level += 1
            }
        }

        // Score paragraphs, in document order, skipping dropped subtrees.
        var i = body + 1
        let end = model.end(body)
        while i < end {
            if removed[i] {
                i = model.end(i)
                continue
            }
            guard model.isElement(i) else {
                i += 1
                continue
            }
            let tag = model.tag(i)
            let s = stats[i]
            if TagVocabulary.scored.contains(tag) || (tag == .div && !s.block) {
                distribute(s.text, s.commas, from: model.parent(i))
            } else if tag == .div {
                // Runs of inline content directly inside a div with blocks are paragraphs of their own.
                var runText: Int32 = 0
                var runCommas: Int32 = 0
                var c = i + 1
                let e = model.end(i)
                while c < e {
                    defer { c = model.end(c) }
                    if removed[c] { continue }
                    let node = model.tree.nodes[c]
                    if node.kind == .text {
                        runText += model.chars[c]
                        runCommas += model.commas[c]
                    } else if TagVocabulary.phrasing.contains(node.tag) && !stats[c].block {
                        runText += stats[c].text
                        runCommas += stats[c].commas
                    } else {
                        distribute(runText, runCommas, from: i)
                        runText = 0
                        runCommas = 0
                    }
                }
                distribute(runText, runCommas, from: i)
            }
            i += 1
        }

        // Link-heavy candidates lose their share; keep the best five.
        for c in candidates { score[c] *= 1 - stats[c].linkDensity }
        let top5 = candidates.sorted { score[$0] > score[$1] }.prefix(5)
        guard var top = top5.first, model.tag(top) != .body else { return [body] }

        // Several close runners-up under one ancestor: that ancestor is the article.
        var alternatives: [Set<Int>] = []
        for c in top5.dropFirst() where score[top] > 0 && score[c] / score[top] >= 0.75 {
            alternatives.append(Set(ancestors(of: c)))
        }
        if alternatives.count >= 3 {
            var p = model.parent(top)
            while p > 0, model.tag(p) != .body {
                if alternatives.filter({ $0.contains(p) }).count >= 3 {
                    top = p
                    break
                }
                p = model.parent(p)
            }
        }
        if !initialized[top] { initialize(top) }

        // Climb while an ancestor scores better; then through single-child wrappers.
        var p = model.parent(top)
        var lastScore = score[top]
        let threshold = lastScore / 3
        while p > 0, model.tag(p) != .body {
            if !initialized[p] {
                p = model.parent(p)
                continue
            }
            if score[p] < threshold { break }
            if score[p] > lastScore {
                top = p
                break
            }
            lastScore = score[p]
            p = model.parent(p)
        }
        p = model.parent(top)
        while p > 0, model.tag(p) != .body, stats[p].children == 1 {
            top = p
            p = model.parent(top)
        }
        if !initialized[top] { initialize(top) }
        return siblings(of: top, score: score, initialized: initialized, removed: removed, stats: stats)
    }

    /// The top candidate and the siblings that score well enough or read as prose paragraphs.
    func siblings(of top: Int, score: [Float], initialized: [Bool], removed: [Bool], stats: [NodeStats]) -> [Int] {
        let parent = model.parent(top)
        guard parent > 0 else { return [top] }
        let threshold = max(10, score[top] * 0.2)
        let topClass = model.tree.attribute(top, "class").map { model.tree.bytes[$0] }
        var roots: [Int] = []
        var c = parent + 1
        let e = model.end(parent)
        while c < e {
            defer { c = model.end(c) }
            guard model.isElement(c), !removed[c] else { continue }
            if c == top {
                roots.append(c)
                continue
            }
            var bonus: Float = 0
            if let tc = topClass, !tc.isEmpty, let r = model.tree.attribute(c, "class"), model.tree.bytes[r] == tc {
                bonus = score[top] * 0.2
            }
            let s = stats[c]
            if initialized[c], score[c] + bonus >= threshold {
                roots.append(c)
            } else if NodeStats.readsAsParagraph(model.tag(c), s) {
                let ld = s.linkDensity
                if s.text > 80, ld < 0.25 {
                    roots.append(c)
                } else if s.text < 80, s.text > 0, ld == 0, endsSentence(c) {
                    roots.append(c)
                }
            }
        }
        return roots.isEmpty ? [top] : roots
    }

    /// All element ancestors of a node.
    func ancestors(of i: Int) -> [Int] {
        var out: [Int] = []
        var p = model.parent(i)
        while p > 0 {
            out.append(p)
            p = model.parent(p)
        }
        return out
    }

    /// Readability's `/\.( |$)/`: a full stop followed by a space or ending the text.
    func endsSentence(_ i: Int) -> Bool {
        var k = i + 1
        let e = model.end(i)
        var lastNonSpace: UInt8 = 0
        while k < e {
            let node = model.tree.nodes[k]
            if node.kind == .text {
                let s = Int(node.start)
                let t = Int(node.start + node.count)
                for j in s..<t {
                    let b = model.tree.bytes[j]
                    if b == 46, j + 1 < t, model.tree.bytes[j + 1] == 32 { return true }
                    if !ClassMatcher.isSpace(b) { lastNonSpace = b }
                }
            }
            k += 1
        }
        return lastNonSpace == 46
    }
}
