"""What the memory commands print; kept out of tm/cli.py so the command line stays a thin parser."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from contextlib import contextmanager

from tm.memory import Location, is_server, open_memory, resolve_memory
from tm.memory.location import masked


def _terminal_progress():
    """Progress on a terminal only: a script reading our stderr gets no carriage-return noise."""
    if not sys.stderr.isatty():
        return None

    def show(name: str, n: int) -> None:
        print(f"\r{name}: {n} units", end="", file=sys.stderr, flush=True)

    return show


def run_import(files: Sequence[str], memory: str | None) -> str:
    from tm.memory.importer import import_files

    location = resolve_memory(memory)
    progress = _terminal_progress()
    with _no_leftover(location):
        with open_memory(location) as store:
            summary = import_files(store, files, progress)
            total = store.count()
    if progress:
        print("\r\033[K", end="", file=sys.stderr)
    name = masked(location) if is_server(location) else location
    return "\n".join([*summary.lines(), f"{name}: {total} units"]) + "\n"


@contextmanager
def _no_leftover(location: Location):
    """A failed first import leaves no empty memory file behind (a server keeps its empty tables: harmless)."""
    if is_server(location) or location.exists():
        yield
        return
    try:
        yield
    except BaseException:
        for leftover in (location, location.with_name(location.name + "-wal"),
                         location.with_name(location.name + "-shm")):
            leftover.unlink(missing_ok=True)
        raise


def open_for_reading(memory: str | None):
    """The memory for a lookup: must exist; opened writable when possible so its index can be saved with it."""
    import os

    location = resolve_memory(memory)
    if is_server(location) or not location.exists():
        return open_memory(location, create=False)
    writable = os.access(location, os.W_OK) and location.stat().st_mode & 0o222
    return open_memory(location, readonly=location.suffix.lower() != ".tmx" and not writable)


def language(code: str, option: str) -> str:
    from tm.errors import InputError
    from tm.formats.langcodes import primary_code

    lang = primary_code(code)
    if lang is None:
        raise InputError(f"unknown language code {code!r}", place=option)
    return lang


def match_json(query: str, matches) -> dict:
    from tm.memory.matching import differences, render_differences

    return {"query": query, "matches": [
        {"score": m.percent, "source": m.source, "target": m.target, "document": m.unit.document,
         "tuid": m.unit.tuid, "repeats": m.repeats, "diff": render_differences(differences(query, m.source), colour=False)}
        for m in matches]}


def render_matches(query: str, matches, src: str, tgt: str, colour: bool) -> str:
    from tm.memory.matching import differences, render_differences

    if not matches:
        return "no match\n"
    lines = []
    for m in matches:
        more = f" (and {m.repeats - 1} more with this translation)" if m.repeats > 1 else ""
        lines.append(f"{m.percent:3d}%  {m.unit.document or ''}{more}".rstrip())
        lines.append(f"  {src}: {render_differences(differences(query, m.source), colour)}")
        lines.append(f"  {tgt}: {m.target}")
    return "\n".join(lines) + "\n"


def run_query(text: str | None, batch: str | None, src: str, tgt: str, memory: str | None, minimum: int,
              limit: int, as_json: bool, out) -> None:
    """Print the matches of one query, or JSON lines for a file of queries (`-` reads standard input)."""
    import json

    from tm.errors import InputError
    from tm.memory.query import Matcher

    src, tgt = language(src, "--src"), language(tgt, "--tgt")
    if src == tgt:
        raise InputError(f"--src and --tgt are both {src!r}")
    if not 0 <= minimum <= 100:
        raise InputError(f"--min {minimum} is not a percentage (0-100)")
    queries = _batch_lines(batch) if batch else None
    with open_for_reading(memory) as store:
        matcher = Matcher(store, src, tgt)
        if queries is None:
            matches = matcher.search(text, minimum, limit)
            if as_json:
                out.write(json.dumps(match_json(text, matches), ensure_ascii=False) + "\n")
            else:
                out.write(render_matches(text, matches, src, tgt, colour=out.isatty()))
            return
        for query in queries:
            out.write(json.dumps(match_json(query, matcher.search(query, minimum, limit)), ensure_ascii=False) + "\n")
            out.flush()


def _batch_lines(batch: str):
    from pathlib import Path

    from tm.errors import InputError

    if batch == "-":
        return (line.rstrip("\r\n") for line in sys.stdin)
    path = Path(batch)
    if not path.is_file():
        raise InputError("no such file", path)
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text (byte {exc.start})", path) from None


def run_concordance(text: str, lang: str, langs: str | None, stems: bool, limit: int, as_json: bool,
                    memory: str | None, out) -> None:
    """KWIC lines, each followed by the unit's aligned translations."""
    import json

    from tm.errors import InputError
    from tm.formats.langcodes import parse_langs
    from tm.memory.concordance import Concordance, keyword_in_context
    from tm.records import LANGS

    lang = language(lang, "--lang")
    try:
        shown = parse_langs(langs) or [code for code in LANGS if code != lang]
    except ValueError as exc:
        raise InputError(str(exc), place="--langs") from None
    with open_for_reading(memory) as store:
        hits, more = Concordance(store, lang).find(text, stems=stems, langs=shown, limit=limit)
    if as_json:
        for hit in hits:
            out.write(json.dumps({"document": hit.unit.document, "text": hit.text, "start": hit.start,
                                  "end": hit.end, "translations": {code: hit.unit.variants[code] for code in shown
                                                                  if code in hit.unit.variants}},
                                 ensure_ascii=False) + "\n")
        return
    colour = out.isatty()
    for hit in hits:
        out.write(f"{hit.unit.document or '-'}  {keyword_in_context(hit, colour=colour)}\n")
        for code in shown:
            if code in hit.unit.variants:
                out.write(f"    {code}: {hit.unit.variants[code]}\n")
    total = f"{len(hits)}+ occurrences (first {len(hits)} shown; raise --limit)" if more else \
        f"{len(hits)} occurrence{'s' if len(hits) != 1 else ''}"
    out.write(total + "\n")


def run_export(out: str, fmt: str, langs: str | None, document: str | None, memory: str | None) -> str:
    from tm.errors import InputError
    from tm.formats.langcodes import parse_langs
    from tm.memory.exporter import export

    try:
        chosen = parse_langs(langs)
    except ValueError as exc:
        raise InputError(str(exc), place="--langs") from None
    with open_for_reading(memory) as store:
        written = export(store, out, fmt, chosen, document)
    return "".join(f"wrote {path} ({count} units)\n" for path, count in written)
