"""Common Arabic given names: is the first word of a short line a person's first name?

A closing line or a line under the headline is recorded as the article's `author` only
when it reads as a person's name: an optional honorific (`د.`, `الدكتور`), then a given
name from this list (or a compound `عبد…`, `أبو …`), then one to four more words. Captions
and tags (`جندي يسقي طفلا ماء`, `سمات أوباما السياسة`, `وزير الدفاع`) are then left alone.

Compiled by hand for this project from common usage across the Arab world (public facts,
no licence needed); spellings are compared normalized (hamza, taa marbuta, alef maqsura).
Names that are also common nouns opening a caption (`أسماء`, `أمل`, `حياة`, `جمعة`, `عيد`)
are left out: a sign-off missed stays in the text, an author invented would mislead.
Add a name by adding it.
"""

from __future__ import annotations

from functools import cache

from newsarc.normalize import normalize_arabic

# fmt: off
GIVEN_NAMES = """
محمد أحمد محمود مصطفى علي عمر عثمان أبوبكر حسن حسين حسام حسان خالد خليل إبراهيم إسماعيل إسحاق
يوسف يعقوب يحيى يونس موسى عيسى سليمان داود زكريا إلياس أيوب آدم نوح هود صالح شعيب هارون
سعد سعيد سعود سعيدة سالم سلمان سلطان سليم سامي سامر سمير سهيل سيف سفيان سلوى سارة سناء
فهد فيصل فواز فارس فراس فايز فيصل فؤاد فتحي فاطمة فيروز فريد فرج فهيم فالح فهمي فرحان
ناصر نايف نواف نبيل نزار نادر ناجي نجيب نجلاء نورة نوال نادية نهى نسرين نعيم نمر نبيه
ماجد مشعل منصور مبارك مساعد مشاري متعب مطلق منير مازن مراد مروان معاذ مهند مجدي مهدي مريم منى
مها ميساء مي مالك مؤمن منذر مصعب مسفر مفرح مرعي مقبل محسن مشعان مرزوق ممدوح معتز مأمون مختار
بدر بندر بسام باسم باسل بشير بشار بكر بلال بسمة بثينة بدرية بشرى بهاء برهان بخيت بادي
تركي تامر توفيق تيسير تغريد تهاني
ثامر ثابت ثناء
جمال جميل جابر جاسم جعفر جلال جواد جبريل جنى جيهان
حمد حمود حامد حمدان حمزة حاتم حازم حبيب حافظ حمدي حنان حصة حليمة حسناء حمير
رامي رائد راشد ربيع رشيد رضا رياض رعد رمزي رنا رانيا ريم رشا رحاب رقية رزان رنيم رفعت
زياد زيد زهير زكي زاهر زينب زهراء زهرة زكية
شريف شاكر شادي شهاب شوقي شفيق شيماء شريفة شهد شلاش شافي
صادق صابر صبحي صفوان صقر صلاح صفاء صفية صبري
ضياء ضاري ضيف
طارق طلال طه طاهر طلعت طالب
ظافر
عادل عاطف عاصم عامر عباس عبيد عدنان عزيز عزام عصام عطية علاء عماد عمرو عوض عائشة عبير
عفاف علياء عواد عايض عائض عوض عقيل عارف عاطي عتيق عسيري عوني عيسى
غازي غسان غالب غانم غادة غدير غيث
قاسم قيس قصي قحطان
كريم كمال كامل كاظم كرم كوثر
لؤي لطفي ليلى لينا لمى لبنى لطيفة
هاني هشام هيثم هلال همام هادي هاشم هند هالة هدى هيفاء هناء هزاع هذال
وليد وائل وسام وديع وحيد وداد وجدان وضاح
ياسر ياسين يزيد يسري ياسمين يسرى
إياد إيهاب أسامة أكرم أمين أنور أنس أيمن أشرف أديب أسعد أميرة آمنة إيمان ألفت إلهام
أوس أمجد إدريس إلهام أروى أريج أنيس
رجا سحر عبير مشاري مرام نجاة نجلاء حصة لولوة منيرة موضي نوف هيا الجوهرة العنود البندري
شكري طه ميثم رمضان عز نور شمس زايد خلف مرشد عطا عواض سند شجاع هزاع عبود كفى مناحي مسلم
ضيف الله جزاء عبيد حمود مفلح مشبب سويلم دخيل
""".split()
# Compounds and kunyas open with these: `عبدالله`, `عبد الرحمن`, `أبو محمد`.
NAME_OPENINGS = ("عبد", "أبو", "ابو", "أبا", "أم")
# fmt: on


@cache
def _names() -> frozenset[str]:
    return frozenset(normalize_arabic(name) for name in GIVEN_NAMES)


def is_listed_name(normalized: str) -> bool:
    """Is this normalized word one of the given names above (not a compound's opening)?"""
    return normalized in _names()


def is_given_name(word: str) -> bool:
    """`محمد`, `عبدالله`, `أبو`…: a word a person's name can start with."""
    key = normalize_arabic(word)
    return key in _names() or key.startswith(tuple(normalize_arabic(p) for p in NAME_OPENINGS))
