"""A character-trigram index over one language of a memory: fuzzy candidates without scanning the memory.

Units are ranked by their number of tokens, and every posting list holds ranks in ascending order. A match of
p% can only come from a unit whose token count n lies within [q * p/100, q * 100/p] of the query's q (the
token distance is at least the length difference), so the length window is one contiguous slice of every
posting list, found by binary search. Within the window the rarest trigrams of the query are counted per unit
(frequent ones such as " th" add cost and no discrimination), and the best-counted units are handed on for
exact verification.

Trigrams are taken from the case-folded text with whitespace collapsed and hashed into 2^24 buckets; a
collision only adds a candidate, which verification then rejects. The build is a counting sort in two streaming
passes (count units per trigram, then place each unit), so peak memory is the posting array plus one chunk of
text, not a sort of every (trigram, unit) pair.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np

from tm.memory.matching import TOKEN, match_length

BITS = 24
CHUNK = 1 << 14
GOLDEN = np.uint64(0x9E3779B97F4A7C15)
ARRAYS = ("keys", "ntokens", "grams", "offsets", "postings")
START, END = 0x110000, 0x110001  # frame each unit's text: beyond Unicode (< 2^21, as the hash needs)
LAYOUT = "3"  # of the saved index: bumped when the trigrams or lengths change, so an older tm's is rebuilt


def normalise(text: str) -> str:
    return " ".join(text.casefold().split())


def _hashes(codes: np.ndarray, owner: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Trigram hashes of a code-point array and the position each trigram starts at. `owner` gives the text each
    position belongs to (from _codes): a trigram spanning two texts is left out. No code point is special, so a
    text may hold any character (U+0000 included) without moving the others."""
    c0, c1, c2 = codes[:-2].astype(np.uint64), codes[1:-1].astype(np.uint64), codes[2:].astype(np.uint64)
    mixed = ((c0 << np.uint64(42)) | (c1 << np.uint64(21)) | c2) * GOLDEN
    hashes = (mixed >> np.uint64(64 - BITS)).astype(np.uint32)
    if owner is None:
        return hashes, np.arange(hashes.size)
    valid = owner[:-2] == owner[2:]
    return hashes[valid], np.flatnonzero(valid)


def _sorted_distinct(values: np.ndarray) -> np.ndarray:
    """np.unique by sorting in place (numpy 2's hash-based unique is many times slower on these arrays)."""
    values.sort()
    if values.size == 0:
        return values
    keep = np.empty(values.size, dtype=bool)
    keep[0] = True
    np.not_equal(values[1:], values[:-1], out=keep[1:])
    return values[keep]


def _codes(texts: Iterable[str]) -> tuple[np.ndarray, np.ndarray]:
    """The texts' code points one after another, each text framed by START and END (code points beyond Unicode,
    so no text can hold them), and the number of the text each position belongs to: texts are told apart by
    these offsets, never by a separator character."""
    pieces = [f" {normalise(t)} " for t in texts]
    lengths = np.fromiter(map(len, pieces), dtype=np.int64, count=len(pieces))
    body = np.frombuffer("".join(pieces).encode("utf-32-le"), dtype=np.uint32)
    numbers = np.arange(len(pieces), dtype=np.int64)
    codes = np.empty(body.size + 2 * len(pieces), dtype=np.uint32)
    codes[np.arange(body.size) + 2 * np.repeat(numbers, lengths) + 1] = body
    first = np.cumsum(lengths + 2) - (lengths + 2)  # where each framed text starts
    codes[first], codes[first + lengths + 1] = START, END
    return codes, np.repeat(numbers, lengths + 2)


def query_grams(text: str, boundaries: bool = True) -> np.ndarray:
    """Distinct trigram hashes of one text (with the start/end markers for whole units, without for phrases)."""
    if boundaries:
        codes, owner = _codes([text])
    else:
        codes, owner = np.frombuffer(normalise(text).encode("utf-32-le"), dtype=np.uint32), None
    if len(codes) < 3:
        return np.empty(0, dtype=np.uint32)
    return _sorted_distinct(_hashes(codes, owner)[0])


def _chunk_pairs(texts: list[str], base: int) -> tuple[np.ndarray, np.ndarray]:
    """(trigram, rank) pairs of a chunk of units, distinct and sorted by trigram then rank."""
    codes, owners = _codes(texts)
    grams, starts = _hashes(codes, owners)
    owner = owners[starts].astype(np.uint64) + np.uint64(base)
    pairs = _sorted_distinct((grams.astype(np.uint64) << np.uint64(32)) | owner)
    return (pairs >> np.uint64(32)).astype(np.uint32), pairs.astype(np.uint32)


def _gram_counts(chunks: Iterable[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Distinct trigrams over all chunks, with the number of units holding each (memory grows with the
    vocabulary of trigrams, not with the hash space)."""
    grams, counts = np.empty(0, dtype=np.uint32), np.empty(0, dtype=np.int64)
    for chunk in chunks:  # chunk: sorted trigram of each distinct (trigram, unit) pair
        starts = np.flatnonzero(np.r_[True, chunk[1:] != chunk[:-1]])
        chunk_grams, chunk_counts = chunk[starts], np.diff(np.r_[starts, chunk.size])
        merged = _sorted_distinct(np.r_[grams, chunk_grams])
        total = np.zeros(merged.size, dtype=np.int64)
        total[np.searchsorted(merged, grams)] += counts
        total[np.searchsorted(merged, chunk_grams)] += chunk_counts
        grams, counts = merged, total
    return grams, counts


@dataclass
class NgramIndex:
    keys: np.ndarray      # unit key of each rank (units sorted by token count)
    ntokens: np.ndarray   # match_length of each rank, ascending
    grams: np.ndarray     # distinct trigram hashes, ascending
    offsets: np.ndarray   # postings of grams[i] are postings[offsets[i]:offsets[i + 1]]
    postings: np.ndarray  # ranks

    @classmethod
    def build(cls, items: Iterable[tuple[int, str]]) -> NgramIndex:
        keys, texts = [], []
        for key, text in items:
            keys.append(key)
            texts.append(text)
        ntokens = np.fromiter((match_length(TOKEN.findall(t)) for t in texts), dtype=np.int64, count=len(texts))
        order = np.argsort(ntokens, kind="stable")
        ranked = [texts[i] for i in order]
        del texts
        chunks = range(0, len(ranked), CHUNK)
        grams, counts = _gram_counts(_chunk_pairs(ranked[start:start + CHUNK], start)[0] for start in chunks)
        offsets = np.zeros(len(grams) + 1, dtype=np.int64)
        np.cumsum(counts, out=offsets[1:])
        postings = np.empty(int(offsets[-1]), dtype=np.uint32)
        filled = np.zeros(len(grams), dtype=np.int64)
        for start in chunks:
            chunk_grams, ranks = _chunk_pairs(ranked[start:start + CHUNK], start)
            slots = np.searchsorted(grams, chunk_grams)
            runs = np.flatnonzero(np.r_[True, slots[1:] != slots[:-1]])
            lengths = np.diff(np.r_[runs, len(slots)])
            within = np.arange(len(slots)) - np.repeat(runs, lengths)
            postings[offsets[slots] + filled[slots] + within] = ranks
            filled[slots[runs]] += lengths
        return cls(keys=np.asarray(keys, dtype=np.int64)[order], ntokens=ntokens[order].astype(np.uint32),
                   grams=grams, offsets=offsets, postings=postings)

    def __len__(self) -> int:
        return len(self.keys)

    # -- lookup ---------------------------------------------------------------------------------------

    def window(self, ntokens: int, percent: int) -> tuple[int, int]:
        """Ranks [lo, hi) of the units whose length allows a match of `percent` to a query of `ntokens`."""
        share = max(percent, 1) / 100
        low, high = math.ceil(ntokens * share - 1e-9), math.floor(ntokens / share + 1e-9)
        return (int(np.searchsorted(self.ntokens, low, "left")), int(np.searchsorted(self.ntokens, high, "right")))

    def postings_of(self, gram: int, lo: int = 0, hi: int | None = None) -> np.ndarray:
        i = int(np.searchsorted(self.grams, gram))
        if i == len(self.grams) or self.grams[i] != gram:
            return self.postings[:0]
        plist = self.postings[self.offsets[i]:self.offsets[i + 1]]
        if lo == 0 and hi is None:
            return plist
        return plist[np.searchsorted(plist, lo):np.searchsorted(plist, len(self.keys) if hi is None else hi)]

    def fuzzy_candidates(self, text: str, percent: int, limit: int, budget: int = 200_000,
                         allowed: np.ndarray | None = None) -> np.ndarray:
        """Keys of the `limit` units in the length window that share most of the query's rarest trigrams."""
        lo, hi = self.window(match_length(TOKEN.findall(text)), percent)
        if hi <= lo:
            return np.empty(0, dtype=np.int64)
        lists = sorted((self.postings_of(g, lo, hi) for g in query_grams(text)), key=len)
        chosen, total = [], 0
        for plist in lists:
            if plist.size == 0:
                continue
            if chosen and total + plist.size > budget:
                break
            chosen.append(plist)
            total += plist.size
        if not chosen:
            return np.empty(0, dtype=np.int64)
        counts = np.bincount(np.concatenate(chosen) - lo, minlength=hi - lo)
        if allowed is not None:
            counts *= allowed[lo:hi]
        hits = np.flatnonzero(counts)
        if hits.size > limit:
            hits = hits[np.argpartition(-counts[hits], limit - 1)[:limit]]
        return self.keys[hits + lo]

    def phrase_candidates(self, grams: np.ndarray) -> np.ndarray:
        """Keys of the units holding every one of `grams` (rarest first, so the intersection shrinks fast)."""
        lists = sorted((self.postings_of(int(g)) for g in np.unique(grams)), key=len)
        if not lists:
            return np.empty(0, dtype=np.int64)
        ranks = lists[0]
        for plist in lists[1:]:
            if ranks.size == 0:
                break
            # both sorted: look the few survivors up in the longer list (log n each) instead of merging it whole
            at = np.minimum(np.searchsorted(plist, ranks), plist.size - 1)
            ranks = ranks[plist[at] == ranks] if plist.size else plist
        return np.sort(self.keys[ranks])

    # -- persistence ----------------------------------------------------------------------------------

    def to_blobs(self) -> dict[str, bytes | memoryview]:
        """Each array as a buffer (not a copy: the posting array of a large memory is hundreds of MB)."""
        blobs: dict[str, bytes | memoryview] = {name: memoryview(np.ascontiguousarray(getattr(self, name))).cast("B")
                                                for name in ARRAYS}
        header: dict = {name: str(getattr(self, name).dtype) for name in ARRAYS}
        header["highest"] = int(self.keys.max()) if len(self.keys) else -1  # units added later have higher keys
        header["units"] = len(self.keys)
        blobs["header"] = json.dumps(header).encode()
        return blobs

    @classmethod
    def from_blobs(cls, blobs: dict[str, bytes]) -> NgramIndex:
        dtypes = json.loads(blobs["header"])
        return cls(**{name: np.frombuffer(blobs[name], dtype=dtypes[name]) for name in ARRAYS})
