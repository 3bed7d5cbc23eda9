import pytest

from assistant.language import detect_language


@pytest.mark.parametrize("q,lang", [
    ("Wat heeft Nederland ingebracht over de Blueprint Cyber?", "nl"),
    ("Welke vragen stelde de BBB-fractie over DNS?", "nl"),
    ("What did the Netherlands argue about post-quantum cryptography?", "en"),
    ("what did the VVD ask about ENISA?", "en"),
    ("Blueprint Cyber", "nl"),
])
def test_detect_language(q, lang):
    assert detect_language(q) == lang
