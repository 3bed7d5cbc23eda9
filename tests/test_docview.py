"""The document view (/passage/{chunk_id}) rendered without a server."""
from __future__ import annotations

import pytest

from tests.conftest import SAMPLE


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    from assistant.engine import Engine
    from assistant.settings import Settings
    from tests.fakes import HASH_EMBEDDER

    with Engine(Settings(store=tmp_path_factory.mktemp("docview"), embedder=HASH_EMBEDDER)) as eng:
        eng.ingest([SAMPLE], progress=False)
        yield eng


def _chunk_with(engine, words: str):
    return next(p for p in engine.store.scroll() if words in p["text"])


def test_page_shows_the_whole_document_with_the_quote_marked(engine):
    from assistant.ui.docview import document_page

    p = _chunk_with(engine, "Veel lidstaten, waaronder Nederland")
    quote = "Veel lidstaten, waaronder Nederland, verwelkomden de herziening van de Blueprint Cyber, riepen op tot het delen van kennis en informatie en benadrukten de noodzaak voor gecoördineerde, grensoverschrijdende responses voor gedegen cybercrisismanagement."
    page = document_page(engine, p["chunk_id"], quote)
    cited = page.split('id="cited"')[1].split("</section>")[0]
    assert page.count('id="cited"') == 1 and "<mark>Veel lidstaten, waaronder Nederland" in cited
    assert page.count('class="passage') == len(engine.manifest.state_of_doc(p["doc_id"]).chunk_ids)
    assert "2025 verslag eu raad cyber werksessies" in page.split("</h1>")[0]
    assert page.count("2. Werklunch: Civiel-militaire samenwerking") == 1  # no heading twice
    assert "<script" not in page and 'href="../source/' + p["chunk_id"] + '"' in page


def test_quote_text_is_escaped(engine):
    from assistant.ui.docview import document_page

    p = _chunk_with(engine, "Veel lidstaten")
    page = document_page(engine, p["chunk_id"], "<script>alert(1)</script>")
    assert "<script>" not in page


def test_unknown_passage_is_a_user_error(engine):
    from assistant.ui.docview import document_page
    from index.errors import UserError

    with pytest.raises(UserError, match="no passage with chunk id"):
        document_page(engine, "f" * 32)
