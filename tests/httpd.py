#!/usr/bin/env python3
"""Loopback HTTP/1.1 server for telex's tests and benchmarks (stdlib only).

    python3 tests/httpd.py --root DIR [--port 0] [--log FILE]
                           [--latency-ms N] [--lifetime S] [--ignore-stdin]

Binds 127.0.0.1:PORT (0 = any free port), prints one line "PORT <n>" on
stdout, flushes, and serves until SIGTERM/SIGINT, EOF on stdin (when stdin is
a pipe or socket, unless --ignore-stdin), or --lifetime seconds (default 600),
whichever comes first.  Threaded, keep-alive, Content-Length on every
response that has a body (except /huge, which is chunked).

Routes (GET; HEAD gives the same headers without a body):
  /files/<path>            DIR/<path>; ETag, Last-Modified, conditional GET
                           (DIR/<path>.gz, when there, is the gzip answer)
                           (304), gzip when Accept-Encoding allows it,
                           Content-Type from DIR/<path>.content-type or
                           application/xml.  ".." or absolute paths: 404.
  /redirect/<n>/<path>     302 to /redirect/<n-1>/<path>; n=0 -> /files/<path>
  /loop/<n>                302 to /loop/<n+1>, forever
  /redirect-to?url=U[&status=C]
                           C (default 302) with "Location: U" verbatim
  /status/<code>           that status (200-599) with a short text body
  /stall                   no response; holds until client leaves or 60 s
  /stall-body              headers with Content-Length: 1000, 10 body bytes,
                           then holds until client leaves or 60 s
  /truncated/<path>        DIR/<path> (identity), full Content-Length, then
                           the connection is closed after half the body
  /huge?mb=N[&gzip=1]      RSS 2.0 of about N MiB, chunked, generated on the
                           fly (gzip=1: gzip-encoded whatever was asked)
  /gen/<i>.xml?items=M&kind=rss|atom&version=V
                           deterministic feed i with M items (default 10),
                           validators and conditional GET, gzip when asked
  anything else            404 (other methods: 405)

--log FILE appends one JSON object per request:
  {"time", "method", "path" (request target, query included),
   "headers": {lower-case name: value}, "status" (null if no response was
   sent, e.g. /stall), "bytes" (body bytes sent, after encoding)}
--latency-ms N sleeps N ms before every response.
"""
import argparse
import datetime
import email.utils
import functools
import gzip
import hashlib
import http.server
import json
import os
import random
import select
import signal
import socketserver
import stat
import sys
import threading
import time
import traceback
import urllib.parse
import zlib
from xml.sax.saxutils import escape

STALL_SECONDS = 60
GEN_EPOCH = datetime.datetime(2026, 1, 1, tzinfo=datetime.timezone.utc)

stopping = threading.Event()


def http_date(ts):
    return email.utils.formatdate(ts, usegmt=True)


def make_etag(data):
    return '"%s"' % hashlib.sha1(data).hexdigest()[:20]


def accepts_gzip(header):
    """True if an Accept-Encoding value lists gzip (or x-gzip) with q > 0."""
    if not header:
        return False
    for part in header.split(","):
        fields = [f.strip() for f in part.split(";")]
        name = fields[0].lower()
        if name not in ("gzip", "x-gzip"):
            continue
        q = 1.0
        for f in fields[1:]:
            if f.lower().startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        if q > 0:
            return True
    return False


# ---------------------------------------------------------------- /gen feeds

WORDS = ("orbit launch radar missile defence shield satellite tracking "
         "interceptor budget treaty summit engine contract probe naval "
         "drone surveillance aircraft squadron testing sensor warhead "
         "diplomacy council ministry programme analysts report pacific "
         "booster stage payload ground station signal uplink telemetry "
         "crew module capsule reentry heat shield range safety officer").split()


def gen_body(i, j, version):
    """1-2 KB of deterministic HTML for item j of feed i."""
    rng = random.Random("gen-%d-%d-%d" % (i, j, version))
    target = rng.randint(1100, 1800)
    parts = ["<p><b>Gen feed %d item %d</b>%s &amp; more.</p>"
             % (i, j, " (version %d)" % version if version else "")]
    size = len(parts[0])
    k = 0
    while size < target:
        k += 1
        words = [rng.choice(WORDS) for _ in range(rng.randint(8, 16))]
        words[0] = words[0].capitalize()
        w = rng.randrange(len(words))
        words[w] = ('<a href="https://example.com/gen/%d/%d/ref%d">%s</a>'
                    % (i, j, k, words[w]))
        if k % 3 == 0:
            words[-1] = "<em>%s</em>" % words[-1]
        p = "<p>%s.</p>" % " ".join(words)
        parts.append(p)
        size += len(p)
    return "\n".join(parts)


class GenFeed:
    def __init__(self, content, mtime, ctype):
        self.content = content
        self.etag = make_etag(content)
        self.mtime = mtime
        self.ctype = ctype
        self._gz = None

    @property
    def gz(self):
        if self._gz is None:
            self._gz = gzip.compress(self.content, mtime=0)
        return self._gz


@functools.lru_cache(maxsize=2048)
def gen_feed(i, items, kind, version):
    mtime = GEN_EPOCH + datetime.timedelta(days=version)
    mts = mtime.timestamp()
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n']
    desc = "Generated feed %d%s" % (i, " version %d" % version if version
                                    else "")
    if kind == "rss":
        out.append('<rss version="2.0"><channel>\n'
                   "<title>Gen feed %d</title>\n"
                   "<link>https://example.com/gen/%d/</link>\n"
                   "<description>%s</description>\n"
                   "<language>en</language>\n"
                   "<lastBuildDate>%s</lastBuildDate>\n"
                   % (i, i, desc, http_date(mts)))
    else:
        out.append('<feed xmlns="http://www.w3.org/2005/Atom">\n'
                   "<title>Gen feed %d</title>\n"
                   "<subtitle>%s</subtitle>\n"
                   '<link rel="alternate" href="https://example.com/gen/%d/"/>'
                   "\n<id>urn:telex:gen:%d</id>\n"
                   "<updated>%s</updated>\n"
                   "<author><name>Gen</name></author>\n"
                   % (i, desc, i, i, mtime.strftime("%Y-%m-%dT%H:%M:%SZ")))
    for j in range(1, items + 1):
        when = GEN_EPOCH - datetime.timedelta(hours=j - 1)
        link = "https://example.com/gen/%d/%d.html" % (i, j)
        body = escape(gen_body(i, j, version))
        if kind == "rss":
            out.append("<item><title>Gen feed %d item %d</title>"
                       "<link>%s</link>"
                       '<guid isPermaLink="false">gen-%d-%d</guid>'
                       "<pubDate>%s</pubDate>\n"
                       "<description>%s</description></item>\n"
                       % (i, j, link, i, j, http_date(when.timestamp()),
                          body))
        else:
            stamp = when.strftime("%Y-%m-%dT%H:%M:%SZ")
            out.append("<entry><title>Gen feed %d item %d</title>"
                       '<link rel="alternate" href="%s"/>'
                       "<id>gen-%d-%d</id>"
                       "<published>%s</published><updated>%s</updated>\n"
                       '<content type="html">%s</content></entry>\n'
                       % (i, j, link, i, j, stamp, stamp, body))
    out.append("</channel></rss>\n" if kind == "rss" else "</feed>\n")
    ctype = ("application/rss+xml; charset=utf-8" if kind == "rss"
             else "application/atom+xml; charset=utf-8")
    return GenFeed("".join(out).encode("utf-8"), mts, ctype)


# ---------------------------------------------------------------- the server

class Server(http.server.ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 1024

    def server_bind(self):
        # HTTPServer.server_bind calls socket.getfqdn(), which can block on
        # DNS for seconds in a sandbox; we don't need server_name.
        socketserver.TCPServer.server_bind(self)
        host, port = self.server_address[:2]
        self.server_name = host
        self.server_port = port

    def handle_error(self, request, client_address):
        exc = sys.exc_info()[1]
        if isinstance(exc, (ConnectionError, TimeoutError)):
            return
        traceback.print_exc(file=sys.stderr)


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "telex-test-httpd/1"

    def version_string(self):
        return self.server_version

    # set from the command line
    root = "."
    log_file = None
    log_lock = threading.Lock()
    latency = 0.0

    def log_message(self, fmt, *args):  # quiet: the JSON log is the record
        pass

    # --- bookkeeping

    def send_response(self, code, message=None):
        self.status = code
        super().send_response(code, message)

    def write(self, data, chunked=False):
        """Send body bytes (as one chunk if chunked); count them."""
        if self.head or not data:
            return
        if chunked:
            self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        else:
            self.wfile.write(data)
        self.bytes_sent += len(data)

    def log_request_json(self):
        if self.logged:
            return
        self.logged = True
        if Handler.log_file is None:
            return
        headers = {}
        for name, value in self.headers.items():
            name = name.lower()
            headers[name] = (headers[name] + ", " + value if name in headers
                             else value)
        entry = {"time": round(time.time(), 3), "method": self.command,
                 "path": self.path, "headers": headers,
                 "status": self.status, "bytes": self.bytes_sent}
        line = json.dumps(entry) + "\n"
        with Handler.log_lock:
            Handler.log_file.write(line)
            Handler.log_file.flush()

    # --- dispatch

    def do_GET(self):
        self.head = self.command == "HEAD"
        self.status = None
        self.bytes_sent = 0
        self.logged = False
        try:
            if self.latency:
                time.sleep(self.latency)
            self.route()
        except (ConnectionError, TimeoutError):
            self.close_connection = True
        except Exception:
            traceback.print_exc(file=sys.stderr)
            if self.status is None:
                try:
                    self.send_text(500, "internal error in test server\n")
                except OSError:
                    pass
            self.close_connection = True
        finally:
            self.log_request_json()

    do_HEAD = do_GET

    def other_method(self):
        self.head = self.command == "HEAD"
        self.status = None
        self.bytes_sent = 0
        self.logged = False
        try:
            n = int(self.headers.get("Content-Length") or 0)
            if n > 0:
                self.rfile.read(n)
            self.send_text(405, "method not allowed\n",
                           [("Allow", "GET, HEAD")])
        except (ConnectionError, TimeoutError, ValueError):
            self.close_connection = True
        finally:
            self.log_request_json()

    do_POST = do_PUT = do_DELETE = do_PATCH = do_OPTIONS = other_method

    def route(self):
        split = urllib.parse.urlsplit(self.path)
        # A proxy's request names the whole URL ("GET http://h/p"): serve
        # it as if it were ours, so tests can show a client used a proxy
        # (the log keeps the absolute form).
        path, query = split.path, urllib.parse.parse_qs(split.query)
        qs = "?" + split.query if split.query else ""
        if path.startswith("/files/"):
            return self.route_files(path[len("/files/"):], truncate=False)
        if path.startswith("/truncated/"):
            return self.route_files(path[len("/truncated/"):], truncate=True)
        if path.startswith("/redirect/"):
            n, sep, rest = path[len("/redirect/"):].partition("/")
            if sep and n.isdigit() and rest:
                n = int(n)
                target = ("/redirect/%d/%s" % (n - 1, rest) if n > 0
                          else "/files/" + rest)
                return self.redirect(302, target + qs)
        elif path.startswith("/loop/"):
            n = path[len("/loop/"):]
            if n.isdigit():
                return self.redirect(302, "/loop/%d" % (int(n) + 1))
        elif path == "/redirect-to":
            url = query.get("url", [None])[0]
            code = query.get("status", ["302"])[0]
            if url is None or not code.isdigit() or not (
                    300 <= int(code) <= 399):
                return self.send_text(400, "need url= and a 3xx status=\n")
            return self.redirect(int(code), url)
        elif path.startswith("/status/"):
            code = path[len("/status/"):]
            if code.isdigit() and 200 <= int(code) <= 599:
                return self.route_status(int(code), query)
        elif path == "/stall":
            self.log_request_json()
            self.hold()
            self.close_connection = True
            return
        elif path == "/stall-body":
            self.send_response(200)
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Length", "1000")
            self.end_headers()
            self.write(b"<?xml vers")
            self.log_request_json()
            self.hold()
            self.close_connection = True
            return
        elif path == "/huge":
            return self.route_huge(query)
        elif path.startswith("/gen/"):
            return self.route_gen(path[len("/gen/"):], query)
        self.send_text(404, "not found\n")

    # --- response helpers

    def send_text(self, code, text, headers=(), ctype="text/plain"):
        self.send_bytes(code, text.encode(), ctype, headers)

    def send_bytes(self, code, body, ctype, headers=()):
        self.send_response(code)
        for k, v in headers:
            self.send_header(k, v)
        if code in (204, 304):
            self.end_headers()
            return
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.write(body)

    def redirect(self, code, location):
        self.send_text(code, "redirect to %s\n" % location,
                       [("Location", location)])

    def route_status(self, code, query):
        headers = []
        if "retry-after" in query:
            headers.append(("Retry-After", query["retry-after"][0]))
        phrase = self.responses.get(code, ("Status",))[0]
        self.send_text(code, "%d %s\n" % (code, phrase), headers)

    def not_modified(self, etag, mtime):
        """Evaluate If-None-Match / If-Modified-Since like a real server."""
        inm = self.headers.get("If-None-Match")
        if inm is not None:
            for tag in inm.split(","):
                tag = tag.strip()
                if tag.startswith("W/"):
                    tag = tag[2:]
                if tag == "*" or tag == etag:
                    return True
            return False
        ims = self.headers.get("If-Modified-Since")
        if ims:
            try:
                when = email.utils.parsedate_to_datetime(ims)
            except (TypeError, ValueError, IndexError):
                return False
            if when is None:
                return False
            if when.tzinfo is None:
                when = when.replace(tzinfo=datetime.timezone.utc)
            return int(mtime) <= when.timestamp()
        return False

    def send_document(self, content, etag, mtime, ctype, gz=None):
        validators = [("ETag", etag), ("Last-Modified", http_date(mtime)),
                      ("Vary", "Accept-Encoding")]
        if self.not_modified(etag, mtime):
            return self.send_bytes(304, b"", ctype, validators)
        if content and accepts_gzip(self.headers.get("Accept-Encoding")):
            body = gz() if gz else gzip.compress(content, mtime=0)
            validators.append(("Content-Encoding", "gzip"))
        else:
            body = content
        self.send_bytes(200, body, ctype, validators)

    def resolve(self, rel):
        """DIR/<rel> as a regular file inside DIR, or None."""
        rel = urllib.parse.unquote(rel)
        if (not rel or rel.startswith("/") or "\\" in rel or "\0" in rel
                or ".." in rel.split("/")):
            return None
        root = os.path.realpath(self.root)
        full = os.path.realpath(os.path.join(root, rel))
        if os.path.commonpath([root, full]) != root:
            return None
        return full if os.path.isfile(full) else None

    def route_files(self, rel, truncate):
        full = self.resolve(rel)
        if full is None:
            return self.send_text(404, "not found\n")
        try:
            with open(full, "rb") as f:
                mtime = os.fstat(f.fileno()).st_mtime
                content = f.read()
        except OSError:
            return self.send_text(404, "not found\n")
        ctype = "application/xml"
        try:
            with open(full + ".content-type", encoding="utf-8") as f:
                ctype = f.read().strip() or ctype
        except OSError:
            pass
        etag = make_etag(content)
        if not truncate:
            # A ready-made DIR/<path>.gz is sent as is (nginx's
            # gzip_static), so benchmarks do not time Python's gzip.
            def read_gz():
                with open(full + ".gz", "rb") as f:
                    return f.read()
            gz = read_gz if os.path.isfile(full + ".gz") else None
            return self.send_document(content, etag, mtime, ctype, gz)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", http_date(mtime))
        self.send_header("Content-Length", str(len(content)))
        self.end_headers()
        self.write(content[:len(content) // 2])
        self.close_connection = True

    def route_gen(self, name, query):
        stem, dot, ext = name.partition(".")
        if ext != "xml" or not stem.isdigit():
            return self.send_text(404, "not found\n")
        try:
            items = int(query.get("items", ["10"])[0])
            version = int(query.get("version", ["0"])[0])
        except ValueError:
            return self.send_text(400, "items and version are integers\n")
        kind = query.get("kind", ["rss"])[0]
        if kind not in ("rss", "atom") or not (0 <= items <= 100000) \
                or not (0 <= version <= 100000):
            return self.send_text(400, "bad kind, items or version\n")
        feed = gen_feed(int(stem), items, kind, version)
        self.send_document(feed.content, feed.etag, feed.mtime, feed.ctype,
                           gz=lambda: feed.gz)

    def route_huge(self, query):
        try:
            mb = float(query.get("mb", ["1"])[0])
        except ValueError:
            mb = -1
        if not (0 <= mb <= 16384):
            return self.send_text(400, "mb= must be a number, 0..16384\n")
        use_gzip = query.get("gzip", ["0"])[0] not in ("0", "")
        chunked = self.request_version != "HTTP/1.0"
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
        if use_gzip:
            self.send_header("Content-Encoding", "gzip")
        if chunked:
            self.send_header("Transfer-Encoding", "chunked")
        else:
            self.close_connection = True
        self.end_headers()
        if self.head:
            return
        comp = zlib.compressobj(6, zlib.DEFLATED, 31) if use_gzip else None

        def emit(data):
            if comp is not None:
                data = comp.compress(data)
            self.write(data, chunked)

        target = int(mb * 1024 * 1024)
        tail = b"</channel></rss>\n"
        head = (b'<?xml version="1.0" encoding="UTF-8"?>\n'
                b'<rss version="2.0"><channel>\n'
                b"<title>Huge feed</title>\n"
                b"<link>https://example.com/huge/</link>\n"
                b"<description>About %g MiB of items</description>\n" % mb)
        sent = len(head)
        emit(head)
        base = int(GEN_EPOCH.timestamp())
        n = 0
        while sent + len(tail) < target:
            buf = []
            size = 0
            while size < 65536 and sent + size + len(tail) < target:
                n += 1
                item = ("<item><title>Huge %d</title>"
                        "<link>https://example.com/huge/%d</link>"
                        '<guid isPermaLink="false">huge-%d</guid>'
                        "<pubDate>%s</pubDate>"
                        "<description>Item %d of the huge feed.</description>"
                        "</item>\n" % (n, n, n, time.strftime(
                            "%a, %d %b %Y %H:%M:%S GMT",
                            time.gmtime(base - 60 * n)), n)).encode()
                buf.append(item)
                size += len(item)
            emit(b"".join(buf))
            sent += size
        emit(tail)
        if comp is not None:
            self.write(comp.flush(), chunked)
        if chunked:
            self.wfile.write(b"0\r\n\r\n")

    def hold(self):
        """Keep the connection open, silent, until the client closes it,
        STALL_SECONDS pass, or the server stops."""
        sock = self.connection
        deadline = time.monotonic() + STALL_SECONDS
        while not stopping.is_set():
            left = deadline - time.monotonic()
            if left <= 0:
                return
            try:
                r, _, _ = select.select([sock], [], [], min(left, 0.25))
                if r and not sock.recv(65536):
                    return
            except (OSError, ValueError):
                return


def watch_stdin():
    try:
        while os.read(0, 65536):
            pass
    except OSError:
        pass
    stopping.set()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--root", required=True, help="directory for /files/")
    ap.add_argument("--port", type=int, default=0, help="0 = a free port")
    ap.add_argument("--log", help="append one JSON line per request here")
    ap.add_argument("--latency-ms", type=int, default=0,
                    help="delay every response by N ms")
    ap.add_argument("--lifetime", type=float, default=600.0,
                    help="exit after S seconds whatever happens (600)")
    ap.add_argument("--ignore-stdin", action="store_true",
                    help="don't exit when stdin (a pipe) reaches EOF")
    ap.add_argument("--tls", nargs=2, metavar=("CERT", "KEY"),
                    help="serve HTTPS with this certificate and key")
    args = ap.parse_args()
    if not os.path.isdir(args.root):
        ap.error("--root %s: not a directory" % args.root)
    if args.lifetime <= 0 or args.latency_ms < 0:
        ap.error("--lifetime must be > 0 and --latency-ms >= 0")

    Handler.root = os.path.abspath(args.root)
    Handler.latency = args.latency_ms / 1000.0
    if args.log:
        Handler.log_file = open(args.log, "a", encoding="utf-8")

    def on_signal(signum, frame):
        stopping.set()
    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGHUP, on_signal)

    server = Server(("127.0.0.1", args.port), Handler)
    if args.tls:
        import ssl
        ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        ctx.load_cert_chain(args.tls[0], args.tls[1])
        server.socket = ctx.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, kwargs={
        "poll_interval": 0.1}, daemon=True).start()

    if not args.ignore_stdin:
        try:
            mode = os.fstat(0).st_mode
            if stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode):
                threading.Thread(target=watch_stdin, daemon=True).start()
        except OSError:
            pass

    sys.stdout.write("PORT %d\n" % server.server_address[1])
    sys.stdout.flush()

    deadline = time.monotonic() + args.lifetime
    while not stopping.is_set():
        left = deadline - time.monotonic()
        if left <= 0:
            break
        stopping.wait(min(left, 0.5))
    stopping.set()
    # Don't wait for handler threads (a /stall can hold one for a minute):
    # close the listening socket, flush the log and leave at once.
    try:
        server.socket.close()
        if Handler.log_file is not None:
            with Handler.log_lock:
                Handler.log_file.flush()
    finally:
        os._exit(0)


if __name__ == "__main__":
    main()
