import Markup

/// Parses a Sénat question page into a ``SenateQuestion``, anchored on the French text markers of the
/// page (SENAT.md), never on CSS classes: the page is reduced to its reader-visible lines first.
public enum SenatePageParser {
    /// Parses one question page.
    ///
    /// - Parameters:
    ///   - bytes: the page as received; the encoding is decided by the project's charset rule.
    ///   - httpCharset: the HTTP `charset` (or the `--encoding` a user forces), if any.
    ///   - url: where the page came from (URL or file path): the reference falls back to its file name.
    /// - Returns: the question; fields the page does not give are nil.
    /// - Throws: ``ParliamentError/missingMarkers(_:)`` naming the markers not found when the page does not
    ///   follow the template; ``ParliamentError/unreadablePage(_:)`` when the bytes are not HTML at all.
    public static func parse(_ bytes: [UInt8], httpCharset: String?, url: String?) throws -> SenateQuestion {
        guard let document = MarkupDocument.html(bytes, httpCharset: httpCharset) else {
            throw ParliamentError.unreadablePage(url)
        }
        let text = SenatePageText(document: document)
        var reader = SenatePageReader()
        reader.read(SenatePageReader.merged(text.lines))
        let reference = SenateURL.reference(in: text.canonical) ?? SenateURL.reference(in: url)
        return try assemble(reader, reference: reference)
    }

    static func assemble(_ r: SenatePageReader, reference: String?) throws -> SenateQuestion {
        let author = r.authorLine.map(SenateAuthorLine.init)
        if !r.notYetOnline {
            var missing: [String] = []
            if author == nil { missing.append(SenateMarkers.Name.author) }
            if author?.published == nil { missing.append(SenateMarkers.Name.published) }
            if !r.closed { missing.append(SenateMarkers.Name.closing) }
            if !missing.isEmpty { throw ParliamentError.missingMarkers(missing) }
        }
        var q = SenateQuestion(state: state(r))
        q.reference = reference
        q.nature = r.nature ?? reference.flatMap(SenateNature.fromReference)
        q.number = r.number ?? reference.flatMap(SenateURL.number(of:))
        q.legislature = r.legislature
        q.author = author?.author
        q.circonscription = author?.circonscription
        q.group = author?.group
        q.published = author?.published
        q.joPage = r.questionJOPage ?? author?.joPage
        q.transmittedTo = r.transmittedTo
        q.title = r.title
        q.questionText = r.questionUnavailable ? nil : paragraphs(r.questionParagraphs)
        q.reminderOf = r.reminderOf
        q.erratum = r.erratum
        switch q.state {
        case .answered:
            q.answer = SenateQuestion.Answer(
                ministry: r.answerMinistry, published: r.answerJODate ?? r.sessionDate,
                joPage: r.answerJOPage,
                text: r.answerUnavailable ? nil : paragraphs(r.answerParagraphs))
            q.ministry = r.answerMinistry ?? r.transmittedTo ?? r.pendingMinistry
        case .pending, .unpublished:
            q.ministry = r.transmittedTo ?? r.pendingMinistry
        case .lapsed, .withdrawn, .converted:
            q.ministry = nil
        }
        return q
    }

    /// The placeholder first (never a false answer), then an answer, then the end states.
    static func state(_ r: SenatePageReader) -> SenateState {
        if r.notYetOnline { return .unpublished }
        if r.answerSeen { return .answered }
        if r.lapsed { return .lapsed }
        if r.withdrawn { return .withdrawn }
        if r.converted { return .converted }
        return .pending
    }

    static func paragraphs(_ lines: [String]) -> String? {
        lines.isEmpty ? nil : lines.joined(separator: "\n\n")
    }
}
