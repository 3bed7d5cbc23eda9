"""What one ingest run did: files by outcome, chunks, the embedding cache's work, time.
Rendered as the CLI's summary lines and as `ingest --json`."""
from __future__ import annotations

from dataclasses import dataclass, field

from index.embed_cache import CacheStats


@dataclass
class IngestReport:
    indexed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)
    pruned: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)  # a rebuild's files that are gone
    seeded_from_old: int = 0  # a rebuild's old vectors put in the embedding cache
    chunks_embedded: int = 0  # chunks newly stored (their vectors from the embedder or the cache)
    chunks_total: int = 0
    degenerate_dropped: int = 0  # repeated-word / number-only chunks left out (index/degenerate.py)
    embedding: CacheStats = field(default_factory=CacheStats)
    sentence_embedding: CacheStats = field(default_factory=CacheStats)  # the quotable sentences' vectors
    seconds: float = 0.0

    def summary(self) -> str:
        lines = [
            f"indexed {len(self.indexed)}, unchanged {len(self.unchanged)}, duplicates {len(self.duplicates)}, "
            f"skipped {len(self.skipped)}, pruned {len(self.pruned)} file(s); "
            f"{self.chunks_embedded} chunk(s) embedded, {self.chunks_total} in these files; "
            f"embedding cache hit rate {100 * self.embedding.hit_rate:.1f} % "
            f"({self.embedding.embedded} of {self.embedding.texts} text(s) sent to the embedder); {self.seconds:.1f} s"
        ]
        if self.sentence_embedding.texts:
            s = self.sentence_embedding
            lines.append(f"sentence vectors: {s.texts} sentence(s), {s.embedded} sent to the embedder "
                         f"(cache hit rate {100 * s.hit_rate:.1f} %)")
        if self.degenerate_dropped:
            lines.append(f"{self.degenerate_dropped} degenerate chunk(s) (one word repeated, numbers without words) left out")
        if self.seeded_from_old:
            lines.append(f"rebuild: {self.seeded_from_old} vector(s) of the old collection reused through the embedding cache")
        if self.missing:
            lines.append(f"{len(self.missing)} file(s) of the rebuilt store no longer exist and were left out")
        return "\n".join(lines)

    def to_json(self) -> dict:
        return {
            "indexed": self.indexed, "unchanged": self.unchanged,
            "skipped": [{"file": f, "reason": r} for f, r in self.skipped],
            "duplicates": [{"file": f, "duplicate_of": r} for f, r in self.duplicates],
            "pruned": self.pruned, "missing": self.missing, "chunks_embedded": self.chunks_embedded,
            "chunks_total": self.chunks_total, "degenerate_dropped": self.degenerate_dropped,
            "seeded_from_old": self.seeded_from_old,
            "embedding_cache": self.embedding.to_json(), "sentence_embedding": self.sentence_embedding.to_json(),
            "seconds": round(self.seconds, 2),
        }
