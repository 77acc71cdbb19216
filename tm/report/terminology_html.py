"""The terminology report for editors: one self-contained page (no external files, works offline).

Counts per language and severity with a bar chart first, then every finding with its clause in context, the
English term and the words matched in the translation highlighted, filterable by language, severity and
concept (also from the address: `terminology.html#lang=lv&severity=error`, to send a reviewer a view).
Styled like the alignment review (`tm.report.alignment_html`).
"""

from __future__ import annotations

from html import escape

from tm.records import CheckResult, Finding, Severity
from tm.report.alignment_html import LANG_NAMES

COLOURS = {Severity.ERROR: "#b3261e", Severity.MISSING: "#a15c00", Severity.INCONSISTENCY: "#6a3fa0",
           Severity.INFO: "#1f6fb2", Severity.OK: "#2e7d32"}

_CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:#1d232a;background:#f6f7f9}
header{background:#1f3a5f;color:#fff;padding:16px 24px}header h1{margin:0 0 4px;font-size:20px}
.summary{display:flex;gap:24px;flex-wrap:wrap;padding:16px 24px;align-items:flex-start}
.panel{background:#fff;border:1px solid #d9dee5;border-radius:6px;padding:10px 14px}
table{border-collapse:collapse}th,td{padding:4px 10px;text-align:right;border-bottom:1px solid #eceff3}
th:first-child,td:first-child{text-align:left}
.controls{padding:0 24px 12px;display:flex;gap:16px;flex-wrap:wrap}.controls label{font-weight:600}
.controls select{margin-left:6px;font:inherit}
.findings{margin:0 24px 24px}
.f{background:#fff;border:1px solid #d9dee5;border-left:6px solid #999;
border-radius:6px;margin:0 0 10px;padding:8px 12px}
.f.error{border-left-color:#b3261e}.f.missing{border-left-color:#a15c00}.f.inconsistency{border-left-color:#6a3fa0}
.f.info{border-left-color:#1f6fb2}
.f .head{display:flex;gap:10px;align-items:baseline;flex-wrap:wrap}
.badge{font-size:12px;font-weight:700;text-transform:uppercase;color:#fff;border-radius:3px;padding:1px 6px}
.where{color:#6b7480;font-size:12px}.msg{font-weight:600}
.ctx{display:grid;grid-template-columns:60px 1fr;gap:2px 10px;margin-top:6px}.ctx .l{color:#6b7480}
mark{background:#ffe08a;padding:0 2px;border-radius:2px}mark.bad{background:#f8c4bf}mark.src{background:#cfe3ff}
ul.places{margin:4px 0 0 18px;padding:0}
.empty{padding:24px;color:#2e7d32;font-weight:600}
.note{margin:12px 24px 0;padding:8px 12px;background:#fff4e5;border:1px solid #e0b070;border-radius:6px}
"""

_JS = """
(function(){
 var sel=['lang','severity','concept'].map(function(k){return document.getElementById('f-'+k);});
 new URLSearchParams(location.hash.slice(1)).forEach(function(v,k){
  var s=document.getElementById('f-'+k);if(s){s.value=v;}});
 function apply(){var shown=0;document.querySelectorAll('.f').forEach(function(el){
  var ok=sel.every(function(s){return !s.value||el.dataset[s.id.slice(2)]===s.value;});
  el.style.display=ok?'':'none';shown+=ok;});document.getElementById('shown').textContent=shown;}
 sel.forEach(function(s){s.addEventListener('change',apply);});apply();})();
"""


def render_html(result: CheckResult, title: str = "Terminology check") -> str:
    counts = result.counts()
    items = sorted((_item(f, result) for f in result.findings), key=lambda item: item[0])
    concepts = sorted({f.concept for f in result.findings})
    controls = (
        _select("lang", "language", [(lang, LANG_NAMES.get(lang, lang)) for lang in result.langs])
        + _select("severity", "severity", [(s, s) for s in Severity if s.is_finding])
        + _select("concept", "concept", [(c, c) for c in concepts])
        + f'<span>showing <b id="shown">{len(items)}</b> of {len(items)}</span>'
    )
    body = "".join(html for _, html in items) or '<div class="empty">No findings: every term as approved.</div>'
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(title)}</title>'
        f"<style>{_CSS}</style></head><body><header><h1>{escape(title)}</h1>"
        f"<div>{result.units} units · {len(result.occurrences)} term occurrences · "
        f"{' · '.join(LANG_NAMES.get(lang, lang) for lang in result.langs)}</div></header>"
        + (f'<div class="note" id="degraded">Note: {escape(result.note)}.</div>' if result.note else "") +
        f'<div class="summary"><div class="panel">{_table(counts)}</div><div class="panel">{_chart(counts)}</div></div>'
        f'<div class="controls">{controls}</div><div class="findings">{body}</div>'
        f"<script>{_JS}</script></body></html>\n"
    )


def _table(counts) -> str:
    head = "".join(f"<th>{s}</th>" for s in Severity)
    rows = "".join(f"<tr><td>{LANG_NAMES.get(lang, lang)}</td>" + "".join(f"<td>{c.get(s, 0)}</td>" for s in Severity)
                   + "</tr>" for lang, c in counts.items())
    return f"<table><thead><tr><th>language</th>{head}</tr></thead><tbody>{rows}</tbody></table>"


def _chart(counts) -> str:
    """Stacked horizontal bars, one per language, as inline SVG (no script, no library)."""
    width, bar, gap, left = 600, 22, 10, 80
    biggest = max((sum(c.values()) for c in counts.values()), default=0) or 1
    parts = []
    for row, (lang, c) in enumerate(counts.items()):
        y, x = 10 + row * (bar + gap), left
        parts.append(f'<text x="0" y="{y + 16}" font-size="13">{escape(LANG_NAMES.get(lang, lang))}</text>')
        for severity in Severity:
            n = c.get(severity, 0)
            if n:
                w = max(1.0, (width - left - 40) * n / biggest)
                parts.append(f'<rect x="{x:.1f}" y="{y}" width="{w:.1f}" height="{bar}" fill="{COLOURS[severity]}">'
                             f"<title>{severity}: {n}</title></rect>")
                x += w
        parts.append(f'<text x="{x + 6:.1f}" y="{y + 16}" font-size="12" fill="#6b7480">{sum(c.values())}</text>')
    legend_y = 10 + len(counts) * (bar + gap) + 6
    for i, severity in enumerate(Severity):
        parts.append(f'<rect x="{left + i * 100}" y="{legend_y}" width="10" height="10" fill="{COLOURS[severity]}"/>'
                     f'<text x="{left + i * 100 + 14}" y="{legend_y + 9}" font-size="11">{severity}</text>')
    height = legend_y + 20
    return (f'<svg width="{width}" height="{height}" role="img" aria-label="findings per language">'
            f'{"".join(parts)}</svg>')


def _select(key: str, label: str, options) -> str:
    opts = "".join(f'<option value="{escape(v)}">{escape(text)}</option>' for v, text in options)
    return f'<label>{label}<select id="f-{key}"><option value="">all</option>{opts}</select></label>'


def _highlight(text: str, span, css: str) -> str:
    if not span or span[1] <= span[0]:
        return escape(text)
    start, end = span
    return f'{escape(text[:start])}<mark class="{css}">{escape(text[start:end])}</mark>{escape(text[end:])}'


def _item(f: Finding, result: CheckResult) -> tuple[tuple, str]:
    """A finding's card: at one place, the clause in both languages with the words highlighted; an inconsistency,
    its variants and their places."""
    where = ""
    if f.tu:
        texts = result.texts.get(f.tu, {})
        where = f" · {f.document or ''} · {f.tu}"
        detail = ""
        if "en" in texts:
            detail += (f'<span class="l">en</span><span lang="en">'
                       f'{_highlight(texts["en"], f.source_span if f.source else None, "src")}</span>')
        if f.lang in texts:
            css = "bad" if f.severity is Severity.ERROR else ""
            detail += (f'<span class="l">{f.lang}</span><span lang="{f.lang}">'
                       f'{_highlight(texts[f.lang], f.span, css)}</span>')
        detail = f'<div class="ctx">{detail}</div>'
    else:
        detail = '<ul class="places">' + "".join(f"<li>{escape(p)}</li>" for p in f.places) + "</ul>"
    html = (f'<div class="f {f.severity}" data-lang="{f.lang}" data-severity="{f.severity}" '
            f'data-concept="{escape(f.concept)}"><div class="head">{_badge(f.severity)}<span class="msg">'
            f'{escape(f.message)}</span><span class="where">{escape(f.lang)} · concept {escape(f.concept)}'
            f'{escape(where)}</span></div>{detail}</div>')
    return (f.severity.order, f.lang, f.document or "", f.tu or ""), html


def _badge(severity: Severity) -> str:
    return f'<span class="badge" style="background:{COLOURS[severity]}">{severity}</span>'
