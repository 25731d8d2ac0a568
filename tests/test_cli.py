"""The whole path through the CLI, in-process with click's CliRunner."""

from __future__ import annotations

import gzip
import json

import pytest

from conftest import ARTICLE_SCHOOL, ARTICLE_TRADE, SEED, has_ansi, tree_snapshot


def _json_lines(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def _seed_text() -> str:
    # The seed ends with a signature line holding just the source: not part of the body.
    lines = SEED.read_text(encoding="utf-8").rstrip("\n").split("\n")
    assert lines[-1] == "العرب"
    return "\n".join(lines[:-1])


@pytest.fixture
def seeded(run, home):
    result = run("add", str(SEED), "--json")
    assert result.exit_code == 0, result.output
    [record] = _json_lines(result.stdout)
    assert record["status"] == "added"
    return record["id"]


class TestSeedArticleEndToEnd:
    @pytest.mark.parametrize("query", ["الاسلامية", "الخِلَافَة", "وسوريا", "الإسلاميه", "الـخـلافـة"])
    def test_found_whatever_the_spelling(self, run, seeded, query):
        result = run("search", query, "--json")
        assert result.exit_code == 0, result.output
        hits = _json_lines(result.stdout)
        assert [hit["id"] for hit in hits] == [seeded]
        assert hits[0]["source"] == "العرب"

    def test_highlights_the_original_spelling(self, run, seeded):
        [hit] = _json_lines(run("search", "الاسلامية", "--json").stdout)
        marked = {hit["snippet"][start:end] for start, end in hit["highlights"]}
        assert marked == {"الإسلامية"}

    def test_clitic_form_highlights_every_form(self, run, seeded):
        [hit] = _json_lines(run("search", "وسوريا", "--json").stdout)
        marked = {
            snippet["text"][s:e] for snippet in hit["snippets"] for s, e in snippet["highlights"]
        }
        assert "سوريا" in marked

    def test_shown_back_whole(self, run, seeded):
        result = run("show", seeded, "--json")
        assert result.exit_code == 0
        article = json.loads(result.stdout)
        assert article["text"] == _seed_text()
        assert article["source"] == "العرب"
        assert article["id"] == seeded
        assert article["title"] is None
        assert article["encoding"] == "utf-8"

    def test_show_for_people_has_header_and_paragraphs(self, run, seeded):
        result = run("show", seeded)
        assert result.exit_code == 0
        assert "العرب" in result.stdout
        assert seeded in result.stdout
        # every paragraph of the text is there, separated by blank lines
        for paragraph in _seed_text().split("\n"):
            assert paragraph in result.stdout
        assert not has_ansi(result.stdout)

    def test_source_from_signature_line(self, run, seeded):
        stats = json.loads(run("stats", "--json").stdout)
        assert stats["articles"] == 1
        assert stats["sources"] == {"العرب": 1}


class TestAdd:
    def test_folder_recursive_and_report(self, run, home, articles_dir):
        (articles_dir / "sub").mkdir()
        (articles_dir / "sub" / "more.txt").write_text(
            "خبر قصير عن الاقتصاد العربي والأسواق.\nتفاصيل الخبر.", encoding="utf-8"
        )
        result = run("add", str(articles_dir), "--json")
        assert result.exit_code == 0, result.output
        records = _json_lines(result.stdout)
        assert [r["status"] for r in records] == ["added"] * 5
        assert all({"id", "status", "path"} <= set(r) for r in records)
        stats = json.loads(run("stats", "--json").stdout)
        assert stats["articles"] == 5
        # folder name is the source where nothing else names one; the seed signs as العرب
        assert stats["sources"]["العرب"] == 1
        assert stats["sources"]["inbox"] == 3
        assert stats["sources"]["sub"] == 1

    def test_same_article_twice_keeps_one_copy(self, run, home):
        assert run("add", str(SEED)).exit_code == 0
        again = run("add", str(SEED), "--json")
        assert again.exit_code == 0
        assert _json_lines(again.stdout)[0]["status"] == "duplicate"
        assert len(list((home / "corpus").rglob("*.txt"))) == 1
        assert json.loads(run("stats", "--json").stdout)["articles"] == 1

    def test_source_option_wins_and_strips_matching_signature(self, run, home):
        result = run("add", str(SEED), "--source", "العرب", "--json")
        article_id = _json_lines(result.stdout)[0]["id"]
        article = json.loads(run("show", article_id, "--json").stdout)
        assert article["text"] == _seed_text()

    def test_source_option_other_than_signature_keeps_the_line(self, run, tmp_path):
        # العرب is a known paper: its closing line is a signature, recorded as such
        result = run("add", str(SEED), "--source", "Reuters", "--json")
        article_id = _json_lines(result.stdout)[0]["id"]
        article = json.loads(run("show", article_id, "--json").stdout)
        assert article["source"] == "Reuters"
        assert article["signature"] == "العرب" and not article["text"].endswith("العرب")

    def test_a_closing_name_that_is_no_source_stays_in_the_text_as_the_author(self, run, tmp_path):
        folder = tmp_path / "سبق"
        folder.mkdir()
        (folder / "a.txt").write_text(
            "عنوان الخبر\n\nنص الخبر عن الرياض وأمطارها.\nمحمد العتيبي", encoding="utf-8"
        )
        result = run("add", str(folder), "--json")
        article = json.loads(run("show", _json_lines(result.stdout)[0]["id"], "--json").stdout)
        assert article["source"] == "سبق"
        assert article["author"] == "محمد العتيبي"
        assert article["text"].endswith("\nمحمد العتيبي") and article["signature"] is None
        assert json.loads(run("stats", "--json").stdout)["sources"] == {"سبق": 1}

    def test_stdin(self, run):
        result = run("add", "-", "--source", "العرب", "--json", input=ARTICLE_TRADE.encode("utf-8"))
        assert result.exit_code == 0, result.output
        [record] = _json_lines(result.stdout)
        assert record["status"] == "added"
        assert record["path"] == "stdin"
        assert json.loads(run("search", "التجارة", "--json").stdout)["id"] == record["id"]

    def test_title_date_options(self, run):
        run(
            "add",
            "-",
            "--title",
            "اتفاقية تجارية",
            "--date",
            "2019-01-12",
            "--source",
            "الأهرام",
            input=ARTICLE_TRADE.encode(),
        )
        [hit] = _json_lines(run("search", "اتفاقية", "--json").stdout)
        assert hit["title"] == "اتفاقية تجارية"
        assert hit["date"] == "2019-01-12"

    def test_malformed_date_option_is_an_error(self, run, home):
        result = run("add", str(SEED), "--date", "yesterday-ish")
        assert result.exit_code == 2
        assert "--date" in result.stderr
        assert not home.exists()

    def test_jsonl_and_gzip(self, run, tmp_path):
        records = [
            {
                "id": "trade-1",
                "text": ARTICLE_TRADE,
                "title": "تجارة",
                "source": "الأهرام",
                "date": "2019-03-23",
                "url": "https://example.com/1",
                "author": "مراسل",
            },
            {"text": ARTICLE_SCHOOL, "source": "الغد"},
        ]
        plain = tmp_path / "a.jsonl"
        plain.write_text(
            "\n".join(json.dumps(r, ensure_ascii=False) for r in records), encoding="utf-8"
        )
        packed = tmp_path / "b.jsonl.gz"
        packed.write_bytes(
            gzip.compress(
                json.dumps(
                    {"id": "x.2", "text": "نص مقال ثالث عن الزراعة في السودان."}, ensure_ascii=False
                ).encode()
            )
        )
        result = run("add", str(plain), str(packed), "--json")
        assert result.exit_code == 0, result.output
        out = _json_lines(result.stdout)
        assert [r["status"] for r in out] == ["added"] * 3
        assert out[0]["id"] == "trade-1" and out[0]["path"].endswith("a.jsonl:1")
        assert out[2]["id"] == "x.2"
        shown = json.loads(run("show", "trade-1", "--json").stdout)
        assert (shown["title"], shown["source"], shown["date"], shown["url"], shown["author"]) == (
            "تجارة", "الأهرام", "2019-03-23", "https://example.com/1", "مراسل")

    def test_jsonl_bad_lines_reported_good_ones_added(self, run, tmp_path):
        path = tmp_path / "mixed.jsonl"
        path.write_text(
            json.dumps({"text": ARTICLE_TRADE}, ensure_ascii=False) + "\n"
            "{not json\n"
            + json.dumps({"title": "بلا نص"}, ensure_ascii=False) + "\n"
            + json.dumps({"id": "../x", "text": ARTICLE_SCHOOL}, ensure_ascii=False) + "\n",
            encoding="utf-8",
        )
        result = run("add", str(path), "--json")
        assert result.exit_code == 2
        assert [r["status"] for r in _json_lines(result.stdout)] == [
            "added", "failed", "failed", "failed"
        ]
        result = run("add", str(path))
        assert "mixed.jsonl:2: not valid JSON" in result.stderr
        assert "mixed.jsonl:3: missing or empty \"text\"" in result.stderr
        assert "mixed.jsonl:4: unsafe id '../x'" in result.stderr


class TestBadInputLeavesArchiveAsItWas:
    @pytest.fixture
    def before(self, run, home):
        assert run("add", str(SEED)).exit_code == 0
        return tree_snapshot(home)

    def _assert_one_line_error(self, result, *needles):
        assert result.exit_code == 2
        lines = [
            line
            for line in result.stderr.splitlines()
            if line.startswith("newsarc:") and "added 0" not in line
        ]
        assert len(lines) == 1, result.stderr
        for needle in needles:
            assert needle in lines[0]
        assert "Traceback" not in result.output

    def test_missing_path(self, run, home, before, tmp_path):
        good = tmp_path / "good.txt"
        good.write_text(ARTICLE_TRADE, encoding="utf-8")
        result = run("add", str(good), str(tmp_path / "nope.txt"))
        self._assert_one_line_error(result, "nope.txt", "no such file")
        assert tree_snapshot(home) == before

    def test_binary_file(self, run, home, before, tmp_path):
        path = tmp_path / "image.txt"
        path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
        self._assert_one_line_error(run("add", str(path)), "image.txt", "binary")
        assert tree_snapshot(home) == before

    def test_undecodable_file(self, run, home, before, tmp_path):
        path = tmp_path / "latin.txt"
        path.write_bytes("Ça coûte très cher à Paris, déjà été.".encode("cp1252"))
        self._assert_one_line_error(run("add", str(path)), "latin.txt", "encoding")
        assert tree_snapshot(home) == before

    def test_empty_file(self, run, home, before, tmp_path):
        path = tmp_path / "empty.txt"
        path.write_bytes(b"  \n\n")
        self._assert_one_line_error(run("add", str(path)), "empty.txt", "empty")
        assert tree_snapshot(home) == before

    def test_unsafe_id(self, run, home, before, tmp_path):
        path = tmp_path / "evil.jsonl"
        path.write_text(json.dumps({"id": "../../etc/x", "text": ARTICLE_TRADE}), encoding="utf-8")
        self._assert_one_line_error(run("add", str(path)), "evil.jsonl:1", "unsafe id")
        assert tree_snapshot(home) == before

    @pytest.mark.parametrize(
        "query", ["(الباغوز", "الباغوز)", '"دولة الخلافة', "في", "من في", "NOT الباغوز", "؟"]
    )
    def test_malformed_query(self, run, home, before, query):
        result = run("search", query)
        assert result.exit_code == 2
        assert result.stdout == ""
        assert (
            result.stderr.startswith("newsarc: ") and len(result.stderr.strip().splitlines()) == 1
        )
        assert tree_snapshot(home) == before

    def test_deeply_nested_json_line(self, run, home, before, tmp_path):
        # json.loads raises RecursionError, not ValueError, on deep nesting: once a traceback.
        path = tmp_path / "deep.jsonl"
        path.write_text("[" * 100_000 + "\n", encoding="utf-8")
        self._assert_one_line_error(run("add", str(path)), "deep.jsonl:1", "nested too deeply")
        assert tree_snapshot(home) == before

    def test_failed_add_into_new_archive_creates_nothing(self, run, home, tmp_path):
        path = tmp_path / "empty.txt"
        path.write_bytes(b"")
        assert run("add", str(path)).exit_code == 2
        assert not home.exists()


class TestSearch:
    @pytest.fixture(autouse=True)
    def _filled(self, run, articles_dir):
        assert run("add", str(articles_dir)).exit_code == 0

    def test_nothing_found_is_exit_1(self, run):
        result = run("search", "كمبيوتر")
        assert result.exit_code == 1
        assert result.stdout == ""

    def test_all_words_must_match(self, run):
        assert len(_json_lines(run("search", "المدرسة عمان", "--json").stdout)) == 1
        assert run("search", "المدرسة الرباط").exit_code == 1

    def test_or_not_phrase(self, run):
        assert len(_json_lines(run("search", "المدرسة OR الرباط", "--json").stdout)) == 2
        assert len(_json_lines(run("search", "المدرسة OR الرباط NOT عمان", "--json").stdout)) == 1
        assert len(_json_lines(run("search", '"دولة الخلافة"', "--json").stdout)) == 1
        assert run("search", '"الخلافة دولة"').exit_code == 1

    def test_source_filter_and_field(self, run):
        assert len(_json_lines(run("search", "سوريا", "--source", "العرب", "--json").stdout)) == 1
        assert run("search", "سوريا", "--source", "inbox").exit_code == 1
        assert len(_json_lines(run("search", "source:العرب", "--json").stdout)) == 1
        assert len(_json_lines(run("search", "source:inbox", "--json").stdout)) == 3

    def test_question_mark_in_pasted_headline(self, run):
        assert run("search", "الباغوز؟").exit_code == 0

    def test_prefix(self, run):
        hits = _json_lines(run("search", "الباغو*", "--json").stdout)
        assert len(hits) == 1

    def test_limit(self, run):
        result = run(
            "search", "في OR المدرسة OR سوريا OR الاتفاقية OR المنتخب", "--limit", "2", "--json"
        )
        assert len(_json_lines(result.stdout)) == 2

    def test_human_output_plain_when_piped(self, run):
        result = run("search", "الاسلامية")
        assert result.exit_code == 0
        assert not has_ansi(result.stdout)
        assert "العرب · undated" in result.stdout
        assert "الإسلامية" in result.stdout
        assert "inbox · undated" in result.stdout  # the school article: الإسلاميّة

    def test_color_always_highlights(self, run):
        result = run("search", "الاسلامية", "--color", "always")
        assert has_ansi(result.stdout)

    def test_color_never(self, run):
        assert not has_ansi(run("search", "الاسلامية", "--color", "never").stdout)

    def test_markup_in_article_is_literal(self, run, tmp_path):
        path = tmp_path / "markup.txt"
        path.write_text(
            "تقرير عن [bold]الاقتصاد[/bold] و [/x] في المنطقة.\nتفاصيل أخرى.", encoding="utf-8"
        )
        assert run("add", str(path)).exit_code == 0
        out = run("search", "الاقتصاد", "--color", "always").stdout
        assert "[bold]" in out and "[/x]" in out


class TestAnalyzeAndSearchModes:
    def test_analyze_without_archive_shows_each_step(self, run, home):
        result = run("analyze", "الإسلاميّة مِنْ ﷺ")
        assert result.exit_code == 0, result.output
        lines = result.stdout.splitlines()
        assert lines[0].split() == ["word", "normalized", "stemmed"]
        assert lines[1].split() == ["الإسلاميّة", "الاسلاميه", "اسلامي"]
        assert lines[2].split() == ["مِنْ", "من", "(stopword)"]
        assert [line.split()[1] for line in lines[3:7]] == ["صلي", "الله", "عليه", "وسلم"]
        assert "الاسلاميه: exact الاسلاميه, stemmed اسلام" in result.stdout
        assert "spelling variants not shown" in result.stdout
        assert not home.exists()  # analyze never creates an archive

    def test_analyze_json(self, run):
        [record] = _json_lines(run("analyze", "--json", "بشرق؟").stdout)
        assert record["tokens"] == [
            {
                "original": "بشرق",
                "start": 0,
                "end": 4,
                "normalized": "بشرق",
                "stemmed": "بشرق",
                "stopword": False,
            }
        ]
        assert record["query"] == ["بشرق: exact بشرق, stemmed بشرق"]
        assert record["error"] is None

    def test_analyze_a_query_of_stopwords(self, run):
        result = run("analyze", "في من")
        assert result.exit_code == 2  # as `search` (issue 13); the words are still shown
        assert "nothing to search for" in result.stdout

    def test_search_exact_does_not_stem(self, run, articles_dir):
        assert run("add", str(articles_dir)).exit_code == 0
        assert run("search", "اتفاقيات").exit_code == 0  # stem اتفاق: the trade article
        assert run("search", "--exact", "اتفاقيات").exit_code == 1
        assert run("search", "--exact", "الاتفاقية").exit_code == 0

    def test_search_any_for_pasted_questions(self, run, articles_dir):
        assert run("add", str(articles_dir)).exit_code == 0
        question = "ما هي المدرسة التي افتتحت في الرباط؟"
        assert run("search", question).exit_code == 1
        hits = _json_lines(run("search", "--any", question, "--json").stdout)
        assert len(hits) == 2  # the school (2 of the words) first, then the football match
        assert "مدرسة" in hits[0]["snippet"] or "المدرسة" in hits[0]["snippet"]

    def test_search_explain_goes_to_stderr(self, run, articles_dir):
        assert run("add", str(articles_dir)).exit_code == 0
        result = run("search", "--explain", "المدرسة", "--json")
        assert result.exit_code == 0
        assert "المدرسه: exact المدرسه, stemmed مدرس" in result.stderr
        assert len(_json_lines(result.stdout)) == 1


class TestOtherCommands:
    def test_show_unknown_id(self, run):
        run("add", str(SEED))
        result = run("show", "no-such-id")
        assert result.exit_code == 2
        assert "no-such-id" in result.stderr

    def test_commands_without_archive(self, run, home):
        for command in (["search", "سوريا"], ["show", "x"], ["stats"], ["check"], ["reindex"]):
            result = run(*command)
            assert result.exit_code == 2, command
            assert "no newsarc archive" in result.stderr
        assert not home.exists()

    def test_check_and_reindex(self, run, home, articles_dir):
        run("add", str(articles_dir))
        assert run("check").exit_code == 0
        report = json.loads(run("check", "--json").stdout)
        assert (
            report["healthy"] and report["articles_in_corpus"] == report["articles_in_index"] == 4
        )
        # a corpus file the index does not know, e.g. copied in by hand
        stray = next((home / "corpus").rglob("*.txt"))
        (stray.parent / "copied-by-hand.txt").write_text(
            stray.read_text(encoding="utf-8").replace(f"id: {stray.stem}", "id: copied-by-hand", 1),
            encoding="utf-8",
        )
        bad = run("check")
        assert bad.exit_code == 2
        assert "copied-by-hand" in bad.stderr
        assert run("reindex").exit_code == 0
        assert run("check").exit_code == 0
        assert run("show", "copied-by-hand").exit_code == 0

    def test_missing_index_points_to_reindex(self, run, home):
        run("add", str(SEED))
        import shutil

        shutil.rmtree(home / "index")
        result = run("search", "سوريا")
        assert result.exit_code == 2 and "reindex" in result.stderr
        assert run("check").exit_code == 2
        assert run("reindex").exit_code == 0
        assert run("search", "سوريا").exit_code == 0

    def test_stats_human(self, run, articles_dir):
        run("add", str(articles_dir))
        out = run("stats").stdout
        assert "4 articles" in out and "العرب" in out

    def test_stats_of_an_undated_archive_says_no_dates_once(self, run):
        run("add", str(SEED))
        first = run("stats").stdout.splitlines()[0]
        assert first == "1 article, 1 source, no dates"

    def test_version_and_help_with_arabic_examples(self, run):
        from newsarc import __version__

        assert __version__ in run("--version").stdout
        for command in (
            [],
            ["add"],
            ["search"],
            ["analyze"],
            ["show"],
            ["stats"],
            ["check"],
            ["reindex"],
        ):
            result = run(*command, "--help")
            assert result.exit_code == 0
            assert any("\u0600" <= char <= "\u06ff" for char in result.stdout), command

    def test_usage_error_is_exit_2(self, run):
        assert run("search").exit_code == 2
        assert run("frobnicate").exit_code == 2


class TestArchiveDiscovery:
    def test_env_and_ancestor(self, tmp_path, monkeypatch, articles_dir):
        from click.testing import CliRunner

        from newsarc.cli import cli

        home = tmp_path / "envhome"
        monkeypatch.setenv("NEWSARC_HOME", str(home))
        runner = CliRunner()
        assert runner.invoke(cli, ["add", str(SEED)]).exit_code == 0
        assert (home / "newsarc.json").is_file()
        monkeypatch.delenv("NEWSARC_HOME")
        nested = home / "corpus"
        monkeypatch.chdir(nested)
        assert runner.invoke(cli, ["search", "الباغوز"]).exit_code == 0

    def test_user_data_dir_default(self, tmp_path, monkeypatch):
        from click.testing import CliRunner

        from newsarc.cli import cli

        data = tmp_path / "xdg"
        monkeypatch.setenv("XDG_DATA_HOME", str(data))
        result = CliRunner().invoke(cli, ["add", str(SEED)])
        assert result.exit_code == 0, result.output
        assert (data / "newsarc" / "newsarc.json").is_file()
