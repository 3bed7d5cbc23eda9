"""Tweede Kamer open-data API (Gegevensmagazijn, OData v4): list a dossier's documents,
download their files and keep a store's copy of the dossier current (`dossierwijzer sync`).

fields.py names every entity and field of the API (a rename is one edit), client.py is the
polite HTTP client, record.py turns an API document into ingest metadata, state.py holds the
per-store sync state and lock, sync.py plans and runs a sync."""
