"""Dossierwijzer: semantic search and cited answers over Dutch parliamentary documents."""

__version__ = "0.1.0"
