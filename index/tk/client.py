"""A polite HTTP client for the Gegevensmagazijn: strictly sequential requests, a delay
between them, timeouts, retries with backoff on 5xx, 429 (honouring Retry-After) and broken
connections. stdlib urllib only: the API is plain HTTPS + JSON."""
from __future__ import annotations

import email.utils
import json
import re
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Callable

from index.tk import fields as F

from index.errors import UserError

USER_AGENT = "dossierwijzer-sync/1 (+https://github.com/; open-data client, sequential requests)"


class TkError(UserError):
    """A sync problem the user can act on (network, API, a busy store)."""


class BadDossier(TkError, ValueError):
    """A dossier number that is not one ("22112", "36200-XV")."""


class TkApiError(TkError):
    """A request that failed for good (after retries, or a 4xx that retrying cannot fix)."""

    def __init__(self, url: str, reason: str, status: int | None = None):
        super().__init__(f"{url}: {reason}")
        self.url, self.reason, self.status = url, reason, status


class _Transient(Exception):
    def __init__(self, reason: str, retry_after: float | None = None):
        super().__init__(reason)
        self.reason, self.retry_after = reason, retry_after


@dataclass(frozen=True)
class ClientOptions:
    api_url: str = F.DEFAULT_API_URL
    delay_s: float = 0.1  # between two requests, always
    timeout_s: float = 10.0  # connect and read
    retries: int = 4  # extra attempts on 5xx / 429 / connection errors
    backoff_s: float = 1.0  # first wait; doubles per attempt unless Retry-After says otherwise
    max_wait_s: float = 120.0  # a longer Retry-After is cut to this

    @classmethod
    def from_settings(cls, settings, api_url: str | None = None) -> "ClientOptions":
        tk = settings.tk
        return cls(api_url=(api_url or tk.api_url).rstrip("/"), delay_s=tk.delay_ms / 1000,
                   timeout_s=tk.timeout_s, retries=tk.retries, backoff_s=tk.backoff_s)


@dataclass(frozen=True)
class DossierRef:
    """A dossier as the user names it: "22112" or "36200-XV" (Nummer and Toevoeging)."""

    nummer: int
    toevoeging: str | None = None

    @classmethod
    def parse(cls, text: str) -> "DossierRef":
        m = re.fullmatch(r"\s*(\d{1,6})(?:[-\s]([0-9A-Za-z]{1,8}))?\s*", text or "")
        if not m:
            raise BadDossier(f"--dossier {text!r}: expected a dossier number such as 22112 or 36200-XV")
        return cls(int(m.group(1)), m.group(2).upper() if m.group(2) else None)

    def __str__(self) -> str:
        return f"{self.nummer}-{self.toevoeging}" if self.toevoeging else str(self.nummer)

    def odata_condition(self) -> str:
        """Both conditions inside one any(): Nummer and Toevoeging of the same dossier."""
        cond = f"k/{F.DOSSIER_NUMMER} eq {self.nummer}"
        if self.toevoeging:
            cond += f" and k/{F.DOSSIER_TOEVOEGING} eq '{self.toevoeging}'"
        return f"{F.KAMERSTUKDOSSIER}/any(k:{cond})"


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


class TkClient:
    def __init__(self, options: ClientOptions, sleep: Callable[[float], None] = time.sleep):
        self.options, self.sleep = options, sleep
        self.requests = 0  # counted for the report and the tests
        self._last = 0.0

    @property
    def root(self) -> str:
        return self.options.api_url.rstrip("/") + F.ODATA_ROOT

    def listing_url(self, dossier: DossierRef, since: str | None = None) -> str:
        flt = f"{F.VERWIJDERD} eq false and {dossier.odata_condition()}"
        if since:  # a day early: Datum carries a local offset; the exact cut is made on the local date
            early = (date.fromisoformat(since) - timedelta(days=1)).isoformat()
            flt += f" and {F.DATUM} ge {early}T00:00:00Z"
        query = {"$filter": flt, "$expand": f"{F.DOCUMENT_ACTOR},{F.KAMERSTUKDOSSIER}"}
        return self.root + F.DOCUMENT + "?" + urllib.parse.urlencode(query, quote_via=urllib.parse.quote, safe="/,'():$")

    def resource_url(self, doc_id: str) -> str:
        return f"{self.root}{F.DOCUMENT}({doc_id})/{F.RESOURCE}"

    def list_documents(self, dossier: DossierRef, since: str | None = None) -> list[dict]:
        """Every page: follow the absolute @odata.nextLink as given until it is absent
        (no $top: the server omits the link when $top is set)."""
        url, docs, seen = self.listing_url(dossier, since), [], set()
        while url:
            if url in seen:
                raise TkApiError(url, "the API returned a nextLink already followed (paging loop)")
            seen.add(url)
            body, _ = self.get(url, accept="application/json")
            try:
                page = json.loads(body)
                docs.extend(page[F.VALUE])
            except (ValueError, KeyError, TypeError) as e:
                raise TkApiError(url, f"not an OData JSON page ({e})") from e
            url = page.get(F.NEXT_LINK)
        return docs

    def download(self, doc_id: str, content_length: int | None) -> tuple[bytes, str]:
        """The file's bytes and Content-Type; a body shorter or longer than ContentLength is retried."""
        return self.get(self.resource_url(doc_id), accept="*/*", expect_len=content_length)

    # -- transport -------------------------------------------------------------------------
    def get(self, url: str, accept: str, expect_len: int | None = None) -> tuple[bytes, str]:
        opts = self.options
        for attempt in range(opts.retries + 1):
            try:
                return self._once(url, accept, expect_len)
            except _Transient as t:
                if attempt == opts.retries:
                    raise TkApiError(url, f"{t.reason} (gave up after {attempt + 1} attempts)") from None
                wait = t.retry_after if t.retry_after is not None else opts.backoff_s * 2 ** attempt
                self.sleep(min(wait, opts.max_wait_s))
        raise AssertionError("unreachable")

    def _once(self, url: str, accept: str, expect_len: int | None) -> tuple[bytes, str]:
        pause = self._last + self.options.delay_s - time.monotonic()
        if pause > 0:
            self.sleep(pause)
        req = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": accept})
        self.requests += 1
        try:
            with urllib.request.urlopen(req, timeout=self.options.timeout_s) as resp:
                body, ctype = resp.read(), resp.headers.get("Content-Type", "")
        except urllib.error.HTTPError as e:
            if e.code == 429 or e.code >= 500:
                raise _Transient(f"HTTP {e.code}", _retry_after(e.headers.get("Retry-After"))) from None
            raise TkApiError(url, f"HTTP {e.code} {e.reason}", e.code) from None
        except (urllib.error.URLError, TimeoutError, ConnectionError, OSError) as e:
            raise _Transient(f"{type(e).__name__}: {getattr(e, 'reason', e)}") from None
        finally:
            self._last = time.monotonic()
        if expect_len is not None and len(body) != expect_len:
            raise _Transient(f"got {len(body)} bytes, ContentLength says {expect_len}")
        return body, ctype
