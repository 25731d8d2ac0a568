"""Right-to-left text on terminals that do, and do not, reorder it themselves.

Some terminals run the Unicode Bidirectional Algorithm on what they print (GNOME Terminal
and other VTE terminals, Konsole, mlterm); many do not (Windows Terminal, kitty, Alacritty,
VS Code's terminal), and show Arabic letters left to right and unjoined. Reordering for a
terminal that reorders too garbles the text twice. So there are four modes:

* ``terminal``: print logical order, the terminal reorders. Fields of a mixed line (an
  Arabic source next to a date) are wrapped in Unicode isolates (FSI … PDI) so that the
  terminal's algorithm cannot pull the date into the Arabic run.
* ``emulate``: newsarc reorders each (already wrapped) line into visual order and shapes
  Arabic letters into presentation forms, for terminals that do neither. Each field of a
  mixed line is reordered on its own, which isolates it the same way.
* ``off``: the text exactly as stored, no control characters added.
* ``auto``: one of the above, chosen from what the terminal says about itself.

Only ever for people on a terminal: JSON and piped output keep logical order.

Pure functions on strings. Reordering keeps a map from each visual position to the
logical character it came from, so that highlights can follow their words. The heavy
libraries (python-bidi, arabic-reshaper) are imported only when emulating.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from typing import Any

ENV_MODE = "NEWSARC_BIDI"
FSI, PDI = "\u2068", "\u2069"  # first-strong isolate, pop directional isolate

_RTL_CLASSES = frozenset({"R", "AL"})
_STRONG_CLASSES = frozenset({"L", "R", "AL"})


def has_rtl(text: str) -> bool:
    """Does the text hold any right-to-left letter (Arabic, Hebrew, …)?"""
    return any(
        char >= "\u0590" and unicodedata.bidirectional(char) in _RTL_CLASSES for char in text
    )


def is_rtl(text: str) -> bool:
    """The paragraph direction by the Unicode rules P2/P3: that of the first strong letter."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in _STRONG_CLASSES:
            return kind != "L"
    return False


def isolate(text: str) -> str:
    """Wrap text holding right-to-left letters in FSI … PDI, for a terminal that reorders."""
    return f"{FSI}{text}{PDI}" if has_rtl(text) else text


# -- choosing a mode ------------------------------------------------------------------

# What terminals set in the environment of the programs they run, most specific first:
# a terminal started from another inherits the other's variables, but sets its own.
_NO_BIDI_SIGNS = (
    ("TERM_PROGRAM", "vscode", "VS Code's terminal"),
    ("WT_SESSION", None, "Windows Terminal"),
    ("KITTY_WINDOW_ID", None, "kitty"),
    ("TERM", "xterm-kitty", "kitty"),
    ("ALACRITTY_WINDOW_ID", None, "Alacritty"),
    ("ALACRITTY_LOG", None, "Alacritty"),
    ("TERM", "alacritty", "Alacritty"),
    ("TERM_PROGRAM", "WezTerm", "WezTerm (its bidi support is off by default)"),
    ("TERM", "foot", "foot"),
)
_BIDI_SIGNS = (
    ("MLTERM", None, "mlterm"),
    ("KONSOLE_VERSION", None, "Konsole"),
    ("VTE_VERSION", None, "a VTE terminal (GNOME Terminal, Tilix, Terminator, …)"),
)


def detect(environ: Mapping[str, str]) -> tuple[str, str]:
    """The mode `auto` stands for here, and why: ("terminal" | "emulate", reason).

    Without any sign of the terminal the answer is ``off``: logical order, exactly as
    stored, as every other program prints it. It never reorders text twice, copies and
    pastes correctly, and adds no isolate controls, which a terminal without bidi support
    may draw badly. `newsarc bidi-test` shows which mode reads right, to set in NEWSARC_BIDI.
    """
    chosen = environ.get(ENV_MODE, "").strip().lower()
    if chosen in ("terminal", "emulate", "off"):
        return chosen, f"{ENV_MODE}={chosen}"
    for variable, value, name in _NO_BIDI_SIGNS:
        if _matches(environ, variable, value):
            return "emulate", f"{name} does not reorder right-to-left text ({variable} is set)"
    for variable, value, name in _BIDI_SIGNS:
        if _matches(environ, variable, value):
            return "terminal", f"{name} reorders right-to-left text itself ({variable} is set)"
    return "off", "no sign of which terminal this is: text as stored, in logical order"


def _matches(environ: Mapping[str, str], variable: str, value: str | None) -> bool:
    found = environ.get(variable)
    if not found:
        return False
    return value is None or found == value


def resolve(mode: str, is_tty: bool, environ: Mapping[str, str]) -> str:
    """The mode to use: "terminal", "emulate" or "off". Never anything but off on a pipe."""
    if not is_tty:
        return "off"
    if mode == "auto":
        return detect(environ)[0]
    return mode


# -- emulation ---------------------------------------------------------------------------

# After shaping, lam + alef in joining forms become one ligature glyph, as Arabic is written.
LAM_INITIAL, LAM_MEDIAL = "\ufedf", "\ufee0"
LAM_ALEF = {
    # alef (final form) -> (isolated ligature after an initial lam, final after a medial one)
    "\ufe8e": ("\ufefb", "\ufefc"),  # ا
    "\ufe82": ("\ufef5", "\ufef6"),  # آ
    "\ufe84": ("\ufef7", "\ufef8"),  # أ
    "\ufe88": ("\ufef9", "\ufefa"),  # إ
}

_reshaper = None


def reshaper() -> Any:  # arabic-reshaper has no type hints
    """arabic-reshaper as newsarc shapes with it: one output character per input character
    (no deleted marks, no ligatures), so that positions map one to one; lam-alef is joined
    by `shape`, keeping the map."""
    global _reshaper
    if _reshaper is None:
        from arabic_reshaper import ArabicReshaper

        _reshaper = ArabicReshaper(
            configuration={
                "delete_harakat": False,
                "support_ligatures": False,
                "shift_harakat_position": False,
            }
        )
    return _reshaper


def shape(text: str) -> tuple[str, list[int]]:
    """Arabic letters in their joining forms (presentation forms), for terminals that print
    each character in its isolated form. Returns the shaped text and, for each of its
    characters, the index of the character of `text` it stands for."""
    if not has_rtl(text):
        return text, list(range(len(text)))
    shaped = reshaper().reshape(text)
    if len(shaped) != len(text):  # not expected with this configuration; stay correct anyway
        return text, list(range(len(text)))
    chars: list[str] = []
    origin: list[int] = []
    index = 0
    while index < len(shaped):
        char = shaped[index]
        following = shaped[index + 1] if index + 1 < len(shaped) else ""
        if char in (LAM_INITIAL, LAM_MEDIAL) and following in LAM_ALEF:
            chars.append(LAM_ALEF[following][0 if char == LAM_INITIAL else 1])
            origin.append(index)
            index += 2
            continue
        chars.append(char)
        origin.append(index)
        index += 1
    return "".join(chars), origin


def reorder(text: str, rtl: bool | None = None) -> tuple[str, list[int]]:
    """One line in visual (left-to-right display) order by the Unicode Bidirectional
    Algorithm, brackets and «» mirrored in right-to-left runs. `rtl` is the paragraph
    direction (of the whole paragraph this line was wrapped from); None: from this line.

    Returns the visual text and, for each of its characters, the index in `text`.
    """
    if rtl is None:
        rtl = is_rtl(text)
    if not rtl and not has_rtl(text):
        return text, list(range(len(text)))
    from bidi import algorithm

    storage = _resolved(text, rtl)
    algorithm.reorder_resolved_levels(storage, False)
    algorithm.apply_mirroring(storage, False)
    chars = _marks_after_base(storage["chars"])
    return "".join(char["ch"] for char in chars), [char["index"] for char in chars]


def levels(text: str, rtl: bool) -> list[tuple[int, int]]:
    """The resolved embedding level of the characters of `text` (rules X1 to I2, before
    the line rules L1 to L4), as (index in `text`, level): the characters the algorithm
    keeps (X9 removes embedding controls and boundary neutrals such as ZWJ)."""
    return [(char["index"], char["level"]) for char in _resolved(text, rtl)["chars"]]


def _resolved(text: str, rtl: bool) -> dict:
    # python-bidi's pure-Python algorithm, run step by step as its get_display() does, so
    # that each character's logical index rides along. (Its Rust-backed get_display does
    # not mirror brackets.)
    from bidi import algorithm

    storage = algorithm.get_empty_storage()
    storage["base_level"] = 1 if rtl else 0
    storage["base_dir"] = "R" if rtl else "L"
    algorithm.get_embedding_levels(text, storage)
    for index, char in enumerate(storage["chars"]):
        char["index"] = index
    algorithm.explicit_embed_and_overrides(storage, False)
    algorithm.resolve_weak_types(storage, False)
    algorithm.resolve_neutral_types(storage, False)
    algorithm.resolve_implicit_levels(storage, False)
    return storage


def _marks_after_base(chars: list[dict]) -> list[dict]:
    # Rule L3: reversing a right-to-left run puts combining marks (harakat, shadda) before
    # their letter; a terminal draws a mark on the cell before it, so put them back after.
    out: list[dict] = []
    position = 0
    while position < len(chars):
        end = position
        while (
            end < len(chars) and chars[end]["level"] % 2 and unicodedata.combining(chars[end]["ch"])
        ):
            end += 1
        if end > position and end < len(chars) and chars[end]["level"] % 2:
            out.append(chars[end])
            out.extend(reversed(chars[position:end]))
            position = end + 1
        else:
            out.append(chars[position])
            position += 1
    return out


def visual(text: str, rtl: bool | None = None, shaping: bool = True) -> tuple[str, list[int]]:
    """Shape (optionally) and reorder one line; the map gives, for each visual character,
    the index of the character of `text` it shows."""
    if rtl is None:
        rtl = is_rtl(text)
    shaped, shaped_origin = shape(text) if shaping else (text, list(range(len(text))))
    ordered, order = reorder(shaped, rtl)
    return ordered, [shaped_origin[index] for index in order]
