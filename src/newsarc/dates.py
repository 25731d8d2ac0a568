"""Dates in Arabic news: metadata fields, header datelines, file names and query ranges.

Everything here is a pure function of its input: no clock, no locale, no guessing.

* ``parse_date(text)`` reads a string that *is* a date (a JSONL ``date`` field, a TREC
  ``<TIME>``, a ``--date`` option value).
* ``find_header_date(text)`` looks for a publication date in header/dateline position only
  (the first lines of an article); a date mentioned deeper in the story is never its date.
* ``find_date_in_filename(name)`` reads ``SK-sport-1-20180218.txt``, ``2019-03-23_x.txt``...
* ``parse_date_range(expr)`` reads query ranges (``2019..2020``, ``2019-03``, ``..2018``).

Choices:

* ``ParsedDate.value`` is always a ``datetime.date``: the archive indexes at day resolution.
  It is the calendar day *as written* in the source: a time and a UTC offset, when present,
  are checked for shape and then dropped, never used to shift the day
  (``Sun, 25 Mar 2018 00:26:57 +0400`` is 25 March 2018).
* Numbers are read as written: ISO-like ``2019-01-12`` is year-month-day (by regex, never
  through dateutil's ``dayfirst``, which would read 1 December); ``12/01/2019`` is
  day/month/year (the Arab convention). Two-digit years are not read at all.
* Month names are matched on the original text with tolerant character classes
  (alef/hamza forms, alef maqsura/yeh, taa marbuta/heh, kaf forms, harakat and tatweel
  anywhere), so ``raw`` is always an exact substring of the input.
* A month name is only a month between a day number and a year (``ماي``, ``آب``, ``صفر``
  are ordinary words elsewhere).
* Hijri dates are converted with hijridate (Umm al-Qura); its table covers 1343-1500 AH.
  With a Hijri month name the marker (``هـ``, ``هجري``) is optional; numeric Hijri dates
  (``1/9/1440هـ``) need it. A Hijri date written with its Gregorian equivalent
  (``… هـ الموافق … م``) takes the Gregorian day.
* A weekday written next to a date is accepted but not checked against it.
* dateutil is used for English month names only, never with ``fuzzy=True``, and with two
  different default dates so that a missing year, month or day is detected rather than
  silently filled in from the defaults.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as _dt
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from newsarc.arabic_chars import (
    ALEFS,
    ARABIC_LETTERS,
    KAFS,
    LETTER_FOLDS,
    MARKS,
    SPACE_CHARS,
    STRIP_CHARS,
    TEH_MARBUTA_HEH,
    YEHS,
)

__all__ = [
    "ParsedDate",
    "find_date_in_filename",
    "find_header_date",
    "parse_date",
    "parse_date_range",
    "to_ascii_digits",
]

GREGORIAN = "gregorian"
HIJRI = "hijri"

# Years accepted in text and metadata. The floor keeps a Hijri year written with a
# Gregorian month (``12 يناير 1440``) from passing for a Gregorian date: Umm al-Qura years
# are 1343-1500. File names are held to a narrower, plausible range.
MIN_YEAR, MAX_YEAR = 1800, 2200
FILENAME_MIN_YEAR, FILENAME_MAX_YEAR = 1900, 2100

# The header zone: the first non-empty lines that start within the first characters.
HEADER_MAX_LINES = 2
HEADER_MAX_CHARS = 200
# A metadata date field longer than this is not a date.
MAX_DATE_FIELD_CHARS = 200


@dataclass(frozen=True)
class ParsedDate:
    """A date read from text.

    value:    the calendar day (Gregorian; a Hijri date is converted), as written: no
              timezone shift is applied.
    raw:      the exact text the date was read from (for ``parse_date``, the stripped field;
              otherwise the matched substring, Hijri text kept as written).
    rule:     short id of the rule that matched: ``iso``, ``iso-basic``, ``ymd-numeric``,
              ``dmy-numeric``, ``rfc2822``, ``month-name:<family>`` (``egyptian``,
              ``levantine``, ``maghrebi``, ``moroccan``, ``combined``, ``english``),
              ``hijri``, ``filename``.
    calendar: ``gregorian`` or ``hijri`` (the calendar the source wrote the date in).
    precision: ``day``, or ``month`` for a month-and-year line (``جويلية 2012``): then
              ``value`` is the first of that month, which says nothing about the day.
    label:    the publication-date label the date was written after (``تاريخ النشر``),
              when it was.
    """

    value: _dt.date
    raw: str
    rule: str
    calendar: str
    precision: str = "day"
    label: str | None = None


# --------------------------------------------------------------------------- digits


class _LazyPattern:
    """A regular expression compiled on first use. The month-name patterns take ~0.2 s to
    compile: a `search` (which imports this module through the reader) never uses them."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._source = (pattern, flags)
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str):
        if self._compiled is None:
            self._compiled = re.compile(*self._source)
        return getattr(self._compiled, name)


_DIGIT_TABLE = str.maketrans(
    "٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹",
    "01234567890123456789",
)


def to_ascii_digits(s: str) -> str:
    """Arabic-Indic (٠-٩) and Persian (۰-۹) digits to ASCII; one character for one, so
    offsets into the result are offsets into the input."""
    return s.translate(_DIGIT_TABLE)


# --------------------------------------------------------------------------- letters

_ALEFS = ALEFS
_YEHS = YEHS
_TEH_MARBUTA_HEH = TEH_MARBUTA_HEH
_KAFS = KAFS
_MARKS = MARKS  # harakat, Quranic marks, tatweel
_ARABIC_LETTER = ARABIC_LETTERS
# Whitespace, including NBSP, plus the invisible direction marks that pasted text carries.
_SP_CHARS = SPACE_CHARS
_SP = f"[{_SP_CHARS}]"
_NOT_LETTER_AFTER = f"[{_MARKS}]*(?![{_ARABIC_LETTER}A-Za-z])"

_FOLD_TABLE = str.maketrans(LETTER_FOLDS)
_DELETE_FOR_FOLD = re.compile(f"[{_MARKS}]|{_SP}")


def _fold(word: str) -> str:
    """Spelling-insensitive key of a month name: no marks, no spaces, letters folded."""
    return _DELETE_FOR_FOLD.sub("", to_ascii_digits(word)).translate(_FOLD_TABLE)


def _char_class(c: str) -> str:
    for group in (_ALEFS, _YEHS, _TEH_MARBUTA_HEH, _KAFS):
        if c in group:
            return f"[{group}]"
    return re.escape(c)


def _tolerant_pattern(name: str) -> str:
    """Regex for one spelling of a name: letter variants, optional marks between letters,
    any run of spaces for a space (none needed before a digit: ``كانون2``)."""
    out: list[str] = []
    for i, c in enumerate(name):
        if c == " ":
            nxt = name[i + 1] if i + 1 < len(name) else ""
            out.append(f"{_SP}*" if nxt.isdigit() else f"{_SP}+")
        else:
            out.append(_char_class(c))
            out.append(f"[{_MARKS}]*")
    return "".join(out)


def _names_pattern(names: list[str]) -> str:
    """Alternation of names, longest first, ending at a word boundary."""
    ordered = sorted(set(names), key=len, reverse=True)
    return "(?:" + "|".join(_tolerant_pattern(n) for n in ordered) + ")" + _NOT_LETTER_AFTER


# --------------------------------------------------------------------------- month names

# Families in priority order: a spelling shared by several families is credited to the
# first one that lists it (so ``مارس`` is egyptian, ``ماي`` is maghrebi).
_GREGORIAN_MONTH_NAMES: dict[str, dict[int, tuple[str, ...]]] = {
    "egyptian": {  # Egypt, the Gulf, pan-Arab media
        1: ("يناير",),
        2: ("فبراير",),
        3: ("مارس",),
        4: ("أبريل", "إبريل", "ابريل"),
        5: ("مايو",),
        6: ("يونيو", "يونيه"),
        7: ("يوليو", "يوليه"),
        8: ("أغسطس", "اغسطس", "أغسطوس"),
        9: ("سبتمبر",),
        10: ("أكتوبر", "اكتوبر"),
        11: ("نوفمبر",),
        12: ("ديسمبر", "دسمبر"),
    },
    "levantine": {  # Syria, Lebanon, Jordan, Palestine, Iraq
        1: ("كانون الثاني", "كانون ثاني", "كانون 2"),
        2: ("شباط",),
        3: ("آذار",),
        4: ("نيسان",),
        5: ("أيار",),
        6: ("حزيران",),
        7: ("تموز",),
        8: ("آب",),
        9: ("أيلول",),
        10: ("تشرين الأول", "تشرين أول", "تشرين 1"),
        11: ("تشرين الثاني", "تشرين ثاني", "تشرين 2"),
        12: ("كانون الأول", "كانون أول", "كانون 1"),
    },
    "maghrebi": {  # Tunisia, Algeria
        1: ("جانفي",),
        2: ("فيفري",),
        3: ("مارس",),
        4: ("أفريل", "افريل"),
        5: ("ماي",),
        6: ("جوان",),
        7: ("جويلية", "جويلة"),
        8: ("أوت",),
        9: ("سبتمبر",),
        10: ("أكتوبر",),
        11: ("نوفمبر",),
        12: ("ديسمبر",),
    },
    "moroccan": {  # Morocco (also Mauritania)
        1: ("يناير",),
        2: ("فبراير",),
        3: ("مارس",),
        4: ("أبريل",),
        5: ("ماي",),
        6: ("يونيو",),
        7: ("يوليوز",),
        8: ("غشت",),
        9: ("شتنبر",),
        10: ("أكتوبر",),
        11: ("نونبر",),
        12: ("دجنبر",),
    },
}

_HIJRI_MONTH_NAMES: dict[int, tuple[str, ...]] = {
    1: ("محرم", "المحرم"),
    2: ("صفر",),
    3: ("ربيع الأول", "ربيع أول", "ربيع 1"),
    4: ("ربيع الآخر", "ربيع الثاني", "ربيع آخر", "ربيع ثاني", "ربيع 2"),
    5: ("جمادى الأولى", "جمادى الأول", "جمادى أولى", "جمادى 1"),
    6: ("جمادى الآخرة", "جمادى الثانية", "جمادى الآخر", "جمادى ثانية", "جمادى 2"),
    7: ("رجب",),
    8: ("شعبان",),
    9: ("رمضان",),
    10: ("شوال",),
    11: ("ذو القعدة", "ذي القعدة", "ذا القعدة"),
    12: ("ذو الحجة", "ذي الحجة", "ذا الحجة"),
}


def _gregorian_month_index() -> dict[str, tuple[int, str]]:
    index: dict[str, tuple[int, str]] = {}
    for family, months in _GREGORIAN_MONTH_NAMES.items():
        for month, names in months.items():
            for name in names:
                index.setdefault(_fold(name), (month, family))
    return index


def _hijri_month_index() -> dict[str, int]:
    return {_fold(n): month for month, names in _HIJRI_MONTH_NAMES.items() for n in names}


_GREGORIAN_MONTHS = _gregorian_month_index()
_HIJRI_MONTHS = _hijri_month_index()
_GREGORIAN_MONTH_RE = _names_pattern(
    [n for months in _GREGORIAN_MONTH_NAMES.values() for ns in months.values() for n in ns]
)
_HIJRI_MONTH_RE = _names_pattern([n for ns in _HIJRI_MONTH_NAMES.values() for n in ns])

_WEEKDAYS = ["الأحد", "الإثنين", "الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت"]
_WEEKDAY_RE = _names_pattern(_WEEKDAYS)
_LABELS = [
    "تاريخ النشر",
    "نشر في",
    "نشر بتاريخ",
    "نشرت في",
    "نشر",
    "بتاريخ",
    "التاريخ",
    "تاريخ",
    "آخر تحديث",
    "تم التحديث",
    "تحديث",
    "نشر يوم",
    "تم النشر",
    "تاريخ الخبر",
    "حرر في",
]
_LABEL_RE = _names_pattern(_LABELS)

# Optional words before a date: a label (``نشر في:``), ``يوم``, a weekday and a comma.
# A weekday before a date: ``يوم الأحد``, ``الأحد،``, ``الأحد -``, ``الأحد الموافق``.
_WEEKDAY_PREFIX = (
    f"(?:{_tolerant_pattern('يوم')}{_NOT_LETTER_AFTER}{_SP}+)?"
    f"(?:{_WEEKDAY_RE}{_SP}*(?:[،,\\-–]{_SP}*)?"
    f"(?:{_tolerant_pattern('الموافق')}{_NOT_LETTER_AFTER}{_SP}*)?)?"
)
_DATE_PREFIX = f"(?:(?P<label>{_LABEL_RE}){_SP}*(?:[:：]{_SP}*)?)?" + _WEEKDAY_PREFIX

# --------------------------------------------------------------------------- date patterns

_DAY = r"(?<![0-9.٫٬])(?<![0-9][:/])(?P<day>[0-9]{1,2})(?![0-9])"
_OF_MONTH = f"(?:{_tolerant_pattern('من')}{_SP}+)?(?:{_tolerant_pattern('شهر')}{_SP}+)?"
_YEAR_LINK = (
    f"{_SP}*(?:[،,]{_SP}*)?"
    f"(?:(?:{_tolerant_pattern('من')}{_SP}+)?"
    f"(?:{_names_pattern(['عام', 'العام', 'لعام', 'سنة', 'لسنة', 'السنة'])}){_SP}*)?"
)
_YEAR = r"(?P<year>[0-9]{4})(?![0-9])"
_AD_SUFFIX = f"(?:{_SP}*(?:م|ميلادي[ةه]?){_NOT_LETTER_AFTER})?"
_HIJRI_SUFFIX = f"{_SP}*(?:هـ+|ه(?![{_ARABIC_LETTER}])|هجري[ةه]?|للهجر[ةه]){_NOT_LETTER_AFTER}"

_MONTH_NAME_DATE = _LazyPattern(
    _DAY
    + f"{_SP}+{_OF_MONTH}"
    + f"(?P<m1>{_GREGORIAN_MONTH_RE})"
    + "(?:"
    + f"(?:{_SP}*[/\\\\\\-–]{_SP}*|{_SP}+)(?P<m2>{_GREGORIAN_MONTH_RE})"
    + f"|{_SP}*\\({_SP}*(?P<m3>{_GREGORIAN_MONTH_RE}){_SP}*\\)"
    + ")?"
    + _YEAR_LINK
    + _YEAR
    + _AD_SUFFIX
)
_HIJRI_NAME_DATE = _LazyPattern(
    _DAY + f"{_SP}+{_OF_MONTH}(?P<month>{_HIJRI_MONTH_RE}){_YEAR_LINK}{_YEAR}(?:{_HIJRI_SUFFIX})?"
)
# Numbers joined by one separator, used twice, spaces allowed around it (``11 / 5 / 1439هـ``).
_YMD_NUMERIC = re.compile(
    r"(?<![0-9.])(?<![0-9][:/])(?P<year>[0-9]{4})"
    f"{_SP}*(?P<sep>[-/.\u060d]){_SP}*"
    r"(?P<month>[0-9]{1,2})"
    f"{_SP}*(?P=sep){_SP}*"
    r"(?P<day>[0-9]{1,2})(?![0-9])" + f"(?P<hijri>{_HIJRI_SUFFIX})?"
)
_DMY_NUMERIC = re.compile(
    r"(?<![0-9.])(?<![0-9][:/])(?P<day>[0-9]{1,2})"
    f"{_SP}*(?P<sep>[-/.\u060d]){_SP}*"
    r"(?P<month>[0-9]{1,2})"
    f"{_SP}*(?P=sep){_SP}*"
    r"(?P<year>[0-9]{4})(?![0-9])" + f"(?:(?P<hijri>{_HIJRI_SUFFIX})|{_AD_SUFFIX})"
)

_EN_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for m in names
}
_EN_MONTH_WORD = re.compile(
    r"\b(?:" + "|".join(sorted(_EN_MONTHS, key=len, reverse=True)) + r")\b", re.IGNORECASE
)

_ZONE = r"(?:Z|[+-](?:[01][0-9]|2[0-3])(?::?[0-5][0-9])?|UTC|GMT|UT|[A-Z]{3,4})"
_RFC2822 = re.compile(
    r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?\s*)?"
    r"(?P<day>[0-9]{1,2})\s+(?P<month>[A-Za-z]{3,9})\.?\s+(?P<year>[0-9]{4})"
    r"(?:\s+(?:[01]?[0-9]|2[0-4]):[0-5][0-9](?::(?:[0-5][0-9]|60))?(?:\s*" + _ZONE + r")?)?",
    re.IGNORECASE,
)

_HOUR, _MIN, _SEC = r"(?:[01][0-9]|2[0-4])", r"[0-5][0-9]", r"(?:[0-5][0-9]|60)"
_ISO_TIME = (
    f"(?:T{_HOUR}(?::?{_MIN}(?::?{_SEC}(?:[.,][0-9]+)?)?)?"
    f"|{_SP}+{_HOUR}:{_MIN}(?::{_SEC}(?:[.,][0-9]+)?)?)"
    f"(?:{_SP}*{_ZONE})?"
)
_ISO_FULL = re.compile(
    r"(?P<year>[0-9]{4})-(?P<month>[0-9]{2})-(?P<day>[0-9]{2})" + f"(?:{_ISO_TIME})?"
)
_ISO_BASIC_FULL = re.compile(
    r"(?P<year>[0-9]{4})(?P<month>[0-9]{2})(?P<day>[0-9]{2})"
    + f"(?:T{_HOUR}(?:{_MIN}(?:{_SEC})?)?(?:{_ZONE})?)?"
)

_AMPM = (
    "(?:"
    + "|".join(_tolerant_pattern(w) for w in ["صباحا", "صباح", "مساءا", "مساء", "ظهرا", "ص", "م"])
    + "|[AaPp]\\.?[Mm]\\.?)"
)
_CLOCK = f"(?:[01]?[0-9]|2[0-4]):{_MIN}(?::{_SEC})?"
_TIME_TAIL = (
    f"(?:{_SP}*(?:[-–—|،,@]{_SP}*)?(?:(?:الساعة|الساعه|at){_SP}*)?{_CLOCK}"
    f"(?:{_SP}*{_AMPM}(?![{_ARABIC_LETTER}A-Za-z]))?"
    f"(?:{_SP}*(?:{_ZONE}|\\(?{_SP}*(?:GMT|UTC){_SP}*[+-]{_SP}*[0-9]{{1,2}}(?::?[0-9]{{2}})?{_SP}*\\)?"
    f"|بتوقيت{_SP}+[^\\s0-9]+(?:{_SP}+[^\\s0-9]+)?))?)?"
)
_FIELD_END = f"{_SP}*(?:[.،,]{_SP}*)?$"

# Between a Hijri and a Gregorian date of the same day: ``1 رمضان 1440هـ الموافق 6 مايو 2019م``.
_CALENDAR_LINK = re.compile(
    f"{_SP}*(?:[-–—/،,(]{_SP}*)?(?:(?:ال)?موافق[ةه]?{_SP}*(?:ل[ـ]*{_SP}*)?)?"
)


# --------------------------------------------------------------------------- helpers


def _gregorian(year: int, month: int, day: int) -> _dt.date | None:
    """A valid Gregorian date in the accepted year range, else None."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    try:
        return _dt.date(year, month, day)
    except ValueError:
        return None


def _hijri_to_gregorian(year: int, month: int, day: int) -> _dt.date | None:
    """Umm al-Qura conversion; None outside hijridate's table or for an invalid day."""
    try:
        from hijridate import Hijri  # (imported when needed: a date filter never is)

        g = Hijri(year, month, day).to_gregorian()
    except (ValueError, OverflowError):
        return None
    return _dt.date(g.year, g.month, g.day)


@dataclass(frozen=True)
class _Match:
    value: _dt.date
    rule: str
    calendar: str
    start: int
    end: int


def _month_name_date(m: re.Match[str]) -> _Match | None:
    first = _GREGORIAN_MONTHS[_fold(m["m1"])]
    second_text = m["m2"] or m["m3"]
    rule = f"month-name:{first[1]}"
    if second_text is not None:
        second = _GREGORIAN_MONTHS[_fold(second_text)]
        if second[0] != first[0]:
            return None  # ``12 يناير/شباط 2019`` names two different months
        rule = "month-name:combined"
    value = _gregorian(int(m["year"]), first[0], int(m["day"]))
    return None if value is None else _Match(value, rule, GREGORIAN, m.start(), m.end())


def _hijri_name_date(m: re.Match[str]) -> _Match | None:
    month = _HIJRI_MONTHS[_fold(m["month"])]
    value = _hijri_to_gregorian(int(m["year"]), month, int(m["day"]))
    return None if value is None else _Match(value, "hijri", HIJRI, m.start(), m.end())


def _numeric_date(m: re.Match[str], rule: str) -> _Match | None:
    year, month, day = int(m["year"]), int(m["month"]), int(m["day"])
    if m["hijri"]:
        value = _hijri_to_gregorian(year, month, day)
        return None if value is None else _Match(value, "hijri", HIJRI, m.start(), m.end())
    value = _gregorian(year, month, day)
    return None if value is None else _Match(value, rule, GREGORIAN, m.start(), m.end())


def _ymd_numeric_date(m: re.Match[str]) -> _Match | None:
    return _numeric_date(m, "iso" if m["sep"] == "-" else "ymd-numeric")


def _dmy_numeric_date(m: re.Match[str]) -> _Match | None:
    return _numeric_date(m, "dmy-numeric")


def _rfc2822_date(m: re.Match[str]) -> _Match | None:
    month = _EN_MONTHS.get(m["month"].lower())
    if month is None:
        return None
    value = _gregorian(int(m["year"]), month, int(m["day"]))
    rule = "rfc2822" if len(m["month"]) == 3 else "month-name:english"
    return None if value is None else _Match(value, rule, GREGORIAN, m.start(), m.end())


_TEXT_RULES = (
    (_MONTH_NAME_DATE, _month_name_date),
    (_HIJRI_NAME_DATE, _hijri_name_date),
    (_YMD_NUMERIC, _ymd_numeric_date),
    (_DMY_NUMERIC, _dmy_numeric_date),
    (_RFC2822, _rfc2822_date),
)


_CLOSING_BRACKET = re.compile(f"{_SP}*\\)")


def _single_date_at(s: str, pos: int) -> _Match | None:
    """The longest date of any rule starting exactly at ``pos`` of ASCII-digit text."""
    best: _Match | None = None
    for pattern, read in _TEXT_RULES:
        m = pattern.match(s, pos)
        if m is None:
            continue
        found = read(m)
        if found is not None and (best is None or found.end > best.end):
            best = found
    return best


def _date_at(s: str, pos: int) -> _Match | None:
    """A date at ``pos``; a Hijri and a Gregorian date written together
    (``… هـ الموافق … م``) read as one, the Gregorian one giving the day."""
    first = _single_date_at(s, pos)
    if first is None:
        return None
    link = _CALENDAR_LINK.match(s, first.end)
    second = _single_date_at(s, link.end()) if link else None
    if link is None or second is None or second.calendar == first.calendar:
        return first
    end = second.end
    if "(" in link.group():  # ``1 رمضان 1440هـ (6 مايو 2019)``
        closing = _CLOSING_BRACKET.match(s, end)
        end = closing.end() if closing else end
    gregorian = first if first.calendar == GREGORIAN else second
    return _Match(gregorian.value, gregorian.rule, GREGORIAN, first.start, end)


def _parsed(original: str, found: _Match) -> ParsedDate:
    return ParsedDate(found.value, original[found.start : found.end], found.rule, found.calendar)


# --------------------------------------------------------------------------- parse_date

_PREFIX_RE = _LazyPattern(_DATE_PREFIX)
_TIME_TAIL_RE = _LazyPattern(_TIME_TAIL + _FIELD_END)
_ISO_FULL_RE = re.compile(_ISO_FULL.pattern + _FIELD_END)
_ISO_BASIC_FULL_RE = re.compile(_ISO_BASIC_FULL.pattern + _FIELD_END)
_RFC2822_FULL_RE = re.compile(_RFC2822.pattern + _FIELD_END, re.IGNORECASE)
_STRIP_CHARS = STRIP_CHARS


def _parse_iso(s: str) -> tuple[_dt.date, str] | None:
    for pattern, rule in ((_ISO_FULL_RE, "iso"), (_ISO_BASIC_FULL_RE, "iso-basic")):
        m = pattern.match(s)
        if m:
            value = _gregorian(int(m["year"]), int(m["month"]), int(m["day"]))
            if rule == "iso-basic" and not FILENAME_MIN_YEAR <= int(m["year"]) <= FILENAME_MAX_YEAR:
                return None  # eight bare digits are a date only when the year is plausible
            return (value, rule) if value else None
    return None


def _parse_rfc2822(s: str) -> tuple[_dt.date, str] | None:
    m = _RFC2822_FULL_RE.match(s)
    found = _rfc2822_date(m) if m else None
    return (found.value, found.rule) if found else None


def _parse_arabic_field(s: str) -> tuple[_dt.date, str, str] | None:
    """Optional label/weekday, one date expression, optional time, nothing else."""
    prefix = _PREFIX_RE.match(s)
    found = _date_at(s, prefix.end() if prefix else 0)
    if found is None or not _TIME_TAIL_RE.match(s, found.end):
        return None
    return found.value, found.rule, found.calendar


_DATEUTIL_DEFAULTS = (_dt.datetime(2000, 1, 1), _dt.datetime(2004, 2, 2))


def _parse_english(s: str) -> tuple[_dt.date, str] | None:
    """English month names through dateutil (not fuzzy); None when a year, month or day
    is missing (the two parses with different defaults disagree)."""
    if not _EN_MONTH_WORD.search(s) or re.match(r"\s*[0-9]{4}[-/.]", s):
        return None
    results = []
    for default in _DATEUTIL_DEFAULTS:
        try:
            from dateutil import parser as dateutil_parser

            results.append(dateutil_parser.parse(s, dayfirst=True, default=default).date())
        except (ValueError, OverflowError):
            return None
    if results[0] != results[1]:
        return None
    value = _gregorian(results[0].year, results[0].month, results[0].day)
    return (value, "month-name:english") if value else None


def parse_date(text: str) -> ParsedDate | None:
    """Read a string that *is* a date (a metadata field, an option value).

    Accepts ISO (``2019-01-12``, ``2016-11-16T13:38:00+01:00``, ``2017-01-22T185600``,
    ``20190112``), RFC 2822 (``Sun, 18 Feb 2018 18:06:52 GMT``), D/M/Y numbers
    (``29/09/2016``), Arabic month names of every family, Hijri dates and English month
    names, each with an optional label, weekday and time. Returns None for anything else,
    including a date missing its day or year: it never guesses.
    """
    raw = text.strip(_STRIP_CHARS)
    if not raw or len(raw) > MAX_DATE_FIELD_CHARS:
        return None
    s = to_ascii_digits(raw)
    for read in (_parse_iso, _parse_rfc2822):
        found = read(s)
        if found:
            return ParsedDate(found[0], raw, found[1], GREGORIAN)
    arabic = _parse_arabic_field(s)
    if arabic:
        return ParsedDate(arabic[0], raw, arabic[1], arabic[2])
    english = _parse_english(s)
    if english:
        return ParsedDate(english[0], raw, english[1], GREGORIAN)
    return None


# --------------------------------------------------------------------------- header date

_DATE_LINE_OPEN = _LazyPattern(f"{_SP}*(?:[(\\[]{_SP}*)?{_DATE_PREFIX}")
_DATE_LINE_CLOSE = _LazyPattern(
    f"(?:{_ISO_TIME}|{_TIME_TAIL}){_SP}*(?:[)\\]]{_SP}*)?(?:[.،,:\\-–—|]{_SP}*)?$"
)
_WEEKDAY_PREFIX_RE = _LazyPattern(_WEEKDAY_PREFIX)
# A month and a year on a line of their own (``جويلية 2012``, ``يوليو/تموز 2012``): a
# periodical's issue date, read with month precision.
_MONTH_YEAR = _LazyPattern(
    f"(?P<m1>{_GREGORIAN_MONTH_RE})"
    + f"(?:(?:{_SP}*[/\\\\\\-–]{_SP}*|{_SP}+)(?P<m2>{_GREGORIAN_MONTH_RE})"
    + f"|{_SP}*\\({_SP}*(?P<m3>{_GREGORIAN_MONTH_RE}){_SP}*\\))?"
    + _YEAR_LINK
    + _YEAR
    + _AD_SUFFIX
)
# A label opening a line: ``تاريخ النشر :17 فبراير 2012`` may stand a few lines down.
_LABEL_LINE = _LazyPattern(f"{_SP}*(?:[(\\[]{_SP}*)?{_LABEL_RE}")
LABEL_MAX_LINES = 6
LABEL_MAX_CHARS = 800


def _header_lines(
    text: str,
    max_lines: int = HEADER_MAX_LINES,
    max_chars: int = HEADER_MAX_CHARS,
    stop_at_colon: bool = True,
) -> Iterator[tuple[int, str]]:
    """(offset, line) of the first non-empty lines that start in the header zone, up to
    and including a line that ends with a colon (what follows it is body text, such as a
    match schedule whose first line is a date)."""
    seen = 0
    offset = 0
    for line in text.split("\n"):
        if offset >= max_chars or seen >= max_lines:
            return
        content = line.strip(_STRIP_CHARS)
        if content:
            seen += 1
            yield offset, line
            if stop_at_colon and content.endswith((":", "：")):
                return  # a line ending in a colon introduces body text: a list, a quote
        offset += len(line) + 1


def _date_line(s: str) -> _Match | None:
    """The line is a date: ``الأحد 12 يناير 2019``, ``نشر في: 12/01/2019 - 10:30``."""
    if len(s) > MAX_DATE_FIELD_CHARS:
        return None
    opening = _DATE_LINE_OPEN.match(s)
    found = _date_at(s, opening.end()) if opening else None
    if found is None or not _DATE_LINE_CLOSE.match(s, found.end):
        return None
    return found


def _month_year_line(s: str) -> _Match | None:
    """The line is a month and a year: ``جويلية 2012``, ``تاريخ النشر: يوليو 2012``."""
    if len(s) > MAX_DATE_FIELD_CHARS:
        return None
    opening = _DATE_LINE_OPEN.match(s)
    m = _MONTH_YEAR.match(s, opening.end()) if opening else None
    if m is None or not _DATE_LINE_CLOSE.match(s, m.end()):
        return None
    first = _GREGORIAN_MONTHS[_fold(m["m1"])]
    second_text = m["m2"] or m["m3"]
    if second_text is not None and _GREGORIAN_MONTHS[_fold(second_text)][0] != first[0]:
        return None
    value = _gregorian(int(m["year"]), first[0], 1)
    family = "combined" if second_text else first[1]
    return (
        None
        if value is None
        else _Match(value, f"month-year:{family}", GREGORIAN, m.start(), m.end())
    )


def _label_of(s: str) -> str | None:
    opening = _DATE_LINE_OPEN.match(s)
    return opening["label"] if opening and opening["label"] else None


def _header_date_in_line(
    original: str, dateline_date: Callable[[str], ParsedDate | None] | None
) -> ParsedDate | None:
    found = date_line(original)
    if found is None and dateline_date is not None:
        found = dateline_date(original)
    return found


def date_line(line: str) -> ParsedDate | None:
    """The line is nothing but a date, with or without a label, weekday or time, or a
    month and a year: ``الأحد 12 يناير 2019``, ``تاريخ النشر :17 فبراير 2012``, ``جويلية 2012``."""
    s = to_ascii_digits(line)
    found = _date_line(s)
    precision = "day"
    if found is None:
        found, precision = _month_year_line(s), "month"
    if found is None:
        return None
    return dataclasses.replace(_parsed(line, found), precision=precision, label=_label_of(line))


def match_date(text: str, pos: int = 0) -> tuple[ParsedDate, int] | None:
    """A date starting at ``pos`` of ``text``, after an optional weekday (``الأحد،``), and
    where it ends: the date grammar datelines read their dates with. ``raw`` is the date
    as written, without the weekday."""
    s = to_ascii_digits(text)
    prefix = _WEEKDAY_PREFIX_RE.match(s, pos)
    found = _date_at(s, prefix.end() if prefix else pos)
    if found is None:
        return None
    return _parsed(text, found), found.end


def find_header_date(
    text: str, dateline_date: Callable[[str], ParsedDate | None] | None = None
) -> ParsedDate | None:
    """A publication date in header position, else None.

    Only the first ``HEADER_MAX_LINES`` non-empty lines that start within the first
    ``HEADER_MAX_CHARS`` characters are read (a line opening with a publication-date label,
    ``تاريخ النشر``, ``نشر في``, ``آخر تحديث``, within the first ``LABEL_MAX_LINES``), and
    in them only

    * a line that is a date (optionally with a label, weekday, time, brackets):
      ``الأحد 12 يناير 2019``, ``نشر في: 12/01/2019 - 10:30``; or a month and a year
      (``جويلية 2012``: ``precision`` ``month``);
    * with ``dateline_date``, the date of a dateline opening a line, as datelines.py reads
      them (datelines.find_header_date passes it: datelines read their dates with this
      module's grammar, so this module cannot import them): a place, then a dash or an
      agency in brackets, an optional weekday, the date, then a dash, comma, full stop or
      the line's end: ``بيروت - 12 كانون الثاني 2019 - …``, ``تونس 11 ديسمبر 2016 (وات) -``.

    Dates anywhere else, even early in the lead (``أعلنت الحكومة، الثلاثاء 11 أفريل 2017،``),
    are mentions, not the article's date.
    """
    for offset, line in _header_lines(text):
        found = _header_date_in_line(text[offset : offset + len(line)], dateline_date)
        if found is not None:
            return found
    for offset, line in _header_lines(text, LABEL_MAX_LINES, LABEL_MAX_CHARS, stop_at_colon=False):
        if _LABEL_LINE.match(to_ascii_digits(line)):
            found = date_line(text[offset : offset + len(line)])
            if found is not None:
                return found
    return None


# --------------------------------------------------------------------------- file names

_FILENAME_PATTERNS = (
    re.compile(r"(?<![0-9])(?P<year>[0-9]{4})(?P<month>[0-9]{2})(?P<day>[0-9]{2})(?![0-9])"),
    re.compile(
        r"(?<![0-9])(?P<year>[0-9]{4})(?P<sep>[-_.])(?P<month>[0-9]{1,2})(?P=sep)"
        r"(?P<day>[0-9]{1,2})(?![0-9])"
    ),
    re.compile(r"(?<![0-9])(?P<day>[0-9]{2})(?P<month>[0-9]{2})(?P<year>[0-9]{4})(?![0-9])"),
    re.compile(
        r"(?<![0-9])(?P<day>[0-9]{1,2})(?P<sep>[-_.])(?P<month>[0-9]{1,2})(?P=sep)"
        r"(?P<year>[0-9]{4})(?![0-9])"
    ),
)


def _filename_candidates(base: str) -> Iterator[tuple[_dt.date, int, int]]:
    for pattern in _FILENAME_PATTERNS:
        for m in pattern.finditer(base):
            year = int(m["year"])
            if not FILENAME_MIN_YEAR <= year <= FILENAME_MAX_YEAR:
                continue
            value = _gregorian(year, int(m["month"]), int(m["day"]))
            if value is not None:
                yield value, m.start(), m.end()


def find_date_in_filename(name: str) -> ParsedDate | None:
    """A date in a file's name (not its folders): ``SK-sport-1-20180218.txt``,
    ``2019-03-23_article.txt``, ``JA-localNews-608-11012017.txt`` (DDMMYYYY), years
    1900-2100 and valid days only. With a 4-digit year in that range, YYYYMMDD and
    DDMMYYYY can never both be valid, so compact forms are not ambiguous. A name holding
    two different dates gives None."""
    base = re.split(r"[\\/]", name)[-1]
    candidates = list(_filename_candidates(to_ascii_digits(base)))
    if not candidates or len({value for value, _, _ in candidates}) > 1:
        return None
    value, start, end = min(candidates, key=lambda c: c[1])
    return ParsedDate(value, base[start:end], "filename", GREGORIAN)


# --------------------------------------------------------------------------- query ranges

_PERIOD = re.compile(
    r"(?P<year>[0-9]{4})(?:[-/](?P<month>[0-9]{1,2})(?:[-/](?P<day>[0-9]{1,2}))?)?"
)
_RANGE_FORMS = "YYYY, YYYY-MM, YYYY-MM-DD, or a range A..B, A.., ..B"


def _unparseable(expr: str, why: str = "") -> ValueError:
    return ValueError(f"unparseable date: {expr!r} ({why or 'expected ' + _RANGE_FORMS})")


def _period(part: str, expr: str) -> tuple[_dt.date, _dt.date]:
    """First and last day of ``2019``, ``2019-03``, ``2019-03-23`` or of any full date
    ``parse_date`` reads (``12/01/2019``, ``12 يناير 2019``)."""
    m = _PERIOD.fullmatch(part)
    if m is None:
        found = parse_date(part)
        if found is None:
            raise _unparseable(expr)
        return found.value, found.value
    year = int(m["year"])
    try:
        if m["month"] is None:
            return _dt.date(year, 1, 1), _dt.date(year, 12, 31)
        month = int(m["month"])
        if m["day"] is None:
            last = calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 0
            return _dt.date(year, month, 1), _dt.date(year, month, last)
        day = _dt.date(year, month, int(m["day"]))
        return day, day
    except ValueError:
        raise _unparseable(expr, f"no such month or day: {part}") from None


def parse_date_range(expr: str) -> tuple[_dt.date | None, _dt.date | None]:
    """Inclusive (first day, last day) of a query date expression; None is an open end.

    ``2019`` → whole year, ``2019-03`` → whole month, ``2019-03-23`` → one day,
    ``2019..2020`` → start of 2019 to end of 2020, ``2019-03..`` and ``..2018`` open ranges;
    Arabic-Indic digits welcome. Raises ValueError (``unparseable date: …`` or
    ``empty date range: …``) for anything else: a bad date must never be an empty result.
    """
    s = unicodedata.normalize("NFKC", to_ascii_digits(expr)).strip(_STRIP_CHARS)
    if not s:
        raise _unparseable(expr)
    if ".." not in s:
        return _period(s, expr)
    left, _, right = s.partition("..")
    left, right = left.strip(_STRIP_CHARS), right.strip(_STRIP_CHARS)
    if not left and not right:
        raise _unparseable(expr)
    start = _period(left, expr)[0] if left else None
    end = _period(right, expr)[1] if right else None
    if start is not None and end is not None and start > end:
        raise ValueError(f"empty date range: {expr!r} (the start is after the end)")
    return start, end
