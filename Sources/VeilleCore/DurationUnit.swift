import Foundation

/// Units of the durations written in config files and on the command line (`30s`, `6h`, `7d`).
public enum DurationUnit: String, CaseIterable, Sendable {
    case ms, s, m, h, d

    /// Seconds in one unit.
    public var seconds: Double {
        switch self {
        case .ms: return 0.001
        case .s: return 1
        case .m: return 60
        case .h: return 3600
        case .d: return 86_400
        }
    }

    /// Parses `<number><unit>`, e.g. `1.5s` or `36h`.
    ///
    /// - Returns: seconds, or nil when the text is not a duration in one of the `allowed` units.
    public static func parse(_ text: String, allowed: Set<DurationUnit> = Set(allCases)) -> TimeInterval? {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        let digits = t.prefix(while: { $0.isNumber || $0 == "." })
        let unitText = t.dropFirst(digits.count).trimmingCharacters(in: .whitespaces)
        guard !digits.isEmpty, let value = Double(digits), let unit = DurationUnit(rawValue: unitText),
            allowed.contains(unit)
        else { return nil }
        return value * unit.seconds
    }
}

/// Byte sizes written in config files (`20MB`): B, KB, MB, GB in powers of 1000.
public enum ByteSize {
    /// Parses `<integer><unit>`.
    ///
    /// - Returns: bytes, or nil when the text is not a size.
    public static func parse(_ text: String) -> Int? {
        let t = text.trimmingCharacters(in: .whitespaces).uppercased()
        let digits = t.prefix(while: { $0.isNumber })
        let unit = t.dropFirst(digits.count).trimmingCharacters(in: .whitespaces)
        guard let value = Int(digits) else { return nil }
        let factor: Int
        switch unit {
        case "B", "": factor = 1
        case "KB": factor = 1000
        case "MB": factor = 1_000_000
        case "GB": factor = 1_000_000_000
        default: return nil
        }
        let (r, overflow) = value.multipliedReportingOverflow(by: factor)
        return overflow ? nil : r
    }
}
