"""Datelines: the place (and agency or reporter) that opens a news story.

    بيروت – أعلن الجيش …                          → place بيروت
    القاهرة - سكاي نيوز عربية                      → place القاهرة, agency سكاي نيوز عربية
    دبي، الإمارات العربية المتحدة (CNN)-- قال …    → place دبي، الإمارات العربية المتحدة, agency CNN
    لندن: رنيم حنوش                               → place لندن, agency رنيم حنوش (a line of its own)

Only the start of the lead is read, and a place is a few words without digits or
punctuation, followed by a dash, an agency in brackets, or (for a line of its own) a colon.
A hyphen inside a compound (`بادن-فورتمبرغ`, `تونسية-ليبية`) is not a dash: a dateline's
dash has a space on at least one side. A date between the place and the dash is allowed
(`تونس 11 ديسمبر 2016 (وات) -`); dates themselves are dates.py's business.

The same `place - agency` form is also read from a byline field (ANT's `<AUTHOR>` holds
`أبوظبي - سكاي نيوز عربية` for every Sky News Arabia story): `parse_byline`.

Pure functions of their input; nothing here knows about files or the archive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Dateline", "find_dateline", "parse_byline", "standalone_dateline"]

_SP = r"[ \t\u00a0\u200b-\u200f\u202a-\u202e]"
# A word of a place name: letters and marks, no digits, no punctuation.
_LETTER = r"(?:[^\W\d_]|[\u0610-\u061a\u064b-\u065f\u0670\u0640])"
_PLACE_WORD = rf"{_LETTER}+(?:['’]{_LETTER}+)?"
# A city is one or two words (`بيروت`, `سان فرانسيسكو`); three-word openings before a dash
# are nearly always a sentence (`فجرت كوريا الشمالية - كما يبدو -`). A country may follow
# after a comma (`دبي، الإمارات العربية المتحدة`).
_CITY = rf"{_PLACE_WORD}(?:{_SP}+{_PLACE_WORD})?"
_COUNTRY = rf"{_PLACE_WORD}(?:{_SP}+{_PLACE_WORD}){{0,3}}"
_PLACE = rf"(?P<place>{_CITY}(?:{_SP}*[،,]{_SP}*{_COUNTRY})?)"
# An optional date after the place: `تونس 11 ديسمبر 2016`, `بيروت، 12 كانون الثاني 2019`.
_DATE = rf"(?:{_SP}*[،,]?{_SP}*\d{{1,2}}{_SP}+[^\W\d_]+(?:{_SP}+[^\W\d_]+)?{_SP}+\d{{4}})?"
_PAREN_AGENCY = rf"\({_SP}*(?P<paren>[^()\n]{{1,40}}?){_SP}*\)"
_DASHES = r"[-–—‒―]"
# A dateline dash: space on at least one side, or right after the bracketed agency.
_DASH = rf"(?:{_SP}+{_DASHES}+(?:{_SP}*{_DASHES}+)*{_SP}*|{_DASHES}+(?:{_SP}*{_DASHES}+)*{_SP}+)"
_AFTER_PAREN_DASH = rf"{_SP}*(?P<dash>{_DASHES}+(?:{_SP}*{_DASHES}+)*{_SP}*)?"

# `دبي، الإمارات (CNN)--`, `القاهرة (رويترز) -`, `(CNN)--`
_BRACKETED = re.compile(rf"{_SP}*(?:{_PLACE}{_DATE}{_SP}*)?{_PAREN_AGENCY}{_AFTER_PAREN_DASH}")
# `بيروت – …`, `القاهرة - سكاي نيوز عربية - …`
_DASHED = re.compile(rf"{_SP}*{_PLACE}{_DATE}{_DASH}")
# An agency or reporter after a dash: one to four words, up to another dash or the line's end.
_AGENT_WORD = r"[^\s\d\-–—:؛;!?؟«»\"“”()،,]+"
_AGENT = re.compile(rf"{_AGENT_WORD}(?:{_SP}+{_AGENT_WORD}){{0,3}}")
_AGENT_THEN_DASH = re.compile(rf"(?P<agent>[^\n]{{1,40}}?){_DASH}")
# `لندن: رنيم حنوش`, `لندن: «الشرق الأوسط»` — only as a line of its own
_COLON = re.compile(
    rf"{_SP}*(?P<place>{_CITY}){_SP}*[:：]{_SP}*"
    rf"(?P<agent>«[^»\n]{{1,40}}»|\"[^\"\n]{{1,40}}\"|[^\W\d_]+(?:{_SP}+[^\W\d_]+){{0,3}}){_SP}*$"
)

# Words that open a sentence, not a dateline (`في الصحف اليوم: …`, `قال …`).
# fmt: off
_NOT_PLACES = frozenset(
    (
        "في", "من", "على", "إلى", "الى", "عن", "مع", "قال", "قالت", "أكد", "أكدت", "أعلن", "أعلنت",
        "كشف", "كشفت", "ذكر", "ذكرت", "أفاد", "أفادت", "رأى", "يرى", "هذا", "هذه", "ذلك", "تلك",
        "كما", "بعد", "قبل", "وقال", "وأكد", "وأعلن", "لكن", "إن", "أن",
        # credits that take a colon like a dateline: `تأليف: إيهاب خليفة`
        "تأليف", "إعداد", "ترجمة", "بقلم", "كتب", "كتبت", "تحرير", "الناشر", "المصدر", "تصوير",
        "حوار",
    )
)
# Agencies and wire services: a first line `place - agency` is a dateline, not a title,
# only when the agency is one of these (`الأهلي - الزمالك` is a headline).
KNOWN_AGENCIES = frozenset(
    (
        "رويترز", "فرانس برس", "أ ف ب", "ا ف ب", "أ.ف.ب", "د ب أ", "د.ب.أ", "أسوشيتد برس",
        "أسوشيتدبرس", "الأناضول", "سبوتنيك", "واس", "وام", "قنا", "كونا", "بنا", "سانا", "وات",
        "ماب", "واج", "شينخوا", "إرنا", "وكالات", "الشرق الأوسط", "سكاي نيوز عربية",
        "العربية.نت", "العربية نت", "قناة العربية", "بي بي سي", "فرانس 24", "الجزيرة نت",
        "CNN", "BBC", "AFP", "AP", "Reuters", "DPA", "Xinhua",
    )
)
# fmt: on
_FOLD = str.maketrans("أإآ", "ااا")


@dataclass(frozen=True)
class Dateline:
    """place: the place as written (city, maybe a country after a comma), or None when
    only an agency is given (`(CNN)--`); agency: the agency or reporter named, if any;
    raw: the dateline text as it appears."""

    place: str | None
    agency: str | None
    raw: str

    @property
    def city(self) -> str | None:
        return re.split(r"[،,]", self.place, maxsplit=1)[0].strip() if self.place else None


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.replace("\u00a0", " ").split()).strip(" .،,")
    return value or None


def _plausible_place(place: str | None) -> bool:
    if place is None:
        return True
    first = place.split()[0].translate(_FOLD)
    return first not in {w.translate(_FOLD) for w in _NOT_PLACES}


def _is_known_agency(agent: str) -> bool:
    folded = " ".join(agent.split()).translate(_FOLD).casefold()
    return any(folded == a.translate(_FOLD).casefold() for a in KNOWN_AGENCIES)


def find_dateline(lead: str) -> Dateline | None:
    """The dateline opening the first line of a story's lead, or None."""
    line = lead.lstrip("\n").split("\n", 1)[0]
    head = line[:200]
    m = _BRACKETED.match(head)
    # brackets after the opening words are often a gloss (`أقر الكنيست (البرلمان)`): a
    # dateline's brackets hold an agency, or are followed by a dash
    if m and _plausible_place(m["place"]) and (m["dash"] or _is_known_agency(m["paren"])):
        return Dateline(_clean(m["place"]), _clean(m["paren"]), head[: m.end()].strip())
    m = _DASHED.match(head)
    if m and _plausible_place(m["place"]):
        agency, end = None, m.end()
        rest = line[m.end() :]
        between = _AGENT_THEN_DASH.match(rest)
        if between and _AGENT.fullmatch(between["agent"].strip()):  # `القاهرة - رويترز - …`
            agency, end = between["agent"], m.end() + between.end()
        elif _AGENT.fullmatch(rest.strip()):  # a line `القاهرة - سكاي نيوز عربية`
            agency, end = rest, len(line)
        return Dateline(_clean(m["place"]), _clean(agency), line[:end].strip())
    return standalone_dateline(line)


def standalone_dateline(line: str, known_agency_only: bool = False) -> Dateline | None:
    """A line that is nothing but a dateline: `القاهرة - سكاي نيوز عربية`,
    `لندن: رنيم حنوش`. With known_agency_only, the part after the dash must be a known
    agency (for a first line that could as well be a headline: `الأهلي - الزمالك`), and the
    colon form is not accepted at all (`واشنطن: ترامب يهدد` is a headline)."""
    text = line.strip()
    if not text or len(text) > 80:
        return None
    m = _DASHED.match(text)
    if m and _plausible_place(m["place"]):
        agent = text[m.end() :].strip()
        if _AGENT.fullmatch(agent) and (not known_agency_only or _is_known_agency(agent)):
            return Dateline(_clean(m["place"]), _clean(agent), text)
        return None
    if known_agency_only:
        return None
    m = _COLON.fullmatch(text)
    if m and _plausible_place(m["place"]):
        return Dateline(_clean(m["place"]), _clean(m["agent"].strip('«»"')), text)
    return None


_BYLINE = re.compile(rf"{_SP}*{_PLACE}{_SP}*{_DASHES}+{_SP}*(?P<agent>\S.*?){_SP}*$")


def parse_byline(value: str | None) -> Dateline | None:
    """`أبوظبي - سكاي نيوز عربية`, `القاهرة- أحمد الريدي`, `اليمن-إسلام سيف` in a byline
    (author) field. A byline whose first part is not a plain place (`العربية.نت - وكالات`)
    is not a dateline."""
    if not value or len(value) > 100:
        return None
    m = _BYLINE.fullmatch(value.strip())
    if m is None or not _plausible_place(m["place"]) or len(m["agent"].split()) > 5:
        return None
    return Dateline(_clean(m["place"]), _clean(m["agent"]), value.strip())
