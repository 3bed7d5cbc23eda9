"""The sentence splitter's quotation check: old (every cut against every quotation) vs new
(one pass over both), side by side in one run on a generated Handelingen-like text.

    .venv/bin/python benchmarks/sentence_split.py [--mb 5] [--old-mb 5]

The text is speeches with speaker lines, interruptions and many “quoted” phrases, as in
Handelingen, as one block (a TXT export without paragraph breaks reaches the splitter
whole). Both versions must return the same spans; the old one's time grows with
cuts x quotations, so `--old-mb` can run it on a prefix (its time is then extrapolated
quadratically and marked as such).
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from index import sentences  # noqa: E402

SPEAKERS = ["De heer Van Houwelingen (FvD)", "Mevrouw Kathmann (GroenLinks-PvdA)", "Minister Van Weel",
            "De voorzitter", "Mevrouw Six Dijkstra (NSC)", "De heer Ceder (ChristenUnie)"]
WORDS = ("de regering het kabinet Kamer motie verzoekt gehoord beraadslaging constaterende dat overwegende "
         "cyberweerbaarheid gemeenten digitale veiligheid Europese Commissie lidstaten voorstel wet "
         "vragen antwoord minister staatssecretaris bijvoorbeeld ongeveer miljoen euro jaar").split()


def handelingen_text(mb: float, seed: int = 7) -> str:
    rng = random.Random(seed)
    out, size = [], 0
    while size < mb * 1_000_000:
        words = rng.sample(WORDS, rng.randint(6, 14))
        sent = " ".join(words).capitalize()
        r = rng.random()
        if r < 0.35:  # a quoted phrase, as speakers quote moties and each other
            q = " ".join(rng.sample(WORDS, rng.randint(3, 12)))
            sent += f", want er staat “{q.capitalize()}. {rng.choice(WORDS).capitalize()} {q}”"
        elif r < 0.45:
            sent += f" «{' '.join(rng.sample(WORDS, 4))}»"
        piece = sent + rng.choice([".", ".", ".", "?", "!"]) + " "
        if rng.random() < 0.05:
            piece += f"\n{rng.choice(SPEAKERS)}:\n"
        out.append(piece)
        size += len(piece)
    return "".join(out)


def old_sentence_spans(text: str, *, hard_wrapped: bool | None = None) -> list[tuple[int, int]]:
    """sentence_spans before the fix, kept here only for this comparison: every cut was
    tested against every quotation."""
    if hard_wrapped is None:
        hard_wrapped = sentences.looks_hard_wrapped(text)
    quotes = [(m.start(), m.end()) for m in sentences._QUOTE_RE.finditer(text)]
    cuts = sentences._punctuation_boundaries(text) | sentences._linebreak_boundaries(text, hard_wrapped)
    cuts = {c for c in cuts if not any(s < c < e for s, e in quotes)}
    spans = []
    edges = [0, *sorted(cuts), len(text)]
    for start, end in zip(edges, edges[1:]):
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            spans.append((start, end))
    return spans


def timed(fn, text: str) -> tuple[float, list]:
    t0 = time.perf_counter()
    out = fn(text)
    return time.perf_counter() - t0, out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--mb", type=float, default=5.0, help="size of the generated text")
    ap.add_argument("--old-mb", type=float, default=None, help="run the old version on a prefix this big (default: all)")
    args = ap.parse_args(argv)
    text = handelingen_text(args.mb)
    n_quotes = sum(1 for _ in sentences._QUOTE_RE.finditer(text))
    new_s, new_spans = timed(sentences.sentence_spans, text)
    old_text = text if args.old_mb is None or args.old_mb >= args.mb else text[: int(args.old_mb * 1_000_000)]
    old_s, old_spans = timed(old_sentence_spans, old_text)
    same = old_spans == (new_spans if old_text is text else sentences.sentence_spans(old_text))
    scale = len(text) / len(old_text)
    old_full = old_s * scale * scale
    note = "" if old_text is text else f" (measured on {len(old_text) / 1e6:.1f} MB: {old_s:.1f} s, x{scale:.1f}^2 extrapolated)"
    print(f"text: {len(text) / 1e6:.1f} MB, {len(new_spans)} sentences, {n_quotes} quotations")
    print(f"{'version':8} {'seconds':>10}")
    print(f"{'old':8} {old_full:10.2f}{note}")
    print(f"{'new':8} {new_s:10.2f}")
    print(f"old/new time ratio: {old_full / max(new_s, 1e-9):.0f}x; same spans: {same}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
