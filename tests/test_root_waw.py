"""A word whose first letter is a root و, found through the CLI in its forms with and
without the article, on Whoosh and Xapian (issue 13, item 2): light10 keeps that و after
the article or a proclitic run (الوزير, للوزير: stem وزير) and takes it for the conjunction
in a bare word (وزير: stem زير); newsarc.variants joins the two halves on the archive's
evidence. Short texts written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from newsarc.cli import cli
from text_archives import found_texts, invoke, texts_archive_fixture

TEXTS = {
    # minister: bare twice, with the article once, after ل + ال once
    "wazir-bare-1": "قال وزير الخارجية إن المفاوضات مستمرة.",
    "wazir-bare-2": "استقبل وزير المالية وفدا من البنك الدولي.",
    "wazir-art": "التقى الوزير بالسفراء في العاصمة.",
    "wazir-lil": "قدمت اللجنة تقريرها للوزير أمس.",
    # ministry: bare twice, with the article once, with a pronoun once
    "wazara-1": "أصدرت وزارة الصحة بيانا جديدا.",
    "wazara-2": "تحقق وزارة الداخلية في الحادث.",
    "wazara-art": "نفت الوزارة الخبر في بيان قصير.",
    "wazara-pron": "قالت الحكومة إن وزارتها ستنظر في الأمر.",
    # one (واحد, stem احد) and Sunday (الأحد, stem احد), which the archive writes more
    "wahid-art": "هذا هو الحل الواحد الممكن.",
    "wahid-bare": "قتل شخص واحد في الحادث.",
    "sunday-1": "يبدأ الاجتماع يوم الأحد المقبل.",
    "sunday-2": "وصل الوفد الأحد إلى بيروت.",
    # a verb (no article): bare, and after the conjunction
    "arrived-bare": "وصلت الطائرة إلى المطار مساء أمس.",
    "arrived-conj": "أقلعت الطائرة من جدة ووصلت إلى القاهرة بعد ساعتين.",
    # national: the nisba with the article, and its feminine bare (light10: طني, طنيه)
    "national-art": "فاز المنتخب الوطني بالمباراة.",
    "national-bare": "أطلقت الحكومة خطة وطنية للتعليم.",
    # paper (ورقة, stem رقه after light10's cut) and Raqqa (الرقة, stem رقه), which the
    # archive writes more than الورقة
    "paper-bare": "قدم الباحث ورقة عن الاقتصاد.",
    "paper-conj": "حمل الطالب قلما وورقة إلى الامتحان.",
    "paper-art-1": "ناقش المؤتمر الورقة المقدمة.",
    "paper-art-2": "نشرت الجامعة الورقة البحثية.",
    "raqqa-1": "سيطرت القوات على الرقة بعد معارك.",
    "raqqa-2": "نزح آلاف السكان من الرقة.",
    "raqqa-3": "قصفت الطائرات مدينة الرقة ليلا.",
    "raqqa-paper": "وزع الناشطون ورقة في الرقة.",
    # destination (وجهة: the archive writes الوجهة) and side (جهة, written الجهة more): a
    # form with a pronoun, وجهتها, stems as جهتها (light10 cuts the و) unless told
    "dest-pron": "أبحرت السفينة نحو وجهتها الأخيرة.",
    "dest-art-1": "بلغ المسافرون الوجهة المحددة.",
    "dest-art-2": "اختار السياح الوجهة الأرخص.",
    "side-pron": "من جهتها، رفضت الحكومة التعليق.",
    "side-art-1": "أعلنت الجهة المسؤولة عن التحقيق النتائج.",
    "side-art-2": "طالبت الجهة المنظمة بالتمويل.",
    "side-art-3": "لم تحدد الجهة التي نفذت الهجوم.",
    # valley (وادي, stem ادي after light10's cut) and led to (أدى, normalized ادي): a verb,
    # which the article never shows, written more than the bare noun
    "valley-bare": "جرفت السيول وادي النهر.",
    "valley-art-1": "سار الرعاة في الوادي.",
    "valley-art-2": "امتلأ الوادي بالمياه.",
    "led-1": "أدى الحادث إلى إغلاق الطريق.",
    "led-2": "أدى الإضراب إلى شلل الموانئ.",
    # agreed (وافق, a verb: never with the article, but after the conjunction, ووافق) and
    # the horizon (الأفق, stem افق, as light10 cuts وافق)
    "agreed-1": "وافق البرلمان على القانون.",
    "agreed-2": "وافق القاضي على الطلب.",
    "agreed-conj-1": "اجتمع المجلس ووافق على الميزانية.",
    "agreed-conj-2": "ناقش النواب الاقتراح ووافق معظمهم عليه.",
    "horizon-1": "لا حل في الأفق القريب.",
    "horizon-2": "تلوح في الأفق أزمة جديدة.",
    # promising (الواعد, a root-و word) and prepared it (أعدها): وأعدها, with the hamza
    # folded, is واعدها
    "promising-1": "برز اللاعب الواعد في المباراة.",
    "promising-2": "تابع المدرب الواعد الجديد.",
    "prepared": "أعدها الطاهي بعناية.",
    "promising-bare": "هذا مشروع واعد جدا.",
    "prepared-2": "أعد الفريق خطة جديدة.",
    "prepared-3": "أعد المهندس تصميما للجسر.",
    # unit (وحدة, stem حده after light10's cut, mostly its own: the archive writes it more
    # than حدة) and sharpness or apart (حدة, على حدة), which never hold its و
    "unit-bare-1": "أرسل الجيش وحدة خاصة.",
    "unit-bare-2": "تفقد القائد وحدة المدفعية.",
    "unit-art-1": "عادت الوحدة إلى قاعدتها.",
    "unit-art-2": "أكد الخطيب أهمية الوحدة بين الشعوب.",
    "apart": "درست اللجنة كل حالة على حدة.",
    "sharpness": "خفت حدة التوتر في المنطقة.",
}


home = texts_archive_fixture(TEXTS, "root-waw")


def _found(home: Path, query: str) -> set[str]:
    return found_texts(home, TEXTS, query)


def test_a_form_after_a_proclitic_run_finds_the_bare_word(home: Path) -> None:
    every = {"wazir-bare-1", "wazir-bare-2", "wazir-art", "wazir-lil"}
    assert _found(home, "للوزير") == every
    assert _found(home, "الوزير") == every
    assert _found(home, "وزير") == every


def test_a_bare_form_with_a_pronoun_finds_the_article_form(home: Path) -> None:
    every = {"wazara-1", "wazara-2", "wazara-art", "wazara-pron"}
    assert _found(home, "وزارتها") == every
    assert _found(home, "الوزارة") == every


def test_a_bare_word_whose_stem_is_another_word_is_found_as_written(home: Path) -> None:
    # واحد stems to احد, as الأحد (Sunday) does: the bare word as written, not Sunday
    assert _found(home, "الواحد") == {"wahid-art", "wahid-bare"}


def test_a_bare_word_whose_cut_leaves_another_word_finds_itself_not_that_word(
    home: Path,
) -> None:
    # ورقة is searched by الورقة's stem, not by رقه: paper, not Raqqa
    every = {"paper-bare", "paper-conj", "paper-art-1", "paper-art-2", "raqqa-paper"}
    assert _found(home, "ورقة") == every


def test_a_root_waw_word_searched_by_its_cut_stem_leaves_out_what_the_cut_leaves(
    home: Path,
) -> None:
    unit = {"unit-bare-1", "unit-bare-2", "unit-art-1", "unit-art-2"}
    assert _found(home, "وحدة") == unit  # not حدة, sharpness; على حدة, apart
    assert _found(home, "الوحدة") == unit
    assert _found(home, "حدة") == {"apart", "sharpness"}
    # and what the root-و word's cut leaves keeps its own forms (الحدة: حدة), though the
    # root-و word's are among its clitic forms' (وحدة, و + حدة)
    assert _found(home, "الحدة") == {"apart", "sharpness"}


def test_a_root_waw_word_with_a_pronoun_finds_itself_not_the_word_its_cut_leaves(
    home: Path,
) -> None:
    # وجهتها (her destination) by الوجهة's stem, not as و + جهتها (من جهتها: for her part)
    assert _found(home, "وجهتها") == {"dest-pron", "dest-art-1", "dest-art-2"}
    # and the other way round: جهتها does not find وجهتها
    assert _found(home, "جهتها") == {"side-pron"}


def test_a_root_waw_noun_whose_cut_leaves_a_commoner_verb_finds_itself_not_the_verb(
    home: Path,
) -> None:
    valley = {"valley-bare", "valley-art-1", "valley-art-2"}
    assert _found(home, "وادي") == valley
    assert _found(home, "الوادي") == valley
    assert _found(home, "أدى") == {"led-1", "led-2"}


def test_a_root_waw_verb_shown_by_the_conjunction_and_the_word_its_cut_leaves_stay_apart(
    home: Path,
) -> None:
    agreed = {"agreed-1", "agreed-2", "agreed-conj-1", "agreed-conj-2"}
    assert _found(home, "وافق") == agreed
    assert _found(home, "الأفق") == {"horizon-1", "horizon-2"}


def test_a_waw_written_before_a_hamza_is_the_conjunction(home: Path) -> None:
    # and prepared it: not الواعد, promising, nor through its base واعد (وأعد once folded)
    found = _found(home, "وأعدها")
    assert "prepared" in found and not found & {"promising-1", "promising-2"}
    assert _found(home, "الطاهي وأعدها") == {"prepared"}


def test_the_word_a_root_waw_cut_leaves_does_not_find_the_root_waw_word(home: Path) -> None:
    # الرقة (Raqqa) and ورقة (paper) share light10's stem رقه; the archive writes الورقة,
    # so the و of ورقة is the root's: its articles are not Raqqa's
    raqqa = {"raqqa-1", "raqqa-2", "raqqa-3", "raqqa-paper"}
    assert _found(home, "الرقة") == raqqa
    assert _found(home, "رقة") == raqqa
    assert _found(home, "الرقة OR قلما") == raqqa | {"paper-conj"}  # found by its own word


def test_excluding_the_word_a_root_waw_cut_leaves_keeps_the_root_waw_word(home: Path) -> None:
    # -الرقة excludes Raqqa's articles, not the paper ones that share its stem
    paper = {"paper-bare", "paper-conj", "paper-art-1", "paper-art-2"}
    assert _found(home, "ورقة -الرقة") == paper


def test_the_root_waw_word_is_not_highlighted_as_the_other_word(home: Path) -> None:
    code, out = invoke(home, "search", "الرقة", "--json")
    assert code == 0
    hits = [json.loads(line) for line in out.splitlines()]
    [hit] = [hit for hit in hits if "ورقة" in hit["snippet"]]
    marked = {hit["snippet"][start:end] for start, end in hit["highlights"]}
    assert marked == {"الرقة"}  # not ورقة


def test_explain_names_the_other_word_kept_out(home: Path) -> None:
    result = CliRunner().invoke(cli, ["--home", str(home), "search", "الرقة", "--explain"])
    assert result.exit_code == 0
    assert "; not ورقه (another word of that stem)" in result.stderr
    assert ", ورقه" not in result.stderr  # not a form of the word


def test_explain_shows_the_stem_searched(home: Path) -> None:
    result = CliRunner().invoke(cli, ["--home", str(home), "search", "ورقة", "--explain"])
    assert result.exit_code == 0
    assert "ورقه: exact ورقه, stemmed ورقه;" in result.stderr  # not رقه
    assert "الرقه" not in result.stderr  # nor the cut stem's clitic forms


def test_a_verb_finds_itself_after_the_conjunction(home: Path) -> None:
    assert _found(home, "وصلت") == {"arrived-bare", "arrived-conj"}


def test_an_article_form_finds_the_bare_inflection_the_stemmer_splits_off(home: Path) -> None:
    assert _found(home, "الوطني") == {"national-art", "national-bare"}


def test_exact_searches_as_written(home: Path) -> None:
    code, out = invoke(home, "search", "--exact", "للوزير", "--output", "paths")
    assert code == 0 and len(out.split()) == 1


def test_what_a_root_waw_words_cut_leaves_is_left_out_only_where_its_cut_stem_is_searched() -> None:
    from newsarc.variants import root_waw_cut_forms

    # ANT's counts: وحدة, unit, written more than حدة; the article shows its و
    table = {"وحده": 710, "الوحده": 413, "حده": 363, "الحده": 7, "بالحده": 3, "للحده": 1}
    frequency = lambda t: table.get(t, 0)  # noqa: E731
    assert root_waw_cut_forms("وحده", frequency) == ["حده", "الحده", "بالحده", "للحده"]
    assert root_waw_cut_forms("الوحده", frequency) == []  # searched by its own stem, وحده
    # ورقة, paper, is searched by الورقة's stem (Raqqa's الرقة is written more): no cut stem
    table = {"ورقه": 500, "الورقه": 200, "الرقه": 300, "رقه": 10}
    assert root_waw_cut_forms("ورقه", frequency) == []
    # a word the archive does not show to be a root-و word: ودول, and countries
    table = {"ودول": 273, "دول": 5000, "الدول": 9000}
    assert root_waw_cut_forms("ودول", frequency) == []


def test_a_variant_that_is_another_words_form_does_not_exclude_the_words_own() -> None:
    from newsarc.variants import other_words_of_stems

    table = {"وحده": 710, "الوحده": 413, "حده": 363, "الحده": 7, "للحده": 1}
    frequency = lambda t: table.get(t, 0)  # noqa: E731
    # الحدة's clitic form وحده (و + حدة) is also وحدة, unit, a root-و word: it is left out,
    # and what that word's cut leaves (حدة, الحدة) is not, being الحدة's own
    assert other_words_of_stems("الحده", ["حده", "وحده"], frequency) == ["وحده"]
    assert other_words_of_stems("وحده", ["الوحده"], frequency) == ["حده", "الحده", "للحده"]
