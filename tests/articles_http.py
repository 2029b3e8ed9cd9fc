#!/usr/bin/env python3
"""Claim (issue 4): during a refresh, stories whose feed gives only a
summary have their linked page fetched by the poller, the article found in
it kept in the cache beside the feed's own text (searchable, marked as
coming from the page); a page that 404s, stalls or is too large leaves the
feed's text and an error, and is tried again on later refreshes a bounded
number of times; fetch-articles no/yes, globally or for one feed, is obeyed.

Runs the real binary against tests/httpd.py on the loopback interface.
"""
import json
import os
import select
import shutil
import sqlite3
import subprocess
import sys
import tempfile

top_srcdir = os.environ.get("top_srcdir", ".")
top_builddir = os.environ.get("top_builddir", ".")
TELEX = os.path.abspath(os.path.join(top_builddir, "src", "telex"))
HTTPD = os.path.abspath(os.path.join(top_srcdir, "tests", "httpd.py"))

passed = failed = 0


def check(name, cond, detail=""):
    global passed, failed
    if cond:
        passed += 1
        print("ok   " + name)
    else:
        failed += 1
        print("FAIL " + name + ": " + str(detail)[:600])
    sys.stdout.flush()


TMP = tempfile.mkdtemp(prefix="telex-articles-")
ROOT = os.path.join(TMP, "root")
os.makedirs(ROOT)
ENV = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"),
       "HOME": TMP, "XDG_CONFIG_HOME": TMP, "XDG_DATA_HOME": TMP,
       "TZ": "UTC", "LANG": "C.UTF-8"}

ARTICLE = """<!DOCTYPE html><html><head><title>{title} | Wire</title></head>
<body><nav><a href="/">Home</a> <a href="/world">World</a>
<a href="/sport">Sport</a></nav>
<article><h1>{title}</h1><p class="byline">By Dana Lee</p>
<p>{word} talks resumed on Tuesday after a pause of several weeks, officials
said, with both delegations describing the mood as constructive.</p>
<p>The negotiators met for six hours, and a joint statement, released late
in the evening, promised a further round before the end of the month.</p>
<p>Analysts cautioned that the hardest questions, on verification and on the
timetable, had not yet been opened, and that progress could stall.</p>
</article>
<aside><h2>Related</h2><ul><li><a href="/a">Other story one</a></li>
<li><a href="/b">Other story two</a></li></ul></aside>
<footer>Copyright Wire. <a href="/about">About</a></footer></body></html>
"""


def write(rel, text):
    path = os.path.join(ROOT, rel)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def feed(items):
    out = ['<?xml version="1.0" encoding="UTF-8"?><rss version="2.0">'
           "<channel><title>Wire</title><link>http://example.com/</link>"]
    for guid, title, link, desc in items:
        out.append("<item><title>%s</title><guid>%s</guid><link>%s</link>"
                   "<description>%s</description></item>"
                   % (title, guid, link, desc))
    out.append("</channel></rss>")
    return "".join(out)


def run(case, *args):
    p = subprocess.run([TELEX, "-u", case + "/feeds", "-c", case + "/cache.db",
                        "--config", case + "/config", *args], env=ENV,
                       capture_output=True, timeout=60,
                       stdin=subprocess.DEVNULL)
    return p.returncode, p.stdout.decode(), p.stderr.decode()


def make_case(name, urls, config=""):
    d = os.path.join(TMP, name)
    os.makedirs(d)
    with open(d + "/feeds", "w") as f:
        f.write("".join(u + "\n" for u in urls))
    with open(d + "/config", "w") as f:
        f.write(config)
    return d


def rows(case):
    db = sqlite3.connect("file:%s/cache.db?mode=ro" % case, uri=True)
    try:
        return {r[0]: r for r in db.execute(
            "SELECT key, summary, article, article_error, article_tries "
            "FROM items")}
    finally:
        db.close()


def requests(log):
    out = []
    with open(log) as f:
        for line in f:
            out.append(json.loads(line))
    return out


def main():
    log = os.path.join(TMP, "httpd.log")
    srv = subprocess.Popen([sys.executable, HTTPD, "--root", ROOT, "--log",
                            log, "--lifetime", "900"],
                           stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        ready, _, _ = select.select([srv.stdout], [], [], 15)
        port = int(srv.stdout.readline().split()[1])
        base = "http://127.0.0.1:%d" % port
        write("good.html", ARTICLE.format(title="Talks Resume", word="Zanzibar"))
        write("big.html", "<html><body><p>" + "x " * 800000 + "</p></body></html>")
        write("long.xml", feed([("long-1", "Long one", base + "/files/good.html",
                                 "&lt;p&gt;" + "Plenty of text here. " * 40 +
                                 "&lt;/p&gt;")]))
        write("wire.xml", feed([
            ("s-good", "Talks Resume", base + "/files/good.html",
             "Talks resumed."),
            ("s-404", "Gone", base + "/files/missing.html", "A gone page."),
            ("s-stall", "Slow", base + "/stall", "A slow page."),
            ("s-big", "Big", base + "/files/big.html", "A huge page."),
        ]))
        wire = base + "/files/wire.xml"
        case = make_case("auto", [wire, base + "/files/long.xml"],
                         "download-timeout 2\nmax-download-size 1\n"
                         "article-tries 2\n")
        rc, out, err = run(case, "refresh")
        check("refresh exits 0 though some pages failed", rc == 0,
              (rc, out, err))
        r = rows(case)
        good = r.get("s-good")
        check("summary-only story: the page's article is kept",
              good is not None and good[2] is not None and
              "verification" in good[2], good)
        check("the article leaves navigation, related box and footer out",
              good is not None and good[2] is not None and
              "Other story one" not in good[2] and
              "Copyright" not in good[2], good and good[2])
        check("the feed's own text is still there", good is not None and
              good[1] == "Talks resumed.", good)
        for key, why in (("s-404", "404"), ("s-stall", "timed out"),
                         ("s-big", "MiB")):
            row = r.get(key)
            check("%s: feed text kept, no article, error recorded" % key,
                  row is not None and row[1] and row[2] is None and
                  row[3] is not None and why in row[3] and row[4] == 1, row)
        check("a story with long text in its feed is not fetched (auto)",
              r.get("long-1") is not None and r["long-1"][2] is None and
              r["long-1"][4] == 0, r.get("long-1"))
        check("failures are reported on stderr, one line each",
              err.count("article not kept") == 3, err)
        rc, out, err = run(case, "search", "Zanzibar")
        check("the article is searchable", "Talks Resume" in out, (out, err))
        rc, out, err = run(case, "list", "--json")
        texts = {i["title"]: i["text"] for i in json.loads(out)}
        check("list --json says where each story's text comes from",
              texts.get("Talks Resume") == "page" and
              texts.get("Gone") == "feed", texts)

        # Retries: a second refresh tries the failed pages again, a third
        # (article-tries 2) leaves them alone; the good page is not fetched
        # again.
        mark = len(requests(log))
        run(case, "refresh", "--force")
        second = [q["path"] for q in requests(log)[mark:]]
        check("second refresh retries the failed pages only",
              "/files/missing.html" in second and
              "/files/good.html" not in second, second)
        mark = len(requests(log))
        run(case, "refresh", "--force")
        third = [q["path"] for q in requests(log)[mark:]]
        check("after article-tries, failed pages are left alone",
              "/files/missing.html" not in third and "/stall" not in third,
              third)
        row = rows(case).get("s-404")
        check("tries counted", row is not None and row[4] == 2, row)

        # fetch-articles no, globally and for one feed; yes for one feed.
        off = make_case("off", [wire], "fetch-articles no\n")
        mark = len(requests(log))
        run(off, "refresh")
        paths = [q["path"] for q in requests(log)[mark:]]
        check("fetch-articles no: no page fetched",
              paths == ["/files/wire.xml"], paths)
        one = make_case("one", [wire, base + "/files/long.xml"],
                        "fetch-articles no %s\nfetch-articles yes %s\n"
                        % (wire, base + "/files/long.xml"))
        mark = len(requests(log))
        run(one, "refresh")
        paths = sorted(q["path"] for q in requests(log)[mark:])
        check("per feed: no for one, yes for the other",
              paths == ["/files/good.html", "/files/long.xml",
                        "/files/wire.xml"], paths)
    finally:
        srv.stdin.close()
        srv.wait(10)


try:
    main()
except Exception:
    import traceback
    traceback.print_exc()
    failed += 1
finally:
    if failed == 0:
        shutil.rmtree(TMP, ignore_errors=True)
    else:
        print("(files kept in %s)" % TMP)
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
