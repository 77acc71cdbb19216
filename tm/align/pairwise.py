"""Align two lists of clauses: a first pass on length and anchors, a lexicon learned from it, a second pass.

`align_texts` is the whole pairwise aligner; everything it needs is learned from the two texts, so any
language pair works with no set-up (Text+Berg de-fr as well as en-lv).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from statistics import median
from typing import TYPE_CHECKING

from tm.align.anchors import Anchors, structure_keys
from tm.align.dp import LINK_PRIORS, Group, Rows, align_band, full_band, prior_costs, project
from tm.align.features import Bag, document_bags, merge_pairs
from tm.align.length import LengthModel, calibrate, refine
from tm.align.lexicon import Lexicon, learn
from tm.align.scoring import PairScorer, source_side, target_side
from tm.records import Link, Segment

if TYPE_CHECKING:
    from tm.align.semantic import Semantic, SemanticCost

Progress = Callable[[str], None]

FULL_GRID = 2_500
"""Grids up to this many cells (50 x 50 clauses) are searched whole; larger ones inside a band."""
SEMANTIC_FULL_GRID = 360_000
"""With the embedding term, grids up to 600 x 600 clauses are searched whole in the first pass: the merged
levels that place the band go on length alone and misplace it (Text+Berg dev .896 -> .911)."""
BAND_WIDTH = 6
REFINE_WIDTH = 4
"""The second pass only moves links a few clauses away from where the first pass put them."""


@dataclass(frozen=True)
class Params:
    """The scoring model's knobs, tuned on held-out gold (Text+Berg dev, FLORES)."""

    unmatched: float = 1.0
    """Cost of leaving a clause's worth of words without counterpart, relative to the mean clause."""
    length_weight: float = 0.2
    """Weight of Gale-Church's -log P(length): lexical evidence says most, length breaks ties."""
    run_discount: float = 0.5
    """Share of a deletion's prior cost saved when it continues a run of deletions (affine gaps)."""
    rounds: int = 1
    """Times the lexicon is re-learned from the latest alignment and the alignment redone with it."""
    priors: dict[tuple[int, int], float] = field(default_factory=lambda: dict(LINK_PRIORS))
    semantic: Semantic | None = None
    """Optional embedding evidence (`tm.align.semantic`, extra `tm[embed]`); None: words, anchors, length."""


def align_texts(src: Sequence[str], tgt: Sequence[str], params: Params = Params(),
                progress: Progress = lambda message: None) -> list[Link]:
    """Align one pair of texts (everything is learned from these two texts alone)."""
    return align_documents([(src, tgt)], params, progress)[0]


def align_documents(documents: Sequence[tuple[Sequence[str], Sequence[str]]], params: Params = Params(),
                    progress: Progress = lambda message: None,
                    anchors: Sequence[tuple[Anchors, Anchors]] | None = None) -> list[list[Link]]:
    """Align several document pairs of one language pair, learning one lexicon and length model from all.

    A lexicon needs repeated word pairs, which a short document cannot give; a collection of documents
    (a corpus's resolutions, a batch of news articles) can, as in hunalign's batch mode. `anchors` adds
    each clause's structure and glossary keys (`tm.align.anchors`). `progress` hears what is being done,
    for a terminal: long texts take a minute.
    """
    docs = [([*s], [*t]) for s, t in documents]
    keys = anchors or [(None, None)] * len(docs)
    bags = [(document_bags(s, a), document_bags(t, b)) for (s, t), (a, b) in zip(docs, keys, strict=True)]
    sems = _semantic_costs(docs, params.semantic, lambda done, todo: progress(
        f"align: embed the clauses and their windows (multilingual-e5-small): {done:,} of {todo:,}"))
    length = calibrate([b.chars for sb, _ in bags for b in sb], [b.chars for _, tb in bags for b in tb])
    paths = [_first_pass(_scorer(sb, tb, {}, length, params, sem), params,
                         _rows(progress, "first pass (length, anchors)", k, len(docs))) if sb and tb else []
             for k, ((sb, tb), sem) in enumerate(zip(bags, sems))]
    lexicon: Lexicon = {}
    for _ in range(params.rounds):
        trusted = [(sb[g.i0], tb[g.j0]) for (sb, tb), path in zip(bags, paths)
                   for g in _trusted_one_to_one(path, _scorer(sb, tb, lexicon, length, params))]
        lexicon = learn(trusted)
        length = refine(length, [(s.chars, t.chars) for s, t in trusted])
        label = f"second pass (lexicon of {len(lexicon):,} words)"
        paths = [align_band(_scorer(sb, tb, lexicon, length, params, sem).cost, len(sb), len(tb),
                            project(path, len(sb), len(tb), REFINE_WIDTH, scale=1), list(params.priors),
                            _run_discount(params), _rows(progress, label, k, len(docs))) if sb and tb else []
                 for k, ((sb, tb), path, sem) in enumerate(zip(bags, paths, sems))]
    progress("")
    results = []
    for (sb, tb), path, sem in zip(bags, paths, sems):
        if not sb or not tb:
            results.append([Link((i,), (), 0.0) for i in range(len(sb))] + [Link((), (j,), 0.0) for j in range(len(tb))])
            continue
        scorer = _scorer(sb, tb, lexicon, length, params, sem)
        results.append([_link(g, scorer) for g in path])
    return results


def align_pair(src: Sequence[Segment], tgt: Sequence[Segment], params: Params = Params()) -> list[Link]:
    """Align two documents' clauses (from `tm.segment`, their structure used as evidence); link indices
    are positions in the given lists."""
    return align_documents([([s.text for s in src], [t.text for t in tgt])], params,
                           anchors=[(structure_keys(src), structure_keys(tgt))])[0]


def _semantic_costs(docs: list[tuple[list[str], list[str]]], semantic: Semantic | None,
                    progress: Callable[[int, int], None]) -> list[SemanticCost | None]:
    """Each document pair's embedding term, all documents embedded in one batch; Nones without the extra."""
    if semantic is None:
        return [None] * len(docs)
    semantic.prepare(docs, progress)
    return [semantic.pair(s, t) if s and t else None for s, t in docs]


def _trusted_one_to_one(groups: list[Group], scorer: PairScorer) -> list[Group]:
    ones = [(scorer.similarity(g.i0, g.i1, g.j0, g.j1), g) for g in groups if g.i1 - g.i0 == 1 and g.j1 - g.j0 == 1]
    if not ones:
        return []
    cut = median(s for s, _ in ones)
    return [g for s, g in ones if s >= cut]


def _run_discount(params: Params) -> float:
    return params.run_discount * -math.log(params.priors[(1, 0)])


def _scorer(src: list[Bag], tgt: list[Bag], lexicon: Lexicon, length: LengthModel, params: Params,
            semantic: SemanticCost | None = None) -> PairScorer:
    src_side, tgt_side = source_side(src, lexicon), target_side(tgt)
    mean_clause = (sum(src_side.totals) + sum(tgt_side.totals)) / (len(src) + len(tgt)) or 1.0
    return PairScorer(src_side, tgt_side, length, prior_costs(params.priors),
                      unmatched_scale=params.unmatched * 10.0 / mean_clause, length_weight=params.length_weight,
                      structured=any(src_side.opens) and any(tgt_side.opens), semantic=semantic)


def _rows(progress: Progress, label: str, k: int, documents: int) -> Rows:
    where = f", document {k + 1} of {documents}" if documents > 1 else ""
    return lambda done, rows: progress(f"align: {label}{where}: {100 * done // rows}%")


def _first_pass(scorer: PairScorer, params: Params, rows: Rows | None = None) -> list[Group]:
    """Best path with no lexicon yet, through the common shapes only: it places the second pass's band and
    gives the trusted links. A grid too large to search whole is searched inside the band of the same pass
    over neighbouring clauses merged two by two; the embedding term knows whole clauses only, so those merged
    levels go without it."""
    src, tgt = scorer.src.bags, scorer.tgt.bags
    n, m = len(src), len(tgt)
    if n * m <= (FULL_GRID if scorer.semantic is None else SEMANTIC_FULL_GRID) or min(n, m) < 4:
        band = full_band(n, m)
    else:
        coarse = _scorer(merge_pairs(src), merge_pairs(tgt), {}, scorer.length, params)
        band = project(_first_pass(coarse, params), n, m, BAND_WIDTH)
    shapes = [s for s in params.priors if max(s) <= 2]
    return align_band(scorer.cost, n, m, band, shapes, _run_discount(params), rows)


def _link(group: Group, scorer: PairScorer) -> Link:
    src, tgt = tuple(range(group.i0, group.i1)), tuple(range(group.j0, group.j1))
    if src and tgt:
        return Link(src, tgt, round(scorer.confidence(group.i0, group.i1, group.j0, group.j1), 3))
    return Link(src, tgt, round(1.0 - _best_neighbour(group, scorer), 3))


def _best_neighbour(group: Group, scorer: PairScorer) -> float:
    """How well an unlinked clause would have matched a clause next to where it sits: low means truly alone."""
    n, m = len(scorer.src.bags), len(scorer.tgt.bags)
    if group.i1 > group.i0:
        return max((scorer.confidence(group.i0, group.i1, j, j + 1) for j in range(max(0, group.j0 - 1), min(m, group.j0 + 1))),
                   default=0.0)
    return max((scorer.confidence(i, i + 1, group.j0, group.j1) for i in range(max(0, group.i0 - 1), min(n, group.i0 + 1))),
               default=0.0)
