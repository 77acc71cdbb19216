"""The leverage report of `tm analyze` as one self-contained page (no external files, works offline): a chart of
each target language's words per band, the table CAT tools price by, and every clause with its band.

Takes plain rows (what `tm analyze --format json` prints), so it knows nothing of how they were computed.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

from tm.report.alignment_html import LANG_NAMES

BAND_COLOURS = {"101%": "#1b5e20", "repetition": "#6a3fa0", "100%": "#2e7d32", "95-99": "#7cb342",
                "85-94": "#c0ca33", "75-84": "#fbc02d", "50-74": "#fb8c00", "no match": "#b0b7c0"}

_CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1d232a;background:#f6f7f9}
header{background:#1f3a5f;color:#fff;padding:16px 24px}header h1{margin:0 0 4px;font-size:20px}
section{padding:12px 24px}.panel{background:#fff;border:1px solid #d9dee5;border-radius:6px;padding:10px 14px;
margin-bottom:14px}
table{border-collapse:collapse}th,td{padding:3px 10px;text-align:right;border-bottom:1px solid #eceff3}
th:first-child,td:first-child{text-align:left}tr.total td{font-weight:700;border-top:2px solid #1d232a}
.sw{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:6px}
.legend span{margin-right:14px;white-space:nowrap}
td.text{text-align:left;max-width:70ch}.clauses td{vertical-align:top}
"""


def render_html(files: Sequence[str], langs: Sequence[str], rows: Sequence[Mapping],
                clauses: Mapping[str, Sequence[Mapping]], bands: Sequence[str],
                title: str = "Leverage analysis") -> str:
    by_lang = {lang: [r for r in rows if r["lang"] == lang] for lang in langs}
    legend = "".join(f'<span><i class="sw" style="background:{BAND_COLOURS[b]}"></i>{escape(b)}</span>' for b in bands)
    tables = "".join(_table(lang, by_lang[lang]) for lang in langs)
    details = "".join(_clauses(lang, clauses.get(lang, [])) for lang in langs)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title><style>{_CSS}</style></head><body>"
        f"<header><h1>{escape(title)}</h1><div>{escape(', '.join(files))}</div></header>"
        f'<section><div class="panel"><h2>Words per band</h2>{_chart(langs, by_lang, bands)}'
        f'<div class="legend">{legend}</div></div>'
        f'<div style="display:flex;gap:14px;flex-wrap:wrap">{tables}</div>{details}</section></body></html>\n'
    )


def _chart(langs: Sequence[str], by_lang: Mapping[str, Sequence[Mapping]], bands: Sequence[str]) -> str:
    """One stacked bar per language: the share of the job's words in each band."""
    width, bar, gap, label = 640, 26, 12, 90
    height = len(langs) * (bar + gap) + gap
    parts = []
    for i, lang in enumerate(langs):
        y = gap + i * (bar + gap)
        name = escape(LANG_NAMES.get(lang, lang))
        parts.append(f'<text x="0" y="{y + bar * 0.7:.0f}" font-size="13">{name}</text>')
        total = next((r["words"] for r in by_lang[lang] if r["band"] == "total"), 0) or 1
        x = float(label)
        for row in by_lang[lang]:
            if row["band"] == "total" or not row["words"]:
                continue
            w = (width - label) * row["words"] / total
            parts.append(f'<rect class="band" data-lang="{lang}" data-band="{escape(row["band"])}" x="{x:.1f}" '
                         f'y="{y}" width="{w:.1f}" height="{bar}" fill="{BAND_COLOURS[row["band"]]}">'
                         f'<title>{escape(row["band"])}: {row["words"]} words, '
                         f'{row["segments"]} clauses</title></rect>')
            x += w
    return (f'<svg id="chart" width="{width}" height="{height}" role="img" aria-label="words per band">'
            f'{"".join(parts)}</svg>')


def _table(lang: str, rows: Sequence[Mapping]) -> str:
    body = "".join(
        f'<tr class="{"total" if r["band"] == "total" else ""}"><td>'
        + (f'<i class="sw" style="background:{BAND_COLOURS[r["band"]]}"></i>' if r["band"] in BAND_COLOURS else "")
        + f'{escape(r["band"])}</td><td>{r["segments"]}</td><td>{r["words"]}</td><td>{r["characters"]}</td>'
        f'<td>{r["percent_words"]:.1f}</td></tr>' for r in rows)
    return (f'<div class="panel"><h2>{escape(LANG_NAMES.get(lang, lang))} ({escape(lang)})</h2><table>'
            "<tr><th>band</th><th>clauses</th><th>words</th><th>characters</th><th>% words</th></tr>"
            f"{body}</table></div>")


def _clauses(lang: str, clauses: Sequence[Mapping]) -> str:
    rows = "".join(
        f'<tr><td>{escape(c["document"])} {c["index"] + 1}</td><td><i class="sw" '
        f'style="background:{BAND_COLOURS.get(c["band"], "#999")}"></i>{escape(c["band"])}</td><td>{c["score"]}</td>'
        f'<td>{c["words"]}</td><td class="text">{escape(c["text"])}</td></tr>' for c in clauses)
    return (f'<div class="panel clauses"><details><summary>Every clause, {escape(LANG_NAMES.get(lang, lang))}'
            f"</summary><table><tr><th>clause</th><th>band</th><th>best %</th><th>words</th><th>text</th></tr>"
            f"{rows}</table></details></div>")
