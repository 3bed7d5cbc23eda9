"""The CLI commands: each builds the Engine, calls one library function, renders."""
from __future__ import annotations

import json
from pathlib import Path

SAMPLE_CORPUS = Path(__file__).resolve().parent.parent / "sample_corpus"


def _print_json(obj) -> None:
    print(json.dumps(obj, ensure_ascii=False))


def _engine(settings):
    from assistant.engine import Engine

    return Engine(settings)


def run(args, settings) -> int:
    cmd = args.command.replace("-", "_")
    return globals()[f"cmd_{cmd}"](args, settings)


def cmd_show_settings(args, settings) -> int:
    d = settings.public_dict()
    if args.json:
        _print_json(d)
        return 0
    fields = type(settings).model_fields
    for k, v in d.items():
        print(f"{k:24} = {v!r:40}  # {fields[k].description}")
    return 0


def cmd_ingest(args, settings) -> int:
    from assistant.engine import Engine

    from index.reindex import ReindexPlan

    if not args.paths and not args.reindex and ReindexPlan.load(settings.store) is None:
        raise ValueError("nothing to ingest: give one or more PATHs (files or folders), "
                         "or --reindex to rebuild the store from the files it has")
    with Engine(settings, reindex=args.reindex) as eng:
        if not args.paths and eng.reindex is None:
            print(f"the store {settings.store} already matches this chunker and chunk size: nothing to rebuild")
            return 0
        report = eng.ingest_with_reindex(args.paths, prune=args.prune, progress=False if args.no_progress else None)
    if args.json:
        _print_json(report.to_json())
    else:
        print(report.summary())
        for f, reason in report.skipped:
            print(f"  skipped: {f}: {reason}")
    return 0


def cmd_sync(args, settings) -> int:
    import sys

    from index.tk.client import ClientOptions
    from index.tk.sync import sync_dossiers

    progress = not args.json and not args.no_progress and sys.stderr.isatty()
    report = sync_dossiers(args.dossier, settings.store, ClientOptions.from_settings(settings),
                           open_engine=lambda: _engine(settings), since=args.since, progress=progress,
                           step=_sync_bar() if progress else None)
    if args.json:
        _print_json(report.to_json())
    else:
        print(report.summary())
    return 0


def _sync_bar():
    """A tqdm bar over the downloads, on stderr."""
    from tqdm import tqdm

    bar = {}

    def step(phase: str, done: int, total: int) -> None:
        if phase != "download":
            return
        if "bar" not in bar:
            bar["bar"] = tqdm(total=total, unit="file", desc="download", dynamic_ncols=True)
        bar["bar"].n = done
        bar["bar"].refresh()
        if done >= total:
            bar["bar"].close()

    return step


def _batch_lines(path: Path):
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            yield item["qid"], item["question"]
        except (json.JSONDecodeError, KeyError, TypeError) as e:
            raise ValueError(f"{path}:{n}: expected a JSON object with 'qid' and 'question' ({e})") from e


def cmd_search(args, settings) -> int:
    from assistant.cli import make_filters
    from assistant.retrieve import search

    filters = make_filters(args)
    with _engine(settings) as eng:
        if args.batch:
            for qid, q in _batch_lines(args.batch):
                hits = search(eng, q, args.mode, args.top_k, filters)
                _print_json({"qid": qid, "hits": [h.to_json() for h in hits]})
            return 0
        if not args.question:
            raise ValueError("give a QUESTION or --batch FILE.jsonl")
        hits = search(eng, args.question, args.mode, args.top_k, filters)
    if args.json:
        _print_json({"hits": [h.to_json() for h in hits]})
    else:
        print(render_hits(hits))
    return 0


def render_hits(hits) -> str:
    if not hits:
        return "Geen passages gevonden."
    out = []
    for i, h in enumerate(hits, 1):
        c = h.chunk
        meta = ", ".join(x for x in [c.doc_type, c.date, c.dossier and f"dossier {c.dossier}",
                                     c.page and f"p. {c.page}", c.actors and "actor " + "/".join(c.actors)] if x)
        text = c.text if len(c.text) < 400 else c.text[:400] + "…"
        out.append(f"[{i}] {c.title}  ({meta})  score {h.score:.3f}\n    {text}\n    {c.source_path}  #{c.chunk_id}")
    return "\n\n".join(out)


def cmd_ask(args, settings) -> int:
    from assistant.ask import ask as answer_question
    from assistant.cli import make_filters

    filters = make_filters(args)
    with _engine(settings) as eng:
        if args.batch:
            for qid, q in _batch_lines(args.batch):
                _print_json({"qid": qid, **answer_question(eng, q, filters, mode=args.mode).to_json()})
            return 0
        if not args.question:
            raise ValueError("give a QUESTION or --batch FILE.jsonl")
        ans = answer_question(eng, args.question, filters, mode=args.mode, top_k=args.top_k)
    if args.json:
        _print_json(ans.to_json())
    else:
        from assistant.render import render_answer_text

        print(render_answer_text(ans))
    return 0


def cmd_related(args, settings) -> int:
    from assistant.cli import make_filters
    from assistant.retrieve import related

    with _engine(settings) as eng:
        hits = related(eng, args.chunk_id, args.text, args.other_dossiers, args.top_k, make_filters(args))
    if args.json:
        _print_json({"hits": [h.to_json() for h in hits]})
    else:
        print(render_hits(hits))
    return 0


def cmd_eval(args, settings) -> int:
    from assistant.evaluate import run_eval_command

    return run_eval_command(args, settings)


def cmd_serve(args, settings) -> int:
    from app import serve

    return serve(settings, index_sample=args.index_sample)
