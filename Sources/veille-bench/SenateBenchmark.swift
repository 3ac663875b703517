import Foundation
import Parliament

/// `veille-bench senate [PAGE.html …]`: Sénat page-parser and CSV-reader throughput.
///
/// Pages: the files given (else a synthetic 22 KB question page), each parsed for 2 s of CPU time.
/// CSV: a synthetic 20 000-row file in windows-1252 with `;`, quoted titles and both date forms.
enum SenateBenchmark {
    static func run(arguments: [String]) -> String {
        var pages: [(String, [UInt8])] = arguments.compactMap { path in
            FileManager.default.contents(atPath: path).map { (path, Array($0)) }
        }
        if pages.isEmpty { pages = [("synthetic page", syntheticPage())] }
        var lines: [String] = []
        for (name, bytes) in pages {
            let (count, seconds) = measure { _ = try? SenatePageParser.parse(bytes, httpCharset: nil, url: name) }
            let mb = Double(bytes.count * count) / 1_000_000 / seconds
            lines.append(
                String(
                    format: "page %@ (%d bytes): %.0f pages per CPU second, %.1f MB/s", name, bytes.count,
                    Double(count) / seconds, mb))
        }
        let csv = syntheticCSV(rows: 20_000)
        var rowCount = 0
        let (runs, seconds) = measure { rowCount = SenateCSV.parse(csv, httpCharset: nil).rows.count }
        lines.append(
            String(
                format: "csv (%d rows, %d bytes): %.0f rows per CPU second, %.1f MB/s", rowCount, csv.count,
                Double(rowCount * runs) / seconds, Double(csv.count * runs) / 1_000_000 / seconds))
        return lines.joined(separator: "\n")
    }

    /// Runs `body` repeatedly for about two seconds of this process's CPU time (so that other load on the
    /// machine does not count); returns the run count and the CPU seconds used.
    static func measure(_ body: () -> Void) -> (Int, Double) {
        let start = clock()
        var count = 0
        var elapsed = 0.0
        repeat {
            body()
            count += 1
            elapsed = Double(clock() - start) / Double(CLOCKS_PER_SEC)
        } while elapsed < 2
        return (count, elapsed)
    }

    static func syntheticPage() -> [UInt8] {
        let paragraph = String(
            repeating: "Le dispositif interministériel s'appuie sur le service à compétence nationale. ", count: 6)
        var html =
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Question</title>"
            + "<link rel=\"canonical\" href=\"https://www.senat.fr/questions/base/2023/qSEQ231109012.html\"></head><body>"
            + "<nav><ul>" + String(repeating: "<li><a href=\"/x\">Rubrique</a></li>", count: 40) + "</ul></nav><main>"
            + "<h1>Question écrite n° 09012 - 16e législature</h1>"
            + "<p>Question de M. OUZOULIAS Pierre (Hauts-de-Seine - CRCE-K) publiée le 23/11/2023</p>"
        for _ in 0..<20 { html += "<p>\(paragraph)</p>" }
        html +=
            "<p>- page 6510</p><p>Réponse du Ministère de l'Europe et des affaires étrangères publiée le 22/02/2024</p>"
        for _ in 0..<20 { html += "<p>\(paragraph)</p>" }
        html += "<p>- page 675</p></main><footer>Page mise à jour le 22/02/2024</footer></body></html>"
        return Array(html.utf8)
    }

    static func syntheticCSV(rows: Int) -> [UInt8] {
        var s =
            "Sort;Nature;Numéro;Référence;Titre;Nom;Prénom;Civilité;Circonscription;Groupe;Date de publication JO;"
            + "Ministère de dépôt;Date de transmission;Ministère de transmission;Ministère de réponse;Date de réponse JO\r\n"
        for i in 0..<rows {
            let n = String(format: "%05d", i % 100_000)
            let date = i % 2 == 0 ? "23/11/2023" : "2023-11-23"
            s +=
                "En attente de réponse;QE;\(n);qSEQ2311\(n);\"Titre; numéro \(i)\";EXEMPLE;Marie;Mme;Exemple-sur-Mer;EX;"
                + "\(date);Intérieur;;;;\r\n"
        }
        return latin1(s)
    }

    static func latin1(_ s: String) -> [UInt8] {
        s.unicodeScalars.map { $0.value < 256 ? UInt8($0.value) : 0x3F }
    }
}
