"""Which directory is the archive: `--home`, $NEWSARC_HOME, the nearest ancestor holding
a marker file (as git finds a repository), else the user data directory."""

from __future__ import annotations

import os
from pathlib import Path

MARKER = "newsarc.json"
ENV_HOME = "NEWSARC_HOME"
ARCHIVE_FORMAT = 1


def locate_home(
    home: str | os.PathLike[str] | None = None,
    environ: dict[str, str] | None = None,
    cwd: Path | None = None,
) -> Path:
    """`--home`, else $NEWSARC_HOME, else the nearest ancestor holding an archive, else the
    user data directory."""
    environ = dict(os.environ) if environ is None else environ
    if home:
        return Path(home).expanduser().absolute()
    if environ.get(ENV_HOME):
        return Path(environ[ENV_HOME]).expanduser().absolute()
    start = (cwd or Path.cwd()).absolute()
    for directory in (start, *start.parents):
        if (directory / MARKER).is_file():
            return directory
    import platformdirs

    return Path(platformdirs.user_data_dir("newsarc", appauthor=False))


def is_archive(root: Path) -> bool:
    return (root / MARKER).is_file()
