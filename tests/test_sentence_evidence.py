"""Sentence-level evidence (issue 12): the answerer scores each sentence by its own stored
vector, weighs the question's topic words by their corpus IDF, gates refusals on the best
sentence, answers "asked, not answered", and splits Dutch compounds against the corpus."""
from __future__ import annotations

import numpy as np

from assistant.answer import ASKED_INTRO, REFUSAL, compose
from assistant.topic import topic_terms, topic_weights
from assistant.compounds import compound_parts, split_compound
from assistant.subject import DocFreq
from assistant.types import Hit
from index.actors import mentions_actor
from index.sentences import quotable_spans
from index.types import Chunk

DIM = 8


def _unit(i: int, j: int | None = None, mix: float = 0.0) -> np.ndarray:
    v = np.zeros(DIM, dtype=np.float32)
    v[i] = 1.0
    if j is not None:
        v[j] = mix
    return v / np.linalg.norm(v)


def _hit(text: str, sentence_vecs: list[np.ndarray] | None, actor: str = "", n: int = 0) -> Hit:
    c = Chunk(f"c{n}", f"d{n}", text, 0, None, "", [actor] if actor else [], f"Stuk {n}", None, "verslag", None,
              f"/x/{n}.txt", speaker=actor)
    c.sentence_spans = [list(s) for s in quotable_spans(text)]
    m = np.vstack(sentence_vecs) if sentence_vecs is not None else None
    assert m is None or len(m) == len(c.sentence_spans)
    return Hit(c, 1.0, vector=list(_unit(0)), sentence_vectors=m)


def test_the_sentence_closest_to_the_question_wins_over_one_sharing_a_word(make_settings):
    """A paraphrase shares no word with its answer; a padding sentence shares one ("diensten")."""
    s = make_settings(w_sentence=10.0, sim_margin=0.05, max_per_passage=1, max_quotes=1)
    q = _unit(0)
    hit = _hit("De inlichtingendiensten krijgen meer bevoegdheden om digitale aanvallen te onderzoeken. "
               "De gemeentelijke diensten werken met een nieuwe planning voor het groenonderhoud.",
               [_unit(0, 1, 0.2), _unit(2, 0, 0.3)])
    ans = compose("Welke bevoegdheden krijgen de geheime diensten tegen hackers?", [hit], [0.9], s, "nl", None, q)
    assert ans.answered and "bevoegdheden" in ans.citations[0].quote and "groenonderhoud" not in ans.answer
    # without the sentence signal the word-sharing rule has nothing to go on: both qualify
    flat = compose("Welke bevoegdheden krijgen de geheime diensten tegen hackers?", [hit], [0.9],
                   make_settings(max_quotes=2, w_sentence=0.0, sim_margin=0.0), "nl", None, q)
    assert "groenonderhoud" in flat.answer


def test_refusal_gate_on_the_best_sentence(make_settings):
    q = _unit(0)
    far = _hit("De commissie bespreekt het jaarverslag van de Raad voor de rechtspraak uitgebreid.", [_unit(3)])
    s = make_settings(gate="similarity", sentence_refusal_threshold=0.5)
    q_far = "Wat bespreekt de commissie over het jaarverslag?"
    assert compose(q_far, [far], [0.9], s, "nl", None, q, calibrated=True).answer == REFUSAL["nl"]
    # a threshold chosen on another embedder's cosines does not apply
    assert compose(q_far, [far], [0.9], s, "nl", None, q, calibrated=False).answered
    near = _hit("De commissie bespreekt het jaarverslag van de Raad voor de rechtspraak uitgebreid.", [_unit(0)])
    assert compose(q_far, [near], [0.9], s, "nl", None, q, calibrated=True).answered
    # without sentence vectors the gate cannot judge and stays open
    plain = _hit("De commissie bespreekt het jaarverslag van de Raad voor de rechtspraak uitgebreid.", None)
    assert compose(q_far, [plain], [0.9], s, "nl", None, q, calibrated=True).answered


def test_idf_weights_make_a_common_shared_word_count_for_little():
    df = DocFreq.from_texts(["diensten draaien"] * 50 + ["cloudopslag buiten europa"] * 2 + ["iets anders"] * 48)
    terms = topic_terms("Welke diensten draaien in cloudopslag buiten Europa?", None)
    w = topic_weights(terms, df)
    assert w["cloudopslag"] > 3 * w["dienst"]


def test_the_frame_of_an_opinion_question_is_no_topic_word():
    """'De Partij voor de Dieren vindt dat ...' shares only "vindt" with "Wat vindt de
    Dierenpartij van de meetgegevens?": no topic word."""
    assert topic_terms("Wat vindt de VVD van de stikstofregels?", "VVD") == {"stikstofregel"}
    assert topic_terms("Wat wilde de PVV met de luchthaven?", "PVV") == {"luchthaaf"}  # the Snowball stem


def test_asked_not_answered_quotes_the_question_and_names_who_asked(make_settings):
    """The class "the sources hold a fractie's question to the kabinet, no reply"."""
    text = ("De leden van de VVD-fractie vragen de regering of zij de nationale cyberhubs structureel wil financieren. "
            "Zij vragen ook naar de planning.")
    hit = _hit(text, None, actor="VVD")
    q = "Overweegt het kabinet om de nationale cyberhubs structureel te financieren?"
    ans = compose(q, [hit], [0.9], make_settings(), "nl", "Kabinet")
    assert ans.answered and ans.answer.startswith(ASKED_INTRO["nl"].format(actor="Kabinet", askers="VVD"))
    assert "cyberhubs structureel wil financieren" in ans.citations[0].quote and ans.citations[0].actors == ["VVD"]
    off = compose(q, [hit], [0.9], make_settings(asked_not_answered=False), "nl", "Kabinet")
    assert not off.answered
    # a question to someone else is no "asked, not answered" for the kabinet
    other = _hit("De leden van de VVD-fractie vragen de NCTV of de nationale cyberhubs structureel worden gefinancierd.",
                 None, actor="VVD")
    assert not compose(q, [other], [0.9], make_settings(), "nl", "Kabinet").answered


def test_mentions_actor():
    assert mentions_actor("De leden vragen de minister om opheldering.", "Kabinet")
    assert mentions_actor("Zij vragen de VVD-fractie om steun.", "VVD")
    assert not mentions_actor("Zij vragen de gemeenten om steun.", "Kabinet")
    assert mentions_actor("Het lid Kathmann vroeg het.", "Kathmann")


def test_compounds_split_against_the_corpus_vocabulary():
    df = DocFreq.from_texts(["de cyber dreiging neemt toe"] * 5 + ["zee en kabel"] * 4 + ["verantwoordelijkheden"] * 30
                            + ["verantwoord delijk"] * 3)
    assert split_compound("cyberdreigingen", df) == ["cyber", "dreig"]
    assert split_compound("zeekabels", df) == ["zee", "kabel"]
    assert split_compound("verantwoordelijkheden", df) == []  # a common word stays whole
    assert split_compound("kabeltje", df) == []  # "tje" is no corpus word
    assert compound_parts("Wat zijn de cyberdreigingen voor zeekabels?", df) == ["cyber", "dreig", "zee", "kabel"]


def test_asked_not_answered_names_the_asker_a_header_line_gives(make_settings):
    hit = _hit("Vragen van het lid Klaver aan de minister van Buitenlandse Zaken over de vluchten van Corendon "
               "naar Turkije, en of de minister die vluchten wil verbieden?", None)
    ans = compose("Wil de minister de vluchten van Corendon verbieden?", [hit], [0.9], make_settings(), "nl", "Kabinet")
    assert ans.answered and ans.answer.startswith(ASKED_INTRO["nl"].format(actor="Kabinet", askers="Klaver"))


def test_the_gate_of_a_question_in_the_asked_actors_own_voice(make_settings):
    """A Dutch question naming an actor whose own sentences are among the hits has its own
    threshold (`sentence_refusal_threshold_actor`); None falls back to the Dutch one."""
    q = _unit(0)
    text = "De leden van de SP-fractie vragen de regering het idee van terugkeerhubs af te wijzen."
    question = "Wat vindt de SP van terugkeerhubs?"
    own = _hit(text, [_unit(3)], actor="SP")
    s = make_settings(gate="similarity", sentence_refusal_threshold=0.5, sentence_refusal_threshold_actor=0.0)
    assert compose(question, [own], [0.9], s, "nl", "SP", q, calibrated=True).answered
    closed = make_settings(gate="similarity", sentence_refusal_threshold=0.5, sentence_refusal_threshold_actor=None)
    assert not compose(question, [own], [0.9], closed, "nl", "SP", q, calibrated=True).answered
