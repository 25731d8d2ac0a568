"""Other spellings of a query word that the archive knows: clitics and pronoun endings.

light10 misses some of the ways a word is written: one-letter proclitics other than و
(``بشرق`` / ``شرق``, ``لقوات`` / ``قوات``), pronoun endings after a taa marbuta
(``مدرستها`` / ``مدرسة``; ``طفولته`` / ``طفولة``, where ته may also be a word's own ت + ه:
``بيته``) or that light10 does not know (``معقلهم`` / ``معقل``), words of their own ال
(``ألعاب``, written ``العاب`` once hamza is folded, stems to ``عاب``; ``الألعاب`` to
``العاب``), ل before the article of a word starting with ل (``للجنة`` / ``اللجنة``:
light10 cuts it to ``جنة``), and words whose first letter is a و of the root: light10 stems
``وزير`` and ``وزيرها`` to ``زير`` but ``الوزير``, ``للوزير``, ``ووزير`` to ``وزير``
(``_root_waw_twins``); where what its cut leaves is another word's (``ورقة``: ``رقه``, as
``الرقة``), a bare word is searched by its article form's stem (``root_waw_stem_form``).

Stripping such affixes blindly merges words that only look alike (``فكرة`` is not ف +
``كرة``, ``لبنان`` is not ل + ``بنان``). So the rules here run at query time and only
propose a spelling the archive already holds, and, for a proclitic or a pronoun ending,
only when the shorter form is the *more frequent* one: a real clitic form is rarer than its
base (``لقوات`` 497 articles, ``قوات`` 3,099 in ANT), while a word that merely starts or ends
with those letters is usually the common one (``لبنان`` 628 vs ``بنان``; ``فقط`` vs ``قط``).
Set phrases are the exception (``بنيران`` 93, ``نيران`` 65): a ب or ل form up to three
times as frequent still counts when the archive writes the noun with the article and never
the form (a preposition cannot follow the article; ``البطاقة`` shows ``بطاقة`` is a word).

Pure functions: the archive is consulted through ``frequency(term) -> int`` (the number of
articles holding the normalized, unstemmed term; 0 when unknown).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from typing import NamedTuple

from newsarc.stem import Shape, split_prefix, stem_word, word_shape

__all__ = [
    "PROCLITICS",
    "PROCLITIC_RUNS",
    "PRONOUN_SUFFIXES",
    "Variant",
    "lam_reading_cut_forms",
    "other_words_of_stems",
    "own_dual_letters_cut_forms",
    "own_dual_letters_twins",
    "own_article_cut_forms",
    "own_article_shown",
    "plural_singular_cut_forms",
    "proclitic_bases",
    "root_waw_cut_forms",
    "root_waw_cut_twins",
    "root_waw_shown",
    "root_waw_stem_form",
    "variants",
]

Frequency = Callable[[str], int]

#: One-letter proclitics light10 does not remove (it removes و, and ال with ب ك ف ل before
#: it). ك and ف are left out on evidence: among the most frequent ANT words that start with
#: them and whose remainder is a more frequent word, about half are not clitic forms at all
#: (فورد/ورد, فيصل/يصل, فكرة/كرة, فتحت/تحت, كيري/يري, كروس/روس, كيان/يان), against a few
#: in a hundred for ب and ل (بلدية/لديه, لسان/سان).
PROCLITICS = ("ب", "ل")
#: Conjunctions that may come before them (وبشرق, فلقوات).
_CONJUNCTIONS = ("و", "ف")
#: What may come before a word, as Arabic writes it: a conjunction (و ف), a preposition
#: (ب ل ك), the article, and their combinations; ل + ال is written لل.
PROCLITIC_RUNS = (
    "و", "ف", "ب", "ل", "ك", "ال", "وال", "فال", "بال", "كال", "لل",
    "وب", "ول", "وك", "فب", "فل", "فك", "وبال", "وكال", "ولل", "فبال", "فكال", "فلل",
)  # fmt: skip
#: Any of them, or none.
_ANY_RUN = ("", *PROCLITIC_RUNS)
#: Attached pronouns, longest first. After a noun in taa marbuta the ة is written ت.
#: Second-person ك كن كما are left out: rare in news, and they mostly end other words
#: (يتمكن/يتم, يشارك/يشار, مايك/ماي).
PRONOUN_SUFFIXES = ("هما", "هم", "هن", "كم", "نا", "ها", "ه", "ي")

_ARTICLE = "ال"
_WAW = "و"
_TAA_MARBUTA = "ه"  # ة after normalization
#: Pronouns spelled like an ending that makes another word: ه is also ة after
#: normalization, ي the nisba (رياضه, رياضي are not رياض + a pronoun).
_AMBIGUOUS_PRONOUNS = ("ه", "ي")
_MIN_BASE = 3  # letters a base must keep: 2-letter bases are too ambiguous (بحر → حر)


class Variant(NamedTuple):
    text: str
    #: Safe to stem with light10: a shorter base, or the word with or without the article.
    #: A form with a proclitic or pronoun *added* is not: light10 does not know ب and ل, so
    #: it would cut ``للبنان`` to ``بن`` and ``بليون`` to ``بل``. Search those as written.
    stemmable: bool


def variants(
    term: str,
    frequency: Frequency,
    stopwords: Collection[str] = frozenset(),
    root_waw: bool = True,
) -> list[Variant]:
    """Spellings of ``term`` (normalized) with a clitic or pronoun added or removed that
    the archive holds, most specific rule first; never ``term`` itself or a stopword.
    ``root_waw`` False: the first و of ``term`` is known to be the conjunction (it was
    written before a hamza: ``وأعدها``), so no root-و twin (step 5)."""
    if len(term) < _MIN_BASE or term.isascii():
        return []
    found: dict[str, bool] = {}

    def known(candidate: str) -> bool:
        return (
            candidate != term
            and len(candidate) >= _MIN_BASE
            and candidate not in stopwords
            and candidate not in found
            and frequency(candidate) > 0
        )

    n = frequency(term)

    def rarer_than_base(form: str, base: str) -> bool:
        return frequency(form) < frequency(base)

    # 1. The article added or removed (the form without it, for a word starting with و:
    #    step 5, on the archive's evidence).
    other = term[len(_ARTICLE) :] if term.startswith(_ARTICLE) else _ARTICLE + term
    if known(other) and not other.startswith(_WAW):
        found[other] = True
    # A word of its own ال (ألعاب, الكتروني: hamza folded, it looks like the article) loses
    # it to the stemmer when bare, keeps it after the article (الألعاب → العاب): where the
    # archive writes the article before it, that form too.
    if term.startswith(_ARTICLE) and known(_ARTICLE + term):
        found[_ARTICLE + term] = True

    # ل before the article of a word starting with ل drops the article's alif (اللجنة →
    # للجنة, اللاجئين → للاجئين), and light10 cuts that form's لل as if it were ل + ال
    # (جنه, اجئ): the two forms meet only here, on the same evidence as other proclitics.
    # The لل form is also ل + ال + the rest (للجنة: ل + الجنة): it is taken for this word's
    # when rarer than the article form, or when the archive writes the article form more
    # than that other reading's (اللتر 6, التر 1: للتر, 13, is ل + اللتر).
    if term.startswith(_ARTICLE + "ل"):
        form = term[1:]
        if known(form) and (rarer_than_base(form, term) or _lam_reading_wins(form, frequency)):
            found[form] = False
    elif (
        term.startswith("لل")
        and known("ا" + term)
        and (frequency("ا" + term) > n or _lam_reading_wins(term, frequency))
    ):
        found["ا" + term] = True

    # 2. One-letter proclitics, alone or after و/ف: when the base is more frequent, or the
    #    form is a noun's with ب or ل (_noun_after_proclitic).
    for base in proclitic_bases(term, frequency):
        if known(base):
            found[base] = True
    for clitic in PROCLITICS:
        form = clitic + term
        if (
            known(form)
            and not _first_letter_shown_own(form, frequency)
            and (rarer_than_base(form, term) or _noun_after_proclitic(form, frequency))
        ):
            found[form] = False

    # 3. Pronoun endings (ت → ة before them): only when the base is more frequent.
    for base in _pronoun_bases(term):
        if known(base) and frequency(base) > n:
            found[base] = True
    for form in _pronoun_forms(term):
        if known(form) and rarer_than_base(form, term):
            found[form] = False
    for base, open_taa in _open_taa_bases(term):
        # ه or ي after a ة written ت (طفولته, ذروته), not after a word's own ت: only where
        # the archive writes that word (بيت of بيته, the verb نقلت of نقلته) less than the ة
        # form, and hardly ever with the article (السكتة: سكتة is a ة word, not سكة + ه).
        if (
            known(base)
            and frequency(open_taa) < frequency(base)
            and _ARTICLE_MARGIN * frequency(_ARTICLE + term) <= n
        ):
            found[base] = True
    # 4. The plural in ات of a word without ة (قرار, قرارات): the stemmer files ات with ة
    #    (سيارة, سيارات), so the plain word and its plural meet only here; only where the
    #    archive writes the plural far more than the ة form, which would otherwise be its
    #    singular (not العمل → العملات: العملة, currency; not الرياض → الرياضات).
    for form, plural, feminine in _plural_pairs(term):
        if known(form) and frequency(plural) > _PLURAL_MARGIN * frequency(feminine):
            found[form] = True
    # 5. A word whose first letter is a root و, in its forms with and without the article:
    #    for the word as typed and for each other form of it found above.
    words = [term, *(text for text, stemmable in found.items() if stemmable)]
    for word in words if root_waw else []:
        for twin, stemmable in _root_waw_twins(word, frequency):
            if known(twin):
                found[twin] = stemmable
    return [Variant(text, stemmable) for text, stemmable in found.items()]


def _root_waw_twins(word: str, frequency: Frequency) -> list[tuple[str, bool]]:
    """The other half of ``word``'s forms when its first letter may be a root و, as
    (form, stemmable). light10 keeps that و after the article or another proclitic run
    (``الوزير``, ``للوزير``, ``والولايات``, ``ووزير``: stem ``وزير``) and takes it for the
    conjunction in a bare word (``وزير``, ``وزارتها``: stem ``زير``), so the two halves of
    one word meet only here:

    * a bare word the stemmer cut a و from: the word with the article (``وزير`` →
      ``الوزير``, ``والدة`` → ``الوالدة``), where the archive writes it: the article shows
      the و is the word's own; else the word after the conjunction (``وصلت`` → ``ووصلت``)
      or another of its inflections with the article (``واسعات`` → ``الواسعة``);
    * a form whose و the article or a conjunction shows to be the root's: the bare word
      (``للوزير`` → ``وزير``), stemmable when the archive writes the word with the article
      more often than what light10 leaves of the bare word (``الوزير`` 3,890 articles in
      ANT, ``الزير`` 0). Otherwise that stem is mostly another word's (``الواحد`` →
      ``واحد``, stem ``احد``: ``الأحد``, Sunday): only the bare form as written;
    * and, either way, the bare word's other inflections whose stem light10's cut makes
      another (``الوطني`` → ``وطنية``: stem ``طنيه``, where ``وطني`` is ``طني``), on the
      same evidence.
    """
    prefix, rest = split_prefix(word)
    if prefix and rest.startswith(_WAW):
        twins = [(rest, _bare_stem_is_its_own(rest, frequency))]
        bare = rest
    elif prefix.startswith(_WAW):
        bare = word
        # The article form; where the archive lacks it, the word after the conjunction
        # (ووصلت) or another inflection with the article (الواسعة for واسعات): each shows
        # the و is the word's own, and all stem alike. One is enough: the stem matches.
        base, shape = word_shape(word)
        forms = (_ARTICLE + word, _WAW + word, *(_ARTICLE + base + e for e in _INFLECTIONS[shape]))
        twins = [(next((form for form in forms if frequency(form)), forms[0]), True)]
    else:
        return []
    # The bare word's inflections whose stems light10's cut splits off (وطني: طني, but
    # وطنية: طنيه; وحدة: حده, but وحدات: حدات), where the article forms share one stem.
    base, shape = word_shape(bare)
    stems = {stem_word(text) for text, _ in twins} | {stem_word(word)}
    for ending in _INFLECTIONS[shape]:
        inflected = base + ending
        if stem_word(inflected) not in stems:
            stems.add(stem_word(inflected))
            twins.append((inflected, _bare_stem_is_its_own(inflected, frequency)))
    return twins


#: The endings of one derivation (newsarc.stem.word_shape), which its stem keeps together.
_INFLECTIONS = {
    Shape.NISBA: ("ي", "يه", "يون", "يين", "يات"),
    Shape.FEMININE: ("ه", "ات"),
    Shape.PLAIN: ("", "ون", "ين", "ان"),
}


def root_waw_stem_form(term: str, frequency: Frequency) -> str | None:
    """The form whose stem a bare word is searched by instead of the stem light10 gives it,
    or None: the word with the article, where the stemmer cut the word's first letter as
    the conjunction, the archive writes the word with the article (the و is then the
    root's: ``الورقة``; for a form with a pronoun or plural ending, its base's: ``وجهتها``
    by ``الوجهة``) and what the cut leaves is mostly another word's (``الرقة``, Raqqa,
    written more than ``الورقة``; ``الأحد`` more than ``الواحد``: _bare_stem_is_its_own).
    The cut stem would bring that other word's articles (``ورقة`` → ``رقه``: ``الرقة``).
    Where it is the word's own (``وزير``: ``الوزير``, never ``الزير``) nothing changes; nor
    where the other word with the article outnumbers the word's past _ROOT_WAW_MARGIN: the
    و is then the conjunction's, the article form a typo (``الوكرة`` 3, ``الكرة`` 1,125)."""
    shown = _root_waw_evidence(term, frequency)
    if shown is None or _bare_stem_is_its_own(shown, frequency):
        return None
    return _ARTICLE + term


def root_waw_shown(term: str, frequency: Frequency) -> bool:
    """Whether ``term`` is a bare word whose first و the stemmer cuts as the conjunction
    while the archive shows it to be the root's (_root_waw_evidence): ``وجهتها``, whose
    ``الوجهة`` the archive writes, is not و + ``جهتها``."""
    return _root_waw_evidence(term, frequency) is not None


def _root_waw_evidence(term: str, frequency: Frequency) -> str | None:
    """The form whose forms show that the first و of ``term``, a bare word the stemmer
    cuts it from, is the root's (_root_waw_shown: with the article, or after the
    conjunction): the word itself (``ورقة``: ``الورقة``; ``وافق``: ``ووافق``), else the word
    without its pronoun or plural ending (``وجهتها``, ``وجهات``: ``وجهة``, written
    ``الوجهة``; a pronoun never follows the article); None if neither."""
    prefix, rest = split_prefix(term)
    if prefix != _WAW or rest.startswith(_WAW):
        return None
    base, shape = word_shape(term)
    # ... or in ت + a pronoun, or ending in the ت a pronoun follows: the word in ة
    # (وجهته, وجهت: وجهة), the pronouns ه and ي being also endings of words of their own
    open_taa = [taa for taa, _ in _open_taa_bases(term)]
    if term.endswith("ت"):
        open_taa.append(term[:-1] + _TAA_MARBUTA)
    for form in dict.fromkeys((term, base + shape.value, *open_taa)):
        if split_prefix(form)[0] == _WAW and _root_waw_shown(form, frequency):
            return form
    return None


def root_waw_cut_twins(term: str, frequency: Frequency) -> list[str]:
    """The words a search of ``term`` must not find through its stem: bare words whose
    first letter is a root و and whose stem, once light10 has cut that و as the
    conjunction, is ``term``'s (``ورقة``, paper, stem ``رقه``, for ``الرقة``, Raqqa, or
    ``رقة``; ``واحد`` and ``واحدهم`` for ``الأحد``; ``وحدة`` for ``الحدة``), where the archive
    writes them and shows the و to be the root's (root_waw_shown: ``الورقة``; ``الوجهة``
    for ``وجهتها``, kept out of a search of ``جهتها``). The reverse of root_waw_stem_form:
    its evidence, for the other word. Nothing for a word whose own first letter is a و
    (``وزير``, ``الوزير``) or whose twin the archive does not show to be a root-و word
    (``ودول``: and countries, for ``الدول``)."""
    prefix, rest = split_prefix(term)
    if prefix == _WAW or rest.startswith(_WAW) or len(rest) < _MIN_BASE:
        return []
    twin = _WAW + rest
    if not root_waw_shown(twin, frequency):
        return []
    forms = (twin, *(twin + suffix for suffix in PRONOUN_SUFFIXES))
    return _written_with_stem_of(term, forms, frequency)


#: What may come before a word whose ال is its own (إلهام): nothing, or a run without the
#: article (و ف ب ل ك and their pairs).
_OWN_ARTICLE_RUNS = ("", *(run for run in PROCLITIC_RUNS if "ال" not in run and "لل" not in run))


def own_article_shown(term: str, frequency: Frequency) -> bool:
    """Whether the archive shows the first ال of ``term`` to be the word's own, not the
    article: it writes ``term`` after the article (``الآلاف``, ``الإلغاء``; the article never
    goes before the article) in more than 1 of _ARTICLE_MARGIN of its articles."""
    return term.startswith(_ARTICLE) and _first_letter_shown_own(term, frequency)


def own_article_cut_forms(term: str, frequency: Frequency) -> list[str]:
    """The words a search of ``term``, a word whose first ال is its own (``إلهام``,
    inspiration; ``آلاف``, thousands: written with a hamza, never the article), must not
    find through its stem: light10 takes that ال for the article and stems ``الهام`` as
    ``هام`` (important), so what it leaves, bare or after a proclitic (``هام``, ``وهام``;
    ``اف`` and ``واف`` for ``الاف``), shares the word's stem; those the archive writes."""
    if not term.startswith(_ARTICLE) or len(term) - len(_ARTICLE) < _MIN_BASE - 1:
        return []
    return _cut_forms(term, term[len(_ARTICLE) :], _OWN_ARTICLE_RUNS, frequency)


def other_words_of_stems(
    term: str,
    stemmed_variants: Iterable[str],
    frequency: Frequency,
    *,
    own_article: bool = False,
    root_waw: bool = True,
) -> list[str]:
    """The words the archive writes that a search of ``term`` must not find through its
    stem or its ``stemmed_variants``' stems, light10 having cut letters that are a word's
    own as a clitic (Word.stem_excludes): root-و twins (``ورقة`` for ``الرقة``) and, for a
    root-و word, what its cut leaves (``حدة`` for ``وحدة``); what light10 leaves of a word
    whose ال is its own (``هام`` for ``إلهام``, where ``own_article``; ``اف`` for ``الآلاف``,
    its form without the article being one); ل + the article read as ل + another word
    (``للقاء`` for ``القاء``); a plural in ات's singular's own plural (``المنتجين`` for
    ``المنتجات``); what the cut of an ان of the word's own leaves (``الطير`` for ``الطيران``).
    ``root_waw`` False: ``term``'s first و is the conjunction."""
    if own_article:
        found = dict.fromkeys(own_article_cut_forms(term, frequency))
    else:
        found = dict.fromkeys(root_waw_cut_twins(term, frequency))
        if root_waw:
            found.update(dict.fromkeys(root_waw_cut_forms(term, frequency)))
    found.update(dict.fromkeys(lam_reading_cut_forms(term, frequency)))
    found.update(dict.fromkeys(own_dual_letters_cut_forms(term, frequency)))
    found.update(dict.fromkeys(own_dual_letters_twins(term, frequency)))
    twins = tuple(found)  # never forms of term, whatever their stem
    bare = term[len(_ARTICLE) :] if term.startswith(_ARTICLE) else None
    for variant in stemmed_variants:
        if variant in twins:
            continue
        # a root-و form of term (وحدة of الوحدة: حده), or ل + the article before it (للقاء
        # of القاء for الإلقاء); not where term is among what they leave out (ديه: وديه)
        for forms in (
            root_waw_cut_forms(variant, frequency) if root_waw else [],
            lam_reading_cut_forms(variant, frequency),
            own_dual_letters_cut_forms(variant, frequency),
        ):
            if term not in forms:
                found.update(dict.fromkeys(forms))
        if variant == bare and own_article_shown(bare, frequency):
            found.update(dict.fromkeys(own_article_cut_forms(bare, frequency)))
        if variant + _PLURAL == term:
            found.update(dict.fromkeys(plural_singular_cut_forms(term, frequency)))
    found.pop(term, None)
    return list(found)


def own_dual_letters_cut_forms(term: str, frequency: Frequency) -> list[str]:
    """For ``term``, a noun ending in ان that light10 takes for the dual's ending (``الطيران``,
    aviation, stemmed ``طير``, bird; ``العدوان``, aggression, ``عدو``, enemy), where the
    archive does not show it a dual: its form in ين, the dual's other case, bare or with the
    article, is written in fewer than 1 of _ARTICLE_MARGIN of the articles writing the
    word (``الطرفين`` 434 ANT articles against ``الطرفان``'s and ``طرفان``'s 146;
    ``الطيرين`` none). The ان is then the word's own, and what the cut leaves, after a run
    or with another ending, another word's (``الطير``, ``العدو``). A noun: the archive
    writes it with the article (a verb's dual, ``يلتقيان``, has no form in ين either)."""
    rest = split_prefix(term)[1]
    if not _own_dual_letters(rest, frequency):
        return []
    return _cut_forms(term, rest[: -len(_DUAL)], _ANY_RUN, frequency, but=_DUAL)


def own_dual_letters_twins(term: str, frequency: Frequency) -> list[str]:
    """The reverse of own_dual_letters_cut_forms: the forms of the noun ``term`` + ان whose
    ان is its own that light10 stems as ``term`` (``الطيران``, aviation, for ``الطير``,
    bird; ``العدوان``, aggression, for ``العدو``, enemy)."""
    twin = split_prefix(term)[1] + _DUAL
    if not _own_dual_letters(twin, frequency):
        return []
    return _written_with_stem_of(term, _forms_of((twin,), but=_DUAL), frequency)


def _own_dual_letters(word: str, frequency: Frequency) -> bool:
    """Whether ``word`` (without a proclitic) ends in an ان of its own that light10 takes for
    the dual's: own_dual_letters_cut_forms."""
    if not word.endswith(_DUAL) or word.startswith(_ARTICLE):
        return False
    base = word[: -len(_DUAL)]
    if len(base) < _MIN_BASE or stem_word(word) != stem_word(base):
        return False  # light10 keeps the ان (a word of fewer letters, or one of the list)
    if frequency(_ARTICLE + word) < _NOUN_EVIDENCE:
        return False
    oblique = frequency(base + "ين") + frequency(_ARTICLE + base + "ين")
    return _ARTICLE_MARGIN * oblique < frequency(word) + frequency(_ARTICLE + word)


#: The dual's ending in the nominative (its other case ends in ين).
_DUAL = "ان"


def root_waw_cut_forms(term: str, frequency: Frequency) -> list[str]:
    """The words a search of ``term``, a bare word whose first و is the root's
    (root_waw_shown) and which is searched by the stem light10 leaves once it has cut that
    و (the stem being mostly its own: root_waw_stem_form is None), must not find through
    that stem: what the cut leaves, bare or with a proclitic run or an ending (``وحدة``,
    unit: ``حدة``, ``الحدة``, sharpness, ``على حدة``, apart; ``وسائل``, means: ``السائل``,
    the liquid), those the archive writes. The reverse of root_waw_cut_twins."""
    prefix, rest = split_prefix(term)
    if (
        prefix != _WAW
        or len(rest) < _MIN_BASE - 1
        or not root_waw_shown(term, frequency)
        or root_waw_stem_form(term, frequency) is not None
    ):
        return []
    return _cut_forms(term, rest, _CUT_RUNS, frequency)


def _cut_forms(
    term: str, rest: str, runs: Iterable[str], frequency: Frequency, but: str = ""
) -> list[str]:
    """The forms the archive writes of what light10 leaves of ``term`` once it has cut
    letters as a clitic or an ending (``rest``), and of its stem, after each of ``runs`` and
    with each ending but ``but`` (_forms_of), that share ``term``'s stem: every form of
    ``term`` holds those letters, so a form without them is another word's, whatever
    follows (``التزام``, commitment, stem ``تزام``: ``تزامنا``, coinciding; ``المانية``:
    ``ماني``, Mani)."""
    cores = dict.fromkeys((rest, stem_word(term)))
    return _written_with_stem_of(term, _forms_of(cores, runs, but), frequency)


def _forms_of(
    cores: Iterable[str], runs: Iterable[str] = (), but: str = ""
) -> dict[str, None]:
    """Each of ``cores`` after each of ``runs`` (default: none, or any proclitic run) and
    with each ending it can be written with (_endings_after) but ``but``."""
    return dict.fromkeys(
        run + core + ending
        for core in cores
        for run in runs or _ANY_RUN
        for ending in _endings_after(core, _ARTICLE in run or run.endswith("لل"))
        if not but or ending != but
    )


def _endings_after(core: str, with_article: bool) -> tuple[str, ...]:
    """The endings light10 takes off that Arabic writes after ``core``: a dual or a plural,
    and a pronoun but after the article; nothing after a ة (its ت takes them: حدتها) or a
    plural in ات but a pronoun. Each ending written is a look-up in the index, over the
    network for a Xapian shard: only those that can be written are tried."""
    if core.endswith(_TAA_MARBUTA):
        return ("",)
    endings: tuple[str, ...] = ("",) if core.endswith(_PLURAL) else _NUMBER_ENDINGS
    return endings if with_article else endings + PRONOUN_SUFFIXES


#: The dual and plural endings light10 takes off, and none.
_NUMBER_ENDINGS = ("", "ان", "ات", "ون", "ين")
#: What may come before what light10 leaves of a root-و word, but the و that makes it the word.
_CUT_RUNS = ("", *(run for run in PROCLITIC_RUNS if run != _WAW))


def _written_with_stem_of(term: str, forms: Iterable[str], frequency: Frequency) -> list[str]:
    """Those of ``forms`` the archive writes that light10 stems as ``term``."""
    own = stem_word(term)
    return [form for form in forms if stem_word(form) == own and frequency(form)]


def _root_waw_shown(bare: str, frequency: Frequency) -> bool:
    """Whether the archive shows the first letter of ``bare`` (a word the stemmer cuts a و
    from) to be the root's: it writes the word with the article (``الورقة``), or a verb
    after the conjunction (``ووافق``: _after_conjunction), in _NOUN_EVIDENCE articles or
    more, and what the cut leaves with the article (``الرقة``, ``الأفق``) in no more than
    _ROOT_WAW_MARGIN times as many."""
    n = max(frequency(_ARTICLE + bare), _after_conjunction(bare, frequency))
    rest = split_prefix(bare)[1]
    return n >= _NOUN_EVIDENCE and frequency(_ARTICLE + rest) <= _ROOT_WAW_MARGIN * n


def _after_conjunction(bare: str, frequency: Frequency) -> int:
    """Articles writing ``bare`` after the conjunction (``ووافق``, and he agreed: light10
    takes the first و only), which shows a verb's و to be the root's where the article
    cannot; counted where they are at least 1 in _CONJUNCTION_SHARE of the bare word's, as
    typos double a و too (ANT: ``وودول`` 1 article to ``ودول``'s 273, ``وورفض`` 1 to 348;
    root-و verbs ``ووافق`` 95 to 389, ``وواصل`` 241 to 232, ``ووجد`` 129 to 236), and a
    form may be both (``ووجده``, and found him, 2 to ``وجده``'s 39, mostly و + جدة)."""
    n = frequency(_WAW + bare)
    return n if n * _CONJUNCTION_SHARE >= frequency(bare) else 0


#: A bare word's articles per article writing it after the conjunction, at most, for that
#: to show a root و: a verb follows the conjunction in about 1 article in 2-5 of its own
#: (ANT: ووافق, ووجد, ووضع), so 1 in 10 makes the root's reading at least half the bare
#: word's articles; doubled-و typos are 1 in 75-300.
_CONJUNCTION_SHARE = 10


#: How many times more often than a bare word with the article (``الواحد``) the archive may
#: write what light10's cut leaves of it with the article (``الأحد``) for the article form
#: still to show a root و. ANT, by hand: root و up to 21 (الأحد 4,637 / الواحد 313: 15;
#: الجهات 693 / الوجهات 37: 19; الإرث 42 / الوارث 2: 21), the conjunction from 85 (الداعية
#: 169 / الوداعية 2; الكرة 1,125 / الوكرة 3: 375); below 21 both (الضيعة 14 / الوضيعة 3).
_ROOT_WAW_MARGIN = 40


def _bare_stem_is_its_own(bare: str, frequency: Frequency) -> bool:
    """Whether the stem light10 leaves of ``bare`` (a word starting with a root و) is mostly
    this word's: the archive writes the word more often than what light10 leaves of it,
    with the article (``الوزير``, ``الزير``) and bare (``وادي``, valley, is written less
    than ``أدى``, led to, a verb the article never shows); one stem already where light10
    keeps the و. A verb, never written with the article, never owns its cut stem: once the
    conjunction shows its و (``ووجدت``), it is not searched by that stem, which other words
    share (``وجدت``, found: ``جدتها``, her grandmother)."""
    bare_prefix, after = split_prefix(bare)
    if not bare_prefix:
        return True
    return frequency(_ARTICLE + bare) > frequency(_ARTICLE + after) and frequency(
        bare
    ) >= frequency(after)


#: Articles writing a word with the article that show it is a noun: one may be a typo.
_NOUN_EVIDENCE = 2

#: How many times more often than the bare noun its form with ب or ل may be written (بنيران
#: 93 / نيران 65, برباعية 95 / 78, بهدف 1,809 / 1,407 in ANT): past that, in ANT, a word
#: of its own is what mostly remains (ليست / يست, لديه / ديه, لويس / ويس).
_PROCLITIC_FORM_MARGIN = 3


def _noun_after_proclitic(form: str, frequency: Frequency) -> bool:
    """Whether ``form`` (ب or ل + a word) is that word after the preposition, though written
    more often than the word itself, as in set phrases (بنيران, بهدف, لصالح): the word is a
    noun (the archive writes it with the article in two articles or more: one may be a
    typo) and ``form`` is none (the article never goes before a preposition, but it does
    before the words of their own بطاقة, بعيد, بحيرة, لطيف: البطاقة)."""
    base = form[1:]
    return (
        frequency(form) <= _PROCLITIC_FORM_MARGIN * frequency(base)
        and frequency(_ARTICLE + base) >= _NOUN_EVIDENCE
        and not _first_letter_shown_own(form, frequency)
    )


def lam_reading_cut_forms(term: str, frequency: Frequency) -> list[str]:
    """For ``term`` (ال + R, R not starting with ل), its forms after ل (written لل + R) and
    a conjunction, which light10 stems as ``term``, where the archive shows لل + R to be
    mostly ل + the article + لR (_lam_reading_wins: ``للقاء`` is for the meeting, ``اللقاء``
    being written more than ``القاء``, throwing). The reverse of variants' step 1."""
    if not term.startswith(_ARTICLE) or term.startswith(_ARTICLE + "ل"):
        return []
    lam_form = "لل" + term[len(_ARTICLE) :]
    if not _lam_reading_wins(lam_form, frequency):
        return []
    forms = (run + lam_form for run in ("", *_CONJUNCTIONS))
    return _written_with_stem_of(term, forms, frequency)


def _lam_reading_wins(lam_form: str, frequency: Frequency) -> bool:
    """Whether the archive writes ``lam_form`` (لل + R) as ل + ال + لR rather than ل + ال + R:
    it holds الل + R in more articles than ال + R (اللتر 6, التر 1)."""
    rest = lam_form[2:]
    return frequency(_ARTICLE + "ل" + rest) > frequency(_ARTICLE + rest)


_PLURAL = "ات"
#: How many times more often the plural must be written than the ة form (SaudiNewsNet:
#: قرارات 462 / قراره 114, المنتخبات 149 / 23; العملات 199 / العمله 201, الطالبات 109 / 105).
_PLURAL_MARGIN = 3


def _plural_pairs(term: str) -> list[tuple[str, str, str]]:
    """(the other number of ``term``, the plural, the ة form the plural must outnumber)."""
    if term.endswith(_PLURAL):
        base = term[: -len(_PLURAL)]
        return [(base, term, base + _TAA_MARBUTA)] if len(base) >= _MIN_BASE else []
    if term.endswith(_TAA_MARBUTA):
        return []
    return [(term + _PLURAL, term + _PLURAL, term + _TAA_MARBUTA)]


def plural_singular_cut_forms(term: str, frequency: Frequency) -> list[str]:
    """For ``term``, a plural in ات, the forms in ون and ين of its singular without ة (the
    variant of step 4: ``المنتج`` for ``المنتجات``) that share that singular's stem, where
    the archive writes the form in ون, which is never a dual: the singular then has a
    plural of its own, a person's, which its stem would bring (``المنتجون``, ``المنتجين``:
    producers, not products; ``العشرون``, ``العشرين``: twenty, not tens). A form in ين
    alone may be the singular's dual (``القطاعين``, the two sectors) and stays."""
    if not term.endswith(_PLURAL):
        return []
    singular = term[: -len(_PLURAL)]
    base = singular[len(_ARTICLE) :] if singular.startswith(_ARTICLE) else singular
    if len(base) < _MIN_BASE:
        return []
    if frequency(base + "ون") + frequency(_ARTICLE + base + "ون") < _NOUN_EVIDENCE:
        return []
    forms = dict.fromkeys(
        run + base + ending for run in _ANY_RUN for ending in ("ون", "ين")
    )
    return _written_with_stem_of(singular, forms, frequency)


def proclitic_bases(term: str, frequency: Frequency) -> list[str]:
    """The words ``term`` (normalized) is with a one-letter proclitic the stemmer leaves on
    (ب or ل, alone or after و/ف: ``بجازان``, ``وبشرق``), on the archive's evidence: the
    word is more frequent than ``term``, or ``term`` is a noun's with ب or ل written more
    often than the noun (``_noun_after_proclitic``)."""
    if len(term) < _MIN_BASE or term.isascii():
        return []
    n = frequency(term)
    return [
        base
        for base in _proclitic_bases(term)
        if len(base) >= _MIN_BASE
        and frequency(base) > 0
        and not _first_letter_shown_own(term[-len(base) - 1 :], frequency)
        # a conjunction before it: the article never goes before one either (الولاية:
        # ولاية, state, is no و + ل + آية, verse), nor a root و after the conjunction
        and not (len(term) - len(base) == 2 and _conjunction_shown_own(term, frequency))
        and (frequency(base) > n or _noun_after_proclitic(term[-len(base) - 1 :], frequency))
    ]


def _conjunction_shown_own(term: str, frequency: Frequency) -> bool:
    """Whether the archive shows the first letter of ``term`` (و or ف before ب or ل) to
    be the word's own: written after the article (``الولاية``), or a root و (root_waw_shown)."""
    return _first_letter_shown_own(term, frequency) or root_waw_shown(term, frequency)


def _first_letter_shown_own(form: str, frequency: Frequency) -> bool:
    """Whether the archive shows the first letters of ``form`` (ب or ل + a word, or ال +
    a word) to be the word's own, not a preposition or the article: it writes ``form``
    with the article in more than 1 of _ARTICLE_MARGIN of its articles (the article never
    goes before either: ``البلدية``, ``البحرية``, ``اللازمة`` show that بلدية,
    municipality, is no ب + لدية, he has; بحرية, naval, no ب + حرية, freedom; لازمة,
    necessary, no ل + أزمة, crisis; ``الآلاف`` that آلاف is no ال + أف)."""
    return _ARTICLE_MARGIN * frequency(_ARTICLE + form) > frequency(form)


def _proclitic_bases(term: str) -> list[str]:
    bases = []
    if term[0] in PROCLITICS:
        bases.append(term[1:])
    if len(term) > 1 and term[0] in _CONJUNCTIONS and term[1] in PROCLITICS:
        bases.append(term[2:])
    return bases


def _pronoun_bases(term: str) -> list[str]:
    # No pronoun after the article; and a final ه or ي may be the feminine ة or the nisba
    # (الرياضة is not الرياض + ه): see _pronoun_forms.
    if term.startswith(_ARTICLE):
        return []
    bases = []
    for suffix in PRONOUN_SUFFIXES:
        if suffix in _AMBIGUOUS_PRONOUNS:
            continue
        if term.endswith(suffix) and len(term) > len(suffix):
            stem = term[: -len(suffix)]
            bases.append(stem)
            if stem.endswith("ت"):
                bases.append(stem[:-1] + _TAA_MARBUTA)
    return bases


#: How many times more often a word with a pronoun must be written without the article
#: than with it (a typo: ANT writes زيارته 475 times, الزيارته once; السكته 11, سكته 25).
_ARTICLE_MARGIN = 10


def _open_taa_bases(term: str) -> list[tuple[str, str]]:
    """(the ة form, the word in ت) for ``term`` ending in ت + the pronoun ه or ي."""
    if term.startswith(_ARTICLE):
        return []
    return [
        (term[: -len(suffix) - 1] + _TAA_MARBUTA, term[: -len(suffix)])
        for suffix in _AMBIGUOUS_PRONOUNS
        if term.endswith("ت" + suffix) and len(term) - len(suffix) - 1 >= _MIN_BASE - 1
    ]


def _pronoun_forms(term: str) -> list[str]:
    # Not after the article (الرياض + ه is الرياضة, sport), and not ه or ي on a word without
    # ة: written that way they are also the feminine ة and the nisba ي, which make another
    # word (رياضه, رياضي); newsarc.word_forms keeps those apart.
    if term.startswith(_ARTICLE):
        return []
    if term.endswith(_TAA_MARBUTA):
        return [term[:-1] + "ت" + suffix for suffix in PRONOUN_SUFFIXES]
    return [term + suffix for suffix in PRONOUN_SUFFIXES if suffix not in _AMBIGUOUS_PRONOUNS]
