import Parliament

/// Fuzz target: the Sénat written-question page parser.
@_cdecl("veille_fuzz_senate_page")
public func fuzzSenatePage(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = FuzzInput.bytes(data, size)
    let (label, rest) = FuzzInput.charsetLabel(bytes)
    _ = try? SenatePageParser.parse(
        rest, httpCharset: label,
        url: "https://www.senat.fr/questions/base/2023/qSEQ231109012.html")
    return 0
}

/// Fuzz target: the Sénat CSV reader (separator and charset sniffing, quoted fields, rows).
@_cdecl("veille_fuzz_senate_csv")
public func fuzzSenateCSV(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let bytes = FuzzInput.bytes(data, size)
    let (label, rest) = FuzzInput.charsetLabel(bytes)
    _ = SenateCSV.parse(rest, httpCharset: label)
    return 0
}
