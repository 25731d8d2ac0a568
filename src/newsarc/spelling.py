"""Other spellings of one name that the archive holds: learned from its own words.

Arab newsrooms transliterate foreign names and loanwords each their own way: Trump is
``ترمب`` or ``ترامب``, American ``أمريكي`` or ``أميركي``, Google ``جوجل`` or ``غوغل``,
Facebook ``فيسبوك`` or ``فيس بوك``. The differences fall in a few kinds:

* a long vowel letter (ا و ي) written or left out inside the word, or moved by one letter
  (``ترمب/ترامب``, ``بوتن/بوتين``, ``أمريكي/أميركي``);
* the seat of a hamza (``مسئول/مسؤول``; before و, ئ and ؤ are two newsrooms' conventions for
  one word, taken as such without the evidence below, which the rare one seldom has);
* the letter written for a foreign g: ج غ ق ك (``جوجل/غوغل``, ``الكونجرس/الكونغرس``,
  ``إنجلترا/إنكلترا``);
* one word or two (``فيسبوك/فيس بوك``).

The same edits also turn one Arabic word into another: ``البرتغال`` (Portugal) and
``البرتقال`` (orange), ``علم`` and ``عالم``. So a candidate spelling is offered only when
the archive holds it *and* the archive's own text says it is the same word: the words
written around the two spellings must be alike (``الرئيس الأمريكي دونالد`` before both
spellings of Trump; ``منتخب`` and ``رونالدو`` around Portugal, ``عصير`` around orange).
Two words are one word written apart when the first is mostly followed by the second
(``فيس`` by ``بوك``). Two different given names of newsarc's list (``محمد/محمود``,
``سلمان/سليمان``, ``جمال/كمال``) are never one word: names stand among the same words
(``بن``, ``الملك``), so their context cannot tell two people apart.

Pure functions over look-ups any engine can answer: ``frequency(term)`` (articles holding
the normalized term), ``neighbours(term)`` (the words written next to it in a sample of
those articles, counted) and ``phrase_frequency(words)`` (articles holding the phrase).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from typing import NamedTuple

from newsarc.given_names import is_listed_name

__all__ = [
    "SpellingVariant",
    "candidate_spellings",
    "context_similarity",
    "spelling_variants",
    "split_spellings",
]

Frequency = Callable[[str], int]
Neighbours = Callable[[str], Counter]
PhraseFrequency = Callable[[Sequence[str]], int]

LONG_VOWELS = "اوي"
HAMZA_SEATS = "ءؤئ"
FOREIGN_G = "جغقك"
#: Letters a word and its other spelling must have: shorter words are mostly native words
#: a letter apart (قال/قيل, كان/كون, سعد/سعيد), never names spelled two ways.
MIN_LETTERS = 4
#: Similarity of the two spellings' neighbours (cosine of square-rooted counts, so that one
#: neighbour such as بن before every name cannot make two names alike) from which they are
#: one word. Tuned on ANT only (neighbours from 100 articles each; bench/eval_variants.py):
#: of 339 candidate pairs both spellings of which have some context, those from 0.2 up are
#: names and loanwords spelled two ways (الكونغرس, نتنياهو, سيرجي, الديبلوماسيين, 0.20-0.63)
#: but for one plural (حربا/حروبا 0.21); below are different words a letter apart
#: (سلمان/سليمان, برجل/برجال 0.18, البرتغال/البرتقال 0.01) and a few spellings missed
#: (ترمب/ترامب and جوجل/غوغل at 0.19 in ANT). SaudiNewsNet is the held-out check.
MIN_CONTEXT_SIMILARITY = 0.2
#: Neighbours (counted occurrences) each spelling needs before its context says anything.
MIN_CONTEXT = 8
#: Share of a first part's articles in which the two parts stand together, from which a
#: two-word spelling is taken for one word.
MIN_SPLIT_SHARE = 0.5
_MIN_PART = 2
#: What may stand before a name written as one word with it (و, ف, ب, ل, ك).
_NAME_PROCLITICS = "وفبلك"


class SpellingVariant(NamedTuple):
    #: The other spelling: one normalized word, or several separated by spaces.
    text: str
    #: What differs: "vowel", "hamza", "g" or "split".
    kind: str


def _edits(term: str) -> Iterator[tuple[str, str]]:
    n = len(term)
    for i in range(1, n):  # inside the word: after its first letter, before its end
        for vowel in LONG_VOWELS:
            yield term[:i] + vowel + term[i:], "vowel"
    for i in range(1, n - 1):
        if term[i] in LONG_VOWELS:
            yield term[:i] + term[i + 1 :], "vowel"
            if i > 1:  # moved one letter back: اميركي → امريكي
                yield term[: i - 1] + term[i] + term[i - 1] + term[i + 1 :], "vowel"
            if i < n - 2:
                yield term[:i] + term[i + 1] + term[i] + term[i + 2 :], "vowel"
        if term[i] in HAMZA_SEATS:
            for seat in HAMZA_SEATS:
                if seat != term[i]:
                    yield term[:i] + seat + term[i + 1 :], "hamza"
    for letter in set(term) & set(FOREIGN_G):
        for other in FOREIGN_G:
            if other != letter:
                yield term.replace(letter, other), "g"  # every g of a name alike: جوجل/غوغل
                if term.count(letter) > 1:
                    for i, char in enumerate(term):
                        if char == letter:
                            yield term[:i] + other + term[i + 1 :], "g"


def candidate_spellings(term: str) -> list[SpellingVariant]:
    """Every one-word respelling of a normalized ``term`` of the kinds above, known or not."""
    if len(term) < MIN_LETTERS or not term.isalpha() or term.isascii():
        return []
    found: dict[str, str] = {}
    for text, kind in _edits(term):
        if text != term and text not in found and len(text) >= MIN_LETTERS:
            found[text] = kind
    return [SpellingVariant(text, kind) for text, kind in found.items()]


def context_similarity(first: Counter, second: Counter) -> float:
    """Cosine similarity of the square roots of two neighbour counts (0 when either is
    empty): a neighbour seen 100 times weighs 10 times one seen once, not 100 times."""
    first = Counter({word: math.sqrt(count) for word, count in first.items()})
    second = Counter({word: math.sqrt(count) for word, count in second.items()})
    if len(first) > len(second):
        first, second = second, first
    dot = sum(count * second[word] for word, count in first.items() if word in second)
    norm = math.sqrt(sum(c * c for c in first.values())) * math.sqrt(
        sum(c * c for c in second.values())
    )
    return dot / norm if norm else 0.0


def same_word(first: str, second: str, neighbours: Neighbours) -> bool:
    """Whether the text around two spellings says they are one word."""
    # The other spelling first: it is usually the rarer, and when it has too little text
    # around it the typed word's (up to 100 articles to read) is not needed.
    b = neighbours(second)
    if sum(b.values()) < MIN_CONTEXT:
        return False
    a = neighbours(first)
    if sum(a.values()) < MIN_CONTEXT:
        return False
    return context_similarity(a, b) >= MIN_CONTEXT_SIMILARITY


def split_spellings(
    term: str, frequency: Frequency, phrase_frequency: PhraseFrequency
) -> list[SpellingVariant]:
    """``term`` written as two words the archive holds mostly together (فيسبوك → فيس بوك)."""
    if len(term) < 2 * _MIN_PART + 1 or term.isascii():
        return []
    found = []
    for i in range(_MIN_PART + 1, len(term) - _MIN_PART + 1):
        first, second = term[:i], term[i:]
        together = frequency(first) and frequency(second) and phrase_frequency((first, second))
        if together and together >= MIN_SPLIT_SHARE * frequency(first):
            found.append(SpellingVariant(f"{first} {second}", "split"))
    return found


def joined_spelling(
    words: Sequence[str], frequency: Frequency, phrase_frequency: PhraseFrequency
) -> SpellingVariant | None:
    """Two words the archive also writes as one (فيس بوك → فيسبوك), or None."""
    if len(words) != 2 or any(len(w) < _MIN_PART or w.isascii() for w in words):
        return None
    joined = "".join(words)
    if not frequency(joined):
        return None  # (cheap: the phrase is looked up only for a joined word the archive holds)
    together = phrase_frequency(tuple(words))
    if together and together >= MIN_SPLIT_SHARE * frequency(words[0]):
        return SpellingVariant(joined, "split")
    return None


_SEATS_BEFORE_WAW = {"ئو": "ؤو", "ؤو": "ئو"}


def _two_names(term: str, other: str) -> bool:
    """Two different given names (`محمد/محمود`, `سلمان/سليمان`, `جمال/كمال`, `هاشم/هشام`),
    alone or after one conjunction or preposition: two people, however alike the words
    around them (`بن`, `الملك`, `الشيخ` stand around every name)."""
    if is_listed_name(term) and is_listed_name(other):
        return True
    return (
        term[0] == other[0]
        and term[0] in _NAME_PROCLITICS
        and is_listed_name(term[1:])
        and is_listed_name(other[1:])
    )


def _seat_before_waw(term: str, other: str) -> bool:
    """``other`` is ``term`` with one hamza before و moved to the other seat (مسئول/مسؤول,
    الشئون/الشؤون): a convention, not another word (ANT: 47 such pairs, all one word; other
    seat changes are not always one word: البئر, the well, and البؤر, hotspots)."""
    if len(term) != len(other):
        return False
    changed = [i for i, (a, b) in enumerate(zip(term, other)) if a != b]
    if len(changed) != 1:
        return False
    i = changed[0]
    return _SEATS_BEFORE_WAW.get(term[i : i + 2]) == other[i : i + 2]


def spelling_variants(
    term: str,
    frequency: Frequency,
    neighbours: Neighbours,
    phrase_frequency: PhraseFrequency | None = None,
) -> list[SpellingVariant]:
    """The other spellings of ``term`` (normalized) that the archive holds and that its
    text says are the same word, most frequent first; never ``term`` itself."""
    if frequency(term) == 0:
        return []  # no text around the typed spelling to compare with
    known = [(frequency(v.text), v) for v in candidate_spellings(term)]
    found = [
        v
        for count, v in sorted(known, key=lambda kv: -kv[0])
        if count
        and not _two_names(term, v.text)
        and (_seat_before_waw(term, v.text) or same_word(term, v.text, neighbours))
    ]
    if phrase_frequency is not None:
        found += split_spellings(term, frequency, phrase_frequency)
    return found
