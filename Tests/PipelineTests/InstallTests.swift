import Foundation
import Testing

/// `make install-files` (what `make install` runs once the release binary and the man page are built) into a
/// temporary PREFIX, with the debug binary these tests run.
@Suite struct InstallTests {
    @Test func installsBinaryResourcesCompletionsAndCron() async throws {
        let prefix = FileManager.default.temporaryDirectory.appendingPathComponent("veille-prefix-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: prefix) }
        let buildDir = URL(fileURLWithPath: CLITests.binary).deletingLastPathComponent().path
        let make = try await CLITests.execOffPool(
            "/usr/bin/make", ["-s", "install-files", "PREFIX=\(prefix.path)", "BUILD_DIR=\(buildDir)", "MANPAGE="],
            cwd: CLITests.repositoryRoot)
        #expect(make.code == 0, "\(make.stdout)\(make.stderr)")
        let fm = FileManager.default
        func path(_ p: String) -> String { prefix.appendingPathComponent(p).path }
        #expect(fm.isExecutableFile(atPath: path("lib/veille/veille")))
        #expect(try fm.destinationOfSymbolicLink(atPath: path("bin/veille")) == "../lib/veille/veille")
        let bundles = try fm.contentsOfDirectory(atPath: path("lib/veille")).filter { $0.hasSuffix(".resources") }
        // The templates and style sheets of the web view and the HTML digest (the `Templates` target).
        #expect(bundles.contains { $0.hasSuffix("_Templates.resources") }, "\(bundles)")
        for (file, marker) in [
            ("share/bash-completion/completions/veille", "_veille"),
            ("share/zsh/site-functions/_veille", "#compdef veille"),
            ("share/fish/vendor_completions.d/veille.fish", "complete -c 'veille'"),
        ] {
            let text = try String(contentsOfFile: path(file), encoding: .utf8)
            #expect(text.contains(marker) && text.contains("search") && text.contains("check"), "\(file)")
        }
        let nightly = try String(contentsOfFile: path("share/veille/cron/nightly.sh"), encoding: .utf8)
        #expect(nightly.contains("VEILLE_BIN=${VEILLE_BIN:-\(prefix.path)/bin/veille}"))
        #expect(fm.isExecutableFile(atPath: path("share/veille/cron/nightly.sh")))
        let crontab = try String(contentsOfFile: path("share/veille/cron/veille.crontab"), encoding: .utf8)
        #expect(crontab.contains("\(prefix.path)/share/veille/cron/nightly.sh"))

        // The installed command runs through its link.
        let feeds = CLITests.repositoryRoot.appendingPathComponent("Feeds").path
        let check = try await CLITests.execOffPool(path("bin/veille"), ["check", "--config", feeds])
        #expect(check.code == 0, "\(check.stderr)")
    }
}
