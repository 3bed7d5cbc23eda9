"""Pseudo-relevance feedback for BM25 (assistant/feedback.py)."""
from __future__ import annotations

from assistant.feedback import Expansion, expanded_sparse, expansion_terms
from assistant.retrieve import fused_candidates
from assistant.query import build_query
from assistant.subject import DocFreq
from assistant.types import Hit
from index.bm25 import SparseVec, term_index
from index.store import Filters
from index.text import tokenize
from index.types import Chunk


def hit(i, text):
    return Hit(Chunk(f"c{i}", f"d{i}", text, 0, None, "", [], "", "2024-01-01", "verslag", "1-1", f"/x/{i}.xml"), 1.0)


DF = DocFreq.from_texts(["de minister zegt iets over de begroting"] * 80 + ["ransomware bij gemeenten"] * 3
                        + ["ransomware en back-ups"] * 2 + ["gemeenten en de begroting"] * 15)


def test_terms_carried_by_several_top_passages_win_and_genre_words_never_count():
    hits = [hit(1, "De minister zegt: ransomware treft gemeenten."), hit(2, "Ransomware bij gemeenten, zegt de minister."),
            hit(3, "Back-ups tegen ransomware.")]
    got = expansion_terms(hits, DF, docs=3, terms=5)
    stems = [e.stem for e in got]
    assert stems[0] == tokenize("ransomware")[0] and got[0].weight == 1.0
    assert tokenize("gemeenten")[0] in stems
    assert not set(stems) & set(tokenize("minister zegt"))  # genre words (GENRE_STEMS)
    assert tokenize("back-ups")[0] not in stems  # carried by one passage only (min_docs 2)
    assert all(0 < e.weight <= 1.0 for e in got)


def test_the_question_s_own_words_and_lower_ranks_are_left_out():
    hits = [hit(1, "ransomware gemeenten"), hit(2, "ransomware gemeenten"), hit(3, "begroting begroting")]
    assert [e.stem for e in expansion_terms(hits, DF, 3, 5, exclude=set(tokenize("ransomware")))] == tokenize("gemeenten")
    assert expansion_terms(hits[2:], DF, 3, 5) == []  # one passage cannot reach min_docs
    assert expansion_terms(hits, DF, docs=1, terms=5, min_docs=1)[0].stem in tokenize("ransomware gemeenten")


def test_expanded_query_keeps_question_weights_and_adds_feedback_at_its_weight():
    q = SparseVec([term_index("ransomwar")], [1.0])
    got = expanded_sparse(q, [Expansion("ransomwar", 1.0), Expansion("gemeent", 0.5)], weight=0.6)
    w = dict(zip(got.indices, got.values))
    assert w == {term_index("ransomwar"): 1.0, term_index("gemeent"): 0.3}
    assert got.indices == sorted(got.indices)
    assert expanded_sparse(q, [Expansion("gemeent", 1.0)], weight=0) is q
    assert expanded_sparse(q, [], weight=0.6) is q


def test_feedback_runs_a_second_pass_only_where_it_is_on(seed_engine):
    question = "What did the Netherlands say about the Blueprint?"
    off = seed_engine.derive(feedback="off")
    q = build_query(off, question, "hybrid")
    assert q.language == "en"
    q_off, hits_off = fused_candidates(off, q, "hybrid", Filters(), 20)
    assert q_off is q and hits_off
    on = seed_engine.derive(feedback="en", feedback_docs=5, feedback_terms=10, feedback_weight=0.5)
    q_on, hits_on = fused_candidates(on, q, "hybrid", Filters(), 20)
    assert len(q_on.sparse.indices) > len(q.sparse.indices)  # the feedback terms joined the BM25 query
    assert hits_on
    q_nl = build_query(on, "Wat zei Nederland over de Blueprint?", "hybrid")
    assert fused_candidates(on, q_nl, "hybrid", Filters(), 20)[0] is q_nl  # "en": Dutch questions untouched
