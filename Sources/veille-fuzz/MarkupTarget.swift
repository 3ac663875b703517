import Foundation
import Markup
import VeilleCore

/// Differential fuzz target: veille's own XML parser against libxml2 on the same UTF-8 bytes.
///
/// The own parser must build exactly libxml2's tree or decline the document (libxml2 then reads it in
/// production): a document both read into different trees is a finding, reported with both outlines and
/// turned into a crash so that libFuzzer saves the input. Bytes that are not UTF-8 are skipped (the own
/// parser never sees them). The HTML parsers are not compared here: they differ on purpose on a few
/// inputs (`&#128;`–`&#159;` read as windows-1252, HTML5 entity names), which a fuzzer would find at once.
@_cdecl("veille_fuzz_markup_xml")
public func fuzzMarkupXML(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    var bytes = FuzzInput.bytes(data, size)
    if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
    guard Charset.isValidUTF8(bytes[...]) else { return 0 }
    if let d = MarkupOutline.xmlDisagreement(bytes) {
        FileHandle.standardError.write(Data("own parser:\n\(d.own)\nlibxml2:\n\(d.libxml2)\n".utf8))
        abort()
    }
    return 0
}
