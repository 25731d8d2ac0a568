"""The Xapian index (newsarc.xapian_engine): the same articles match as on Whoosh, locally
and on three real `xapian-tcpsrv --writable` shards; a down shard is one line naming it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsarc.archive import Archive
from newsarc.errors import ArchiveError, QueryError
from newsarc.index import EXACT_FIELD, make_schema
from newsarc.search import MAX_EXPANSIONS, build_query
from xapian_servers import missing_xapian

pytestmark = pytest.mark.skipif(missing_xapian() is not None, reason=missing_xapian() or "")

FIXTURES = Path(__file__).parent / "fixtures"

# Words, phrases, fields, wildcards, dates, operators: every kind of node a query tree has.
QUERIES = [
    "الخلافة",
    "الاسلامية",
    "داعش OR الخلافة",
    '"دولة الخلافة"',
    "الباغوز*",
    "ال*ة",
    "date:2017",
    "date:2017-01..2018-12",
    "date:..2017-06",
    "سوريا NOT العراق",
    "NOT العراق تونس",
    "source:العرب",
    "source:jawhara-fm",
    "title:ترامب",
    "place:بيروت",
    "(تونس OR الجزائر) date:2017..",
    "*",
    "ترامب ANDMAYBE سوريا",
]


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Archive:
    """A Whoosh archive of every fixture article (real articles and hand-made ones)."""
    from click.testing import CliRunner

    from newsarc.cli import cli

    home = tmp_path_factory.mktemp("xapian-parity") / "archive"
    inbox = tmp_path_factory.mktemp("inbox")
    for path in FIXTURES.rglob("*"):
        if path.is_file() and path.name != "broken.trec":
            shutil.copy(path, inbox / f"{path.parent.name}-{path.name}")
    result = CliRunner().invoke(
        cli, ["--home", str(home), "add", str(inbox)], catch_exceptions=False
    )
    assert "added" in result.output
    return Archive.open(home)


def build_xapian(archive: Archive, location):  # type: ignore[no-untyped-def]
    from newsarc.xapian_engine import XapianIndex

    index = XapianIndex(location)
    writer = index.writer()
    for path, article in archive.store.iter_articles():
        writer.add(article, path)
    writer.commit()
    writer.close()
    return index


@pytest.fixture(scope="module")
def local_index(archive, tmp_path_factory):  # type: ignore[no-untyped-def]
    from newsarc.xapian_engine import Location

    return build_xapian(archive, Location(directory=tmp_path_factory.mktemp("xapian") / "db"))


@pytest.fixture
def sharded_index(archive, xapian_shards):  # type: ignore[no-untyped-def]
    from newsarc.xapian_engine import Location, ShardAddress

    location = Location(
        shards=tuple(ShardAddress.parse(server.address) for server in xapian_shards)
    )
    return build_xapian(archive, location)


class Frequencies:
    """The lexicon look-up the spelling variants use (search._word_with_variants), on Xapian."""

    def __init__(self, index) -> None:  # type: ignore[no-untyped-def]
        self.index = index

    def doc_frequency(self, fieldname: str, text: str) -> int:
        return self.index.doc_frequency(fieldname, text)


def whoosh_ids(archive: Archive, text: str) -> list[str]:
    return sorted(article_id for article_id, _ in archive.matches(text))


def xapian_ids(index, text: str) -> list[str]:  # type: ignore[no-untyped-def]
    page = index.search(build_query(make_schema(), text).query, limit=None)
    assert page.total == len(page.hits)
    return sorted(entry.id for entry, _ in page.hits)


def test_the_fixture_archive_is_worth_comparing(archive):  # type: ignore[no-untyped-def]
    # Queries that match nothing on both engines would prove nothing.
    matching = [text for text in QUERIES if whoosh_ids(archive, text)]
    assert len(matching) >= len(QUERIES) - 4


@pytest.mark.parametrize("text", QUERIES)
def test_a_query_matches_the_same_articles_as_on_whoosh(archive, local_index, text):  # type: ignore[no-untyped-def]
    assert xapian_ids(local_index, text) == whoosh_ids(archive, text)


def test_three_shards_match_the_same_articles_as_one_database(archive, sharded_index, local_index):  # type: ignore[no-untyped-def]
    assert (
        sharded_index.doc_count()
        == local_index.doc_count()
        == len(list(archive.store.iter_paths()))
    )
    for text in QUERIES:
        assert xapian_ids(sharded_index, text) == whoosh_ids(archive, text), text


def test_articles_are_spread_over_the_shards_by_a_stable_hash(sharded_index, xapian_shards):  # type: ignore[no-untyped-def]
    import xapian

    from newsarc.xapian_engine import shard_of

    for number, server in enumerate(xapian_shards):
        database = xapian.remote_open("127.0.0.1", server.port)
        ids = [item.term.decode()[1:] for item in database.allterms("Q")]
        assert all(shard_of(article_id, 3) == number for article_id in ids)
        assert ids, f"shard {number} holds no article: the hash does not spread them"


def test_spelling_variants_come_out_the_same_from_either_lexicon(archive, local_index):  # type: ignore[no-untyped-def]
    schema = make_schema()
    whoosh_ix = archive_index(archive)
    with whoosh_ix.reader() as reader:
        for text in ("بالخلافة", "لسوريا", "الخلافة", "مدرستها"):
            on_whoosh = build_query(schema, text, reader=reader).query
            on_xapian = build_query(schema, text, reader=Frequencies(local_index)).query
            assert str(on_xapian) == str(on_whoosh)
            page = local_index.search(on_xapian, limit=None)
            assert sorted(entry.id for entry, _ in page.hits) == sorted(
                hit.article.id for hit in archive.search(text, limit=1000).hits
            )


def archive_index(archive: Archive):  # type: ignore[no-untyped-def]
    from newsarc.index import current_index_dir, open_index

    return open_index(current_index_dir(archive.index_dir))


def test_highlighted_words_are_those_whoosh_finds(archive, local_index):  # type: ignore[no-untyped-def]
    from newsarc.search import matched_terms

    schema = make_schema()
    with archive_index(archive).reader() as reader:
        for text in ("الخلافة الباغوز*", '"دولة الخلافة" NOT سوريا', "source:العرب تونس"):
            parsed = build_query(schema, text).query
            page = local_index.search(parsed, limit=1)
            assert page.matched == matched_terms(parsed, reader), text


def test_sorting_by_date_puts_undated_articles_last_both_ways(local_index):  # type: ignore[no-untyped-def]
    query = build_query(make_schema(), "*").query
    for order, newest_first in (("newest", True), ("oldest", False)):
        dates = [entry.date for entry, _ in local_index.search(query, limit=None, order=order).hits]
        dated = [date for date in dates if date is not None]
        assert dated and dates[: len(dated)] == sorted(dated, reverse=newest_first)
        assert all(date is None for date in dates[len(dated) :])


def test_collapse_counts_matches_and_stories(archive, local_index):  # type: ignore[no-untyped-def]
    query = build_query(make_schema(), "*").query
    page = local_index.search(query, limit=100, collapse=True)
    whoosh = archive.search("*", limit=100, collapse=True)
    assert (page.total, page.stories) == (whoosh.total, whoosh.stories)
    assert len(page.hits) == page.stories < page.total  # the fixtures hold wire copies


def test_stats_and_timeline_agree_with_whoosh(archive, local_index):  # type: ignore[no-untyped-def]
    stats = archive.stats()
    articles, source_years, days = local_index.stats()
    assert articles == stats.articles
    assert source_years == stats.source_years
    assert min(days) == stats.first_date.isoformat() and max(days) == stats.last_date.isoformat()
    timeline = archive.timeline("*")
    total, months = local_index.months(build_query(make_schema(), "*").query)
    assert (total, months) == (timeline.total, timeline.months)


def test_check_entries_and_lookups(archive, local_index):  # type: ignore[no-untyped-def]
    corpus = {article.id: path for path, article in archive.store.iter_articles()}
    assert local_index.entries() == corpus
    some_id, some_path = next(iter(corpus.items()))
    assert local_index.find(some_id).path == some_path
    assert local_index.find("no-such-article") is None
    assert sorted(local_index.words("source_name")) == sorted(
        name
        for name in archive.source_names()
        if name in {a.source for _, a in archive.store.iter_articles()}
    )
    assert len(local_index.sketches()) >= 3


def test_a_window_cancelled_leaves_the_index_as_it_was(archive, tmp_path):  # type: ignore[no-untyped-def]
    from newsarc.xapian_engine import Location

    index = build_xapian(archive, Location(directory=tmp_path / "db"))
    before = index.entries()
    writer = index.writer()
    path, article = next(iter(archive.store.iter_articles()))
    writer.delete(article.id)
    writer.cancel()
    assert index.entries() == before
    writer = index.writer()
    writer.delete(article.id)
    writer.commit()
    writer.close()
    assert article.id not in index.entries()


def test_a_pattern_standing_for_too_many_words_is_refused(tmp_path):  # type: ignore[no-untyped-def]
    from newsarc.model import Article
    from newsarc.xapian_engine import Location, XapianIndex

    index = XapianIndex(Location(directory=tmp_path / "db"))
    writer = index.writer()
    words = " ".join(f"كلمة{number}" for number in range(MAX_EXPANSIONS + 1))
    writer.add(Article(id="many", text=words, content_hash="h"), "corpus/x/many.txt")
    writer.commit()
    writer.close()
    with pytest.raises(QueryError, match=f"more than {MAX_EXPANSIONS} different words"):
        index.search(build_query(make_schema(), "كلمه*").query)
    fewer = build_query(make_schema(), "كلمه1*").query  # كلمه1, كلمه10.., كلمه100..: 112 words
    assert index.search(fewer).total == 1


def test_very_long_words_are_indexed_and_found(tmp_path):  # type: ignore[no-untyped-def]
    from newsarc.model import Article
    from newsarc.xapian_engine import MAX_TERM_BYTES, Location, XapianIndex

    long_word = "ب" * 300  # 600 bytes: over Xapian's term limit
    index = XapianIndex(Location(directory=tmp_path / "db"))
    writer = index.writer()
    writer.add(Article(id="long", text=f"كلمة {long_word}", content_hash="h"), "corpus/x/long.txt")
    writer.commit()
    writer.close()
    assert len(long_word.encode()) > MAX_TERM_BYTES
    assert [
        entry.id for entry, _ in index.search(build_query(make_schema(), long_word).query).hits
    ] == ["long"]


def test_a_down_shard_is_one_line_naming_it(archive, xapian_shards):  # type: ignore[no-untyped-def]
    from newsarc.xapian_engine import Location, ShardAddress, ShardUnreachable, XapianIndex

    location = Location(
        shards=tuple(ShardAddress.parse(server.address) for server in xapian_shards)
    )
    index = XapianIndex(location)
    xapian_shards[1].stop()
    with pytest.raises(ShardUnreachable) as caught:
        index.search(build_query(make_schema(), "الخلافة").query)
    assert str(location.shards[1]) in caught.value.message
    assert "\n" not in caught.value.message
    with pytest.raises(ShardUnreachable, match=str(location.shards[1].port)):
        index.writer()
    xapian_shards[1].restart()
    assert index.doc_count() == 0


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("xapian+tcp://host", "not a shard address"),
        ("tcp://host:1", "not a shard address"),
        ("xapian+tcp://host:0", "out of range"),
        ("xapian+tcp://host:70000", "out of range"),
        ("xapian+tcp://a b:1", "not a shard address"),
    ],
)
def test_bad_shard_addresses_say_what_is_wrong(text, problem):  # type: ignore[no-untyped-def]
    from newsarc.xapian_engine import ShardAddress

    with pytest.raises(ArchiveError, match=problem):
        ShardAddress.parse(text)


def test_shard_addresses_read_back_as_written():  # type: ignore[no-untyped-def]
    from newsarc.xapian_engine import ShardAddress

    for text in (
        "xapian+tcp://127.0.0.1:7001",
        "xapian+tcp://shard-2.example.org:65535",
        "xapian+tcp://[::1]:9",
    ):
        assert str(ShardAddress.parse(text)) == text


@given(st.text(min_size=1, max_size=40), st.integers(min_value=1, max_value=64))
def test_shard_of_is_a_stable_choice_among_the_shards(article_id, count):  # type: ignore[no-untyped-def]
    from newsarc.xapian_engine import shard_of

    assert 0 <= shard_of(article_id, count) < count
    assert shard_of(article_id, count) == shard_of(str(article_id), count)


def test_shard_of_does_not_depend_on_the_process():  # type: ignore[no-untyped-def]
    import subprocess
    import sys

    from newsarc.xapian_engine import shard_of

    ids = ["d9d5a337494db628", "JA-politic-7-20170305", "مقال-١"]
    code = f"from newsarc.xapian_engine import shard_of; print([shard_of(i, 7) for i in {ids!r}])"
    other = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONHASHSEED": "123", "PATH": ""},
    )
    assert other.stdout.strip() == str([shard_of(i, 7) for i in ids])


def test_the_exact_field_terms_are_the_analyzers(local_index, archive):  # type: ignore[no-untyped-def]
    import xapian

    from newsarc.analysis import analyze
    from newsarc.xapian_engine import term

    database = xapian.Database(str(local_index.location.directory))
    for _path, article in archive.store.iter_articles():
        docid = next(iter(database.postlist(term("id", article.id)))).docid
        held = {item.term.decode() for item in database.get_document(docid).termlist()}
        exact_text = f"{article.title}\n{article.text}" if article.title else article.text
        assert {term(EXACT_FIELD, word) for word in analyze(exact_text, stem=False)} <= held
        assert {term("body", word) for word in analyze(article.text)} <= held
