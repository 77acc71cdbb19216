"""From a corpus document to its clauses, each with kind and source span."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from tm.errors import InputError
from tm.formats.plaintext import read_text
from tm.records import Segment
from tm.segment.kinds import block_kinds
from tm.segment.markdown import blocks
from tm.segment.srx import Segmenter, read_srx

RULES_PATH = Path(__file__).with_name("rules") / "tm.srx"
SUPPORTED_LANGS = ("en", "et", "lv", "lt")


def normalise_lang(lang: str, path: str | Path | None = None) -> str:
    code = lang.strip().replace("_", "-").split("-")[0].lower()
    if code not in SUPPORTED_LANGS:
        raise InputError(f"unknown language code {lang!r} (segmentation rules exist for "
                         f"{', '.join(SUPPORTED_LANGS)})", path)
    return code


@cache
def _segmenter(lang: str, rules_path: Path) -> Segmenter:
    return read_srx(rules_path).segmenter(lang)


def segment_text(text: str, lang: str, document: str = "", rules: Path = RULES_PATH) -> list[Segment]:
    """Clauses of a document: blocks by structure, cut inside by the SRX rules, spans tiling the source."""
    lang = normalise_lang(lang)
    cutter = _segmenter(lang, rules)
    found: list[Segment] = []
    doc_blocks = blocks(text)
    for number, (block, kind) in enumerate(zip(doc_blocks, block_kinds(doc_blocks), strict=True)):
        spans = cutter.split(block.plain)
        for i, (a, b) in enumerate(spans):
            start = block.start if i == 0 else block.offsets[a]
            if i + 1 < len(spans):
                end = block.offsets[spans[i + 1][0]]
                while end > start and text[end - 1].isspace():
                    end -= 1
            else:
                end = block.end
            found.append(Segment(block.plain[a:b], kind, start, end, len(found), lang, document, number,
                                 block.marker if i == 0 else ""))
    return found


def segment_file(path: str | Path, lang: str, rules: Path = RULES_PATH) -> list[Segment]:
    lang = normalise_lang(lang, path)
    return segment_text(read_text(path), lang, document=Path(path).stem, rules=rules)
