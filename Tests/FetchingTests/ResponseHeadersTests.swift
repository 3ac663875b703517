import Testing

@testable import Fetching

/// Header lines as libcurl hands them over, read on the bytes.
struct ResponseHeadersTests {
    func headers(_ lines: [String]) -> ResponseHeaders {
        var headers = ResponseHeaders()
        for line in lines {
            Array(line.utf8).withUnsafeBytes { headers.add(line: $0) }
        }
        return headers
    }

    @Test func namesAreCaseInsensitiveAndValuesTrimmed() {
        let h = headers([
            "HTTP/1.1 200 OK\r\n", "Content-Type :  text/HTML; charset=\"UTF-8\" \r\n", "ETag:\t\"a:b\"\r\n",
            "X-Empty:\r\n", "no colon here\r\n", "\r\n",
        ])
        #expect(h["content-type"] == "text/HTML; charset=\"UTF-8\"")
        #expect(h["ETAG"] == "\"a:b\"")
        #expect(h["x-empty"] == "")
        #expect(h.fields.count == 3)
        #expect(h.contentType?.type == "text/html" && h.contentType?.charset == "UTF-8")
    }

    @Test func aStatusLineStartsANewResponse() {
        let h = headers(["HTTP/1.1 100 Continue\r\n", "X-Old: 1\r\n", "\r\n", "HTTP/1.1 200 OK\r\n", "X-New: é\r\n"])
        #expect(h["x-old"] == nil)
        #expect(h["x-new"] == "é")
    }
}
