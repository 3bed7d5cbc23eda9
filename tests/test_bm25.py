from index.bm25 import BM25Encoder, term_index
from index.text import fold, tokenize


def test_dutch_analysis_stems_folds_and_drops_stopwords():
    toks = tokenize("De lidstaten benadrukten het belang van cyberaanvallen én geïnteresseerde")
    assert "lidstat" in toks or "lidstaat" in toks
    assert "de" not in toks and "het" not in toks and "van" not in toks
    assert all("é" not in t and "ï" not in t for t in toks)
    assert tokenize("cyberaanvallen") == tokenize("cyberaanval")


def test_hyphenated_words_add_their_parts():
    toks = tokenize("civiel-militaire samenwerking")
    assert tokenize("militaire")[0] in toks and tokenize("civiel")[0] in toks


def test_fold():
    assert fold("Ĳsselmeer Geïnteresseerd") == "ijsselmeer geinteresseerd"


def test_bm25_document_weights_saturate_and_normalise_length():
    enc = BM25Encoder(k1=1.2, b=0.75, avgdl=10)
    one = enc.encode_document("cyber")
    many = enc.encode_document("cyber cyber cyber cyber")
    w1 = dict(zip(one.indices, one.values))[term_index(tokenize("cyber")[0])]
    w4 = dict(zip(many.indices, many.values))[term_index(tokenize("cyber")[0])]
    assert w1 < w4 < 1.2 + 1  # grows with tf but saturates below k1+1
    long = enc.encode_document("cyber " + "andere woorden hier " * 20)
    wl = dict(zip(long.indices, long.values))[term_index(tokenize("cyber")[0])]
    assert wl < w1  # the same tf counts less in a longer chunk


def test_query_vector_is_binary_and_sorted():
    q = BM25Encoder().encode_query("DNS-diversificatie DNS soevereiniteit")
    assert q.values == [1.0] * len(q.indices)
    assert q.indices == sorted(set(q.indices))
