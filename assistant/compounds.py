"""Dutch compounds on the question side: "cyberhubs" is found in text that says "hubs",
"veiligheidsbeleid" in text on "beleid". A word of the question is split into two parts
that are both words of the corpus (stems with a document frequency of at least
`min_df`), the linking "s" of "veiligheids-" allowed; the parts become extra topic terms
for BM25 and for the answerer, next to the compound itself.

A splitter over the corpus vocabulary rather than a dictionary package: it knows the words
of this corpus (agency names, "cyber", "DNS") and needs nothing downloaded.
"""
from __future__ import annotations

import re

from index.text import fold, tokenize

_WORD = re.compile(r"[^\W\d_]{8,}")
MIN_PART = 3  # letters of the shorter part ("hub", "dns")


def split_compound(word: str, df, min_df: int = 3) -> list[str]:
    """The stems of the two parts of `word` when it is a compound of corpus words, else [].
    The split with the most frequent rarer part wins ("cyber|dreigingen", not "cyberd|reigingen");
    a word more frequent than its parts is no compound to split ("verantwoordelijkheden")."""
    w = fold(word)
    whole = tokenize(w)
    own = df.df.get(whole[0], 0) if len(whole) == 1 else 0
    best, best_score = [], 0
    for i in range(MIN_PART, len(w) - MIN_PART + 1):
        left, right = w[:i], w[i:]
        for lf in ((left, left[:-1]) if left.endswith("s") and len(left) > MIN_PART + 1 else (left,)):
            ls, rs = tokenize(lf), tokenize(right)
            if len(ls) != 1 or len(rs) != 1:
                continue  # a stopword part ("over|leg") is no compound part
            score = min(df.df.get(ls[0], 0), df.df.get(rs[0], 0))
            if score >= min_df and score > own and score > best_score:  # a common word stays whole
                best, best_score = [ls[0], rs[0]], score
    return best


def compound_parts(text: str, df, min_df: int = 3) -> list[str]:
    """The compound parts of every long word of `text` that are not already its terms."""
    have = set(tokenize(text))
    out: list[str] = []
    for m in _WORD.finditer(text):
        out += [p for p in split_compound(m.group(0), df, min_df) if p not in have and p not in out]
    return out
