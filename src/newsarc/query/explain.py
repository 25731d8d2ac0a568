"""A query tree explained to people (`newsarc analyze`, `search --explain`): per word, the
exact and stemmed terms searched and the spelling variants the archive added."""

from __future__ import annotations

from newsarc.query import tree as t
from newsarc.query.tree import EXACT_FIELD, STEMMED_FIELDS


def describe_query(node: t.Node) -> list[str]:
    """The query as indented lines."""
    lines: list[str] = []
    _describe(node, 0, lines)
    return lines


def _describe(node: t.Node, depth: int, lines: list[str]) -> None:
    pad = "  " * depth
    if isinstance(node, t.Nothing):
        return  # a stopword or a dropped question word
    children: list[t.Node] = []
    if isinstance(node, (t.And, t.Or)):
        children = [child for child in node.children if not isinstance(child, t.Nothing)]
        if len(children) <= 1:
            for child in children:
                _describe(child, depth, lines)
            return
    if isinstance(node, t.Word) or (isinstance(node, t.Term) and node.field == EXACT_FIELD):
        lines.append(pad + _describe_word(node))
    elif _is_word_written_apart(node, children):
        # newsarc.query.parse.with_variants: a name the archive also writes as two words.
        apart = ", ".join(f"«{' '.join(child.words)}»" for child in children[1:])  # type: ignore[union-attr]
        line = _describe_word(children[0])  # type: ignore[arg-type]
        lines.append(pad + line + ("; also " if "; also " not in line else ", ") + apart)
    elif isinstance(node, t.Or) and all(isinstance(child, t.Phrase) for child in children):
        phrases = [child for child in children if isinstance(child, t.Phrase)]
        lines.append(pad + "phrase " + "  ".join(
            f"{_field_label(q.field)} «{' '.join(q.words)}»" for q in _one_per_label(phrases)
        ))
    elif isinstance(node, t.Phrase):
        lines.append(pad + f"phrase {_field_label(node.field)} «{' '.join(node.words)}»")
    elif isinstance(node, t.Prefix):
        lines.append(pad + f"words starting with {node.text} ({_field_label(node.field)})")
    elif isinstance(node, t.Wildcard):
        lines.append(pad + f"words matching {node.pattern} ({_field_label(node.field)})")
    elif isinstance(node, t.Term):
        lines.append(pad + f"{node.field}: {node.text}")
    elif isinstance(node, (t.And, t.Or)):
        lines.append(pad + ("all of:" if isinstance(node, t.And) else "any of:"))
        for child in children:
            _describe(child, depth + 1, lines)
    elif isinstance(node, t.AndNot):
        _describe(node.positive, depth, lines)
        lines.append(pad + "but not:")
        _describe(node.negative, depth + 1, lines)
    elif isinstance(node, t.Not):
        lines.append(pad + "not:")
        _describe(node.child, depth + 1, lines)
    else:
        lines.append(pad + as_text(node))


def _is_word_written_apart(node: t.Node, children: list[t.Node]) -> bool:
    return (
        isinstance(node, t.Or)
        and len(children) > 1
        and isinstance(children[0], t.Word)
        and all(isinstance(c, t.Phrase) and c.field == EXACT_FIELD for c in children[1:])
    )


def describe_filters(query: t.Query) -> list[str]:
    """The filters around a query's words, as lines: --source, `date:`, --since, --until."""
    lines = []
    if query.words_given:
        lines.append(words_kept_note(query))
    if query.source_slug:
        lines.append(f"source: {query.source_slug}")
    if query.start or query.end:
        start = query.start.isoformat() if query.start else "…"
        end = query.end.isoformat() if query.end else "…"
        lines.append(f"date: {start} to {end}")
    return lines


def words_kept_note(query: t.Query) -> str:
    """What a long --any query searched (newsarc.query.parse.keep_telling_words)."""
    return (
        f"words: the {query.words_kept} least common of {query.words_given} distinct words; "
        f"the other {query.words_given - query.words_kept} left out as too common or "
        "not in the archive"
    )


def _describe_word(node: t.Word | t.Term) -> str:
    from newsarc.analysis import stem

    if isinstance(node, t.Term):
        word, terms = node.text, [(node.field, node.text)]
    else:
        word, terms = node.exact, [(field, text) for field, text, _ in node.terms()]
    # The word's own stem as searched: not always its stem (newsarc.variants.root_waw_stem_form)
    own = node.stemmed if isinstance(node, t.Word) and node.stemmed else stem(word)
    stems = {text for field, text in terms if field in STEMMED_FIELDS}
    line = f"{word}: exact {word}" + (f", stemmed {own}" if stems else "")
    variants_found = [text for field, text in terms if field == EXACT_FIELD and text != word]
    if variants_found:
        # A variant's stem is shown where the stemmed fields search it too (newsarc.variants).
        shown = (
            f"{v} → {stem(v)}" if stem(v) in stems and stem(v) not in (v, own) else v
            for v in variants_found
        )
        line += "; also " + ", ".join(shown)
    if isinstance(node, t.Word) and node.stem_excludes and stems:
        line += "; not " + ", ".join(node.stem_excludes) + " (another word of that stem)"
    return line


def _field_label(fieldname: str) -> str:
    return "stemmed" if fieldname in STEMMED_FIELDS else fieldname


def _one_per_label(phrases: list[t.Phrase]) -> list[t.Phrase]:
    seen: dict[tuple[str, tuple[str, ...]], t.Phrase] = {}
    for phrase in phrases:
        seen.setdefault((_field_label(phrase.field), phrase.words), phrase)
    return list(seen.values())


def as_text(node: t.Node) -> str:
    """A node in the query syntax's own notation (`title:[a TO b]`, `(a ANDMAYBE b)`): for
    the few kinds that have no words of their own above."""
    if isinstance(node, t.Word):
        return "(" + " OR ".join(f"{field}:{text}" for field, text, _ in node.terms()) + ")"
    if isinstance(node, t.Term):
        return f"{node.field}:{node.text}" + (f"^{node.boost}" if node.boost != 1 else "")
    if isinstance(node, t.Phrase):
        return f'{node.field}:"{" ".join(node.words)}"'
    if isinstance(node, t.Prefix):
        return f"{node.field}:{node.text}*"
    if isinstance(node, t.Wildcard):
        return f"{node.field}:{node.pattern}"
    if isinstance(node, t.TermRange):
        opening = "{" if node.start_excluded else "["
        closing = "}" if node.end_excluded else "]"
        return f"{node.field}:{opening}{node.start or ''} TO {node.end or ''}{closing}"
    if isinstance(node, t.Every):
        return "None:*"  # (as Whoosh printed it)
    if isinstance(node, t.Nothing):
        return "<_NullQuery>"
    if isinstance(node, (t.And, t.Or)):
        joint = " AND " if isinstance(node, t.And) else " OR "
        return "(" + joint.join(as_text(child) for child in node.children) + ")"
    if isinstance(node, t.Not):
        return f"NOT {as_text(node.child)}"
    if isinstance(node, t.AndNot):
        return f"({as_text(node.positive)} ANDNOT {as_text(node.negative)})"
    if isinstance(node, t.AndMaybe):
        return f"({as_text(node.required)} ANDMAYBE {as_text(node.optional)})"
    return str(node)
