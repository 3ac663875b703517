#!/usr/bin/python3
"""The text content of HTML digests, to check that a change of templates or styles changes only markup:
prints what a reader reads (text nodes, entities decoded; <style> and <script> left out; runs of white space
made one space), or with two files compares them and exits 1 when their texts differ.

usage: html-text.py FILE.html [OTHER.html]
"""
import re
import sys
from html.parser import HTMLParser


class Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("style", "script"):
            self.skip += 1

    def handle_endtag(self, tag):
        if tag in ("style", "script"):
            self.skip -= 1

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def text(path):
    p = Text()
    with open(path, encoding="utf-8") as f:
        p.feed(f.read())
    p.close()
    return re.sub(r"\s+", " ", "".join(p.parts)).strip()


if len(sys.argv) == 2:
    print(text(sys.argv[1]))
elif len(sys.argv) == 3:
    a, b = text(sys.argv[1]), text(sys.argv[2])
    if a != b:
        i = next((k for k in range(min(len(a), len(b))) if a[k] != b[k]), min(len(a), len(b)))
        print(f"texts differ at character {i}:\n  {a[max(0, i - 60):i + 60]!r}\n  {b[max(0, i - 60):i + 60]!r}")
        sys.exit(1)
    print(f"same text ({len(a)} characters)")
else:
    sys.exit(__doc__)
