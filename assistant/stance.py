"""What kind of statement a sentence makes about a topic, decided by a rule table.

    vraag      the actor asks (a question mark, "vragen of/hoe/wat", "willen weten", "zijn benieuwd")
    eis        the actor demands ("verzoekt de regering", "roepen op tot", "dringen aan", "vroeg aandacht voor")
    steun      the actor supports ("steunen", "verwelkomen", "positief over", "onderschrijven")
    zorg       the actor worries or criticises ("maken zich zorgen", "bezorgd", "kritisch", "betreuren")
    standpunt  the actor states (everything else that is not filler)

Filler states no position and is never a statement: "hebben kennisgenomen van", "nemen
kennis van", the "hebben nog enkele vragen" announcement, and procedure (opening and
closing formulas, "gehoord de beraadslaging", "De voorzitter van de commissie").
Tier 0 decides in table order: filler first, then a motie's "verzoekt", a request for
information and the question mark ("Deelt u de zorg ...?" asks). Otherwise the tier 1
verb that comes first in the sentence decides ("verwelkomden ..., riepen op tot ..."
supports), and a sentence without one states a position. A motie's reasons
("constaterende/overwegende dat") are a position, or a worry/support, never a demand.
Precision is measured on hand-labelled corpus sentences: benchmarks/stance_precision.py.
"""
from __future__ import annotations

import re

STANCES = ("vraag", "eis", "steun", "zorg", "standpunt")
FILLER = None  # stance() returns None for filler

# (tier, stance or FILLER, pattern, the class of cases it names); case-insensitive.
# Tier 0 rules decide in table order; among tier 1 rules the match EARLIEST in the
# sentence decides ("verwelkomden ..., riepen op tot ..." supports before it demands).
RULES: tuple[tuple[int, str | None, str, str], ...] = (
    (0, FILLER, r"\bkennis\s?genomen\b|\bnem(?:en|t)\b.{0,30}\bkennis\b|\bkennis\s+(?:te\s+)?nemen\b",
     "noting a document: 'hebben kennisgenomen van', 'nemen kennis van'"),
    (0, FILLER, r"\bhebben\b.{0,30}\b(?:nog\s+)?(?:een\s+aantal|enkele|enige|diverse|een\s+paar)\s+(?:vragen|opmerkingen)"
                r"|\bhebben\s+(?:nog\s+)?(?:vragen|opmerkingen)\b|\bvragen en opmerkingen\b"
                r"|\bbehoefte\b.{0,40}\bvragen\b.{0,20}\bvoor\s+te\s+leggen\b",
     "announcing questions: 'Hierover hebben zij enkele vragen'"),
    (0, FILLER, r"^(?:gehoord de beraadslaging|en gaat over tot de orde|de kamer,|de voorzitter van de commissie"
                r"|(?:adjunct-)?griffier\b|de vergadering wordt\b|ik open de vergadering|ik sluit de vergadering)"
                r"|\b(?:sluit|opent|schorst|heropent|heropen|open|schors)\s+de vergadering\b|\bwordt (?:aangehouden|ingetrokken)\b"
                r"|\bgeef\w*\b.{0,30}\bhet woord\b|\b(?:alle|de|uw) vragen\b.{0,20}\bbeantwoord\b"
                r"|^(?:mededeling|antwoord|vragen)\s+van\s+(?:de\s+|het\s+)?(?:minister|staatssecretaris|leden|lid)\b",
     "procedure: motie formulas, opening/closing, the chair giving the floor, 'alle vragen beantwoord', "
     "the header of Kamervragen and their answers"),
    (0, "eis", r"^(?:en\s+)?verzoekt\b",
     "a motie's operative clause: 'verzoekt de regering'"),
    (0, "vraag", r"\b(?:vra\w*|vroeg\w*|verzoek\w*)\s+(?:\w+\s+){0,4}om\s+(?:een\s+)?(?:nadere\s+|meer\s+)?(?:toelichting|uitleg"
                 r"|reactie|verduidelijking|informatie|opheldering|overzicht|duidelijkheid)",
     "a request for information is a question: 'vragen om een nadere toelichting'"),
    (0, "vraag", r"\?\s*[»”\"']?\s*$",
     "a question (the question mark)"),
    (1, "eis", r"\bverzoek(?:t|en)\s+(?:de|het)\s+(?:regering|kabinet|minister|staatssecretaris|commissie)\b"
               r"|\broep(?:t|en)\b.{0,40}\bop\b|\briep(?:en)?\b.{0,40}\bop\b|\boproep\b|\bdring(?:t|en)\b.{0,60}\baan\b"
               r"|\bpleit(?:en|te|ten)?\s+voor\b|\beist\b|\beisen\s+(?:dat|van|om)\b"
               r"|\b(?:vraagt|vragen|vroeg|vroegen)\s+(?:\w+\s+){0,2}aandacht\s+voor\b|\bverzoek(?:t|en)?\s+(?:om|u)\b"
               r"|\b(?:minister|kabinet|regering|staatssecretaris)\s+moet\b",
     "a demand: 'verzoeken de regering', 'roepen op tot', 'dringen aan', 'pleiten voor', 'vroeg aandacht voor'"),
    (1, "vraag", r"\b(?:vraagt|vragen|vroeg|vroegen)\b.{0,80}\b(?:of|hoe|wat|waarom|welke|wanneer|waar|in hoeverre"
                 r"|om in te gaan|om aan te geven)\b"
                 r"|\bwillen\b.{0,20}\bweten\b|\b(?:zijn|is) benieuwd\b|\bvra(?:agt|gen) zich af\b",
     "a question in indirect speech: 'vragen of', 'willen weten', 'zijn benieuwd'"),
    (1, "zorg", r"\bzorgen\s+(?:over|om)\b|\bmaak(?:t|en)\s+zich\b.{0,20}\bzorgen\b|\bzorgelijk|\bbezorgd"
                r"|\bkritisch\b|\bkritiek\b|\bbetreur|\bvrez(?:en|t)\b|\bvreesde|\bonwenselijk|\bteleurgesteld|\bwaarschuw"
                r"|\bzetten\b.{0,30}\bvraagtekens\b|\btwijfel|\bma(?:a)?k(?:t|en)?\s+(?:me|mij|ons)\b.{0,20}zorgen\b"
                r"|\bzorgen\s+(?:zijn|bestaan)\b|\bonevenredig|\bonvoldoende\b|\bbureaucrati|\badministratieve lasten\b"
                r"|\b(?:veiligheids)?risico's\b|\bschending\b|\bonder druk\b|\bondermijn|\bnadelig|\bschadelijk|\bversplinter"
                r"|\bdure\b|\bonnodig",
     "worry or criticism: 'maken zich zorgen', 'bezorgd', 'kritisch', 'betreuren', 'vraagtekens', and the negative "
     "judgements of a motie's reasons ('onevenredig zwaar', 'onvoldoende', 'bureaucratie', 'risico's', 'schending')"),
    (1, "steun", r"\bsteun(?:en|t|de|den)\b|\bverwelkom|\bonderschrijv|\bonderschrijft|\bjuich(?:t|en)\b.{0,30}\btoe\b"
                 r"|\bpositief\s+(?:over|tegenover)\b|\b(?:zijn|is)\s+(?:verheugd|blij|positief)\b|\bwaarder(?:en|t)\b"
                 r"|\bstaan\b.{0,20}\bpositief\b|\bin\s+te\s+stemmen\b|\bstemm(?:en|t)\s+in\b",
     "support: 'steunen', 'verwelkomden', 'onderschrijven', 'positief over'"),
)
# A motie's reasons ("constaterende dat", "overwegende dat") observe: a demand or a
# question verb inside them ("... een oproep hebben gedaan") is reported, not made; only
# worry or support colours them.
MOTIVE = re.compile(r"^(?:constaterende|overwegende|van mening)\b", re.I)
_COMPILED = tuple((tier, stance, re.compile(p, re.I)) for tier, stance, p, _ in RULES)


def stance(sentence: str) -> str | None:
    """The stance of a sentence (one of STANCES), or None when it is filler."""
    text = re.sub(r"\s+", " ", sentence).strip()
    earliest: tuple[int, str] | None = None
    motive = bool(MOTIVE.match(text))
    for tier, label, pattern in _COMPILED:
        m = pattern.search(text)
        if m and tier == 0:
            return label
        if motive and label not in ("zorg", "steun"):
            continue
        if m and (earliest is None or m.start() < earliest[0]):
            earliest = (m.start(), label)
    return earliest[1] if earliest else "standpunt"


def is_filler(sentence: str) -> bool:
    return stance(sentence) is None
