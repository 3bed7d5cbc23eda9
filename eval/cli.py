"""`dossierwijzer eval GOLD.jsonl`: run a gold set through the service layer (the configured
answerer, as `ask` uses it), write the report folder, compare with an older run, gate on
--fail-under. Also the evaluation the chat UI's Evaluatie tab runs (`evaluate_gold`)."""
from __future__ import annotations

import subprocess
import sys
import time
from dataclasses import asdict
from importlib import resources
from pathlib import Path

from assistant import service
from assistant.engine import Engine
from assistant.resources import sample_corpus_dir
from eval.gold import check_quotes, load_gold, select_split
from eval.related import check_related_quotes, is_related_gold, load_related_gold
from eval.related_run import cmd_eval_related
from eval.report import check_fail_under, compare, summary_table, write_report
from eval.significance import paired, questions_of, table as significance_table
from eval.runner import EvalResult, run_eval
from index.actors import sentence_actors
from index.errors import UserError
from index.readers import read_file


def gold_dir() -> Path:
    """The shipped gold sets (package data: present in a non-editable install too)."""
    return Path(str(resources.files("eval") / "gold"))


def read_document_text(path: Path) -> str:
    """The text a gold quote must occur in: what the readers extract."""
    return read_file(path).text


def default_corpus_root(gold: Path) -> Path:
    """sample*.jsonl is about the shipped sample corpus; other gold files about ../shared/corpus."""
    if gold.name.startswith("sample"):
        return sample_corpus_dir()
    return Path("..") / "shared" / "corpus"


def git_commit() -> str | None:
    try:
        return subprocess.run(["git", "rev-parse", "HEAD"], capture_output=True, text=True,
                              timeout=5).stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        return None


def evaluate(engine, items, modes=("sparse", "dense", "hybrid"), answers: bool = True, k: int = 10,
             progress: bool = False) -> EvalResult:
    """Retrieval per mode and answers from the configured answerer, all through the service layer."""
    return run_eval(
        items,
        search_fn=lambda q, mode, kk: service.search(engine, q, mode=mode, top_k=kk),
        answer_fn=(lambda q: service.ask(engine, q)) if answers else None,
        modes=modes, k=k, progress=progress,
        sentence_actors_fn=lambda quote: sentence_actors(quote, None),
    )


def evaluate_gold(engine, name: str, out_root: Path):
    """The UI's evaluation of a shipped gold file: (report Markdown path dict, result)."""
    path = gold_dir() / name
    if not path.is_file():
        raise UserError(f"unknown gold file {name!r}: choose one of {', '.join(list_gold())}")
    result = evaluate(engine, load_gold(path), progress=True)
    out = out_root / f"{path.stem}-{time.strftime('%Y%m%d-%H%M%S')}"
    return write_report(result, out, engine.settings.public_dict(), git_commit())


def list_gold() -> list[str]:
    """The question gold sets (the UI's Evaluatie tab); related-passages sets run from the CLI."""
    return sorted(p.name for p in gold_dir().glob("*.jsonl") if not is_related_gold(p))


def cmd_eval_related_gold(args, settings) -> int:
    """A related-passages gold set (records with a "source"): --check its quotes, or run it."""
    items = load_related_gold(args.gold)
    split = getattr(args, "split", None)
    if split:
        items = [i for i in items if i.split == split]
    if args.check:
        problems = check_related_quotes(items, _corpus_root(args), read_document_text)
        return _report_check(problems, f"{len(items)} sources, {sum(len(i.related) for i in items)} related passages")
    return cmd_eval_related(args, settings, items)


def _corpus_root(args) -> Path:
    root = Path(args.corpus or default_corpus_root(args.gold))
    if not root.is_dir():
        raise UserError(f"corpus folder {root} not found: give the folder the gold `doc` paths are relative to with --corpus")
    return root


def _report_check(problems: list[str], counted: str) -> int:
    for p in problems:
        print(p)
    print(f"{counted}, {len(problems)} problem(s)")
    return 1 if problems else 0


def cmd_eval(args, settings) -> int:
    if is_related_gold(args.gold):
        return cmd_eval_related_gold(args, settings)
    items = select_split(load_gold(args.gold), getattr(args, "split", None))
    if args.check:
        problems = check_quotes(items, _corpus_root(args), read_document_text)
        return _report_check(problems, f"{len(items)} questions, {sum(len(i.evidence) for i in items)} quotes")
    modes = tuple(service.check_mode(m.strip()) for m in args.modes.split(",") if m.strip())
    with Engine(settings) as eng:
        if eng.is_empty():
            raise UserError(f"the store {settings.store} is empty: run `dossierwijzer ingest PATH` first")
        result = evaluate(eng, items, modes, answers=not args.no_answers, progress=sys.stderr.isatty())
    out = args.out or Path("eval") / "reports" / time.strftime("%Y%m%d-%H%M%S")
    paths = write_report(result, out, settings.public_dict(), git_commit())
    print(summary_table(result))
    print(f"report: {paths['report.md']}")
    if args.compare:
        print(compare(args.compare, result, out))
        old_rows, new_rows = questions_of(args.compare), [asdict(q) for q in result.questions]
        if old_rows and new_rows:
            print("\npaired bootstrap over the questions of both runs (eval/significance.py):")
            print(significance_table(paired(old_rows, new_rows, samples=1000)))
    failures = check_fail_under(result.summary, args.fail_under)
    for f in failures:
        print(f"FAIL {f}", file=sys.stderr)
    return 1 if failures else 0
