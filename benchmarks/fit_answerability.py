"""Fit the question-level answerability gate (assistant/answerability.py) on the dev gold
set's `tune` split, choose its refusal thresholds on `tune`, and report it on `test` next to
the current answerer's gate (the named baseline), in one run.

    .venv/bin/python benchmarks/fit_answerability.py --store /work/stores/full [--write] [--drop F1,F2]

Retrieval runs once per question (benchmarks/answer_sweep.prepare). One row per question,
label 1 when it is answerable. The L2 strength is chosen by leave-one-out log-loss on tune;
the thresholds (one per language, SQuAD-2.0 style: the best tune objective of
answer_sweep) are chosen on the leave-one-out probabilities, so the in-sample fit does not
make the tune questions look more separable than new ones. With --write the weights and
thresholds go to assistant/answerability.json; settings are not changed.
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.answer_sweep import answers, evaluate, language_thresholds, line, prepare  # noqa: E402
from benchmarks.fit_sentence_scorer import auc, candidates  # noqa: E402

L2 = (1.0, 3.0, 10.0, 30.0, 100.0)


def rows(prepared, settings, df, scorer) -> np.ndarray:
    from assistant.answer import answerability_row, rescored
    from assistant.topic import topic_terms

    out = []
    for p in prepared:
        q = p.item.question
        scored = rescored(candidates(p, settings.answer, df), q, p.sims, p.lang, p.actor, scorer, p.co_actors)
        out.append(answerability_row(q, p.hits, scored, p.lang, p.actor, topic_terms(q, p.actor, p.parts, p.co_actors), df,
                                     p.co_actors))
    return np.vstack(out)


def loo_probabilities(x: np.ndarray, y: np.ndarray, l2: float, names) -> np.ndarray:
    """Each question's probability from a model fitted on the other questions."""
    from assistant.answerability import probability
    from assistant.rerank import fit_logistic

    out = np.zeros(len(y))
    for i in range(len(y)):
        keep = np.arange(len(y)) != i
        out[i] = probability(fit_logistic(x[keep], y[keep], l2, names=names), x[i])
    return out


def log_loss(p: np.ndarray, y: np.ndarray) -> float:
    p = np.clip(p, 1e-6, 1 - 1e-6)
    return float(-np.mean(y * np.log(p) + (1 - y) * np.log(1 - p)))


def main(argv=None) -> int:
    from assistant.answerability import FEATURES, WEIGHTS_FILE, load_gate, probability
    from assistant.engine import Engine
    from assistant.rerank import fit_logistic
    from assistant.sentence_scorer import load_sentence_scorer
    from assistant.settings import Settings
    from eval.fitting import drop_features, fit_meta, print_weights
    from eval.gold import load_gold

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", type=Path, required=True)
    ap.add_argument("--gold", type=Path, default=REPO / "eval" / "gold" / "dev.jsonl")
    ap.add_argument("--drop", default="", help="comma-separated features to leave out (ablation)")
    ap.add_argument("--write", action="store_true", help=f"keep the weights and thresholds in {WEIGHTS_FILE}")
    args = ap.parse_args(argv)
    items = load_gold(args.gold)
    scorer = load_sentence_scorer()
    if scorer is None:
        ap.error("no sentence scorer weights (assistant/sentence_scorer.json): run benchmarks/fit_sentence_scorer.py")
    with Engine(Settings(store=args.store)) as eng:
        df, base = eng.doc_freq(), eng.settings
        tune = prepare(eng, [i for i in items if i.split == "tune"])
        test = prepare(eng, [i for i in items if i.split == "test"])
    x, xt = rows(tune, base, df, scorer), rows(test, base, df, scorer)
    drop_features(x, FEATURES, args.drop, ap.error)
    drop_features(xt, FEATURES, args.drop, ap.error)
    y = np.array([1.0 if p.item.answerable else 0.0 for p in tune])
    yt = [p.item.answerable for p in test]
    print(f"{len(tune)} tune questions ({int(len(y) - y.sum())} unanswerable) / {len(test)} test "
          f"({sum(not a for a in yt)} unanswerable); columns: objective, evidence_quoted, key_point_recall, "
          "answered_rate, refusal P, refusal R, actor_correct")
    print("AUC answerable vs not, one feature at a time (tune / test):")
    for j, name in enumerate(FEATURES):
        print(f"  {name:<13}{auc(list(x[:, j]), list(y > 0)):.3f} / {auc(list(xt[:, j]), yt):.3f}")
    a = base.answer
    cur = (a.sentence_refusal_threshold, a.sentence_refusal_threshold_en, a.sentence_refusal_threshold_actor)
    print(line("tune: current gate (best sentence similarity)", evaluate(tune, answers(tune, base, df), *cur)))
    losses = {}
    for l2 in L2:
        p = loo_probabilities(x, y, l2, FEATURES)
        losses[l2] = (log_loss(p, y), p)
        print(f"l2 {l2:g}: leave-one-out log-loss {losses[l2][0]:.4f}, AUC {auc(list(p), list(y > 0)):.3f}")
    l2 = min(losses, key=lambda k: losses[k][0])
    oof = losses[l2][1]
    gated = [replace(p, best_sim=float(b)) for p, b in zip(tune, oof)]
    ths_nl = sorted({0.0, *(round(float(b), 3) for p, b in zip(tune, oof) if p.lang != "en")})
    ths_en = sorted({0.0, *(round(float(b), 3) for p, b in zip(tune, oof) if p.lang == "en")})
    composed = answers(gated, base, df)
    r, t, t_en = language_thresholds(gated, composed, ths_nl, ths_en)
    print(line(f"tune (leave-one-out): answerability l2={l2:g} t={t:.3f}/{t_en:.3f}", r))
    model = fit_logistic(x, y, l2, names=FEATURES)
    print("weights (standardised):")
    print_weights(model, 14)
    probs = [probability(model, row) for row in xt]
    print(f"test AUC answerable vs not: answerability {auc(probs, yt):.3f}, best sentence cosine "
          f"{auc([p.best_sim for p in test], yt):.3f}")
    print(line("TEST: current gate (best sentence similarity)", evaluate(test, answers(test, base, df), *cur)))
    gated_t = [replace(p, best_sim=b) for p, b in zip(test, probs)]
    print(line(f"TEST: answerability gate, chosen on tune (t={t:.3f}/{t_en:.3f})",
               evaluate(gated_t, answers(gated_t, base, df), t, t_en)))
    meta = fit_meta(f"python benchmarks/fit_answerability.py --store STORE --write{' --drop ' + args.drop if args.drop else ''} "
                    f"(chosen l2 {l2:g} by leave-one-out log-loss, thresholds {t:.3f} / {t_en:.3f})",
                    questions=len(tune), unanswerable=int(len(y) - y.sum()))
    meta.update(threshold=round(t, 4), threshold_en=round(t_en, 4))
    if args.write:
        WEIGHTS_FILE.write_text(json.dumps(model.to_json(**meta), indent=1) + "\n", encoding="utf-8")
        load_gate.cache_clear()
        print(f"written: {WEIGHTS_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
