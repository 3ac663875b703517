/// The words dates are written with in feeds: month and day names (English and French) and time zones.
enum DateNames {
    /// Month number by lower-cased name or abbreviation, dots removed. English (RFC 822) and French
    /// (French publishers localise `pubDate`: "lun., 18 nov. 2024", "5 mars 2024", "févr.", "juil.").
    static let months: [String: Int] = [
        "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
        "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
        "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
        "janv": 1, "janvier": 1, "févr": 2, "fevr": 2, "fév": 2, "fev": 2, "février": 2, "fevrier": 2,
        "mars": 3, "avr": 4, "avril": 4, "mai": 5, "juin": 6, "juil": 7, "juillet": 7, "août": 8, "aout": 8,
        "aoû": 8, "septembre": 9, "octobre": 10, "novembre": 11, "déc": 12, "decembre": 12, "décembre": 12,
    ]

    /// Day names, recognised only to be skipped (the date itself says the day).
    static let days: Set<String> = [
        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "lun", "mar", "mer", "jeu", "ven", "sam", "dim",
        "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche",
    ]

    /// Offsets in minutes of the zone names RFC 822 allows, the US names feedparser also reads, the
    /// European names French feeds use, and the single-letter military zones RFC 822 lists.
    static let zones: [String: Int] = [
        "ut": 0, "utc": 0, "gmt": 0, "z": 0, "wet": 0,
        "est": -300, "edt": -240, "cst": -360, "cdt": -300, "mst": -420, "mdt": -360, "pst": -480, "pdt": -420,
        "ast": -240, "adt": -180, "at": -240, "et": -300, "ct": -360, "mt": -420, "pt": -480,
        "cet": 60, "cest": 120, "met": 60, "mest": 120, "bst": 60, "eet": 120, "eest": 180, "west": 60,
        "a": -60, "n": 60, "m": -720, "y": 720,
    ]
}
