import Foundation

/// Reads the dates pages give: ISO 8601 in metadata, and French dates in text ("publié le 23 novembre 2023
/// à 14h05", "Mis à jour le 24/11/2023 à 8h"). A date without a zone is read in Europe/Paris when the page is
/// French, in UTC otherwise.
enum DateReader {
    /// French month names (with and without accents) by number.
    static let frenchMonths: [String: Int] = [
        "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6, "juillet": 7,
        "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11, "décembre": 12, "decembre": 12,
        "janv": 1, "févr": 2, "fevr": 2, "avr": 4, "juil": 7, "sept": 9, "oct": 10, "nov": 11, "déc": 12, "dec": 12,
    ]

    static let paris = TimeZone(identifier: "Europe/Paris") ?? TimeZone(secondsFromGMT: 3600) ?? .current
    static let utc = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? .current

    /// A date from its parts, in `zone`.
    static func date(_ y: Int, _ mo: Int, _ d: Int, _ h: Int = 0, _ mi: Int = 0, _ s: Int = 0, zone: TimeZone) -> Date?
    {
        guard (1900...2200).contains(y), (1...12).contains(mo), (1...31).contains(d), (0...23).contains(h),
            (0...59).contains(mi), (0...60).contains(s)
        else { return nil }
        var c = DateComponents()
        c.year = y
        c.month = mo
        c.day = d
        c.hour = h
        c.minute = mi
        c.second = min(s, 59)
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = zone
        return cal.date(from: c)
    }

    /// ISO 8601 / RFC 3339: `2023-11-23`, `2023-11-23T14:05`, `…:07.123+01:00`, `… 14:05:07Z`, `+0100`.
    static func iso(_ text: String, defaultZone: TimeZone) -> Date? {
        let s = Array(text.trimmingCharacters(in: .whitespaces).utf8)
        var i = 0
        func number(_ digits: Int) -> Int? {
            guard i + digits <= s.count else { return nil }
            var v = 0
            for k in i..<i + digits {
                guard s[k] >= 48, s[k] <= 57 else { return nil }
                v = v * 10 + Int(s[k] - 48)
            }
            i += digits
            return v
        }
        func skip(_ c: UInt8) -> Bool {
            if i < s.count, s[i] == c {
                i += 1
                return true
            }
            return false
        }
        guard let y = number(4), skip(45), let mo = number(2), skip(45), let d = number(2) else { return nil }
        var h = 0
        var mi = 0
        var sec = 0
        var zone = defaultZone
        if i < s.count, s[i] == 84 || s[i] == 32 || s[i] == 116 {
            i += 1
            guard let hh = number(2), skip(58), let mm = number(2) else { return nil }
            h = hh
            mi = mm
            if skip(58), let ss = number(2) { sec = ss }
            if skip(46) || skip(44) { while i < s.count, s[i] >= 48, s[i] <= 57 { i += 1 } }
            if i < s.count {
                if s[i] == 90 || s[i] == 122 {
                    zone = utc
                } else if s[i] == 43 || s[i] == 45 {
                    let sign = s[i] == 45 ? -1 : 1
                    i += 1
                    guard let oh = number(2) else { return nil }
                    _ = skip(58)
                    let om = number(2) ?? 0
                    zone = TimeZone(secondsFromGMT: sign * (oh * 3600 + om * 60)) ?? defaultZone
                }
            }
        }
        return date(y, mo, d, h, mi, sec, zone: zone)
    }

    /// A French date in free text: `23 novembre 2023 à 14h05`, `1er déc. 2023`, `23/11/2023 à 8h`, in Paris time.
    static func french(_ text: String) -> Date? {
        let scalars = Array(text.lowercased().unicodeScalars)
        var i = 0
        while i < scalars.count {
            guard isDigit(scalars[i]), i == 0 || !isDigit(scalars[i - 1]) else {
                i += 1
                continue
            }
            var k = i
            guard let day = readNumber(scalars, &k, maxDigits: 2) else {
                i += 1
                continue
            }
            var month: Int?
            var year: Int?
            if k < scalars.count, scalars[k] == "/" || scalars[k] == "." {
                k += 1
                month = readNumber(scalars, &k, maxDigits: 2)
                if k < scalars.count, scalars[k] == "/" || scalars[k] == "." { k += 1 }
                year = readNumber(scalars, &k, maxDigits: 4)
            } else {
                if k + 1 < scalars.count, scalars[k] == "e", scalars[k + 1] == "r" { k += 2 }
                skipSpaces(scalars, &k)
                var word = ""
                while k < scalars.count, scalars[k].properties.isAlphabetic {
                    word.unicodeScalars.append(scalars[k])
                    k += 1
                }
                if k < scalars.count, scalars[k] == "." { k += 1 }
                month = frenchMonths[word]
                skipSpaces(scalars, &k)
                year = readNumber(scalars, &k, maxDigits: 4)
            }
            guard let mo = month, let y = year, y >= 1900 else {
                i += 1
                continue
            }
            var h = 0
            var mi = 0
            var t = k
            skipSpaces(scalars, &t)
            if t < scalars.count, scalars[t] == "à" || scalars[t] == "a" || scalars[t] == "," || scalars[t] == "-" {
                t += 1
            }
            skipSpaces(scalars, &t)
            if let hh = readNumber(scalars, &t, maxDigits: 2), t < scalars.count, scalars[t] == "h" || scalars[t] == ":"
            {
                t += 1
                h = hh
                mi = readNumber(scalars, &t, maxDigits: 2) ?? 0
            }
            if let d = date(y, mo, day, h, mi, zone: paris) { return d }
            i += 1
        }
        return nil
    }

    static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 48 && c.value <= 57 }

    static func skipSpaces(_ s: [Unicode.Scalar], _ k: inout Int) {
        while k < s.count, s[k].properties.isWhitespace || s[k] == "\u{00A0}" { k += 1 }
    }

    static func readNumber(_ s: [Unicode.Scalar], _ k: inout Int, maxDigits: Int) -> Int? {
        var v = 0
        var n = 0
        while k < s.count, n < maxDigits, isDigit(s[k]) {
            v = v * 10 + Int(s[k].value - 48)
            k += 1
            n += 1
        }
        return n == 0 ? nil : v
    }

    /// Splits "Publié le … Mis à jour le …" into the published and updated dates it gives.
    static func frenchLine(_ text: String) -> (published: Date?, updated: Date?) {
        let lower = text.lowercased()
        var published: Date?
        var updated: Date?
        let updateMarkers = ["mis à jour", "mise à jour", "modifié le", "actualisé le"]
        var cut = lower.endIndex
        for m in updateMarkers { if let r = lower.range(of: m), r.lowerBound < cut { cut = r.lowerBound } }
        if cut < lower.endIndex { updated = french(String(lower[cut...])) }
        let head = String(lower[..<cut])
        if head.contains("publié") || head.contains("publie") || head.contains("posté") || cut == lower.endIndex {
            published = french(head)
        }
        return (published, updated)
    }
}
