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
    title_rule: str | None = None  # how the title was found: "first-line-blank", "json:title", …
    signature: str | None = None  # the closing line taken as the source's signature: "العرب"
    date: dt.date | None = None
    date_raw: str | None = None
    date_rule: str | None = None  # how the date was found: "option", "json", "iso", ...
    # "month" for `جويلية 2012` (date is then the 1st); None: a day
    date_precision: str | None = None
    date_label: str | None = None  # the label the date was written after: "تاريخ النشر"
    url: str | None = None
    author: str | None = None
    place: str | None = None  # from the dateline: "بيروت", "دبي، الإمارات العربية المتحدة"
    agency: str | None = None  # the agency or reporter the dateline names: "رويترز"
    dateline: str | None = None  # the dateline as written: "القاهرة - سكاي نيوز عربية"
    story: str | None = None  # id of the first article of the same story (None: this one)
    near_dup_of: str | None = None  # the earlier article it was found to repeat
    encoding: str | None = None  # encoding of the input it came from
    # how that encoding was found: "bom", "utf-8", "chardet", "option"
    encoding_rule: str | None = None
    origin: str | None = None  # the input path (and line) it was read from
    added: str | None = None  # ISO timestamp of ingestion
    content_hash: str = ""
    # What reading the input found odd, for `add` to report (never stored).
    notes: tuple[str, ...] = field(default=(), compare=False, repr=False)

    @property
    def story_id(self) -> str:
        """The story this article belongs to: its own id unless it repeats an earlier one."""
        return self.story or self.id

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
    also_in: tuple[StoryCopy, ...] = ()  # with --collapse: the story's other articles


@dataclass(frozen=True)
class StoryCopy:
    """Another article of the same story (wire copy published elsewhere)."""

    id: str
    source: str | None
    date: dt.date | None


@dataclass(frozen=True)
class SearchResult:
    """All that a search returns: the hits shown and how many matched in all."""

    query: str
    hits: tuple[Hit, ...]
    total: int
    seconds: float
    stories: int | None = None  # with --collapse: how many distinct stories matched
    note: str | None = None  # a long --any query's words left out (query.explain.words_kept_note)


@dataclass(frozen=True)
class AddOutcome:
    """What happened to one input article during `add`."""

    status: str  # "added" | "duplicate" | "failed"
    origin: str  # input path, with ":LINE" for JSON Lines records
    id: str | None = None
    path: str | None = None  # corpus file, relative to the archive
    message: str | None = None  # why it failed, or what it duplicates
    encoding: str | None = None
    date: dt.date | None = None
    date_rule: str | None = None
    story: str | None = None  # the story an added article joined, when not its own
    near_dup_of: str | None = None
    similarity: float | None = None  # with near_dup_of: estimated text similarity
    notes: tuple[str, ...] = ()  # warnings about the input: an unreadable date, a bad DOCNO
    article: Article | None = None  # with --dry-run: what would be stored
    dry_run: bool = False


@dataclass
class AddReport:
    """The outcomes of one `add`, in input order."""

    outcomes: list[AddOutcome] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)

    def count_undated(self) -> int:
        return sum(1 for o in self.outcomes if o.status == "added" and o.date is None)

    def count_near_duplicates(self) -> int:
        return sum(1 for o in self.outcomes if o.status == "added" and o.near_dup_of)


@dataclass(frozen=True)
class Stats:
    articles: int
    sources: dict[str, int]
    first_date: dt.date | None
    last_date: dt.date | None
    undated: int
    # Dated articles per month, "YYYY-MM" -> count, in date order; months without any left out.
    months: dict[str, int] = field(default_factory=dict)
    # Per source name (None: articles without a source), per year "YYYY" or "undated".
    source_years: dict[str | None, dict[str, int]] = field(default_factory=dict)


@dataclass(frozen=True)
class Timeline:
    """When the articles matching a query appeared: all of them, not only a page of hits."""

    query: str
    total: int
    months: dict[str, int]  # "YYYY-MM" -> count, in date order; empty months left out
    undated: int
    seconds: float


@dataclass(frozen=True)
class CheckReport:
    problems: tuple[str, ...]
    articles_in_corpus: int
    articles_in_index: int
    repairs: tuple[str, ...] = ()  # what `check --repair` did, before the state above

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
