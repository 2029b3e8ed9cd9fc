#!/usr/bin/env python3
"""Claim (issue 3): the cache survives a refresh killed at any moment (every
feed is either as it was or fully stored, one transaction a feed, and the
next refresh completes); two refreshes of one cache run one after the other
(the second says it waits) without duplicating anything; `telex list` never
fails while a refresh writes; and a story's read state set while a refresh
runs is kept by it.

Runs the real binary against tests/httpd.py's generated feeds (/gen) on the
loopback interface; inspects the cache with Python's sqlite3.
"""
import json
import os
import re
import select
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

top_srcdir = os.environ.get("top_srcdir", ".")
top_builddir = os.environ.get("top_builddir", ".")
TELEX = os.path.abspath(os.path.join(top_builddir, "src", "telex"))
HTTPD = os.path.abspath(os.path.join(top_srcdir, "tests", "httpd.py"))

passed = 0
failed = 0


def check(name, cond, detail=""):
    global passed, failed
    if cond:
        passed += 1
        print("ok   " + name)
    else:
        failed += 1
        print("FAIL " + name + ": " + str(detail).replace("\n", "\\n")[:600])
    sys.stdout.flush()
    return cond


TMP = tempfile.mkdtemp(prefix="telex-refresh-crash-")
ROOT = os.path.join(TMP, "root")
LOG = os.path.join(TMP, "httpd.log")
os.makedirs(ROOT)
for d in ("home", "config", "data", "tmp"):
    os.makedirs(os.path.join(TMP, d))
ENV = {
    "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
    "HOME": os.path.join(TMP, "home"),
    "XDG_CONFIG_HOME": os.path.join(TMP, "config"),
    "XDG_DATA_HOME": os.path.join(TMP, "data"),
    "TMPDIR": os.path.join(TMP, "tmp"),
    "TZ": "UTC",
    "LANG": "C.UTF-8",
}


class Server:
    def __init__(self, root, log, *extra):
        self.proc = subprocess.Popen(
            [sys.executable, HTTPD, "--root", root, "--log", log,
             "--lifetime", "900", *extra],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE)
        ready, _, _ = select.select([self.proc.stdout], [], [], 15)
        line = self.proc.stdout.readline().decode() if ready else ""
        if not line.startswith("PORT "):
            self.stop()
            raise RuntimeError("httpd did not print PORT: %r" % line)
        self.port = int(line.split()[1])
        self.base = "http://127.0.0.1:%d" % self.port

    def url(self, path):
        return self.base + path

    def stop(self):
        if self.proc.poll() is None:
            try:
                self.proc.stdin.close()
            except OSError:
                pass
            try:
                self.proc.wait(5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc.stdout.close()


class Case:
    n = 0

    def __init__(self, name, config="", feeds=()):
        Case.n += 1
        self.dir = os.path.join(TMP, "case%02d-%s" % (Case.n, name))
        os.makedirs(self.dir)
        self.feeds = os.path.join(self.dir, "feeds")
        self.cache = os.path.join(self.dir, "cache.db")
        self.config = os.path.join(self.dir, "config")
        with open(self.config, "w") as f:
            f.write(config)
        self.set_feeds(feeds)

    def set_feeds(self, urls):
        with open(self.feeds, "w") as f:
            for u in urls:
                f.write(u + "\n")

    def argv(self, *args):
        return [TELEX, "-u", self.feeds, "-c", self.cache,
                "--config", self.config, *args]

    def start(self, *args):
        return subprocess.Popen(self.argv(*args), env=ENV,
                                stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)

    def run(self, *args, timeout=50):
        return subprocess.run(self.argv(*args), env=ENV,
                              stdin=subprocess.DEVNULL, capture_output=True,
                              timeout=timeout)

    def ro(self):
        return sqlite3.connect("file:%s?mode=ro" % self.cache, uri=True,
                               timeout=30)

    def rw(self):
        return sqlite3.connect(self.cache, timeout=30)

    def query(self, sql, args=()):
        con = self.rw()
        try:
            return con.execute(sql, args).fetchall()
        finally:
            con.close()

    def stored_feeds(self):
        """Feeds with last_success, read-only; None while not readable."""
        if not os.path.exists(self.cache):
            return None
        try:
            con = self.ro()
            try:
                return con.execute("SELECT count(*) FROM feeds WHERE "
                                   "last_success IS NOT NULL").fetchone()[0]
            finally:
                con.close()
        except sqlite3.Error:
            return None


def gen_urls(S, n, items, version=0):
    return [S("/gen/%d.xml?items=%d&kind=%s%s" % (
        i, items, "rss" if i % 2 else "atom",
        "&version=%d" % version if version else "")) for i in range(n)]


def wait_stored(case, proc, at_least, limit):
    """Poll until at_least feeds are stored (or proc ends / limit s)."""
    deadline = time.monotonic() + limit
    n = None
    while time.monotonic() < deadline and proc.poll() is None:
        n = case.stored_feeds()
        if n is not None and n >= at_least:
            return n
        time.sleep(0.01)
    return n


def finish(proc, timeout=50):
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
    return proc.returncode, out.decode("utf-8", "replace"), \
        err.decode("utf-8", "replace")


LIST_LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d  [N ][! ][S ]  \S.*$")

server = None
procs = []


def main():
    global server
    server = Server(ROOT, LOG, "--latency-ms", "20")
    S = server.url

    # ------------------------------------------------------- crash safety
    NF, NI = 300, 50
    c = Case("crash", config="max-connections 8\n",
             feeds=gen_urls(S, NF, NI))
    # Killed three times, at different points; each time the cache must
    # hold whole feeds only.
    n = 0
    for k, (need, extra_ms) in enumerate(((5, 0), (40, 7), (100, 23))):
        p = c.start("refresh")
        procs.append(p)
        got = wait_stored(c, p, max(need, (n or 0) + 10), 40)
        time.sleep(extra_ms / 1000.0)
        still_running = p.poll() is None
        if still_running:
            p.send_signal(signal.SIGKILL)
        rc, out, err = finish(p)
        n = c.stored_feeds()
        check("crash %d: refresh killed while storing (%s feeds stored)"
              % (k + 1, n), still_running and n is not None and 0 < n < NF,
              (got, n, still_running, rc, err[-300:]))
        ic = c.query("PRAGMA integrity_check")
        check("crash %d: integrity_check ok after SIGKILL" % (k + 1),
              ic == [("ok",)], ic[:5])
        rows = c.query("SELECT f.url, f.last_success IS NOT NULL, "
                       "count(i.id) FROM feeds f LEFT JOIN items i "
                       "ON i.feed_id = f.id GROUP BY f.id")
        half = [r for r in rows if (r[1] and r[2] != NI) or
                (not r[1] and r[2] != 0)]
        ok_feeds = sum(1 for r in rows if r[1])
        check("crash %d: every stored feed has all %d items, the others "
              "none (%d stored)" % (k + 1, NI, ok_feeds),
              rows != [] and half == [], half[:5])
        # Every item says "Gen feed"; search indexes what is pending.
        r = c.run("search", "--json", "gen")
        try:
            hits = len(json.loads(r.stdout))
        except ValueError:
            hits = None
        nitems = c.query("SELECT count(*) FROM items")[0][0]
        check("crash %d: search after the kill finds every stored item"
              % (k + 1), r.returncode == 0 and hits == nitems,
              (r.returncode, hits, nitems, r.stderr[-300:]))
    r = c.run("refresh", "-q")
    check("crash: next refresh exit 0", r.returncode == 0,
          r.stderr.decode()[-500:])
    total = c.query("SELECT count(*) FROM items")[0][0]
    check("crash: all %d x %d items there" % (NF, NI), total == NF * NI,
          total)
    rows = c.query("SELECT count(*) FROM feeds WHERE last_success IS NULL "
                   "OR last_error IS NOT NULL")
    check("crash: every feed stored, none failed", rows == [(0,)], rows)
    r = c.run("list")
    check("crash: list shows them all",
          r.returncode == 0 and r.stdout.count(b"\n") == NF * NI,
          (r.returncode, r.stdout.count(b"\n")))

    # ------------------------------------------------------- two refreshes
    NF2, NI2 = 60, 20
    c = Case("two", config="max-connections 4\n",
             feeds=gen_urls(S, NF2, NI2))
    p1 = c.start("refresh")
    p2 = c.start("refresh")
    procs.extend([p1, p2])
    rc1, out1, err1 = finish(p1)
    rc2, out2, err2 = finish(p2)
    check("two refreshes: both exit 0", rc1 == 0 and rc2 == 0,
          (rc1, err1[-300:], rc2, err2[-300:]))
    waits = [e for e in (err1, err2) if "wait" in e.lower()]
    check("two refreshes: one says it waits for the other",
          len(waits) == 1 and c.cache in waits[0], (err1, err2))
    check("two refreshes: integrity ok",
          c.query("PRAGMA integrity_check") == [("ok",)])
    total = c.query("SELECT count(*) FROM items")[0][0]
    dup = c.query("SELECT feed_id, key, count(*) FROM items GROUP BY "
                  "feed_id, key HAVING count(*) > 1")
    check("two refreshes: no duplicates, count = feeds x items",
          total == NF2 * NI2 and dup == [], (total, dup[:3]))
    nf = c.query("SELECT count(*) FROM feeds")[0][0]
    check("two refreshes: one row a feed", nf == NF2, nf)

    # ------------------------------------------------------- list while writing
    c = Case("list-during", config="max-connections 4\n",
             feeds=gen_urls(S, 120, 20))
    p = c.start("refresh")
    procs.append(p)
    wait_stored(c, p, 1, 30)
    runs = bad = 0
    first_bad = None
    counts = []
    searches = 0
    while p.poll() is None and runs < 400:
        if runs % 5 == 4:
            # search too: it indexes (writes) before it reads
            r = c.run("search", "--json", "gen", timeout=40)
            runs += 1
            searches += 1
            try:
                doc = json.loads(r.stdout)
                problem = None if r.returncode == 0 and isinstance(
                    doc, list) else "search exit %d: %s" % (
                        r.returncode, r.stderr[-300:])
            except ValueError as e:
                problem = "search: bad JSON: %s %s" % (e, r.stderr[-300:])
            if problem:
                bad += 1
                first_bad = first_bad or problem
            continue
        json_mode = runs % 2 == 1
        r = c.run("list", *(["--json"] if json_mode else []), timeout=30)
        runs += 1
        problem = None
        if r.returncode != 0:
            problem = "exit %d: %s" % (r.returncode, r.stderr[-300:])
        elif json_mode:
            try:
                doc = json.loads(r.stdout)
                if not isinstance(doc, list) or not all(
                        isinstance(x, dict) and "title" in x for x in doc):
                    problem = "JSON of the wrong shape"
                else:
                    counts.append(len(doc))
            except ValueError as e:
                problem = "bad JSON: %s" % e
        else:
            try:
                lines = r.stdout.decode("utf-8").split("\n")
            except UnicodeDecodeError as e:
                lines, problem = [], "not UTF-8: %s" % e
            if lines and lines[-1] != "":
                problem = "last line unterminated"
            for ln in lines[:-1]:
                if not LIST_LINE.match(ln):
                    problem = "bad line %r" % ln
                    break
            counts.append(len(lines) - 1)
        if problem:
            bad += 1
            first_bad = first_bad or problem
    rc, out, err = finish(p)
    check("list during refresh: ran %d times (%d searches) while it wrote"
          % (runs, searches), runs >= 5 and searches >= 1, runs)
    check("list and search during refresh: every run exit 0, well-formed",
          bad == 0, "%d bad, first: %s" % (bad, first_bad))
    check("list during refresh: counts never go down (whole feeds appear)",
          counts == sorted(counts) and all(x % 20 == 0 for x in counts),
          counts[:40])
    check("list during refresh: the refresh exit 0", rc == 0, err[-300:])

    # ------------------------------------------------------- state kept
    NF3, NI3 = 60, 20
    c = Case("state", config="max-connections 4\n",
             feeds=gen_urls(S, NF3, NI3))
    r = c.run("refresh", "-q")
    check("state: setup refresh exit 0", r.returncode == 0,
          r.stderr.decode()[-300:])
    # The same feeds (same cache rows) now serve changed stories: version 1.
    con = c.rw()
    for old, new in zip(gen_urls(S, NF3, NI3), gen_urls(S, NF3, NI3, 1)):
        con.execute("UPDATE feeds SET url = ? WHERE url = ?", (new, old))
    con.commit()
    con.close()
    c.set_feeds(gen_urls(S, NF3, NI3, 1))
    ids = [x[0] for x in c.query("SELECT id FROM items ORDER BY feed_id, "
                                 "id")]
    p = c.start("refresh")
    procs.append(p)
    marked = []
    con = c.rw()
    # Mark every third item read, a few at a time, while the refresh runs.
    todo = ids[::3]
    while todo and p.poll() is None:
        batch, todo = todo[:10], todo[10:]
        con.execute("UPDATE items SET unread = 0 WHERE id IN (%s)" %
                    ",".join("?" * len(batch)), batch)
        con.commit()
        marked.extend(batch)
        time.sleep(0.01)
    con.close()
    rc, out, err = finish(p)
    check("state: refresh exit 0", rc == 0, err[-300:])
    check("state: items were marked while it ran (%d)" % len(marked),
          len(marked) > 0, len(marked))
    m = c.query("SELECT count(*) FROM items WHERE content LIKE "
                "'%(version 1)%' OR summary LIKE '%(version 1)%'")[0][0]
    check("state: the refresh updated the stories in place",
          m == NF3 * NI3 and "updated" in out, (m, out[-200:]))
    if marked:
        still = c.query("SELECT count(*) FROM items WHERE unread = 0 AND id "
                        "IN (%s)" % ",".join(map(str, marked)))[0][0]
        check("state: every item marked read is still read",
              still == len(marked), (still, len(marked)))
    total = c.query("SELECT count(*) FROM items")[0][0]
    check("state: no item added or lost", total == NF3 * NI3, total)


try:
    main()
except Exception:
    import traceback
    traceback.print_exc()
    failed += 1
    print("FAIL the test script itself raised")
finally:
    for pr in procs:
        if pr.poll() is None:
            pr.kill()
            pr.wait()
    if server is not None:
        server.stop()
    if failed == 0:
        shutil.rmtree(TMP, ignore_errors=True)
    else:
        print("(files kept in %s)" % TMP)

print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
