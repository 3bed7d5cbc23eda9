"""Related passages on the full shared corpus (issue 18): for every source of the related gold
set, no procedural turn and no fragment under 12 content words in the top 5, with or without
--other-dossiers. Needs a store of the whole corpus (about 46 minutes to build, so not in CI):
set DOSSIERWIJZER_FULL_STORE to its folder."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

STORE = os.environ.get("DOSSIERWIJZER_FULL_STORE", "")
pytestmark = pytest.mark.skipif(not (STORE and Path(STORE).is_dir()),
                                reason="set DOSSIERWIJZER_FULL_STORE to a store of the full shared corpus")


def test_no_procedural_turn_or_fragment_in_the_top5_of_any_gold_source():
    from assistant.engine import Engine
    from assistant.related import related
    from assistant.settings import Settings
    from assistant.worth import content_words, worth_showing
    from eval.related import load_related_gold
    from eval.related_run import locate_sources

    items = load_related_gold(Path(__file__).resolve().parents[1] / "eval" / "gold" / "related.jsonl")
    with Engine(Settings(store=Path(STORE))) as eng:
        sources = locate_sources(eng, items)
        assert sum(c is not None for c in sources.values()) == len(items)
        for item in items:
            for other in (False, True):
                top = related(eng, chunk_id=sources[item.id], other_dossiers=other, top_k=5)
                assert top, item.id
                for h in top:
                    assert worth_showing(h.chunk.text, h.chunk.speaker, 12), (item.id, h.chunk.text[:80])
                    assert content_words(h.chunk.text) >= 12, (item.id, h.chunk.text[:80])
                    assert h.chunk.title and h.because, (item.id, h.chunk.chunk_id)  # a title and a reason, never a bare hash
