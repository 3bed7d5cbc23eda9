"""The UI's CSS and JavaScript, kept as files in assistant/ui/static/ (package data)."""
from __future__ import annotations

from importlib.resources import files


def read(name: str) -> str:
    return (files("assistant.ui") / "static" / name).read_text(encoding="utf-8")


CSS = read("app.css")
CHIP_JS = read("chips.js")  # citation chips -> their source card, and the way back
SOURCES_JS = read("sources.js")  # the highlighted sentence scrolled into view in its card
CONVERSATION_JS = read("conversation.js")  # the newest answer scrolled into view; sources follow the answer in view
FILTER_CHIPS_JS = read("filter_chips.js")  # the × of a filter chip clears that filter
