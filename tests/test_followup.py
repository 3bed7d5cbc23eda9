"""Follow-up questions rewritten into standalone questions (assistant/followup.py)."""
from __future__ import annotations

import pytest

from assistant.followup import rewrite, standalone, topic_of

BC = "Wat heeft Nederland ingebracht over de Blueprint Cyber?"
ZW = "Wat vroeg D66 over de kosten van het Zeewaterstofproject Noordkaap?"
EN = "What did the Netherlands say about the Blueprint Cyber?"
CW = "Wat vindt de VVD van de Cyberbeveiligingswet?"
NIS = "Welke eisen stelt de NIS2-richtlijn aan gemeenten?"

TABLE = [
    # (previous, follow-up, searched)
    (BC, "En wat vond de VVD daarvan?", "Wat vond de VVD van de Blueprint Cyber?"),
    (BC, "Wat vond de PVV daarvan?", "Wat vond de PVV van de Blueprint Cyber?"),
    (BC, "En de PVV?", "Wat heeft de PVV ingebracht over de Blueprint Cyber?"),
    (BC, "En de VVD?", "Wat heeft de VVD ingebracht over de Blueprint Cyber?"),
    (BC, "Hoe zit het met D66?", "Wat heeft D66 ingebracht over de Blueprint Cyber?"),
    (BC, "En de Europese Commissie?", "Wat heeft de Europese Commissie ingebracht over de Blueprint Cyber?"),
    (BC, "En wat zei de Commissie?", "Wat zei de Commissie van de Blueprint Cyber?"),
    (BC, "Wat zei het kabinet hierover?", "Wat zei het kabinet over de Blueprint Cyber?"),
    (BC, "Wat vindt de SP hiervan?", "Wat vindt de SP van de Blueprint Cyber?"),
    (BC, "Is daarover gestemd?", "Is over de Blueprint Cyber gestemd?"),
    (BC, "Wie was ertegen?", "Wie was tegen de Blueprint Cyber?"),
    (BC, "Wat vonden de lidstaten van dat voorstel?", "Wat vonden de lidstaten van de Blueprint Cyber?"),
    (BC, "Steunde de VVD dit voorstel?", "Steunde de VVD de Blueprint Cyber?"),
    (BC, "En de kosten?", "De kosten van de Blueprint Cyber?"),
    (BC, "En de planning?", "De planning van de Blueprint Cyber?"),
    (BC, "Wanneer is daarop gereageerd?", "Wanneer is op de Blueprint Cyber gereageerd?"),
    (BC, "Wat zei GroenLinks-PvdA erover?", "Wat zei GroenLinks-PvdA over de Blueprint Cyber?"),
    (EN, "And the VVD?", "What did the VVD say about the Blueprint Cyber?"),
    (EN, "What did the VVD think of it?", "What did the VVD think of the Blueprint Cyber?"),
    (EN, "What about the PVV?", "What did the PVV say about the Blueprint Cyber?"),
    (EN, "And what did the Commission say about that?", "What did the Commission say about the Blueprint Cyber?"),
    (EN, "Who voted against this proposal?", "Who voted against the Blueprint Cyber?"),
    (EN, "And the costs?", "The costs of the Blueprint Cyber?"),
    (ZW, "En wat vond de VVD daarvan?", "Wat vond de VVD van de kosten van het Zeewaterstofproject Noordkaap?"),
    (ZW, "En de PVV?", "Wat vroeg de PVV over de kosten van het Zeewaterstofproject Noordkaap?"),
    (CW, "En de PVV?", "Wat vindt de PVV van de Cyberbeveiligingswet?"),
    (CW, "Wat zei het kabinet daarover?", "Wat zei het kabinet over de Cyberbeveiligingswet?"),
    (CW, "En D66?", "Wat vindt D66 van de Cyberbeveiligingswet?"),
    (NIS, "En wat vond de VVD daarvan?", "Wat vond de VVD van eisen NIS2-richtlijn gemeenten?"),
    (NIS, "En de PVV?", "Wat vond de PVV van eisen NIS2-richtlijn gemeenten?"),
    # not follow-ups: unchanged
    (BC, "Wat zegt de NCTV over ransomware?", "Wat zegt de NCTV over ransomware?"),
    (BC, "Welke moties zijn ingediend over kunstmatige intelligentie?",
     "Welke moties zijn ingediend over kunstmatige intelligentie?"),
    (BC, "Hoeveel kost het Zeewaterstofproject Noordkaap?", "Hoeveel kost het Zeewaterstofproject Noordkaap?"),
    (EN, "What is the Cyber Resilience Act?", "What is the Cyber Resilience Act?"),
    (BC, "Wat vindt de VVD van de Cyberbeveiligingswet?", "Wat vindt de VVD van de Cyberbeveiligingswet?"),
]


@pytest.mark.parametrize("previous,question,expected", TABLE)
def test_follow_up_table(previous, question, expected):
    assert standalone(question, previous).searched == expected


def test_the_table_is_large_enough_and_mostly_rewrites():
    assert len(TABLE) >= 30
    assert sum(1 for p, q, e in TABLE if q != e) >= 28


def test_without_a_previous_turn_nothing_changes():
    r = rewrite("En wat vond de VVD daarvan?", [])
    assert r.searched == "En wat vond de VVD daarvan?" and not r.rewritten
    assert rewrite("En de PVV?").searched == "En de PVV?"


def test_history_chain_keeps_the_original_topic():
    r = rewrite("En de PVV?", [BC, "En wat vond de VVD daarvan?"])
    assert r.searched == "Wat vond de PVV van de Blueprint Cyber?" and r.rewritten and r.asked == "En de PVV?"


def test_topic_of():
    assert topic_of(BC) == "de Blueprint Cyber"
    assert topic_of(CW) == "de Cyberbeveiligingswet"
    assert topic_of("Hoeveel kost het Zeewaterstofproject Noordkaap?") == "kost Zeewaterstofproject Noordkaap"
