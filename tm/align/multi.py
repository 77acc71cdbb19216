"""Four-way alignment: one unit per group of clauses that all language pairs agree belong together.

Aligning each language to English independently lets one bad pair (a merge in en-lt, a slip in en-et)
decide alone. Here all pairs are aligned, and a weak link between two clauses is dropped only when a third
language contradicts it: both clauses are linked to that language, but to different clauses of it. A link
is kept when another language confirms it (a clause of the third language linked to both), when the pair's
own evidence is strong, or when no third language has a say (two languages, or clauses the third language
left unlinked): a third language's confirmation only raises confidence where it exists. Kept links join
clauses into groups (connected components); groups that would cross are merged, so every clause of every
language lands in exactly one unit, in document order.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

from tm.align.anchors import Anchors, combine, glossary_keys, structure_keys
from tm.align.config import DEFAULT, MultiConfig
from tm.align.pairwise import Params, align_documents, align_pair
from tm.align.scoring import calibrated_score
from tm.records import Link, Segment

Node = tuple[str, int]
Concepts = Callable[[str], set[str]]
"""A language's glossary term finder: the concepts named in a text."""
DEFAULT_PARAMS = Params()
"""The model `align_corpus` uses unless given another: the tuned values, no embeddings (Params is frozen)."""


@dataclass(frozen=True, slots=True)
class AlignedGroup:
    """Clause indices per language (an empty tuple when the language has no counterpart), a confidence,
    and the pairwise links kept inside the group, which say how it splits between any two languages."""

    members: Mapping[str, tuple[int, ...]]
    score: float
    edges: frozenset[frozenset[Node]] = frozenset()


def _align_raw(src: Sequence[Segment], tgt: Sequence[Segment]) -> list[Link]:
    return align_pair(src, tgt, raw=True)


def align_multi(documents: Mapping[str, Sequence[Segment]],
                align: Callable[[Sequence[Segment], Sequence[Segment]], list[Link]] = _align_raw,
                config: MultiConfig = DEFAULT.multi) -> list[AlignedGroup]:
    """One document's language versions aligned four ways (`align` gives a pair's links with raw scores)."""
    langs = [lang for lang, clauses in documents.items() if clauses]
    return group_links(documents, {(a, b): align(documents[a], documents[b]) for a, b in combinations(langs, 2)},
                       config)


def align_corpus(corpus: Mapping[str, Mapping[str, Sequence[Segment]]],
                 concepts: Mapping[str, Concepts] | None = None,
                 params: Params = DEFAULT_PARAMS) -> dict[str, list[AlignedGroup]]:
    """Every document of a corpus aligned four ways; each language pair learns its lexicon from all the
    documents at once (two resolutions teach more word pairs than one). The documents' structure is
    evidence, and so are the glossary's concepts when `concepts` gives each language's term finder."""
    pair_links: dict[str, dict[tuple[str, str], list[Link]]] = {name: {} for name in corpus}
    langs = list(dict.fromkeys(lang for versions in corpus.values() for lang, clauses in versions.items() if clauses))
    keys = {(name, lang): _anchors(clauses, (concepts or {}).get(lang))
            for name, versions in corpus.items() for lang, clauses in versions.items() if clauses}
    for a, b in combinations(langs, 2):
        names = [name for name, versions in corpus.items() if versions.get(a) and versions.get(b)]
        texts = [([s.text for s in corpus[name][a]], [s.text for s in corpus[name][b]]) for name in names]
        anchors = [(keys[(name, a)], keys[(name, b)]) for name in names]
        for name, links in zip(names, align_documents(texts, params, anchors=anchors, raw=True), strict=True):
            pair_links[name][(a, b)] = links
    return {name: group_links(versions, pair_links[name], params.config.multi) for name, versions in corpus.items()}


def _anchors(clauses: Sequence[Segment], concepts: Concepts | None) -> Anchors:
    structure = structure_keys(clauses)
    return combine(structure, glossary_keys([c.text for c in clauses], concepts)) if concepts else structure


def group_links(documents: Mapping[str, Sequence[Segment]], pair_links: Mapping[tuple[str, str], list[Link]],
                config: MultiConfig = DEFAULT.multi) -> list[AlignedGroup]:
    """Units from the pairwise alignments of one document: links that no third language contradicts (or that
    one confirms, or at least `config.strong_link` confident on their own) join clauses into groups, which are
    then put in document order. The rules read the links' raw scores; a group's score is calibrated."""
    langs = [lang for lang, clauses in documents.items() if clauses]
    edges = _edges(pair_links)
    neighbours = _neighbours(edges)
    kept = [edge for edge, score in edges.items()
            if score >= config.strong_link or _confirmed(edge, neighbours) or not _contradicted(edge, neighbours)]
    groups = _components([(lang, i) for lang in langs for i in range(len(documents[lang]))], kept)
    ordered = order_groups(groups, langs)
    kept_set = set(kept)
    return [AlignedGroup({lang: tuple(sorted(i for node_lang, i in group if node_lang == lang)) for lang in documents},
                         _group_score(group, edges),
                         frozenset(e for e in kept_set if e <= group)) for group in ordered]


def pairwise_links(groups: Sequence[AlignedGroup], src: str, tgt: str) -> list[Link]:
    """The links between two languages that the four-way groups imply, each with its group's score.

    A unit may be coarser for one pair than for another (en 2 and 3 form one unit because Lithuanian
    merged them, while Estonian kept them apart); inside each unit the pair's own kept links split it
    finely again, so en-et gets [2]:[2] and [3]:[3]. Where they would cross, the unit stays whole.
    """
    links: list[Link] = []
    for group in groups:
        if group.members.get(src) or group.members.get(tgt):
            links.extend(_split(group, src, tgt))
    return links


def _split(group: AlignedGroup, src: str, tgt: str) -> list[Link]:
    """One group's clauses of two languages as links, split by the pair's own kept links where they allow."""
    a_side, b_side = group.members.get(src, ()), group.members.get(tgt, ())
    nodes = [(src, i) for i in a_side] + [(tgt, j) for j in b_side]
    pair_edges = [e for e in group.edges if {lang for lang, _ in e} == {src, tgt}]
    parts = order_groups(_components(nodes, pair_edges), (src, tgt))
    split = [Link(tuple(sorted(i for lang, i in part if lang == src)),
                  tuple(sorted(j for lang, j in part if lang == tgt)), group.score) for part in parts]
    a_order = [i for link in split for i in link.src]
    b_order = [j for link in split for j in link.tgt]
    if a_order != sorted(a_order) or b_order != sorted(b_order):
        return [Link(a_side, b_side, group.score)]
    return split


def _edges(pair_links: Mapping[tuple[str, str], list[Link]]) -> dict[frozenset[Node], float]:
    edges: dict[frozenset[Node], float] = {}
    for (a, b), links in pair_links.items():
        for link in links:
            for i in link.src:
                for j in link.tgt:
                    edges[frozenset({(a, i), (b, j)})] = link.score
    return edges


def _neighbours(edges: Mapping[frozenset[Node], float]) -> dict[Node, set[Node]]:
    found: dict[Node, set[Node]] = defaultdict(set)
    for edge in edges:
        a, b = tuple(edge)
        found[a].add(b)
        found[b].add(a)
    return found


def _confirmed(edge: frozenset[Node], neighbours: Mapping[Node, set[Node]]) -> bool:
    """True when some clause of a third language is linked to both ends of the edge."""
    a, b = tuple(edge)
    third = {node for node in neighbours.get(a, ()) if node[0] not in (a[0], b[0])}
    return not third.isdisjoint(neighbours.get(b, ()))


def _contradicted(edge: frozenset[Node], neighbours: Mapping[Node, set[Node]]) -> bool:
    """True when some third language links both ends of the edge, and never to the same clause: it had a say
    and disagreed. A third language absent from the document, or one that left either clause unlinked (a
    clause it dropped), says nothing."""
    a, b = tuple(edge)
    by_lang: dict[str, tuple[set[Node], set[Node]]] = defaultdict(lambda: (set(), set()))
    for side, node in ((0, a), (1, b)):
        for other in neighbours.get(node, ()):
            if other[0] not in (a[0], b[0]):
                by_lang[other[0]][side].add(other)
    return any(mine and theirs and mine.isdisjoint(theirs) for mine, theirs in by_lang.values())


def _components(nodes: list[Node], edges: list[frozenset[Node]]) -> list[set[Node]]:
    parent = {node: node for node in nodes}

    def root(node: Node) -> Node:
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    for edge in edges:
        a, b = tuple(edge)
        parent[root(a)] = root(b)
    groups: dict[Node, set[Node]] = defaultdict(set)
    for node in nodes:
        groups[root(node)].add(node)
    return list(groups.values())


def order_groups(groups: list[set[Node]], langs: Sequence[str]) -> list[set[Node]]:
    """Groups in document order; groups whose clauses interleave in some language are merged into one.

    Walks all languages at once with a cursor in each: the next unit is a group that starts at the cursor
    of every language it has and covers a contiguous run there. When no group qualifies, the blocking
    groups are crossing ones, and merging them is the only lossless repair.
    """
    owner: dict[Node, int] = {}
    members: dict[int, set[Node]] = {}
    for gid, group in enumerate(groups):
        members[gid] = set(group)
        for node in group:
            owner[node] = gid
    length = {lang: 1 + max((i for node_lang, i in owner if node_lang == lang), default=-1) for lang in langs}
    cursor = {lang: min((i for node_lang, i in owner if node_lang == lang), default=0) for lang in langs}
    ordered: list[set[Node]] = []

    def merge(into: int, other: int) -> None:
        if into == other:
            return
        for node in members.pop(other):
            owner[node] = into
            members[into].add(node)

    while members:
        heads = list(dict.fromkeys(owner[(lang, cursor[lang])] for lang in langs if cursor[lang] < length[lang]))
        chosen = next((gid for gid in heads if _starts_at(members[gid], cursor)), heads[0])
        absorbed = True
        while absorbed:
            absorbed = False
            for lang in langs:
                if (s := _span(members[chosen], lang)) is None:
                    continue
                for other in {owner[(lang, i)] for i in range(cursor[lang], s[1] + 1)} - {chosen}:
                    merge(chosen, other)
                    absorbed = True
        group = members.pop(chosen)
        for lang in langs:
            if (s := _span(group, lang)) is not None:
                cursor[lang] = s[1] + 1
        ordered.append(group)
    return ordered


def _span(group: set[Node], lang: str) -> tuple[int, int] | None:
    found = [i for node_lang, i in group if node_lang == lang]
    return (min(found), max(found)) if found else None


def _starts_at(group: set[Node], cursor: Mapping[str, int]) -> bool:
    """The group begins at the cursor in every language it has clauses in, and is contiguous there."""
    for lang in cursor:
        found = sorted(i for node_lang, i in group if node_lang == lang)
        if found and (found[0] != cursor[lang] or found[-1] - found[0] + 1 != len(found)):
            return False
    return True


def _group_score(group: set[Node], edges: Mapping[frozenset[Node], float]) -> float:
    """The weakest language pair's confidence: a unit is only as sure as its least certain link; on the
    calibrated scale (0 for a clause alone, linked to nothing)."""
    by_pair: dict[tuple[str, str], list[float]] = defaultdict(list)
    members = sorted(group)
    for x, a in enumerate(members):
        for b in members[x + 1:]:
            if a[0] != b[0]:
                score = edges.get(frozenset({a, b}))
                if score is not None:
                    by_pair[(a[0], b[0])].append(score)
    if not by_pair:
        return 0.0
    return round(calibrated_score(min(max(scores) for scores in by_pair.values()), True), 3)
