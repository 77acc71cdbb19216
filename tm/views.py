"""How the command line shows what the commands return: text for a person, JSON for a script.

Only `tm.cli` calls these; colour is asked for by the caller (a terminal), never decided here. Text meant for
a person never carries a control character from the memory (an ESC could retitle or clear the terminal): each
is shown as its Unicode control picture (U+241B for ESC), one character for one, so spans stay where they were.
JSON escapes them itself.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, replace
from datetime import UTC

from tm.commands.build import Build
from tm.commands.glossary import Written, ordered, summary
from tm.commands.memory import Added, Concordances, Edited, History, Imported
from tm.memory.concordance import keyword_in_context
from tm.memory.matching import differences, render_differences
from tm.memory.query import Match, unit_date
from tm.records import Segment, Term
from tm.terms.glossary import Glossary
from tm.terms.suggest import Suggestion

_PICTURES = {**{code: 0x2400 + code for code in range(0x20) if code not in (0x09, 0x0A)}, 0x7F: 0x2421,
             **{code: 0xFFFD for code in range(0x80, 0xA0)}}


def printable(text: str) -> str:
    """`text` with every control character but tab and line feed shown as a visible character."""
    return text.translate(_PICTURES)


def table(rows: Sequence[Sequence[str]]) -> str:
    """Columns padded to their widest cell: the first left-aligned, the others (counts) right-aligned."""
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) if i == 0 else cell.rjust(w)
                       for i, (cell, w) in enumerate(zip(row, widths, strict=True)))
             for row in rows]
    return "\n".join(lines) + "\n"


def build_summary(result: Build) -> str:
    return table(result.summary_rows()) + "".join(f"wrote {path}\n" for path in result.shown_outputs())


def segments(found: Sequence[Segment], as_json: bool) -> str:
    if as_json:
        rows = [{"index": s.index, "kind": s.kind, "start": s.start, "end": s.end, "text": s.text} for s in found]
        return json.dumps(rows, ensure_ascii=False, indent=1) + "\n"
    return "".join(s.text + "\n" for s in found)


def imported(result: Imported) -> str:
    return "\n".join([*result.summary.lines(), f"{result.memory}: {result.total} units"]) + "\n"


def matches_json(query: str, found: Sequence[Match]) -> str:
    return json.dumps({"query": query, "matches": [
        {"score": m.percent, "source": m.source, "target": m.target, "document": m.unit.document,
         "tuid": m.unit.tuid, "repeats": m.repeats, "partial": m.partial,
         "diff": render_differences(differences(query, m.source), colour=False), "id": m.key,
         "date": _day(m)}
        for m in found]}, ensure_ascii=False) + "\n"


def _day(match: Match) -> str | None:
    """The day the unit was last written (UTC), as the match lines show it."""
    moment = unit_date(match.unit)
    return moment.astimezone(UTC).date().isoformat() if moment else None


def matches(query: str, found: Sequence[Match], src: str, tgt: str, colour: bool) -> str:
    if not found:
        return "no match\n"
    lines = []
    for m in found:
        more = f" (and {m.repeats - 1} more with this translation)" if m.repeats > 1 else ""
        part = "partial: the memory joins this clause with its neighbour  " if m.partial else ""
        day = f"  ({_day(m)})" if _day(m) else ""
        lines.append(printable(f"{m.percent:3d}%  {part}{m.unit.document or '-'}{more}  #{m.key}{day}"))
        lines.append(f"  {src}: {render_differences(differences(printable(query), printable(m.source)), colour)}")
        lines.append(f"  {tgt}: {printable(m.target)}")
    return "\n".join(lines) + "\n"


def concordance_json(result: Concordances) -> str:
    return "".join(json.dumps({"document": hit.unit.document, "text": hit.text, "start": hit.start, "end": hit.end,
                               "translations": {code: hit.unit.variants[code] for code in result.shown
                                                if code in hit.unit.variants}}, ensure_ascii=False) + "\n"
                   for hit in result.hits)


def concordance(result: Concordances, colour: bool) -> str:
    lines = []
    for hit in result.hits:
        shown = keyword_in_context(replace(hit, text=printable(hit.text)), colour=colour)
        lines.append(f"{printable(hit.unit.document or '-')}  {shown}")
        lines += [f"    {code}: {printable(hit.unit.variants[code])}" for code in result.shown
                  if code in hit.unit.variants]
    n = len(result.hits)
    lines.append(f"{n}+ occurrences (first {n} shown; raise --limit)" if result.more
                 else f"{n} occurrence{'s' if n != 1 else ''}")
    return "\n".join(lines) + "\n"


def exported(written: Sequence[tuple[object, int]]) -> str:
    return "".join(f"wrote {path} ({count} units)\n" for path, count in written)


def glossary_written(result: Written, incoming: bool) -> str:
    head = f"read {result.read} terms, added {result.added}\n" if incoming else ""
    return f"{head}{result.path}: {summary(result.glossary)}\n"


def term_lines(found: Sequence[Term]) -> str:
    return "".join(printable(f"{t.concept}\t{t.lang}\t{t.status}\t{t.text}") + "\n" for t in found)


def concept_table(glossary: Glossary) -> str:
    """One line per concept: its id, then its preferred term in each language."""
    langs = ordered(glossary.languages())
    lines = ["\t".join(["concept", *langs])]
    for concept, members in glossary.by_concept().items():
        cells = [next((t.text for t in members if t.lang == lang and t.status == "preferred"), "") for lang in langs]
        lines.append("\t".join([concept, *cells]))
    return "\n".join(lines) + "\n"


def concepts(glossary: Glossary, found: Sequence[str]) -> str:
    """Each concept with its domain, then every term with its status and note."""
    langs = ordered(glossary.languages())
    out = []
    for concept in found:
        domain = glossary.domains.get(concept)
        out.append(concept + (f" ({domain})" if domain else ""))
        for term in sorted(glossary.terms_of(concept), key=lambda t: langs.index(t.lang)):
            note = f"  -- {term.note}" if term.note else ""
            out.append(f"  {term.lang}  {term.status:<10}  {term.text}{note}")
    return printable("\n".join(out)) + "\n"


def suggestions(found: Sequence[Suggestion], langs: Sequence[str], as_json: bool) -> str:
    """Each candidate with its renderings per language (`k/n` = in k of its n units)."""
    if as_json:
        return json.dumps([asdict(s) for s in found], ensure_ascii=False, indent=1) + "\n"
    lines = []
    for s in found:
        lines.append(f"{s.term} ({s.units} units)" + (" [in glossary]" if s.in_glossary else ""))
        for lang in langs:
            shown = ", ".join(f"{r.text} {r.units}/{s.units}" for r in s.renderings.get(lang, []))
            lines.append(f"  {lang}: {shown or '-'}")
    return "".join(printable(line) + "\n" for line in lines)


# -- a translator's week: analyse, pretranslate, OmegaT, take it back --------------------------------------------

def analysis(result, fmt: str) -> str:
    """`tm analyze`'s report: a table per target language (terminal), JSON, CSV or a self-contained HTML page."""
    from tm.commands.analyze import BANDS

    rows = result.rows()
    if fmt == "json":
        return json.dumps({"src": result.src, "files": result.files, "langs": result.langs,
                           "word_count": "Moses tokens holding a letter or digit; clitics ('s) not counted apart",
                           "bands": rows, "clauses": {lang: [asdict(c) for c in result.clauses[lang]]
                                                      for lang in result.langs}},
                          ensure_ascii=False, indent=1) + "\n"
    if fmt == "csv":
        import csv
        import io

        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        return buffer.getvalue()
    if fmt == "html":
        from tm.report.analysis_html import render_html

        return render_html(result.files, result.langs, rows,
                           {lang: [asdict(c) for c in result.clauses[lang]] for lang in result.langs}, BANDS)
    out = []
    for lang in result.langs:
        lines = [(f"{result.src}-{lang}", "clauses", "words", "characters", "% words")]
        lines += [(r["band"], str(r["segments"]), str(r["words"]), str(r["characters"]), f"{r['percent_words']:.1f}")
                  for r in rows if r["lang"] == lang]
        out.append(table(lines))
    return "\n".join(out)


def pretranslated(result) -> str:
    """What `tm pretranslate` filled, per file, and what it wrote."""
    names = {"context": "101% in context", "exact": "100%", "adapted": "numbers/dates adapted",
             "fuzzy": "fuzzy", "none": "no proposal"}
    lines = []
    for job, proposals in zip(result.jobs, result.proposals, strict=True):
        counts = {how: sum(1 for p in proposals if p.how == how) for how in names}
        shown = ", ".join(f"{names[how]} {n}" for how, n in counts.items() if n)
        lines.append(f"{job.document}: {len(proposals)} clauses ({result.src}-{result.tgt}): {shown}")
    lines += [f"wrote {path}" for path in result.written]
    return "\n".join(lines) + "\n"


def omegat_project(project) -> str:
    lines = pretranslated(project.pretranslation).splitlines()
    lines += [f"wrote {path}" for path in project.written]
    lines.append(f"open {project.root} in OmegaT 3.6, translate, create the translated documents; "
                 f"then: tm omegat {project.root} --take-back")
    return "\n".join(lines) + "\n"


def taken_back(result) -> str:
    return (f"{result.translated} of {result.read} clauses translated\n"
            + "\n".join(result.summary.lines()) + f"\n{result.memory}\n")


# -- local changes: tm add, edit, delete, history ------------------------------------------------------------------

def added(result: Added) -> str:
    """How the document was aligned and what went into the memory (keys of the units added)."""
    keys = result.summary.keys
    shown = f" #{keys[0]}-#{keys[-1]}" if len(keys) > 1 else f" #{keys[0]}" if keys else ""
    lines = [f"{result.document}: {result.clauses[0]} {result.src} and {result.clauses[1]} {result.tgt} clauses "
             f"aligned into {len(result.units)} units",
             f"added {result.summary.added}{shown}, merged {result.summary.merged} (already in the memory)",
             f"{result.memory}: {result.total} units"]
    return printable("\n".join(lines)) + "\n"


def edited(result: Edited) -> str:
    if result.after is None:
        lines = [f"deleted #{result.key} ({result.before.document or '-'})"]
        lines += [f"  {lang}: {text}" for lang, text in result.before.variants.items()]
    elif result.after is result.before:
        lines = [f"#{result.key} unchanged: it already has this text"]
    else:
        lines = [f"edited #{result.key} ({result.after.document or '-'})"]
        for lang, text in result.after.variants.items():
            old = result.before.variants.get(lang)
            if old != text:
                lines.append(f"  {lang}: {render_differences(differences(text, old), False) if old else text}")
    return printable("\n".join(lines)) + "\n"


def history(result: History, as_json: bool) -> str:
    if as_json:
        now = {"document": result.unit.document, "tuid": result.unit.tuid, "variants": result.unit.variants} \
            if result.unit else None
        return json.dumps({"id": result.key, "unit": now, "history": [
            {"at": c.at, "action": c.action, "by": c.who, "before": c.old} for c in result.changes]},
            ensure_ascii=False) + "\n"
    lines = []
    if result.unit is None:
        lines.append(f"#{result.key}: deleted")
    else:
        unit = result.unit
        day = unit_date(unit)
        lines.append(f"#{result.key}  {unit.document or '-'}  {unit.origin or ''}"
                     + (f"  ({day.astimezone(UTC).date().isoformat()})" if day else ""))
        lines += [f"  {lang}: {text}" for lang, text in unit.variants.items()]
    if not result.changes:
        lines.append("no recorded change (imported, never edited)")
    current = result.unit.variants if result.unit else {}
    for number, change in enumerate(result.changes):
        lines.append(f"{change.at}  {change.action:<6}  by {change.who or '?'}")
        if change.old and change.action == "edit":  # the texts it replaced: those that differ from what followed
            later = next((c.old for c in result.changes[number + 1:] if c.old), None)
            after = later.get("variants", {}) if later else current
            lines += [f"  was {lang}: {text}" for lang, text in change.old.get("variants", {}).items()
                      if after.get(lang) != text]
    return printable("\n".join(lines)) + "\n"
