"""How a query is quoted in the messages about it."""

from __future__ import annotations

_SHOWN_CHARS = 60


def shown(text: str) -> str:
    """A query as quoted in an error message: one line, and not 10,000 characters."""
    flat = " ".join(text.split())
    flat = "".join(char if char.isprintable() else "\ufffd" for char in flat)
    return flat if len(flat) <= _SHOWN_CHARS else flat[: _SHOWN_CHARS - 1] + "…"
