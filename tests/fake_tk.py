"""A fake Gegevensmagazijn (Tweede Kamer open-data API, OData v4) on 127.0.0.1, built from the
documented shape (see index/tk/fields.py):

  GET /OData/v4/2.0/Document?$filter=Verwijderd eq false and Kamerstukdossier/any(k:k/Nummer eq N
      [and k/Toevoeging eq 'X'])&$expand=DocumentActor,Kamerstukdossier
      -> {"@odata.context", "value": [...], "@odata.nextLink": absolute URL} (page_size per page)
  GET /OData/v4/2.0/Document({Id})/resource -> bytes with Content-Type

It is strict where the client could go wrong: a `$top`, a filter of another shape, a quoted Id
or a missing $expand is answered 400. Faults per resource: a list of statuses answered before
success (e.g. [429], [500]); `always` statuses are answered every time. Every request is logged.
"""
from __future__ import annotations

import json
import re
import threading
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROOT = "/OData/v4/2.0/"
_ANY_RE = re.compile(r"^Verwijderd eq false and Kamerstukdossier/any\(k:k/Nummer eq (\d+)"
                     r"(?: and k/Toevoeging eq '([^']*)')?\)(?: and Datum ge (\d{4}-\d{2}-\d{2})T00:00:00Z)?$")


@dataclass
class FakeDoc:
    id: str
    dossier: tuple[int, str | None]
    volgnummer: int
    soort: str
    body: bytes
    titel: str = ""
    onderwerp: str = ""
    datum: str = "2025-03-12T00:00:00+01:00"
    nummer: str = ""
    content_type: str = "text/plain"
    actors: list[dict] = field(default_factory=list)
    verwijderd: bool = False
    api_gewijzigd_op: str = "2025-03-13T10:00:00.000+01:00"
    gewijzigd_op: str = "2025-03-13T09:00:00.000+01:00"

    def record(self) -> dict:
        nummer, toevoeging = self.dossier
        return {
            "Id": self.id, "Soort": self.soort, "DocumentNummer": self.nummer, "Volgnummer": self.volgnummer,
            "Datum": self.datum, "Titel": self.titel, "Onderwerp": self.onderwerp, "Citeertitel": None,
            "Vergaderjaar": "2024-2025", "ContentType": self.content_type, "ContentLength": len(self.body),
            "GewijzigdOp": self.gewijzigd_op, "ApiGewijzigdOp": self.api_gewijzigd_op, "Verwijderd": self.verwijderd,
            "DocumentActor": [{"Id": f"{self.id[:8]}-a{i}", "Verwijderd": False, **a} for i, a in enumerate(self.actors)],
            "Kamerstukdossier": [{"Id": f"ksd-{nummer}-{toevoeging}", "Nummer": nummer, "Toevoeging": toevoeging,
                                  "Titel": f"Dossier {nummer}", "Verwijderd": False}],
        }


class FakeTK:
    def __init__(self, page_size: int = 2):
        self.page_size = page_size
        self.docs: dict[str, FakeDoc] = {}
        self.faults: dict[str, list[int]] = {}  # answered once each, in order, before success
        self.always: dict[str, int] = {}
        self.retry_after = "1"
        self.log: list[str] = []  # request paths with query, in order
        self.next_links: list[str] = []  # every nextLink handed out
        self.hold: threading.Event | None = None  # resource requests block on it when set
        self.hold_after = 0  # ... once this many resources were served
        self.served = 0
        self.lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    def start(self) -> "FakeTK":
        self._thread.start()
        return self

    def stop(self) -> None:
        if self.hold:
            self.hold.set()
        self._server.shutdown()
        self._server.server_close()

    def add(self, doc: FakeDoc) -> FakeDoc:
        self.docs[doc.id] = doc
        return doc

    def resource_requests(self) -> list[str]:
        return [re.search(r"Document\(([^)]*)\)", p).group(1) for p in self.log if p.endswith("/resource")]

    def listing_requests(self) -> list[str]:
        return [p for p in self.log if p.startswith(ROOT + "Document?")]

    # -- the API -------------------------------------------------------------------------------
    def listing(self, query: dict) -> tuple[int, dict]:
        if "$top" in query:
            return 400, {"error": "$top given: the server would omit @odata.nextLink"}
        m = _ANY_RE.match(query.get("$filter", ""))
        if not m or set(query.get("$expand", "").split(",")) != {"DocumentActor", "Kamerstukdossier"}:
            return 400, {"error": f"unexpected query {query}"}
        nummer, toevoeging, since = int(m.group(1)), m.group(2), m.group(3)
        rows = [d for d in self.docs.values() if not d.verwijderd and d.dossier[0] == nummer
                and (toevoeging is None or d.dossier[1] == toevoeging) and (not since or d.datum[:10] >= since)]
        skip = int(query.get("$skip", 0))
        page = {"@odata.context": f"{self.url}{ROOT}$metadata#Document(DocumentActor(),Kamerstukdossier())",
                "value": [d.record() for d in rows[skip: skip + self.page_size]]}
        if skip + self.page_size < len(rows):
            rest = {k: v for k, v in query.items() if k != "$skip"} | {"$skip": str(skip + self.page_size)}
            link = f"{self.url}{ROOT}Document?" + urllib.parse.urlencode(rest, quote_via=urllib.parse.quote)
            page["@odata.nextLink"] = link
            self.next_links.append(link)
        return 200, page

    def resource(self, raw_id: str) -> tuple[int, bytes, str]:
        if raw_id.startswith("'"):
            return 400, b"Id must not be quoted", "text/plain"
        doc = self.docs.get(raw_id)
        if doc is None:
            return 404, b"not found", "text/plain"
        if raw_id in self.always:
            return self.always[raw_id], b"failure", "text/plain"
        if self.faults.get(raw_id):
            return self.faults[raw_id].pop(0), b"try again", "text/plain"
        return 200, doc.body, doc.content_type

    def _handler(self):
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def do_GET(self):
                with fake.lock:
                    fake.log.append(self.path)
                    hold = fake.hold if fake.hold and fake.served >= fake.hold_after else None
                if hold and "/resource" in self.path:
                    hold.wait(30)
                parsed = urllib.parse.urlsplit(self.path)
                m = re.fullmatch(re.escape(ROOT) + r"Document\(([^)]*)\)/resource", parsed.path)
                if m:
                    status, body, ctype = fake.resource(m.group(1))
                    if status == 200:
                        with fake.lock:
                            fake.served += 1
                elif parsed.path == ROOT + "Document":
                    query = dict(urllib.parse.parse_qsl(parsed.query, keep_blank_values=True))
                    status, obj = fake.listing(query)
                    body, ctype = json.dumps(obj).encode(), "application/json; odata.metadata=minimal"
                else:
                    status, body, ctype = 404, b"no such entity", "text/plain"
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                if status == 429:
                    self.send_header("Retry-After", fake.retry_after)
                self.end_headers()
                self.wfile.write(body)

        return Handler
