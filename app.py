"""Dossierwijzer chat UI (Gradio). `python app.py` or `dossierwijzer serve`.

A thin layer: the formatting helpers live in assistant/render.py and are tested without
a server; this file wires them to Gradio components.
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


def serve(settings, index_sample: bool = False) -> int:
    from assistant.engine import Engine

    engine = Engine(settings)
    if index_sample and engine.is_empty():
        print(f"indexing the sample corpus ({SAMPLE_CORPUS}) ...", file=sys.stderr)
        report = engine.ingest([SAMPLE_CORPUS])
        print(report.summary(), file=sys.stderr)
    demo = build_ui(engine)
    auth = None
    if settings.auth:
        user, _, password = settings.auth.partition(":")
        auth = (user, password)
    print(f"Dossierwijzer on http://{settings.host}:{settings.port}", file=sys.stderr)
    demo.queue(default_concurrency_limit=4).launch(
        server_name=settings.host, server_port=settings.port, auth=auth, show_error=True,
        max_file_size=f"{int(settings.max_upload_mb)}mb", allowed_paths=[], share=False,
    )
    return 0


if __name__ == "__main__":
    from assistant.cli import main

    sys.exit(main(["serve", *sys.argv[1:]]))
