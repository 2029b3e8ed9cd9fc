#!/usr/bin/env python3
"""Claim (issue 6, faults and bad input, part 1 of 2; faults_input.py has
the sizes and the hostile feeds): telex meets a damaged, read-only or full
cache, bad settings files and concurrent processes with a one-line message
naming the file and the reason, never deletes or rewrites a file it cannot
use, exits 1 or 2 (or reads a read-only cache), and loses nothing.

- storage: garbage, a truncated cache and another program's SQLite file
  under refresh, list, search and the reader (tmux); a read-only file and
  a read-only directory (run as nobody when root, since root writes
  anything); a full disk (a 1 MiB tmpfs when mounting works, and
  RLIMIT_FSIZE) hit in the middle of a refresh keeps every feed stored
  before it, whole, and the next refresh completes;
- settings: every kind of bad config, feeds and theme line names the file
  and line and the good lines after it still take effect; a missing
  default config is fine; a config that is a directory, a FIFO or binary
  garbage;
- processes: two refreshes and a reader on one cache (tests/refresh_crash.py
  has SIGKILL during a refresh and two refreshes alone; ui_tmux.py has
  Ctrl-Z); here SIGKILL while a search indexes.

Runs the real binary on file:// feeds in a temp dir; no network. The tmux
parts skip, saying so, when tmux is absent.
"""
import hashlib
import json
import os
import re
import resource
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

passed = 0
failed = 0


def check(name, cond, detail=""):
    global passed, failed
    if cond:
        passed += 1
        print("ok   " + name)
    else:
        failed += 1
        print("FAIL " + name + ": " + str(detail).replace("\n", "\\n")[:700])
    sys.stdout.flush()
    return cond


if not os.path.exists(TELEX):
    print("SKIP: %s is not built" % TELEX)
    sys.exit(77)

TMP = tempfile.mkdtemp(prefix="telex-faults-")
os.chmod(TMP, 0o755)            # nobody reads the read-only cases
if os.geteuid() == 0:
    # The cases run as nobody need a telex nobody can reach: a build tree
    # under /root (0700 on Debian, where CI clones) is not. A copy is; its
    # package data stays the build tree's (TELEX_DATA_DIR, below).
    os.makedirs(os.path.join(TMP, "bin"))
    shutil.copy2(TELEX, os.path.join(TMP, "bin", "telex"))
    TELEX = os.path.join(TMP, "bin", "telex")
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
    "LC_ALL": "C.UTF-8",
    "TELEX_DATA_DIR": os.path.abspath(os.path.join(top_srcdir, "data")),
}
SAN = re.compile(r"AddressSanitizer|LeakSanitizer|runtime error:|"
                 r"UndefinedBehaviorSanitizer")
ROOT = os.geteuid() == 0
NOBODY = 65534
HAVE_TMUX = shutil.which("tmux") is not None
SOCK = os.path.join(TMP, "tmux.sock")
MOUNTS = []


def sha(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def rss(title, items, start=0, words=40):
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0">'
           "<channel><title>%s</title><link>https://example.org/</link>"
           % title]
    for j in range(start, start + items):
        out.append("<item><guid>%s-%d</guid><title>%s story %d</title>"
                   "<link>https://example.org/%s/%d</link><pubDate>Mon, "
                   "%02d Jan 2024 10:00:00 GMT</pubDate><description>%s"
                   "</description></item>" % (
                       title, j, title, j, title, j, 1 + j % 28,
                       " ".join("word%d" % ((j * 7 + k) % 997)
                                for k in range(words))))
    out.append("</channel></rss>\n")
    return "".join(out)


def write(path, data, mode="w"):
    with open(path, mode) as f:
        f.write(data)
    return path


class Case:
    """A feeds file, a config and a cache path of their own."""
    n = 0

    def __init__(self, name, feeds=(), config="fetch-articles no\n"):
        Case.n += 1
        self.dir = os.path.join(TMP, "case%02d-%s" % (Case.n, name))
        os.makedirs(self.dir)
        os.chmod(self.dir, 0o755)
        self.feeds = os.path.join(self.dir, "feeds")
        self.cache = os.path.join(self.dir, "cache.db")
        self.config = os.path.join(self.dir, "config")
        write(self.config, config)
        write(self.feeds, "".join(f + "\n" for f in feeds))
        for p in (self.feeds, self.config):
            os.chmod(p, 0o644)

    def argv(self, *args, cache=None):
        return [TELEX, "-u", self.feeds, "-c", cache or self.cache,
                "--config", self.config, *args]

    def run(self, *args, cache=None, timeout=60, preexec=None):
        try:
            p = subprocess.run(self.argv(*args, cache=cache), env=ENV,
                               stdin=subprocess.DEVNULL, capture_output=True,
                               timeout=timeout, preexec_fn=preexec)
        except subprocess.TimeoutExpired:
            return None
        p.out = p.stdout.decode("utf-8", "replace")
        p.err = p.stderr.decode("utf-8", "replace")
        return p

    def query(self, sql, cache=None):
        con = sqlite3.connect("file:%s?mode=ro" % (cache or self.cache),
                              uri=True, timeout=30)
        try:
            return con.execute(sql).fetchall()
        finally:
            con.close()


def clean_exit(p, codes=(1, 2)):
    """Ended by itself with one of codes, no sanitizer report."""
    return (p is not None and p.returncode in codes and
            not SAN.search(p.err))


def one_line_naming(p, path, reason_re):
    """stderr has a line naming path with the reason."""
    if p is None:
        return False
    for ln in p.err.splitlines():
        if path in ln and re.search(reason_re, ln, re.I):
            return True
    return False


def feed_files(case, n, items, prefix="f"):
    urls = []
    for i in range(n):
        p = write(os.path.join(case.dir, "%s%d.xml" % (prefix, i)),
                  rss("%s%d" % (prefix, i), items))
        urls.append("file://" + p)
    return urls


# ------------------------------------------------------------ tmux helpers
def tmux(*args):
    p = subprocess.run(["tmux", "-S", SOCK, "-f", "/dev/null", *args],
                       capture_output=True, timeout=30)
    return p.stdout.decode("utf-8", "replace")


def shq(s):
    return "'" + s.replace("'", "'\\''") + "'"


class Screen:
    n = 0

    def __init__(self, argv, prefix="", width=120, height=40):
        Screen.n += 1
        self.name = "f%d" % Screen.n
        e = dict(ENV)
        e["TERM"] = "screen-256color"
        envs = " ".join("%s=%s" % (k, shq(v)) for k, v in e.items())
        cmd = " ".join(shq(a) for a in argv)
        script = ("%s env -i %s %s; echo \"EXITED $?\"; sleep 300"
                  % (prefix, envs, cmd))
        tmux("new-session", "-d", "-s", self.name, "-x", str(width), "-y",
             str(height), "sh -c " + shq(script))
        tmux("set-option", "-t", self.name, "status", "off")

    def text(self):
        # The history too: an error printed before exiting may scroll.
        return tmux("capture-pane", "-p", "-J", "-S", "-100", "-t",
                    self.name)

    def raw(self):
        return tmux("capture-pane", "-p", "-e", "-t", self.name)

    def keys(self, *k):
        tmux("send-keys", "-t", self.name, *k)

    def wait(self, want, timeout=15.0):
        end = time.monotonic() + timeout
        while True:
            t = self.text()
            if (want(t) if callable(want) else want in t):
                return t
            if time.monotonic() > end:
                return None
            time.sleep(0.05)

    def close(self):
        tmux("kill-session", "-t", self.name)


def as_nobody_preexec():
    os.setgroups([])
    os.setresgid(NOBODY, NOBODY, NOBODY)
    os.setresuid(NOBODY, NOBODY, NOBODY)


# ------------------------------------------------------------ storage
def storage_corrupt():
    c = Case("corrupt")
    urls = feed_files(c, 3, 5)
    write(c.feeds, "\n".join(urls) + "\n")
    good = c.run("refresh", "-q")
    check("corrupt: setup refresh exit 0", good.returncode == 0, good.err)
    with open(c.cache, "rb") as f:
        valid = f.read()
    other = os.path.join(c.dir, "other.db")
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE notes (x TEXT)")
    con.execute("INSERT INTO notes VALUES ('mine, not telex''s')")
    con.commit()
    con.close()
    kinds = {
        "garbage": os.urandom(200000),
        "truncated": valid[:len(valid) // 3],
        "header-only": valid[:100],
        "other-sqlite": None,
    }
    reasons = {
        "garbage": r"not a database|malformed|cannot read",
        "truncated": r"malformed|not a database|cannot read",
        "header-only": r"malformed|not a database|cannot read",
        "other-sqlite": r"not a telex cache",
    }
    for kind, data in kinds.items():
        path = os.path.join(c.dir, kind + ".db")
        if data is None:
            shutil.copy(other, path)
        else:
            write(path, data, "wb")
        before = sha(path)
        for args in (("refresh",), ("list",), ("list", "--json"),
                     ("search", "story")):
            p = c.run(*args, cache=path)
            name = "%s cache: %s" % (kind, " ".join(args))
            check(name + ": exit 1 or 2, no sanitizer report",
                  clean_exit(p), p and (p.returncode, p.err[-400:]))
            check(name + ": one line names the file and the reason",
                  one_line_naming(p, path, reasons[kind]) and
                  "run 'telex refresh' first" not in p.err,
                  p and p.err[-400:])
            check(name + ": the file is left byte for byte",
                  os.path.exists(path) and sha(path) == before, kind)
        if HAVE_TMUX:
            s = Screen(c.argv(cache=path))
            t = s.wait("EXITED", 20)
            check("%s cache: the reader exits 2 naming the file" % kind,
                  t is not None and "EXITED 2" in t and path in t and
                  not SAN.search(t), t and t[-400:])
            s.close()
            check("%s cache: the reader leaves the file as it was" % kind,
                  sha(path) == before)


def storage_readonly():
    c = Case("readonly")
    urls = feed_files(c, 2, 6)
    write(c.feeds, "\n".join(urls) + "\n")
    p = c.run("refresh", "-q")
    check("read-only: setup refresh exit 0", p.returncode == 0, p.err)
    p = c.run("search", "story")        # indexed, then closed: no -wal
    n_all = len(json.loads(c.run("list", "--json").out))
    rofile = os.path.join(c.dir, "rofile")
    rodir = os.path.join(c.dir, "rodir")
    os.makedirs(rofile)
    os.makedirs(rodir)
    shutil.copy(c.cache, os.path.join(rofile, "cache.db"))
    shutil.copy(c.cache, os.path.join(rodir, "cache.db"))
    os.chmod(os.path.join(rofile, "cache.db"), 0o444)
    os.chmod(rodir, 0o555)
    if ROOT:
        # The file's directory is the nobody's to write in the first case.
        os.chown(rofile, NOBODY, NOBODY)
        preexec, who = as_nobody_preexec, " (as nobody)"
    else:
        preexec, who = None, ""
    for label, d in (("0444 file", rofile), ("read-only dir", rodir)):
        path = os.path.join(d, "cache.db")
        before = sha(path)
        p = c.run("list", "--json", cache=path, preexec=preexec)
        try:
            n = len(json.loads(p.out))
        except (ValueError, AttributeError):
            n = None
        check("%s%s: list --json reads it (%s of %d)" % (label, who, n,
              n_all), p is not None and p.returncode == 0 and n == n_all,
              p and p.err[-400:])
        p = c.run("search", "story", cache=path, preexec=preexec)
        check("%s%s: search reads it" % (label, who),
              p is not None and p.returncode == 0 and
              p.out.count("\n") == n_all and not SAN.search(p.err),
              p and (p.returncode, p.out.count("\n"), p.err[-400:]))
        p = c.run("refresh", cache=path, preexec=preexec)
        check("%s%s: refresh exits 2 naming the cache and why" % (label, who),
              clean_exit(p, (2,)) and one_line_naming(
                  p, path, r"permission|read-?only"),
              p and (p.returncode, p.err[-400:]))
        check("%s%s: the file is unchanged" % (label, who),
              sha(path) == before)
        if HAVE_TMUX and (ROOT or os.geteuid() != 0):
            prefix = ""
            if ROOT:
                if shutil.which("setpriv") is None:
                    print("skip: the reader as nobody needs setpriv")
                    continue
                prefix = "setpriv --reuid=%d --regid=%d --clear-groups" % (
                    NOBODY, NOBODY)
            s = Screen(c.argv(cache=path), prefix=prefix)
            t = s.wait(lambda t: "story" in t or "EXITED" in t, 20)
            ok = t is not None and "EXITED" not in t
            s.keys("E")
            t2 = s.wait("read-only", 10)
            check("%s%s: the reader opens it and says it is read-only"
                  % (label, who), ok and t2 is not None and "cache.db" in t2,
                  (t or "")[-300:] + "|" + (t2 or ""))
            s.keys("Q")
            t = s.wait("EXITED", 10)
            check("%s%s: the reader quits 0" % (label, who),
                  t is not None and "EXITED 0" in t, t and t[-200:])
            s.close()
            check("%s%s: the reader left the file unchanged" % (label, who),
                  sha(path) == before)
    os.chmod(rodir, 0o755)


def full_disk_case(label, limit_setup, lift, cache_dir, preexec=None):
    """A refresh of 40 feeds into a cache that fills up on the way."""
    c = Case("full-" + re.sub(r"[^a-z0-9]+", "-", label.lower()))
    cache = os.path.join(cache_dir, "cache.db")
    urls = feed_files(c, 40, 25)
    write(c.feeds, urls[0] + "\n")
    p = c.run("refresh", "-q", cache=cache)
    check("%s: the first feed stored before the disk fills" % label,
          p is not None and p.returncode == 0, p and p.err[-300:])
    write(c.feeds, "\n".join(urls) + "\n")
    limit_setup()
    p = c.run("refresh", "-q", cache=cache, preexec=preexec)
    check("%s: refresh on a full disk exits 1 or 2, no crash" % label,
          clean_exit(p), p and (p.returncode, p.err[-400:]))
    check("%s: the message names the cache and the reason" % label,
          one_line_naming(p, cache, r"full|too large|no space|disk"),
          p and p.err[-400:])
    lines = [ln for ln in p.err.splitlines() if ln] if p else []
    check("%s: messages are one line each, prefixed telex:" % label,
          lines and all(ln.startswith("telex: ") for ln in lines),
          lines[:3])
    lift()
    rows = c.query("SELECT f.url, count(i.id) FROM feeds f LEFT JOIN items "
                   "i ON i.feed_id = f.id WHERE f.last_success IS NOT NULL "
                   "GROUP BY f.id", cache=cache)
    check("%s: some feeds stored, each whole (%d of 40)" % (label, len(rows)),
          0 < len(rows) < 40 and all(n == 25 for _, n in rows) and
          urls[0] in [u for u, _ in rows], rows[:5])
    ic = c.query("PRAGMA integrity_check", cache=cache)
    check("%s: integrity_check ok" % label, ic == [("ok",)], ic[:3])
    p = c.run("refresh", "-q", cache=cache)
    check("%s: with room again the refresh exits 0" % label,
          p is not None and p.returncode == 0, p and p.err[-300:])
    p = c.run("list", "--json", cache=cache)
    n = len(json.loads(p.out)) if p and p.returncode == 0 else None
    check("%s: list shows all 40 x 25 stories" % label, n == 1000, n)


def storage_full():
    # A tiny tmpfs: ENOSPC.
    mnt = os.path.join(TMP, "mnt")
    os.makedirs(mnt)
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs",
                        mnt], capture_output=True)
    if r.returncode != 0:
        print("skip: full disk on tmpfs (mount failed: %s)"
              % r.stderr.decode().strip()[:100])
    else:
        MOUNTS.append(mnt)
        os.chmod(mnt, 0o755)

        def lift():
            subprocess.run(["mount", "-o", "remount,size=64m", mnt],
                           check=True)
        full_disk_case("tmpfs 1 MiB", lambda: None, lift, mnt)

    # RLIMIT_FSIZE: EFBIG (and SIGXFSZ, which telex must not die of).
    d = os.path.join(TMP, "fsize")
    os.makedirs(d)
    box = {}

    def setup():
        box["limit"] = max(os.path.getsize(os.path.join(d, f))
                           for f in os.listdir(d)) + 300000

    def preexec():
        resource.setrlimit(resource.RLIMIT_FSIZE, (box["limit"],
                                                   box["limit"]))
    full_disk_case("RLIMIT_FSIZE", setup, lambda: None, d, preexec)


# ------------------------------------------------------------ settings
def settings():
    c = Case("settings")
    feed = write(os.path.join(c.dir, "five.xml"), rss("Five", 5))
    other = write(os.path.join(c.dir, "other.xml"), rss("Other", 3))
    bad_config = [
        ("relaod-all 3", r"unknown setting 'relaod-all'"),
        ("max-items abc", r"max-items.*abc"),
        ("max-items 99999999999999999999", r"max-items"),
        ("max-items -5", r"max-items.*-5"),
        ("max-items", r"max-items"),
        ('user-agent "unterminated', r"quote"),
        ("bind", r"bind"),
        ("unbind", r"unbind"),
        ("fetch-articles maybe", r"fetch-articles"),
        ("connect-timeout 1e9999", r"connect-timeout"),
        ("x\x00y", r"NUL"),
        ("\xff\xfe\x01 garbage", r"unknown setting"),
        ('"quoted name" 3', r"."),
        ("max-items 1 2", r"max-items"),
    ]
    text = "".join(ln + "\n" for ln, _ in bad_config) + \
        "fetch-articles no\nmax-items 2\n"
    with open(c.config, "wb") as f:
        f.write(text.encode("utf-8", "surrogateescape").replace(
            "\xff\xfe".encode(), b"\xff\xfe"))
    bad_feeds = [
        ('not-a-url "tag"', r"scheme|URL"),
        ('https://example.org/a "unterminated', r"quote"),
        ("ftp://example.org/feed", r"scheme"),
        ('"only quoted"', r"."),
        ("https://exa\x00mple.org/", r"control|NUL"),
        ("\xff\xfe", r"."),
    ]
    ftext = "".join(ln + "\n" for ln, _ in bad_feeds) + \
        "file://%s \"good\"\n" % feed
    with open(c.feeds, "wb") as f:
        f.write(ftext.encode("latin-1"))
    p = c.run("refresh", "-q")
    check("settings: refresh with bad lines still exits 0", p is not None
          and p.returncode == 0 and not SAN.search(p.err),
          p and (p.returncode, p.err[-500:]))
    errs = p.err.splitlines() if p else []
    for i, (ln, reason) in enumerate(bad_config, 1):
        want = "%s:%d: " % (c.config, i)
        hit = [e for e in errs if want in e]
        check("config line %d %r: error names file:line and why" % (i, ln),
              len(hit) == 1 and re.search(reason, hit[0]), hit or errs[:3])
    for i, (ln, reason) in enumerate(bad_feeds, 1):
        want = "%s:%d: " % (c.feeds, i)
        hit = [e for e in errs if want in e]
        check("feeds line %d %r: error names file:line and why" % (i, ln),
              len(hit) == 1 and re.search(reason, hit[0]), hit or errs[:3])
    check("settings: no raw control bytes in the messages",
          not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", p.err), p.err[-200:])
    items = json.loads(c.run("list", "--json").out)
    check("settings: the good feed line after the bad ones is read, and "
          "max-items 2 after the bad ones applies (%d stories)" % len(items),
          len(items) == 2 and all(x["feed_title"] == "Five" for x in items),
          items[:3])

    # A missing default config: fine. A named one, a directory, a FIFO,
    # garbage.
    write(c.feeds, "file://%s \"good\"\n" % feed)
    p = subprocess.run([TELEX, "-u", c.feeds, "-c", c.cache, "list"],
                       env=ENV, capture_output=True, timeout=30)
    check("settings: no config at the default place is fine",
          p.returncode == 0 and p.stderr == b"", p.stderr[-200:])
    cdir = os.path.join(c.dir, "config.d")
    os.makedirs(cdir)
    fifo = os.path.join(c.dir, "config.fifo")
    os.mkfifo(fifo)
    garbage = write(os.path.join(c.dir, "config.bin"),
                    bytes(range(256)) * 64 + os.urandom(4096), "wb")
    for label, path, codes, reason in (
            ("a named config that is missing",
             os.path.join(c.dir, "nope"), (2,), r"no such file"),
            ("a config that is a directory", cdir, (2,), r"directory"),
            ("a config that is a FIFO", fifo, (2,), r"regular file")):
        p = subprocess.run([TELEX, "-u", c.feeds, "-c", c.cache, "--config",
                            path, "list"], env=ENV, capture_output=True,
                           timeout=10) if True else None
        p.err = p.stderr.decode("utf-8", "replace")
        check("settings: %s: exit 2, one line naming it and why" % label,
              clean_exit(p, codes) and one_line_naming(p, path, reason),
              (p.returncode, p.err[-300:]))
    p = subprocess.run([TELEX, "-u", c.feeds, "-c", c.cache, "--config",
                        garbage, "list"], env=ENV, capture_output=True,
                       timeout=20)
    err = p.stderr.decode("utf-8", "replace")
    check("settings: a binary config: errors with file:line, list still "
          "runs", p.returncode == 0 and (garbage + ":1: ") in err and
          not SAN.search(err) and
          all(ln.startswith("telex: " + garbage + ":") for ln in
              err.splitlines()), (p.returncode, err[-300:]))
    check("settings: a binary config's messages carry no control bytes",
          not re.search(r"[\x00-\x08\x0b-\x1f\x7f\x80-\x9f]", err),
          repr(err[:200]))
    p = subprocess.run([TELEX, "-u", fifo, "-c", c.cache, "list"], env=ENV,
                       capture_output=True, timeout=10)
    check("settings: a feeds file that is a FIFO: exit 2 at once, named",
          p.returncode == 2 and fifo.encode() in p.stderr, p.stderr[-200:])

    # Theme lines: reported by the reader (E lists them) by file:line; a
    # good line after bad ones takes effect.
    if not HAVE_TMUX:
        print("skip: theme lines in the reader (tmux is not installed)")
        return
    tdir = os.path.join(ENV["XDG_CONFIG_HOME"], "telex", "themes")
    os.makedirs(tdir, exist_ok=True)
    bad_theme = ["nosuch.element = red", "title = bold nocolour",
                 "title = red blue green", "title red", "= red",
                 "headline = colour999", "title = #12345"]
    theme = write(os.path.join(tdir, "broken"),
                  "".join(ln + "\n" for ln in bad_theme) +
                  "title = bold red default\n")
    t = Case("theme", ["file://" + other],
             config="fetch-articles no\ntheme broken\n")
    t.run("refresh", "-q")
    s = Screen(t.argv())
    s.wait("story", 15)
    raw = s.raw().split("\n")[0]
    s.keys("E")
    text = s.wait("broken:1:", 10) or ""
    for i, ln in enumerate(bad_theme, 1):
        check("theme line %d %r: the reader names file:line" % (i, ln),
              "broken:%d:" % i in text, text[-600:])
    codes = set()
    for m in re.finditer(r"\x1b\[([0-9;]*)m", raw):
        codes.update(m.group(1).split(";"))
    check("theme: the good title line after the bad ones applies (red)",
          "31" in codes or "91" in codes or {"38", "5", "1"} <= codes or
          {"38", "5", "9"} <= codes, repr(raw[:200]))
    s.keys("Q")
    s.wait("EXITED", 10)
    s.close()
    check("theme: the theme file is left as it was", os.path.exists(theme))


# ------------------------------------------------------------ processes
def processes():
    c = Case("procs")
    urls = feed_files(c, 60, 40)
    write(c.feeds, "\n".join(urls) + "\n")
    p = c.run("refresh", "-q", *urls[:1])
    s = None
    if HAVE_TMUX:
        s = Screen(c.argv())
        s.wait("story", 15)
    else:
        print("skip: the reader open during two refreshes (no tmux)")
    procs = [subprocess.Popen(c.argv("refresh", "--force"), env=ENV,
                              stdin=subprocess.DEVNULL,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
             for _ in range(2)]
    res = []
    for pr in procs:
        try:
            out, err = pr.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            pr.kill()
            out, err = pr.communicate()
        res.append((pr.returncode, err.decode("utf-8", "replace")))
    check("two refreshes with a reader open: both exit 0",
          all(rc == 0 for rc, _ in res), res)
    waits = [e for _, e in res if "another refresh" in e]
    check("two refreshes: at most one waits, saying so with the cache",
          len(waits) <= 1 and all(c.cache in w for w in waits), res)
    check("two refreshes: integrity_check ok",
          c.query("PRAGMA integrity_check") == [("ok",)])
    n = c.query("SELECT count(*) FROM items")[0][0]
    dup = c.query("SELECT feed_id, key FROM items GROUP BY feed_id, key "
                  "HAVING count(*) > 1")
    check("two refreshes: nothing lost or doubled (%d items)" % n,
          n == 60 * 40 and dup == [], (n, dup[:3]))
    if s is not None:
        s.keys("j")
        time.sleep(0.3)
        s.keys("Q")
        t = s.wait("EXITED", 10)
        check("the reader open on the cache meanwhile quits 0",
              t is not None and "EXITED 0" in t, t and t[-300:])
        s.close()

    # SIGKILL while a search indexes (a write transaction).
    k = Case("kill-index")
    urls = feed_files(k, 40, 250, "k")
    write(k.feeds, "\n".join(urls) + "\n")
    k.run("refresh", "-q")
    pr = subprocess.Popen(k.argv("search", "word5"), env=ENV,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    time.sleep(0.15)
    alive = pr.poll() is None
    pr.kill()
    pr.communicate()
    ic = k.query("PRAGMA integrity_check")
    check("search killed while indexing (%s): integrity_check ok"
          % ("killed" if alive else "had finished"), ic == [("ok",)], ic[:3])
    p = k.run("search", "--json", "word5")
    hits = len(json.loads(p.out)) if p and p.returncode == 0 else None
    want = k.query("SELECT count(*) FROM items WHERE summary LIKE "
                   "'%word5 %' OR summary LIKE '%word5'")[0][0]
    check("after the kill the next search finds every match (%s of %d)"
          % (hits, want), hits == want and want > 0, p and p.err[-300:])


def main():
    if HAVE_TMUX:
        tmux("new-session", "-d", "-s", "keep", "sleep 3600")
    else:
        print("skip: the reader parts (tmux is not installed)")
    storage_corrupt()
    storage_readonly()
    storage_full()
    settings()
    processes()


try:
    main()
except Exception:
    import traceback
    traceback.print_exc()
    failed += 1
    print("FAIL the test script itself raised")
finally:
    if HAVE_TMUX:
        tmux("kill-server")
    for m in MOUNTS:
        subprocess.run(["umount", m], capture_output=True)
    if failed == 0:
        shutil.rmtree(TMP, ignore_errors=True)
    else:
        print("(files kept in %s)" % TMP)

print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
