"""Rebuilding a store after the chunker (version or chunk size) changed.

The vectors of the old chunks cannot be reused: every file is read, chunked and
embedded again into a fresh collection. The plan (the files to read again, and the old
collection to drop afterwards) is written to the store before the old manifest is
replaced, so a rebuild that is killed goes on where it stopped at the next ingest.
"""
from __future__ import annotations

import json
import os
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

PLAN_NAME = "reindex.json"


@dataclass
class ReindexPlan:
    store: Path
    old_collection: str
    paths: list[str] = field(default_factory=list)

    @classmethod
    def load(cls, store: Path) -> "ReindexPlan | None":
        path = Path(store) / PLAN_NAME
        if not path.exists():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(Path(store), data["old_collection"], list(data["paths"]))

    @classmethod
    def start(cls, store: Path, old_manifest) -> "ReindexPlan":
        previous = cls.load(store)  # a rebuild of a rebuild keeps the first list
        plan = cls(Path(store), old_manifest.collection, sorted(old_manifest.files))
        if previous is not None:
            plan.paths = sorted(set(plan.paths) | set(previous.paths))
        plan._save()
        return plan

    def existing(self) -> list[Path]:
        return [Path(p) for p in self.paths if Path(p).exists()]

    def missing(self) -> list[str]:
        return [p for p in self.paths if not Path(p).exists()]

    def finish(self, current_collection: str) -> None:
        """The new collection holds everything: drop the old embedded shard and the plan."""
        if self.old_collection != current_collection:
            old = self.store / "shards" / self.old_collection
            if old.is_dir():
                shutil.rmtree(old, ignore_errors=True)
        (self.store / PLAN_NAME).unlink(missing_ok=True)

    def _save(self) -> None:
        self.store.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.store, prefix=".reindex-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump({"old_collection": self.old_collection, "paths": self.paths}, f, ensure_ascii=False)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, self.store / PLAN_NAME)
