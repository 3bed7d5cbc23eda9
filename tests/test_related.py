"""Related passages (assistant/related.py, worth.py, subject.py): procedural turns and
fragments never shown, subject terms and `because`, the per-document cap, the dossier
spread, the fusion; and on the two seed documents with the real embedder."""
from __future__ import annotations

import json

import pytest

from assistant.related import RelatedHit, cap_and_spread, related, rrf
from assistant.subject import DocFreq, shared_terms, subject_terms, surface_forms
from assistant.types import Hit
from assistant.worth import content_words, worth_showing
from index.text import tokenize
from index.types import Chunk

# (passage text, worth showing?) — from VLOS verslagen, Handelingen and moties in the corpus
PROCEDURAL_TABLE = [
    ("De voorzitter: Dank u wel. Heeft u nog een vervolgvraag?", False),
    ("De voorzitter: Dank u wel. Ik zie een interruptie van mevrouw Piri.", False),
    ("De voorzitter: Dank u wel. Dan gaan we naar de heer Van Campen.", False),
    ("De voorzitter: Ik wil korte vragen en korte antwoorden, want we hebben nog veel sprekers vandaag.", False),
    ("Steun dus, zeker. Steun!", False),
    ("Dank u wel, voorzitter.", False),
    ("De voorzitter: Goedemiddag. Uw voorzitter was te laat, waarvoor excuses. We gaan beginnen.", False),
    ("Ik schors de vergadering tot 16.40 uur.", False),
    ("Aan de orde is de behandeling van agendapunt 3.", False),
    ("De Kamer, gehoord de beraadslaging, verzoekt de regering, en gaat over tot de orde van de dag. Kathmann Six Dijkstra",
     False),
    # a chair's turn that speaks to a subject at length is kept
    ("De voorzitter: Dank u wel. Voordat de minister antwoordt: de Kamer heeft vandaag uitgebreid gesproken over de "
     "afhankelijkheid van Amerikaanse clouddiensten, de DNS-keten van het .nl-domein bij SIDN, de bescherming van "
     "zeekabels, quantumveilige encryptie bij de Rijksoverheid en de positie van het NCSC tijdens een grote cybercrisis "
     "in Europa, en over de vraag welke Europese afspraken daarvoor nodig zijn en wie daarvoor betaalt.", True),
    ("De heer Paternotte (D66): Dank u wel, voorzitter. Ik wil beginnen met complimenten voor de NAVO-top. Je hoort "
     "namelijk van heel veel kanten dat die zeer geslaagd is, ook qua resultaat.", True),
    ("De Kamer, gehoord de beraadslaging, spreekt uit dat de volledige DNS-keten van het .nl-internetdomein in Nederland "
     "dient te draaien; verzoekt de regering om in overleg te gaan met SIDN en nationale cloudaanbieders, en gaat over "
     "tot de orde van de dag.", True),
    ("Deze leden steunen de roep om een robuuste en gediversifieerde Domain Name System (DNS)-infrastructuur. De roep om "
     "redundantie en soevereiniteit van het DNS geldt volgens hun voor alle onderdelen van onze kritieke digitale "
     "infrastructuur.", True),
]


@pytest.mark.parametrize("text,expected", PROCEDURAL_TABLE)
def test_procedural_turns_and_fragments_are_not_worth_showing(text, expected):
    assert worth_showing(text) is expected, (content_words(text), text)


def test_content_words_drop_speaker_label_and_formulas():
    assert content_words("De voorzitter: Dank u wel.") == 0
    motie = "De Kamer, gehoord de beraadslaging, verzoekt de regering de zeekabels te beschermen, en gaat over tot de orde van de dag."
    assert content_words(motie) == 4  # "de zeekabels te beschermen": the formulas are gone
    assert content_words("De heer Six Dijkstra (NSC): De zeekabels op de Noordzeebodem moeten beter worden beschermd.") == 9


def _df() -> DocFreq:
    texts = ["De minister spreekt over de begroting en de Kamer."] * 40 + [
        "De DNS-keten van het .nl-domein draait deels bij Amazon; SIDN beheert het domein.",
        "SIDN en de DNS-infrastructuur in Nederland.",
        "Zeekabels naar de Verenigde Staten.",
    ]
    return DocFreq.from_texts(texts)


def test_subject_terms_prefer_rare_terms_and_keep_surface_forms():
    df = _df()
    terms = subject_terms("De minister wil dat SIDN de DNS-keten van het .nl-domein in Nederland houdt, zegt de minister.", df, 8)
    stems = [t.stem for t in terms]
    assert "minist" not in stems and "minister" not in stems  # genre word, not subject
    surfaces = {t.surface for t in terms}
    assert {"SIDN", "DNS"} <= surfaces
    assert df.idf("sidn") > df.idf(tokenize("begroting")[0])


def test_subject_query_weights_terms_by_their_subject_weight():
    """related.weighted_terms: the source's most distinctive term leads the BM25 query, a
    term it barely carries counts for little (with 1.0 each, "spreekt" counted as much as "SIDN")."""
    from assistant.related import subject_query
    from assistant.subject import Term
    from index.bm25 import term_index

    terms = [Term("sidn", 3.0, "SIDN"), Term("dns", 1.5, "DNS"), Term("spreek", 0.3, "spreekt")]
    flat, weighted = subject_query(terms), subject_query(terms, weighted=True)
    assert flat.values == [1.0, 1.0, 1.0] and flat.indices == weighted.indices
    w = dict(zip(weighted.indices, weighted.values))
    assert w[term_index("sidn")] == 1.0 and w[term_index("dns")] == 0.5 and abs(w[term_index("spreek")] - 0.1) < 1e-9


def test_subject_terms_leave_out_words_common_within_the_sources_genre():
    """"spreekt uit dat", "gehoord de beraadslaging", a Kamervragen page header: rare enough
    corpus-wide, common within the source's document type, and no subject: with
    max_genre_share such terms stay out."""
    df = _df()
    text = "spreekt uit dat de DNS-keten in Nederland moet draaien; verzoekt in overleg met SIDN te gaan"
    spreekt, keten = tokenize("spreekt")[0], tokenize("keten")[0]
    genre = {spreekt: 0.4, keten: 0.2, "sidn": 0.02}
    plain = {t.stem for t in subject_terms(text, df, 12)}
    assert spreekt in plain and keten in plain
    kept = {t.stem for t in subject_terms(text, df, 12, genre=genre, max_genre_share=0.1)}
    assert spreekt not in kept and keten not in kept and {"sidn", "dns"} <= kept
    assert {t.stem for t in subject_terms(text, df, 12, genre=genre, max_genre_share=0.0)} == plain  # 0 = off


def test_because_lists_shared_subject_terms_in_surface_form():
    df = _df()
    terms = subject_terms("Deze leden steunen een robuuste DNS-infrastructuur. Overleg met SIDN over DNS-diversificatie.", df, 8)
    because = shared_terms(terms, "verzoekt de regering met SIDN in overleg te gaan over de dns-keten", 5)
    assert because[:2] in (["DNS", "SIDN"], ["SIDN", "DNS"])
    assert shared_terms(terms, "Zeekabels naar de Verenigde Staten.", 5) == []


def test_surface_forms_prefer_capitalised_acronyms():
    forms = surface_forms("de dns en de DNS, en het DNS-beleid")
    assert forms["dns"] == "DNS"


def _hit(cid: str, doc: str, dossier: str | None, score: float, text: str | None = None) -> Hit:
    c = Chunk(cid, doc, text or f"tekst {cid}", 0, None, "", [], f"titel {doc}", "2025-01-01", "motie", dossier, f"/c/{doc}.xml")
    return Hit(c, score)


def test_cap_keeps_at_most_n_per_document_and_drops_repeated_texts():
    hits = [_hit("a1", "A", "1", .9), _hit("a2", "A", "1", .8), _hit("b1", "B", "2", .7),
            _hit("c1", "C", "3", .6, text="tekst b1"), _hit("a3", "A", "1", .5)]
    out = cap_and_spread(hits, 10, max_per_doc=1)
    assert [h.chunk.chunk_id for h in out] == ["a1", "b1"]
    assert [h.chunk.chunk_id for h in cap_and_spread(hits, 10, max_per_doc=2)] == ["a1", "a2", "b1"]


def test_other_dossiers_results_spread_over_dossiers():
    hits = [_hit("x1", "X1", "26643-1", .9), _hit("x2", "X2", "26643-2", .8), _hit("x3", "X3", "26643-3", .7),
            _hit("y1", "Y1", "21501-33-1", .6), _hit("z1", "Z1", None, .5)]
    out = cap_and_spread(hits, 4, max_per_doc=1, max_per_dossier=2)
    assert [h.chunk.chunk_id for h in out] == ["x1", "x2", "y1", "z1"]
    # when no other dossier has passages left, the dossier fills up again
    assert [h.chunk.chunk_id for h in cap_and_spread(hits[:3], 3, 1, 2)] == ["x1", "x2", "x3"]


def test_rrf_weights_and_ranks():
    fused = rrf([["a", "b", "c"], ["c", "a"]], [1.0, 2.0], k=10)
    assert [k for k, _ in fused] == ["c", "a", "b"]
    assert fused[0][1] == pytest.approx(1 / 13 + 2 / 11)


def test_related_hit_json_has_because_and_keeps_hit_keys():
    h = RelatedHit(_hit("a1", "A", "1", .5).chunk, .5, ["DNS", "SIDN"])
    js = h.to_json()
    assert js["because"] == ["DNS", "SIDN"]
    assert set(Hit(h.chunk, .5).to_json()) | {"because"} == set(js)


# --- integration: the two seed documents, the real embedder and store ------------------

def test_related_from_the_dns_passage_shows_subject_terms(seed_engine):
    from assistant.retrieve import search
    from index.store import Filters

    src = search(seed_engine, "DNS-diversificatie publieke DNS-capaciteit", filters=Filters(actor="BBB"))[0]
    rel = related(seed_engine, chunk_id=src.chunk.chunk_id, top_k=5)
    assert rel and all(isinstance(h, RelatedHit) for h in rel)
    assert all(h.chunk.doc_id != src.chunk.doc_id for h in rel)
    assert any(h.because for h in rel)
    from assistant.related import neighbours

    context = " ".join([src.chunk.text, src.chunk.title] + [c.text for c in neighbours(seed_engine, src.chunk, 1)]).lower()
    for h in rel:  # the shared terms really occur in the hit and in the source passage or its context
        for term in h.because:
            assert term.lower() in context and term.lower() in h.chunk.text.lower()


def test_no_procedural_passage_or_fragment_in_any_top5_of_the_seed_store(seed_engine):
    sources = list(seed_engine.store.scroll())
    assert len(sources) > 10
    for p in sources:
        for h in related(seed_engine, chunk_id=p["chunk_id"], top_k=5):
            assert worth_showing(h.chunk.text, h.chunk.speaker, 12), h.chunk.text
            assert content_words(h.chunk.text) >= 12


def test_related_per_document_cap_from_settings(seed_engine):
    src = next(iter(seed_engine.store.scroll()))
    for cap in (1, 2):
        eng = seed_engine.derive(related_max_per_doc=cap)
        rel = related(eng, chunk_id=src["chunk_id"], top_k=8)
        per_doc = {}
        for h in rel:
            per_doc[h.chunk.doc_id] = per_doc.get(h.chunk.doc_id, 0) + 1
        assert rel and max(per_doc.values()) <= cap


def test_related_cli_json_carries_because(tmp_path, capsys):
    from app import main
    from tests.conftest import SAMPLE
    from tests.fakes import HASH_EMBEDDER

    common = ["--store", str(tmp_path / "s"), "--embedder", HASH_EMBEDDER]
    assert main(["ingest", str(SAMPLE), "--no-progress", *common]) == 0
    capsys.readouterr()
    assert main(["search", "DNS-diversificatie SIDN", "--json", *common]) == 0
    src = json.loads(capsys.readouterr().out)["hits"][0]
    assert main(["related", src["chunk_id"], "--json", *common]) == 0
    hits = json.loads(capsys.readouterr().out)["hits"]
    assert hits and all({"because", "title", "dossier", "date", "doc_type", "text"} <= set(h) for h in hits)
    assert any(h["because"] for h in hits)
    assert all(h["doc_id"] != src["doc_id"] for h in hits)


def test_related_cards_show_title_dossier_group_and_because_chips():
    from assistant import render

    a = RelatedHit(_hit("a1", "A", "26643-1317", .12).chunk, .12, ["DNS", "SIDN"])
    b = RelatedHit(_hit("b1", "B", "21501-33-1155", .10).chunk, .10, ["cloud"])
    nameless = Chunk("c" * 32, "D", "tekst", 0, None, "", [], "00fe7edd-24c8-4857-98da-774ed3b06836.pdf", None,
                     "antwoord", None, "/c/00fe7edd-24c8-4857-98da-774ed3b06836.pdf")
    out = render.related_html([a, b, RelatedHit(nameless, .05, [])], "nl")
    assert out.index("Dossier 26643") < out.index("Dossier 21501-33") < out.index("Zonder dossiernummer")
    assert '<span class="because-chip">DNS</span><span class="because-chip">SIDN</span>' in out
    assert "titel A" in out and "Gedeelde onderwerpen" in out
    import re

    visible = re.sub(r"<[^>]+>", " ", out)
    assert "c" * 32 not in visible  # never a bare hash (only in the link target)
    assert "antwoord" in render.display_title(nameless)


def test_reference_lists_are_not_worth_showing_and_footnotes_never_quoted(make_settings):
    """The reference pages of a report ("173 ‘Overzicht wetten ...’, ACM, n.d.") name sources;
    they say nothing on a subject, so they are no related result and no answer."""
    from assistant.answer import compose
    from assistant.types import Hit
    from assistant.worth import is_footnote, mostly_references, worth_showing
    from index.types import Chunk

    refs = ("172 ‘Digital Services Act: keeping us safe online’, Europese Commissie, n.d.\n"
            "173 ‘Overzicht wetten en regels voor online platforms’, Autoriteit Consument & Markt, n.d.\n"
            "174 ‘Volt Typhoon targets US critical infrastructure’, https://www.microsoft.com/security")
    assert mostly_references(refs) and not worth_showing(refs)
    body = ("De Autoriteit Consument & Markt ziet toe op de regels voor online platforms en treedt op tegen "
            "misleiding van consumenten door grote aanbieders.")
    assert not mostly_references(body) and worth_showing(body)
    assert is_footnote("173 ‘Overzicht wetten en regels voor online platforms’, Autoriteit Consument & Markt, n.d.")
    assert not is_footnote("12 gemeenten hebben gereageerd op de vragen van de Kamer.")
    hit = Hit(Chunk("c0", "d0", refs + "\n\n" + body, 0, None, "", [], "Cybersecuritybeeld", None, "document", None,
                    "/x/c.pdf"), 1.0)
    ans = compose("Welke regels gelden voor online platforms?", [hit], [0.9], make_settings(), "nl", None)
    assert ans.answered and "n.d." not in ans.answer and "toe op de regels voor online platforms" in ans.answer
