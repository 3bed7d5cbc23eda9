"""Assign every gold question a split, "tune" or "test", by document.

    python eval/assign_splits.py eval/gold/dev.jsonl            # rewrites the file in place
    python eval/assign_splits.py eval/gold/dev.jsonl --check    # only verify the invariant
    python eval/assign_splits.py eval/gold/dev.jsonl --keep     # grown file: place only the new records

Why by document: a weight or threshold chosen on questions about a document must
not be reported on other questions about the same document, or the test figures
flatter the method. So no evidence document has questions in both splits.

How (deterministic, no randomness):
1. Answerable questions are grouped by connected evidence documents: two questions
   share a group when they share a document, and a cross-dossier question ties all
   its documents together (union-find over documents).
2. Groups are placed largest first (ties: first qid) in the split that leaves the
   smaller imbalance, measured as |tune - test| summed over: the question count
   (weight 3), the count per type and the count per language.
3. Then a group is moved, or two groups in different splits are swapped, while
   that lowers the imbalance (the first such change in placement order each time).
4. Unanswerable questions have no documents; they are assigned by topic order,
   alternating, so each split gets about half: write them in the gold file in
   topic pairs and the pairs are split.
Every other field and the order of the records are kept.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any, Sequence

SPLITS = ("tune", "test")
_TOTAL_WEIGHT = 3


def document_groups(records: Sequence[dict[str, Any]]) -> list[list[int]]:
    """Indices of answerable records, grouped by connected evidence documents, in file order."""
    parent: dict[str, str] = {}

    def find(doc: str) -> str:
        parent.setdefault(doc, doc)
        while parent[doc] != doc:
            parent[doc] = parent[parent[doc]]
            doc = parent[doc]
        return doc

    for rec in records:
        docs = [e["doc"] for e in rec.get("evidence", [])]
        for doc in docs[1:]:
            parent[find(doc)] = find(docs[0])
    groups: dict[str, list[int]] = {}
    for i, rec in enumerate(records):
        if rec.get("evidence"):
            groups.setdefault(find(rec["evidence"][0]["doc"]), []).append(i)
    return list(groups.values())


def _features(rec: dict[str, Any]) -> list[str]:
    return ["total"] * _TOTAL_WEIGHT + [f"type:{rec['type']}", f"lang:{rec['lang']}"]


def _imbalance(counts: dict[str, Counter]) -> int:
    keys = set(counts["tune"]) | set(counts["test"])
    return sum(abs(counts["tune"][k] - counts["test"][k]) for k in keys)


def assign_splits(records: Sequence[dict[str, Any]]) -> list[str]:
    """The split of every record, in order (see the module docstring for the method)."""
    out: list[str | None] = [None] * len(records)
    counts = {s: Counter() for s in SPLITS}
    unanswerable = [i for i, r in enumerate(records) if not r.get("evidence")]
    for n, i in enumerate(unanswerable):
        out[i] = SPLITS[n % 2]
        counts[out[i]].update(_features(records[i]))
    groups = sorted(document_groups(records), key=lambda g: (-len(g), g[0]))
    feats = [Counter(f for i in g for f in _features(records[i])) for g in groups]
    placed: list[str] = []
    for group_feats in feats:
        costs = []
        for split in SPLITS:
            trial = {s: counts[s].copy() for s in SPLITS}
            trial[split].update(group_feats)
            costs.append((_imbalance(trial), SPLITS.index(split), split))
        placed.append(min(costs)[2])
        counts[placed[-1]].update(group_feats)
    _refine(placed, feats, counts)
    for group, split in zip(groups, placed):
        for i in group:
            out[i] = split
    return [s or "tune" for s in out]


def assign_new(records: Sequence[dict[str, Any]]) -> tuple[list[str | None], list[str]]:
    """Splits for a grown gold file (`--keep`): a record that has a split keeps it, so figures
    stay comparable with earlier runs; a new record takes the split of the questions it shares a
    document with (through the same document groups), and a group of only new records goes to
    the split it unbalances least. New unanswerable records alternate, starting with the split
    that has fewer. Returns (splits, problems): a new record whose documents already sit in
    both splits cannot be placed (None, and a problem naming it)."""
    out: list[str | None] = [r.get("split") if r.get("split") in SPLITS else None for r in records]
    counts = {s: Counter() for s in SPLITS}
    for i, split in enumerate(out):
        if split:
            counts[split].update(_features(records[i]))
    unanswered = {s: sum(1 for i, r in enumerate(records) if out[i] == s and not r.get("evidence")) for s in SPLITS}
    start = 0 if unanswered["tune"] <= unanswered["test"] else 1
    for n, i in enumerate([i for i, r in enumerate(records) if out[i] is None and not r.get("evidence")]):
        out[i] = SPLITS[(start + n) % 2]
        counts[out[i]].update(_features(records[i]))
    problems = []
    for group in sorted(document_groups(records), key=lambda g: (-len(g), g[0])):
        new = [i for i in group if out[i] is None]
        kept = {out[i] for i in group if out[i] is not None}
        if not new:
            continue
        if len(kept) > 1:
            problems += [f"{records[i].get('qid')}: its documents already have questions in both splits" for i in new]
            continue
        feats = Counter(f for i in new for f in _features(records[i]))
        if kept:
            split = kept.pop()
        else:
            split = min(SPLITS, key=lambda s: (_imbalance({**counts, s: counts[s] + feats}), SPLITS.index(s)))
        for i in new:
            out[i] = split
        counts[split].update(feats)
    return out, problems


def _refine(placed: list[str], feats: list[Counter], counts: dict[str, Counter]) -> None:
    """Move one group, or swap two groups of different splits, while that lowers the
    imbalance; the first improving change in placement order is taken. Terminates
    because the imbalance is a non-negative integer that strictly falls."""
    while True:
        best = _imbalance(counts)
        change = None
        for g in range(len(feats)):
            for h in [None, *range(g + 1, len(feats))]:
                if h is not None and placed[h] == placed[g]:
                    continue
                trial = _moved(counts, placed, feats, [g] if h is None else [g, h])
                if _imbalance(trial) < best:
                    change = ([g] if h is None else [g, h], trial)
                    break
            if change:
                break
        if change is None:
            return
        for g in change[0]:
            placed[g] = SPLITS[1 - SPLITS.index(placed[g])]
        counts.update({s: change[1][s] for s in SPLITS})


def _moved(counts: dict[str, Counter], placed: list[str], feats: list[Counter], groups: list[int]) -> dict[str, Counter]:
    """The counts after moving each of `groups` to the other split."""
    trial = {s: counts[s].copy() for s in SPLITS}
    for g in groups:
        src = placed[g]
        trial[src].subtract(feats[g])
        trial[SPLITS[1 - SPLITS.index(src)]].update(feats[g])
    return trial


def split_violations(records: Sequence[dict[str, Any]]) -> list[str]:
    """Problems with the invariant: a record without a valid split, or a document in both."""
    problems = [f"{r.get('qid')}: no valid split ({r.get('split')!r})" for r in records
                if r.get("split") not in SPLITS]
    splits_of: dict[str, set[str]] = {}
    for r in records:
        for e in r.get("evidence", []):
            splits_of.setdefault(e["doc"], set()).add(r.get("split"))
    problems += [f"{doc}: has questions in both splits" for doc, s in sorted(splits_of.items()) if len(s) > 1]
    return problems


def _summary(records: Sequence[dict[str, Any]]) -> str:
    lines = []
    for key in ("type", "lang"):
        values = sorted({r[key] for r in records})
        cells = [f"{v} {sum(1 for r in records if r[key] == v and r['split'] == 'tune')}/"
                 f"{sum(1 for r in records if r[key] == v and r['split'] == 'test')}" for v in values]
        lines.append(f"  {key} (tune/test): " + ", ".join(cells))
    n_tune = sum(1 for r in records if r["split"] == "tune")
    return f"tune {n_tune}, test {len(records) - n_tune}\n" + "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("gold", type=Path)
    parser.add_argument("--check", action="store_true", help="only verify the split invariant")
    parser.add_argument("--keep", action="store_true",
                        help="keep the splits records have and assign only the new records (a grown gold file)")
    args = parser.parse_args(argv)
    lines = args.gold.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines if line.strip()]
    if not args.check:
        splits, unplaced = assign_new(records) if args.keep else (assign_splits(records), [])
        for p in unplaced:
            print(p, file=sys.stderr)
        if unplaced:
            print(f"{len(unplaced)} record(s) cannot be placed: nothing written")
            return 1
        for rec, split in zip(records, splits):
            rec["split"] = split
        args.gold.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    problems = split_violations(records)
    for p in problems:
        print(p, file=sys.stderr)
    print(_summary(records) if not problems else f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
