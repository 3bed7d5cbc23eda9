"""`ask` on a question about several actors: detection table and the grouped answer."""
from __future__ import annotations

import re

import pytest

from assistant import service
from assistant.multi_actor import detect
from index.store import Filters

DETECT = [
    ("Wat vinden de fracties van de Blueprint Cyber?", "fracties", "de Blueprint Cyber"),
    ("Wat zeiden de fracties over DNS-diversificatie?", "fracties", "DNS-diversificatie"),
    ("Welke fracties stelden vragen over het NCSC?", "fracties", "het NCSC"),
    ("Wat zijn de standpunten van de fracties over cloud?", "fracties", "cloud"),
    ("Which parties asked about the NCSC?", "fracties", "the NCSC"),
    ("What did the parties say about the Blueprint Cyber?", "fracties", "the Blueprint Cyber"),
    ("Wat zeiden de lidstaten over civiel-militaire samenwerking?", "lidstaten", "civiel-militaire samenwerking"),
    ("Wat brachten de lidstaten in over cyberinvesteringen?", "lidstaten", "cyberinvesteringen"),
    ("What did the member states say about AI factories?", "lidstaten", "AI factories"),
    ("Which member states spoke about talent?", "lidstaten", "talent"),
    ("Wie zei wat over de Blueprint Cyber?", "iedereen", "de Blueprint Cyber"),
    ("Who said what about cyber hubs?", "iedereen", "cyber hubs"),
]
NOT_MULTI = [
    "Wat vindt de VVD-fractie van de Blueprint Cyber?",
    "Wat heeft Nederland ingebracht over de Blueprint Cyber?",
    "Welke vragen stelde de BBB-fractie over DNS?",
    "What did the VVD ask about ENISA?",
    "Hoeveel marktaandeel hebben EU-aanbieders?",
    "Wat vinden de fracties?",
]


@pytest.mark.parametrize("question,group,topic", DETECT)
def test_detects_multi_actor_questions(question, group, topic):
    got = detect(question)
    assert got is not None and (got.group, got.topic) == (group, topic)


@pytest.mark.parametrize("question", NOT_MULTI)
def test_single_actor_and_plain_questions_are_not_multi_actor(question):
    assert detect(question) is None


def test_ask_fracties_answers_per_fractie_without_filler(seed_engine):
    ans = service.ask(seed_engine, "Wat vinden de fracties van de Blueprint Cyber?")
    assert ans.answered and "kennisgenomen" not in ans.answer
    lines = ans.answer.splitlines()
    assert lines[0] == "Wat de fracties erover zeiden, per fractie:"
    named = [line.split(":")[0][2:] for line in lines[1:]]
    assert len(set(named) & {"PVV", "GL-PvdA", "VVD", "NSC", "BBB"}) >= 4
    assert "Nederland" not in named  # a country is no fractie
    norm = lambda t: " ".join(t.split())  # noqa: E731
    for line in lines[1:]:
        for quotes, n in re.findall(r"((?:“[^”]+”\s*)+)\[(\d+)\]", line):
            cited = ans.citations[int(n) - 1]
            for q in re.findall(r"“([^”]+)”", quotes):
                assert norm(q) in norm(cited.chunk.text) and q in cited.quote  # verbatim, from the cited passage
            assert cited.actors == [line.split(":")[0][2:]]
            assert cited.chunk.speaker == cited.actors[0]  # quoted from the fractie's own section
    assert len(ans.citations) >= 4
    assert set(ans.to_json()) >= {"answer", "answered", "language", "citations", "answerer", "fallback", "notes"}


def test_ask_lidstaten_in_english_groups_countries(seed_engine):
    ans = service.ask(seed_engine, "What did the member states say about civil-military cooperation?")
    assert ans.answered and ans.language == "en"
    assert ans.answer.startswith("What the member states said, per country")
    actors = {a for c in ans.citations for a in c.actors}
    assert actors and actors <= {"Nederland", "Lidstaten"}


def test_an_actor_filter_keeps_the_single_actor_answer(seed_engine):
    ans = service.ask(seed_engine, "Wat vinden de fracties van de Blueprint Cyber?", filters=Filters(actor="VVD"))
    assert not ans.answer.startswith("Wat de fracties")
