"""Pure functions that derive document metadata (type, dossier, date, title) from text.

The readers use these as fallbacks when the document structure itself (XML
elements, meta tags) does not say it. Everything here is regex-based and
deterministic so it can be tested without files.
"""
from __future__ import annotations

import datetime
import re
from pathlib import Path

DOC_TYPES = (
    "motie", "amendement", "verslag", "inbreng", "brief", "antwoord", "vragen",
    "handelingen", "fiche", "besluitenlijst", "wet", "staatscourant", "document",
)

MONTHS = {
    "januari": 1, "februari": 2, "maart": 3, "april": 4, "mei": 5, "juni": 6, "juli": 7,
    "augustus": 8, "september": 9, "oktober": 10, "november": 11, "december": 12,
}

# --- document type ------------------------------------------------------------

# Ordered: the first match wins. Order matters, e.g. an "Inbreng verslag ...
# over het Fiche" is an inbreng, and "Antwoord op vragen ... over de motie"
# is an antwoord, so anchored title starts are checked before substrings.
_TITLE_START_RULES: list[tuple[str, str]] = [
    (r"(nader )?(gewijzigde )?motie\b", "motie"),
    (r"(nader )?(gewijzigd )?amendement\b", "amendement"),
    (r"antwoord\b", "antwoord"),
    (r"(schriftelijke )?vragen van\b", "vragen"),
    (r"inbreng\b", "inbreng"),
    (r"(bnc-)?fiche\b", "fiche"),
    (r"besluitenlijst\b", "besluitenlijst"),
    (r"(stenografisch |integraal )?verslag\b", "verslag"),
    (r"handelingen\b", "handelingen"),
    (r"(kamer)?brief\b", "brief"),
    (r"staatscourant\b", "staatscourant"),
    (r"staatsblad\b", "wet"),
]
_ANYWHERE_RULES: list[tuple[str, str]] = [
    (r"\binbreng\b", "inbreng"),
    (r"\b(gewijzigde )?motie van\b", "motie"),
    (r"\bamendement van\b", "amendement"),
    (r"\bantwoord(en)? op (de )?(schriftelijke )?vragen\b|aanhangsel van de handelingen", "antwoord"),
    (r"\bbnc-fiche\b|\bfiche\s*\d*\s*:", "fiche"),
    (r"\bbesluitenlijst\b", "besluitenlijst"),
    (r"\bverslag\b", "verslag"),
    (r"\bhandelingen\b", "handelingen"),
    (r"\bkamerbrief\b|\bbrief aan\b|\bretouradres\b|\bgeachte voorzitter\b", "brief"),
    (r"\bstaatscourant\b|\bgemeenteblad\b|\bprovinciaal blad\b", "staatscourant"),
    (r"\bstaatsblad\b", "wet"),
]
_PATH_RULES: list[tuple[str, str]] = [
    (r"^ah-tk-", "antwoord"),
    (r"^h-tk-", "handelingen"),
    (r"^(stb)(-|\.|$)", "wet"),
    (r"^(stcrt|gmb|prb|bgr|wsb)(-|\.|$)", "staatscourant"),
    (r"besluitenlijst", "besluitenlijst"),
]


def _first_rule(rules: list[tuple[str, str]], text: str, anchored: bool) -> str | None:
    for pattern, doc_type in rules:
        if (re.match if anchored else re.search)(pattern, text, re.IGNORECASE):
            return doc_type
    return None


def detect_doc_type(title: str, text: str, path: str | Path | None = None) -> str:
    """Classify a document as one of DOC_TYPES from its title, opening text and file name."""
    name = Path(path).name.lower() if path else ""
    found = _first_rule(_PATH_RULES, name, anchored=False)
    if found:
        return found
    # Titles like "Vreemdelingenbeleid; Motie van het lid X" carry the type after a ";".
    for part in [title] + title.split(";")[1:]:
        found = _first_rule(_TITLE_START_RULES, part.strip(), anchored=True)
        if found:
            return found
    head = text[:1500]
    if re.search(r"aanhangsel van de handelingen", head, re.I):
        return "antwoord" if re.search(r"\bantwoord\b", head, re.I) else "vragen"
    if re.search(r"^\s*(de )?voorzitter:|aan de orde is (het|de)", head, re.I | re.M):
        return "handelingen"
    for source in (title, head, Path(name).stem.replace("-", " ").replace("_", " ")):
        found = _first_rule(_ANYWHERE_RULES, source, anchored=False)
        if found:
            return found
    return "document"


# --- dossier / kamerstuk number -------------------------------------------------

_IDENT_RE = re.compile(
    r"\b(?:kst-(?P<kst>\d{4,6}(?:-[0-9A-Z]{1,5})?-\d+)"
    r"|(?P<ah>ah-tk-\d{8}-\d+)|(?P<h>h-tk-\d{8}-\d+(?:-\d+)?))\b"
)
# "Kamerstuk 22 112, nr. 4018", "21 501-02, nr. 3121", "Kamerstukken II 2023/24, 36 410 IV, nr. 15"
_NR_RE = re.compile(
    r"\b(?P<dos>\d{2}\s?\d{3})(?:(?:-|\s)(?P<sub>\d{2}|[IVXL]{1,5}|[A-Z]))?,?\s+nr\.?\s*(?P<nr>\d+)\b"
)
# "Kamerstuk 22112-4018", "Kamerstuk 22 112-4018"
_KAMERSTUK_RE = re.compile(
    r"\bkamerstuk(?:ken)?\s+(?:II\s+)?(?P<dos>\d{2}\s?\d{3})(?:-(?P<sub>\d{2}))?-(?P<nr>\d+)\b", re.I
)


def _format_dossier(dos: str, sub: str | None, nr: str | None) -> str:
    parts = [re.sub(r"\s", "", dos)]
    if sub:
        parts.append(sub)
    if nr:
        parts.append(nr)
    return "-".join(parts)


def extract_dossier(text: str) -> str | None:
    """Dossier(-stuknummer) from text or a file name: "Kamerstuk 22 112, nr. 4018" -> "22112-4018".

    Document identifiers (kst-, ah-tk-, h-tk-) win over cited kamerstukken,
    because a document cites other dossiers in its body and footnotes.
    """
    m = _IDENT_RE.search(text)
    if m:
        return m.group("kst") or m.group("ah") or m.group("h")
    m = _KAMERSTUK_RE.search(text)
    if m:
        return _format_dossier(m.group("dos"), m.group("sub"), m.group("nr"))
    m = _NR_RE.search(text)
    if m:
        return _format_dossier(m.group("dos"), m.group("sub"), m.group("nr"))
    return None


# --- dates --------------------------------------------------------------------

_MONTH_ALT = "|".join(MONTHS)
_DUTCH_DATE = rf"(?P<d>\d{{1,2}})\s*(?P<m>{_MONTH_ALT})\s+(?P<y>(?:19|20)\d{{2}})\b"
_ISO_DATE = r"(?P<iy>(?:19|20)\d{2})-(?P<im>\d{2})-(?P<id>\d{2})\b"
# Labelled dates first: the date of the document itself, not one it cites.
_DATE_PATTERNS = [
    re.compile(rf"\b(?:datum|isodatum)\s*[:=]?\s*\"?{_ISO_DATE}", re.I),
    re.compile(rf"\b(?:ontvangen|voorgesteld|vastgesteld|datum)\s*:?\s+(?:\w+dag\s+)?{_DUTCH_DATE}", re.I),
    re.compile(rf"\bden haag,\s*(?:\w+dag\s+)?{_DUTCH_DATE}", re.I),
    re.compile(rf"(?<![\d-]){_ISO_DATE}"),
    re.compile(rf"\b{_DUTCH_DATE}", re.I),
]


def _valid_iso(y: int, m: int, d: int) -> str | None:
    try:
        return datetime.date(y, m, d).isoformat()
    except ValueError:
        return None


def _match_to_iso(m: re.Match[str]) -> str | None:
    g = m.groupdict()
    if g.get("iy"):
        return _valid_iso(int(g["iy"]), int(g["im"]), int(g["id"]))
    return _valid_iso(int(g["y"]), MONTHS[g["m"].lower()], int(g["d"]))


def extract_date(text: str) -> str | None:
    """ISO date (yyyy-mm-dd) of the document, from "datum: 2025-05-15" or "26 maart 2024".

    "Vergaderjaar 2023-2024" is not a date: only full day-month-year dates count.
    """
    for pattern in _DATE_PATTERNS:
        for m in pattern.finditer(text):
            iso = _match_to_iso(m)
            if iso:
                return iso
    return None


# --- titles ---------------------------------------------------------------------

_TITLE_SUFFIX_RE = re.compile(r"\s*[|–-]\s*(Tweede Kamer der Staten-Generaal|Rijksoverheid\.nl|Overheid\.nl)\s*$", re.I)
_TUSSENVOEGSELS = {"van", "de", "der", "den", "het", "ter", "te", "ten", "in", "'t", "op", "en", "c.s."}


def clean_title(title: str, max_len: int = 300) -> str:
    """Single-line title without site suffixes; ALL-CAPS titles get sentence case-ish casing."""
    t = re.sub(r"\s+", " ", title or "").strip()
    t = _TITLE_SUFFIX_RE.sub("", t).strip(" ;:-|")
    if len(t) > max_len:
        t = t[:max_len].rsplit(" ", 1)[0] + "…"
    return t


def title_case_name(name: str) -> str:
    """"VAN DER BURG" -> "Van der Burg": capitalise a shouted Dutch surname."""
    words = name.lower().split()
    out = [w if (i > 0 and w in _TUSSENVOEGSELS) else "-".join(p[:1].upper() + p[1:] for p in w.split("-"))
           for i, w in enumerate(words)]
    return " ".join(out)


# --- motie indieners --------------------------------------------------------------

_MOTIE_TITLE_RE = re.compile(
    r"^(?:nader\s+)?(?:gewijzigde\s+)?(?:motie|amendement)\s+van\s+(?:het\s+lid|de\s+leden)?\s*(?P<names>.+?)\s*(?:c\.s\.)?\s*$",
    re.I,
)
_NAME_LINE_RE = re.compile(r"^[A-Z\u00C0-\u00DD][\w'’.\- ]{0,50}$")


def members_from_motie_title(title: str) -> list[str]:
    """"MOTIE VAN DE LEDEN INGE VAN DIJK EN GRINWIS" -> ["Inge van Dijk", "Grinwis"]."""
    m = _MOTIE_TITLE_RE.match(title.split(";")[-1].strip())
    if not m:
        return []
    names_part = re.sub(r"\s+over\s+.*$", "", m.group("names"), flags=re.I)  # "... over <onderwerp>"
    names_part = re.sub(r"\s*c\.s\.?$", "", names_part, flags=re.I)
    names = re.split(r"\s*,\s*|\s+en\s+", names_part, flags=re.I)
    return [title_case_name(n) if n.isupper() else n for n in names if n.strip()]


def members_from_motie_text(paragraphs: list[str]) -> list[str]:
    """The indieners: the name lines after "en gaat over tot de orde van de dag."."""
    for i, p in enumerate(paragraphs):
        if "orde van de dag" in p.lower():
            names = []
            for line in paragraphs[i + 1 : i + 30]:
                if not _NAME_LINE_RE.match(line.strip()) or len(line.split()) > 5:
                    break
                names.append(line.strip())
            return names
    return []


# Kamervragen: "Vragen van de leden Ceder (ChristenUnie) en Dobbe (SP) aan de Ministers ...",
# "Vragen van de leden Van Eijk en Aartsen (beiden VVD) aan ...".
_ASKERS_RE = re.compile(r"Vragen van (?:het lid|de leden)\s+(?P<names>.{2,300}?)\s+aan\s+de[n]?\b", re.S)
_ASKER_RE = re.compile(r"^(?P<name>.+?)\s*\((?:beiden\s+|allen\s+)?(?P<party>[^()]+)\)$")


# "Antwoord van Minister Koolmees (Sociale Zaken en Werkgelegenheid) (ontvangen ...)",
# "Antwoord van Staatssecretaris Van Rij (Financiën – Fiscaliteit en Belastingdienst), mede namens ..."
_ANSWERER_RE = re.compile(
    r"(?:Antwoord|Mededeling) van (?:de )?(?P<role>Minister(?:-president)?|Staatssecretaris)\s+(?:voor\s+\S+\s+)?"
    r"(?P<name>[A-Z\u00c0-\u017f][^()]{1,60}?)\s*\((?P<office>[^()]{2,120})\)")


def answerer_from_text(text: str) -> str:
    """The bewindspersoon who answers Kamervragen, as a speaker label like the Handelingen'
    ("Brekelmans (minister van Defensie)"), from the line that introduces the answer:
    "Antwoord van Minister Koolmees (Sociale Zaken en Werkgelegenheid)" -> "Koolmees (minister
    van Sociale Zaken en Werkgelegenheid)"; "" when the document names none."""
    m = _ANSWERER_RE.search(" ".join(text.split()))
    if not m:
        return ""
    name = m.group("name").strip()
    if len(name.split()) > 4 or not name[:1].isupper():
        return ""
    return f"{name} ({m.group('role').lower()} van {m.group('office').strip()})"


def askers_from_text(text: str) -> list[str]:
    """The asking members of Kamervragen as "Name (Party)" labels, from the line that
    introduces the questions: "Vragen van de leden Ceder (ChristenUnie) en Dobbe (SP) aan de
    Minister ..." -> ["Ceder (ChristenUnie)", "Dobbe (SP)"]; "(beiden VVD)" gives both their party."""
    m = _ASKERS_RE.search(" ".join(text.split()))
    if not m:
        return []
    parts = [p.strip() for p in re.split(r",\s*|\s+en\s+", m.group("names")) if p.strip()]
    out: list[str] = []
    pending: list[str] = []  # names before a shared "(beiden X)"
    for part in parts:
        got = _ASKER_RE.match(part)
        if not got:
            pending.append(part)
            continue
        name, party = got.group("name").strip(), got.group("party").strip()
        if pending and re.search(r"\((?:beiden|allen)\s", part):
            out += [f"{n} ({party})" for n in pending]
        else:
            out += pending
        pending = []
        out.append(f"{name} ({party})")
    out += pending
    return [n for n in out if 1 < len(n) < 80]


_DOSSIER_LINE_RE = re.compile(r"^(?P<dos>\d{2}\s?\d{3})(?:[-\s](?P<sub>\d{2}|[IVXL]{1,5}|[A-Z]))?$")
_STUKNR_LINE_RE = re.compile(r"^Nr\.\s*(?P<nr>\d+)\b")


def dossier_from_lines(lines: list[str]) -> str | None:
    """Kamerstuk layout: a line "36 682" followed within a few lines by "Nr. 10" -> "36682-10"."""
    for i, line in enumerate(lines[:40]):
        m = _DOSSIER_LINE_RE.match(line.strip())
        if not m:
            continue
        for follow in lines[i + 1 : i + 15]:
            n = _STUKNR_LINE_RE.match(follow.strip())
            if n:
                return _format_dossier(m.group("dos"), m.group("sub"), n.group("nr"))
        return _format_dossier(m.group("dos"), m.group("sub"), None)
    return None


_STUK_TITLE_RE = re.compile(r"^(?:Nr\.\s*\d+\s+)?(?P<t>(?:NADER\s+)?(?:GEWIJZIGDE\s+)?(?:MOTIE|AMENDEMENT)\b.*)$")


def kamerstuk_title(lines: list[str]) -> str | None:
    """The stuk title in kamerstuk layout ("Nr. 3121 MOTIE VAN HET LID CEDER" -> "MOTIE VAN HET LID CEDER")."""
    for line in lines[:40]:
        m = _STUK_TITLE_RE.match(line.strip())
        if m:
            return m.group("t")
    return None
