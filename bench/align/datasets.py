"""The alignment test sets: each yields documents as (name, source segments, target segments, gold links).

All read in place from ../shared/data (never copied into the repository).
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from tm.align.cli_support import read_links
from tm.segment import segment_file

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared" / "data"
Link = tuple[tuple[int, ...], tuple[int, ...]]
Document = tuple[str, list[str], list[str], list[Link]]


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")[:-1]


def textberg(split: str = "test") -> Iterator[Document]:
    """Text+Berg de-fr: the 7 test documents (or the dev document), manual n-m gold."""
    folder = SHARED / "textberg-gold-defr"
    names = ["dev"] if split == "dev" else [f"test{i}" for i in range(7)]
    for name in names:
        yield name, _lines(folder / f"{name}.de"), _lines(folder / f"{name}.fr"), read_links(folder / f"{name}.defr")


FLORES = {"en": "eng_Latn", "et": "est_Latn", "lv": "lvs_Latn", "lt": "lit_Latn"}


def flores(tgt: str, seed: int = 13) -> Iterator[Document]:
    """FLORES-200 devtest en-X regrouped into its source documents (metadata URL), with seeded edits whose
    gold is known: target merges (two sentences joined), splits (a sentence cut at its middle comma),
    deletions (a target sentence dropped) and insertions (a sentence from another document)."""
    folder = SHARED / "flores200-devtest"
    en, xx = _lines(folder / f"{FLORES['en']}.devtest"), _lines(folder / f"{FLORES[tgt]}.devtest")
    rows = _lines(folder / "metadata_devtest.tsv")
    header = rows[0].split("\t")
    url = header.index("URL")
    documents: dict[str, list[int]] = {}
    for k, row in enumerate(rows[1:]):
        documents.setdefault(row.split("\t")[url], []).append(k)
    rng = random.Random(seed)
    for number, (_, ids) in enumerate(sorted(documents.items())):
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
                gold.append(((i, i + 1), (len(tgt_out),)))
                tgt_out.append(sentence + " " + xx[ids[i + 1]])
                i += 2
                continue
            if roll < 0.12 and ", " in sentence:
                cut = min((c for c in range(len(sentence)) if sentence.startswith(", ", c)),
                          key=lambda c: abs(c - len(sentence) / 2))
                gold.append(((i,), (len(tgt_out), len(tgt_out) + 1)))
                tgt_out += [sentence[:cut + 1], sentence[cut + 2:]]
            elif roll < 0.15:
                gold.append(((i,), ()))
            else:
                gold.append(((i,), (len(tgt_out),)))
                tgt_out.append(sentence)
            if rng.random() < 0.03:
                gold.append(((), (len(tgt_out),)))
                tgt_out.append(xx[rng.randrange(len(xx))])
            i += 1
        yield f"doc{number:03d}", src, tgt_out, gold


UDHR = {"en": "eng", "et": "est", "lv": "lav", "lt": "lit"}
NS = {"u": "http://efele.net/udhr"}


def _udhr_blocks(lang: str) -> list[tuple[str, list[str]]]:
    """The declaration as blocks of paragraphs: title, note, preamble recitals, formula, each article."""
    tree = etree.parse(str(SHARED / "udhr" / f"udhr_{UDHR[lang]}.xml"),
                       etree.XMLParser(resolve_entities=False, no_network=True))
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


UDHR_FORMULA_GOLD = {"lv": [((0, 1), (0,)), ((2,), (1,))], "lt": [((0, 1), (0,)), ((2,), (1,))],
                     "et": [((0, 1), (0,)), ((2,), (1, 2))]}
"""The enacting formula's true links (from the dataset's MANIFEST): English "Now, therefore," + "The General
Assembly" are one Latvian / Lithuanian / Estonian paragraph; Estonian splits the proclamation in two."""


def udhr(tgt: str) -> Iterator[Document]:
    """The UDHR en-X: paragraphs in document order; gold 1-1 inside every block with as many paragraphs on
    both sides (the 30 articles are anchors), the enacting formula's real n-m links, else the block whole."""
    src_blocks, tgt_blocks = dict(_udhr_blocks("en")), dict(_udhr_blocks(tgt))
    names = list(dict.fromkeys([*src_blocks, *tgt_blocks]))
    names.sort(key=lambda n: ([*src_blocks, *tgt_blocks].index(n)))
    src: list[str] = []
    out: list[str] = []
    gold: list[Link] = []
    for name in names:
        a, b = src_blocks.get(name, []), tgt_blocks.get(name, [])
        i0, j0 = len(src), len(out)
        if name == "formula":
            gold += [(tuple(i0 + i for i in x), tuple(j0 + j for j in y)) for x, y in UDHR_FORMULA_GOLD[tgt]]
        elif not a or not b:
            gold += [((i0 + k,), ()) for k in range(len(a))] + [((), (j0 + k,)) for k in range(len(b))]
        elif len(a) == len(b):
            gold += [((i0 + k,), (j0 + k,)) for k in range(len(a))]
        else:
            gold.append((tuple(range(i0, i0 + len(a))), tuple(range(j0, j0 + len(b)))))
        src += a
        out += b
    yield "udhr", src, out, gold


def corpus(tgt: str, src: str = "en") -> Iterator[Document]:
    """The bundled corpus: clauses as `tm segment` cuts them, gold from corpora/gold/."""
    root = REPO / "corpora"
    for path in sorted((root / "gold" / f"{src}-{tgt}").glob("*.txt")):
        document = path.stem
        yield (document, [s.text for s in segment_file(root / src / f"{document}.md", src)],
               [s.text for s in segment_file(root / tgt / f"{document}.md", tgt)], read_links(path))
