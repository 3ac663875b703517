// The Python source of the test HTTP server; see TestHTTPServer for its API.

extension TestHTTPServer {
    /// The server program, run with `/usr/bin/python3` (standard library only).
    static let script = #"""
        # veille's test HTTP server (Tests/TestSupport). Written to a temporary file and started by
        # TestHTTPServer; argv: state directory, root directory, bind address. It writes its port to
        # <state>/port, reads <state>/routes.json on every request, appends one JSON line per request to
        # <state>/requests.jsonl when it answers (and to <state>/arrived.jsonl when a request arrives, before
        # any delay), and exits when its standard input closes (the test process ended).
        import email.utils, gzip, hashlib, http.server, json, mimetypes, os, sys, threading, time, urllib.parse, zlib

        STATE, ROOT, BIND = sys.argv[1], sys.argv[2], sys.argv[3]
        LOCK = threading.Lock()
        IN_FLIGHT = [0]
        SEQUENCE = [0]
        CUTS = {}

        def config():
            try:
                with open(os.path.join(STATE, "routes.json"), "rb") as f:
                    return json.load(f)
            except (OSError, ValueError):
                return {}

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            server_version = "veille-test"
            sys_version = ""

            def log_message(self, *args):
                pass

            def do_GET(self):
                self.serve(True)

            def do_HEAD(self):
                self.serve(False)

            def serve(self, with_body):
                with LOCK:
                    IN_FLIGHT[0] += 1
                    SEQUENCE[0] += 1
                    self.concurrent = IN_FLIGHT[0]
                    self.sequence = SEQUENCE[0]
                self.arrived = time.time()
                self.counted = True
                arrival = json.dumps({"id": self.sequence, "path": self.path, "host": self.headers.get("Host", "")}) + "\n"
                with LOCK:
                    with open(os.path.join(STATE, "arrived.jsonl"), "a") as f:
                        f.write(arrival)
                try:
                    self.route(with_body)
                    self.wfile.flush()
                except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError, TimeoutError):
                    self.close_connection = True
                finally:
                    # When the whole answer was handed to the socket: the end of the request, as the host sees it.
                    finished = time.time()
                    self.leave()
                    line = json.dumps({"id": self.sequence, "finished": finished}) + "\n"
                    with LOCK:
                        with open(os.path.join(STATE, "finished.jsonl"), "a") as f:
                            f.write(line)

            def leave(self):
                if self.counted:
                    self.counted = False
                    with LOCK:
                        IN_FLIGHT[0] -= 1

            def log_request_line(self, status):
                entry = {
                    "method": self.command, "path": self.path,
                    "host": self.headers.get("Host", ""),
                    "headers": {k.lower(): v for k, v in self.headers.items()},
                    "status": status, "concurrent": self.concurrent, "time": time.time(),
                    "arrived": self.arrived, "id": self.sequence,
                    "clientPort": self.client_address[1],
                }
                line = json.dumps(entry) + "\n"
                with LOCK:
                    with open(os.path.join(STATE, "requests.jsonl"), "a") as f:
                        f.write(line)

            def start(self, status, headers, length=None, close=None):
                # The request is logged and counted out of flight before the first byte leaves, so a client
                # that got this response can never see it still counted.
                self.log_request_line(status)
                self.leave()
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                if length is not None:
                    self.send_header("Content-Length", str(length))
                if close if close is not None else length is None:
                    self.send_header("Connection", "close")
                    self.close_connection = True
                self.end_headers()

            def route(self, with_body):
                cfg = config()
                routes = cfg.get("routes", {})
                host = self.headers.get("Host", "").rsplit(":", 1)[0].lower()
                bare = self.path.split("?", 1)[0]
                r = routes.get(host + self.path) or routes.get(host + bare) or routes.get(self.path) or routes.get(bare) or {}
                delay = float(r.get("delay", 0)) + float(cfg.get("latency", 0))
                if delay > 0:
                    time.sleep(delay)
                kind = r.get("kind", "file")
                if kind == "fixed":
                    body = r.get("body", "").encode()
                    self.start(int(r.get("status", 200)), r.get("headers", {}), len(body))
                    if with_body:
                        self.wfile.write(body)
                elif kind == "download":
                    self.serve_download(r, host, bare, with_body)
                elif kind == "redirect":
                    body = b"moved"
                    self.start(int(r.get("status", 302)), {"Location": r["location"]}, len(body))
                    if with_body:
                        self.wfile.write(body)
                elif kind == "drip":
                    count, interval = int(r.get("bytes", 100)), float(r.get("interval", 1))
                    self.start(200, {"Content-Type": "text/plain"}, count)
                    for _ in range(count if with_body else 0):
                        self.wfile.write(b"x")
                        self.wfile.flush()
                        time.sleep(interval)
                elif kind == "huge":
                    count = int(r.get("bytes", 0))
                    # Without a length ("stream"), the body ends when the connection closes.
                    self.start(200, {"Content-Type": "application/octet-stream"}, None if r.get("stream") else count)
                    block = b"a" * 65536
                    sent = 0
                    while with_body and sent < count:
                        n = min(len(block), count - sent)
                        self.wfile.write(block[:n])
                        sent += n
                elif kind == "gzip-bomb":
                    count = int(r.get("bytes", 0))
                    self.start(200, {"Content-Type": "text/xml", "Content-Encoding": "gzip"}, None)
                    z = zlib.compressobj(9, zlib.DEFLATED, 31)
                    zeros = b"\0" * (1 << 20)
                    fed = 0
                    while with_body and fed < count:
                        n = min(len(zeros), count - fed)
                        out = z.compress(zeros[:n])
                        fed += n
                        if out:
                            self.wfile.write(out)
                    if with_body:
                        self.wfile.write(z.flush())
                else:
                    self.serve_file(r, cfg, host, bare, with_body)

            def serve_file(self, r, cfg, host, bare, with_body):
                rel = urllib.parse.unquote(bare).lstrip("/")
                if ".." in rel.split("/"):
                    return self.not_found(with_body)
                path = os.path.join(ROOT, host, rel) if host and os.path.isfile(os.path.join(ROOT, host, rel)) else os.path.join(ROOT, rel)
                if not os.path.isfile(path):
                    return self.not_found(with_body)
                with open(path, "rb") as f:
                    data = f.read()
                mtime = int(os.stat(path).st_mtime)
                etag = '"%s"' % hashlib.sha1(data).hexdigest()[:16]
                last_modified = email.utils.formatdate(mtime, usegmt=True)
                ctype = r.get("contentType") or mimetypes.guess_type(path)[0] or "application/octet-stream"
                headers = {"Content-Type": ctype}
                for k, v in r.get("headers", {}).items():
                    headers[k] = v
                if r.get("etag", cfg.get("etag", True)):
                    headers["ETag"] = etag
                if r.get("lastModified", cfg.get("lastModified", True)):
                    headers["Last-Modified"] = last_modified
                if self.not_modified(headers.get("ETag"), mtime if "Last-Modified" in headers else None):
                    self.start(304, {k: v for k, v in headers.items() if k in ("ETag", "Last-Modified")}, None, close=False)
                    return
                accept = [t.split(";")[0].strip().lower() for t in self.headers.get("Accept-Encoding", "").split(",")]
                if r.get("compress", cfg.get("compress", True)) and len(data) > 0:
                    if "gzip" in accept:
                        data = gzip.compress(data)
                        headers["Content-Encoding"] = "gzip"
                    elif "deflate" in accept:
                        data = zlib.compress(data)
                        headers["Content-Encoding"] = "deflate"
                    headers["Vary"] = "Accept-Encoding"
                self.start(int(r.get("status", 200)), headers, len(data))
                if with_body:
                    self.wfile.write(data)

            def serve_download(self, r, host, bare, with_body):
                rel = urllib.parse.unquote(bare).lstrip("/")
                path = os.path.join(ROOT, rel)
                if ".." in rel.split("/") or not os.path.isfile(path):
                    return self.not_found(with_body)
                with open(path, "rb") as f:
                    data = f.read()
                mtime = int(os.stat(path).st_mtime)
                etag = '"%s"' % hashlib.sha1(data).hexdigest()[:16]
                last_modified = email.utils.formatdate(mtime, usegmt=True)
                headers = {"Content-Type": "application/zip", "ETag": etag, "Last-Modified": last_modified}
                if r.get("ranges", True):
                    headers["Accept-Ranges"] = "bytes"
                rng = self.headers.get("Range")
                if rng is None and self.not_modified(etag, mtime):
                    self.start(304, {"ETag": etag, "Last-Modified": last_modified}, None, close=False)
                    return
                with LOCK:
                    counts = CUTS.setdefault(bare, [0])
                    counts[0] += 1
                    index = counts[0]
                status, start = 200, 0
                if_range = self.headers.get("If-Range")
                if r.get("ranges", True) and rng and rng.startswith("bytes=") and rng.endswith("-") and (
                        if_range is None or if_range in (etag, last_modified)):
                    start = int(rng[6:-1])
                    if start >= len(data):
                        self.start(416, {"Content-Range": "bytes */%d" % len(data)}, 0)
                        return
                    status = 206
                    headers["Content-Range"] = "bytes %d-%d/%d" % (start, len(data) - 1, len(data))
                body = data[start:]
                cut = int(r.get("cutAfter", 0)) if index <= int(r.get("cuts", 0)) else 0
                self.start(status, headers, len(body), close=cut > 0)
                if with_body:
                    self.wfile.write(body[:cut] if cut > 0 else body)
                    self.wfile.flush()

            def not_modified(self, etag, mtime):
                inm = self.headers.get("If-None-Match")
                if inm is not None:
                    tags = [t.strip() for t in inm.split(",")]
                    return etag is not None and ("*" in tags or etag in tags or "W/" + etag in tags)
                ims = self.headers.get("If-Modified-Since")
                if ims is not None and mtime is not None:
                    try:
                        since = email.utils.parsedate_to_datetime(ims).timestamp()
                    except (TypeError, ValueError):
                        return False
                    return mtime <= since
                return False

            def not_found(self, with_body):
                body = b"not found"
                self.start(404, {"Content-Type": "text/plain"}, len(body))
                if with_body:
                    self.wfile.write(body)

        class Server(http.server.ThreadingHTTPServer):
            daemon_threads = True
            request_queue_size = 256
            allow_reuse_address = True

        def watch_stdin():
            try:
                while sys.stdin.buffer.read(4096):
                    pass
            finally:
                os._exit(0)

        server = Server((BIND, 0), Handler)
        threading.Thread(target=watch_stdin, daemon=True).start()
        tmp = os.path.join(STATE, "port.tmp")
        with open(tmp, "w") as f:
            f.write(str(server.server_address[1]))
        os.replace(tmp, os.path.join(STATE, "port"))
        server.serve_forever()
        """#
}
