"""The links an aligner got wrong, shown beside the gold links they cut across, for reading failure cases."""

from __future__ import annotations

from collections.abc import Iterator

from tm.records import Link


def wrong_links(src: list[str], tgt: list[str], gold: list[Link], test: list[Link]) -> Iterator[str]:
    """Each test link that is not a gold link, as text: the link, the gold links sharing a segment with it,
    and the segments' beginnings."""
    gold_set = {(g.src, g.tgt) for g in gold}
    for link in test:
        if (link.src, link.tgt) in gold_set:
            continue
        near = [g for g in gold if set(g.src) & set(link.src) or set(g.tgt) & set(link.tgt)]
        lines = [f"  test {link}   gold {'  '.join(str(g) for g in near) or '-'}"]
        lines += [f"    src {i}: {_clip(src[i])}" for i in sorted({i for g in near for i in g.src} | set(link.src))]
        lines += [f"    tgt {j}: {_clip(tgt[j])}" for j in sorted({j for g in near for j in g.tgt} | set(link.tgt))]
        yield "\n".join(lines)


def _clip(text: str, width: int = 110) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"
