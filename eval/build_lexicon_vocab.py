"""The Dutch side of assistant/lexicon_en_nl.tsv: every BM25 stem found in at least `--min-df`
documents of a corpus, most frequent first, with its commonest surface forms (what a
translator reads). The English side is written by hand against this list, never against
the gold questions.

    python -m eval.build_lexicon_vocab ../shared/corpus --out vocab.tsv   # stem, df, forms
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

from eval.cli import read_document_text
from index.text import DUTCH_STOPWORDS, fold, tokenize

_WORD = re.compile(r"[^\W\d_]{3,}", re.UNICODE)


def vocabulary(texts, min_df: int = 3) -> list[tuple[str, int, list[str]]]:
    """(stem, document frequency, up to three surface forms) for stems in >= `min_df` texts."""
    df: Counter = Counter()
    forms: dict[str, Counter] = defaultdict(Counter)
    for text in texts:
        seen = set()
        for w in (fold(w) for w in _WORD.findall(text)):
            if w in DUTCH_STOPWORDS:
                continue
            stem = tokenize(w)
            if len(stem) != 1:
                continue
            forms[stem[0]][w] += 1
            seen.add(stem[0])
        df.update(seen)
    return [(s, n, [w for w, _ in forms[s].most_common(3)]) for s, n in df.most_common() if n >= min_df]


def _texts(root: Path):
    for p in sorted(root.rglob("*")):
        if p.is_file() and p.name not in ("README.md", "MANIFEST.tsv", "SOURCES.tsv", "LICENSE"):
            try:
                yield read_document_text(p)
            except Exception as e:  # noqa: BLE001 - a file no reader takes adds no words
                print(f"skipped {p}: {e}", file=sys.stderr)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--min-df", type=int, default=3)
    ap.add_argument("--out", type=Path, required=True)
    a = ap.parse_args(argv)
    rows = vocabulary(_texts(a.corpus), a.min_df)
    a.out.write_text("".join(f"{s}\t{n}\t{', '.join(f)}\n" for s, n, f in rows), encoding="utf-8")
    print(f"{len(rows)} stems in >= {a.min_df} documents -> {a.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
