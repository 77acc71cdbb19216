"""Which clauses a unit holds, as one property string (`en:0,1;et:2`) where a format has only strings: TMX's
`x-clauses` prop, a store's props. Everywhere else it stays TranslationUnit.clauses."""

from __future__ import annotations

from collections.abc import Mapping

PROP = "x-clauses"


def format_clauses(clauses: Mapping[str, tuple[int, ...]]) -> str:
    return ";".join(f"{lang}:{','.join(map(str, indices))}" for lang, indices in clauses.items() if indices)


def parse_clauses(text: str) -> dict[str, tuple[int, ...]] | None:
    """The clauses of `format_clauses`' string, or None when `text` is not one (it is then kept as a prop)."""
    clauses: dict[str, tuple[int, ...]] = {}
    for part in text.split(";"):
        lang, colon, indices = part.partition(":")
        numbers = indices.split(",")
        if not (colon and lang and all(n.isascii() and n.isdigit() for n in numbers)):
            return None
        clauses[lang] = tuple(int(n) for n in numbers)
    return clauses


def with_clauses(props: dict[str, str], clauses: Mapping[str, tuple[int, ...]]) -> dict[str, str]:
    """`props` with the clauses added as the `x-clauses` property (for formats that hold only strings)."""
    return {**props, PROP: format_clauses(clauses)} if clauses else props


def split_clauses(props: dict[str, str]) -> tuple[dict[str, str], dict[str, tuple[int, ...]]]:
    """The props without `x-clauses`, and the clauses it held (a malformed one stays a prop)."""
    parsed = parse_clauses(props[PROP]) if PROP in props else None
    if parsed is None:
        return props, {}
    return {name: value for name, value in props.items() if name != PROP}, parsed
