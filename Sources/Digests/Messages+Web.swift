import VeilleCore

/// The web view's texts (`veille serve --language`), read by the workbench's templates as `{{t.web_…}}`
/// (dots become underscores, see ``Messages/templateTable``). Fragments, not sentences, where a template puts a
/// number or a date between them.
extension Messages {
    static let webTable: [String: (fr: String, en: String)] = [
        // The layout.
        "nav.dashboard": ("Tableau de bord", "Dashboard"),
        "nav.search": ("Recherche", "Search"),
        "nav.sources": ("Sources", "Sources"),
        "nav.runs": ("Exécutions", "Runs"),
        "footer": (
            "atelier veille · vue en lecture seule de l'archive", "veille workbench · read-only view of the archive"
        ),
        // The dashboard.
        "web.as_of": ("État au", "As of"),
        "web.counts_note": (
            "Les nombres sont les éléments liés vus pour la première fois le dernier jour, en 7 jours et en 30 jours.",
            "Counts are linked items first seen in the last day, 7 days and 30 days."
        ),
        "web.linked_90": ("Éléments liés, 90 derniers jours", "Linked items, last 90 days"),
        "web.campaigns": ("Campagnes", "Campaigns"),
        "web.campaign": ("Campagne", "Campaign"),
        "web.actors": ("Acteurs", "Actors"),
        "web.actor": ("Acteur", "Actor"),
        "web.kind": ("Type", "Kind"),
        "web.today": ("Aujourd'hui", "Today"),
        "web.7_days": ("7 jours", "7 days"),
        "web.30_days": ("30 jours", "30 days"),
        "web.no_campaign": ("Aucune campagne dans la liste de veille.", "No campaign in the watchlist."),
        "web.no_actor": ("Aucun acteur dans la liste de veille.", "No actor in the watchlist."),
        "web.latest_deltas": ("Derniers changements", "Latest deltas"),
        "web.no_delta": ("Aucun changement pour l'instant.", "No delta yet."),
        "web.run": ("exécution", "run"),
        "web.run_cap": ("Exécution", "Run"),
        "web.failures_in_a_row": ("échecs d'affilée", "failures in a row"),
        "web.failures": ("échecs", "failures"),
        "web.last_success": ("dernier succès", "last success"),
        "web.last_success_cap": ("Dernier succès", "Last success"),
        "web.never": ("jamais", "never"),
        "web.no_trouble": (
            "Aucune : chaque source a répondu à sa dernière tentative.",
            "None: every source answered at its last attempt."
        ),
        "web.last_runs": ("Dernières exécutions", "Last runs"),
        "web.no_run": ("Aucune exécution pour l'instant.", "No run yet."),
        "web.all_runs": ("Toutes les exécutions", "All runs"),
        "web.all_sources": ("Toutes les sources", "All sources"),
        // The chart.
        "web.chart_total": ("éléments liés sur les", "linked items over the last"),
        "web.chart_days": ("derniers jours", "days"),
        "web.chart_peak": ("pic de", "peak"),
        "web.chart_on": ("le", "on"),
        "web.chart_figures": ("Chiffres par jour", "Daily figures"),
        "web.chart_none": ("Aucun élément lié sur la période.", "No linked item in this period."),
        "web.day": ("Jour", "Day"),
        "web.items": ("Éléments", "Items"),
        // A campaign or an actor.
        "web.aliases": ("Alias", "Aliases"),
        "web.none": ("aucun", "none"),
        "web.none_recorded": ("aucune enregistrée", "none recorded"),
        "web.first_seen": ("Vu pour la première fois", "First seen"),
        "web.first_seen_lc": ("vu pour la première fois le", "first seen"),
        "web.attribution": ("Attribution", "Attribution"),
        "web.reference": ("Référence", "Reference"),
        "web.linked_items": ("Éléments liés", "Linked items"),
        "web.delta": ("Changement", "Delta"),
        "web.any": ("tous", "any"),
        "web.source": ("Source", "Source"),
        "web.from": ("Du", "From"),
        "web.to": ("Au", "To"),
        "web.filter": ("Filtrer", "Filter"),
        "web.no_linked_item": ("Aucun élément lié ne correspond.", "No linked item matches."),
        "web.older_items": ("Éléments plus anciens →", "Older items →"),
        "web.published": ("publié le", "published"),
        "web.original": ("original", "original"),
        // An item.
        "web.author": ("Auteur", "Author"),
        "web.published_cap": ("Publié", "Published"),
        "web.not_given": ("non indiqué", "not given"),
        "web.last_seen": ("Vu pour la dernière fois", "Last seen"),
        "web.canonical": ("Canonique", "Canonical"),
        "web.taken_down": ("Retiré", "Taken down"),
        "web.page_answered": ("La page a répondu", "The page answered"),
        "web.first_seen_so": ("constaté pour la première fois le", "first seen so at"),
        "web.last_checked": ("dernière vérification le", "last checked"),
        "web.snapshots_before": (
            "Les copies ci-dessous montrent ce qu'elle disait avant.", "The snapshots below are what it said before."
        ),
        "web.why_linked": ("Pourquoi il est lié", "Why it is linked"),
        "web.in_the": ("dans le champ", "in the"),
        "web.alias": ("alias", "alias"),
        "web.rule": ("règle", "rule"),
        "web.not_linked": ("Lié à aucune campagne ni aucun acteur.", "Not linked to any campaign or actor."),
        "web.text": ("Texte", "Text"),
        "web.senate_question": ("Question au Sénat", "Sénat question"),
        "web.senate_page": ("Page sur senat.fr", "Page on senat.fr"),
        "web.no_event": ("Aucune étape enregistrée.", "No lifecycle event recorded."),
        "web.near_duplicates": ("Quasi-doublons dans d'autres titres", "Near-duplicates in other outlets"),
        "web.no_near": ("Aucun dans les trois jours.", "None found within three days."),
        "web.revisions": ("Révisions", "Revisions"),
        "web.diff_previous": ("différences avec la précédente", "diff with previous"),
        "web.compare": ("Comparer", "Compare"),
        "web.with": ("avec", "with"),
        "web.diff": ("Comparer", "Diff"),
        "web.revision": ("Révision", "Revision"),
        "web.title_colon": ("Titre :", "Title:"),
        "web.raw_snapshots": ("Copies brutes de la page", "Raw page snapshots"),
        "web.fetched": ("Récupérée", "Fetched"),
        "web.validators": ("Validateurs", "Validators"),
        "web.bytes": ("Octets", "Bytes"),
        "web.bytes_lc": ("octets", "bytes"),
        "web.see": ("Voir", "See"),
        "web.as_text": ("En texte", "As text"),
        "web.as_text_lc": ("texte", "text"),
        "web.rendered": ("rendu", "rendered"),
        "web.download": ("Télécharger", "Download"),
        "web.download_lc": ("télécharger", "download"),
        "web.no_snapshot": (
            "Aucune copie conservée (les pages sont gardées pour les éléments liés des sources d'articles).",
            "No snapshot kept (pages are kept for linked items of article sources)."
        ),
        "web.deltas": ("Changements", "Deltas"),
        "web.baseline_lc": ("premier passage", "baseline"),
        // A snapshot.
        "web.snapshot": ("Copie", "Snapshot"),
        "web.of": ("de", "of"),
        "web.of_item": ("de l'élément", "of item"),
        "web.item": ("l'élément", "item"),
        "web.size": ("Taille", "Size"),
        "web.sandbox_note": (
            "Rendue ci-dessous dans un cadre isolé : les scripts de la page ne s'exécutent pas et elle ne peut pas atteindre cette application.",
            "Rendered below in a sandboxed frame: the page's scripts do not run and it cannot reach this application."
        ),
        "web.as_rendered": ("telle que rendue", "as rendered"),
        // Search.
        "web.search_archive": ("Rechercher dans l'archive", "Search the archive"),
        "web.query": ("Requête", "Query"),
        "web.campaign_or_actor": ("Campagne ou acteur", "Campaign or actor"),
        "web.query_syntax": ("Syntaxe des requêtes", "Query syntax"),
        "web.syntax_words": ("Mots :", "Words:"),
        "web.syntax_words_note": (
            "trouve les éléments qui les contiennent tous (accents et casse ignorés).",
            "finds items holding all of them (accents and case ignored)."
        ),
        "web.syntax_phrase": ("Expression :", "Phrase:"),
        "web.syntax_either": ("L'un ou l'autre :", "Either:"),
        "web.syntax_without": ("Sans :", "Without:"),
        "web.syntax_upper": ("(opérateurs en capitales).", "(upper-case operators)."),
        "web.syntax_prefix": ("Préfixe :", "Prefix:"),
        "web.syntax_field": ("Un champ :", "One field:"),
        "web.syntax_grouping": ("Regroupement :", "Grouping:"),
        "web.query_cannot_run": ("Cette requête ne peut pas être exécutée :", "This query cannot be run:"),
        "web.no_item_matches": ("Aucun élément ne correspond.", "No item matches."),
        "web.older_results": ("Résultats plus anciens →", "Older results →"),
        // Runs, sources, errors.
        "web.report": ("Rapport", "Report"),
        "web.older_runs": ("Exécutions plus anciennes →", "Older runs →"),
        "web.status": ("État", "Status"),
        "web.schedule": ("Fréquence", "Schedule"),
        "web.next_due": ("Prochaine", "Next due"),
        "web.last_error": ("Dernière erreur", "Last error"),
        "web.no_source": ("Aucune source pour l'instant.", "No source yet."),
        "web.error": ("Erreur", "Error"),
        "web.back": ("Retour au tableau de bord", "Back to the dashboard"),
        "entity.campaign": ("campagne", "campaign"),
        "entity.actor": ("acteur", "actor"),
    ]

    /// A value as a page shows it in the catalogue's language (`{{at_local}}` in a template): a
    /// `…T…Z` time as ``time(_:)-(String)``, a `YYYY-MM-DD` day as ``day(_:)-(String)``, a delta kind as
    /// ``kind(_:)``, a match field (`title`, `text`…) or an entity kind (`campaign`, `actor`) by its name; anything else as it is.
    public func localized(_ value: String) -> String {
        let b = Array(value.utf8)
        if b.count >= 16, b.count <= 25, b[10] == UInt8(ascii: "T") { return time(value) }
        if b.count == 10 { return day(value) }
        if let k = DeltaKind(rawValue: value) { return kind(k) }
        if let f = Self.table["field." + value] ?? Self.table["entity." + value] {
            return language == .fr ? f.fr : f.en
        }
        return value
    }
}
