"""The Documenten tab's "Dossier ophalen" box: sync one or more dossiers from the Tweede
Kamer open-data API into the UI's own engine, and render the result (no gradio here)."""
from __future__ import annotations

import html
import re
from contextlib import nullcontext
from typing import Callable

from assistant import service
from index.errors import UserError

LABELS = {
    "nl": {"fetch_title": "Dossier ophalen (open data Tweede Kamer)", "fetch_dossier": "Dossiernummer(s), bijv. 22112 of 36200-XV",
           "fetch_go": "Ophalen en indexeren", "fetch_none": "Geef een dossiernummer.",
           "fetch_result": "**Dossier {dossiers}**: {listed} documenten in de API, {downloaded} opgehaald, {unchanged} ongewijzigd, "
                           "{deleted} verwijderd, {indexed} geïndexeerd.", "fetch_failed": "Niet opgehaald",
           "fetch_download": "ophalen", "fetch_ingest": "indexeren"},
    "en": {"fetch_title": "Fetch a dossier (Tweede Kamer open data)", "fetch_dossier": "Dossier number(s), e.g. 22112 or 36200-XV",
           "fetch_go": "Fetch and index", "fetch_none": "Give a dossier number.",
           "fetch_result": "**Dossier {dossiers}**: {listed} documents in the API, {downloaded} downloaded, {unchanged} unchanged, "
                           "{deleted} deleted, {indexed} indexed.", "fetch_failed": "Not fetched",
           "fetch_download": "downloading", "fetch_ingest": "indexing"},
}


def labels(lang: str) -> dict:
    return LABELS.get(lang, LABELS["nl"])


def parse_dossiers(text: str) -> list[str]:
    """"22112, 36200-XV" or one per line -> ["22112", "36200-XV"]."""
    return [t for t in re.split(r"[,;\s]+", text or "") if t]


def render_sync(report: dict, lang: str) -> str:
    lab = labels(lang)
    out = lab["fetch_result"].format(**{**report, "dossiers": ", ".join(report["dossiers"])})
    if report["failed"]:
        out += f"\n\n{lab['fetch_failed']}:\n" + "\n".join(
            f"- `{html.escape(f['id'])}`: {html.escape(f['reason'])}" for f in report["failed"])
    return out


def sync_in_ui(engine, dossier_text: str, progress: Callable[[str, int, int], None] | None = None) -> str:
    """Sync into the running UI's engine (the sync opens no second engine); Markdown result.
    Errors the user can fix (a bad number, the API unreachable, a sync already running)
    come back as one ⚠️ line."""
    lab = labels(engine.settings.ui.language)
    dossiers = parse_dossiers(dossier_text)
    if not dossiers:
        return f"⚠️ {lab['fetch_none']}"
    try:
        report = service.sync(engine.settings, dossiers, open_engine=lambda: nullcontext(engine), step=progress,
                                log=lambda m: None)
    except UserError as e:
        return f"⚠️ {html.escape(str(e))}"
    return render_sync(report.to_json(), engine.settings.ui.language)
