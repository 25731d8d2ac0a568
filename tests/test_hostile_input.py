"""Hostile and odd input: ids and paths that try to leave the archive or overwrite an
article, files that are not what they seem, and queries that are not queries. Each gives
a clear error or a sensible result in bounded time; never a traceback, a hang, or a file
written outside corpus/."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest

from conftest import ARTICLE_SCHOOL, ARTICLE_TRADE, SEED, tree_snapshot

TEXT = "تقرير عن أسواق الذهب في الخليج العربي هذا الأسبوع.\nوارتفعت الأسعار في دبي والدوحة."


def _json_lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def _jsonl(path: Path, *records: dict) -> Path:
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    return path


def _corpus(home: Path) -> dict[str, str]:
    return {
        p.relative_to(home).as_posix(): p.read_text(encoding="utf-8")
        for p in (home / "corpus").rglob("*")
        if p.is_file()
    }


# -- ids and paths -----------------------------------------------------------------


@pytest.mark.parametrize(
    "bad_id",
    [
        "../escape",
        "../../../../tmp/newsarc-escape",
        "/etc/passwd",
        "a/b",
        "a\\b",
        "a\x00b",
        ".hidden",
        "..",
        "x" * 129,
        "ا" * 71,  # 71 letters, 142 bytes: too long a file name on some file systems
        "قَالَ",  # marks are not plain letters
        "a b",
        "",
        "\ud800",
    ],
)
def test_unsafe_ids_write_nothing_anywhere(run, home, tmp_path, bad_id):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": bad_id, "text": TEXT}) + "\n", encoding="utf-8")
    outside_before = tree_snapshot(tmp_path)
    result = run("add", str(source), "--json")
    assert result.exit_code == 2
    [record] = _json_lines(result.stdout)
    assert record["status"] == "failed" and "unsafe id" in record["message"]
    assert not home.exists()  # nothing written, not even an empty archive
    assert tree_snapshot(tmp_path) == outside_before
    assert not Path("/tmp/newsarc-escape.txt").exists()


def test_arabic_and_other_plain_ids_are_kept(run, home, tmp_path):
    source = _jsonl(
        tmp_path / "in.jsonl",
        {"id": "مقال-١٢٣", "text": TEXT},
        {"id": "a" * 128, "text": ARTICLE_TRADE},
        {"id": 42, "text": ARTICLE_SCHOOL},
    )
    result = run("add", str(source), "--json")
    assert result.exit_code == 0, result.output
    assert [r["id"] for r in _json_lines(result.stdout)] == ["مقال-١٢٣", "a" * 128, "42"]
    assert json.loads(run("show", "مقال-١٢٣", "--json").stdout)["text"].startswith("تقرير")


def test_ids_that_differ_only_by_normalization_never_overwrite(run, home, tmp_path):
    composed, decomposed = "caf\u00e9", "cafe\u0301"
    assert unicodedata.normalize("NFC", decomposed) == composed
    first = run("add", str(_jsonl(tmp_path / "a.jsonl", {"id": composed, "text": TEXT})))
    assert first.exit_code == 0
    before = _corpus(home)
    second = run(
        "add",
        str(_jsonl(tmp_path / "b.jsonl", {"id": decomposed, "text": ARTICLE_TRADE})),
        "--json",
    )
    assert second.exit_code == 2
    [record] = _json_lines(second.stdout)
    assert (
        record["status"] == "failed"
        and "already in the archive with a different text" in record["message"]
    )
    assert _corpus(home) == before


def test_corpus_file_of_another_article_is_never_replaced(run, home, tmp_path):
    """On a case-insensitive or normalizing file system (a USB disk, macOS) two ids can
    name one file: a file that holds another article is left alone."""
    assert (
        run("add", str(_jsonl(tmp_path / "a.jsonl", {"id": "Report", "text": TEXT}))).exit_code == 0
    )
    [stored] = (home / "corpus").rglob("Report.txt")
    # what a case-insensitive file system would show at the path of id "report"
    clash = stored.with_name("report.txt")
    clash.write_bytes(stored.read_bytes())
    before = _corpus(home)
    result = run(
        "add", str(_jsonl(tmp_path / "b.jsonl", {"id": "report", "text": ARTICLE_TRADE})), "--json"
    )
    assert result.exit_code == 2
    [record] = _json_lines(result.stdout)
    assert "already holds another article; not overwritten" in record["message"]
    assert _corpus(home) == before


@pytest.mark.parametrize(
    "source", ["../../etc", "/", "..", "م" * 300, "a\x00b", "\x1b[31mred", "CON"]
)
def test_sources_stay_one_folder_inside_corpus(run, home, tmp_path, source):
    result = run(
        "add",
        str(_jsonl(tmp_path / "in.jsonl", {"id": "one", "text": TEXT, "source": source})),
        "--json",
    )
    assert result.exit_code == 0, result.output
    [record] = _json_lines(result.stdout)
    stored = home / record["stored"]
    assert stored.is_file()
    assert stored.resolve().parent.parent.parent == (home / "corpus").resolve()
    assert len(stored.parent.parent.name.encode()) <= 100
    shown = json.loads(run("show", "one", "--json").stdout)
    assert "\x1b" not in shown["source"] and "\x00" not in shown["source"]


def test_control_characters_never_reach_the_terminal(run, tmp_path):
    evil = "عنوان \x1b]0;pwned\x07 خبيث"
    source = _jsonl(
        tmp_path / "in.jsonl",
        {
            "id": "evil",
            "title": evil,
            "author": "\x1b[2J",
            "text": "نص فيه \x1b[31mأحمر\x1b[0m وجرس\x07 ونهاية\x00.\n" + TEXT,
        },
    )
    assert run("add", str(source)).exit_code == 0
    for command in (
        ["show", "evil"],
        ["show", "evil", "--json"],
        ["search", "أحمر"],
        ["search", "أحمر", "--json"],
    ):
        out = run(*command).stdout
        assert "\x1b" not in out and "\x07" not in out and "\x00" not in out, command


def test_file_names_that_are_not_utf8(tmp_path):
    """A file name with bytes that are not UTF-8 (an old archive from Windows): added, its
    origin shown with U+FFFD, JSON output still valid UTF-8."""
    folder = tmp_path / "in"
    folder.mkdir()
    name = os.fsdecode(b"\xc7\xe1\xd9\xd1\xc8.txt")  # العرب in Windows-1256
    (folder / name).write_text(TEXT, encoding="utf-8")
    (folder / "مقال عربي طويل الاسم.txt").write_text(ARTICLE_TRADE, encoding="utf-8")
    home = tmp_path / "archive"
    done = subprocess.run(
        [sys.executable, "-m", "newsarc", "--home", str(home), "add", str(folder), "--json"],
        capture_output=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    records = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
    assert [r["status"] for r in records] == ["added", "added"]
    assert any("\ufffd" in r["path"] for r in records)
    article = json.loads(
        subprocess.run(
            [
                sys.executable,
                "-m",
                "newsarc",
                "--home",
                str(home),
                "show",
                records[0]["id"],
                "--json",
            ],
            capture_output=True,
            check=False,
        ).stdout
    )
    assert article["text"]


# -- files -------------------------------------------------------------------------


def test_empty_and_whitespace_files(run, home, tmp_path):
    for name, data in (
        ("empty.txt", b""),
        ("blank.txt", b" \t\r\n\n  \n"),
        ("bom.txt", b"\xef\xbb\xbf\n"),
        ("nbsp.txt", "\u00a0\u200b\n".encode()),
    ):
        (tmp_path / name).write_bytes(data)
        result = run("add", str(tmp_path / name))
        assert result.exit_code == 2, name
        assert f"{name}: " in result.stderr and "Traceback" not in result.output


def test_a_50_mb_text_file_is_refused_quickly(run, home, tmp_path):
    big = tmp_path / "dump.txt"
    with big.open("w", encoding="utf-8") as out:
        line = TEXT.replace("\n", " ") + "\n"
        for _ in range(50 * 1024 * 1024 // len(line.encode())):
            out.write(line)
    started = time.monotonic()
    result = run("add", str(big), str(SEED))
    assert time.monotonic() - started < 10
    assert result.exit_code == 2
    assert "dump.txt: too long for one article" in result.stderr
    assert json.loads(run("stats", "--json").stdout)["articles"] == 1  # the good file was added


def test_an_endless_input_is_refused_in_bounded_time(run, home):
    started = time.monotonic()
    result = run("add", "/dev/zero")
    assert result.exit_code == 2 and "too long for one article" in result.stderr
    assert time.monotonic() - started < 10


def test_a_file_of_one_1_mb_line(run, home, tmp_path):
    words = (TEXT.replace("\n", " ") + " ") * (1024 * 1024 // len(TEXT.encode()) + 1)
    path = tmp_path / "one-line.txt"
    path.write_text(words.strip(), encoding="utf-8")
    assert path.stat().st_size > 1024 * 1024
    result = run("add", str(path), "--json")
    assert result.exit_code == 0, result.output
    article_id = _json_lines(result.stdout)[0]["id"]
    started = time.monotonic()
    hit = _json_lines(run("search", "الذهب", "--json").stdout)[0]
    assert time.monotonic() - started < 20
    assert hit["id"] == article_id and len(hit["snippet"]) < 1000
    assert len(json.loads(run("show", article_id, "--json").stdout)["text"]) == len(words.strip())


def test_invalid_utf8_in_the_middle_of_a_utf8_file(run, home, tmp_path):
    path = tmp_path / "damaged.txt"
    good = (TEXT + "\n") * 20
    path.write_bytes(good.encode() + b"\xd8\x20\xff\xfe" + good.encode())
    result = run("add", str(path))
    assert result.exit_code == 2
    message = result.stderr.strip().splitlines()[0]
    line = good.count("\n") + 1
    assert f"damaged.txt: not valid UTF-8 at byte {len(good.encode())} (line {line})" in message
    assert "mojibake" not in message and not home.exists()


def test_mixed_encodings_in_one_file_are_refused_not_garbled(run, home, tmp_path):
    path = tmp_path / "mixed.txt"
    path.write_bytes(TEXT.encode("utf-8") + b"\n" + ARTICLE_TRADE.encode("cp1256"))
    result = run("add", str(path))
    assert result.exit_code == 2
    assert "mixed.txt: not valid UTF-8 at byte" in result.stderr
    assert "another encoding" in result.stderr


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(run, tmp_path, codec):
    path = tmp_path / "u16.txt"
    path.write_bytes(ARTICLE_TRADE.encode(codec))
    result = run("add", str(path), "--json")
    assert result.exit_code == 0, result.output
    [record] = _json_lines(result.stdout)
    assert record["encoding"] == codec
    shown = json.loads(run("show", record["id"], "--json").stdout)
    assert shown["text"] in ARTICLE_TRADE


def test_jsonl_bad_lines_among_good_ones(run, home, tmp_path):
    """Each line stands alone: bad bytes, a lone surrogate, U+2028 inside a string."""
    good = [
        json.dumps({"id": f"g{n}", "text": f"{TEXT} رقم {n}"}, ensure_ascii=False).encode()
        for n in range(4)
    ]
    lines = [
        good[0],
        b'{"id": "bad-bytes", "text": "\xd8\xa7\xff\xfe"}',  # invalid UTF-8 in line 2 only
        good[1],
        json.dumps({"id": "surrogate", "text": "نص فيه \ud800 بديل"}).encode(),  # \\ud800 escaped
        json.dumps(
            {"id": "sep", "text": "سطر\u2028ثان\u2029ثالث " + TEXT}, ensure_ascii=False
        ).encode(),
        b'{"id": "cut", "text": "no end',
        good[2],
        b"",
        b"\xef\xbb\xbf" + good[3],  # a byte-order mark in the middle is not JSON
    ]
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    result = run("add", str(path), "--json")
    assert result.exit_code == 2
    by_line = {r["path"].rsplit(":", 1)[1]: r for r in _json_lines(result.stdout)}
    assert by_line["1"]["status"] == by_line["3"]["status"] == by_line["7"]["status"] == "added"
    assert by_line["2"]["status"] == "failed" and "mixed.jsonl:2" in by_line["2"]["message"]
    assert by_line["4"]["status"] == "added"  # the lone surrogate became U+FFFD
    assert "\ufffd" in json.loads(run("show", "surrogate", "--json").stdout)["text"]
    assert by_line["5"]["status"] == "added"  # U+2028 is text, not a line break
    assert "\u2028" in json.loads(run("show", "sep", "--json").stdout)["text"]
    assert by_line["6"]["status"] == "failed" and "not valid JSON" in by_line["6"]["message"]
    assert by_line["9"]["status"] == "failed"
    assert "8" not in by_line  # blank lines are skipped


def test_truncated_gzip_keeps_the_lines_before_the_damage(run, home, tmp_path):
    records = "".join(
        json.dumps({"id": f"z{n}", "text": f"{TEXT} رقم {n}"}, ensure_ascii=False) + "\n"
        for n in range(300)
    )
    packed = gzip.compress(records.encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(packed[: len(packed) * 2 // 3])
    result = run("add", str(path), "--json")
    assert result.exit_code == 2
    outcomes = _json_lines(result.stdout)
    assert (
        outcomes[-1]["status"] == "failed"
        and "not a valid gzip file after" in outcomes[-1]["message"]
    )
    assert sum(o["status"] == "added" for o in outcomes) > 50


def test_symlink_loops_pipes_and_dangling_links_in_a_folder_walk(run, home, tmp_path):
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(TEXT, encoding="utf-8")
    (folder / "sub" / "b.txt").write_text(ARTICLE_TRADE, encoding="utf-8")
    (folder / "sub" / "up").symlink_to(folder, target_is_directory=True)  # a loop
    (folder / "self").symlink_to(folder / "self")  # a link to itself
    (folder / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    os.mkfifo(folder / "pipe.txt")  # reading it would block forever
    started = time.monotonic()
    result = run("add", str(folder), "--json")
    assert time.monotonic() - started < 20
    records = _json_lines(result.stdout)
    added = sorted(r["path"].rsplit("/", 1)[1] for r in records if r["status"] == "added")
    assert added == ["a.txt", "b.txt"]
    failed = {r["path"].rsplit("/", 1)[1]: r["message"] for r in records if r["status"] == "failed"}
    assert set(failed) == {"self"}
    assert "cannot read" in failed["self"]
    # A dangling link leads out of the folder: not followed, and said so.
    assert "1 symbolic link leading out of the input folder not followed" in result.stderr
    assert "gone.txt" in result.stderr
    assert result.exit_code == 2


# -- queries -------------------------------------------------------------------------


HOSTILE_QUERIES = [
    '"', "(", ")", "((", "))", '"دولة الخلافة', '("a)"', "[", "]", "{", "}", "[a TO", "a TO b]",
    "AND", "OR", "NOT", "ANDNOT", "AND OR NOT", "الخلافة AND", "OR الخلافة", "NOT NOT الخلافة",
    "( AND )",
    "في", "من في على", "و ال", "!!!", "...", "؟؟؟", "،؛", "*", "?", "**", "*:*", "ا*", "*ا",
    "?????",
    ":", "title:", "source:", "path:x", "id:x", "hash:x", "body:الخلافة", "exact:الخلافة",
    "date:2019",
    "الخلافة^", "الخلافة^1e400", "الخلافة^-5", "الخلافة~", "الخلافة~99", "\\", "'", "<>", "$$",
    "%s%n",
    "\x00", "\x1b[31mالخلافة", "الخلافة\x07", "\u200f\u200e", "\ufeff", "\ud800", "😀", "ﷲ", "ـــ",
    "الخلافة " * 1500, "(" * 5000 + ")" * 5000, '"' + "الخلافة " * 1200 + '"', "OR " * 3000,
    "الخلافة OR " * 800 + "داعش", "ا* " * 1000, "\n\t\r",
]


@pytest.fixture(scope="module")
def query_archive(tmp_path_factory):
    from click.testing import CliRunner

    from newsarc.cli import cli

    home = tmp_path_factory.mktemp("queries") / "archive"
    folder = home.parent / "in"
    folder.mkdir()
    (folder / "seed.txt").write_bytes(SEED.read_bytes())
    (folder / "trade.txt").write_text(ARTICLE_TRADE, encoding="utf-8")
    (folder / "school.txt").write_text(ARTICLE_SCHOOL, encoding="utf-8")
    assert CliRunner().invoke(cli, ["--home", str(home), "add", str(folder)]).exit_code == 0
    return home


@pytest.mark.parametrize(
    "query", HOSTILE_QUERIES, ids=lambda q: repr(q[:20]) + (f"…{len(q)}" if len(q) > 20 else "")
)
def test_hostile_queries(run, query_archive, query):
    started = time.monotonic()
    result = run("search", "--json", "--", query, home_dir=query_archive)
    elapsed = time.monotonic() - started
    assert elapsed < 10, elapsed
    assert "Traceback" not in result.output
    assert result.exit_code in (0, 1, 2)
    if result.exit_code == 2:
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("newsarc: "), result.stderr
        assert result.stdout == ""
    else:
        for hit in _json_lines(result.stdout):
            assert hit["id"]


@pytest.fixture(scope="module")
def large_lexicon(tmp_path_factory):
    """800 articles of made-up words: a lexicon of ~45,000 terms, as a big archive has."""
    import random

    from newsarc.archive import Archive

    rng = random.Random(7)
    letters = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
    home = tmp_path_factory.mktemp("lexicon") / "archive"
    source = home.parent / "words.jsonl"
    with source.open("w", encoding="utf-8") as out:
        for number in range(800):
            words = [
                "".join(rng.choice(letters) for _ in range(rng.randint(3, 8))) for _ in range(60)
            ]
            out.write(
                json.dumps(
                    {"id": f"w{number}", "text": "الخلافة " + " ".join(words)}, ensure_ascii=False
                )
                + "\n"
            )
    real_fsync = os.fsync
    os.fsync = lambda fd: None  # durability is not what this fixture is about
    try:
        Archive.at(home).add([str(source)])
    finally:
        os.fsync = real_fsync
    return home


@pytest.mark.parametrize(
    "query, code, needle",
    [
        ("*", 0, None),  # every article, cheaply
        ("*:*", 0, None),
        ("ا*", 2, "matches more than 1024 different words"),
        ("ا?*", 2, "matches more than 1024 different words"),
        ("[ا TO ي]", 2, "matches more than 1024 different words"),
        ("*ا", 2, "cannot start with * or ?"),
        ("?", 2, "empty query"),  # a question mark ending a word is punctuation (issue 13)
        ("?ا", 2, "cannot start with * or ?"),
        ("الخلاف*", 0, None),
        ("ابت* OR ثجح*", None, None),
        ("الخلافة " * 1500, 0, None),
    ],
)
def test_queries_on_a_large_lexicon_finish_in_bounded_time(run, large_lexicon, query, code, needle):
    started = time.monotonic()
    result = run("search", "--json", "-n", "3", "--", query, home_dir=large_lexicon)
    assert time.monotonic() - started < 5
    assert "Traceback" not in result.output
    if code is not None:
        assert result.exit_code == code, result.output
    if needle:
        assert needle in result.stderr
