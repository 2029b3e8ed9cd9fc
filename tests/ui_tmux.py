#!/usr/bin/env python3
"""Claim (issue 5): the full-screen reader works as a person uses it.

Drives the real binary in tmux (send-keys, capture-pane) on caches this test
fills from feeds it writes itself: navigating topics and headlines, opening
and scrolling a story, marks that persist (checked with `telex list` while
the reader runs, after SIGKILL and after a restart), flagging, saving (file
name and contents), search in a list and over the cache, the front page,
refreshing from a loopback server while keys are still answered, resizing
(one, two, three panes), the help screen, themes (colours reach the
terminal; NO_COLOR; a 16-colour terminal), `bind` in the config, mouse
clicks, double clicks and the wheel, Unicode alignment, and the terminal restored on quit, SIGTERM,
SIGINT, SIGHUP and across Ctrl-Z.

Security: a feed whose title and body hold escape sequences (title change,
screen clear, cursor moves, OSC 52) leaves no escape byte on the screen but
the terminal's own colours (capture-pane -e) and does not retitle the pane;
a link full of shell metacharacters reaches a fake browser as one argument
and runs nothing; a story titled ../../.bashrc saves inside the save
directory.

Skips (exit 77) when tmux is not installed.
"""
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import unicodedata

if shutil.which("tmux") is None:
    print("SKIP: tmux is not installed (Debian package: tmux)")
    sys.exit(77)

top_srcdir = os.environ.get("top_srcdir", ".")
top_builddir = os.environ.get("top_builddir", ".")
TELEX = os.path.abspath(os.path.join(top_builddir, "src", "telex"))
HTTPD = os.path.abspath(os.path.join(top_srcdir, "tests", "httpd.py"))
THEMES = os.path.abspath(os.path.join(top_srcdir, "themes"))

TMP = tempfile.mkdtemp(prefix="telex-ui-")
SOCK = os.path.join(TMP, "tmux.sock")
for d in ("home", "config", "data", "tmp", "feeds", "saved"):
    os.makedirs(os.path.join(TMP, d))
SAVED = os.path.join(TMP, "saved")
PWNED = os.path.join(TMP, "pwned")
ARGS = os.path.join(TMP, "browser-args")

passed = 0
failed = 0


def check(name, cond, detail=""):
    global passed, failed
    if cond:
        passed += 1
        print("ok   " + name)
    else:
        failed += 1
        print("FAIL " + name + ": " + str(detail).replace("\n", "\\n")[:1500])
    sys.stdout.flush()
    return cond


# --- fixtures: feeds written here, served as file:// URLs ----------------

def esc(s):
    return (s.replace("&", "&amp;").replace("<", "&lt;")
            .replace(">", "&gt;").replace('"', "&quot;"))


def rfc822(n):
    # Story n of a feed: later n, newer date.
    return time.strftime("%a, %d %b %Y %H:%M:%S +0000",
                         time.gmtime(1700000000 + n * 3600))


def write(name, text):
    path = os.path.join(TMP, "feeds", name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return "file://" + path


CJK = "日本語のニュース見出し 🚀 wide"
LONG_BODY = "".join("<p>Paragraph %d of the long story.</p>" % i
                    for i in range(1, 101))


def space_feed():
    items = []
    for n in range(1, 30):
        body = "<p>Body of space story %d.</p>" % n
        title = "Space story %d" % n
        if n == 7:
            title, body = "Airship story", "<p>A zeppelinword rises.</p>"
        items.append((n, title, body))
    items.append((31, "Long space story",
                  LONG_BODY + '<p>See <a href="https://example.com/ref">'
                  "the reference</a>.</p>"))
    items.append((30, CJK, "<p>CJK 本文.</p>"))
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0">'
           "<channel><title>Space Feed</title>"
           "<link>https://example.com/space/</link>"]
    for n, title, body in items:
        out.append("<item><title>%s</title><link>https://example.com/space/"
                   "%d.html</link><guid>space-%d</guid><pubDate>%s</pubDate>"
                   "<description>%s</description></item>"
                   % (esc(title), n, n, rfc822(n), esc(body)))
    out.append("</channel></rss>\n")
    return write("space.xml", "".join(out))


def defense_feed(stories=5):
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n'
           '<feed xmlns="http://www.w3.org/2005/Atom">'
           "<title>Defense Feed</title><id>urn:defense</id>"
           "<updated>2023-11-20T00:00:00Z</updated>"]
    for n in range(1, stories + 1):
        out.append("<entry><title>Defense story %d</title>"
                   "<id>urn:defense:%d</id>"
                   '<link href="https://example.com/defense/%d.html"/>'
                   "<updated>2023-11-1%dT00:00:00Z</updated>"
                   "<summary>Defense body %d.</summary></entry>"
                   % (n, n, n, n, n))
    out.append("</feed>\n")
    return write("defense.xml", "".join(out))


def lone_feed():
    return write("lone.xml",
                 '<?xml version="1.0"?>\n'
                 '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-'
                 'syntax-ns#" xmlns="http://purl.org/rss/1.0/">'
                 '<channel rdf:about="https://example.com/lone/">'
                 "<title>Lone Feed</title>"
                 "<link>https://example.com/lone/</link>"
                 "<description>d</description></channel>"
                 '<item rdf:about="https://example.com/lone/1">'
                 "<title>Lone story</title>"
                 "<link>https://example.com/lone/1</link>"
                 "<description>Lone body.</description></item>"
                 "</rdf:RDF>\n")


EVIL_URL = ("https://example.com/a?x=1&y=$(touch${IFS}" + PWNED + ");z|w`touch"
            "${IFS}" + PWNED + "`'\"")
ESCAPES = ("\x1b]0;PWNED-TITLE\x07\x1b[2J\x1b[H\x1b[31m\x1b]52;c;"
           "cHduZWQ=\x07\x1b[5;5H\x9b2J\x1bP+q\x1b\\")


def hostile_feed():
    out = ['<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0">'
           "<channel><title>Hostile \x1b]0;FEED-TITLE\x07Feed</title>"]
    out.append("<item><title><![CDATA[Evil " + ESCAPES + " headline]]>"
               "</title><link>" + esc(EVIL_URL) + "</link>"
               "<guid>evil-1</guid><pubDate>" + rfc822(5) + "</pubDate>"
               "<description><![CDATA[<p>Body " + ESCAPES + " text</p>"
               "]]></description></item>")
    out.append("<item><title>../../.bashrc</title>"
               "<link>https://example.com/bashrc</link><guid>evil-2</guid>"
               "<pubDate>" + rfc822(4) + "</pubDate>"
               "<description>dotfile</description></item>")
    out.append("</channel></rss>\n")
    return write("hostile.xml", "".join(out))


SPACE, DEFENSE, LONE, HOSTILE = (space_feed(), defense_feed(), lone_feed(),
                                 hostile_feed())

with open(os.path.join(TMP, "fakebrowser"), "w") as f:
    f.write("#!/bin/sh\n: > '%s'\nfor a in \"$@\"; do printf '%%s\\n' "
            "\"$a\" >> '%s'; done\necho \"$#\" > '%s.argc'\n"
            % (ARGS, ARGS, ARGS))
os.chmod(os.path.join(TMP, "fakebrowser"), 0o755)

# A 16-colour terminal: Debian's ncurses-base has none, so one is made.
TERMINFO = os.path.join(TMP, "terminfo")
TERM16 = None
if shutil.which("tic"):
    with open(os.path.join(TMP, "t16.src"), "w") as f:
        f.write("telex-16color|16 colours for the test,\n"
                "\tuse=screen-256color, colors#16, pairs#256,\n")
    if subprocess.run(["tic", "-o", TERMINFO, os.path.join(TMP, "t16.src")],
                      capture_output=True).returncode == 0:
        TERM16 = "telex-16color"

ENV = {
    "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
    "HOME": os.path.join(TMP, "home"),
    "XDG_CONFIG_HOME": os.path.join(TMP, "config"),
    "XDG_DATA_HOME": os.path.join(TMP, "data"),
    "TMPDIR": os.path.join(TMP, "tmp"),
    "TZ": "UTC",
    "LANG": "C.UTF-8",
    "LC_ALL": "C.UTF-8",
}


class Case:
    """A feeds file, a cache and a config of their own."""
    n = 0

    def __init__(self, name, feeds, config=""):
        Case.n += 1
        self.dir = os.path.join(TMP, "case%02d-%s" % (Case.n, name))
        os.makedirs(self.dir)
        self.feeds = os.path.join(self.dir, "feeds")
        self.cache = os.path.join(self.dir, "cache.db")
        self.config = os.path.join(self.dir, "config")
        with open(self.feeds, "w") as f:
            f.write("".join(line + "\n" for line in feeds))
        with open(self.config, "w") as f:
            f.write("save-dir %s\nbrowser \"%s %%u\"\n%s"
                    % (SAVED, os.path.join(TMP, "fakebrowser"), config))

    def argv(self):
        return [TELEX, "-u", self.feeds, "-c", self.cache, "--config",
                self.config]

    def cli(self, *args):
        return subprocess.run(self.argv() + list(args), env=ENV,
                              capture_output=True, timeout=60,
                              stdin=subprocess.DEVNULL)

    def refresh(self):
        return self.cli("refresh", "-q")

    def items(self, *extra):
        r = self.cli("list", "--json", *extra)
        try:
            return json.loads(r.stdout)
        except ValueError:
            return None

    def item(self, title, part=None):
        for it in self.items() or []:
            if it["title"] == title or (part and part in it["title"]):
                return it
        return None


def tmux(*args, check_rc=False):
    p = subprocess.run(["tmux", "-S", SOCK, "-f", "/dev/null", *args],
                       capture_output=True, timeout=30)
    if check_rc and p.returncode != 0:
        raise RuntimeError("tmux %r: %r" % (args, p.stderr))
    return p.stdout.decode("utf-8", "replace")


def shq(s):
    return "'" + s.replace("'", "'\\''") + "'"


class Screen:
    """One tmux session running a shell command."""
    n = 0

    def __init__(self, command, width=120, height=40, term="screen-256color",
                 env=None):
        Screen.n += 1
        self.name = "t%d" % Screen.n
        e = dict(ENV)
        e["TERM"] = term
        e.update(env or {})
        envs = " ".join("%s=%s" % (k, shq(v)) for k, v in e.items())
        # After telex: its exit status and the tty's state, then wait.
        self.state = os.path.join(TMP, self.name + ".stty")
        script = ("trap : INT; stty -g > %s.before; env -i %s %s; echo \"EXITED $?\"; "
                  "stty -g > %s.after; sleep 300"
                  % (shq(self.state), envs, command, shq(self.state)))
        tmux("new-session", "-d", "-s", self.name, "-x", str(width), "-y",
             str(height), "sh -c " + shq(script), check_rc=True)
        tmux("set-option", "-t", self.name, "status", "off")

    def text(self):
        return tmux("capture-pane", "-p", "-t", self.name)

    def raw(self):
        return tmux("capture-pane", "-p", "-e", "-t", self.name)

    def lines(self):
        return self.text().split("\n")

    def keys(self, *keys, literal=False):
        args = ["send-keys", "-t", self.name]
        if literal:
            args.append("-l")
        tmux(*args, *keys)

    def wait(self, pred, timeout=10.0):
        """Until pred(text) (a string: it is on the screen); the text."""
        if isinstance(pred, str):
            want = pred
            pred = lambda t: want in t
        end = time.monotonic() + timeout
        while True:
            t = self.text()
            if pred(t):
                return t
            if time.monotonic() > end:
                return None
            time.sleep(0.05)

    def mouse(self, x, y, button=0):
        """A press and a release (a wheel turn: only the press)."""
        seq = "\x1b[M%c%c%c" % (32 + button, 33 + x, 33 + y)
        if button < 64:
            seq += "\x1b[M%c%c%c" % (32 + 3, 33 + x, 33 + y)
        tmux("send-keys", "-t", self.name, "-l", seq)

    def resize(self, w, h):
        tmux("resize-window", "-t", self.name, "-x", str(w), "-y", str(h))

    def telex_pid(self, cache):
        p = subprocess.run(["pgrep", "-f", "-n", "--", "-c " + cache],
                           capture_output=True)
        out = p.stdout.decode().split()
        return int(out[0]) if out else None

    def title(self):
        return tmux("display-message", "-p", "-t", self.name,
                    "#{pane_title}")

    def close(self):
        tmux("kill-session", "-t", self.name)


def telex_screen(case, *extra, **kw):
    return Screen(" ".join(shq(a) for a in case.argv() + list(extra)), **kw)


def row_with(text, needle):
    for line in text.split("\n"):
        if needle in line:
            return line
    return None


def sgr_codes(raw):
    """Every parameter of every SGR sequence in raw."""
    out = set()
    for m in re.finditer(r"\x1b\[([0-9;:]*)m", raw):
        out.update(p for p in m.group(1).split(";") if p)
    return out


def display_width(s):
    w = 0
    for ch in s:
        if unicodedata.combining(ch):
            continue
        w += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return w


def goto_topic(s, name):
    """From anywhere: the topics pane, then down to the row `name`."""
    s.keys("h", "h", "g")
    for _ in range(40):
        t = s.text()
        first = t.split("\n")[0]
        if ("› " + name) in first:
            return True
        s.keys("j")
        time.sleep(0.05)
        s.wait(lambda t2, t=t: t2 != t, 2)
    return False


FEEDS = ['%s "Space"' % SPACE, '%s "Defense"' % DEFENSE,
         '%s "Hostile"' % HOSTILE, LONE]


def main():
    # One idle session keeps the tmux server up between the others.
    tmux("new-session", "-d", "-s", "keep", "sleep 3600", check_rc=True)

    # --- a cache filled by `telex refresh` ------------------------------
    case = Case("main", FEEDS)
    r = case.refresh()
    check("fixture feeds refresh", r.returncode == 0, r.stderr)

    s = telex_screen(case)
    # (a capture may fall between two writes of one frame: wait for it all)
    words = ("Long space story", "All", "Unread", "Flagged", "Space",
             "Defense", "Lone Feed")
    t = s.wait(lambda x: all(w in x for w in words))
    check("first screen shows topics and headlines", t is not None,
          s.text())
    lines = t.split("\n") if t else []
    heads = [l for l in lines if "Long space story" in l or
             "Space story 29" in l]
    check("headlines newest first", len(heads) == 2 and
          "Long space story" in heads[0], heads)
    check("unread marked N", t is not None and
          re.search(r"N\s+\S+\s+Long space story", t) is not None, t)

    # --- navigate: topics ------------------------------------------------
    check("topic Defense selected", goto_topic(s, "Defense"), s.text())
    t = s.wait("Defense story 5", 3)
    check("Defense lists only its stories",
          t is not None and "Space story" not in t and
          "Defense story 1" in t, t)
    s.keys("l")
    goto_topic(s, "Space")
    s.keys("l")     # into the headlines
    t = s.wait(lambda x: "Space story 1" not in x or True, 1)

    # --- open a story, scroll ----------------------------------------------
    s.keys("g", "Enter")
    t = s.wait("Paragraph 1 of the long story", 5)
    check("open shows the story with its head",
          t is not None and "Long space story" in t and "Feed: Space Feed"
          in t and "Link: https://example.com/space/31.html" in t, t)
    check("a page holds the first paragraphs only",
          t is not None and "Paragraph 60 of" not in t, t)
    s.keys("Space", "Space", "Space")
    t = s.wait(lambda x: "Paragraph 1 of" not in x, 3)
    shown = [int(n) for n in re.findall(r"Paragraph (\d+) of", t or "")]
    check("space pages down", t is not None and len(shown) > 10 and
          min(shown) > 40 and shown == list(range(min(shown),
                                                  max(shown) + 1)), t)
    s.keys("G")
    t = s.wait("Paragraph 100 of", 3)
    check("G goes to the end, links numbered",
          t is not None and "the reference[1]" in t.replace(" [1]", "[1]"),
          t)
    s.keys("g")
    check("g back to the top", s.wait("Paragraph 1 of", 3) is not None,
          s.text())

    # --- marks persist --------------------------------------------------------
    it = case.item("Long space story")
    check("opening marked it read in the cache at once",
          it is not None and it["unread"] is False, it)
    s.keys("J")
    t = s.wait("CJK 本文", 3)
    check("J: next story without going back", t is not None, s.text())
    s.keys("F")
    s.wait("Flagged.", 3)
    it = case.item(CJK)
    check("F flags it in the cache", it is not None and it["flagged"], it)
    s.keys("N")
    s.wait("Marked unread.", 3)
    it = case.item(CJK)
    check("N marks it unread again", it is not None and it["unread"], it)

    # --- save ------------------------------------------------------------------
    s.keys("K")
    s.wait("Paragraph 1 of", 3)
    s.keys("s")
    t = s.wait("Saved to", 3)
    path = os.path.join(SAVED, "Long-space-story.md")
    ok = t is not None and os.path.exists(path)
    check("s saves under a name from the title", ok,
          (t, sorted(os.listdir(SAVED))))
    if ok:
        with open(path, encoding="utf-8") as f:
            md = f.read()
        check("the saved Markdown has head, text and links",
              md.startswith("# Long space story\n") and "Space Feed" in md
              and "https://example.com/space/31.html" in md and
              "Paragraph 100 of the long story." in md and
              "https://example.com/ref" in md, md[:400])
    s.keys("s")
    s.wait(lambda x: os.path.exists(os.path.join(SAVED,
                                                 "Long-space-story-2.md")),
           3)
    check("a second save never overwrites",
          os.path.exists(os.path.join(SAVED, "Long-space-story-2.md")),
          sorted(os.listdir(SAVED)))
    it = case.item("Long space story")
    check("saved is marked in the cache", it is not None and it["saved"], it)
    s.keys("q")
    t = s.wait(lambda x: re.search(r"S\s+\S+\s+Long space story", x)
               is not None, 3)
    check("the headline shows it saved", t is not None, s.text())

    # --- save as ---------------------------------------------------------
    s.keys("S")
    s.wait("Save as:", 3)
    s.keys("C-u")
    target = os.path.join(TMP, "chosen.md")
    s.keys(target, literal=True)
    s.keys("Enter")
    s.wait("Saved to", 3)
    check("S saves where the prompt says", os.path.exists(target),
          s.text())
    s.keys("S")
    s.wait("Save as:", 3)
    s.keys("C-u")
    s.keys(target, literal=True)
    s.keys("Enter")
    t = s.wait("replace it?", 3)
    check("save-as asks before replacing", t is not None, s.text())
    s.keys("n")

    # --- search -----------------------------------------------------------
    s.keys("/")
    s.wait("Search this list:", 3)
    s.keys("zeppelinword", literal=True)
    s.keys("Enter")
    t = s.wait("1 match", 5)
    check("/ searches the list", t is not None and "Airship story" in t and
          "Space story 3" not in t, s.text())
    s.keys("q")
    t = s.wait("Space story 28", 3)
    check("q leaves the search", t is not None, s.text())
    s.keys("C-f")
    s.wait("Search every story:", 3)
    s.keys("Defense", literal=True)
    s.keys("Enter")
    t = s.wait("Defense story 3", 5)
    check("^F searches the whole cache", t is not None and
          "Space story 2" not in t, s.text())
    s.keys("q")

    # --- mark all read in a list, undo --------------------------------------
    goto_topic(s, "Defense")
    s.keys("l", "A")
    s.wait("marked read", 3)
    unread = [i for i in case.items("--unread") or []
              if i["title"].startswith("Defense")]
    check("A marks the list read", unread == [], unread)
    s.keys("C-u")
    s.wait("unread again", 3)
    unread = [i for i in case.items("--unread") or []
              if i["title"].startswith("Defense")]
    check("^U undoes it", len(unread) == 5, unread)
    s.keys("U")
    t = s.wait("unread only", 3)
    check("U shows unread only", t is not None, s.text())
    s.keys("U")

    # --- help, front page ----------------------------------------------------
    s.keys("?")
    t = s.wait("toggle-flag", 3)
    check("? lists commands with their keys", t is not None and
          row_with(t, "toggle-flag") is not None and
          re.search(r"F\s+\^E\s+toggle-flag", t) is not None and
          re.search(r"/\s+search ", t) is not None, t)
    s.keys("q")
    s.keys("f")
    t = s.wait("Front page", 3)
    check("f shows every topic's newest headlines",
          t is not None and all(w in t for w in
                                ("Space", "Defense", "Lone Feed",
                                 "Long space story", "Defense story 5",
                                 "Lone story")), t)
    s.keys("j", "Enter")
    t = s.wait("Feed: ", 3)
    check("a front-page headline opens", t is not None, s.text())
    s.keys("q", "q")

    # --- resize ------------------------------------------------------------------
    s.resize(60, 30)
    t = s.wait(lambda x: len(x.split("\n")[0].rstrip()) <= 60 and
               "│" not in x, 3)
    check("narrow: one pane", t is not None, s.text())
    s.resize(170, 40)
    t = s.wait(lambda x: "Lone Feed" in x and "Feed: " in x, 3)
    check("wide: topics, headlines and reader side by side", t is not None,
          s.text())
    s.resize(120, 40)
    t = s.wait(lambda x: "Lone Feed" in x and "Feed: " not in x, 3)
    check("medium: two panes", t is not None, s.text())

    # --- the mouse (X10 reports, as the terminal sends them) ---------------
    def line_of(text, needle):
        for y, line in enumerate(text.split("\n")):
            if needle in line:
                return y, line.index(needle)
        return None, None

    t = s.text()
    y, x = line_of(t, " Defense ")
    if y is not None:
        s.mouse(x + 2, y)
    t = s.wait(lambda x: "› Defense" in x.split("\n")[0], 3)
    check("a click selects a topic", t is not None, s.text())
    y, x = line_of(t or "", "Defense story 3")
    if y is not None:
        s.mouse(x, y)
        s.mouse(x, y)
    t = s.wait("Defense body 3.", 3)
    check("a double click opens a story", t is not None, s.text())
    s.keys("q")
    s.keys("g")
    y, x = line_of(s.text(), "Defense story 5")
    if y is not None:
        s.mouse(x, y, 65)   # wheel down: three rows
    s.keys("Enter")
    t = s.wait("Defense body 2.", 3)
    check("the wheel scrolls", t is not None, s.text())
    s.keys("q")

    s.close()

    # --- killed, the marks stay; a restart shows them ------------------------
    s = telex_screen(case)
    s.wait("Long space story", 5)
    goto_topic(s, "Lone Feed")
    s.keys("l", "Enter")
    s.wait("Lone body.", 3)
    pid = s.telex_pid(case.cache)
    if pid:
        os.kill(pid, signal.SIGKILL)
    s.wait("EXITED", 5)
    it = case.item("Lone story")
    check("read state survives SIGKILL", it is not None and
          it["unread"] is False, it)
    s.close()
    s = telex_screen(case)
    t = s.wait("Lone story", 5)
    row = row_with(t or "", "Lone story")
    check("a restart shows it read", row is not None and
          not re.search(r"N\s+\S+\s+Lone story", row), t)

    # --- Unicode ---------------------------------------------------------------
    row = row_with(t or "", "日本語")
    ascii_row = row_with(t or "", "Space story 29")
    if row and ascii_row:
        col_cjk = display_width(row[:row.index("日本語")])
        col_ascii = display_width(
            ascii_row[:ascii_row.index("Space story 29")])
        check("wide characters stay in their column", col_cjk == col_ascii,
              (row, ascii_row))
    else:
        check("the CJK title is shown whole", False, t)
    s.resize(44, 20)
    t = s.wait(lambda x: "日本" in x, 3)
    ok = t is not None
    for line in (t or "").split("\n"):
        if display_width(line) > 44 or "\ufffd" in line:
            ok = False
    check("narrow: no line wider than the terminal, no half character",
          ok, t)
    # --- another telex writes: the reader shows it -------------------------
    s.resize(120, 40)
    defense_feed(6)
    r = case.cli("refresh", "--force")
    t = s.wait("Defense story 6", 8)
    check("stories another telex stores appear", r.returncode == 0 and
          t is not None, (r.stderr, s.text()))
    s.keys("Q")
    t = s.wait("EXITED 0", 5)
    check("Q quits with status 0", t is not None, s.text())
    s.close()

    # --- escape sequences in feed text ----------------------------------------
    s = telex_screen(case)
    s.wait("Long space story", 5)
    goto_topic(s, "Hostile")
    s.keys("l", "g", "Enter")
    t = s.wait("Body", 5)
    raw = s.raw()
    bad = [m.group(0) for m in re.finditer(r"\x1b(?!\[[0-9;:]*m)..?.?", raw)]
    check("no escape sequence from the feed reaches the screen",
          t is not None and "Evil" in t and bad == [] and "\x1b" not in t
          and "\x9b" not in raw and "\x07" not in raw, (bad, raw[:300]))
    check("the pane is not retitled",
          "PWNED" not in s.title() and "FEED-TITLE" not in s.title(),
          s.title())
    check("the text around them is kept, the sequences' text gone too",
          t is not None and "Body text" in t and "Evil headline" in t and
          "PWNED" not in t and "]52;" not in t and "FEED-TITLE" not in t, t)

    # --- a link with shell metacharacters ------------------------------------
    s.keys("o")
    s.wait(lambda x: os.path.exists(ARGS + ".argc"), 5)
    try:
        with open(ARGS + ".argc") as f:
            argc = f.read().strip()
        with open(ARGS, encoding="utf-8") as f:
            argv = f.read()
    except OSError:
        argc, argv = None, None
    evil = case.item(None, "Evil")
    link = evil["link"] if evil else None
    check("the browser gets the URL as one argument",
          argc == "1" and link is not None and argv == link + "\n" and
          all(c in link for c in "$(;&|`"), (argc, argv, link))
    check("and no metacharacter ran", not os.path.exists(PWNED))
    s.wait("Opened", 3)

    # --- ../../.bashrc saves inside the save directory -------------------------
    s.keys("J")
    s.wait("dotfile", 3)
    s.keys("s")
    t = s.wait("Saved to", 3)
    inside = [n for n in os.listdir(SAVED) if "bashrc" in n]
    check("../../.bashrc saves inside the save directory",
          t is not None and inside == ["bashrc.md"] and
          not os.path.exists(os.path.join(TMP, ".bashrc")) and
          not os.path.exists(os.path.join(ENV["HOME"], ".bashrc")),
          (t, os.listdir(SAVED)))
    s.keys("Q")
    s.close()

    # --- bind in the config, and a bad line named -----------------------------
    bcase = Case("bind", FEEDS, "bind w help\nbind x no-such-command\n"
                 "bind \"#\" open-link\n")
    shutil.copy(case.cache, bcase.cache)
    s = telex_screen(bcase)
    t = s.wait("no-such-command", 5)
    check("a bad bind line is reported with its line",
          t is not None and "config:4: unknown command 'no-such-command'"
          in t, s.text())
    s.keys("w")
    t = s.wait("toggle-flag", 3)
    check("bind w help takes effect", t is not None and
          re.search(r"\?\s+w\s+help", t) is not None, t)
    s.keys("Q")
    s.close()

    # --- themes ---------------------------------------------------------------------
    tdir = os.path.join(ENV["XDG_CONFIG_HOME"], "telex", "themes")
    os.makedirs(tdir, exist_ok=True)
    with open(os.path.join(tdir, "loud"), "w") as f:
        f.write("title = bold red blue\n")
    tcase = Case("theme", FEEDS, "theme loud\n")
    shutil.copy(case.cache, tcase.cache)
    s = telex_screen(tcase)
    s.wait("Long space story", 5)
    first = s.raw().split("\n")[0]
    codes = sgr_codes(first)
    check("a user theme's colours reach the terminal",
          "31" in codes and "44" in codes, repr(first))
    s.keys("Q")
    s.close()
    s = telex_screen(tcase, env={"NO_COLOR": "1"})
    s.wait("Long space story", 5)
    raw = s.raw()
    codes = sgr_codes(raw)
    check("NO_COLOR: no colours, still a selection",
          not any(re.fullmatch(r"3[0-8]|4[0-8]|9[0-7]|10[0-7]", c)
                  for c in codes) and "7" in codes, repr(raw[:300]))
    s.keys("Q")
    s.close()
    for name in ("default", "light", "high-contrast", "monochrome"):
        if not os.path.exists(os.path.join(THEMES, name)):
            check("theme %s is shipped" % name, False)
            continue
        c2 = Case("theme-" + name, FEEDS, "theme %s/%s\n" % (THEMES, name))
        shutil.copy(case.cache, c2.cache)
        for term in ("screen-256color", TERM16, "screen"):
            if term is None:
                continue
            s = telex_screen(c2, term=term, env={"TERMINFO": TERMINFO})
            t = s.wait("Long space story", 5)
            codes = sgr_codes(s.raw())
            # 256-colour codes only where the terminal has them
            narrow = term != "screen-256color" and any(
                c in codes for c in ("38", "48"))
            check("theme %s loads on %s" % (name, term),
                  t is not None and "E: messages" not in t and not narrow,
                  (t, codes))
            s.keys("Q")
            s.close()

    # --- refresh from a loopback server while keys are answered ---------------
    srv = subprocess.Popen([sys.executable, HTTPD, "--root", TMP,
                            "--latency-ms", "2500", "--lifetime", "900"],
                           stdin=subprocess.PIPE, stdout=subprocess.PIPE)
    try:
        line = srv.stdout.readline().decode()
        port = int(line.split()[1])
        rcase = Case("refresh", FEEDS + [
            'http://127.0.0.1:%d/gen/1.xml?items=6 "Remote"' % port])
        shutil.copy(case.cache, rcase.cache)
        s = telex_screen(rcase)
        s.wait("Long space story", 5)
        s.keys("R")
        t = s.wait("feeds", 2)
        s.keys("?")
        t0 = time.monotonic()
        t = s.wait("toggle-flag", 2)
        answered = time.monotonic() - t0
        still = rcase.item("Gen feed 1 item 1") is None
        check("keys are answered during a refresh",
              t is not None and still, (answered, s.text()))
        s.keys("q")
        t = s.wait("Gen feed 1 item", 15)
        check("new headlines appear when stored", t is not None, s.text())
        t = s.wait("Refreshed", 10)
        check("the status line reports the refresh", t is not None,
              s.text())
        s.keys("Q")
        s.close()
    finally:
        srv.terminate()
        srv.wait()

    # --- the terminal is restored on every way out ------------------------
    for how in ("q", "SIGTERM", "SIGINT", "SIGHUP"):
        s = telex_screen(case)
        s.wait("Long space story", 5)
        if how == "q":
            s.keys("h", "q")
        elif how == "SIGINT":
            s.keys("C-c")
        else:
            pid = s.telex_pid(case.cache)
            if pid:
                os.kill(pid, getattr(signal, how))
        t = s.wait("EXITED", 5)
        time.sleep(0.2)
        try:
            with open(s.state + ".before") as f:
                before = f.read()
            with open(s.state + ".after") as f:
                after = f.read()
        except OSError:
            before, after = "x", "y"
        check("terminal restored after %s" % how,
              t is not None and before == after and
              "Long space story" not in t, (t, before, after))
        s.close()

    # --- under valgrind: no memory error, no leak ------------------------------
    if shutil.which("valgrind") is None or \
            os.environ.get("TELEX_SANITIZERS", "no") == "yes":
        print("skip valgrind: not installed, or a sanitizer build")
    else:
        vlog = os.path.join(TMP, "valgrind.log")
        supp = os.path.abspath(os.path.join(top_srcdir, "tests",
                                            "valgrind.supp"))
        s = Screen(" ".join(shq(a) for a in
                            ["valgrind", "-q", "--error-exitcode=99",
                             "--leak-check=full",
                             "--errors-for-leak-kinds=definite,indirect",
                             "--suppressions=" + supp, "--log-file=" + vlog]
                            + case.argv()))
        ok = s.wait("Long space story", 60) is not None
        for keys, want in ((["j", "Enter"], "Paragraph 1 of"),
                           (["G", "u"], "Links"), (["q", "q", "f"],
                                                   "Front page"),
                           (["q", "?"], "toggle-flag"),
                           (["q", "/"], "Search this list"),
                           (["s", "t", "o", "r", "y", "Enter"], "match")):
            s.keys(*keys)
            if ok is True and s.wait(want, 30) is None:
                ok = "no %r after %r: %s" % (want, keys, s.text())
        s.keys("q", "Q")
        t = s.wait("EXITED", 60)
        try:
            with open(vlog) as f:
                log = f.read()
        except OSError:
            log = ""
        check("the reader under valgrind: no error or leak",
              ok is True and t is not None and "EXITED 0" in t and
              log == "",
              (ok, s.text()[-400:], log[-1500:]))
        s.close()

    # --- Ctrl-Z suspends and resumes ------------------------------------------
    s = Screen("sh -c " + shq("echo shell; exec sh"), width=100, height=30)
    s.wait("shell", 5)
    s.keys(" ".join(shq(a) for a in case.argv()), literal=True)
    s.keys("Enter")
    s.wait("Long space story", 5)
    s.keys("C-z")
    t = s.wait(lambda x: "Stopped" in x or "stopped" in x, 5)
    check("Ctrl-Z gives the shell back", t is not None, s.text())
    s.keys("fg", literal=True)
    s.keys("Enter")
    t = s.wait("Long space story", 5)
    s.keys("j")
    check("and fg brings the reader back", t is not None, s.text())
    s.keys("Q")
    s.close()


try:
    main()
finally:
    tmux("kill-server")
    shutil.rmtree(TMP, ignore_errors=True)
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
