"""What the first and last lines of an article's text are: its headline, a byline or
dateline, its date, a closing signature or sign-off. Pure functions of the text; every
decision says which rule made it, so that `add --dry-run` can show it.

Nothing here deletes a line it does not return: the caller stores a headline as the title
and a signature in the `signature` field, and everything else stays in the text.

Headline (`take_title`):

* the first non-blank line followed by a blank line is the headline, whatever its length
  (up to TITLE_CAP_CHARS) and punctuation (`؟`, `!`, `.`, `..`, quotes) — rule
  `first-line-blank`;
* without a blank line after it, a short first line (TITLE_MAX_WORDS, TITLE_MAX_CHARS)
  that does not end a sentence (`.`, `:`, `،`) — rule `short-first-line`;
* never a date (`الأحد 12 يناير 2019`, `جويلية 2012`), a dateline (`القاهرة - رويترز`), a
  byline (`كتب/ علي الريمي:`, `بقلم: …`, `سبق- أبها:`; with the labels that also head
  stories, `تقرير: فلان:` and `حوار: فلان:` with their closing colon, for `تقرير: ليفربول
  يريد كاسياس` is a headline) or a label (`عاجل`, `خاص:`).

Closing line (`closing_line`): a short line of words only is the *signature* of a source
when it names one of the sources given (the `--source`, the folder's, the archive's) or a
known outlet (outlets.py); otherwise, when it is a person's name (opening with a given name,
given_names.py), a *sign-off*: kept in the text and recorded as the author.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Collection
from dataclasses import dataclass

from newsarc.datelines import (
    Dateline,
    credit_label,
    find_dateline,
    looks_like_person,
    parse_byline,
    standalone_dateline,
    without_honorific,
)
from newsarc.dates import date_line
from newsarc.outlets import known_outlet, outlet_key

TITLE_MAX_CHARS = 150
TITLE_MAX_WORDS = 25
# A headline followed by a blank line may be long, but not a paragraph.
TITLE_CAP_CHARS = 300
TITLE_CAP_WORDS = 50
_SENTENCE_END = tuple(".:؛;،,…")
# Headlines trail off with `..` or `…` (`أنديتنا تتنفس..`); a sentence ends with one `.`.
_TRAILING_DOTS = ("..", "…")
SIGNATURE_MAX_CHARS = 40
SIGNATURE_MAX_WORDS = 4
# Section labels that open an article on a line of their own.
LABELS = frozenset(
    outlet_key(w)
    for w in (
        "عاجل",
        "خاص",
        "حصري",
        "تقرير",
        "حوار",
        "تحقيق",
        "متابعات",
        "مقال",
        "رأي",
        "تحليل",
        "بيان",
        "إعلان",
        "فيديو",
        "صور",
    )
)
_SIGNING_LABELS = ("كتب", "كتبت", "بقلم")


@dataclass(frozen=True)
class TitleDecision:
    title: str | None
    text: str  # the text without the title line
    rule: str  # first-line-blank | short-first-line | none: <why>


@dataclass(frozen=True)
class ClosingDecision:
    text: str  # without a signature line; a sign-off stays
    signature: str | None = None  # the line taken as a source's signature
    author: str | None = None  # a sign-off line: a person's name


def _words(line: str) -> list[str]:
    return line.split()


def not_a_headline(line: str, sources: Collection[str] = ()) -> str | None:
    """Why a first line is not a headline (`date`, `dateline`, `byline`, `label`), or None."""
    if date_line(line) is not None:
        return "date"
    stripped = line.strip()
    # `كتب/ علي الريمي:` is a byline; `تقرير: الكوارث أدت لنزوح 20 مليونا` a headline, and so
    # is `تقرير: ليفربول يريد كاسياس`: a label that also heads stories (تقرير, حوار, تحليل)
    # makes a byline only with a closing colon
    if credit_label(stripped):
        signed = stripped.startswith(_SIGNING_LABELS) or stripped.endswith((":", "："))
        return "byline" if signed and parse_byline(stripped, sources) is not None else None
    if outlet_key(stripped.rstrip(":：")) in LABELS:
        return "label"
    if standalone_dateline(stripped, known_agency_only=True, sources=sources) is not None:
        return "dateline"
    return None


def take_title(text: str, sources: Collection[str] = ()) -> TitleDecision:
    """The headline of a text and the text without it (see the module's docstring)."""
    lines = text.split("\n")
    index = next((i for i, line in enumerate(lines) if line.strip()), None)
    if index is None:
        return TitleDecision(None, text, "none: no text")
    first = lines[index].strip()
    rest = "\n".join(lines[index + 1 :])
    if not _has_words(rest):
        return TitleDecision(None, text, "none: nothing follows the first line")
    why = not_a_headline(first, sources)
    if why:
        return TitleDecision(None, text, f"none: the first line is a {why}")
    blank_after = index + 1 < len(lines) and not lines[index + 1].strip()
    if blank_after:
        if len(first) <= TITLE_CAP_CHARS and len(_words(first)) <= TITLE_CAP_WORDS:
            return TitleDecision(first, rest.strip("\n"), "first-line-blank")
        return TitleDecision(None, text, "none: the first line is a paragraph")
    if len(first) > TITLE_MAX_CHARS or len(_words(first)) > TITLE_MAX_WORDS:
        return TitleDecision(None, text, "none: a long first line without a blank line after it")
    if first.endswith(_SENTENCE_END) and not first.endswith(_TRAILING_DOTS):
        return TitleDecision(None, text, "none: the first line ends a sentence")
    return TitleDecision(first, rest.strip("\n"), "short-first-line")


def split_title(text: str) -> tuple[str | None, str]:
    """take_title's headline and the rest (for callers that need no rule)."""
    decision = take_title(text)
    return decision.title, decision.text


def _has_words(text: str) -> bool:
    return any(char.isalnum() for char in text)


def _looks_like_signature(line: str) -> bool:
    if not line or len(line) > SIGNATURE_MAX_CHARS or len(line.split()) > SIGNATURE_MAX_WORDS:
        return False
    return all(
        char.isalpha()
        or char.isspace()
        or char in '.«»"'
        or unicodedata.category(char).startswith("M")
        for char in line
    )


def closing_line(text: str, sources: Collection[str] = ()) -> ClosingDecision:
    """A closing signature (taken out of the text) or sign-off (kept, recorded as author)."""
    body, _, last = text.rpartition("\n")
    candidate = last.strip()
    if not _has_words(body) or not _looks_like_signature(candidate):
        return ClosingDecision(text)
    key = outlet_key(candidate)
    if key and (
        key in {outlet_key(s) for s in sources if s} or known_outlet(candidate) is not None
    ):
        return ClosingDecision(body.rstrip(), signature=candidate)
    if len(candidate.split()) >= 2 and looks_like_person(candidate):
        return ClosingDecision(text, author=candidate)
    return ClosingDecision(text)


def find_byline(
    text: str, sources: Collection[str] = (), after_title: bool = False
) -> Dateline | None:
    """The byline or dateline in the first lines of a text (after its title): a line of its
    own (`سبق- أبها:`, `كتب/ علي الريمي:`, `لندن: رنيم حنوش`), or a dateline opening the
    lead (`بيروت – …`). Date lines before it are skipped. Right under a headline, a line
    that is only a person's name (two to four words) is the author's."""
    seen = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped:
            continue
        seen += 1
        if seen > 3:
            return None
        if date_line(stripped) is not None:
            continue
        byline = parse_byline(stripped, sources)
        if byline is not None:
            return byline
        if (
            after_title
            and seen == 1
            and looks_like_person(stripped)
            and 2 <= len(without_honorific(stripped).split()) <= 5
        ):
            return Dateline(None, None, stripped, author=stripped)
        return find_dateline(stripped, sources)
    return None
