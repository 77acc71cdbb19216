"""Numbers and dates as placeables: a clause that differs from a memory source only in numbers and month names
takes the memory's translation with the new numbers and months put in, in the target language's own form.

The target keeps its own way of writing a date around the digits (`2023. gada 24. novembrī`, `2023 m.
lapkričio 24 d.`, `24. novembril 2023`), so a year or day is changed by replacing its digits where they stand,
and a month by the same case of the new month (Latvian locative `novembrī` -> `decembrī`, Lithuanian genitive
`lapkričio` -> `gruodžio`). When the target does not show an old number exactly as often as the source does,
or one number would have to become two, nothing is adapted: the match stays a fuzzy one.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
TOKEN = re.compile(r"\d+(?:[.,]\d+)*|\w+|[^\w\s]", re.UNICODE)

EN_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
             "november", "december")

MONTH_FORMS: dict[str, tuple[tuple[str, ...], ...]] = {
    "en": (EN_MONTHS,),
    "et": (("jaanuar", "veebruar", "märts", "aprill", "mai", "juuni", "juuli", "august", "september", "oktoober",
            "november", "detsember"),
           ("jaanuaril", "veebruaril", "märtsil", "aprillil", "mail", "juunil", "juulil", "augustil", "septembril",
            "oktoobril", "novembril", "detsembril"),
           ("jaanuari", "veebruari", "märtsi", "aprilli", "mai", "juuni", "juuli", "augusti", "septembri",
            "oktoobri", "novembri", "detsembri")),
    "lv": (("janvāris", "februāris", "marts", "aprīlis", "maijs", "jūnijs", "jūlijs", "augusts", "septembris",
            "oktobris", "novembris", "decembris"),
           ("janvārī", "februārī", "martā", "aprīlī", "maijā", "jūnijā", "jūlijā", "augustā", "septembrī",
            "oktobrī", "novembrī", "decembrī"),
           ("janvāra", "februāra", "marta", "aprīļa", "maija", "jūnija", "jūlija", "augusta", "septembra",
            "oktobra", "novembra", "decembra")),
    "lt": (("sausio", "vasario", "kovo", "balandžio", "gegužės", "birželio", "liepos", "rugpjūčio", "rugsėjo",
            "spalio", "lapkričio", "gruodžio"),
           ("sausis", "vasaris", "kovas", "balandis", "gegužė", "birželis", "liepa", "rugpjūtis", "rugsėjis",
            "spalis", "lapkritis", "gruodis")),
}
"""Each language's month names, one tuple per grammatical case (the forms resolutions use first)."""


def has_placeables(text: str) -> bool:
    return any(kind for kind, _ in _shape(text)[1])


def _shape(text: str) -> tuple[list[str], list[tuple[str, str]]]:
    """The text's tokens with numbers and English month names masked, and the masked values in order."""
    masked, values = [], []
    for token in TOKEN.findall(text):
        if NUMBER.fullmatch(token):
            masked.append("\0n")
            values.append(("n", token))
        elif token.casefold() in EN_MONTHS:
            masked.append("\0m")
            values.append(("m", token.casefold()))
        else:
            masked.append(token)
    return masked, values


@dataclass(frozen=True)
class Adapted:
    target: str
    changes: list[tuple[str, str]]  # (old, new) as written in the sources

    def describe(self) -> str:
        return ", ".join(f"{old} → {new}" for old, new in self.changes)


def adapt(query: str, source: str, target: str, tgt: str) -> Adapted | None:
    """The memory's `target` adapted to `query`, when `query` and `source` differ only in numbers and months;
    None when they differ otherwise, are equal, or the target cannot be adapted safely."""
    q_masked, q_values = _shape(query)
    s_masked, s_values = _shape(source)
    if q_masked != s_masked or q_values == s_values:
        return None
    mapping: dict[tuple[str, str], str] = {}
    for (kind, old), (_, new) in zip(s_values, q_values, strict=True):
        if mapping.setdefault((kind, old), new) != new:
            return None  # one old value would become two new ones
    changed = {key: new for key, new in mapping.items() if key[1] != new}
    numbers = {old: new for (kind, old), new in changed.items() if kind == "n"}
    months = {old: new for (kind, old), new in changed.items() if kind == "m"}
    source_counts = Counter(v for kind, v in s_values if kind == "n")
    target_counts = Counter(NUMBER.findall(target))
    if any(target_counts[old] != source_counts[old] for old in numbers):
        return None
    adapted = NUMBER.sub(lambda m: numbers.get(m.group(), m.group()), target) if numbers else target
    if months:
        adapted = _months(adapted, months, tgt)
        if adapted is None:
            return None
    shown = [(old if kind == "n" else old.capitalize(), new if kind == "n" else new.capitalize())
             for (kind, old), new in changed.items()]
    return Adapted(adapted, shown)


def _months(target: str, months: dict[str, str], tgt: str) -> str | None:
    """Each old month's form in `target` replaced by the new month in the same case; None if one is not found."""
    cases = MONTH_FORMS.get(tgt)
    if not cases:
        return None
    for old, new in months.items():
        i_old, i_new = EN_MONTHS.index(old), EN_MONTHS.index(new)
        for forms in cases:
            pattern = re.compile(rf"\b{re.escape(forms[i_old])}\b", re.IGNORECASE)
            if pattern.search(target):
                new_form = forms[i_new]
                target = pattern.sub(lambda m, form=new_form: _same_case(m.group(), form), target)
                break
        else:
            return None
    return target


def _same_case(written: str, replacement: str) -> str:
    if written.isupper():
        return replacement.upper()
    if written[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement
