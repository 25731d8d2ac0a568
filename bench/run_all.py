"""Run every evaluation in bench/ (`make bench`): the figures in bench/README.md.

Each script reads its data from the shared folder and exits 0 with a message when the
data is missing. The first run builds the indexes (about 20 minutes for the whole ANT
corpus with every setup); they are cached in bench/out/ (git-ignored).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import eval_known_items
import eval_quranqa


def main() -> int:
    eval_quranqa.main(["--split", "train", "--split", "dev", "--split", "test"])
    print()
    eval_known_items.main(["--by-respelling"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
