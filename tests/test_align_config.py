"""The aligner's configuration: one frozen set of tuned values, changed by `KEY=VALUE` overrides that reach
the code that uses them."""

from __future__ import annotations

import dataclasses

import pytest

from tm.align.config import DEFAULT, AlignConfig, apply_overrides, describe, keys, parse_overrides
from tm.align.features import anchor_keys
from tm.align.pairwise import Params, align_texts
from tm.errors import InputError


def test_overrides_change_one_value_each_and_leave_the_defaults_alone():
    config = parse_overrides(["length.variance_floor=1.3", "lexicon.min_count=1", "dp.priors.1-0=0.03"])
    assert (config.length.variance_floor, config.lexicon.min_count, config.dp.priors[(1, 0)]) == (1.3, 1, 0.03)
    assert list(config.dp.priors) == list(DEFAULT.dp.priors)  # the DP's shapes keep their order
    assert DEFAULT == AlignConfig() and DEFAULT.length.variance_floor == 1.0 and DEFAULT.dp.priors[(1, 0)] == 0.05
    assert dataclasses.replace(config, length=DEFAULT.length, lexicon=DEFAULT.lexicon) != DEFAULT
    with pytest.raises(dataclasses.FrozenInstanceError):
        config.length.variance_floor = 2.0  # type: ignore[misc]


def test_every_key_is_listed_and_described():
    listed = list(keys())
    assert "length.variance_floor" in listed and "dp.priors.1-0" in listed and "multi.strong_link" in listed
    assert len(describe()) == len(listed) and "scoring.length_weight=0.2" in describe()
    assert apply_overrides(DEFAULT, describe()) == DEFAULT  # what describe() prints reads back as itself


@pytest.mark.parametrize("override, message", [
    ("length.variance_flor=1.3", "unknown alignment setting 'length.variance_flor'; valid: features.cognate_prefix"),
    ("nothing.here=1", "valid: "),
    ("length.variance_floor", "expected KEY=VALUE"),
    ("lexicon.min_count=1.5", "lexicon.min_count takes a whole number, not '1.5'"),
    ("scoring.unmatched=much", "scoring.unmatched takes a number, not 'much'"),
    ("length.variance_floor=-1", "must be a non-negative finite number"),
    ("dp.priors=0.1", "a link shape's prior is dp.priors.A-B"),
    ("dp.priors.x-1=0.1", "not a link shape"),
    ("dp.priors.1-0=0", "must be a positive finite number"),
])
def test_a_bad_override_is_one_line_naming_it(override, message):
    with pytest.raises(InputError) as error:
        parse_overrides([override])
    assert message in str(error.value) and "\n" not in str(error.value)


def test_an_override_reaches_the_code_that_uses_it():
    assert anchor_keys("Ukrainos") == {"~ukrai"}
    assert anchor_keys("Ukrainos", parse_overrides(["features.cognate_prefix=4"]).features) == {"~ukra"}
    src = ["Viens.", "Divi un trīs, un vēl četri.", "Pieci."]
    tgt = ["One.", "Two and three.", "And four.", "Five."]
    shipped = [(link.src, link.tgt) for link in align_texts(src, tgt)]
    no_merges = Params(parse_overrides([f"dp.priors.{a}-{b}=1e-9" for a, b in DEFAULT.dp.priors if a > 1 or b > 1]))
    assert ((1,), (1, 2)) in shipped
    assert all(len(link.src) < 2 and len(link.tgt) < 2 for link in align_texts(src, tgt, no_merges))
