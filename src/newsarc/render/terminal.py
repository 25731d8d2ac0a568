"""Output for people: rich renderables built from model objects.

Article text is never parsed as rich markup (an article may well contain `[b]`): every
piece of it goes into `rich.text.Text` and highlights are applied with `stylize` on
whole-word spans, so an escape code never lands inside a word and breaks letter joining.
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from newsarc.snippets import ELLIPSIS
from newsarc.model import AddReport, Analysis, Article, CheckReport, Hit, SearchResult, Stats

LEAD_CHARS = 90
# Visible without colour too (NO_COLOR, monochrome terminals): bold and reverse video.
MATCH_STYLE_COLOR = "bold yellow"
MATCH_STYLE_PLAIN = "bold reverse"


def match_style(console: Console) -> str:
    return MATCH_STYLE_PLAIN if console.no_color or console.color_system is None else MATCH_STYLE_COLOR


def _highlighted(text: str, spans, style: str) -> Text:  # type: ignore[no-untyped-def]
    rich_text = Text(text)
    for start, end in spans:
        rich_text.stylize(style, start, end)
    return rich_text


def short_lead(article: Article, limit: int = LEAD_CHARS) -> str:
    lead = article.lead
    if len(lead) <= limit:
        return lead
    cut = lead.rfind(" ", 0, limit)
    return lead[: cut if cut > 0 else limit].rstrip() + "…"


def hit_renderable(hit: Hit, console: Console) -> Text:
    article = hit.article
    style = match_style(console)
    block = Text()
    block.append(f"{hit.rank}. ", style="bold")
    meta = [article.source or "unknown source", article.date.isoformat() if article.date else "undated"]
    block.append(" · ".join(meta), style="cyan")
    if article.title:
        block.append("\n   ")
        block.append_text(_highlighted(article.title, hit.title_spans, style))
        block.stylize("bold", len(block) - len(article.title), len(block))
    elif not hit.snippets or hit.snippets[0].text.startswith(ELLIPSIS):
        # No title: the start of the lead stands in, unless the snippet already shows it.
        block.append("\n   ")
        block.append(short_lead(article), style="italic")
    for snippet in hit.snippets:
        block.append("\n   ")
        block.append_text(_highlighted(snippet.text, snippet.spans, style))
    block.append("\n   ")
    block.append(f"id: {article.id}", style="dim")
    return block


def print_search(console: Console, result: SearchResult) -> None:
    for hit in result.hits:
        console.print(hit_renderable(hit, console))
        console.print()


def search_summary(result: SearchResult) -> str:
    shown = len(result.hits)
    noun = "article" if result.total == 1 else "articles"
    return f"{result.total} {noun} matched, {shown} shown ({result.seconds * 1000:.0f} ms)"


def print_article(console: Console, article: Article, path: str | None = None) -> None:
    header = Table.grid(padding=(0, 2))
    header.add_column(style="bold cyan", no_wrap=True)
    header.add_column()
    for label, value in (
        ("source", article.source),
        ("date", article.date.isoformat() if article.date else None),
        ("url", article.url),
        ("author", article.author),
        ("id", article.id),
        ("file", path),
    ):
        if value:
            header.add_row(label, Text(str(value)))
    if article.title:
        console.print(Text(article.title, style="bold"))
    console.print(header)
    console.print()
    paragraphs = [line.strip() for line in article.text.split("\n") if line.strip()]
    for number, paragraph in enumerate(paragraphs):
        if number:
            console.print()
        console.print(Text(paragraph))


def print_stats(console: Console, stats: Stats) -> None:
    span = (
        f"{stats.first_date.isoformat()} … {stats.last_date.isoformat()}"
        if stats.first_date and stats.last_date
        else "no dates"
    )
    articles = "1 article" if stats.articles == 1 else f"{stats.articles} articles"
    sources = "1 source" if len(stats.sources) == 1 else f"{len(stats.sources)} sources"
    console.print(Text(f"{articles}, {sources}, dates {span}", style="bold"))
    if stats.undated:
        console.print(Text(f"{stats.undated} without a date"))
    if stats.sources:
        table = Table(show_edge=False, box=None, padding=(0, 2))
        table.add_column("source")
        table.add_column("articles", justify="right")
        for name, count in stats.sources.items():
            table.add_row(Text(name), str(count))
        unnamed = stats.articles - sum(stats.sources.values())
        if unnamed:
            table.add_row(Text("(no source)", style="dim"), str(unnamed))
        console.print(table)


def add_summary(report: AddReport) -> str:
    return (
        f"added {report.count('added')}, duplicates {report.count('duplicate')}, "
        f"failed {report.count('failed')}"
    )


def print_check(console: Console, report: CheckReport) -> None:
    if report.healthy:
        console.print(Text(f"ok: {report.articles_in_corpus} articles in corpus/, {report.articles_in_index} in the index"))
        return
    for problem in report.problems:
        console.print(Text(problem))


def print_analysis(console: Console, analysis: Analysis, query_only: bool = False) -> None:
    """Each word: as written → normalized (the exact field) → stemmed; then the query."""
    if not query_only:
        table = Table(show_edge=False, box=None, padding=(0, 2))
        table.add_column("word")
        table.add_column("normalized")
        table.add_column("stemmed")
        for token in analysis.tokens:
            stemmed = Text(token.stemmed) if token.stemmed is not None else Text("(stopword)", style="dim")
            table.add_row(Text(token.original), Text(token.normalized), stemmed)
        console.print(table)
        console.print()
    if analysis.error:
        console.print(Text(f"query: {analysis.error}"))
        return
    console.print(Text("query:", style="bold"))
    for line in analysis.query:
        console.print(Text("  " + line))
    if analysis.variants_from:
        console.print(Text(f"(spelling variants from the archive at {analysis.variants_from})", style="dim"))
    else:
        console.print(Text("(no archive index: spelling variants not shown)", style="dim"))
