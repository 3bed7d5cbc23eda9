"""Reading the gold sets' JSONL: one record per non-blank line, every line's problem named
with `path:line` (both gold loaders list all problems of a file at once, not the first)."""
from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path


def records(path: str | Path, errors: list[str]) -> Iterator[tuple[str, int, object]]:
    """(where, line number, parsed object) per non-blank line of `path`; a line that is not
    JSON adds "path:N: invalid JSON: ..." to `errors` and is skipped."""
    path = Path(path)
    with path.open(encoding="utf-8") as fh:
        for lineno, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            where = f"{path}:{lineno}"
            try:
                yield where, lineno, json.loads(raw)
            except json.JSONDecodeError as exc:
                errors.append(f"{where}: invalid JSON: {exc.msg} (column {exc.colno})")
