"""`dossierwijzer eval GOLD.jsonl`: wire the eval package to the real retrieval and
answerer, write the report folder, compare with an older run, gate on --fail-under."""
from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def read_document_text(path: Path) -> str:
    """The text a gold quote must occur in: what the readers extract."""
    from index.readers import read_file

    return read_file(path).text


def default_corpus_root(gold: Path) -> Path:
    """sample.jsonl is about the shipped sample corpus; other gold files about ../shared/corpus."""
    if gold.name.startswith("sample"):
        return REPO / "sample_corpus"
    return REPO.parent / "shared" / "corpus"


def git_commit() -> str | None:
    try:
        return subprocess.run(["git", "rev-parse", "HEAD"], cwd=REPO, capture_output=True, text=True, timeout=5).stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        return None


def run_eval_command(args, settings) -> int:
    from eval.gold import check_quotes, load_gold, select_split
    from eval.report import check_fail_under, compare, summary_table, write_report
    from eval.runner import run_eval

    items = select_split(load_gold(args.gold), getattr(args, "split", None))
    if args.check:
        root = args.corpus or default_corpus_root(args.gold)
        problems = check_quotes(items, root, read_document_text)
        for p in problems:
            print(p)
        print(f"{len(items)} questions, {sum(len(i.evidence) for i in items)} quotes, {len(problems)} problem(s)")
        return 1 if problems else 0
    from assistant.answer import answer_question
    from assistant.engine import Engine
    from assistant.retrieve import search
    from index.actors import sentence_actors

    modes = tuple(m.strip() for m in args.modes.split(",") if m.strip())
    with Engine(settings) as eng:
        if eng.is_empty():
            raise ValueError(f"the store {settings.store} is empty: run `dossierwijzer ingest PATH` first")
        result = run_eval(
            items,
            search_fn=lambda q, mode, k: search(eng, q, mode, k),
            answer_fn=None if args.no_answers else (lambda q: answer_question(eng, q)),
            modes=modes, k=10, progress=sys.stderr.isatty(),
            sentence_actors_fn=lambda quote: sentence_actors(quote, None),
        )
    out = args.out or REPO / "eval" / "reports" / time.strftime("%Y%m%d-%H%M%S")
    paths = write_report(result, out, settings.public_dict(), git_commit())
    print(summary_table(result))
    print(f"report: {paths.get('report', out)}")
    if args.compare:
        print(compare(args.compare, result, out))
    failures = check_fail_under(result.summary, args.fail_under)
    for f in failures:
        print(f"FAIL {f}", file=sys.stderr)
    return 1 if failures else 0
