"""Crash safety: `dossierwijzer ingest` SIGKILLed after seeded random amounts of committed progress, then
run to completion, must leave exactly the index of one clean run (benchmarks/crash_resume.py
holds the machinery; its long variant runs over ../shared/corpus)."""
from __future__ import annotations

import importlib.util
import random
import sys
from pathlib import Path

import pytest

from tests.conftest import CORPUS, REPO
from tests.malformed import _Text, html_page, make_docx, make_pdf, motie_xml, wrap

_spec = importlib.util.spec_from_file_location("crash_resume", REPO / "benchmarks" / "crash_resume.py")
crash_resume = sys.modules.setdefault("crash_resume", importlib.util.module_from_spec(_spec))
_spec.loader.exec_module(crash_resume)

FRACTIES = ["VVD", "PVV", "GroenLinks-PvdA", "NSC", "BBB", "D66", "CDA", "SP"]


def make_corpus(folder: Path, seed: int = 11, scale: int = 1) -> list[Path]:
    """~30 documents: moties as TK XML, inbreng-style verslagen as TXT (the bulk of the
    work), two PDFs, two DOCX and two HTML pages. Deterministic for a seed; `scale`
    multiplies the length of the verslagen (slows ingest down without faking it)."""
    folder.mkdir(parents=True, exist_ok=True)
    rng, text = random.Random(seed), _Text(seed)
    files = []

    def put(name: str, data: bytes | str) -> None:
        path = folder / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        files.append(path)

    for i in range(12):
        put(f"motie-{i:02d}.xml", motie_xml(4000 + i, text.paragraphs(rng.randint(3, 6)),
                                            tuple(rng.sample(["Ceder", "Kathmann", "Six Dijkstra", "Van der Burg"], 2)),
                                            date=f"2025-0{1 + i % 9}-1{i % 10}"))
    for i in range(12):
        parts = [f"Inbreng schriftelijk overleg {i}", ""]
        for fractie in rng.sample(FRACTIES, 4):
            parts += [f"Vragen en opmerkingen van de leden van de {fractie}-fractie", ""]
            for para in text.paragraphs(rng.randint(6, 10) * scale):
                parts += [f"De leden van de {fractie}-fractie lezen het volgende. {para}", ""]
        put(f"verslag-{i:02d}.txt", "\n".join(parts))
    for i in range(2):
        lines = wrap(text.paragraphs(12))
        put(f"brief-{i}.pdf", make_pdf([lines[j:j + 50] for j in range(0, len(lines), 50)]))
    for i in range(2):
        put(f"notitie-{i}.docx", make_docx(text.paragraphs(8), heading=f"Notitie {i}"))
    for i in range(2):
        put(f"pagina-{i}.html", html_page(f"Kamerbrief {i}", text.paragraphs(6)))
    return files


def _revise(path: Path) -> None:
    """Change a document's text (not just its bytes): its old chunks become stale."""
    if path.suffix == ".xml":
        path.write_text(path.read_text(encoding="utf-8").replace(
            "gehoord de beraadslaging", "gehoord de herziene beraadslaging"), encoding="utf-8")
    else:
        path.write_text("Herziene versie\n\nDe Kamer vraagt de regering om een nieuw overleg over de inzet.\n\n"
                        + path.read_text(encoding="utf-8"), encoding="utf-8")


def test_killed_ingest_resumes_to_the_same_index_as_a_clean_run(tmp_path):
    corpus = tmp_path / "corpus"
    files = make_corpus(corpus, scale=8)
    changed: dict[str, str] = {}

    def change_corpus(kill, recorded: dict) -> None:
        """Once some files are done: change a done and a pending file, delete a done one."""
        done = sorted(k for k, st in recorded.items() if st["status"] == "done" and k.endswith((".xml", ".txt")))
        if changed or len(done) < 2:
            return
        others = [str(f.resolve()) for f in files if f.suffix in (".xml", ".txt") and str(f.resolve()) not in done[:2]]
        later = next((f for f in reversed(others) if f not in recorded), others[-1])  # not done yet, if any
        _revise(Path(done[0]))
        _revise(Path(later))
        Path(done[1]).unlink()
        changed.update(edited=done[0], later=later, deleted=done[1])

    # Small batches: a commit every 16 chunks, so there are many points to be killed between.
    result = crash_resume.check([corpus], tmp_path / "work", kills=6, seed=2, between=change_corpus,
                                env={"DOSSIERWIJZER_EMBED_BATCH_SIZE": "4"}, min_mid_run=2, max_kills=12)
    print("\n", {k: v for k, v in result.items() if k != "kill_log"})
    for kill in result["kill_log"]:
        print("  ", kill)
    assert result["problems"] == [] and result["ok"]
    assert result["files"] == len(files) - 1 and result["chunks"] > 1000
    # the kills really interrupted work in progress, after some of it was committed
    assert result["killed_while_running"] >= 3, result["kill_log"]
    assert result["killed_mid_run"] >= 2, result["kill_log"]
    # the corpus changed mid-way: the deleted file is pruned, the edited one re-indexed
    assert changed and result["final_run"]["pruned"] == 1
    # the final run only did what the killed runs had left, and the changed files
    assert result["final_run"]["unchanged"] + result["final_run"]["indexed"] == result["files"]
    assert result["final_run"]["unchanged"] >= 1
    assert result["final_run"]["chunks_embedded"] < result["clean_run_chunks_embedded"]


def test_consistency_checks_can_fail():
    """The checks the crash test relies on report a stale chunk, an orphan, a missing chunk
    and a duplicate, and tell two different indexes apart."""
    good = {"points": [("c1", "d1"), ("c2", "d1")], "files": {"/a": ("done", "d1", ("c1", "c2"), "s")}}
    assert crash_resume.consistency_problems(good) == []
    bad = {"points": [("c1", "d1"), ("c1", "d1"), ("c0", "d1"), ("x", "d9")],
           "files": {"/a": ("done", "d1", ("c1", "c2"), "s")}}
    problems = " | ".join(crash_resume.consistency_problems(bad))
    for word in ("duplicate", "missing", "stale chunk c0", "orphan chunk x"):
        assert word in problems
    assert crash_resume.differences(good, bad) and not crash_resume.differences(good, good)


@pytest.mark.slow
@pytest.mark.skipif(not CORPUS.exists(), reason="../shared/corpus is absent")
def test_long_crash_resume_over_the_shared_corpus(capsys):
    assert crash_resume.main(["--kills", "4", "--seed", "5"]) == 0
    assert "OK: 4 kills" in capsys.readouterr().out
