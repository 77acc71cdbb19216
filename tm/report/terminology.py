"""Terminology check reports: JSON for scripts and CI, CSV for spreadsheets, Markdown for review threads, HTML
for editors (`tm.report.terminology_html`). One entry point, `write(result, path, format)`."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from tm.formats.spreadsheet import spreadsheet_safe_row
from tm.fsutil import atomic_write
from tm.records import CheckResult, Finding, Severity

FORMATS = ("json", "html", "md", "csv")


def render(result: CheckResult, fmt: str, raw: bool = False) -> str:
    """The report in `fmt`; a CSV's cells that a spreadsheet would run as formulas are guarded unless `raw`."""
    if fmt == "json":
        return render_json(result)
    if fmt == "csv":
        return render_csv(result, raw)
    if fmt == "md":
        return render_markdown(result)
    if fmt == "html":
        from tm.report.terminology_html import render_html

        return render_html(result)
    raise ValueError(f"unknown report format {fmt!r}")


def write(result: CheckResult, path: str | Path, fmt: str | None = None, raw: bool = False) -> None:
    """Write the report atomically; the format defaults to the file's extension."""
    fmt = fmt or Path(path).suffix.lstrip(".").lower()
    text = render(result, fmt, raw)
    with atomic_write(path, "w", encoding="utf-8") as handle:
        handle.write(text)


def render_json(result: CheckResult) -> str:
    payload = {
        "langs": list(result.langs),
        "degraded": dict(result.degraded),
        "note": result.note,
        "summary": {lang: dict(counts) for lang, counts in result.counts().items()},
        "occurrences": [_occurrence_json(occ) for occ in result.occurrences],
        "findings": [_finding_json(f) for f in result.findings],
    }
    return json.dumps(payload, ensure_ascii=False, indent=1) + "\n"


def _occurrence_json(occ: Finding) -> dict:
    """One place, every severity: what README documents."""
    return {"tu": occ.tu, "document": occ.document, "lang": occ.lang, "concept": occ.concept, "term": occ.term,
            "status": occ.status, "found": occ.found, "severity": occ.severity, "source": occ.source,
            "source_span": occ.source_span, "span": occ.span, "source_term": occ.source_term}


def _finding_json(f: Finding) -> dict:
    """One finding with its message."""
    return {"severity": f.severity, "concept": f.concept, "lang": f.lang, "message": f.message, "term": f.term,
            "found": f.found, "tu": f.tu, "document": f.document, "places": list(f.places)}


def render_csv(result: CheckResult, raw: bool = False) -> str:
    """One row per finding (not the oks): what a reviewer sorts and filters in a spreadsheet."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["severity", "lang", "concept", "document", "tu", "term", "found", "message", "source", "target"])
    for f in sorted(result.findings, key=_order):
        texts = result.texts.get(f.tu or "", {})
        writer.writerow(spreadsheet_safe_row([
            f.severity, f.lang, f.concept, f.document or "", f.tu or "", f.term or "", f.found or "",
            f.message if not f.places else f.message + " | " + " | ".join(f.places),
            texts.get("en", ""), texts.get(f.lang, "")], raw))
    return out.getvalue()


def render_markdown(result: CheckResult) -> str:
    counts = result.counts()
    lines = ["# Terminology check", "", "| language | " + " | ".join(Severity) + " |",
             "|---|" + "---:|" * len(Severity)]
    for lang, c in counts.items():
        lines.append(f"| {lang} | " + " | ".join(str(c.get(s, 0)) for s in Severity) + " |")
    if result.note:
        lines += ["", f"Note: {_md(result.note)}."]
    for severity in (s for s in Severity if s.is_finding):
        chosen = [f for f in result.findings if f.severity == severity]
        if not chosen:
            continue
        lines += ["", f"## {severity} ({len(chosen)})", ""]
        for f in sorted(chosen, key=_order):
            where = f"{f.document or ''} {f.tu or ''}".strip()
            lines.append(f"- **{f.lang}** `{f.concept}` {where + ': ' if where else ''}{_md(f.message)}")
            for place in f.places:
                lines.append(f"  - {_md(place)}")
            if f.tu and f.lang in result.texts.get(f.tu, {}):
                lines.append(f"  > {_md(result.texts[f.tu][f.lang])}")
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("*", "\\*").replace("_", "\\_")


def _order(finding: Finding) -> tuple:
    return (finding.severity.order, finding.lang, finding.document or "", _natural(finding.tu or ""),
            finding.concept)


def _natural(tu: str) -> tuple:
    digits = "".join(ch for ch in tu if ch.isdigit())
    return (int(digits) if digits else 0, tu)
