import Foundation

/// Writes zip files for tests with Python's `zipfile` (`/usr/bin/python3`, standard library only): stored or
/// deflated entries, Zip64 records, data descriptors (sizes after the data, as a streaming writer makes).
public enum ZipMaker {
    /// One file to put in the archive.
    public struct Entry: Sendable {
        public var name: String
        public var bytes: [UInt8]
        /// Deflated (else stored).
        public var deflate: Bool

        /// An entry, deflated by default.
        public init(_ name: String, _ bytes: [UInt8], deflate: Bool = true) {
            self.name = name
            self.bytes = bytes
            self.deflate = deflate
        }

        /// An entry from text.
        public init(_ name: String, text: String, deflate: Bool = true) {
            self.init(name, Array(text.utf8), deflate: deflate)
        }
    }

    /// Writes `entries` to `path`.
    ///
    /// - Parameters:
    ///   - zip64: Zip64 extra fields and end records for every entry (`force_zip64`).
    ///   - streamed: written to an unseekable stream, so every entry has a data descriptor (flag bit 3).
    public static func write(_ entries: [Entry], to path: String, zip64: Bool = false, streamed: Bool = false) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("zipmaker-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var spec: [[String: Any]] = []
        for (i, e) in entries.enumerated() {
            let file = dir.appendingPathComponent("\(i).bin")
            try Data(e.bytes).write(to: file)
            spec.append(["name": e.name, "file": file.path, "deflate": e.deflate])
        }
        let specURL = dir.appendingPathComponent("spec.json")
        let object: [String: Any] = ["entries": spec, "zip64": zip64, "streamed": streamed, "out": path]
        try JSONSerialization.data(withJSONObject: object).write(to: specURL)
        let scriptURL = dir.appendingPathComponent("make.py")
        try Data(script.utf8).write(to: scriptURL)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        p.arguments = ["-I", "-S", scriptURL.path, specURL.path]
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw TestServerError.launch("zip maker failed for \(path)") }
    }

    static let script = #"""
        import json, sys, zipfile
        spec = json.load(open(sys.argv[1]))
        if spec["zip64"]:
            # Every size, offset and count past these "limits": Zip64 extra fields and end records throughout.
            zipfile.ZIP64_LIMIT = 1
            zipfile.ZIP_FILECOUNT_LIMIT = 0
        class Unseekable:
            def __init__(self, f): self.f = f
            def write(self, b): return self.f.write(b)
            def flush(self): self.f.flush()
            def seekable(self): return False
            def tell(self): raise OSError("unseekable")
        raw = open(spec["out"], "wb")
        target = Unseekable(raw) if spec["streamed"] else raw
        with zipfile.ZipFile(target, "w") as z:
            for e in spec["entries"]:
                data = open(e["file"], "rb").read()
                info = zipfile.ZipInfo(e["name"], (2026, 3, 10, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED if e["deflate"] else zipfile.ZIP_STORED
                with z.open(info, "w", force_zip64=spec["zip64"]) as w:
                    w.write(data)
        raw.close()
        """#
}
