"""Fuzzing with hypothesis: the decoder, the readers, the corpus format and the query path
never fail with anything but newsarc's own errors, and never take long.

Short by default (CI); a long run: NEWSARC_FUZZ_EXAMPLES=20000 python -m pytest -m fuzz.
Coverage-guided fuzzing of the same entry points with atheris: tests/fuzz/ (optional).
"""

from __future__ import annotations

import hashlib
import json
import os
import unicodedata
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ARTICLE_SCHOOL, ARTICLE_TRADE, SEED
from newsarc import reader
from newsarc.decode import decode_bytes, trim_legacy_edges
from newsarc.errors import InputError, QueryError
from newsarc.model import AddOutcome, Article
from newsarc.reader import ReadOptions, read_jsonl, read_text_article, safe_id, source_slug
from newsarc.store import format_article, parse_article

pytestmark = pytest.mark.fuzz

EXAMPLES = int(os.environ.get("NEWSARC_FUZZ_EXAMPLES", "300"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=2000,  # ms per example: "bounded time"
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    derandomize=EXAMPLES <= 1000,  # the short CI run is reproducible
)

ARABIC = st.characters(min_codepoint=0x0600, max_codepoint=0x06FF)
ANY_CHAR = st.characters(codec=None, exclude_categories=())  # surrogates and controls too
SNIPPETS = [ARTICLE_TRADE, ARTICLE_SCHOOL, SEED.read_text(encoding="utf-8")[:400]]


def _encodings_of(text: str) -> st.SearchStrategy[bytes]:
    encoded = []
    for codec in ("utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1256", "iso-8859-6"):
        try:
            encoded.append(text.encode(codec))
        except UnicodeEncodeError:
            pass
    return st.sampled_from(encoded)


# Bytes that look like the inputs newsarc gets: real text in several encodings, cut,
# spliced, with bytes flipped; and plain random bytes.
input_bytes = st.one_of(
    st.binary(max_size=2000),
    st.sampled_from(SNIPPETS).flatmap(_encodings_of),
    st.tuples(
        st.sampled_from(SNIPPETS).flatmap(_encodings_of),
        st.sampled_from(SNIPPETS).flatmap(_encodings_of),
        st.integers(0, 400),
        st.binary(max_size=8),
    ).map(lambda parts: parts[0][: parts[2]] + parts[3] + parts[1][parts[2] :]),
    st.text(alphabet=st.one_of(ARABIC, ANY_CHAR), max_size=300).map(
        lambda t: t.encode("utf-8", "surrogatepass")
    ),
)


@FUZZ
@given(
    data=input_bytes,
    encoding=st.sampled_from([None, None, None, "utf-8", "windows-1256", "utf-16"]),
)
def test_decoder(data, encoding):
    try:
        decoded = decode_bytes(data, encoding, "fuzz.txt")
    except InputError as exc:
        assert exc.message.startswith(("fuzz.txt", "unknown encoding"))
        return
    assert isinstance(decoded.text, str)
    decoded.text.encode("utf-8")  # no lone surrogates: storable
    if encoding is None and decoded.rule == "utf-8":
        # as it was, but for legacy padding at the edges, which a note reports
        kept, notes = trim_legacy_edges(data, "fuzz.txt")
        assert decoded.text == kept.decode("utf-8") and decoded.notes == notes


def _check_article(article: Article) -> None:
    assert article.text.strip() and any(
        char.isalnum() for char in article.text + (article.title or "")
    )
    assert article.content_hash == hashlib.sha256(article.text.encode("utf-8")).hexdigest()
    assert article.text == unicodedata.normalize("NFC", article.text)
    assert not any(char < " " and char not in "\t\n" for char in article.text)
    for value in (article.title, article.source, article.author, article.url, article.origin):
        if value is not None:
            assert "\n" not in value and "\x1b" not in value
            value.encode("utf-8")
    # the corpus format gives back exactly what was stored
    stored = replace(article, added="2019-03-23T00:00:00Z")
    assert parse_article(format_article(stored), "x") == stored


@FUZZ
@given(
    data=input_bytes,
    source=st.one_of(st.none(), st.text(max_size=30)),
    title=st.one_of(st.none(), st.text(max_size=30)),
)
def test_text_reader(data, source, title):
    options = ReadOptions(source=source, title=title)
    try:
        article = read_text_article(data, "in/fuzz.txt", options)
    except InputError as exc:
        assert "fuzz.txt" in exc.message
        return
    _check_article(article)
    assert article.id == article.content_hash[:16]


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True)
    | st.text(alphabet=st.one_of(ARABIC, ANY_CHAR), max_size=40),
    lambda children: (
        st.lists(children, max_size=3)
        | st.dictionaries(st.text(max_size=5), children, max_size=3)
    ),
    max_leaves=6,
)
records = st.fixed_dictionaries(
    {},
    optional={
        "id": json_values | st.text(max_size=20),
        "text": json_values | st.sampled_from(SNIPPETS),
        "title": json_values,
        "source": json_values,
        "date": json_values
        | st.sampled_from(["2019-03-23", "1 رمضان 1440هـ", "23 مارس 2019", "2019-02-30"]),
        "url": json_values,
        "author": json_values,
    },
)
jsonl_line = st.one_of(
    records.map(lambda r: json.dumps(r, ensure_ascii=False).encode("utf-8", "surrogatepass")),
    records.map(lambda r: json.dumps(r).encode()),
    st.binary(max_size=60),
    st.sampled_from(
        [b"", b"  ", b"{", b"[]", b"null", b"\xef\xbb\xbf{}", b'{"text": "\xd8\xa7\xff"}']
    ),
)


@FUZZ
@given(lines=st.lists(jsonl_line, max_size=8), ending=st.sampled_from([b"\n", b"\r\n"]))
def test_jsonl_reader(lines, ending):
    data = ending.join(lines)
    seen_lines = set()
    for item in read_jsonl(data, "fuzz.jsonl", ReadOptions()):
        if isinstance(item, AddOutcome):
            assert item.status == "failed" and item.message.startswith(item.origin)
            if item.origin == "fuzz.jsonl":  # UTF-16-like input is decoded whole, and failed whole
                continue
        else:
            _check_article(item)
        path, _, number = item.origin.rpartition(":")
        assert path == "fuzz.jsonl" and number.isdigit()
        assert number not in seen_lines  # one outcome per line
        seen_lines.add(number)
        assert 1 <= int(number) <= data.count(b"\n") + 1


trec_field = st.sampled_from(
    ["DOCNO", "URL", "SRC", "CAT", "TITLE", "TIME", "AUTHOR", "ABSTRACT", "TEXT", "DOC", "X"]
)
trec_piece = st.one_of(
    trec_field.map(lambda name: f"<{name}>"),
    trec_field.map(lambda name: f"</{name}>"),
    st.sampled_from(
        [
            "\n", " & ", "&amp;", "<", ">",
            "Sun, 18 Feb 2018 18:06:52 GMT", "29/09/2016", "SK-sport-1-20180218",
        ]
    ),
    st.text(alphabet=st.one_of(ARABIC, ANY_CHAR), max_size=30),
)
trec_document = st.lists(trec_field, min_size=1, max_size=6).flatmap(
    lambda names: st.tuples(
        *[
            st.text(alphabet=st.one_of(ARABIC, st.sampled_from(" &<>\n")), max_size=40)
            for _ in names
        ]
    ).map(
        lambda values: "<DOC>\n"
        + "".join(f"<{n}>{v}</{n}>\n" for n, v in zip(names, values))
        + "</DOC>\n"
    )
)


@FUZZ
@given(
    parts=st.lists(
        st.one_of(trec_document, st.lists(trec_piece, max_size=12).map("".join)),
        min_size=1,
        max_size=5,
    ),
    encoding=st.sampled_from(["utf-8", "utf-16", "windows-1256"]),
)
def test_trec_reader(parts, encoding):
    text = "<DOC>" + "".join(parts)
    data = text.encode(encoding, "replace")
    for item in reader.read_trec(data, "fuzz.txt", ReadOptions()):
        if isinstance(item, AddOutcome):
            assert item.status == "failed" and item.origin.startswith("fuzz.txt")
            assert item.message and "\n" not in item.message
        else:
            _check_article(item)


@FUZZ
@given(raw=st.text(alphabet=st.one_of(ANY_CHAR, st.sampled_from("./\\:-_."), ARABIC), max_size=150))
def test_ids_stay_file_names(raw):
    try:
        value = safe_id(raw, "fuzz")
    except InputError:
        return
    assert value not in (".", "..") and not value.startswith(".")
    assert "/" not in value and "\\" not in value and "\x00" not in value
    assert len(value.encode("utf-8")) <= reader.MAX_ID_BYTES


@FUZZ
@given(
    name=st.text(
        alphabet=st.one_of(ANY_CHAR, st.sampled_from("./\\:-_. "), ARABIC), min_size=1, max_size=300
    )
)
def test_source_slugs_stay_folder_names(name):
    slug = source_slug(reader.clean_metadata(name) or "x")
    assert slug and slug not in (".", "..") and not slug.startswith(".")
    assert "/" not in slug and "\\" not in slug and "\x00" not in slug
    assert len(slug.encode("utf-8")) <= reader.MAX_SLUG_BYTES


QUERY_PIECES = [
    "AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "(", ")", '"', "*", "?", "title:", "source:", "path:",
    "id:", "body:", "^2", "^", "~", "~2", "[", "]", "TO", "{", "}", ":",
    "الخلافة", "سوريا", "الباغوز*",
    "في", "من", "ا", "؟", "\x00", "\x1b", " ", "  ", "-", "+", "'", "\\", "*:*", "<", ">", "=",
]
queries = st.one_of(
    st.lists(st.sampled_from(QUERY_PIECES), min_size=1, max_size=12).map(" ".join),
    st.lists(st.sampled_from(QUERY_PIECES), min_size=1, max_size=12).map("".join),
    st.text(alphabet=st.one_of(ARABIC, ANY_CHAR, st.sampled_from('()"*?:^~[]{} ')), max_size=60),
)


@pytest.fixture(scope="module")
def small_archive(tmp_path_factory):
    from newsarc.archive import Archive

    home = tmp_path_factory.mktemp("fuzz") / "archive"
    folder = home.parent / "in"
    folder.mkdir()
    (folder / "seed.txt").write_bytes(SEED.read_bytes())
    (folder / "trade.txt").write_text(ARTICLE_TRADE, encoding="utf-8")
    (folder / "school.txt").write_text(ARTICLE_SCHOOL, encoding="utf-8")
    Archive.at(home).add([str(folder)])
    return Archive.open(home)


@FUZZ
@given(
    text=queries,
    source=st.one_of(st.none(), st.sampled_from(["العرب", "inbox", "", "../x", "\x00"])),
)
def test_query_path(small_archive, text, source):
    try:
        result = small_archive.search(text, limit=3, source=source)
    except QueryError as exc:
        assert exc.message and exc.message.isprintable() and len(exc.message) < 200
        return
    assert result.total >= len(result.hits)
    for hit in result.hits:
        for snippet in hit.snippets:
            assert all(0 <= start < end <= len(snippet.text) for start, end in snippet.spans)


ATHERIS_SECONDS = int(os.environ.get("NEWSARC_ATHERIS_SECONDS", "0"))


@pytest.mark.skipif(
    not ATHERIS_SECONDS,
    reason="coverage-guided fuzzing is a long run: "
    "NEWSARC_ATHERIS_SECONDS=60 with atheris installed",
)
@pytest.mark.parametrize("target", ["decode", "text", "jsonl", "query"])
def test_atheris(target):
    """Coverage-guided: tests/fuzz/atheris_fuzz.py for NEWSARC_ATHERIS_SECONDS each."""
    import subprocess
    import sys
    from pathlib import Path

    pytest.importorskip("atheris", reason="atheris is optional: pip install -e '.[fuzz]'")
    script = Path(__file__).parent / "fuzz" / "atheris_fuzz.py"
    done = subprocess.run(
        [
            sys.executable, str(script), target,
            f"-max_total_time={ATHERIS_SECONDS}", "-rss_limit_mb=2048",
        ],
        capture_output=True, check=False, text=True, timeout=ATHERIS_SECONDS + 120,
    )
    assert done.returncode == 0, done.stderr[-3000:]
