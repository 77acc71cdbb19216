"""Build a benchmark memory (TSV: en, lv) and a query file from the real en-lv text in ../shared/data.

About 35,000 real en-lv pairs (DGT-TM, ParaCrawl, FLORES-200, LibreOffice UI, Tilde ATS, country names) are
the seed. A memory of N units is drawn from them the way real memories grow: each unit is a real pair, or two
real pairs spliced at a word boundary, with a few words substituted, deleted, inserted or swapped (words drawn
from the same real text). Every English text is distinct, so N is the number of units the store holds.

Queries: 70% are memory units with one to four word edits (a fuzzy match exists), 10% are memory units
unchanged (an exact match exists), 20% are real sentences held out of the seed (mostly no match >= 70%).
Deterministic for a given seed.
"""

from __future__ import annotations

import argparse
import csv
import random
from pathlib import Path

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"


def seed_pairs() -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    with (SHARED / "dgt-tm-sample" / "dgt_sample_en_et_lv_lt.tsv").open(encoding="utf-8") as handle:
        pairs += [(r["en"], r["lv"]) for r in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)]
    for path in sorted((SHARED / "paracrawl-human-eval").glob("*/sorted.en-lv")):
        with path.open(encoding="utf-8", errors="replace") as handle:
            pairs += [(f[2], f[3]) for f in (line.rstrip("\n").split("\t") for line in handle) if len(f) > 3]
    flores = SHARED / "flores200-devtest"
    pairs += zip((flores / "eng_Latn.devtest").read_text(encoding="utf-8").splitlines(),
                 (flores / "lvs_Latn.devtest").read_text(encoding="utf-8").splitlines(), strict=True)
    for name in ("libreoffice-ui-tm/libreoffice_ui_en_et_lv_lt.tsv", "tilde-ats-dev/ats-dev.tsv",
                 "tilde-ats-dev/glossary_en_et_lv_lt.tsv", "iso-country-names/iso3166-1_en_et_lv_lt.tsv"):
        with (SHARED / name).open(encoding="utf-8") as handle:
            pairs += [(r["en"], r["lv"]) for r in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)]
    cleaned = {(" ".join(en.split()), " ".join(lv.split())) for en, lv in pairs if en and lv}
    return sorted((en, lv) for en, lv in cleaned if en and lv and "\t" not in en + lv)


def edit(words: list[str], vocabulary: list[str], rng: random.Random, count: int) -> list[str]:
    words = list(words)
    for _ in range(count):
        operation = rng.random()
        at = rng.randrange(len(words)) if words else 0
        if operation < 0.4 and words:
            words[at] = rng.choice(vocabulary)
        elif operation < 0.6 and len(words) > 1:
            del words[at]
        elif operation < 0.85:
            words.insert(at, rng.choice(vocabulary))
        elif len(words) > 1:
            at = min(at, len(words) - 2)
            words[at], words[at + 1] = words[at + 1], words[at]
    return words


def splice(a: list[str], b: list[str], rng: random.Random) -> list[str]:
    return a[:max(1, rng.randrange(len(a) + 1))] + b[rng.randrange(len(b)):]


def make(units: int, queries: int, out: Path, seed: int = 1) -> None:
    rng = random.Random(seed)
    pairs = seed_pairs()
    rng.shuffle(pairs)
    held_out, pairs = pairs[:max(1, queries // 5)], pairs[max(1, queries // 5):]
    long_pairs = [p for p in pairs if len(p[0]) >= 40]  # weight toward sentences: UI strings are short
    vocabulary = sorted({w for en, _ in pairs for w in en.split()})
    seen: set[str] = set()
    memory: list[tuple[str, str]] = []
    while len(memory) < units:
        en, lv = rng.choice(long_pairs if rng.random() < 0.8 else pairs)
        words = en.split()
        if rng.random() < 0.5:
            other_en, other_lv = rng.choice(long_pairs)
            words = splice(words, other_en.split(), rng)
            lv = " ".join(splice(lv.split(), other_lv.split(), rng))
        if memory or rng.random() < 0.9:
            words = edit(words, vocabulary, rng, rng.randrange(0, 1 + len(words) // 6))
        text = " ".join(words)
        if text and text not in seen:
            seen.add(text)
            memory.append((text, lv))
    out.mkdir(parents=True, exist_ok=True)
    with (out / f"memory-{units}.tsv").open("w", encoding="utf-8", newline="") as handle:
        handle.write("en\tlv\n")
        handle.writelines(f"{en}\t{lv}\n" for en, lv in memory)
    lines = []
    for n in range(queries):
        kind = n % 10
        if kind < 7:
            lines.append(" ".join(edit(rng.choice(memory)[0].split(), vocabulary, rng, rng.randint(1, 4))))
        elif kind < 8:
            lines.append(rng.choice(memory)[0])
        else:
            lines.append(held_out[n % len(held_out)][0])
    (out / f"queries-{units}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, required=True)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--out", type=Path, default=Path("/tmp/tm-bench"))
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    make(args.units, args.queries, args.out, args.seed)
