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
from newsarc.model import AddOutcome, AddReport, Article, CheckReport, Hit, SearchResult, Stats

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
    if article.place:
        meta.append(city(article.place))
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
    if hit.also_in:
        block.append("\n   ")
        block.append(also_in_line(hit), style="cyan")
    block.append("\n   ")
    block.append(f"id: {article.id}", style="dim")
    return block


def city(place: str) -> str:
    """`دبي، الإمارات العربية المتحدة` → `دبي`."""
    return place.replace(",", "،").split("،", 1)[0].strip()


def also_in_line(hit: Hit) -> str:
    names: list[str] = []
    for copy in hit.also_in:
        name = copy.source or "unknown source"
        if name not in names:
            names.append(name)
    count = len(hit.also_in)
    return f"also in: {', '.join(names)} ({count} more {'article' if count == 1 else 'articles'} of this story)"


def print_search(console: Console, result: SearchResult) -> None:
    for hit in result.hits:
        console.print(hit_renderable(hit, console))
        console.print()


def search_summary(result: SearchResult) -> str:
    shown = len(result.hits)
    noun = "article" if result.total == 1 else "articles"
    stories = ""
    if result.stories is not None:
        stories = f" in {result.stories} {'story' if result.stories == 1 else 'stories'}"
    return f"{result.total} {noun} matched{stories}, {shown} shown ({result.seconds * 1000:.0f} ms)"


def print_article(console: Console, article: Article, path: str | None = None) -> None:
    header = Table.grid(padding=(0, 2))
    header.add_column(style="bold cyan", no_wrap=True)
    header.add_column()
    for label, value in (
        ("source", article.source),
        ("date", article.date.isoformat() if article.date else None),
        ("place", article.place),
        ("agency", article.agency),
        ("url", article.url),
        ("author", article.author),
        ("story", article.story if article.story and article.story != article.id else None),
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
    extra = []
    if report.count_undated():
        extra.append(f"{report.count_undated()} undated")
    if report.count_near_duplicates():
        extra.append(f"{report.count_near_duplicates()} near-duplicates of an earlier story")
    added = f"added {report.count('added')}" + (f" ({', '.join(extra)})" if extra else "")
    summary = f"{added}, duplicates {report.count('duplicate')}, failed {report.count('failed')}"
    if any(outcome.dry_run for outcome in report.outcomes):
        summary = "dry run, nothing written: would have " + summary
    return summary


def date_description(article: Article) -> str:
    """`2019-01-12 (header:month-name:levantine, from «12 كانون الثاني 2019»)`."""
    if article.date is None:
        return "none (no date in the metadata, the text's header or the file name)"
    raw = f", from «{article.date_raw}»" if article.date_raw and article.date_raw != article.date.isoformat() else ""
    return f"{article.date.isoformat()} ({article.date_rule}{raw})"


def print_dry_run(console: Console, outcome: AddOutcome) -> None:
    """What `add` would do with one input article, field by field."""
    article = outcome.article
    verdict = {
        "added": f"would add as {outcome.id} → {outcome.path}",
        "duplicate": f"duplicate: {outcome.message}",
        "failed": f"would fail: {outcome.message}",
    }[outcome.status]
    rows: list[tuple[str, str | None]] = [("verdict", verdict)]
    if article is not None:
        rows += [
            ("encoding", f"{article.encoding} ({article.encoding_rule})" if article.encoding else None),
            ("source", f"{article.source} (slug {article.source_slug})" if article.source else "none"),
            ("title", article.title or f"none (the lead: {short_lead(article)})"),
            ("date", date_description(article)),
            ("place", " · ".join(p for p in (article.place, article.agency) if p) or None),
            ("url", article.url),
        ]
        if outcome.status == "added":
            near = "no"
            if outcome.near_dup_of:
                near = f"yes: the story of {outcome.story}, nearest {outcome.near_dup_of} (similarity {outcome.similarity:.2f})"
            rows.append(("near-duplicate", near))
    prefix = f"{outcome.origin}: "
    rows += [("note", note.removeprefix(prefix)) for note in outcome.notes]
    # Lines of `label  value`, never a table: piped output is not cut at the terminal width.
    block = Text(outcome.origin, style="bold")
    for label, value in rows:
        if value:
            block.append("\n")
            block.append(f"  {label:<15}", style="cyan")
            block.append(value)
    console.print(block)
    console.print()


def print_check(console: Console, report: CheckReport) -> None:
    if report.healthy:
        console.print(Text(f"ok: {report.articles_in_corpus} articles in corpus/, {report.articles_in_index} in the index"))
        return
    for problem in report.problems:
        console.print(Text(problem))
