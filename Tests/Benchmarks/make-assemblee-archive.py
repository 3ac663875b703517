#!/usr/bin/env python3
"""Writes a generated Assemblée written-questions archive (the record structure of
Tests/ParliamentTests/Fixtures/assemblee/, README) for the read benchmark: N records json/QANR5L17QE<n>.json,
deflated, with French-like texts drawn from a seeded generator so the archive's size and compression ratio are
those of the real one (45-50 MB for ~20,000 questions). One in three records is answered, one in fifty
withdrawn. Usage: make-assemblee-archive.py OUT.zip COUNT [SEED] [CHANGED]
CHANGED > 0 rewrites the first CHANGED records with an answer (a later night)."""
import json, random, sys, zipfile

out, count = sys.argv[1], int(sys.argv[2])
seed = int(sys.argv[3]) if len(sys.argv) > 3 else 17
changed = int(sys.argv[4]) if len(sys.argv) > 4 else 0
rng = random.Random(seed)
syll = ["ra", "de", "mi", "sion", "té", "gou", "ver", "ne", "ment", "in", "gé", "ren", "ce", "é", "tran", "gè",
        "pu", "bli", "que", "cam", "pa", "gne", "mi", "nis", "tè", "re", "sé", "cu", "ri", "na", "tio", "nal"]
vocab = ["".join(rng.choice(syll) for _ in range(rng.randint(1, 4))) for _ in range(6000)]
vocab += ["VIGINUM", "Nouvelle-Calédonie", "Bakou", "ingérences", "désinformation", "RRN", "Matriochka"]

def record(n, answered, withdrawn):
    rng = random.Random(seed * 1000003 + n)  # per record: a changed record leaves the others as they were
    text = lambda words: " ".join(rng.choice(vocab) for _ in range(words))
    jo = lambda d, p: {"typeJO": "JO_QUESTION", "dateJO": d, "pageJO": str(p), "numJO": "10"}
    q = {"@xsi:type": "QuestionEcrite_Type", "uid": "QANR5L17QE%d" % n,
         "identifiant": {"numero": str(n), "regime": "5ème République", "legislature": "17"}, "type": "QE",
         "indexationAN": {"rubrique": rng.choice(vocab), "teteAnalyse": None, "analyses": {"analyse": text(4)}},
         "auteur": {"identite": {"acteurRef": "PA%d" % (720000 + n % 577), "mandatRef": "PM%d" % n},
                    "groupe": {"organeRef": "PO845401", "abrege": "EPR", "developpe": "Ensemble pour la République"}},
         "minInt": {"organeRef": "PO800001", "abrege": "Intérieur", "developpe": "Ministère de l'intérieur"},
         "minAttribs": {"minAttrib": {"infoJO": jo("2026-03-10", n % 9000),
                                      "denomination": {"organeRef": "PO800001", "abrege": "Intérieur",
                                                       "developpe": "Ministère de l'intérieur"}}},
         "textesQuestion": {"texteQuestion": {"infoJO": jo("2026-03-10", n % 9000),
                            "texte": "<p>%d. — 10 mars 2026. — M. X&nbsp;%s</p><p>%s</p>" % (n, text(240), text(180))}},
         "textesReponse": None, "cloture": None, "signalement": None, "renouvellements": None}
    if answered:
        q["textesReponse"] = {"texteReponse": {"infoJO": jo("2026-05-05", 3120), "texte": "<p>%s</p>" % text(390)}}
        q["cloture"] = {"codeCloture": "REP_PUB", "libelleCloture": "Réponse publiée", "dateCloture": "2026-05-05"}
    elif withdrawn:
        q["cloture"] = {"codeCloture": None, "libelleCloture": "Retirée", "dateCloture": "2026-04-01"}
    return json.dumps({"question": q}, ensure_ascii=False, indent=2)

with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
    for i in range(count):
        n = i + 1
        state = random.Random(seed + 7 * n).random()
        answered = state < 0.33 or n <= changed
        body = record(n, answered, 0.33 <= state < 0.35)
        info = zipfile.ZipInfo("json/QANR5L17QE%d.json" % n, (2026, 3, 10, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, body)
