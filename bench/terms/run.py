"""Terminology benchmark on the Tilde ATS development half (../shared/data/tilde-ats-dev).

For each method (exact, 50% prefix, tm's stems+lemmas with and without Hunspell) and each of et, lv, lt:
- recall: annotated occurrences whose approved term is really in the translation (sorted by reading, see
  ats-judgements.tsv) that the method finds there;
- detection: the same occurrences with the translation swapped for an unrelated segment (one whose English
  does not contain the term): the method must report the term missing;
- false alarms: `missing` reported for an occurrence that is present (editors' wasted time); wrong finds:
  the term reported present where the reader found it absent;
- throughput: `tm.terms.Checker` over all 383 segments with the whole 523-concept glossary, en + et, lv,
  lt, in segments per second: cold (glossary compiled and analysers built in the run) and warm (the same
  checker, best of three more passes).

Usage: python3 bench/terms/run.py [--shared ../shared]
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from collections import Counter
from functools import cache
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1]))

import ats_data  # noqa: E402
from baselines import ExactKeys, Prefix50Keys  # noqa: E402

from tm.lang.vabamorf import load_vabamorf  # noqa: E402
from tm.lang.wordkeys import WordKeys, hunspell_for  # noqa: E402
from tm.records import Term, TranslationUnit  # noqa: E402
from tm.terms.check import Checker  # noqa: E402
from tm.terms.io import read_glossary  # noqa: E402
from tm.terms.matcher import TermMatcher  # noqa: E402

LANGS = ("et", "lv", "lt")


def methods() -> dict:
    chosen = {"exact (Xbench, CheckMate)": ExactKeys, "50% prefix (memoQ default)": Prefix50Keys,
              "tm: stems + lemmas": lambda lang: WordKeys(lang, hunspell=False, vabamorf=False)}
    optional = [name for name, present in (("Hunspell lv/lt", any(hunspell_for(lang) for lang in ("lv", "lt"))),
                                           ("Vabamorf et", load_vabamorf() is not None)) if present]
    if optional:
        chosen["tm: stems + lemmas + " + " + ".join(optional)] = WordKeys
    return chosen


def judgements() -> dict[tuple[str, int, str], str]:
    with (HERE / "ats-judgements.tsv").open(encoding="utf-8", newline="") as handle:
        return {(r["lang"], int(r["row"]), r["lemma"]): r["verdict"]
                for r in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)}


def unrelated_row(segments, row: int, source: str) -> int:
    """The first segment half the set away whose English does not contain the annotated term."""
    n = len(segments)
    for k in range(n // 2, n // 2 + n):
        j = (row + k) % n
        if source.casefold() not in segments[j]["en"].casefold():
            return j
    raise ValueError(source)


def finds(matcher: TermMatcher, text: str, lemma: str) -> bool:
    """Whether the matcher finds the term `lemma` in `text`."""
    return any(m.term.text == lemma for m in matcher.find(text))


def quality(root: Path, make_keys) -> dict[str, dict[str, float]]:
    segments, verdicts = ats_data.segments(root), judgements()
    table = {}
    for lang in LANGS:
        annotations = ats_data.annotations(root, lang)
        lemmas = sorted({a.lemma for a in annotations})
        matcher = TermMatcher([Term(lemma, lang, lemma) for lemma in lemmas], lang, make_keys(lang))
        c = Counter()
        for a in annotations:
            verdict = verdicts.get((lang, a.row, a.lemma), "present")
            c[verdict] += 1
            found = finds(matcher, segments[a.row][lang], a.lemma)
            if verdict == "present":
                c["found"] += found
                unrelated = segments[unrelated_row(segments, a.row, a.source)][lang]
                c["detected"] += not finds(matcher, unrelated, a.lemma)
            elif verdict == "absent":
                c["wrong finds"] += found
            elif verdict == "compound":
                c["compound found"] += found
        table[lang] = {"present": c["present"], "recall": c["found"] / c["present"],
                       "detection": c["detected"] / c["present"], "false alarms": c["present"] - c["found"],
                       "absent": c["absent"], "wrong finds": c["wrong finds"],
                       "compound heads": f'{c["compound found"]}/{c["compound"]}'}
    return table


def dgt_units(shared: Path) -> list[TranslationUnit]:
    """DGT-TM sample units with all four languages: longer, legal sentences (the check's real diet)."""
    with (shared / "data/dgt-tm-sample/dgt_sample_en_et_lv_lt.tsv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [TranslationUnit({lang: r[lang] for lang in ("en", *LANGS)}, tuid=str(i)) for i, r in enumerate(rows)
            if all(r[lang] for lang in ("en", *LANGS))]


def throughput(units: list[TranslationUnit], glossary, make_keys) -> tuple[float, float, int]:
    start = time.perf_counter()
    checker = Checker(glossary, LANGS, cache(make_keys))
    result = checker.check(units)
    cold = time.perf_counter() - start
    warm = float("inf")
    for _ in range(3):  # best of three: the machine is shared
        start = time.perf_counter()
        checker.check(units)
        warm = min(warm, time.perf_counter() - start)
    return len(units) / cold, len(units) / warm, len(result.occurrences)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=HERE.parents[2] / "shared")
    shared = parser.parse_args().shared
    root = shared / "data/tilde-ats-dev"
    ats = [TranslationUnit({lang: s[lang] for lang in ("en", *LANGS)}, tuid=str(i))
           for i, s in enumerate(ats_data.segments(root))]
    dgt = dgt_units(shared)
    glossary = read_glossary(root / "glossary_en_et_lv_lt.tsv")
    rows, speeds = [], []
    for name, make_keys in methods().items():
        table = quality(root, make_keys)
        cold, warm, _ = throughput(ats, glossary, make_keys)
        rows.append((name, table, cold, warm))
        speeds.append((name, *throughput(dgt, glossary, make_keys)))
    print("| method | " + " | ".join(f"recall {lang}" for lang in LANGS) + " | "
          + " | ".join(f"detection {lang}" for lang in LANGS)
          + " | false alarms et/lv/lt | wrong finds et/lv/lt | et compounds found | segments/s cold | warm |")
    print("|---" * (3 + 2 * len(LANGS) + 4) + "|")
    for name, t, cold, warm in rows:
        print(f"| {name} | " + " | ".join(f'{t[lang]["recall"]:.3f}' for lang in LANGS) + " | "
              + " | ".join(f'{t[lang]["detection"]:.3f}' for lang in LANGS) + " | "
              + "/".join(str(t[lang]["false alarms"]) for lang in LANGS) + " | "
              + "/".join(str(t[lang]["wrong finds"]) for lang in LANGS)
              + f' | {t["et"]["compound heads"]} | {cold:,.0f} | {warm:,.0f} |')
    print(f"\n| method | DGT sample ({len(dgt):,} units, en+et+lv+lt) segments/s cold | warm | occurrences |")
    print("|---|---|---|---|")
    for name, cold, warm, occurrences in speeds:
        print(f"| {name} | {cold:,.0f} | {warm:,.0f} | {occurrences:,} |")
    t = rows[0][1]
    print("\nannotations present / absent: "
          + ", ".join(f'{lang} {t[lang]["present"]}/{t[lang]["absent"]}' for lang in LANGS))


if __name__ == "__main__":
    main()
