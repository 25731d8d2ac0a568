"""A source the query names must be one the archive holds: else say so, with the closest.

``--source عكاظ2`` or ``source:عكاظ2`` used to find nothing, silently (exit 1, as if the
source had published nothing on the subject). This checks every source a parsed query
names against the archive's sources (any engine's Reader) and suggests the nearest names.
"""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

from newsarc.errors import QueryError
from newsarc.normalize import normalize_arabic

if TYPE_CHECKING:
    from newsarc.engine.base import Reader
    from newsarc.query.tree import Query

__all__ = ["check_sources", "missing_source"]

_SUGGESTED = 3


def missing_source(name: str, known: list[str]) -> QueryError:
    """The error for a source not among ``known`` (display names and slugs)."""
    by_key = {normalize_arabic(n): n for n in known}
    close = difflib.get_close_matches(
        normalize_arabic(name), list(by_key), n=_SUGGESTED, cutoff=0.4
    )
    if close:
        hint = "closest: " + ", ".join(by_key[c] for c in close)
    else:
        hint = "sources here: " + ", ".join(known[:10]) if known else "this archive has no sources"
    return QueryError(f"no source {name!r} in this archive", hint=hint)


def check_sources(query: Query, reader: Reader) -> None:
    """Raise QueryError when --source or a ``source:`` term names no source of the archive."""
    from newsarc.query import tree as t

    def known() -> list[str]:
        names = set(reader.terms("source_name")) | set(reader.terms("source_slug"))
        return sorted(name for name in names if name)

    if query.source_slug and not reader.doc_frequency("source_slug", query.source_slug):
        raise missing_source(query.source_slug, known())
    if query.words is None:
        return
    for leaf in t.positive_leaves(query.words):
        if (
            isinstance(leaf, t.Term)
            and leaf.field == "source"
            and not reader.doc_frequency("source", leaf.text)
        ):
            raise missing_source(leaf.text, known())
