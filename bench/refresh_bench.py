#!/usr/bin/env python3
"""Refresh benchmark: telex beside newsboat on the same loopback server.

    refresh_bench.py [--feeds 200] [--items 50] [--runs 3] [--work DIR]

A corpus of FEEDS feeds x ITEMS stories (even feeds RSS 2.0, odd Atom,
bodies of 1.5-3 KB; each with a ready .gz, as servers keep them) is served
from 127.0.0.1: by nginx when it is installed (Debian's nginx-light),
else by tests/httpd.py; the latency rows always use tests/httpd.py, which
answers each request after 50 ms, as real servers do. Each reader runs
with its default settings in a clean HOME: cold (empty cache) and warm
(nothing changed: conditional GETs, 304s), RUNS times each, interleaved;
the median is reported with the ratio to newsboat measured in the same
run. newsboat is skipped, saying so, when it is not installed. Also: peak
RSS (wait4, through bench/rss_exec), the CPU time (user + system, of the
reader and every process it waited for), and the cache's size per 10,000
stories once searched (so the full-text index is built).

sfeed (sfeed_update, a shell script that runs curl, sfeed and sort per
feed, at most maxjobs feeds at a time) runs beside them when installed, on
the same URLs from an sfeedrc in its own clean HOME, with its defaults:
cold is an empty feed directory, warm a second run (sfeed_update makes no
conditional GETs, so warm fetches and parses every feed again and merges).
Its peak RSS is not reported: it is many short processes, and rusage gives
the largest one's, not their sum (printed below the table); its CPU time
is the sum over the whole process tree (wait4 on the script counts every
process it and its subshells waited for). Ratios to sfeed are given beside
those to newsboat, from the same run. Skipped, saying so, when
sfeed_update is not installed. Prints a markdown report.
"""
import argparse
import gzip
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import gen_feed  # noqa: E402

TOP = os.path.dirname(HERE)
TELEX = os.environ.get("TELEX", os.path.join(TOP, "src", "telex"))
HTTPD = os.path.join(TOP, "tests", "httpd.py")


def make_corpus(root, feeds, items):
    stamp = os.path.join(root, f".done-{feeds}x{items}")
    if os.path.exists(stamp):
        return
    os.makedirs(root, exist_ok=True)
    for i in range(feeds):
        kind = "rss" if i % 2 == 0 else "atom"
        path = os.path.join(root, f"f{i:04d}.xml")
        gen_feed.write(kind, items, path, i)
        with open(path, "rb") as f, gzip.open(path + ".gz", "wb", 6) as g:
            shutil.copyfileobj(f, g)
    open(stamp, "w").close()


class Server:
    """nginx (static, gzip_static) or tests/httpd.py on a free port."""

    def __init__(self, work, root, latency_ms, use_nginx):
        self.proc = None
        self.work = work
        if use_nginx:
            self.port = free_port()
            conf = os.path.join(work, "nginx.conf")
            os.makedirs(os.path.join(work, "nginx"), exist_ok=True)
            with open(conf, "w") as f:
                f.write(f"""daemon off; worker_processes 1; user root;
pid {work}/nginx/pid; error_log {work}/nginx/error.log warn;
events {{ worker_connections 4096; }}
http {{ access_log off; sendfile on; keepalive_requests 100000;
  client_body_temp_path {work}/nginx/b; proxy_temp_path {work}/nginx/p;
  fastcgi_temp_path {work}/nginx/f; uwsgi_temp_path {work}/nginx/u;
  scgi_temp_path {work}/nginx/s;
  types {{ application/xml xml; }} gzip_static on; gzip_vary on; etag on;
  server {{ listen 127.0.0.1:{self.port}; root {root}; location /files/ {{ alias {root}/; }} }} }}
""")
            self.proc = subprocess.Popen([shutil.which("nginx"), "-c", conf],
                                         stdin=subprocess.DEVNULL,
                                         stderr=subprocess.DEVNULL)
            wait_port(self.port)
            self.name = "nginx"
        else:
            self.proc = subprocess.Popen(
                [sys.executable, HTTPD, "--root", root, "--port", "0",
                 "--latency-ms", str(latency_ms), "--lifetime", "3600"],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
            line = self.proc.stdout.readline().split()
            self.port = int(line[1])
            self.name = f"tests/httpd.py, {latency_ms} ms latency"

    def stop(self):
        if self.proc:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


def free_port():
    import socket
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def wait_port(port):
    import socket
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), 0.1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise SystemExit(f"server on port {port} did not start")


RSS_EXEC = os.environ.get("RSS_EXEC") or os.path.join(HERE, "rss_exec")


def timed(cmd, env):
    """Wall seconds, peak RSS (MiB), exit status and CPU seconds of cmd.

    The CPU time (user + system) is wait4's for the process and every
    descendant it waited for: on Linux wait4 reports RUSAGE_BOTH of the
    child, CPU times summed, ru_maxrss the largest single process's.

    The RSS comes from bench/rss_exec when it is built: Python's own wait4
    would report at least Python's size (Linux keeps a process's high-water
    mark across exec; see rss_exec.c)."""
    out = None
    if os.access(RSS_EXEC, os.X_OK):
        fd, out = tempfile.mkstemp(prefix="rss-")
        os.close(fd)
        cmd = [RSS_EXEC, out] + list(cmd)
    t = time.monotonic()
    p = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.monotonic() - t
    rc = os.waitstatus_to_exitcode(status)
    rss = ru.ru_maxrss / 1024
    cpu = ru.ru_utime + ru.ru_stime
    if out is not None:
        with open(out) as f:
            m = re.search(r"maxrss (\d+)", f.read())
        os.unlink(out)
        if m:
            rss = int(m.group(1)) / 1024
    return wall, rss, rc, cpu


class Reader:
    def __init__(self, name, work, urls, extra_config=""):
        self.name = name
        self.dir = os.path.join(work, name.replace(" ", "_"))
        shutil.rmtree(self.dir, ignore_errors=True)
        os.makedirs(os.path.join(self.dir, "home"))
        with open(os.path.join(self.dir, "urls"), "w") as f:
            f.write("".join(u + "\n" for u in urls))
        with open(os.path.join(self.dir, "config"), "w") as f:
            f.write(extra_config)
        self.env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"),
                    "HOME": os.path.join(self.dir, "home"),
                    "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8"}
        self.cold, self.warm, self.rss, self.problems = [], [], [], []
        self.cpu_cold, self.cpu_warm = [], []

    def cache_files(self):
        return [os.path.join(self.dir, n) for n in os.listdir(self.dir)
                if n.startswith("cache.db")]

    def clear(self):
        for f in self.cache_files():
            os.remove(f)

    def run(self, which, stories):
        wall, rss, rc, cpu = timed(self.command(), self.env)
        stored = self.stored()
        if rc != 0 or stored != stories:
            # A run that failed is not a measurement: say so loudly.
            self.problems.append(f"{which} run: exit {rc}, "
                                 f"{stored}/{stories} stories stored")
        (self.cold if which == "cold" else self.warm).append(wall)
        (self.cpu_cold if which == "cold" else self.cpu_warm).append(cpu)
        self.rss.append(rss)

    def stored(self):
        import sqlite3
        path = os.path.join(self.dir, "cache.db")
        if not os.path.exists(path):
            return 0
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            return db.execute(f"SELECT count(*) FROM {self.items_table}"
                              ).fetchone()[0]
        finally:
            db.close()


class Telex(Reader):
    items_table = "items"

    def command(self):
        return [TELEX, "-u", os.path.join(self.dir, "urls"), "-c",
                os.path.join(self.dir, "cache.db"), "--config",
                os.path.join(self.dir, "config"), "refresh", "-q"]


class Newsboat(Reader):
    items_table = "rss_item"

    def command(self):
        return ["newsboat", "-u", os.path.join(self.dir, "urls"), "-c",
                os.path.join(self.dir, "cache.db"), "-C",
                os.path.join(self.dir, "config"), "-x", "reload"]


SFEED_UPDATE = shutil.which("sfeed_update")


def sfeed_maxjobs():
    """sfeed_update's default maxjobs, read from the script."""
    try:
        with open(SFEED_UPDATE) as f:
            m = re.search(r"^maxjobs=(\d+)", f.read(), re.M)
        return int(m.group(1)) if m else None
    except (OSError, TypeError):
        return None


class Sfeed(Reader):
    """sfeed_update with its defaults: $HOME/.sfeed/sfeedrc, feeds in
    $HOME/.sfeed/feeds, one TSV file a feed."""

    def __init__(self, name, work, urls):
        super().__init__(name, work, urls)
        self.home = self.env["HOME"]
        self.feeds = os.path.join(self.home, ".sfeed", "feeds")
        os.makedirs(os.path.dirname(self.feeds))
        with open(os.path.join(self.home, ".sfeed", "sfeedrc"), "w") as f:
            f.write("# the same feeds as telex's and newsboat's urls\n"
                    "feeds() {\n")
            for u in urls:
                name = os.path.splitext(os.path.basename(u))[0]
                f.write(f'\tfeed "{name}" "{u}"\n')
            f.write("}\n")

    def clear(self):
        shutil.rmtree(self.feeds, ignore_errors=True)

    def command(self):
        return [SFEED_UPDATE]

    def stored(self):
        if not os.path.isdir(self.feeds):
            return 0
        n = 0
        for name in os.listdir(self.feeds):
            with open(os.path.join(self.feeds, name), "rb") as f:
                n += sum(1 for line in f if line.strip())
        return n


def scenario(title, server, readers, runs, feeds, items):
    for r in readers:
        r.clear()
    stories = feeds * items
    for _ in range(runs):
        for r in readers:
            r.clear()
            r.run("cold", stories)
    for _ in range(runs):
        for r in readers:
            r.run("warm", stories)
    base = next((r for r in readers if isinstance(r, Newsboat)), None)
    sfeed = next((r for r in readers if isinstance(r, Sfeed)), None)

    def ratios(r, base):
        if base is None:
            return "- | -"
        if r is base:
            return "1.0× | 1.0×"
        med = statistics.median
        return (f"{med(base.cold) / med(r.cold):.1f}× | "
                f"{med(base.warm) / med(r.warm):.1f}×")

    print(f"\n### {title} ({server.name})\n")
    print("| reader | cold (median) | warm (median) | peak RSS | "
          "cold × faster than newsboat | warm × faster | "
          "cold × faster than sfeed | warm × faster | "
          "CPU cold (median) | CPU warm (median) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in readers:
        c, w = statistics.median(r.cold), statistics.median(r.warm)
        rss = ("n/a¹" if isinstance(r, Sfeed) else f"{max(r.rss):.0f} MiB")
        print(f"| {r.name} | {c:.3f} s | {w:.3f} s | {rss} | "
              f"{ratios(r, base)} | {ratios(r, sfeed)} | "
              f"{statistics.median(r.cpu_cold):.2f} s | "
              f"{statistics.median(r.cpu_warm):.2f} s |")
    print("\nCPU: user + system of the reader and every process it waited "
          "for (wait4).")
    if sfeed is not None:
        jobs = sfeed_maxjobs()
        print(f"\n¹ sfeed: sfeed_update with its default maxjobs="
              f"{jobs if jobs is not None else '?'} (feeds at a time), "
              "curl, sfeed and sort per feed; warm fetches every feed again "
              "(it makes no conditional GETs, and asks for no gzip) and "
              "merges. No peak RSS: rusage gives the largest single "
              "process's "
              f"({max(sfeed.rss):.0f} MiB), not the sum of those running "
              "at once; its CPU is the sum over the whole process tree.")
    for r in readers:
        for p in r.problems:
            print(f"\nWARNING: {r.name}: {p}")


def cache_size(reader, stories):
    # A search builds the full-text index telex defers to it.
    subprocess.run([TELEX, "-u", os.path.join(reader.dir, "urls"), "-c",
                    os.path.join(reader.dir, "cache.db"), "--config",
                    os.path.join(reader.dir, "config"), "search", "xyzzy"],
                   env=reader.env, stdout=subprocess.DEVNULL)
    size = sum(os.path.getsize(f) for f in reader.cache_files())
    return size / 1e6 * 10000 / stories


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--feeds", type=int, default=200)
    ap.add_argument("--items", type=int, default=50)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--work", default=os.path.join(
        os.environ.get("TMPDIR", "/tmp"), "telex-bench-refresh"))
    args = ap.parse_args()
    corpus = os.path.join(args.work, "corpus")
    make_corpus(corpus, args.feeds, args.items)
    xml = sum(os.path.getsize(os.path.join(corpus, f)) for f in
              os.listdir(corpus) if f.endswith(".xml"))
    gz = sum(os.path.getsize(os.path.join(corpus, f)) for f in
             os.listdir(corpus) if f.endswith(".gz"))
    have_newsboat = shutil.which("newsboat") is not None
    have_nginx = shutil.which("nginx") is not None
    have_sfeed = SFEED_UPDATE is not None
    stories = args.feeds * args.items
    print(f"refresh: {args.feeds} feeds × {args.items} stories = {stories}, "
          f"{xml / 1e6:.1f} MB of XML ({gz / 1e6:.1f} MB gzip); "
          f"{os.cpu_count()} cores; {args.runs} runs each, median")
    if not have_newsboat:
        print("\nnewsboat is not installed (apt-get install newsboat): "
              "telex is measured alone.")
    if not have_sfeed:
        print("\nsfeed is not installed (apt-get install sfeed): "
              "sfeed_update is not measured.")

    for latency in (0, 50):
        server = Server(args.work, corpus, latency,
                        have_nginx and latency == 0)
        try:
            urls = [f"http://127.0.0.1:{server.port}/files/f{i:04d}.xml"
                    for i in range(args.feeds)]
            readers = [Telex("telex", args.work, urls)]
            if latency:
                readers.append(Telex(
                    "telex, per-host cap 500", args.work, urls,
                    "max-connections 500\nmax-connections-per-host 500\n"))
            if have_newsboat:
                readers.append(Newsboat("newsboat", args.work, urls))
            if have_sfeed:
                readers.append(Sfeed("sfeed", args.work, urls))
            scenario(f"{latency} ms latency" if latency else "no latency",
                     server, readers, args.runs, args.feeds, args.items)
            if latency == 0:
                per10k = cache_size(readers[0], stories)
                print(f"\ntelex's cache: {per10k:.1f} MB per 10,000 stories, "
                      "full-text index included (target: at most 40 MB)")
        finally:
            server.stop()
    print(f"\nReproduce: make bench (or python3 bench/refresh_bench.py "
          f"--feeds {args.feeds} --items {args.items} --runs {args.runs})")


if __name__ == "__main__":
    main()
