"""JSON for scripts: one object per line (JSON Lines), always in logical order, never
reshaped or coloured. Every object carries `format_version` so scripts can check it."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from newsarc.model import AddOutcome, Analysis, Article, CheckReport, Hit, Snippet, Stats, Timeline

FORMAT_VERSION = 1


def dumps(obj: dict[str, Any]) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(", ", ": "))


def _date(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _unix(value: dt.date | None) -> int | None:
    if value is None:
        return None
    return int(dt.datetime.combine(value, dt.time(), tzinfo=dt.timezone.utc).timestamp())


def snippet_json(snippet: Snippet) -> dict[str, Any]:
    # Offsets are character (code point) offsets into `text`, end exclusive.
    return {"text": snippet.text, "highlights": [list(span) for span in snippet.spans]}


def hit_json(hit: Hit) -> dict[str, Any]:
    article = hit.article
    return {
        "format_version": FORMAT_VERSION,
        "rank": hit.rank,
        "id": article.id,
        "source": article.source,
        "source_slug": article.source_slug,
        "title": article.title,
        "title_highlights": [list(span) for span in hit.title_spans],
        "date": _date(article.date),
        "date_unix": _unix(article.date),
        "score": round(hit.score, 4),
        "snippet": hit.snippets[0].text if hit.snippets else "",
        "highlights": [list(span) for span in hit.snippets[0].spans] if hit.snippets else [],
        "snippets": [snippet_json(snippet) for snippet in hit.snippets],
        "url": article.url,
        "path": hit.path,
        "place": article.place,
        "story": article.story_id,
        "also_in": [{"id": c.id, "source": c.source, "date": _date(c.date)} for c in hit.also_in],
    }


def article_json(article: Article, path: str | None = None) -> dict[str, Any]:
    return {
        "format_version": FORMAT_VERSION,
        "id": article.id,
        "source": article.source,
        "source_slug": article.source_slug,
        "title": article.title,
        "title_rule": article.title_rule,
        "signature": article.signature,
        "date": _date(article.date),
        "date_unix": _unix(article.date),
        "date_raw": article.date_raw,
        "date_rule": article.date_rule,
        "date_precision": article.date_precision or "day" if article.date else None,
        "date_label": article.date_label,
        "url": article.url,
        "author": article.author,
        "place": article.place,
        "agency": article.agency,
        "dateline": article.dateline,
        "story": article.story_id,
        "near_duplicate_of": article.near_dup_of,
        "encoding": article.encoding,
        "encoding_rule": article.encoding_rule,
        "origin": article.origin,
        "added": article.added,
        "hash": article.content_hash,
        "path": path,
        "text": article.text,
    }


def outcome_json(outcome: AddOutcome) -> dict[str, Any]:
    obj: dict[str, Any] = {
        "format_version": FORMAT_VERSION,
        "id": outcome.id,
        "status": outcome.status,
        "path": outcome.origin,
        "stored": outcome.path,
        "encoding": outcome.encoding,
        "message": outcome.message,
        "date": _date(outcome.date),
        "date_rule": outcome.date_rule,
        "story": outcome.story or (outcome.id if outcome.status == "added" else None),
        "near_duplicate_of": outcome.near_dup_of,
        "similarity": outcome.similarity,
        "notes": list(outcome.notes),
    }
    if outcome.dry_run:
        obj["dry_run"] = True
        article = outcome.article
        if article is not None:
            obj["article"] = {
                key: value
                for key, value in article_json(article).items()
                if key not in ("format_version", "text", "added", "path")
            }
    return obj


def stats_json(stats: Stats) -> dict[str, Any]:
    return {
        "format_version": FORMAT_VERSION,
        "articles": stats.articles,
        "sources": stats.sources,
        "first_date": _date(stats.first_date),
        "first_date_unix": _unix(stats.first_date),
        "last_date": _date(stats.last_date),
        "last_date_unix": _unix(stats.last_date),
        "undated": stats.undated,
        "months": stats.months,
        "years": _years(stats.months),
        # Per source, per year ("undated" for articles without a date); the key "" holds
        # articles without a source.
        "sources_by_year": {name or "": counts for name, counts in stats.source_years.items()},
    }


def _years(months: dict[str, int]) -> dict[str, int]:
    years: dict[str, int] = {}
    for month, count in months.items():
        years[month[:4]] = years.get(month[:4], 0) + count
    return years


def check_json(report: CheckReport) -> dict[str, Any]:
    return {
        "format_version": FORMAT_VERSION,
        "healthy": report.healthy,
        "problems": list(report.problems),
        "articles_in_corpus": report.articles_in_corpus,
        "articles_in_index": report.articles_in_index,
        "repairs": list(report.repairs),
    }


def timeline_json(timeline: Timeline) -> dict[str, Any]:
    return {
        "format_version": FORMAT_VERSION,
        "query": timeline.query,
        "total": timeline.total,
        "undated": timeline.undated,
        "months": timeline.months,
        "years": _years(timeline.months),
    }


def analysis_json(analysis: Analysis) -> dict[str, Any]:
    return {
        "format_version": FORMAT_VERSION,
        "text": analysis.text,
        "tokens": [
            {
                "original": token.original,
                "start": token.start,
                "end": token.end,
                "normalized": token.normalized,
                "stemmed": token.stemmed,
                "stopword": token.stemmed is None,
            }
            for token in analysis.tokens
        ],
        "query": list(analysis.query),
        "error": analysis.error,
        "variants_from": analysis.variants_from,
    }
