"""The Documenten tab's "Dossier ophalen" box (assistant/ui/sync.py) against the fake API."""
from __future__ import annotations

import pytest

from tests.fake_tk import FakeTK
from tests.test_tk_sync import dossier_22112


@pytest.fixture
def fake():
    f = FakeTK(page_size=3).start()
    yield f
    f.stop()


def test_fetch_box_syncs_into_the_ui_engine(make_settings, fake):
    from assistant.engine import Engine
    from assistant.ui.handlers import document_rows
    from assistant.ui.sync import parse_dossiers, sync_in_ui

    assert parse_dossiers(" 22112, 36200-XV\n21501-02 ") == ["22112", "36200-XV", "21501-02"]
    docs = dossier_22112(fake)
    fake.always[docs["broken"].id] = 404
    steps = []
    with Engine(make_settings(tk_api_url=fake.url, tk_delay_ms=0)) as eng:
        md = sync_in_ui(eng, "22112", lambda phase, done, total: steps.append((phase, done, total)))
        assert md.startswith("**Dossier 22112**: 5 documenten in de API, 4 opgehaald, 0 ongewijzigd, 0 verwijderd, 4 geïndexeerd.")
        assert f"`{docs['broken'].id}`: HTTP 404" in md
        assert steps[:6] == [("download", i, 5) for i in range(6)] and steps[-1] == ("ingest", 1, 1)
        assert "22112-4018" in [row[3] for row in document_rows(eng)]  # the API's dossier, listed
        assert sync_in_ui(eng, "  ") == "⚠️ Geef een dossiernummer."
        assert "expected a dossier number" in sync_in_ui(eng, "kst-1")


def test_fetch_box_reports_an_unreachable_api(make_settings):
    from assistant.engine import Engine
    from assistant.ui.sync import sync_in_ui
    from tests.conftest import free_port

    settings = make_settings(tk_api_url=f"http://127.0.0.1:{free_port()}", tk_delay_ms=0, tk_retries=1, tk_backoff_s=0)
    with Engine(settings) as eng:
        md = sync_in_ui(eng, "22112")
    assert md.startswith("⚠️ http://127.0.0.1:") and "gave up after 2 attempts" in md


def test_docs_tab_has_the_fetch_box(make_settings):
    from assistant.engine import Engine
    from assistant.ui import build_blocks

    with Engine(make_settings()) as eng:
        demo = build_blocks(eng)
    names = {getattr(fn, "api_name", None) for fn in demo.fns.values()}
    assert {"fetch_dossier", "upload"} <= names
