import Mustache

// The campaign, actor and search pages' view models (and the marked text segments) name their fields to the templates directly. Without this,
// swift-mustache finds a field by reflection: a Mirror that boxes every field of the value for each lookup,
// and a lookup that misses (an absent `link`, a bar's fields seen from the page) reflects every object up the
// context stack, the whole page included. That was most of a campaign page's time (reason: the load test's p95
// of 50 ms at 4 connections). Each `child(named:)` answers exactly the stored properties, as a Mirror would
// (nil for an absent optional); `MustacheParentTests` checks that against the Mirror.

extension ItemCard: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": return id
        case "href": return href
        case "title": return title
        case "source": return source
        case "published": return published
        case "firstSeen": return firstSeen
        case "link": return link
        default: return nil
        }
    }
}

extension Chart: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "days": return days
        case "total": return total
        case "peak": return peak
        case "peakDay": return peakDay
        case "bars": return bars
        case "nonEmpty": return nonEmpty
        default: return nil
        }
    }
}

extension Chart.Bar: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "day": return day
        case "count": return count
        case "x": return x
        case "y": return y
        case "height": return height
        default: return nil
        }
    }
}

extension Option: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "value": return value
        case "label": return label
        case "selected": return selected
        default: return nil
        }
    }
}

extension EntityView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": return id
        case "name": return self.name
        case "kind": return kind
        case "actorKind": return actorKind
        case "aliases": return aliases
        case "attributedTo": return attributedTo
        case "campaigns": return campaigns
        case "references": return references
        case "firstSeen": return firstSeen
        case "chart": return chart
        case "items": return items
        case "filter": return filter
        case "deltaKinds": return deltaKinds
        case "next": return next
        default: return nil
        }
    }
}

extension EntityView.Ref: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "id": return id
        case "name": return self.name
        case "href": return href
        default: return nil
        }
    }
}

extension EntityView.Filter: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "kind": return kind
        case "source": return source
        case "from": return from
        case "to": return to
        case "before": return before
        default: return nil
        }
    }
}

extension SearchView: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "q": return q
        case "entity": return entity
        case "source": return source
        case "from": return from
        case "to": return to
        case "error": return error
        case "searched": return searched
        case "hits": return hits
        case "next": return next
        case "entities": return entities
        default: return nil
        }
    }
}

extension SearchView.Hit: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "itemId": return itemId
        case "href": return href
        case "title": return title
        case "source": return source
        case "date": return date
        case "dateIsPublication": return dateIsPublication
        case "link": return link
        case "snippet": return snippet
        default: return nil
        }
    }
}

extension Segment: MustacheParent {
    func child(named name: String) -> Any? {
        switch name {
        case "text": return text
        case "mark": return mark
        case "note": return note
        default: return nil
        }
    }
}
