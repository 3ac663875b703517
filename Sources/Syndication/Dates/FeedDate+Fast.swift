import Foundation
import VeilleCore

extension FeedDate {
    /// The canonical RFC 822 form on trimmed, lower-cased bytes, without allocating:
    /// `[ddd, ]d[d] mon yyyy hh:mm[:ss][ (+|-)hhmm| gmt| utc| ut| z]`.
    ///
    /// - Returns: `.some(date)` when the text has exactly this form (the general reader would read it the
    ///   same way), nil when the general reader must look at it.
    static func rfc822Canonical(_ b: UnsafeBufferPointer<UInt8>) -> Date?? {
        var i = 0
        let n = b.count
        func letter(_ k: Int) -> Bool { k < n && b[k] >= 0x61 && b[k] <= 0x7A }
        func digits(_ count: Int) -> Int? {
            guard i + count <= n else { return nil }
            var v = 0
            for k in i..<i + count {
                guard isDigit(b[k]) else { return nil }
                v = v * 10 + Int(b[k] - 0x30)
            }
            i += count
            return v
        }
        func spaces() -> Bool {
            let from = i
            while i < n, b[i] == 0x20 { i += 1 }
            return i > from
        }
        if letter(0) { // a day name, English or French, perhaps abbreviated with a dot, and a comma
            while letter(i), i < 9 { i += 1 }
            let name = i
            if i < n, b[i] == 0x2E { i += 1 }
            guard name >= 3, i < n, b[i] == 0x2C, isDayName(UnsafeBufferPointer(rebasing: b[0..<name])) else {
                return nil
            }
            i += 1
            guard spaces() else { return nil }
        }
        let dayStart = i
        while i < n, isDigit(b[i]), i - dayStart < 3 { i += 1 }
        guard i - dayStart == 1 || i - dayStart == 2, spaces() else { return nil }
        var day = 0
        for k in dayStart..<i where isDigit(b[k]) { day = day * 10 + Int(b[k] - 0x30) }
        guard let month = monthName(b, &i) else { return nil }
        guard spaces(), let year = digits(4), spaces(), let hour = digits(2), i < n, b[i] == 0x3A else { return nil }
        i += 1
        guard let minute = digits(2) else { return nil }
        var second = 0
        if i < n, b[i] == 0x3A {
            i += 1
            guard let s = digits(2) else { return nil }
            second = s
        }
        var offset = 0
        if i < n {
            guard spaces(), i < n else { return nil }
            let c = b[i]
            if c == 0x2B || c == 0x2D {
                i += 1
                guard let hhmm = digits(4) else { return nil }
                offset = ((hhmm / 100) * 60 + hhmm % 100) * (c == 0x2D ? -1 : 1)
            } else {
                let rest = n - i
                let z: (UInt8, UInt8, UInt8) = (b[i], rest > 1 ? b[i + 1] : 0, rest > 2 ? b[i + 2] : 0)
                switch (rest, z) {
                case (3, (0x67, 0x6D, 0x74)), (3, (0x75, 0x74, 0x63)), (2, (0x75, 0x74, 0)), (1, (0x7A, 0, 0)): break
                default: return nil
                }
                i = n
            }
            guard i == n else { return nil }
        }
        return .some(make(year, month, day, hour, minute, second, offsetMinutes: offset))
    }

    /// ``DateNames/days`` and ``DateNames/months`` of at most eight bytes, packed
    /// (``ByteBlock/packed(_:)``): looked up without making a String.
    static let packedDays: Set<UInt64> = Set(DateNames.days.compactMap(packedName))
    static let packedMonths: [UInt64: Int] = Dictionary(
        uniqueKeysWithValues: DateNames.months.compactMap { name, m in
            packedName(name).map { ($0, m) }
        })

    /// A name's key when it is at most eight bytes (longer ones are looked up as Strings).
    static func packedName(_ name: String) -> UInt64? {
        name.utf8.count <= 8 ? Array(name.utf8).withUnsafeBufferPointer(ByteBlock.packed) : nil
    }

    /// Whether the lower-cased bytes name a day (``DateNames/days``).
    static func isDayName(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        if b.count <= 8 { return packedDays.contains(ByteBlock.packed(b)) }
        return DateNames.days.contains(String(decoding: b, as: UTF8.self))
    }

    /// The month the lower-cased bytes name (``DateNames/months``), nil when none.
    static func monthNumber(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
        if b.count <= 8 { return packedMonths[ByteBlock.packed(b)] }
        return DateNames.months[String(decoding: b, as: UTF8.self)]
    }

    /// The month at `i` (1…12), `i` moved past it: an English or French name or abbreviation, with its
    /// dot ("nov", "mars", "févr.", "août") as ``DateNames/months`` spells it; nil otherwise.
    static func monthName(_ b: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> Int? {
        let n = b.count
        func letter(_ k: Int) -> Bool { k < n && ((b[k] >= 0x61 && b[k] <= 0x7A) || b[k] >= 0x80) }
        var end = i
        while letter(end), end - i < 12 { end += 1 }
        guard end - i >= 3, let m = monthNumber(UnsafeBufferPointer(rebasing: b[i..<end])) else { return nil }
        i = end
        if i < n, b[i] == 0x2E { i += 1 }
        return m
    }
}
