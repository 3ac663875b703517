/// Reads the classified lines of a question page in order, one pass, into the raw facts of the page.
///
/// 1. Before the author line: the heading (nature, number, legislature) and the title candidates.
/// 2. The author line opens the question; body lines are its text until "- page N" or a marker.
/// 3. "Réponse du … publiée le …" (or "Réponse apportée en séance publique le …") opens the answer; body
///    lines are its text until "- page N" or a marker.
/// 4. "Page mise à jour le …" ends the page; other lines outside the two texts are site chrome.
struct SenatePageReader {
    enum Section { case before, question, afterQuestion, answer, after }

    var section = Section.before
    var nature: String?, number: String?, legislature: Int?
    var headingIndex: Int?
    var authorIndex: Int?
    var authorLine: String?
    var questionJOPage: Int?
    var questionParagraphs: [String] = []
    var questionUnavailable = false
    var pendingMinistry: String?, transmittedTo: String?
    var answerSeen = false
    var answerMinistry: String?, answerJODate: String?, sessionDate: String?, answerJOPage: Int?
    var answerParagraphs: [String] = []
    var answerUnavailable = false
    var reminderOf: String?
    var lapsed = false, withdrawn = false, converted = false, notYetOnline = false
    var erratum: SenateQuestion.Erratum?
    /// A "- page N" line or a state marker was seen after the author line.
    var closed = false
    /// (index, text) of lines inside `h1`–`h3` before the author line.
    var titleCandidates: [(Int, String)] = []

    /// Reads `lines` (already merged: see ``merged(_:)``).
    mutating func read(_ lines: [SenatePageText.Line]) {
        for (i, line) in lines.enumerated() {
            let kind = SenateLine.classify(line.text)
            if kind == .end, authorIndex != nil || notYetOnline { return }
            if section == .before { readBefore(kind, line, i) } else { readAfterAuthor(kind, line) }
        }
    }

    private mutating func readBefore(_ kind: SenateLine, _ line: SenatePageText.Line, _ i: Int) {
        switch kind {
        case .heading(let n, let num, let leg):
            if headingIndex == nil {
                headingIndex = i
                nature = n
                number = num
                legislature = leg
            }
        case .legislature(let l):
            if legislature == nil { legislature = l }
        case .author:
            authorIndex = i
            authorLine = line.text
            section = .question
        case .text:
            if (1...3).contains(line.headingLevel) { titleCandidates.append((i, line.text)) }
        case .notYetOnline:
            notYetOnline = true
        default:
            readAfterAuthor(kind, line)
        }
    }

    private mutating func readAfterAuthor(_ kind: SenateLine, _ line: SenatePageText.Line) {
        switch kind {
        case .text, .author, .heading, .legislature: // after the author line these are body text
            if section == .question { questionParagraphs.append(line.text) }
            if section == .answer { answerParagraphs.append(line.text) }
        case .joPage(let n):
            closed = true
            if section == .question {
                questionJOPage = questionJOPage ?? n
                section = .afterQuestion
            }
            if section == .answer {
                answerJOPage = answerJOPage ?? n
                section = .after
            }
        case .noDigitalText:
            if section == .question { questionUnavailable = true }
            if section == .answer { answerUnavailable = true }
        case .answer(let ministry, let published, let page):
            closed = true
            if !answerSeen || answerMinistry == nil { answerMinistry = ministry }
            answerJODate = answerJODate ?? published
            answerJOPage = answerJOPage ?? page
            answerSeen = true
            section = .answer
        case .session(let date):
            closed = true
            sessionDate = sessionDate ?? date
            answerSeen = true
            section = .answer
        default:
            readMarker(kind)
        }
    }

    private mutating func readMarker(_ kind: SenateLine) {
        switch kind {
        case .pending(let m): pendingMinistry = pendingMinistry ?? m
        case .transmitted(let m): transmittedTo = m ?? transmittedTo
        case .reminder(let n): reminderOf = reminderOf ?? n
        case .lapsed: lapsed = true
        case .withdrawn: withdrawn = true
        case .converted: converted = true
        case .erratum(let date, let page): erratum = SenateQuestion.Erratum(published: date, joPage: page)
        case .notYetOnline: notYetOnline = true
        default: return
        }
        if case .reminder = kind, section == .question, questionParagraphs.isEmpty { return }
        closed = true
        if section == .question { section = .afterQuestion }
        if section == .answer, !answerParagraphs.isEmpty { section = .after }
    }

    /// The page's own title: the heading-element line nearest the question heading (or the author line),
    /// at most three lines away, that is not itself a marker.
    var title: String? {
        guard let anchor = headingIndex ?? authorIndex else { return nil }
        let near = titleCandidates.filter { abs($0.0 - anchor) <= 3 }
        return near.min(by: { abs($0.0 - anchor) < abs($1.0 - anchor) })?.1
    }

    /// Joins a line starting "(" or "publiée …" to a preceding author or answer line that lacks its date
    /// (markups that put the constituency or the date in a block of their own).
    static func merged(_ lines: [SenatePageText.Line]) -> [SenatePageText.Line] {
        var out: [SenatePageText.Line] = []
        out.reserveCapacity(lines.count)
        for line in lines {
            let first = line.text.utf8.first
            guard first == 0x70 || first == 0x50 || first == 0x28, SenateText.mayBeMarker(line.text), // p P (
                let last = out.last, SenateText.mayBeMarker(last.text)
            else {
                out.append(line)
                continue
            }
            let k = SenateText.key(line.text)
            let lk = SenateText.key(last.text)
            let continues =
                k.hasPrefix(SenateMarkers.published)
                || (first == 0x28 && lk.hasPrefix(SenateMarkers.author) && !lk.utf8.contains(0x28))
            if continues, lk.hasPrefix(SenateMarkers.author) || lk.hasPrefix(SenateMarkers.answer),
                !SenateText.has(SenateMarkers.published, in: lk)
            {
                out[out.count - 1].text += " " + line.text
                continue
            }
            out.append(line)
        }
        return out
    }
}
