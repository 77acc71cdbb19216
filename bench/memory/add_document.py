"""A translated document pair for benchmarking `tm add`: N real en-lv clauses of the DGT-TM sample (one per line,
for --presegmented, and one per paragraph as Markdown), none of them in a memory made by make_memory.py (each
clause gets the document's number, so every unit is new).

    python3 bench/memory/add_document.py --clauses 200 --out /tmp/add
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clauses", type=int, default=200)
    parser.add_argument("--start", type=int, default=1000)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    with (SHARED / "dgt-tm-sample" / "dgt_sample_en_et_lv_lt.tsv").open(encoding="utf-8") as handle:
        rows = [(r["en"], r["lv"]) for r in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
                if r["en"].strip() and r["lv"].strip()]
    chosen = rows[args.start:args.start + args.clauses]
    en = [f"{n}. {' '.join(e.split())}" for n, (e, _) in enumerate(chosen, 1)]
    lv = [f"{n}. {' '.join(v.split())}" for n, (_, v) in enumerate(chosen, 1)]
    args.out.mkdir(parents=True, exist_ok=True)
    for lang, lines in (("en", en), ("lv", lv)):
        (args.out / f"document.{lang}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
        (args.out / f"document.{lang}.md").write_text("\n\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {args.out}/document.{{en,lv}}.{{txt,md}} ({len(chosen)} clauses)")


if __name__ == "__main__":
    main()
