"""The stance rule table (assistant/stance.py), one row per class of cases."""
import pytest

from assistant.stance import RULES, STANCES, is_filler, stance

TABLE = [
    # filler: noting a document, announcing questions, procedure
    ("De leden van de PVV-fractie hebben met interesse kennisgenomen van de stukken op de agenda.", None),
    ("De leden van de GroenLinks-PvdA-fractie hebben kennisgenomen van de Blueprint Cyber en het bijbehorende BNC-fiche.", None),
    ("Ook nemen zij kennis van het feit dat het kabinet positief oordeelt over het niet-bindende karakter.", None),
    ("Naar aanleiding hiervan hebben deze leden nog een aantal vragen.", None),
    ("Hierover hebben zij enkele vragen en opmerkingen.", None),
    ("Binnen de vaste commissie voor Digitale Zaken hebben enkele fracties de behoefte om enkele vragen en "
     "opmerkingen voor te leggen aan de Minister.", None),
    ("Gehoord de beraadslaging,", None),
    ("en gaat over tot de orde van de dag.", None),
    ("De voorzitter van de commissie,", None),
    ("De motie wordt aangehouden.", None),
    # eis: a motie's operative clause, demands
    ("verzoekt de regering om de DNS-infrastructuur te diversifiëren,", "eis"),
    ("Deze leden dringen u aan om de Blueprint Cyber te zien als aanzet voor verdere beleidsvorming.", "eis"),
    ("Enkele lidstaten riepen op tot uitgebreidere publiek-private samenwerking.", "eis"),
    ("De Commissie deed een oproep aan alle lidstaten om gebruik te maken van de beschikbare financiering.", "eis"),
    ("Nederland vroeg specifiek aandacht voor het principe van cybersecurity-by-design.", "eis"),
    ("De leden van de SP-fractie pleiten voor een publieke cloud.", "eis"),
    # vraag: question mark, requests for information, indirect questions
    ("Hoe verhoudt de Blueprint Cyber zich tot de NIS2-richtlijn en de Cyberbeveiligingswet?", "vraag"),
    ("Deelt u de zorg dat de regeldruk toeneemt?", "vraag"),
    ("Hoe verstrekkend zouden deze eisen moeten zijn als het gaat om cloudaanbieders?", "vraag"),
    ("Voorts vragen deze leden om een nadere toelichting op het standpunt van het kabinet.", "vraag"),
    ("Zij vragen u ook om in te gaan op wat de Blueprint voorschrijft op het gebied van informatiedeling.", "vraag"),
    ("Zij vragen verder of het kabinet kan nagaan of er een impact assessment zal worden gedaan.", "vraag"),
    ("Deze leden zijn benieuwd naar het vervolg van de Blueprint Cyber.", "vraag"),
    ("Deze leden willen daarnaast graag weten op welke wijze het kabinet waarborgt dat de regie behouden blijft.", "vraag"),
    # steun
    ("Deze leden verwelkomen de herziening van de Blueprint.", "steun"),
    ("De leden van de GroenLinks-PvdA-fractie steunen de suggestie van een continue cyclus van cyberoefeningen.", "steun"),
    ("De leden van de BBB-fractie onderschrijven de zorgen van het kabinet over het gebrek aan prioritering.", "steun"),
    ("Veel lidstaten, waaronder Nederland, verwelkomden de herziening van de Blueprint Cyber, riepen op tot het "
     "delen van kennis.", "steun"),
    ("De leden van de CDA-fractie zijn positief over de voorgestelde aanpak.", "steun"),
    # zorg
    ("De leden van de PVV-fractie maken zich ernstige zorgen over de toenemende regeldruk.", "zorg"),
    ("Deze leden zijn bezorgd dat nationale structuren buitenspel komen te staan.", "zorg"),
    ("De leden van de NSC-fractie zijn kritisch over de rol van de Commissie.", "zorg"),
    ("Zij betreuren dat het kabinet geen impact assessment heeft gevraagd.", "zorg"),
    ("Deze leden zetten vraagtekens bij de financiering uit het Digital Europe Programme.", "zorg"),
    # standpunt: the rest
    ("Nederland benadrukte het belang voor toekomstbestendig beleid dat civiel-militaire samenwerking versterkt.", "standpunt"),
    ("Deze moet publiek-privaat worden vormgegeven, zodat kennis en kunde wordt uitgewisseld.", "standpunt"),
    ("constaterende dat de Nederlandse overheid afhankelijk is van Amerikaanse clouddiensten,", "standpunt"),
    ("Het kabinet ziet daarom graag duidelijker opgenomen dat de nationale structuren leidend zijn.", "standpunt"),
    ("Een kleine groep lidstaten gaf aan dat de samenwerking vanuit het militaire domein verbeterd kan worden.", "standpunt"),
]


@pytest.mark.parametrize("sentence,expected", TABLE)
def test_stance_table(sentence, expected):
    assert stance(sentence) == expected


def test_table_covers_every_stance_and_every_rule_has_a_reason():
    assert {e for _, e in TABLE} == {*STANCES, None}
    assert all(len(rule) == 4 and rule[3] for rule in RULES)


def test_the_earliest_verb_decides_between_support_and_demand():
    assert stance("Zij steunen het voorstel en roepen op tot snelle invoering.") == "steun"
    assert stance("Zij roepen op tot snelle invoering en steunen het voorstel.") == "eis"


def test_filler_helper():
    assert is_filler("De leden van de VVD-fractie hebben met belangstelling kennisgenomen van het BNC-fiche.")
    assert not is_filler("De leden van de VVD-fractie steunen het BNC-fiche.")


def test_precision_on_the_hand_labelled_corpus_sentences():
    """90 sentences of moties, VLOS verslagen and Kamervragen (eval/gold/stance.jsonl):
    a regression guard at the level measured when the rules were last changed."""
    import sys

    from tests.conftest import REPO

    sys.path.insert(0, str(REPO))
    from benchmarks.stance_precision import load, measure

    m = measure(load(REPO / "eval" / "gold" / "stance.jsonl"))
    assert m["n"] >= 60 and m["accuracy"] >= 0.88
    for c in ("vraag", "eis", "zorg", "filler"):
        assert m["per_class"][c]["precision"] >= 0.9, c
