"""Text from the archive made safe to show on a terminal: one function, `shown`.

A corpus file may be hand-edited, restored from a backup or synced from elsewhere, and a
file name may hold anything: an escape sequence in either would reach the terminal raw and
clear the screen, write the clipboard (OSC 52), plant a link (OSC 8) or retitle the window.
Every control character is replaced by a visible stand-in, one character for one, so that
highlight offsets into the text stay right; newsarc's own colours are added after this,
by rich. JSON keeps the text as stored.
"""

from __future__ import annotations

import re

CONTROL_PICTURES = 0x2400  # ␀ … ␟: the Unicode pictures of the C0 controls
REPLACEMENT = "\ufffd"
# Embeddings, overrides and isolates reorder the rest of the line on a terminal that
# reorders (and unbalance newsarc's own isolates); marks (LRM, RLM, ALM) do not.
BIDI_CONTROLS = (*range(0x202A, 0x202F), *range(0x2066, 0x206A))

_TABLE: dict[int, str] = {
    code: chr(CONTROL_PICTURES + code) for code in range(0x20) if chr(code) not in "\t\n"
}
_TABLE[0x7F] = "\u2421"  # ␡
_TABLE.update({code: REPLACEMENT for code in range(0x80, 0xA0)})  # C1: CSI, OSC, … in one byte
_TABLE.update({code: REPLACEMENT for code in BIDI_CONTROLS})


# str.translate with a dict looks every character up (180 ms for a 4 MB article, paid by
# every piece rich prints); a regular expression finds the few controls at C speed.
_CONTROLS = re.compile("[" + "".join(f"\\U{code:08x}" for code in sorted(_TABLE)) + "]")


def shown(text: str) -> str:
    """`text` without control characters but tab and newline, each replaced by a visible
    stand-in (ESC → ␛, C1 and bidi overrides → �); the same length as `text`."""
    if is_shown(text):
        return text
    return _CONTROLS.sub(lambda found: _TABLE[ord(found.group())], text)


def is_shown(text: str) -> bool:
    """Whether `text` holds no control that `shown` replaces: it is shown as it is."""
    return _CONTROLS.search(text) is None


def control_positions(text: str) -> list[int]:
    """Where the controls that `shown` replaces are in `text`, in order."""
    return [found.start() for found in _CONTROLS.finditer(text)]


def shown_at(text: str, controls: list[int]) -> str:
    """`shown(text)`, given `control_positions(text)`: without searching the text again (a
    search is a pass over all of a 4 MB article; the controls are few)."""
    if len(controls) > _FEW_CONTROLS:
        return shown(text)
    pieces = []
    done = 0
    for at in controls:
        pieces.append(text[done:at])
        pieces.append(_TABLE[ord(text[at])])
        done = at + 1
    pieces.append(text[done:])
    return "".join(pieces)


_FEW_CONTROLS = 1000  # more: one substitution is quicker than a slice for each
