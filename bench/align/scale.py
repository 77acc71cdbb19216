"""Scale check: two 20,000-segment documents built from real en-lv text, written for `tm align` to time.

Real sentences in the same order on both sides (FLORES-200 devtest, the DGT-TM sample, LibreOffice's UI
strings and ParaCrawl's judged pairs, no English line repeated; en-lv first, completed with en-lt and
en-et pairs of the same sources), with seeded insertions (a Latvian sentence with no counterpart) so the links
have something to find. Run `tm align` on the two files under a timer; see BENCHMARKS.md.

    python3 bench/align/scale.py OUT_DIR [--segments 20000]
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from pathlib import Path

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"


def pairs() -> list[tuple[str, str]]:
    """Distinct real translation pairs, Latvian first; Lithuanian and Estonian pairs of the same sources
    complete the count (the data in ../shared holds about 15,000 distinct en-lv pairs)."""
    found: list[tuple[str, str]] = []
    flores = SHARED / "flores200-devtest"
    for lang, name in (("lv", "lvs_Latn"), ("lt", "lit_Latn"), ("et", "est_Latn")):
        found += zip((flores / "eng_Latn.devtest").read_text(encoding="utf-8").splitlines(),
                     (flores / f"{name}.devtest").read_text(encoding="utf-8").splitlines())
        for table in (SHARED / "dgt-tm-sample" / "dgt_sample_en_et_lv_lt.tsv",
                      SHARED / "libreoffice-ui-tm" / "libreoffice_ui_en_et_lv_lt.tsv"):
            with table.open(encoding="utf-8", newline="") as handle:
                for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                    en, xx = (row.get("en") or "").strip(), (row.get(lang) or "").strip()
                    if en and xx and len(en) > 15:
                        found.append((en, xx))
        for crawl in sorted((SHARED / "paracrawl-human-eval").glob(f"*/sorted.en-{lang}")):
            for line in crawl.read_text(encoding="utf-8").splitlines():
                cells = line.split("\t")
                if len(cells) > 3 and len(cells[2]) > 15:
                    found.append((cells[2].strip(), cells[3].strip()))
    seen: set[str] = set()
    return [p for p in found if not (p[0] in seen or seen.add(p[0]))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--segments", type=int, default=20_000)
    args = parser.parse_args()
    rng = random.Random(7)
    corpus = pairs()
    if len(corpus) < args.segments:
        sys.exit(f"only {len(corpus)} distinct real pairs; ask for fewer segments")
    chosen = corpus[:args.segments]
    en, lv = [e for e, _ in chosen], []
    for _, target in chosen:
        lv.append(target)
        if rng.random() < 0.005:
            lv.append(corpus[rng.randrange(args.segments, len(corpus))][1] if len(corpus) > args.segments else target[::-1])
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "en.txt").write_text("".join(s.replace("\n", " ") + "\n" for s in en), encoding="utf-8")
    (args.out / "lv.txt").write_text("".join(s.replace("\n", " ") + "\n" for s in lv), encoding="utf-8")
    print(f"{len(en)} en / {len(lv)} lv segments in {args.out}")


if __name__ == "__main__":
    main()
