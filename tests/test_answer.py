"""The extractive answerer on the seed documents: verbatim quotes, citations made by
code, the asked actor's words only, question-language framing, refusals."""
from __future__ import annotations

import pytest

from assistant.answer import REFUSAL, answer_question
from index.actors import sentence_actors


def _quotes_verbatim(ans):
    for c in ans.citations:
        for part in c.quote.split(" … "):
            assert part.strip("“” ") in c.chunk.text


def test_nederland_blueprint_answer_quotes_only_nederland(seed_engine):
    ans = answer_question(seed_engine, "Wat heeft Nederland ingebracht over de Blueprint Cyber?")
    assert ans.answered and ans.language == "nl" and ans.citations
    assert "Veel lidstaten, waaronder Nederland, verwelkomden de herziening van de Blueprint Cyber" in ans.answer
    _quotes_verbatim(ans)
    for c in ans.citations:
        assert "Nederland" in c.actors
        assert f"[{c.n}]" in ans.answer
    assert "De Commissie deed een oproep" not in ans.answer  # the Commission's words in the same passage


def test_english_question_gets_english_framing_and_dutch_quotes(seed_engine):
    ans = answer_question(seed_engine, "What did the Netherlands argue about post-quantum cryptography?")
    assert ans.language == "en" and ans.answered
    assert ans.answer.startswith("According to the sources, the Netherlands")
    assert "Nederland legde nadruk op AI-gedreven systemen en post-quantum cryptografie" in ans.answer
    _quotes_verbatim(ans)


def test_fractie_question_quotes_that_fractie(seed_engine):
    ans = answer_question(seed_engine, "Welke vragen stelde de BBB-fractie over DNS?")
    assert ans.answered
    assert "DNS-diversificatie niet thuishoort binnen het Blueprint-kader" in ans.answer
    assert all(c.actors == ["BBB"] for c in ans.citations)  # the quoted sentences are BBB's, no one else's
    assert all("BBB" in c.chunk.actors for c in ans.citations)
    assert "NSC" not in ans.answer and "GroenLinks" not in ans.answer


@pytest.mark.parametrize("question", [
    "Wat is de hoofdstad van Frankrijk?",
    "Hoeveel budget trekt Nederland uit voor de Blueprint Cyber?",
    "When will the Blueprint Cyber be adopted by the Council?",
])
def test_unanswerable_questions_are_refused_without_citations(seed_engine, question):
    ans = answer_question(seed_engine, question)
    assert not ans.answered and not ans.citations
    assert ans.answer == REFUSAL[ans.language]


def test_json_contract(seed_engine):
    d = answer_question(seed_engine, "What did the VVD ask about ENISA?").to_json()
    assert {"answer", "answered", "language", "citations"} <= set(d)
    c = d["citations"][0]
    assert {"n", "chunk_id", "doc_id", "title", "quote", "text", "page", "source_path"} <= set(c)
    assert "ENISA" in c["quote"]
    assert all(stretch in c["text"] for stretch in c["quote"].split(" … "))  # verbatim, stretch by stretch
    assert "VVD" in sentence_actors(c["quote"], "VVD")


def test_actor_answer_continues_with_the_actors_next_sentence(seed_engine):
    ans = answer_question(seed_engine, "Wat heeft Nederland ingebracht over de Blueprint Cyber?")
    assert "Nederland specificeerde hierin, samen met een grote groep lidstaten" in ans.answer


def test_motie_clauses_are_quoted_one_by_one_without_formulas(tmp_path, make_settings):
    from assistant.engine import Engine

    motie = tmp_path / "kst-99999-1.xml"
    motie.write_text(
        "<officiele-publicatie><kamerstuk><dossier><dossiernummer><dossiernr>99 999</dossiernr></dossiernummer>"
        "<titel>Digitale zaken</titel></dossier><stuk><stuknr>Nr. <ondernummer>1</ondernummer></stuknr>"
        "<titel>MOTIE VAN HET LID JANSEN</titel><datumtekst>Voorgesteld <datum isodatum=\"2025-03-13\">13 maart 2025</datum>"
        "</datumtekst><algemeen><vrije-tekst><tekst><al>De Kamer,</al><al>gehoord de beraadslaging,</al>"
        "<al>constaterende dat de Europese Commissie de cloudmarkt onderzoekt;</al>"
        "<al>verzoekt de regering een soevereine rijkscloud voor vertrouwelijke communicatie aan te besteden,</al>"
        "<al>en gaat over tot de orde van de dag.</al><al>Jansen</al></tekst></vrije-tekst></algemeen></stuk>"
        "</kamerstuk></officiele-publicatie>", encoding="utf-8")
    with Engine(make_settings(refusal_threshold=0.0)) as eng:  # the hash embedder's similarities are low
        eng.ingest([motie], progress=False)
        ans = answer_question(eng, "Wat verzoekt de motie van het lid Jansen over de rijkscloud?")
        assert ans.answered and "verzoekt de regering een soevereine rijkscloud" in ans.answer
        assert "orde van de dag" not in ans.answer and "MOTIE VAN" not in ans.answer
        assert "Jansen" in ans.citations[0].actors
        # the Commission is only mentioned in the motie, it does not speak there
        assert not answer_question(eng, "Wat zei de Europese Commissie over de cloudmarkt?").answered


def _hits(*texts, actor="Nederland"):
    from index.types import Chunk
    from assistant.types import Hit

    return [Hit(Chunk(f"c{i}", f"d{i}", t, 0, None, "", [actor], f"Stuk {i}", None, "verslag", None, f"/x/{i}.txt",
                      speaker=actor), 1.0) for i, t in enumerate(texts)]


def test_actor_sentences_on_another_topic_are_no_answer(make_settings):
    """Found by the dev set: "Nederland is generiek aangewezen als een nitraatkwetsbare
    zone" was quoted for a question on SIDN and Amazon only because it names Nederland."""
    from assistant.answer import compose

    hits = _hits("Nederland is generiek aangewezen als een nitraatkwetsbare zone voor de landbouw.")
    q = "Heeft Nederland het deel van de DNS-keten dat bij Amazon draait teruggehaald?"
    assert not compose(q, hits, [0.9], make_settings(), "nl", "Nederland").answered
    on_topic = _hits("Nederland heeft het deel van de DNS-keten dat bij Amazon draait nog niet teruggehaald.")
    assert compose(q, on_topic, [0.9], make_settings(), "nl", "Nederland").answered
    # English questions share no words with Dutch text: the ranking is trusted there
    en = "Did the Netherlands bring back the DNS chain hosted at Amazon?"
    assert compose(en, hits, [0.9], make_settings(), "en", "Nederland").answered


@pytest.mark.parametrize("sentence, answered", [
    ("Met ingang van 1 augustus 2020 is de zeekabel naar Caribisch Nederland in gebruik.", False),
    ("De aanleg van de zeekabel naar Caribisch Nederland kost 40 miljoen euro.", True),
    ("De aanleg van de zeekabel naar Caribisch Nederland kost tientallen miljoenen.", True),
])
def test_a_cost_question_needs_an_amount_not_a_date(make_settings, sentence, answered):
    from assistant.answer import compose

    q = "Wat kost de aanleg van de zeekabel naar Caribisch Nederland?"
    assert compose(q, _hits(sentence), [0.9], make_settings(), "nl", None).answered is answered


@pytest.mark.parametrize("sentence, amount, time", [
    ("1. Welke relevante incidenten hebben in Nederland plaatsgevonden?", False, False),  # an enumerator
    ("Licht geclassificeerd vuurwerk (klasse 1.4) is bij brand gevaarlijker.", False, False),  # a class
    ("Zie artikel 12 en Vraag 3 van de motie 36410-X-46.", False, False),  # references
    ("Dat staat in het Cybersecuritybeeld.3 Verder is er niets bekend.", False, False),  # a footnote mark
    ("Er zijn drie opslagplaatsen gesloten en 40 procent is verplaatst.", True, False),
    ("Het centrum gaat voor de zomer van 2025 open.", False, True),
    ("Het centrum gaat volgend jaar open.", False, True),
])
def test_a_number_that_names_something_answers_no_amount_and_no_time(sentence, amount, time):
    """KIND_CHECKS: "Hoeveel ...?" needs a quantity, not a number naming a clause, a class, a
    question or a document; "Wanneer ...?" needs a time (a date, a year, "volgend jaar")."""
    from assistant.answer import _answers_kind

    assert _answers_kind("Hoeveel opslagplaatsen zijn gesloten?", [sentence]) is amount
    assert _answers_kind("Wanneer gaat het centrum open?", [sentence]) is time


def test_a_restated_question_yields_to_the_answer_only_when_weighted(make_settings):
    """The class "the sources' question restates the user's": in Kamervragen the question
    ("Zijn de voorwaarden ... vastgelegd?") is closer to the user's question than the answer
    is. With w_interrogative < 0 the statement is quoted first; a question asking what was
    asked, or naming an actor, keeps the sources' questions."""
    from assistant.answer import compose, question_weight

    hits = _hits("Zijn de voorwaarden waaraan een provincie moet voldoen om regenboogprovincie te heten vastgelegd?",
                 "Er zijn geen vastgelegde voorwaarden waaraan een provincie moet voldoen om regenboogprovincie te heten.",
                 actor="")
    q = "Moet een provincie aan voorwaarden voldoen om regenboogprovincie te heten?"
    plain = make_settings().with_(max_quotes=1, min_score_ratio=0.99, w_interrogative=0.0)
    first = compose(q, hits, [0.9, 0.9], plain, "nl", None)
    assert first.citations[0].quote.endswith("?")  # ties go to the better-ranked passage
    weighted = compose(q, hits, [0.9, 0.9], plain.with_(w_interrogative=-2.0), "nl", None)
    assert weighted.citations[0].quote.startswith("Er zijn geen")
    cfg = plain.with_(w_interrogative=-1.0).answer
    assert question_weight(q, None, cfg) == -1.0
    assert question_weight("Wat vroeg de SP over regenboogprovincies?", None, cfg) == 0.0
    assert question_weight("Welke vragen zijn er gesteld over regenboogprovincies?", None, cfg) == 0.0
    assert question_weight("What did they want to know about ENISA?", None, cfg) == 0.0
    assert question_weight("Vindt de VVD dat provincies voorwaarden moeten stellen?", "VVD", cfg) == 0.0


def test_refusal_threshold_per_language_and_for_the_asked_actors_own_voice(make_settings):
    """The gate's threshold: one for Dutch questions, one for English ones, and one for a Dutch
    question whose asked actor speaks in the hits (a name in the question lowers the cosine
    of the sentences that answer it); None there falls back to the Dutch one."""
    from assistant.answer import refusal_threshold

    cfg = make_settings().with_(sentence_refusal_threshold=0.85, sentence_refusal_threshold_en=0.8,
                                sentence_refusal_threshold_actor=0.82).answer
    assert refusal_threshold(cfg, "nl") == 0.85 and refusal_threshold(cfg, "en") == 0.8
    assert refusal_threshold(cfg, "nl", own_voice=True) == 0.82 and refusal_threshold(cfg, "en", own_voice=True) == 0.8
    unset = make_settings().with_(sentence_refusal_threshold=0.85, sentence_refusal_threshold_actor=None).answer
    assert refusal_threshold(unset, "nl", own_voice=True) == 0.85


def test_a_moment_relative_to_an_event_answers_when():
    """"Wanneer moet de afspraak langs de rechter?" is answered by "vóór de conceptie": a time
    can be a moment relative to an event (KIND_CHECKS' time answer)."""
    from assistant.answer import _answers_kind

    q = "Wanneer moet de afspraak langs de rechter?"
    assert _answers_kind(q, ["De overeenkomst moet vóór de conceptie ter toetsing aan de rechter worden voorgelegd."])
    assert _answers_kind(q, ["Zodra de wet in werking treedt, gaat de afspraak langs de rechter."])
    assert not _answers_kind(q, ["De afspraak gaat langs de rechter, die haar toetst aan het belang van het kind."])
