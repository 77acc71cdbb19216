"""Scale check: two 20,000-segment documents of real sentences, aligned by `tm align` and hunalign under
/usr/bin/time -v (wall time, CPU, peak RSS, and strict / lax F1 against the known gold); and `tm build` on
the bundled corpus timed as a whole process.

The documents are real translation pairs in the same order on both sides (FLORES-200 devtest, the DGT-TM
sample, LibreOffice's UI strings of 16 characters or more, ParaCrawl pairs its human judges did not mark as
misaligned or in the wrong language), no English line twice: en-lv first, completed with en-lt and en-et
pairs of the same sources (there are not 20,000 distinct en-lv pairs), with seeded insertions (0.5%: a
target sentence from an unused pair) whose gold is known.

    python3 bench/align/scale.py OUT_DIR [--segments 20000] [--run]
"""

from __future__ import annotations

import argparse
import csv
import random
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared" / "data"
sys.path.insert(0, str(REPO))

from bench.align.runners import HUNALIGN, ladder_links  # noqa: E402
from bench.align.score import score  # noqa: E402
from tm.formats.links import read_links  # noqa: E402
from tm.records import Link  # noqa: E402

FLORES = {"lv": "lvs_Latn", "lt": "lit_Latn", "et": "est_Latn"}
MISALIGNED = {"A", "L"}  # ParaCrawl judgements: incorrect alignment, wrong language


def pairs(lang: str) -> list[tuple[str, str]]:
    """Real en-`lang` translation pairs from every source in ../shared/data that has them."""
    flores = SHARED / "flores200-devtest"
    found = list(zip(_lines(flores / "eng_Latn.devtest"), _lines(flores / f"{FLORES[lang]}.devtest"), strict=True))
    for table in (SHARED / "dgt-tm-sample" / "dgt_sample_en_et_lv_lt.tsv",
                  SHARED / "libreoffice-ui-tm" / "libreoffice_ui_en_et_lv_lt.tsv"):
        with table.open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
                found.append(((row.get("en") or "").strip(), (row.get(lang) or "").strip()))
    for crawl in sorted((SHARED / "paracrawl-human-eval").glob(f"*/sorted.en-{lang}")):
        for line in _lines(crawl):
            cells = line.split("\t")
            judgement = cells[7] if "v3" in crawl.parent.name else cells[5]
            if judgement.strip() not in MISALIGNED:
                found.append((cells[2].strip(), cells[3].strip()))
    return [(en, xx) for en, xx in found if len(en) > 15 and xx]


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def documents(segments: int, seed: int = 7) -> tuple[list[str], list[str], list[Link]]:
    """English and target document of `segments` English lines, and their gold links."""
    seen: set[str] = set()
    pool = [p for lang in ("lv", "lt", "et") for p in pairs(lang) if not (p[0] in seen or seen.add(p[0]))]
    if len(pool) < segments + segments // 100:
        sys.exit(f"only {len(pool)} distinct real pairs; ask for fewer segments")
    rng = random.Random(seed)
    spare = pool[segments:]
    en, xx, gold = [], [], []
    for i, (source, target) in enumerate(pool[:segments]):
        gold.append(Link((i,), (len(xx),)))
        en.append(source)
        xx.append(target)
        if rng.random() < 0.005:
            gold.append(Link((), (len(xx),)))
            xx.append(spare.pop(rng.randrange(len(spare)))[1])
    return en, xx, gold


def write(out: Path, segments: int) -> None:
    en, xx, gold = documents(segments)
    out.mkdir(parents=True, exist_ok=True)
    (out / "en.txt").write_text("".join(s.replace("\n", " ") + "\n" for s in en), encoding="utf-8")
    (out / "xx.txt").write_text("".join(s.replace("\n", " ") + "\n" for s in xx), encoding="utf-8")
    (out / "gold.txt").write_text("".join(f"{link}\n" for link in gold), encoding="utf-8")
    print(f"{len(en)} en / {len(xx)} target segments, {len(gold)} gold links in {out}", file=sys.stderr)


def timed(command: list[str], out: Path, name: str) -> dict:
    """Run `command` under /usr/bin/time -v, its stdout to OUT/NAME.out; wall, CPU seconds and peak RSS."""
    report = out / f"{name}.time"
    with (out / f"{name}.out").open("w", encoding="utf-8") as stdout:
        run = subprocess.run(["/usr/bin/time", "-v", "-o", str(report), *command], stdout=stdout,
                             stderr=subprocess.PIPE, text=True, cwd=REPO, check=False)
    if run.returncode != 0:
        sys.exit(f"{name} failed ({run.returncode}): {run.stderr.strip()[-500:]}")
    text = report.read_text(encoding="utf-8")
    field = lambda label: re.search(rf"{re.escape(label)}: (.+)", text).group(1).strip()  # noqa: E731
    wall = [float(x) for x in field("Elapsed (wall clock) time (h:mm:ss or m:ss)").split(":")]
    return {"wall": sum(x * 60 ** k for k, x in enumerate(reversed(wall))),
            "cpu": float(field("User time (seconds)")) + float(field("System time (seconds)")),
            "rss": int(field("Maximum resident set size (kbytes)")) / 1024}


def run_all(out: Path) -> None:
    gold = [read_links(out / "gold.txt")]
    files = [str(out / "en.txt"), str(out / "xx.txt")]
    print("| job | wall s | CPU s | peak RSS MiB | strict F1 | lax F1 |\n|---|---|---|---|---|---|")
    jobs = [("tm align", [sys.executable, "-m", "tm", "align", *files, "--src-lang", "en", "--tgt-lang", "lv",
                          "--presegmented"], lambda: read_links(out / "tm align.out"))]
    if HUNALIGN.exists():
        (out / "null.dic").write_text("", encoding="utf-8")
        jobs.append(("hunalign", [str(HUNALIGN), str(out / "null.dic"), *files, "-utf"],
                     lambda: ladder_links((out / "hunalign.out").read_text(encoding="utf-8"))))
    for name, command, links in jobs:
        m = timed(command, out, name)
        s = score(gold, [links()])
        print(f"| {name}, {len(_lines(out / 'en.txt')):,} segments | {m['wall']:.1f} | {m['cpu']:.1f} | "
              f"{m['rss']:.0f} | {s.f1_strict:.3f} | {s.f1_lax:.3f} |", flush=True)
    m = timed([sys.executable, "-m", "tm", "build", "corpora", "-o", str(out / "build")], out, "tm build")
    print(f"| tm build corpora (whole command) | {m['wall']:.1f} | {m['cpu']:.1f} | {m['rss']:.0f} | | |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--segments", type=int, default=20_000)
    parser.add_argument("--run", action="store_true", help="time tm align, hunalign and tm build on them")
    args = parser.parse_args()
    write(args.out, args.segments)
    if args.run:
        run_all(args.out)


if __name__ == "__main__":
    main()
