"""Reports for an EvalResult: report.md, results.json, PNG plots, comparisons and
--fail-under checks. Plots use the Agg canvas directly (no pyplot global state), so
this works headless and does not change the backend of a host application."""
from __future__ import annotations

import hashlib
import json
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Mapping, Sequence

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from eval.metrics import recall_from_ranks
from eval.runner import RETRIEVAL_METRICS, EvalResult, QuestionResult
from index.errors import UserError

_TABLE_COLS = ("recall@1", "recall@5", "recall@10", "mrr", "ndcg@10", "all_evidence_recall@10")
_ANSWER_ROWS = (
    "key_point_recall", "citation_precision", "evidence_recall", "evidence_quoted", "answered_rate",
    "refusal_precision", "refusal_recall", "actor_correct", "latency_p50_ms", "latency_p95_ms", "errors",
)
_SKIP_IN_COMPARE = ("by_type", "answer_by_type", "by_lang")
_SPLIT_RETRIEVAL = ("recall@1", "recall@5", "recall@10", "mrr", "ndcg@10")
# Labels for the metrics whose key alone does not say what they measure.
_LABELS = {"evidence_quoted": "evidence_quoted (answers quoting an evidence passage)"}


class FailUnderError(UserError, ValueError):
    """A --fail-under spec that cannot be parsed or names an unknown metric."""


def settings_hash(settings: Mapping[str, Any]) -> str:
    """sha256 of the sorted settings JSON, 12 hex chars: identifies a configuration."""
    blob = json.dumps(settings, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:12]


def _fmt(value: Any, digits: int = 3) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def _md_cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def _table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_md_cell(_fmt(c)) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def summary_table(result: EvalResult) -> str:
    """Markdown tables of the headline retrieval and answer metrics (for the terminal)."""
    s = result.summary
    # all-evidence recall only counts cross-dossier questions: say how many (on the sample
    # set it is one question, so 0.000 vs 1.000 is that one question's evidence found or not)
    n_cross = sum(1 for q in result.questions if q.type == "cross-dossier")
    cols = [f"{c} (n={n_cross} cross-dossier)" if c == "all_evidence_recall@10" else c for c in _TABLE_COLS]
    header = ["mode", "n", *cols, "p50 ms", "p95 ms"]
    rows = [
        [mode, s[mode].get("n"), *(s[mode].get(c) for c in _TABLE_COLS),
         _fmt(s[mode].get("latency_p50_ms"), 1), _fmt(s[mode].get("latency_p95_ms"), 1)]
        for mode in result.modes
    ]
    out = _table(header, rows)
    if "answer" in s:
        rows = [[_LABELS.get(k, k), _fmt(s["answer"].get(k), 1 if "latency" in k else 3)] for k in _ANSWER_ROWS]
        out += "\n\n" + _table(["answer metric", "value"], rows)
    if s.get("by_split"):
        out += "\n\nPer split (choose on tune, report on test):\n\n" + split_table(result)
    return out


def split_table(result: EvalResult) -> str:
    """The headline metrics of each split side by side (tune, test, all); "" without splits."""
    by_split = result.summary.get("by_split") or {}
    if not by_split:
        return ""
    columns = [(name, by_split[name]) for name in by_split] + [("all", result.summary)]
    rows: list[list[Any]] = [["questions", *(_split_n(c) for _, c in columns)]]
    for mode in result.modes:
        rows += [[f"{mode} {metric}", *(c.get(mode, {}).get(metric) for _, c in columns)]
                 for metric in _SPLIT_RETRIEVAL]
    if "answer" in result.summary:
        for key in _ANSWER_ROWS:
            digits = 1 if "latency" in key else 3
            rows.append([_LABELS.get(key, key), *(_fmt((c.get("answer") or {}).get(key), digits) for _, c in columns)])
    return _table(["metric (per split)", *(name for name, _ in columns)], rows)


def _split_n(summary: Mapping[str, Any]) -> Any:
    """Question count of a split summary: every mode and the answerer saw all of them."""
    for value in summary.values():
        if isinstance(value, Mapping) and "n" in value:
            return value["n"]
    return None


def _type_table(result: EvalResult, key: str = "by_type", label: str = "type") -> str:
    by_type = result.summary.get(key, {})
    types = sorted({t for mode in result.modes for t in by_type.get(mode, {})})
    header = [label, "n", *(f"{mode} recall@10" for mode in result.modes),
              *(f"{mode} MRR" for mode in result.modes)]
    rows = []
    for t in types:
        cells = [by_type[mode].get(t, {}) for mode in result.modes]
        rows.append([t, cells[0].get("n"), *(c.get("recall@10") for c in cells), *(c.get("mrr") for c in cells)])
    return _table(header, rows)


def _primary_mode(result: EvalResult) -> str:
    return "hybrid" if "hybrid" in result.modes else result.modes[-1]


def worst_questions(result: EvalResult, n: int = 10) -> list[QuestionResult]:
    """Answerable questions with the lowest nDCG@10 (then MRR) in the primary mode."""
    mode = _primary_mode(result)
    scored = [q for q in result.questions if q.answerable and mode in q.retrieval]
    key = lambda q: (q.retrieval[mode].get("ndcg@10") or 0.0, q.retrieval[mode].get("mrr") or 0.0, q.qid)
    return sorted(scored, key=key)[:n]


def _worst_section(result: EvalResult) -> str:
    mode = _primary_mode(result)
    parts = [f"## Worst 10 questions ({mode})\n"]
    for q in worst_questions(result):
        r = q.retrieval[mode]
        parts.append(
            f"### {q.qid} ({q.type}) — nDCG@10 {_fmt(r.get('ndcg@10'))}, recall@10 {_fmt(r.get('recall@10'))}\n\n"
            f"> {_md_cell(q.question)}\n"
        )
        if r.get("error"):
            parts.append(f"Search error: `{r['error']}`\n")
        for h in r.get("hits", [])[:3]:
            mark = " ✓" if h.get("relevant") else ""
            parts.append(f"{h['rank']}. **{_md_cell(h['title'])}**{mark} — {_md_cell(h['text'][:120])}")
        parts.append("")
    return "\n".join(parts)


def write_report(
    result: EvalResult, out_dir: str | Path, settings_dict: Mapping[str, Any], git_commit: str | None = None
) -> dict[str, Path]:
    """Write report.md, results.json and the PNG plots to out_dir; return their paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    s_hash = settings_hash(settings_dict)
    created = datetime.now(timezone.utc).isoformat(timespec="seconds")
    data = {"created": created, "git_commit": git_commit, "settings_hash": s_hash,
            "settings": dict(settings_dict), **result.to_json()}
    paths = {name: out / name for name in ("report.md", "results.json", "recall_at_k.png", "per_type.png", "latency.png")}
    paths["results.json"].write_text(json.dumps(data, ensure_ascii=False, indent=2, default=str), encoding="utf-8")
    plot_recall_at_k(result, paths["recall_at_k.png"])
    plot_per_type(result, paths["per_type.png"])
    plot_latency(result, paths["latency.png"])
    md = [
        "# Dossierwijzer evaluation\n",
        f"- created: {created}\n- git commit: {git_commit or 'unknown'}\n- settings hash: `{s_hash}`\n"
        f"- questions: {len(result.questions)}, k = {result.k}, modes: {', '.join(result.modes)}\n",
        "## Retrieval and answers\n", summary_table(result) + "\n",
        "![recall@k](recall_at_k.png)\n",
        "## Per question type\n", _type_table(result) + "\n",
        "## Per question language\n", _type_table(result, "by_lang", "language") + "\n",
        "![per type](per_type.png)\n\n![latency](latency.png)\n",
        _worst_section(result),
    ]
    paths["report.md"].write_text("\n".join(md), encoding="utf-8")
    return paths


# --- plots --------------------------------------------------------------------------------


def _save(fig: Figure, path: Path) -> None:
    FigureCanvasAgg(fig)  # attach the Agg canvas explicitly
    fig.tight_layout()
    fig.savefig(path, format="png", dpi=100)


def recall_curve(result: EvalResult, mode: str, k_max: int = 10) -> list[float]:
    """Mean recall@k for k = 1..k_max over answerable questions, from evidence ranks."""
    rows = [q.retrieval[mode]["evidence_ranks"] for q in result.questions if q.answerable and mode in q.retrieval]
    curve = []
    for k in range(1, k_max + 1):
        vals = [v for v in (recall_from_ranks(r, k) for r in rows) if v is not None]
        curve.append(float(np.mean(vals)) if vals else 0.0)
    return curve


def plot_recall_at_k(result: EvalResult, path: Path) -> None:
    fig = Figure(figsize=(6, 4))
    ax = fig.add_subplot()
    ks = list(range(1, 11))
    for mode in result.modes:
        ax.plot(ks, recall_curve(result, mode), marker="o", label=mode)
    ax.set(xlabel="k", ylabel="recall@k", ylim=(0, 1.02), xticks=ks, title="Evidence recall@k")
    ax.grid(alpha=0.3)
    ax.legend()
    _save(fig, path)


def plot_per_type(result: EvalResult, path: Path) -> None:
    by_type = result.summary["by_type"]
    types = sorted({t for mode in result.modes for t in by_type.get(mode, {})})
    fig = Figure(figsize=(max(6, 1.2 * len(types)), 4))
    ax = fig.add_subplot()
    x = np.arange(len(types))
    width = 0.8 / max(1, len(result.modes))
    for i, mode in enumerate(result.modes):
        vals = [by_type[mode].get(t, {}).get("recall@10") or 0.0 for t in types]
        ax.bar(x + i * width, vals, width, label=mode)
    ax.set_xticks(x + width * (len(result.modes) - 1) / 2, types, rotation=20)
    ax.set(ylabel="recall@10", ylim=(0, 1.05), title="recall@10 per question type")
    ax.legend()
    _save(fig, path)


def plot_latency(result: EvalResult, path: Path) -> None:
    fig = Figure(figsize=(6, 4))
    ax = fig.add_subplot()
    series = {f"search {mode}": [q.retrieval[mode]["latency_ms"] for q in result.questions if mode in q.retrieval]
              for mode in result.modes}
    series["answer"] = [q.answer["latency_ms"] for q in result.questions if q.answer]
    for label, vals in series.items():
        if vals:
            ax.hist(vals, bins=20, alpha=0.5, label=label)
    ax.set(xlabel="latency (ms)", ylabel="questions", title="Latency")
    ax.legend()
    _save(fig, path)


# --- compare and fail-under ---------------------------------------------------------------


def flatten(summary: Mapping[str, Any], prefix: str = "", skip: Sequence[str] = ()) -> dict[str, float | None]:
    """Dotted paths to numeric (or None) leaves: {"hybrid.recall@10": 0.7, ...}."""
    flat: dict[str, float | None] = {}
    for key, value in summary.items():
        path = f"{prefix}{key}"
        if key in skip:
            continue
        if isinstance(value, Mapping):
            flat.update(flatten(value, path + ".", skip))
        elif value is None or (isinstance(value, (int, float)) and not isinstance(value, bool)):
            flat[path] = value
    return flat


def _load_summary(obj: str | Path | Mapping[str, Any] | EvalResult) -> dict[str, Any]:
    if isinstance(obj, EvalResult):
        return obj.summary
    if isinstance(obj, (str, Path)):
        obj = json.loads(Path(obj).read_text(encoding="utf-8"))
    return dict(obj.get("summary", obj))


def compare(
    old_results_json: str | Path | Mapping[str, Any],
    new_results: EvalResult | str | Path | Mapping[str, Any],
    out_dir: str | Path = ".",
) -> str:
    """Per-metric old/new/delta table (returned for printing); writes compare.png to out_dir."""
    old = flatten(_load_summary(old_results_json), skip=_SKIP_IN_COMPARE)
    new = flatten(_load_summary(new_results), skip=_SKIP_IN_COMPARE)
    names = list(old) + [n for n in new if n not in old]
    width = max([len(n) for n in names] + [6])
    lines = [f"{'metric':<{width}}  {'old':>9}  {'new':>9}  {'delta':>9}"]
    for name in names:
        a, b = old.get(name), new.get(name)
        delta = f"{b - a:+9.3f}" if a is not None and b is not None else f"{'–':>9}"
        lines.append(f"{name:<{width}}  {_fmt(a):>9}  {_fmt(b):>9}  {delta}")
    _plot_compare(old, new, Path(out_dir) / "compare.png")
    return "\n".join(lines)


def _plot_compare(old: Mapping[str, float | None], new: Mapping[str, float | None], path: Path) -> None:
    """Old vs new bars for the 0..1 metrics present in both (latencies/counts excluded)."""
    names = [n for n in old if n in new and old[n] is not None and new[n] is not None
             and n.rsplit(".", 1)[-1] in (*RETRIEVAL_METRICS, *_ANSWER_ROWS) and "latency" not in n
             and not n.endswith("errors")]
    path.parent.mkdir(parents=True, exist_ok=True)
    fig = Figure(figsize=(7, max(3, 0.35 * len(names) + 1)))
    ax = fig.add_subplot()
    y = np.arange(len(names))
    ax.barh(y - 0.2, [old[n] for n in names], 0.4, label="old")
    ax.barh(y + 0.2, [new[n] for n in names], 0.4, label="new")
    ax.set_yticks(y, names)
    ax.invert_yaxis()
    ax.set(xlim=(0, 1.05), title="old vs new")
    ax.legend()
    _save(fig, path)


def check_fail_under(summary: Mapping[str, Any], specs: Sequence[str]) -> list[str]:
    """Failures for specs like "hybrid.recall@10=0.6" whose metric is below the minimum.

    A metric that exists but was not measured (None) fails, since a threshold that
    silently passes when nothing was measured is worse than none.
    """
    flat = flatten(summary)
    failures = []
    for spec in specs:
        name, sep, raw = spec.rpartition("=")
        name = name.strip()
        if not sep or not name:
            raise FailUnderError(f"bad --fail-under spec {spec!r}: expected METRIC=VALUE, e.g. hybrid.recall@10=0.6")
        try:
            minimum = float(raw)
        except ValueError:
            raise FailUnderError(f"bad --fail-under value in {spec!r}: {raw!r} is not a number") from None
        if name not in flat:
            raise FailUnderError(f"unknown metric {name!r} in --fail-under; valid names: {', '.join(sorted(flat))}")
        value = flat[name]
        if value is None:
            failures.append(f"{name}: not measured (required >= {minimum:g})")
        elif value < minimum:
            failures.append(f"{name} = {value:.3f} < {minimum:g}")
    return failures
