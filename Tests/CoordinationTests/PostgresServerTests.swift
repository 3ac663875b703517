import Foundation
import PostgresNIO
import Testing

@testable import TestSupport

/// The test cluster itself: it starts, hands out throw-away databases, and refuses a wrong password.
@Suite("PostgreSQL test server")
struct PostgresServerTests {
    @Test("a PostgresClient connects to a throw-away database and runs SELECT 1")
    func selectOne() async throws {
        let server = try PostgresServer.shared()
        let database = try server.createDatabase("select_one")
        defer { database.drop() }
        let client = PostgresClient(
            configuration: .init(
                host: server.host, port: server.port, username: server.user, password: server.password,
                database: database.name, tls: .disable))
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            let rows = try await client.query("SELECT 1 AS one, current_database() AS name")
            var seen: [(Int, String)] = []
            for try await (one, name) in rows.decode((Int, String).self) { seen.append((one, name)) }
            #expect(seen.count == 1)
            #expect(seen.first?.0 == 1)
            #expect(seen.first?.1 == database.name)
            group.cancelAll()
        }
        #expect(try database.psql("SELECT count(*) FROM pg_database WHERE datname = '\(database.name)'") == "1\n")
    }

    @Test("a wrong password is refused by the server (host connections need SCRAM)")
    func wrongPassword() async throws {
        let server = try PostgresServer.shared()
        let configuration = PostgresConnection.Configuration(
            host: server.host, port: server.port, username: server.user, password: "not-the-password",
            database: "postgres", tls: .disable)
        await #expect {
            _ = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: Logger(label: "test"))
        } throws: { error in
            (error as? PSQLError)?.serverInfo?[.sqlState] == "28P01" // invalid_password
        }
    }
}
