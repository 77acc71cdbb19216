"""The alignment test sets: each yields documents as (name, source segments, target segments, gold links).

All read in place from ../shared/data (never copied into the repository).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

from lxml import etree

from tm import xmlsafe
from tm.formats.links import read_links
from tm.records import Link
from tm.segment import segment_file

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared" / "data"
Document = tuple[str, list[str], list[str], list[Link]]


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")[:-1]


def textberg(split: str = "test") -> Iterator[Document]:
    """Text+Berg de-fr: the 7 test documents (or the dev document), manual n-m gold."""
    folder = SHARED / "textberg-gold-defr"
    names = ["dev"] if split == "dev" else [f"test{i}" for i in range(7)]
    for name in names:
        yield name, _lines(folder / f"{name}.de"), _lines(folder / f"{name}.fr"), read_links(folder / f"{name}.defr")


def textberg_pieces(size: int) -> Iterator[Document]:
    """Text+Berg dev cut into documents of about `size` source sentences, at points no gold link crosses:
    the per-document condition (short texts aligned alone) on tuning data, which the one long dev document
    does not show. Gold links keep their own shape; dev's two target sentences without gold stay unscored."""
    _, src, tgt, gold = next(textberg("dev"))
    both = [link for link in gold if link.src and link.tgt]
    cuts, last = [], 0
    for c in range(1, len(src)):
        if any(min(link.src) < c <= max(link.src) for link in both) or c - last < size:
            continue
        left = max((max(link.tgt) for link in both if max(link.src) < c), default=-1)
        right = min((min(link.tgt) for link in both if min(link.src) >= c), default=len(tgt))
        if left < right:
            cuts.append((c, right))
            last = c
    bounds = [(0, 0), *cuts, (len(src), len(tgt))]
    for k, ((i0, j0), (i1, j1)) in enumerate(pairwise(bounds)):
        links = [Link(tuple(i - i0 for i in g.src), tuple(j - j0 for j in g.tgt)) for g in gold
                 if (g.src and i0 <= g.src[0] < i1) or (not g.src and j0 <= g.tgt[0] < j1)]
        yield f"dev-{size}-{k}", src[i0:i1], tgt[j0:j1], links


FLORES = {"en": "eng_Latn", "et": "est_Latn", "lv": "lvs_Latn", "lt": "lit_Latn"}
CONJUNCTIONS = {"et": ("ja", "ning", "kuid", "aga"), "lv": ("un", "bet", "taču"), "lt": ("ir", "bet", "tačiau")}
"""Where a target sentence may be split when it has no usable comma: before its coordinating conjunction."""


def _split_point(sentence: str, lang: str) -> tuple[str, str] | None:
    """The sentence cut in two at the comma or conjunction nearest its middle, both halves at least 15
    characters (a comma stays with the first half, a conjunction starts the second); None if it has none."""
    cuts = [(c + 1, c + 2) for c in range(len(sentence)) if sentence.startswith(", ", c)]
    cuts += [(c, c + 1) for c in range(len(sentence))
             if any(sentence.startswith(f" {word} ", c) for word in CONJUNCTIONS[lang])]
    cuts = [(end, start) for end, start in cuts if end >= 15 and len(sentence) - start >= 15]
    if not cuts:
        return None
    end, start = min(cuts, key=lambda cut: abs(cut[0] - len(sentence) / 2))
    return sentence[:end], sentence[start:]


def _flores_documents() -> list[list[int]]:
    """Sentence numbers of each source article (metadata URL), articles in URL order."""
    rows = _lines(SHARED / "flores200-devtest" / "metadata_devtest.tsv")
    url = rows[0].split("\t").index("URL")
    documents: dict[str, list[int]] = {}
    for k, row in enumerate(rows[1:]):
        documents.setdefault(row.split("\t")[url], []).append(k)
    return [ids for _, ids in sorted(documents.items())]


def flores(tgt: str, src: str = "en", seed: int = 13) -> Iterator[Document]:
    """FLORES-200 devtest src-tgt (any two of en, et, lv, lt; it is multi-parallel) regrouped into its source
    articles (3 sentences or more), with seeded edits whose gold is known: per sentence 6% target merges (two
    sentences joined: 2-1), 6% splits (at the comma or conjunction nearest the middle: 1-2), 3% deletions
    (target dropped: 1-0) and after it 3% insertions (a target sentence from another article: 0-1). The
    Estonian file's CSV-style quote escaping on 17 lines (an upstream artefact) is kept as real-world noise."""
    folder = SHARED / "flores200-devtest"
    en, xx = _lines(folder / f"{FLORES[src]}.devtest"), _lines(folder / f"{FLORES[tgt]}.devtest")
    rng = random.Random(seed)
    for number, ids in enumerate(_flores_documents()):
        if len(ids) < 3:
            continue
        src = [en[k] for k in ids]
        tgt_out: list[str] = []
        gold: list[Link] = []
        i = 0
        while i < len(ids):
            roll = rng.random()
            sentence = xx[ids[i]]
            if roll < 0.06 and i + 1 < len(ids):
                gold.append(Link((i, i + 1), (len(tgt_out),)))
                tgt_out.append(sentence + " " + xx[ids[i + 1]])
                i += 2
                continue
            halves = _split_point(sentence, tgt) if roll < 0.12 else None
            if halves:
                gold.append(Link((i,), (len(tgt_out), len(tgt_out) + 1)))
                tgt_out += halves
            elif 0.12 <= roll < 0.15:
                gold.append(Link((i,), ()))
            else:
                gold.append(Link((i,), (len(tgt_out),)))
                tgt_out.append(sentence)
            if rng.random() < 0.03:
                stray = rng.randrange(len(xx) - len(ids))
                gold.append(Link((), (len(tgt_out),)))
                tgt_out.append(xx[_outside(stray, ids)])
            i += 1
        yield f"doc{number:03d}", src, tgt_out, gold


def _outside(rank: int, ids: list[int]) -> int:
    """The `rank`-th sentence number (0-based) that is not one of `ids`: a sentence of another article."""
    for k in sorted(ids):
        if k <= rank:
            rank += 1
    return rank


UDHR = {"en": "eng", "et": "est", "lv": "lav", "lt": "lit"}
NS = {"u": "http://efele.net/udhr"}


def _udhr_blocks(lang: str) -> list[tuple[str, list[str]]]:
    """The declaration as blocks of paragraphs: title, note, preamble recitals, formula, each article."""
    path = SHARED / "udhr" / f"udhr_{UDHR[lang]}.xml"
    tree = etree.parse(str(path), xmlsafe.parser())
    xmlsafe.refuse_entities(tree, path)
    root = tree.getroot()
    text = lambda e: " ".join("".join(e.itertext()).split())  # noqa: E731
    blocks = [("title", [text(root.find("u:title", NS))])]
    note = root.find("u:note", NS)
    if note is not None:
        blocks.append(("note", [text(p) for p in note.iter(f"{{{NS['u']}}}para")]))
    preamble = root.find("u:preamble", NS)
    paras = [text(p) for p in preamble.findall("u:para", NS)]
    blocks.append(("preamble-title", [text(preamble.find("u:title", NS))]))
    blocks.append(("recitals", paras[:7]))
    blocks.append(("formula", paras[7:]))
    for article in root.findall("u:article", NS):
        items = [text(e) for e in article.iter(f"{{{NS['u']}}}title", f"{{{NS['u']}}}para")]
        blocks.append((f"article-{article.get('number')}", items))
    return blocks


UDHR_UNITS = {
    "formula": {"en": [{0}, {0}, {1}], "lv": [{0}, {1}], "lt": [{0}, {1}], "et": [{0}, {1}, {1}]},
    "article-14": {"lv": [{0}, {1, 2}, {2}]},
    "article-26": {"lv": [{0}, {1}, {2}, {2}]},
}
"""Where a block's paragraphs do not correspond one to one, the content units (numbered per block) each
paragraph holds, read in the texts; elsewhere paragraph k holds unit k.
- The enacting formula: unit 0 "[therefore] the General Assembly [proclaims]", unit 1 "this Declaration as a
  common standard ..., to the end that every individual ...". English "Now, therefore," | "The General
  Assembly" | "Proclaims ..."; Latvian "tāpēc Ģenerālā Asambleja" | "pasludina ..."; Lithuanian "Generalinė
  Asamblėja" | "skelbia ..."; Estonian "kuulutab Peaassamblee välja" | "käesolevaga ... deklaratsiooni kui
  ülesande, ..." | "Iga inimene ...". Lithuanian and Estonian have no word for "therefore": the connective
  stays with "The General Assembly" (as the dataset's MANIFEST describes the links).
- Article 14 in Latvian: the paragraph break falls inside the second sentence ("... ar Apvienoto" |
  "Nāciju Organizācijas mērķiem un principiem."): English 2 paragraphs = Latvian 2 paragraphs, one 2-2 link.
- Article 26 in Latvian: paragraph 2's two sentences are two paragraphs, and paragraph 3 ("Parents have a
  prior right ...") is missing: 1-2, then 1-0."""


def udhr(tgt: str, src: str = "en") -> Iterator[Document]:
    """The UDHR in any two of en, et, lv, lt: paragraphs (titles, recitals, article paragraphs and list items)
    in document order. Gold from the XML structure: blocks (title, preamble title, the 7 recitals, the
    enacting formula, each of the 30 numbered articles) correspond by name, the articles being anchors;
    inside a block, paragraphs are linked when they share a content unit (UDHR_UNITS; by default paragraph
    k = unit k, so blocks of equal length link 1-1), each connected group one link; a paragraph sharing
    nothing, or a block in one language only (the Latvian adoption note), has no counterpart."""
    sides = [_udhr_blocks(src), _udhr_blocks(tgt)]
    texts: list[list[str]] = [[], []]
    spans: list[dict[str, tuple[int, int]]] = [{}, {}]
    for side, blocks in enumerate(sides):
        for name, paragraphs in blocks:
            spans[side][name] = (len(texts[side]), len(texts[side]) + len(paragraphs))
            texts[side] += paragraphs
    gold: list[tuple[tuple[int, int], Link]] = []
    for side, blocks in enumerate(sides):
        other = 1 - side
        for k, (name, _) in enumerate(blocks):
            if name in spans[other]:
                if side == 0:
                    gold += _block_links(_units(name, src, spans[0][name]), _units(name, tgt, spans[1][name]))
                continue
            there = next((spans[other][n][0] for n, _ in blocks[k:] if n in spans[other]), len(texts[other]))
            for i in range(*spans[side][name]):
                gold.append(((i, there), Link((i,), ())) if side == 0 else ((there, i), Link((), (i,))))
    yield "udhr", texts[0], texts[1], [link for _, link in sorted(gold, key=lambda e: (e[0], e[1].src, e[1].tgt))]


def _units(block: str, lang: str, span: tuple[int, int]) -> dict[int, set[int]]:
    """Paragraph index in the document -> the block's content units it holds."""
    units = UDHR_UNITS.get(block, {}).get(lang) or [{k} for k in range(span[1] - span[0])]
    assert len(units) == span[1] - span[0], (block, lang)
    return {span[0] + k: u for k, u in enumerate(units)}


def _block_links(a: dict[int, set[int]], b: dict[int, set[int]]) -> list[tuple[tuple[int, int], Link]]:
    """Paragraphs of both sides grouped by shared units (connected groups), each with its sort key."""
    groups: list[tuple[set[int], set[int], set[int]]] = []  # (units, source paragraphs, target paragraphs)
    for side, paragraphs in ((0, a), (1, b)):
        for i, units in paragraphs.items():
            joined = [g for g in groups if g[0] & units]
            merged = (set(units), {i} if side == 0 else set(), {i} if side == 1 else set())
            for g in joined:
                groups.remove(g)
                for x, y in zip(merged, g, strict=True):
                    x |= y
            groups.append(merged)
    both = [(min(x), min(y)) for _, x, y in groups if x and y]
    links = []
    for _, x, y in groups:
        if x and y:
            links.append(((min(x), min(y)), Link(tuple(sorted(x)), tuple(sorted(y)))))
        # units only one side holds: each paragraph alone, placed where the other side's text resumes
        elif x:
            links += [((i, min([t for s, t in both if s > i], default=max(b) + 1)), Link((i,), ())) for i in x]
        else:
            links += [((min([s for s, t in both if t > j], default=max(a) + 1), j), Link((), (j,))) for j in y]
    return links


def corpus_pairs() -> list[tuple[str, str]]:
    """The language pairs that have gold files in corpora/gold/ (folders named `<l1>-<l2>`)."""
    return sorted(tuple(d.name.split("-")) for d in (REPO / "corpora" / "gold").glob("*-*") if any(d.glob("*.txt")))


def corpus(tgt: str, src: str = "en") -> Iterator[Document]:
    """The bundled corpus: clauses as `tm segment` cuts them, gold from corpora/gold/<src>-<tgt>/."""
    root = REPO / "corpora"
    for path in sorted((root / "gold" / f"{src}-{tgt}").glob("*.txt")):
        document = path.stem
        yield (document, [s.text for s in segment_file(root / src / f"{document}.md", src)],
               [s.text for s in segment_file(root / tgt / f"{document}.md", tgt)], read_links(path))
