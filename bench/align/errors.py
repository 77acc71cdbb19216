"""The links an aligner got wrong, shown beside the gold links they cut across, for reading failure cases."""

from __future__ import annotations

from collections.abc import Iterator

Link = tuple[tuple[int, ...], tuple[int, ...]]


def wrong_links(src: list[str], tgt: list[str], gold: list[Link], test: list[Link]) -> Iterator[str]:
    """Each test link that is not a gold link, as text: the link, the gold links sharing a segment with it,
    and the segments' beginnings."""
    gold_set = {(tuple(a), tuple(b)) for a, b in gold}
    for a, b in test:
        if (tuple(a), tuple(b)) in gold_set:
            continue
        near = [g for g in gold if set(g[0]) & set(a) or set(g[1]) & set(b)]
        lines = [f"  test {_show(a, b)}   gold {'  '.join(_show(*g) for g in near) or '-'}"]
        lines += [f"    src {i}: {_clip(src[i])}" for i in sorted({i for g in near for i in g[0]} | set(a))]
        lines += [f"    tgt {j}: {_clip(tgt[j])}" for j in sorted({j for g in near for j in g[1]} | set(b))]
        yield "\n".join(lines)


def _show(a: tuple[int, ...], b: tuple[int, ...]) -> str:
    return f"{list(a)}:{list(b)}"


def _clip(text: str, width: int = 110) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"
