"""Every entity, field and value name of the Gegevensmagazijn this package uses, in one place.

The Kamer is renaming attributes in a newer OData version; a rename is an edit here only.
Documented shape (OData v4, `{api}/OData/v4/2.0/`):
  Document(Id, Soort, DocumentNummer, Volgnummer, Datum, Titel, Onderwerp, Citeertitel,
           Vergaderjaar, ContentType, ContentLength, GewijzigdOp, ApiGewijzigdOp, Verwijderd)
  Document -> DocumentActor(ActorNaam, ActorFractie, Functie, Relatie)
  Document -> Kamerstukdossier(Nummer, Toevoeging, Titel)
  Document({Id})/resource -> the file's bytes
"""
from __future__ import annotations

DEFAULT_API_URL = "https://gegevensmagazijn.tweedekamer.nl"
ODATA_ROOT = "/OData/v4/2.0/"

# entity sets and navigation properties
DOCUMENT = "Document"
DOCUMENT_ACTOR = "DocumentActor"
KAMERSTUKDOSSIER = "Kamerstukdossier"
RESOURCE = "resource"

# Document fields
ID = "Id"
SOORT = "Soort"
DOCUMENT_NUMMER = "DocumentNummer"
VOLGNUMMER = "Volgnummer"
DATUM = "Datum"
TITEL = "Titel"
ONDERWERP = "Onderwerp"
CITEERTITEL = "Citeertitel"
VERGADERJAAR = "Vergaderjaar"
CONTENT_TYPE = "ContentType"
CONTENT_LENGTH = "ContentLength"
GEWIJZIGD_OP = "GewijzigdOp"
API_GEWIJZIGD_OP = "ApiGewijzigdOp"
VERWIJDERD = "Verwijderd"

# DocumentActor fields and the Relatie values whose actors speak in the document
ACTOR_NAAM = "ActorNaam"
ACTOR_FRACTIE = "ActorFractie"
FUNCTIE = "Functie"
RELATIE = "Relatie"
INDIENER_RELATIES = ("Indiener", "Medeindiener")

# Kamerstukdossier fields
DOSSIER_NUMMER = "Nummer"
DOSSIER_TOEVOEGING = "Toevoeging"
DOSSIER_TITEL = "Titel"

# OData response keys
VALUE = "value"
NEXT_LINK = "@odata.nextLink"
