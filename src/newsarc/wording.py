"""Counts in words for people: `1 article`, `2 articles`, never `article(s)`."""

from __future__ import annotations

# Nouns whose plural is not the singular plus "s".
_PLURALS = {"story": "stories", "copy": "copies", "is": "are"}


def plural(count: int, noun: str) -> str:
    """`noun` as `count` of it needs: plural(2, "article") == "articles"."""
    return noun if count == 1 else _PLURALS.get(noun, noun + "s")


def counted(count: int, noun: str) -> str:
    """`1 article`, `0 articles`, `1,200 articles`."""
    return f"{count:,} {plural(count, noun)}"
