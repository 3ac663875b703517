import Foundation
import Testing
import VeilleCore

@testable import Digests

/// The digest line of an Assemblée question, read from its delta's `assemblee` object and the stored facts
/// (number, group, the author's name or else the `acteurRef`), worded like the Sénat's.
@Suite struct AssembleeLineTests {
    static let unnamed =
        #"{"number":"1234","author_name":"PA720001","group":"EPR","ministry":"Ministère de l'intérieur"}"#
    static let named = #"{"number":"1234","author_name":"Mme Anne Martin","group":"EPR","ministry":null}"#

    static func line(_ kind: DeltaKind, _ detail: String, _ question: String = unnamed) throws -> String {
        try #require(SenateFacts(detail: detail, question: question)).line(kind: kind)
    }

    @Test func linesReadLikeTheSenates() throws {
        let answered =
            #"{"uid":"QANR5L17QE1234","number":"1234","legislature":17,"state":"answered","answer_date":"2026-05-05","date":"2026-05-05","ministry":"Ministère des armées","jo_page":3120}"#
        #expect(
            try Self.line(.answered, answered)
                == "Réponse du Ministère des armées publiée le 05/05/2026 à la question n° 1234 de PA720001 (EPR)")
        #expect(
            try Self.line(.answered, answered, Self.named)
                == "Réponse du Ministère des armées publiée le 05/05/2026 à la question n° 1234 de Mme Anne Martin (EPR)"
        )
        let pending = #"{"uid":"QANR5L17QE1234","number":"1234","legislature":17,"state":"pending","answer_date":null"#
        #expect(
            try Self.line(.reminded, pending + #","date":"2026-05-12"}"#)
                == "Question n° 1234 de PA720001 (EPR) signalée le 12/05/2026")
        #expect(
            try Self.line(.renewed, pending + #","date":"2026-05-19"}"#)
                == "Question n° 1234 de PA720001 (EPR) renouvelée le 19/05/2026")
        let closed =
            #"{"uid":"QANR5L17QE1234","number":"1234","legislature":17,"state":"closed","answer_date":null,"date":"2026-07-01","label":"Clôture pour fin de fonctions"}"#
        #expect(
            try Self.line(.closed, closed)
                == "Question n° 1234 de PA720001 (EPR) close (Clôture pour fin de fonctions) le 01/07/2026")
        #expect(
            try Self.line(.withdrawn, closed.replacingOccurrences(of: "closed", with: "withdrawn"))
                == "Question n° 1234 de PA720001 (EPR) retirée")
    }
}
