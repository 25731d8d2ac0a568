"""Where an article's date comes from: --date, the date field, a header date, the file name,
else none. The date strings are real ones from the ANT corpus (dates are facts, not text
taken from its articles); the articles around them are written for these tests."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from newsarc.errors import InputError
from newsarc.model import AddOutcome, Article
from newsarc.reader import ReadOptions, read_inputs, read_text_article, resolve_date

BODY = "وقال المتحدث إن الاجتماع سيعقد في مقر الوزارة بحضور ممثلين عن القطاع الخاص."


def read_text(text: str, name: str = "inbox/article.txt", **options: str) -> Article:
    return read_text_article(text.encode("utf-8"), name, ReadOptions(**options))


# ANT strings in header position (a date line opening the article, or a dateline) ---------


@pytest.mark.parametrize(
    "header, expected, rule",
    [
        ("18 جانفي 2017", dt.date(2017, 1, 18), "header:month-name:maghrebi"),  # Jawhara FM
        ("5 ديسمبر 2016", dt.date(2016, 12, 5), "header:month-name:egyptian"),
        ("17 كانون الثاني 2013", dt.date(2013, 1, 17), "header:month-name:levantine"),
        ("7 نيسان 2018", dt.date(2018, 4, 7), "header:month-name:levantine"),
        ("15 نيسان/إبريل 2016", dt.date(2016, 4, 15), "header:month-name:combined"),
        ("24 غشت 2010", dt.date(2010, 8, 24), "header:month-name:moroccan"),
        ("10 شوال 1439 هـ", dt.date(2018, 6, 24), "header:hijri"),  # Eid al-Fitr 1439 was 15 June
        ("6 جمادى الآخرة 1439هـ", dt.date(2018, 2, 22), "header:hijri"),
        ("١٢/٢/٢٠١٨", dt.date(2018, 2, 12), "header:dmy-numeric"),  # Arabic-Indic digits
    ],
)
def test_header_date_line(header, expected, rule):
    article = read_text(f"{header}\n{BODY}\nوأضاف أن النتائج ستعلن لاحقا.")
    assert (article.date, article.date_rule, article.date_raw) == (expected, rule, header)
    assert article.title is None  # a date line is not a title
    assert article.text.startswith(header)  # the text is kept as written


def test_dateline_with_date():
    article = read_text(f"بيروت - 12 كانون الثاني 2019 - {BODY}")
    assert (article.date, article.date_rule) == (
        dt.date(2019, 1, 12),
        "header:month-name:levantine",
    )
    assert article.place == "بيروت"


def test_date_mentioned_in_the_story_is_not_its_date():
    # ANT's JA-culture-1 mentions "الأربعاء 18 جانفي 2017" in its first sentence: a mention.
    text = "استضاف برنامج ثقافي الأربعاء 18 جانفي 2017 مخرج فيلم جديد للحديث عن تجربته.\n" + BODY
    article = read_text(text, name="inbox/article.txt")
    assert article.date is None and article.date_rule is None


def test_file_name_date_when_the_text_has_none():
    article = read_text(BODY, name="inbox/JA-localNews-608-11012017.txt")
    assert (article.date, article.date_rule, article.date_raw) == (
        dt.date(2017, 1, 11),
        "filename",
        "11012017",
    )


def test_header_date_wins_over_the_file_name():
    article = read_text(f"5 ديسمبر 2016\n{BODY}", name="inbox/2019-03-23-x.txt")
    assert article.date == dt.date(2016, 12, 5)


def test_option_wins_over_everything():
    article = read_text(f"5 ديسمبر 2016\n{BODY}", name="inbox/2019-03-23-x.txt", date="٢٣/٠٣/٢٠١٩")
    assert (article.date, article.date_rule, article.date_raw) == (
        dt.date(2019, 3, 23),
        "option:dmy-numeric",
        "٢٣/٠٣/٢٠١٩",
    )


def test_no_date_anywhere_is_none_never_invented():
    article = read_text(BODY, name="inbox/article.txt")
    assert (article.date, article.date_raw, article.date_rule) == (None, None, None)
    assert not article.notes


def test_bad_option_is_an_input_error():
    with pytest.raises(InputError, match="cannot read the date"):
        resolve_date(BODY, option="yesterday-ish")


# JSON Lines ----------------------------------------------------------------------------


def _jsonl(*records: dict) -> list:
    data = "\n".join(json.dumps(r, ensure_ascii=False) for r in records).encode("utf-8")
    import io

    return list(read_inputs(["-"], ReadOptions(format="jsonl"), stdin=io.BytesIO(data)))


@pytest.mark.parametrize(
    "raw, expected, rule",
    [
        # the ANT `date_raw` (upstream <TIME>) values, all four formats
        ("Sun, 18 Feb 2018 18:06:52 GMT", dt.date(2018, 2, 18), "json:rfc2822"),
        ("Sun, 25 Mar 2018 00:26:57 +0400", dt.date(2018, 3, 25), "json:rfc2822"),
        ("2016-11-16T13:38:00+01:00", dt.date(2016, 11, 16), "json:iso"),
        ("29/09/2016", dt.date(2016, 9, 29), "json:dmy-numeric"),
        ("2017-01-22T185600", dt.date(2017, 1, 22), "json:iso"),
    ],
)
def test_json_date_field(raw, expected, rule):
    (article,) = _jsonl({"text": BODY, "date": raw})
    assert (article.date, article.date_rule, article.date_raw) == (expected, rule, raw)


def test_unreadable_json_date_falls_back_and_says_so():
    (article,) = _jsonl({"text": f"18 جانفي 2017\n{BODY}", "date": "قريبا"})
    assert isinstance(article, Article)
    assert (article.date, article.date_rule) == (dt.date(2017, 1, 18), "header:month-name:maghrebi")
    assert any("cannot read the date 'قريبا'" in note for note in article.notes)
    (undated,) = _jsonl({"text": BODY, "date": "قريبا"})
    assert undated.date is None and undated.notes


def test_unreadable_date_is_a_warning_not_a_failure(run):
    line = json.dumps({"id": "a-1", "text": BODY, "date": "قريبا"}, ensure_ascii=False)
    result = run("add", "-", "--format", "jsonl", input=line.encode())
    assert result.exit_code == 0
    assert "warning" in result.stderr and "قريبا" in result.stderr
    assert "1 undated" in result.stderr
    shown = json.loads(run("show", "a-1", "--json").stdout)
    assert shown["date"] is None and shown["date_rule"] is None


def test_add_reports_the_date_rule(run, tmp_path):
    path = tmp_path / "دمشق.txt"
    path.write_text(f"7 نيسان 2018\n{BODY}", encoding="utf-8")
    result = run("add", str(path), "--json")
    outcome = json.loads(result.stdout)
    assert (outcome["date"], outcome["date_rule"]) == ("2018-04-07", "header:month-name:levantine")


def test_failed_outcomes_are_not_articles():
    (outcome,) = _jsonl({"date": "2019-01-01"})
    assert isinstance(outcome, AddOutcome) and outcome.status == "failed"


def test_jsonl_text_with_unicode_line_separators():
    # ANT texts contain U+2028 and U+0085 raw inside JSON strings: one record, not three
    text = "السطر الأول\u2028السطر الثاني\u0085والثالث من الخبر."
    (article,) = _jsonl({"id": "sep-1", "text": text, "date": "2018-02-18"})
    assert isinstance(article, Article)
    # canonical_text turns the separators into line ends (issue 7); nothing is lost
    assert "السطر الثاني" in f"{article.title}\n{article.text}" and "والثالث" in article.text
