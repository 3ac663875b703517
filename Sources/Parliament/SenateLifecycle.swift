/// Turns two snapshots of one question into its lifecycle deltas. Pure: no I/O, no clock.
public enum SenateLifecycle {
    /// Compares the stored snapshot with the new one and returns the typed events, in a fixed order
    /// (published, forwarded, answered, answer-corrected, lapsed, withdrawn, converted, reminded).
    ///
    /// Rules:
    /// 1. First sight (`old` nil): `published`, plus what is already final (answered, lapsed, withdrawn,
    ///    converted) so a question asked and answered between two runs is not silent, plus `reminded` for a
    ///    reminder question. A transmission that happened before first sight is not an event.
    /// 2. Only transitions towards more knowledge count: a field that becomes nil (a row leaving the CSV's
    ///    window, a page not fetched this time) produces nothing.
    /// 3. An answer yields only `answered`, even when the same change also shows a transmission or a text.
    /// 4. `answer-corrected`: an erratum appears or changes, or an already-known answer text changes.
    /// 5. `forwarded`: the transmission ministry appears or changes in a source seen on both sides (the CSV
    ///    and the page word ministries differently, so a CSV value is only compared with a CSV value).
    ///
    /// - Parameters:
    ///   - old: what was stored, nil for a question seen for the first time.
    ///   - new: what this run knows.
    /// - Returns: the events, empty when nothing changed.
    public static func events(old: SenateSnapshot?, new: SenateSnapshot) -> [SenateEvent] {
        let ref = new.reference
        var out: [SenateEvent] = []
        let answered = SenateEvent(
            kind: .answered, reference: ref, date: new.answerDate,
            ministry: new.answerMinistry, joPage: new.answerJOPage)
        guard let old else {
            out.append(SenateEvent(kind: .published, reference: ref, date: new.published))
            if new.state == .answered { out.append(answered) }
            out += endState(nil, new)
            out += reminded(nil, new)
            return out
        }
        let newlyAnswered = old.state != .answered && new.state == .answered
        if !newlyAnswered, let to = forwarded(old, new) {
            out.append(SenateEvent(kind: .forwarded, reference: ref, date: new.transmissionDate, ministry: to))
        }
        if newlyAnswered {
            out.append(answered)
        } else if old.state == .answered, new.state == .answered, let corrected = correction(old, new) {
            out.append(corrected)
        }
        out += endState(old, new)
        out += reminded(old, new)
        return out
    }

    /// The new transmission, when a source present in both snapshots shows one that is new or different.
    static func forwarded(_ old: SenateSnapshot, _ new: SenateSnapshot) -> String? {
        if old.fromCSV, new.fromCSV, let to = new.csvTransmittedTo, !same(old.csvTransmittedTo, to) { return to }
        if old.fromPage, new.fromPage, let to = new.pageTransmittedTo, !same(old.pageTransmittedTo, to) {
            return new.transmittedTo
        }
        return nil
    }

    static func endState(_ old: SenateSnapshot?, _ new: SenateSnapshot) -> [SenateEvent] {
        let kinds: [SenateState: SenateEvent.Kind] = [.lapsed: .lapsed, .withdrawn: .withdrawn, .converted: .converted]
        guard let kind = kinds[new.state], old?.state != new.state else { return [] }
        return [SenateEvent(kind: kind, reference: new.reference)]
    }

    static func reminded(_ old: SenateSnapshot?, _ new: SenateSnapshot) -> [SenateEvent] {
        guard new.reminds else { return [] }
        let refChanged = new.remindedReference != nil && new.remindedReference != old?.remindedReference
        let numChanged = new.remindedNumber != nil && new.remindedNumber != old?.remindedNumber
        guard old == nil || (!(old?.reminds ?? false) && (refChanged || numChanged)) else { return [] }
        return [
            SenateEvent(
                kind: .reminded, reference: new.reference, date: new.published,
                remindedReference: new.remindedReference, remindedNumber: new.remindedNumber)
        ]
    }

    static func correction(_ old: SenateSnapshot, _ new: SenateSnapshot) -> SenateEvent? {
        if let e = new.erratum, e != old.erratum {
            return SenateEvent(
                kind: .answerCorrected, reference: new.reference, date: e.published,
                ministry: new.answerMinistry, joPage: e.joPage)
        }
        if let before = old.answerText, let after = new.answerText,
            SenateText.collapse(before) != SenateText.collapse(after)
        {
            return SenateEvent(
                kind: .answerCorrected, reference: new.reference, date: nil,
                ministry: new.answerMinistry, joPage: new.answerJOPage)
        }
        return nil
    }

    /// Two ministry names are the same when their folded forms (no case, accents, spaces or punctuation) are
    /// equal or one contains the other ("Affaires étrangères" and "Ministère des affaires étrangères").
    static func same(_ a: String?, _ b: String) -> Bool {
        guard let a else { return false }
        let fa = SenateText.fold(a)
        let fb = SenateText.fold(b)
        return fa == fb || (!fa.isEmpty && !fb.isEmpty && (fa.contains(fb) || fb.contains(fa)))
    }
}
