import ArgumentParser

extension Veille {
    /// The message for a word that stands where a subcommand is expected but names none, nil otherwise.
    ///
    /// swift-argument-parser reports `veille export items --config F` as "Unknown option '--config'" (the
    /// group command `export` takes no options), which hides the real mistake; this walks the words down the
    /// command tree first and names the unknown subcommand with the known ones. It stops at the first option
    /// and at the first command without subcommands (whose arguments are its own).
    ///
    /// - Parameter arguments: the command line without the executable.
    /// - Returns: e.g. `unknown subcommand 'items' of 'veille export' (known: deltas, stix)`.
    static func unknownSubcommand(in arguments: [String]) -> String? {
        var children = Self.configuration.subcommands
        var path = ["veille"]
        for word in arguments {
            guard !children.isEmpty, !word.hasPrefix("-"), word != "help" else { return nil }
            let names = children.map { Self.names(of: $0) }
            guard let i = names.firstIndex(where: { $0.contains(word) }) else {
                let known = names.compactMap(\.first).joined(separator: ", ")
                return "unknown subcommand '\(word)' of '\(path.joined(separator: " "))' (known: \(known))"
            }
            children = Self.subcommands(of: children[i])
            path.append(word)
        }
        return nil
    }

    /// A command's name, then its aliases.
    static func names<C: ParsableCommand>(of command: C.Type) -> [String] {
        [C._commandName] + C.configuration.aliases
    }

    /// A command's subcommands.
    static func subcommands<C: ParsableCommand>(of command: C.Type) -> [ParsableCommand.Type] {
        C.configuration.subcommands
    }
}
