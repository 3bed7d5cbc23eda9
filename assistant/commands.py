"""The CLI commands of the assistant package: each builds the Engine, calls one service
function, renders. `COMMANDS` is the dispatch table; app.py adds the front-end commands
(`serve`, `eval`) that live above this package."""
from __future__ import annotations

import json
import sys
from pathlib import Path

from assistant import service
from assistant.engine import Engine
from assistant.render import render_answer_text
from assistant.settings import GROUPS, Settings
from index.errors import UserError
from index.reindex import ReindexPlan
from index.store import Filters
from assistant.positions_render import render_compare, render_text
from index.actors import normalize_actor


def print_json(obj) -> None:
    print(json.dumps(obj, ensure_ascii=False))


def make_filters(args) -> Filters:
    return Filters.from_inputs(dossier=getattr(args, "dossier", None), doc_type=getattr(args, "doc_type", None),
                               actor=getattr(args, "actor", None), date_from=getattr(args, "date_from", None),
                               date_to=getattr(args, "date_to", None), doc_id=getattr(args, "doc_id", None))


def cmd_show_settings(args, settings) -> int:
    d = settings.public_dict()
    if args.json:
        print_json(d)
        return 0
    print(f"{'store':34} = {str(d['store'])!r:40}  # {Settings.model_fields['store'].description}")
    for g, model in GROUPS.items():
        for k, field in model.model_fields.items():
            print(f"{g + '.' + k:34} = {d[g][k]!r:40}  # {field.description}")
    return 0


def cmd_ingest(args, settings) -> int:
    if not args.paths and not args.reindex and ReindexPlan.load(settings.store) is None:
        raise UserError("nothing to ingest: give one or more PATHs (files or folders), "
                        "or --reindex to rebuild the store from the files it has")
    with Engine(settings, reindex=args.reindex) as eng:
        if not args.paths and eng.reindex is None:
            print(f"the store {settings.store} already matches these index settings: nothing to rebuild")
            return 0
        report = service.ingest(eng, args.paths, prune=args.prune, progress=False if args.no_progress else None)
    if args.json:
        print_json(report.to_json())
    else:
        print(report.summary())
        for f, reason in report.skipped:
            print(f"  skipped: {f}: {reason}")
    return 0


def cmd_sync(args, settings) -> int:
    progress = not args.json and not args.no_progress and sys.stderr.isatty()
    report = service.sync(settings, args.dossier, open_engine=lambda: Engine(settings), since=args.since,
                          progress=progress, step=_sync_bar() if progress else None)
    if args.json:
        print_json(report.to_json())
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


def batch_lines(path: Path):
    """(qid, question, history) per line of a --batch file; `history` (optional) lists the
    conversation's previous questions, oldest first. A bad line names its file:line."""
    if not Path(path).is_file():
        raise UserError(f"{path}: no such batch file (expected JSONL lines {{\"qid\", \"question\"}})")
    for n, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            qid, question, history = item["qid"], item["question"], item.get("history") or []
        except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as e:
            raise UserError(f"{path}:{n}: expected a JSON object with 'qid' and 'question' ({e})") from e
        if not isinstance(history, list) or not all(isinstance(h, str) for h in history):
            raise UserError(f"{path}:{n}: 'history' must be a list of previous questions (strings), oldest first")
        yield qid, question, history


def _questions(args):
    if args.batch:
        return list(batch_lines(args.batch))
    if not args.question:
        raise UserError("give a QUESTION or --batch FILE.jsonl")
    return [(None, args.question, list(getattr(args, "after", None) or []))]


def _check_not_empty(eng, settings) -> None:
    if eng.is_empty():
        raise UserError(f"the store {settings.store} is empty: index documents first with "
                        f"`dossierwijzer ingest PATH --store {settings.store}` (or give the right --store)")


def cmd_search(args, settings) -> int:
    filters, questions = make_filters(args), _questions(args)
    with Engine(settings) as eng:
        _check_not_empty(eng, settings)
        for qid, q, _history in questions:
            hits = service.search(eng, q, mode=args.mode, top_k=args.top_k, filters=filters)
            if args.batch:
                print_json({"qid": qid, "hits": [h.to_json() for h in hits]})
            elif args.json:
                print_json({"hits": [h.to_json() for h in hits]})
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
    filters, questions = make_filters(args), _questions(args)
    with Engine(settings) as eng:
        _check_not_empty(eng, settings)
        for qid, q, history in questions:
            ans = service.ask(eng, q, mode=args.mode, top_k=args.top_k, filters=filters, history=history)
            if not args.batch and not args.json and ans.searched != q.strip():
                print(f"Gezocht: {ans.searched}")
            if args.batch:
                print_json({"qid": qid, **ans.to_json()})
            elif args.json:
                print_json(ans.to_json())
            else:
                print(render_answer_text(ans))
    return 0


def cmd_related(args, settings) -> int:
    with Engine(settings) as eng:
        hits = service.related(eng, args.chunk_id, text=args.text, other_dossiers=args.other_dossiers,
                               top_k=args.top_k, filters=make_filters(args))
    if args.json:
        print_json({"hits": [h.to_json() for h in hits]})
    else:
        print(render_hits(hits))
    return 0


def cmd_mcp(args, settings) -> int:
    from assistant.mcp_server import cmd_mcp as run  # lazy: the mcp SDK is only needed here

    return run(args, settings)


def cmd_positions(args, settings) -> int:
    filters = make_filters(args)
    with Engine(settings) as eng:
        result = service.positions(eng, args.topic, actors=args.actors, mode=args.mode, filters=filters)
    if args.json:
        print_json(result.to_json())
    elif args.actors and len(args.actors) == 2 and len(result.positions) == 2:
        print(render_compare(result, [normalize_actor(a) or a for a in args.actors]))
    else:
        print(render_text(result))
    return 0


COMMANDS = {
    "show-settings": cmd_show_settings,
    "ingest": cmd_ingest,
    "search": cmd_search,
    "ask": cmd_ask,
    "related": cmd_related,
    "mcp": cmd_mcp,
    "sync": cmd_sync,
    "positions": cmd_positions,
}
