"""The records that flow through newsarc: plain frozen dataclasses, no behaviour beyond
small derived views. Every other module speaks in these types."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Article:
    """One article as stored in the archive: canonical text plus metadata."""

    id: str
    text: str
    source: str | None = None  # display name, e.g. "العرب"
    source_slug: str | None = None  # stable folder/filter name, e.g. "العرب", "sky-news-arabia"
    title: str | None = None
    date: dt.date | None = None
    date_raw: str | None = None
    date_rule: str | None = None  # how the date was found: "option", "json", "iso", ...
    url: str | None = None
    author: str | None = None
    encoding: str | None = None  # encoding of the input it came from
    encoding_rule: str | None = None  # how that encoding was found: "bom", "utf-8", "chardet", "option"
    origin: str | None = None  # the input path (and line) it was read from
    added: str | None = None  # ISO timestamp of ingestion
    content_hash: str = ""

    @property
    def lead(self) -> str:
        """The start of the text, for displays of articles that have no title."""
        first = next((line.strip() for line in self.text.splitlines() if line.strip()), "")
        return first


@dataclass(frozen=True)
class Snippet:
    """A piece of article text with the character spans of the matched words in it."""

    text: str
    spans: tuple[tuple[int, int], ...] = ()


@dataclass(frozen=True)
class Hit:
    """One search result, ready to render: no search-engine objects inside."""

    rank: int
    score: float
    article: Article
    snippets: tuple[Snippet, ...] = ()
    title_spans: tuple[tuple[int, int], ...] = ()  # matched words in the title
    path: str | None = None  # corpus file, relative to the archive


@dataclass(frozen=True)
class SearchResult:
    """All that a search returns: the hits shown and how many matched in all."""

    query: str
    hits: tuple[Hit, ...]
    total: int
    seconds: float


@dataclass(frozen=True)
class AddOutcome:
    """What happened to one input article during `add`."""

    status: str  # "added" | "duplicate" | "failed"
    origin: str  # input path, with ":LINE" for JSON Lines records
    id: str | None = None
    path: str | None = None  # corpus file, relative to the archive
    message: str | None = None  # why it failed, or what it duplicates
    encoding: str | None = None


@dataclass
class AddReport:
    """The outcomes of one `add`, in input order."""

    outcomes: list[AddOutcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)


@dataclass(frozen=True)
class Stats:
    articles: int
    sources: dict[str, int]
    first_date: dt.date | None
    last_date: dt.date | None
    undated: int


@dataclass(frozen=True)
class CheckReport:
    problems: tuple[str, ...]
    articles_in_corpus: int
    articles_in_index: int

    @property
    def healthy(self) -> bool:
        return not self.problems


@dataclass(frozen=True)
class TokenAnalysis:
    """One word of a text as the analyzer sees it: what `newsarc analyze` shows."""

    original: str  # as written (a ligature such as ﷺ gives several rows with one span)
    start: int  # character offsets of `original` in the text, end exclusive
    end: int
    normalized: str  # the exact field's term
    stemmed: str | None  # the stemmed fields' term; None for a stopword (not indexed)


@dataclass(frozen=True)
class Analysis:
    """A text's words through the analyzer, and what a search for it looks for."""

    text: str
    tokens: tuple[TokenAnalysis, ...]
    query: tuple[str, ...] = ()  # the parsed query, one line per clause
    error: str | None = None  # why the text is not a usable query
    variants_from: str | None = None  # the archive whose words supplied spelling variants
