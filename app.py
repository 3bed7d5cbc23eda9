"""Dossierwijzer chat UI (Gradio). `python app.py` or `dossierwijzer serve`.

A thin layer: the formatting helpers live in assistant/render.py and are tested without
a server, the layout and handlers in assistant/ui.py, file serving/uploads in
assistant/ui_files.py; this file starts the server.

The running app owns the store (Qdrant Edge locks its directory): while it runs, add
documents through its Documents tab, not with `dossierwijzer ingest`.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

SAMPLE_CORPUS = Path(__file__).resolve().parent / "sample_corpus"


def build_ui(engine):
    from assistant.ui import build_blocks

    return build_blocks(engine)


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
    demo.close()). The /source route is added to gradio's own FastAPI app."""
    from assistant.render import CSS
    from assistant.ui_files import mount_source_route, store_dir

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
    return demo


def _open_engine(settings, index_sample: bool):
    """`make run` after an upgrade that changed the chunker: a store that holds only the
    sample corpus is rebuilt on the spot (seconds); any other store says how to rebuild."""
    from assistant.engine import Engine
    from index.manifest import Manifest, ManifestMismatch

    try:
        return Engine(settings)
    except ManifestMismatch:
        old = Manifest.load(Path(settings.store))
        sample = str(SAMPLE_CORPUS.resolve())
        if not (index_sample and old and all(p.startswith(sample) for p in old.files)):
            raise
        return Engine(settings, reindex=True)


def serve(settings, index_sample: bool = False) -> int:
    # gradio's upload/cache dir inside the store: the served app writes nowhere else.
    os.environ.setdefault("GRADIO_TEMP_DIR", str(Path(settings.store).resolve() / "ui-cache"))
    engine = _open_engine(settings, index_sample)
    try:
        if engine.reindex is not None:
            print(f"rebuilding the store for this chunker version ({len(engine.reindex.paths)} files) ...",
                  file=sys.stderr)
            print(engine.ingest_with_reindex([]).summary(), file=sys.stderr)
        if index_sample and engine.is_empty():
            print(f"indexing the sample corpus ({SAMPLE_CORPUS}) ...", file=sys.stderr)
            report = engine.ingest([SAMPLE_CORPUS])
            print(report.summary(), file=sys.stderr)
        demo = start(engine, quiet=False)
        print(f"Dossierwijzer on http://{settings.ui.host}:{settings.ui.port}", file=sys.stderr)
        demo.block_thread()
    finally:
        engine.close()
    return 0


if __name__ == "__main__":
    from assistant.cli import main

    sys.exit(main(["serve", *sys.argv[1:]]))
