"""`dossierwijzer sync` against a fake Gegevensmagazijn on 127.0.0.1 (tests/fake_tk.py)."""
from __future__ import annotations

import json
from contextlib import nullcontext
from pathlib import Path

import pytest

from tests.fakes import HASH_EMBEDDER
from tests.fake_tk import FakeDoc, FakeTK
from tests.malformed import make_pdf, wrap

MOTIE = "\n\n".join([
    "Motie van het lid Kathmann over een Europese cyberreservebrigade",
    "De Kamer,", "gehoord de beraadslaging,",
    "overwegende dat grootschalige cyberaanvallen op vitale infrastructuur snel kunnen escaleren;",
    "verzoekt de regering, zich in te zetten voor een Europese cyberreservebrigade van vrijwillige experts,",
    "en gaat over tot de orde van de dag.", "Kathmann",
])


def text_doc(words: str) -> bytes:
    para = f"In deze brief informeert de minister de Kamer over {words}. " * 3
    return (f"Brief over {words}\n\n{para}\n\nDe minister schrijft verder over {words} en de gevolgen.").encode()


def dossier_22112(fake: FakeTK) -> dict[str, FakeDoc]:
    d = (22112, None)
    docs = {
        "motie": FakeDoc("0a1b2c3d-0000-4000-8000-000000000001", d, 4018, "Motie", MOTIE.encode(),
                         titel="Nieuwe Commissievoorstellen en initiatieven van de lidstaten van de Europese Unie",
                         onderwerp="Motie van het lid Kathmann over een Europese cyberreservebrigade",
                         datum="2025-03-12T00:00:00+01:00", nummer="2025D11111",
                         actors=[{"ActorNaam": "Kathmann", "ActorFractie": "GroenLinks-PvdA", "Functie": "Tweede Kamerlid", "Relatie": "Indiener"},
                                 {"ActorNaam": "Van der Werf", "ActorFractie": "D66", "Functie": "Tweede Kamerlid", "Relatie": "Medeindiener"},
                                 {"ActorNaam": "Griffie", "ActorFractie": None, "Functie": None, "Relatie": "Besluitvormer"}]),
        "brief": FakeDoc("0a1b2c3d-0000-4000-8000-000000000002", d, 4019, "Brief regering", text_doc("zeewierteelt"),
                         titel="Fiche: Verordening zeewierteelt", datum="2025-04-01T00:00:00+02:00", nummer="2025D22222"),
        "pdf": FakeDoc("0a1b2c3d-0000-4000-8000-000000000003", d, -1, "Verslag van een schriftelijk overleg",
                       make_pdf([wrap(["Verslag over de digitale euro en de betaalinfrastructuur van banken. " * 4])]),
                       titel="Verslag schriftelijk overleg digitale euro", content_type="application/pdf",
                       datum="2025-05-20T00:00:00+02:00", nummer="2025D33333"),
        "retry": FakeDoc("0a1b2c3d-0000-4000-8000-000000000004", d, 4021, "Brief regering", text_doc("bijenstand"),
                         titel="Bijenstand", nummer="2025D44444"),
        "broken": FakeDoc("0a1b2c3d-0000-4000-8000-000000000005", d, 4022, "Brief regering", text_doc("glasvezel"),
                          titel="Glasvezel", nummer="2025D55555"),
    }
    for doc in docs.values():
        fake.add(doc)
    return docs


@pytest.fixture
def fake():
    f = FakeTK(page_size=2).start()
    yield f
    f.stop()


@pytest.fixture
def tk_settings(make_settings, fake):
    return make_settings(tk_api_url=fake.url, tk_delay_ms=0, tk_backoff_s=0.01)


def run_sync(settings, engine, dossiers, **kw):
    from index.tk.client import ClientOptions
    from index.tk.sync import sync_dossiers

    return sync_dossiers(dossiers, settings.store, ClientOptions.from_settings(settings),
                         open_engine=lambda: nullcontext(engine), log=lambda m: None, **kw)


def hits_of(engine, query, dossier=None):
    from assistant.retrieve import search
    from index.store import Filters

    return search(engine, query, "sparse", 10, Filters(dossier=dossier), understand=False)


def test_sync_lifecycle(tk_settings, fake):
    """First sync with faults, a retry of the failed file, a no-op re-run, then a deletion,
    a change and a move; another dossier's documents stay as they were."""
    from assistant.engine import Engine

    docs = dossier_22112(fake)
    other = fake.add(FakeDoc("0a1b2c3d-0000-4000-8000-0000000000ff", (36200, "XV"), 12, "Brief regering",
                             text_doc("werkgelegenheid"), titel="Begroting SZW", nummer="2025D99999"))
    fake.faults[docs["retry"].id] = [429]
    fake.faults[docs["brief"].id] = [500]
    fake.always[docs["broken"].id] = 404
    fake.retry_after = "0"
    eng = Engine(tk_settings)
    try:
        r0 = run_sync(tk_settings, eng, ["36200-XV"])
        assert (r0.listed, r0.downloaded, r0.indexed) == (1, 1, 1)

        r1 = run_sync(tk_settings, eng, ["22112"])
        assert r1.to_json() == {"dossiers": ["22112"], "listed": 5, "downloaded": 4, "unchanged": 0, "deleted": 0,
                                "failed": [{"id": docs["broken"].id, "reason": r1.failed[0]["reason"]}], "indexed": 4}
        assert "404" in r1.failed[0]["reason"]
        assert fake.resource_requests().count(docs["retry"].id) == 2  # a 429, then the file
        assert fake.resource_requests().count(docs["brief"].id) == 2  # a 500, then the file
        assert fake.resource_requests().count(docs["broken"].id) == 1  # a 404 is not retried
        # three pages of two: every absolute nextLink followed exactly as given
        pages = [p for p in fake.listing_requests() if "Nummer%20eq%2022112" in p]
        assert len(pages) == 3 and len(fake.next_links) == 2
        assert [fake.url + p for p in pages[1:]] == fake.next_links
        tk = Path(tk_settings.store) / "sources" / "tk"
        assert all(p.stat().st_mode & 0o777 == 0o644 for p in tk.iterdir() if p.is_file() and p.name[0] != ".")
        assert sorted(p.name for p in tk.iterdir() if not p.name.startswith(".")) == [
            "2025D11111.txt", "2025D22222.txt", "2025D33333.pdf", "2025D44444.txt", "2025D99999.txt"]

        # API metadata wins: dossier, date, title, type, indieners with fractie, DocumentNummer
        hit = next(h for h in hits_of(eng, "cyberreservebrigade") if h.chunk.document_number == "2025D11111")
        c = hit.chunk
        assert (c.dossier, c.date, c.doc_type) == ("22112-4018", "2025-03-12", "motie")
        assert c.title == ("Nieuwe Commissievoorstellen en initiatieven van de lidstaten van de Europese Unie; "
                           "Motie van het lid Kathmann over een Europese cyberreservebrigade")
        assert {"GL-PvdA", "D66"} <= set(c.actors) and "Kathmann (GroenLinks-PvdA)" in c.members
        assert hit.to_json()["document_number"] == "2025D11111"
        pdf = next(h.chunk for h in hits_of(eng, "digitale euro betaalinfrastructuur"))
        assert (pdf.dossier, pdf.date, pdf.doc_type) == ("22112", "2025-05-20", "verslag")  # Volgnummer -1
        brief = next(h.chunk for h in hits_of(eng, "zeewierteelt"))
        assert brief.date == "2025-04-01"  # the local date of 2025-04-01T00:00:00+02:00, not UTC's 03-31

        del fake.always[docs["broken"].id]
        n = len(fake.resource_requests())
        r2 = run_sync(tk_settings, eng, ["22112"])
        assert fake.resource_requests()[n:] == [docs["broken"].id]
        assert (r2.downloaded, r2.unchanged, r2.indexed, r2.failed) == (1, 4, 1, [])

        n = len(fake.resource_requests())
        r3 = run_sync(tk_settings, eng, ["22112"])
        assert fake.resource_requests()[n:] == []  # nothing changed: no file request
        assert (r3.listed, r3.downloaded, r3.unchanged, r3.deleted, r3.indexed) == (5, 0, 5, 0, 0)

        docs["motie"].verwijderd = True
        docs["retry"].api_gewijzigd_op = "2025-06-01T08:00:00.000+02:00"
        docs["retry"].body = text_doc("honingbijen en wilde bestuivers")
        docs["pdf"].dossier = (21501, "02")  # moved to another dossier
        n = len(fake.resource_requests())
        r4 = run_sync(tk_settings, eng, ["22112"])
        assert fake.resource_requests()[n:] == [docs["retry"].id]
        assert (r4.listed, r4.downloaded, r4.unchanged, r4.deleted, r4.indexed) == (3, 1, 2, 2, 1)
        assert not (tk / "2025D11111.txt").exists() and not (tk / "2025D33333.pdf").exists()
        assert not (tk / ".meta" / "2025D11111.txt.json").exists()
        assert not any(h.chunk.document_number in ("2025D11111", "2025D33333")
                       for q in ("cyberreservebrigade", "digitale euro") for h in hits_of(eng, q))
        assert any("honingbijen" in h.chunk.text for h in hits_of(eng, "honingbijen bestuivers"))
        assert not any("bijenstand" in h.chunk.text for h in hits_of(eng, "bijenstand"))
        kept = [h.chunk for h in hits_of(eng, "werkgelegenheid")]
        assert kept and kept[0].dossier == "36200-XV-12" and kept[0].document_number == other.nummer
    finally:
        eng.close()


def test_retries_honour_retry_after_and_back_off(fake):
    from index.tk.client import ClientOptions, TkApiError, TkClient

    dossier_22112(fake)
    fake.faults["0a1b2c3d-0000-4000-8000-000000000004"] = [429]
    fake.faults["0a1b2c3d-0000-4000-8000-000000000002"] = [500, 503]
    fake.always["0a1b2c3d-0000-4000-8000-000000000005"] = 404
    fake.retry_after = "7"
    slept: list[float] = []
    client = TkClient(ClientOptions(api_url=fake.url, delay_s=0, backoff_s=0.5), sleep=slept.append)
    body, ctype = client.download("0a1b2c3d-0000-4000-8000-000000000004", None)
    assert b"bijenstand" in body and ctype == "text/plain" and slept == [7.0]
    slept.clear()
    client.download("0a1b2c3d-0000-4000-8000-000000000002", None)
    assert slept == [0.5, 1.0]  # doubling backoff
    with pytest.raises(TkApiError) as e:
        client.download("0a1b2c3d-0000-4000-8000-000000000005", None)
    assert e.value.status == 404
    fake.always["0a1b2c3d-0000-4000-8000-000000000005"] = 500
    with pytest.raises(TkApiError, match="HTTP 500 .gave up after 3 attempts"):
        TkClient(ClientOptions(api_url=fake.url, delay_s=0, retries=2, backoff_s=0), sleep=slept.append).download(
            "0a1b2c3d-0000-4000-8000-000000000005", None)


def test_size_is_checked_against_content_length(fake):
    from index.tk.client import ClientOptions, TkApiError, TkClient

    dossier_22112(fake)
    client = TkClient(ClientOptions(api_url=fake.url, delay_s=0, retries=1, backoff_s=0), sleep=lambda s: None)
    with pytest.raises(TkApiError, match="ContentLength says 99999"):
        client.download("0a1b2c3d-0000-4000-8000-000000000004", 99999)
    assert len(fake.resource_requests()) == 2  # a short body is retried like a broken connection


def test_delay_between_requests(fake):
    from index.tk.client import ClientOptions, DossierRef, TkClient

    dossier_22112(fake)
    slept: list[float] = []
    client = TkClient(ClientOptions(api_url=fake.url, delay_s=0.1), sleep=slept.append)
    client.list_documents(DossierRef.parse("22112"))
    assert client.requests == 3 and len(slept) == 2 and all(0 < s <= 0.1 for s in slept)


def test_listing_url_shape():
    import urllib.parse

    from index.tk.client import ClientOptions, DossierRef, TkClient

    c = TkClient(ClientOptions(api_url="https://gegevensmagazijn.tweedekamer.nl/"))
    url = c.listing_url(DossierRef.parse("36200-xv"), since="2025-01-01")
    parts = urllib.parse.urlsplit(url)
    q = dict(urllib.parse.parse_qsl(parts.query))
    assert parts.path == "/OData/v4/2.0/Document" and "$top" not in q
    assert q["$filter"] == ("Verwijderd eq false and Kamerstukdossier/any(k:k/Nummer eq 36200 and "
                            "k/Toevoeging eq 'XV') and Datum ge 2024-12-31T00:00:00Z")
    assert q["$expand"] == "DocumentActor,Kamerstukdossier"
    assert c.resource_url("ab-12") == "https://gegevensmagazijn.tweedekamer.nl/OData/v4/2.0/Document(ab-12)/resource"
    with pytest.raises(ValueError, match="--dossier 'kst-22112'"):
        DossierRef.parse("kst-22112")


def test_since_keeps_older_documents(tk_settings, fake):
    from assistant.engine import Engine

    docs = dossier_22112(fake)
    fake.always[docs["broken"].id] = 404
    with Engine(tk_settings) as eng:
        run_sync(tk_settings, eng, ["22112"])
        docs["motie"].verwijderd = True  # dated 2025-03-12: outside --since, so not known to be gone
        r = run_sync(tk_settings, eng, ["22112"], since="2025-04-01")
        assert (r.listed, r.deleted) == (2, 0)  # brief of 04-01 (local date) and verslag of 05-20
        assert any(h.chunk.document_number == "2025D11111" for h in hits_of(eng, "cyberreservebrigade"))


def test_cli_empty_dossier_leaves_store_as_it_was(tk_settings, fake, capsys, monkeypatch):
    from app import main

    monkeypatch.setenv("DOSSIERWIJZER_TK_DELAY_MS", "0")
    store = Path(tk_settings.store)
    dossier_22112(fake)
    fake.always["0a1b2c3d-0000-4000-8000-000000000005"] = 404
    args = ["--store", str(store), "--embedder", HASH_EMBEDDER, "--api-url", fake.url, "--json"]
    assert main(["sync", "--dossier", "22112", *args]) == 0
    first = json.loads(capsys.readouterr().out)
    assert list(first) == ["dossiers", "listed", "downloaded", "unchanged", "deleted", "failed", "indexed"]
    assert (first["listed"], first["indexed"]) == (5, 4)

    def snapshot():
        return {str(p.relative_to(store)): (p.stat().st_mtime_ns, p.read_bytes()) for p in store.rglob("*") if p.is_file()}

    before = snapshot()
    assert main(["sync", "--dossier", "12345", *args]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out == {"dossiers": ["12345"], "listed": 0, "downloaded": 0, "unchanged": 0, "deleted": 0,
                   "failed": [], "indexed": 0}
    assert snapshot() == before
    fresh = store.parent / "never-created"
    assert main(["sync", "--dossier", "12345", "--store", str(fresh), "--api-url", fake.url, "--json"]) == 0
    assert not fresh.exists()


def test_one_sync_per_store(tk_settings, fake, capsys):
    from app import main
    from index.tk.state import store_lock

    dossier_22112(fake)
    with store_lock(tk_settings.store):
        code = main(["sync", "--dossier", "22112", "--store", str(tk_settings.store), "--api-url", fake.url])
    assert code == 1
    assert "another sync is running on the store" in capsys.readouterr().err
    assert fake.log == []  # refused before any request


def test_summary_line_without_json(tk_settings, fake, capsys, monkeypatch):
    from app import main

    monkeypatch.setenv("DOSSIERWIJZER_TK_DELAY_MS", "0")
    docs = dossier_22112(fake)
    fake.always[docs["broken"].id] = 404
    assert main(["sync", "--dossier", "22112", "--store", str(tk_settings.store), "--embedder", HASH_EMBEDDER,
                 "--api-url", fake.url]) == 0
    out = capsys.readouterr().out
    assert out.startswith("dossier 22112: listed 5, downloaded 4, unchanged 0, deleted 0, failed 1, indexed 4")
    assert f"failed: {docs['broken'].id}: HTTP 404" in out


def test_killed_sync_resumes_without_downloading_finished_files(tk_settings, fake):
    """SIGKILL while the third file downloads; the next sync fetches only the rest and
    indexes the files the killed run had finished."""
    import os
    import signal
    import subprocess
    import sys
    import threading
    import time

    from assistant.engine import Engine
    from tests.conftest import REPO

    docs = dossier_22112(fake)
    fake.hold, fake.hold_after = threading.Event(), 2
    env = {**os.environ, "DOSSIERWIJZER_TK_DELAY_MS": "0", "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen([sys.executable, "-m", "assistant", "sync", "--dossier", "22112", "--store",
                             str(tk_settings.store), "--embedder", HASH_EMBEDDER, "--api-url", fake.url, "--json"],
                            cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 60
        while len(fake.resource_requests()) < 3 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.05)
        assert len(fake.resource_requests()) == 3, "the subprocess never reached the third file"
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
        fake.hold.set()
    order = [d.id for d in docs.values()]
    assert fake.resource_requests() == order[:3]
    n = len(fake.resource_requests())
    with Engine(tk_settings) as eng:
        r = run_sync(tk_settings, eng, ["22112"])
        assert fake.resource_requests()[n:] == order[2:]
        assert (r.downloaded, r.unchanged, r.indexed) == (3, 2, 5)
        hit = next(h.chunk for h in hits_of(eng, "cyberreservebrigade"))
        assert (hit.dossier, hit.document_number) == ("22112-4018", "2025D11111")


def test_a_store_that_cannot_be_opened_stops_before_any_download(tk_settings, fake):
    from index.tk.client import ClientOptions
    from index.tk.sync import sync_dossiers

    dossier_22112(fake)

    def busy():
        raise RuntimeError("the store is in use by another process")

    with pytest.raises(RuntimeError, match="in use"):
        sync_dossiers(["22112"], tk_settings.store, ClientOptions.from_settings(tk_settings), open_engine=busy)
    assert fake.resource_requests() == [] and len(fake.listing_requests()) == 3
