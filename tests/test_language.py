import pytest

from assistant.language import detect_language


@pytest.mark.parametrize("q,lang", [
    ("Wat heeft Nederland ingebracht over de Blueprint Cyber?", "nl"),
    ("Welke vragen stelde de BBB-fractie over DNS?", "nl"),
    ("What did the Netherlands argue about post-quantum cryptography?", "en"),
    ("what did the VVD ask about ENISA?", "en"),
    ("Blueprint Cyber", "nl"),
    # words both languages have ("in", "is", "was") or that are Dutch too ("of": or, whether) decide nothing
    ("Wil minister Heinen laten uitzoeken of ook bij andere banken medewerkers zonder reden in klantgegevens snuffelen?", "nl"),
    ("Was het kabinet het eens met de motie?", "nl"),
    ("Is the cabinet planning road pricing?", "en"),
])
def test_detect_language(q, lang):
    assert detect_language(q) == lang
