"""Datelines: place (and agency or reporter) at the start of the lead, or in a byline."""

from __future__ import annotations

import pytest

from newsarc.datelines import Dateline, find_dateline, parse_byline, standalone_dateline
from newsarc.reader import ReadOptions, read_text_article

LEAD = "أعلن الجيش اللبناني، الخميس، عن إغلاق عدد من الطرق في المنطقة."


@pytest.mark.parametrize(
    "lead, place, agency",
    [
        (f"بيروت – {LEAD}", "بيروت", None),
        (f"بيروت - {LEAD}", "بيروت", None),
        (f"بيروت— {LEAD}", "بيروت", None),
        (f"القاهرة - سكاي نيوز عربية - {LEAD}", "القاهرة", "سكاي نيوز عربية"),
        ("القاهرة - سكاي نيوز عربية\n" + LEAD, "القاهرة", "سكاي نيوز عربية"),
        (f"لندن: رنيم حنوش\n{LEAD}", "لندن", None),  # a reporter: the author
        (f"لندن: «الشرق الأوسط»\n{LEAD}", "لندن", "الشرق الأوسط"),
        # CNN Arabic's form, as in ANT
        (f"دبي، الإمارات العربية المتحدة (CNN)-- {LEAD}", "دبي، الإمارات العربية المتحدة", "CNN"),
        (
            f"أتلانتا، الولايات المتحدة الأمريكية (CNN) – {LEAD}",
            "أتلانتا، الولايات المتحدة الأمريكية",
            "CNN",
        ),
        (f"القاهرة (رويترز) {LEAD}", "القاهرة", "رويترز"),
        (f"(CNN)-- {LEAD}", None, "CNN"),
        (f"سان فرانسيسكو - {LEAD}", "سان فرانسيسكو", None),
        (f"تونس 11 ديسمبر 2016 (وات) - {LEAD}", "تونس", "وات"),
        (f"بَيْرُوت – {LEAD}", "بَيْرُوت", None),  # harakat
    ],
)
def test_datelines(lead, place, agency):
    found = find_dateline(lead)
    assert found is not None
    assert (found.place, found.agency) == (place, agency)
    assert lead.startswith(found.raw)
    if "رنيم" in lead:
        assert found.author == "رنيم حنوش"


@pytest.mark.parametrize(
    "lead",
    [
        LEAD,
        "أفضت جلسة تونسية-ليبية بمعبر رأس جدير إلى اتفاق.",  # a hyphenated compound
        "أعلنت الشركة التونسية للكهرباء والغاز- إقليم سوسة الشمالية- عن انقطاع مبرمج.",
        "فجرت كوريا الشمالية - كما يبدو - أنفاقا في موقع التجارب.",  # three words: a sentence
        "أقر الكنيست (البرلمان) قانونا جديدا.",  # brackets as a gloss
        "في الصحف اليوم: فشل مجلس الأمن في اتخاذ قرار.",
        "واشنطن: على روسيا مسؤولية خاصة عن القصف\nنص.",  # a headline, not a byline line
        "اكتسحت مصر السعودية بنتيجة 36 -1 في البطولة.",
        "تأليف: إيهاب خليفة\nالناشر: دار",  # a book credit
        "",
    ],
)
def test_not_datelines(lead):
    assert find_dateline(lead) is None


@pytest.mark.parametrize(
    "byline, place, agency",
    [
        ("أبوظبي - سكاي نيوز عربية", "أبوظبي", "سكاي نيوز عربية"),  # every Sky News <AUTHOR>
        ("دبي- العربية.نت", "دبي", "العربية.نت"),
        ("الرياض - واس", "الرياض", "واس"),
    ],
)
def test_bylines(byline, place, agency):
    assert parse_byline(byline) == Dateline(place, agency, byline)


@pytest.mark.parametrize(
    "byline, place, agency, author",
    [
        ("القاهرة – خالد حسني", "القاهرة", None, "خالد حسني"),
        ("اليمن-إسلام سيف", "اليمن", None, "إسلام سيف"),
        ("العربية.نت - إسلام سيف", None, "العربية.نت", "إسلام سيف"),
        ("لندن: رنيم حنوش", "لندن", None, "رنيم حنوش"),
        ("سبق- أبها:", "أبها", "سبق", None),
        ("ماجد الرفاعي- سبق- جدة:", "جدة", "سبق", "ماجد الرفاعي"),
        ("عين اليوم – جدة", "جدة", "عين اليوم", None),
        ("كتب/ علي الريمي:", None, None, "علي الريمي"),
        ("بقلم: د. إبراهيم أبو محمد", None, None, "د. إبراهيم أبو محمد"),
        ("عكاظ (جدة)", "جدة", "عكاظ", None),
        ("أحمد الشميري (صنعاء)", "صنعاء", None, "أحمد الشميري"),
        ("«الاقتصادية» من الرياض", "الرياض", "الاقتصادية", None),
        ("المدينة ـ جدة", "جدة", "المدينة", None),
        ("الجزيرة - واس:", None, "الجزيرة - واس", None),  # the paper credits the wire
        ("الرياض - خالد الحربي", "الرياض", None, "خالد الحربي"),  # a paper named after a city
        ("العربية.نت، رويترز", None, "العربية.نت - رويترز", None),
        ("كمال كافي، أ ف ب - تونس", "تونس", "أ ف ب", "كمال كافي"),
        ("هادي العصيمي، ياسر العتيبي- سبق- جدة:", "جدة", "سبق", "هادي العصيمي، ياسر العتيبي"),
        ("أبها:سعيد آل ميلس", "أبها", None, "سعيد آل ميلس"),
    ],
)
def test_author_agency_and_place_told_apart(byline, place, agency, author):
    found = parse_byline(byline)
    assert found is not None
    assert (found.place, found.agency, found.author) == (place, agency, author)


def test_a_place_is_recorded_only_when_the_gazetteer_knows_it():
    # a reporter's name or an outlet is never a place
    assert parse_byline("عين اليوم – جدة").place == "جدة"
    assert parse_byline("ماجد الرفاعي- سبق- جدة:").place == "جدة"
    found = find_dateline("كفرزيتا البلدة - قال الأهالي إن القصف استمر")
    assert found is None or found.place is None


@pytest.mark.parametrize(
    "byline", ["فرانس 24", "", None, "علي بردى"]
)
def test_not_bylines(byline):
    assert parse_byline(byline) is None


def test_first_line_dateline_with_a_known_agency_is_not_a_title():
    assert standalone_dateline("القاهرة - رويترز", known_agency_only=True) is not None
    assert standalone_dateline("الأهلي - الزمالك", known_agency_only=True) is None  # a headline
    assert standalone_dateline("لندن: رنيم حنوش", known_agency_only=True) is None


def test_city_of_a_place():
    assert Dateline("دبي، الإمارات العربية المتحدة", "CNN", "").city == "دبي"
    assert Dateline(None, "CNN", "").city is None


def test_reader_stores_the_dateline():
    text = "عنوان الخبر\nالقاهرة - سكاي نيوز عربية\n" + LEAD
    article = read_text_article(text.encode("utf-8"), "x.txt", ReadOptions())
    assert article.title == "عنوان الخبر"
    assert (article.place, article.agency, article.dateline) == (
        "القاهرة",
        "سكاي نيوز عربية",
        "القاهرة - سكاي نيوز عربية",
    )


def test_reader_first_line_dateline_is_not_a_title():
    text = "القاهرة - رويترز\n" + LEAD
    article = read_text_article(text.encode("utf-8"), "x.txt", ReadOptions())
    assert article.title is None and article.place == "القاهرة" and article.agency == "رويترز"


def test_place_is_searchable(run, tmp_path):
    (tmp_path / "a.txt").write_text(f"بيروت – {LEAD}", encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        f"دبي، الإمارات العربية المتحدة (CNN)-- {LEAD} وأضاف.", encoding="utf-8"
    )
    (tmp_path / "c.txt").write_text(f"{LEAD} وقال الجيش إن بيروت آمنة.", encoding="utf-8")
    assert run("add", str(tmp_path)).exit_code == 0
    import json

    def places(query):
        result = run("search", query, "--json")
        return sorted(json.loads(line)["place"] for line in result.stdout.splitlines())

    assert places("place:بيروت") == ["بيروت"]  # not the story that mentions Beirut
    assert places("place:الإمارات") == ["دبي، الإمارات العربية المتحدة"]
    assert places("place:دبي الجيش") == ["دبي، الإمارات العربية المتحدة"]
    shown = run("show", json.loads(run("search", "place:بيروت", "--json").stdout)["id"])
    assert "place" in shown.stdout and "بيروت" in shown.stdout


@pytest.mark.parametrize(
    "byline, place",
    [
        ("برمنغهام (بريطانيا): «الشرق الأوسط»", "برمنغهام (بريطانيا)"),  # a place glossed
        ("دبي، الإمارات - رويترز", "دبي، الإمارات"),
    ],
)
def test_places_with_their_country(byline, place):
    assert parse_byline(byline).place == place


@pytest.mark.parametrize(
    "line", ["جدة، قال الوزير إن", "القاهرة (رويترز) أعلن الجيش اللبناني، الخميس"]
)
def test_a_sentence_that_opens_with_a_city_is_no_byline(line):
    assert parse_byline(line) is None


def test_a_scraped_button_is_no_part_of_a_name():
    from newsarc.datelines import looks_like_name

    assert not looks_like_name("Next Previous حامد القرشي")
    assert looks_like_name("حامد القرشي")
