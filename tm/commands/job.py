"""What `tm analyze`, `tm pretranslate` and `tm omegat` share: a new job's text cut into clauses, each clause's
matches in the memory for one target language (with the 101% context test), and CAT-style word counts.

A job file is Markdown or plain text (cut into clauses by tm's own SRX rules, as the memory was), or a
bilingual file a CAT tool sent (XLIFF, PO: one clause per unit, as given).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from tm.errors import InputError
from tm.formats.plaintext import read_text
from tm.formats.source_reader import read_sources
from tm.memory.query import Match, Matcher
from tm.memory.store import Store
from tm.records import Segment
from tm.segment import SUPPORTED_LANGS, segment_text

BILINGUAL = (".xlf", ".xliff", ".po", ".pot")


@dataclass(frozen=True, slots=True)
class Clause:
    """One clause of a job: its document, its position there, its text; `segment` (kind, span, block) when it
    was cut from a Markdown or text file, `unit_id` when it came from a CAT tool's file."""

    document: str
    index: int
    text: str
    segment: Segment | None = None
    unit_id: str = ""

    @property
    def kind(self) -> str:
        return self.segment.kind if self.segment else "other"


@dataclass(frozen=True)
class JobFile:
    path: Path
    document: str
    clauses: list[Clause]
    source: str | None = None  # the Markdown or text read, to rebuild the document; None for XLIFF/PO


def read_job(path: str | Path, src: str) -> JobFile:
    """A job file's clauses, in order."""
    path = Path(path)
    if path.suffix.lower() in BILINGUAL:
        if not path.is_file():
            raise InputError("no such file", path)
        units = read_sources(path)
        if not units:
            raise InputError("no source text to translate", path)
        clauses = [Clause(u.document, i, u.text, unit_id=u.id) for i, u in enumerate(units)]
        return JobFile(path, units[0].document, clauses)
    if src not in SUPPORTED_LANGS:
        raise InputError(f"no segmentation rules for {src!r} (they exist for {', '.join(SUPPORTED_LANGS)}); "
                         "give an XLIFF or PO file instead", path)
    text = read_text(path)
    segments = segment_text(text, src, document=path.stem)
    if not segments:
        raise InputError("no text to translate", path)
    return JobFile(path, path.stem, [Clause(path.stem, s.index, s.text, segment=s) for s in segments], text)


def read_jobs(paths, src: str) -> list[JobFile]:
    if not paths:
        raise InputError("no file given")
    return [read_job(path, src) for path in paths]


# -- word and character counts ---------------------------------------------------------------------------------

WORDLIKE = re.compile(r"\w", re.UNICODE)
CLITIC = re.compile(r"^(?:['’]\w*|n['’]t)$", re.IGNORECASE)


@cache
def _tokenizer(lang: str):
    from sacremoses import MosesTokenizer

    return MosesTokenizer(lang=lang)


def words(text: str, lang: str) -> int:
    """Words as CAT tools count them: Moses tokens (sacremoses, no escaping) that hold a letter or a digit;
    punctuation is not a word, and a clitic Moses splits off (`'s`, `n't`) stays part of its word, so
    `Assembly's` is one word, `e-mail` one, `23–24` two, `10%` one."""
    return sum(1 for token in _tokenizer(lang).tokenize(text, escape=False)
               if WORDLIKE.search(token) and not CLITIC.match(token))


def characters(text: str) -> int:
    """Characters without spaces (one of the two counts OmegaT's project statistics give)."""
    return sum(1 for c in text if not c.isspace())


# -- matches -------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Found:
    """A clause's matches for one target language, best first; `context` is True for a 101% (in-context)
    exact match: the memory unit's neighbours in its document equal the clause's neighbours."""

    clause: Clause
    matches: list[Match]
    context: bool = False

    @property
    def best(self) -> int:
        """The best score, a partial match's included (its score counts what the joined clause adds)."""
        return max((m.percent for m in self.matches), default=0)


class Leverage:
    """One store, one language pair: every clause's matches, and whether an exact one is in context."""

    def __init__(self, store: Store, src: str, tgt: str, minimum: int = 50, limit: int = 5):
        if src == tgt:
            raise InputError(f"the source and target languages are both {src!r}")
        self.store, self.src, self.tgt, self.minimum, self.limit = store, src, tgt, minimum, limit
        self.matcher = Matcher(store, src, tgt)
        self._documents: dict[str, list[str]] = {}

    def find(self, clauses: list[Clause]) -> list[Found]:
        found = []
        for i, clause in enumerate(clauses):
            matches = self.matcher.search(clause.text, self.minimum, self.limit)
            before = clauses[i - 1].text if i > 0 else None
            after = clauses[i + 1].text if i + 1 < len(clauses) else None
            exact = [m for m in matches if m.percent == 100]
            context = any(self._in_context(m, before, after) for m in exact)
            if context:  # the in-context unit first: its neighbours make it the right translation here
                matches = sorted(matches, key=lambda m: (-m.percent, not self._in_context(m, before, after)))
            found.append(Found(clause, matches, context))
        return found

    def _in_context(self, match: Match, before: str | None, after: str | None) -> bool:
        document = match.unit.document
        if not document:
            return False
        texts = self._document(document)
        for p, text in enumerate(texts):
            if text != match.source:
                continue
            prev = texts[p - 1] if p > 0 else None
            nxt = texts[p + 1] if p + 1 < len(texts) else None
            if prev == before and nxt == after:
                return True
        return False

    def _document(self, document: str) -> list[str]:
        """The source texts of a memory document's units, in their order (insertion order = document order)."""
        if document not in self._documents:
            self._documents[document] = [u.variants[self.src] for u in self.store.units([self.src], document)
                                         if self.src in u.variants]
        return self._documents[document]
