/// The Sénat page reader behind the chamber-neutral model.
extension SenateQuestion {
    /// This page as a ``WrittenQuestion``: the same facts in the vocabulary both chambers share (the Sénat's
    /// own lifecycle, ``SenateLifecycle``, still compares its CSV rows and pages, whose wordings differ).
    public var written: WrittenQuestion {
        var q = WrittenQuestion(chamber: .senate, uid: reference ?? number ?? "", state: QuestionState(state))
        q.number = number
        q.legislature = legislature
        q.nature = nature
        q.author = authorName
        q.group = group
        q.ministryAsked = ministry
        if let to = transmittedTo { q.attributions = [to] }
        q.title = itemTitle
        q.published = published
        q.joPage = joPage
        q.questionText = questionText
        if let a = answer {
            q.answers = [.init(ministry: a.ministry, published: a.published, joPage: a.joPage, text: a.text)]
        }
        return q
    }
}
