"""The alignment review: one self-contained page, the languages side by side per document.

A reviewer's eye should land on what needs it: units below the confidence threshold and units missing a
language are highlighted and counted in the summary, and a filter shows only those. The page says what a score
means: it is calibrated (`tm.align.config.CALIBRATION`), so a unit scored p was right about p of the time.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from html import escape
from pathlib import Path

from tm.fsutil import atomic_write
from tm.records import TranslationUnit

LANG_NAMES = {"en": "English", "et": "Eesti", "lv": "Latviešu", "lt": "Lietuvių"}

_CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1d232a;background:#f6f7f9}
header{background:#1f3a5f;color:#fff;padding:16px 24px}
header h1{margin:0 0 4px;font-size:20px}
.summary{display:flex;gap:12px;flex-wrap:wrap;padding:16px 24px}
.card{background:#fff;border:1px solid #d9dee5;border-radius:6px;padding:10px 14px;min-width:130px}
.card b{display:block;font-size:22px}
.card.warn b{color:#a15c00}.card.miss b{color:#b3261e}
.controls{padding:0 24px 8px}
.explain{margin:0 24px 12px;color:#3d4652;max-width:72em}
section{margin:0 24px 24px;background:#fff;border:1px solid #d9dee5;border-radius:6px}
section h2{font-size:16px;margin:0;padding:10px 14px;border-bottom:1px solid #d9dee5}
table{border-collapse:collapse;width:100%;table-layout:fixed}
th,td{border-bottom:1px solid #eceff3;padding:6px 8px;vertical-align:top;text-align:left}
th{background:#fafbfc;font-weight:600}
td.n,th.n{width:44px;color:#6b7480}td.s,th.s{width:62px;text-align:right}td.k,th.k{width:80px;color:#6b7480}
tr.low td{background:#fff6e5}tr.gap td{background:#fdecea}
td.none{color:#b3261e;font-style:italic}
.only-flagged tr.ok{display:none}
"""

_JS = """
document.getElementById('flagged').addEventListener('change',function(e){
 document.body.classList.toggle('only-flagged',e.target.checked);});
"""


def render(units: Iterable[TranslationUnit], langs: tuple[str, ...], low: float = 0.5,
           title: str = "Alignment review") -> str:
    by_doc: dict[str, list[TranslationUnit]] = defaultdict(list)
    for unit in units:
        by_doc[unit.document or "(no document)"].append(unit)
    total = sum(len(us) for us in by_doc.values())
    flags = Counter()
    sections = []
    for document, doc_units in by_doc.items():
        rows = []
        for n, unit in enumerate(doc_units, 1):
            missing = [lang for lang in langs if not unit.variants.get(lang)]
            is_low = unit.score is not None and unit.score < low
            flags["missing"] += bool(missing)
            flags["low"] += is_low
            css = "gap" if missing else "low" if is_low else "ok"
            cells = "".join(
                f'<td lang="{lang}">{escape(unit.variants[lang])}</td>' if unit.variants.get(lang)
                else '<td class="none">(none)</td>'
                for lang in langs
            )
            score = "" if unit.score is None else f"{unit.score:.3f}"
            rows.append(f'<tr class="{css}"><td class="n">{n}</td><td class="k">{escape(unit.kind or "")}</td>{cells}'
                        f'<td class="s">{score}</td></tr>')
        head = "".join(f"<th>{LANG_NAMES.get(lang, lang)}</th>" for lang in langs)
        sections.append(
            f'<section><h2>{escape(document)} — {len(doc_units)} units</h2><table><thead><tr><th class="n">#</th>'
            f'<th class="k">kind</th>{head}<th class="s">score</th></tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table></section>'
        )
    cards = (
        f'<div class="card"><b>{len(by_doc)}</b>documents</div><div class="card"><b>{total}</b>units</div>'
        f'<div class="card warn"><b>{flags["low"]}</b>below {low:.3f} confidence</div>'
        f'<div class="card miss"><b>{flags["missing"]}</b>missing a language</div>'
    )
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f"<style>{_CSS}</style></head><body><header><h1>{escape(title)}</h1>"
        f'<div>{" · ".join(LANG_NAMES.get(lang, lang) for lang in langs)}</div></header>'
        f'<div class="summary">{cards}</div><p class="explain" id="score-explained">{explain_score(low)}</p>'
        f'<div class="controls"><label><input type="checkbox" id="flagged"> '
        f"show only flagged units</label></div>{''.join(sections)}<script>{_JS}</script></body></html>\n"
    )


def explain_score(low: float) -> str:
    """What a unit's score means, in a sentence a reviewer can use."""
    return (f"The score is the aligner's confidence in the unit's least certain language pair, calibrated on "
            f"held-out test sets (Text+Berg, FLORES; BENCHMARKS.md): a link scored 0.9 was right about 9 times in "
            f"10, one scored 0.75 about 3 times in 4. A unit of one clause alone scores 0. Units below {low:.3f} "
            f"and units missing a language are highlighted.")


def write(path: str | Path, units: Iterable[TranslationUnit], langs: tuple[str, ...], low: float = 0.5) -> None:
    with atomic_write(path) as handle:
        handle.write(render(units, langs, low))
