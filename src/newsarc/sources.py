"""A source the query names must be one the archive holds: else say so, with the closest.

``--source عكاظ2`` or ``source:عكاظ2`` used to find nothing, silently (exit 1, as if the
source had published nothing on the subject). Given the open index, this checks every
source the query names against the archive's sources and suggests the nearest names.
"""

from __future__ import annotations

import difflib

from newsarc.errors import QueryError
from newsarc.normalize import normalize_arabic

__all__ = ["check_sources"]

_SUGGESTED = 3


def _names(reader) -> list[str]:  # type: ignore[no-untyped-def]
    names = {term.decode("utf-8") for term in reader.lexicon("source_name")}
    return sorted(names | {term.decode("utf-8") for term in reader.lexicon("source_slug")})


def _missing(name: str, reader) -> QueryError:  # type: ignore[no-untyped-def]
    names = _names(reader)
    by_key = {normalize_arabic(n): n for n in names}
    close = difflib.get_close_matches(normalize_arabic(name), list(by_key), n=_SUGGESTED, cutoff=0.4)
    hint = "closest: " + ", ".join(by_key[c] for c in close) if close else (
        "sources here: " + ", ".join(names[:10]) if names else "this archive has no sources"
    )
    return QueryError(f"no source {name!r} in this archive", hint=hint)


def check_sources(node, reader, source: str | None = None) -> None:  # type: ignore[no-untyped-def]
    """Raise QueryError when ``source`` (--source) or a ``source:`` term of the parsed query
    names no source of the archive."""
    from newsarc.normalize import source_slug

    if source and not reader.doc_frequency("source_slug", source_slug(source)):
        raise _missing(source, reader)
    for leaf in node.leaves() if not node.is_leaf() else [node]:
        if getattr(leaf, "fieldname", None) == "source" and hasattr(leaf, "text"):
            if not reader.doc_frequency("source", leaf.text):
                raise _missing(leaf.text, reader)
