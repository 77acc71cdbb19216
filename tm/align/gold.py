"""Gold alignments: composing two pivot alignments into a third.

The corpus's gold files between two target languages are not drawn by hand: they follow from each one's
alignment with English. Composing through the pivot groups every clause linked, directly or through
English, to the same English clauses.
"""

from __future__ import annotations

from collections.abc import Sequence

from tm.align.multi import order_groups

Pair = tuple[tuple[int, ...], tuple[int, ...]]


def compose(pivot_a: Sequence[Pair], pivot_b: Sequence[Pair]) -> list[Pair]:
    """From pivot->A and pivot->B links, the A->B links: one per group of clauses joined through the pivot."""
    parent: dict[tuple[str, int], tuple[str, int]] = {}

    def root(node: tuple[str, int]) -> tuple[str, int]:
        parent.setdefault(node, node)
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for side, links in (("a", pivot_a), ("b", pivot_b)):
        for pivot, target in links:
            nodes = [("p", i) for i in pivot] + [(side, j) for j in target]
            for node in nodes[1:]:
                parent[root(node)] = root(nodes[0])
            if nodes:
                root(nodes[0])
    groups: dict[tuple[str, int], set[tuple[str, int]]] = {}
    for node in list(parent):
        groups.setdefault(root(node), set()).add(node)
    links = []
    for members in order_groups(list(groups.values()), ("p", "a", "b")):
        a = tuple(sorted(i for side, i in members if side == "a"))
        b = tuple(sorted(i for side, i in members if side == "b"))
        if a or b:
            links.append((a, b))
    return links


def format_links(links: Sequence[Pair]) -> str:
    return "".join(f"[{', '.join(map(str, a))}]:[{', '.join(map(str, b))}]\n" for a, b in links)
