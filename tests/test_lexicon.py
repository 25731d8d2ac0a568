"""newsarc.lexicon: the spelling evidence (words written next to a term) counted near the
term only, exactly as over the whole normalized text."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import example, given, settings
from hypothesis import strategies as st

from newsarc import lexicon
from newsarc.archive import Archive
from newsarc.cli import cli
from newsarc.lexicon import ReaderLexicon, neighbour_counts
from newsarc.normalize import TOKEN_PATTERN, normalize_arabic
from newsarc.stopwords import ARABIC_STOPWORDS
from xapian_servers import ShardServer, need_xapian

N = normalize_arabic


def counts_over_whole_texts(term: str, texts: list[str]) -> Counter:
    """The definition (and the code before counting near the term): the start of each
    text normalized whole, tokenized, and the words before and after each ``term``."""
    counts: Counter = Counter()
    for text in texts:
        words = TOKEN_PATTERN.findall(normalize_arabic(text[:20_000]))
        for i, word in enumerate(words):
            if word != term:
                continue
            for j in (i - 1, i + 1):
                if 0 <= j < len(words) and words[j] not in ARABIC_STOPWORDS:
                    if not any(char.isdigit() for char in words[j]):
                        counts[words[j]] += 1
    return counts


def test_the_words_beside_a_name_are_counted() -> None:
    texts = [
        "قال الرئيس الأمريكي دونالد ترامب، إن الإدارة ستعلن.",
        "وصل ترامب إلى القمة. ترامب - وقال إنه سعيد",  # a dash: the word after is further
        "ترامب",  # alone: nothing beside it
    ]
    assert neighbour_counts(N("ترامب"), texts) == Counter(
        {N("دونالد"): 1, N("وصل"): 1, N("القمه"): 1, N("وقال"): 1}
    )


def test_a_number_beside_a_word_is_no_context_whatever_its_separators() -> None:
    # percentages: `1.5 بالمئة`, `و2,5 بالمئة`, `٣٫٥ بالمئة` tell nothing of the word
    texts = ["ارتفع 1.5 بالمئة مرتفعا و2,5 بالمئة و٣٫٥ بالمئة و42 بالمئة مقارنة"]
    assert neighbour_counts(N("بالمئة"), texts) == Counter({N("مرتفعا"): 1, N("مقارنة"): 1})


@pytest.mark.parametrize(
    "written",
    [
        "ترامـــب",  # tatweel
        "تَرَامْب",  # marks
        "ترا\u200cمب",  # a zero-width non-joiner inside the word
        "ترا\u200eمب",  # a bidi mark inside it (not a word character until deleted)
        "\ufe97\ufeae\ufe8d\ufee3\ufe8f",  # presentation forms (a PDF's)
    ],
)
def test_a_term_written_with_what_normalization_removes_is_found(written: str) -> None:
    text = f"قال الرئيس\u00a0{written} اليوم"  # (and a no-break space)
    assert neighbour_counts(N("ترامب"), [text]) == Counter({N("الرئيس"): 1, N("اليوم"): 1})


def test_only_the_words_around_the_term_are_normalized(monkeypatch) -> None:
    # A long article naming the term once: what is normalized is the few words around it,
    # not its 20,000 characters (the evidence for one query reads 100 such articles).
    normalized: list[int] = []

    def counting(text: str) -> str:
        normalized.append(len(text))
        return normalize_arabic(text)

    monkeypatch.setattr(lexicon, "normalize_arabic", counting)
    text = "كلام عن الاقتصاد والسياسة " * 400 + "الرئيس ترامب قال " + "كلام آخر " * 800
    assert neighbour_counts(N("ترامب"), [text]) == Counter({N("الرئيس"): 1, N("قال"): 1})
    assert sum(normalized) < 100


# Text made of what the counting near a term must get right: letters in every spelling
# normalization folds, marks, tatweel, format and bidi characters, presentation forms,
# no-break and ordinary spaces, dashes, digits and separators, Latin (final sigma, and
# what composes once a format character between is deleted: e + ZWJ + ◌́ → é), ligatures.
_PIECES = st.sampled_from(
    [
        "ترامب", "ترمب", "الأمريكي", "الاميركي", "ة", "ى", "أ", "إ", "آ", "ک", "ی",
        "ت", "ر", "ا", "م", "ب", "\u064e", "\u0651", "\u0654", "\u0640", "\u200c", "\u200d",
        "\u200b", "\u200e", "\u202b", "\ufeff", "\ufe97", "\ufe8d", "\ufefb", "\ufe70",
        "\ufe72", " ", " ", " ", "\u00a0", "\n", " - ", "، ", ".", ",", "٫", "3", "٣",
        "في", "من", "قال", "Σ", "ΑΣ", "İ", "A", "\x00", "e", "W", "\u0301", "\u030a", "\ufdf2",
    ]
)  # fmt: skip
_TEXTS = st.lists(st.lists(_PIECES, max_size=40).map("".join), min_size=1, max_size=4)


@settings(max_examples=400, deadline=None)
@given(texts=_TEXTS, pick=st.integers(min_value=0))
@example(texts=["ترمب - ترمب \u200e - قال"], pick=0)
@example(texts=["ال\ufe70 ترامب"], pick=0)
def test_counts_near_the_term_equal_counts_over_whole_texts(texts: list[str], pick: int) -> None:
    words = sorted({w for text in texts for w in TOKEN_PATTERN.findall(normalize_arabic(text))})
    for term in [N("ترامب"), N("ترمب"), *words[pick % len(words) :][:1]] if words else []:
        assert neighbour_counts(term, texts) == counts_over_whole_texts(term, texts)


def test_counts_near_the_term_equal_counts_over_whole_texts_on_long_texts() -> None:
    # Past the 20,000 characters looked at, an occurrence is not counted (nor its word).
    text = "يقول ترامب " + "نص " * 6_660 + "الرئيس ترامب اليوم"
    term = N("ترامب")
    assert neighbour_counts(term, [text]) == counts_over_whole_texts(term, [text])
    assert neighbour_counts(term, [text]) == Counter({N("يقول"): 1, N("نص"): 1})


# --- the neighbours counted once per state of the index ----------------------------------

ENGINES = ["whoosh", "xapian", "xapian-shards"]
TRUMP_ARTICLES = [
    "قال الرئيس الأمريكي دونالد ترامب إن الاتفاق انتهى.",
    "أعلن البيت الأبيض أن الرئيس ترامب سيزور اليابان.",
]


@pytest.fixture
def shards(tmp_path):  # type: ignore[no-untyped-def]
    """Two real shard servers, started by the tests that ask for them (skipped where
    Xapian's bindings or server are missing)."""
    servers: list[ShardServer] = []

    def start(count: int = 2) -> list[str]:
        need_xapian()
        for _ in range(count):
            servers.append(ShardServer(tmp_path / f"shard-{len(servers)}"))
            servers[-1].start()
        return [server.address for server in servers[-count:]]

    yield start
    for server in servers:
        server.stop()


def _archive(tmp_path: Path, engine: str, shards=None) -> Path:  # type: ignore[no-untyped-def]
    if engine != "whoosh":
        need_xapian()
    home = tmp_path / engine
    init = ["init", "--engine", engine.partition("-")[0]]
    if engine == "xapian-shards":
        for address in shards():
            init += ["--shard", address]
    assert invoke(home, *init)[0] == 0
    for number, text in enumerate(TRUMP_ARTICLES):
        _add(home, f"{number}.txt", text)
    return home


def _add(home: Path, name: str, text: str) -> None:
    inbox = home.parent / f"inbox-{name}"
    inbox.mkdir()
    (inbox / name).write_text(text, encoding="utf-8")
    code, _, err = invoke(home, "add", "-q", str(inbox), "--source", "اختبار")
    assert code == 0, err


def invoke(home: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["--home", str(home), *args], catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def _neighbours(home: Path, term: str) -> tuple[Counter, list[str]]:
    """The neighbours of ``term`` as a search finds them, and the articles it read."""
    archive = Archive.open(str(home))
    read: list[str] = []

    def read_text(path: str, chars: int) -> str:
        read.append(path)
        return archive.store.read_text_start(path, chars)

    counts = archive.index.read(lambda reader: ReaderLexicon(reader, read_text).neighbours(term))
    return counts, read


def _state(home: Path) -> str | None:
    return Archive.open(str(home)).index.read(lambda reader: reader.state())


@pytest.mark.parametrize("engine", ENGINES)
def test_a_second_search_of_the_same_index_reads_no_article(tmp_path, engine, shards) -> None:
    home = _archive(tmp_path, engine, shards)
    first, read = _neighbours(home, N("ترامب"))
    assert first == Counter({N("دونالد"): 1, N("الرئيس"): 1, N("سيزور"): 1}) and len(read) == 2
    again, read = _neighbours(home, N("ترامب"))
    assert again == first and read == []


@pytest.mark.parametrize("engine", ENGINES)
def test_the_neighbours_of_an_earlier_commit_are_not_used(tmp_path, engine, shards) -> None:
    home = _archive(tmp_path, engine, shards)
    _neighbours(home, N("ترامب"))
    _add(home, "2.txt", "وغرد ترامب صباحا")  # add: a new commit
    counts, read = _neighbours(home, N("ترامب"))
    assert counts[N("وغرد")] == 1 and len(read) == 3
    stored = next((home / "corpus").rglob("*.txt"))
    stored.unlink()
    assert invoke(home, "check", "--repair")[0] in (0, 1)  # a delete: a new commit
    counts, read = _neighbours(home, N("ترامب"))
    assert sum(counts.values()) < 5 and len(read) == 2
    assert invoke(home, "reindex")[0] == 0  # another index
    assert _neighbours(home, N("ترامب"))[1] != []


@pytest.mark.parametrize("engine", ENGINES)
def test_the_state_names_the_index_and_its_commit(tmp_path, engine, shards) -> None:
    home = _archive(tmp_path, engine, shards)
    states = [_state(home)]
    assert states[0] is not None and _state(home) == states[0]  # the same commit
    _add(home, "2.txt", "وغرد ترامب صباحا")
    states.append(_state(home))
    assert invoke(home, "reindex")[0] == 0
    states.append(_state(home))
    other = _archive(tmp_path / "other", engine, shards)  # the same articles, another archive
    states.append(_state(other))
    assert len(set(states)) == len(states)
