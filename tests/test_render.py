"""Formatting helpers, without a server: assertions on the produced content."""
from __future__ import annotations

from assistant import render
from assistant.types import Answer, Citation, Hit
from index.types import Chunk

PASSAGE = ("In de eerste sessie sprak het voorzitterschap. Veel lidstaten, waaronder Nederland, verwelkomden de "
           "herziening van de Blueprint Cyber. Daarna volgde een lunch.")
QUOTE = "Veel lidstaten, waaronder Nederland, verwelkomden de herziening van de Blueprint Cyber."


def make_chunk(**kw) -> Chunk:
    base = dict(chunk_id="a" * 32, doc_id="doc-1", text=PASSAGE, position=0, page=3, section="Werksessie I",
                actors=["Nederland", "Lidstaten"], title="Verslag EU-Raad cyber", date="2025-03-12",
                doc_type="verslag", dossier="22112-4018", source_path="/data/verslag.pdf")
    base.update(kw)
    return Chunk(**base)


def make_answer(answered: bool = True, lang: str = "nl") -> Answer:
    c = Citation(1, make_chunk(), QUOTE)
    text = f"Volgens de bronnen bracht Nederland het volgende in:\n- “{QUOTE}” [1]"
    return Answer(text, answered, lang, [c] if answered else [])


def test_highlight_marks_only_the_cited_sentence():
    out = render.highlight(PASSAGE, QUOTE)
    assert f"<mark>{QUOTE}</mark>" in out
    assert "<mark>In de eerste sessie" not in out and "<mark>Daarna" not in out


def test_highlight_escapes_html_in_the_passage():
    out = render.highlight("Zie <script>x</script>. Nederland steunt dit voorstel van harte.",
                           "Nederland steunt dit voorstel van harte.")
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "<mark>Nederland steunt dit voorstel van harte.</mark>" in out


def test_sources_html_has_title_type_date_dossier_page_actor_and_link():
    out = render.sources_html(make_answer())
    for text in ("Verslag EU-Raad cyber", "Type</b> verslag", "Datum</b> 2025-03-12", "Dossier</b> 22112-4018",
                 "Actor</b> Nederland, Lidstaten", "Pagina</b> 3"):
        assert text in out, text
    assert 'href="source/' + "a" * 32 + '#page=3"' in out  # PDF opens at the cited page
    assert 'id="source-1"' in out and "<mark>" in out


def test_sources_html_for_a_turn_uses_turn_ids_and_no_pdf_page_for_txt():
    ans = make_answer()
    ans.citations[0].chunk.source_path = "/data/verslag.txt"
    out = render.sources_html(ans, turn=2, lang="en")
    assert 'id="src-2-1"' in out and "#page=" not in out and "View document" in out
    # a TXT opens in the document view at the cited passage; the file itself is the second link
    assert 'href="passage/' + "a" * 32 + "?q=Veel%20lidstaten" in out and '#cited"' in out
    assert 'class="download" href="source/' + "a" * 32 + '"' in out and "Download original" in out


def test_answer_markdown_makes_chips_and_a_list():
    out = render.answer_markdown(make_answer(), turn=0)
    assert '<sup class="cite" role="button" tabindex="0" data-n="1" data-turn="0">[1]</sup>' in out
    assert out.count("<li>") == 1 and "Volgens de bronnen" in out
    plain = render.answer_markdown(make_answer())
    assert 'data-n="1"' in plain and "data-turn" not in plain


def test_answer_markdown_escapes_markup():
    ans = Answer("<img src=x onerror=alert(1)> [1]", True, "nl")
    out = render.answer_markdown(ans)
    assert "<img" not in out and "&lt;img" in out


def test_export_markdown_resolves_citations_without_paths_escaped_with_blockquotes():
    md = render.export_markdown([("Wat bracht Nederland in?", make_answer())])
    assert "**Vraag:** Wat bracht Nederland in?" in md
    assert "[1] Verslag EU-Raad cyber, 2025-03-12, dossier 22112-4018, p. 3, Nederland/Lidstaten\n" in md
    assert "/data/" not in md and "verslag.pdf" not in md  # no server paths
    assert f"\n> {QUOTE}\n" in md and "    >" not in md  # a blockquote, not an indented code block
    evil = render.export_markdown([("<img src=x onerror=alert(1)> *vet*", make_answer())])
    assert "<img" not in evil and "&lt;img src=x onerror=alert\\(1\\)&gt; \\*vet\\*" in evil


def test_export_and_conversation_show_the_searched_question_and_the_note():
    ans = make_answer()
    ans.searched = "Wat vond de VVD van de Blueprint Cyber?"
    hist = [("En wat vond de VVD daarvan?", ans, "3 documenten zonder datum niet doorzocht (datumfilter)")]
    conv = render.conversation_html(hist, "nl")
    assert '<div class="searched">Gezocht: Wat vond de VVD van de Blueprint Cyber?</div>' in conv
    assert "3 documenten zonder datum niet doorzocht" in conv and 'id="conv-turn-0" data-turn="0"' in conv
    md = render.export_markdown(hist)
    assert "*Gezocht:* Wat vond de VVD van de Blueprint Cyber?" in md and "zonder datum" in md


def test_filter_chips_show_every_active_filter_with_a_clear_button():
    from index.store import Filters

    assert render.filter_chips_html(Filters(), "nl") == ""
    out = render.filter_chips_html(Filters(dossier="22112", actor="VVD", date_from="2024-01-01"), "nl")
    assert "Dossier: <b>22112</b>" in out and "Actor / fractie: <b>VVD</b>" in out and "Datum vanaf: <b>2024-01-01</b>" in out
    assert out.count('class="fchip-x"') == 3 and 'data-field="all"' in out
    assert "&lt;b&gt;" in render.filter_chips_html(Filters(actor="<b>"), "nl")


def test_conversation_and_panel_show_refusal_pending_and_older_turns():
    refused = Answer("Dit staat niet in de bronnen.", False, "nl")
    hist = [("eerste vraag", make_answer()), ("tweede vraag", refused)]
    conv = render.conversation_html(hist, "nl", pending="derde vraag")
    assert 'class="answer refused"' in conv and "zoeken…" in conv and "derde vraag" in conv
    panel = render.sources_panel_html(hist, "nl")
    # newest turn first and open; the older turn's sources folded but present for its chips
    assert panel.index('id="turn-1" open') < panel.index('id="turn-0"')
    assert 'id="src-0-1"' in panel and "Geen bronnen" in panel


def test_empty_states_and_english_labels():
    assert "Stel een vraag" in render.conversation_html([], "nl")
    assert "Ask a question" in render.conversation_html([], "en")
    from assistant.ui.labels import LABELS

    assert render.labels("fr") is LABELS["nl"] and set(LABELS["nl"]) == set(LABELS["en"])
    assert "extractive" in render.header_html("extractive", 3, "en") and "3 documents" in render.header_html("extractive", 3, "en")


def test_related_html_shows_similarity_and_metadata():
    out = render.related_html([Hit(make_chunk(), 0.87654)], "nl")
    assert "0.877" in out and "Verslag EU-Raad cyber" in out and "22112-4018" in out
    assert "Geen gerelateerde" in render.related_html([], "nl")


def test_terminal_rendering_lists_sources():
    out = render.render_answer_text(make_answer())
    assert "Bronnen:" in out and "[1] Verslag EU-Raad cyber" in out and "/data/verslag.pdf" in out


def test_citation_label_names_whose_words_the_quote_is():
    """The source line names the voices the answer attributed the quote to (a motie's indieners
    and their parties), not the chunk's raw actor list with its joined duplicates."""
    ch = Chunk("c1", "d1", "verzoekt de regering ...", 0, None, "", ["Inge van Dijk", "Dijk", "Inge van Dijk, Dijk"],
               "MOTIE VAN DE LEDEN INGE VAN DIJK EN DIJK", "2024-06-13", "motie", "31066-1403", "/x/m.xml")
    label = render.citation_label(Citation(1, ch, "verzoekt de regering ...", ["Inge van Dijk", "Dijk", "CDA", "SP"]))
    assert label.endswith("dossier 31066-1403, Inge van Dijk/Dijk/CDA/SP")
    assert render.citation_label(Citation(1, ch, "x")).endswith("Inge van Dijk/Dijk/Inge van Dijk, Dijk")  # none attributed
    ans = Answer("x [1]", True, "nl", [Citation(1, ch, "verzoekt de regering ...", ["Inge van Dijk", "Dijk", "CDA", "SP"])])
    assert "Actor</b> Inge van Dijk, Dijk, CDA, SP<" in render.sources_html(ans)
