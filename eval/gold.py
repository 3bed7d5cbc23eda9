"""Gold question set: JSONL format, validated loading and evidence-quote checks.

One JSON object per line:

    {"qid": "q001", "question": "...", "lang": "nl", "type": "lexical",
     "answerable": true,
     "evidence": [{"doc": "sub/dir/file.pdf", "quote": "exact passage ..."}],
     "key_points": ["short phrase", ...],
     "actor": "Nederland",            # optional; required for type "actor"
     "split": "tune",                 # optional: "tune" (choose weights, thresholds) or "test" (report)
     "absent": ["term", ...]}         # optional, unanswerable only: terms grep found nowhere in the corpus

`doc` is relative to the corpus root; `quote` is an exact passage of the
document text (compared after lowercasing and whitespace-collapsing).
Blank lines are ignored. A free-text "notes" field is allowed; any other
unknown field is an error, because a typo such as "key_point" would otherwise
silently drop data.

Question types: "lexical" (the text's own words), "paraphrase" (other words),
"colloquial" (how a user says it: "Brussel" for the Commission, nicknames,
indirect names), "actor", "cross-dossier" (evidence in >= 2 documents),
"unanswerable", "factual", "english" (legacy). Splits are assigned by document
(eval/assign_splits.py) so no document has questions in both.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence
from eval.jsonl import records
from index.errors import UserError

QUESTION_TYPES: tuple[str, ...] = (
    "lexical",
    "paraphrase",
    "colloquial",
    "actor",
    "cross-dossier",
    "unanswerable",
    "english",
    "factual",
)
LANGUAGES: tuple[str, ...] = ("nl", "en")
SPLITS: tuple[str, ...] = ("tune", "test")
_REQUIRED: dict[str, type] = {
    "qid": str,
    "question": str,
    "lang": str,
    "type": str,
    "answerable": bool,
    "evidence": list,
    "key_points": list,
}
_OPTIONAL: dict[str, tuple[type, ...]] = {
    "actor": (str, type(None)), "notes": (str,), "split": (str,), "absent": (list,),
}


class GoldFormatError(UserError, ValueError):
    """All problems found in a gold file, reported together."""

    def __init__(self, path: str | Path, errors: list[str]):
        self.path = str(path)
        self.errors = list(errors)
        lines = "\n".join(f"  {e}" for e in self.errors)
        super().__init__(f"{len(self.errors)} problem(s) in gold file {self.path}:\n{lines}")


@dataclass(frozen=True)
class Evidence:
    doc: str  # path relative to the corpus root
    quote: str  # exact passage of that document's text


@dataclass
class GoldItem:
    qid: str
    question: str
    lang: str
    type: str
    answerable: bool
    evidence: list[Evidence] = field(default_factory=list)
    key_points: list[str] = field(default_factory=list)
    actor: str | None = None
    split: str | None = None  # "tune" | "test"; None in gold files without splits
    absent: list[str] = field(default_factory=list)  # absence probe of an unanswerable question

    @property
    def quotes(self) -> list[str]:
        return [e.quote for e in self.evidence]

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def load_gold(path: str | Path) -> list[GoldItem]:
    """Load and validate a gold JSONL file; raise GoldFormatError listing every problem."""
    path = Path(path)
    errors: list[str] = []
    items: list[GoldItem] = []
    first_line_of: dict[str, int] = {}
    for where, lineno, obj in records(path, errors):
        item, problems = _parse_item(obj)
        errors.extend(f"{where}: {p}" for p in problems)
        if item is None:
            continue
        if item.qid in first_line_of:
            errors.append(
                f"{where}: field 'qid': duplicate qid '{item.qid}' "
                f"(first used on line {first_line_of[item.qid]})"
            )
            continue
        first_line_of[item.qid] = lineno
        items.append(item)
    if errors:
        raise GoldFormatError(path, errors)
    return items


def _parse_item(obj: Any) -> tuple[GoldItem | None, list[str]]:
    """Validate one decoded line; returns (item or None, problems)."""
    if not isinstance(obj, dict):
        return None, [f"line is not a JSON object (got {type(obj).__name__})"]
    problems = _check_fields(obj)
    if problems:
        return None, problems
    evidence, ev_problems = _parse_evidence(obj["evidence"])
    problems += ev_problems
    problems += _check_semantics(obj, evidence)
    if problems:
        return None, problems
    item = GoldItem(
        qid=obj["qid"],
        question=obj["question"],
        lang=obj["lang"],
        type=obj["type"],
        answerable=obj["answerable"],
        evidence=evidence,
        key_points=list(obj["key_points"]),
        actor=obj.get("actor"),
        split=obj.get("split"),
        absent=list(obj.get("absent", [])),
    )
    return item, []


def _check_fields(obj: dict) -> list[str]:
    """Presence and JSON types of the top-level fields."""
    problems = []
    for name, typ in _REQUIRED.items():
        if name not in obj:
            problems.append(f"field '{name}': missing")
        elif not isinstance(obj[name], typ) or (typ is not bool and isinstance(obj[name], bool)):
            problems.append(f"field '{name}': expected {typ.__name__}, got {type(obj[name]).__name__}")
        elif typ is str and not obj[name].strip():
            problems.append(f"field '{name}': must not be empty")
    for name, types in _OPTIONAL.items():
        if name in obj and not isinstance(obj[name], types):
            wanted = " or ".join("null" if t is type(None) else t.__name__ for t in types)
            problems.append(f"field '{name}': expected {wanted}, got {type(obj[name]).__name__}")
    allowed = set(_REQUIRED) | set(_OPTIONAL)
    for name in sorted(set(obj) - allowed):
        problems.append(f"field '{name}': unknown field (allowed: {', '.join(sorted(allowed))})")
    return problems


def _parse_evidence(raw: list) -> tuple[list[Evidence], list[str]]:
    evidence, problems = [], []
    for i, ev in enumerate(raw):
        label = f"evidence[{i}]"
        if not isinstance(ev, dict):
            problems.append(f"field '{label}': expected object with 'doc' and 'quote'")
            continue
        own = [
            f"field '{label}.{key}': missing or not a non-empty string"
            for key in ("doc", "quote")
            if not isinstance(ev.get(key), str) or not ev[key].strip()
        ]
        extra = sorted(set(ev) - {"doc", "quote"})
        if extra:
            own.append(f"field '{label}': unknown field(s) {', '.join(extra)}")
        if isinstance(ev.get("doc"), str) and (ev["doc"].startswith("/") or ".." in Path(ev["doc"]).parts):
            own.append(f"field '{label}.doc': must be a path relative to the corpus root")
        problems += own
        if not own:
            evidence.append(Evidence(doc=ev["doc"], quote=ev["quote"]))
    return evidence, problems


def _check_semantics(obj: dict, evidence: list[Evidence]) -> list[str]:
    """Cross-field rules that keep the metrics meaningful."""
    problems = []
    if obj["lang"] not in LANGUAGES:
        problems.append(f"field 'lang': '{obj['lang']}' not one of {', '.join(LANGUAGES)}")
    if obj["type"] not in QUESTION_TYPES:
        problems.append(f"field 'type': unknown type '{obj['type']}' (known: {', '.join(QUESTION_TYPES)})")
    if obj["answerable"] and not obj["evidence"]:
        problems.append("field 'evidence': answerable question needs at least one evidence quote")
    if not obj["answerable"] and obj["evidence"]:
        problems.append("field 'evidence': must be empty for an unanswerable question")
    if obj["type"] == "unanswerable" and obj["answerable"]:
        problems.append("field 'answerable': type 'unanswerable' must have answerable=false")
    if obj["type"] == "actor" and not obj.get("actor"):
        problems.append("field 'actor': required for type 'actor' (the expected actor)")
    for i, kp in enumerate(obj["key_points"]):
        if not isinstance(kp, str) or not kp.strip():
            problems.append(f"field 'key_points[{i}]': expected a non-empty string")
    if "split" in obj and obj["split"] not in SPLITS:
        problems.append(f"field 'split': '{obj['split']}' not one of {', '.join(SPLITS)}")
    problems += _check_absent(obj)
    return problems


def _check_absent(obj: dict) -> list[str]:
    """The absence probe: non-empty terms, and only on an unanswerable question."""
    if "absent" not in obj:
        return []
    problems = []
    if obj["answerable"]:
        problems.append("field 'absent': only for unanswerable questions (answerable=false); remove it")
    if not obj["absent"]:
        problems.append("field 'absent': give at least one term that grep found nowhere in the corpus")
    for i, term in enumerate(obj["absent"]):
        if not isinstance(term, str) or not term.strip():
            problems.append(f"field 'absent[{i}]': expected a non-empty string")
    return problems


class SplitError(UserError, ValueError):
    """An unknown split, or one no question has."""


def select_split(items: Sequence[GoldItem], split: str | None) -> list[GoldItem]:
    """The items of one split (all items for None); an error if that split is empty."""
    if split is None:
        return list(items)
    if split not in SPLITS:
        raise SplitError(f"unknown split {split!r}: choose one of {', '.join(SPLITS)}")
    chosen = [i for i in items if i.split == split]
    if not chosen:
        raise SplitError(
            f"no question has split {split!r}: assign splits with `python eval/assign_splits.py GOLD.jsonl`"
        )
    return chosen


# --- quote checks --------------------------------------------------------------------


def _collapse(text: str) -> str:
    # NFKC folds ligatures (ﬁ) and compatibility forms that PDF extraction produces.
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    text = text.translate(str.maketrans("‘’‚“”„", "'''\"\"\""))
    return re.sub(r"\s+", " ", text).strip().lower()


def _squash(text: str) -> str:
    """Drop line-break hyphenation ("infor-\\nmatie") and all whitespace."""
    return re.sub(r"\s+", "", re.sub(r"(\w)-\s+(\w)", r"\1\2", _collapse(text)))


def quote_in_text(quote: str, text: str) -> bool:
    """Whether `quote` occurs in `text`, tolerant of whitespace, case and hyphenation."""
    if _collapse(quote) in _collapse(text):
        return True
    return _squash(quote) in _squash(text)


def check_quotes(
    items: Iterable[GoldItem],
    corpus_root: str | Path,
    read_text: Callable[[Path], str],
) -> list[str]:
    """Problems for evidence whose document is missing or does not contain the quote."""
    root = Path(corpus_root)
    cache: dict[str, str | None] = {}
    problems: list[str] = []
    for item in items:
        for i, ev in enumerate(item.evidence):
            label = f"{item.qid} evidence[{i}] ({ev.doc})"
            if ev.doc not in cache:
                cache[ev.doc] = _read(root / ev.doc, read_text, problems, label)
            text = cache[ev.doc]
            if text is None:
                continue
            if not quote_in_text(ev.quote, text):
                short = ev.quote if len(ev.quote) <= 80 else ev.quote[:77] + "..."
                problems.append(f"{label}: quote not found in document text: {short!r}")
    return problems


def _read(path: Path, read_text: Callable[[Path], str], problems: list[str], label: str) -> str | None:
    if not path.exists():
        problems.append(f"{label}: document not found at {path}")
        return None
    try:
        return read_text(path)
    except Exception as exc:  # a broken reader should not hide the other checks
        problems.append(f"{label}: could not read document: {type(exc).__name__}: {exc}")
        return None
