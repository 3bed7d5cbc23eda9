"""Prompt templates as files, rendered strictly: a missing variable is an error."""
from __future__ import annotations

from pathlib import Path
from string import Template

PROMPT_DIR = Path(__file__).resolve().parent


def render(name: str, **values: str) -> str:
    """Render prompts/<name>.txt; KeyError names any variable the caller did not give."""
    template = Template((PROMPT_DIR / f"{name}.txt").read_text(encoding="utf-8"))
    return template.substitute(**values)
