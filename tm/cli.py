"""The `tm` command line: parses and validates arguments (click types), calls `tm.commands`, renders the result.

Bad input of any kind ends in one line on stderr, `tm: error: FILE:PLACE: what`, and exit code 2.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

import click

from tm import __version__
from tm.errors import InputError
from tm.formats.langcodes import primary_code
from tm.records import LANGS, TermStatus

TARGETS = [lang for lang in LANGS if lang != "en"]


class UserError(click.ClickException):
    """An InputError on its way out: one line, exit code 2 (click's own code for bad usage)."""

    exit_code = 2

    def show(self, file=None) -> None:
        click.echo(f"tm: error: {self.message}", err=True)


class Group(click.Group):
    """Turns the stages' InputError, and click's own usage errors (a typo in an option, a bad value), into one
    line; click's standalone mode then prints it and exits with its code."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except InputError as exc:
            flag = _flag(self, ctx, exc.option)
            raise UserError(f"{flag}: {exc}" if flag else str(exc)) from None
        except click.BadParameter as exc:
            if exc.param is None:
                raise UserError(exc.format_message()) from None
            name = (max(exc.param.opts, key=len) if isinstance(exc.param, click.Option)
                    else exc.param.human_readable_name)
            raise UserError(f"{name}: {exc.message}") from None
        except click.UsageError as exc:
            where = exc.ctx.command_path if exc.ctx else ctx.command_path
            raise UserError(f"{exc.format_message()} (see '{where} --help')") from None


def _flag(group: click.Group, ctx: click.Context, option: str | None) -> str | None:
    """How the command being run spells the parameter `option` on the command line (`--document`)."""
    command = group.get_command(ctx, ctx.invoked_subcommand) if option and ctx.invoked_subcommand else None
    param = next((p for p in command.params if p.name == option), None) if command else None
    if param is None:
        return None
    return max(param.opts, key=len) if isinstance(param, click.Option) else param.human_readable_name


class Language(click.ParamType):
    """A language code as found in the wild (`LV`, `et_EE`, `en-GB`), given back as its primary subtag."""

    name = "LANG"

    def convert(self, value, param, ctx):
        code = primary_code(value)
        if code is None:
            self.fail(f"unknown language code {value!r}", param, ctx)
        return code


class Languages(click.ParamType):
    """A comma-separated list of language codes (`en,lv`), each given back as its primary subtag."""

    name = "LANGS"

    def convert(self, value, param, ctx):
        if isinstance(value, list):
            return value
        codes = [primary_code(part) for part in value.split(",")]
        bad = next((part for part, code in zip(value.split(","), codes, strict=True) if code is None), None)
        if bad is not None:
            self.fail(f"unknown language code {bad.strip()!r}", param, ctx)
        return codes


LANG, LANG_LIST = Language(), Languages()
PERCENT = click.IntRange(0, 100)
POSITIVE = click.IntRange(min=1)

MEMORY_HELP = ("The memory: a .db store (created if missing), a .tmx file or a team's PostgreSQL database "
               "(postgresql://user@host/db); default $TM_MEMORY, else build/memory.db.")
GLOSSARY_HELP = "The glossary (.tbx, .csv, .tsv); default $TM_GLOSSARY, else corpora/glossary.tbx."


def memory_option(command: Callable) -> Callable:
    return click.option("--memory", "-m", "memory", type=click.Path(path_type=str), help=MEMORY_HELP)(command)


def raw_csv_option(command: Callable) -> Callable:
    return click.option("--raw-csv", is_flag=True,
                        help="Write CSV cells as they are: no quote in front of a cell a spreadsheet would run as a "
                             "formula (=, +, -, @); for files read by scripts, not spreadsheets.")(command)


def glossary_option(help: str = GLOSSARY_HELP) -> Callable[[Callable], Callable]:
    return click.option("--glossary", "-g", "glossary", type=click.Path(path_type=str), help=help)


def terminal_progress(stream=None) -> Callable[[str], None]:
    """Progress on one rewritten line, only when a person is watching (stderr is a terminal)."""
    stream = stream or sys.stderr
    if not stream.isatty():
        return lambda message: None

    def show(message: str) -> None:
        stream.write(f"\r\033[K{message}" if message else "\r\033[K")
        stream.flush()

    return show


def _stdout_is_terminal() -> bool:
    return click.get_text_stream("stdout").isatty()


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tm")
def cli() -> None:
    """Align Baltic Assembly resolutions (en, et, lv, lt) into a translation memory and check terminology."""


@cli.command()
@click.argument("corpus", default="corpora", type=click.Path(path_type=str))
@click.option("-o", "--out", default="build", show_default=True, type=click.Path(path_type=str),
              help="Folder for the memory, the alignment review and the terminology report.")
@click.option("--until", type=click.Choice(["segment", "align", "review", "terms"]), default="terms",
              show_default=True, help="Stop after this step (align writes the memories).")
def build(corpus: str, out: str, until: str) -> None:
    """Run the main job on a corpus: segment, align, build the memory, review, check terms."""
    from tm import views
    from tm.commands.build import build as run_build

    progress = terminal_progress()
    result = run_build(corpus, out, progress, until)
    progress("")
    click.echo(views.build_summary(result), nl=False)
    if until == "terms" and result.terminology is None:
        click.echo(f"tm: note: no glossary in {corpus} (glossary.tbx or glossary/*.tsv): terminology not checked "
                   f"(tm check {corpus} -g GLOSSARY checks it)", err=True)
    elif result.terminology is not None and result.terminology.note:
        click.echo(f"tm: note: {result.terminology.note}", err=True)


@cli.command()
@click.argument("file", required=False, type=click.Path(dir_okay=True, path_type=str))
@click.option("--lang", "-l", type=LANG, help="Language of FILE: en, et, lv or lt.")
@click.option("--json", "as_json", is_flag=True, help="Each clause with its kind and character span.")
@click.option("--export-omegat", type=click.Path(path_type=str),
              help="Write the rules as an OmegaT 3.x project's omegat/segmentation.conf and exit.")
@click.option("--export-srx", type=click.Path(path_type=str),
              help="Write the segmentation rules as SRX 2.0 (for OmegaT, Okapi) and exit.")
def segment(file: str | None, lang: str | None, as_json: bool, export_omegat: str | None,
            export_srx: str | None) -> None:
    """Split a document into clauses, one per line."""
    from tm import views
    from tm.commands import segment as commands

    if export_omegat:
        commands.export_omegat(export_omegat)
        return
    if export_srx:
        commands.export_srx(export_srx)
        return
    if not file or not lang:
        raise click.UsageError("FILE and --lang are required (or --export-srx OUT)")
    click.echo(views.segments(commands.segment(file, lang), as_json), nl=False)


@cli.command()
@click.argument("src", type=click.Path(path_type=str))
@click.argument("tgt", required=False, type=click.Path(path_type=str))
@click.option("--src-lang", required=True, type=LANG, help="Language of SRC (en, et, lv, lt; any with --presegmented).")
@click.option("--tgt-lang", required=True, type=LANG, help="Language of TGT.")
@click.option("--presegmented", is_flag=True, help="SRC and TGT hold one segment per line.")
@click.option("--batch", is_flag=True,
              help="SRC is a list of SRC<TAB>TGT<TAB>OUT lines (TGT unused): align all, one lexicon for all.")
@click.option("--embed", is_flag=True,
              help="Add sentence-embedding evidence (multilingual-e5-small; needs pip install 'tm[embed]').")
@glossary_option("A glossary (TBX, CSV/TSV) whose concepts, named on both sides, anchor the links.")
@click.option("--set", "settings", multiple=True, metavar="KEY=VALUE",
              help="Override one of the aligner's tuned values (repeatable), e.g. length.variance_floor=1.3; "
                   "an unknown KEY is refused with the list of keys.")
def align(src: str, tgt: str | None, src_lang: str, tgt_lang: str, presegmented: bool, batch: bool,
          embed: bool, glossary: str | None, settings: tuple[str, ...]) -> None:
    """Align two texts; print links in vecalign format ([0, 1]:[0]:SCORE)."""
    from tm.commands import align as commands
    from tm.formats.links import format_links

    options = dict(presegmented=presegmented, embed=embed, settings=settings, glossary=glossary,
                   progress=terminal_progress())
    if batch:
        for out in commands.align_batch(src, src_lang, tgt_lang, **options):
            click.echo(f"wrote {out}")
        return
    if tgt is None:
        raise click.UsageError("TGT is required (or --batch LIST)")
    click.echo(format_links(commands.align_files(src, tgt, src_lang, tgt_lang, **options)), nl=False)


@cli.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=str))
@memory_option
def import_(files: tuple[str, ...], memory: str | None) -> None:
    """Add the units of TMX, PO/MO, XLIFF and CSV/TSV files to the memory (one transaction)."""
    from tm import views
    from tm.commands.memory import import_ as run_import

    progress = terminal_progress()
    result = run_import(files, memory, progress)
    progress("")
    click.echo(views.imported(result), nl=False)


@cli.command()
@click.argument("text", required=False)
@click.option("--src", default="en", show_default=True, type=LANG, help="Language of TEXT.")
@click.option("--tgt", required=True, type=LANG, help="Language of the translations wanted.")
@click.option("--min", "minimum", default=70, show_default=True, type=PERCENT, help="Lowest match percentage shown.")
@click.option("--limit", default=5, show_default=True, type=POSITIVE, help="Most matches shown.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object: the matches with score, document, diff.")
@click.option("--batch", type=click.Path(path_type=str), help="One query per line (- for stdin); JSON lines out.")
@memory_option
def query(text: str | None, src: str, tgt: str, minimum: int, limit: int, as_json: bool, batch,
          memory: str | None) -> None:
    """Fuzzy matches for TEXT, ranked by CAT match percentage, with the differences marked."""
    from tm import views
    from tm.commands.memory import query as run_query

    if (text is None) == (batch is None):
        raise click.UsageError("give either TEXT or --batch FILE")
    if src == tgt:
        raise InputError(f"--src and --tgt are both {src!r}")
    if batch is None:
        for _, found in run_query([text], src, tgt, memory, minimum=minimum, limit=limit):
            click.echo(views.matches_json(text, found) if as_json
                       else views.matches(text, found, src, tgt, colour=_stdout_is_terminal()), nl=False)
        return
    for line, found in run_query(_batch_lines(batch), src, tgt, memory, minimum=minimum, limit=limit):
        click.echo(views.matches_json(line, found), nl=False)
        sys.stdout.flush()


def _batch_lines(batch: str):
    """The queries of --batch: standard input streamed line by line, or a file (regular, bounded, UTF-8)."""
    if batch == "-":
        return (line.rstrip("\r\n") for line in click.get_text_stream("stdin"))
    from tm.fsutil import read_input_text

    return read_input_text(batch).splitlines()


@cli.command()
@click.argument("text")
@click.option("--lang", "-l", required=True, type=LANG, help="Language of TEXT.")
@click.option("--stems", is_flag=True, help="Inflection-tolerant: match any form with the same stems.")
@click.option("--langs", type=LANG_LIST,
              help="Translations shown, comma-separated (default: the others of en, et, lv, lt).")
@click.option("--limit", default=20, show_default=True, type=POSITIVE, help="Most occurrences shown.")
@click.option("--json", "as_json", is_flag=True, help="JSON lines: text, span, document, translations.")
@memory_option
def concordance(text: str, lang: str, stems: bool, langs: list[str] | None, limit: int, as_json: bool,
                memory: str | None) -> None:
    """Where a word or phrase occurs in the memory (keyword in context), with its aligned translations."""
    from tm import views
    from tm.commands.memory import concordance as run_concordance

    result = run_concordance(text, lang, memory, langs=langs, stems=stems, limit=limit)
    click.echo(views.concordance_json(result) if as_json else views.concordance(result, _stdout_is_terminal()),
               nl=False)


@cli.command()
@click.argument("out", type=click.Path(path_type=str))
@click.option("--format", "fmt", type=click.Choice(["tmx", "po", "xliff", "csv"]),
              help="Default: from OUT's name (.po, .xlf/.xliff, .csv/.tsv), else tmx.")
@click.option("--langs", type=LANG_LIST, help="Languages, source first (e.g. en,lv); default: all in the memory.")
@click.option("--document", help="Only the units of this document.")
@raw_csv_option
@memory_option
def export(out: str, fmt: str | None, langs: list[str] | None, document: str | None, raw_csv: bool,
           memory: str | None) -> None:
    """Write the memory as TMX 1.4b, PO (one per target language), XLIFF 1.2 or CSV."""
    from pathlib import Path

    from tm import views
    from tm.commands.memory import export as run_export

    suffix = Path(out).suffix.lower()
    fmt = fmt or {".po": "po", ".xlf": "xliff", ".xliff": "xliff", ".csv": "csv", ".tsv": "csv"}.get(suffix, "tmx")
    click.echo(views.exported(run_export(out, fmt, memory, langs=langs, document=document, raw=raw_csv)), nl=False)


@cli.group(cls=Group)
def glossary() -> None:
    """The shared glossary: list, show, import (TBX v3/v2, CSV/TSV), export."""


@glossary.command("list")
@click.option("--lang", "-l", type=LANG, help="Every term of this language, with its status.")
@click.option("--status", type=click.Choice([str(status) for status in TermStatus]))
@glossary_option()
def glossary_list(lang: str | None, status: str | None, glossary: str | None) -> None:
    """One line per concept with its preferred terms (or the terms of --lang / --status)."""
    from tm import views
    from tm.commands import glossary as commands

    if lang or status:
        click.echo(views.term_lines(commands.terms(glossary, lang=lang, status=status)), nl=False)
    else:
        click.echo(views.concept_table(commands.load(glossary)), nl=False)


@glossary.command("show")
@click.argument("query")
@glossary_option()
def glossary_show(query: str, glossary: str | None) -> None:
    """A concept (by id or any of its terms) with every term, status and note."""
    from tm import views
    from tm.commands import glossary as commands

    click.echo(views.concepts(*commands.concepts(query, glossary)), nl=False)


@glossary.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=str))
@glossary_option()
@click.option("--replace", is_flag=True, help="Start from an empty glossary instead of adding to it.")
@click.option("--format", "fmt", type=click.Choice(["tbx", "tbx2", "csv", "tsv"]),
              help="Format of the glossary written (default: from its file name).")
@raw_csv_option
def glossary_import(files: tuple[str, ...], glossary: str | None, replace: bool, fmt: str | None,
                    raw_csv: bool) -> None:
    """Add the terms of TBX, CSV or TSV files to the glossary (written atomically)."""
    from tm import views
    from tm.commands import glossary as commands

    written = commands.import_(files, glossary, replace=replace, fmt=fmt, raw=raw_csv)
    click.echo(views.glossary_written(written, incoming=True), nl=False)


@glossary.command("suggest")
@memory_option
@glossary_option("Terms already in this glossary are left out (or marked, with --all).")
@click.option("--langs", type=LANG_LIST, help="Target languages, comma-separated (default et,lv,lt).")
@click.option("--min", "minimum", default=3, show_default=True, type=POSITIVE,
              help="Fewest units a term must occur in.")
@click.option("--limit", default=50, show_default=True, type=POSITIVE, help="Most candidates shown.")
@click.option("--all", "include_known", is_flag=True, help="Also show terms already in the glossary.")
@click.option("--json", "as_json", is_flag=True, help="A JSON list: term, units, renderings per language.")
def glossary_suggest(memory: str | None, glossary: str | None, langs: list[str] | None, minimum: int, limit: int,
                     include_known: bool, as_json: bool) -> None:
    """Candidate terms from the aligned memory: recurring English terms and their most consistent renderings."""
    from tm import views
    from tm.commands import glossary as commands

    langs = langs or TARGETS
    found = commands.suggestions(memory, glossary, langs=langs, minimum=minimum, limit=limit,
                                 include_known=include_known)
    click.echo(views.suggestions(found, langs, as_json), nl=False)


@glossary.command("export")
@click.argument("out", type=click.Path(path_type=str))
@click.option("--format", "fmt", type=click.Choice(["tbx", "tbx2", "csv", "tsv"]),
              help="tbx = TBX-Basic v3, tbx2 = TBX v2 (martif); default: from OUT's name.")
@click.option("--langs", type=LANG_LIST, help="Only these languages, comma-separated.")
@glossary_option()
@raw_csv_option
def glossary_export(out: str, fmt: str | None, langs: list[str] | None, glossary: str | None, raw_csv: bool) -> None:
    """Write the glossary as TBX v3, TBX v2 or CSV/TSV."""
    from tm import views
    from tm.commands import glossary as commands

    written = commands.export(out, glossary, fmt=fmt, langs=langs, raw=raw_csv)
    click.echo(views.glossary_written(written, incoming=False), nl=False)


@cli.command()
@click.argument("corpus", required=False, type=click.Path(path_type=str))
@memory_option
@glossary_option("The glossary (.tbx, .csv, .tsv); default: CORPUS's own (glossary.tbx, glossary/*.tsv) when "
                 "CORPUS is given, then $TM_GLOSSARY, else corpora/glossary.tbx for the memory.")
@click.option("--langs", type=LANG_LIST, help="Target languages checked, comma-separated (default: the "
                                                "memory's or CORPUS's et, lv, lt); each must be there.")
@click.option("--document", help="Only the units of this document (which must be there).")
@click.option("--format", "fmt", type=click.Choice(["json", "html", "md", "csv"]), default="json", show_default=True)
@click.option("-o", "--out", type=click.Path(path_type=str), help="Write the report here instead of stdout.")
@raw_csv_option
@click.pass_context
def check(ctx: click.Context, corpus: str | None, memory: str | None, glossary: str | None, langs: list[str] | None,
          document: str | None, fmt: str, out: str | None, raw_csv: bool) -> None:
    """Check translations against the glossary; exit 1 if any error (a pre-publication gate). Checks the memory,
    or with CORPUS a folder of drafts (en/, et/, lv/, lt/ with *.md) aligned on the fly, no build needed."""
    from tm.commands import check as commands

    if corpus is not None and memory is not None:
        raise click.UsageError("give either CORPUS or --memory, not both")
    progress = terminal_progress()
    result = commands.check(memory, glossary, langs=langs, document=document, corpus=corpus, progress=progress)
    progress("")
    if result.note:
        click.echo(f"tm: note: {result.note}", err=True)
    if out:
        commands.save(result, out, fmt, raw_csv)
    else:
        click.echo(commands.render(result, fmt, raw_csv), nl=False)
    if result.has_errors:
        ctx.exit(1)


# -- a translator's week: analyse, pretranslate, OmegaT, take it back ---------------------------------------------

def _write_or_echo(text: str, out: str | None) -> None:
    if out:
        from tm.fsutil import atomic_write

        with atomic_write(out) as handle:
            handle.write(text)
        click.echo(f"wrote {out}", err=True)
    else:
        click.echo(text, nl=False)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--src", default="en", show_default=True, type=LANG, help="Language of FILES.")
@click.option("--tgt", type=LANG_LIST, help="Target languages, comma-separated (default et,lv,lt).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv", "html"]), default="table",
              show_default=True)
@click.option("-o", "--out", type=click.Path(dir_okay=False, path_type=str), help="Write the report here.")
@memory_option
def analyze(files: tuple[str, ...], src: str, tgt: list[str] | None, fmt: str, out: str | None,
            memory: str | None) -> None:
    """How much of a new job (Markdown/text, XLIFF, PO) the memory covers: clauses, words and characters per
    band (101% in context, repetitions, 100%, 95-99, 85-94, 75-84, 50-74, no match), per target language."""
    from tm import views
    from tm.commands.analyze import analyze as run_analyze

    langs = [lang for lang in (tgt or TARGETS) if lang != src]
    if not langs:
        raise InputError("--tgt: no target language other than the source")
    progress = terminal_progress()
    result = run_analyze(files, src, langs, memory, progress)
    progress("")
    _write_or_echo(views.analysis(result, fmt), out)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--src", default="en", show_default=True, type=LANG, help="Language of FILES.")
@click.option("--tgt", required=True, type=LANG, help="Target language.")
@click.option("-o", "--out", required=True, type=click.Path(dir_okay=False, path_type=str),
              help="The XLIFF (or, with --format md, the pretranslated document) written.")
@click.option("--format", "fmt", type=click.Choice(["xliff", "md"]), default="xliff", show_default=True)
@click.option("--xliff", "version", type=click.Choice(["1", "2"]), default="1", show_default=True,
              help="XLIFF version: 1.2 or 2.0.")
@click.option("--min", "minimum", default=75, show_default=True, type=PERCENT,
              help="Lowest fuzzy match that fills a target.")
@memory_option
@glossary_option()
def pretranslate(files: tuple[str, ...], src: str, tgt: str, out: str, fmt: str, version: str, minimum: int,
                 memory: str | None, glossary: str | None) -> None:
    """Fill a new job from the memory for a CAT tool (XLIFF: state, match quality, origin, alternatives,
    glossary notes) or as the pretranslated document (--format md)."""
    from tm import views
    from tm.commands import pretranslate as commands

    result = commands.pretranslate(files, src, tgt, memory, minimum=minimum, glossary=glossary)
    commands.save(result, out, fmt, int(version))
    click.echo(views.pretranslated(result), nl=False)


@cli.command()
@click.argument("project", type=click.Path(file_okay=False, path_type=str))
@click.option("--source", "sources", multiple=True, type=click.Path(path_type=str),
              help="A new text to translate (Markdown/text, XLIFF, PO); repeat for several.")
@click.option("--src", default="en", show_default=True, type=LANG, help="Language of the sources.")
@click.option("--tgt", type=LANG, help="Target language.")
@click.option("--min", "minimum", default=75, show_default=True, type=PERCENT,
              help="Lowest fuzzy match proposed for review.")
@click.option("--take-back", is_flag=True, help="Add the project's translated target/*.xlf to the memory.")
@memory_option
@glossary_option()
def omegat(project: str, sources: tuple[str, ...], src: str, tgt: str | None, minimum: int, take_back: bool,
           memory: str | None, glossary: str | None) -> None:
    """Write an OmegaT 3.6 project for new texts (sources, exact matches in tm/auto, the memory, glossary,
    segmentation rules), or with --take-back put its translations into the memory."""
    from tm import views
    from tm.commands import omegat as commands

    if take_back:
        click.echo(views.taken_back(commands.take_back(project, memory)), nl=False)
        return
    if not sources or not tgt:
        raise click.UsageError("--source FILE and --tgt LANG are required (or --take-back)")
    if src == tgt:
        raise InputError(f"--src and --tgt are both {src!r}")
    result = commands.omegat_project(project, sources, src, tgt, memory, minimum=minimum, glossary=glossary)
    click.echo(views.omegat_project(result), nl=False)


# -- tm serve: the team server (tm/server), one self-contained block --------------------------------------

@cli.group(cls=Group, invoke_without_command=True)
@memory_option
@glossary_option("The glossary whose terms the server shows for a clause.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (behind a TLS proxy).")
@click.option("--port", default=8080, show_default=True, type=click.IntRange(1, 65535))
@click.option("--workers", default=2, show_default=True, type=click.IntRange(1, 64), help="Worker processes.")
@click.option("--read-token", is_flag=True, help="Reading needs a token too (writing always does).")
@click.option("--max-upload", default=64, show_default=True, type=POSITIVE, help="Largest request body, in MiB.")
@click.option("--rate", default=200.0, show_default=True, type=click.FloatRange(min=0),
              help="Requests per second per client and worker (0: unbounded).")
@click.pass_context
def serve(ctx: click.Context, memory: str | None, glossary: str | None, host: str, port: int, workers: int,
          read_token: bool, max_upload: int, rate: float) -> None:
    """Serve the memory over HTTP: tmserver/amaGama API, our JSON API, a search page; `serve token` manages access."""
    if ctx.invoked_subcommand is not None:
        return
    try:
        from tm.server.app import Settings
        from tm.server.run import check
        from tm.server.run import serve as run_server
    except ModuleNotFoundError as exc:
        raise UserError(f"the team server needs its extra ({exc.name} is missing): pip install 'tm[server]'") from None

    settings = Settings(memory=memory, glossary=glossary, read_token=read_token, max_upload=max_upload << 20,
                        rate=rate)
    click.echo(check(settings), err=True)
    run_server(settings, host, port, workers)


@serve.group("token", cls=Group)
def serve_token() -> None:
    """Access tokens of the server (stored hashed beside the memory, or in its database)."""


@serve_token.command("create")
@click.argument("name")
@click.option("--read-only", is_flag=True, help="May read (where reading needs a token) but never write.")
@memory_option
def serve_token_create(name: str, read_only: bool, memory: str | None) -> None:
    """A new token for NAME, printed once (only its hash is kept)."""
    from tm.server.tokens import TokenStore

    click.echo(TokenStore(memory).create(name, read_only=read_only))


@serve_token.command("revoke")
@click.argument("name")
@memory_option
def serve_token_revoke(name: str, memory: str | None) -> None:
    """Revoke NAME's token at once (every worker checks each request)."""
    from tm.server.tokens import TokenStore

    token = TokenStore(memory).revoke(name)
    click.echo(f"revoked {token.name} ({token.scope}) at {token.revoked}")


@serve_token.command("list")
@memory_option
def serve_token_list(memory: str | None) -> None:
    """Every token: name, scope, created, revoked."""
    from tm.server.tokens import TokenStore

    for token in TokenStore(memory).list():
        click.echo(f"{token.name}\t{token.scope}\t{token.created}\t{token.revoked or '-'}")


# -- local changes to a memory: add a translated document, edit or delete a unit, its history -------------------

BY_HELP = "Who makes the change, recorded in the unit's history (default: $USER)."


@cli.command()
@click.argument("src", type=click.Path(path_type=str))
@click.argument("tgt", type=click.Path(path_type=str))
@click.option("--src", "src_lang", required=True, type=LANG, help="Language of SRC.")
@click.option("--tgt", "tgt_lang", required=True, type=LANG, help="Language of TGT (SRC's translation).")
@click.option("--document", help="The document the units belong to (default: SRC's name without extension).")
@click.option("--presegmented", is_flag=True, help="SRC and TGT hold one segment per line.")
@click.option("--by", help=BY_HELP)
@memory_option
def add(src: str, tgt: str, src_lang: str, tgt_lang: str, document: str | None, presegmented: bool, by: str | None,
        memory: str | None) -> None:
    """Add a translated document: SRC and TGT cut into clauses, aligned, and added as units (one transaction)."""
    from tm import views
    from tm.commands.memory import add as run_add

    progress = terminal_progress()
    result = run_add(src, tgt, src_lang, tgt_lang, memory, document=document, presegmented=presegmented, by=by,
                     progress=progress)
    progress("")
    click.echo(views.added(result), nl=False)


@cli.command()
@click.argument("key", metavar="ID", type=POSITIVE)
@click.option("--lang", "-l", required=True, type=LANG, help="The language whose text is replaced (or added).")
@click.option("--text", required=True, help="The new text.")
@click.option("--by", help=BY_HELP)
@memory_option
def edit(key: int, lang: str, text: str, by: str | None, memory: str | None) -> None:
    """Replace one text of the unit ID (its id: `tm query` shows #ID, `--json` gives "id")."""
    from tm import views
    from tm.commands.memory import edit as run_edit

    click.echo(views.edited(run_edit(key, lang, text, memory, by=by)), nl=False)


@cli.command()
@click.argument("key", metavar="ID", type=POSITIVE)
@click.option("--by", help=BY_HELP)
@memory_option
def delete(key: int, by: str | None, memory: str | None) -> None:
    """Remove the unit ID from the memory (its texts are kept in its history)."""
    from tm import views
    from tm.commands.memory import delete as run_delete

    click.echo(views.edited(run_delete(key, memory, by=by)), nl=False)


@cli.command()
@click.argument("key", metavar="ID", type=POSITIVE)
@click.option("--json", "as_json", is_flag=True, help="One JSON object: the unit now and each change.")
@memory_option
def history(key: int, as_json: bool, memory: str | None) -> None:
    """What was done to the unit ID (added by tm add, edited, deleted), when and by whom."""
    from tm import views
    from tm.commands.memory import history as run_history

    click.echo(views.history(run_history(key, memory), as_json), nl=False)


def main() -> None:
    """Console entry point. click's standalone mode turns errors into exit codes and ends quietly when a reader
    closes the pipe early (`| head`)."""
    cli(prog_name="tm")


if __name__ == "__main__":
    main()
