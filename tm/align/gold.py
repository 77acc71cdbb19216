"""Gold alignments: composing two pivot alignments into a third.

The corpus's gold files between two target languages are not drawn by hand: they follow from each one's
alignment with English (`python3 -m tm.align.gold corpora` writes them). Composing through the pivot groups
every clause linked, directly or through English, to the same English clauses.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations
from pathlib import Path

from tm.align.multi import order_groups
from tm.records import LANGS, Link


def compose(pivot_a: Sequence[Link], pivot_b: Sequence[Link]) -> list[Link]:
    """From pivot->A and pivot->B links, the A->B links: one per group of clauses joined through the pivot.

    Where both translations split one pivot clause into the same number of parts, the parts are linked one
    to one in order (both split at the same joint, e.g. before "and urging"; each such case in the corpus
    was read to confirm it).
    """
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def root(node: tuple[str, int]) -> tuple[str, int]:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for side, links in (("a", pivot_a), ("b", pivot_b)):
        for link in links:
            nodes = [("p", i) for i in link.src] + [(side, j) for j in link.tgt]
            for node in nodes[1:]:
                parent[root(node)] = root(nodes[0])
            if nodes:
                root(nodes[0])
    groups: dict[tuple[str, int], set[tuple[str, int]]] = {}
    for node in list(parent):
        groups.setdefault(root(node), set()).add(node)
    links = []
    for members in order_groups(list(groups.values()), ("p", "a", "b")):
        pivot = [i for side, i in members if side == "p"]
        a = tuple(sorted(i for side, i in members if side == "a"))
        b = tuple(sorted(i for side, i in members if side == "b"))
        if len(pivot) == 1 and len(a) == len(b) > 1:
            links.extend(Link(src=(i,), tgt=(j,)) for i, j in zip(a, b, strict=True))
        elif a or b:
            links.append(Link(src=a, tgt=b))
    return links


def write_composed(corpus: Path) -> list[Path]:
    """Write gold/<a>-<b>/ for every pair of target languages whose English gold files both exist."""
    from tm.formats.links import format_links, read_links
    from tm.fsutil import atomic_write

    written = []
    found = {p.name.split("-")[1] for p in (corpus / "gold").glob("en-*")}
    targets = [lang for lang in LANGS if lang in found] + sorted(found - set(LANGS))
    for a, b in combinations(targets, 2):
        for path in sorted((corpus / "gold" / f"en-{a}").glob("*.txt")):
            other = corpus / "gold" / f"en-{b}" / path.name
            if other.is_file():
                target = corpus / "gold" / f"{a}-{b}" / path.name
                with atomic_write(target) as handle:
                    handle.write(format_links(compose(read_links(path), read_links(other))))
                written.append(target)
    return written


if __name__ == "__main__":
    import sys

    for written in write_composed(Path(sys.argv[1] if len(sys.argv) > 1 else "corpora")):
        print(f"wrote {written}")
