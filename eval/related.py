"""Related-passages gold set (eval/gold/related.jsonl) and its evaluation.

One JSON object per line:

    {"id": "rel01", "split": "tune" | "test", "subject": "what the passages share",
     "source_type": "inbreng", "source": {"doc": "seeds/x.txt", "quote": "verbatim text"},
     "related": [{"doc": "motiematcher/kst-26643-1317.xml", "quote": "...", "scope": "document"}],
     "not_related": [{"doc": ..., "quote": ..., "scope": ..., "why": "looks alike, other subject"}]}

`doc` is relative to the corpus root, `quote` is verbatim in the document text, so a
record survives re-chunking: the source passage is the stored chunk that contains the
quote. A related reference with scope "passage" counts a hit that contains its quote;
scope "document" (a motie: one subject per document) counts any passage of the document.
Relevance is per related document: several passages of one document count once.

Metrics per source (pure functions below): precision@5 = related hits in the top 5 /
min(5, related documents), at most 1; recall@10 = related documents found in the top 10 / min(10,
related documents) — both 1.0 for a perfect ranking, also when fewer than 5 (10) related
documents exist. The raw forms (/5, /all) are reported as well, and look-alikes and
procedural passages in the top 5.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from statistics import mean
from typing import Callable, Sequence

from eval.gold import SPLITS, quote_in_text
from eval.jsonl import records
from eval.metrics import is_hit
from index.errors import UserError

SCOPES = ("passage", "document")


class RelatedGoldError(UserError, ValueError):
    """A malformed record of a related-passages gold file (names the line and the fix)."""
_FIELDS = {"id", "split", "subject", "source_type", "source", "related", "not_related", "notes"}


@dataclass(frozen=True)
class Ref:
    doc: str
    quote: str
    scope: str = "passage"
    why: str = ""


@dataclass
class RelatedItem:
    id: str
    split: str | None
    subject: str
    source_type: str
    source: Ref
    related: list[Ref]
    not_related: list[Ref] = field(default_factory=list)

    @property
    def related_docs(self) -> list[str]:
        return sorted({r.doc for r in self.related})


def is_related_gold(path: str | Path) -> bool:
    """A related-passages gold file: its first record has a "source" field."""
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.strip():
            try:
                return "source" in json.loads(line)
            except json.JSONDecodeError:
                return False
    return False


def _ref(obj, where: str, default_scope: str = "passage") -> Ref:
    if not isinstance(obj, dict) or not isinstance(obj.get("doc"), str) or not isinstance(obj.get("quote"), str):
        raise RelatedGoldError(f"{where}: expected {{\"doc\": path, \"quote\": verbatim text}}, got {obj!r}")
    scope = obj.get("scope", default_scope)
    if scope not in SCOPES:
        raise RelatedGoldError(f"{where}: scope {scope!r} unknown: use one of {', '.join(SCOPES)}")
    return Ref(obj["doc"], obj["quote"], scope, obj.get("why", ""))


def parse_record(obj: dict, where: str) -> RelatedItem:
    unknown = set(obj) - _FIELDS
    if unknown:
        raise RelatedGoldError(f"{where}: unknown field(s) {sorted(unknown)}: allowed are {sorted(_FIELDS)}")
    for name in ("id", "source", "related"):
        if name not in obj:
            raise RelatedGoldError(f"{where}: missing field {name!r}")
    split = obj.get("split")
    if split is not None and split not in SPLITS:
        raise RelatedGoldError(f"{where}: split {split!r} unknown: use one of {', '.join(SPLITS)}")
    source = _ref(obj["source"], f"{where} source")
    related = [_ref(r, f"{where} related[{i}]") for i, r in enumerate(obj["related"])]
    if not related:
        raise RelatedGoldError(f"{where}: no related passages: judge at least one, or drop the record")
    if any(r.doc == source.doc for r in related):
        raise RelatedGoldError(f"{where}: a related passage is in the source document {source.doc}: related means other documents")
    looks = [_ref(r, f"{where} not_related[{i}]") for i, r in enumerate(obj.get("not_related", []))]
    return RelatedItem(obj["id"], split, obj.get("subject", ""), obj.get("source_type", ""), source, related, looks)


def load_related_gold(path: str | Path) -> list[RelatedItem]:
    """Load and validate a related-passages gold file; RelatedGoldError lists every problem."""
    items, seen, errors = [], set(), []
    for where, _n, obj in records(path, errors):
        try:
            item = parse_record(obj, where)
        except RelatedGoldError as e:
            errors.append(str(e))
            continue
        if item.id in seen:
            errors.append(f"{where}: duplicate id {item.id!r}")
            continue
        seen.add(item.id)
        items.append(item)
    if errors:
        raise RelatedGoldError("\n".join(errors))
    return items


def check_related_quotes(items: Sequence[RelatedItem], root: Path, read_text: Callable[[Path], str]) -> list[str]:
    """Problems for every source/related/not_related quote missing from its document."""
    cache: dict[str, str | None] = {}
    problems = []
    for it in items:
        for label, ref in [("source", it.source), *((f"related[{i}]", r) for i, r in enumerate(it.related)),
                           *((f"not_related[{i}]", r) for i, r in enumerate(it.not_related))]:
            if ref.doc not in cache:
                p = root / ref.doc
                cache[ref.doc] = read_text(p) if p.is_file() else None
            text = cache[ref.doc]
            if text is None:
                problems.append(f"{it.id} {label}: document {ref.doc} not found under {root}")
            elif not quote_in_text(ref.quote, text):
                problems.append(f"{it.id} {label} ({ref.doc}): quote not found: {ref.quote[:70]!r}")
    return problems


# --- matching and metrics (pure) --------------------------------------------------------

def same_doc(source_path: str, doc: str) -> bool:
    sp = source_path.replace("\\", "/")
    return sp == doc or sp.endswith("/" + doc)


def ref_matches(ref: Ref, source_path: str, text: str) -> bool:
    return same_doc(source_path, ref.doc) and (ref.scope == "document" or is_hit(text, ref.quote))


def matched_docs(refs: Sequence[Ref], hit: tuple[str, str]) -> set[str]:
    """The documents of `refs` a hit (source_path, text) matches."""
    return {r.doc for r in refs if ref_matches(r, *hit)}


def score_ranking(item: RelatedItem, hits: Sequence[tuple[str, str]]) -> dict:
    """precision@5 / recall@10 (capped and raw), look-alikes in the top 5, for one source."""
    n = len(item.related_docs)
    per_hit = [matched_docs(item.related, h) for h in hits]
    rel5 = sum(1 for m in per_hit[:5] if m)
    found10 = set().union(*per_hit[:10]) if per_hit else set()
    looks5 = sum(1 for h in hits[:5] if matched_docs(item.not_related, h))
    return {"p@5": min(1.0, rel5 / min(5, n)), "r@10": len(found10) / min(10, n), "p@5_raw": rel5 / 5,
            "r@10_raw": len(found10) / n, "lookalike@5": looks5, "n_related": n, "n_hits": len(hits)}


def aggregate(rows: Sequence[dict]) -> dict:
    keys = ("p@5", "r@10", "p@5_raw", "r@10_raw", "lookalike@5", "procedural@5")
    return {"n": len(rows), **{k: round(mean(r[k] for r in rows), 4) for k in keys if rows and k in rows[0]}}
