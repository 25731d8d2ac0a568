"""Near-duplicate detection for wire copy: the same story with small edits.

An article's *sketch* holds two one-permutation MinHashes (Li, Owen & Zhang 2012, with
rotation densification for empty bins, Shrivastava 2017) of word 3-shingles of its
normalized text: `BINS` one-byte codes for the whole text and `LEAD_BINS` for its lead
(the first `LEAD_WORDS` words). The share of equal codes of two sketches estimates the
Jaccard similarity of the two shingle sets. Shingles are made of normalized words, so
spelling variants (hamza, taa marbuta, marks, digits, punctuation) are not edits.

Two articles are the same story when their leads are similar (`MIN_LEAD_SIMILARITY`) and
either the whole texts are (`MIN_SIMILARITY`) or one text is mostly contained in the other
(`MIN_CONTAINMENT`: an outlet cut or added paragraphs). The lead test is what keeps
follow-up stories apart: Sky News, for one, ends a new story with the background
paragraphs of earlier ones, so the texts overlap a lot but their leads do not.

Finding candidates is a table lookup, not a scan (locality-sensitive hashing): the lead
codes are cut into `BANDS` bands of `ROWS` codes, and two articles are compared only when
a whole band agrees, which happens with probability 1 - (1 - J^3)^10 for leads of
similarity J: 0.74 at J = 0.5, 0.98 at 0.7.

Pure standard library. bench/eval_duplicates.py measures precision, recall and cost on
the ANT corpus.
"""

from __future__ import annotations

import base64
import bisect
import hashlib
import re
import sys
from array import array
from collections.abc import Iterable
from dataclasses import dataclass

from newsarc.normalize import normalize_arabic

SHINGLE_WORDS = 3
# The whole text: 64 one-byte codes, for the similarity and containment of two texts.
BINS = 64
# The lead (the first LEAD_WORDS words): 32 codes; the first 30 cut into 10 bands of 3 are
# the lookup keys.
LEAD_WORDS = 80
LEAD_BINS = 32
BANDS = 10
ROWS = 3
# Decision thresholds, chosen on the ANT corpus (bench/eval_duplicates.py). Wire copy keeps
# its lead: a follow-up story that repeats the earlier story's background paragraphs (Sky
# News does this) shares much of its text but not its lead.
MIN_LEAD_SIMILARITY = 0.45
MIN_SIMILARITY = 0.6
MIN_CONTAINMENT = 0.9
# Fewer shingles than this and an article gets no sketch: a two-line brief shares too much
# boilerplate with other briefs for similarity to mean "the same story".
MIN_SHINGLES = 20

_WORD = re.compile(r"\w+")
_HASH_BITS = 32
_MASK = (1 << _HASH_BITS) - 1
# Odd multipliers (golden ratio, murmur3 constants) that combine three word hashes.
_K1, _K2, _K3 = 0x9E3779B1, 0x85EBCA77, 0xC2B2AE3D

# Raw whitespace-separated token → hashes of its normalized words. Words repeat across
# articles, so this cache makes normalization nearly free after the first few hundred.
_WORD_CACHE: dict[str, tuple[int, ...]] = {}
_WORD_CACHE_MAX = 500_000


def _word_hashes(raw: str) -> tuple[int, ...]:
    return tuple(
        int.from_bytes(hashlib.blake2b(word.encode("utf-8"), digest_size=4).digest(), "little")
        for word in _WORD.findall(normalize_arabic(raw))
    )


def word_hashes(text: str) -> list[int]:
    """32-bit hashes of the normalized words of a text, in order."""
    cache = _WORD_CACHE
    if len(cache) > _WORD_CACHE_MAX:
        cache.clear()
    out: list[int] = []
    for raw in text.split():
        found = cache.get(raw)
        if found is None:
            found = cache[raw] = _word_hashes(raw)
        out.extend(found)
    return out


def _minhash(features: set[int], bins: int) -> bytes:
    """One-permutation MinHash: the top bits of a hash choose its bin, and each bin keeps
    the low byte of its smallest hash; an empty bin borrows from the next full one."""
    ordered = sorted(features)
    shift = _HASH_BITS - (bins.bit_length() - 1)
    mins: list[int | None] = []
    low = 0
    for b in range(bins):
        high = bisect.bisect_left(ordered, (b + 1) << shift, low)
        mins.append(ordered[low] if high > low else None)
        low = high
    codes = bytearray(bins)
    for b, value in enumerate(mins):
        step = 0
        while value is None:  # rotation densification (features is never empty here)
            step += 1
            value = mins[(b + step) % bins]
        codes[b] = (value + step * 0x9E37) & 0xFF
    return bytes(codes)


@dataclass(frozen=True, slots=True)
class Sketch:
    """What near-duplicate detection keeps of an article."""

    codes: bytes  # BINS MinHash codes of the whole text
    lead: bytes  # LEAD_BINS MinHash codes of the lead
    shingles: int  # number of distinct shingles of the whole text

    def to_text(self) -> str:
        """Compact form for the index: `<shingles>.<base64 of codes + lead>`."""
        return f"{self.shingles}.{base64.b64encode(self.codes + self.lead).decode('ascii')}"

    @classmethod
    def from_text(cls, text: str) -> Sketch:
        count, _, packed = text.partition(".")
        raw = base64.b64decode(packed)
        if len(raw) != BINS + LEAD_BINS:
            raise ValueError(f"not a sketch: {text[:40]!r}")
        return cls(raw[:BINS], raw[BINS:], int(count))


def sketch(text: str) -> Sketch | None:
    """The article's sketch, or None when the text is too short to compare."""
    words = word_hashes(text)
    shingles = [
        (a * _K1 ^ b * _K2 ^ c * _K3) & _MASK for a, b, c in zip(words, words[1:], words[2:])
    ]
    features = set(shingles)
    if len(features) < MIN_SHINGLES:
        return None
    lead = set(shingles[: LEAD_WORDS - SHINGLE_WORDS + 1]) if len(words) > LEAD_WORDS else features
    return Sketch(_minhash(features, BINS), _minhash(lead, LEAD_BINS), len(features))


def _estimate(a: bytes, b: bytes) -> float:
    # One-byte codes of different minima collide with probability 1/256: correct for it.
    equal = sum(x == y for x, y in zip(a, b)) / len(a)
    return max(0.0, (equal - 1 / 256) / (1 - 1 / 256))


def similarity(a: Sketch, b: Sketch) -> float:
    """Estimated Jaccard similarity of the two texts' shingle sets."""
    return _estimate(a.codes, b.codes)


def lead_similarity(a: Sketch, b: Sketch) -> float:
    """Estimated Jaccard similarity of the two leads' shingle sets."""
    return _estimate(a.lead, b.lead)


def containment(a: Sketch, b: Sketch, jaccard: float) -> float:
    """Estimated share of the smaller text's shingles found in the larger one."""
    shared = jaccard * (a.shingles + b.shingles) / (1 + jaccard)
    return min(1.0, shared / min(a.shingles, b.shingles))


def is_near_duplicate(a: Sketch, b: Sketch) -> tuple[bool, float]:
    """(same story?, estimated similarity of the whole texts)."""
    jaccard = similarity(a, b)
    if lead_similarity(a, b) < MIN_LEAD_SIMILARITY:
        return False, jaccard
    return jaccard >= MIN_SIMILARITY or containment(a, b, jaccard) >= MIN_CONTAINMENT, jaccard


@dataclass(frozen=True)
class Match:
    article_id: str
    story: str
    similarity: float


class StoryIndex:
    """The sketches of an archive in memory, to find an incoming article's story.

    Compact, because `add` loads it for the whole archive: the codes of all sketches in one
    bytearray, and the band keys packed with article numbers into one sorted array of
    64-bit integers (looked up by bisection) plus a dict for the articles added since the
    last merge. About 250 bytes per article.
    """

    _MERGE_AT = 50_000  # band keys in the dict before they are merged into the array

    def __init__(self) -> None:
        self._codes = bytearray()  # BINS + LEAD_BINS codes per article
        self._shingles = array("I")
        self._ids: list[str] = []
        self._stories: list[str] = []
        self._sorted = array("Q")  # (band key << 32 | article number), sorted
        self._recent: dict[int, list[int]] = {}
        self._recent_size = 0

    def __len__(self) -> int:
        return len(self._ids)

    @staticmethod
    def _keys(value: Sketch) -> list[int]:
        lead = value.lead
        return [
            band << 24 | int.from_bytes(lead[band * ROWS : (band + 1) * ROWS], "big")
            for band in range(BANDS)
        ]

    def add(self, value: Sketch, article_id: str, story: str) -> None:
        number = len(self._ids)
        self._codes += value.codes + value.lead
        self._shingles.append(value.shingles)
        self._ids.append(article_id)
        self._stories.append(article_id if story == article_id else story)
        for key in self._keys(value):
            self._recent.setdefault(key, []).append(number)
        self._recent_size += BANDS
        if self._recent_size >= max(self._MERGE_AT, len(self._sorted) // 2):
            self._merge()

    def _merge(self) -> None:
        packed = list(self._sorted)
        packed.extend(
            key << 32 | number for key, numbers in self._recent.items() for number in numbers
        )
        packed.sort()
        self._sorted = array("Q", packed)
        self._recent.clear()
        self._recent_size = 0

    def update(self, entries: Iterable[tuple[Sketch, str, str]]) -> None:
        """Add many sketches at once (loading an archive): one sort at the end."""
        packed = list(self._sorted)
        packed.extend(
            key << 32 | number for key, numbers in self._recent.items() for number in numbers
        )
        self._recent.clear()
        self._recent_size = 0
        for value, article_id, story in entries:
            number = len(self._ids)
            self._codes += value.codes + value.lead
            self._shingles.append(value.shingles)
            self._ids.append(article_id)
            self._stories.append(article_id if story == article_id else story)
            packed.extend(key << 32 | number for key in self._keys(value))
        packed.sort()
        self._sorted = array("Q", packed)

    # -- saved beside the index (archive.py), so that `add` need not rebuild it ---------

    _FORMAT = b"newsarc-stories 1\n"

    def to_bytes(self) -> bytes:
        """Everything, for from_bytes: a header, the arrays as they are in memory, and
        the ids and stories as newline-separated UTF-8 (ids never hold a newline)."""
        self._merge()
        names = "\n".join(self._ids + self._stories).encode("utf-8")
        sizes = array("Q", [len(self._ids), len(self._codes), len(self._sorted), len(names)])
        parts = [sizes, self._shingles, self._sorted]
        if sys.byteorder == "big":  # stored little-endian
            parts = [array(part.typecode, part) for part in parts]
            for part in parts:
                part.byteswap()
        return b"".join(
            [
                self._FORMAT,
                parts[0].tobytes(),
                bytes(self._codes),
                parts[1].tobytes(),
                parts[2].tobytes(),
                names,
            ]
        )

    @classmethod
    def from_bytes(cls, data: bytes) -> StoryIndex:
        """The StoryIndex to_bytes saved; ValueError for anything else."""
        if not data.startswith(cls._FORMAT):
            raise ValueError("not a newsarc story index")
        at = len(cls._FORMAT)

        def take(typecode: str, count: int) -> array:
            nonlocal at
            values = array(typecode)
            end = at + count * values.itemsize
            if end > len(data):
                raise ValueError("story index cut short")
            values.frombytes(data[at:end])
            if sys.byteorder == "big":
                values.byteswap()
            at = end
            return values

        articles, code_bytes, keys, name_bytes = take("Q", 4)
        stories = cls()
        stories._codes = bytearray(data[at : at + code_bytes])
        at += code_bytes
        stories._shingles = take("I", articles)
        stories._sorted = take("Q", keys)
        names = data[at : at + name_bytes].decode("utf-8").split("\n") if articles else []
        if (
            at + name_bytes != len(data)
            or len(names) != 2 * articles
            or len(stories._codes) != code_bytes
        ):
            raise ValueError("story index damaged")
        stories._ids, stories._stories = names[:articles], names[articles:]
        return stories

    def _sketch(self, number: int) -> Sketch:
        size = BINS + LEAD_BINS
        raw = bytes(self._codes[number * size : (number + 1) * size])
        return Sketch(raw[:BINS], raw[BINS:], self._shingles[number])

    def _candidates(self, value: Sketch) -> set[int]:
        found: set[int] = set()
        packed = self._sorted
        for key in self._keys(value):
            found.update(self._recent.get(key, ()))
            i = bisect.bisect_left(packed, key << 32)
            while i < len(packed) and packed[i] >> 32 == key:
                found.add(packed[i] & 0xFFFFFFFF)
                i += 1
        return found

    def find(self, value: Sketch) -> Match | None:
        """The most similar known near-duplicate (the earliest added on a tie), or None."""
        best: tuple[float, int] | None = None
        for number in sorted(self._candidates(value)):
            near, jaccard = is_near_duplicate(value, self._sketch(number))
            if near and (best is None or jaccard > best[0]):
                best = (jaccard, number)
        if best is None:
            return None
        return Match(self._ids[best[1]], self._stories[best[1]], round(best[0], 2))
