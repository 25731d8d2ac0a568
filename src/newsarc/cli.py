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

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        from newsarc.errors import NewsarcError

        try:
            result = super().main(
                args, prog_name or "newsarc", complete_var, standalone_mode=False, **extra
            )
            code = result if isinstance(result, int) else EXIT_OK
        except click.exceptions.Exit as exc:
            code = exc.exit_code
        except click.UsageError as exc:
            # One line, not click's usage block: what is wrong, and where the help is.
            command = " ".join(["newsarc", *(exc.ctx.command_path.split()[1:] if exc.ctx else [])])
            message = " ".join(exc.format_message().split())
            say(f"{message[:1].lower()}{message[1:]} (see `{command} --help`)")
            code = EXIT_ERROR
        except click.ClickException as exc:
            exc.show()
            code = EXIT_ERROR
        except (click.exceptions.Abort, KeyboardInterrupt) as exc:
            # `Interrupted` says what was saved before the interrupt; click wraps it in Abort.
            from newsarc.signals import exit_status

            cause = (exc.__cause__ or exc) if isinstance(exc, click.exceptions.Abort) else exc
            try:
                say(getattr(cause, "message", None) or "interrupted")
            except OSError:  # a hang-up: the terminal is gone
                pass
            code = exit_status(cause)
        except NewsarcError as exc:
            report_error(exc)
            code = EXIT_ERROR
        except BrokenPipeError:
            # The reader went away (`newsarc search … | head -1`): stop quietly.
            _silence_stdout()
            code = EXIT_OK
        except OSError as exc:
            # The environment, never a bug: a full disk, a vanished directory, a closed terminal.
            from newsarc.fsio import describe_os_error

            where = f": {exc.filename}" if exc.filename else ""
            say(f"{describe_os_error(exc)}{where}")
            code = EXIT_ERROR
        except Exception as exc:
            # A bug in newsarc: its traceback for the report, and grep's "error" status
            # (Python's own exit status, 1, would tell a script "nothing found").
            import traceback

            traceback.print_exc()
            say(f"internal error ({type(exc).__name__}): a bug in newsarc; please report it "
                "with the traceback above")  # fmt: skip
            code = EXIT_ERROR
        if standalone_mode:
            sys.exit(code)
        return code

    def invoke(self, ctx: click.Context) -> Any:
        try:
            result = super().invoke(ctx)
            sys.stdout.flush()  # inside the try: a closed pipe may only show on flushing
            return result
        except BrokenPipeError:
            # The reader went away (`newsarc search … | head -1`): what it read was what it
            # wanted. Caught here, before click's own handler turns it into exit status 1.
            _silence_stdout()
            return EXIT_OK


def say(message: str) -> None:
    """One line for people on stderr, `newsarc: ` first. File names and text from the
    archive in it are shown without their control characters (render.safe)."""
    from newsarc.render.safe import shown

    click.echo(shown(f"newsarc: {message}"), err=True)


def report_error(exc: Any) -> None:
    line = exc.message
    if getattr(exc, "hint", None):
        line += f" ({exc.hint})"
    say(line)


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
        console = Console(
            file=stream,
            color_system=None,
            force_terminal=False,
            highlight=False,
            markup=False,
            emoji=False,
            soft_wrap=not is_tty,
        )
    else:
        no_color = False if color == "always" else bool(os.environ.get("NO_COLOR"))
        console = _tty_console(stream, color, no_color)
    # rich exits with status 1 on a closed pipe; let NewsarcGroup handle it like any output.
    console.on_broken_pipe = _broken_pipe  # type: ignore[method-assign]
    return console


def _broken_pipe() -> None:
    raise BrokenPipeError


def _tty_console(stream: Any, color: str, no_color: bool) -> Console:
    from rich.console import Console

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
bidi_option = click.option(
    "--bidi",
    type=click.Choice(["auto", "terminal", "emulate", "off"]),
    default="auto",
    show_default=True,
    help="Right-to-left text: terminal leaves reordering to the terminal, emulate reorders "
    "and shapes for terminals that do not, off prints text as stored; auto asks $NEWSARC_BIDI, "
    "then the terminal. Only on a terminal: never for pipes or --json. See `newsarc bidi-test`.",
)


def _complete_sources(ctx: click.Context, param: click.Parameter, incomplete: str) -> list[Any]:
    """Shell completion of --source: the sources in the archive (names and slugs)."""
    from click.shell_completion import CompletionItem

    try:
        from newsarc.archive import Archive
        from newsarc.normalize import normalize_arabic

        names = Archive.open(ctx.find_root().params.get("home")).source_names()
        wanted = normalize_arabic(incomplete).lower()
        return [
            CompletionItem(name)
            for name in names
            if normalize_arabic(name).lower().startswith(wanted)
        ]
    except Exception:  # noqa: BLE001 - completion must never print a traceback into the shell
        return []


def make_printer(color: str, bidi_mode: str):
    """The console and the right-to-left mode for people's output on stdout."""
    from newsarc.render import bidi
    from newsarc.render.terminal import Printer

    return Printer(make_console(color), bidi.resolve(bidi_mode, sys.stdout.isatty(), os.environ))


wait_option = click.option(
    "--wait",
    "wait_seconds",
    type=click.FloatRange(min=0),
    default=30.0,
    show_default=True,
    metavar="SECONDS",
    help="How long to wait while another newsarc writes to the archive, then give up (exit 2).",
)


def _archive(ctx: click.Context, must_exist: bool = True):
    from newsarc.lean_imports import import_whoosh

    import_whoosh()  # before anything imports Whoosh: 25 ms less for every command
    from newsarc.archive import Archive

    home = ctx.find_root().params.get("home")
    return Archive.open(home) if must_exist else Archive.at(home)


def _waiting() -> None:
    say("waiting for the archive (another newsarc is writing to it)…")


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
      newsarc show d9d5a337494db628
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--source",
    help="The source (newspaper) of every article, e.g. العرب.",
    shell_complete=_complete_sources,
)
@click.option("--title", help="The title, for a single article.")
@click.option("--date", help="The publication date of every article, e.g. 2019-03-23.")
@click.option(
    "--encoding", help="The input encoding, when detection is not enough (e.g. windows-1256)."
)
@click.option(
    "--format",
    "input_format",
    type=click.Choice(["auto", "text", "jsonl", "trec"]),
    default="auto",
    show_default=True,
    help=(
        "Input format; auto: .jsonl/.jsonl.gz are JSON Lines, files opening with <DOC> "
        "TREC-style, the rest plain text."
    ),
)
@click.option(
    "-n",
    "--dry-run",
    is_flag=True,
    help=(
        "Show what would be stored (encoding, source, signature, title and date and how they were "
        "found, byline: place, agency, author; duplicates) without writing anything."
    ),
)
@click.option(
    "-L",
    "--follow",
    is_flag=True,
    help=(
        "Follow symbolic links that lead out of an input folder (by default they are left out, "
        "and counted in the summary)."
    ),
)
@click.option("-q", "--quiet", is_flag=True, help="No progress bar and no summary.")
@wait_option
@json_option
@click.pass_context
def add(
    ctx: click.Context,
    paths: tuple[str, ...],
    source: str | None,
    title: str | None,
    date: str | None,
    encoding: str | None,
    input_format: str,
    dry_run: bool,
    follow: bool,
    quiet: bool,
    wait_seconds: float,
    as_json: bool,
) -> int:
    """Add articles from files, directories (recursively) or - (stdin).

    Plain text files hold one article each; JSON Lines files (.jsonl, .jsonl.gz) one per
    line with a "text" field and optional id, title, source, date, url, author;
    TREC-style files one per <DOC> (DOCNO, URL, SRC, TITLE, TIME, AUTHOR, TEXT).
    Encodings (UTF-8, UTF-16, Windows-1256, ISO-8859-6) are detected. The date comes from
    --date, the date field, a date line or dateline at the top of the text, or the file
    name; otherwise the article is stored undated. Adding the same text twice keeps one
    copy; the same story with small edits (wire copy) is linked to the earlier one.
    Exit status: 0 when every article was added or already there, 2 when any failed,
    130 on Ctrl-C (what was added before it is kept).

    Safe to interrupt or kill: each article is written whole or not at all, and running
    the same command again adds exactly what is missing.

    \b
    Examples:
      newsarc add article.txt --source العرب
      newsarc add ~/news/ --date 2019-03-23
      newsarc add ant_news.jsonl.gz
      newsarc add --dry-run SK-sport-1-20180218.txt
      cat مقال.txt | newsarc add - --source العرب
    """
    from newsarc.reader import JSONL_SUFFIXES, STDIN, ReadOptions, expand_paths
    from newsarc.render import jsonout, terminal
    from newsarc.render.safe import shown

    if date is not None:
        from newsarc.errors import InputError
        from newsarc.reader import parse_article_date

        try:
            parse_article_date(date, "--date", "option")
        except InputError as exc:
            raise click.BadParameter(
                exc.message.removeprefix("--date: "), param_hint="--date"
            ) from None
    archive = _archive(ctx, must_exist=False)
    options = ReadOptions(
        source=source, title=title, date=date, encoding=encoding, format=input_format
    )
    if encoding:
        import codecs

        try:
            codecs.lookup(encoding)
        except LookupError:
            raise click.BadParameter(
                f"unknown encoding {encoding!r}", param_hint="--encoding"
            ) from None

    dry_console = make_console() if dry_run and not as_json else None

    def tell(message: str) -> None:
        # Above the progress bar, which rich then draws again below: never glued to it.
        if progress is not None:
            progress.console.print(
                shown(f"newsarc: {message}"), markup=False, highlight=False, soft_wrap=True
            )
        else:
            say(message)

    def on_outcome(outcome: Any) -> None:
        if as_json:
            click.echo(jsonout.dumps(jsonout.outcome_json(outcome)))
        elif dry_console is not None:
            terminal.print_dry_run(dry_console, outcome)
        if outcome.status == "failed" and dry_console is None:
            tell(outcome.message)  # on stderr with --json too: a script may not read it all
        if not as_json and dry_console is None:
            for note in outcome.notes:
                tell(f"warning: {note}")
        if progress is not None and task is not None:
            progress.advance(task)

    inputs = expand_paths(paths, follow=follow)  # a missing path fails before anything is written
    left_out = terminal.walk_summary(inputs)
    if left_out and (quiet or as_json):
        say(f"warning: {left_out}")  # no summary line to say it in
    if STDIN in inputs and sys.stdin.isatty() and not quiet:
        say("reading an article from the terminal until Ctrl-D (end of input)…")
    progress = task = None
    show_progress = not quiet and not dry_run and sys.stderr.isatty() and len(paths) > 0
    if show_progress:
        if len(inputs) >= PROGRESS_MIN_INPUTS or any(
            p.lower().endswith(JSONL_SUFFIXES) for p in inputs
        ):
            from rich.progress import Progress

            progress = Progress(console=make_console(stderr=True), transient=True)
            has_jsonl = any(p.lower().endswith(JSONL_SUFFIXES) for p in inputs)
            task = progress.add_task("adding", total=None if has_jsonl else len(inputs))
            progress.start()
    try:
        report = archive.add(
            inputs,
            options,
            on_outcome=on_outcome,
            on_wait=_waiting,
            lock_timeout=wait_seconds,
            dry_run=dry_run,
        )
    finally:
        if progress is not None:
            progress.stop()
    if not quiet and not as_json:
        summary = terminal.add_summary(report) + (f"; {left_out}" if left_out else "")
        say(f"{summary} (archive: {archive.root})")
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
@click.argument("query", nargs=-1)
@click.option(
    "-n",
    "--limit",
    type=click.IntRange(min=1),
    help="How many results to show.  [default: 10; all with --output]",
)
@click.option(
    "--source",
    help="Only articles from this source (name or slug).",
    shell_complete=_complete_sources,
)
@click.option(
    "--since",
    metavar="DATE",
    help="Only articles dated on or after DATE (2019, 2019-03, 2019-03-23).",
)
@click.option(
    "--until",
    metavar="DATE",
    help="Only articles dated on or before DATE (2018: through 2018-12-31).",
)
@click.option(
    "--sort",
    type=click.Choice(["relevance", "newest", "oldest"]),
    help="Order of results. Default: relevance, or newest first when the query has no words.",
)
@click.option(
    "--collapse",
    is_flag=True,
    help=(
        "One result per story: wire copy published by several sources is shown once, with the "
        'others as "also in".'
    ),
)
@click.option(
    "--timeline",
    is_flag=True,
    help="Instead of the results, chart how many matching articles appeared per month or year.",
)
@click.option(
    "--by",
    type=click.Choice(["auto", "month", "year"]),
    default="auto",
    show_default=True,
    help="The period of --timeline; auto: months for spans up to 3 years.",
)
@click.option(
    "--output",
    "output",
    type=click.Choice(["ids", "paths"]),
    help="Print only the ids or the corpus file paths of the matches, one a line, for pipes.",
)
@click.option(
    "-0",
    "--null",
    is_flag=True,
    help="With --output: end each id or path with a NUL byte instead of a newline (xargs -0).",
)
@exact_option
@any_option
@click.option(
    "--explain",
    is_flag=True,
    help=(
        "First print (on stderr) what the query looks for: each word's terms and spelling "
        "variants."
    ),
)
@color_option
@bidi_option
@json_option
@click.pass_context
def search(
    ctx: click.Context,
    query: tuple[str, ...],
    limit: int | None,
    source: str | None,
    since: str | None,
    until: str | None,
    sort: str | None,
    collapse: bool,
    timeline: bool,
    by: str,
    output: str | None,
    null: bool,
    exact: bool,
    any_word: bool,
    explain: bool,
    color: str,
    bidi: str,
    as_json: bool,
) -> int:
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
      place:CITY      by dateline:           place:بيروت
      title:WORD      in the title
      word*           words starting with:   الباغوز*
      date:PERIOD     by date:               date:2019..2020  date:2019-03  date:..2018
    A query of filters only (no words) lists articles newest first.
    Exit status: 0 found, 1 nothing found, 2 error (a date that cannot be read is an error).

    \b
    Examples:
      newsarc search الاسلامية
      newsarc search 'الخلافة OR داعش' --source العرب --limit 5
      newsarc search داعش --timeline               # when the story broke and faded
      newsarc search 'الحديدة date:2018-06' --collapse
      newsarc search --source العرب --since 2019-03
      newsarc search --exact القرآن
      newsarc search --any 'ما هي عقوبة السارق؟'
      newsarc search سوريا --json | jq .id
      newsarc search سوريا --output paths -0 | xargs -0 grep -l الباغوز
    """
    from newsarc.render import jsonout, terminal

    if null and not output:
        raise click.UsageError("-0/--null goes with --output ids|paths")
    if timeline and output:
        raise click.UsageError("--timeline and --output cannot be combined")
    if output and as_json:
        raise click.UsageError("--output and --json cannot be combined")
    archive = _archive(ctx)
    text = " ".join(query)
    if explain:
        analysis = archive.analyze(text, exact=exact, any_word=any_word)
        terminal.print_analysis(make_console(color, stderr=True), analysis, query_only=True)
    if timeline:
        result = archive.timeline(
            text, source=source, since=since, until=until, exact=exact, any_word=any_word
        )
        if as_json:
            click.echo(jsonout.dumps(jsonout.timeline_json(result)))
        else:
            terminal.print_timeline(make_printer(color, bidi), result, by)
        return EXIT_OK if result.total else EXIT_NOTHING
    if output:
        matches = archive.matches(
            text, limit=limit, source=source, since=since, until=until, sort=sort,
            exact=exact, any_word=any_word,
        )
        end = "\0" if null else "\n"
        out = sys.stdout
        for article_id, path in matches:
            out.write((article_id if output == "ids" else str(archive.root / path)) + end)
        out.flush()
        return EXIT_OK if matches else EXIT_NOTHING
    result = archive.search(
        text,
        limit=limit or 10,
        source=source,
        since=since,
        until=until,
        sort=sort,
        collapse=collapse,
        exact=exact,
        any_word=any_word,
    )
    if as_json:
        for hit in result.hits:
            click.echo(jsonout.dumps(jsonout.hit_json(hit)))
        if result.note:
            say(result.note)
    else:
        printer = make_printer(color, bidi)
        terminal.print_search(printer, result)
        if sys.stdout.isatty() or color == "always":
            printer.console.print(terminal.search_summary(result), style="dim")
        else:  # stdout is data for a pipe: the summary goes with the diagnostics
            click.echo(terminal.search_summary(result), err=True)
    return EXIT_OK if result.total else EXIT_NOTHING


@cli.command()
@click.argument("text", nargs=-1, required=True)
@exact_option
@any_option
@color_option
@json_option
@click.pass_context
def analyze(
    ctx: click.Context,
    text: tuple[str, ...],
    exact: bool,
    any_word: bool,
    color: str,
    as_json: bool,
) -> int:
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
    from newsarc.archive import Archive, is_archive, locate_home
    from newsarc.archive import analyze as analyze_text
    from newsarc.render import jsonout, terminal

    root = locate_home(ctx.find_root().params.get("home"))
    archive = Archive(root) if is_archive(root) else None
    analysis = analyze_text(" ".join(text), archive=archive, exact=exact, any_word=any_word)
    if as_json:
        click.echo(jsonout.dumps(jsonout.analysis_json(analysis)))
    else:
        terminal.print_analysis(make_console(color), analysis)
    return EXIT_ERROR if analysis.error else EXIT_OK  # as search does with the same text


@cli.command()
@click.argument("article_id")
@click.option(
    "--highlight",
    "highlight",
    metavar="QUERY",
    help="Highlight the matches of a query in the text, as search does.",
)
@click.option(
    "--pager/--no-pager",
    default=None,
    help=(
        "Page a long article on a terminal ($NEWSARC_PAGER, else $PAGER, else less -R).  "
        "[default: on a terminal]"
    ),
)
@color_option
@bidi_option
@json_option
@click.pass_context
def show(
    ctx: click.Context,
    article_id: str,
    highlight: str | None,
    pager: bool | None,
    color: str,
    bidi: str,
    as_json: bool,
) -> int:
    """Print one article: its metadata, then its text in paragraphs.

    \b
    Examples:
      newsarc search الخلافة --json | jq -r .id     # find ids
      newsarc show d9d5a337494db628
      newsarc show d9d5a337494db628 --highlight 'الخلافة OR داعش'
      newsarc show d9d5a337494db628 --json | jq -r .text
    """
    from newsarc.render import jsonout, terminal

    archive = _archive(ctx)
    path, article = archive.locate(article_id)
    title_spans: list[tuple[int, int]] = []
    text_spans: list[tuple[int, int]] = []
    if highlight:
        title_spans, text_spans = archive.highlights(article, highlight)
    if as_json:
        record = jsonout.article_json(article, path)
        if highlight:
            record["title_highlights"] = [list(span) for span in title_spans]
            record["highlights"] = [list(span) for span in text_spans]
        click.echo(jsonout.dumps(record))
        return EXIT_OK
    printer = make_printer(color, bidi)
    if pager is False or not sys.stdout.isatty():
        terminal.print_article(printer, article, path, title_spans, text_spans)
        return EXIT_OK
    from newsarc.render.pager import paged

    with paged(printer.console, always=bool(pager)):
        terminal.print_article(printer, article, path, title_spans, text_spans)
    return EXIT_OK


@cli.command()
@click.option(
    "--by",
    type=click.Choice(["auto", "month", "year"]),
    default="auto",
    show_default=True,
    help="The period of the chart; auto: months for spans up to 3 years.",
)
@color_option
@bidi_option
@json_option
@click.pass_context
def stats(ctx: click.Context, by: str, color: str, bidi: str, as_json: bool) -> int:
    """What the archive holds: articles by source and year, and a chart of articles per month.

    \b
    Examples (العرب is one source):
      newsarc stats
      newsarc stats --by year
      newsarc stats --json | jq '.sources["العرب"]'
    """
    from newsarc.render import jsonout, terminal

    result = _archive(ctx).stats()
    if as_json:
        click.echo(jsonout.dumps(jsonout.stats_json(result)))
    else:
        terminal.print_stats(make_printer(color, bidi), result, by)
    return EXIT_OK


@cli.command("bidi-test")
@color_option
def bidi_test(color: str) -> int:
    """Show Arabic in each --bidi mode, to see which one reads right on this terminal.

    Some terminals reorder right-to-left text themselves (GNOME Terminal and other VTE
    terminals, Konsole, mlterm): use --bidi terminal there. Others do not (Windows
    Terminal, kitty, Alacritty, VS Code): use --bidi emulate. Set the one that reads
    right for good with NEWSARC_BIDI.

    \b
    Example:
      newsarc bidi-test
      export NEWSARC_BIDI=emulate      # e.g. in ~/.bashrc, if its lines read right
    """
    from newsarc.render import bidi, terminal

    chosen, reason = bidi.detect(os.environ)
    if not sys.stdout.isatty():
        reason += " (on a terminal; this output is not going to one)"
    terminal.print_bidi_card(make_console(color), chosen, reason)
    return EXIT_OK


@cli.command()
@click.option(
    "--repair",
    is_flag=True,
    help=(
        "Fix what can be fixed: index corpus files the index lacks, drop entries whose file is "
        "gone, rebuild an unreadable index, remove leftover temporary files."
    ),
)
@wait_option
@json_option
@click.pass_context
def check(ctx: click.Context, repair: bool, wait_seconds: float, as_json: bool) -> int:
    """Check that the index opens and agrees with corpus/. Exit 0 healthy, 2 otherwise.

    corpus/ is the truth: --repair changes only the index (and removes temporary files
    of interrupted writes), never an article.

    \b
    Examples:
      newsarc check || newsarc check --repair   # e.g. after restoring corpus/العرب/ from a backup
    """
    from newsarc.render import jsonout, terminal

    report = _archive(ctx).check(repair, on_wait=_waiting, lock_timeout=wait_seconds)
    if not as_json:
        for done in report.repairs:
            say(f"repaired: {done}")
    if as_json:
        click.echo(jsonout.dumps(jsonout.check_json(report)))
    else:
        terminal.print_check(make_console("never", stderr=not report.healthy), report)
    return EXIT_OK if report.healthy else EXIT_ERROR


engine_option = click.option(
    "--engine",
    type=click.Choice(["whoosh", "xapian"]),
    help=(
        "The search engine: whoosh (embedded, the default) or xapian (pip install "
        "'newsarc[xapian]')."
    ),
)
shard_option = click.option(
    "--shard", "shards", multiple=True, metavar="xapian+tcp://HOST:PORT",
    help="With --engine xapian: a shard server (xapian-tcpsrv --writable); repeat for each.",
)


@cli.command()
@engine_option
@shard_option
@click.pass_context
def init(ctx: click.Context, engine: str | None, shards: tuple[str, ...]) -> int:
    """Create an empty archive, with its search engine (`add` alone makes a Whoosh one).

    \b
    Examples:
      newsarc --home ~/news init --engine xapian
      newsarc init --engine xapian --shard xapian+tcp://10.0.0.5:7001 --shard xapian+tcp://10.0.0.6:7001
    """
    if shards and engine is None:
        engine = "xapian"
    from newsarc.archive import Archive

    archive = Archive.init(ctx.find_root().params.get("home"), engine or "whoosh", shards)
    where = f" on {len(shards)} shard(s)" if shards else ""
    click.echo(
        f"newsarc: created an empty archive ({engine or 'whoosh'}{where}) at {archive.root}",
        err=True,
    )
    return EXIT_OK


@cli.command()
@click.option("-q", "--quiet", is_flag=True, help="Print nothing on success.")
@engine_option
@shard_option
@wait_option
@click.pass_context
def reindex(
    ctx: click.Context,
    quiet: bool,
    engine: str | None,
    shards: tuple[str, ...],
    wait_seconds: float,
) -> int:
    """Rebuild the index from corpus/ (the articles themselves are never touched).

    The new index is built beside the old one and swapped in at once: searches keep
    working meanwhile, and an interrupted rebuild leaves the old index in use. Corpus
    files that cannot be read are left out and listed (exit 2). --engine (and --shard)
    moves the archive to another engine; newsarc.json records it.

    \b
    Example, in a fresh clone of newsarc (its corpus/ holds an article from العرب):
      newsarc reindex && newsarc search الخلافة
      newsarc reindex --engine xapian
    """
    if shards and engine is None:
        engine = "xapian"
    if engine is not None:
        from newsarc.engine.choice import EngineChoice

        EngineChoice(engine, shards).engine_class()  # not installed: say how, exit 2
    archive = _archive(ctx)
    problems: list[str] = []

    def on_problem(problem: str) -> None:
        problems.append(problem)
        say(problem)

    count = archive.reindex(
        on_wait=_waiting,
        lock_timeout=wait_seconds,
        on_problem=on_problem,
        engine=engine,
        shards=shards,
    )
    if not quiet:
        noun = "article" if count == 1 else "articles"
        say(f"indexed {count} {noun} in {archive.index_dir}")
    return EXIT_ERROR if problems else EXIT_OK


def main() -> None:
    cli()
