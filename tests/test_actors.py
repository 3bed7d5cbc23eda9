"""Actor attribution on real sentences of the two seed documents (table-driven), query
actor detection, section headings, aliases, and properties on arbitrary text."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.actors import (
    OTHER_ACTORS,
    PARTIES,
    chunk_actors,
    detect_query_actor,
    fractie_subject,
    normalize_actor,
    party_of,
    section_actor,
    sentence_actors,
)
from index.sentences import split_sentences
from tests.conftest import INBRENG, VERSLAG

EC = "Europese Commissie"
NL = "Nederland"
LS = "Lidstaten"
VZ = "Voorzitterschap"
KAB = "Kabinet"


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _sentences(path) -> list[str]:
    return [_flat(s) for s in split_sentences(path.read_text(encoding="utf-8"))]


VERSLAG_SENTENCES = _sentences(VERSLAG)
INBRENG_SENTENCES = _sentences(INBRENG)

# The verslag: no sections, so no context actor; sentences verbatim from the seed.
VERSLAG_TABLE: list[tuple[str, list[str]]] = [
    ("In de eerste sessie schetste het Poolse voorzitterschap en de Europese Commissie (hierna: Commissie) een "
     "duidelijk beeld van digitale dreigingen en dagelijkse cyberaanvallen, merendeels vanuit Rusland.", [VZ, EC]),
    ("De digitale weerbaarheid van Europa is een topprioriteit van de Commissie en de Commissie gaf aan dat de "
     "herziening van de Blueprint Cyber, het EU Cable Security Action Plan en het European Cyber Crisis Liaison "
     "Officers Network (ook wel: CyCLONe) hierbij van groot belang zullen zijn.", [EC]),
    ("De Commissie deed een oproep aan alle lidstaten om gebruik te maken van de beschikbare financiering om "
     "nationale cyberhubs op te richten.", [EC]),
    ("Veel lidstaten, waaronder Nederland, verwelkomden de herziening van de Blueprint Cyber, riepen op tot het "
     "delen van kennis en informatie en benadrukten de noodzaak voor gecoördineerde, grensoverschrijdende "
     "responses voor gedegen cybercrisismanagement.", [NL, LS]),
    ("Nederland specificeerde hierin, samen met een grote groep lidstaten, dat er een duidelijke verdeling van "
     "rollen en verantwoordelijkheden moet zijn, en dat dit gepaard gaat met het maximaal benutten van bestaande "
     "initiatieven en structuren en vereenvoudiging van het cyberlandschap.", [NL, LS]),
    ("Daarnaast benadrukten verschillende lidstaten het belang van gemeenschappelijk crisissimulaties en "
     "oefeningen, tussen lidstaten en ook in samenwerking met de NAVO.", [LS]),
    ("Enkele lidstaten riepen op tot uitgebreidere publiek-private samenwerking vanwege de grote invloed van "
     "private partijen op onze cyberveiligheid en de veiligheid van onze kritieke infrastructuur.", [LS]),
    ("Tijdens de besloten werklunch opende het Poolse voorzitterschap met het benadrukken van het belang van "
     "gedegen civiel-militaire samenwerking.", [VZ]),
    ("De Commissie benoemde de overlap tussen civiele en militaire doelen van cyberdreigingen.", [EC]),
    ("Veel civiele infrastructuur is ook voor een militaire context relevant.", []),
    ("Daarom is het belangrijk dat lidstaten met een integrale blik risk assessments doen op alle kritieke "
     "infrastructuur en ook rekening houden met deze overlap in de inzet om het industriële "
     "concurrentievermogen van de EU te versterken.", []),
    ("Het doel is om tijdens crises snel te kunnen handelen, met een grote rol voor de Blueprint Cyber en "
     "samenwerking tussen de EU en de NAVO.", []),
    ("Een kleine groep lidstaten nam tijdens de lunch het woord.", [LS]),
    ("Nederland benadrukte het belang voor toekomstbestendig beleid dat civiel-militaire samenwerking versterkt, "
     "waarbij duplicatie tussen beide domeinen wordt voorkomen, een punt dat door meerdere lidstaten werd "
     "benoemd.", [NL]),
    ("Een aantal lidstaten, waaronder Nederland, gaf aan dat er winst te behalen is door het verminderen van de "
     "complexiteit van het cyberlandschap.", [NL, LS]),
    ("Voor een aantal lidstaten zou dit erg helpen bij het beschermen van kritieke infrastructuur.", []),
    ("Een enkele lidstaat gaf aan al vergevorderde operationele samenwerking te hebben tussen civiele en "
     "militaire partijen.", [LS]),
    ("Het Poolse voorzitterschap concludeerde met een oproep om meer te investeren in het Europese "
     "Kenniscentrum voor Cyberbeveiliging (ECCC), om meer onderzoek en kennisdeling te faciliteren.", [VZ]),
    ("Tijdens deze tweede werksessie stond de Europese interne markt voor cyberveiligheidsdiensten centraal.", []),
    ("Op het gebied van investeringen gaf de Commissie aan dat ENISA (EU-Agentschap voor cyberbeveiliging) en "
     "ECCC (Europees kenniscentrum voor cyberbeveiliging) lidstaten verder helpen met innovatie en investeringen "
     "op cyberveiligheidsgebied.", [EC]),
    ("Een grote groep lidstaten, benadrukte het belang van AI en kwantum oplossingen voor cyberveiligheid.", [LS]),
    ("Nederland legde nadruk op AI- gedreven systemen en post-quantum cryptografie om ook in de toekomst "
     "weerbaar te blijven tegen aanvallen.", [NL]),
    ("De Commissie ziet grote potentie in het gebruik van AI-fabrieken voor cyberveiligheid.", [EC]),
    ("In sommige EU-landen bieden AI-fabrieken hun capaciteit al aan om de meest geavanceerde AI modellen toe "
     "te passen op cyberveiligheidsvraagstukken.", []),
    ("In het komende InvestAI initiatief zal de Commissie hier verder op ingaan.", [EC]),
    ("Volgens de Commissie heeft de EU bovengemiddeld veel last van een gebrek aan vaardigheden en talent op "
     "cyberveiligheidsgebied, vergeleken met VS en Azië.", [EC]),
    ("In reactie hierop benadrukte een grote groep lidstaten, waaronder Nederland, het belang van "
     "talentontwikkeling voor de ontwikkeling van de markt van cyberdiensten.", [NL, LS]),
    ("Nederland vroeg specifiek aandacht voor het principe van cybersecurity-by-design, het beter benutten van "
     "het European Cybersecurity Competence Centre (ECCC) en het netwerk van nationale coördinatiecentra.", [NL]),
]

# The inbreng: the context actor is the fractie of the section the sentence is in.
INBRENG_TABLE: list[tuple[str, str | None, list[str]]] = [
    ("Binnen de vaste commissie voor Digitale Zaken hebben enkele fracties de behoefte om enkele vragen en "
     "opmerkingen voor te leggen aan de Minister van Justitie en Veiligheid over de brief «Fiche: Aanbeveling "
     "Blueprint Cyber» (Kamerstuk 22 112, nr. 4018).", None, []),
    ("De voorzitter van de commissie,", None, []),
    ("De leden van de PVV-fractie constateren allereerst dat het kabinet benadrukt dat de beheersing van "
     "incidenten en crises in eerste instantie bij de lidstaten zelf ligt, en dat pas bij een grootschalig "
     "grensoverschrijdend incident wordt overgegaan op EU-structuren.", "PVV", ["PVV"]),
    ("Daarbij stelt het kabinet dat de Blueprint explicieter moet aangeven dat nationale structuren leidend "
     "zijn.", "PVV", [KAB]),
    ("Wat gaat de Minister doen om ervoor te zorgen dat dit door de Commissie geborgd gaat worden?", "PVV", ["PVV"]),
    ("Komt Nederland eventueel zelf met een voorstel hiertoe?", "PVV", ["PVV"]),
    ("Daarnaast merken deze leden op dat het kabinet vragen stelt bij de inzet van gelden uit het Digital "
     "Europe Programme voor veilige communicatie, en verzoekt om verduidelijking over de wijze waarop dit "
     "gefinancierd kan worden binnen de bestaande budgettaire kaders.", "PVV", ["PVV"]),
    ("Tegelijkertijd spreekt het kabinet de wens uit dat de Blueprint handzaam en effectief in de praktijk "
     "wordt toegepast.", "PVV", [KAB]),
    ("Tot slot lezen de leden van de PVV-fractie dat het kabinet graag de betrokkenheid ziet van de NAVO bij "
     "oefeningen ter voorbereiding op een grootschalige cybercrisis, waarbij aandacht wordt behouden voor "
     "EU-lidstaten die niet bij de NAVO zijn aangesloten.", "PVV", ["PVV"]),
    # the GL-PvdA heading is missing: the sentence itself names the new fractie
    ("De leden van de GroenLinks-PvdA-fractie hebben kennisgenomen van de Blueprint Cyber en het bijbehorende "
     "BNC-fiche.", "PVV", ["GL-PvdA"]),
    ("Deze leden verwelkomen de stap richting een gecoördineerde EU-strategie voor het voorkomen en verhelpen "
     "van cybercrises.", "GL-PvdA", ["GL-PvdA"]),
    ("Zij willen meer informatie over de eisen die worden gesteld aan dergelijke communicatiemiddelen, welke "
     "alternatieven reeds beschikbaar zijn, en welke oplossingen Nederland te bieden heeft.", "GL-PvdA", ["GL-PvdA"]),
    ("Deze standaarden zouden evengoed moeten gelden voor cloudinfrastructuur, menen zij.", "GL-PvdA", ["GL-PvdA"]),
    ("De roep om redundantie en soevereiniteit van het DNS geldt volgens hun voor alle onderdelen van onze "
     "kritieke digitale infrastructuur.", "GL-PvdA", ["GL-PvdA"]),
    ("Welke netwerken betreft dit, en welke rol hebben maatschappelijke netwerken, zoals kerken, "
     "(sport)verenigingen en wijkteams, in de plannen van de Europese Commissie?", "GL-PvdA", ["GL-PvdA"]),
    ("De leden van de VVD-fractie vragen naar een nadere toelichting op de inzet van het kabinet ten aanzien "
     "van de versterkte publiek-private samenwerking bij de bestaande en nieuwe initiatieven.", "VVD", ["VVD"]),
    ("Deze leden vragen wat de inzet is van het kabinet ten aanzien van de uitwerking van de rollen, taken en "
     "bevoegdheden van de Europese Commissie en van ENISA, het Europees agentschap voor cybersecurity.",
     "VVD", ["VVD"]),
    ("Zij vragen verder of het kabinet kan nagaan of er een impact assessment zal worden gedaan door de "
     "Europese Commissie bij de herziening van de Blueprint, en zo niet, of dat alsnog kan worden gedaan.",
     "VVD", ["VVD"]),
    ("In het BNC-fiche geeft het kabinet aan: «Het kabinet hecht waarde aan een praktisch document dat ten "
     "tijde van crisis daadwerkelijk door de betrokken actoren zal worden geraadpleegd.»", "NSC", [KAB]),
    ("De leden van de NSC-fractie vragen hoe het kabinet hier in Nederland invulling aan zou willen geven?",
     "NSC", ["NSC"]),
    ("Het BNC-fiche stelt ook: «Het kabinet ziet daarom graag duidelijker opgenomen dat de nationale "
     "structuren leidend zijn.»", "NSC", [KAB]),
    ("Daarnaast blijkt uit het fiche niet welke instantie de rol van nationaal aanspreekpunt zal krijgen voor "
     "EU-crisisstructuren, zoals het «European Cyber Crisis Liaison Organisation Network» (EU-CyCLONe).",
     "NSC", ["NSC"]),
    ("Zij vragen het kabinet wie zij voor deze rol in Nederland in gedachten heeft.", "NSC", ["NSC"]),
    ("Gegeven dat de Commissie het belang van veilige cloudinfrastructuur in crisissituaties benadrukt, maar "
     "niet definieert wat daaronder valt, vragen deze leden wat het kabinetsstandpunt op dit onderwerp is.",
     "NSC", ["NSC"]),
    ("Hoewel het voorstel op dit moment niet bindend is, achten deze leden het van belang om te benadrukken dat "
     "het richtinggevend kan zijn voor toekomstige Europese wet- en regelgeving.", "BBB", ["BBB"]),
    ("Zij sluiten zich aan bij het standpunt van het kabinet dat nationale crisisstructuren, zoals het "
     "Landelijk Crisisplan Digitale Veiligheid (LCP-D), leidend moeten blijven in de aanpak van cybercrises.",
     "BBB", ["BBB"]),
    ("Met betrekking tot de paragraaf over civiel-militaire samenwerking en de rechtsstatelijke aspecten "
     "daarvan vragen de leden van de BBB-fractie welke juridische en ethische kaders het kabinet voor ogen "
     "heeft bij informatie-uitwisseling tussen civiele en militaire actoren binnen het kader van de Blueprint.",
     "BBB", ["BBB"]),
    ("Overweegt het kabinet, mede in het licht van deze aanbeveling, om in Nederland strategische publieke "
     "DNS-capaciteit op te bouwen?", "BBB", ["BBB"]),
]


@pytest.mark.parametrize("sentence, expected", VERSLAG_TABLE, ids=[s[:40] for s, _ in VERSLAG_TABLE])
def test_verslag_sentences(sentence, expected):
    assert sentence in VERSLAG_SENTENCES, "table sentences must be real sentences of the seed"
    assert sentence_actors(sentence) == expected


@pytest.mark.parametrize("sentence, context, expected", INBRENG_TABLE, ids=[s[:40] for s, _, _ in INBRENG_TABLE])
def test_inbreng_sentences(sentence, context, expected):
    assert sentence in INBRENG_SENTENCES, "table sentences must be real sentences of the seed"
    assert sentence_actors(sentence, context) == expected


def test_every_verslag_sentence_naming_nederland_is_in_the_table():
    table = dict(VERSLAG_TABLE)
    naming = [s for s in VERSLAG_SENTENCES if "Nederland" in s]
    assert len(naming) == 7
    assert all(s in table for s in naming)


def test_nederland_only_where_nederland_speaks():
    speaking = {s for s, expected in VERSLAG_TABLE if NL in expected}
    attributed = {s for s in VERSLAG_SENTENCES if NL in sentence_actors(s)}
    assert attributed == speaking
    # in the inbreng Nederland is only ever an object or a place, with or without context
    assert not [s for s in INBRENG_SENTENCES if NL in sentence_actors(s)]
    assert not [s for s in INBRENG_SENTENCES if NL in sentence_actors(s, "PVV")]


def _walk_inbreng() -> list[tuple[str | None, str, list[str]]]:
    """Walk the inbreng as a chunker would: headings and fractie subjects switch context."""
    context, out = None, []
    for sentence in INBRENG_SENTENCES:
        context = section_actor(sentence) or fractie_subject(sentence) or context
        out.append((context, sentence, sentence_actors(sentence, context)))
    return out


def test_inbreng_sections_are_attributed_to_their_fractie():
    walked = _walk_inbreng()
    body = walked[next(i for i, (_, s, _) in enumerate(walked) if s.startswith("De leden van de PVV-fractie")):-1]
    for context, sentence, actors in body:
        assert context in {"PVV", "GL-PvdA", "VVD", "NSC", "BBB"}
        assert actors and set(actors) <= {context, KAB}, sentence
    gl = [s for c, s, _ in body if c == "GL-PvdA"]
    assert gl[0].startswith("De leden van de GroenLinks-PvdA-fractie hebben kennisgenomen")
    assert gl[-1].startswith("Ook horen zij graag")


def test_chunk_actors_switches_at_missing_heading():
    paragraph = [
        "De leden van de GroenLinks-PvdA-fractie hebben kennisgenomen van de Blueprint Cyber en het "
        "bijbehorende BNC-fiche.",
        "Deze leden verwelkomen de stap richting een gecoördineerde EU-strategie.",
        "Hierover hebben zij enkele vragen en opmerkingen.",
    ]
    assert chunk_actors(paragraph, "PVV") == ["GL-PvdA"]
    verslag = [s for s, _ in VERSLAG_TABLE[:5]]
    assert chunk_actors(verslag, None) == [VZ, EC, NL, LS]


@pytest.mark.parametrize(
    "sentence, context, expected",
    [
        ("De leden van de VVD-fractie vragen het kabinet naar de rol van ENISA.", None, ["VVD"]),
        ("Deze leden vragen het kabinet om een toelichting.", "VVD", ["VVD"]),
        ("Zij vragen het kabinet om een toelichting.", "VVD", ["VVD"]),
        ("Deze leden vragen het kabinet om een toelichting.", None, []),
        ("Het is van belang dat informatiedeling wordt ingebed met harde afspraken.", "GL-PvdA", ["GL-PvdA"]),
        ("De leden van de VVD- en CDA-fractie vragen het kabinet iets.", None, ["VVD", "CDA"]),
        ("Deze maatregelen moeten een topprioriteit zijn voor Nederland.", None, []),
        ("Nederland benadrukte het belang van NIS2.", "VVD", [NL]),
        ("Komt Nederland met een voorstel?", None, []),
    ],
)
def test_rules(sentence, context, expected):
    assert sentence_actors(sentence, context) == expected


@pytest.mark.parametrize(
    "question, expected",
    [
        ("Wat heeft Nederland ingebracht over de Blueprint Cyber?", NL),
        ("What did the Netherlands argue about post-quantum cryptography?", NL),
        ("Welke vragen stelde de BBB-fractie over DNS?", "BBB"),
        ("what did the VVD ask about ENISA?", "VVD"),
        ("wat vroeg de vvd over ENISA?", "VVD"),
        ("Wat zei de Europese Commissie over AI-fabrieken?", EC),
        ("what did the Commission say about skills?", EC),
        ("Wat vroeg GroenLinks-PvdA over digitale soevereiniteit?", "GL-PvdA"),
        ("Wat vroeg de GL-PvdA-fractie over DNS?", "GL-PvdA"),
        ("Welke lidstaten benadrukten talentontwikkeling?", LS),
        ("Wat vindt het kabinet van DNS-diversificatie?", KAB),
        ("Wat zei het Poolse voorzitterschap?", VZ),
        ("Wat is de Blueprint Cyber?", None),
        ("Wat staat er in de Nederlandse Cybersecuritystrategie?", None),
        ("Wat zei de vaste commissie voor Digitale Zaken?", None),
        ("Wat staat er in het BNC-fiche over DNS?", None),
        ("Wat denk je van de Blueprint?", None),
        # named, but not as the one whose position is asked (found by the dev set)
        ("Wat weten we over de ministeriële commissie die het stikstofbeleid voorbereidt?", None),
        ("Wat zijn de plannen rond nieuwe trans-Atlantische zeekabels naar Nederland?", None),
        ("Wie stelde Kamervragen over quantumproof encryptie, en aan welke bewindspersonen?", None),
        ("Wat kost een zeekabel naar Caribisch Nederland?", None),
        ("Wat vroeg de VVD aan de minister?", "VVD"),
        ("Welke positie nam Nederland in over DNS?", "Nederland"),
        # a Kamer committee, a comparison, an object; a source is still the actor
        ("Wat besloot de commissie Binnenlandse Zaken over de stempas?", None),
        ("Aan wie zijn de vragen voorgelegd en door welke commissie?", None),
        ("Wat vindt de commissie van de Blueprint?", EC),
        ("Which countries score worse than the Netherlands on supply security?", None),
        ("What does the motion say about connecting the Netherlands to a cable route?", None),
        ("Wat betekent de verordening voor Nederland?", None),
        ("According to the Netherlands, what should the Commission do?", NL),
    ],
)
def test_detect_query_actor(question, expected):
    assert detect_query_actor(question) == expected


@pytest.mark.parametrize(
    "heading, expected",
    [
        ("Vragen en opmerkingen van de leden van de VVD-fractie", "VVD"),
        ("Vragen en opmerkingen van de leden van GL-PvdA-fractie", "GL-PvdA"),
        ("Vragen en opmerkingen van de leden van de GroenLinks-PvdA-fractie", "GL-PvdA"),
        ("II Antwoord/reactie van de bewindspersoon", KAB),
        ("Inbreng van de leden van de D66-fractie", "D66"),
        ("I Vragen en opmerkingen vanuit de fracties", None),
        ("Inbreng verslag van een schriftelijk overleg over het Fiche: Aanbeveling Blueprint Cyber", None),
        ("De leden van de VVD-fractie vragen het kabinet iets.", None),  # a sentence, not a heading
    ],
)
def test_section_actor(heading, expected):
    assert section_actor(heading) == expected


@pytest.mark.parametrize(
    "name, expected",
    [("vvd", "VVD"), ("GroenLinks-PvdA", "GL-PvdA"), ("GroenLinks–PvdA", "GL-PvdA"), ("gl/pvda", "GL-PvdA"),
     ("GroenLinks", "GroenLinks"), ("PvdA", "PvdA"), ("Nieuw Sociaal Contract", "NSC"), ("bbb-fractie", "BBB"),
     ("Partij voor de Dieren", "PvdD"), ("christenunie", "CU"), ("forum voor democratie", "FvD"),
     ("the Netherlands", NL), ("de Commissie", EC), ("minister", KAB), ("member states", LS), ("xyz", None)],
)
def test_normalize_actor(name, expected):
    assert normalize_actor(name) == expected


def test_party_of():
    assert party_of("Keijzer (BBB)") == "BBB"
    assert party_of("Kathmann (GroenLinks-PvdA)") == "GL-PvdA"
    assert party_of("Wingelaar") is None


KNOWN = set(PARTIES) | set(OTHER_ACTORS)


@given(st.text(), st.sampled_from([None, "VVD", "GL-PvdA"]))
@settings(max_examples=300)
def test_property_sentence_actors_never_raises(text, context):
    actors = sentence_actors(text, context)
    assert all(a in KNOWN or a == context for a in actors)
    assert len(actors) == len(set(actors))


_WORDS = st.lists(st.sampled_from(
    "De Het de het een leden van VVD-fractie Nederland Commissie lidstaten waaronder , en samen met zij "
    "Deze volgens hen benadrukte gaf aan dat voor ? . « » kabinet voorzitterschap Poolse NAVO Hoewel".split()),
    max_size=25)


@given(_WORDS, st.sampled_from([None, "BBB"]))
@settings(max_examples=500, deadline=None)  # timing varies under load (CI beside other jobs)
def test_property_actor_soup(words, context):
    text = " ".join(words)
    actors = sentence_actors(text, context)
    assert all(a in KNOWN or a == context for a in actors)
    chunk_actors([text, text], context)
    detect_query_actor(text)
    section_actor(text)
