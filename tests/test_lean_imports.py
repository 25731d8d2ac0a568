"""newsarc.lean_imports: Whoosh without asyncio and urllib, and nothing broken by it."""

from __future__ import annotations

import subprocess
import sys
import textwrap

SCRIPT = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from newsarc.lean_imports import import_whoosh
    import_whoosh()
    from newsarc.engine.whoosh_index import article_document, create_index, open_index
    from newsarc.model import Article
    import newsarc.query.parse, newsarc.engine.whoosh_query

    lean = "asyncio" not in sys.modules and "urllib.request" not in sys.modules
    ix = create_index(Path(sys.argv[1]))
    with ix.writer() as writer:
        article = Article(
            id="a1", text="الانتخابات في العراق", source="العرب", source_slug="العرب",
            content_hash="h",
        )
        writer.add_document(**article_document(article, "p"))
    reader = open_index(Path(sys.argv[1])).reader()
    deleted = reader.deleted_docs_set  # a cached_property of whoosh.reading
    assert deleted is reader.deleted_docs_set and not deleted

    import whoosh.compat
    source = Path(sys.argv[1]) / "source.txt"
    source.write_text("x")
    target, _ = whoosh.compat.urlretrieve(source.as_uri(), str(Path(sys.argv[1]) / "copy.txt"))
    import urllib.request  # the real module, now that something asked for it
    print(lean, Path(target).read_text(), hasattr(urllib.request, "urlopen"))
    """
)


def test_whoosh_imports_lean_and_works(tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(tmp_path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "x", "True"]


def test_a_search_process_imports_neither(tmp_path):
    from newsarc.archive import Archive

    article = tmp_path / "article.txt"
    article.write_text("الانتخابات في العراق\nنص المقال عن الانتخابات.", encoding="utf-8")
    Archive.at(tmp_path / "arc").add([str(article)])
    code = (
        "import sys; from newsarc.cli import main; "
        "sys.argv = ['newsarc', '--home', sys.argv[1], 'search', 'الانتخابات']\n"
        "try:\n    main()\nexcept SystemExit as exit:\n    assert exit.code == 0, exit.code\n"
        "print('asyncio' in sys.modules, 'urllib.request' in sys.modules, "
        "'newsarc.reader' in sys.modules, 'newsarc.dates' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "arc")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "الانتخابات" in result.stdout
    assert result.stdout.split()[-4:] == ["False", "False", "False", "False"], result.stderr
