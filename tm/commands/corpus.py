"""A corpus folder: one sub-folder per language, the same file name in each for the same document."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tm.errors import InputError
from tm.records import LANGS


@dataclass(frozen=True, slots=True)
class Corpus:
    root: Path
    langs: tuple[str, ...]
    documents: tuple[str, ...]

    def path(self, lang: str, document: str) -> Path:
        return self.root / lang / f"{document}.md"

    def has(self, lang: str, document: str) -> bool:
        return self.path(lang, document).is_file()


def discover(root: str | Path) -> Corpus:
    """Languages in tm's order (en, et, lv, lt), documents named by any language's files."""
    root = Path(root)
    if not root.is_dir():
        raise InputError("corpus folder not found (expected sub-folders en/, et/, lv/, lt/)", root)
    langs = tuple(lang for lang in LANGS if (root / lang).is_dir())
    if not langs:
        raise InputError("no language folders (en/, et/, lv/, lt/) in the corpus", root)
    documents = sorted({p.stem for lang in langs for p in (root / lang).glob("*.md")})
    if not documents:
        raise InputError("no documents (*.md) in the language folders", root)
    return Corpus(root, langs, tuple(documents))
