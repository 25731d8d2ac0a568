"""Shared helpers for the evaluations in bench/: where the data is, and the analyzer setups.

The collections are read where they are (``$NEWSARC_SHARED/data``, else ``../shared/data``
next to the repository) and never copied into it: Qur'an QA 2023 is CC BY-NC-ND, ANT's
article text belongs to its outlets. A script whose data is missing prints why and exits 0.

Setups compared (all BM25F as Whoosh implements it, k1=1.2, b=0.75):

* ``whoosh-default``  Whoosh's default ``StandardAnalyzer`` (``\\w+`` tokens, lowercase,
  English stopwords, tokens shorter than two letters dropped), one field.
* ``lucene-ar``       an emulation of Lucene's ArabicAnalyzer (8.x): Lucene's stopword list
  *before* normalization, Lucene's ArabicNormalizer (أ إ آ → ا, ى → ي, ة → ه; tatweel and
  fathatan..sukun removed), light10. One field. For reference only.
* ``normalize``       newsarc's normalization and stopwords (DESIGN §4 steps 1–6), one field.
* ``light10``         ``normalize`` + Lucene's light10 stemmer, one field.
* ``newsarc``         the product: its schema (stemmed title/body + exact field) and its
  query parser, with the archive-aware query expansion.
* ``newsarc-noexp``   the product without the query expansion (an ablation).
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh.analysis import Filter, RegexTokenizer, StandardAnalyzer
from whoosh.fields import ID, TEXT, Schema

from newsarc.analysis import ANALYZER_VERSION, exact_analyzer
from newsarc.normalize import TOKEN_PATTERN, fold_digits
from newsarc.stem import stem_light10
from newsarc.stopwords import LUCENE_ARABIC_STOPWORDS

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "bench" / "out"  # git-ignored: cached indexes


def shared_data(subdir: str) -> Path:
    """The shared data folder ``subdir``, or exit 0 with a message saying it is missing."""
    candidates = []
    if os.environ.get("NEWSARC_SHARED"):
        shared = Path(os.environ["NEWSARC_SHARED"]).expanduser()
        candidates += [shared / "data" / subdir, shared / subdir]
    candidates.append(REPO.parent / "shared" / "data" / subdir)
    for path in candidates:
        if path.is_dir():
            return path
    tried = ", ".join(str(p) for p in candidates)
    print(
        f"skipped: the data folder {subdir!r} is not here (looked in {tried}); "
        "set NEWSARC_SHARED to the shared folder that holds data/"
    )
    sys.exit(0)


# --- Lucene's ArabicAnalyzer, emulated (for reference rows only) -----------------------

_LUCENE_NORMALIZE = str.maketrans(
    {"آ": "ا", "أ": "ا", "إ": "ا", "ى": "ي", "ة": "ه", "\u0640": None}
    | {chr(cp): None for cp in range(0x064B, 0x0653)}  # fathatan .. sukun
)


class _LuceneArabicFilter(Filter):
    """Lucene 8: StopFilter (list not normalized) → ArabicNormalization → ArabicStem."""

    stops = frozenset(LUCENE_ARABIC_STOPWORDS)

    def __call__(self, tokens):  # type: ignore[no-untyped-def]
        for token in tokens:
            text = fold_digits(token.text.lower())  # LowerCase + DecimalDigit filters
            if text in self.stops:
                continue
            text = stem_light10(text.translate(_LUCENE_NORMALIZE))
            if text:
                token.text = text
                yield token


def lucene_arabic_analyzer():  # type: ignore[no-untyped-def]
    # Lucene's StandardTokenizer keeps combining marks inside words, as TOKEN_PATTERN does.
    return RegexTokenizer(TOKEN_PATTERN) | _LuceneArabicFilter()


# --- setups ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Document:
    id: str
    text: str
    title: str = ""


@dataclass
class Setup:
    name: str
    schema: Callable[[], Schema]
    document: Callable[[Document], dict]
    query: Callable[..., wq.Query]  # (searcher, text, group) -> query
    fingerprint: str = ""


def _one_field(name: str, analyzer_factory: Callable[[], object], fingerprint: str) -> Setup:
    def schema() -> Schema:
        return Schema(id=ID(stored=True, unique=True), body=TEXT(analyzer=analyzer_factory()))

    def document(doc: Document) -> dict:
        return {"id": doc.id, "body": f"{doc.title}\n{doc.text}" if doc.title else doc.text}

    def query(searcher, text: str, group: str = "or") -> wq.Query:  # type: ignore[no-untyped-def]
        analyzer = searcher.schema["body"].analyzer
        terms = list(dict.fromkeys(t.text for t in analyzer(text, mode="query")))
        clauses = [wq.Term("body", t) for t in terms]
        if not clauses:
            return wq.NullQuery
        return wq.Or(clauses) if group == "or" else wq.And(clauses)

    return Setup(name, schema, document, query, fingerprint)


def _newsarc(name: str, expand: bool) -> Setup:
    from newsarc.index import SCHEMA_VERSION, article_document, make_schema
    from newsarc.model import Article
    from newsarc.search import parse_query

    def document(doc: Document) -> dict:
        article = Article(id=doc.id, text=doc.text, title=doc.title or None)
        return article_document(article, path="")

    def query(searcher, text: str, group: str = "or", **options) -> wq.Query:  # type: ignore[no-untyped-def]
        reader = searcher.reader() if expand else None
        return parse_query(searcher.schema, text, any_word=group == "or", reader=reader, **options)

    return Setup(name, make_schema, document, query, f"newsarc-{SCHEMA_VERSION}-{ANALYZER_VERSION}")


def setups() -> dict[str, Setup]:
    found = [
        _one_field("whoosh-default", StandardAnalyzer, "std-1"),
        _one_field("lucene-ar", lucene_arabic_analyzer, "lucene-1"),
        _one_field("normalize", exact_analyzer, f"exact-{ANALYZER_VERSION}"),
        _one_field("light10", lambda: exact_analyzer() | _Light10(), f"light10-{ANALYZER_VERSION}"),
        _newsarc("newsarc", expand=True),
        _newsarc("newsarc-noexp", expand=False),
    ]
    return {setup.name: setup for setup in found}


class _Light10(Filter):
    """Plain light10, no exclusions: setup (c)."""

    def __call__(self, tokens):  # type: ignore[no-untyped-def]
        for token in tokens:
            token.text = stem_light10(token.text)
            if token.text:
                yield token


# --- indexes --------------------------------------------------------------------------


def build_index(
    setup: Setup,
    collection: str,
    documents: Callable[[], Iterable[Document]],
    *,
    cache: bool = True,
    quiet: bool = False,
):  # type: ignore[no-untyped-def]
    """A Whoosh index of ``documents`` for ``setup``; cached in bench/out/ by fingerprint."""
    directory = OUT / f"{collection}-{setup.fingerprint}"  # setups with one schema share it
    done = directory / "complete"
    if cache and done.exists():
        return whoosh_index.open_dir(str(directory), schema=setup.schema())
    if directory.exists():
        import shutil

        shutil.rmtree(directory)
    directory.mkdir(parents=True)
    started = time.perf_counter()
    ix = whoosh_index.create_in(str(directory), setup.schema())
    writer = ix.writer(limitmb=512)
    count = 0
    for doc in documents():
        writer.add_document(**setup.document(doc))
        count += 1
    writer.commit()
    done.write_text("ok\n")
    if not quiet:
        print(
            f"  indexed {count} documents for {setup.name} in {time.perf_counter() - started:.0f} s",
            file=sys.stderr,
        )
    return whoosh_index.open_dir(str(directory), schema=setup.schema())
