#!/usr/bin/env python3
"""Builds the corpus of the `match --batch` benchmark (issue 16), deterministically.

    make-match-corpus.py OUTDIR [--megabytes 100] [--files 195] [--aliases 10000] [--gap 1300]

Writes OUTDIR/watchlist.yaml (ALIASES aliases of two words, in Latin, Cyrillic and Hangul script, five per
entity), OUTDIR/texts/NNN.txt (FILES files, MEGABYTES of French and English sentences in all, one alias
planted about every GAP bytes, written as found in text: some upper-cased, some after an elision or as a
hashtag-free phrase), OUTDIR/paths.txt (one path per line) and OUTDIR/empty.txt + OUTDIR/empty-paths.txt
(one empty file: start-up and compilation alone). The same arguments always give the same bytes.
"""
import argparse
import os
import random

FRENCH = """le la les un une des du de et en au aux pour par sur dans avec sans sous entre vers chez contre
selon depuis pendant avant après comme mais donc or ni car que qui quoi dont où ce cette ces son sa ses leur
leurs notre nos votre vos gouvernement ministère rapport campagne réseau comptes réseaux sociaux information
désinformation enquête service vigilance protection ingérence numérique étrangère opération influence
élection élections européennes présidentielle député sénateur question écrite réponse ministre affaires
étrangères armées intérieur sécurité défense publique débat français française françaises été a ont avait
sera seront être avoir fait faire dit dire selon plusieurs centaines milliers visuels vidéos publiés
relayés diffusés amplifiés sites miroirs médias existants lecteurs plateformes retirer identifiés mardi
mercredi jeudi vendredi samedi dimanche lundi janvier février mars avril mai juin juillet août septembre
octobre novembre décembre Paris Nouvelle-Calédonie Nouméa Marseille Lyon Bordeaux Strasbourg Lille
l'État l'Europe d'abord qu'il qu'elle jusqu'à lorsqu'on aujourd'hui préfecture événement réglementation
coordonnée inauthentiques échéances électorales accrue approche recommandent auteurs document langues
""".split()

ENGLISH = """the a an and or of to in on at for with without by from about into over after before between
government ministry report campaign network accounts social media information disinformation investigation
service watchdog protection interference digital foreign operation influence election elections european
presidential member senator written question answer minister affairs defence security public debate said
says told according several hundreds thousands videos images posted shared amplified mirror sites outlets
readers platforms removed identified monday tuesday wednesday thursday friday saturday sunday january
february march april may june july august september october november december officials researchers
analysts coordinated inauthentic behaviour behavior state sponsored actors narratives targeted audiences
""".split()

LATIN_SYLLABLES = """ka ri to ve lo mun dar sel vik tor ang bel cas dor fen gal hul jor kel lin mar nov pel
quin ros sab tel urb val wes xan yor zel bra cri dro fla gru pli sta tri vro ska""".split()
CYRILLIC_SYLLABLES = """ка ри то ве ло мун дар сел вик тор ан бел кас дор фен гал хул йор кел лин мар нов пел
квин рос саб тел урб вал вес ксан йор зел бра кри дро фла гру пли ста три вро ска""".split()
HANGUL = [chr(c) for c in range(0xAC00, 0xD7A4, 37)]  # a spread of precomposed syllables


def word(rng, syllables, low, high):
    return "".join(rng.choice(syllables) for _ in range(rng.randint(low, high)))


def make_aliases(rng, count):
    seen = set()
    aliases = []
    while len(aliases) < count:
        script = rng.random()
        if script < 0.6:
            a = word(rng, LATIN_SYLLABLES, 2, 3).capitalize() + " " + word(rng, LATIN_SYLLABLES, 2, 4).capitalize()
        elif script < 0.8:
            a = word(rng, CYRILLIC_SYLLABLES, 2, 3).capitalize() + " " + word(rng, CYRILLIC_SYLLABLES, 2, 4).capitalize()
        else:
            a = word(rng, HANGUL, 1, 2) + " " + word(rng, HANGUL, 2, 3)
        key = a.lower()
        if key not in seen:
            seen.add(key)
            aliases.append(a)
    return aliases


def sentence(rng):
    words = ENGLISH if rng.random() < 0.4 else FRENCH
    n = rng.randint(8, 24)
    s = " ".join(rng.choice(words) for _ in range(n))
    s = s[0].upper() + s[1:]
    if rng.random() < 0.3:
        cut = s.find(" ", len(s) // 2)
        if cut > 0:
            s = s[:cut] + "," + s[cut:]
    return s + rng.choice([".", ".", ".", " ?", " !", "…"])


def planted(rng, alias):
    r = rng.random()
    if r < 0.1:
        return alias.upper()
    if r < 0.2 and alias[0].isascii():
        return "l’" + alias if alias[0].lower() in "aeiouyh" else "« " + alias + " »"
    return alias


def main():
    p = argparse.ArgumentParser()
    p.add_argument("outdir")
    p.add_argument("--megabytes", type=float, default=100)
    p.add_argument("--files", type=int, default=195)
    p.add_argument("--aliases", type=int, default=10000)
    p.add_argument("--gap", type=int, default=1300)
    a = p.parse_args()
    rng = random.Random(16)
    aliases = make_aliases(rng, a.aliases)
    os.makedirs(os.path.join(a.outdir, "texts"), exist_ok=True)
    with open(os.path.join(a.outdir, "watchlist.yaml"), "w", encoding="utf-8") as w:
        w.write("# Generated by Tests/Benchmarks/make-match-corpus.py: two-word aliases, five per actor.\nactors:\n")
        for e in range(0, len(aliases), 5):
            group = aliases[e:e + 5]
            w.write(f"  - id: actor-{e // 5}\n    name: \"{group[0]}\"\n    kind: person\n")
            w.write("    aliases: [" + ", ".join(f"\"{x}\"" for x in group) + "]\n")
    pool = [sentence(rng) for _ in range(20000)]
    per_file = int(a.megabytes * 1e6 / a.files) + 1
    paths = []
    total = 0
    hits = 0
    for f in range(a.files):
        parts = []
        size = 0
        next_hit = rng.randint(0, 2 * a.gap)
        while size < per_file:
            s = rng.choice(pool)
            if size >= next_hit:
                cut = s.find(" ", rng.randint(0, len(s) - 1))
                if cut < 0:
                    cut = len(s) - 1
                s = s[:cut] + " " + planted(rng, rng.choice(aliases)) + s[cut:]
                hits += 1
                next_hit = size + rng.randint(a.gap // 2, a.gap * 3 // 2)
            if rng.random() < 0.15:
                s += "\n\n"
            else:
                s += " "
            parts.append(s)
            size += len(s.encode("utf-8"))
        path = os.path.join(a.outdir, "texts", f"{f:03d}.txt")
        data = "".join(parts).encode("utf-8")
        with open(path, "wb") as out:
            out.write(data)
        total += len(data)
        paths.append(os.path.abspath(path))
    with open(os.path.join(a.outdir, "paths.txt"), "w") as out:
        out.write("\n".join(paths) + "\n")
    open(os.path.join(a.outdir, "empty.txt"), "w").close()
    with open(os.path.join(a.outdir, "empty-paths.txt"), "w") as out:
        out.write(os.path.abspath(os.path.join(a.outdir, "empty.txt")) + "\n")
    print(f"{a.outdir}: {len(paths)} files, {total} bytes, {len(aliases)} aliases, {hits} aliases planted")


if __name__ == "__main__":
    main()
