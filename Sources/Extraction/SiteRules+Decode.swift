import VeilleCore

extension SiteRules {
    /// Validates an already parsed `sites.yaml` (as `veille check` reads it, entry by entry).
    ///
    /// - Throws: `ConfigError` naming the file, the entry and the key.
    public static func decode(_ root: ConfigNode, file: String) throws -> SiteRules {
        try parse(root, file: file)
    }
}
