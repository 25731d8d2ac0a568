"""Words whose first letters look like a clitic but are their own, through the CLI on
Whoosh and Xapian (issue 13, item 2). An ال typed with a hamza or madda (إلهام,
inspiration; آلاف, thousands): folded, الهام looks like the article + هام (important), and
light10 stems it so; the search keeps what light10 leaves without that ال (هام, وهام) out
of the word's stem. A ب or ل the archive writes after the article (البلدية): بلدية
(municipality) is no ب + لدية (he has). Short texts written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from newsarc.cli import cli
from newsarc.normalize import normalize_arabic
from newsarc.query.parse import own_article_words_written
from newsarc.variants import own_article_cut_forms
from text_archives import found_texts, invoke, texts_archive_fixture

TEXTS = {
    "inspiration-bare": "كان البحر مصدر إلهام للشاعر.",
    "inspiration-art": "وجد الرسام الإلهام في الريف.",
    "inspiration-pron": "تحدثت الكاتبة عن إلهامها الأول.",
    "inspiration-and-important": "هذا أمر هام: الفن إلهام دائم.",
    "important-1": "هذا قرار هام للحكومة.",
    "important-2": "عقد اجتماع هام أمس.",
    "important-conj": "صدر بيان جديد وهام عن الوزارة.",
    "thousands": "تظاهر آلاف الأشخاص في العاصمة.",
    "fm": "قالت إذاعة جوهرة أف أم إن الطقس معتدل.",
    "the-thousands": "شارك الآلاف في المسيرة.",
    "municipality-1": "أعلنت بلدية المدينة عن مشروع جديد.",
    "municipality-art-1": "نظفت البلدية الشوارع.",
    "municipality-art-2": "رفعت البلدية الرسوم.",
    "he-has-1": "قال إن لديه خطة.",
    "he-has-2": "ليس لديه وقت.",
    "he-has-3": "لديه ثلاثة أطفال.",
    "state-1": "زار الرئيس ولاية تكساس.",
    "state-art-1": "أعلنت الولاية حالة الطوارئ.",
    "state-art-2": "قالت حكومة الولاية إن المدارس مغلقة.",
    "verse-1": "تلا الإمام آية من القرآن.",
    "verse-art-1": "فسر الشيخ الآية الكريمة.",
    "verse-art-2": "نزلت الآية في مكة.",
    "commitment": "أكد الوزير التزام الحكومة بالاتفاق.",
    "the-commitment": "شدد على الالتزام بالقانون.",
    "coinciding": "جاء ذلك تزامنا مع زيارة الوفد.",
    "throwing-1": "تم إلقاء القبض على المتهم.",
    "throwing-2": "بدأ إلقاء الكلمات في الحفل.",
    "meeting-lam": "توجه الوزير للقاء الرئيس.",
    "meeting-art-1": "عقد اللقاء في القاهرة.",
    "meeting-art-2": "انتهى اللقاء بالاتفاق.",
    "meeting-art-3": "حضر اللقاء السفراء.",
    "meeting-bare-1": "جرى لقاء بين الوفدين.",
    "meeting-bare-2": "تم لقاء الطرفين أمس.",
    "aviation-1": "أعلنت سلطة الطيران المدني إغلاق المطار.",
    "aviation-2": "تطور الطيران الحربي.",
    "aviation-bare": "أسست الحكومة شركة طيران جديدة.",
    "bird-1": "حلق الطير فوق الشجرة.",
    "bird-2": "باع الصياد الطير في السوق.",
    "parties-nominative": "وقع الطرفان الاتفاق.",
    "parties-oblique-1": "دعا الوسيط الطرفين إلى الحوار.",
    "parties-oblique-2": "اجتمع ممثلو الطرفين.",
    "side": "وقف الطرف الآخر متفرجا.",
}

home = texts_archive_fixture(TEXTS, "own-article")


def _found(home: Path, query: str) -> set[str]:
    return found_texts(home, TEXTS, query)


def test_a_word_typed_with_its_own_al_does_not_find_what_light10_leaves(home: Path) -> None:
    assert _found(home, "إلهام") == {
        "inspiration-bare", "inspiration-art", "inspiration-pron", "inspiration-and-important"
    }  # fmt: skip
    assert _found(home, "آلاف") == {"thousands", "the-thousands"}  # not أف (أف أم, FM)


def test_an_al_the_archive_writes_after_the_article_is_the_words_own(home: Path) -> None:
    # typed without its madda: الآلاف (the thousands) is written, so الاف is no ال + أف
    assert _found(home, "الاف") == {"thousands", "the-thousands"}


def test_the_article_form_of_an_own_al_word_keeps_its_al(home: Path) -> None:
    # الآلاف, the thousands: its form without the article, الاف, has an ال of its own
    # (the archive writes الآلاف), so what light10 leaves of that form (أف) is another word
    assert _found(home, "الآلاف") == {"thousands", "the-thousands"}


def test_an_own_al_word_leaves_out_what_its_cut_stem_ends_other_words_with(home: Path) -> None:
    # التزام (commitment; الالتزام written) stems as تزام, and so does تزامنا (coinciding)
    assert _found(home, "التزام") == {"commitment", "the-commitment"}
    assert _found(home, "الالتزام") == {"commitment", "the-commitment"}
    assert "coinciding" in _found(home, "تزامنا")


def test_lam_and_the_article_are_taken_for_the_word_the_archive_writes_more(home: Path) -> None:
    # للقاء, light10's قاء as القاء (throwing, إلقاء typed without its hamza), is ل +
    # اللقاء (for the meeting) where the archive writes اللقاء more than القاء
    throwing = {"throwing-1", "throwing-2"}
    assert _found(home, "القاء") == throwing
    assert _found(home, "إلقاء") == throwing
    assert _found(home, "الإلقاء") == throwing
    meeting = {"meeting-lam", "meeting-bare-1", "meeting-bare-2"}
    assert _found(home, "لقاء") == meeting | {"meeting-art-1", "meeting-art-2", "meeting-art-3"}


def test_an_an_the_archive_never_shows_a_dual_is_the_words_own(home: Path) -> None:
    # الطيران (aviation) stems as طير (bird), as if ان were the dual's; the archive never
    # writes الطيرين, the dual's other case, so الطير is another word
    assert _found(home, "الطيران") == {"aviation-1", "aviation-2", "aviation-bare"}
    assert _found(home, "الطير") == {"bird-1", "bird-2"}
    # الطرفين is written: الطرفان is the dual of الطرف, which it finds
    assert "side" in _found(home, "الطرفان")


def test_a_conjunction_the_archive_writes_after_the_article_is_the_words_own(home: Path) -> None:
    # ولاية (state; الولاية written) is no و + ل + آية (verse)
    state = {"state-1", "state-art-1", "state-art-2"}
    assert _found(home, "ولاية") == state
    assert _found(home, "آية") == {"verse-1", "verse-art-1", "verse-art-2"}


def test_a_letter_the_archive_writes_after_the_article_is_no_preposition(home: Path) -> None:
    municipality = {"municipality-1", "municipality-art-1", "municipality-art-2"}
    assert _found(home, "بلدية") == municipality  # not لديه, he has
    assert _found(home, "لديه") == {"he-has-1", "he-has-2", "he-has-3"}


def test_the_word_light10_leaves_is_still_found_by_itself(home: Path) -> None:
    assert {"important-1", "important-2"} <= _found(home, "هام")


def test_its_highlights_and_explain_leave_the_other_word_out(home: Path) -> None:
    code, out = invoke(home, "search", "إلهام", "--json")
    assert code == 0
    [hit] = [h for h in map(json.loads, out.splitlines()) if "أمر" in h["snippet"]]
    assert {hit["snippet"][a:b] for a, b in hit["highlights"]} == {"إلهام"}  # not هام
    result = CliRunner().invoke(cli, ["--home", str(home), "search", "إلهام", "--explain"])
    assert "; not هام, وهام (another word of that stem)" in result.stderr


@pytest.mark.parametrize(
    ("word", "cut"),
    [
        ("الهام", ["هام", "وهام"]),
        ("الاف", ["اف"]),
        ("المانيا", ["مانيا", "ومانيا"]),
        ("التزام", ["تزامنا", "وتزامنا"]),  # with an ending light10 takes off
        ("المانيه", ["مانيه", "ماني", "وماني"]),  # the stem, with the nisba's other endings
    ],
)
def test_what_light10_leaves_of_a_word_with_its_own_al(word: str, cut: list[str]) -> None:
    table = {"هام": 900, "وهام": 40, "اف": 2900, "مانيا": 5, "ومانيا": 1, "بهام": 0}
    table |= {"تزامنا": 204, "وتزامنا": 30, "تزامن": 300, "مانيه": 3, "ماني": 92, "وماني": 2}
    assert own_article_cut_forms(word, lambda t: table.get(t, 0)) == cut


def test_an_own_al_is_shown_by_the_article_before_it() -> None:
    from newsarc.variants import own_article_shown

    table = {"الاف": 5000, "الالاف": 900, "الرياض": 3000, "الالرياض": 1}
    frequency = lambda t: table.get(t, 0)  # noqa: E731
    assert own_article_shown("الاف", frequency)
    assert not own_article_shown("الرياض", frequency)  # a typo is no evidence
    assert not own_article_shown("رياض", frequency)


def test_a_conjunction_before_a_preposition_is_a_root_letter_where_the_article_shows_it() -> None:
    from newsarc.variants import proclitic_bases

    table = {"ولايه": 2241, "الولايه": 368, "ايه": 922, "الايه": 5, "ولقوات": 40, "قوات": 3000}
    frequency = lambda t: table.get(t, 0)  # noqa: E731
    assert proclitic_bases("ولايه", frequency) == []  # الولاية written: no و + ل + آية
    assert proclitic_bases("ولقوات", frequency) == ["قوات"]  # الولقوات never is
    del table["الولايه"]
    assert proclitic_bases("ولايه", frequency) == ["ايه"]


def test_words_written_with_a_hamza_before_their_al_are_found_normalized() -> None:
    text = 'إلهام "آلاف الناس" title:ألمانيا الإلهام والإلهام ال'
    assert own_article_words_written(text) == {"الهام", "الاف", "المانيا"}


@settings(max_examples=200, deadline=None)
@given(st.text(st.sampled_from("ابتثجحخدرزسشصعفقكمنهوي"), min_size=1, max_size=6))
def test_an_alef_with_hamza_before_al_is_found_wherever_the_word_stands(rest: str) -> None:
    for alef in "أإآ":
        word = alef + "ل" + rest
        for text in (word, f"قال {word}؟", f"({word})", f"title:{word}"):
            assert normalize_arabic(word) in own_article_words_written(text)
        assert normalize_arabic(word) not in own_article_words_written("ا" + word)


def test_the_lam_reading_is_left_out_only_where_the_archive_writes_it_more() -> None:
    from newsarc.variants import lam_reading_cut_forms

    # ANT: اللقاء 1,146 articles, القاء 527; الأزمة far more than اللازمة
    table = {"القاء": 527, "اللقاء": 1146, "للقاء": 258, "الازمه": 2500, "اللازمه": 90}
    table |= {"للازمه": 74}
    frequency = lambda t: table.get(t, 0)  # noqa: E731
    assert lam_reading_cut_forms("القاء", frequency) == ["للقاء"]
    assert lam_reading_cut_forms("الازمه", frequency) == []  # للأزمة: for the crisis
    assert lam_reading_cut_forms("اللقاء", frequency) == []  # a word starting with ل
    assert lam_reading_cut_forms("قاء", frequency) == []


def test_an_an_of_the_words_own_needs_a_noun_the_archive_never_writes_in_yn() -> None:
    from newsarc.variants import own_dual_letters_cut_forms

    # ANT's counts
    table = {"الطيران": 542, "طيران": 242, "الطير": 5, "طير": 7, "للطير": 1}
    table |= {"الطرفان": 143, "طرفان": 3, "الطرفين": 434, "طرفين": 6, "الطرف": 282}
    table |= {"يلتقيان": 40, "يلتقي": 300}
    frequency = lambda t: table.get(t, 0)  # noqa: E731
    assert own_dual_letters_cut_forms("الطيران", frequency) == ["طير", "الطير", "للطير"]
    assert own_dual_letters_cut_forms("طيران", frequency) == ["طير", "الطير", "للطير"]
    assert own_dual_letters_cut_forms("الطرفان", frequency) == []  # a dual
    assert own_dual_letters_cut_forms("يلتقيان", frequency) == []  # a verb's dual
