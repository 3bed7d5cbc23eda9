"""The shape of the code, checked: imports run one way (index <- assistant <- eval, app.py),
function-local imports of project modules say why they are lazy, and a question is
embedded once."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import REPO

PACKAGES = ("index", "assistant", "eval", "prompts", "app")
# Which top-level parts may import which: the layers of the design.
ALLOWED = {
    "index": {"index"},
    "prompts": {"prompts"},
    "assistant": {"assistant", "index", "prompts"},
    "eval": {"eval", "assistant", "index", "prompts"},
    "app": {"app", "assistant", "index", "eval", "prompts"},
}


def _modules():
    for d in ("index", "assistant", "eval", "prompts"):
        for p in sorted((REPO / d).rglob("*.py")):
            # `python -m assistant` runs __main__.py as a script: nothing imports it, so it may
            # start from the top-level front end (app.main) without making a cycle.
            if p.name != "__main__.py":
                yield p
    yield REPO / "app.py"


def _imports(path: Path):
    """(top-level package, module name, line, is_local) for every import of a project module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0:
            names = [node.module or ""]
        else:
            continue
        for name in names:
            top = name.split(".")[0]
            if top in PACKAGES:
                yield top, name, node.lineno, node.col_offset > 0


def _part(path: Path) -> str:
    return path.relative_to(REPO).parts[0].removesuffix(".py")


def test_imports_run_one_way_counting_function_local_imports():
    wrong = [f"{p.relative_to(REPO)}:{line} imports {name}"
             for p in _modules() for top, name, line, _ in _imports(p) if top not in ALLOWED[_part(p)]]
    assert wrong == []


def test_no_cycle_between_the_packages():
    edges = {(_part(p), top) for p in _modules() for top, _, _, _ in _imports(p) if top != _part(p)}

    def reaches(a, b, seen=()):
        return any(x == a and (y == b or (y not in seen and reaches(y, b, (*seen, y)))) for x, y in edges)

    assert [(a, b) for a, b in edges if reaches(b, a)] == []


def test_function_local_project_imports_say_why_they_are_lazy():
    """A function-local import only keeps a heavy or optional dependency lazy, and says so."""
    silent = []
    for p in _modules():
        lines = p.read_text(encoding="utf-8").splitlines()
        for _, name, line, local in _imports(p):
            if local and "lazy" not in lines[line - 1] and "lazy" not in lines[line - 2]:
                silent.append(f"{p.relative_to(REPO)}:{line} {name}")
    assert silent == []


def test_the_checker_sees_a_cycle(tmp_path):
    """The checks above can fail: an index module importing assistant is caught."""
    bad = tmp_path / "index" / "bad.py"
    bad.parent.mkdir()
    bad.write_text("def f():\n    from assistant import service\n", encoding="utf-8")
    found = list(_imports(bad))
    assert found == [("assistant", "assistant", 2, True)] and "assistant" not in ALLOWED["index"]


class CountingEmbedder:
    """The real embedder, counting the question embeddings."""

    def __init__(self, inner):
        self.inner, self.name, self.dim, self.queries = inner, inner.name, inner.dim, []

    def embed_passages(self, texts):
        return self.inner.embed_passages(texts)

    def embed_queries(self, texts):
        self.queries.extend(texts)
        return self.inner.embed_queries(texts)


@pytest.mark.parametrize("mode", ["hybrid", "dense", "sparse"])
def test_a_question_is_embedded_once(seed_engine, mode):
    from assistant import service

    eng = seed_engine.derive()
    eng.embedder = counting = CountingEmbedder(seed_engine.embedder)
    # an actor question drives two searches (the actor's passages and the overall best)
    ans = service.ask(eng, "Wat vroeg de VVD over ENISA?", mode=mode)
    assert ans.answered and counting.queries == ["Wat vroeg de VVD over ENISA?"]
    counting.queries.clear()
    service.search(eng, "Wat vroeg de VVD over ENISA?", mode=mode)
    assert counting.queries == ([] if mode == "sparse" else ["Wat vroeg de VVD over ENISA?"])


def test_answer_similarities_come_from_the_vectors_the_store_returned(seed_engine, monkeypatch):
    from assistant import service

    calls = []
    real = type(seed_engine.store).retrieve
    monkeypatch.setattr(type(seed_engine.store), "retrieve", lambda self, *a, **k: calls.append(a) or real(self, *a, **k))
    ans = service.ask(seed_engine, "Wat heeft Nederland ingebracht over de Blueprint Cyber?")
    assert ans.answered and calls == []  # no second round trip for the cosines
