"""A word found through the CLI whatever proclitic run it is written with, on Whoosh and
Xapian (issue 13, item 2): a conjunction before بال or لل (the stemmer, analyzer ar-4), a
noun written more often after ب than alone, and ل + the article of a word starting with ل
written more often than the article form (newsarc.variants). Short texts written for
these tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from newsarc.cli import cli
from text_archives import ENGINES, found_texts, invoke, texts_archive_fixture
from xapian_servers import missing_xapian

TEXTS = {
    # only with a conjunction before لل or بال
    "run-lil": "قدم النادي مكافآت وللاعبين الشباب فرصة للمشاركة في المباراة المقبلة.",
    "run-bal": "احتفل الطلاب وبالمدرسة أقيم معرض للرسم في نهاية العام الدراسي.",
    "lil-bare": "منح المدرب للاعبين راحة ثلاثة أيام قبل المباراة.",
    # نيران: after ب in three articles, alone in two, with the article in two
    "fire-1": "أصيب جنديان بنيران قناصة قرب الحدود الشمالية.",
    "fire-2": "قتل مدني بنيران مجهولين في وسط المدينة.",
    "fire-3": "أصيب طفل بنيران طائشة خلال حفل زفاف.",
    "fire-4": "اشتعلت نيران كثيفة في مستودع للأخشاب.",
    "fire-5": "شبت نيران في غابة قريبة من القرية.",
    "fire-6": "أخمد رجال الإطفاء النيران بعد ساعتين.",
    "fire-7": "امتدت النيران إلى المباني المجاورة.",
    # per litre: للتر in two articles, اللتر in one, التر in none
    "litre-1": "ارتفع سعر البنزين إلى دولار للتر الواحد.",
    "litre-2": "بلغ سعر الحليب نصف دينار للتر في الأسواق.",
    "litre-3": "حددت الحكومة سعر اللتر من الوقود.",
}


home = texts_archive_fixture(TEXTS, "clitic")


def _found(home: Path, query: str) -> set[str]:
    return found_texts(home, TEXTS, query)


def test_a_conjunction_before_lil_or_bal(home: Path) -> None:
    assert _found(home, "للاعبين") == {"run-lil", "lil-bare"}
    assert _found(home, "بالمدرسة") == {"run-bal"}


def test_a_noun_written_more_often_after_a_preposition(home: Path) -> None:
    every = {f"fire-{i}" for i in range(1, 8)}
    assert _found(home, "بنيران") == every
    assert _found(home, "نيران") == every


def test_lam_before_the_article_of_a_word_starting_with_lam(home: Path) -> None:
    assert _found(home, "اللتر") == {"litre-1", "litre-2", "litre-3"}
    assert _found(home, "للتر") == {"litre-1", "litre-2", "litre-3"}


def test_exact_searches_as_written(home: Path) -> None:
    code, out = invoke(home, "search", "بنيران", "--exact", "--output", "paths")
    assert code == 0 and len(out.split()) == 3


@pytest.mark.parametrize("engine", ENGINES)
def test_an_index_of_the_previous_analyzer_asks_for_reindex(engine: str, tmp_path: Path) -> None:
    # The stems changed (ar-3 → ar-4): an archive indexed before must be rebuilt, not
    # searched with the new stems against the old terms.
    import json

    from newsarc.engine.directory import current_index_dir

    if engine == "xapian" and missing_xapian():
        pytest.skip(missing_xapian())
    home = tmp_path / "archive"
    (tmp_path / "a.txt").write_text(TEXTS["run-lil"], encoding="utf-8")
    assert invoke(home, "init", "--engine", engine)[0] == 0
    assert invoke(home, "add", "-q", str(tmp_path / "a.txt"))[0] == 0
    name = "xapian.json" if engine == "xapian" else "newsarc-index.json"
    settings = current_index_dir(home / "index") / name
    recorded = json.loads(settings.read_text(encoding="utf-8"))
    assert recorded["analyzer"] == "ar-4"
    settings.write_text(json.dumps({**recorded, "analyzer": "ar-3"}), encoding="utf-8")
    result = CliRunner().invoke(cli, ["--home", str(home), "search", "للاعبين"])
    assert result.exit_code == 2
    assert "another version" in result.stderr and "newsarc reindex" in result.stderr
    assert invoke(home, "reindex")[0] == 0
    assert invoke(home, "search", "للاعبين", "--output", "ids")[0] == 0
