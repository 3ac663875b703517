import Matching
import VeilleCore

/// Fuzz target: the watchlist loader (YAML → ``Watchlist`` → ``CompiledWatchlist``), then one match.
///
/// The input is YAML text. A watchlist that loads is compiled and run over a short fixed text and over
/// the input itself, so hostile aliases and patterns also reach the automaton.
@_cdecl("veille_fuzz_watchlist")
public func fuzzWatchlist(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
    let text = String(decoding: FuzzInput.bytes(data, size), as: UTF8.self)
    guard let root = try? ConfigNode.parse(text, file: "fuzz/watchlist.yaml"),
        let watchlist = try? Watchlist.decode(root, file: "fuzz/watchlist.yaml")
    else { return 0 }
    let compiled = CompiledWatchlist(watchlist)
    _ = compiled.match(title: "Bakou et l'Azerbaïdjan : la campagne Doppelgänger", text: text)
    return 0
}
