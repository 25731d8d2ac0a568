"""Arabic stopwords, normalized so they match tokens *after* ``normalize_arabic``.

Origin: Apache Lucene's default Arabic stopword list,
``lucene/analysis/common/src/resources/org/apache/lucene/analysis/ar/stopwords.txt``
(unchanged since it was "cleaned on October 11, 2009"; the same list is Elasticsearch's
``_arabic_``). That file says: "This file was created by Jacques Savoy and is distributed
under the BSD license. See http://members.unine.ch/jacques.savoy/clef/index.html." Copied
here verbatim (text checked against two independent copies of the file: bleve's, taken from
Lucene 4.7.2, and a Kotlin port of current Lucene).

Lucene applies this list *before* normalization ("not normalized, so use before
normalization"), so ``مِنْ``, ``فـي`` or ``ﻓﻲ`` slip through it. newsarc passes every entry
through ``normalize_arabic`` and filters after normalization (docs/ARCHITECTURE.md,
"Text analysis", step 6); the redundant spellings of the original (أو/او, الى/الي)
collapse into one entry.
"""

from __future__ import annotations

from newsarc.normalize import normalize_arabic

__all__ = ["ARABIC_STOPWORDS", "LUCENE_ARABIC_STOPWORDS", "QUESTION_WORDS"]

#: The list exactly as Lucene ships it (not normalized), in its original order.
LUCENE_ARABIC_STOPWORDS: tuple[str, ...] = tuple(
    """
من ومن منها منه في وفي فيها فيه و ف ثم او أو ب بها به ا أ اى اي أي أى لا ولا الا ألا إلا
لكن ما وما كما فما عن مع اذا إذا ان أن إن انها أنها إنها انه أنه إنه بان بأن فان فأن وان
وأن وإن التى التي الذى الذي الذين الى الي إلى إلي على عليها عليه اما أما إما ايضا أيضا كل
وكل لم ولم لن ولن هى هي هو وهى وهي وهو فهى فهي فهو انت أنت لك لها له هذه هذا تلك ذلك هناك
كانت كان يكون تكون وكانت وكان غير بعض قد نحو بين بينما منذ ضمن حيث الان الآن خلال بعد قبل
حتى عند عندما لدى جميع
""".split()
)

#: Lucene's list, normalized: compare with normalized tokens.
ARABIC_STOPWORDS: frozenset[str] = frozenset(normalize_arabic(w) for w in LUCENE_ARABIC_STOPWORDS)

#: Interrogatives and the pronouns questions are built with, missing from Lucene's list.
#: Indexed like any word, but left out of a query whose words are *alternatives*
#: (``search --any``): a question pasted as it is ("كم عدد ...؟", "من هم ...؟") is about
#: its other words. (من ما هو هي أي are stopwords already.)
QUESTION_WORDS: frozenset[str] = frozenset(
    normalize_arabic(w) for w in "ماذا لماذا كيف متى أين هل كم هم هن".split()
)
