from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsarc.snippets import ELLIPSIS, build_snippets, lead_snippet

TEXT = " ".join(f"كلمة{i}" for i in range(200))


def _marked(snippet):
    return [snippet.text[s:e] for s, e in snippet.spans]


def test_window_around_match_cut_at_word_boundaries():
    start = TEXT.index("كلمة100 ")
    [snippet] = build_snippets(TEXT, [(start, start + len("كلمة100"))])
    assert _marked(snippet) == ["كلمة100"]
    assert snippet.text.startswith(ELLIPSIS) and snippet.text.endswith(ELLIPSIS)
    inner = snippet.text.strip(ELLIPSIS)
    assert all(word.startswith("كلمة") for word in inner.split())  # no word cut in half


def test_two_snippets_in_text_order():
    first = TEXT.index("كلمة10 ")
    second = TEXT.index("كلمة150 ")
    snippets = build_snippets(TEXT, [(second, second + 7), (first, first + 6)])
    assert [_marked(s) for s in snippets] == [["كلمة10"], ["كلمة150"]]


def test_no_match_gives_the_lead():
    [snippet] = build_snippets("سطر أول\nسطر ثان", [])
    assert snippet.text == "سطر أول سطر ثان" and snippet.spans == ()
    assert lead_snippet(TEXT, 50).text.endswith(ELLIPSIS)


@given(st.text(alphabet="ab سكن\n", max_size=300), st.data())
def test_spans_always_point_at_the_matched_words(text, data):
    words = [(i, i + 1) for i, ch in enumerate(text) if ch == "س"]
    chosen = data.draw(st.lists(st.sampled_from(words), unique=True)) if words else []
    for snippet in build_snippets(text, chosen):
        for s, e in snippet.spans:
            assert snippet.text[s:e] == "س"
