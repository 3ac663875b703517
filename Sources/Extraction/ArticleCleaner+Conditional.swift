import Foundation
import Markup

extension ArticleCleaner {
    /// Whole-text labels of ad slots and loaders (Readability's adWords and loadingWords, French included).
    static let placeholderTexts: Set<String> = [
        "ad", "ads", "advertising", "advertisement", "pub", "publicité", "publicite", "anzeige", "werbung",
        "loading", "loading…", "loading...", "chargement", "chargement…", "chargement...", "cargando",
    ]

    /// Readability's conditional cleaning of one table, list, div or form.
    func shouldRemove(_ i: Int, _ stats: [NodeStats], _ dataTables: inout [Int: Bool]) -> Bool {
        let tag = model.tag(i)
        let s = stats[i]
        var isList = tag == .ul || tag == .ol
        if !isList, s.text > 0 { isList = Float(s.list) / Float(s.text) > 0.9 }
        if tag == .table, isDataTable(i, &dataTables) { return false }
        if model.ancestry[i].contains(.code) { return false }
        if model.ancestry[i].contains(.table), insideDataTable(i, &dataTables) { return false }
        let weight = options.weightClasses ? model.classWeight(i) : 0
        // A negative class ("o-media", "field--label-hidden") does not outweigh a block of prose: long, with
        // commas, mostly not links. A negative id still does: an id names one block on purpose ("comments").
        if weight < 0, !isProse(s) || model.idSets[i].contains(.negative) { return true }
        guard s.commas < 10 else { return false }
        if s.text <= 20, isPlaceholder(i) { return true }
        let p = Float(s.p)
        let img = Float(s.img)
        let li = Float(s.li) - 100
        let input = Float(s.input)
        let headingDensity: Float = s.text > 0 ? Float(s.heading) / Float(s.text) : 0
        let linkDensity = s.linkDensity
        let isFigureChild = model.ancestry[i].contains(.figure)
        var remove = false
        if !isFigureChild, img > 1, p / img < 0.5 { remove = true }
        if !isList, li > p { remove = true }
        if input > (p / 3).rounded(.down) { remove = true }
        if !isList, headingDensity < 0.9, s.text < 25, img == 0 || img > 2, !isFigureChild, linkDensity > 0 {
            remove = true
        }
        if !isList, weight < 25, linkDensity > 0.2 { remove = true }
        if weight >= 25, linkDensity > 0.5 { remove = true }
        if s.embed == 1 && s.text < 75 || s.embed > 1 { remove = true }
        if img == 0, !s.textish { remove = true }
        if isList, remove {
            // Simple lists of images stay.
            var c = i + 1
            while c < model.end(i) {
                defer { c = model.end(c) }
                if model.isElement(c), stats[c].children > 1 { return true }
            }
            if s.img == s.li { return false }
        }
        return remove
    }

    /// A negative-weight block this long, with this many commas and few links, is kept as prose.
    static let proseBlockCharacters: Int32 = 1000
    static let proseBlockCommas: Int32 = 10

    func isProse(_ s: NodeStats) -> Bool {
        s.text >= ArticleCleaner.proseBlockCharacters && s.commas >= ArticleCleaner.proseBlockCommas
            && s.linkDensity < 0.2
    }

    static let placeholderBytes: Set<[UInt8]> = Set(placeholderTexts.map { Array($0.utf8) })

    func isPlaceholder(_ i: Int) -> Bool {
        let all = model.tree.textBytes(i)
        var lo = 0
        var hi = all.count
        while lo < hi, ClassMatcher.isSpace(all[lo]) { lo += 1 }
        while hi > lo, ClassMatcher.isSpace(all[hi - 1]) { hi -= 1 }
        guard hi > lo, hi - lo <= 24 else { return false }
        var t = Array(all[lo..<hi])
        BoilerplatePhrases.lowerLatin(&t)
        return ArticleCleaner.placeholderBytes.contains(t)
    }

    func insideDataTable(_ i: Int, _ cache: inout [Int: Bool]) -> Bool {
        var p = model.parent(i)
        while p > 0 {
            if model.tag(p) == .table { return isDataTable(p, &cache) }
            p = model.parent(p)
        }
        return false
    }

    /// Readability's data-table test: headers, captions or a grid larger than layout tables use.
    func isDataTable(_ t: Int, _ cache: inout [Int: Bool]) -> Bool {
        if let known = cache[t] { return known }
        var result = false
        defer { cache[t] = result }
        if model.attribute(t, "role", equals: "presentation") || model.attribute(t, "datatable", equals: "0") {
            return false
        }
        if model.tree.attribute(t, "summary") != nil {
            result = true
            return true
        }
        var rows = 0
        var cells = 0
        var maxCells = 0
        var k = t + 1
        while k < model.end(t) {
            let tag = model.tag(k)
            if model.isElement(k) {
                switch tag {
                case .caption, .thead, .tfoot, .col, .colgroup, .th:
                    result = true
                    return true
                case .table: return false
                case .tr:
                    rows += 1
                    maxCells = max(maxCells, cells)
                    cells = 0
                case .td: cells += 1
                default: break
                }
            }
            k += 1
        }
        maxCells = max(maxCells, cells)
        result = rows >= 10 || maxCells > 4 || rows * maxCells > 10
        return result
    }
}
