"""The English -> Dutch lexicon (assistant/lexicon.py): phrases before words, function words
never translated, the shipped table's shape, and its use in an English question's query."""
from assistant.lexicon import LEXICON_FILE, load_lexicon, parse

TABLE = [
    "veilig\tsafe; secure; security\n",
    "cyberbeveilig\tcybersecurity; cyber security\n",
    "stikstof\tnitrogen\n",
    "kinder\tchild; children\n",
    "mutluer\t-\n",
    "hulpvraag\trequest for help\n",
]


def test_words_and_phrases_translate_longest_first():
    lex = parse(TABLE)
    assert lex.translate("What about nitrogen?") == ["stikstof"]
    assert lex.translate("cyber security for children") == ["cyberbeveilig", "kinder"]  # not "veilig" for "security"
    assert lex.translate("is it secure") == ["veilig"]
    assert lex.translate("a request for help") == ["hulpvraag"]


def test_function_words_names_and_unknown_words_add_nothing():
    lex = parse(TABLE)
    assert lex.translate("what did they ask about it") == []
    assert lex.translate("Mutluer and ENISA") == []  # a name's entry is '-': the name itself matches in Dutch BM25


def test_inflected_english_matches_the_stemmed_entry():
    lex = parse(TABLE)
    assert lex.translate("securing the network") == ["veilig"]  # secure / securing -> "secur"


def test_shipped_table_is_well_formed_and_covers_common_policy_words():
    lines = LEXICON_FILE.read_text(encoding="utf-8").splitlines()
    assert len(lines) > 5000
    for i, line in enumerate(lines, 1):
        stem, tab, english = line.partition("\t")
        assert tab and stem and english, f"line {i}: {line!r}"
        assert " " not in stem and stem == stem.lower(), f"line {i}: {stem!r} is no BM25 stem"
    lex = load_lexicon()
    for english, dutch in [("nitrogen", "stikstof"), ("motion", "motie"), ("government", "regeer"),
                           ("farmers", "boer"), ("cloud services", "clouddienst")]:
        assert dutch in lex.translate(english), (english, lex.translate(english))


def test_an_english_question_finds_dutch_passages_by_bm25_through_the_table(seed_engine):
    """Sparse mode, so only BM25 counts: "resilience" is no word of the Dutch seeds, its
    translation ("weerbaarheid", stem "weer") is."""
    from assistant.query import build_query
    from assistant.retrieve import search

    question = "What was said about resilience?"
    plain = search(seed_engine.derive(translate_en=False), question, mode="sparse", top_k=5)
    assert not any("weerbaar" in h.chunk.text for h in plain)
    seed_engine = seed_engine.derive(translate_en=True)
    translated = search(seed_engine, question, mode="sparse", top_k=5)
    assert sum("weerbaar" in h.chunk.text for h in translated) >= 2
    q = build_query(seed_engine, question, "sparse")
    assert q.language == "en" and "weer" in q.extra_terms
    assert build_query(seed_engine, "Wat is er gezegd over weerbaarheid?", "sparse").translated == ()  # Dutch: none
