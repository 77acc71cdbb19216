"""The aligner's tuned values, each named and explained once, in one frozen configuration.

`AlignConfig()` is the model as shipped; `apply_overrides(config, ["length.variance_floor=1.3"])` (or
`parse_overrides` from the defaults) gives a variant for an experiment, so that each tuning run in
BENCHMARKS-LOG.md can be repeated from a command line (`bench/align/run.py --set KEY=VALUE`,
`bench/align/experiments.py`). What each value was chosen against is in BENCHMARKS-LOG.md ("Alignment").

Keys are `section.field`; a link shape's prior is `dp.priors.A-B` (e.g. `dp.priors.1-0=0.03`).
"""

from __future__ import annotations

import dataclasses
import math
import typing
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from tm.errors import InputError


@dataclass(frozen=True)
class FeaturesConfig:
    """What a word or mark can meet in the other language without a dictionary (`tm.align.features`)."""

    cognate_prefix: int = 5
    """Letters of a folded word that make its cognate key: long enough that function words do not collide
    across languages, short enough to survive inflection (Ukraine / Ukraina / Ukrainos -> 'ukrai')."""
    name_min_chars: int = 3
    """A capitalised word at least this long but no longer than the prefix is a name and matches whole (NATO,
    Riga / Rīga); shorter ones ('Le', 'In') are sentence-initial function words."""
    mark_weight: float = 0.5
    """Weight of ? ! : ; against a word of the same rarity: they mostly survive translation and tell a clause
    end where words cannot, but carry less than a word."""


@dataclass(frozen=True)
class LengthConfig:
    """Gale-Church's length model, calibrated on the two texts (`tm.align.length`)."""

    first_pass_variance: float = 6.8
    """Variance of the first pass, before any link is known: Gale-Church's published value."""
    variance_floor: float = 1.0
    """Least variance of the second pass: the trusted links were trusted partly for fitting the length model,
    so their spread underestimates the variance, and in practice this floor is the second pass's variance."""
    variance_ceiling: float = 27.2
    """Greatest variance learned from the trusted links (four times Gale-Church's): a wild first pass cannot
    switch the length evidence off."""
    short_text_variance: float = 2.0
    """Variance for a pair of texts with too few trusted links to estimate it from: near the floor that long
    texts get in practice, so that a short text is not judged on a length model several times looser."""
    min_trusted_links: int = 10
    """Trusted 1-1 links needed to estimate the variance; fewer get `short_text_variance`."""
    trimmed_share: float = 0.9
    """Share of the trusted links, the closest-fitting ones, whose spread gives the variance: the worst tenth
    are usually wrong links."""
    prior_chars: int = 600
    """Weight, in characters of each text, of the prior that a translation is as long as its source: in a
    text of a few sentences one dropped sentence would otherwise move the ratio by a quarter."""
    max_count_ratio: float = 2.0
    """When one text has more than this many times the other's segments, the ratio comes from mean segment
    lengths rather than totals (5 sentences against their 100-sentence source)."""


@dataclass(frozen=True)
class LexiconConfig:
    """The translation lexicon learned from the first pass's trusted links (`tm.align.lexicon`)."""

    min_count: int = 2
    """Trusted links a word pair must share: one meeting proves nothing."""
    min_dice: float = 0.5
    """Least Dice association of a word pair: the two words mostly occur together."""
    per_word: int = 3
    """Translations kept per source word, the most associated first (inflected forms, synonyms)."""
    significance: float = 10.83
    """Least Dunning's G² of a word pair (p < .001, one degree of freedom): in a short text, function words
    meet twice in fifteen links by chance alone."""
    rounds: int = 1
    """Times the lexicon is re-learned from the latest alignment and the alignment redone with it."""


@dataclass(frozen=True)
class ScoringConfig:
    """How word matches and length make one link's cost (`tm.align.scoring`)."""

    unmatched: float = 1.0
    """Cost of leaving a mean clause's worth of words without counterpart, in units of `unmatched_unit`."""
    unmatched_unit: float = 10.0
    """The scale that puts a mean clause's unmatched words on the priors' -log scale (a deletion's prior
    costs 3.0); only its product with `unmatched` counts, which is the value tuned."""
    length_weight: float = 0.2
    """Weight of Gale-Church's -log P(length): lexical evidence says most, length breaks ties."""
    lexical_weight: float = 0.75
    """Share of the matched words (the rest: the length probability) in a link's similarity, which picks the
    trusted links the lexicon is learned from."""


@dataclass(frozen=True)
class DpConfig:
    """What the dynamic programme considers (`tm.align.dp`)."""

    priors: Mapping[tuple[int, int], float] = field(default_factory=lambda: {
        (1, 1): 0.85, (1, 2): 0.05, (2, 1): 0.05, (1, 0): 0.05, (0, 1): 0.05, (2, 2): 0.01,
        (1, 3): 0.005, (3, 1): 0.005, (2, 3): 0.002, (3, 2): 0.002, (1, 4): 0.001, (4, 1): 0.001})
    """How often each link shape occurs between translations (Gale-Church's table widened with the shapes
    of the published n-m gold standards; deletions as likely as 1-2 links). The DP considers exactly these
    shapes, in this order."""
    run_discount: float = 0.5
    """Share of a deletion's prior cost saved when it continues a run of deletions (affine gap costs): a
    stray paragraph stays one block instead of being swallowed into its neighbours' links."""
    first_pass_max_group: int = 2
    """Largest group on either side in the first pass: it only places the band and gives the trusted links."""


@dataclass(frozen=True)
class BandConfig:
    """Where the dynamic programme searches (`tm.align.pairwise`): a band around a coarser path."""

    full_grid: int = 2_500
    """Grids up to this many cells (50 x 50 clauses) are searched whole; larger ones inside a band."""
    semantic_full_grid: int = 360_000
    """With the embedding term, grids up to 600 x 600 clauses are searched whole in the first pass: the merged
    levels that place the band go on length alone and misplace it."""
    min_side: int = 4
    """A text of fewer clauses than this is searched whole whatever the grid (nothing to merge)."""
    width: int = 6
    """Clauses the first pass's band is widened by around the path found over clauses merged two by two."""
    refine_width: int = 4
    """Clauses the second pass may move a link from where the first pass put it."""


@dataclass(frozen=True)
class AnchorsConfig:
    """Documents' structure as evidence (`tm.align.anchors`, `tm.align.scoring`)."""

    block_mismatch: float = 3.0
    """Cost of each paragraph or item boundary inside a link on one side and not on the other, about an
    unlikely link shape's prior: translators keep paragraphs and items."""


@dataclass(frozen=True)
class MultiConfig:
    """Four-way grouping of the six pairwise alignments (`tm.align.multi`)."""

    strong_link: float = 0.5
    """A pairwise link at least this confident stands without a third language confirming it. On the raw scale
    (the share of cost saved, `tm align --set` and BENCHMARKS-LOG.md's experiments speak it), which the grouping
    reads; on the calibrated scale that links are reported on, it is `calibrate(0.5)` (CALIBRATION below)."""


@dataclass(frozen=True)
class SemanticConfig:
    """The optional embedding term (`tm align --embed`, `tm.align.semantic`)."""

    weight: float = 5.0
    """Against the words' and length's costs; a heavier term merges clauses that are separate translations,
    as longer groups always embed closer."""
    toward_chance: float = 0.5
    """Where a link turns from rewarded to penalised, as a share of the way from a typical clause's distance
    to its closest counterpart up to chance (1.0)."""
    window: int = 4
    """Longest run of consecutive clauses embedded whole (longer groups sum their clauses' vectors);
    embedding time grows with it."""
    samples: int = 64
    """Clauses of the other text each vector is compared with to learn what chance similarity is."""


@dataclass(frozen=True)
class AlignConfig:
    """Every tuned value of the aligner, by section."""

    features: FeaturesConfig = field(default_factory=FeaturesConfig)
    length: LengthConfig = field(default_factory=LengthConfig)
    lexicon: LexiconConfig = field(default_factory=LexiconConfig)
    scoring: ScoringConfig = field(default_factory=ScoringConfig)
    dp: DpConfig = field(default_factory=DpConfig)
    band: BandConfig = field(default_factory=BandConfig)
    anchors: AnchorsConfig = field(default_factory=AnchorsConfig)
    multi: MultiConfig = field(default_factory=MultiConfig)
    semantic: SemanticConfig = field(default_factory=SemanticConfig)


DEFAULT = AlignConfig()
"""The model as shipped."""


@dataclass(frozen=True)
class Calibration:
    """What a link's raw score means, measured: a monotone map from the raw score (the share of the cost of
    leaving both sides unlinked that the link saves) to the share of links so scored that are right, so that a
    link scored p is right about p of the time. Each map is (raw score, calibrated score) knots, linear between
    them and flat beyond; no knots: the raw score as it is. Fitted, not tuned: `bench/align/calibration.py
    --fit` refits it, and BENCHMARKS.md ("Alignment confidence: calibration") has the reliability tables."""

    link: tuple[tuple[float, float], ...] = ()
    """For a link between clauses of both sides."""
    alone: tuple[tuple[float, float], ...] = ()
    """For a clause left without counterpart (raw: one minus how well it matches its nearest neighbour)."""


CALIBRATION = Calibration(link=((0.091, 0.376), (0.175, 0.892), (0.254, 0.923), (0.457, 0.931)),
                          alone=((0.803, 0.751),))
"""The map the aligner reports its scores through, fitted on Text+Berg dev and the even-numbered FLORES en-et,
en-lv, en-lt documents (never the test sets). What it says: the raw score tells right from wrong links only at
the bottom; links scoring 0.25 or more on the raw scale are right about 92-93 times in 100, whatever their
score (on Text+Berg the highest-scored links are even wrong more often, so isotonic regression pools them),
and a clause left alone is right about 3 times in 4. On the test sets the expected calibration error falls
from .457 (Text+Berg) and .605 (FLORES) to .059 and .062 (BENCHMARKS.md)."""


def keys(config: AlignConfig = DEFAULT) -> Iterator[str]:
    """Every settable key, `section.field`, and `dp.priors.A-B` for each link shape of `config`."""
    for section in dataclasses.fields(config):
        for item in dataclasses.fields(getattr(config, section.name)):
            if item.name == "priors":
                yield from (f"{section.name}.priors.{a}-{b}" for a, b in getattr(config, section.name).priors)
            else:
                yield f"{section.name}.{item.name}"


def describe(config: AlignConfig = DEFAULT) -> list[str]:
    """`key=value` for every key: what an experiment ran with, one line each."""
    lines = []
    for key in keys(config):
        section, name, *shape = key.split(".")
        value = getattr(getattr(config, section), name)
        lines.append(f"{key}={value[_shape(shape[0], key)] if shape else value}")
    return lines


def apply_overrides(config: AlignConfig, overrides: Iterable[str]) -> AlignConfig:
    """`config` with each `KEY=VALUE` applied in turn; an InputError names the first bad one."""
    for override in overrides:
        key, sep, text = override.partition("=")
        key, text = key.strip(), text.strip()
        if not sep or not text:
            raise InputError(f"expected KEY=VALUE, e.g. length.variance_floor=1.3: {override!r}")
        section_name, _, rest = key.partition(".")
        name, _, shape = rest.partition(".")
        section = getattr(config, section_name, None) if section_name in _SECTIONS else None
        if (section is None or name not in {f.name for f in dataclasses.fields(section)}
                or bool(shape) != (name == "priors")):
            if section is not None and name == "priors":
                raise InputError(f"a link shape's prior is dp.priors.A-B, e.g. dp.priors.1-0=0.03: {key!r}")
            valid = [k for k in keys(config) if not k.startswith("dp.priors.")] + ["dp.priors.A-B"]
            raise InputError(f"unknown alignment setting {key!r}; valid: {', '.join(valid)}")
        if shape:
            priors = dict(section.priors)
            priors[_shape(shape, key)] = _number(float, text, key, positive=True)
            section = dataclasses.replace(section, priors=priors)
        else:
            kind = typing.get_type_hints(type(section))[name]
            section = dataclasses.replace(section, **{name: _number(kind, text, key)})
        config = dataclasses.replace(config, **{section_name: section})
    return config


def parse_overrides(values: Sequence[str], base: AlignConfig = DEFAULT) -> AlignConfig:
    """The configuration for `tm align --set KEY=VALUE ...` and `bench/align/run.py --set ...`."""
    return apply_overrides(base, values)


_SECTIONS = frozenset(f.name for f in dataclasses.fields(AlignConfig))


def _shape(text: str, key: str) -> tuple[int, int]:
    a, sep, b = text.partition("-")
    if not (sep and a.isdigit() and b.isdigit()) or (a, b) == ("0", "0") or max(int(a), int(b)) > 9:
        raise InputError(f"not a link shape A-B (e.g. 1-0, 2-1): {key!r}")
    return int(a), int(b)


def _number(kind: type, text: str, key: str, positive: bool = False) -> int | float:
    """`text` as an int or float (bool is not a knob here), finite and not negative (positive if asked)."""
    try:
        value = int(text) if kind is int else float(text)
    except ValueError:
        raise InputError(f"{key} takes {'a whole number' if kind is int else 'a number'}, not {text!r}") from None
    if not math.isfinite(value) or value < 0 or (positive and value == 0):
        raise InputError(f"{key} must be a {'positive' if positive else 'non-negative'} finite number, not {text!r}")
    return value
