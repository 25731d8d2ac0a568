"""Near-duplicates (wire copy): sketches, the same-story decision, and what `add`, `search
--collapse` and `reindex` do with them. fixtures/wire/ holds a story written for these
tests, an edited copy of it (other title, dateline, commas, hamza, a digit, a synonym), a
shortened copy, and a different story that repeats its background paragraphs."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import FIXTURES
from newsarc import dedup
from newsarc.reader import split_title

WIRE = FIXTURES / "wire"


def body(name: str) -> str:
    return split_title((WIRE / f"{name}.txt").read_text(encoding="utf-8"))[1]


def sketch(name: str) -> dedup.Sketch:
    value = dedup.sketch(body(name))
    assert value is not None
    return value


def test_same_text_same_sketch_and_similarity_one():
    a = sketch("1-original")
    assert dedup.sketch(body("1-original")) == a
    assert dedup.similarity(a, a) == 1.0 and dedup.lead_similarity(a, a) == 1.0


def test_spelling_variants_are_not_edits():
    text = body("1-original")
    varied = (
        text.replace("أ", "ا").replace("ة", "ه").replace("،", ",").replace("الحكومة", "الحكومةُ")
    )
    assert dedup.sketch(varied) == dedup.sketch(text)


def test_edited_wire_copy_is_the_same_story():
    near, similarity = dedup.is_near_duplicate(sketch("1-original"), sketch("2-edited-copy"))
    assert near and similarity > 0.7


def test_shortened_copy_is_the_same_story_by_containment():
    a, short = sketch("1-original"), sketch("3-shortened-copy")
    jaccard = dedup.similarity(a, short)
    assert jaccard < dedup.MIN_SIMILARITY  # much shorter ...
    assert dedup.containment(a, short, jaccard) >= dedup.MIN_CONTAINMENT  # ... but contained
    assert dedup.is_near_duplicate(a, short)[0]


def test_follow_up_with_shared_background_is_another_story():
    # the follow-up repeats the original's background paragraphs, but its lead is its own
    a, b = sketch("1-original"), sketch("4-follow-up")
    assert dedup.lead_similarity(a, b) < dedup.MIN_LEAD_SIMILARITY
    assert not dedup.is_near_duplicate(a, b)[0]


def test_short_texts_get_no_sketch():
    assert dedup.sketch("خبر قصير من سطر واحد فقط.") is None
    assert dedup.sketch("") is None


def test_sketch_text_round_trip():
    a = sketch("1-original")
    assert dedup.Sketch.from_text(a.to_text()) == a
    with pytest.raises(ValueError):
        dedup.Sketch.from_text("12.AAAA")


def test_story_index_finds_the_story():
    stories = dedup.StoryIndex()
    stories.add(sketch("1-original"), "a", "a")
    stories.add(sketch("4-follow-up"), "b", "b")
    match = stories.find(sketch("2-edited-copy"))
    assert match is not None and (match.article_id, match.story) == ("a", "a")
    stories.add(sketch("2-edited-copy"), "a2", match.story)
    assert stories.find(sketch("3-shortened-copy")).story == "a"
    assert len(stories) == 3


def test_story_index_saved_and_loaded_finds_the_same():
    stories = dedup.StoryIndex()
    stories.add(sketch("1-original"), "a", "a")
    stories.add(sketch("4-follow-up"), "b", "b")
    stories.add(sketch("2-edited-copy"), "a2", "a")
    loaded = dedup.StoryIndex.from_bytes(stories.to_bytes())
    assert len(loaded) == 3
    for name in ("2-edited-copy", "3-shortened-copy", "4-follow-up", "1-original"):
        assert loaded.find(sketch(name)) == stories.find(sketch(name))
    loaded.add(sketch("3-shortened-copy"), "a3", "a")  # and it goes on growing
    assert len(loaded) == 4 and loaded.find(sketch("3-shortened-copy")).article_id in {
        "a",
        "a2",
        "a3",
    }
    assert len(dedup.StoryIndex.from_bytes(dedup.StoryIndex().to_bytes())) == 0


@pytest.mark.parametrize(
    "damage",
    [lambda b: b"", lambda b: b"junk" + b, lambda b: b[:-3], lambda b: b + b"x", lambda b: b[:40]],
)
def test_a_damaged_saved_story_index_is_refused(damage):
    stories = dedup.StoryIndex()
    stories.add(sketch("1-original"), "a", "a")
    with pytest.raises(ValueError):
        dedup.StoryIndex.from_bytes(damage(stories.to_bytes()))


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "في",
                "من",
                "الحكومة",
                "الميناء",
                "وزير",
                "قال",
                "العقبة",
                "عمال",
                "اتفاق",
                "أجور",
                "سفن",
            ]
        ),
        min_size=30,
        max_size=120,
    )
)
def test_similarity_is_symmetric_and_bounded(words):
    a = dedup.sketch(" ".join(words))
    b = dedup.sketch(" ".join(reversed(words)))
    if a is None or b is None:
        return
    assert dedup.similarity(a, b) == dedup.similarity(b, a)
    assert 0.0 <= dedup.similarity(a, b) <= 1.0
    assert dedup.is_near_duplicate(a, b) == dedup.is_near_duplicate(b, a)


# the archive -----------------------------------------------------------------------


@pytest.fixture
def wire_archive(run, tmp_path):
    """The original from one outlet, its two copies from two others, the follow-up."""
    for name, source in [
        ("1-original", "الغد"),
        ("2-edited-copy", "الرأي"),
        ("3-shortened-copy", "الدستور"),
        ("4-follow-up", "الغد"),
    ]:
        result = run("add", str(WIRE / f"{name}.txt"), "--source", source, "--json")
        assert result.exit_code == 0, result.stderr
    return run


def test_add_links_copies_to_the_first_article(run, tmp_path):
    outcomes = {}
    for name, source in [
        ("1-original", "الغد"),
        ("2-edited-copy", "الرأي"),
        ("4-follow-up", "الغد"),
    ]:
        result = run("add", str(WIRE / f"{name}.txt"), "--source", source, "--json")
        outcomes[name] = json.loads(result.stdout)
    first = outcomes["1-original"]["id"]
    assert (
        outcomes["1-original"]["story"] == first
        and outcomes["1-original"]["near_duplicate_of"] is None
    )
    assert outcomes["2-edited-copy"]["story"] == first
    assert outcomes["2-edited-copy"]["near_duplicate_of"] == first
    assert outcomes["2-edited-copy"]["similarity"] > 0.7
    assert outcomes["4-follow-up"]["story"] == outcomes["4-follow-up"]["id"]
    shown = json.loads(run("show", outcomes["2-edited-copy"]["id"], "--json").stdout)
    assert (shown["story"], shown["near_duplicate_of"]) == (first, first)
    summary = run("add", str(WIRE / "3-shortened-copy.txt"), "--source", "الدستور")
    assert "1 near-duplicate of an earlier story" in summary.stderr


def test_copies_in_one_batch_are_linked(run, tmp_path):
    result = run("add", str(WIRE), "--json")
    outcomes = [json.loads(line) for line in result.stdout.splitlines()]
    stories = {o["path"].rsplit("/", 1)[-1]: o["story"] for o in outcomes}
    assert (
        stories["2-edited-copy.txt"] == stories["1-original.txt"] == stories["3-shortened-copy.txt"]
    )
    assert stories["4-follow-up.txt"] != stories["1-original.txt"]


def test_collapse_shows_one_result_per_story(wire_archive):
    run = wire_archive
    plain = [
        json.loads(line) for line in run("search", "ميناء العقبة", "--json").stdout.splitlines()
    ]
    assert len(plain) == 4
    collapsed = [
        json.loads(line)
        for line in run("search", "ميناء العقبة", "--collapse", "--json").stdout.splitlines()
    ]
    assert len(collapsed) == 2
    by_story = {hit["story"]: hit for hit in collapsed}
    wire = next(hit for hit in collapsed if hit["also_in"])
    assert sorted(copy["source"] for copy in wire["also_in"]) == sorted(
        {"الغد", "الرأي", "الدستور"} - {wire["source"]}
    )
    assert len(by_story) == 2
    text = run("search", "ميناء العقبة", "--collapse", "--color", "always").stdout
    assert "also in:" in text and "2 more articles of this story" in text
    assert "in 2 stories" in text


def test_reindex_keeps_stories(wire_archive, home):
    run = wire_archive
    before = sorted(
        json.loads(l)["story"] for l in run("search", "ميناء", "--json").stdout.splitlines()
    )
    assert run("reindex").exit_code == 0
    after = sorted(
        json.loads(l)["story"] for l in run("search", "ميناء", "--json").stdout.splitlines()
    )
    assert before == after and len(set(after)) == 2
    # and a new copy added after the reindex still finds its story
    copy = (
        (WIRE / "2-edited-copy.txt")
        .read_text(encoding="utf-8")
        .replace("الأردنية", "الاردنية في عمان")
    )
    outcome = json.loads(run("add", "-", "--source", "بترا", "--json", input=copy.encode()).stdout)
    assert outcome["near_duplicate_of"] is not None and outcome["story"] in after


def test_corpus_file_records_the_story(wire_archive, home):
    headers = [
        p.read_text(encoding="utf-8").split("\n\n", 1)[0] for p in (home / "corpus").rglob("*.txt")
    ]
    linked = [h for h in headers if "near-dup-of:" in h]
    assert len(linked) == 2 and all("story:" in h for h in linked)


@pytest.mark.parametrize("saved", ["kept", "deleted", "damaged"])
def test_add_finds_stories_from_the_saved_story_index_or_without_it(run, home, monkeypatch, saved):
    """Each commit saves the story index beside the index; the next add loads it instead
    of reading every sketch from the index, and reads them when it is missing or bad."""
    from newsarc.engine import whoosh_index as index_module
    from newsarc.engine.directory import current_index_dir, stories_file
    from newsarc.engine.whoosh_index import open_index

    first = json.loads(
        run("add", str(WIRE / "1-original.txt"), "--source", "الغد", "--json").stdout
    )
    run("add", str(WIRE / "4-follow-up.txt"), "--source", "الغد", "--json")
    directory = current_index_dir(home / "index")
    path = stories_file(directory, open_index(directory).latest_generation())
    assert [p.name for p in directory.glob("newsarc-stories-*")] == [
        path.name
    ]  # older ones removed
    lexicon_reads = []
    real_read_sketches = index_module.read_sketches
    monkeypatch.setattr(
        index_module,
        "read_sketches",
        lambda reader: lexicon_reads.append(1) or real_read_sketches(reader),
    )
    if saved == "deleted":
        path.unlink()
    elif saved == "damaged":
        path.write_bytes(path.read_bytes()[:-5])
    copy = json.loads(
        run("add", str(WIRE / "2-edited-copy.txt"), "--source", "الرأي", "--json").stdout
    )
    assert copy["near_duplicate_of"] == first["id"] and copy["story"] == first["id"]
    assert lexicon_reads == ([] if saved == "kept" else [1])
