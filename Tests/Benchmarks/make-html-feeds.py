#!/usr/bin/env python3
"""make-html-feeds.py PAGES_DIR OUT_DIR [COUNT] -- a speed corpus of article-heavy feeds (benchmark only).

Builds COUNT feeds (default 1,020) the way publishing systems write them, each item carrying a real
article's HTML: Mozilla Readability's test pages (PAGES_DIR/*/expected.html, the article as cleaned
HTML, with expected-metadata.json for title, byline and excerpt). Four shapes, in turn:
  - RSS 2.0, WordPress style: excerpt in <description>, the article in CDATA <content:encoded>, <dc:creator>;
  - RSS 2.0, the article entity-escaped in <description> (news sites without content:encoded);
  - Atom 1.0, <summary> and <content type="html"> escaped;
  - RSS 1.0 (RDF), the article escaped in <description>, dates in <dc:date>.
Two to seven items per feed, pages taken round-robin, so every feed differs. Deterministic.
These feeds are generated, not captured: they are for `make bench-html-feeds`, never for tests.
"""
import html
import json
import os
import sys


def pages(root):
    out = []
    for name in sorted(os.listdir(root)):
        d = os.path.join(root, name)
        try:
            body = open(os.path.join(d, "expected.html"), encoding="utf-8").read()
            meta = json.load(open(os.path.join(d, "expected-metadata.json"), encoding="utf-8"))
        except (OSError, ValueError):
            continue
        out.append((name, body, meta))
    return out


def item(shape, n, page, day):
    name, body, meta = page
    title = html.escape(meta.get("title") or name, quote=False)
    excerpt = html.escape(meta.get("excerpt") or "", quote=False)
    author = html.escape(meta.get("byline") or "", quote=False)
    link = f"https://news.example.org/{day:03d}/{name}-{n}.html"
    date = f"Mon, {1 + day % 28:02d} Jan 2024 {n % 24:02d}:15:00 +0100"
    iso = f"2024-01-{1 + day % 28:02d}T{n % 24:02d}:15:00+01:00"
    if shape == 0:
        return (f"<item><title>{title}</title><link>{link}</link><guid isPermaLink=\"true\">{link}</guid>"
                f"<pubDate>{date}</pubDate><dc:creator><![CDATA[{meta.get('byline') or ''}]]></dc:creator>"
                f"<description><![CDATA[{meta.get('excerpt') or ''}]]></description>"
                f"<content:encoded><![CDATA[{body.replace(']]>', ']]&gt;')}]]></content:encoded></item>\n")
    if shape == 1:
        return (f"<item><title>{title}</title><link>{link}</link><guid>{link}</guid><pubDate>{date}</pubDate>"
                f"<author>redaction@news.example.org ({author})</author>"
                f"<description>{html.escape(body, quote=False)}</description></item>\n")
    if shape == 2:
        return (f"<entry><title type=\"html\">{html.escape(title, quote=False)}</title>"
                f"<link rel=\"alternate\" type=\"text/html\" href=\"{link}\"/><id>{link}</id>"
                f"<published>{iso}</published><updated>{iso}</updated><author><name>{author}</name></author>"
                f"<summary type=\"html\">{excerpt}</summary>"
                f"<content type=\"html\">{html.escape(body, quote=False)}</content></entry>\n")
    return (f"<item rdf:about=\"{link}\"><title>{title}</title><link>{link}</link><dc:date>{iso}</dc:date>"
            f"<dc:creator>{author}</dc:creator><description>{html.escape(body, quote=False)}</description></item>\n")


def feed(shape, k, items):
    if shape in (0, 1):
        return ("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" "
                "xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
                f"<channel><title>Bench feed {k}</title><link>https://news.example.org/</link><language>en</language>"
                f"<description>Generated benchmark feed</description>\n{items}</channel></rss>\n")
    if shape == 2:
        return ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en\">\n"
                f"<title>Bench feed {k}</title><link href=\"https://news.example.org/\"/><id>urn:bench:{k}</id>"
                f"<updated>2024-01-31T00:00:00Z</updated>\n{items}</feed>\n")
    about = "https://news.example.org/"
    return ("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" "
            "xmlns=\"http://purl.org/rss/1.0/\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
            f"<channel rdf:about=\"{about}\"><title>Bench feed {k}</title><link>{about}</link>"
            f"<description>Generated benchmark feed</description></channel>\n{items}</rdf:RDF>\n")


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    src, out = sys.argv[1], sys.argv[2]
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 1020
    all_pages = pages(src)
    if not all_pages:
        sys.exit(f"{src}: no page with expected.html and expected-metadata.json")
    os.makedirs(out, exist_ok=True)
    nxt = 0
    for k in range(count):
        shape = k % 4
        items = []
        for n in range(2 + k % 6):
            items.append(item(shape, n, all_pages[nxt % len(all_pages)], k))
            nxt += 1
        ext = ".atom" if shape == 2 else ".rdf" if shape == 3 else ".rss"
        with open(os.path.join(out, f"{k:04d}{ext}"), "w", encoding="utf-8") as fh:
            fh.write(feed(shape, k, "".join(items)))


if __name__ == "__main__":
    main()
