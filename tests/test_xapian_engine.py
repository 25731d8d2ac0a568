"""The Xapian engine (newsarc.engine.xapian_engine) against the Whoosh engine, through the
engine interface: the same articles match every kind of query, locally and on three real
`xapian-tcpsrv --writable` shards; counts, lexicon and look-ups agree; a down shard is one
line naming it."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from newsarc.archive import Archive
from newsarc.engine.base import MAX_EXPANSIONS
from newsarc.errors import ArchiveError, QueryError
from newsarc.model import Article
from newsarc.query.parse import add_variants, parse_query
from xapian_servers import missing_xapian

pytestmark = pytest.mark.skipif(missing_xapian() is not None, reason=missing_xapian() or "")

FIXTURES = Path(__file__).parent / "fixtures"

QUERIES = [
    "الخلافة",
    "الاسلامية",
    "بالخلافة",
    "لسوريا",
    "داعش OR الخلافة",
    '"دولة الخلافة"',
    "title:ميناء",
    'title:"ميناء العقبة"',
    '"ميناء العقبة"',
    "الباغوز*",
    "ال*ة",
    "date:2017",
    "date:2017-01..2018-12",
    "date:..2017-06",
    "ميناء NOT الأردن",
    "NOT الأردن العقبة",
    "العراق NOT سوريا",
    "source:العرب",
    "source:jawhara-fm",
    "place:بيروت",
    "(سوسة OR المنستير) date:2017..",
    "*",
    "ترامب ANDMAYBE سوريا",
]


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Archive:
    """A Whoosh archive of every fixture article (real articles and hand-made ones)."""
    from newsarc.cli import cli

    home = tmp_path_factory.mktemp("xapian-parity") / "archive"
    inbox = tmp_path_factory.mktemp("inbox")
    for path in FIXTURES.rglob("*"):
        if path.is_file() and path.name != "broken.trec" and "schema4_archive" not in path.parts:
            shutil.copy(path, inbox / f"{path.parent.name}-{path.name}")
    result = CliRunner().invoke(
        cli, ["--home", str(home), "add", str(inbox)], catch_exceptions=False
    )
    assert "added" in result.output
    return Archive.open(home)


def corpus_articles(archive: Archive):  # type: ignore[no-untyped-def]
    for path in archive.store.iter_paths():
        yield path, archive.store.read(path)


def build(archive: Archive, engine_class, directory: Path):  # type: ignore[no-untyped-def]
    engine = engine_class.create(directory)
    with engine.transaction() as writing:
        for path, article in corpus_articles(archive):
            writing.add(article, path)
        writing.commit()
    return engine_class.open(directory)


@pytest.fixture(scope="module")
def local(archive, tmp_path_factory):  # type: ignore[no-untyped-def]
    from newsarc.engine.xapian_engine import XapianEngine

    return build(archive, XapianEngine, tmp_path_factory.mktemp("xapian") / "ix-local")


@pytest.fixture
def sharded(archive, xapian_shards, tmp_path):  # type: ignore[no-untyped-def]
    from newsarc.engine.xapian_engine import xapian_engine_on

    engine_class = xapian_engine_on([server.address for server in xapian_shards])
    return build(archive, engine_class, tmp_path / "ix-sharded")


def whoosh(archive: Archive):  # type: ignore[no-untyped-def]
    return archive.index.current()


def matching(engine, text: str) -> tuple[list[str], str]:  # type: ignore[no-untyped-def]
    """The ids a query matches (with the archive's variants), and the query as widened."""
    with engine.reader() as reader:
        query = add_variants(parse_query(text), reader.doc_frequency)
        results = reader.search(query, limit=None)
        assert results.total == len(results.found)
        return sorted(found.id for found in results.found), repr(query)


def test_the_fixture_archive_is_worth_comparing(archive):  # type: ignore[no-untyped-def]
    # Queries that match nothing on both engines would prove nothing.
    empty = [text for text in QUERIES if not matching(whoosh(archive), text)[0]]
    assert len(empty) <= 4, empty


@pytest.mark.parametrize("text", QUERIES)
def test_a_query_matches_the_same_articles_as_on_whoosh(archive, local, text):  # type: ignore[no-untyped-def]
    assert matching(local, text) == matching(whoosh(archive), text)


def test_three_shards_match_the_same_articles_as_whoosh(archive, sharded):  # type: ignore[no-untyped-def]
    with sharded.reader() as reader:
        assert reader.doc_count() == len(list(archive.store.iter_paths()))
    for text in QUERIES:
        assert matching(sharded, text) == matching(whoosh(archive), text), text


def test_articles_are_spread_over_the_shards_by_a_stable_hash(sharded, xapian_shards):  # type: ignore[no-untyped-def]
    import xapian

    from newsarc.engine.xapian_engine import shard_of

    for number, server in enumerate(xapian_shards):
        database = xapian.remote_open("127.0.0.1", server.port)
        ids = [item.term.decode()[1:] for item in database.allterms("Q")]
        assert ids, f"shard {number} holds no article: the hash does not spread them"
        assert all(shard_of(article_id, 3) == number for article_id in ids)


def test_counts_lexicon_and_look_ups_agree_with_whoosh(archive, local):  # type: ignore[no-untyped-def]
    with whoosh(archive).reader() as expected, local.reader() as reader:
        assert reader.doc_count() == expected.doc_count()
        assert reader.source_days() == expected.source_days()
        assert reader.entries() == expected.entries()

        def by_id(entry):  # type: ignore[no-untyped-def]
            return entry[1]

        assert sorted(reader.sketches(), key=by_id) == sorted(expected.sketches(), key=by_id)
        for field in ("source_slug", "source_name", "exact", "body", "title", "place"):
            assert list(reader.terms(field)) == list(expected.terms(field)), field
        for path, article in corpus_articles(archive):
            assert reader.has_id(article.id) and reader.has_hash(article.content_hash)
            assert reader.id_for_hash(article.content_hash) == expected.id_for_hash(
                article.content_hash
            )
            assert reader.path_of(article.id) == path
            story_copies = reader.story_copies(article.story_id, article.id)
            assert story_copies == expected.story_copies(article.story_id, article.id)
        assert not reader.has_id("no-such-article") and reader.path_of("no-such-article") is None
        for text in ("*", "تونس", "date:2017"):
            query = parse_query(text)
            assert reader.months(query) == expected.months(query)
        query = parse_query("*")
        dates = {article.id: article.date for _, article in corpus_articles(archive)}
        for sort in ("newest", "oldest"):
            # By date, undated last both ways; articles of the same day (or undated) come in
            # the order each engine holds them (Whoosh: as indexed; Xapian: by shard too).
            found = [f.id for f in reader.search(query, limit=None, sort=sort).found]
            wanted = [f.id for f in expected.search(query, limit=None, sort=sort).found]
            assert [dates[i] for i in found] == [dates[i] for i in wanted], sort
            assert sorted(found) == sorted(wanted)
        collapsed, expected_collapsed = (
            r.search(query, limit=100, collapse=True, sort="newest") for r in (reader, expected)
        )
        assert (collapsed.total, collapsed.stories) == (
            expected_collapsed.total,
            expected_collapsed.stories,
        )
        assert (
            len(collapsed.found) == collapsed.stories < collapsed.total
        )  # the fixtures hold wire copies
        reader.verify()


def test_patterns_expand_to_the_same_words(archive, local):  # type: ignore[no-untyped-def]
    from newsarc.query import tree as t

    patterns = [
        t.Prefix("exact", "ال"),
        t.Wildcard("exact", "ال*ه"),
        t.TermRange("exact", "ب", "ت"),
    ]
    with whoosh(archive).reader() as expected, local.reader() as reader:
        for pattern in patterns:
            assert reader.expand(pattern, limit=None) == expected.expand(pattern, limit=None), (
                pattern
            )


def test_a_window_cancelled_leaves_the_index_as_it_was(archive, tmp_path):  # type: ignore[no-untyped-def]
    from newsarc.engine.xapian_engine import XapianEngine

    engine = build(archive, XapianEngine, tmp_path / "ix")
    before = engine.reader().entries()
    path, article = next(iter(corpus_articles(archive)))
    with engine.transaction() as writing:
        writing.delete(article.id)
        with engine.reader() as reader:
            assert reader.has_id(article.id)  # nothing visible before commit
        writing.cancel()
    assert engine.reader().entries() == before
    with engine.transaction() as writing:
        writing.delete(article.id)
        writing.commit()
    assert article.id not in engine.reader().entries()


def test_a_pattern_standing_for_too_many_words_is_refused(tmp_path):  # type: ignore[no-untyped-def]
    from newsarc.engine.xapian_engine import XapianEngine

    engine = XapianEngine.create(tmp_path / "ix")
    with engine.transaction() as writing:
        words = " ".join(f"كلمة{number}" for number in range(MAX_EXPANSIONS + 1))
        writing.add(Article(id="many", text=words, content_hash="h"), "corpus/x/many.txt")
        writing.commit()
    with engine.reader() as reader:
        with pytest.raises(QueryError, match=f"more than {MAX_EXPANSIONS} different words"):
            reader.search(parse_query("كلمه*"))
        assert reader.search(parse_query("كلمه1*")).total == 1  # 112 words


def test_very_long_words_are_indexed_and_found(tmp_path):  # type: ignore[no-untyped-def]
    from newsarc.engine.xapian_engine import MAX_TERM_BYTES, XapianEngine

    long_word = "ب" * 300  # 600 bytes: over Xapian's term limit
    assert len(long_word.encode()) > MAX_TERM_BYTES
    engine = XapianEngine.create(tmp_path / "ix")
    with engine.transaction() as writing:
        writing.add(
            Article(id="long", text=f"كلمة {long_word}", content_hash="h"), "corpus/x/long.txt"
        )
        writing.commit()
    with engine.reader() as reader:
        assert [f.id for f in reader.search(parse_query(long_word)).found] == ["long"]


def test_a_rebuild_on_the_same_shards_replaces_the_old_build(archive, xapian_shards, tmp_path):  # type: ignore[no-untyped-def]
    from newsarc.engine.xapian_engine import xapian_engine_on

    engine_class = xapian_engine_on([server.address for server in xapian_shards])
    first = build(archive, engine_class, tmp_path / "ix-1")
    with first.transaction() as writing:
        writing.add(
            Article(id="gone-since", text="مقال حذف من الأرشيف", content_hash="g"), "corpus/x/g.txt"
        )
        writing.commit()
    second = engine_class.create(tmp_path / "ix-2")
    with second.transaction() as writing:
        for path, article in corpus_articles(archive):
            writing.add(article, path)
            with first.reader() as reader:  # meanwhile the old index still finds everything
                assert reader.has_id("gone-since")
        writing.commit()
    with engine_class.open(tmp_path / "ix-2").reader() as reader:
        assert not reader.has_id("gone-since")
        assert reader.doc_count() == len(list(archive.store.iter_paths()))


def test_an_index_of_another_schema_says_to_reindex(local, tmp_path):  # type: ignore[no-untyped-def]
    from newsarc.engine.xapian_engine import CONFIG_FILE, XapianEngine

    directory = tmp_path / "ix-old"
    shutil.copytree(local.directory, directory)
    config = json.loads((directory / CONFIG_FILE).read_text())
    (directory / CONFIG_FILE).write_text(json.dumps({**config, "schema": 0}))
    with pytest.raises(ArchiveError, match="another version") as caught:
        XapianEngine.open(directory)
    assert "reindex" in (caught.value.hint or "")
    assert XapianEngine.exists(directory) and not XapianEngine.exists(tmp_path)


def test_the_empty_index_reads_as_empty():  # type: ignore[no-untyped-def]
    from newsarc.engine.xapian_engine import XapianEngine

    with XapianEngine.empty().reader() as reader:
        assert reader.search(parse_query("*")).total == 0
        assert (reader.doc_count(), reader.entries(), reader.source_days()) == (0, {}, {})


def test_a_down_shard_is_one_line_naming_it(xapian_shards, tmp_path):  # type: ignore[no-untyped-def]
    from newsarc.engine.xapian_engine import ShardUnreachable, xapian_engine_on

    engine = xapian_engine_on([server.address for server in xapian_shards]).create(tmp_path / "ix")
    with engine.transaction() as writing:
        writing.commit()
    xapian_shards[1].stop()
    with pytest.raises(ShardUnreachable) as caught:
        engine.reader()
    assert xapian_shards[1].address in caught.value.message and "\n" not in caught.value.message
    with pytest.raises(ShardUnreachable, match=str(xapian_shards[1].port)):
        engine.transaction()
    xapian_shards[1].restart()
    with engine.reader() as reader:
        assert reader.doc_count() == 0


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
    from newsarc.engine.xapian_engine import ShardAddress

    with pytest.raises(ArchiveError, match=problem):
        ShardAddress.parse(text)


def test_shard_addresses_read_back_as_written():  # type: ignore[no-untyped-def]
    from newsarc.engine.xapian_engine import ShardAddress

    for text in (
        "xapian+tcp://127.0.0.1:7001",
        "xapian+tcp://shard-2.example.org:65535",
        "xapian+tcp://[::1]:9",
    ):
        assert str(ShardAddress.parse(text)) == text


@given(st.text(min_size=1, max_size=40), st.integers(min_value=1, max_value=64))
def test_shard_of_is_a_choice_among_the_shards(article_id, count):  # type: ignore[no-untyped-def]
    from newsarc.engine.xapian_engine import shard_of

    assert 0 <= shard_of(article_id, count) < count


def test_shard_of_does_not_depend_on_the_process():  # type: ignore[no-untyped-def]
    from newsarc.engine.xapian_engine import shard_of

    ids = ["d9d5a337494db628", "JA-politic-7-20170305", "مقال-١"]
    code = (
        "from newsarc.engine.xapian_engine import shard_of; "
        f"print([shard_of(i, 7) for i in {ids!r}])"
    )
    other = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONHASHSEED": "123", "PATH": ""},
    )
    assert other.stdout.strip() == str([shard_of(i, 7) for i in ids])


def test_documents_hold_the_analyzers_terms(archive, local):  # type: ignore[no-untyped-def]
    import xapian

    from newsarc.analysis import analyze
    from newsarc.engine.xapian_engine import term

    database = xapian.Database(str(local.location.directory))
    for _, article in corpus_articles(archive):
        docid = next(iter(database.postlist(term("id", article.id)))).docid
        held = {item.term.decode() for item in database.get_document(docid).termlist()}
        exact_text = f"{article.title}\n{article.text}" if article.title else article.text
        assert {term("exact", word) for word in analyze(exact_text, stem=False)} <= held
        assert {term("body", word) for word in analyze(article.text)} <= held


@pytest.mark.parametrize("text", QUERIES)
@pytest.mark.parametrize("limit", [1, 3])
def test_a_ranked_page_counts_every_match_as_whoosh_does(archive, local, text, limit):  # type: ignore[no-untyped-def]
    """A page of top hits is ranked apart from the count of all matches, which must stay
    exact (the screen's count is what a pipe gets), and its hits are the best ones."""
    with whoosh(archive).reader() as expected, local.reader() as reader:
        query = add_variants(parse_query(text), reader.doc_frequency)
        everything = reader.search(query, limit=None)
        page = reader.search(query, limit=limit)
        assert page.total == everything.total == expected.search(query, limit=limit).total
        assert [f.id for f in page.found] == [f.id for f in everything.found][:limit]
