#!/usr/bin/env python3
"""Self-test of tests/httpd.py, the loopback server the poller's tests use.

Starts the server as a test would (read the "PORT <n>" line), checks every
route with http.client, then checks that the server goes away on stdin EOF,
SIGTERM, SIGINT and --lifetime.  Exit status 0 if every check passed, else 1;
the last line is "N passed, N failed".
"""
import concurrent.futures
import email.utils
import gzip
import http.client
import json
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.abspath(__file__))
HTTPD = os.path.join(HERE, "httpd.py")
passed = 0
failed = 0


def check(name, cond, detail=""):
    global passed, failed
    if cond:
        passed += 1
        print("ok   " + name)
    else:
        failed += 1
        print("FAIL " + name + (": " + str(detail) if detail != "" else ""))
    return cond


class Server:
    def __init__(self, root, *args):
        self.proc = subprocess.Popen(
            [sys.executable, HTTPD, "--root", root, *args],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        ready, _, _ = select.select([self.proc.stdout], [], [], 10)
        line = self.proc.stdout.readline().decode() if ready else ""
        if not line.startswith("PORT "):
            self.proc.kill()
            raise RuntimeError("server did not print PORT: %r" % line)
        self.port = int(line.split()[1])

    def conn(self, timeout=5):
        return http.client.HTTPConnection("127.0.0.1", self.port,
                                          timeout=timeout)

    def get(self, path, headers=None, method="GET", timeout=5):
        c = self.conn(timeout)
        try:
            c.request(method, path, headers=headers or {})
            r = c.getresponse()
            return r.status, r, r.read()
        finally:
            c.close()

    def wait(self, timeout):
        try:
            self.proc.wait(timeout)
            return True
        except subprocess.TimeoutExpired:
            return False

    def stop(self):
        if self.proc.poll() is None:
            self.proc.stdin.close()
            if not self.wait(5):
                self.proc.kill()
                self.proc.wait()
        self.proc.stdout.close()


def refuses(port):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return False
    except OSError:
        return True


def write(path, data, mtime=None):
    with open(path, "wb") as f:
        f.write(data)
    if mtime is not None:
        os.utime(path, (mtime, mtime))


def test_files(s, root):
    a = os.path.join(root, "a.xml")
    body = b'<rss version="2.0"><channel><title>A</title></channel></rss>\n' * 20
    t0 = int(time.time()) - 100
    write(a, body, t0)
    st, r, got = s.get("/files/a.xml")
    check("files: 200 and content", st == 200 and got == body, st)
    etag = r.getheader("ETag", "")
    check("files: ETag quoted", len(etag) > 2 and etag[0] == etag[-1] == '"',
          etag)
    lm = r.getheader("Last-Modified", "")
    check("files: Last-Modified is the mtime",
          lm == email.utils.formatdate(t0, usegmt=True), lm)
    check("files: Content-Type application/xml",
          r.getheader("Content-Type") == "application/xml",
          r.getheader("Content-Type"))
    check("files: Content-Length", r.getheader("Content-Length") ==
          str(len(body)))
    check("files: identity without Accept-Encoding",
          r.getheader("Content-Encoding") is None)

    st, r, got = s.get("/files/a.xml", {"If-None-Match": etag})
    check("files: If-None-Match -> 304, no body", st == 304 and got == b"",
          (st, got[:40]))
    check("files: 304 repeats ETag", r.getheader("ETag") == etag)
    st, _, _ = s.get("/files/a.xml", {"If-None-Match": 'W/' + etag})
    check("files: weak If-None-Match -> 304", st == 304, st)
    st, _, _ = s.get("/files/a.xml", {"If-None-Match": '"nope", ' + etag})
    check("files: If-None-Match list -> 304", st == 304, st)
    st, _, _ = s.get("/files/a.xml", {"If-Modified-Since": lm})
    check("files: If-Modified-Since == mtime -> 304", st == 304, st)
    later = email.utils.formatdate(t0 + 50, usegmt=True)
    st, _, _ = s.get("/files/a.xml", {"If-Modified-Since": later})
    check("files: If-Modified-Since > mtime -> 304", st == 304, st)
    earlier = email.utils.formatdate(t0 - 50, usegmt=True)
    st, _, got = s.get("/files/a.xml", {"If-Modified-Since": earlier})
    check("files: If-Modified-Since < mtime -> 200", st == 200 and
          got == body, st)
    st, _, _ = s.get("/files/a.xml", {"If-None-Match": '"other"',
                                      "If-Modified-Since": later})
    check("files: If-None-Match mismatch wins over IMS -> 200", st == 200, st)
    st, _, _ = s.get("/files/a.xml", {"If-Modified-Since": "garbage"})
    check("files: bad If-Modified-Since ignored -> 200", st == 200, st)

    body2 = body.replace(b"<title>A", b"<title>B")
    write(a, body2, t0 + 10)
    st, r, got = s.get("/files/a.xml", {"If-None-Match": etag})
    check("files: rewritten file -> 200 new body", st == 200 and got == body2,
          st)
    check("files: rewritten file -> new ETag", r.getheader("ETag") != etag)

    st, r, got = s.get("/files/a.xml", {"Accept-Encoding": "gzip, deflate"})
    check("gzip: Content-Encoding gzip when asked",
          st == 200 and r.getheader("Content-Encoding") == "gzip",
          r.getheader("Content-Encoding"))
    check("gzip: body decompresses to file", gzip.decompress(got) == body2)
    check("gzip: Content-Length is compressed size",
          r.getheader("Content-Length") == str(len(got)) and
          len(got) < len(body2))
    check("gzip: Vary: Accept-Encoding",
          r.getheader("Vary") == "Accept-Encoding")
    st, r, got = s.get("/files/a.xml", {"Accept-Encoding": "gzip;q=0, br"})
    check("gzip: not with gzip;q=0", r.getheader("Content-Encoding") is None
          and got == body2)
    st, r, got = s.get("/files/a.xml", {"Accept-Encoding": "deflate"})
    check("gzip: not when not asked",
          r.getheader("Content-Encoding") is None and got == body2)
    write(os.path.join(root, "empty.xml"), b"")
    st, r, got = s.get("/files/empty.xml", {"Accept-Encoding": "gzip"})
    check("gzip: not for an empty file", st == 200 and got == b"" and
          r.getheader("Content-Encoding") is None and
          r.getheader("Content-Length") == "0")

    os.makedirs(os.path.join(root, "sub"), exist_ok=True)
    write(os.path.join(root, "sub", "l1.xml"), b"<rss/>")
    with open(os.path.join(root, "sub", "l1.xml.content-type"), "w") as f:
        f.write("application/rss+xml; charset=iso-8859-1\n")
    st, r, got = s.get("/files/sub/l1.xml")
    check("files: subdirectory and .content-type",
          st == 200 and got == b"<rss/>" and r.getheader("Content-Type") ==
          "application/rss+xml; charset=iso-8859-1", r.getheader(
              "Content-Type"))
    st, r, got = s.get("/files/a.xml", method="HEAD")
    check("files: HEAD has headers, no body", st == 200 and got == b"" and
          r.getheader("Content-Length") == str(len(body2)))

    outside = os.path.join(os.path.dirname(root), "secret.txt")
    write(outside, b"secret")
    for bad in ("/files/../secret.txt", "/files/%2e%2e/secret.txt",
                "/files/sub/../../secret.txt", "/files//etc/passwd",
                "/files/%2Fetc%2Fpasswd", "/files/sub", "/files/nope.xml",
                "/files/"):
        st, _, got = s.get(bad)
        check("files: 404 for " + bad, st == 404 and b"secret" not in got, st)
    return etag


def follow(s, path, limit):
    hops = []
    for _ in range(limit):
        st, r, _ = s.get(path)
        if st not in (301, 302, 303, 307, 308):
            return hops, st
        path = r.getheader("Location")
        hops.append(path)
    return hops, None


def test_redirects(s):
    hops, st = follow(s, "/redirect/3/a.xml", 20)
    check("redirect: /redirect/3 is 4 redirects then 200",
          len(hops) == 4 and st == 200 and hops[-1] == "/files/a.xml",
          (hops, st))
    st, r, got = s.get("/redirect/0/a.xml")
    check("redirect: /redirect/0 -> /files/", st == 302 and
          r.getheader("Location") == "/files/a.xml" and
          r.getheader("Content-Length") == str(len(got)))
    hops, st = follow(s, "/loop/0", 30)
    check("loop: 30 hops, still redirecting", st is None and
          hops[0] == "/loop/1" and hops[-1] == "/loop/30", hops[-1:])
    for url in ("file:///etc/passwd", "ftp://example.com/feed.xml",
                "../relative/x.xml", "http://127.0.0.1:1/x?a=b&c=d"):
        q = "/redirect-to?url=" + urllib.parse.quote(url, safe="")
        st, r, _ = s.get(q)
        check("redirect-to: " + url, st == 302 and
              r.getheader("Location") == url, (st, r.getheader("Location")))
    st, r, _ = s.get("/redirect-to?url=%2Fx&status=301")
    check("redirect-to: status=301", st == 301 and
          r.getheader("Location") == "/x")


def test_status(s):
    for code in (404, 500, 503):
        st, r, got = s.get("/status/%d" % code)
        check("status: /status/%d" % code, st == code and
              got.startswith(b"%d " % code) and
              r.getheader("Content-Length") == str(len(got)), (st, got))
    st, _, got = s.get("/status/204")
    check("status: /status/204 has no body", st == 204 and got == b"")
    st, r, _ = s.get("/status/429?retry-after=7")
    check("status: retry-after", st == 429 and
          r.getheader("Retry-After") == "7")
    for p in ("/", "/nothing", "/status/abc", "/status/99", "/gen/x.xml",
              "/redirect/x/a.xml", "/filesa.xml"):
        st, _, _ = s.get(p)
        check("404 for " + p, st == 404, st)


def test_stall(s):
    c = s.conn(timeout=1)
    t = time.monotonic()
    try:
        c.request("GET", "/stall")
        c.getresponse()
        ok, why = False, "got a response"
    except (TimeoutError, socket.timeout):
        ok, why = True, ""
    except Exception as e:
        ok, why = False, repr(e)
    c.close()
    el = time.monotonic() - t
    check("stall: client times out after ~1 s", ok and 0.9 < el < 3,
          (why, el))

    c = s.conn(timeout=1)
    c.request("GET", "/stall-body")
    r = c.getresponse()
    check("stall-body: 200, Content-Length 1000", r.status == 200 and
          r.getheader("Content-Length") == "1000")
    got = b""
    try:
        while True:
            b = r.read1(100)
            if not b:
                break
            got += b
        why = "EOF"
    except (TimeoutError, socket.timeout):
        why = "timeout"
    c.close()
    check("stall-body: 10 bytes then silence", got and len(got) == 10 and
          why == "timeout", (len(got), why))


def test_truncated(s):
    st, r, full = s.get("/files/a.xml")
    c = s.conn()
    c.request("GET", "/truncated/a.xml", headers={"Accept-Encoding": "gzip"})
    r = c.getresponse()
    cl = int(r.getheader("Content-Length"))
    try:
        got = r.read()
        err = None
    except http.client.IncompleteRead as e:
        got, err = e.partial, e
    c.close()
    check("truncated: Content-Length is the full size", cl == len(full),
          (cl, len(full)))
    check("truncated: half the body then close", err is not None and
          len(got) == len(full) // 2 and full.startswith(got),
          (len(got), err))


def test_huge(s):
    c = s.conn(timeout=10)
    c.request("GET", "/huge?mb=2")
    r = c.getresponse()
    check("huge: chunked, no Content-Length",
          r.getheader("Transfer-Encoding") == "chunked" and
          r.getheader("Content-Length") is None)
    parser = ET.XMLPullParser(events=("start", "end"))
    total = items = 0
    root = None
    err = None
    try:
        while True:
            b = r.read(65536)
            if not b:
                break
            total += len(b)
            parser.feed(b)
            for ev, el in parser.read_events():
                if ev == "start" and root is None:
                    root = el
                elif ev == "end" and el.tag == "item":
                    items += 1
                    el.clear()
        parser.close()
        for ev, el in parser.read_events():
            pass
    except ET.ParseError as e:
        err = e
    c.close()
    mib = total / 1048576
    check("huge: well-formed RSS 2.0", err is None and root is not None and
          root.tag == "rss" and root.get("version") == "2.0", err)
    check("huge: about 2 MiB", 1.95 <= mib <= 2.1, mib)
    check("huge: many items", items > 5000, items)

    st, r, got = s.get("/huge?mb=1&gzip=1")
    plain = gzip.decompress(got)
    check("huge: gzip=1 is a gzip bomb of 1 MiB",
          r.getheader("Content-Encoding") == "gzip" and
          len(got) < len(plain) // 5 and 1.0 <= len(plain) / 1048576 < 1.1
          and ET.fromstring(plain).tag == "rss", (len(got), len(plain)))


def test_gen(s):
    p = "/gen/7.xml?items=5&kind=rss"
    st, r, a = s.get(p)
    st2, r2, b = s.get(p)
    check("gen: 200 and deterministic", st == st2 == 200 and a == b and
          r.getheader("ETag") == r2.getheader("ETag"))
    etag, lm = r.getheader("ETag"), r.getheader("Last-Modified")
    check("gen: Last-Modified fixed", lm == "Thu, 01 Jan 2026 00:00:00 GMT",
          lm)
    try:
        root = ET.fromstring(a)
    except ET.ParseError as e:
        check("gen: rss well-formed", False, e)
        return
    items = root.findall("channel/item")
    check("gen: rss has 5 items", len(items) == 5, len(items))
    ok = True
    for j, it in enumerate(items, 1):
        d = it.findtext("description")
        when = email.utils.parsedate_to_datetime(it.findtext("pubDate"))
        ok &= (it.findtext("title") == "Gen feed 7 item %d" % j and
               it.findtext("guid") == "gen-7-%d" % j and
               it.findtext("link").startswith("https://") and
               1024 <= len(d.encode()) <= 2048 and d.startswith("<p>") and
               when.timestamp() == 1767225600 - 3600 * (j - 1))
    check("gen: titles, guids, links, 1-2 KB HTML, hourly dates", ok)

    st, r, at = s.get("/gen/7.xml?items=3&kind=atom")
    ns = "{http://www.w3.org/2005/Atom}"
    try:
        ar = ET.fromstring(at)
        ents = ar.findall(ns + "entry")
        ok = (ar.tag == ns + "feed" and len(ents) == 3 and
              ents[2].findtext(ns + "title") == "Gen feed 7 item 3" and
              ents[2].findtext(ns + "id") == "gen-7-3" and
              ents[0].find(ns + "content").get("type") == "html" and
              ents[0].findtext(ns + "updated") == "2026-01-01T00:00:00Z" and
              ents[1].findtext(ns + "updated") == "2025-12-31T23:00:00Z")
    except ET.ParseError as e:
        ok = e
    check("gen: atom well-formed, entries", ok is True, ok)
    check("gen: atom Content-Type", r.getheader("Content-Type", "")
          .startswith("application/atom+xml"))

    st, _, got = s.get(p, {"If-None-Match": etag})
    check("gen: If-None-Match -> 304", st == 304 and got == b"", st)
    st, _, _ = s.get(p, {"If-Modified-Since": lm})
    check("gen: If-Modified-Since -> 304", st == 304, st)
    st, r, v1 = s.get(p + "&version=1", {"If-None-Match": etag,
                                         "If-Modified-Since": lm})
    check("gen: version=1 changes content, ETag, Last-Modified",
          st == 200 and v1 != a and r.getheader("ETag") != etag and
          r.getheader("Last-Modified") != lm, st)
    st, _, _ = s.get(p + "&version=1", {"If-Modified-Since": lm})
    check("gen: version=1 newer than IMS of version 0 -> 200", st == 200, st)
    st, r, gz = s.get(p, {"Accept-Encoding": "gzip"})
    check("gen: gzip when asked", r.getheader("Content-Encoding") == "gzip"
          and gzip.decompress(gz) == a)
    st, _, other = s.get("/gen/8.xml?items=5")
    check("gen: feeds differ by number", st == 200 and other != a and
          b"Gen feed 8 item 5" in other)
    st, _, big = s.get("/gen/1.xml?items=200")
    check("gen: 200 items", st == 200 and
          len(ET.fromstring(big).findall("channel/item")) == 200)
    for bad in ("/gen/1.xml?kind=json", "/gen/1.xml?items=x"):
        st, _, _ = s.get(bad)
        check("gen: 400 for " + bad, st == 400, st)
    return etag


def test_keepalive(s):
    c = s.conn()
    c.request("GET", "/files/a.xml")
    r = c.getresponse()
    r.read()
    name1 = c.sock.getsockname()
    etag = r.getheader("ETag")
    c.request("GET", "/files/a.xml", headers={"If-None-Match": etag})
    r = c.getresponse()
    r.read()
    c.request("GET", "/gen/1.xml?items=2")
    r2 = c.getresponse()
    body = r2.read()
    name2 = c.sock.getsockname() if c.sock else None
    c.close()
    check("keep-alive: three requests (incl. a 304) on one connection",
          r.status == 304 and r2.status == 200 and body and
          name1 == name2 and not r2.will_close, (name1, name2))


def test_log(log, etag):
    try:
        with open(log) as f:
            entries = [json.loads(line) for line in f]
    except (OSError, ValueError) as e:
        check("log: one JSON object a line", False, e)
        return
    check("log: one JSON object a line", len(entries) > 50, len(entries))
    keys = {"method", "path", "headers", "status", "bytes"}
    check("log: every entry has the keys",
          all(keys <= set(e) for e in entries))
    hit = [e for e in entries if e["path"] == "/files/a.xml" and
           e["headers"].get("if-none-match") == etag and e["status"] == 304]
    check("log: If-None-Match and 304 recorded", hit and
          hit[0]["bytes"] == 0 and hit[0]["method"] == "GET")
    check("log: header names lower-cased", all(
        k == k.lower() for e in entries for k in e["headers"]))
    gz = [e for e in entries if e["headers"].get("accept-encoding") ==
          "gzip, deflate"]
    check("log: Accept-Encoding and compressed bytes recorded",
          gz and gz[0]["status"] == 200 and 0 < gz[0]["bytes"] < 1000)
    ims = [e for e in entries if "if-modified-since" in e["headers"]]
    check("log: If-Modified-Since recorded", len(ims) >= 3)
    st = [e for e in entries if e["path"] == "/stall"]
    check("log: /stall logged with status null", st and
          st[0]["status"] is None)
    tr = [e for e in entries if e["path"] == "/truncated/a.xml"]
    check("log: truncated bytes", tr and tr[0]["bytes"] > 0)
    huge = [e for e in entries if e["path"] == "/huge?mb=2"]
    check("log: /huge body bytes (without chunk framing)", huge and
          1.95 * 1048576 <= huge[0]["bytes"] <= 2.1 * 1048576)


def test_latency(root):
    s = Server(root, "--latency-ms", "300")
    try:
        t = time.monotonic()
        st, _, _ = s.get("/files/a.xml")
        el = time.monotonic() - t
        check("latency: a response takes >= 300 ms", st == 200 and el >= 0.3,
              el)
        t = time.monotonic()
        with concurrent.futures.ThreadPoolExecutor(20) as ex:
            sts = list(ex.map(lambda i: s.get("/gen/%d.xml?items=3" % i)[0],
                              range(20)))
        el = time.monotonic() - t
        # One at a time would take 6 s; a third of that proves they ran
        # together, with room for a loaded machine.
        check("parallel: 20 requests at 300 ms each in < 2 s",
              sts == [200] * 20 and el < 2.0, (el, set(sts)))
    finally:
        s.stop()


def test_lifecycle(root):
    s = Server(root)
    s.proc.stdin.close()
    check("exit: on stdin EOF", s.wait(3) and refuses(s.port))
    s.stop()

    for sig in (signal.SIGTERM, signal.SIGINT):
        s = Server(root)
        stalled = s.conn(timeout=5)
        stalled.request("GET", "/stall")     # a held connection mustn't
        time.sleep(0.2)                      # keep the server alive
        s.proc.send_signal(sig)
        check("exit: on %s with a /stall open" % sig.name,
              s.wait(3) and s.proc.returncode == 0 and refuses(s.port),
              s.proc.returncode)
        stalled.close()
        s.stop()

    s = Server(root, "--lifetime", "1")
    t = time.monotonic()
    ok = s.wait(4)
    check("exit: after --lifetime 1", ok and time.monotonic() - t < 3)
    s.stop()

    s = Server(root, "--ignore-stdin", "--lifetime", "30")
    s.proc.stdin.close()
    time.sleep(0.5)
    check("--ignore-stdin: survives stdin EOF", s.proc.poll() is None and
          s.get("/status/200")[0] == 200)
    s.proc.terminate()
    check("--ignore-stdin: SIGTERM still works", s.wait(3))
    s.stop()


def main():
    start = time.monotonic()
    tmp = tempfile.mkdtemp(prefix="check_httpd.")
    root = os.path.join(tmp, "root")
    os.mkdir(root)
    log = os.path.join(tmp, "requests.log")
    try:
        s = Server(root, "--log", log)
        try:
            etag = test_files(s, root)
            test_redirects(s)
            test_status(s)
            test_stall(s)
            test_truncated(s)
            test_huge(s)
            test_gen(s)
            test_keepalive(s)
        finally:
            s.stop()
        check("server exited cleanly", s.proc.returncode == 0,
              s.proc.returncode)
        test_log(log, etag)
        test_latency(root)
        test_lifecycle(root)
    except Exception as e:
        import traceback
        traceback.print_exc()
        check("no unexpected exception", False, repr(e))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print("(%.1f s)" % (time.monotonic() - start))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
