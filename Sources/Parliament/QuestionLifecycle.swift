/// Turns two readings of one written question into its lifecycle events, for a chamber whose source gives
/// the whole record each time (the Assemblée's archive). Pure: no I/O, no clock.
public enum QuestionLifecycle {
    /// Compares the stored reading with the new one, in a fixed order (published, forwarded, answered,
    /// answer-corrected, withdrawn/lapsed/closed, reminded, renewed).
    ///
    /// Rules:
    /// 1. First sight (`old` nil): `published`, plus what is already there (an answer, a closing, a flag, a
    ///    re-tabling), so a question asked and answered between two runs is not silent.
    /// 2. `answered` once, when the state becomes answered; a question never goes back from answered (see
    ///    ``carry(old:new:)``), so a second `answered` cannot happen.
    /// 3. An answer yields only `answered`, even when the same change also shows a new attribution.
    /// 4. `answer-corrected`: an answered question whose answers change (a corrected answer replaces or
    ///    follows the first, or its text changes).
    /// 5. `forwarded`: the ministry in charge (the last attribution) changes.
    /// 6. `withdrawn`, `lapsed`, `closed`: the state becomes one of them.
    /// 7. `reminded` per new flag date, `renewed` per new re-tabling date.
    /// A change that is none of these (indexing filled in late, the closing arriving after the answer) gives
    /// nothing: the caller stores it silently.
    public static func events(old: WrittenQuestion?, new: WrittenQuestion) -> [QuestionEvent] {
        var out: [QuestionEvent] = []
        let answered = QuestionEvent(
            kind: .answered, uid: new.uid, date: new.answer?.published ?? new.closing?.date,
            ministry: new.answer?.ministry ?? new.ministry, joPage: new.answer?.joPage)
        let oldState = old?.state
        if old == nil { out.append(QuestionEvent(kind: .published, uid: new.uid, date: new.published)) }
        let newlyAnswered = oldState != .answered && new.state == .answered
        if let old, !newlyAnswered, let to = new.ministry, new.attributions.count > 0,
            SenateText.fold(to) != SenateText.fold(old.ministry ?? "")
        {
            out.append(QuestionEvent(kind: .forwarded, uid: new.uid, ministry: to))
        }
        if newlyAnswered {
            out.append(answered)
        } else if let old, old.state == .answered, new.state == .answered, corrected(old.answers, new.answers) {
            out.append(
                QuestionEvent(
                    kind: .answerCorrected, uid: new.uid, date: new.answer?.published,
                    ministry: new.answer?.ministry, joPage: new.answer?.joPage))
        }
        let closings: [QuestionState: QuestionEvent.Kind] = [
            .withdrawn: .withdrawn, .lapsed: .lapsed, .closed: .closed,
        ]
        if let kind = closings[new.state], oldState != new.state {
            out.append(QuestionEvent(kind: kind, uid: new.uid, date: new.closing?.date, label: new.closing?.label))
        }
        for d in new.reminders where !(old?.reminders.contains(d) ?? false) {
            out.append(QuestionEvent(kind: .reminded, uid: new.uid, date: d))
        }
        for d in new.renewals where !(old?.renewals.contains(d) ?? false) {
            out.append(QuestionEvent(kind: .renewed, uid: new.uid, date: d))
        }
        return out
    }

    /// The reading to store: `new`, except that an answered question stays answered with its answers when
    /// a later reading lost them (a question never goes back to pending).
    public static func carry(old: WrittenQuestion?, new: WrittenQuestion) -> WrittenQuestion {
        guard let old, old.state == .answered, new.state != .answered else { return new }
        var kept = new
        kept.state = .answered
        if kept.answers.isEmpty { kept.answers = old.answers }
        return kept
    }

    /// The answers changed in a way that is a correction: more of them, or a text that reads differently.
    static func corrected(_ old: [WrittenQuestion.Answer], _ new: [WrittenQuestion.Answer]) -> Bool {
        guard !old.isEmpty, !new.isEmpty else { return false }
        if new.count > old.count { return true }
        let before = old.last?.text.map { SenateText.collapse($0) }
        let after = new.last?.text.map { SenateText.collapse($0) }
        return before != nil && after != nil && before != after
    }
}
