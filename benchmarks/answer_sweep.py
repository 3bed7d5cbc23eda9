"""Choose the extractive answerer's weights and its refusal threshold on the dev gold set's
`tune` split and report the choice on `test`, next to the current settings (the named
baseline), in one run.

    .venv/bin/python benchmarks/answer_sweep.py --store /work/stores/full

Retrieval runs once per question (the configured hybrid search, hits with their passage
and sentence vectors); every grid point re-composes the answers from those hits, so the
sweep measures the composer alone. The refusal threshold is chosen SQuAD-2.0 style: per
grid point, the threshold on the best sentence similarity that maximises the objective.
Objective (tune): evidence_quoted + key_point_recall + refusal F1 + actor_correct. Dutch and
English questions get a threshold each (cross-lingual cosines run lower).
"""
from __future__ import annotations

import argparse
import itertools
import statistics
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

# The first two sweeps (w_sentence 0-20, w_overlap 0.5/1, sim_margin 0-0.04, min_score_ratio 0.5/0.7,
# max_per_passage 2/4) chose min_score_ratio 0.5 and max_per_passage 4 both times; this one adds the
# passage-rank weight now that the reranker orders the passages.
GRID = {
    "w_sentence": (5.0, 10.0, 20.0),
    "w_overlap": (0.5, 1.0),
    "sim_margin": (0.02, 0.04),
    "min_score_ratio": (0.5,),
    "max_per_passage": (4,),
    "w_rank": (0.3, 0.6, 1.2),
}


@dataclass
class Prepared:
    item: object
    hits: list
    sims: list
    lang: str
    actor: str | None
    qvec: object
    parts: tuple
    best_sim: float  # the best sentence similarity over all hits (the refusal gate's input)
    own_voice: bool = False  # a Dutch question naming an actor whose own sentences are among the hits
    co_actors: tuple = ()  # actors named together with `actor` (Query.co_actors)
    roster: dict | None = None  # the store's members by surname (engine.roster())


def prepare(eng, items) -> list[Prepared]:
    from assistant.answer import _candidates, _cosines, best_sentence_sim
    from index.actors import actor_in
    from assistant.query import build_query
    from assistant.retrieve import search

    out = []
    roster = eng.roster()
    for it in items:
        q = build_query(eng, it.question, "hybrid", dense=True)
        hits = search(eng, q, "hybrid", eng.settings.retrieval.top_k)
        sims = _cosines(q.dense, hits)
        # exactly what compose gates on (quotable sentences only; scores do not matter here)
        cands = _candidates(hits, sims, eng.settings.answer, q.dense, {}, roster=roster)
        best = best_sentence_sim(cands)
        own = q.language != "en" and bool(q.actor) and any(actor_in(q.actor, c.actors) for c in cands)
        out.append(Prepared(it, hits, sims, q.language, q.actor, q.dense, q.extra_terms, best, own, q.co_actors, roster))
    return out


def answers(prepared: list[Prepared], settings, df) -> list:
    from assistant.answer import compose

    s = settings.with_(sentence_refusal_threshold=0.0)  # the gate is applied by `evaluate`
    return [compose(p.item.question, p.hits, p.sims, s, p.lang, p.actor, p.qvec, df, p.parts, co_actors=p.co_actors,
                    roster=p.roster) for p in prepared]


def evaluate(prepared: list[Prepared], composed: list, threshold: float = 0.0, threshold_en: float | None = None,
             threshold_actor: float | None = None) -> dict:
    from assistant.answer import REFUSAL
    from assistant.types import Answer
    from eval import metrics as m
    from eval.runner import eval_answer

    rows, ok = [], []
    for p, ans in zip(prepared, composed):
        if p.lang == "en" and threshold_en is not None:
            gate = threshold_en
        elif p.own_voice and threshold_actor is not None:
            gate = threshold_actor
        else:
            gate = threshold
        if p.best_sim < gate:
            ans = Answer(REFUSAL[p.lang], False, p.lang)
        row = eval_answer(p.item, lambda _q, a=ans: a)
        rows.append(row)
        ok.append((row["answered"], p.item.answerable))
    prec, rec = m.refusal_precision_recall([a for a, _ in ok], [b for _, b in ok])
    f1 = 2 * prec * rec / (prec + rec) if prec and rec else 0.0

    def mean(key):
        vals = [float(r[key]) for r in rows if r[key] is not None]
        return statistics.mean(vals) if vals else 0.0

    out = {"evidence_quoted": mean("evidence_quoted"), "key_point_recall": mean("key_point_recall"),
           "answered_rate": mean("answered_rate"), "actor_correct": mean("actor_correct"),
           "refusal_precision": prec or 0.0, "refusal_recall": rec or 0.0, "refusal_f1": f1}
    out["objective"] = out["evidence_quoted"] + out["key_point_recall"] + f1 + out["actor_correct"]
    return out


COLS = ("objective", "evidence_quoted", "key_point_recall", "answered_rate", "refusal_precision", "refusal_recall",
        "actor_correct")


def line(label: str, r: dict) -> str:
    return f"{label:<58}" + "".join(f"{r[c]:>9.3f}" for c in COLS)


def main(argv=None) -> int:
    from assistant.engine import Engine
    from assistant.settings import Settings
    from eval.gold import load_gold

    ap = argparse.ArgumentParser()
    ap.add_argument("--store", type=Path, required=True)
    ap.add_argument("--gold", type=Path, default=REPO / "eval" / "gold" / "dev.jsonl")
    ap.add_argument("--grid", nargs="*", default=[], metavar="FIELD=V1,V2",
                    help="replace a grid axis, e.g. w_rank=1.2,2.4,4.8 w_sentence=10 (the follow-up run at an edge)")
    args = ap.parse_args(argv)
    for spec in args.grid:
        key, values = spec.split("=", 1)
        GRID[key] = tuple({"True": True, "False": False}.get(v, float(v) if "." in v else int(v) if v.lstrip("-").isdigit() else v)
                          for v in values.split(","))
    items = load_gold(args.gold)
    with Engine(Settings(store=args.store)) as eng:
        df = eng.doc_freq()
        tune = prepare(eng, [i for i in items if i.split == "tune"])
        test = prepare(eng, [i for i in items if i.split == "test"])
        base = eng.settings
        thresholds_nl = sorted({0.0, *(round(p.best_sim, 3) for p in tune if p.lang != "en")})
        thresholds_en = sorted({0.0, *(round(p.best_sim, 3) for p in tune if p.lang == "en")})
        thresholds_actor = sorted({0.0, *(round(p.best_sim, 3) for p in tune if p.own_voice)})
        cur_actor = base.answer.sentence_refusal_threshold_actor
        print(f"{len(tune)} tune / {len(test)} test questions; columns: " + ", ".join(COLS))
        print(line("tune: current settings", evaluate(tune, answers(tune, base, df), base.answer.sentence_refusal_threshold,
                                                      base.answer.sentence_refusal_threshold_en, cur_actor)))
        best = None
        names = list(GRID)
        for values in itertools.product(*GRID.values()):
            flat = dict(zip(names, values))
            s = base.with_(**flat)
            # the threshold: the best one for this grid point (answers recomposed once per point)
            composed = answers(tune, s, df)
            r, t, t_en = language_thresholds(tune, composed, thresholds_nl, thresholds_en)
            # then the one for Dutch questions in the asked actor's own voice (None: the Dutch one), given both
            r, t_a = max(((evaluate(tune, composed, t, t_en, ta), ta)
                          for ta in [None, *_candidate_thresholds(thresholds_actor)]),
                         key=lambda x: (x[0]["objective"], x[1] is None))
            label = (" ".join(f"{k}={v:g}" for k, v in flat.items()) + f" t={t:.3f}/{t_en:.3f}/"
                     + ("-" if t_a is None else f"{t_a:.3f}"))
            print(line(label, r), flush=True)
            if best is None or r["objective"] > best[0]["objective"]:
                best = (r, t, t_en, t_a, flat)
        r, t, t_en, t_a, flat = best
        print("\nchosen on tune:", flat, f"sentence_refusal_threshold={t:.3f} sentence_refusal_threshold_en={t_en:.3f}",
              f"sentence_refusal_threshold_actor={t_a}")
        print(line("tune: chosen", r))
        cur = (base.answer.sentence_refusal_threshold, base.answer.sentence_refusal_threshold_en, cur_actor)
        print(line("TEST: current settings", evaluate(test, answers(test, base, df), *cur)))
        print(line("TEST: chosen", evaluate(test, answers(test, base.with_(**flat), df), t, t_en, t_a)))
    return 0


def language_thresholds(prepared: list[Prepared], composed: list, values_nl: list[float],
                        values_en: list[float]) -> tuple[dict, float, float]:
    """The best gate per language on these answers: the Dutch threshold first (English
    questions ungated), then the English one given it. Returns (result, Dutch, English)."""
    r, t = max(((evaluate(prepared, composed, t, 0.0), t) for t in _candidate_thresholds(values_nl)),
               key=lambda x: x[0]["objective"])
    r, t_en = max(((evaluate(prepared, composed, t, te), te) for te in _candidate_thresholds(values_en)),
                  key=lambda x: x[0]["objective"])
    return r, t, t_en


def _candidate_thresholds(values: list[float]) -> list[float]:
    """0 (no gate) and every 2nd observed best similarity in the lower half (the gate refuses
    the least similar questions only)."""
    lower = values[: len(values) // 2]
    return sorted({0.0, *lower[::2]})


if __name__ == "__main__":
    sys.exit(main())
