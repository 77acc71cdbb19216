"""`tm omegat`: a complete OmegaT 3.6 project for a new job, opened as is.

PROJECT/
  omegat.project              source and target language, default folders, sentence segmentation on
  source/<document>.xlf       the job as XLIFF 1.2, one trans-unit per clause with tm pretranslate's notes
                              (origin, glossary terms) and, as Okapi's Rainbow writes it, the source copied
                              into a `needs-translation` target: OmegaT 3.6's XLIFF filter translates the
                              <target> (a file without targets is not even opened), so a proposal put there
                              would become OmegaT's source text
  tm/auto/<document>.tmx      the exact matches (100%, 101%) tm proposes: OmegaT inserts them on opening
  tm/review/<document>.tmx    the proposals to review (numbers/dates adapted, fuzzy): shown, never inserted
  tm/memory.<src>-<tgt>.tmx   the whole memory for the pair: OmegaT's own fuzzy matches and concordance
  glossary/glossary.txt       OmegaT's tab-separated glossary: source term, approved target terms, and
                              what not to use, for every concept the glossary has in both languages
  omegat/segmentation.conf    tm's SRX rules in OmegaT's own form
  target/, dictionary/        empty

Why XLIFF and not the Markdown or a plain text: OmegaT 3.6 has no Markdown filter, and its plain-text filter
keeps the line break of a two-line title inside one segment, which then matches nothing. In the XLIFF each
clause is one trans-unit, so OmegaT's segments are tm's clauses whatever its paragraph rules; the project's
segmentation rules are tm's own, which cut no clause further. The translated XLIFF OmegaT writes to target/
goes back into the memory with `tm omegat PROJECT --take-back` (`take_back`): OmegaT leaves every target's
state `needs-translation` and an untranslated target a copy of its source, so `tm import` would skip them all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from tm.commands.common import glossary_path, open_for_reading
from tm.commands.pretranslate import Pretranslation, pretranslate
from tm.errors import InputError
from tm.formats.tmx_writer import write_tmx
from tm.formats.xliff_pretranslated import NS12, TM_NS, PretranslatedFile, write_pretranslated
from tm.fsutil import atomic_write
from tm.records import TranslationUnit
from tm.segment.omegat import write_segmentation_conf

PROJECT = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
  <project version="1.0">
    <source_dir>__DEFAULT__</source_dir>
    <source_dir_excludes/>
    <target_dir>__DEFAULT__</target_dir>
    <tm_dir>__DEFAULT__</tm_dir>
    <glossary_dir>__DEFAULT__</glossary_dir>
    <glossary_file>__DEFAULT__</glossary_file>
    <dictionary_dir>__DEFAULT__</dictionary_dir>
    <source_lang>{source}</source_lang>
    <target_lang>{target}</target_lang>
    <source_tok>{source_tok}</source_tok>
    <target_tok>{target_tok}</target_tok>
    <sentence_seg>true</sentence_seg>
    <support_default_translations>true</support_default_translations>
    <remove_tags>false</remove_tags>
  </project>
</omegat>
"""

TOKENIZERS = {"en": "org.omegat.tokenizer.LuceneEnglishTokenizer", "lv": "org.omegat.tokenizer.LuceneLatvianTokenizer"}
DEFAULT_TOKENIZER = "org.omegat.tokenizer.DefaultTokenizer"


@dataclass
class Project:
    root: Path
    pretranslation: Pretranslation
    written: list[Path] = field(default_factory=list)


def omegat_project(root: str | Path, sources: Sequence[str | Path], src: str, tgt: str, memory: str | None, *,
                   minimum: int = 75, glossary: str | Path | None = None) -> Project:
    root = Path(root)
    if (root / "omegat.project").exists():
        raise InputError("already an OmegaT project here (choose a new folder)", root)
    if root.exists() and not root.is_dir():
        raise InputError("exists and is not a folder", root)
    result = pretranslate(sources, src, tgt, memory, minimum=minimum, glossary=glossary)
    project = Project(root, result)
    for folder in ("source", "target", "tm/auto", "tm/review", "glossary", "dictionary", "omegat"):
        (root / folder).mkdir(parents=True, exist_ok=True)
    project.written.append(_write(root / "omegat.project", PROJECT.format(
        source=src.upper(), target=tgt.upper(), source_tok=TOKENIZERS.get(src, DEFAULT_TOKENIZER),
        target_tok=TOKENIZERS.get(tgt, DEFAULT_TOKENIZER))))
    names: set[str] = set()
    for job, doc, proposals in zip(result.jobs, result.files, result.proposals, strict=True):
        name = _unique(job.document, names)
        bare = PretranslatedFile(doc.original, [replace(u, target=u.source, state="needs-translation", qualifier=None,
                                                         quality=None, alternatives=[]) for u in doc.units],
                                 doc.datatype)
        project.written.append(write_pretranslated(root / "source" / f"{name}.xlf", [bare], src, tgt))
        exact, review = [], []
        for clause, proposal in zip(job.clauses, proposals, strict=True):
            if proposal.target is None:
                continue
            unit = TranslationUnit({src: clause.text, tgt: proposal.target}, document=doc.original,
                                   origin=f"tm pretranslate ({proposal.how})")
            (exact if proposal.how in ("context", "exact") else review).append(unit)
        for folder, units in (("tm/auto", exact), ("tm/review", review)):
            if units:
                path = root / folder / f"{name}.tmx"
                write_tmx(path, units, srclang=src, langs=(src, tgt))
                project.written.append(path)
    with open_for_reading(memory) as store:
        path = root / "tm" / f"memory.{src}-{tgt}.tmx"
        write_tmx(path, store.units([src, tgt]), srclang=src, langs=(src, tgt))
        project.written.append(path)
    project.written.append(_glossary(root / "glossary" / "glossary.txt", glossary, src, tgt))
    write_segmentation_conf(root / "omegat" / "segmentation.conf")
    project.written.append(root / "omegat" / "segmentation.conf")
    return project


def _unique(name: str, taken: set[str]) -> str:
    candidate, n = name, 1
    while candidate in taken:
        n += 1
        candidate = f"{name}-{n}"
    taken.add(candidate)
    return candidate


def _write(path: Path, text: str) -> Path:
    with atomic_write(path) as handle:
        handle.write(text)
    return path


def _glossary(path: Path, glossary: str | Path | None, src: str, tgt: str) -> Path:
    """OmegaT's glossary: `source term<TAB>target term<TAB>comment`, one line per approved source term and
    approved target term, the comment naming the concept and the target terms not to use."""
    location = glossary_path(glossary)
    lines = []
    if glossary is not None or location.is_file():
        from tm.terms.io import read_glossary

        for concept, terms in read_glossary(location).by_concept().items():
            sources = [t for t in terms if t.lang == src and t.status in ("preferred", "admitted")]
            targets = [t for t in terms if t.lang == tgt and t.status in ("preferred", "admitted")]
            avoid = [t.text for t in terms if t.lang == tgt and t.status not in ("preferred", "admitted")]
            comment = concept + (f"; do not use: {', '.join(avoid)}" if avoid else "")
            for source in sources:
                for target in targets:
                    status = "" if target.status == "preferred" else f" ({target.status})"
                    lines.append(f"{_cell(source.text)}\t{_cell(target.text)}\t{_cell(comment + status)}")
    return _write(path, "".join(line + "\n" for line in lines))


def _cell(text: str) -> str:
    return " ".join(text.replace("\t", " ").split())


@dataclass(frozen=True)
class TakenBack:
    read: int  # clauses in the project's target files
    translated: int  # of them translated (target differs from source)
    summary: object  # the memory's ImportSummary
    memory: str


def translated_units(root: str | Path) -> tuple[int, list[TranslationUnit]]:
    """The translated clauses of a project's target/*.xlf, as units (document = the file's `original`, id =
    `resname`); a target equal to its source is an untranslated clause OmegaT copied, and is left out."""
    from tm import xmlsafe
    from tm.formats.inline import inline_text, local_name

    root = Path(root)
    files = sorted((root / "target").glob("*.xlf"))
    if not (root / "omegat.project").is_file():
        raise InputError("not an OmegaT project (no omegat.project)", root)
    if not files:
        raise InputError("no translated XLIFF in target/ (run OmegaT's Create Translated Documents first)", root)
    read, units = 0, []
    for path in files:
        tree = xmlsafe.parse_file(path, "XLIFF")
        for file in tree.getroot().iter(f"{{{NS12}}}file"):
            src, tgt = file.get("source-language"), file.get("target-language")
            for unit in file.iter(f"{{{NS12}}}trans-unit"):
                source, target = (next((c for c in unit if local_name(c.tag) == n), None) for n in ("source", "target"))
                if source is None:
                    continue
                read += 1
                source_text = " ".join(inline_text(source).split())
                target_text = " ".join(inline_text(target).split()) if target is not None else ""
                if target_text and target_text != source_text:
                    units.append(TranslationUnit({src: source_text, tgt: target_text}, tuid=unit.get("resname"),
                                                 document=file.get("original"), kind=unit.get(f"{{{TM_NS}}}kind"),
                                                 origin=f"OmegaT project {root.name}"))
    return read, units


def take_back(root: str | Path, memory: str | None) -> TakenBack:
    """The translations of an OmegaT project's target files added to the memory (one transaction)."""
    from tm.memory import open_memory, resolve_memory

    read, units = translated_units(root)
    location = resolve_memory(memory)
    with open_memory(location) as store:
        summary = store.add_units(units, origin=f"OmegaT project {Path(root).name}")
    return TakenBack(read, len(units), summary, str(location))
