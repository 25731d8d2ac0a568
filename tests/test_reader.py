"""From inputs to Articles: signature lines, titles, ids, sources, JSON Lines."""

from __future__ import annotations

import pytest

from conftest import ARTICLE_TRADE, SEED
from newsarc.errors import InputError
from newsarc.model import AddOutcome, Article
from newsarc.reader import (
    ReadOptions,
    expand_paths,
    read_inputs,
    read_text_article,
    safe_id,
    source_slug,
    split_signature,
    split_title,
)


def test_seed_signature_becomes_source_without_a_folder():
    article = read_text_article(SEED.read_bytes(), "-", ReadOptions())
    assert article.source == "العرب"
    assert article.source_slug == "العرب"
    assert article.signature == "العرب"
    assert not article.text.endswith("العرب")
    assert article.title is None  # the first line is a long paragraph
    assert article.id == article.content_hash[:16]


def test_the_folder_wins_over_the_signature_which_is_kept_as_such(tmp_path):
    path = tmp_path / "inbox" / "a.txt"
    path.parent.mkdir()
    path.write_bytes(SEED.read_bytes())
    article = read_text_article(path.read_bytes(), str(path), ReadOptions())
    assert article.source == "inbox"
    assert article.signature == "العرب"  # a known outlet: recorded, not lost
    assert not article.text.endswith("العرب")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("نص المقال.\nالعرب", ("نص المقال.", "العرب")),
        ("نص المقال.\nسكاي نيوز عربية", ("نص المقال.", "سكاي نيوز عربية")),
        ("نص المقال.\nوقال إن الوضع صعب.", ("نص المقال.\nوقال إن الوضع صعب.", None)),  # a sentence
        ("نص المقال.\n2019", ("نص المقال.\n2019", None)),
        ("العرب", ("العرب", None)),  # nothing but the signature: not a signature
    ],
)
def test_split_signature(text, expected):
    assert split_signature(text, None) == expected


def test_signature_kept_when_source_option_differs():
    assert split_signature("نص.\nالعرب", "الأهرام") == ("نص.\nالعرب", None)
    assert split_signature("نص.\nالعرب", "العرب") == ("نص.", "العرب")


@pytest.mark.parametrize(
    "text, title",
    [
        ("ترامب يعلن هزيمة التنظيم\nنص المقال هنا.", "ترامب يعلن هزيمة التنظيم"),
        ("جملة كاملة تنتهي بنقطة.\nنص.", None),
        ("عنوان وحيد", None),  # nothing follows
        (("كلمة " * 40).strip() + "\nنص.", None),  # too long
    ],
)
def test_split_title(text, title):
    found, rest = split_title(text)
    assert found == title
    if title:
        assert rest == text.split("\n", 1)[1]
    else:
        assert rest == text


@pytest.mark.parametrize("raw", ["AL-culture-197-20180325", "مقال-1", "a.b_c", "42"])
def test_safe_ids(raw):
    assert safe_id(raw, "x") == raw


@pytest.mark.parametrize(
    "raw", ["../x", "/etc/passwd", "a/b", ".hidden", "-x", "a\x00b", "", "x" * 200, "a..b", "a b"]
)
def test_unsafe_ids(raw):
    with pytest.raises(InputError, match="unsafe id"):
        safe_id(raw, "in.jsonl:3")


@pytest.mark.parametrize(
    "name, slug",
    [
        ("العرب", "العرب"),
        ("Sky News Arabia", "sky-news-arabia"),
        ("الأهرام", "الاهرام"),
        ("  BBC  عربي ", "bbc-عربي"),
        ("__", "source"),
    ],
)
def test_source_slug(name, slug):
    assert source_slug(name) == slug


def test_read_inputs_mixes_articles_and_failures(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE_TRADE, encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    items = list(read_inputs([str(good), str(empty)], ReadOptions(source="الأهرام")))
    assert isinstance(items[0], Article) and items[0].source == "الأهرام"
    assert isinstance(items[1], AddOutcome) and items[1].status == "failed"


def test_expand_paths_walks_folders_skips_hidden_and_survives_symlink_loops(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "one.txt").write_text("x")
    (tmp_path / "a" / ".hidden.txt").write_text("x")
    (tmp_path / "a" / "notes.md").write_text("x")
    (tmp_path / "a" / "loop").symlink_to(tmp_path / "a")
    (tmp_path / "b.jsonl.gz").write_bytes(b"")
    found = expand_paths([str(tmp_path)])
    assert sorted(p.rsplit("/", 1)[-1] for p in found) == ["b.jsonl.gz", "one.txt"]


def test_missing_path_fails_before_reading(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        expand_paths([str(tmp_path / "x.txt")])


def test_jsonl_text_may_hold_unicode_line_separators(tmp_path):
    # json.dumps(..., ensure_ascii=False) leaves U+2028/U+2029 raw inside strings; 8 ANT
    # articles hold U+2029, and each used to be split into two bad JSON lines.
    import json

    records = [
        {"id": "p1", "text": "فقرة أولى\u2029فقرة ثانية"},
        {"id": "p2", "text": "سطر\u2028سطر\x85سطر\x1c"},
    ]
    path = tmp_path / "separators.jsonl"
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\r\n" for r in records), encoding="utf-8"
    )
    read = list(read_inputs([str(path)], ReadOptions()))
    assert [type(item) for item in read] == [Article, Article], read
    assert [item.id for item in read] == ["p1", "p2"]
