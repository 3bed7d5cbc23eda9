"""Names the corpus never mentions: a question about a named thing that occurs in no passage
of the store ("Haalt de overheid de Hikvision-camera's weg?", "de Olympische Spelen van 2036")
cannot be answered from it, however close the nearest sentences come (they are about the
topic around it: cameras, sport). The class is "a proper name absent from the whole corpus";
the check is the store's own document frequencies, no list of names.

A name is a capitalised word that does not open the question; a hyphenated one counts by its
capitalised parts ("Huawei-apparatuur" -> Huawei, "EU-werksessies" -> EU). Only Dutch
questions: an English question's own English words ("Frisian", "Bosnia") are no Dutch text.
"""
from __future__ import annotations

import re

from assistant.thesaurus import load_thesaurus
from index.text import tokenize

_WORD = re.compile(r"[^\W\d_][\w'’]*(?:-[\w'’]+)*")


def question_names(question: str) -> list[str]:
    """The capitalised words (and capitalised parts of hyphenated words) after the first word."""
    names = []
    for i, m in enumerate(_WORD.finditer(question)):
        prev = question[: m.start()].rstrip()
        if i == 0 or prev.endswith((".", "?", "!", ":", "“", '"')):
            continue
        for part in m.group(0).split("-"):
            if len(part) >= 3 and part[0].isupper():
                names.append(re.sub(r"['’]s?$", "", part))
    return names


def unknown_names(question: str, df) -> list[str]:
    """The question's names whose every stem occurs in no passage of the store; a name the
    domain thesaurus knows ("de Dierenpartij": the Partij voor de Dieren) is not unknown."""
    known = load_thesaurus().known_words(question)
    out = []
    for name in question_names(question):
        stems = tokenize(name)
        if name.lower() not in known and stems and all(df.df.get(s, 0) == 0 for s in stems):
            out.append(name)
    return out
