import Foundation

extension FeedDate {
    /// ISO 8601 / W3C-DTF on UTF-8 bytes; missing parts default to the start of the period, no zone is UTC.
    static func iso8601(_ b: [UInt8]) -> Date? {
        var i = 0
        func number(_ count: Int) -> Int? {
            guard i + count <= b.count else { return nil }
            var v = 0
            for k in i..<(i + count) {
                guard isDigit(b[k]) else { return nil }
                v = v * 10 + Int(b[k] - 0x30)
            }
            i += count
            return v
        }
        func skip(_ c: Character) -> Bool {
            if i < b.count, b[i] == c.asciiValue {
                i += 1
                return true
            }
            return false
        }
        guard let year = number(4) else { return nil }
        var month = 1
        var day = 1
        var hour = 0
        var minute = 0
        var second = 0
        let dashed = skip("-")
        if dashed || (i < b.count && isDigit(b[i])) {
            guard let m = number(2) else { return nil }
            month = m
            if skip("-") || (!dashed && i < b.count && isDigit(b[i])) {
                guard let d = number(2) else { return nil }
                day = d
            }
        }
        if i < b.count, b[i] == UInt8(ascii: "T") || b[i] == UInt8(ascii: "t") || b[i] == 0x20 {
            i += 1
            guard let h = number(2) else { return nil }
            hour = h
            let colon = skip(":")
            guard let mi = number(2) else { return nil }
            minute = mi
            if skip(":") || (!colon && i < b.count && isDigit(b[i])) {
                guard let s = number(2) else { return nil }
                second = s
            }
            if skip(".") || skip(",") { while i < b.count, isDigit(b[i]) { i += 1 } }
        }
        while i < b.count, b[i] == 0x20 { i += 1 }
        var offset = 0
        if i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "Z") || c == UInt8(ascii: "z") {
                offset = 0
            } else if c == UInt8(ascii: "+") || c == UInt8(ascii: "-") {
                i += 1
                guard let zh = number(2) else { return nil }
                _ = skip(":")
                let zm = number(2) ?? 0
                offset = (zh * 60 + zm) * (c == UInt8(ascii: "-") ? -1 : 1)
            } else {
                let rest = String(decoding: b[i...], as: UTF8.self).lowercased()
                guard let named = DateNames.zones[rest] else { return nil }
                offset = named
            }
        }
        return make(year, month, day, hour, minute, second, offsetMinutes: offset)
    }
}
