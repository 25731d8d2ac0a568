"""Cut short snippets out of an article around the matched words.

Pure text work on character spans: it knows nothing of Whoosh or of the terminal, so the
same snippets serve the rich renderer and the JSON output.
"""

from __future__ import annotations

from newsarc.model import Snippet

SNIPPET_WIDTH = 220
ELLIPSIS = "…"


def lead_snippet(text: str, width: int = SNIPPET_WIDTH) -> Snippet:
    """The start of the text, cut at a word boundary: for articles with no match in the body."""
    if len(text) <= width:
        return Snippet(_flatten(text).strip())
    end = _word_end_before(text, width)
    return Snippet(_flatten(text[:end]).rstrip() + ELLIPSIS)


def build_snippets(
    text: str,
    spans: list[tuple[int, int]],
    max_snippets: int = 2,
    width: int = SNIPPET_WIDTH,
) -> tuple[Snippet, ...]:
    """Up to `max_snippets` windows of about `width` characters holding the most matches.

    `spans` are (start, end) character offsets of matched words in `text`. Windows are cut
    at word boundaries and returned in text order, each with its spans shifted into it.
    Only the windows are read and copied, never the whole text (a 4 MB article).
    """
    if not spans:
        return (lead_snippet(text, width),)
    spans = sorted(set(spans))
    windows = _candidate_windows(text, spans, width)
    # Most distinct matched words first; earlier windows break ties.
    windows.sort(key=lambda window: (-window[2], window[0]))
    chosen: list[tuple[int, int]] = []
    for start, end, _ in windows:
        if all(end <= s or start >= e for s, e in chosen):
            chosen.append((start, end))
        if len(chosen) == max_snippets:
            break
    return tuple(_snippet(text, start, end, spans) for start, end in sorted(chosen))


def _candidate_windows(
    text: str, spans: list[tuple[int, int]], width: int
) -> list[tuple[int, int, int]]:
    windows = []
    for index, (first_start, _) in enumerate(spans):
        # Start a little before the match so it has some context on its right (reading side).
        start = _word_start_after(text, max(0, first_start - width // 4))
        if start > first_start:
            start = first_start
        limit = min(len(text), start + width)
        end = _word_end_before(text, limit) if limit < len(text) else len(text)
        inside = set()
        later = index  # spans are sorted: those starting after the window end the count
        while later < len(spans) and spans[later][0] <= end:
            s, e = spans[later]
            if e <= end:
                inside.add(_flatten(text[s:e]))
            later += 1
        windows.append((start, end, len(inside)))
    return windows


def _snippet(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> Snippet:
    prefix = ELLIPSIS if start > 0 else ""
    suffix = ELLIPSIS if end < len(text) else ""
    body = _flatten(text[start:end])
    stripped_left = len(body) - len(body.lstrip())
    body = body.strip()
    shift = len(prefix) - start - stripped_left
    inside = tuple(
        (s + shift, e + shift)
        for s, e in spans
        if s >= start + stripped_left and e <= start + stripped_left + len(body)
    )
    return Snippet(prefix + body + suffix, inside)


def _flatten(text: str) -> str:
    # Same length as the text, so offsets into the text stay valid.
    return text.replace("\n", " ").replace("\t", " ")


# Word boundaries are looked for in the text itself: flattening turns only white space
# (a newline, a tab) into white space, so they are the same as in the flattened text.
def _word_start_after(text: str, position: int) -> int:
    if position <= 0 or text[position - 1].isspace():
        return position
    while position < len(text) and not text[position].isspace():
        position += 1
    return position


def _word_end_before(text: str, position: int) -> int:
    if position >= len(text) or text[position].isspace():
        return position
    cut = position
    while cut > 0 and not text[cut - 1].isspace():
        cut -= 1
    return cut if cut > 0 else position
