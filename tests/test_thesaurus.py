"""The domain thesaurus (assistant/thesaurus.py): users' names for what the documents name otherwise."""
from __future__ import annotations

import pytest

from assistant.subject import DocFreq
from assistant.thesaurus import THESAURUS_FILE, load_thesaurus, parse
from assistant.unknown import unknown_names

TABLE = """# comment
boerenpartij\tBBB\tparty
Brussel\tEuropese Commissie; Europese Unie\tplace
NCSC\tNationaal Cyber Security Centrum\tagency\tboth
OM\tOpenbaar Ministerie\tagency\tboth
geheime diensten\tAIVD; MIVD\tagency
"""


def test_terms_match_whole_words_and_abbreviations_keep_their_case():
    t = parse(TABLE)
    assert [e.term for e, _ in t.matches("Wat vindt de Boerenpartij van Brussel?")] == ["boerenpartij", "Brussel"]
    assert t.matches("Wat zegt het OM?") and not t.matches("Wat is er om drie uur gezegd?")  # "om" is no OM
    assert not t.matches("Brusselse spruitjes")  # a whole word only
    assert [e.term for e, _ in t.matches("de geheime\n diensten")] == ["geheime diensten"]
    # `both`: the full name expands to the abbreviation too
    assert [e.term for e, _ in t.matches("het Nationaal Cyber Security Centrum")] == ["Nationaal Cyber Security Centrum"]


def test_expansion_rewrite_and_known_words():
    t = parse(TABLE)
    q = "Welke bevoegdheden krijgen de geheime diensten volgens Brussel?"
    assert t.expansion(q) == ("aivd", "mivd", "europes", "commissie", "unie")
    df = DocFreq(100, {"aivd": 5, "commissie": 40})
    assert t.expansion(q, df) == ("aivd", "commissie")  # stems no passage holds are left out
    assert t.rewrite("Wat vindt de boerenpartij van Brussel?") == "Wat vindt de BBB van Europese Commissie?"
    assert t.known_words(q) == {"geheime", "diensten", "brussel"}


def test_a_name_the_thesaurus_knows_is_not_unknown():
    df = DocFreq(100, {"partij": 50, "dier": 10})
    assert unknown_names("Wat wil de Dierenpartij met de meetgegevens?", df) == []
    assert unknown_names("Wat wil de Hikvisionpartij met de meetgegevens?", df) == ["Hikvisionpartij"]


def test_malformed_lines_name_the_line():
    with pytest.raises(ValueError, match="line 2"):
        parse("# ok\nboerenpartij BBB party\n")


def test_shipped_table_is_well_formed():
    t = load_thesaurus()
    assert len(t.entries) > 200
    kinds = {e.kind for e in t.entries}
    assert kinds <= {"party", "place", "agency", "international", "ministry", "term"}, kinds
    for line in THESAURUS_FILE.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            assert len(line.split("\t")) in (3, 4), line


def test_the_asked_actor_through_the_thesaurus(seed_engine):
    from assistant.query import build_query

    q = "Wat vindt de boerenpartij van DNS-diversificatie?"
    assert build_query(seed_engine.derive(thesaurus=False), q, "sparse").actor is None
    on = build_query(seed_engine.derive(thesaurus=True, thesaurus_weight=0.0), q, "sparse")
    assert on.actor == "BBB" and "bbb" in on.extra_terms
    # an actor the question names itself wins over the rewrite
    assert build_query(seed_engine.derive(thesaurus=True), "Wat vindt de VVD van Brussel?", "sparse").actor == "VVD"


def test_the_dense_query_mixes_in_the_rewritten_question(seed_engine):
    """retrieval.thesaurus_dense: the question's vector moves toward its rewrite's ("de fiscus"
    -> "de Belastingdienst"), unit length; a question with no thesaurus term keeps its own."""
    import numpy as np

    from assistant.query import build_query
    from assistant.thesaurus import load_thesaurus

    q = "Hoeveel mensen werken er bij de fiscus?"
    rewritten = load_thesaurus().rewrite(q)
    assert rewritten != q and "Belastingdienst" in rewritten
    emb = seed_engine.embedder
    own, other = (np.asarray(emb.embed_queries([t])[0]) for t in (q, rewritten))
    off = build_query(seed_engine.derive(thesaurus_dense=0.0), q, "dense").dense
    half = build_query(seed_engine.derive(thesaurus_dense=0.5), q, "dense").dense
    full = build_query(seed_engine.derive(thesaurus_dense=1.0), q, "dense").dense
    assert np.allclose(off, own) and np.allclose(full, other / np.linalg.norm(other), atol=1e-5)
    mix = own + other
    assert np.allclose(half, mix / np.linalg.norm(mix), atol=1e-5) and abs(np.linalg.norm(half) - 1) < 1e-5
    plain = "Hoeveel mensen werken er bij de provincie?"
    assert np.allclose(build_query(seed_engine.derive(thesaurus_dense=0.5), plain, "dense").dense,
                       emb.embed_queries([plain])[0])
