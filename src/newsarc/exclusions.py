"""Words light stemming must not cut: newsarc's stem exclusion list
(docs/ARCHITECTURE.md, "Text analysis", step 7).

light10 removes the endings ان ين ون ي ه … from every word long enough, so names and a few
common words that merely *end* in those letters lose them and fall together with an
unrelated word. Each entry below was chosen from the ANT news corpus (41,686 articles):
the word is frequent, and light10 merges it with another frequent, unrelated word; the
comment gives light10's stem and what it collides with (document frequencies in ANT).

An entry protects the word with its clitics and pronoun endings too: ``newsarc.stem.
stem_protected`` checks the list on the whole token, after the prefix and after each
suffix, so ``البحرين``, ``والبحرين`` and ``بحرين`` all stem to ``بحرين``, and ``مكانها``
to ``مكان``. Plural and dual endings of ordinary words are *not* listed: merging them is
what light stemming is for.

Not listed, on the same evidence: ``الله`` (light10 gives ``له``, but in ANT only forms of
الله stem to it, so nothing collides) and ``انسان`` (its stem ``انس`` is also الإنس,
"humankind", a related word). At query time, a noun whose ان the archive never shows a
dual's is kept apart from what the cut leaves without a list (``newsarc.variants.
own_dual_letters_cut_forms``: ``الطيران`` and ``الطير``; ``الإنسان`` and ``أنس`` too).
"""

from __future__ import annotations

from newsarc.normalize import normalize_arabic

__all__ = ["STEM_EXCLUSIONS"]

_WORDS = {
    # word: (light10 stem, what it collides with in ANT: document frequency)
    "القرآن": "قر: قرية/القرى (village, 450+178+170)",
    "بيان": "بي: بي (as in بي بي سي, 2672)",
    "أمين": "ام: أم (mother, 3967), الأم, الأمة",
    "أمان": "ام: أم (mother, 3967)",
    "إعلان": "اعل: أعلى (higher, 1342), الأعلى (667)",
    "مكان": "مك: مكة (140), مكونات (181), المكون (116)",
    "بدون": "بد: بدأت (began, 1569), وبدأت (533)",
    "ضمان": "ضم: ضم (annexing, 357), ضمه, ضمها",
    "البحرين": "بحر: البحر (sea, 1043), البحرية (667)",
    "عمران": "عمر: العمر (age, 1974), عمر (1042)",
    "الجولان": "جول: الجولة (round, 1097), جولة (438)",
    "جوان": "جو: الجوية (air, 1414), الجوي (690), الجو (286)",
    "ميلان": "ميل: ميل (mile, 520)",
    "سلمان": "سلم: سلم (peace, ladder, 162), سلمي (peaceful, 145), السلمية (142)",
    "سليمان": "سليم: سليم (sound, 258)",
    "عدنان": "عدن: عدن (Aden, 128)",
    "زيدان": "زيد: زيد (119)",
    "طالبان": "طالب: طالب (student, demanded, 697), وطالب (414)",
    "ليون": "لي: لي (883)",
    "ديون": "دي: دي (as in دي ميستورا, 885), والديه (parents, 55)",
    "نيسان": "نيس: نيس (Nice, 80)",
    "ملايين": "ملا: الملا (mullah, 69)",
    "مرتين": "مرت: مرت (passed, 186)",
    "بكين": "بك: بك (132)",
    "عمان": "عم: عم (uncle, 67), عمه (39), عمها (22)",
    "لبنان": "لبن: لبن, اللبن (milk, 33+17)",
    "إيران": "اير: اير (as in اير فرانس, 92)",
    "السودان": "سود: السود (the blacks, 62), سود (20)",
    "حسين": "حس: حس, الحس (sense, 13+11)",
    "اليونان": "يون: يون (24)",
}


def _core(word: str) -> str:
    # The list holds words as they are usually written; the stemmer compares the word
    # after normalization and after light10's prefix (البحرين → بحرين).
    word = normalize_arabic(word)
    return word[2:] if word.startswith("ال") and len(word) >= 5 else word


#: Normalized words (without the article ال) that light stemming leaves whole.
STEM_EXCLUSIONS: frozenset[str] = frozenset(_core(word) for word in _WORDS)
