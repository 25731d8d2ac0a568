"""Tests for newsarc.dates: metadata dates, header dates, file names, query ranges."""

from __future__ import annotations

import dataclasses
import gzip
import json
import os
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

# header dates: date lines and labels (dates.py) and datelines' dates (datelines.py), one grammar
from newsarc.datelines import find_header_date
from newsarc.dates import (
    ParsedDate,
    find_date_in_filename,
    parse_date,
    parse_date_range,
    to_ascii_digits,
)

# --------------------------------------------------------------------------- digits


def test_arabic_indic_digits_become_ascii():
    assert to_ascii_digits("٠١٢٣٤٥٦٧٨٩") == "0123456789"


def test_persian_digits_become_ascii():
    assert to_ascii_digits("۰۱۲۳۴۵۶۷۸۹") == "0123456789"


def test_digit_conversion_keeps_everything_else_and_the_length():
    s = "يوم ١٢ يناير ۲۰۱۹ - 7"
    assert to_ascii_digits(s) == "يوم 12 يناير 2019 - 7"
    assert len(to_ascii_digits(s)) == len(s)


# --------------------------------------------------------------------------- numeric dates


def test_iso_date_is_year_month_day_never_swapped():
    got = parse_date("2019-01-12")
    assert got == ParsedDate(date(2019, 1, 12), "2019-01-12", "iso", "gregorian")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2019-12-01", date(2019, 12, 1)),
        ("2019-01-12T10:30:00", date(2019, 1, 12)),
        ("2019-01-12T10:30:00Z", date(2019, 1, 12)),
        ("2019-01-12 23:59", date(2019, 1, 12)),
        ("2019-01-12T23:30:00-05:00", date(2019, 1, 12)),  # the day as written, no shift
        ("2019-1-5", date(2019, 1, 5)),
        ("٢٠١٩-٠١-١٢", date(2019, 1, 12)),
    ],
)
def test_iso_like_dates(text, expected):
    got = parse_date(text)
    assert got is not None and got.value == expected and got.rule == "iso"


def test_compact_iso_date():
    got = parse_date("20190112")
    assert got is not None and (got.value, got.rule) == (date(2019, 1, 12), "iso-basic")


def test_year_first_with_slashes_is_year_month_day():
    got = parse_date("2019/01/12")
    assert got is not None and (got.value, got.rule) == (date(2019, 1, 12), "ymd-numeric")


@pytest.mark.parametrize(
    "text", ["12/01/2019", "12-01-2019", "12.01.2019", "١٢/٠١/٢٠١٩", "12/1/2019"]
)
def test_numeric_day_month_year_is_the_arab_convention(text):
    got = parse_date(text)
    assert got is not None
    assert (got.value, got.rule, got.calendar) == (date(2019, 1, 12), "dmy-numeric", "gregorian")


@pytest.mark.parametrize(
    "text, expected, calendar",
    [
        ("14 / 6 / 2018م", date(2018, 6, 14), "gregorian"),
        ("30 / 9 / 1439هـ", date(2018, 6, 14), "hijri"),
        ("2019 - 01 - 12", date(2019, 1, 12), "gregorian"),
    ],
)
def test_numeric_dates_with_spaced_separators(text, expected, calendar):
    got = parse_date(text)
    assert got is not None and (got.value, got.calendar) == (expected, calendar)


def test_mixed_separators_are_not_a_date():
    assert parse_date("12/01-2019") is None


def test_numeric_date_with_gregorian_suffix():
    got = parse_date("12/01/2019م")
    assert got is not None and got.value == date(2019, 1, 12)


@pytest.mark.parametrize(
    "text",
    [
        "13/13/2019",
        "31/04/2019",
        "29/02/2019",
        "2019-02-29",
        "2019-13-01",
        "2019-00-10",
        "12/01/19",
    ],
)
def test_invalid_or_ambiguous_numeric_dates_are_none(text):
    assert parse_date(text) is None


def test_leap_day_is_valid_in_a_leap_year():
    got = parse_date("29/02/2020")
    assert got is not None and got.value == date(2020, 2, 29)


# --------------------------------------------------------------------------- ANT <TIME> formats


@pytest.mark.parametrize(
    "raw, expected, rule",
    [
        ("Sun, 18 Feb 2018 18:06:52 GMT", date(2018, 2, 18), "rfc2822"),
        ("Mon, 30 Apr 2018 00:07:07 GMT", date(2018, 4, 30), "rfc2822"),
        # local day as written: 00:26 at +0400 is still 25 March
        ("Sun, 25 Mar 2018 00:26:57 +0400", date(2018, 3, 25), "rfc2822"),
        ("29/09/2016", date(2016, 9, 29), "dmy-numeric"),
        ("2017-01-22T185600", date(2017, 1, 22), "iso"),
        ("2016-11-16T13:38:00+01:00", date(2016, 11, 16), "iso"),
    ],
)
def test_ant_time_formats(raw, expected, rule):
    got = parse_date(raw)
    assert got == ParsedDate(expected, raw, rule, "gregorian")


def test_rfc2822_without_weekday_or_zone():
    got = parse_date("18 Feb 2018 18:06")
    assert got is not None and got.value == date(2018, 2, 18)


@pytest.mark.parametrize(
    "raw",
    [
        "Sun, 31 Feb 2018 18:06:52 GMT",
        "Sun, 18 Foo 2018 18:06:52 GMT",
        "Sun, 18 Feb 2018 25:06:52 GMT",
    ],
)
def test_bad_rfc2822_is_none(raw):
    assert parse_date(raw) is None


def test_raw_is_the_stripped_field():
    got = parse_date("  \u200f29/09/2016\n")
    assert got is not None and got.raw == "29/09/2016"


# --------------------------------------------------------------------------- month names

EGYPTIAN = [
    (1, "يناير"),
    (2, "فبراير"),
    (3, "مارس"),
    (4, "أبريل"),
    (4, "ابريل"),
    (4, "إبريل"),
    (5, "مايو"),
    (6, "يونيو"),
    (6, "يونيه"),
    (7, "يوليو"),
    (7, "يوليه"),
    (8, "أغسطس"),
    (8, "اغسطس"),
    (9, "سبتمبر"),
    (10, "أكتوبر"),
    (10, "اكتوبر"),
    (11, "نوفمبر"),
    (12, "ديسمبر"),
]
LEVANTINE = [
    (1, "كانون الثاني"),
    (1, "كانون الثانى"),
    (1, "كانون ثاني"),
    (1, "كانون 2"),
    (2, "شباط"),
    (3, "آذار"),
    (3, "اذار"),
    (4, "نيسان"),
    (5, "أيار"),
    (5, "ايار"),
    (6, "حزيران"),
    (7, "تموز"),
    (8, "آب"),
    (8, "اب"),
    (9, "أيلول"),
    (9, "ايلول"),
    (10, "تشرين الأول"),
    (10, "تشرين الاول"),
    (10, "تشرين أول"),
    (10, "تشرين 1"),
    (11, "تشرين الثاني"),
    (11, "تشرين ثاني"),
    (11, "تشرين 2"),
    (12, "كانون الأول"),
    (12, "كانون الاول"),
    (12, "كانون 1"),
]
MAGHREBI = [
    (1, "جانفي"),
    (2, "فيفري"),
    (4, "أفريل"),
    (4, "افريل"),
    (5, "ماي"),
    (6, "جوان"),
    (7, "جويلية"),
    (7, "جويليه"),
    (8, "أوت"),
    (8, "اوت"),
]
MOROCCAN = [
    (7, "يوليوز"),
    (8, "غشت"),
    (9, "شتنبر"),
    (11, "نونبر"),
    (12, "دجنبر"),
]
# Months the Maghrebi and Moroccan calendars share with the Egyptian/Gulf one.
SHARED = [
    (3, "مارس"),
    (9, "سبتمبر"),
    (10, "أكتوبر"),
    (11, "نوفمبر"),
    (12, "ديسمبر"),
    (1, "يناير"),
    (2, "فبراير"),
    (6, "يونيو"),
]


def _family_cases():
    for family, table in [
        ("egyptian", EGYPTIAN),
        ("levantine", LEVANTINE),
        ("maghrebi", MAGHREBI),
        ("moroccan", MOROCCAN),
    ]:
        for month, name in table:
            yield pytest.param(month, name, f"month-name:{family}", id=f"{family}-{name}")


@pytest.mark.parametrize("month, name, rule", list(_family_cases()))
def test_every_month_of_every_family(month, name, rule):
    text = f"12 {name} 2019"
    assert parse_date(text) == ParsedDate(date(2019, month, 12), text, rule, "gregorian")


@pytest.mark.parametrize("month, name", SHARED)
def test_months_shared_between_families(month, name):
    got = parse_date(f"3 {name} 2018")
    assert got is not None and got.value == date(2018, month, 3)


def test_every_family_covers_twelve_months():
    maghrebi = {m for m, _ in MAGHREBI} | {3, 9, 10, 11, 12}
    moroccan = {m for m, _ in MOROCCAN} | {1, 2, 3, 4, 5, 6, 10}
    for months in [{m for m, _ in EGYPTIAN}, {m for m, _ in LEVANTINE}, maghrebi, moroccan]:
        assert months == set(range(1, 13))
    for month, name in [(4, "أبريل"), (5, "ماي"), (10, "أكتوبر")]:  # Moroccan spellings
        got = parse_date(f"1 {name} 2017")
        assert got is not None and got.value == date(2017, month, 1)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("12 يَنَايِر 2019", date(2019, 1, 12)),  # harakat
        ("12 يـنـايـر 2019", date(2019, 1, 12)),  # tatweel
        ("12 كانون2 2019", date(2019, 1, 12)),
        ("12\u00a0يناير\u00a02019", date(2019, 1, 12)),  # NBSP, common in ANT
        ("12 \u200fيناير 2019", date(2019, 1, 12)),  # RLM
        ("05 فيفري 2016", date(2016, 2, 5)),
        ("7 أفريل 2014", date(2014, 4, 7)),
        ("1 دسمبر 2018", date(2018, 12, 1)),  # a misspelling seen in real text
        ("١٢ يناير ٢٠١٩", date(2019, 1, 12)),
        ("۱۲ يناير ۲۰۱۹", date(2019, 1, 12)),
    ],
)
def test_month_name_spelling_variants(text, expected):
    got = parse_date(text)
    assert got is not None and got.value == expected
    assert got.raw == text.strip()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("6 أكتوبر عام 1973", date(1973, 10, 6)),
        ("6 أكتوبر سنة 1973", date(1973, 10, 6)),
        ("6 أكتوبر من عام 1973", date(1973, 10, 6)),
        ("6 أكتوبر، 1973", date(1973, 10, 6)),
        ("12 من شهر يناير 2019", date(2019, 1, 12)),
        ("12 يناير 2019م", date(2019, 1, 12)),
        ("12 يناير 2019 م", date(2019, 1, 12)),
        ("الأحد 12 يناير 2019", date(2019, 1, 12)),
        ("الاحد، 12 يناير 2019", date(2019, 1, 12)),
        ("يوم الإثنين 13 يناير 2019", date(2019, 1, 13)),
        ("نشر في: 12 يناير 2019", date(2019, 1, 12)),
        ("تاريخ النشر: 12/01/2019", date(2019, 1, 12)),
        ("12 يناير 2019 - 10:30", date(2019, 1, 12)),
        ("12 يناير 2019 الساعة 10:30 مساء", date(2019, 1, 12)),
        ("12 يناير 2019 10:30 صباحًا", date(2019, 1, 12)),
        ("12 يناير 2019 10:30 ص", date(2019, 1, 12)),
        ("12/01/2019 10:30 p.m.", date(2019, 1, 12)),
        ("12/01/2019 10:30 AM", date(2019, 1, 12)),
        ("12 يناير 2019 10:30 بتوقيت مكة", date(2019, 1, 12)),
        ("12 يناير 2019.", date(2019, 1, 12)),
    ],
)
def test_words_around_a_date(text, expected):
    got = parse_date(text)
    assert got is not None and got.value == expected


# --------------------------------------------------------------------------- combined forms


@pytest.mark.parametrize(
    "text, expected",
    [
        ("12 يناير/كانون الثاني 2019", date(2019, 1, 12)),
        ("12 كانون الثاني/يناير 2019", date(2019, 1, 12)),
        ("3 تشرين الأول (أكتوبر) 2020", date(2020, 10, 3)),
        ("3 أكتوبر (تشرين الأول) 2020", date(2020, 10, 3)),
        ("14 اكتوبر/تشرين الاول 2018", date(2018, 10, 14)),
        ("15 آذار/مارس 2015", date(2015, 3, 15)),
        ("4 يوليو/ تموز 2018", date(2018, 7, 4)),
        ("4 مايو / أيار 2018", date(2018, 5, 4)),
        ("1 يناير/كانون ثاني 2018", date(2018, 1, 1)),
        ("1 مارس/آذار عام 2011", date(2011, 3, 1)),
        ("1 جانفي/يناير 2017", date(2017, 1, 1)),
        ("15 يوليو تموز 2016", date(2016, 7, 15)),
        ("15 يوليو - تموز 2016", date(2016, 7, 15)),
    ],
)
def test_combined_month_forms(text, expected):
    got = parse_date(text)
    assert got == ParsedDate(expected, text, "month-name:combined", "gregorian")


def test_combined_form_naming_two_different_months_is_none():
    assert parse_date("12 يناير/شباط 2019") is None
    assert parse_date("3 تشرين الأول (نوفمبر) 2020") is None


# --------------------------------------------------------------------------- Hijri


@pytest.mark.parametrize(
    "text",
    [
        "1 رمضان 1440هـ",
        "1 رمضان 1440 هـ",
        "١ رمضان ١٤٤٠هـ",
        "1 رمضان 1440 ه",
        "1 رمضان 1440 هجري",
        "1 رمضان 1440",
    ],
)
def test_hijri_date_converted_with_umm_al_qura(text):
    # 1 Ramadan 1440 AH began on Monday 6 May 2019 in the Umm al-Qura calendar.
    assert parse_date(text) == ParsedDate(date(2019, 5, 6), text, "hijri", "hijri")


# Umm al-Qura: the first day of each month of 1440 AH.
HIJRI_MONTHS_1440 = [
    ("محرم", date(2018, 9, 11)),
    ("صفر", date(2018, 10, 10)),
    ("ربيع الأول", date(2018, 11, 9)),
    ("ربيع الاول", date(2018, 11, 9)),
    ("ربيع الآخر", date(2018, 12, 8)),
    ("ربيع الثاني", date(2018, 12, 8)),
    ("جمادى الأولى", date(2019, 1, 7)),
    ("جمادي الاولى", date(2019, 1, 7)),
    ("جمادى الآخرة", date(2019, 2, 6)),
    ("جمادى الثانية", date(2019, 2, 6)),
    ("رجب", date(2019, 3, 8)),
    ("شعبان", date(2019, 4, 6)),
    ("رمضان", date(2019, 5, 6)),
    ("شوال", date(2019, 6, 4)),
    ("ذو القعدة", date(2019, 7, 4)),
    ("ذي القعدة", date(2019, 7, 4)),
    ("ذو الحجة", date(2019, 8, 2)),
    ("ذي الحجة", date(2019, 8, 2)),
    ("ذو الحجه", date(2019, 8, 2)),
]


@pytest.mark.parametrize("name, expected", HIJRI_MONTHS_1440)
def test_every_hijri_month(name, expected):
    got = parse_date(f"1 {name} 1440هـ")
    assert got is not None and (got.value, got.calendar, got.rule) == (expected, "hijri", "hijri")


def test_eid_al_adha_1440():
    got = parse_date("10 ذو الحجة 1440 هـ")
    assert got is not None and got.value == date(2019, 8, 11)


def test_numeric_hijri_date_with_marker():
    got = parse_date("1/9/1440هـ")
    assert got is not None and (got.value, got.calendar) == (date(2019, 5, 6), "hijri")


@pytest.mark.parametrize(
    "text",
    [
        "30 محرم 1440هـ",  # Muharram 1440 had 29 days
        "1 رمضان 1300هـ",  # before the Umm al-Qura table
        "1 رمضان 2019",  # a Hijri month with a Gregorian year
        "12 يناير 2019هـ",  # a Gregorian month with a Hijri marker
        "1/9/2019هـ",
    ],
)
def test_impossible_hijri_dates_are_none(text):
    assert parse_date(text) is None


def test_numeric_hijri_and_gregorian_together_agree():
    # both halves of a real pairing; Umm al-Qura gives the same day as the writer
    got = parse_date("30 / 9 / 1439هـ الموافق 14 / 6 / 2018م")
    assert got is not None and (got.value, got.calendar) == (date(2018, 6, 14), "gregorian")
    assert parse_date("30 / 9 / 1439هـ").value == got.value


def test_hijri_with_gregorian_in_brackets():
    got = parse_date("1 رمضان 1440هـ (6 مايو 2019م)")
    assert got is not None and got.value == date(2019, 5, 6)
    assert got.raw == "1 رمضان 1440هـ (6 مايو 2019م)"


def test_hijri_and_gregorian_together_take_the_gregorian_day():
    text = "الأحد 1 رمضان 1440هـ الموافق 6 مايو 2019م"
    got = parse_date(text)
    assert got is not None and (got.value, got.calendar) == (date(2019, 5, 6), "gregorian")


# --------------------------------------------------------------------------- English


def test_english_month_names():
    for text in ["18 February 2018", "February 18, 2018", "Feb 18 2018"]:
        got = parse_date(text)
        assert got is not None and got.value == date(2018, 2, 18), text


@pytest.mark.parametrize("text", ["February 2018", "March", "18 Feb", "5 June 2019 foo"])
def test_english_dates_missing_a_part_are_none(text):
    assert parse_date(text) is None


# --------------------------------------------------------------------------- not dates


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "hello",
        "2019",
        "12345",
        "2019-03",
        "يناير 2019",
        "12 يناير",
        "ماي",
        "آب 2019",
        "3 صفر",  # a football score: three-nil
        "0 يناير 2019",
        "32 يناير 2019",
        "31 فبراير 2019",
        "29 فبراير 2019",
        "31 نيسان 2019",
        "12 يناير 1066",
        "12 يناير 2019 وقال الوزير",
        "قال الوزير إن 12 يناير 2019 يوم مهم",
        "12 مايوركا 2019",
    ],
)
def test_not_a_date(text):
    assert parse_date(text) is None


def test_a_month_word_needs_a_day_and_a_year_around_it():
    # ``ماي`` and ``آب`` are ordinary words elsewhere.
    assert find_header_date("ماي فريند\nنص") is None
    assert find_header_date("آب في المدينة 2019\nنص") is None


@pytest.mark.parametrize(
    "line, month, rule",
    [
        ("جويلية 2012", date(2012, 7, 1), "month-year:maghrebi"),
        ("يوليو 2012", date(2012, 7, 1), "month-year:egyptian"),
        ("آب 2019", date(2019, 8, 1), "month-year:levantine"),
        ("يوليو/تموز 2012", date(2012, 7, 1), "month-year:combined"),
        ("تاريخ النشر: يوليو 2012", date(2012, 7, 1), "month-year:egyptian"),
    ],
)
def test_month_and_year_lines_have_month_precision(line, month, rule):
    got = find_header_date(line + "\nنص الخبر")
    assert got is not None and (got.value, got.rule, got.precision) == (month, rule, "month")


@pytest.mark.parametrize(
    "text, label",
    [
        ("عنوان\n\nكتب/ علي الريمي:\n\nتاريخ النشر :17 فبراير 2012\nنص", "تاريخ النشر"),
        ("عنوان\nنُشر بتاريخ: الأحد 12 فبراير 2012\nنص", "نُشر بتاريخ"),
        ("عنوان\nسطر\nسطر\nآخر تحديث 17/02/2012 - 10:30\nنص", "آخر تحديث"),
        ("نشر في 17 فبراير 2012\nنص", "نشر في"),
    ],
)
def test_publication_date_labels_in_the_first_lines(text, label):
    got = find_header_date(text)
    assert got is not None and got.label == label and got.value.year == 2012


def test_a_label_deep_in_the_story_is_not_read():
    text = "عنوان\n" + "سطر\n" * 8 + "تاريخ النشر: 17 فبراير 2012\n"
    assert find_header_date(text) is None


def test_weekday_forms():
    assert find_header_date("الخميس الموافق 16 فبراير 2012\nنص").value == date(2012, 2, 16)
    assert find_header_date("يوم الخميس، 16 فبراير 2012م\nنص").value == date(2012, 2, 16)


def test_one_grammar_for_datelines_and_dates():
    from newsarc.datelines import find_dateline

    line = "تونس 11 ديسمبر 2016 (وات) - أعلنت الوزارة"
    dateline = find_dateline(line)
    assert dateline is not None and dateline.place == "تونس" and dateline.agency == "وات"
    assert dateline.date is not None and find_header_date(line) == dateline.date


def test_parsed_date_is_frozen():
    got = parse_date("2019-01-12")
    assert got is not None
    with pytest.raises(dataclasses.FrozenInstanceError):
        got.value = date(2000, 1, 1)  # type: ignore[misc]


# --------------------------------------------------------------------------- header dates


@pytest.mark.parametrize(
    "text, expected, raw",
    [
        ("بيروت - 12 كانون الثاني 2019 - أعلن الجيش", date(2019, 1, 12), "12 كانون الثاني 2019"),
        ("بيروت – 12 كانون الثاني 2019 – أعلن", date(2019, 1, 12), "12 كانون الثاني 2019"),
        ("بيروت - الأحد، 12 آب 2019. قال", date(2019, 8, 12), "12 آب 2019"),
        ("القاهرة (رويترز) - ١٢ يناير ٢٠١٩ - قال", date(2019, 1, 12), "١٢ يناير ٢٠١٩"),
        (
            "موسكو، روسيا (CNN)-- 3 تشرين الأول (أكتوبر) 2020، قال",
            date(2020, 10, 3),
            "3 تشرين الأول (أكتوبر) 2020",
        ),
        ("تونس (وات) - 05 فيفري 2016 - أعلنت", date(2016, 2, 5), "05 فيفري 2016"),
        ("القاهرة (رويترز) 12 يناير 2019 - قال", date(2019, 1, 12), "12 يناير 2019"),
        ("واشنطن، الولايات المتحدة (CNN)-- 2 مايو 2018", date(2018, 5, 2), "2 مايو 2018"),
        ("الرياض - 1 رمضان 1440هـ - بدأ", date(2019, 5, 6), "1 رمضان 1440هـ"),
        ("الرباط - 3 شتنبر 2018 -", date(2018, 9, 3), "3 شتنبر 2018"),
    ],
)
def test_dateline_dates(text, expected, raw):
    got = find_header_date(text + "\nبقية الخبر")
    assert got is not None and got.value == expected and got.raw == raw


@pytest.mark.parametrize(
    "text, expected",
    [
        ("12 يناير 2019\nنص الخبر", date(2019, 1, 12)),
        ("عنوان الخبر\nالأحد 12 يناير 2019\nنص", date(2019, 1, 12)),
        ("عنوان\n\nنشر في: ١٢/٠١/٢٠١٩ - ١٠:٣٠\nنص", date(2019, 1, 12)),
        ("(12 يناير 2019)\nنص", date(2019, 1, 12)),
        ("2019-01-12\nنص", date(2019, 1, 12)),
        ("2019-01-12T10:30:00+03:00\nنص", date(2019, 1, 12)),
        ("عنوان\nالأحد 1 رمضان 1440هـ الموافق 6 مايو 2019م\nنص", date(2019, 5, 6)),
        ("Sun, 18 Feb 2018 18:06:52 GMT\nنص", date(2018, 2, 18)),
    ],
)
def test_header_lines_that_are_dates(text, expected):
    got = find_header_date(text)
    assert got is not None and got.value == expected
    assert got.raw in text


def test_hijri_header_keeps_the_hijri_text():
    got = find_header_date("عنوان\n1 رمضان 1440 هـ\nنص")
    assert got == ParsedDate(date(2019, 5, 6), "1 رمضان 1440 هـ", "hijri", "hijri")


@pytest.mark.parametrize(
    "text",
    [
        # a date inside the lead is a mention, not the publication date
        "أقيم حفل، السبت، في ذكرى حرب 6 أكتوبر عام 1973، بحضور الوزراء",
        "قال الوزير إن 12 ماي 2019 سيكون يوما مهما",
        "القاهرة، مصر (CNN)-- تحل ذكرى حرب 6 أكتوبر 1973، اليوم",
        "الطقس اليوم الأحد 12 فيفري 2017 ممطر في الشمال",
        # a comma or a colon after a few words is a sentence, not a dateline
        "أعلنت الحكومة، الثلاثاء 11 أفريل 2017، عن خطة جديدة",
        "بيروت، 12 آب 2019، قال",
        "وفي ما يلي البرنامج : الجمعة 27 جانفي 2017 الملعب",
        "عنوان\nبرنامج المباريات : السبت 4 فيفري 2017 -",
        # a line ending with a colon introduces a list: its first date is not a header
        "برنامج مباريات نهاية الأسبوع :\nالأحد 26 فيفري 2017\n",
        # beyond the header lines
        "عنوان\nسطر ثان\n12 يناير 2019\n",
        "عنوان\n\nسطر ثان\n\nبيروت - 12 يناير 2019 -\n",
        # beyond the header characters
        "ا" * 250 + "\n12 يناير 2019\n",
        # the date deep in the story
        "عنوان\nنص الخبر بلا تاريخ.\n" + "كلام " * 100 + "\nبيروت - 12 كانون الثاني 2019 - ",
        # a place too long to be a dateline
        "قال المتحدث باسم وزارة الخارجية في مؤتمر صحفي عقده اليوم في العاصمة - 12 يناير 2019 -",
        # no date at all
        "",
        "\n\n\n",
        "عنوان\nنص",
    ],
)
def test_no_header_date(text):
    assert find_header_date(text) is None


def test_first_header_date_wins():
    got = find_header_date("12 يناير 2019\n13 يناير 2019\n")
    assert got is not None and got.value == date(2019, 1, 12)


def test_invalid_header_date_is_skipped():
    assert find_header_date("بيروت - 31 شباط 2019 - قال") is None


# --------------------------------------------------------------------------- file names


@pytest.mark.parametrize(
    "name, expected, raw",
    [
        ("SK-sport-1-20180218.txt", date(2018, 2, 18), "20180218"),
        ("2019-03-23_article.txt", date(2019, 3, 23), "2019-03-23"),
        ("article_2019_03_23.txt", date(2019, 3, 23), "2019_03_23"),
        ("news.2019.3.5.txt", date(2019, 3, 5), "2019.3.5"),
        ("JA-localNews-608-11012017.txt", date(2017, 1, 11), "11012017"),  # DDMMYYYY
        ("23-03-2019 خبر.txt", date(2019, 3, 23), "23-03-2019"),
        ("IMG_20190323_123456.txt", date(2019, 3, 23), "20190323"),
        ("corpus/2018/SK-sport-1-20180218.txt", date(2018, 2, 18), "20180218"),
        ("C:\\news\\٢٠١٩-٠٣-٢٣.txt", date(2019, 3, 23), "٢٠١٩-٠٣-٢٣"),
    ],
)
def test_filename_dates(name, expected, raw):
    assert find_date_in_filename(name) == ParsedDate(expected, raw, "filename", "gregorian")


@pytest.mark.parametrize(
    "name",
    [
        "JA-localNews-166-00000000.txt",  # a placeholder, not a date
        "12345678.txt",
        "18000101.txt",  # implausible year
        "22000101.txt",
        "2019-02-30.txt",
        "2019-13-01.txt",
        "201903231.txt",  # nine digits: part of a longer number
        "x_20190323_20190324.txt",  # two different dates: no guess
        "2019-03-23/article.txt",  # folders are not the name
        "article.txt",
        "",
    ],
)
def test_no_filename_date(name):
    assert find_date_in_filename(name) is None


def test_same_date_twice_in_a_filename_is_fine():
    got = find_date_in_filename("20190323-2019-03-23.txt")
    assert got is not None and got.value == date(2019, 3, 23)


# --------------------------------------------------------------------------- query ranges


@pytest.mark.parametrize(
    "expr, expected",
    [
        ("2019", (date(2019, 1, 1), date(2019, 12, 31))),
        ("2019-03", (date(2019, 3, 1), date(2019, 3, 31))),
        ("2019-3", (date(2019, 3, 1), date(2019, 3, 31))),
        ("2019-02", (date(2019, 2, 1), date(2019, 2, 28))),
        ("2020-02", (date(2020, 2, 1), date(2020, 2, 29))),
        ("2019-03-23", (date(2019, 3, 23), date(2019, 3, 23))),
        ("2019/03/23", (date(2019, 3, 23), date(2019, 3, 23))),
        ("2019..2020", (date(2019, 1, 1), date(2020, 12, 31))),
        ("2019 .. 2020", (date(2019, 1, 1), date(2020, 12, 31))),
        ("2019-03..2019-04-10", (date(2019, 3, 1), date(2019, 4, 10))),
        ("2019..2019", (date(2019, 1, 1), date(2019, 12, 31))),
        ("2019-03..", (date(2019, 3, 1), None)),
        ("..2018", (None, date(2018, 12, 31))),
        ("..2018-02", (None, date(2018, 2, 28))),
        ("٢٠١٩..٢٠٢٠", (date(2019, 1, 1), date(2020, 12, 31))),
        ("٢٠١٩-٠٣", (date(2019, 3, 1), date(2019, 3, 31))),
        ("12/01/2019", (date(2019, 1, 12), date(2019, 1, 12))),
        ("20190112", (date(2019, 1, 12), date(2019, 1, 12))),
        ("12 يناير 2019..2019-02", (date(2019, 1, 12), date(2019, 2, 28))),
    ],
)
def test_date_ranges(expr, expected):
    assert parse_date_range(expr) == expected


@pytest.mark.parametrize(
    "expr",
    [
        "",
        "  ",
        "..",
        "19",
        "2019-13",
        "2019-00",
        "2019-02-30",
        "2019-3-",
        "2019...2020",
        "2019..2020..2021",
        "abc",
        "date:2019",
        "يناير",
        "12 يناير",
        "2019-03-23x",
        "201903",
    ],
)
def test_unparseable_ranges_raise(expr):
    with pytest.raises(ValueError, match=r"^unparseable date: "):
        parse_date_range(expr)


@pytest.mark.parametrize("expr", ["2020..2019", "2019-03-02..2019-03-01", "2019-04..2019-03-31"])
def test_empty_ranges_raise(expr):
    with pytest.raises(ValueError, match=r"^empty date range: "):
        parse_date_range(expr)


def test_range_error_messages_are_one_line():
    for expr in ["2019-02-30", "x\ny", "2020..2019"]:
        with pytest.raises(ValueError) as err:
            parse_date_range(expr)
        assert "\n" not in str(err.value)


# --------------------------------------------------------------------------- real data


def _ant_sample() -> Path:
    shared = os.environ.get("NEWSARC_SHARED")
    root = Path(shared) if shared else Path(__file__).resolve().parents[2] / "shared"
    return root / "data" / "ant-news" / "ant_news.sample2k.jsonl.gz"


def test_ant_sample_metadata_dates_read_to_the_same_day():
    path = _ant_sample()
    if not path.is_file():
        pytest.skip(f"ANT sample not found at {path}")
    wrong = []
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            record = json.loads(line)
            got = parse_date(record["date_raw"])
            if got is None or got.value != date.fromisoformat(record["date"][:10]):
                wrong.append(record["date_raw"])
    assert wrong == []


# --------------------------------------------------------------------------- properties

_TOKENS = st.sampled_from(
    [name for _, name in EGYPTIAN + LEVANTINE + MAGHREBI + MOROCCAN]
    + [name for name, _ in HIJRI_MONTHS_1440]
    + [
        "12",
        "٣١",
        "0",
        "99",
        "2019",
        "١٤٤٠",
        "1300",
        "9999",
        "00000000",
        "20190230",
        "هـ",
        "م",
        "عام",
    ]
    + [
        "-",
        "–",
        "/",
        ".",
        "..",
        ":",
        "،",
        "(",
        ")",
        "\n",
        "T",
        "GMT",
        "+0400",
        "10:30",
        "بيروت",
        "الأحد",
    ]
    + ["Feb", "May", "Sun,", "يوم", "الموافق", "نشر في:", "\u200f", "\u00a0", "ـ", "َ"]
)
_DATEISH = st.lists(_TOKENS, max_size=12).map(" ".join) | st.lists(_TOKENS, max_size=12).map(
    "".join
)
_ANY_TEXT = st.text(max_size=300) | _DATEISH


@settings(max_examples=400, deadline=None)
@given(_ANY_TEXT)
def test_parse_date_never_raises(text):
    got = parse_date(text)
    if got is not None:
        assert isinstance(got.value, date)
        assert got.raw and got.raw in text
        assert got.calendar in {"gregorian", "hijri"}


@settings(max_examples=400, deadline=None)
@given(_ANY_TEXT)
def test_find_header_date_never_raises(text):
    got = find_header_date(text)
    if got is not None:
        assert got.raw in text


@settings(max_examples=300, deadline=None)
@given(_ANY_TEXT)
def test_find_date_in_filename_never_raises(text):
    got = find_date_in_filename(text)
    if got is not None:
        assert 1900 <= got.value.year <= 2100


@settings(max_examples=400, deadline=None)
@given(_ANY_TEXT)
def test_parse_date_range_raises_only_value_error(text):
    try:
        start, end = parse_date_range(text)
    except ValueError:
        return
    assert start is not None or end is not None
    if start is not None and end is not None:
        assert start <= end


_NEWS_DATES = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
_NAMES = {}
for _month, _name in EGYPTIAN + LEVANTINE + MAGHREBI + MOROCCAN:
    _NAMES.setdefault(_month, []).append(_name)


@given(_NEWS_DATES, st.data())
def test_day_month_name_year_round_trip(d, data):
    name = data.draw(st.sampled_from(_NAMES[d.month]))
    got = parse_date(f"{d.day} {name} {d.year}")
    assert got is not None and got.value == d


@given(_NEWS_DATES)
def test_numeric_round_trips(d):
    for text in [
        d.isoformat(),
        f"{d.day:02d}/{d.month:02d}/{d.year}",
        f"{d.day}.{d.month}.{d.year}",
    ]:
        got = parse_date(text)
        assert got is not None and got.value == d, text
    assert (
        parse_date(
            to_ascii_digits(d.isoformat()).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
        ).value
        == d
    )


@given(_NEWS_DATES)
def test_a_day_is_inside_its_own_month_and_year(d):
    for expr in [f"{d.year}", f"{d.year}-{d.month:02d}", d.isoformat()]:
        start, end = parse_date_range(expr)
        assert start is not None and end is not None and start <= d <= end


@given(_NEWS_DATES, _NEWS_DATES)
def test_ranges_are_ordered_or_rejected(a, b):
    expr = f"{a.isoformat()}..{b.isoformat()}"
    if a <= b:
        assert parse_date_range(expr) == (a, b)
    else:
        with pytest.raises(ValueError):
            parse_date_range(expr)


def test_without_datelines_dates_reads_only_date_lines():
    from newsarc.dates import find_header_date as date_lines_only

    assert date_lines_only("بيروت - 12 كانون الثاني 2019 - أعلن") is None
    assert date_lines_only("الأحد 12 يناير 2019\nنص").value == date(2019, 1, 12)
