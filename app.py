"""Dossierwijzer chat UI (Gradio). `python app.py` or `dossierwijzer serve`.

A thin layer: the formatting helpers live in assistant/render.py and are tested without
a server, the layout, handlers, labels and CSS/JS in the assistant/ui/ package (file
serving, uploads and the /passage document view in assistant/ui/files.py and
assistant/ui/docview.py); this file starts the server.

The running app owns the store (Qdrant Edge locks its directory): while it runs, add
documents through its Documents tab, not with `dossierwijzer ingest`.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

from assistant.cli import main as cli_main
from assistant.commands import COMMANDS
from assistant.engine import Engine
from assistant.resources import sample_corpus_dir
from eval.cli import cmd_eval, evaluate_gold, list_gold
from index.manifest import Manifest, ManifestMismatch


def evaluator():
    from assistant.ui.files import Evaluator  # lazy: imports gradio's FastAPI

    return Evaluator(names=list_gold, run_report=evaluate_gold)


def build_ui(engine):
    from assistant.ui import build_blocks  # lazy: gradio is heavy, the CLI does not need it

    return build_blocks(engine, evaluator())


def _auth(settings):
    if not settings.ui.auth:
        return None
    user, _, password = settings.ui.auth.partition(":")
    return (user, password)


def _theme():
    """Sober look; system fonts, because the default theme fetches Google Fonts (offline use)."""
    import gradio as gr

    sans = ["system-ui", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"]
    return gr.themes.Default(primary_hue="blue", neutral_hue="slate", font=sans,
                             font_mono=["ui-monospace", "Menlo", "Consolas", "monospace"])


def start(engine, host: str | None = None, port: int | None = None, quiet: bool = True):
    """Build and launch the app without blocking; returns the Blocks (demo.local_url,
    demo.close()). The /source and /passage routes and the /api HTTP API are added to gradio's own FastAPI app."""
    from assistant.http_api import mount_api  # lazy: gradio-side modules load only for `serve`
    from assistant.ui.assets import CSS  # lazy: gradio-side modules load only for `serve`
    from assistant.ui.files import _logged_in, mount_passage_route, mount_source_route, store_dir  # lazy: gradio's FastAPI

    s = engine.settings
    demo = build_ui(engine)
    demo.queue(default_concurrency_limit=4)
    demo.launch(
        server_name=host or s.ui.host, server_port=port or s.ui.port, auth=_auth(s), show_error=True,
        max_file_size=f"{int(s.ui.max_upload_mb)}mb", share=False, prevent_thread_lock=True, quiet=quiet,
        ssr_mode=False, css=CSS, footer_links=[], theme=_theme(),
        # only the UI's own outputs (exports, eval plots) are served as files; no sources.
        allowed_paths=[str(store_dir(engine, "exports")), str(store_dir(engine, "eval-reports"))],
    )
    mount_source_route(demo.app, engine)
    mount_passage_route(demo.app, engine)
    mount_api(demo.app, engine, lambda request: _logged_in(demo.app, request))
    return demo


def _open_engine(settings, index_sample: bool):
    """`make run` after an upgrade that changed the chunker: a store that holds only the
    sample corpus is rebuilt on the spot (seconds); any other store says how to rebuild."""
    try:
        return Engine(settings)
    except ManifestMismatch:
        old = Manifest.load(Path(settings.store))
        sample = str(sample_corpus_dir().resolve())
        if not (index_sample and old and all(p.startswith(sample) for p in old.files)):
            raise
        return Engine(settings, reindex=True)


def _gradio_env(settings) -> None:
    """Set at serve time, not import time: no analytics, no hub, gradio's cache in the store."""
    os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("GRADIO_TEMP_DIR", str(Path(settings.store).resolve() / "ui-cache"))


def serve(settings, index_sample: bool = False) -> int:
    _gradio_env(settings)
    engine = _open_engine(settings, index_sample)
    try:
        if engine.reindex is not None:
            print(f"rebuilding the store for this chunker version ({len(engine.reindex.paths)} files) ...",
                  file=sys.stderr)
            print(engine.ingest_with_reindex([]).summary(), file=sys.stderr)
        if index_sample and engine.is_empty():
            print(f"indexing the sample corpus ({sample_corpus_dir()}) ...", file=sys.stderr)
            report = engine.ingest([sample_corpus_dir()])
            print(report.summary(), file=sys.stderr)
        demo = start(engine, quiet=False)
        print(f"Dossierwijzer on http://{settings.ui.host}:{settings.ui.port}", file=sys.stderr)
        demo.block_thread()
    finally:
        engine.close()
    return 0


def cmd_serve(args, settings) -> int:
    return serve(settings, index_sample=args.index_sample)


# The whole command line: the assistant's commands plus the front ends above it.
ALL_COMMANDS = {**COMMANDS, "eval": cmd_eval, "serve": cmd_serve}


def main(argv: list[str] | None = None) -> int:
    """`dossierwijzer` (console script) and `python -m assistant`."""
    return cli_main(argv, ALL_COMMANDS)


if __name__ == "__main__":
    sys.exit(main(["serve", *sys.argv[1:]]))
