import Foundation
import Storage

/// The dashboard `/`.
struct DashboardView: Encodable {
    /// One campaign or actor with its linked-item counts.
    struct EntityRow: Encodable {
        var id: String
        var name: String
        var kind: String
        var href: String
        var today: Int
        var week: Int
        var month: Int
    }

    var generatedAt: String
    var campaigns: [EntityRow]
    var actors: [EntityRow]
    var chart: Chart
    var latestDeltas: [DeltaView]
    var sourcesInTrouble: [SourceView]
    var runs: [RunView]
}

extension Workbench {
    /// Days in the charts (reason: one quarter, as the issue asks).
    static let chartDays = 90

    func dashboard() throws -> DashboardView {
        let now = now()
        let activity = Dictionary(
            try reader.entityActivity(now: now).map { ($0.entityID, $0) }, uniquingKeysWith: { a, _ in a })
        func row(_ id: String, _ name: String, _ kind: String, _ campaign: Bool) -> DashboardView.EntityRow {
            let a = activity[id]
            return DashboardView.EntityRow(
                id: id, name: name, kind: kind, href: entities.href(id, kind: campaign ? "campaign" : "actor"),
                today: a?.today ?? 0, week: a?.week ?? 0, month: a?.month ?? 0)
        }
        var campaigns = entities.campaigns.map { row($0.id, $0.name, "campaign", true) }
        var actors = entities.actors.map { row($0.id, $0.name, $0.kind?.rawValue ?? "actor", false) }
        // Entities linked under an older watchlist still count.
        for id in activity.keys.sorted() where entities.byID[id] == nil {
            actors.append(row(id, id, "unknown", false))
        }
        campaigns.sort { ($0.month, $1.name) > ($1.month, $0.name) }
        actors.sort { ($0.month, $1.name) > ($1.month, $0.name) }
        let since = now.addingTimeInterval(-Double(Self.chartDays - 1) * 86_400)
        return DashboardView(
            generatedAt: Format.date(now) ?? "", campaigns: campaigns, actors: actors,
            chart: Chart(
                counts: try reader.dailyCounts(entity: nil, since: startOfDay(since)), days: Self.chartDays,
                now: now),
            latestDeltas: try reader.latestDeltas(limit: 20).map(DeltaView.init),
            sourcesInTrouble: try reader.sourcesInTrouble().map { SourceView($0, every: schedules[$0.id]) },
            runs: try reader.runs(limit: 10).map(RunView.init))
    }

    func startOfDay(_ d: Date) -> Date {
        Date(timeIntervalSince1970: (d.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400)
    }
}
