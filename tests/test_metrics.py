import math
from dataclasses import dataclass, field

import pytest

from eval import metrics as m

QUOTE = "de minister zegt toe dat het kabinet de kamer voor het zomerreces informeert over de cyberstrategie"
QUOTE2 = "nederland steunt het voorstel van de commissie om de digitale weerbaarheid van lidstaten te verhogen"
MISS = "dit fragment gaat over iets heel anders, namelijk de begroting van landbouw en visserij in 2024"


def test_normalize_dutch_examples():
    assert m.normalize("Het Kabinet") == m.normalize("kabinet") == "kabinet"
    assert m.normalize("geïnteresseerd") == m.normalize("geinteresseerd") == "geinteresseerd"
    assert m.normalize("Financiële ĳzeren   regels, 's avonds!") == "financiele ijzeren regels s avonds"
    assert m.normalize("Een besluit van 't Kabinet") == "besluit van kabinet"
    assert m.normalize("The Council and a member") == "council and member"
    # words that merely contain an article are kept
    assert m.normalize("deze heter") == "deze heter"


def test_is_hit_61_vs_59_char_overlap():
    # delimiters differ between chunk and quote so the overlap is exactly the shared text
    shared61 = "het kabinet zal de kamer voor de zomer informeren over cyber."
    assert len(shared61) == 61
    quote = "[Q]" + shared61 + "[Q] en nog meer tekst"
    assert m.is_hit("<p>" + shared61 + "</p>", quote)
    shared59 = shared61[:59]
    assert not m.is_hit("<p>" + shared59 + "</p>", quote)
    assert not m.is_hit("<p>" + shared59 + "</p>", "[Q]" + shared59 + "[Q] en nog meer tekst")


def test_is_hit_short_quote_needs_whole_quote_and_collapses_whitespace():
    assert m.is_hit("Het kabinet  stemt\nIN.", "kabinet stemt in")
    assert not m.is_hit("Het kabinet stemt niet in.", "kabinet stemt in")
    assert not m.is_hit("anything", "")


def test_single_evidence_ranking_miss_hit_miss():
    rel = m.relevance([MISS, "intro. " + QUOTE + " slot.", MISS], [QUOTE])
    assert rel == [[False], [True], [False]]
    assert m.mrr(rel) == 0.5
    assert m.recall_at_k(rel, 1) == 0.0
    assert m.recall_at_k(rel, 5) == 1.0
    assert m.ndcg_at_k(rel, 10) == pytest.approx(1 / math.log2(3))
    assert m.first_hit_ranks(rel) == [2]


def test_two_evidence_question():
    ranked = [QUOTE, QUOTE, MISS, QUOTE2]
    rel = m.relevance(ranked, [QUOTE, QUOTE2])
    assert m.recall_at_k(rel, 1) == 0.5
    assert m.recall_at_k(rel, 3) == 0.5
    assert m.recall_at_k(rel, 4) == 1.0
    assert m.all_evidence_recall_at_k(rel, 3) == 0.0
    assert m.all_evidence_recall_at_k(rel, 10) == 1.0
    assert m.mrr(rel) == 1.0
    # the duplicate hit at rank 2 does not count again: gains at ranks 1 and 4
    expected = (1 + 1 / math.log2(5)) / (1 + 1 / math.log2(3))
    assert m.ndcg_at_k(rel, 10) == pytest.approx(expected)


def test_empty_retrieval_and_no_evidence():
    assert m.recall_at_k([], 10, n_quotes=1) == 0.0
    assert m.mrr([], n_quotes=1) == 0.0
    assert m.ndcg_at_k([], 10, n_quotes=2) == 0.0
    assert m.recall_at_k([[], []], 10) is None
    assert m.ndcg_at_k([], 10, n_quotes=0) is None


def test_key_point_recall_normalised_token_containment():
    answer = "Het kabinet informeert de Kamer vóór het zomerreces over de EU-strategie."
    assert m.key_point_recall(answer, ["kamer informeren", "voor zomerreces", "eu strategie"]) == pytest.approx(2 / 3)
    assert m.key_point_recall("De Europese Unie", ["eu"]) == 0.0
    assert m.key_point_recall("x", []) is None


@dataclass
class _Chunk:
    text: str
    actors: list = field(default_factory=list)


@dataclass
class _Cite:
    n: int
    chunk: _Chunk
    quote: str


def test_citation_precision():
    passage = "Intro. " + QUOTE + " En verder."
    verbatim = _Cite(1, _Chunk(passage), QUOTE.upper())
    paraphrase = _Cite(2, _Chunk(passage), "Kabinet informeert kamer voor zomerreces over cyberstrategie")
    wrong = _Cite(3, _Chunk(MISS), "Het kabinet informeert de Kamer over de cyberstrategie")
    assert m.citation_precision([verbatim, paraphrase, wrong]) == pytest.approx(2 / 3)
    assert m.citation_precision([]) is None
    # without a quote the citing answer sentence is used
    no_quote = _Cite(4, _Chunk(passage), "")
    assert m.citation_precision([no_quote], f"Zie hier. {QUOTE} [4]. Iets anders [5].") == 1.0
    assert m.citation_precision([no_quote], "Iets anders [5].") == 0.0


def test_evidence_recall():
    assert m.evidence_recall([QUOTE, MISS], [QUOTE, QUOTE2]) == 0.5
    assert m.evidence_recall([], [QUOTE]) == 0.0
    assert m.evidence_recall([QUOTE], []) is None


def test_refusal_precision_recall_small_table():
    #          answered  answerable
    table = [
        (False, False),  # correct refusal
        (False, True),   # wrong refusal
        (True, False),   # answered an unanswerable question
        (False, False),  # correct refusal
        (True, True),
    ]
    p, r = m.refusal_precision_recall([a for a, _ in table], [b for _, b in table])
    assert p == pytest.approx(2 / 3)
    assert r == pytest.approx(2 / 3)
    assert m.refusal_precision_recall([True], [True]) == (None, None)
    with pytest.raises(ValueError):
        m.refusal_precision_recall([True], [True, False])


def test_answered_rate():
    assert m.answered_rate([True, False, True, True]) == 0.75
    assert m.answered_rate([]) is None


def test_actor_correct():
    assert m.actor_correct([["Nederland"], ["Nederland", "Frankrijk"]], "Nederland") is True
    assert m.actor_correct([["Nederland"], ["Frankrijk"]], "Nederland") is False
    assert m.actor_correct([["Kamerlid Jansen (VVD)"]], "VVD") is True
    assert m.actor_correct([["VVD-fractie"]], "D66") is False
    assert m.actor_correct([], "VVD") is None
    # one fractie under its canonical and its written name, and a member's label naming it
    assert m.actor_correct([["GL-PvdA"]], "GroenLinks-PvdA") is True
    assert m.actor_correct([["Nordkamp (GroenLinks-PvdA)"], ["GL-PvdA"]], "GL-PvdA") is True
    assert m.actor_correct([["Kabinet"]], "Koolmees") is False and m.actor_correct([["GL-PvdA"]], "VVD") is False


def test_percentiles():
    p = m.percentiles([float(i) for i in range(1, 101)], [50, 95])
    assert p["p50"] == pytest.approx(50.5)
    assert p["p95"] == pytest.approx(95.05)
    assert m.percentiles([], [50]) == {"p50": None}


def test_summarize_skips_non_applicable():
    rows = [
        {"qid": "a", "recall@10": 1.0, "mrr": None, "actor_correct": True},
        {"qid": "b", "recall@10": 0.0, "mrr": 0.5, "actor_correct": False},
        {"qid": "c", "recall@10": None, "mrr": None, "ranks": [1, 2]},
    ]
    s = m.summarize(rows)
    assert s == {"recall@10": 0.5, "mrr": 0.5, "actor_correct": 0.5, "n": 3}


def test_evidence_quoted_is_any_not_share():
    # one of two quotes cited: recall is a share, evidence_quoted is yes/no
    assert m.evidence_recall([QUOTE, MISS], [QUOTE, QUOTE2]) == 0.5
    assert m.evidence_quoted([QUOTE, MISS], [QUOTE, QUOTE2]) is True
    assert m.evidence_quoted([MISS], [QUOTE, QUOTE2]) is False
    assert m.evidence_quoted([], [QUOTE]) is False  # a refusal quotes nothing
    assert m.evidence_quoted([QUOTE], []) is None  # unanswerable: does not apply
    # a 60-char span is enough: the chunk holds the quote's middle, not all of it
    span = QUOTE[5:70]
    assert len(span) >= 60 and m.evidence_quoted([f"Eerder: {span} Verder."], [QUOTE]) is True
    assert m.evidence_quoted([QUOTE[:40]], [QUOTE]) is False
