/// The French text markers of a Sénat question page (SENAT.md), as data: matched on the line's key form
/// (lower case, straight apostrophes). Each says why it is there.
enum SenateMarkers {
    /// Ends the useful part of the page: everything after it is site chrome.
    static let end = "page mise à jour"
    /// The author line: "Question de M. NOM Prénom (Circonscription - GROUPE) publiée le dd/mm/yyyy".
    static let author = "question de "
    /// The heading "Question écrite n° 09012 - 16e législature" starts with this word and carries "n°".
    static let heading = "question "
    /// Spellings of the number sign the heading and reminders use.
    static let numberSigns = ["n°", "nº", "no "]
    /// The legislature, in the heading or (older pages) on a line of its own: "16e législature".
    static let legislature = "législature"
    /// Where the question's and the answer's JO date starts.
    static let published = "publiée"
    /// The ministry still expected to answer.
    static let pending = "en attente de réponse"
    /// A transmission to another ministry: "Transmise au …" / "Transmise à …".
    static let transmitted = "transmise "
    /// An answer given orally in session; its date stands in for the JO date when none is given.
    static let session = "réponse apportée en séance publique"
    /// An answer heading: "Réponse du Ministère … publiée le …"; old pages "Réponse du ministère : Culture …".
    static let answer = "réponse "
    /// Old pages name the ministry after a colon: "Réponse du ministère : Culture".
    static let oldMinistry = "ministère :"
    /// A reminder question: "Rappelle la question n° …".
    static let reminder = "rappelle la question"
    /// Lapsed questions (end of the two-year term, change of government or legislature).
    static let lapsed = ["question est caduque", "question caduque"]
    /// Withdrawn questions, optionally "pour cause de …".
    static let withdrawn = ["a été retirée", "question retirée"]
    /// Conversion to an oral question.
    static let converted = "transformée en"
    /// A correction of the published answer: "Erratum : JO du dd/mm/yyyy, p. N".
    static let erratum = "erratum"
    /// The placeholder of a page whose text is not online yet: never an answer.
    static let notYetOnline = ["sera publié dès sa", "pas disponible à ce jour"]
    /// A text that exists only on paper: the field is null.
    static let noDigitalText = "pas disponible en format numérique"
    /// Articles dropped before a ministry's name ("Réponse du Ministère …" → "Ministère …").
    static let ministryArticles = ["du ", "de la ", "de l'", "des ", "de "]
    /// Prepositions dropped after "Transmise" ("Transmise au Ministère …" → "Ministère …").
    static let transmissionArticles = ["au ", "à la ", "à l'", "aux ", "à "]
    /// Marker lines are short; a longer line is body text even when it quotes a marker.
    static let maxMarkerLength = 300

    /// The names reported when a page lacks the template's markers.
    enum Name {
        static let author = "Question de (M.|Mme) NOM Prénom (…)"
        static let published = "publiée le dd/mm/yyyy"
        static let closing = "- page N, En attente de réponse, Réponse du … or a state marker"
    }
}
