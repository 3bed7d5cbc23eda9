"""One API document as the sync needs it, and the ingest metadata it dictates.

The API's metadata wins over what the readers guess: dossier `N-<Volgnummer>` (`N` when
Volgnummer < 0), type from Soort, date from Datum (its local date), title from Titel and
Onderwerp, indieners and medeindieners (ActorNaam with ActorFractie) as members."""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from index.tk import fields as F
from index.tk.client import DossierRef

# Soort -> our doc_type, first match on the lower-cased Soort wins (table-tested).
SOORT_RULES: tuple[tuple[str, str], ...] = (
    ("motie", "motie"), ("amendement", "amendement"), ("antwoord", "antwoord"),
    ("schriftelijke vragen", "vragen"), ("besluitenlijst", "besluitenlijst"), ("inbreng", "inbreng"),
    ("fiche", "fiche"), ("verslag", "verslag"), ("brief", "brief"), ("handelingen", "handelingen"),
    ("wetsvoorstel", "wet"), ("voorstel van wet", "wet"), ("memorie van toelichting", "wet"),
    ("nota van wijziging", "wet"),
)
EXTENSIONS = {
    "application/pdf": ".pdf", "text/xml": ".xml", "application/xml": ".xml", "text/html": ".html",
    "application/xhtml+xml": ".html", "text/plain": ".txt", "application/msword": ".doc",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
}
_LOCAL_DATE_RE = re.compile(r"^(\d{4}-\d{2}-\d{2})")


def doc_type_of(soort: str | None) -> str | None:
    s = (soort or "").lower()
    return next((t for key, t in SOORT_RULES if key in s), None)


def extension_of(content_type: str | None) -> str:
    return EXTENSIONS.get((content_type or "").split(";")[0].strip().lower(), ".bin")


def local_date(datum: str | None) -> str | None:
    """"2025-03-12T00:00:00+01:00" -> "2025-03-12": the Kamer's own calendar day, not UTC's."""
    m = _LOCAL_DATE_RE.match(datum or "")
    return m.group(1) if m else None


@dataclass
class ApiDocument:
    id: str
    soort: str = ""
    nummer: str = ""  # DocumentNummer
    volgnummer: int | None = None
    datum: str | None = None  # local date
    titel: str = ""
    onderwerp: str = ""
    citeertitel: str = ""
    content_type: str = ""
    content_length: int | None = None
    gewijzigd_op: str = ""
    api_gewijzigd_op: str = ""
    verwijderd: bool = False
    actors: list[dict] = field(default_factory=list)
    dossiers: list[dict] = field(default_factory=list)

    @classmethod
    def from_json(cls, d: dict) -> "ApiDocument":
        if not d.get(F.ID):
            raise ValueError(f"API document without {F.ID}: {str(d)[:200]}")
        length = d.get(F.CONTENT_LENGTH)
        return cls(
            id=str(d[F.ID]), soort=d.get(F.SOORT) or "", nummer=d.get(F.DOCUMENT_NUMMER) or "",
            volgnummer=d.get(F.VOLGNUMMER), datum=local_date(d.get(F.DATUM)), titel=d.get(F.TITEL) or "",
            onderwerp=d.get(F.ONDERWERP) or "", citeertitel=d.get(F.CITEERTITEL) or "",
            content_type=d.get(F.CONTENT_TYPE) or "", content_length=int(length) if length is not None else None,
            gewijzigd_op=d.get(F.GEWIJZIGD_OP) or "", api_gewijzigd_op=d.get(F.API_GEWIJZIGD_OP) or "",
            verwijderd=bool(d.get(F.VERWIJDERD)), actors=list(d.get(F.DOCUMENT_ACTOR) or []),
            dossiers=list(d.get(F.KAMERSTUKDOSSIER) or []),
        )

    @property
    def version(self) -> str:
        """Changes whenever the API changed the document or its file."""
        return f"{self.api_gewijzigd_op}|{self.gewijzigd_op}"

    def file_name(self) -> str:
        base = re.sub(r"[^A-Za-z0-9._-]+", "_", self.nummer or self.id).strip("._") or self.id
        return base + extension_of(self.content_type)

    def dossier_label(self, ref: DossierRef) -> str:
        """`N-<Volgnummer>` for the synced dossier (N with its Toevoeging, as the API has it)."""
        match = next((k for k in self.dossiers if k.get(F.DOSSIER_NUMMER) == ref.nummer
                      and (ref.toevoeging is None or (k.get(F.DOSSIER_TOEVOEGING) or "").upper() == ref.toevoeging)),
                     None)
        toevoeging = (match or {}).get(F.DOSSIER_TOEVOEGING) or ref.toevoeging
        base = f"{ref.nummer}-{toevoeging}" if toevoeging else str(ref.nummer)
        return f"{base}-{self.volgnummer}" if self.volgnummer is not None and self.volgnummer >= 0 else base

    def title(self) -> str:
        """"Titel; Onderwerp" (the officiële bekendmakingen form the readers know) when both say
        something different, else whichever is there, else the Citeertitel."""
        t, o = self.titel.strip(), self.onderwerp.strip()
        if t and o and o.lower() not in t.lower():
            return f"{t}; {o}"
        return t or o or self.citeertitel.strip()

    def indieners(self) -> list[str]:
        """Indieners first, then medeindieners: "Kathmann (GroenLinks-PvdA)"."""
        rank = {r: i for i, r in enumerate(F.INDIENER_RELATIES)}
        chosen = sorted((a for a in self.actors if a.get(F.RELATIE) in rank), key=lambda a: rank[a[F.RELATIE]])
        out = []
        for a in chosen:
            name, fractie = (a.get(F.ACTOR_NAAM) or "").strip(), (a.get(F.ACTOR_FRACTIE) or "").strip()
            label = f"{name} ({fractie})" if name and fractie else name or fractie
            if label and label not in out:
                out.append(label)
        return out

    def overrides(self, ref: DossierRef) -> dict:
        """Sidecar content for index.overrides (empty values are left to the readers)."""
        return {
            "title": self.title(), "date": self.datum, "doc_type": doc_type_of(self.soort),
            "dossier": self.dossier_label(ref), "members": self.indieners(), "document_number": self.nummer,
            "source": {"api": "tweedekamer", "id": self.id, "soort": self.soort, "version": self.version},
        }
