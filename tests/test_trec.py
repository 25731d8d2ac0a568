"""TREC-style <DOC> files: parsing, reading into Articles, and `add` of a folder of them.

The fixtures in fixtures/trec/ are modelled on ANT's files (tags, TIME formats, the two
malformed files its README lists) with short texts written for these tests."""

from __future__ import annotations

import datetime as dt
import json
import shutil

import pytest

from conftest import FIXTURES, tree_snapshot
from newsarc.model import AddOutcome, Article
from newsarc.reader import ReadOptions, expand_paths, read_inputs
from newsarc.trec import TrecDoc, looks_like_trec, parse_trec

TREC = FIXTURES / "trec"


def read_all(*paths, **options):
    return list(read_inputs(expand_paths([str(p) for p in paths]), ReadOptions(**options)))


def by_id(items):
    return {item.id: item for item in items if isinstance(item, Article)}


def test_parse_keeps_values_as_written():
    (doc,) = parse_trec((TREC / "SK-world-1-20190112.txt").read_text(encoding="utf-8"))
    assert isinstance(doc, TrecDoc)
    assert doc.fields["TITLE"] == "الأمطار & السيول تغلق طرقا في بيروت"  # `&` unescaped, kept
    assert doc.fields["URL"] == "https://news.example/article?id=1&lang=ar"
    assert doc.fields["TIME"] == "Sat, 12 Jan 2019 18:06:52 GMT"
    assert set(doc.fields) == {
        "DOCNO",
        "URL",
        "SRC",
        "CAT",
        "TITLE",
        "TIME",
        "AUTHOR",
        "ABSTRACT",
        "TEXT",
    }


def test_parse_problems_do_not_stop_the_file():
    items = list(parse_trec((TREC / "broken.trec").read_text(encoding="utf-8")))
    kinds = [(type(item).__name__, getattr(item, "message", None)) for item in items]
    assert kinds == [
        ("TrecDoc", None),
        ("TrecProblem", "<DOC> without </DOC>"),
        ("TrecProblem", "<DOC> without <TEXT>"),
        ("TrecProblem", "<TEXT> without </TEXT>"),
        ("TrecProblem", "text outside <DOC>…</DOC> (ignored)"),
    ]
    assert [item.line for item in items] == [1, 10, 15, 23, 25]  # the unclosed <TEXT> is on 23


def test_parse_tag_names_of_other_trec_corpora():
    text = (
        "<DOC>\n<DOCNO>X1</DOCNO>\n<HEADLINE>عنوان</HEADLINE>\n"
        "<DATE>2001-05-20</DATE>\n<TEXT>نص</TEXT>\n</DOC>"
    )
    (doc,) = parse_trec(text)
    assert doc.fields == {"DOCNO": "X1", "TITLE": "عنوان", "TIME": "2001-05-20", "TEXT": "نص"}


def test_second_tag_is_noted():
    (doc,) = parse_trec("<DOC><TITLE>أ</TITLE><TITLE>ب</TITLE><TEXT>نص</TEXT></DOC>")
    assert doc.fields["TITLE"] == "أ" and doc.notes == ("a second <TITLE> ignored",)


@pytest.mark.parametrize(
    "text, expected",
    [("<DOC>\n", True), ("\ufeff\n  <doc>", True), ("نص <DOC>", False), ("", False)],
)
def test_looks_like_trec(text, expected):
    assert looks_like_trec(text) is expected


def test_single_doc_file_becomes_an_article():
    (article,) = read_all(TREC / "SK-world-1-20190112.txt")
    assert article.id == "SK-world-1-20190112"
    assert (article.source, article.source_slug) == ("skynews", "skynews")
    assert article.title == "الأمطار & السيول تغلق طرقا في بيروت"
    assert (article.date, article.date_rule) == (dt.date(2019, 1, 12), "trec:rfc2822")
    assert (article.place, article.agency) == ("بيروت", "سكاي نيوز عربية")  # from <AUTHOR>
    # a place and an agency, no person: no author (the byline is kept as the dateline)
    assert (article.author, article.dateline) == (None, "بيروت - سكاي نيوز عربية")
    assert article.text.startswith("أغلقت السيول") and not article.text.endswith(" ")
    assert article.url == "https://news.example/article?id=1&lang=ar"
    assert article.origin.endswith("SK-world-1-20190112.txt")  # no line number: one DOC


def test_all_four_ant_time_formats():
    articles = by_id(read_all(TREC / "jawhara-batch.trec"))
    dates = {key: (a.date, a.date_rule, a.date_raw) for key, a in articles.items()}
    assert dates == {
        "JA-sport-11-20170109": (dt.date(2017, 1, 9), "trec:iso", "2017-01-09T12:36:00+01:00"),
        "JA-localNews-12-11012017": (dt.date(2017, 1, 11), "trec:dmy-numeric", "11/01/2017"),
        "JA-localNews-13-20170122": (dt.date(2017, 1, 22), "trec:iso", "2017-01-22T185600"),
        # the day as written: +0400 is not shifted back to the 24th
        "AL-world-14-20180325": (
            dt.date(2018, 3, 25),
            "trec:rfc2822",
            "Sun, 25 Mar 2018 00:26:57 +0400",
        ),
    }
    # a date mentioned in the story (`الأحد 8 جانفي 2017`) is not the article's date
    assert articles["JA-sport-11-20170109"].date == dt.date(2017, 1, 9)
    assert all(
        a.origin.endswith(f".trec:{line}") for a, line in zip(articles.values(), (1, 17, 33, 44))
    )


def test_malformed_ant_file_is_read_with_notes():
    # like ANT's JA-politic-92-20170201.txt: `<DOCNO>92</DOCNO>`, no <SRC>, no <CAT>
    (article,) = read_all(TREC / "JA-politic-7-20170305.txt")
    assert article.id == "JA-politic-7-20170305"
    assert article.source is None
    assert article.date == dt.date(2017, 3, 5)
    notes = " | ".join(article.notes)
    assert "no <SRC> tag" in notes and "<DOCNO> '7' is part of the file name" in notes


def test_source_option_wins_over_src():
    (article,) = read_all(TREC / "JA-politic-7-20170305.txt", source="جوهرة أف أم")
    assert article.source == "جوهرة أف أم" and not any("SRC" in note for note in article.notes)


def test_unreadable_time_falls_back_to_the_header():
    items = read_all(TREC / "broken.trec")
    article = next(item for item in items if isinstance(item, Article))
    assert (article.id, article.date, article.date_rule) == (
        "BR-1",
        dt.date(2018, 1, 12),
        "header:month-name:levantine",
    )
    assert any("cannot read the date 'unknown time' in <TIME>" in note for note in article.notes)
    failed = [item for item in items if isinstance(item, AddOutcome)]
    assert [f.status for f in failed] == ["failed"] * 4
    assert failed[0].message.endswith("broken.trec:10: <DOC> without </DOC>")


def test_format_option_and_detection(tmp_path):
    # detection is by content, whatever the file is called
    renamed = tmp_path / "feed.xml.txt"
    shutil.copy(TREC / "SK-world-1-20190112.txt", renamed)
    assert isinstance(read_all(renamed)[0], Article)
    # --format text reads the same file as one plain article
    (plain,) = read_all(renamed, format="text")
    assert "<DOCNO>SK-world-1-20190112</DOCNO>" in plain.text and plain.id != "SK-world-1-20190112"


def test_add_folder_reports_malformed_and_adds_the_rest(run, home, tmp_path):
    folder = tmp_path / "corpus-in"
    shutil.copytree(TREC, folder)
    result = run("add", str(folder))
    assert result.exit_code == 2  # some documents failed
    assert "added 7" in result.stderr and "failed 4" in result.stderr
    assert "broken.trec:15: <DOC> without <TEXT>" in result.stderr
    assert "warning" in result.stderr and "no <SRC> tag" in result.stderr
    shown = json.loads(run("show", "SK-world-1-20190112", "--json").stdout)
    assert (
        shown["source"],
        shown["date"],
        shown["date_rule"],
        shown["place"],
        shown["agency"],
    ) == ("skynews", "2019-01-12", "trec:rfc2822", "بيروت", "سكاي نيوز عربية")
    assert (home / "corpus" / "skynews" / "2019" / "SK-world-1-20190112.txt").is_file()
    # adding again: all duplicates, nothing changes
    before = tree_snapshot(home / "corpus")
    again = run("add", str(folder / "jawhara-batch.trec"))
    assert again.exit_code == 0 and "duplicates 4" in again.stderr
    assert tree_snapshot(home / "corpus") == before


def test_original_ant_samples_if_present(run, tmp_path):
    """The real files, when ../shared is there (never needed for the suite to pass)."""
    import os
    from pathlib import Path

    shared = Path(
        os.environ.get("NEWSARC_SHARED") or Path(__file__).resolve().parents[2] / "shared"
    )
    samples = shared / "data" / "ant-news" / "original-samples"
    if not samples.is_dir():
        pytest.skip("ANT original samples not available")
    result = run("add", "--dry-run", "--json", str(samples))
    outcomes = [json.loads(line) for line in result.stdout.splitlines()]
    statuses = [o["status"] for o in outcomes]
    # France 24 lists some stories under two categories with the same text
    assert (
        len(outcomes) == 177 and statuses.count("added") == 173 and statuses.count("duplicate") == 4
    )
    assert all(o["date_rule"].startswith("trec:") for o in outcomes)
    ids = {o["id"] for o in outcomes}
    assert {"JA-politic-92-20170201", "JA-localNews-608-11012017"} <= ids
