"""Evaluation of Dossierwijzer retrieval and answering against a gold question set.

gold    - the JSONL gold-set format, validation and quote checks
metrics - pure metric functions (retrieval, answers, latency)
runner  - runs the gold set through injected search/answer callables
report  - Markdown/JSON/PNG reports, comparisons and --fail-under checks

Submodules are not imported here so that `import eval.metrics` stays cheap
(report pulls in matplotlib).
"""
