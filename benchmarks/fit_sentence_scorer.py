"""Fit the answerer's learned sentence scorer (assistant/sentence_scorer.py) on the dev gold
set's `tune` split, choose its selection ratio and refusal thresholds on `tune`, and report
it on `test` next to the current answerer (the named baseline), in one run.

    .venv/bin/python benchmarks/fit_sentence_scorer.py --store /work/stores/full [--write]

Retrieval runs once per question (benchmarks/answer_sweep.prepare). Every quotable sentence
of the hits is a row; label 1 when its passage holds an evidence quote and the sentence lies
inside it (or shares a 60-character span with it). Unanswerable questions give negative
rows only, so the best probability learns to be low for them: it is the refusal gate's
input, its threshold chosen SQuAD-2.0 style (the best tune objective), one per language.
The objective and columns are answer_sweep's. With --write the weights go to
assistant/sentence_scorer.json (the fitting command in it); settings are not changed.
"""
from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from benchmarks.answer_sweep import answers, evaluate, language_thresholds, line, prepare  # noqa: E402

L2 = (1.0, 10.0)
RATIOS = (0.2, 0.35, 0.5, 0.7)


def _in_quote(sentence: str, passage: str, quotes) -> bool:
    from eval import metrics as m

    s = m._collapse(sentence)
    return any(m.is_hit(passage, q) and (s in m._collapse(q) or m.is_hit(sentence, q)) for q in quotes)


def candidates(p, cfg, df) -> list:
    """Every quotable sentence of a prepared question's hits, as compose scores them."""
    from assistant.answer import _candidates, question_weight
    from assistant.topic import topic_terms, topic_weights

    q = p.item.question
    return _candidates(p.hits, p.sims, cfg, p.qvec, topic_weights(topic_terms(q, p.actor, p.parts, p.co_actors), df),
                       question_weight(q, p.actor, cfg), p.roster)


def rows(prepared, settings, df):
    """(features, labels, question index per row)."""
    from assistant.answer import scorer_rows

    xs, ys, groups = [], [], []
    for qi, p in enumerate(prepared):
        cands = candidates(p, settings.answer, df)
        if not cands:
            continue
        xs.append(scorer_rows(cands, p.item.question, p.sims, p.lang, p.actor, p.co_actors))
        quotes = p.item.quotes if p.item.answerable else []
        ys.append(np.array([1.0 if quotes and _in_quote(c.sentence, p.hits[c.rank].chunk.text, quotes) else 0.0
                            for c in cands]))
        groups += [qi] * len(cands)
    return np.vstack(xs), np.concatenate(ys), groups


def best_probs(prepared, model, settings, df) -> list[float]:
    """Per question, the learned gate's input (answer.best_score of the rescored candidates)."""
    from assistant.answer import best_score, rescored

    return [best_score(rescored(candidates(p, settings.answer, df), p.item.question, p.sims, p.lang, p.actor, model, p.co_actors))
            for p in prepared]


def auc(scores: list[float], positive: list[bool]) -> float:
    """Probability that an answerable question's score beats an unanswerable one's."""
    pos = [s for s, y in zip(scores, positive) if y]
    neg = [s for s, y in zip(scores, positive) if not y]
    if not pos or not neg:
        return float("nan")
    return sum((a > b) + 0.5 * (a == b) for a in pos for b in neg) / (len(pos) * len(neg))


def main(argv=None) -> int:
    from assistant.engine import Engine
    from assistant.rerank import fit_logistic
    from assistant.sentence_scorer import FEATURES, WEIGHTS_FILE, load_sentence_scorer
    from assistant.settings import Settings
    from eval.fitting import fit_meta, print_weights, weights_in_place
    from eval.gold import load_gold

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--store", type=Path, required=True)
    ap.add_argument("--gold", type=Path, default=REPO / "eval" / "gold" / "dev.jsonl")
    ap.add_argument("--write", action="store_true", help=f"keep the chosen weights in {WEIGHTS_FILE}")
    args = ap.parse_args(argv)
    items = load_gold(args.gold)
    with Engine(Settings(store=args.store)) as eng:
        df, base = eng.doc_freq(), eng.settings
        tune = prepare(eng, [i for i in items if i.split == "tune"])
        test = prepare(eng, [i for i in items if i.split == "test"])
        x, y, groups = rows(tune, base, df)
        print(f"{len(tune)} tune / {len(test)} test questions; {len(y)} tune sentences, {int(y.sum())} evidence, "
              f"from {len({g for g, label in zip(groups, y) if label})} questions")
        a = base.answer
        cur = (a.sentence_refusal_threshold, a.sentence_refusal_threshold_en, a.sentence_refusal_threshold_actor)
        print(line("tune: current answerer", evaluate(tune, answers(tune, base, df), *cur)))
        print("AUC answerable vs not, best sentence cosine: tune %.3f, test %.3f" % (
            auc([p.best_sim for p in tune], [p.item.answerable for p in tune]),
            auc([p.best_sim for p in test], [p.item.answerable for p in test])))
        best = None
        for l2 in L2:
            model = fit_logistic(x, y, l2, names=FEATURES)
            meta = fit_meta(f"python benchmarks/fit_sentence_scorer.py --store STORE --write (l2 {l2:g})",
                            questions=len(tune), rows=int(len(y)), positives=int(y.sum()))
            with weights_in_place(WEIGHTS_FILE, model.to_json(**meta), False, load_sentence_scorer.cache_clear):
                probs = best_probs(tune, model, base, df)
                gated = [replace(p, best_sim=b) for p, b in zip(tune, probs)]
                print(f"l2 {l2:g}: AUC answerable vs not, best evidence probability: tune "
                      f"{auc(probs, [p.item.answerable for p in tune]):.3f}")
                ths_nl = sorted({0.0, *(round(b, 3) for p, b in zip(tune, probs) if p.lang != "en")})
                ths_en = sorted({0.0, *(round(b, 3) for p, b in zip(tune, probs) if p.lang == "en")})
                # the linear scorer's answers, the learned gate
                r, t, t_en = language_thresholds(gated, answers(gated, base, df), ths_nl, ths_en)
                print(line(f"tune: linear + learned gate l2={l2:g} t={t:.3f}/{t_en:.3f}", r), flush=True)
                if best is None or r["objective"] > best[0]["objective"]:
                    best = (r, l2, None, t, t_en, model, meta)
                for ratio in RATIOS:
                    s = base.with_(scorer="learned", learned_min_ratio=ratio)
                    r, t, t_en = language_thresholds(gated, answers(gated, s, df), ths_nl, ths_en)
                    print(line(f"tune: learned l2={l2:g} ratio={ratio:g} t={t:.3f}/{t_en:.3f}", r), flush=True)
                    if best is None or r["objective"] > best[0]["objective"]:
                        best = (r, l2, ratio, t, t_en, model, meta)
        r, l2, ratio, t, t_en, model, meta = best
        chosen = "gate='learned' (linear scorer)" if ratio is None else f"scorer='learned' learned_min_ratio={ratio:g}"
        print(f"\nchosen on tune: l2={l2:g} {chosen} learned_refusal_threshold={t:.3f} "
              f"learned_refusal_threshold_en={t_en:.3f}")
        print_weights(model, 14)
        meta["fitted_by"] = (f"python benchmarks/fit_sentence_scorer.py --store STORE --write (chosen l2 {l2:g}, "
                             f"{chosen}, thresholds {t:.3f} / {t_en:.3f})")
        with weights_in_place(WEIGHTS_FILE, model.to_json(**meta), args.write, load_sentence_scorer.cache_clear):
            probs = best_probs(test, model, base, df)
            gated = [replace(p, best_sim=b) for p, b in zip(test, probs)]
            print(f"test AUC answerable vs not, best evidence probability {auc(probs, [p.item.answerable for p in test]):.3f}")
            print(line("TEST: current answerer", evaluate(test, answers(test, base, df), *cur)))
            s = base if ratio is None else base.with_(scorer="learned", learned_min_ratio=ratio)
            print(line(f"TEST: {chosen}, chosen on tune", evaluate(gated, answers(gated, s, df), t, t_en)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
