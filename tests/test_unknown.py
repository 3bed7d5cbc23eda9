"""Names the corpus never mentions (assistant/unknown.py) and the answerer's use of them."""
from __future__ import annotations

from assistant.answer import REFUSAL, compose
from assistant.subject import DocFreq
from assistant.unknown import question_names, unknown_names
from tests.test_sentence_evidence import _hit, _unit

DF = DocFreq.from_texts(["De camera's van Dahua in overheidsgebouwen", "Huawei levert niets", "De EU en de werksessie"])


def test_names_are_capitalised_words_after_the_first_and_capitalised_parts_of_compounds():
    assert question_names("Haalt de overheid de Chinese Hikvision-camera's weg?") == ["Chinese", "Hikvision"]
    assert question_names("Welke bewindspersoon was er bij de EU-werksessies? Wat zei Klaver?") == ["Klaver"]  # "EU": too short, "Wat" opens a sentence
    assert question_names("Wat zei de minister. Daarna Yesilgöz") == ["Yesilgöz"]


def test_a_name_counts_as_unknown_only_when_no_passage_holds_it():
    assert unknown_names("Haalt de overheid de Hikvision-camera's weg?", DF) == ["Hikvision"]
    assert unknown_names("Weert het kabinet Huawei-apparatuur?", DF) == []
    assert unknown_names("Waarom weert het kabinet Dahua?", DF) == []


def test_the_answerer_refuses_a_dutch_question_on_an_unknown_name_when_asked_to(make_settings):
    hit = _hit("De camera's van Dahua hangen in overheidsgebouwen en worden vervangen.", [_unit(0)])
    q = "Haalt de overheid de Hikvision-camera's weg uit overheidsgebouwen?"
    on = make_settings(refuse_unknown_names=True)
    ans = compose(q, [hit], [0.9], on, "nl", None, _unit(0), DF)
    assert ans.answer == REFUSAL["nl"] and "'Hikvision'" in ans.notes[0]
    assert compose(q, [hit], [0.9], make_settings(refuse_unknown_names=False), "nl", None, _unit(0), DF).answered
    assert compose("Does the government remove the Hikvision cameras?", [hit], [0.9], on, "en", None, _unit(0), DF).answered
