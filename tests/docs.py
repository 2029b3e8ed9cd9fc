#!/usr/bin/env python3
"""Claim (issue 6): the manuals document what the code has.

telex-config(5) names every setting of src/config.c with the default the
code has, every command of the reader's table (src/ui_commands.c) with the
keys the default bindings give it, and every theme element (src/theme.c);
telex(1) lists every command and points to telex-config(5); `make install`
installs both (Makefile.am). Reads the sources, so nothing can drift.
"""
import os
import re
import sys

top = os.environ.get("top_srcdir", ".")
passed = failed = 0


def check(name, cond, detail=""):
    global passed, failed
    if cond:
        passed += 1
        print("ok   " + name)
    else:
        failed += 1
        print("FAIL " + name + ": " + str(detail)[:600])


def read(path):
    with open(os.path.join(top, path), encoding="utf-8") as f:
        return f.read()


def man_text(src):
    """The page's text with roff escapes and fonts gone, for searching."""
    t = re.sub(r"\\f[BIRP]", "", src)
    t = t.replace("\\-", "-").replace("\\(en", "-").replace("\\e", "\\")
    t = re.sub(r'^\.(B|I|BR|IR|RB|BI|TP|PP|SS|SH|RS|RE|nf|fi)\b ?', "",
               t, flags=re.M)
    return t.replace('"', "")


config_c = read("src/config.c")
settings = []
table = config_c.split("} options[] = {")[1].split("};")[0]
for entry in re.split(r"\{ (?=\")", table)[1:]:
    literals = re.findall(r'"((?:[^"\\]|\\.)*)"', entry)
    # name, default as written, help
    settings.append((literals[0], None, literals[1]))
commands_c = read("src/ui_commands.c")
commands = re.findall(r'\{ "([a-z-]+)", ui_cmd_\w+,', commands_c)
keys_text = "".join(re.findall(r'^\t"(.*)"$', commands_c.split(
    "default_keys[] =")[1].split(";")[0], flags=re.M))
binds = re.findall(r"bind (\S+) ([a-z-]+)\\n", keys_text)
elements = re.findall(r'\] = \{ "([a-z.-]+)",', read("src/theme.c"))
cfg5 = man_text(read("man/telex-config.5"))
man1 = man_text(read("man/telex.1"))

check("the sources were read", len(settings) >= 15 and len(commands) >= 30
      and len(binds) >= 40 and len(elements) >= 30,
      (len(settings), len(commands), len(binds), len(elements)))
for name, kind, default in settings:
    shown = default if default else "empty"
    m = re.search(r"^%s .*?\(default ([^,)]*)" % re.escape(name), cfg5,
                  re.M)
    check("telex-config(5): %s, default %s" % (name, shown),
          m is not None and m.group(1).strip() == shown,
          m.group(0) if m else "absent")
section = cfg5.split("The commands, with their default keys:")[1]
section = section.split("THEMES")[0].strip().split("\n")
for c in commands:
    keys = [k for k, cmd in binds if cmd == c]
    found = None
    for i, line in enumerate(section[:-1]):
        names = [w.strip() for w in line.split(",")]
        if c in names and all(re.fullmatch(r"[a-z-]+", w) for w in names):
            found = [w.strip(",.:()") for w in section[i + 1].split()]
    missing = [k for k in keys if found is None or k not in found]
    check("telex-config(5): command %s with keys %s" % (c, " ".join(keys)),
          found is not None and not missing, (missing, found))
    check("telex(1): command %s" % c, re.search(r"\b%s\b" % re.escape(c),
                                                  man1) is not None)
for e in elements:
    check("telex-config(5): theme element %s" % e,
          re.search(r"(^|[\s,])%s[,.\s]" % re.escape(e), cfg5) is not None)
check("telex(1) points to telex-config(5)", "telex-config (5)" in man1 or
      "telex-config(5)" in man1.replace(" ", ""))
mk = read("Makefile.am")
check("make install installs both pages",
      re.search(r"dist_man_MANS\s*=.*man/telex\.1", mk) is not None and
      "man/telex-config.5" in mk)
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
