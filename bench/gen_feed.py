#!/usr/bin/env python3
"""Write a large, deterministic feed for the parse benchmark.

    gen_feed.py rss|atom ITEMS OUT [FEED-NUMBER]

Items look like real news items: a ~60-character title (one in four with
non-ASCII text), link, id, date, author, a short summary and a 1.5-3 KB
HTML body with paragraphs, links and lists: in CDATA in RSS (as WordPress
writes content:encoded), entity-escaped in Atom. Same arguments, same
bytes."""
import datetime
import random
import sys
from email.utils import formatdate
from xml.sax.saxutils import escape

WORDS = ("missile defense shield launch orbit satellite radar treaty talks "
         "sensor drone aerospace contract engine budget navy test interceptor "
         "policy summit nuclear program agency report analysts officials said "
         "week plans system capability deployment funding review").split()
ACCENTED = ["Café", "Zürich", "Ośrodek", "Tōkyō", "Señal", "Ελλάδα", "Москва", "北京"]


def sentence(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def title(rng, i):
    t = sentence(rng, 9)[:-1]
    if i % 4 == 0:
        t = rng.choice(ACCENTED) + " " + t
    return t[:60]


def body(rng, i):
    parts = []
    size = rng.randint(1500, 3000)
    n = 0
    while n < size:
        kind = rng.random()
        if kind < 0.15:
            lis = "".join(f"<li>{sentence(rng, 6)}</li>" for _ in range(3))
            chunk = f"<ul>{lis}</ul>"
        else:
            chunk = (f"<p>{sentence(rng, 14)} <a href=\"https://news.example/{i}/"
                     f"{n}.html\">{sentence(rng, 3)[:-1]}</a> {sentence(rng, 10)}</p>")
        parts.append(chunk)
        n += len(chunk)
    return "".join(parts)


def rss(rng, items, out, number=0):
    out.write('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
              'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
              'xmlns:dc="http://purl.org/dc/elements/1.1/">\n<channel>\n'
              f'<title>Bench Feed {number:04d}</title>\n<link>https://news.example/</link>\n'
              '<description>Generated for the parse benchmark</description>\n')
    for i in range(items):
        out.write(
            f"<item>\n<title>{escape(title(rng, i))}</title>\n"
            f"<link>https://news.example/{number}/story/{i}.html</link>\n"
            f"<guid isPermaLink=\"false\">bench-{number}-{i}</guid>\n"
            f"<pubDate>{formatdate(1180000000 + i * 600, usegmt=True)}</pubDate>\n"
            f"<dc:creator>Reporter {i % 37}</dc:creator>\n"
            f"<category>topic {i % 11}</category>\n"
            f"<description>{escape(sentence(rng, 20))}</description>\n"
            f"<content:encoded><![CDATA[{body(rng, i)}]]></content:encoded>\n</item>\n")
    out.write("</channel>\n</rss>\n")


def atom(rng, items, out, number=0):
    out.write('<?xml version="1.0" encoding="utf-8"?>\n'
              '<feed xmlns="http://www.w3.org/2005/Atom">\n'
              f'<title>Bench Feed {number:04d}</title>\n<link href="https://news.example/"/>\n'
              '<id>tag:news.example,2007:bench</id>\n'
              '<updated>2007-06-05T10:00:00Z</updated>\n')
    for i in range(items):
        secs = 1180000000 + i * 600
        d = datetime.datetime(1970, 1, 1) + datetime.timedelta(seconds=secs)
        stamp = d.strftime("%Y-%m-%dT%H:%M:%SZ")
        out.write(
            f"<entry>\n<title>{escape(title(rng, i))}</title>\n"
            f"<link rel=\"alternate\" type=\"text/html\" "
            f"href=\"https://news.example/{number}/story/{i}.html\"/>\n"
            f"<id>tag:news.example,2007:{number}-{i}</id>\n"
            f"<updated>{stamp}</updated>\n<published>{stamp}</published>\n"
            f"<author><name>Reporter {i % 37}</name></author>\n"
            f"<category term=\"topic {i % 11}\"/>\n"
            f"<summary>{escape(sentence(rng, 20))}</summary>\n"
            f"<content type=\"html\">{escape(body(rng, i))}</content>\n</entry>\n")
    out.write("</feed>\n")


def write(kind, items, path, number=0):
    """One feed; FEED-NUMBER varies its text and its story links."""
    rng = random.Random(20070605 + number)
    with open(path, "w", encoding="utf-8") as out:
        (rss if kind == "rss" else atom)(rng, items, out, number)


def main():
    if len(sys.argv) not in (4, 5) or sys.argv[1] not in ("rss", "atom"):
        sys.exit("usage: gen_feed.py rss|atom ITEMS OUT [FEED-NUMBER]")
    write(sys.argv[1], int(sys.argv[2]), sys.argv[3],
          int(sys.argv[4]) if len(sys.argv) == 5 else 0)


if __name__ == "__main__":
    main()
