import Foundation

/// How one Unicode scalar takes part in normalized text.
///
/// Packed in a `UInt32`: the top byte is the action, the low three bytes are up to three output bytes
/// (first byte lowest), and bits 24–25 their count.
struct Fold: Equatable {
    var raw: UInt32

    static let separator = Fold(raw: 0)
    static let remove = Fold(raw: 1 << 28)
    static let apostrophe = Fold(raw: 2 << 28)

    /// A `#` or `@`: kept as this byte so hashtags and handles match both as written and as words.
    static func mark(_ b: UInt8) -> Fold { Fold(raw: 3 << 28 | UInt32(b)) }

    /// Emit these bytes (one to three).
    static func bytes(_ b: [UInt8]) -> Fold {
        var raw = UInt32(4) << 28 | UInt32(b.count) << 24
        for (i, byte) in b.prefix(3).enumerated() { raw |= UInt32(byte) << (8 * UInt32(i)) }
        return Fold(raw: raw)
    }

    var action: UInt32 { raw >> 28 }
    var isEmit: Bool { raw >> 28 == 4 }
    var count: Int { Int(raw >> 24 & 3) }
    var first: UInt8 { UInt8(truncatingIfNeeded: raw) }
}

/// The folding data: case, diacritics, ligatures, apostrophes, spaces and hyphens, one scalar at a time.
///
/// The whole Basic Multilingual Plane is a flat table (256 KB) built once from the Unicode data, so that
/// no scalar of a hostile or foreign-script text takes a slow path; scalars above it are folded one by one.
enum FoldTable {
    /// Letters with no canonical decomposition, folded by hand (reason: NFD leaves them untouched).
    static let letterOverrides: [UInt32: String] = [
        0x00DF: "ss", 0x1E9E: "ss", // ß ẞ
        0x00E6: "ae", 0x00C6: "ae", // æ Æ (ligature)
        0x0153: "oe", 0x0152: "oe", // œ Œ (ligature)
        0x00F8: "o", 0x00D8: "o", // ø Ø
        0x0111: "d", 0x0110: "d", 0x00F0: "d", 0x00D0: "d", // đ Đ ð Ð
        0x0142: "l", 0x0141: "l", 0x0140: "l", 0x013F: "l", // ł Ł ŀ Ŀ
        0x0127: "h", 0x0126: "h", // ħ Ħ
        0x0131: "i", 0x0130: "i", // ı İ (Turkish, Azerbaijani)
        0x0259: "e", 0x018F: "e", 0x01DD: "e", 0x025B: "e", 0x0190: "e", // ə Ə ǝ ɛ Ɛ (Azerbaijani schwa)
        0x00FE: "th", 0x00DE: "th", // þ Þ
        0x0167: "t", 0x0166: "t", 0x0192: "f", 0x0138: "k", 0x014B: "n", 0x014A: "n",
        0x0133: "ij", 0x0132: "ij", // ĳ Ĳ
        0x01C6: "dz", 0x01C5: "dz", 0x01C4: "dz", 0x01C9: "lj", 0x01C8: "lj", 0x01C7: "lj",
        0x01CC: "nj", 0x01CB: "nj", 0x01CA: "nj",
    ]

    /// Scalars that act as apostrophes, for elisions (reason: typographic and keyboard variants of ').
    static let apostrophes: Set<UInt32> = [0x27, 0x2019, 0x2018, 0x02BC, 0x00B4, 0x0060, 0x02BB, 0xFF07]

    /// Ligatures of the Alphabetic Presentation Forms block (reason: PDFs and OCR keep them).
    static let ligatures: [UInt32: String] = [
        0xFB00: "ff", 0xFB01: "fi", 0xFB02: "fl", 0xFB03: "ffi", 0xFB04: "ffl", 0xFB05: "st", 0xFB06: "st",
    ]

    /// Format characters that split words when present (reason: zero-width space is a break hint).
    static let breakingFormats: Set<UInt32> = [0x200B]

    /// The flat table for U+0000–U+FFFF (surrogates fold to separators).
    static let bmp: [UInt32] = (0..<0x10000).map { fold(UInt32($0)).raw }

    /// The fold of any scalar (slow: the matcher reads ``bmp`` instead).
    static func fold(_ cp: UInt32) -> Fold {
        guard let scalar = Unicode.Scalar(cp) else { return .separator }
        if cp < 0x80 {
            switch cp {
            case 0x61...0x7A, 0x30...0x39: return .bytes([UInt8(cp)])
            case 0x41...0x5A: return .bytes([UInt8(cp + 0x20)])
            case 0x23, 0x40: return .mark(UInt8(cp))
            case 0x27, 0x60: return .apostrophe
            default: return .separator
            }
        }
        if apostrophes.contains(cp) { return .apostrophe }
        if cp == 0xFF03 || cp == 0xFF20 { return .mark(UInt8(cp - 0xFEE0)) }
        if let s = letterOverrides[cp] ?? ligatures[cp] { return .bytes(Array(s.utf8)) }
        if breakingFormats.contains(cp) { return .separator }
        let props = scalar.properties
        switch props.generalCategory {
        case .nonspacingMark, .enclosingMark, .spacingMark, .format: return .remove
        default: break
        }
        if cp >= 0xFF01 && cp <= 0xFF5E { return fold(cp - 0xFEE0) } // fullwidth ASCII
        guard props.isAlphabetic || props.numericType != nil else { return .separator }
        let decomposed = String(Character(scalar)).decomposedStringWithCanonicalMapping.lowercased()
        let ascii = decomposed.unicodeScalars.filter {
            $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))
        }
        if !ascii.isEmpty && ascii.count <= 3 { return .bytes(ascii.map { UInt8($0.value) }) }
        if let digit = props.numericType.flatMap({ _ in props.numericValue }), digit >= 0, digit <= 9,
            digit == digit.rounded()
        {
            return .bytes([UInt8(48 + Int(digit))])
        }
        // A letter of another script: lowercased, accents dropped, kept as UTF-8 word bytes.
        let base = decomposed.unicodeScalars.filter { $0.properties.generalCategory != .nonspacingMark }
        let bytes = Array(String(String.UnicodeScalarView(base)).utf8)
        return bytes.isEmpty || bytes.count > 3
            ? .bytes(Array(String(scalar).lowercased().utf8.prefix(3))) : .bytes(bytes)
    }
}
