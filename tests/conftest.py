from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsarc.cli import cli

FIXTURES = Path(__file__).parent / "fixtures"
SEED = FIXTURES / "alarab_baghouz.txt"  # the real al-Arab article, as received

# Short texts written for these tests (not taken from any corpus).
ARTICLE_TRADE = (
    "القاهرة – أعلنت وزارة التجارة المصرية اليوم عن اتفاقية جديدة للتبادل التجاري مع تونس.\n"
    "وقال الوزير إن الاتفاقية ستدخل حيز التنفيذ في بداية العام المقبل."
)
ARTICLE_FOOTBALL = (
    "فاز المنتخب المغربي على نظيره الجزائري في مباراة ودية أقيمت في الرباط.\n"
    "وسجل اللاعبون ثلاثة أهداف في الشوط الثاني أمام جمهور كبير."
)
ARTICLE_SCHOOL = (
    "افتتحت المدرسة الإسلاميّة الجديدة في عمّان أبوابها للطلاب هذا الأسبوع.\n"
    "وقالت مديرة المدرسة إن الدراسة ستبدأ يوم الأحد."
)


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch, tmp_path_factory):
    """No test may find the repository's own archive or the user's real one."""
    monkeypatch.delenv("NEWSARC_HOME", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("COLUMNS", "100")  # rich's width where there is no terminal
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path_factory.mktemp("xdg-data")))
    monkeypatch.chdir(tmp_path_factory.mktemp("cwd"))


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "archive"


@pytest.fixture
def run(home: Path):
    """Run the CLI in-process against the test archive; returns click's Result."""
    runner = CliRunner()

    def invoke(*args: str, input: str | bytes | None = None, home_dir: Path | None = None):
        return runner.invoke(
            cli, ["--home", str(home_dir or home), *args], input=input, catch_exceptions=False
        )

    return invoke


@pytest.fixture
def articles_dir(tmp_path: Path) -> Path:
    """A folder of three short articles plus the real seed article."""
    folder = tmp_path / "inbox"
    folder.mkdir()
    shutil.copy(SEED, folder / "baghouz.txt")
    (folder / "trade.txt").write_text(ARTICLE_TRADE, encoding="utf-8")
    (folder / "football.txt").write_text(ARTICLE_FOOTBALL, encoding="utf-8")
    (folder / "school.txt").write_text(ARTICLE_SCHOOL, encoding="utf-8")
    return folder


def tree_snapshot(root: Path) -> dict[str, bytes]:
    """Every file under root with its content: to prove an archive was left exactly as it was."""
    if not root.exists():
        return {}
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def has_ansi(text: str) -> bool:
    return "\x1b[" in text

