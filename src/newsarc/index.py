"""The Whoosh index: schema, opening and creating, and turning Articles into documents.

The index is derived from corpus/ and disposable. A small JSON file inside it records the
schema and analyzer version, so an index built by another version is refused with a
pointer to `newsarc reindex` instead of silently mixing old and new terms.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from types import EllipsisType

from whoosh import index as whoosh_index
from whoosh.fields import DATETIME, ID, STORED, TEXT, Schema

from newsarc import dedup
from newsarc.analysis import ANALYZER_VERSION, exact_analyzer, stemmed_analyzer
from newsarc.dedup import Sketch
from newsarc.errors import ArchiveError
from newsarc.model import Article

INDEX_DIR = "index"
VERSION_FILE = "newsarc-index.json"
SCHEMA_VERSION = 2  # 2: place, story, sketch fields; sortable date
INDEX_NAME = "articles"

# Fields a query may name with `field:`; the rest are internal.
QUERY_FIELDS = ("title", "source", "place")
BODY_FIELDS = ("title", "body", "exact")
FIELD_BOOSTS = {"exact": 2.0, "title": 1.5, "body": 1.0}


def make_schema() -> Schema:
    stemmed = stemmed_analyzer()
    exact = exact_analyzer()
    return Schema(
        id=ID(stored=True, unique=True),
        path=STORED(),
        hash=ID(),
        title=TEXT(analyzer=stemmed, stored=True, phrase=True),
        body=TEXT(analyzer=stemmed, phrase=True),
        exact=TEXT(analyzer=exact, phrase=True),
        # Display name and slug as words, so `source:العرب` and `source:sky-news` both match.
        source=TEXT(analyzer=exact, phrase=True),
        source_slug=ID(),
        source_name=ID(stored=True),
        date=DATETIME(stored=True, sortable=True),  # sortable: --sort newest|oldest
        day=ID(),  # "YYYY-MM-DD": sorted lexicon gives the date span without a scan
        # The dateline's place as words: `place:دبي` and `place:الإمارات` both match.
        place=TEXT(analyzer=exact, phrase=True),
        # The story an article belongs to (its own id, or the first article it repeats).
        story=ID(stored=True, sortable=True),  # sortable: --collapse groups by it
        # "<sketch> <id> <story>" (dedup.py): read back from the lexicon when adding, to find
        # near-duplicates without loading stored fields.
        sketch=ID(),
    )


def article_document(article: Article, path: str, sketch: Sketch | None | EllipsisType = ...) -> dict[str, object]:
    """The index document of an article. `sketch` is its dedup.Sketch (or None: too short)
    when the caller has it already (adding); by default it is computed here (reindexing)."""
    document: dict[str, object] = {
        "id": article.id,
        "path": path,
        "hash": article.content_hash,
        "body": article.text,
        "exact": article.text,
    }
    if article.title:
        document["title"] = article.title
    if article.source:
        document["source"] = f"{article.source} {article.source_slug or ''}".strip()
        document["source_slug"] = article.source_slug or ""
        document["source_name"] = article.source
    if article.date:
        document["date"] = dt.datetime.combine(article.date, dt.time())
        document["day"] = article.date.isoformat()
    if article.place:
        document["place"] = article.place
    document["story"] = article.story_id
    value = dedup.sketch(article.text) if sketch is ... else sketch
    if isinstance(value, Sketch):
        document["sketch"] = f"{value.to_text()} {article.id} {article.story_id}"
    return document


def read_sketches(reader) -> Iterator[tuple[Sketch, str, str]]:  # type: ignore[no-untyped-def]
    """(sketch, article id, story id) of every indexed article, from the lexicon."""
    for term in reader.lexicon("sketch"):
        text, article_id, story = term.decode("utf-8").split(" ")
        yield Sketch.from_text(text), article_id, story


def version_info() -> dict[str, object]:
    return {"schema": SCHEMA_VERSION, "analyzer": ANALYZER_VERSION}


def create_index(directory: Path):  # type: ignore[no-untyped-def]
    directory.mkdir(parents=True, exist_ok=True)
    ix = whoosh_index.create_in(str(directory), make_schema(), indexname=INDEX_NAME)
    (directory / VERSION_FILE).write_text(json.dumps(version_info()) + "\n", encoding="utf-8")
    return ix


def index_exists(directory: Path) -> bool:
    return directory.is_dir() and whoosh_index.exists_in(str(directory), indexname=INDEX_NAME)


def check_version(directory: Path) -> None:
    """Raise ArchiveError when the index was built by another schema or analyzer."""
    try:
        found = json.loads((directory / VERSION_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        found = None
    if found != version_info():
        built = found.get("analyzer", "?") if isinstance(found, dict) else "unknown"
        raise ArchiveError(
            f"the index was built by another version of newsarc (analyzer {built}, this one uses {ANALYZER_VERSION})",
            hint="run `newsarc reindex` to rebuild it from corpus/",
        )


def open_index(directory: Path):  # type: ignore[no-untyped-def]
    """Open an existing index for reading or writing, checking its version first."""
    if not index_exists(directory):
        raise ArchiveError(f"no index in {directory}", hint="run `newsarc reindex` to build it from corpus/")
    check_version(directory)
    try:
        return whoosh_index.open_dir(str(directory), indexname=INDEX_NAME, schema=make_schema())
    except Exception as exc:  # Whoosh raises many kinds on a damaged index
        raise ArchiveError(
            f"the index in {directory} cannot be opened ({type(exc).__name__}: {exc})",
            hint="run `newsarc reindex` to rebuild it from corpus/",
        ) from None
