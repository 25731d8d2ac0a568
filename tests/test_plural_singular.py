"""A plural in ات searched with its singular, and not with that singular's own plural in ون
and ين, through the CLI on Whoosh and Xapian (issue 13, item 2). The stemmer files ات with
ة (سيارة, سيارات), so a plural whose ة form the archive hardly writes is also searched by
its singular without ة (القرارات, القرار). Where that singular is a person's too, with a
plural of its own (المنتج, producer: المنتجون, المنتجين), its stem brings that plural:
المنتجات (products) found the producers, العشرات (tens) twenty (العشرين). Short texts
written for these tests."""

from __future__ import annotations

from pathlib import Path

from text_archives import found_texts, texts_archive_fixture

TEXTS = {
    "products-1": "ارتفعت أسعار المنتجات الغذائية.",
    "products-bare": "صدرت الشركة منتجات جديدة.",
    "product": "طرح المنتج الجديد في الأسواق.",
    "product-bare": "هذا منتج محلي.",
    "producers-1": "اجتمع المنتجون في فيينا.",
    "producers-2": "خفض كبار المنتجين الإنتاج.",
    "products-and-producers": "باع المنتجون المنتجات.",
    "sectors": "تطوير القطاعات الاقتصادية.",
    "sector": "نما القطاع الخاص.",
    "two-sectors": "التعاون بين القطاعين العام والخاص.",
}

home = texts_archive_fixture(TEXTS, "plural-singular")


def _found(home: Path, query: str) -> set[str]:
    return found_texts(home, TEXTS, query)


def test_a_plural_finds_its_singular_but_not_the_singulars_own_plural(home: Path) -> None:
    products = {"products-1", "products-bare", "product", "product-bare", "products-and-producers"}
    assert _found(home, "المنتجات") == products
    assert _found(home, "منتجات") == products
    assert _found(home, "المنتجين") >= {"producers-1", "producers-2"}  # still found by itself


def test_a_singular_without_a_plural_in_un_keeps_its_dual(home: Path) -> None:
    # القطاعون is never written: القطاعين is the dual, the two sectors
    assert _found(home, "القطاعات") == {"sectors", "sector", "two-sectors"}


def test_the_singulars_plural_is_left_out_only_where_the_archive_writes_it_in_un() -> None:
    from newsarc.variants import plural_singular_cut_forms

    table = {"المنتجون": 15, "منتجون": 6, "المنتجين": 79, "منتجين": 18, "للمنتجين": 9}
    frequency = lambda t: table.get(t, 0)  # noqa: E731
    assert plural_singular_cut_forms("المنتجات", frequency) == [
        "منتجون", "منتجين", "المنتجون", "المنتجين", "للمنتجين"
    ]  # fmt: skip
    assert plural_singular_cut_forms("المنتج", frequency) == []  # no plural in ات
    table = {"القطاعين": 78, "قطاعين": 1}
    assert plural_singular_cut_forms("القطاعات", frequency) == []  # a dual
