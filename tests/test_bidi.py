"""Right-to-left text: reordering, shaping, isolates and choosing a mode."""

from __future__ import annotations

import io

import pytest
from rich.console import Console
from rich.text import Text

from newsarc.render import bidi
from newsarc.render.terminal import Printer

# A known line: Arabic with «», brackets around a Latin word, digits and a lam-alef.
LINE = "قال «الرئيس» (ISIS) في 2019 لا"


class TestDirection:
    def test_has_rtl(self):
        assert bidi.has_rtl("العرب")
        assert bidi.has_rtl("Reuters عربي")
        assert not bidi.has_rtl("Reuters 2019-03-23 «»")

    def test_paragraph_direction_from_first_strong_letter(self):
        assert bidi.is_rtl("2019 العرب")
        assert not bidi.is_rtl("Reuters عربي")
        assert not bidi.is_rtl("2019 …")

    def test_isolate_only_rtl(self):
        assert bidi.isolate("العرب") == "\u2068العرب\u2069"
        assert bidi.isolate("2019-03-23") == "2019-03-23"


class TestEmulate:
    def test_known_line_in_visual_order(self):
        shown, _ = bidi.visual(LINE)
        # Read from the right: قال «الرئيس» (ISIS) في 2019 لا — shaped, mirrored, digits LTR.
        assert shown == "ﻻ 2019 ﻲﻓ (ISIS) «ﺲﻴﺋﺮﻟﺍ» ﻝﺎﻗ"

    def test_brackets_and_guillemets_are_mirrored(self):
        shown, _ = bidi.visual("«نعم» [لا] (ربما)", shaping=False)
        # Logical order reversed, and each bracket drawn as its mirror image.
        assert shown == "(امبر) [ال] «معن»"

    def test_marks_stay_after_their_letter(self):
        shown, origin = bidi.visual("قَالَ", shaping=False)
        assert shown == "لَاقَ"
        assert origin == [3, 4, 2, 0, 1]

    def test_lam_alef_ligature_keeps_the_map(self):
        shown, origin = bidi.visual("لا", shaping=True)
        assert shown == "\ufefb"
        assert origin == [0]
        shown, _ = bidi.visual("الإسلامية")
        assert "\ufefc" in shown  # final lam-alef after a joining letter

    def test_latin_only_is_untouched(self):
        assert bidi.visual("Reuters 2019-03-23") == ("Reuters 2019-03-23", list(range(18)))

    def test_map_covers_every_character(self):
        text = "بيروت – أعلنت قوات (قسد) «النصر» في 23 آذار 2019."
        shown, origin = bidi.visual(text, shaping=False)
        assert sorted(origin) == list(range(len(text)))
        assert len(shown) == len(text)

    def test_paragraph_direction_applies_to_every_wrapped_line(self):
        # A wrapped line starting with digits in an Arabic paragraph is still right to left.
        assert bidi.reorder("2019 عام", rtl=True)[0] == "ماع 2019"
        assert bidi.reorder("2019 عام", rtl=False)[0] == "2019 ماع"


class TestChoosingAMode:
    @pytest.mark.parametrize(
        "environ, mode",
        [
            ({"VTE_VERSION": "7600"}, "terminal"),
            ({"KONSOLE_VERSION": "230400"}, "terminal"),
            ({"MLTERM": "3.9.3"}, "terminal"),
            ({"WT_SESSION": "abc"}, "emulate"),
            ({"KITTY_WINDOW_ID": "1"}, "emulate"),
            ({"TERM": "xterm-kitty"}, "emulate"),
            ({"ALACRITTY_WINDOW_ID": "1"}, "emulate"),
            ({"TERM_PROGRAM": "vscode"}, "emulate"),
            # VS Code started from GNOME Terminal inherits VTE_VERSION: its own sign wins.
            ({"TERM_PROGRAM": "vscode", "VTE_VERSION": "7600"}, "emulate"),
            ({"TERM": "xterm-256color"}, "off"),
            ({}, "off"),
            ({"NEWSARC_BIDI": "emulate", "VTE_VERSION": "7600"}, "emulate"),
            ({"NEWSARC_BIDI": "off"}, "off"),
            ({"NEWSARC_BIDI": "nonsense", "WT_SESSION": "x"}, "emulate"),
        ],
    )
    def test_detect(self, environ, mode):
        chosen, reason = bidi.detect(environ)
        assert chosen == mode
        assert reason

    def test_never_on_a_pipe(self):
        for mode in ("auto", "terminal", "emulate"):
            assert bidi.resolve(mode, False, {"WT_SESSION": "x"}) == "off"
        assert bidi.resolve("auto", True, {"WT_SESSION": "x"}) == "emulate"
        assert bidi.resolve("terminal", True, {"WT_SESSION": "x"}) == "terminal"


def _console(width: int = 40) -> Console:
    return Console(
        file=io.StringIO(),
        width=width,
        force_terminal=True,
        color_system="standard",
        highlight=False,
        markup=False,
        emoji=False,
        record=True,
    )


class TestPrinter:
    def test_mixed_line_fields_are_isolated_for_a_reordering_terminal(self):
        console = _console()
        Printer(console, "terminal").line(Text("العرب"), Text("2019-03-23"))
        assert console.export_text() == "\u2068العرب\u2069 · 2019-03-23\n"

    def test_mixed_line_fields_reordered_one_by_one_when_emulating(self):
        console = _console()
        Printer(console, "emulate").line(Text("العرب"), Text("2019-03-23"))
        assert console.export_text() == "ﺏﺮﻌﻟﺍ · 2019-03-23\n"

    def test_off_prints_as_stored(self):
        console = _console()
        Printer(console, "off").line(Text("العرب"), Text("2019-03-23"))
        assert console.export_text() == "العرب · 2019-03-23\n"

    def test_highlight_follows_the_word_when_emulating(self):
        console = _console(30)
        text = Text("وقال الرئيس إن الخلافة انتهت")
        start = text.plain.index("الخلافة")
        text.stylize("reverse", start, start + len("الخلافة"))
        Printer(console, "emulate").paragraph(text)
        exported = console.export_text(styles=True)
        # the reversed-video run holds exactly the shaped word, nothing else
        assert "\x1b[7mﺔﻓﻼﺨﻟﺍ\x1b[0m" in exported

    def test_wraps_before_reordering_and_aligns_right(self):
        console = _console(20)
        Printer(console, "emulate").paragraph(Text("كلمة أولى ثانية ثالثة رابعة خامسة"))
        lines = console.export_text().splitlines()
        assert len(lines) == 2
        # the first logical words are on the first screen line, at its right end
        assert lines[0].endswith("ﺔﻤﻠﻛ") and len(lines[0]) == 20
        assert "ﺔﺴﻣﺎﺧ" in lines[1]

    def test_unknown_mode_is_a_bug(self):
        with pytest.raises(ValueError):
            Printer(_console(), "auto")
