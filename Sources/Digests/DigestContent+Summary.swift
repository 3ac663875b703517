import VeilleCore

/// The summary and burst alerts in each format: bursts first with their figures, then one row per followed
/// campaign and actor with tonight's counts and the 30-day trend (a text sparkline, an inline SVG in the
/// HTML file, a table of cells in mail, which drops SVG; the HTML digest's templates place them, see
/// `DigestContent+HTML.swift`).
extension DigestContent {
    /// Text: the bursts, then the summary rows.
    var plainSummary: String {
        let m = messages
        var out = ""
        if !summary.bursts.isEmpty {
            out += "\n" + m["bursts"] + "\n" + String(repeating: "=", count: m["bursts"].count) + "\n"
            for r in summary.bursts { out += "! " + DigestText.line(summary.burstLine(r, m)) + "\n" }
        }
        guard !summary.rows.isEmpty else { return out }
        out += "\n" + m["summary"] + "\n" + String(repeating: "=", count: m["summary"].count) + "\n"
        let width = min(40, summary.rows.map { DigestText.line($0.name).count }.max() ?? 0)
        for r in summary.rows {
            let name = DigestText.line(r.name)
            let padded = name.count >= width ? name : name + String(repeating: " ", count: width - name.count)
            out +=
                (r.isBurst ? "! " : "  ") + padded + "  " + summary.tonightLine(r, m)
                + (r.trend.isEmpty ? "" : "  |" + DigestSummary.sparkline(r.trend) + "|") + "\n"
        }
        return out
    }

    /// Markdown: the bursts as a list, the summary as a table.
    var markdownSummary: String {
        let m = messages
        var out = ""
        if !summary.bursts.isEmpty {
            out += "\n## " + m["bursts"] + "\n\n"
            for r in summary.bursts { out += "- **" + DigestText.markdown(summary.burstLine(r, m)) + "**\n" }
        }
        guard !summary.rows.isEmpty else { return out }
        out += "\n## " + m["summary"] + "\n\n"
        out += "| " + m["summary.entity"] + " | " + m["summary.tonight"] + " | " + m["summary.trend"] + " |\n"
        out += "|---|---|---|\n"
        for r in summary.rows {
            let name = DigestText.markdown(r.name).replacingOccurrences(of: "|", with: "\\|")
            out +=
                "| " + (r.isBurst ? "**" + name + "**" : name) + " | " + summary.tonightLine(r, m) + " | `"
                + DigestSummary.sparkline(r.trend) + "` |\n"
        }
        return out
    }

    /// Chart geometry: bar width and gap, chart height (reason: 30 × 4 = 120 px, a table column).
    static let barWidth = 3
    static let barGap = 1
    static let chartHeight = 24

    /// Bar heights scaled to the trend's peak; a day with items is at least 1 unit tall.
    static func barHeights(_ trend: [Int]) -> [Int] {
        let peak = trend.max() ?? 0
        return trend.map { n in peak == 0 || n == 0 ? 0 : max(1, n * chartHeight / peak) }
    }

    /// The trend as inline SVG, the last day (the burst's) in the alert colour.
    static func svgChart(_ trend: [Int], burst: Bool) -> String {
        let step = barWidth + barGap
        let w = trend.count * step
        var out =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(w)\" height=\"\(chartHeight)\" viewBox=\"0 0 \(w) \(chartHeight)\" role=\"img\" aria-label=\""
            + trend.map(String.init).joined(separator: " ") + "\">"
        out += "<rect x=\"0\" y=\"\(chartHeight - 1)\" width=\"\(w)\" height=\"1\" fill=\"#d2d2d7\"/>"
        for (i, h) in barHeights(trend).enumerated() where h > 0 {
            let colour = burst && i == trend.count - 1 ? "#c0392b" : "#0b5cad"
            out +=
                "<rect x=\"\(i * step)\" y=\"\(chartHeight - h)\" width=\"\(barWidth)\" height=\"\(h)\" fill=\"\(colour)\"/>"
        }
        return out + "</svg>"
    }

    /// The trend as a one-row table: each day a cell of fixed width holding a block of the bar's height
    /// (mail clients drop SVG and scripts, not tables).
    static func cellChart(_ trend: [Int], burst: Bool) -> String {
        var out =
            "<table class=\"bars\" role=\"presentation\" cellspacing=\"0\" cellpadding=\"0\" style=\"border-collapse:collapse\"><tr>"
        for (i, h) in barHeights(trend).enumerated() {
            let colour = burst && i == trend.count - 1 ? "#c0392b" : "#0b5cad"
            out +=
                "<td width=\"\(barWidth + barGap)\" height=\"\(chartHeight)\" valign=\"bottom\" style=\"width:\(barWidth + barGap)px;height:\(chartHeight)px;vertical-align:bottom;padding:0 \(barGap)px 0 0;border-bottom:1px solid #d2d2d7\">"
            if h > 0 {
                out +=
                    "<div style=\"width:\(barWidth)px;height:\(h)px;background:\(colour);font-size:0;line-height:0\"></div>"
            }
            out += "</td>"
        }
        return out + "</tr></table>"
    }
}
