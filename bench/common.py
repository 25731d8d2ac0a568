"""Shared helpers for bench/ (run with `make bench`, never from pytest): the search-quality
evaluations (eval_*.py) and the performance benchmarks (bench_*.py).

For the evaluations: where the data is, and the analyzer setups.

The collections are read where they are (``$NEWSARC_SHARED/data``, else ``../shared/data``
next to the repository) and never copied into it: Qur'an QA 2023 is CC BY-NC-ND, ANT's
article text belongs to its outlets. A script whose data is missing prints why and exits 0.

Setups compared (all BM25F as Whoosh implements it, k1=1.2, b=0.75):

* ``whoosh-default``  Whoosh's default ``StandardAnalyzer`` (``\\w+`` tokens, lowercase,
  English stopwords, tokens shorter than two letters dropped), one field.
* ``lucene-ar``       an emulation of Lucene's ArabicAnalyzer (8.x): Lucene's stopword list
  *before* normalization, Lucene's ArabicNormalizer (أ إ آ → ا, ى → ي, ة → ه; tatweel and
  fathatan..sukun removed), light10. One field. For reference only.
* ``normalize``       newsarc's normalization and stopwords (DESIGN §4 steps 1–6), one field.
* ``light10``         ``normalize`` + Lucene's light10 stemmer, one field.
* ``newsarc``         the product: its schema (stemmed title/body + exact field) and its
  query parser, with the archive-aware query expansion.
* ``newsarc-noexp``   the product without the query expansion (an ablation).

For the performance benchmarks:

- where the data is: ``$NEWSARC_SHARED``, else ``../shared`` beside the repository;
  a benchmark whose data is absent prints why and exits 0 (``skip``);
- running a command as a child process and measuring its wall time and the peak memory
  of its whole process tree (a command's children count too: one process's maxrss
  would hide them), as the sum of RSS over the tree, sampled every 0.1 s;
- corpora: the ANT corpus, SaudiNewsNet, and scaled-up copies written as JSON Lines;
- percentiles and a plain-text table printer.

This machine is shared and noisy: every comparison is made side by side in one run,
interleaved, and reported as a ratio.
"""

from __future__ import annotations

import gzip
import json
import math
import os
import resource
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh import scoring
from whoosh.analysis import Filter, RegexTokenizer, StandardAnalyzer
from whoosh.fields import ID, TEXT, Schema

from newsarc.analysis import ANALYZER_VERSION, exact_analyzer
from newsarc.normalize import TOKEN_PATTERN, fold_digits
from newsarc.stem import stem_light10
from newsarc.stopwords import LUCENE_ARABIC_STOPWORDS

REPO = Path(__file__).resolve().parents[1]
BENCH = REPO / "bench"
OUT = Path(
    os.environ.get("NEWSARC_BENCH_OUT", BENCH / "out")
)  # git-ignored: work files, cached indexes
PYTHON = sys.executable
NEWSARC = str(Path(PYTHON).parent / "newsarc")
SAMPLE_SECONDS = 0.1


def shared_dir() -> Path:
    return Path(os.environ.get("NEWSARC_SHARED", REPO.parent / "shared"))


def ant_path(sample: bool = False) -> Path:
    name = "ant_news.sample2k.jsonl.gz" if sample else "ant_news.jsonl.gz"
    return shared_dir() / "data" / "ant-news" / name


def snn_path() -> Path:
    return shared_dir() / "data" / "saudinewsnet" / "saudinewsnet.jsonl.gz"


def skip(reason: str) -> None:
    print(f"skipped: {reason}")
    raise SystemExit(0)


def require(*paths: Path) -> None:
    for path in paths:
        if not path.exists():
            skip(f"{path} is absent (set NEWSARC_SHARED to the folder holding data/)")
    if not Path(NEWSARC).exists():
        skip(f"{NEWSARC} is not installed: pip install -e . in this virtual environment")
    import compileall

    # An editable install has no bytecode until first run (none at all where
    # PYTHONDONTWRITEBYTECODE is set): write it now, so no timed run compiles sources.
    compileall.compile_dir(str(REPO / "src"), quiet=1)


def git_commit() -> str:
    if os.environ.get("NEWSARC_BENCH_COMMIT"):  # measuring another install than this tree's
        return os.environ["NEWSARC_BENCH_COMMIT"]
    try:
        out = subprocess.run(
            ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=True,
        )
        dirty = subprocess.run(
            ["git", "-C", str(REPO), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        return out.stdout.strip() + ("+dirty" if dirty else "")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


# -- corpora ------------------------------------------------------------------------------


def iter_records(path: Path, limit: int | None = None) -> Iterator[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for number, line in enumerate(handle):
            if limit is not None and number >= limit:
                return
            yield json.loads(line)


def write_jsonl(records: Iterable[dict], target: Path, compress: bool = True) -> tuple[int, int]:
    """Write records as JSON Lines; returns (count, raw text bytes: title + text)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    count = raw = 0
    records = (r for r in records if (r.get("text") or "").strip())  # newsarc refuses empty texts
    opener = gzip.open if compress else open
    with opener(target, "wt", encoding="utf-8") as handle:  # type: ignore[operator]
        for record in records:
            # U+2028/U+2029 are legal raw inside JSON strings, but older newsarc read JSON
            # Lines with str.splitlines(), which breaks lines there: escape them.
            line = (
                json.dumps(record, ensure_ascii=False)
                .replace("\u2028", "\\u2028")
                .replace("\u2029", "\\u2029")
            )
            handle.write(line + "\n")
            count += 1
            raw += len(record["text"].encode("utf-8")) + len(
                (record.get("title") or "").encode("utf-8")
            )
    return count, raw


def slim(record: dict, source_key: str = "source") -> dict:
    """The fields newsarc reads from a JSON Lines record."""
    keys = ("id", "title", "date", "url", "author")
    out = {key: record[key] for key in keys if record.get(key)}
    out["text"] = record.get("text") or ""
    out["source"] = record.get(source_key) or record.get("source")
    return out


def corpus(name: str, limit: int | None = None) -> Path:
    """A JSON Lines corpus by name, written once into bench/out/corpora/.

    ant          the ANT corpus (41,686 articles)
    sample       its 2,000-article sample
    ant+snn      ANT and SaudiNewsNet (72,716)
    ant4x        ANT four times, copies 2-4 with altered ids and a marker line
                 (the same text twice would be a duplicate, which newsarc skips)
    """
    suffix = f"-{limit}" if limit else ""
    target = OUT / "corpora" / f"{name}{suffix}.jsonl.gz"
    meta = target.with_suffix(".meta.json")
    if target.exists() and meta.exists():
        return target
    if name == "ant":
        records: Iterable[dict] = (slim(r) for r in iter_records(ant_path(), limit))
    elif name == "sample":
        records = (slim(r) for r in iter_records(ant_path(sample=True), limit))
    elif name == "ant+snn":

        def both() -> Iterator[dict]:
            yield from (slim(r) for r in iter_records(ant_path()))
            yield from (slim(r) for r in iter_records(snn_path()))

        records = _limited(both(), limit)
    elif name == "ant4x":

        def replicated() -> Iterator[dict]:
            for copy in range(1, 5):
                for r in iter_records(ant_path()):
                    r = slim(r)
                    if copy > 1:
                        r["id"] = f"{r['id']}-r{copy}"
                        r["text"] = r["text"] + f"\nنسخة {copy}"
                    yield r

        records = _limited(replicated(), limit)
    else:
        raise SystemExit(f"unknown corpus {name!r}")
    count, raw = write_jsonl(records, target)
    meta.write_text(json.dumps({"articles": count, "raw_bytes": raw}))
    return target


def corpus_meta(path: Path) -> dict:
    return json.loads(path.with_suffix(".meta.json").read_text())


def _limited(records: Iterator[dict], limit: int | None) -> Iterator[dict]:
    for number, record in enumerate(records):
        if limit is not None and number >= limit:
            return
        yield record


def text_tree(source: Path, target: Path) -> Path:
    """One plain file per article (its text), as a person holding loose files has them:
    what ripgrep searches."""
    done = target / ".complete"
    if done.exists():
        return target
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for record in iter_records(source):
        folder = target / (record.get("source") or "unknown").replace("/", "-")
        folder.mkdir(exist_ok=True)
        (folder / f"{record['id']}.txt").write_text(
            (record.get("title") or "") + "\n" + record["text"], encoding="utf-8"
        )
    done.write_text("")
    return target


# -- processes ----------------------------------------------------------------------------


def _children(pid: int) -> list[int]:
    found = []
    try:
        for task in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{task}/children") as handle:
                found.extend(int(x) for x in handle.read().split())
    except OSError:
        pass
    return found


_PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024 if hasattr(os, "sysconf") else 4


def _rss_kb(pid: int) -> int:
    # statm is O(1) to read; smaps_rollup (PSS) walks the page tables and, read every
    # 0.25 s, cost the measuring process 17% of a core while a 1 GB process ran.
    try:
        with open(f"/proc/{pid}/statm") as handle:
            return int(handle.read().split()[1]) * _PAGE_KB
    except (OSError, IndexError, ValueError):
        return 0


def tree_rss_kb(pid: int) -> int:
    """RSS summed over a process and its descendants. Pages a forked child still shares
    with its parent count twice: a parallel run is charged a little more than it uses."""
    total, todo, seen = 0, [pid], set()
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        total += _rss_kb(current)
        todo.extend(_children(current))
    return total


class Run:
    def __init__(
        self,
        seconds: float,
        returncode: int,
        peak_mb: float,
        stdout: bytes,
        stderr: bytes,
        cpu_seconds: float = 0.0,
    ) -> None:
        self.seconds = seconds
        # CPU (user + system) of the command and the processes it waited for: on a shared
        # machine, what a command costs, where wall time also counts the others' load.
        self.cpu_seconds = cpu_seconds
        self.returncode = returncode
        self.peak_mb = peak_mb
        self.stdout = stdout
        self.stderr = stderr


def run(
    cmd: Sequence[str],
    *,
    measure_memory: bool = False,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    check: bool = True,
    stdout_to_devnull: bool = False,
) -> Run:
    """Run a command; wall and CPU seconds, exit status, peak tree RSS (MB) when asked."""
    full_env = dict(os.environ)
    full_env.pop("NEWSARC_HOME", None)
    # As installed programs run: with bytecode caches (pip writes them at install time).
    # Without them each process compiles newsarc's sources, ~60 ms (see require()).
    full_env.pop("PYTHONDONTWRITEBYTECODE", None)
    full_env.update(env or {})
    started = time.perf_counter()
    children_before = resource.getrusage(resource.RUSAGE_CHILDREN)
    proc = subprocess.Popen(
        list(cmd),
        stdout=subprocess.DEVNULL if stdout_to_devnull else subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=full_env,
        cwd=cwd,
    )
    peak = [0]
    stop = threading.Event()

    def sample() -> None:
        while not stop.is_set():
            peak[0] = max(peak[0], tree_rss_kb(proc.pid))
            stop.wait(SAMPLE_SECONDS)

    sampler = threading.Thread(target=sample, daemon=True) if measure_memory else None
    if sampler:
        sampler.start()
    out, err = proc.communicate()
    seconds = time.perf_counter() - started
    children_after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_seconds = (children_after.ru_utime - children_before.ru_utime) + (
        children_after.ru_stime - children_before.ru_stime
    )
    stop.set()
    if sampler:
        sampler.join()
    if check and proc.returncode not in (0, 1):
        sys.stderr.write(err.decode("utf-8", "replace")[-3000:])
        raise SystemExit(f"command failed ({proc.returncode}): {' '.join(cmd)}")
    return Run(seconds, proc.returncode, peak[0] / 1024, out or b"", err, cpu_seconds)


def dir_bytes(path: Path) -> int:
    total = 0
    for directory, _, files in os.walk(path):
        for name in files:
            try:
                total += os.stat(os.path.join(directory, name)).st_size
            except OSError:
                pass
    return total


# -- numbers and tables -------------------------------------------------------------------


def percentile(values: Sequence[float], q: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    if len(ordered) == 1:
        return ordered[0]
    position = (len(ordered) - 1) * q
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def table(
    title: str, header: Sequence[str], rows: Iterable[Sequence[object]], notes: Sequence[str] = ()
) -> str:
    """A Markdown table (readable as plain text too), printed and returned."""
    cells = [[_cell(value) for value in row] for row in rows]
    widths = [
        max(len(str(h)), *(len(row[i]) for row in cells)) if cells else len(str(h))
        for i, h in enumerate(header)
    ]
    lines = [f"### {title}", ""]
    lines.append("| " + " | ".join(str(h).ljust(w) for h, w in zip(header, widths)) + " |")
    lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for row in cells:
        lines.append("| " + " | ".join(value.ljust(w) for value, w in zip(row, widths)) + " |")
    if notes:
        lines.append("")
        lines.extend(notes)
    text = "\n".join(lines) + "\n"
    print(text, flush=True)
    OUT.mkdir(parents=True, exist_ok=True)
    with open(OUT / "tables.md", "a", encoding="utf-8") as handle:
        handle.write(text + "\n")
    return text


def _cell(value: object) -> str:
    if isinstance(value, float):
        if math.isnan(value):
            return "–"
        return f"{value:.2f}" if abs(value) < 100 else f"{value:.0f}"
    return str(value)


def stamp() -> str:
    return (
        f"{time.strftime('%Y-%m-%d %H:%M')} UTC, commit {git_commit()}, "
        f"Python {sys.version.split()[0]}, {os.cpu_count()} cores"
    )


# -- evaluations: data and analyzer setups ----------------------------------------

def shared_data(subdir: str) -> Path:
    """The shared data folder ``subdir``, or exit 0 with a message saying it is missing."""
    candidates = []
    if os.environ.get("NEWSARC_SHARED"):
        shared = Path(os.environ["NEWSARC_SHARED"]).expanduser()
        candidates += [shared / "data" / subdir, shared / subdir]
    candidates.append(REPO.parent / "shared" / "data" / subdir)
    for path in candidates:
        if path.is_dir():
            return path
    tried = ", ".join(str(p) for p in candidates)
    print(
        f"skipped: the data folder {subdir!r} is not here (looked in {tried}); "
        "set NEWSARC_SHARED to the shared folder that holds data/"
    )
    sys.exit(0)


# --- Lucene's ArabicAnalyzer, emulated (for reference rows only) -----------------------

_LUCENE_NORMALIZE = str.maketrans(
    {"آ": "ا", "أ": "ا", "إ": "ا", "ى": "ي", "ة": "ه", "\u0640": None}
    | {chr(cp): None for cp in range(0x064B, 0x0653)}  # fathatan .. sukun
)


class _LuceneArabicFilter(Filter):
    """Lucene 8: StopFilter (list not normalized) → ArabicNormalization → ArabicStem."""

    stops = frozenset(LUCENE_ARABIC_STOPWORDS)

    def __call__(self, tokens):  # type: ignore[no-untyped-def]
        for token in tokens:
            text = fold_digits(token.text.lower())  # LowerCase + DecimalDigit filters
            if text in self.stops:
                continue
            text = stem_light10(text.translate(_LUCENE_NORMALIZE))
            if text:
                token.text = text
                yield token


def lucene_arabic_analyzer():  # type: ignore[no-untyped-def]
    # Lucene's StandardTokenizer keeps combining marks inside words, as TOKEN_PATTERN does.
    return RegexTokenizer(TOKEN_PATTERN) | _LuceneArabicFilter()


# --- setups ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Document:
    id: str
    text: str
    title: str = ""


@dataclass
class Setup:
    name: str
    schema: Callable[[], Schema]
    document: Callable[[Document], dict]
    query: Callable[..., wq.Query]  # (searcher, text, group) -> query
    fingerprint: str = ""
    #: How its searches rank: Whoosh's BM25F, or newsarc's (engine.whoosh_scoring).
    weighting: Callable[[], object] = scoring.BM25F


def _one_field(name: str, analyzer_factory: Callable[[], object], fingerprint: str) -> Setup:
    def schema() -> Schema:
        return Schema(id=ID(stored=True, unique=True), body=TEXT(analyzer=analyzer_factory()))

    def document(doc: Document) -> dict:
        return {"id": doc.id, "body": f"{doc.title}\n{doc.text}" if doc.title else doc.text}

    def query(searcher, text: str, group: str = "or") -> wq.Query:  # type: ignore[no-untyped-def]
        analyzer = searcher.schema["body"].analyzer
        terms = list(dict.fromkeys(t.text for t in analyzer(text, mode="query")))
        clauses = [wq.Term("body", t) for t in terms]
        if not clauses:
            return wq.NullQuery
        return wq.Or(clauses) if group == "or" else wq.And(clauses)

    return Setup(name, schema, document, query, fingerprint)


def _newsarc(name: str, expand: bool) -> Setup:
    from newsarc.engine.whoosh import whoosh_query
    from newsarc.engine.whoosh_index import SCHEMA_VERSION, article_document, make_schema
    from newsarc.model import Article

    def document(doc: Document) -> dict:
        article = Article(id=doc.id, text=doc.text, title=doc.title or None)
        return article_document(article, path="")

    def query(searcher, text: str, group: str = "or", **options) -> wq.Query:  # type: ignore[no-untyped-def]
        # As `newsarc search`: the archive's words and, for other spellings, its texts.
        reader = WhooshLexicon(searcher.reader(), DOCUMENT_TEXTS) if expand else None
        return whoosh_query(text, any_word=group == "or", reader=reader, **options)

    from newsarc.engine.whoosh_scoring import weighting

    fingerprint = f"newsarc-{SCHEMA_VERSION}-{ANALYZER_VERSION}"
    return Setup(name, make_schema, document, query, fingerprint, weighting)


#: Article texts by id, of the collections indexed for newsarc's setups (build_index).
DOCUMENT_TEXTS: dict[str, str] = {}


class WhooshLexicon:
    """newsarc.lexicon's look-ups over a bench index (a Whoosh reader) and DOCUMENT_TEXTS:
    what the archive answers through its engine, for indexes built here."""

    def __init__(self, reader, texts: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
        self.reader = reader
        self._texts = texts
        self._frequency: dict[str, int] = {}
        self._neighbours: dict[str, Counter] = {}

    def frequency(self, term: str) -> int:
        if term not in self._frequency:
            self._frequency[term] = self.reader.doc_frequency("exact", term)
        return self._frequency[term]

    def neighbours(self, term: str) -> Counter:
        from newsarc.lexicon import NEIGHBOUR_SAMPLE, neighbour_counts

        if term not in self._neighbours:
            texts: list[str] = []
            if self.frequency(term):
                for docnum in self.reader.postings("exact", term).all_ids():
                    if not self.reader.is_deleted(docnum):
                        texts.append(self._texts.get(self.reader.stored_fields(docnum)["id"], ""))
                    if len(texts) >= NEIGHBOUR_SAMPLE:
                        break
            self._neighbours[term] = neighbour_counts(term, texts)
        return self._neighbours[term]

    def phrase_frequency(self, words) -> int:  # type: ignore[no-untyped-def]
        from whoosh.searching import Searcher

        if any(self.frequency(word) == 0 for word in words):
            return 0
        searcher = Searcher(self.reader, fromindex=None, closereader=False)
        return sum(1 for _ in wq.Phrase("exact", list(words)).docs(searcher))


def setups() -> dict[str, Setup]:
    found = [
        _one_field("whoosh-default", StandardAnalyzer, "std-1"),
        _one_field("lucene-ar", lucene_arabic_analyzer, "lucene-1"),
        _one_field("normalize", exact_analyzer, f"exact-{ANALYZER_VERSION}"),
        _one_field("light10", lambda: exact_analyzer() | _Light10(), f"light10-{ANALYZER_VERSION}"),
        _newsarc("newsarc", expand=True),
        _newsarc("newsarc-noexp", expand=False),
    ]
    return {setup.name: setup for setup in found}


class _Light10(Filter):
    """Plain light10, no exclusions: setup (c)."""

    def __call__(self, tokens):  # type: ignore[no-untyped-def]
        for token in tokens:
            token.text = stem_light10(token.text)
            if token.text:
                yield token


# --- indexes --------------------------------------------------------------------------


def build_index(
    setup: Setup,
    collection: str,
    documents: Callable[[], Iterable[Document]],
    *,
    cache: bool = True,
    quiet: bool = False,
):  # type: ignore[no-untyped-def]
    """A Whoosh index of ``documents`` for ``setup``; cached in bench/out/ by fingerprint.
    newsarc's setups keep the texts in DOCUMENT_TEXTS (its spelling evidence reads them)."""
    directory = OUT / f"{collection}-{setup.fingerprint}"  # setups with one schema share it
    done = directory / "complete"
    if setup.fingerprint.startswith("newsarc"):
        DOCUMENT_TEXTS.update(
            (doc.id, f"{doc.title}\n{doc.text}" if doc.title else doc.text) for doc in documents()
        )
    if cache and done.exists():
        return whoosh_index.open_dir(str(directory), schema=setup.schema())
    if directory.exists():
        import shutil

        shutil.rmtree(directory)
    directory.mkdir(parents=True)
    started = time.perf_counter()
    ix = whoosh_index.create_in(str(directory), setup.schema())
    writer = ix.writer(limitmb=512)
    count = 0
    for doc in documents():
        writer.add_document(**setup.document(doc))
        count += 1
    writer.commit()
    done.write_text("ok\n")
    if not quiet:
        print(
            f"  indexed {count} documents for {setup.name} in {time.perf_counter() - started:.0f} "
            "s",
            file=sys.stderr,
        )
    return whoosh_index.open_dir(str(directory), schema=setup.schema())
