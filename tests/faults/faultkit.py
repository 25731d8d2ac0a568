"""Helpers for the fault tests: synthetic articles, and the real `newsarc` in a process.

The synthetic articles are written for these tests: common Arabic news words, shuffled,
numbered so that each text is distinct and easy to check for.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

WORDS = (
    "الحكومة الوزير المدينة الاقتصاد السوق الأسعار المواطنين البرلمان الانتخابات القرار "
    "المشروع الجامعة الطلاب المستشفى الصحة المياه الكهرباء الطرق النقل الزراعة المحصول "
    "التجارة الصادرات الشركات العمال الرواتب الميزانية المجلس الرئيس الشعب الثقافة المسرح "
    "الكتاب المعرض الرياضة المنتخب المباراة الملعب الجمهور الشرطة الأمن المحكمة القاضي"
).split()
COMMON = "تقرير"  # in every article: a query that finds them all


def article_text(number: int, seed: int = 0) -> str:
    rng = random.Random(number * 7919 + seed)
    sentences = []
    for _ in range(rng.randint(2, 5)):
        sentences.append(" ".join(rng.choice(WORDS) for _ in range(rng.randint(6, 14))) + ".")
    return f"{COMMON} رقم {number}: " + " ".join(sentences)


def write_jsonl(path: Path, count: int, start: int = 0, seed: int = 0) -> list[str]:
    """`count` articles with ids art-START… in one JSON Lines file; returns the ids."""
    ids = [f"art-{number}" for number in range(start, start + count)]
    with path.open("w", encoding="utf-8") as out:
        for number, article_id in zip(range(start, start + count), ids):
            record = {
                "id": article_id,
                "text": article_text(number, seed),
                "source": "المصدر",
                "date": "2019-03-23",
            }
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    return ids


def write_text_files(folder: Path, count: int, start: int = 0) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(start, start + count):
        (folder / f"{number:06d}.txt").write_text(article_text(number), encoding="utf-8")


# -- running newsarc for real --------------------------------------------------------

SCRATCH_ROOT = Path("/dev/shm")


@pytest.fixture
def scratch(tmp_path):
    """Where the process-killing tests keep their archives: on tmpfs when there is one.

    A kill -9 or a Ctrl-C acts on the process, not the disk, so the file system does not
    change what these tests prove; on tmpfs fsync costs nothing and they run twice as
    fast. (Power loss is beyond a test suite; the disk-full tests mount their own tmpfs.)
    """
    if SCRATCH_ROOT.is_dir() and os.access(SCRATCH_ROOT, os.W_OK):
        directory = Path(tempfile.mkdtemp(prefix="newsarc-faults-", dir=SCRATCH_ROOT))
        yield directory
        shutil.rmtree(directory, ignore_errors=True)
    else:
        yield tmp_path


# How many kill points the kill -9 tests try: a short run by default, more with
# NEWSARC_FAULT_ROUNDS=50 (see tests/faults/README.md).
ROUNDS = int(os.environ.get("NEWSARC_FAULT_ROUNDS", "1"))


def newsarc(
    home: Path, *args: str, input: bytes | None = None, timeout: float = 120
) -> subprocess.CompletedProcess:
    """Run the real command in a new process; output as text."""
    completed = subprocess.run(
        [sys.executable, "-m", "newsarc", "--home", str(home), *args],
        input=input,
        capture_output=True,
        check=False,
        timeout=timeout,
    )
    completed.stdout = completed.stdout.decode("utf-8", "replace")
    completed.stderr = completed.stderr.decode("utf-8", "replace")
    return completed


def start(home: Path, *args: str, **popen: object) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "newsarc", "--home", str(home), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        **popen,  # type: ignore[arg-type]
    )


def finish(process: subprocess.Popen, timeout: float = 120) -> tuple[int, str, str]:
    out, err = process.communicate(timeout=timeout)
    return process.returncode, out.decode("utf-8", "replace"), err.decode("utf-8", "replace")


def kill(process: subprocess.Popen, how: int = signal.SIGKILL) -> tuple[int, str, str]:
    process.send_signal(how)
    return finish(process, timeout=60)


def corpus_files(home: Path) -> list[Path]:
    corpus = home / "corpus"
    return (
        [p for p in corpus.rglob("*.txt") if not p.name.startswith(".")] if corpus.is_dir() else []
    )


def temp_files(home: Path) -> list[Path]:
    corpus = home / "corpus"
    return [p for p in corpus.rglob(".tmp-*")] if corpus.is_dir() else []


def corpus_ids(home: Path) -> list[str]:
    """The id in each corpus file's header, one per file (so duplicates would show)."""
    ids = []
    for path in corpus_files(home):
        first = path.read_text(encoding="utf-8").split("\n", 1)[0]
        assert first.startswith("id: "), path
        ids.append(first[4:])
    return ids


def wait_until(predicate, timeout: float = 60, interval: float = 0.02) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return False


def assert_clean_failure(
    result: subprocess.CompletedProcess | tuple[int, str, str], *codes: int
) -> None:
    """Exit status as expected, and never a traceback."""
    code, stderr = (
        (result.returncode, result.stderr)
        if isinstance(result, subprocess.CompletedProcess)
        else (result[0], result[2])
    )
    assert "Traceback" not in stderr, stderr
    assert code in codes, (code, stderr)


def assert_whole(home: Path, expected_ids: list[str]) -> None:
    """Every expected article exactly once in corpus/ and in the index, and check is happy."""
    ids = corpus_ids(home)
    assert sorted(ids) == sorted(expected_ids), (len(ids), len(expected_ids))
    assert not temp_files(home)
    check = newsarc(home, "check", "--json")
    report = json.loads(check.stdout)
    assert check.returncode == 0 and report["healthy"], report["problems"]
    assert report["articles_in_index"] == len(expected_ids)
    stats = json.loads(newsarc(home, "stats", "--json").stdout)
    assert stats["articles"] == len(expected_ids)
