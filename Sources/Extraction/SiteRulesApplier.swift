import Markup

/// Applies a site's selectors to a page (step 1 of the cascade).
enum SiteRulesApplier {
    /// Nodes inside any element matching a drop selector.
    static func dropped(_ model: PageModel, _ selectors: [SiteSelector]) -> [Bool] {
        let n = model.tree.nodes.count
        var removed = [Bool](repeating: false, count: n)
        var i = 1
        while i < n {
            if model.isElement(i), selectors.contains(where: { $0.matches(model.tree, i) }) {
                let e = model.end(i)
                for k in i..<e { removed[k] = true }
                i = e
            } else {
                i += 1
            }
        }
        return removed
    }

    /// The outermost elements matching the first body selector that matches anything; nil when none does.
    static func roots(_ model: PageModel, _ selectors: [SiteSelector]) -> [Int]? {
        let n = model.tree.nodes.count
        for selector in selectors {
            var roots: [Int] = []
            var i = 1
            while i < n {
                if model.isElement(i), selector.matches(model.tree, i) {
                    roots.append(i)
                    i = model.end(i)
                } else {
                    i += 1
                }
            }
            if !roots.isEmpty { return roots }
        }
        return nil
    }
}
