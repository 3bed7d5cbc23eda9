"""Bewindspersonen by name (issue 12, actor questions): "Waarom ... volgens minister Koolmees?"
asks for the words of the minister who answered the Kamervragen or spoke in the debate, not
any kabinet's. The answering minister comes from the document ("Antwoord van Minister
Koolmees (SZW)"), the store knows its bewindspersonen by surname, and a question naming one
quotes their answers; with none of their own words among the hits, the kabinet's answer."""
from __future__ import annotations

from assistant.answer import compose
from assistant.query import query_actor
from assistant.types import Hit
from index.actors import actor_in, is_official, roster_from_speakers
from index.metadata import answerer_from_text
from index.types import Chunk, Document

KOOLMEES = "Koolmees (minister van Sociale Zaken en Werkgelegenheid)"
SPEAKERS = ["Hermans (VVD)", "Klaver (GroenLinks-PvdA)", "Brekelmans (minister van Defensie)", KOOLMEES,
            "Van Rij (staatssecretaris van Financiën – Fiscaliteit en Belastingdienst)", "De voorzitter"]


def test_the_answering_bewindspersoon_is_read_from_the_answer_line():
    assert answerer_from_text("Antwoord van Minister Koolmees (Sociale Zaken en Werkgelegenheid) "
                              "(ontvangen 21 juni 2021).") == KOOLMEES
    assert answerer_from_text("Antwoord van Staatssecretaris Van Rij (Financiën – Fiscaliteit en\nBelastingdienst), "
                              "mede namens de Minister") == "Van Rij (staatssecretaris van Financiën – Fiscaliteit en Belastingdienst)"
    assert answerer_from_text("Mededeling van Minister De Jonge (Binnenlandse Zaken en Koninkrijksrelaties) "
                              "(ontvangen 7 juni 2024).") == "De Jonge (minister van Binnenlandse Zaken en Koninkrijksrelaties)"
    assert answerer_from_text("Vragen van het lid Kat (D66) aan de Minister van Sociale Zaken (ingezonden ...)") == ""


def test_the_answerer_is_findable_by_name_and_keeps_the_chunk_id(tmp_path):
    """The answerer joins a chunk's actors (the `--actor` filter, the reranker's actor
    feature) after its id is made: a store built before keeps its ids."""
    from index.chunker import chunk_document
    from index.types import Block

    def doc(answerer: str) -> Document:
        return Document("d1", str(tmp_path / "a.pdf"), "Antwoord op vragen van de leden Kat (D66) over de Tozo",
                        [Block("Vraag 1 Klopt het dat de rente van de Tozo lager is dan die van het Bbz?"),
                         Block("Antwoord 1 Ja. Een lagere rente zou leiden tot bezwaren inzake staatssteun.")],
                        doc_type="antwoord", members=["Kat (D66)"], answerer=answerer)

    with_answerer, without = chunk_document(doc(KOOLMEES)), chunk_document(doc(""))
    assert [c.chunk_id for c in with_answerer] == [c.chunk_id for c in without]
    assert KOOLMEES in with_answerer[0].actors and with_answerer[0].answerer == KOOLMEES
    assert KOOLMEES not in without[0].actors


def test_a_passage_of_questions_only_is_the_askers():
    """A Kamervragen passage holding only "Vraag N" is the askers': its actor (search hits,
    `--actor`) names them and their fractie, not the minister who answered elsewhere; an
    answer running on (no mark) stays the minister's."""
    from index.chunker import chunk_document
    from index.types import Block

    doc = Document("d1", "/x/a.pdf", "Antwoord op vragen van het lid Kat over de Tozo",
                   [Block("Vraag 1 Klopt het dat de rente van de Tozo lager is dan die van het Bbz? " * 6),
                    Block("Vraag 2 Waarom is dat zo, en kunt u dat toelichten aan de Kamer? " * 6),
                    Block("Antwoord 1 Ja. Een lagere rente zou leiden tot bezwaren inzake staatssteun. " * 8),
                    Block("Dat geldt ook voor de concurrentievervalsing die daarvan het gevolg zou zijn. " * 8)],
                   doc_type="antwoord", members=["Kat (D66)"], answerer=KOOLMEES)
    chunks = chunk_document(doc, target=300, max_chars=600)
    asked = [c for c in chunks if "Vraag" in c.text and "Antwoord" not in c.text]
    running_on = [c for c in chunks if "Vraag" not in c.text and "Antwoord" not in c.text]
    assert asked and running_on
    assert all("Kat (D66)" in c.actors and "D66" in c.actors and KOOLMEES not in c.actors for c in asked)
    assert all(KOOLMEES in c.actors for c in running_on)


def test_the_store_knows_its_bewindspersonen_apart_from_its_members():
    officials = roster_from_speakers(SPEAKERS, officials=True)
    assert officials["koolmees"] == [KOOLMEES] and officials["brekelmans"] == ["Brekelmans (minister van Defensie)"]
    assert "hermans" not in officials and "klaver" not in officials and "voorzitter" not in officials
    assert is_official(KOOLMEES) and not is_official("Hermans (VVD)") and not is_official("Kabinet")


def test_a_question_naming_a_bewindspersoon_asks_for_their_words():
    roster, officials = roster_from_speakers(SPEAKERS), roster_from_speakers(SPEAKERS, officials=True)
    assert query_actor("Waarom mag de rente volgens minister Koolmees niet lager?", roster, officials) == KOOLMEES
    assert query_actor("Wat zei Brekelmans over drones?", roster, officials) == "Brekelmans (minister van Defensie)"
    assert query_actor("What did state secretary Van Rij say about the fiscal rules?", roster, officials).startswith("Van Rij")
    # a member asked stays the member; a minister only asked about stays the kabinet
    assert query_actor("Wat vroeg Klaver aan minister Koolmees?", roster, officials) == "Klaver (GroenLinks-PvdA)"
    assert query_actor("Wat vindt de minister van de motie?", roster, officials) == "Kabinet"
    assert query_actor("Wat vindt Hermans van de SDE++?", roster, officials) == "Hermans (VVD)"
    assert query_actor("Waarom mag de rente volgens minister Koolmees niet lager?", roster) == "Kabinet"  # no officials known


def _antwoord(answerer: str) -> Hit:
    text = ("Vraag 1\n\nKunt u toelichten waarom de rente in het Bbz hoger is dan die van de Tozo-lening?\n\n"
            "Antwoord 1\n\nEen lagere rente in het Bbz zou leiden tot bezwaren inzake staatssteun en concurrentievervalsing.")
    c = Chunk("a1", "d1", text, 0, None, "", ["Kat (D66)", answerer], "Antwoord op vragen van het lid Kat over de Tozo",
              None, "antwoord", None, "/x/a.xml", members=["Kat (D66)"], answerer=answerer)
    return Hit(c, 1.0)


def test_the_named_ministers_answer_is_quoted_as_theirs(make_settings):
    ans = compose("Waarom mag de rente in het Bbz volgens minister Koolmees niet lager?", [_antwoord(KOOLMEES)], [0.9],
                  make_settings(), "nl", KOOLMEES)
    assert ans.answered and "staatssteun" in ans.answer and "Kunt u toelichten" not in ans.answer
    assert "Koolmees" in ans.answer.split("\n")[0]  # the intro names the minister
    assert any(actor_in("Koolmees", c.actors) for c in ans.citations) and "Kabinet" in ans.citations[0].actors


def test_without_the_named_ministers_words_the_kabinets_answer(make_settings):
    """Another minister's answer (or an unsigned kabinet text) among the hits: the kabinet's
    words answer, and the intro names the kabinet, not the minister asked about."""
    other = "Van Hijum (minister van Sociale Zaken en Werkgelegenheid)"
    ans = compose("Waarom mag de rente in het Bbz volgens minister Koolmees niet lager?", [_antwoord(other)], [0.9],
                  make_settings(), "nl", KOOLMEES)
    assert ans.answered and "staatssteun" in ans.answer
    assert "Koolmees" not in ans.answer.split("\n")[0] and "Kabinet" in ans.answer.split("\n")[0]


def test_positions_attributes_kamervragen_like_ask():
    """`positions` reads a Kamervraag the way `ask` does (attribution.qa_voices): the
    question is the asking member's and their fractie's, the answer the kabinet's and the
    answering minister's by name — not the grammatical subject of each sentence."""
    from assistant.attribution import actor_kind, attribute
    from index.sentences import quotable_sentences

    chunk = _antwoord(KOOLMEES).chunk
    sentences = quotable_sentences(chunk.text)
    said = attribute(chunk, sentences)
    asked = next(s for s in said if "toelichten" in s.sentence)
    answered = next(s for s in said if "staatssteun" in s.sentence)
    assert set(asked.actors) == {"Kat (D66)", "D66"}
    assert answered.actors == ("Kabinet", KOOLMEES)
    assert actor_kind(KOOLMEES) == "kabinet" and actor_kind("Kat (D66)") == "lid"


def test_a_passage_without_marks_is_the_answer_running_on():
    """A Kamervragen passage cut from the middle of a long answer has no "Antwoord N": its
    sentences are still the answering minister's; the text before a passage's first "Vraag N"
    ends the previous answer, the text before its first "Antwoord N" the previous question."""
    from assistant.attribution import qa_voices

    def chunk(text):
        c = _antwoord(KOOLMEES).chunk
        return Chunk(c.chunk_id, c.doc_id, text, 1, None, "", c.actors, c.title, None, "antwoord", None, c.source_path,
                     members=c.members, answerer=KOOLMEES)

    running_on = chunk("Dat geldt ook voor de concurrentievervalsing. Deelt u de mening dat dit moet veranderen?")
    assert qa_voices(running_on)(0, "Dat geldt ook voor de concurrentievervalsing.") == ["Kabinet", KOOLMEES]
    assert "Kat (D66)" in qa_voices(running_on)(47, "Deelt u de mening dat dit moet veranderen?")  # a question: the askers'
    before_vraag = chunk("zoals de Tozo-regeling.\n\nVraag 2\n\nKlopt het dat ...?")
    assert qa_voices(before_vraag)(0) == ["Kabinet", KOOLMEES] and "Kat (D66)" in qa_voices(before_vraag)(30)
    before_antwoord = chunk("en wat vindt u daarvan?\n\nAntwoord 2\n\nIk vind dat ...")
    assert "Kat (D66)" in qa_voices(before_antwoord)(0) and qa_voices(before_antwoord)(30) == ["Kabinet", KOOLMEES]


def test_the_heading_lines_of_kamervragen_are_nobodys_words():
    """The heading lines say who asked whom and who answered: quotable for "Wie stelde
    Kamervragen over ...?", but nobody's statement, so never the minister's answer."""
    from assistant.attribution import attribute, is_qa_heading

    heading = ("Antwoord van Minister Yeşilgöz-Zegerius (Justitie en Veiligheid), mede namens de Minister voor "
               "Rechtsbescherming (ontvangen 11 juni 2024).")
    assert is_qa_heading(heading)
    assert is_qa_heading("Vragen van het lid Kat (D66) aan de Minister van Sociale Zaken en Werkgelegenheid over de Tozo "
                         "(ingezonden 3 mei 2021).")
    assert not is_qa_heading("Antwoord van de minister is dat er in 2025 geen geld is voor dit plan.")
    c = _antwoord(KOOLMEES).chunk
    text = heading + "\n\nVraag 1\n\nKunt u toelichten waarom de rente in het Bbz hoger is?"
    chunk = Chunk(c.chunk_id, c.doc_id, text, 0, None, "", c.actors, c.title, None, "antwoord", None, c.source_path,
                  members=c.members, answerer=KOOLMEES)
    said = attribute(chunk, [heading, "Kunt u toelichten waarom de rente in het Bbz hoger is?"])
    assert said[0].actors == () and "Kat (D66)" in said[1].actors


def test_a_double_surname_is_found_as_the_store_writes_it():
    """"volgens minister Yeşilgöz-Zegerius": a hyphenated surname is capitalised twice, as the
    store's label writes it; lower case is still no name."""
    label = "Yeşilgöz-Zegerius (minister van Justitie en Veiligheid)"
    officials = roster_from_speakers([label, KOOLMEES], officials=True)
    assert query_actor("Hoe worden ouders volgens minister Yeşilgöz-Zegerius betrokken bij een strafzaak?",
                       roster_from_speakers([]), officials) == label
    assert query_actor("Wat vindt de minister van yeşilgöz-zegerius?", roster_from_speakers([]), officials) == "Kabinet"
