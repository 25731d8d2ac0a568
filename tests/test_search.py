"""Query parsing and the spelling variants a search adds, through the Archive facade."""

from __future__ import annotations

import pytest

from newsarc.archive import Archive, analyze
from newsarc.errors import QueryError
from newsarc.query.explain import describe_query
from newsarc.query.parse import parse_words

# Short texts written for these tests. The base forms (شرق, قوات, مدرسة) are more frequent
# than their clitic and pronoun forms, as in real news, so the variant rules may fire.
TEXTS = {
    "east1": "انسحبت قوات الأمن من شرق المدينة بعد الظهر.",
    "east2": "وصلت قوات إضافية إلى شرق البلاد أمس.",
    "east3": "قصف مدفعي بشرق المدينة استهدف مواقع لقوات المعارضة.",
    "school1": "افتتحت مدرسة جديدة في الحي الشمالي.",
    "school2": "أغلقت مدرسة قديمة أبوابها بسبب الأمطار.",
    "school3": "قالت المعلمة إن مدرستها جاهزة لاستقبال الطلاب.",
    "quran": "تلاوة من القرآن الكريم في افتتاح الحفل.",
    "village": "عاد السكان إلى القرية بعد انتهاء الفيضان.",
}


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Archive:
    folder = tmp_path_factory.mktemp("texts")
    for name, text in TEXTS.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    arc = Archive.at(tmp_path_factory.mktemp("archive"))
    assert arc.add([str(folder)]).count("added") == len(TEXTS)
    return arc


def _found(archive: Archive, query: str, **options) -> set[str]:  # type: ignore[no-untyped-def]
    result = archive.search(query, limit=50, **options)
    return {TEXT_NAMES[hit.article.text] for hit in result.hits}


TEXT_NAMES = {text: name for name, text in TEXTS.items()}


def test_a_proclitic_form_finds_the_bare_word_and_back(archive: Archive) -> None:
    assert _found(archive, "بشرق") == {"east1", "east2", "east3"}
    assert _found(archive, "شرق") == {"east1", "east2", "east3"}
    assert _found(archive, "لقوات") == {"east1", "east2", "east3"}


def test_a_pronoun_after_taa_marbuta(archive: Archive) -> None:
    assert _found(archive, "مدرستها") == {"school1", "school2", "school3"}
    assert _found(archive, "مدرسة") == {"school1", "school2", "school3"}


def test_the_word_as_typed_ranks_first(archive: Archive) -> None:
    assert TEXT_NAMES[archive.search("بشرق").hits[0].article.text] == "east3"
    assert TEXT_NAMES[archive.search("مدرستها").hits[0].article.text] == "school3"


def test_variants_are_highlighted_as_written(archive: Archive) -> None:
    hit = next(h for h in archive.search("شرق").hits if TEXT_NAMES[h.article.text] == "east3")
    assert {s.text[a:b] for s in hit.snippets for a, b in s.spans} == {"بشرق"}


def test_exact_neither_stems_nor_adds_variants(archive: Archive) -> None:
    assert _found(archive, "بشرق", exact=True) == {"east3"}
    assert _found(archive, "القرآن") == {"quran"}  # the exclusion list keeps القرية apart
    assert _found(archive, "القرية", exact=True) == {"village"}
    assert archive.search("قرى", exact=True).total == 0


def test_any_word_ranks_by_words_matched_and_drops_question_words(archive: Archive) -> None:
    assert archive.search("كم مدرسة في شرق الحي؟").total == 0  # all words: none has them all
    found = _found(archive, "كم مدرسة في شرق الحي؟", any_word=True)
    assert found == {"east1", "east2", "east3", "school1", "school2", "school3"}
    assert (
        TEXT_NAMES[archive.search("كم مدرسة في شرق الحي؟", any_word=True).hits[0].article.text]
        == "school1"
    )
    with pytest.raises(QueryError):
        archive.search("كيف؟", any_word=True)


def test_analyze_shows_words_and_the_archive_variants(archive: Archive) -> None:
    analysis = archive.analyze("بشرق مِنْ الإسلاميّة")
    assert [(t.original, t.normalized, t.stemmed) for t in analysis.tokens] == [
        ("بشرق", "بشرق", "بشرق"),
        ("مِنْ", "من", None),
        ("الإسلاميّة", "الاسلاميه", "اسلامي"),
    ]
    assert analysis.variants_from == str(archive.root)
    assert "بشرق: exact بشرق, stemmed بشرق; also شرق" in analysis.query[1]


def test_analyze_without_an_archive() -> None:
    analysis = analyze("بشرق؟")
    assert analysis.query == ("بشرق: exact بشرق, stemmed بشرق",)
    assert analysis.variants_from is None
    assert analyze("في من").error is not None


def test_explained_query_structure() -> None:
    lines = describe_query(parse_words('(الدولة OR الخلافة) "دولة الخلافة" العرب* NOT داعش'))
    assert lines == [
        "all of:",
        "  any of:",
        "    الدوله: exact الدوله, stemmed دوله",
        "    الخلافه: exact الخلافه, stemmed خلافه",
        "  phrase stemmed «دوله خلافه»  exact «دوله الخلافه»",
        "  words starting with العرب (exact)",
        "  not:",
        "    داعش: exact داعش, stemmed داعش",
    ]


def test_every_word_of_an_or_gets_its_variants(archive: Archive) -> None:
    # Whoosh merges the first word of `a OR b` into the operator: regrouped before expanding.
    assert _found(archive, "بشرق OR مدرستها") == {
        "east1",
        "east2",
        "east3",
        "school1",
        "school2",
        "school3",
    }


def test_question_mark_is_not_a_wildcard() -> None:
    assert parse_words("الباغوز؟") == parse_words("الباغوز")


def test_a_field_term_in_an_or_is_not_taken_for_part_of_a_word() -> None:
    for query in ("سوريا OR title:ترامب", "title:ترامب OR سوريا"):
        lines = describe_query(parse_words(query))
        assert sorted(lines[1:]) == ["  title: ترامب", "  سوريا: exact سوريا, stemmed سوريا"]


def test_a_pronoun_after_an_open_taa_marbuta_and_a_word_of_its_own_al(tmp_path) -> None:
    # Issue 13 (known items, clitic changed): طفولته (his childhood) finds طفولة, and
    # ألعاب, whose ال is the word's own (hamza folded), finds الألعاب.
    texts = {
        "childhood": "تحدث الكاتب عن طفولة صعبة قضاها في القرية.",
        "games": "افتتح معرض الألعاب الإلكترونية أبوابه أمس.",
        "house": "عاد الرجل إلى بيت العائلة بعد سنوات.",
    }
    folder = tmp_path / "texts"
    folder.mkdir()
    for name, text in texts.items():
        (folder / f"{name}.txt").write_text(text, encoding="utf-8")
    arc = Archive.at(tmp_path / "archive")
    assert arc.add([str(folder)]).count("added") == len(texts)
    names = {text: name for name, text in texts.items()}

    def found(query: str) -> set[str]:
        return {names[hit.article.text] for hit in arc.search(query).hits}

    assert found("طفولته") == {"childhood"}
    assert found("ألعاب") == {"games"}
