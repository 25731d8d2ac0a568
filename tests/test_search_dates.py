"""Searching by time: date: terms, --since/--until, --sort, filter-only queries."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from newsarc.errors import QueryError
from newsarc.query.parse import date_bounds, split_date_terms

RECORDS = [
    ("a-2017", "العرب", "2017-06-01", "ارتفعت أسعار النفط في الأسواق العالمية اليوم."),
    ("b-2018", "العرب", "2018-12-31", "انخفضت أسعار النفط مع نهاية العام."),
    ("c-2019-03", "العرب", "2019-03-05", "اجتماع لوزراء النفط في فيينا لبحث الإنتاج."),
    ("d-2019-03", "الأهرام", "2019-03-20", "مصر توقع اتفاقا لاستيراد النفط والغاز."),
    ("e-2020", "الأهرام", "2020-02-02", "تراجع الطلب على النفط بسبب الوباء."),
    ("f-undated", "العرب", None, "تقرير عن مستقبل النفط في المنطقة العربية."),
]


@pytest.fixture
def dated(run):
    lines = []
    for ident, source, date, text in RECORDS:
        record = {"id": ident, "source": source, "text": text}
        if date:
            record["date"] = date
        lines.append(json.dumps(record, ensure_ascii=False))
    result = run("add", "-", "--format", "jsonl", input="\n".join(lines).encode())
    assert result.exit_code == 0, result.stderr
    return run


def ids(result) -> list[str]:
    return [json.loads(line)["id"] for line in result.stdout.splitlines()]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("النفط date:2019", {"c-2019-03", "d-2019-03"}),
        ("النفط date:2019-03", {"c-2019-03", "d-2019-03"}),
        ("النفط date:2019-03-20", {"d-2019-03"}),
        ("النفط date:2018..2019", {"b-2018", "c-2019-03", "d-2019-03"}),
        ("النفط date:..2018", {"a-2017", "b-2018"}),
        ("النفط date:2019-03-06..", {"d-2019-03", "e-2020"}),
        ("date:٢٠١٧ النفط", {"a-2017"}),  # Arabic-Indic digits
        ('النفط date:"31 كانون الأول 2018"', {"b-2018"}),
        ("النفط date:2018 date:2018-12", {"b-2018"}),  # several date: terms narrow together
        ("النفط source:الأهرام date:2019", {"d-2019-03"}),
    ],
)
def test_date_terms(dated, query, expected):
    result = dated("search", query, "--json", "-n", "50")
    assert set(ids(result)) == expected


def test_since_until(dated):
    assert set(ids(dated("search", "النفط", "--since", "2019-03", "--json"))) == {
        "c-2019-03",
        "d-2019-03",
        "e-2020",
    }
    assert set(ids(dated("search", "النفط", "--until", "2018", "--json"))) == {
        "a-2017",
        "b-2018",
    }  # through 31 Dec
    assert set(
        ids(dated("search", "النفط", "--since", "2019", "--until", "2019-03-10", "--json"))
    ) == {"c-2019-03"}


@pytest.mark.parametrize(
    "args",
    [
        ("النفط date:2019-13",),
        ("النفط date:yesterday",),
        ("النفط date:",),
        ("النفط date:2020..2019",),
        ("النفط NOT date:2019",),
        ("النفط", "--since", "soon"),
        ("النفط", "--until", "2019.."),
        ("النفط", "--since", "2020", "--until", "2019"),
        ("--since", "31/02/2019"),
    ],
)
def test_unreadable_dates_are_errors_not_empty_results(dated, args):
    result = dated("search", *args)
    assert result.exit_code == 2
    assert result.stderr.startswith("newsarc: ") and result.stdout == ""


def test_filter_only_query_lists_newest_first(dated):
    result = dated("search", "--source", "العرب", "--since", "2017", "--json")
    assert ids(result) == ["c-2019-03", "b-2018", "a-2017"]
    # the example: a source and a month
    assert ids(dated("search", "--source", "العرب", "--since", "2019-03", "--json")) == [
        "c-2019-03"
    ]


def test_filter_only_in_the_query_text(dated):
    assert ids(dated("search", "source:الأهرام", "--json")) == ["e-2020", "d-2019-03"]
    assert ids(dated("search", "date:2019", "--json")) == ["d-2019-03", "c-2019-03"]


def test_sort_orders_put_undated_last(dated):
    newest = ids(dated("search", "النفط", "--sort", "newest", "--json", "-n", "50"))
    assert newest == ["e-2020", "d-2019-03", "c-2019-03", "b-2018", "a-2017", "f-undated"]
    oldest = ids(dated("search", "النفط", "--sort", "oldest", "--json", "-n", "50"))
    assert oldest == ["a-2017", "b-2018", "c-2019-03", "d-2019-03", "e-2020", "f-undated"]
    relevance = [
        json.loads(line)
        for line in dated("search", "النفط", "--sort", "newest", "--json").stdout.splitlines()
    ]
    assert all(hit["score"] > 0 for hit in relevance)  # a score even when sorted by date


def test_empty_query_without_filters_is_an_error(dated):
    result = dated("search")
    assert result.exit_code == 2 and "empty query" in result.stderr


def test_no_match_in_range_is_exit_1(dated):
    result = dated("search", "النفط", "date:2015")
    # nothing found is no error: the only line on stderr is the summary (stdout is a pipe)
    assert result.exit_code == 1 and result.stderr.startswith("0 articles matched, 0 shown")


def test_split_date_terms():
    assert split_date_terms('سوريا date:2019..2020 "دولة الخلافة"') == (
        'سوريا "دولة الخلافة"',
        ["2019..2020"],
    )
    assert split_date_terms("سوريا") == ("سوريا", [])
    for bad in ["a OR date:2019", "(a date:2019)", "a -date:2019"]:
        with pytest.raises(QueryError):
            split_date_terms(bad)


def test_date_bounds():
    assert date_bounds(["2019"], since="2019-03", until=None) == (
        dt.date(2019, 3, 1),
        dt.date(2019, 12, 31),
    )
    assert date_bounds([], None, None) == (None, None)
    with pytest.raises(QueryError, match="exclude each other"):
        date_bounds(["2018"], since="2019")
