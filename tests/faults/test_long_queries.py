"""Long queries — a pasted paragraph, a whole document with --any — are answered as
queries: never a RecursionError blamed on the index, and a 5,000-word OR in seconds."""

from __future__ import annotations

import json
import random
import time

import pytest

pytestmark = pytest.mark.faults

LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"


def _words(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    words: dict[str, None] = {}
    while len(words) < count:
        words["".join(rng.choice(LETTERS) for _ in range(7))] = None
    return list(words)


@pytest.fixture
def many_words(run, tmp_path):
    """One article holding 1,500 different words, and others holding some of them."""
    words = _words(1500, seed=1)
    (tmp_path / "all.txt").write_text(" ".join(words) + ".", encoding="utf-8")
    for number in range(20):
        part = words[number * 60 : number * 60 + 400]
        (tmp_path / f"part{number}.txt").write_text(" ".join(part) + ".", encoding="utf-8")
    assert run("add", str(tmp_path)).exit_code == 0
    return words


def test_a_thousand_word_and_is_answered(run, many_words):
    result = run("search", " ".join(many_words[:1200]), "--output", "ids")
    assert result.exit_code == 0, result.stderr
    assert len(result.stdout.split()) == 1 and "reindex" not in result.stderr


def test_a_five_thousand_word_or_is_answered_in_seconds(run, many_words):
    query = " ".join(many_words + _words(3500, seed=2))
    started = time.monotonic()
    result = run("search", "--any", query, "--json")
    seconds = time.monotonic() - started
    assert result.exit_code == 0, result.stderr
    assert seconds < 3, f"{seconds:.1f} s"
    # its 64 least common words (newsarc.query.parse.MAX_ANY_WORDS), each in 2 articles
    # here: the article holding them all among the hits, the words left out said on stderr
    whole = run("search", f"{many_words[0]} {many_words[-1]}", "--output", "ids").stdout.split()
    assert len(whole) == 1
    assert whole[0] in [json.loads(line)["id"] for line in result.stdout.splitlines()]
    assert "the 64 least common of 5000 distinct words" in result.stderr
