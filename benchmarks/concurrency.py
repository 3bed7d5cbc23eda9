"""Concurrent chat sessions against the running app while it ingests uploads.

    .venv/bin/python benchmarks/concurrency.py [--sessions 20] [--questions 3] [--uploads 8] [--api]

Builds a store of the sample corpus in a temp dir, starts the app in a subprocess on a
free 127.0.0.1 port (a separate process, so client threads do not share the server's
GIL), then runs N chat sessions (one gradio_client each, in threads) while one more
client uploads generated files through the app's upload endpoint: the one-writer path
the UI uses. Every answer must be answered with a citation containing an expected
phrase. Prints p50/p95 latency; exits 1 on a wrong answer or when over the time limit.
With --api the sessions are HTTP API clients (POST /api/ask, httpx) instead of chat
sessions, against the same server and the same uploads.
"""
from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")
os.environ.setdefault("HF_HUB_OFFLINE", "1")

# (question, phrase the newest answer's cited passages must contain)
CASES = [
    ("Wat heeft Nederland ingebracht over de herziening van de Blueprint Cyber?", "waaronder Nederland"),
    ("Welke vragen stelde de BBB-fractie over DNS?", "DNS"),
    ("What did the VVD ask about ENISA?", "ENISA"),
    ("Welk nationaal crisisplan moet leidend blijven bij cybercrises?", "Landelijk Crisisplan"),
]
NO_FILTERS = (None, None, None, "", "")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve(store: str, port: int) -> None:
    """Child process: index the sample corpus if needed, then serve until killed."""
    import app
    from assistant.engine import Engine
    from assistant.resources import sample_corpus_dir
    from assistant.settings import Settings

    engine = Engine(Settings(store=Path(store), host="127.0.0.1", port=port))
    if engine.is_empty():
        engine.ingest([sample_corpus_dir()], progress=False)
    demo = app.start(engine, host="127.0.0.1", port=port)
    print("READY", flush=True)
    demo.block_thread()


def start_server(store: Path, port: int) -> subprocess.Popen:
    proc = subprocess.Popen([sys.executable, __file__, "--serve", str(store), str(port)], cwd=REPO,
                            stdout=subprocess.PIPE, text=True)
    for line in proc.stdout:  # the child prints READY once the app is listening
        if line.strip() == "READY":
            return proc
    raise RuntimeError(f"server exited with {proc.wait()}")


def newest_sources(sources_html: str) -> str:
    """The open (newest) turn of the sources panel."""
    return sources_html.split("</details>")[0]


def session(url: str, sid: int, n_questions: int, deadline: float) -> list[tuple[float, bool, str]]:
    from gradio_client import Client

    client = Client(url, verbose=False, download_files=False)
    out = []
    for i in range(n_questions):
        if time.monotonic() > deadline:
            break
        question, phrase = CASES[(sid + i) % len(CASES)]
        t0 = time.perf_counter()
        conv, sources, status, *_ = client.predict(question, *NO_FILTERS, api_name="/ask")
        ok = 'class="cite"' in conv and phrase.lower() in newest_sources(sources).lower()
        out.append((time.perf_counter() - t0, ok, question if ok else f"{question} -> {status}"))
    return out


def api_session(url: str, sid: int, n_questions: int, deadline: float) -> list[tuple[float, bool, str]]:
    """Like `session`, through POST /api/ask: a citation must contain the phrase."""
    import httpx

    out = []
    with httpx.Client(base_url=url, timeout=120) as client:
        for i in range(n_questions):
            if time.monotonic() > deadline:
                break
            question, phrase = CASES[(sid + i) % len(CASES)]
            t0 = time.perf_counter()
            r = client.post("api/ask", json={"question": question})
            ok = r.status_code == 200 and any(phrase.lower() in c["text"].lower() for c in r.json()["citations"])
            out.append((time.perf_counter() - t0, ok, question if ok else f"{question} -> {r.status_code} {r.text[:200]}"))
    return out


def uploader(url: str, n_files: int, workdir: Path, tag: str = "") -> list[list]:
    from gradio_client import Client, handle_file

    client = Client(url, verbose=False, download_files=False)
    rows = []
    for i in range(n_files):
        p = workdir / f"bench-inbreng-{tag}{i}.txt"
        p.write_text(f"Inbreng benchmark {tag}{i}.\n\nDe leden van de fractie vragen de minister naar project "
                     f"Testvogel-{i} en de kosten van de opslag van gegevens in datacentrum {i}.\n", encoding="utf-8")
        rows += client.predict([handle_file(str(p))], api_name="/upload")[0]["data"]
    return rows


def pct(values: list[float], q: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(q * (len(s) - 1))))]


def run(args) -> int:
    with tempfile.TemporaryDirectory(prefix="dw-bench-") as tmp:
        port = free_port()
        t_start = time.perf_counter()
        proc = start_server(Path(tmp) / "store", port)
        url = f"http://127.0.0.1:{port}/"
        print(f"server ready in {time.perf_counter() - t_start:.1f} s on {url}")
        try:
            # --both: chat sessions, then API clients, on the same server in the same run
            kinds = [False, True] if args.both else [args.api]
            return max(measure(url, args, Path(tmp), api) for api in kinds)
        finally:
            proc.terminate()
            proc.wait(timeout=30)


def measure(url: str, args, workdir: Path, api: bool) -> int:
    deadline = time.monotonic() + args.time_limit
    t0 = time.perf_counter()
    up_result: list = []
    tag = "api-" if api else "ui-"
    up = threading.Thread(target=lambda: up_result.extend(uploader(url, args.uploads, workdir, tag)))
    up.start()
    with ThreadPoolExecutor(max_workers=args.sessions) as pool:
        one = api_session if api else session
        futures = [pool.submit(one, url, i, args.questions, deadline) for i in range(args.sessions)]
        results = [r for f in futures for r in f.result()]
    up.join(timeout=max(1.0, deadline - time.monotonic()))
    wall = time.perf_counter() - t0
    lat = [r[0] for r in results]
    bad = [r[2] for r in results if not r[1]]
    indexed = sum(1 for row in up_result if row[1] in ("geïndexeerd", "indexed"))
    print(f"{args.sessions} {'API clients' if api else 'chat sessions'}, {len(results)} answers in {wall:.1f} s "
          f"({len(results) / wall:.1f} answers/s) while uploading {indexed}/{args.uploads} files")
    if lat:
        print(f"latency p50 {1000 * pct(lat, 0.5):.0f} ms, p95 {1000 * pct(lat, 0.95):.0f} ms, "
              f"max {1000 * max(lat):.0f} ms")
    for b in bad:
        print(f"WRONG: {b}")
    complete = len(results) == args.sessions * args.questions and indexed == args.uploads
    if not complete:
        print("INCOMPLETE: time limit reached or uploads not all indexed")
    return 0 if not bad and complete else 1


def main() -> int:
    if len(sys.argv) == 4 and sys.argv[1] == "--serve":
        serve(sys.argv[2], int(sys.argv[3]))
        return 0
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sessions", type=int, default=20)
    p.add_argument("--questions", type=int, default=3, help="questions per session")
    p.add_argument("--uploads", type=int, default=8, help="generated files uploaded during the run")
    p.add_argument("--time-limit", type=float, default=120.0)
    p.add_argument("--api", action="store_true", help="HTTP API clients (POST /api/ask) instead of chat sessions")
    p.add_argument("--both", action="store_true", help="chat sessions, then API clients, same server, same run")
    args = p.parse_args()
    args.sessions = max(1, min(args.sessions, 64))  # bounded: this is a loopback benchmark
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
