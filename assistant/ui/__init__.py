"""The Gradio chat UI, split by concern:

- layout.py: the Blocks and one function per tab (build_blocks);
- handlers.py: what the events do (Handlers, ChatOut);
- files.py: the security edge (/source route, uploads, evaluation runs);
- docview.py: /passage/{chunk_id}, the document text with the cited passage highlighted;
- labels.py: every text shown, nl/en; assets.py + static/: CSS and JavaScript.

Importing this package does not import gradio (render.py uses the labels); `build_blocks`
loads the layout on first use.
"""
from __future__ import annotations


def __getattr__(name: str):
    if name == "build_blocks":
        from assistant.ui.layout import build_blocks  # lazy: gradio is heavy

        return build_blocks
    raise AttributeError(name)
