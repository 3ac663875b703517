/// The text form of a UUID (`8-4-4-4-12` hexadecimal digits), checked without Foundation's parser so that
/// case and version are kept as written.
public enum UUIDText {
    /// Whether `s` is a UUID in its canonical text form (either case).
    public static func isUUID(_ s: String) -> Bool {
        let b = Array(s.utf8)
        guard b.count == 36 else { return false }
        for (i, c) in b.enumerated() {
            if [8, 13, 18, 23].contains(i) {
                guard c == UInt8(ascii: "-") else { return false }
            } else {
                guard
                    (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(c)
                        || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(c | 0x20)
                else { return false }
            }
        }
        return true
    }
}
