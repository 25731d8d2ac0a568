"""Pasted text made safe for the query syntax, before the parser sees it.

People paste headlines and questions: ``ما مصير داعش?`` ends with an ASCII question mark,
which the query syntax reads as a one-letter wildcard (``داعش?`` found 1 article where
``داعش`` finds 24); ``قال الوزير: إن`` holds a colon after a word, which is field syntax.
And people type what other search engines accept: ``-العراق`` for "not العراق". So:

* ``?`` and ``؟`` ending a word are punctuation, dropped; inside a word ``?`` stays a
  wildcard (``ال?رب``). ``؟`` is never a wildcard;
* ``-word`` (a minus opening a word, a phrase or a bracket) means ``NOT word``;
* a colon after an Arabic word is punctuation; a Latin name before a colon is a field,
  and a field must be one the query language knows (``title:``, ``source:``, ``place:``,
  ``date:``) and have a value: ``autor:محمد`` or a lone ``source:`` is an error naming the
  fields, not a search for the words ``autor`` and ``محمد``. A URL (``http://…``) is text;
* ``AND``, ``OR``, ``NOT`` are operators only in capitals: ``and``, ``or``, ``not`` are
  words, as in pasted English.

Pure ``str -> str``; raises QueryError. Text inside quotes is a phrase: only its final
question marks are dropped.
"""

from __future__ import annotations

import re

from newsarc.errors import QueryError

__all__ = ["FIELDS", "prepare_query", "syntax_spans"]

#: Fields a query may name (`date:` is read separately, as a filter).
FIELDS = ("title", "source", "place", "date")

_PIECE = re.compile(r'"[^"]*"?|\S+')
_TRAILING_QUESTION = re.compile(r"[?؟]+(?=[)\"]*$)")
_FIELD = re.compile(r"^([(\-+]*)([A-Za-z_][A-Za-z0-9_]*):(.*)$", re.DOTALL)
_ARABIC_COLON_WORD = re.compile(r"^(.*[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff]):+(\)*)$")


def _fields_hint() -> str:
    return "fields: " + ", ".join(f"{name}:" for name in FIELDS)


def _piece(piece: str) -> str:
    opening = len(piece) - len(piece.lstrip("("))
    if opening:
        return piece[:opening] + _piece(piece[opening:]) if piece[opening:] else piece
    if piece.startswith('"'):
        return _TRAILING_QUESTION.sub("", piece)
    if "؟" in piece:  # ؟ is punctuation wherever it is
        return " ".join(filter(None, (_piece(part) for part in piece.replace("؟", " ").split())))
    piece = _TRAILING_QUESTION.sub("", piece)
    if piece.startswith("-") and len(piece) > 1 and piece[1] not in "-)":
        return "NOT " + _piece(piece[1:])
    field = _FIELD.match(piece)
    if field and not field.group(3).startswith("//"):
        name, value = field.group(2), field.group(3)
        if name not in FIELDS:
            raise QueryError(f"unknown field {name}: in the query", hint=_fields_hint())
        if not value or value.startswith(")"):
            raise QueryError(f"{name}: without a value", hint=f"e.g. {name}:… ({_fields_hint()})")
        return piece
    colon = _ARABIC_COLON_WORD.match(piece)
    if colon:  # قال الوزير: إن — punctuation, not a field
        return colon.group(1) + colon.group(2)
    return piece


def prepare_query(text: str) -> str:
    """``text`` with pasted punctuation dropped and ``-word`` written ``NOT word``."""
    pieces = [_piece(piece) for piece in _PIECE.findall(text)]
    return " ".join(piece for piece in pieces if piece)


_SYNTAX = re.compile(
    r"(?<![\w])(?:AND|OR|NOT|ANDNOT|ANDMAYBE)(?![\w])"  # operators
    r'|(?<![\w])(?:date|source|place):(?:"[^"]*"|[^\s()"]*)'  # a filter, whole
    r"|(?<![\w])[A-Za-z_][A-Za-z0-9_]*:(?!//)"  # a field's name
)


def syntax_spans(text: str) -> list[tuple[int, int]]:
    """Where ``text`` holds query syntax rather than words: operators, field names and
    filters (`date:`, `source:`, `place:` with their values), for `analyze`, which lists
    words."""
    return [match.span() for match in _SYNTAX.finditer(text)]
