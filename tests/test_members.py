"""Members of parliament in questions and sources (issue 12, actor questions): a surname the
store's speakers carry names the member, a member matches their VLOS label, a party its
members' labels, and Kamervragen are the asking member's words, their answers the kabinet's."""
from __future__ import annotations

from assistant.answer import compose
from assistant.query import query_actor
from assistant.types import Hit
from index.actors import actor_in, member_name, question_member, roster_from_speakers
from index.types import Chunk

SPEAKERS = ["Klaver (GroenLinks-PvdA)"] * 3 + ["Klaver (GroenLinks)", "Inge van Dijk (CDA)", "Dijk (SP)",
            "Postma (NSC)", "Brekelmans (minister van Defensie)", "De voorzitter", ""]


def test_roster_keeps_members_not_ministers():
    r = roster_from_speakers(SPEAKERS)
    assert r["klaver"] == ["Klaver (GroenLinks-PvdA)", "Klaver (GroenLinks)"]  # most frequent first
    assert r["van dijk"] == ["Inge van Dijk (CDA)"] and r["dijk"] == ["Dijk (SP)"]
    assert "brekelmans" not in r and "voorzitter" not in r


def test_a_question_names_a_member_by_surname():
    r = roster_from_speakers(SPEAKERS)
    assert question_member("Wat vroeg Klaver over Corendon?", r) == "Klaver (GroenLinks-PvdA)"
    assert question_member("Wat vroeg CDA-Kamerlid Inge van Dijk over DigiD?", r) == "Inge van Dijk (CDA)"
    assert question_member("Wat zei Dijk over de zorg?", r) == "Dijk (SP)"
    assert question_member("Hoe dijk je een polder in?", r) is None  # a lower-case word is no name
    # the member is more precise than the party the question also names; another party stays
    assert query_actor("Waar schrok NSC-Kamerlid Postma van?", r) == "Postma (NSC)"
    assert query_actor("Wat vindt de VVD van het voorstel van Postma?", r) == "VVD"
    assert query_actor("Wat vindt de VVD?", None) == "VVD"
    # a member named before an institution is the subject; named after it, the institution is
    assert query_actor("Wat vond Klaver van Rutte als minister-president?", r) == "Klaver (GroenLinks-PvdA)"
    assert query_actor("Wat antwoordde de minister op de vragen van Klaver?", r) == "Kabinet"


def test_actor_in_matches_members_and_parties():
    assert actor_in("Kathmann", ["Kathmann (GroenLinks-PvdA)"])
    assert actor_in("Klaver (GroenLinks-PvdA)", ["Klaver"])
    assert actor_in("VVD", ["Van Campen (VVD)"])
    assert not actor_in("VVD", ["Brekelmans (minister van Defensie)"]) and not actor_in("Klaver", ["Dijk (SP)"])
    assert member_name("Inge van Dijk (CDA)") == "Inge van Dijk"


def _antwoord(text: str) -> Hit:
    c = Chunk("a1", "d1", text, 0, None, "", [], "Antwoord op vragen van het lid Klaver over Corendon", None,
              "antwoord", None, "/x/a.pdf")
    return Hit(c, 1.0)


TEXT = ("Vraag 1\n\nBent u bekend met het bericht dat Corendon Russische toeristen naar Turkije vliegt?\n\n"
        "Antwoord 1\n\nJa, het kabinet is bekend met het bericht over Corendon en de vluchten naar Turkije.")


def test_kamervragen_are_the_askers_words_and_the_answers_the_kabinets(make_settings):
    asked = compose("Wat vroeg Klaver over Corendon?", [_antwoord(TEXT)], [0.9], make_settings(), "nl",
                    "Klaver (GroenLinks-PvdA)")
    assert asked.answered and "Bent u bekend" in asked.answer and "Ja, het kabinet" not in asked.answer
    assert asked.citations[0].actors == ["Klaver"]
    reply = compose("Wat antwoordde het kabinet over Corendon?", [_antwoord(TEXT)], [0.9], make_settings(), "nl", "Kabinet")
    assert reply.answered and "Ja, het kabinet" in reply.answer and "Bent u bekend" not in reply.answer


def test_store_contents_are_counted_in_one_scroll_and_read_back_by_the_next_process(make_settings, tmp_path):
    """Document frequencies and the roster come from one scroll; a second engine on the same
    store (another process: a one-shot `ask`) reads both back instead of scrolling again."""
    from assistant.engine import Engine

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_text("De leden van de VVD-fractie vragen naar de rol van ENISA bij cybercrises in Europa.\n",
                                encoding="utf-8")
    with Engine(make_settings()) as eng:
        eng.ingest([docs], progress=False)
    with Engine(make_settings()) as eng:
        scrolls = []
        real = eng.store.scroll
        eng.store.scroll = lambda *a, **k: scrolls.append(1) or real(*a, **k)
        df, r = eng.doc_freq(), eng.roster()
        assert len(scrolls) == 1 and df.n == 1 and "enisa" in df.df and r == {}
        kinds = list(eng._contents().genre)  # per doc_type, counted in the same scroll
        genre = eng.genre_shares(kinds[0])
        assert len(kinds) == 1 and genre.get("enisa") == 1.0  # the one passage of its type holds it
    with Engine(make_settings()) as eng:
        eng.store.scroll = lambda *a, **k: (_ for _ in ()).throw(AssertionError("scrolled again"))
        assert eng.doc_freq().df == df.df and eng.roster() == r
        assert next(iter(eng._contents().genre.values())) == genre  # read back too


def test_kamervragen_askers_come_with_their_parties(make_settings):
    """"Vragen van de leden Ceder (ChristenUnie) en Dobbe (SP) aan ...": the asking members as
    labels, so a question about a party finds its members' questions ("Wat vroeg de SP ...")."""
    from index.metadata import askers_from_text

    assert askers_from_text("Vragen van de leden Ceder (ChristenUnie) en Dobbe (SP) aan de Ministers van "
                            "Buitenlandse Zaken (ingezonden 5 juni 2024).") == ["Ceder (ChristenUnie)", "Dobbe (SP)"]
    assert askers_from_text("Vragen van de leden Van Eijk en Aartsen (beiden VVD) aan de Staatssecretaris") == [
        "Van Eijk (VVD)", "Aartsen (VVD)"]
    assert askers_from_text("Vragen van het lid\nFaber-van de Klashorst(PVV) aan de Minister") == ["Faber-van de Klashorst (PVV)"]
    assert askers_from_text("De minister beantwoordt de vragen.") == []
    text = "Vraag 7\n\nKunt u in de Mensenrechtenraad een nieuwe poging doen tot onderzoek naar oorlogsmisdaden in Jemen?"
    chunk = Chunk("c1", "d1", text, 0, None, "", [], "Antwoord op vragen van de leden Ceder en Dobbe over Jemen", None,
                  "antwoord", None, "/x/kv.pdf", members=["Ceder (ChristenUnie)", "Dobbe (SP)"])
    ans = compose("Wat vroeg de SP over onderzoek naar oorlogsmisdaden in Jemen?", [Hit(chunk, 1.0)], [0.9],
                  make_settings(), "nl", "SP")
    assert ans.answered and "Mensenrechtenraad" in ans.answer and "SP" in ans.citations[0].actors


def test_an_institution_inside_a_motion_or_after_its_indiener_is_not_asked():
    # a motion is its members': an institution the question names after "motie" is its content
    assert query_actor("Welke motie vraagt hoeveel aardgas Nederland achter de hand moet houden?") is None
    assert query_actor("Which motion asks the government to ban disposable vapes?") is None
    assert query_actor("Wat vindt het kabinet van de motie over wegwerpvapes?") == "Kabinet"  # named first: asked
    # an indiener or asker named as such, before the institution, is the one asked
    assert query_actor("What does the Kathmann motion ask the government?") == "Kathmann"
    assert query_actor("Wat vroeg het lid Kathmann de regering?") == "Kathmann"
    assert query_actor("Wat vindt het kabinet van de motie-Kathmann?") == "Kabinet"


def _motie(members: list[str], text: str) -> Hit:
    c = Chunk("m1", "dm", text, 0, None, "", list(members), "MOTIE VAN DE LEDEN INGE VAN DIJK EN DIJK", None,
              "motie", None, "/x/kst-1-2.xml", members=list(members))
    return Hit(c, 1.0)


MOTIE = ("De Kamer,\n\ngehoord de beraadslaging,\n\nconstaterende dat de schadeafhandeling voor ouders uit de "
         "toeslagenaffaire vastloopt;\n\nverzoekt het kabinet met de digitale schaderoute voor ouders te stoppen,\n\n"
         "en gaat over tot de orde van de dag.")


def test_member_parties_come_from_the_roster_only_when_one_person_carries_the_name():
    from index.actors import member_parties

    r = roster_from_speakers(SPEAKERS + ["Jasper van Dijk (SP)"])
    assert member_parties("Inge van Dijk", r) == ["CDA"]  # the full name picks her among the two Van Dijks
    assert member_parties("Van Dijk", r) == []  # two people: no guess
    assert member_parties("Dijk", r) == ["SP"]
    assert member_parties("Klaver", r) == ["GL-PvdA", "GroenLinks"]  # one person, two fracties over time
    assert member_parties("Kathmann", r) == [] and member_parties("Dijk", None) == []
    assert member_parties("Dijk (SP)", r) == []  # labelled already: party_of's job


def test_a_motie_of_members_named_without_party_answers_for_their_parties(make_settings):
    """The indieners of a motie are named without party ("MOTIE VAN DE LEDEN INGE VAN DIJK EN
    DIJK"); the store's speaker labels give their parties, so "Wat wil het CDA ..." quotes it."""
    r = roster_from_speakers(SPEAKERS)
    q = "Wat wil het CDA met de schadeafhandeling voor ouders uit de toeslagenaffaire?"
    hit = _motie(["Inge van Dijk", "Dijk"], MOTIE)
    with_roster = compose(q, [hit], [0.9], make_settings(), "nl", "CDA", roster=r)
    assert with_roster.answered and "digitale schaderoute" in with_roster.answer
    assert "CDA" in with_roster.citations[0].actors
    without = compose(q, [hit], [0.9], make_settings(), "nl", "CDA")
    assert "digitale schaderoute" not in without.answer  # no party known: not the CDA's words


def test_actors_named_together_all_answer(make_settings):
    """"Wat willen SP en CDA ...": the second party is no topic word and its words answer too."""
    from assistant.query import co_actors

    assert co_actors("Wat willen SP en CDA veranderen aan de schadeafhandeling?", "SP") == ("CDA",)
    assert co_actors("Wat vinden D66, CDA en VVD van het plan?", "D66") == ("CDA", "VVD")
    assert co_actors("Wat wilden GroenLinks-PvdA en de Partij voor de Dieren?", "GL-PvdA") == ("PvdD",)
    assert co_actors("Wat vroeg de SP aan de minister en het CDA?", "SP") == ()  # "aan" between: no pair
    assert co_actors("Wat vroeg de SP?", "SP") == () and co_actors("Wat vroeg iemand?", None) == ()
    text = ("De leden van de SP-fractie willen dat de schadeafhandeling voor ouders sneller gaat. "
            "De leden van de CDA-fractie willen dat de schadeafhandeling voor ouders menselijker wordt. "
            "De leden van de VVD-fractie vinden dat de schadeafhandeling voor ouders te veel kost.")
    c = Chunk("h1", "dh", text, 0, None, "", ["SP", "CDA", "VVD"], "Verslag", None, "verslag", None, "/x/v.txt")
    q = "Wat willen SP en CDA veranderen aan de schadeafhandeling voor ouders?"
    both = compose(q, [Hit(c, 1.0)], [0.9], make_settings(), "nl", "SP", co_actors=("CDA",))
    assert both.answer.startswith("Volgens de bronnen brachten SP en CDA het volgende in:")
    assert "sneller" in both.answer and "menselijker" in both.answer and "te veel" not in both.answer
    one = compose(q, [Hit(c, 1.0)], [0.9], make_settings(), "nl", "SP")
    assert "sneller" in one.answer and "menselijker" not in one.answer


def test_the_source_a_question_names_is_the_asked_actor():
    """"volgens de motie-Koops/Postma", "according to the Commission": the question asks what
    that source says, also when it names another actor first."""
    q = "Onder welke voorwaarden mag Nederland volgens de motie-Koops/Postma meedoen aan Europese projecten?"
    assert query_actor(q) == "Koops"
    assert query_actor("Wat vindt Nederland volgens de Commissie?") == "Europese Commissie"
    assert query_actor("Welk crisisplan moet volgens de BBB leidend blijven?") == "BBB"
    assert query_actor("Wat vindt Nederland van de Commissie?") == "Nederland"  # no source named
