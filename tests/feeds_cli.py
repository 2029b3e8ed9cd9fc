#!/usr/bin/env python3
"""Claim (issue 3): a newsboat urls file works unchanged as telex's feeds file
(tags, "~title", comments, blank lines; query: lines skipped with a note; a
bad line reported as "PATH:LINE:" while the others load); `telex add` and
`telex remove` edit it keeping every other byte; `telex import` turns OPML
folders into tags and merges duplicates, and `telex export` writes OPML 2.0
that imports back to the same feeds; `telex list` explains an empty setup,
`telex --demo` works offline and leaves nothing behind; list's --tag,
--unread and --json and `telex search` work, FTS syntax in a search never
crashes it; and feed text never reaches the terminal with escape sequences
or control characters.

Runs the real binary on file:// feeds written into a temporary directory; no
network and no server.
"""
import json
import os
import re
import shlex
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

top_srcdir = os.environ.get("top_srcdir", ".")
top_builddir = os.environ.get("top_builddir", ".")
TELEX = os.path.abspath(os.path.join(top_builddir, "src", "telex"))
DATA = os.path.abspath(os.path.join(top_srcdir, "data"))

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


TMP = tempfile.mkdtemp(prefix="telex-feeds-cli-")
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
if os.path.isdir(os.path.join(DATA, "demo")):
    ENV["TELEX_DATA_DIR"] = DATA


class Result:
    def __init__(self, p):
        self.rc, self.out, self.err = p.returncode, p.stdout, p.stderr

    @property
    def o(self):
        return self.out.decode("utf-8", "replace")

    @property
    def e(self):
        return self.err.decode("utf-8", "replace")

    def __repr__(self):
        return "rc=%r out=%r err=%r" % (self.rc, self.o[-600:], self.e[-600:])


class Case:
    n = 0

    def __init__(self, name, feeds_text=None):
        Case.n += 1
        self.dir = os.path.join(TMP, "case%02d-%s" % (Case.n, name))
        os.makedirs(self.dir)
        self.feeds = os.path.join(self.dir, "feeds")
        self.cache = os.path.join(self.dir, "cache.db")
        self.config = os.path.join(self.dir, "config")
        with open(self.config, "w") as f:
            f.write("")
        if feeds_text is not None:
            self.write_feeds(feeds_text)

    def write_feeds(self, text):
        with open(self.feeds, "wb") as f:
            f.write(text.encode("utf-8") if isinstance(text, str) else text)

    def read_feeds(self):
        with open(self.feeds, "rb") as f:
            return f.read()

    def path(self, name):
        return os.path.join(self.dir, name)

    def url(self, name):
        return "file://" + self.path(name)

    def feed(self, name, data):
        with open(self.path(name), "wb") as f:
            f.write(data.encode("utf-8") if isinstance(data, str) else data)
        return self.url(name)

    def run(self, *args, stdin=None, timeout=30, demo=False):
        argv = [TELEX]
        if demo:
            argv.append("--demo")
        else:
            argv += ["-u", self.feeds, "-c", self.cache,
                     "--config", self.config]
        return Result(subprocess.run(argv + list(args), env=ENV,
                                     input=stdin, capture_output=True,
                                     timeout=timeout,
                                     stdin=None if stdin is not None
                                     else subprocess.DEVNULL))

    def items(self, *extra):
        r = self.run("list", "--json", *extra)
        try:
            return json.loads(r.out)
        except ValueError:
            return None

    def titles(self, *extra):
        its = self.items(*extra)
        return None if its is None else [i["title"] for i in its]


def rss(title, items):
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0">'
           "<channel><title>%s</title><link>https://example.com/</link>"
           "<description>d</description>\n" % title]
    for n, (guid, t, desc) in enumerate(items):
        out.append("<item><title>%s</title><guid isPermaLink=\"false\">%s"
                   "</guid><pubDate>Mon, %02d Jun 2026 10:00:00 GMT</pubDate>"
                   "<description>%s</description></item>\n"
                   % (t, guid, n + 1, desc))
    out.append("</channel></rss>\n")
    return "".join(out)


def feeds_lines(data):
    """Our reading of a newsboat urls file: {url: [tags]} (title dropped)."""
    out = {}
    for line in data.decode("utf-8").splitlines():
        toks = shlex.split(line, comments=True, posix=True)
        if not toks:
            continue
        out[toks[0]] = [t for t in toks[1:] if not t.startswith("~")]
    return out


def no_controls(b):
    """Offending bytes/code points in b: ESC, BEL, other C0 but \\n, C1."""
    bad = [c for c in b if c < 0x20 and c not in (0x0a,)]
    try:
        s = b.decode("utf-8")
        bad += [ord(c) for c in s if 0x80 <= ord(c) <= 0x9f]
    except UnicodeDecodeError:
        bad.append("not UTF-8")
    return sorted(set(bad), key=str)


def main():
    # ------------------------------------------------ newsboat's urls format
    c = Case("newsboat")
    ua = c.feed("a.xml", rss("Feed A", [("a1", "A one", "apple body")]))
    ub = c.feed("b.xml", rss("Feed B", [("b1", "B one", "banana body")]))
    ud = c.feed("d.xml", rss("Feed D", [("d1", "D one", "date body")]))
    ue = c.feed("e.xml", rss("Feed E", [("e1", "E one", "elder body")]))
    text = ("# newsboat urls file, as newsboat writes and users edit it\n"
            '%s "tech" "two words" "~Custom A"\n'
            "\n"
            "   # an indented comment\n"
            "%s news   # trailing comment\n"
            '"query:Unread Articles:unread = \\"yes\\""\n'
            '%s "unterminated\n'
            'gopher://example.com/feed "y"\n'
            '%s "!hidden" other\r\n'
            "\t%s\t\"spaced\"  \n") % (ua, ub, c.url("bad.xml"), ud, ue)
    c.write_feeds(text)
    r = c.run("refresh")
    check("newsboat: refresh does not give up (exit 0 or 1)",
          r.rc in (0, 1), r)
    check("newsboat: the unterminated quote reported as PATH:7:",
          re.search(r"^telex: %s:7: " % re.escape(c.feeds), r.e, re.M)
          is not None, r)
    check("newsboat: the unsupported scheme reported as PATH:8:",
          re.search(r"^telex: %s:8: " % re.escape(c.feeds), r.e, re.M)
          is not None, r)
    check("newsboat: no other line reported",
          not re.search(r"%s:(1|2|3|4|5|6|9|10):" % re.escape(c.feeds), r.e),
          r)
    check("newsboat: query feed skipped with a note",
          "query" in r.o and "skipped" in r.o, r)
    its = c.items() or []
    by = {i["title"]: i for i in its}
    check("newsboat: the good feeds all load",
          sorted(by) == ["A one", "B one", "D one", "E one"], sorted(by))
    check("newsboat: ~title overrides the feed's title",
          by.get("A one", {}).get("feed_title") == "Custom A",
          by.get("A one"))
    check("newsboat: the feed's own title otherwise",
          by.get("B one", {}).get("feed_title") == "Feed B", by.get("B one"))
    t = c.titles("--tag", "two words")
    check("newsboat: quoted tag with a space", t == ["A one"], t)
    t = c.titles("--tag", "news")
    check("newsboat: unquoted tag (comment after it ignored)",
          t == ["B one"], t)
    t = c.titles("--tag", "other")
    check("newsboat: CRLF line, !hidden tag kept, next tag read",
          t == ["D one"], t)
    t = c.titles("--tag", "spaced")
    check("newsboat: tabs and surrounding blanks", t == ["E one"], t)
    r = c.run("list")
    check("newsboat: list exit 0 with the bad lines still reported",
          r.rc == 0 and "%s:7:" % c.feeds in r.e, r)

    # ------------------------------------------------ add / remove
    c = Case("add-remove")
    orig = ("# my feeds\n"
            "\n"
            'https://one.example/feed.xml "a"   # keep me\n'
            "#https://commented.example/x\n"
            "https://two.example/rss   \"b\"\t\"c\"\n"
            "\n"
            "# the end\n").encode()
    c.write_feeds(orig)
    url = "https://new.example/feed.xml"
    r = c.run("add", url, "tag1", "two words")
    data = c.read_feeds()
    check("add: exit 0", r.rc == 0, r)
    check("add: appends one proper line, everything else byte for byte",
          data == orig + ('%s "tag1" "two words"\n' % url).encode(), data)
    r = c.run("add", url, "tag3")
    data2 = c.read_feeds()
    check("add again with a new tag: exit 0, tag added to its line",
          r.rc == 0 and data2 == orig +
          ('%s "tag1" "two words" "tag3"\n' % url).encode(), (r, data2))
    r = c.run("add", url, "tag1")
    check("add again with a tag it has: file unchanged",
          r.rc == 0 and c.read_feeds() == data2, (r, c.read_feeds()))
    r = c.run("add", "https://one.example/feed.xml", "z")
    check("add a tag to a line with a comment: before the comment",
          r.rc == 0 and b'https://one.example/feed.xml "a" "z"' in
          c.read_feeds() and b"# keep me" in c.read_feeds(),
          c.read_feeds())
    r = c.run("remove", "https://one.example/feed.xml")
    r = c.run("remove", url)
    got = c.read_feeds()
    want = orig.replace(b'https://one.example/feed.xml "a"   # keep me\n',
                        b"")
    check("remove: removes only those lines", r.rc == 0 and got == want,
          (r, got))
    r = c.run("remove", "https://unknown.example/")
    check("remove an unknown URL: exit 1, message, file unchanged",
          r.rc == 1 and "https://unknown.example/" in r.e and
          c.read_feeds() == want, r)
    c.write_feeds(b'https://x.example/a "t"')
    r = c.run("add", "https://x.example/b", 'say "hi"')
    got = c.read_feeds()
    check("add to a file without a final newline; quote in a tag escaped",
          r.rc == 0 and got == b'https://x.example/a "t"\n'
          b'https://x.example/b "say \\"hi\\""\n', got)
    r = c.run("add", "not a url")
    check("add a bad URL: exit 2, file unchanged",
          r.rc == 2 and c.read_feeds() == got, r)
    c2 = Case("add-new")
    r = c2.run("add", "https://first.example/feed")
    check("add with no feeds file creates it",
          r.rc == 0 and c2.read_feeds() == b"https://first.example/feed\n",
          (r, os.path.exists(c2.feeds) and c2.read_feeds()))

    # ------------------------------------------------ import / export
    c = Case("opml")
    opml = c.path("in.opml")
    with open(opml, "w") as f:
        f.write("""<?xml version="1.0" encoding="UTF-8"?>
<opml version="1.0"><head><title>Mine</title></head><body>
<outline text="Defense">
  <outline text="Missiles">
    <outline type="rss" text="Shield News" xmlUrl="https://a.example/feed.xml"
             htmlUrl="https://a.example/"/>
    <outline type="rss" text="Dup" xmlUrl="https://b.example/rss"/>
  </outline>
  <outline type="rss" text="Air" xmlUrl="https://c.example/atom.xml"/>
</outline>
<outline title="Space &amp; More">
  <outline type="rss" text="Dup again" xmlUrl="https://b.example/rss"/>
  <outline text="a folder note, no feed"/>
  <outline type="link" text="A web page" url="https://d.example/"/>
</outline>
<outline type="rss" text="Top level" xmlUrl="https://e.example/top.rss"/>
</body></opml>
""")
    r = c.run("import", opml)
    check("import: exit 0", r.rc == 0, r)
    got = feeds_lines(c.read_feeds()) if os.path.exists(c.feeds) else {}
    want = {"https://a.example/feed.xml": ["Defense", "Missiles"],
            "https://b.example/rss": ["Defense", "Missiles", "Space & More"],
            "https://c.example/atom.xml": ["Defense"],
            "https://e.example/top.rss": []}
    check("import: folders become tags, duplicate merged, non-feeds ignored",
          {k: sorted(v) for k, v in got.items()} ==
          {k: sorted(v) for k, v in want.items()}, got)
    check("import: one line a feed",
          len([l for l in c.read_feeds().splitlines() if l.strip()]) == 4,
          c.read_feeds())
    before = c.read_feeds()
    r = c.run("import", opml)
    check("import twice: adds nothing", r.rc == 0 and
          c.read_feeds() == before, (r, c.read_feeds()))
    r = c.run("export")
    check("export: exit 0", r.rc == 0, r)
    try:
        root = ET.fromstring(r.out)
    except ET.ParseError as e:
        root = None
        check("export: well-formed XML", False, e)
    if root is not None:
        check("export: OPML 2.0 with head and body",
              root.tag == "opml" and root.get("version") == "2.0" and
              root.find("head") is not None and
              root.find("body") is not None, ET.tostring(root)[:300])
        exported = {}

        def walk(el, folders):
            for o in el.findall("outline"):
                if o.get("xmlUrl"):
                    tags = set(folders)
                    if o.get("category"):
                        tags |= set(t for t in o.get("category").split(",")
                                    if t)
                    exported.setdefault(o.get("xmlUrl"), set()).update(tags)
                    check("export: outline %s has text and type rss"
                          % o.get("xmlUrl"),
                          o.get("text") and o.get("type") == "rss",
                          o.attrib)
                else:
                    walk(o, folders + [o.get("text") or o.get("title")])
        walk(root.find("body"), [])
        check("export: every feed with its tags",
              exported == {k: set(v) for k, v in want.items()}, exported)
    exp = c.path("out.opml")
    with open(exp, "wb") as f:
        f.write(r.out)
    c3 = Case("reimport")
    r = c3.run("import", exp)
    got3 = feeds_lines(c3.read_feeds()) if os.path.exists(c3.feeds) else {}
    check("export then import into an empty feeds file: same URLs and tags",
          r.rc == 0 and {k: sorted(v) for k, v in got3.items()} ==
          {k: sorted(v) for k, v in want.items()}, (r, got3))

    # ------------------------------------------------ first run, demo
    c = Case("nofeeds")
    r = c.run("list")
    check("list without a feeds file: says how to add feeds, mentions "
          "--demo", r.rc != 0 and "telex add" in r.e and "--demo" in r.e
          and c.feeds in r.e, r)
    r = c.run("list", demo=True)
    lines = r.o.splitlines()
    check("--demo list: exit 0, at least 20 headlines offline",
          r.rc == 0 and len(lines) >= 20, r)
    r = c.run("list", "--json", demo=True)
    try:
        feeds = set(i["feed_title"] for i in json.loads(r.out))
    except (ValueError, KeyError, TypeError):
        feeds = set()
    check("--demo list: at least 5 distinct feed titles", len(feeds) >= 5,
          feeds)
    r = c.run("refresh", demo=True)
    check("--demo refresh: exit 0", r.rc == 0, r)
    left = os.listdir(ENV["TMPDIR"])
    check("--demo: no temporary directory left behind", left == [], left)
    check("--demo: nothing written to the user's config or data dirs",
          os.listdir(ENV["XDG_DATA_HOME"]) == [] and
          os.listdir(ENV["XDG_CONFIG_HOME"]) == [],
          (os.listdir(ENV["XDG_DATA_HOME"]),
           os.listdir(ENV["XDG_CONFIG_HOME"])))

    # ------------------------------------------------ list, search
    c = Case("list")
    u1 = c.feed("one.xml", rss("Feed One", [
        ("o1", "Orbital launch slips", "The launch moved to Tuesday."),
        ("o2", "Radar contract", "A <b>quixotic</b> procurement saga.")]))
    u2 = c.feed("two.xml", rss("Feed Two", [
        ("t1", "Drone patrols", "Border surveillance expands."),
        ("t2", "Budget fight", "Council debates the programme.")]))
    c.write_feeds('%s "space"\n%s "drones"\n' % (u1, u2))
    r = c.run("refresh")
    check("list: refresh exit 0", r.rc == 0, r)
    t = c.titles("--tag", "space")
    check("list --tag: only that tag's feeds",
          sorted(t or []) == ["Orbital launch slips", "Radar contract"], t)
    t = c.titles("--tag", "nosuchtag")
    check("list --tag unknown: empty", t == [], t)
    its = c.items() or []
    con = sqlite3.connect(c.cache, timeout=30)
    con.execute("UPDATE items SET unread=0 WHERE title='Drone patrols'")
    con.commit()
    con.close()
    t = c.titles("--unread")
    check("list --unread: the read story left out",
          t is not None and len(t) == 3 and "Drone patrols" not in t, t)
    r = c.run("list", "--json")
    try:
        doc = json.loads(r.out)
    except ValueError as e:
        doc = None
    keys = {"id", "feed", "feed_title", "title", "link", "author", "date",
            "unread", "flagged", "saved", "text"}
    check("list --json: valid JSON, 4 items, documented keys",
          r.rc == 0 and isinstance(doc, list) and len(doc) == 4 and
          all(set(i) == keys for i in doc), (r, doc))
    if doc:
        check("list --json: types", all(
            isinstance(i["id"], int) and isinstance(i["unread"], bool) and
            isinstance(i["flagged"], bool) and isinstance(i["saved"], bool)
            and i["text"] in ("feed", "page") and re.match(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", i["date"])
            and i["feed"] in (u1, u2) for i in doc), doc)
        dates = [i["date"] for i in doc]
        check("list --json: newest first", dates == sorted(dates,
                                                           reverse=True),
              dates)
    r = c.run("list")
    check("list: text lines, one a story",
          r.rc == 0 and len(r.o.splitlines()) == 4 and
          "Feed One" in r.o and "Feed Two" in r.o, r)
    r = c.run("search", "quixotic")
    check("search: a word of one story's body finds that story",
          r.rc == 0 and r.o.count("\n") == 1 and "Radar contract" in r.o, r)
    r = c.run("search", "quixotic", "--json")
    try:
        found = [i["title"] for i in json.loads(r.out)]
    except (ValueError, KeyError, TypeError):
        found = None
    check("search --json", found == ["Radar contract"], r)
    r = c.run("search", "nothingmatchesthis")
    check("search: no match, exit 0, no output", r.rc == 0 and r.o == "", r)
    for q in ('"foo', "a:b", "title:", "NEAR(", "(", ")", "AND", "OR OR",
              "*", "-x", "^", "'", "\"quixotic", "quixotic:", "a\"b\"c",
              "{title}: x", "NOT"):
        r = c.run("search", q)
        clean = (r.rc == 0 or (r.rc == 2 and r.e.count("\n") == 1 and
                               r.e.startswith("telex: ")))
        check("search %r: no crash, exit 0 or a one-line error" % q,
              clean and r.rc >= 0, r)
    r = c.run("search", "\"quixotic")
    check("search '\"quixotic' still finds the word",
          "Radar contract" in r.o, r)

    # ------------------------------------------------ terminal safety
    c = Case("escapes")
    evil = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            "<rss version=\"2.0\"><channel>"
            "<title>Evil \x1b]0;pwned\x07 feed \u009b31m</title>"
            "<item><title>Hi \x1b[2J there \x1b]52;c;ZXZpbA==\x07 "
            "\u009b2J end</title><guid>e1</guid>"
            "<description>body \x1b]0;pwned\x07 x \x1b[2J</description></item>"
            "<item><title>Refs &#x9b;1m and &#x85;next &#x7f;del</title>"
            "<guid>e2</guid><description>\u009b0m plain</description></item>"
            "</channel></rss>\n")
    u = c.feed("evil.xml", evil.encode("utf-8"))
    evil2 = ("<?xml version=\"1.0\" encoding=\"x\x1b]0;pwned\x07y\"?>\n"
             "<rss version=\"2.0\"><channel><title>E2</title>"
             "<item><title>fine</title><guid>f1</guid></item>"
             "</channel></rss>\n")
    u2 = c.feed("evil2.xml", evil2.encode("utf-8"))
    c.write_feeds("%s\n%s\n" % (u, u2))
    r = c.run("refresh")
    check("escapes: refresh stores the stories", r.rc in (0, 1) and
          len(c.titles() or []) == 3, r)
    bad = no_controls(r.out) + no_controls(r.err)
    check("escapes: refresh's output and messages carry no control "
          "characters from the feeds", bad == [], (bad, r))
    r = c.run("list")
    bad = no_controls(r.out)
    check("escapes: list output has no ESC, BEL or C1 bytes",
          r.rc == 0 and bad == [] and b"\x1b" not in r.out and
          b"\x07" not in r.out and b"\xc2\x9b" not in r.out, (bad, r.out))
    check("escapes: list still shows the visible text",
          b"Hi" in r.out and b"there" in r.out and b"end" in r.out, r.out)
    # (an escape sequence's own text, "]0;pwned", is dropped with it)
    r = c.run("search", "there")
    bad = no_controls(r.out)
    check("escapes: search output has no ESC, BEL or C1",
          r.rc == 0 and bad == [] and b"Hi" in r.out, (bad, r.out))
    r = c.run("list", "--json")
    bad = no_controls(r.out)
    check("escapes: list --json has them escaped (no raw ESC, BEL, C1)",
          r.rc == 0 and bad == [], (bad, r.out[:300]))
    try:
        json.loads(r.out)
        ok = True
    except ValueError:
        ok = False
    check("escapes: list --json still valid JSON", ok, r.out[:300])


try:
    main()
except Exception:
    import traceback
    traceback.print_exc()
    failed += 1
    print("FAIL the test script itself raised")
finally:
    if failed == 0:
        shutil.rmtree(TMP, ignore_errors=True)
    else:
        print("(files kept in %s)" % TMP)

print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
