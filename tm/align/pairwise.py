"""Align two lists of clauses: a first pass on length and anchors, a lexicon learned from it, a second pass.

`align_texts` is the whole pairwise aligner; everything it needs is learned from the two texts, so any
language pair works with no set-up (Text+Berg de-fr as well as en-lv). Its tuned values are in
`tm.align.config`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from statistics import median
from typing import TYPE_CHECKING

from tm.align.anchors import Anchors, structure_keys
from tm.align.config import DEFAULT, AlignConfig
from tm.align.dp import Rows, Step, align_band, full_band, prior_costs, project
from tm.align.features import Bag, document_bags, merge_pairs
from tm.align.length import LengthModel, calibrate, refine
from tm.align.lexicon import Lexicon, learn
from tm.align.scoring import PairScorer, calibrated_score, source_side, target_side
from tm.records import Link, Segment

if TYPE_CHECKING:
    from tm.align.semantic import Semantic, SemanticCost

Progress = Callable[[str], None]
Bags = tuple[list[Bag], list[Bag]]
"""One document pair's clauses as the aligner sees them, source and target."""
Path = list[Step]


@dataclass(frozen=True)
class Params:
    """The model: its tuned values, and optionally the embedding evidence (`tm.align.semantic`, extra
    `tm[embed]`; None: words, anchors and length alone)."""

    config: AlignConfig = DEFAULT
    semantic: Semantic | None = None


def align_texts(src: Sequence[str], tgt: Sequence[str], params: Params = Params(),
                progress: Progress = lambda message: None, raw: bool = False) -> list[Link]:
    """Align one pair of texts (everything is learned from these two texts alone)."""
    return align_documents([(src, tgt)], params, progress, raw=raw)[0]


def align_documents(documents: Sequence[tuple[Sequence[str], Sequence[str]]], params: Params = Params(),
                    progress: Progress = lambda message: None,
                    anchors: Sequence[tuple[Anchors, Anchors]] | None = None, raw: bool = False) -> list[list[Link]]:
    """Align several document pairs of one language pair, learning one lexicon and length model from all.

    A lexicon needs repeated word pairs, which a short document cannot give; a collection of documents
    (a corpus's resolutions, a batch of news articles) can, as in hunalign's batch mode. `anchors` adds
    each clause's structure and glossary keys (`tm.align.anchors`). `progress` hears what is being done,
    for a terminal: long texts take a minute.
    """
    config = params.config
    docs = [([*s], [*t]) for s, t in documents]
    bags = _bags(docs, anchors or [(None, None)] * len(docs), config)
    sems = _semantic_costs(docs, params, lambda done, todo: progress(
        f"align: embed the clauses and their windows (multilingual-e5-small): {done:,} of {todo:,}"))
    length = calibrate([b.chars for sb, _ in bags for b in sb], [b.chars for _, tb in bags for b in tb], config.length)
    paths = _first_passes(bags, sems, length, config, progress)
    lexicon: Lexicon = {}
    for _ in range(config.lexicon.rounds):
        trusted = _trusted_pairs(bags, paths, lexicon, length, config)
        lexicon = learn(trusted, config.lexicon)
        length = refine(length, [(s.chars, t.chars) for s, t in trusted], config.length)
        paths = _second_passes(bags, paths, sems, lexicon, length, config, progress)
    progress("")
    found = [_final_links(path, _scorer(sb, tb, lexicon, length, config, sem)) if sb and tb else _unlinked(sb, tb)
             for (sb, tb), path, sem in zip(bags, paths, sems, strict=True)]
    return found if raw else [[_reported(link) for link in links] for links in found]


def _reported(link: Link) -> Link:
    """A link with its raw score on the calibrated scale (a clause with no counterpart anywhere keeps 0)."""
    if link.score is None or (link.score == 0.0 and not (link.src and link.tgt)):
        return link
    return Link(link.src, link.tgt, round(calibrated_score(link.score, bool(link.src and link.tgt)), 3))


def align_pair(src: Sequence[Segment], tgt: Sequence[Segment], params: Params = Params(),
               raw: bool = False) -> list[Link]:
    """Align two documents' clauses (from `tm.segment`, their structure used as evidence); link indices
    are positions in the given lists."""
    return align_documents([([s.text for s in src], [t.text for t in tgt])], params,
                           anchors=[(structure_keys(src), structure_keys(tgt))], raw=raw)[0]


def _bags(docs: list[tuple[list[str], list[str]]], anchors: Sequence[tuple[Anchors | None, Anchors | None]],
          config: AlignConfig) -> list[Bags]:
    return [(document_bags(s, a, config.features), document_bags(t, b, config.features))
            for (s, t), (a, b) in zip(docs, anchors, strict=True)]


def _semantic_costs(docs: list[tuple[list[str], list[str]]], params: Params,
                    progress: Callable[[int, int], None]) -> list[SemanticCost | None]:
    """Each document pair's embedding term, all documents embedded in one batch; Nones without the extra."""
    if params.semantic is None:
        return [None] * len(docs)
    config = params.config.semantic
    params.semantic.prepare(docs, progress, config)
    return [params.semantic.pair(s, t, config) if s and t else None for s, t in docs]


def _first_passes(bags: list[Bags], sems: list[SemanticCost | None], length: LengthModel, config: AlignConfig,
                  progress: Progress) -> list[Path]:
    """Each document's path on length and anchors alone (no lexicon yet)."""
    paths = []
    for k, ((sb, tb), sem) in enumerate(zip(bags, sems, strict=True)):
        if not sb or not tb:
            paths.append([])
            continue
        rows = _rows(progress, "first pass (length, anchors)", k, len(bags))
        paths.append(_first_pass(_scorer(sb, tb, {}, length, config, sem), config, rows))
    return paths


def _trusted_pairs(bags: list[Bags], paths: list[Path], lexicon: Lexicon, length: LengthModel,
                   config: AlignConfig) -> list[tuple[Bag, Bag]]:
    """The clause pairs of every document's trusted 1-1 links: the parallel corpus the lexicon learns from."""
    trusted = []
    for (sb, tb), path in zip(bags, paths, strict=True):
        if path:
            scorer = _scorer(sb, tb, lexicon, length, config)
            trusted += [(sb[step.i0], tb[step.j0]) for step in _trusted_one_to_one(path, scorer)]
    return trusted


def _second_passes(bags: list[Bags], paths: list[Path], sems: list[SemanticCost | None], lexicon: Lexicon,
                   length: LengthModel, config: AlignConfig, progress: Progress) -> list[Path]:
    """Each document's path again with the lexicon, within `band.refine_width` of its previous path."""
    label = f"second pass (lexicon of {len(lexicon):,} words)"
    shapes = list(config.dp.priors)
    found = []
    for k, ((sb, tb), path, sem) in enumerate(zip(bags, paths, sems, strict=True)):
        if not sb or not tb:
            found.append([])
            continue
        scorer = _scorer(sb, tb, lexicon, length, config, sem)
        band = project(path, len(sb), len(tb), config.band.refine_width, scale=1)
        rows = _rows(progress, label, k, len(bags))
        found.append(align_band(scorer.cost, len(sb), len(tb), band, shapes, _run_discount(config), rows))
    return found


def _trusted_one_to_one(path: Path, scorer: PairScorer) -> Path:
    """The path's 1-1 links whose similarity is at least the median of theirs: the better half."""
    ones = [(scorer.similarity(g.i0, g.i1, g.j0, g.j1), g) for g in path if g.i1 - g.i0 == 1 and g.j1 - g.j0 == 1]
    if not ones:
        return []
    cut = median(s for s, _ in ones)
    return [g for s, g in ones if s >= cut]


def _run_discount(config: AlignConfig) -> float:
    """`dp.run_discount` as a share of a deletion's prior cost."""
    return config.dp.run_discount * -math.log(config.dp.priors[(1, 0)])


def _scorer(src: list[Bag], tgt: list[Bag], lexicon: Lexicon, length: LengthModel, config: AlignConfig,
            semantic: SemanticCost | None = None) -> PairScorer:
    src_side, tgt_side = source_side(src, lexicon), target_side(tgt)
    mean_clause = (sum(src_side.totals) + sum(tgt_side.totals)) / (len(src) + len(tgt)) or 1.0
    scoring = config.scoring
    return PairScorer(src_side, tgt_side, length, prior_costs(config.dp.priors),
                      unmatched_scale=scoring.unmatched * scoring.unmatched_unit / mean_clause,
                      length_weight=scoring.length_weight, lexical_weight=scoring.lexical_weight,
                      structured=any(src_side.opens) and any(tgt_side.opens),
                      block_mismatch=config.anchors.block_mismatch, semantic=semantic)


def _rows(progress: Progress, label: str, k: int, documents: int) -> Rows:
    where = f", document {k + 1} of {documents}" if documents > 1 else ""
    return lambda done, rows: progress(f"align: {label}{where}: {100 * done // rows}%")


def _first_pass(scorer: PairScorer, config: AlignConfig, rows: Rows | None = None) -> Path:
    """Best path with no lexicon yet, through the common shapes only: it places the second pass's band and
    gives the trusted links. A grid too large to search whole is searched inside the band of the same pass
    over neighbouring clauses merged two by two; the embedding term knows whole clauses only, so those merged
    levels go without it."""
    src, tgt = scorer.src.bags, scorer.tgt.bags
    n, m = len(src), len(tgt)
    band = config.band
    if n * m <= (band.full_grid if scorer.semantic is None else band.semantic_full_grid) or min(n, m) < band.min_side:
        cells = full_band(n, m)
    else:
        coarse = _scorer(merge_pairs(src), merge_pairs(tgt), {}, scorer.length, config)
        cells = project(_first_pass(coarse, config), n, m, band.width)
    shapes = [s for s in config.dp.priors if max(s) <= config.dp.first_pass_max_group]
    return align_band(scorer.cost, n, m, cells, shapes, _run_discount(config), rows)


def _final_links(path: Path, scorer: PairScorer) -> list[Link]:
    """The path's steps as links, each with its confidence under the final model."""
    return [_link(step, scorer) for step in path]


def _unlinked(src: list[Bag], tgt: list[Bag]) -> list[Link]:
    """A pair of texts one of which is empty: every clause of the other alone."""
    return [Link((i,), (), 0.0) for i in range(len(src))] + [Link((), (j,), 0.0) for j in range(len(tgt))]


def _link(step: Step, scorer: PairScorer) -> Link:
    src, tgt = tuple(range(step.i0, step.i1)), tuple(range(step.j0, step.j1))
    if src and tgt:
        return Link(src, tgt, round(scorer.confidence(step.i0, step.i1, step.j0, step.j1), 3))
    return Link(src, tgt, round(1.0 - _best_neighbour(step, scorer), 3))


def _best_neighbour(step: Step, scorer: PairScorer) -> float:
    """How well an unlinked clause would have matched a clause next to where it sits: low means truly alone."""
    n, m = len(scorer.src.bags), len(scorer.tgt.bags)
    if step.i1 > step.i0:
        return max((scorer.confidence(step.i0, step.i1, j, j + 1)
                    for j in range(max(0, step.j0 - 1), min(m, step.j0 + 1))), default=0.0)
    return max((scorer.confidence(i, i + 1, step.j0, step.j1) for i in range(max(0, step.i0 - 1), min(n, step.i0 + 1))),
               default=0.0)
