/// The HTML element names the page-reading stages care about, as one byte; anything else is ``other``.
///
/// Tag names come from libxml2's HTML parser, lower-cased. Interning them lets the scorers compare one byte
/// instead of a String per node. At most 128 cases: Extraction keeps sets of tags as a 128-bit mask.
public enum HTMLTag: UInt8, Sendable, CaseIterable {
    case other
    case html, head, body, title, meta, link, base, script, style, noscript, template
    case iframe, object, embed, svg, math, canvas, video, audio, source, picture, img, figure, figcaption
    case p, div, span, a, br, hr, h1, h2, h3, h4, h5, h6, ul, ol, li, dl, dt, dd, menu
    case table, thead, tbody, tfoot, tr, td, th, caption, col, colgroup
    case pre, code, blockquote, section, article, main, header, footer, nav, aside, address, hgroup
    case form, fieldset, legend, input, textarea, select, option, button, label, output, progress, meter, datalist
    case time, b, i, em, strong, small, sub, sup, abbr, cite, q, u, s, strike, del, ins, mark, font, center, big, tt
    case kbd, samp, `var`, bdo, bdi, data, dfn, ruby, wbr, details, summary, dialog, map, area, frame, frameset

    /// The tag for a lower-case element name.
    public static func named(_ name: String) -> HTMLTag { byName[name] ?? .other }

    /// Every known tag by its name.
    static let byName: [String: HTMLTag] = {
        var d = [String: HTMLTag]()
        for t in HTMLTag.allCases where t != .other { d[t.name] = t }
        return d
    }()

    /// The element name (`var` for ``var``).
    public var name: String { String(describing: self) }

    /// h1 … h6.
    public var isHeading: Bool { rawValue >= HTMLTag.h1.rawValue && rawValue <= HTMLTag.h6.rawValue }
}
