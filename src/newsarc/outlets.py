"""Arab newspapers, news sites and news agencies, with the spellings they are signed with.

A closing line of an article is taken for a source's signature only when it names a source
the user gave, the archive holds, or one listed here; and in a byline (`الرياض - واس`,
`سبق- أبها:`) a part listed here is the agency, not a person or a place.

Each entry is the usual name first, then other spellings and abbreviations seen in print
(`أ ف ب`, `أ.ف.ب`, `فرانس برس`). Names are compared by `outlet_key`: normalized
(hamza, taa marbuta, alef maqsura, marks), without «» or quotes, without a leading
`صحيفة`/`جريدة`/`وكالة`. Compiled by hand for this project from the outlets' own mastheads
and wire credits; public facts, no licence needed. Add an outlet by adding a line.
"""

from __future__ import annotations

import re
from functools import cache

from newsarc.normalize import normalize_arabic

# fmt: off
OUTLETS: tuple[tuple[str, ...], ...] = (
    # news agencies
    ("واس", "وكالة الأنباء السعودية", "و ا س"),
    ("وام", "وكالة أنباء الإمارات"),
    ("قنا", "وكالة الأنباء القطرية"),
    ("كونا", "وكالة الأنباء الكويتية"),
    ("بنا", "وكالة أنباء البحرين"),
    ("العمانية", "وكالة الأنباء العمانية"),
    ("سبأ", "وكالة الأنباء اليمنية"),
    ("سانا", "وكالة الأنباء السورية"),
    ("بترا", "وكالة الأنباء الأردنية"),
    ("وفا", "وكالة الأنباء الفلسطينية"),
    ("أ ش أ", "أ.ش.أ", "وكالة أنباء الشرق الأوسط"),
    ("الوكالة الوطنية للإعلام",),
    ("واع", "وكالة الأنباء العراقية"),
    ("سونا", "وكالة السودان للأنباء"),
    ("وال", "وكالة الأنباء الليبية"),
    ("وات", "وكالة تونس أفريقيا للأنباء"),
    ("واج", "وكالة الأنباء الجزائرية"),
    ("ومع", "لاماب", "ماب", "وكالة المغرب العربي للأنباء"),
    ("رويترز", "Reuters"),
    ("فرانس برس", "أ ف ب", "أ.ف.ب", "ا ف ب", "أف ب", "فرانس بريس", "وكالة الصحافة الفرنسية", "AFP"),
    ("د ب أ", "د.ب.أ", "الألمانية", "DPA"),
    ("أسوشيتد برس", "أسوشيتدبرس", "أسوشيتيد برس", "أ ب", "AP"),
    ("الأناضول",),
    ("سبوتنيك",),
    ("شينخوا", "Xinhua"),
    ("إرنا",),
    ("يو بي آي", "يونايتد برس"),
    ("بلومبرغ", "بلومبيرغ", "Bloomberg"),
    ("إيتار تاس", "تاس"),
    ("وكالات", "الوكالات", "وكالات الأنباء", "وكالة الأنباء"),
    # Saudi newspapers and sites
    ("الرياض", "جريدة الرياض", "الرياض الإلكتروني"),
    ("الجزيرة",),
    ("اليوم",),
    ("الاقتصادية", "الاقتصادية الإلكترونية"),
    ("الشرق الأوسط", "الشرق الأوسط أونلاين"),
    ("عكاظ",),
    ("الوطن",),
    ("المدينة",),
    ("الوئام",),
    ("عين اليوم",),
    ("سبق",),
    ("الرياضي",),
    ("الرياضية",),
    ("البلاد",),
    ("الندوة",),
    ("مكة",),
    ("الشرق",),
    ("الحياة",),
    ("عرب نيوز", "Arab News"),
    ("المواطن",),
    ("تواصل",),
    # Gulf
    ("الخليج",), ("البيان",), ("الاتحاد",), ("الإمارات اليوم",), ("الرؤية",),
    ("الراية",), ("الشرق القطرية",), ("العرب القطرية",), ("الوطن القطرية",),
    ("القبس",), ("الرأي",), ("الأنباء",), ("الجريدة",), ("السياسة",),
    ("الأيام",), ("أخبار الخليج",), ("الوسط",),
    ("عمان",), ("الوطن العمانية",), ("الشبيبة",),
    # Levant and Iraq
    ("النهار",), ("السفير",), ("الأخبار",), ("المستقبل",), ("اللواء",), ("الديار",),
    ("الدستور",), ("الغد",), ("الرأي الأردنية",), ("العرب اليوم",),
    ("تشرين",), ("الثورة",), ("البعث",), ("الوطن السورية",),
    ("القدس",), ("القدس العربي",), ("الحياة الجديدة",), ("فلسطين",),
    ("الصباح",), ("المدى",), ("الزمان",), ("الصباح الجديد",),
    # Egypt and Sudan
    ("الأهرام",), ("الأخبار المصرية",), ("الجمهورية",), ("المصري اليوم",), ("الشروق",),
    ("اليوم السابع",), ("الوفد",), ("الوطن المصرية",), ("البوابة",), ("مصراوي",),
    ("الأهرام العربي",), ("روز اليوسف",), ("أخبار اليوم",),
    ("السوداني",), ("التيار",), ("الانتباهة",),
    # Maghreb
    ("الصباح التونسية",), ("الشروق التونسية",), ("المغرب",), ("الصحافة",), ("الشعب",),
    ("الخبر",), ("الشروق الجزائرية",), ("النهار الجزائرية",), ("المساء",), ("الفجر",),
    ("هسبريس",), ("المساء المغربية",), ("الأحداث المغربية",), ("الصباح المغربية",),
    ("أخبار اليوم المغربية",), ("العلم",), ("الاتحاد الاشتراكي",), ("اليوم 24",),
    ("ليبيا الخبر",), ("بوابة الوسط",),
    # pan-Arab and international in Arabic
    ("العرب",), ("الحياة اللندنية",), ("العربي الجديد",), ("رأي اليوم",), ("إيلاف",),
    ("الجزيرة نت", "الجزيرة.نت"), ("العربية", "العربية نت", "العربية.نت", "قناة العربية"),
    ("سكاي نيوز عربية", "سكاي نيوز"), ("بي بي سي", "بي بي سي عربي", "BBC"),
    ("سي إن إن", "CNN", "سي ان ان"), ("فرانس 24",), ("روسيا اليوم", "آر تي"),
    ("الحرة",), ("دويتشه فيله", "DW"), ("يورونيوز",), ("الميادين",), ("المنار",),
)
# fmt: on

_DROP = re.compile(r"[«»\"“”'‘’()\[\]]")
_PREFIX = re.compile(r"^(?:صحيفة|جريدة|وكالة|موقع|قناة)\s+")


def outlet_key(name: str) -> str:
    """How names of outlets are compared: normalized, no quotes or brackets, dots and
    runs of spaces as one space, no leading `صحيفة`/`جريدة`/`وكالة`."""
    text = normalize_arabic(_DROP.sub("", name)).replace(".", " ")
    text = " ".join(text.split())
    return _PREFIX.sub("", text)


@cache
def _index() -> dict[str, str]:
    index: dict[str, str] = {}
    for names in OUTLETS:
        for spelling in names:
            index.setdefault(outlet_key(spelling), names[0])
            index.setdefault(outlet_key(spelling).replace(" ", ""), names[0])
    return index


def known_outlet(name: str) -> str | None:
    """The usual name of the outlet or agency `name` spells, else None."""
    key = outlet_key(name)
    if not key:
        return None
    index = _index()
    return index.get(key) or index.get(key.replace(" ", ""))
