#!/usr/bin/env python3
"""Interface benchmark: telex's full-screen reader beside newsboat's, on the
same stories.

    ui_bench.py [--runs 5] [--newsboat-runs 2] [--work DIR] [--quick]
                [--refill] [--no-newsboat]

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
kept under --work and made again only when missing (--refill: fill
telex's caches again, e.g. after a change of its cache format).

Each reader then runs on a pseudo-terminal of 120x40, TERM=xterm-256color,
LANG=C.UTF-8; what it writes goes through a small terminal emulator
(bench/vt.py), and a clock stops at the arrival of the output after which
the screen shows what is waited for: telex's status hint "? lists the
keys" (telex draws its whole screen, the status line last, in one
refresh), newsboat's feed list with its title, a feed row and its help
bar. Then the quit key; the peak RSS is the reader's ru_maxrss from wait4,
taken by bench/rss_exec, which starts it (see there why not Python's own
wait4). RUNS runs of each, readers interleaved, the median is reported with
the range; newsboat on the 100,000-story cache, where each start takes
about a minute, only --newsboat-runs times. Floors measured the same way
are printed beside: printf, and telex --version (its shared libraries).
newsboat is skipped, saying so, when it is not installed. Prints markdown.
--quick (2,000 and 10,000 stories, a long feed of 2,000, one run) is a
smoke test.
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
SCRATCH = os.environ.get("TMPDIR", "/tmp")
SLOW_CACHE = 50000  # newsboat's runs on caches this big: --newsboat-runs


def find_rss_exec():
    for d in (os.path.join(os.getcwd(), "bench"), HERE):
        p = os.path.join(d, "rss_exec")
        if os.access(p, os.X_OK):
            return p
    return None


RSS_EXEC = os.environ.get("RSS_EXEC") or find_rss_exec()

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
        before the clock runs. The seconds the first time took."""
        path = os.path.join(self.dir, "indexed")
        t = time.monotonic()
        p = subprocess.run(self.base() + ["search", "x"], env=self.env,
                           stdin=subprocess.DEVNULL,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        if p.returncode not in (0, 1):
            raise SystemExit(f"telex search failed on {self.cache}: "
                             f"{p.stderr.decode(errors='replace')[-500:]}")
        if not os.path.exists(path):
            with open(path, "w") as f:
                f.write(f"{time.monotonic() - t:.3f}\n")
        with open(path) as f:
            return float(f.read())


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

        # The reader is started by bench/rss_exec, which makes the pty its
        # controlling terminal and reports its peak RSS: Python's own wait4
        # would count Python's (see rss_exec.c). With no preexec_fn,
        # Python starts rss_exec with vfork, many milliseconds sooner than
        # a fork on a busy machine.
        self.out = os.path.join(SCRATCH, f"rss-{os.getpid()}")
        self.start = time.monotonic()
        self.proc = subprocess.Popen([RSS_EXEC, self.out] + argv, env=env,
                                     stdin=slave, stdout=slave, stderr=slave,
                                     close_fds=True)
        os.close(slave)
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
            pid = self.child()
            if pid:
                os.kill(pid, signal.SIGKILL)
        os.wait4(self.proc.pid, 0)
        os.close(self.fd)
        with open(self.out) as f:
            words = f.read().split()
        os.remove(self.out)
        # "pid N exit STATUS maxrss KIB"
        self.status = int(words[3]) if len(words) > 5 else None
        return int(words[5]) / 1024 if len(words) > 5 else None  # MiB

    def child(self):
        try:
            with open(self.out) as f:
                words = f.read().split()
            return int(words[1])
        except (OSError, IndexError, ValueError):
            return None

    def dump(self):
        return "\n".join(self.screen.text())


# --- the measurements ----------------------------------------------------------

class Failed(Exception):
    pass


def vmhwm(pid):
    """Peak RSS so far (MiB), from /proc: a cross-check of wait4's."""
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def launch(reader, timeout):
    """A session whose first full screen is drawn; its time (s)."""
    s = Session(reader.ui_command(), reader.env)
    t = s.wait_for(reader.ready, timeout)
    if t is None:
        s.quit(reader.quit_key, 5)
        raise Failed(f"no first screen within {timeout} s (exit "
                     f"{s.status}); the screen:\n" + tail(s))
    return s, t - s.start


def tail(s, n=6):
    rows = [r for r in s.screen.text() if r.strip()]
    return "\n".join("    " + r[:110] for r in rows[-n:]) or "    (blank)"


def finish(s, reader):
    rss = s.quit(reader.quit_key)
    if s.status not in (0, None):
        raise Failed(f"exit {s.status} after the quit key")
    return rss


def floor(argv, marker):
    """A program that writes marker at once, on the same pty, through the
    same harness: (time to the marker, peak RSS)."""
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"),
           "LANG": "C.UTF-8", "TERM": "xterm-256color"}
    s = Session(argv, env)
    t = s.wait_for(lambda sc: sc.contains(marker), 10)
    rss = s.quit(b"Q", 5)
    return None if t is None else (t - s.start, rss)


FLOORS = [
    ("printf", "the harness's floor: fork, exec, the pty",
     lambda: [shutil.which("printf") or "/usr/bin/printf", TELEX_READY],
     TELEX_READY),
    ("telex --version", "the same with telex's shared libraries loaded",
     lambda: [TELEX, "--version"], "telex "),
]


def start_up(reader, timeout):
    s, first = launch(reader, timeout)
    hwm = vmhwm(s.child())
    rss = finish(s, reader)
    return first, rss, hwm


def key_to_end(reader, timeout):
    """(a): telex opens on the "All" list of the headlines; G goes to its
    last headline, the oldest story. newsboat opens on the feed list:
    ENTER opens the feed (timed too), End goes to its last article."""
    s, _ = launch(reader, timeout)
    opened = None
    try:
        if isinstance(reader, Newsboat):
            t = s.send(b"\r")
            hit = s.wait_for(lambda sc: "Articles in feed" in sc.text()[0],
                             timeout)
            if hit is None:
                raise Failed("the feed did not open:\n" + tail(s))
            opened = hit - t
            s.wait_for(lambda sc: False, 0.3)  # let it settle
            t = s.send(b"\x1bOF")  # End, in keypad mode
        else:
            t = s.send(b"G")
        hit = s.wait_for(lambda sc: sc.contains(OLDEST), 30)
        if hit is None:
            raise Failed(f"'{OLDEST}' never showed:\n" + tail(s))
        return hit - t, opened
    finally:
        finish(s, reader)


def search(reader, timeout):
    """(b): the search prompt (telex Ctrl-F, every story; newsboat / in
    the feed list, every feed), WORD typed, then ENTER: the time from
    ENTER to the list of matches, and how many."""
    s, _ = launch(reader, timeout)
    try:
        s.send(b"\x06" if isinstance(reader, Telex) else b"/")
        s.send(WORD.encode())
        if s.wait_for(lambda sc: sc.contains(WORD), 10) is None:
            raise Failed("no search prompt:\n" + tail(s))
        s.wait_for(lambda sc: False, 0.2)
        if isinstance(reader, Telex):
            pat = re.compile(r"(\d+) match(es)? \(q returns")
        else:
            pat = re.compile(r"Search results \(\d+ unread, (\d+) total\)")
        found = []

        def done(sc):
            for row in sc.text():
                m = pat.search(row)
                if m:
                    found.append(int(m.group(1)))
                    return True
            return False

        t = s.send(b"\r")
        hit = s.wait_for(done, 120)
        if hit is None:
            raise Failed("no search results:\n" + tail(s))
        s.wait_for(lambda sc: False, 0.2)
        return hit - t, found[0]
    finally:
        finish(s, reader)


def fmt_time(sec):
    if sec is None:
        return "-"
    return f"{sec * 1000:.1f} ms" if sec < 1 else f"{sec:.2f} s"


def fmt_times(xs):
    """The median, and the range when there are several."""
    if not xs:
        return "-"
    m = fmt_time(statistics.median(xs))
    if len(xs) < 2:
        return m
    lo, hi = min(xs), max(xs)
    if hi < 1:
        return f"{m} ({lo * 1000:.0f}–{hi * 1000:.0f})"
    return f"{m} ({lo:.1f}–{hi:.1f})"


def fmt_ratio(base, x):
    if base is None or x is None or x == 0:
        return "-"
    return f"{base / x:.0f}×" if base / x >= 10 else f"{base / x:.1f}×"


def mb(mib):
    return f"{mib * 1.048576:.1f} MB"


def med(xs):
    return statistics.median(xs) if xs else None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--runs", type=int, default=None,
                    help="runs of each measurement (default 5; --quick 1)")
    ap.add_argument("--newsboat-runs", type=int, default=None,
                    help="runs of newsboat on the cache of 100,000 stories, "
                    "where each of its starts takes a minute (default 2, at "
                    "most --runs)")
    ap.add_argument("--work", default=os.path.join(
        os.environ.get("TMPDIR", "/tmp"), "telex-bench-ui"))
    ap.add_argument("--quick", action="store_true",
                    help="2,000 and 10,000 stories, a long feed of 2,000, "
                    "one run: a smoke test")
    ap.add_argument("--refill", action="store_true",
                    help="fill telex's caches again (after a change of its "
                    "cache format)")
    ap.add_argument("--no-newsboat", action="store_true")
    args = ap.parse_args()
    began = time.monotonic()
    load = os.getloadavg()[0]
    runs = args.runs or (1 if args.quick else 5)
    nb_runs = min(runs, args.newsboat_runs or 2)
    if args.quick:
        startup_sets, long_set = [(500, 4), (500, 20)], (1, 2000)
    else:
        startup_sets, long_set = [(500, 20), (500, 200)], (1, 20000)
    big_set = startup_sets[-1]  # searched
    if not os.access(TELEX, os.X_OK):
        raise SystemExit(f"{TELEX} is not built")
    have_newsboat = (shutil.which("newsboat") is not None and
                     not args.no_newsboat)

    work = os.path.abspath(args.work)
    root = os.path.join(work, "corpora")
    os.makedirs(root, exist_ok=True)
    global SCRATCH, RSS_EXEC
    SCRATCH = work
    if RSS_EXEC is None:  # not built by make: build it here
        RSS_EXEC = os.path.join(work, "rss_exec")
        cc = os.environ.get("CC", "cc")
        if subprocess.run([cc, "-O2", "-o", RSS_EXEC,
                           os.path.join(HERE, "rss_exec.c")]).returncode:
            raise SystemExit("bench/rss_exec is not built (make "
                             "bench/rss_exec) and cc could not build it")
    sets = {}
    for dims in startup_sets + [long_set]:
        sets[dims] = corpus(root, *dims)
    kinds = [Telex] + ([Newsboat] if have_newsboat else [])
    readers = {(k, dims): k(work, k.__name__.lower(), *sets[dims])
               for k in kinds for dims in sets}
    if args.refill:
        for r in readers.values():
            if isinstance(r, Telex) and os.path.exists(r.stamp):
                os.remove(r.stamp)
    todo = [r for r in readers.values() if not r.filled()]
    server_name = None
    if todo:
        server = refresh_bench.Server(work, root, 0,
                                      shutil.which("nginx") is not None)
        server_name = server.name
        try:
            for r in todo:
                r.fill(server.port)
        finally:
            server.stop()
    index_time = {dims: readers[(Telex, dims)].index() for dims in sets}

    def label(dims):
        f = sets[dims][1]
        return f"{f['stories']:,} stories, {f['feeds']} feed" + \
            ("s" if f["feeds"] > 1 else "")

    problems = []
    boot = {}     # (kind, dims) -> [(first screen s, wait4 MiB, VmHWM MiB)]
    ends = {k: [] for k in kinds}      # [(key s, open s)]
    finds = {k: [] for k in kinds}     # [(search s, matches)]
    limit = {Telex: 60, Newsboat: 600}
    def skip(k, dims, run):
        return (k is Newsboat and run >= nb_runs and
                sets[dims][1]["stories"] >= SLOW_CACHE)

    floors = {f[0]: [] for f in FLOORS}
    for run in range(runs):
        for name, _, argv, marker in FLOORS:
            got = floor(argv(), marker)
            if got is not None:
                floors[name].append(got)
        for dims in startup_sets:
            for k in kinds:
                if skip(k, dims, run):
                    continue
                try:
                    boot.setdefault((k, dims), []).append(
                        start_up(readers[(k, dims)], limit[k]))
                except Failed as e:
                    problems.append(f"{k.__name__} start-up, {label(dims)}: "
                                    f"{e}")
        for k in kinds:
            if skip(k, long_set, run):
                continue
            try:
                ends[k].append(key_to_end(readers[(k, long_set)], limit[k]))
            except Failed as e:
                problems.append(f"{k.__name__}, end of the list: {e}")
        for k in kinds:
            if skip(k, big_set, run):
                continue
            try:
                finds[k].append(search(readers[(k, big_set)], limit[k]))
            except Failed as e:
                problems.append(f"{k.__name__}, search: {e}")
        print(f"run {run + 1}/{runs} done", file=sys.stderr)

    report(args, runs, nb_runs, kinds, sets, startup_sets, long_set,
           big_set, boot, ends, finds, index_time, server_name, label,
           have_newsboat, floors, problems,
           (load, os.getloadavg()[0], time.monotonic() - began))


def report(args, runs, nb_runs, kinds, sets, startup_sets, long_set,
           big_set, boot, ends, finds, index_time, server_name, label,
           have_newsboat, floors, problems, took):
    big = sets[big_set][1]
    print(f"interface: first screen and keys, on a pseudo-terminal of "
          f"{COLS}x{ROWS} (TERM=xterm-256color, LANG=C.UTF-8); {runs} "
          f"run{'s' if runs > 1 else ''} each, readers interleaved, median; "
          f"{os.cpu_count()} cores, load average {took[0]:.1f} at the start "
          f"and {took[1]:.1f} at the end; {took[2] / 60:.1f} minutes")
    print(f"\nStories of about 600 bytes of text; each reader's cache was "
          f"filled by the reader itself (telex refresh, newsboat -x reload) "
          + (f"from {server_name}" if server_name else
             f"in an earlier run (kept in {args.work})") + ".")
    if not have_newsboat:
        print("\nnewsboat " + ("skipped (--no-newsboat)" if args.no_newsboat
                                else "is not installed (apt-get install "
                                "newsboat)") + ": telex is measured alone.")

    if have_newsboat and nb_runs < runs:
        slow = [label(d) for d in sets if sets[d][1]["stories"] >= SLOW_CACHE]
        print(f"\nnewsboat on the cache of {'; '.join(slow)}, where each of "
              f"its starts takes about a minute: {nb_runs} "
              f"run{'s' if nb_runs > 1 else ''} of each, not {runs} "
              "(--newsboat-runs).")
    print("\n### start-up: launch to the first full screen, then quit\n")
    print("| reader | cache | first screen (range) | peak RSS | newsboat ÷ telex "
          "(time, RSS) | target: < 50 ms, < 15 MB |")
    print("|---|---|---:|---:|---:|---|")
    first = {}
    for dims in startup_sets:
        for k in kinds:
            got = boot.get((k, dims), [])
            t = med([g[0] for g in got])
            rss = med([g[1] for g in got])
            first[(k, dims)] = (t, rss)
        for k in kinds:
            t, rss = first[(k, dims)]
            nb = first.get((Newsboat, dims), (None, None))
            ratio = target = ""
            if k is Telex:
                if have_newsboat:
                    ratio = (f"{fmt_ratio(nb[0], t)}, {fmt_ratio(nb[1], rss)}")
                if t is not None:
                    target = (("met" if t < 0.050 else "missed") + ", " +
                              ("met" if rss * 1.048576 < 15 else "missed"))
            times = [g[0] for g in boot.get((k, dims), [])]
            print(f"| {k.__name__.lower()} | {label(dims)} | "
                  f"{fmt_times(times)} | "
                  f"{mb(rss) if rss is not None else '-'} | {ratio} | "
                  f"{target} |")
    lo, hi = startup_sets
    for name, what, _, _ in FLOORS:
        got = floors[name]
        if got:
            print(f"| ({name}: {what}) | | {fmt_times([g[0] for g in got])}"
                  f" | {mb(med([g[1] for g in got]))} | | |")
    growth = []
    for k in kinds:
        a, b = first[(k, lo)], first[(k, hi)]
        if None not in a + b:
            growth.append(f"{k.__name__.lower()} ×{b[0] / a[0]:.2f} in time, "
                          f"×{b[1] / a[1]:.2f} in RSS")
    if growth:
        n = sets[hi][1]["stories"] // sets[lo][1]["stories"]
        print(f"\nWith {n}× the stories: " + "; ".join(growth) + ".")
    hwm = []
    for (k, dims), got in boot.items():
        for g in got:
            if g[2] is not None and g[1] > 0 and abs(g[2] - g[1]) / g[1] > .1:
                hwm.append(f"{k.__name__.lower()}, {label(dims)}: "
                           f"{mb(g[2])} at the first screen, {mb(g[1])} "
                           "by the end")
    if hwm:
        print("\nPeak RSS is wait4's, over the whole run (quitting "
              "included); where it differs from the peak at the first "
              "screen (/proc VmHWM): " + "; ".join(sorted(set(hwm))) + ".")

    print(f"\n### keys: from a key to the screen that answers it\n")
    print("| reader | key | answer (range) | newsboat ÷ telex | target: < 50 ms |")
    print("|---|---|---:|---:|---|")
    long_n = sets[long_set][1]["stories"]
    e = {k: med([x[0] for x in ends[k]]) for k in kinds}
    f = {k: med([x[0] for x in finds[k]]) for k in kinds}
    n_found = {k: sorted(set(x[1] for x in finds[k])) for k in kinds}

    def target(t):
        return "-" if t is None else ("met" if t < 0.050 else "missed")

    for k in kinds:
        if k is Telex:
            what = (f"G, on the \"All\" list telex opens on (one feed of "
                    f"{long_n:,}): the oldest story shows")
            print(f"| telex | {what} | {fmt_times([x[0] for x in ends[k]])} | "
                  f"{fmt_ratio(e.get(Newsboat), e[k]) if have_newsboat else ''}"
                  f" | {target(e[k])} |")
        else:
            opened = med([x[1] for x in ends[k] if x[1] is not None])
            what = (f"End, in the feed's article list (opened from the feed "
                    f"list with ENTER: {fmt_time(opened)}): the oldest story "
                    "shows")
            print(f"| newsboat | {what} | "
                  f"{fmt_times([x[0] for x in ends[k]])} | | |")
    for k in kinds:
        cnt = "/".join(str(n) for n in n_found[k]) or "?"
        if k is Telex:
            what = (f"Ctrl-F {WORD} ENTER, over every story of "
                    f"{big['stories']:,}: \"{cnt} matches\"")
            print(f"| telex | {what} | {fmt_times([x[0] for x in finds[k]])} | "
                  f"{fmt_ratio(f.get(Newsboat), f[k]) if have_newsboat else ''}"
                  f" | {target(f[k])} |")
        else:
            what = (f"/ {WORD} ENTER, in the feed list (every feed): "
                    f"\"Search results ({cnt} …)\"")
            print(f"| newsboat | {what} | "
                  f"{fmt_times([x[0] for x in finds[k]])} | | |")
    notes = [f"The search word is in {big['word_stories']} of the "
             f"{big['stories']:,} stories (in their text, not their titles). "
             "Times run from ENTER, after the word has been typed and shown "
             "in the prompt."]
    for k in kinds:
        if n_found[k] and n_found[k] != [big["word_stories"]]:
            notes.append(f"WARNING: {k.__name__.lower()} found "
                         f"{n_found[k]}, not {big['word_stories']}.")
    notes.append("telex's full-text index was built before the clock ran "
                 f"(telex -c CACHE search x, which took {index_time[big_set]:.1f} s "
                 "the first time), so its one-time build is not "
                 "counted; newsboat has no index: it reads every story.")
    print("\n" + "\n".join(notes))

    print("\nHow the first screen is told: telex draws its whole screen, the "
          f"status line last, in one refresh; the clock stops when \""
          f"{TELEX_READY}\" is on it. newsboat prints start-up lines "
          "(\"Loading articles from cache...\") before its screen; the clock "
          "stops when the feed list is on it: the title \"Your feeds (N "
          "unread, M total)\", the first feed row and the help bar "
          "\"q:Quit ...\" (it draws them in one go). The screen is the "
          "output put through a terminal emulator (bench/vt.py), timed at "
          "the read that brought the last byte needed. Quit keys: Q, Q.")
    print("\nFor reference (the issue): newsboat takes about 25 s and 113 MB "
          "to start on 100,000 stories; newsraft about 70 ms and 15 MB; "
          "sfeed_curses about 70 ms and 3 MB.")
    for p in problems:
        print(f"\nWARNING: {p}")
    q = " --quick" if args.quick else ""
    print(f"\nReproduce: make bench (or python3 bench/ui_bench.py{q} "
          f"--runs {runs} --work {args.work})")


if __name__ == "__main__":
    main()
