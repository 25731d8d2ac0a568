"""Coverage-guided fuzzing of newsarc's input paths with atheris (libFuzzer).

    pip install atheris
    python tests/fuzz/atheris_fuzz.py decode -max_total_time=300
    python tests/fuzz/atheris_fuzz.py text|jsonl|query -max_total_time=300 [corpus-dir]

Targets: the decoder, the plain-text reader, the JSON Lines reader and the query parser.
Each may fail only with newsarc's own InputError / QueryError; anything else is a bug and
libFuzzer stops with the input that caused it. tests/test_fuzz.py runs each target for a
few seconds when atheris is installed (the hypothesis fuzzers there always run).
TREC reader: add a target here when it lands (see test_fuzz.test_trec_reader).
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    from newsarc.decode import decode_bytes
    from newsarc.errors import InputError, QueryError
    from newsarc.query.parse import parse_query
    from newsarc.reader import ReadOptions, read_jsonl, read_text_article

def decode(data: bytes) -> None:
    try:
        decoded = decode_bytes(data, None, "fuzz")
    except InputError:
        return
    decoded.text.encode("utf-8")


def text(data: bytes) -> None:
    try:
        article = read_text_article(data, "in/fuzz.txt", ReadOptions())
    except InputError:
        return
    article.text.encode("utf-8")


def jsonl(data: bytes) -> None:
    for item in read_jsonl(data, "fuzz.jsonl", ReadOptions()):
        assert item.origin.startswith("fuzz.jsonl")


def query(data: bytes) -> None:
    text = atheris.FuzzedDataProvider(data).ConsumeUnicodeNoSurrogates(200)
    try:
        parse_query(text)
    except QueryError:
        return


TARGETS = {"decode": decode, "text": text, "jsonl": jsonl, "query": query}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in TARGETS:
        sys.exit(f"usage: {sys.argv[0]} {{{'|'.join(TARGETS)}}} [libFuzzer options]")
    target = TARGETS[sys.argv.pop(1)]
    atheris.Setup(sys.argv, target)
    atheris.Fuzz()
