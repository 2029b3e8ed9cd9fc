#!/usr/bin/env python3
"""Interface benchmark: telex's full-screen reader beside newsboat's, on the
same stories.

    ui_bench.py [--runs 5] [--work DIR] [--quick] [--refill]

Start-up: the time from launch to the first full screen, and the peak RSS
(wait4) of a reader started on a full cache and quit at once, with 100,000
stories in 500 feeds and with 10,000 in 500 feeds, to show whether either
grows with the cache. Interaction: with one feed of 20,000 stories, the
time from a key to the screen that answers it: the end of the list (the
oldest story), and a search over every story of the 100,000-story cache.

Each reader's cache is filled first by the reader itself, from a corpus
served on 127.0.0.1 (nginx when installed, else tests/httpd.py, as
bench/refresh_bench.py does; its code is used, not copied): telex refresh
and newsboat -x reload, each in a clean HOME. Corpora and filled caches are
kept under --work and made again only when missing (--refill: fill the
caches again, e.g. after a change of telex's cache format).

Each reader then runs on a pseudo-terminal of 120x40, TERM=xterm-256color,
LANG=C.UTF-8; what it writes goes through a small terminal emulator
(bench/vt.py), and a clock stops at the arrival of the output after which
the screen shows what is waited for: telex's status hint "? lists the
keys" (telex draws its whole screen, the status line last, in one
refresh), newsboat's feed list with its title, a feed row and its help
bar. RUNS runs of each, readers interleaved, the median is reported.
newsboat is skipped, saying so, when it is not installed. Prints markdown.
"""
import argparse
import fcntl
import json
import os
import re
import select
import shutil
import signal
import sqlite3
import statistics
import struct
import subprocess
import sys
import termios
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import gen_feed  # noqa: E402
import refresh_bench  # noqa: E402
import vt  # noqa: E402

TELEX = refresh_bench.TELEX
COLS, ROWS = 120, 40
WORD = "zeppelin"          # in about one story in 300, in its text only
OLDEST = "Oldest story of the long feed"
TELEX_READY = "? lists the keys"

# --- the corpus ------------------------------------------------------------
# gen_feed's stories with short bodies (~600 bytes: over the 500 characters
# under which telex would fetch each story's page, though the bench turns
# that off too), one in 300 holding WORD; the long feed's oldest story
# (its first item, the earliest date) gets a title to wait for.

_long_feed = False


def short_body(rng, i):
    paras = []
    for k in range(3):
        s = gen_feed.sentence(rng, 14)
        if k == 1 and rng.random() < 1 / 300:
            s = s[:-1] + f" {WORD}."
        paras.append(f"<p>{s} <a href=\"https://news.example/{i}/{k}.html\">"
                     f"{gen_feed.sentence(rng, 3)[:-1]}</a> "
                     f"{gen_feed.sentence(rng, 10)}</p>")
    return "".join(paras)


_title = gen_feed.title


def title(rng, i):
    t = _title(rng, i)
    return OLDEST if _long_feed and i == 0 else t


gen_feed.body = short_body
gen_feed.title = title


def corpus(root, feeds, items):
    """The corpus FEEDSxITEMS under root; its facts (a JSON file)."""
    global _long_feed
    name = f"corpus-{feeds}x{items}"
    path = os.path.join(root, name)
    facts_path = os.path.join(path, "facts.json")
    if os.path.exists(facts_path):
        with open(facts_path) as f:
            return name, json.load(f)
    print(f"generating {feeds} feeds x {items} stories in {path}",
          file=sys.stderr)
    _long_feed = feeds == 1
    try:
        refresh_bench.make_corpus(path, feeds, items)
    finally:
        _long_feed = False
    hits = size = 0
    for f in os.listdir(path):
        if f.endswith(".xml"):
            with open(os.path.join(path, f), encoding="utf-8") as fh:
                text = fh.read()
            size += len(text.encode())
            hits += text.count(f" {WORD}.")
    facts = {"feeds": feeds, "items": items, "stories": feeds * items,
             "word_stories": hits, "xml_bytes": size}
    with open(facts_path, "w") as f:
        json.dump(facts, f)
    return name, facts


# --- the readers -------------------------------------------------------------

class Reader:
    """One reader over one corpus: its own directory, HOME, feeds file,
    config and cache, kept between runs."""

    def __init__(self, work, name, corpus_name, facts):
        self.name = name
        self.corpus_name = corpus_name
        self.facts = facts
        self.dir = os.path.join(work, "readers", f"{name}-{corpus_name}")
        self.home = os.path.join(self.dir, "home")
        self.urls = os.path.join(self.dir, "urls")
        self.config = os.path.join(self.dir, "config")
        self.cache = os.path.join(self.dir, "cache.db")
        self.stamp = os.path.join(self.dir, "filled")
        self.env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"),
                    "HOME": self.home, "LANG": "C.UTF-8",
                    "TERM": "xterm-256color"}

    def filled(self):
        return os.path.exists(self.stamp)

    def fill(self, port):
        shutil.rmtree(self.dir, ignore_errors=True)
        os.makedirs(self.home)
        with open(self.urls, "w") as f:
            for i in range(self.facts["feeds"]):
                f.write(f"http://127.0.0.1:{port}/files/{self.corpus_name}/"
                        f"f{i:04d}.xml\n")
        with open(self.config, "w") as f:
            f.write(self.config_text)
        t = time.monotonic()
        p = subprocess.run(self.fill_command(), env=self.env,
                           stdin=subprocess.DEVNULL,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        wall = time.monotonic() - t
        stored = self.stored()
        if p.returncode != 0 or stored != self.facts["stories"]:
            raise SystemExit(
                f"{self.name}: filling {self.cache} failed: exit "
                f"{p.returncode}, {stored}/{self.facts['stories']} stories "
                f"stored; {p.stderr.decode(errors='replace')[-500:]}")
        with open(self.stamp, "w") as f:
            f.write(f"{stored} stories in {wall:.1f} s\n")
        print(f"filled {self.name}'s cache with {stored} stories in "
              f"{wall:.1f} s", file=sys.stderr)

    def stored(self):
        if not os.path.exists(self.cache):
            return 0
        db = sqlite3.connect(f"file:{self.cache}?mode=ro", uri=True)
        try:
            return db.execute(f"SELECT count(*) FROM {self.items_table}"
                              ).fetchone()[0]
        finally:
            db.close()


class Telex(Reader):
    items_table = "items"
    config_text = "fetch-articles no\n"
    quit_key = b"Q"

    def base(self):
        return [TELEX, "-u", self.urls, "-c", self.cache,
                "--config", self.config]

    def fill_command(self):
        return self.base() + ["refresh", "-q"]

    def ui_command(self):
        return self.base()

    def ready(self, screen):
        return screen.contains(TELEX_READY)

    def index(self):
        """telex builds its full-text index on the first search; do it
        before the clock runs."""
        subprocess.run(self.base() + ["search", "x"], env=self.env,
                       stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)


class Newsboat(Reader):
    items_table = "rss_item"
    config_text = ""
    quit_key = b"Q"

    def base(self):
        return ["newsboat", "-u", self.urls, "-c", self.cache,
                "-C", self.config]

    def fill_command(self):
        return self.base() + ["-x", "reload"]

    def ui_command(self):
        return self.base()

    def ready(self, screen):
        # The feed list is whole once its title (with the counts), a feed
        # row and the help bar at the foot are on the screen.
        rows = screen.text()
        return ("Your feeds" in rows[0] and "q:Quit" in rows[-2] + rows[-1]
                and any(re.match(r"\s*1 ", r) for r in rows[1:4]))


# --- a reader on a pseudo-terminal --------------------------------------------

class Session:
    """A reader on a pty of COLSxROWS; every byte it writes goes through a
    vt.Screen, each read stamped with the time it came."""

    def __init__(self, argv, env):
        self.screen = vt.Screen(COLS, ROWS)
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ,
                    struct.pack("HHHH", ROWS, COLS, 0, 0))
        self.fd = master
        self.eof = False
        self.raw = bytearray()

        def child_setup():
            os.setsid()
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        self.start = time.monotonic()
        self.proc = subprocess.Popen(argv, env=env, stdin=slave,
                                     stdout=slave, stderr=slave,
                                     preexec_fn=child_setup, close_fds=True)
        os.close(slave)
        self.rusage = None
        self.status = None

    def read_batch(self, timeout):
        """Whatever is there now, or comes within timeout: [(time, bytes)].
        Reads everything waiting before any of it is looked at, so that the
        emulator's time does not delay the stamps."""
        if self.eof or not select.select([self.fd], [], [], timeout)[0]:
            return []
        batch = []
        while True:
            try:
                data = os.read(self.fd, 65536)
            except OSError:  # EIO: the reader has gone
                data = b""
            now = time.monotonic()
            if not data:
                self.eof = True
                break
            batch.append((now, data))
            if not select.select([self.fd], [], [], 0)[0]:
                break
        return batch

    def wait_for(self, done, timeout):
        """The time of the output after which done(screen) holds, or None
        after timeout seconds."""
        limit = time.monotonic() + timeout
        while True:
            left = limit - time.monotonic()
            if left <= 0 or self.eof:
                return None
            hit = None
            for t, data in self.read_batch(left):
                self.raw += data
                self.screen.feed(data)
                if hit is None and done(self.screen):
                    hit = t
            if hit is not None:
                return hit

    def send(self, keys):
        t = time.monotonic()
        os.write(self.fd, keys)
        return t

    def quit(self, key, timeout=30):
        if not self.eof:
            try:
                self.send(key)
            except OSError:
                pass
        limit = time.monotonic() + timeout
        while not self.eof and time.monotonic() < limit:
            for _, data in self.read_batch(limit - time.monotonic()):
                self.raw += data
        if not self.eof:
            self.proc.kill()
        _, status, self.rusage = os.wait4(self.proc.pid, 0)
        self.proc.returncode = os.waitstatus_to_exitcode(status)
        self.status = self.proc.returncode
        os.close(self.fd)
        return self.rusage.ru_maxrss / 1024  # MiB

    def dump(self):
        return "\n".join(self.screen.text())
