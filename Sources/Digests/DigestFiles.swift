import Foundation
import VeilleCore

/// Writes digest files atomically (a temporary file in the same folder, then a rename), so a reader or
/// a crash never sees half a digest.
public enum DigestFiles {
    /// Writes `<UTC YYYYMMDDTHHMMSSZ>-run<N>.md` and `.json` into `folder`: `at` and `N` name the oldest run
    /// the digest carries, so a retry of the same digest (its run killed before recording it) replaces it.
    ///
    /// - Returns: the paths written, Markdown first.
    /// - Throws: ``DigestError/write(path:message:)`` when the folder cannot be written.
    public static func writeRunDigest(_ digest: RunDigest, folder: String, at: Date) throws -> [String] {
        let base = "\(Timestamp.compact(at))-run\(digest.runs.min() ?? 0)"
        let md = (folder as NSString).appendingPathComponent(base + ".md")
        let json = (folder as NSString).appendingPathComponent(base + ".json")
        try writeAtomically(digest.markdown, to: md)
        try writeAtomically(digest.json.pretty() + "\n", to: json)
        return [md, json]
    }

    /// Writes `text` to `path` through a temporary file and a rename; creates the folder.
    public static func writeAtomically(_ text: String, to path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(
                atPath: folder.isEmpty ? "." : folder,
                withIntermediateDirectories: true)
            let tmp = (folder.isEmpty ? "." : folder) + "/.\((path as NSString).lastPathComponent).\(getpid()).tmp"
            guard FileManager.default.createFile(atPath: tmp, contents: Data(text.utf8)) else {
                throw DigestError.write(path: path, message: "cannot create \(tmp)")
            }
            if rename(tmp, path) != 0 {
                let message = String(cString: strerror(errno))
                unlink(tmp)
                throw DigestError.write(path: path, message: message)
            }
        } catch let e as DigestError { throw e } catch {
            throw DigestError.write(path: path, message: error.localizedDescription)
        }
    }
}
