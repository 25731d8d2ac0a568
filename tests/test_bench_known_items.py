"""The known-item benchmark's clitic changes are words an Arabic writer would write (issue 13):
bench/eval_known_items.py --self-check, which needs no corpus. The benchmark itself never runs
here."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parent.parent / "bench" / "eval_known_items.py"


def test_clitic_changes_are_written_as_arabic_writes_them():
    run = subprocess.run(
        [sys.executable, str(SCRIPT), "--self-check"],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "as expected" in run.stdout
