"""The class "the best sentences are on topic but hold no amount": "Hoeveel ...?" is answered
from the sentences that give one, when they score near the best (answer._kind_fallback);
with none, or only far weaker ones, it is refused."""
from __future__ import annotations

from assistant.answer import compose
from tests.test_answer import _hits

Q = "Hoeveel draagt Nederland bij aan de EU-partnerschapsmissie voor Moldavië?"
TOPIC = "Nederland steunt de EU-partnerschapsmissie voor Moldavië op het gebied van cyberweerbaarheid actief."
AMOUNT = "Nederland draagt aan de EU-partnerschapsmissie voor Moldavië een bedrag van 4 miljoen euro bij."


def test_an_amount_question_quotes_the_sentence_with_the_amount(make_settings):
    """One quote allowed: the best sentence is on topic without an amount; the one with the
    amount scores near it and is quoted instead of a refusal."""
    one = make_settings().with_(max_quotes=1)
    ans = compose(Q, _hits(TOPIC, AMOUNT), [0.9, 0.88], one, "nl", None)
    assert ans.answered and "4 miljoen" in ans.answer and "actief" not in ans.answer
    assert not compose(Q, _hits(TOPIC, AMOUNT), [0.9, 0.88], one.with_(kind_fallback_ratio=1.01), "nl", None).answered


def test_without_a_sentence_giving_an_amount_it_is_refused(make_settings):
    assert not compose(Q, _hits(TOPIC), [0.9], make_settings(), "nl", None).answered


def test_the_netherlands_asked_its_government_answers(make_settings):
    """"How much does the Netherlands contribute ...?" names Nederland as the actor; a kabinet
    letter's "Ook steunt het kabinet Moldavië ... met een bijdrage van 4 miljoen" is the
    Netherlands' own position and answers it (answer._government)."""
    hits = _hits("Ook steunt het kabinet Moldavië via de EU-partnerschapsmissie voor Moldavië met een bijdrage van 4 miljoen.",
                 actor="Kabinet")
    ans = compose("Hoeveel draagt Nederland bij aan de EU-partnerschapsmissie voor Moldavië?", hits, [0.9], make_settings(),
                  "nl", "Nederland")
    assert ans.answered and "4 miljoen" in ans.answer
    other = _hits("Frankrijk draagt aan de EU-partnerschapsmissie voor Moldavië een bijdrage van 4 miljoen bij.",
                  actor="Frankrijk")
    assert not compose("Hoeveel draagt Nederland bij aan de EU-partnerschapsmissie voor Moldavië?", other, [0.9],
                       make_settings(), "nl", "Nederland").answered
