"""Datelines and bylines: who wrote a story, for which agency, from where.

    بيروت – أعلن الجيش …                          → place بيروت
    القاهرة - سكاي نيوز عربية                      → place القاهرة, agency سكاي نيوز عربية
    دبي، الإمارات العربية المتحدة (CNN)-- قال …    → place دبي، الإمارات العربية المتحدة, agency CNN
    تونس 11 ديسمبر 2016 (وات) - …                 → place تونس, agency وات, date 2016-12-11
    لندن: رنيم حنوش                               → place لندن, author رنيم حنوش
    ماجد الرفاعي- سبق- جدة:                       → author ماجد الرفاعي, agency سبق, place جدة
    عين اليوم – جدة / الرياض - واس / عكاظ (جدة)   → agency and place
    كتب/ علي الريمي:  ·  بقلم: د. إبراهيم أبو محمد  → author

Each part of a byline is told apart by what it is, never by where it stands: a *place* is a
city, region or country the gazetteer knows (gazetteer.py), an *agency* an outlet or wire
service (outlets.py, the article's own source, or a generic credit such as `متابعات`), an
*author* a short run of words that can be a person's name. A line with a part that is none
of these is not a byline. A place the gazetteer does not know is never recorded.

The date a dateline may carry is read with dates.py's grammar (`match_date`): one grammar
for dates wherever they are written.

Pure functions of their input; nothing here knows about files or the archive.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from newsarc.arabic_chars import ARABIC_LETTERS, MARKS, SPACE_CHARS
from newsarc.dates import ParsedDate, match_date
from newsarc.dates import find_header_date as _find_header_date
from newsarc.gazetteer import is_place
from newsarc.outlets import known_outlet, outlet_key

__all__ = [
    "Dateline",
    "credit_label",
    "find_dateline",
    "find_header_date",
    "looks_like_name",
    "looks_like_person",
    "parse_byline",
    "standalone_dateline",
    "without_honorific",
]

_SP = f"[{SPACE_CHARS}]"
# A word of a place name: letters and marks, no digits, no punctuation.
_LETTER = rf"(?:[^\W\d_]|[{MARKS}])"
_PLACE_WORD = rf"{_LETTER}+(?:['’]{_LETTER}+)?"
# A city is one or two words (`بيروت`, `سان فرانسيسكو`); three-word openings before a dash
# are nearly always a sentence (`فجرت كوريا الشمالية - كما يبدو -`). A country may follow
# after a comma (`دبي، الإمارات العربية المتحدة`).
_CITY = rf"{_PLACE_WORD}(?:{_SP}+{_PLACE_WORD})?"
_COUNTRY = rf"{_PLACE_WORD}(?:{_SP}+{_PLACE_WORD}){{0,3}}"
_PLACE_AT = re.compile(rf"{_SP}*(?P<place>{_CITY}(?:{_SP}*[،,]{_SP}*{_COUNTRY})?)")
_COMMA = re.compile(rf"{_SP}*[،,]?{_SP}*")
_PAREN_AGENCY = re.compile(
    rf"{_SP}*\({_SP}*(?P<paren>[^()\n]{{1,40}}?){_SP}*\){_SP}*(?P<dash>[-–—‒―]+(?:{_SP}*[-–—‒―]+)*{_SP}*)?"
)
_DASHES = "-–—‒―"
# A dateline dash: space on at least one side (`بادن-فورتمبرغ` is one word).
_DASH = re.compile(
    rf"(?:{_SP}+[{_DASHES}]+(?:{_SP}*[{_DASHES}]+)*{_SP}*|[{_DASHES}]+(?:{_SP}*[{_DASHES}]+)*{_SP}+)"
)
# After a dateline's date: a dash, comma, colon, full stop or the line's end.
_DATE_CLOSE = re.compile(rf"{_SP}*(?:[{_DASHES}:،,.)]+{_SP}*|$)")
_WEEKDAY_COMMA = re.compile(rf"{_SP}*[،,]{_SP}*")
# An agency or reporter after a dash: one to four words, up to another dash or the line's end.
_AGENT_WORD = r"[^\s\d\-–—:؛;!?؟«»\"“”()،,]+"
_AGENT = re.compile(rf"{_AGENT_WORD}(?:{_SP}+{_AGENT_WORD}){{0,3}}")
_AGENT_THEN_DASH = re.compile(rf"(?P<agent>[^\n]{{1,40}}?){_DASH.pattern}")

# Byline credits: `كتب/ علي الريمي:`, `بقلم: …`, `تقرير: …`.
BYLINE_LABELS = (
    "كتب", "كتبت", "بقلم", "تقرير", "حوار", "إعداد", "اعداد", "تحقيق", "متابعة", "رصد", "تحليل",
    "عرض", "قراءة",
)
# `كتب/ علي`, `بقلم: علي`, `كتب - علي:`: a label, then a slash, colon or dash.
_LABEL = re.compile(rf"^{_SP}*(?:{'|'.join(BYLINE_LABELS)}){_SP}*(?:[:/：]|{_SP}[-–—]){_SP}*")
# Generic credits that stand where an agency would: `سبق- وكالات:`, `الجزيرة - المحليات:`.
GENERIC_CREDITS = frozenset(
    outlet_key(w)
    for w in ("متابعات", "المحليات", "عواصم", "محليات", "خاص", "الوكالات", "وكالات", "مراسلون")
)
# Parts of a byline: split at dashes (with or without spaces), a colon, a tab, a tatweel
# standing alone (`المدينة ـ جدة`), or a bracketed part (`عكاظ (جدة)`), `«الاقتصادية» من الرياض`.
_SPLIT = re.compile(rf"{_SP}*(?:[{_DASHES}]+|[:：]|\t+|(?<=\s)ـ+(?=\s)){_SP}*")
_BRACKET_TAIL = re.compile(rf"^(?P<head>[^()]+?){_SP}*\((?P<inner>[^()]+)\){_SP}*$")
_FROM_PLACE = re.compile(rf"^(?P<head>.+?){_SP}+من{_SP}+(?P<place>[^\d]+)$")
_QUOTES = re.compile(r"[«»\"“”]")
#: Quotation marks around words (`«الاقتصادية»`), not inside one: `ج«آس` is no place.
_WORD_QUOTES = re.compile(r"(?:^|(?<=\s))[«»\"“”]+|[«»\"“”]+(?=\s|$)")

# Honorifics before a name: `د. إبراهيم`, `الدكتور غازي فلمبان`.
_HONORIFIC = re.compile(
    rf"^(?:(?:[دأم]{_SP}*\.{_SP}*)+|د{_SP}|الدكتور|الدكتورة|الأستاذ|الأستاذة|المهندس|الشيخ|الفنان|اللواء|العميد){_SP}*"
)
# Words no person's name holds: a short line of them is a sentence fragment, not a sign-off.
# fmt: off
_NOT_NAME_WORDS = frozenset(outlet_key(w) for w in (
    "في", "من", "إلى", "الى", "عن", "مع", "خلال", "أمس", "اليوم", "غدا", "بعد", "قبل",
    "هذا", "هذه", "ذلك", "تلك", "التي", "الذي", "الذين", "كان", "كانت", "قال", "قالت",
    "أكد", "أعلن", "سموه", "معاليه", "فخامته", "كما", "لكن", "حتى", "عند", "أن", "إن", "لا",
    "لم", "لن", "قد", "ثم", "أو", "هو", "هي", "هم", "نحن", "أنا", "كل", "بين", "حيث", "منذ",
    "الاجتماع", "المقبل", "الماضي", "العام", "الأسبوع", "الشهر", "اليوم", "الساعة", "فقط",
    "والله", "ولي", "التوفيق", "انتهى", "تم", "جدا", "شكرا", "المصدر", "الصورة", "صورة",
    "تصوير", "للمزيد", "اقرأ", "أيضا", "ايضا", "متابعات", "وكالات", "ترجمة",
))
# fmt: on
# Arabic letters only: `Next Previous حامد القرشي` is a scraped page's buttons and a name.
_NAME_WORD = re.compile(f"^[{ARABIC_LETTERS}{MARKS}]+$")
MAX_NAME_WORDS = 5
MAX_BYLINE_CHARS = 100


@dataclass(frozen=True)
class Dateline:
    """place: a place the gazetteer knows, as written (city, maybe a country after a
    comma), or None; agency: the outlet, wire service or credit named; raw: the dateline or
    byline as it appears; author: a person named in it; date: a date written in it."""

    place: str | None
    agency: str | None
    raw: str
    author: str | None = None
    date: ParsedDate | None = None

    @property
    def city(self) -> str | None:
        return re.split(r"[،,]", self.place, maxsplit=1)[0].strip() if self.place else None


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = " ".join(value.replace("\u00a0", " ").split()).strip(" .،,:")
    return value or None


def _known_place(place: str | None) -> bool:
    """A dateline place (`دبي، الإمارات العربية المتحدة`) is known when its city or the whole is."""
    if not place:
        return False
    city = re.split(r"[،,]", place, maxsplit=1)[0].strip()
    return is_place(place) or bool(city) and _place_part(city)


_GLOSSED = re.compile(r"^(?P<place>[^()]+?)\s*\([^()]{1,40}\)$")


def _place_part(part: str) -> bool:
    """A byline part that is wholly a place: `جدة`, `دبي، الإمارات`, `برمنغهام (بريطانيا)`."""
    pieces = [p.strip() for p in re.split(r"[،,]", part) if p.strip()]
    if not pieces:
        return False
    for piece in pieces:
        glossed = _GLOSSED.match(piece)
        if not (is_place(piece) or glossed and is_place(glossed["place"])):
            return False
    return True


def credit_label(line: str) -> str | None:
    """The credit label opening a byline (`كتب/`, `بقلم:`, `تقرير -`), else None."""
    found = _LABEL.match(line)
    return found.group().strip(" :/：-–—") if found else None


def without_honorific(text: str) -> str:
    """`د. إبراهيم أبو محمد` → `إبراهيم أبو محمد`."""
    return _HONORIFIC.sub("", " ".join(text.split()))


def looks_like_person(text: str) -> bool:
    """A line that is a person's name on its own (a sign-off, a lone byline): a short name
    (looks_like_name) opening with a given name (`محمد`, `عبدالله`, `أبو …`), so that a
    caption (`جندي يسقي طفلا ماء`) or a role (`وزير الدفاع`) is not taken for one."""
    from newsarc.given_names import is_given_name

    words = without_honorific(text).split()
    return looks_like_name(text) and bool(words) and is_given_name(words[0])


def looks_like_name(text: str) -> bool:
    """A short run of words that can be a person's name (`ماجد الرفاعي`, `د. إبراهيم أبو
    محمد`): 1-5 words of letters, none of them a word no name holds (`خلال`, `أمس`)."""
    rest = _HONORIFIC.sub("", " ".join(text.split()))
    words = rest.split()
    if not words or len(words) > MAX_NAME_WORDS or len("".join(words)) < 3:
        return False
    return all(_NAME_WORD.match(word) and outlet_key(word) not in _NOT_NAME_WORDS for word in words)


def _is_agency(part: str, sources: Collection[str]) -> bool:
    key = outlet_key(part)
    return bool(key) and (
        key in GENERIC_CREDITS
        or known_outlet(part) is not None
        or key in {outlet_key(s) for s in sources}
    )


def _split_parts(body: str) -> list[str] | None:
    parts: list[str] = []
    pending = [p for p in _SPLIT.split(body)]
    while pending:
        piece = pending.pop(0).strip()
        if not piece:
            continue
        bracket = _BRACKET_TAIL.match(piece)
        if bracket and not (_place_part(bracket["head"]) and _place_part(bracket["inner"])):
            # `عكاظ (جدة)`, `أحمد الشميري (صنعاء)`, `محمد طالبي ، واس (أبها)`; but
            # `برمنغهام (بريطانيا)` is one place
            pending[:0] = [bracket["head"], bracket["inner"]]
            continue
        quoted = _FROM_PLACE.match(piece)
        if quoted and is_place(_QUOTES.sub("", quoted["place"])):  # `«الاقتصادية» من الرياض`
            parts += [quoted["head"], quoted["place"]]
            continue
        if re.search("[،,]", piece) and not _place_part(piece):
            parts += [p for p in re.split(rf"{_SP}*[،,]{_SP}*", piece) if p]  # `كمال كافي، أ ف ب`
            continue
        parts.append(piece)
    parts = [_unwrap(_WORD_QUOTES.sub("", p).strip()) for p in parts]
    return parts if parts and all(parts) else None


def _unwrap(part: str) -> str:
    """`(رويترز)` → `رويترز`; `برمنغهام (بريطانيا)` stays whole."""
    while len(part) > 1 and part[0] + part[-1] in ("()", "[]"):
        part = part[1:-1].strip()
    return part.strip(" ()[]") if part.count("(") != part.count(")") else part


def parse_byline(value: str | None, sources: Collection[str] = ()) -> Dateline | None:
    """Author, agency and place in a byline: the `AUTHOR` field of a record or a line of
    its own under the headline. `sources` are names that count as agencies besides the
    known outlets (the article's source). None when any part is neither a place, an agency
    nor a name, or when the line names only a person without a credit label."""
    if not value or len(value) > MAX_BYLINE_CHARS or any(c.isdigit() for c in value):
        return None
    raw = value.strip()
    label = _LABEL.match(raw)
    body = raw[label.end() :] if label else raw
    body = body.strip().rstrip(":：").strip()
    parts = _split_parts(body)
    if parts is None or len(parts) > 4:
        return None
    roles = _assign_roles(parts, sources, min_name_words=1 if label else 2)
    if roles is None:
        return None
    place, agency, author = roles
    if not label and place is None and agency is None:
        return None
    if not label and len(parts) == 1 and place is None:  # `علي بردى`, `فرانس 24`: no byline
        return None
    return Dateline(place, agency, raw, author=author)


def _assign_roles(
    parts: list[str], sources: Collection[str], min_name_words: int = 2
) -> tuple[str | None, str | None, str | None] | None:
    """Each part as place, agency or author; None when a part is none of them, or two
    parts claim the same role."""
    kinds: list[set[str]] = []
    for part in parts:
        kind = set()
        if _place_part(part):
            kind.add("place")
        if _is_agency(part, sources):
            kind.add("agency")
        # a person's name in a byline has two words or more (`كاليفورنيا` alone is no one's)
        if not kind and looks_like_name(part) and len(part.split()) >= min_name_words:
            kind.add("author")
        if not kind:
            return None
        kinds.append(kind)
    # Ambiguous parts (`الرياض`, `المدينة`, `الجزيرة`: papers named after places) take the
    # role the others leave free.
    taken = {next(iter(k)) for k in kinds if len(k) == 1}
    chosen: list[str] = []
    for part, kind in zip(parts, kinds):
        if len(kind) == 1:
            chosen.append(next(iter(kind)))
        elif "place" in taken and "agency" not in taken:
            chosen.append("agency")
        elif "agency" in taken and "place" not in taken:
            chosen.append("place")
        elif "author" in taken:  # `الرياض - خالد الحربي`: a reporter files from a city
            chosen.append("place")
        else:
            chosen.append(
                "agency" if any(outlet_key(part) == outlet_key(s) for s in sources) else "place"
            )
        taken.add(chosen[-1])
    if chosen.count("place") > 1:  # `طنجة ـ جدة`: which one is the dateline?
        return None
    # several reporters (`هادي العصيمي، ياسر العتيبي`) or credits (`سبق- وكالات`) are kept together
    joined = {
        role: (", " if role == "author" else " - ").join(
            p for p, r in zip(parts, chosen) if r == role
        )
        for role in set(chosen)
    }
    joined = {role: value.replace(", ", "، ") for role, value in joined.items()}
    return _clean(joined.get("place")), _clean(joined.get("agency")), _clean(joined.get("author"))


def _date_after(head: str, pos: int) -> tuple[ParsedDate | None, int]:
    """A date at `pos` (after an optional comma), read with dates.py's grammar."""
    comma = _COMMA.match(head, pos)
    found = match_date(head, comma.end() if comma else pos)
    if found is None:
        return None, pos
    return found


def _agent_roles(agent: str | None, sources: Collection[str]) -> tuple[str | None, str | None]:
    """(agency, author) for what follows a dateline's dash."""
    agent = _clean(agent)
    if agent is None:
        return None, None
    if _is_agency(agent, sources) or not looks_like_name(agent):
        return agent, None
    return None, agent


def find_dateline(lead: str, sources: Collection[str] = ()) -> Dateline | None:
    """The dateline opening the first line of a story's lead (or that line, when it is a
    byline of its own), or None."""
    line = lead.lstrip("\n").split("\n", 1)[0]
    head = line[:200]
    byline = parse_byline(line, sources) if len(line) <= MAX_BYLINE_CHARS else None
    if byline is not None and (byline.place or byline.agency):
        return byline
    start = _PLACE_AT.match(head)
    place = start["place"] if start else None
    pos = start.end() if start else 0
    date, pos = _date_after(head, pos) if start else (None, pos)
    bracket = _PAREN_AGENCY.match(head, pos)
    # brackets after the opening words are often a gloss (`أقر الكنيست (البرلمان)`): a
    # dateline's brackets hold an agency, or are followed by a dash
    if bracket and (bracket["dash"] or _is_agency(bracket["paren"], sources)):
        if (
            place is not None
            and not _known_place(place)
            and not _is_agency(bracket["paren"], sources)
        ):
            return None
        end = bracket.end()
        if date is None:
            date, end = _date_after(head, end)
            if date is not None:
                close = _DATE_CLOSE.match(head, end)
                date, end = (date, close.end()) if close else (None, bracket.end())
        agency, author = _agent_roles(bracket["paren"], sources)
        return Dateline(
            _clean(place) if _known_place(place) else None, agency, head[:end].strip(), author, date
        )
    if start is None:
        return None
    dash = _DASH.match(head, pos)
    if dash is None or not _known_place(place):
        return None
    end = dash.end()
    if date is None:  # `بيروت - الأحد، 12 كانون الثاني 2019 - …`
        found, after = _date_after(head, end)
        close = _DATE_CLOSE.match(head, after) if found else None
        if found is not None and close is not None:
            date, end = found, close.end()
    agent = None
    rest = line[end:]
    between = _AGENT_THEN_DASH.match(rest)
    # `القاهرة - رويترز - …`
    if date is None and between and _AGENT.fullmatch(between["agent"].strip()):
        agent, end = between["agent"], end + between.end()
    elif date is None and _AGENT.fullmatch(rest.strip()):  # a line `القاهرة - سكاي نيوز عربية`
        agent, end = rest, len(line)
    agency, author = _agent_roles(agent, sources)
    return Dateline(_clean(place), agency, line[:end].strip(), author, date)


def standalone_dateline(
    line: str, known_agency_only: bool = False, sources: Collection[str] = ()
) -> Dateline | None:
    """A line that is nothing but a dateline or byline: `القاهرة - سكاي نيوز عربية`,
    `لندن: رنيم حنوش`, `سبق- أبها:`. With known_agency_only (a first line that could as
    well be a headline: `الأهلي - الزمالك`, `واشنطن: ترامب يهدد`), only a byline that
    names an agency, carries a credit label or ends with a colon counts."""
    text = line.strip()
    if not text or len(text) > MAX_BYLINE_CHARS:
        return None
    found = parse_byline(text, sources)
    if found is None:
        return None
    if known_agency_only and not (found.agency or _LABEL.match(text) or text.endswith((":", "："))):
        return None
    return found


def find_header_date(text: str) -> ParsedDate | None:
    """The publication date in header position (dates.find_header_date), datelines'
    dates included: `بيروت - 12 كانون الثاني 2019 - …`, `تونس 11 ديسمبر 2016 (وات) -`."""
    return _find_header_date(text, dateline_date=_dateline_date)


def _dateline_date(line: str) -> ParsedDate | None:
    dateline = find_dateline(line)
    return dateline.date if dateline is not None else None
