"""Is a difference between two eval runs more than the questions drawn? A paired bootstrap
over the questions both runs answered (matched by qid), per split: resample the questions
with replacement, recompute each metric for both runs on the same sample, and report the
delta with its 95 % interval and the share of samples in which the new run is better.

With ~130 questions per split, a tune gain of 0.02 in R@5 or 0.05 in the answer objective
is often inside the interval: a setting chosen on such a gain may well lose on test. This
says so before the choice is made (`dossierwijzer eval ... --compare OLD/results.json`
prints it under the delta table).

    .venv/bin/python -m eval.significance OLD/results.json NEW/results.json [--samples 2000]
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Mapping, Sequence

import numpy as np

Row = Mapping[str, object]


def _mean_of(get: Callable[[Row], float | None]) -> Callable[[Sequence[Row]], float | None]:
    def metric(rows: Sequence[Row]) -> float | None:
        vals = [v for v in map(get, rows) if v is not None]
        return float(np.mean(vals)) if vals else None
    return metric


def _retrieval(name: str):
    return _mean_of(lambda r: (r.get("retrieval", {}).get("hybrid") or {}).get(name) if r.get("answerable") else None)


def _answer(name: str):
    def get(r):
        v = (r.get("answer") or {}).get(name)
        return None if v is None or not r.get("answerable") else float(v)
    return _mean_of(get)


def _refusal(which: str):
    """Refusal precision (refused and unanswerable / refused) or recall (/ unanswerable)."""
    def metric(rows: Sequence[Row]) -> float | None:
        pairs = [((r.get("answer") or {}).get("answered"), r.get("answerable")) for r in rows]
        pairs = [(bool(a), bool(b)) for a, b in pairs if a is not None]
        refused_right = sum(1 for a, b in pairs if not a and not b)
        denom = sum(1 for a, _ in pairs if not a) if which == "precision" else sum(1 for _, b in pairs if not b)
        return refused_right / denom if denom else None
    return metric


METRICS: dict[str, Callable[[Sequence[Row]], float | None]] = {
    "hybrid recall@5": _retrieval("recall@5"),
    "hybrid mrr": _retrieval("mrr"),
    "evidence_quoted": _answer("evidence_quoted"),
    "key_point_recall": _answer("key_point_recall"),
    "actor_correct": _answer("actor_correct"),
    "refusal_precision": _refusal("precision"),
    "refusal_recall": _refusal("recall"),
}


@dataclass(frozen=True)
class Delta:
    metric: str
    split: str
    n: int  # questions in both runs
    old: float | None
    new: float | None
    low: float | None  # 2.5th percentile of the bootstrap deltas
    high: float | None  # 97.5th
    p_better: float | None  # share of samples where new > old

    @property
    def delta(self) -> float | None:
        return None if self.old is None or self.new is None else self.new - self.old

    @property
    def clear(self) -> bool:
        """The interval excludes 0."""
        return self.low is not None and (self.low > 0 or self.high < 0)


def paired(old_rows: Sequence[Row], new_rows: Sequence[Row], samples: int = 2000, seed: int = 0,
           metrics: Mapping[str, Callable] = METRICS) -> list[Delta]:
    """Bootstrap deltas per split ("all" too) for the questions both runs hold."""
    new_by = {r["qid"]: r for r in new_rows}
    both = [(o, new_by[o["qid"]]) for o in old_rows if o["qid"] in new_by]
    rng = np.random.default_rng(seed)
    out = []
    for split in sorted({o.get("split") or "all" for o, _ in both} - {"all"}) + ["all"]:
        pairs = [p for p in both if split == "all" or p[0].get("split") == split]
        if not pairs:
            continue
        draws = rng.integers(0, len(pairs), size=(samples, len(pairs)))
        for name, metric in metrics.items():
            old, new = metric([o for o, _ in pairs]), metric([n for _, n in pairs])
            deltas = []
            for idx in draws:
                a, b = metric([pairs[i][0] for i in idx]), metric([pairs[i][1] for i in idx])
                if a is not None and b is not None:
                    deltas.append(b - a)
            if deltas and old is not None and new is not None:
                lo, hi = np.percentile(deltas, [2.5, 97.5])
                out.append(Delta(name, split, len(pairs), old, new, float(lo), float(hi),
                                 float(np.mean(np.asarray(deltas) > 0))))
            else:
                out.append(Delta(name, split, len(pairs), old, new, None, None, None))
    return out


def table(deltas: Sequence[Delta]) -> str:
    lines = [f"{'metric':<20}{'split':>6}{'n':>5}{'old':>8}{'new':>8}{'delta':>8}   95% interval     P(new>old)"]
    for d in deltas:
        if d.low is None:
            lines.append(f"{d.metric:<20}{d.split:>6}{d.n:>5}   (not measurable)")
            continue
        mark = "  *" if d.clear else ""
        lines.append(f"{d.metric:<20}{d.split:>6}{d.n:>5}{d.old:>8.3f}{d.new:>8.3f}{d.delta:>+8.3f}   "
                     f"[{d.low:+.3f}, {d.high:+.3f}]   {d.p_better:.2f}{mark}")
    lines.append("* the interval excludes 0")
    return "\n".join(lines)


def questions_of(path: str | Path) -> list[Row]:
    return list(json.loads(Path(path).read_text(encoding="utf-8")).get("questions") or [])


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("old", type=Path)
    ap.add_argument("new", type=Path)
    ap.add_argument("--samples", type=int, default=2000)
    args = ap.parse_args(argv)
    for p in (args.old, args.new):
        if not p.exists():
            ap.error(f"{p}: no such results.json (written by `dossierwijzer eval --out DIR`)")
    print(table(paired(questions_of(args.old), questions_of(args.new), args.samples)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
