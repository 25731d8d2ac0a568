"""Any newspaper's files, read truthfully: legacy bytes, nothing lost, nothing invented,
headlines, bylines and places, clean text (issue 12)."""

from __future__ import annotations

import json

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from newsarc.errors import InputError
from newsarc.layout import take_title
from newsarc.model import Article
from newsarc.reader import ReadOptions, read_inputs, read_text_article

BODY = (
    "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في المدينة بسعة مئتي سرير.\n"
    "وقال الوزير إن المشروع يخدم آلاف المرضى."
)


def read(text: str | bytes, name: str = "inbox/a.txt", **options) -> Article:
    data = text.encode("utf-8") if isinstance(text, str) else text
    return read_text_article(data, name, ReadOptions(**options))


# --------------------------------------------------------------------------- legacy bytes


@pytest.mark.parametrize(
    "tail, note",
    [
        (b"\x00", "1 × NUL at the end"),
        (b"\x00\x00\x00\x00", "4 × NUL at the end"),
        (b"\r\n\x1a", "end-of-file mark (0x1A) at the end"),
        (b"\x1a\x00\x00", "NUL at the end"),
    ],
)
def test_padding_at_the_end_is_dropped_with_a_note(tmp_path, tail, note):
    path = tmp_path / "الحياة" / "a.txt"
    path.parent.mkdir()
    path.write_bytes(("عنوان الخبر\n\n" + BODY).encode("windows-1256") + tail)
    [article] = list(read_inputs([str(path)], ReadOptions()))
    assert isinstance(article, Article), article
    assert article.encoding == "windows-1256" and article.title == "عنوان الخبر"
    assert any(note in n for n in article.notes)


def test_control_bytes_at_the_start_are_dropped_with_a_note():
    article = read(b"\x00\x01" + BODY.encode("utf-8"))
    assert article.text == BODY
    assert any("at the start" in note for note in article.notes)


def test_nul_bytes_throughout_are_still_binary():
    with pytest.raises(InputError, match="binary"):
        read(b"\x89PNG\x00\x00\x00\rIHDR\x00\x00\x01\x00" * 20 + b"\x00")


def test_letters_replaced_by_question_marks_are_refused():
    damaged = "????? ???? ?? ?????? 2012 ???? ????? ?? ????.\n????? ???? ?????."
    with pytest.raises(InputError, match=r"replaced by '\?'"):
        read(damaged)
    read("هل هذا صحيح? نعم، قالها الوزير.\n" + BODY)  # a Latin ? ending a question is fine


def test_padding_leaves_other_files_alone_and_cli_reports_the_note(run, tmp_path):
    folder = tmp_path / "old"
    folder.mkdir()
    (folder / "a.txt").write_bytes(BODY.encode("windows-1256") + b"\x00")
    result = run("add", str(folder), "--json")
    assert result.exit_code == 0, result.output
    [record] = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["status"] == "added" and any("NUL" in note for note in record["notes"])


# --------------------------------------------------------------------------- nothing invented


def test_folder_wins_over_a_sign_off_which_becomes_the_author():
    article = read(f"عنوان الخبر\n\n{BODY}\nمحمد العتيبي", name="news/سبق/a.txt")
    assert article.source == "سبق"
    assert article.author == "محمد العتيبي"
    assert article.text.endswith("\nمحمد العتيبي")  # kept in the text
    assert article.signature is None


@pytest.mark.parametrize(
    "closing, author",
    [
        ("شكري بن منصور", "شكري بن منصور"),
        ("الدكتور غازي فلمبان", "الدكتور غازي فلمبان"),
        ("سموه خلال الاجتماع أمس", None),  # a sentence's tail, not a name
        ("طه عبد الواحدہ", "طه عبد الواحدہ"),
        ("جندي يسقي طفلا ماء", None),  # a photo caption
        ("وزير الدفاع", None),  # a role
        ("أسماء المرشحات المدعوات", None),
    ],
)
def test_closing_lines_that_name_no_source_stay_in_the_text(closing, author):
    article = read(f"{BODY}\n{closing}", name="-")
    assert article.source is None and article.signature is None
    assert article.text.endswith(closing)
    assert article.author == author


def test_a_known_outlet_is_a_signature_and_gives_the_source_without_a_folder():
    article = read(f"{BODY}\nالشرق الأوسط", name="-")
    assert (article.source, article.signature) == ("الشرق الأوسط", "الشرق الأوسط")
    assert not article.text.endswith("الشرق الأوسط")


def test_a_source_the_archive_has_is_a_signature():
    article = read(f"{BODY}\nأخبار الساحل", name="-", known_sources=("أخبار الساحل",))
    assert article.signature == "أخبار الساحل"
    unknown = read(f"{BODY}\nأخبار الساحل", name="-")
    assert unknown.signature is None and unknown.text.endswith("أخبار الساحل")


def test_stats_lists_the_folders_not_the_sign_offs(run, tmp_path):
    for paper, closing in (
        ("سبق", "محمد العتيبي"),
        ("عكاظ", "طه عبد الواحدہ"),
        ("عكاظ", "شكري بن منصور"),
    ):
        folder = tmp_path / "in" / paper
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{len(list(folder.iterdir()))}.txt").write_text(
            f"{BODY} {closing}\n{closing}", encoding="utf-8"
        )
    assert run("add", str(tmp_path / "in")).exit_code == 0
    assert json.loads(run("stats", "--json").stdout)["sources"] == {"سبق": 1, "عكاظ": 2}


# --------------------------------------------------------------------------- headlines


@pytest.mark.parametrize(
    "headline",
    [
        "هل ينجح المنتخب في التأهل إلى كأس العالم؟",
        "انتصار تاريخي!",
        "الوزير: لن نرفع الأسعار. والشعب ينتظر",
        "أنديتنا تتنفس..",
        "«الأمن الغذائي» على طاولة مجلس الوزراء",
        "ترجمات كثيرة وقراءات متعددة لمشهد واحد يعيشه المواطن العربي كل يوم في الأسواق"
        " والمدارس والمستشفيات والطرق",
    ],
)
def test_first_line_and_a_blank_line_is_the_headline_whatever_its_punctuation(headline):
    article = read(f"{headline}\n\n{BODY}")
    assert article.title == headline and article.title_rule == "first-line-blank"
    assert article.text == BODY


@pytest.mark.parametrize(
    "first, why",
    [
        ("جويلية 2012", "date"),
        ("الأحد 12 يناير 2019", "date"),
        ("كتب/ علي الريمي:", "byline"),
        ("بقلم: د. إبراهيم أبو محمد", "byline"),
        ("سبق- أبها:", "dateline"),
        ("الرياض - واس", "dateline"),
        ("عاجل", "label"),
    ],
)
def test_a_date_byline_or_label_is_never_a_headline(first, why):
    decision = take_title(f"{first}\n\n{BODY}")
    assert decision.title is None and decision.rule == f"none: the first line is a {why}"


def test_a_report_label_heads_a_headline():
    assert read(f"تقرير: ليفربول يريد كاسياس\n\n{BODY}").title == "تقرير: ليفربول يريد كاسياس"
    assert read(f"تقرير: علي الحربي:\n\n{BODY}").title is None


def test_without_a_blank_line_a_short_first_line_as_before():
    assert read(f"عنوان قصير للخبر\n{BODY}").title == "عنوان قصير للخبر"
    assert read(f"جملة كاملة تنتهي بنقطة.\n{BODY}").title is None


# --------------------------------------------------------------------------- bylines and places


@pytest.mark.parametrize(
    "byline, place, agency, author",
    [
        ("سبق- أبها:", "أبها", "سبق", None),
        ("ماجد الرفاعي- سبق- جدة:", "جدة", "سبق", "ماجد الرفاعي"),
        ("عين اليوم – جدة", "جدة", "عين اليوم", None),
        ("الرياض - واس", "الرياض", "واس", None),
        ("كتب/ علي الريمي:", None, None, "علي الريمي"),
        ("لندن: رنيم حنوش", "لندن", None, "رنيم حنوش"),
    ],
)
def test_a_byline_under_the_headline(byline, place, agency, author):
    article = read(f"عنوان الخبر\n\n{byline}\n\n{BODY}", name="news/صحيفة/a.txt")
    assert (article.place, article.agency, article.author) == (place, agency, author)
    assert article.title == "عنوان الخبر" and article.text.startswith(byline)


def test_place_finds_the_articles_datelined_jeddah(run, tmp_path):
    folder = tmp_path / "عين اليوم"
    folder.mkdir()
    (folder / "a.txt").write_text(
        f"أمطار على المحافظة\n\nعين اليوم – جدة\n\n{BODY}", encoding="utf-8"
    )
    (folder / "b.txt").write_text(
        f"خبر آخر\n\nعين اليوم – الرياض\n\n{BODY} وجدة.", encoding="utf-8"
    )
    assert run("add", str(folder)).exit_code == 0
    result = run("search", "place:جدة", "--json")
    assert [json.loads(line)["title"] for line in result.stdout.splitlines()] == [
        "أمطار على المحافظة"
    ]


# --------------------------------------------------------------------------- clean text


def test_html_character_references_are_decoded_everywhere(run, tmp_path):
    article = read("&quot;أمن الطرق&quot; بمكة\n\nقال &#8220;نعم&#8221; AT&T &amp; شركاؤه.")
    assert article.title == '"أمن الطرق" بمكة'
    assert article.text == "قال “نعم” AT&T & شركاؤه."
    path = tmp_path / "a.jsonl"
    path.write_text(
        json.dumps({"text": "خبر عن &quot;التعليم&quot; في المدارس.", "id": "q1"}), encoding="utf-8"
    )
    assert run("add", str(path)).exit_code == 0
    assert run("search", "quot").exit_code == 1


def test_zero_width_characters_at_word_edges_are_dropped():
    article = read("\u200bعنوان\u200c الخبر\n\nكلمة\u200b و\u200dكلمة می\u200cخواهم.")
    assert article.title == "عنوان الخبر"
    assert article.text == "كلمة و\u200dكلمة می\u200cخواهم."


# --------------------------------------------------------------------------- nothing dropped

_WORD = st.sampled_from(
    "الخبر المدينة الوزير أعلن اليوم جدة الرياض واس سبق محمد العتيبي كتب بقلم تقرير عاجل 2012 "
    "يناير جويلية الأحد نشر تاريخ النشر: - – ( ) « » . .. ! ؟ ، : / &quot; عين".split()
)
_LINE = st.lists(_WORD, min_size=1, max_size=12).map(" ".join)
_FILE = st.lists(st.one_of(_LINE, st.just("")), min_size=1, max_size=9)


@settings(max_examples=300, deadline=None)
@given(
    lines=_FILE,
    folder=st.sampled_from(["سبق", "inbox", "-"]),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1256"]),
)
def test_every_non_blank_line_ends_up_somewhere_that_shows_it(lines, folder, encoding):
    from newsarc.decode import canonical_text, decode_bytes

    text = "\r\n".join(lines) if encoding == "cp1256" else "\n".join(lines)
    name = "-" if folder == "-" else f"{folder}/a.txt"
    try:
        article = read_text_article(text.encode(encoding), name, ReadOptions())
    except InputError:
        return  # nothing stored: nothing to lose (no words, only a signature…)
    text = decode_bytes(
        text.encode(encoding)
    ).text  # as read (three letters may read as another code page)
    kept = canonical_text(article.text).split("\n")
    shown = [
        v
        for v in (
            article.title,
            article.signature,
            article.author,
            article.dateline,
            article.date_raw,
        )
        if v
    ]
    for line in canonical_text(text).split("\n"):
        line = line.strip()
        if line and any(c.isalnum() for c in line):
            assert line in kept or line in shown, (line, article)


# --------------------------------------------------------------------------- dry run


def test_dry_run_shows_every_decision_on_screen_and_in_json(run, tmp_path):
    folder = tmp_path / "سبق"
    folder.mkdir()
    text = (
        f"هل تنجح الخطة؟\n\nماجد الرفاعي- سبق- جدة:\n\nتاريخ النشر :17 فبراير 2012\n\n{BODY}\nسبق"
    )
    (folder / "a.txt").write_text(text, encoding="utf-8")
    (folder / "b.txt").write_text(f"جويلية 2012\n\n{BODY}\nشكري بن منصور", encoding="utf-8")
    screen = run("add", "--dry-run", str(folder)).stdout
    for row in (
        "title          هل تنجح الخطة؟ (first-line-blank)",
        "signature      «سبق» (closing line, not kept in the text)",
        "date           2012-02-17 (header:month-name:egyptian, from «17 فبراير 2012»,"
        " after the label «تاريخ النشر»)",
        "byline         ماجد الرفاعي- سبق- جدة:",
        "place          جدة",
        "agency         سبق",
        "author         ماجد الرفاعي",
        "title          none (the lead: جويلية 2012); the first line is a date",
        "date           2012-07 (header:month-year:maghrebi, from «جويلية 2012»)",
        "author         شكري بن منصور",
    ):
        assert row in screen, row
    records = [
        json.loads(line)["article"]
        for line in run("add", "--dry-run", "--json", str(folder)).stdout.splitlines()
    ]
    first, second = records
    assert (first["title_rule"], first["signature"], first["date_label"]) == (
        "first-line-blank",
        "سبق",
        "تاريخ النشر",
    )
    assert (first["place"], first["agency"], first["author"]) == ("جدة", "سبق", "ماجد الرفاعي")
    assert (second["date"], second["date_precision"], second["author"]) == (
        "2012-07-01",
        "month",
        "شكري بن منصور",
    )


def test_a_stray_control_byte_inside_a_windows_1256_file_does_not_refuse_it():
    # SaudiNewsNet holds an article with a 0x1A inside: in UTF-8 it was read, in
    # Windows-1256 it was "cannot tell the encoding".
    data = ("عنوان الخبر\n\n" + BODY + "\x1a وختم الخبر.").encode("windows-1256")
    article = read(data)
    assert article.encoding == "windows-1256" and "وختم الخبر" in article.text


# ------------------------------------------------------------------ text functions, any text

_ANY_LINE = st.text(
    alphabet=st.sampled_from(
        list("ابتجدرسعلمنهوي ةىأإآء ًٌٍَُِّْـ0123456789٠١٢-–ـ:/()«».،؟!?&;#\t\u200b\u200c\u00a0")
    ),
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(lines=st.lists(_ANY_LINE, min_size=1, max_size=8))
@example(lines=["ج«آس"])  # quotes inside a word were dropped: a "place" the line never wrote
def test_layout_decisions_on_any_text_lose_nothing_and_never_fail(lines):
    from newsarc.datelines import find_dateline, parse_byline
    from newsarc.layout import closing_line, find_byline, take_title

    text = "\n".join(lines)
    decision = take_title(text)
    if decision.title is None:
        assert decision.text == text
    else:
        assert decision.title.strip() == decision.title and decision.title in text
        assert (
            text.replace(decision.title, "", 1).strip("\n ").endswith(decision.text.strip("\n "))
            or not decision.text.strip()
        )
    closing = closing_line(text)
    assert closing.text == text or closing.signature is not None and text.startswith(closing.text)
    for line in lines:
        found = parse_byline(line)
        assert found is None or found.raw == line.strip()
        dateline = find_dateline(line)
        assert (
            dateline is None or dateline.place is None or dateline.place in " ".join(line.split())
        )
    find_byline(text)
