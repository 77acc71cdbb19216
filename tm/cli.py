"""The `tm` command line: parses arguments and hands them to the stages; no logic lives here."""

from __future__ import annotations

import sys

import click

from tm import __version__
from tm.errors import InputError


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tm")
def cli() -> None:
    """Align Baltic Assembly resolutions (en, et, lv, lt) into a translation memory and check terminology."""


@cli.command()
@click.argument("corpus", default="corpora", type=click.Path(path_type=str))
@click.option("-o", "--out", default="build", show_default=True, type=click.Path(file_okay=False, path_type=str),
              help="Folder for the memory, the alignment review and the terminology report.")
def build(corpus: str, out: str) -> None:
    """Run the main job on a corpus: segment, align, build the memory, review, check terms."""
    from tm.pipeline.build import build as run_build, format_table
    from tm.pipeline.progress import terminal_progress

    result = run_build(corpus, out, progress=terminal_progress())
    click.echo(format_table(result.summary_rows()), nl=False)
    for path in result.written_summary():
        click.echo(f"wrote {path}")


@cli.command()
@click.argument("file", required=False, type=click.Path(dir_okay=True, path_type=str))
@click.option("--lang", "-l", help="Language of FILE: en, et, lv or lt.")
@click.option("--json", "as_json", is_flag=True, help="Each clause with its kind and character span.")
@click.option("--export-omegat", type=click.Path(dir_okay=False, path_type=str),
              help="Write the rules as an OmegaT 3.x project's omegat/segmentation.conf and exit.")
@click.option("--export-srx", type=click.Path(dir_okay=False, path_type=str),
              help="Write the segmentation rules as SRX 2.0 (for OmegaT, Okapi) and exit.")
def segment(file: str | None, lang: str | None, as_json: bool, export_omegat: str | None, export_srx: str | None) -> None:
    """Split a document into clauses, one per line."""
    from tm.segment import cli_support

    if export_omegat:
        from tm.segment.omegat import write_segmentation_conf

        write_segmentation_conf(export_omegat)
        return
    if export_srx:
        cli_support.export_srx(export_srx)
        return
    if not file or not lang:
        raise click.UsageError("FILE and --lang are required (or --export-srx OUT)")
    click.echo(cli_support.render(file, lang, as_json), nl=False)


MEMORY_HELP = ("The memory: a .db store (created if missing), a .tmx file or a team's PostgreSQL database "
               "(postgresql://user@host/db); default $TM_MEMORY, else build/memory.db.")


@cli.command()
@click.argument("src", type=click.Path(path_type=str))
@click.argument("tgt", required=False, type=click.Path(path_type=str))
@click.option("--src-lang", required=True, help="Language of SRC (en, et, lv, lt; any code with --presegmented).")
@click.option("--tgt-lang", required=True, help="Language of TGT.")
@click.option("--presegmented", is_flag=True, help="SRC and TGT hold one segment per line.")
@click.option("--batch", is_flag=True,
              help="SRC is a list of SRC<TAB>TGT<TAB>OUT lines (TGT unused): align all, one lexicon for all.")
@click.option("--embed", is_flag=True,
              help="Add sentence-embedding evidence (multilingual-e5-small; needs pip install 'tm[embed]').")
@click.option("--glossary", type=click.Path(path_type=str),
              help="A glossary (TBX, CSV/TSV) whose concepts, named on both sides, anchor the links.")
def align(src: str, tgt: str | None, src_lang: str, tgt_lang: str, presegmented: bool, batch: bool,
          embed: bool, glossary: str | None) -> None:
    """Align two texts; print links in vecalign format ([0, 1]:[0]:SCORE)."""
    from tm.align.cli_support import align_batch, align_files
    from tm.pipeline.progress import terminal_progress

    if batch:
        for out in align_batch(src, src_lang, tgt_lang, presegmented, embed, terminal_progress(), glossary):
            click.echo(f"wrote {out}")
        return
    if tgt is None:
        raise click.UsageError("TGT is required (or --batch LIST)")
    click.echo(align_files(src, tgt, src_lang, tgt_lang, presegmented, embed, terminal_progress(), glossary), nl=False)


@cli.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--memory", "-m", "memory", type=click.Path(path_type=str), help=MEMORY_HELP)
def import_(files: tuple[str, ...], memory: str | None) -> None:
    """Add the units of TMX, PO/MO, XLIFF and CSV/TSV files to the memory (one transaction)."""
    from tm.memory.cli_support import run_import

    click.echo(run_import(files, memory), nl=False)


@cli.command()
@click.argument("text", required=False)
@click.option("--src", default="en", show_default=True, help="Language of TEXT.")
@click.option("--tgt", required=True, help="Language of the translations wanted.")
@click.option("--min", "minimum", default=70, show_default=True, type=int, help="Lowest match percentage shown.")
@click.option("--limit", default=5, show_default=True, type=int, help="Most matches shown.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object: the matches with score, document, diff.")
@click.option("--batch", type=click.Path(path_type=str), help="One query per line (- for stdin); JSON lines out.")
@click.option("--memory", "-m", "memory", type=click.Path(path_type=str), help=MEMORY_HELP)
def query(text: str | None, src: str, tgt: str, minimum: int, limit: int, as_json: bool, batch: str | None,
          memory: str | None) -> None:
    """Fuzzy matches for TEXT, ranked by CAT match percentage, with the differences marked."""
    from tm.memory.cli_support import run_query

    if (text is None) == (batch is None):
        raise click.UsageError("give either TEXT or --batch FILE")
    run_query(text, batch, src, tgt, memory, minimum, limit, as_json, click.get_text_stream("stdout"))


@cli.command()
@click.argument("text")
@click.option("--lang", "-l", required=True, help="Language of TEXT.")
@click.option("--stems", is_flag=True, help="Inflection-tolerant: match any form with the same stems.")
@click.option("--langs", help="Translations shown, comma-separated (default: the others of en, et, lv, lt).")
@click.option("--limit", default=20, show_default=True, type=int, help="Most occurrences shown.")
@click.option("--json", "as_json", is_flag=True, help="JSON lines: text, span, document, translations.")
@click.option("--memory", "-m", "memory", type=click.Path(path_type=str), help=MEMORY_HELP)
def concordance(text: str, lang: str, stems: bool, langs: str | None, limit: int, as_json: bool,
                memory: str | None) -> None:
    """Where a word or phrase occurs in the memory (keyword in context), with its aligned translations."""
    from tm.memory.cli_support import run_concordance

    run_concordance(text, lang, langs, stems, limit, as_json, memory, click.get_text_stream("stdout"))


@cli.command()
@click.argument("out", type=click.Path(path_type=str))
@click.option("--format", "fmt", type=click.Choice(["tmx", "po", "xliff", "csv"]), default="tmx", show_default=True)
@click.option("--langs", help="Languages, source first (e.g. en,lv); default: all in the memory.")
@click.option("--document", help="Only the units of this document.")
@click.option("--memory", "-m", "memory", type=click.Path(path_type=str), help=MEMORY_HELP)
def export(out: str, fmt: str, langs: str | None, document: str | None, memory: str | None) -> None:
    """Write the memory as TMX 1.4b, PO (one per target language), XLIFF 1.2 or CSV."""
    from tm.memory.cli_support import run_export

    click.echo(run_export(out, fmt, langs, document, memory), nl=False)


GLOSSARY_HELP = "The glossary (.tbx, .csv, .tsv); default $TM_GLOSSARY, else corpora/glossary.tbx."


@cli.group()
def glossary() -> None:
    """The shared glossary: list, show, import (TBX v3/v2, CSV/TSV), export."""


@glossary.command("list")
@click.option("--lang", "-l", help="Every term of this language, with its status.")
@click.option("--status", type=click.Choice(["preferred", "admitted", "deprecated", "superseded", "forbidden"]))
@click.option("--glossary", "-g", "glossary_path", type=click.Path(path_type=str), help=GLOSSARY_HELP)
def glossary_list(lang: str | None, status: str | None, glossary_path: str | None) -> None:
    """One line per concept with its preferred terms (or the terms of --lang / --status)."""
    from tm.terms.cli_support import render_list

    click.echo(render_list(glossary_path, lang, status), nl=False)


@glossary.command("show")
@click.argument("query")
@click.option("--glossary", "-g", "glossary_path", type=click.Path(path_type=str), help=GLOSSARY_HELP)
def glossary_show(query: str, glossary_path: str | None) -> None:
    """A concept (by id or any of its terms) with every term, status and note."""
    from tm.terms.cli_support import render_show

    click.echo(render_show(query, glossary_path), nl=False)


@glossary.command("import")
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--glossary", "-g", "glossary_path", type=click.Path(path_type=str), help=GLOSSARY_HELP)
@click.option("--replace", is_flag=True, help="Start from an empty glossary instead of adding to it.")
@click.option("--format", "fmt", type=click.Choice(["tbx", "tbx2", "csv", "tsv"]),
              help="Format of the glossary written (default: from its file name).")
def glossary_import(files: tuple[str, ...], glossary_path: str | None, replace: bool, fmt: str | None) -> None:
    """Add the terms of TBX, CSV or TSV files to the glossary (written atomically)."""
    from tm.terms.cli_support import run_import

    click.echo(run_import(files, glossary_path, replace, fmt), nl=False)


@glossary.command("suggest")
@click.option("--memory", "-m", "memory", type=click.Path(path_type=str), help=MEMORY_HELP)
@click.option("--glossary", "-g", "glossary_path", type=click.Path(path_type=str),
              help="Terms already in this glossary are left out (or marked, with --all).")
@click.option("--langs", help="Target languages, comma-separated (default et,lv,lt).")
@click.option("--min", "minimum", default=3, show_default=True, type=int, help="Fewest units a term must occur in.")
@click.option("--limit", default=50, show_default=True, type=int, help="Most candidates shown.")
@click.option("--all", "include_known", is_flag=True, help="Also show terms already in the glossary.")
@click.option("--json", "as_json", is_flag=True, help="A JSON list: term, units, renderings per language.")
def glossary_suggest(memory: str | None, glossary_path: str | None, langs: str | None, minimum: int, limit: int,
                     include_known: bool, as_json: bool) -> None:
    """Candidate terms from the aligned memory: recurring English terms and their most consistent renderings."""
    from tm.terms.cli_support import run_suggest

    click.echo(run_suggest(memory, glossary_path, langs, minimum, limit, as_json, include_known), nl=False)


@glossary.command("export")
@click.argument("out", type=click.Path(path_type=str))
@click.option("--format", "fmt", type=click.Choice(["tbx", "tbx2", "csv", "tsv"]),
              help="tbx = TBX-Basic v3, tbx2 = TBX v2 (martif); default: from OUT's name.")
@click.option("--langs", help="Only these languages, comma-separated.")
@click.option("--glossary", "-g", "glossary_path", type=click.Path(path_type=str), help=GLOSSARY_HELP)
def glossary_export(out: str, fmt: str | None, langs: str | None, glossary_path: str | None) -> None:
    """Write the glossary as TBX v3, TBX v2 or CSV/TSV."""
    from tm.terms.cli_support import parse_langs_option, run_export

    click.echo(run_export(out, glossary_path, fmt, parse_langs_option(langs)), nl=False)


@cli.command()
@click.option("--memory", "-m", "memory", type=click.Path(path_type=str), help=MEMORY_HELP)
@click.option("--glossary", "-g", "glossary_path", type=click.Path(path_type=str), help=GLOSSARY_HELP)
@click.option("--langs", help="Target languages checked, comma-separated (default et,lv,lt).")
@click.option("--document", help="Only the units of this document.")
@click.option("--format", "fmt", type=click.Choice(["json", "html", "md", "csv"]), default="json", show_default=True)
@click.option("-o", "--out", type=click.Path(path_type=str), help="Write the report here instead of stdout.")
def check(memory: str | None, glossary_path: str | None, langs: str | None, document: str | None, fmt: str,
          out: str | None) -> None:
    """Check the memory's translations against the glossary; exit 1 if any error (a pre-publication gate)."""
    from tm.terms.cli_support import run_check

    text, has_errors = run_check(memory, glossary_path, langs, fmt, out, document)
    if text is not None:
        click.echo(text, nl=False)
    if has_errors:
        sys.exit(1)  # click.exceptions.Exit would be swallowed by main()'s standalone_mode=False


def main() -> None:
    """Console entry point: bad input becomes one line on stderr and exit code 2, never a traceback."""
    try:
        cli.main(standalone_mode=False)
    except InputError as exc:
        click.echo(f"tm: error: {exc}", err=True)
        sys.exit(2)
    except click.exceptions.Abort:
        click.echo("tm: aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except BrokenPipeError:
        sys.exit(0)


if __name__ == "__main__":
    main()
