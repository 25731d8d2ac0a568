"""False friends kept apart and names spelled two ways, through the Archive (issue 13)."""

from __future__ import annotations

import pytest

from newsarc.archive import Archive

# Short texts written for these tests. Trump is spelled ترمب in some and ترامب in others,
# with the same words around him; البرتغال (Portugal) and البرتقال (orange) are a letter
# apart, with different words around them.
_TRUMP = [
    "قال الرئيس الأمريكي دونالد {} إن الإدارة الأمريكية ستفرض رسوما جديدة.",
    "أعلن الرئيس {} أمس أن البيت الأبيض يدرس خيارات أخرى.",
    "انتقد الديمقراطيون الرئيس {} بسبب قراره الأخير.",
    "التقى الرئيس الأمريكي دونالد {} نظيره الفرنسي في واشنطن.",
    "وقع الرئيس {} على قرار جديد بشأن الهجرة.",
]
# Two kings' names a letter apart, with the same words around them (as in SaudiNewsNet).
_KING = [
    "استقبل الملك {} عبدالعزيز أمس وفدا رسميا في القصر.",
    "أصدر الملك {} عبدالعزيز أمرا بتعيين وزير جديد.",
    "بحث الملك {} عبدالعزيز العلاقات الثنائية مع الضيف.",
    "وجه الملك {} عبدالعزيز كلمة إلى المواطنين.",
    "رعى الملك {} عبدالعزيز حفل التخرج السنوي.",
    "افتتح الملك {} عبدالعزيز المشروع الجديد.",
]
TEXTS = {
    **{f"salman{i}": text.format("سلمان") for i, text in enumerate(_KING)},
    **{f"sulaiman{i}": text.format("سليمان") for i, text in enumerate(_KING)},
    **{f"trump-short{i}": text.format("ترمب") for i, text in enumerate(_TRUMP)},
    **{f"trump-long{i}": text.format("ترامب") for i, text in enumerate(_TRUMP)},
    "portugal1": "فاز منتخب البرتغال على إسبانيا بهدفين وسجل رونالدو الهدف الأول.",
    "portugal2": "تأهل منتخب البرتغال إلى نصف النهائي بعد فوزه على فرنسا.",
    "portugal3": "قاد رونالدو منتخب البرتغال إلى الفوز في المباراة الودية.",
    "orange1": "ارتفع سعر عصير البرتقال في الأسواق بعد موجة البرد.",
    "orange2": "تنتج المزارع أطنانا من البرتقال والليمون كل موسم.",
    "orange3": "قدم المطعم عصير البرتقال الطازج مع الفطور.",
    "riyadh1": "وصل الوفد إلى الرياض مساء أمس لحضور المؤتمر.",
    "riyadh2": "تستضيف الرياض القمة العربية المقبلة.",
    "sport1": "أعلنت وزارة الرياضة عن برنامج جديد للشباب.",
    "sport2": "حقق النادي الرياضي بطولة الدوري هذا العام.",
    "abha1": "استقبلت أبها آلاف الزوار في موسم الصيف.",
    "father1": "قال الأب إن ابنه عاد من السفر سالما.",
    "father2": "احتفلت الأسرة بعودة الأب في شهر آب الماضي.",
    "saudi1": "وقعت السعودية اتفاقية تعاون مع الأردن.",
    "saudi2": "أشاد المسؤول السعودي بنتائج الزيارة.",
    "saud1": "افتتح الأمير عبدالله بن سعود المعرض الجديد.",
    "facebook1": "نشر الوزير صورا على فيسبوك أمس.",
    "facebook2": "أغلقت فيسبوك حسابات وهمية.",
    "facebook3": "كتب الفنان على فيس بوك رسالة لجمهوره.",
    "facebook4": "حذفت إدارة فيس بوك المنشور.",
}
NAMES = {text: name for name, text in TEXTS.items()}


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Archive:
    folder = tmp_path_factory.mktemp("texts")
    for name, text in TEXTS.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    arc = Archive.at(tmp_path_factory.mktemp("archive"))
    assert arc.add([str(folder)]).count("added") == len(TEXTS)
    return arc


def _found(archive: Archive, query: str, **options) -> list[str]:  # type: ignore[no-untyped-def]
    return [NAMES[hit.article.text] for hit in archive.search(query, limit=50, **options).hits]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("الرياض", {"riyadh1", "riyadh2"}),  # not الرياضة, الرياضي
        ("الرياضة", {"sport1"}),  # not الرياض
        ("أبها", {"abha1"}),  # not الأب, آب
        ("السعودية", {"saudi1", "saudi2"}),  # السعودي is the same word; سعود is not
    ],
)
def test_false_friends_stay_apart(archive: Archive, query: str, expected: set[str]) -> None:
    assert set(_found(archive, query)) == expected


def test_a_name_spelled_two_ways_meets_and_the_typed_spelling_ranks_first(archive: Archive) -> None:
    for typed, first in (("ترمب", "trump-short"), ("ترامب", "trump-long")):
        found = _found(archive, typed)
        assert len(found) == 10
        assert all(name.startswith(first) for name in found[:5]), found


def test_words_a_letter_apart_do_not_meet(archive: Archive) -> None:
    assert set(_found(archive, "البرتغال")) == {"portugal1", "portugal2", "portugal3"}
    assert set(_found(archive, "البرتقال")) == {"orange1", "orange2", "orange3"}


def test_two_given_names_a_letter_apart_do_not_meet(archive: Archive) -> None:
    assert {n[:-1] for n in _found(archive, "سلمان")} == {"salman"}
    assert {n[:-1] for n in _found(archive, "سليمان")} == {"sulaiman"}


def test_exact_turns_other_spellings_off(archive: Archive) -> None:
    assert all(name.startswith("trump-short") for name in _found(archive, "ترمب", exact=True))


def test_only_the_words_own_forms_are_highlighted(archive: Archive) -> None:
    [hit] = [h for h in archive.search("الرياض").hits if NAMES[h.article.text] == "riyadh1"]
    assert {s.text[a:b] for s in hit.snippets for a, b in s.spans} == {"الرياض"}


def test_explain_shows_the_other_spelling(archive: Archive) -> None:
    assert "ترمب: exact ترمب, stemmed ترمب; also ترامب" in archive.analyze("ترمب").query


def test_a_source_the_archive_lacks_is_named_with_the_closest(tmp_path) -> None:
    from click.testing import CliRunner

    from newsarc.cli import cli

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("وصل الوفد إلى الرياض مساء أمس.", encoding="utf-8")
    home = tmp_path / "archive"
    runner = CliRunner()
    assert (
        runner.invoke(cli, ["--home", str(home), "add", str(folder), "--source", "عكاظ"]).exit_code
        == 0
    )
    for args in (
        ["search", "الرياض", "--source", "عكاظ2"],
        ["search", "الرياض source:عكاظ2"],
        ["search", "الرياض", "--source", "عكاظ2", "--output", "ids"],
        ["search", "الرياض", "--source", "عكاظ2", "--timeline"],
    ):
        result = runner.invoke(cli, ["--home", str(home), *args])
        assert result.exit_code == 2, (args, result.output)
        assert "no source 'عكاظ2'" in result.stderr and "closest: عكاظ" in result.stderr
    assert (
        runner.invoke(cli, ["--home", str(home), "search", "الرياض", "--source", "عكاظ"]).exit_code
        == 0
    )


def test_word_spans_agree_with_the_token_loop_on_long_texts() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from newsarc.normalize import TOKEN_PATTERN
    from newsarc.word_spans import word_spans

    words = st.sampled_from(["الباغوز", "والباغوز", "2.5", "2", "5", "سقطت", "بَاغوز", "ـ", "x"])
    separators = st.sampled_from([" ", "\n", ".", "، ", "-", ""])

    @settings(max_examples=60, deadline=None)
    @given(st.lists(st.tuples(words, separators), min_size=1, max_size=40), st.integers(400, 900))
    def check(pieces, repeat) -> None:  # type: ignore[no-untyped-def]
        text = "".join(w + s for w, s in pieces) * repeat  # over the fast path's threshold
        wanted = {"الباغوز", "2", "بَاغوز"}

        def accepts(token: str) -> bool:
            return token in wanted

        expected = [m.span() for m in TOKEN_PATTERN.finditer(text) if accepts(m.group())]
        assert word_spans(text, accepts) == expected

    check()


def test_a_phrase_is_highlighted_only_where_it_stands() -> None:
    from newsarc.fields import token_words
    from newsarc.normalize import normalize_arabic
    from newsarc.word_spans import phrase_spans

    text = "أعلنت الدولة أمس أن الخلافة انتهت. وقالت إن دولة الخلافة سقطت، ودولة الخلافة زالت."
    phrase = tuple(normalize_arabic(w) for w in ("دولة", "الخلافة"))
    marked = [text[a:b] for a, b in phrase_spans(text, phrase, token_words)]
    assert marked == ["دولة", "الخلافة"]  # not الدولة, not the first الخلافة, not ودولة
    long_text = "كلام " * 10_000 + text  # past word_spans' fast-path threshold
    assert len(phrase_spans(long_text, phrase, token_words)) == 2


def test_a_phrase_search_highlights_the_phrase_only(tmp_path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    text = "أعلنت الدولة أمس أن الخلافة انتهت. وقالت إن دولة الخلافة سقطت."
    (folder / "a.txt").write_text(text, encoding="utf-8")
    arc = Archive.at(tmp_path / "archive")
    arc.add([str(folder)])
    [hit] = arc.search('"دولة الخلافة"').hits
    marked = [s.text[a:b] for s in hit.snippets for a, b in s.spans]
    assert marked == ["دولة", "الخلافة"]


def test_highlights_of_a_long_article_are_those_of_the_token_loop() -> None:
    from newsarc.analysis import stem
    from newsarc.fields import token_words
    from newsarc.normalize import TOKEN_PATTERN, normalize_arabic
    from newsarc.word_spans import word_spans

    filler = "وقال المسؤول إن الاجتماع عقد أمس في العاصمة وناقش عدة ملفات. " * 4000  # ~250 KB
    text = (
        filler
        + "سقطت الباغُوز، وبالباغوز ٢٠١٩ والمدارس ومدرستها. "
        + filler
        + "الْمَدْرَسَة أَخِيرًا، ﺍﻟﺒﺎﻏﻮﺯ"  # the last word in presentation forms (a PDF)
    )
    exact, stemmed = {"الباغوز"}, {stem(normalize_arabic("مدرسة")), "2019"}

    def accepts(token: str) -> bool:
        return any(w in exact or stem(w) in stemmed for w in token_words(token))

    expected = [m.span() for m in TOKEN_PATTERN.finditer(text) if accepts(m.group())]
    assert len(expected) == 5  # الباغُوز, ٢٠١٩, ومدرستها, الْمَدْرَسَة, ﺍﻟﺒﺎﻏﻮﺯ
    assert word_spans(text, accepts, exact | {s[:3] for s in stemmed}) == expected


def test_a_long_article_highlights_a_number_in_every_script_the_index_folds() -> None:
    # The index folds every Unicode decimal digit (normalize.fold_digits), so 2019 finds an
    # article writing it in Bengali or full-width digits; the long-article path looked only
    # for ASCII, Arabic-Indic and Persian digits, so it found the article and marked nothing.
    from newsarc.normalize import TOKEN_PATTERN, normalize_arabic
    from newsarc.word_spans import word_spans

    filler = "وقال المسؤول إن الاجتماع عقد أمس في العاصمة. " * 6000  # past the threshold
    text = filler + "عام ২০১৯ وعام ２０１９ وعام ٢٠١٩ وعام ۲۰۱۹ وعام 2019. " + filler

    def accepts(token: str) -> bool:
        return normalize_arabic(token) == "2019"

    expected = [m.span() for m in TOKEN_PATTERN.finditer(text) if accepts(m.group())]
    assert len(expected) == 5
    assert word_spans(text, accepts, {"2019"}) == expected


_QUERIES = [
    "ترمب", "ترامب", "بترمب", "لترامب", "الرياض", "بالرياض", "للرياضة", "أبها", "سعود",
    "السعودية", "الأب", "البرتغال", "عصير البرتقال", "الرئيس ترمب", "الرئيس OR منتخب",
    "منتخب -البرتغال", '"الرئيس الأمريكي"', "الرئيس NOT ترامب", "رونالدو?", "الرئ*",
    "الرئيس date:..2030", "مسرحية",
]  # fmt: skip


@pytest.mark.parametrize("options", [{}, {"exact": True}, {"any_word": True}])
def test_the_screen_the_pipe_and_the_timeline_count_the_same_articles(
    archive: Archive, options: dict
) -> None:
    for query in _QUERIES:
        result = archive.search(query, limit=100, **options)
        ids = [article_id for article_id, _path in archive.matches(query, **options)]
        assert result.total == len(ids) == len(set(ids)), query
        assert {hit.article.id for hit in result.hits} == set(ids), query
        assert archive.timeline(query, **options).total == result.total, query


def test_the_cli_count_equals_the_ids_a_pipe_gets(tmp_path) -> None:
    import re

    from click.testing import CliRunner

    from newsarc.cli import cli

    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    home = str(tmp_path / "archive")
    runner = CliRunner()
    assert runner.invoke(cli, ["--home", home, "add", str(folder)]).exit_code == 0
    for query in ("ترمب", "بالرياض", "منتخب -البرتغال"):
        screen = runner.invoke(cli, ["--home", home, "search", query, "--color", "always"])
        shown = re.search(r"(\d+) (?:articles?|matches?)", screen.output)
        ids = runner.invoke(cli, ["--home", home, "search", query, "--output", "ids"])
        timeline = runner.invoke(cli, ["--home", home, "search", query, "--timeline", "--json"])
        assert shown is not None, screen.output
        assert int(shown.group(1)) == len(ids.output.split()), (query, screen.output)
        assert f'"total": {len(ids.output.split())}' in timeline.output, timeline.output


def test_pasted_text_minus_and_question_marks(archive: Archive) -> None:
    assert set(_found(archive, "البرتغال -رونالدو")) == {"portugal2"}  # -word: NOT
    assert set(_found(archive, "رونالدو?")) == set(_found(archive, "رونالدو"))  # punctuation
    assert set(_found(archive, "رونالدو؟")) == {"portugal1", "portugal3"}
    assert set(_found(archive, "or")) == set()  # lower case: a word, not an operator


def test_analyze_reads_the_text_as_search_does(archive: Archive) -> None:
    analysis = archive.analyze("date:2015 الرياض AND -البرتغال")
    assert [t.original for t in analysis.tokens] == ["الرياض", "البرتغال"]
    assert "date: 2015-01-01 to 2015-12-31" in analysis.query
    assert analysis.error is None
    missing = archive.analyze("الرياض source:x")
    assert [t.original for t in missing.tokens] == ["الرياض"]
    assert missing.error and "no source 'x'" in missing.error  # as search: exit 2
    assert archive.analyze("سوريا AND").error
    assert archive.analyze("autor:محمد").error.startswith("unknown field autor:")


def test_a_name_written_as_one_word_or_two(archive: Archive) -> None:
    facebook = {"facebook1", "facebook2", "facebook3", "facebook4"}
    assert set(_found(archive, "فيسبوك")) == facebook
    assert set(_found(archive, "فيس بوك")) == facebook
    assert set(_found(archive, '"فيس بوك"')) == {"facebook3", "facebook4"}  # a phrase: as typed
    assert set(_found(archive, "فيسبوك", exact=True)) == {"facebook1", "facebook2"}
    assert "«فيس بوك»" in archive.analyze("فيسبوك").query[0]
