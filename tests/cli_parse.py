#!/usr/bin/env python3
"""Claim (issue 2): `telex parse FILE|-` prints DESIGN.md's JSON for RSS 2.0,
RSS 1.0, Atom and Latin-1 feeds, reads standard input, reports a broken
document in "errors" and on stderr (one line each, naming the file) with
exit 1, and exits 2 with a one-line message for unreadable input."""
import json
import os
import subprocess
import sys

top_srcdir = os.environ.get("top_srcdir", ".")
top_builddir = os.environ.get("top_builddir", ".")
TELEX = os.path.join(top_builddir, "src", "telex")
FIX = os.path.join(top_srcdir, "tests", "fixtures")
failures = []


def run(*args, stdin=None):
    return subprocess.run([TELEX, *args], input=stdin, capture_output=True,
                          timeout=30)


def check(name, cond, detail=""):
    print(("ok   " if cond else "FAIL ") + name + ("" if cond else ": " + detail))
    if not cond:
        failures.append(name)


def parse(path):
    r = run("parse", path)
    try:
        doc = json.loads(r.stdout)
    except ValueError as e:
        check(f"{path}: output is JSON", False, str(e))
        return r, None
    for key in ("feed", "items", "errors"):
        check(f"{path}: has key {key}", key in doc)
    return r, doc


r, doc = parse(os.path.join(FIX, "rss2.xml"))
check("rss2: exit 0", r.returncode == 0, f"{r.returncode} {r.stderr!r}")
f = doc["feed"]
check("rss2: format", f["format"] == "rss2.0", f["format"])
check("rss2: title, not the image's", f["title"] == "Military Space Wire")
check("rss2: language normalised", f["language"] == "en-GB", f["language"])
check("rss2: lastBuildDate to UTC", f["updated"] == "2007-06-05T07:30:00Z", f["updated"])
items = doc["items"]
check("rss2: two items", len(items) == 2, str(len(items)))
it = items[0]
check("rss2: item fields",
      it["id"] == "wire-2007-0605-1" and it["author"] == "Kaz Ito"
      and it["published"] == "2007-06-05T07:00:00Z"
      and it["categories"] == ["Missile Defense", "Japan"], json.dumps(it))
check("rss2: escaped HTML summary kept as HTML",
      it["summary"] == "<p>Tokyo and Washington <b>agree</b>.</p>", it["summary"])
check("rss2: relative link in content resolved against the item link's base",
      'href="/more.html"' in it["content"] or "more.html" in it["content"], it["content"])
check("rss2: enclosure", it["enclosures"] == [
    {"url": "https://wire.example/shield.mp3", "type": "audio/mpeg", "length": 12345}])
check("rss2: guid permalink is the link",
      items[1]["link"] == "https://wire.example/2007/06/aerojet.html", items[1]["link"])
check("rss2: EST date", items[1]["published"] == "2007-06-04T21:20:00Z", items[1]["published"])
check("rss2: no errors", doc["errors"] == [], str(doc["errors"]))

r, doc = parse(os.path.join(FIX, "atom.xml"))
it = doc["items"][0]
check("atom: format", doc["feed"]["format"] == "atom1.0")
check("atom: feed link resolved against xml:base",
      doc["feed"]["link"] == "https://news.example/space/index.html", doc["feed"]["link"])
check("atom: language from the root's xml:lang", doc["feed"]["language"] == "en")
check("atom: alternate link, not the enclosure",
      it["link"] == "https://news.example/space/2007/squeeze.html", it["link"])
check("atom: source title does not leak", it["title"].startswith("China Puts"), it["title"])
check("atom: updated with fraction and offset", it["updated"] == "2007-06-04T16:00:00Z", it["updated"])
check("atom: xhtml content without its div, link resolved",
      it["content"].startswith("<p>") and "https://news.example/ref.html" in it["content"], it["content"])
check("atom: author with email", it["author"] in ("Lee Min (lee@news.example)", "Lee Min"))

r, doc = parse(os.path.join(FIX, "rss1.xml"))
check("rss1: format", doc["feed"]["format"] == "rss1.0")
check("rss1: Latin-1 declared, character reference decoded",
      doc["items"][0]["title"] == "Caf\u00e9 talk: UAV budgets", doc["items"][0]["title"])
check("rss1: prefix d bound to Dublin Core", doc["items"][0]["updated"] == "2007-06-03T12:00:00Z")

r, doc = parse(os.path.join(FIX, "latin1.xml"))
check("latin1: bytes decoded (C1 as windows-1252)",
      doc["feed"]["title"] == "Caf\u00e9 \u201cquoted\u201d", doc["feed"]["title"])

r, doc = parse(os.path.join(FIX, "euc-kr.xml"))
check("euc-kr: decoded through iconv", doc["feed"]["title"] == "\uac00", doc["feed"]["title"])

path = os.path.join(FIX, "broken.xml")
r, doc = parse(path)
check("broken: exit 1", r.returncode == 1, str(r.returncode))
check("broken: errors listed", len(doc["errors"]) > 0)
check("broken: items recovered", len(doc["items"]) >= 2, str(len(doc["items"])))
lines = r.stderr.decode().splitlines()
check("broken: stderr names the file on every line",
      len(lines) > 0 and all(path in l for l in lines), repr(lines))

with open(os.path.join(FIX, "rss2.xml"), "rb") as fp:
    r = run("parse", "-", stdin=fp.read())
check("stdin: read with '-'", r.returncode == 0 and
      json.loads(r.stdout)["feed"]["title"] == "Military Space Wire")

r = run("parse", "/nonexistent/feed.xml")
err = r.stderr.decode()
check("missing file: exit 2, one line naming it",
      r.returncode == 2 and err.count("\n") == 1 and "/nonexistent/feed.xml" in err, err)
r = run("parse", FIX)
check("directory: exit 2", r.returncode == 2, r.stderr.decode())
r = run("parse")
check("no argument: usage, exit 2", r.returncode == 2 and b"usage" in r.stderr)
r = run("render", "/nonexistent/page.html")
check("render of a missing file: exit 2, names it",
      r.returncode == 2 and b"/nonexistent/page.html" in r.stderr, r.stderr.decode())
r = run("frobnicate")
check("unknown command: exit 2", r.returncode == 2 and b"unknown command" in r.stderr)
r = run("--version")
check("--version", r.returncode == 0 and r.stdout.startswith(b"telex "))
r = run("--help")
check("--help lists parse", r.returncode == 0 and b"telex parse" in r.stdout)

print(f"{'FAIL' if failures else 'PASS'}: {len(failures)} failed")
sys.exit(1 if failures else 0)
