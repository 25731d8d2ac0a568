"""The command line: thin click commands over `newsarc.archive.Archive`.

This is the only module that knows about terminals, colours and exit codes. Exit codes
follow grep: 0 found/ok, 1 nothing found, 2 error, 130 interrupted. Heavy libraries
(whoosh, rich, chardet) are imported inside the commands so `--help` starts fast.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

import click

from newsarc import __version__

if TYPE_CHECKING:
    from rich.console import Console

EXIT_OK, EXIT_NOTHING, EXIT_ERROR, EXIT_INTERRUPTED = 0, 1, 2, 130
PROGRESS_MIN_INPUTS = 20


class NewsarcGroup(click.Group):
    """Maps every failure to one line on stderr and grep's exit codes."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):  # type: ignore[no-untyped-def,override]
        from newsarc.errors import NewsarcError

        try:
            result = super().main(args, prog_name or "newsarc", complete_var, standalone_mode=False, **extra)
            code = result if isinstance(result, int) else EXIT_OK
        except click.exceptions.Exit as exc:
            code = exc.exit_code
        except click.ClickException as exc:
            exc.show()
            code = EXIT_ERROR
        except (click.exceptions.Abort, KeyboardInterrupt):
            click.echo("newsarc: interrupted", err=True)
            code = EXIT_INTERRUPTED
        except NewsarcError as exc:
            report_error(exc)
            code = EXIT_ERROR
        except BrokenPipeError:
            # The reader went away (`newsarc search … | head -1`): stop quietly.
            _silence_stdout()
            code = EXIT_OK
        if standalone_mode:
            sys.exit(code)
        return code


def report_error(exc: Any) -> None:
    line = f"newsarc: {exc.message}"
    if getattr(exc, "hint", None):
        line += f" ({exc.hint})"
    click.echo(line, err=True)


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def make_console(color: str = "auto", stderr: bool = False) -> Console:
    """A console for people on a TTY, plain unwrapped text for pipes."""
    from rich.console import Console

    stream = sys.stderr if stderr else sys.stdout
    is_tty = stream.isatty()
    if color == "never" or (color == "auto" and not is_tty):
        # Pipes and files get text only: no escape codes, no wrapping at 80 columns.
        return Console(file=stream, color_system=None, force_terminal=False, highlight=False, markup=False, emoji=False, soft_wrap=not is_tty)
    no_color = False if color == "always" else bool(os.environ.get("NO_COLOR"))
    return Console(
        file=stream,
        force_terminal=True if color == "always" else None,
        no_color=no_color,
        highlight=False,
        markup=False,
        emoji=False,
    )


color_option = click.option(
    "--color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour and highlighting: auto uses them on a terminal unless NO_COLOR is set.",
)
json_option = click.option("--json", "as_json", is_flag=True, help="Print JSON Lines for scripts.")


def _archive(ctx: click.Context, must_exist: bool = True):  # type: ignore[no-untyped-def]
    from newsarc.archive import Archive

    home = ctx.find_root().params.get("home")
    return Archive.open(home) if must_exist else Archive.at(home)


def _waiting() -> None:
    click.echo("newsarc: waiting for the archive (another newsarc is writing to it)…", err=True)


@click.group(cls=NewsarcGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="newsarc")
@click.option(
    "--home",
    type=click.Path(file_okay=False),
    envvar=None,
    help="The archive directory. Default: $NEWSARC_HOME, else the nearest directory "
    "upwards holding an archive, else the user data directory.",
)
def cli(home: str | None) -> None:
    """Archive and search Arabic news articles, whatever their spelling.

    \b
    Examples:
      newsarc add articles/ --source العرب
      newsarc search الاسلامية
      newsarc search '"الدولة الإسلامية" source:العرب'
      newsarc show 6c15516d3ef869f9
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--source", help="The source (newspaper) of every article, e.g. العرب.")
@click.option("--title", help="The title, for a single article.")
@click.option("--date", help="The publication date of every article, e.g. 2019-03-23.")
@click.option("--encoding", help="The input encoding, when detection is not enough (e.g. windows-1256).")
@click.option("--format", "input_format", type=click.Choice(["auto", "text", "jsonl"]), default="auto", show_default=True, help="Input format; auto: .jsonl/.jsonl.gz are JSON Lines, the rest plain text.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
@json_option
@click.pass_context
def add(ctx: click.Context, paths: tuple[str, ...], source: str | None, title: str | None, date: str | None, encoding: str | None, input_format: str, quiet: bool, as_json: bool) -> int:
    """Add articles from files, directories (recursively) or - (stdin).

    Plain text files hold one article each; JSON Lines files (.jsonl, .jsonl.gz) one per
    line with a "text" field and optional id, title, source, date, url, author.
    Encodings (UTF-8, UTF-16, Windows-1256, ISO-8859-6) are detected. Adding the same
    text twice keeps one copy. Exit status: 0 when every article was added or already
    there, 2 when any failed.

    \b
    Examples:
      newsarc add article.txt --source العرب
      newsarc add ~/news/ --date 2019-03-23
      newsarc add ant_news.jsonl.gz
      cat مقال.txt | newsarc add - --source العرب
    """
    from newsarc.reader import ReadOptions, expand_paths
    from newsarc.render import jsonout, terminal

    if date is not None:
        from newsarc.errors import InputError
        from newsarc.reader import parse_article_date

        try:
            parse_article_date(date, "--date", "option")
        except InputError as exc:
            raise click.BadParameter(exc.message.removeprefix("--date: "), param_hint="--date") from None
    archive = _archive(ctx, must_exist=False)
    options = ReadOptions(source=source, title=title, date=date, encoding=encoding, format=input_format)
    if encoding:
        import codecs

        try:
            codecs.lookup(encoding)
        except LookupError:
            raise click.BadParameter(f"unknown encoding {encoding!r}", param_hint="--encoding") from None

    def on_outcome(outcome: Any) -> None:
        if as_json:
            click.echo(jsonout.dumps(jsonout.outcome_json(outcome)))
        elif outcome.status == "failed":
            click.echo(f"newsarc: {outcome.message}", err=True)
        if progress is not None:
            progress.advance(task)

    progress = task = None
    show_progress = not quiet and sys.stderr.isatty() and len(paths) > 0
    if show_progress:
        inputs = expand_paths(paths)
        if len(inputs) >= PROGRESS_MIN_INPUTS or any(p.lower().endswith((".jsonl", ".jsonl.gz")) for p in inputs):
            from rich.progress import Progress

            progress = Progress(console=make_console(stderr=True), transient=True)
            has_jsonl = any(p.lower().endswith((".jsonl", ".jsonl.gz")) for p in inputs)
            task = progress.add_task("adding", total=None if has_jsonl else len(inputs))
            progress.start()
    try:
        report = archive.add(paths, options, on_outcome=on_outcome, on_wait=_waiting)
    finally:
        if progress is not None:
            progress.stop()
    if not quiet and not as_json:
        click.echo(f"newsarc: {terminal.add_summary(report)} (archive: {archive.root})", err=True)
    return EXIT_ERROR if report.count("failed") else EXIT_OK


exact_option = click.option(
    "--exact",
    is_flag=True,
    help="Match the words as written (normalized, not stemmed): for when light stemming "
    "is too loose, e.g. القرآن and قرية share the stem قر.",
)
any_option = click.option(
    "--any",
    "any_word",
    is_flag=True,
    help="Any of the words may match; articles with more of them rank first. For a "
    "question pasted as it is: question words (كيف، كم، هل…) are left out.",
)


@cli.command()
@click.argument("query", nargs=-1, required=True)
@click.option("-n", "--limit", default=10, show_default=True, type=click.IntRange(min=1), help="How many results to show.")
@click.option("--source", help="Only articles from this source (name or slug).")
@exact_option
@any_option
@click.option("--explain", is_flag=True, help="First print (on stderr) what the query looks for: each word's terms and spelling variants.")
@color_option
@json_option
@click.pass_context
def search(ctx: click.Context, query: tuple[str, ...], limit: int, source: str | None, exact: bool, any_word: bool, explain: bool, color: str, as_json: bool) -> int:
    """Search the archive; results are ranked, matches highlighted as written.

    Spelling does not matter: hamza and alef forms, taa marbuta, alef maqsura,
    diacritics, tatweel and clitics such as و and ال are normalized; a word also
    finds the spellings with ب or ل before it, or a pronoun after it (بشرق, شرق;
    مدرستها, مدرسة) that the archive holds. See how with `newsarc analyze`.

    \b
    Query syntax:
      words           all must match:        الدولة الإسلامية
      "a phrase"      the words in order:    "دولة الخلافة"
      OR, NOT, ( )    alternatives, exclusions
      source:NAME     by source:             source:العرب
      title:WORD      in the title
      word*           words starting with:   الباغوز*
    Exit status: 0 found, 1 nothing found, 2 error.

    \b
    Examples:
      newsarc search الاسلامية
      newsarc search 'الخلافة OR داعش' --source العرب --limit 5
      newsarc search --exact القرآن
      newsarc search --any 'ما هي عقوبة السارق؟'
      newsarc search سوريا --json | jq .id
    """
    from newsarc.render import jsonout, terminal

    archive = _archive(ctx)
    text = " ".join(query)
    if explain:
        analysis = archive.analyze(text, exact=exact, any_word=any_word)
        terminal.print_analysis(make_console(color, stderr=True), analysis, query_only=True)
    result = archive.search(text, limit=limit, source=source, exact=exact, any_word=any_word)
    if as_json:
        for hit in result.hits:
            click.echo(jsonout.dumps(jsonout.hit_json(hit)))
    else:
        console = make_console(color)
        terminal.print_search(console, result)
        if sys.stdout.isatty() or color == "always":
            console.print(terminal.search_summary(result), style="dim")
    return EXIT_OK if result.total else EXIT_NOTHING


@cli.command()
@click.argument("text", nargs=-1, required=True)
@exact_option
@any_option
@color_option
@json_option
@click.pass_context
def analyze(ctx: click.Context, text: tuple[str, ...], exact: bool, any_word: bool, color: str, as_json: bool) -> int:
    """Show how newsarc reads a text: each word as written, normalized, stemmed.

    Then the query a search for the text makes: the exact and stemmed terms of each
    word and, in an archive, the spellings with a clitic or pronoun added or removed
    that it holds. Works without an archive too (no spelling variants then).

    \b
    Examples:
      newsarc analyze 'الإسلاميّة'          # → الاسلاميه → اسلام
      newsarc analyze 'بشرق سوريا؟'
      newsarc analyze --json 'ﷺ' | jq '.tokens[].normalized'
    """
    from newsarc.archive import Archive, analyze as analyze_text, is_archive, locate_home
    from newsarc.render import jsonout, terminal

    root = locate_home(ctx.find_root().params.get("home"))
    archive = Archive(root) if is_archive(root) else None
    analysis = analyze_text(" ".join(text), archive=archive, exact=exact, any_word=any_word)
    if as_json:
        click.echo(jsonout.dumps(jsonout.analysis_json(analysis)))
    else:
        terminal.print_analysis(make_console(color), analysis)
    return EXIT_OK


@cli.command()
@click.argument("article_id")
@color_option
@json_option
@click.pass_context
def show(ctx: click.Context, article_id: str, color: str, as_json: bool) -> int:
    """Print one article: its metadata, then its text in paragraphs.

    \b
    Examples:
      newsarc search الخلافة --json | jq -r .id     # find ids
      newsarc show 6c15516d3ef869f9
      newsarc show 6c15516d3ef869f9 --json | jq -r .text
    """
    from newsarc.render import jsonout, terminal

    archive = _archive(ctx)
    article = archive.get(article_id)
    path = archive.store.relative_path(article)
    if as_json:
        click.echo(jsonout.dumps(jsonout.article_json(article, path)))
    else:
        terminal.print_article(make_console(color), article, path)
    return EXIT_OK


@cli.command()
@color_option
@json_option
@click.pass_context
def stats(ctx: click.Context, color: str, as_json: bool) -> int:
    """How many articles the archive holds, by source, and the span of their dates.

    \b
    Example (العرب is one source):
      newsarc stats --json
    """
    from newsarc.render import jsonout, terminal

    result = _archive(ctx).stats()
    if as_json:
        click.echo(jsonout.dumps(jsonout.stats_json(result)))
    else:
        terminal.print_stats(make_console(color), result)
    return EXIT_OK


@cli.command()
@json_option
@click.pass_context
def check(ctx: click.Context, as_json: bool) -> int:
    """Check that the index opens and agrees with corpus/. Exit 0 healthy, 2 otherwise.

    \b
    Example:
      newsarc check || newsarc reindex     # e.g. after copying articles into corpus/العرب/
    """
    from newsarc.render import jsonout, terminal

    report = _archive(ctx).check()
    if as_json:
        click.echo(jsonout.dumps(jsonout.check_json(report)))
    else:
        terminal.print_check(make_console("never", stderr=not report.healthy), report)
    return EXIT_OK if report.healthy else EXIT_ERROR


@cli.command()
@click.option("-q", "--quiet", is_flag=True, help="Print nothing on success.")
@click.pass_context
def reindex(ctx: click.Context, quiet: bool) -> int:
    """Rebuild the index from corpus/ (the articles themselves are never touched).

    \b
    Example, in a fresh clone of newsarc (its corpus/ holds an article from العرب):
      newsarc reindex && newsarc search الخلافة
    """
    archive = _archive(ctx)
    count = archive.reindex(on_wait=_waiting)
    if not quiet:
        click.echo(f"newsarc: indexed {count} articles in {archive.index_dir}", err=True)
    return EXIT_OK


def main() -> None:
    cli()
