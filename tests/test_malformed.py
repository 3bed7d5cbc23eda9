"""Ingest a generated corpus of 200+ malformed, hostile and odd-but-readable files mixed
with good ones (tests/malformed.py): every bad file gives exactly one "skipped: <file>:
<reason>" line, every good or readable file is indexed with its text, nothing hostile
(script code, expanded entities, /etc/passwd) reaches the index, and the run neither
crashes nor hangs. Plus the per-file parse time limit."""
from __future__ import annotations

import re
import time
from collections import Counter
from pathlib import Path

import pytest

from assistant.engine import Engine
from tests.malformed import MAX_FILE_MB, generate, words_of
from tests.fakes import HASH_EMBEDDER


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    from assistant.settings import Settings

    root = tmp_path_factory.mktemp("malformed")
    corpus = root / "corpus"
    cases = generate(corpus)
    lines: list[str] = []
    t0 = time.perf_counter()
    with Engine(Settings(store=root / "store", embedder=HASH_EMBEDDER, max_file_mb=MAX_FILE_MB, file_timeout_s=30)) as eng:
        report = eng.ingest([corpus], progress=False, log=lines.append)
        texts: dict[str, list[tuple[int, str]]] = {}
        for p in eng.store.scroll():
            texts.setdefault(p["source_path"], []).append((p["position"], p["text"]))
    seconds = time.perf_counter() - t0
    by_file = {path: " ".join(" ".join(t.split()) for _, t in sorted(chunks)) for path, chunks in texts.items()}
    by_file["longest chunk"] = {path: max(len(t) for _, t in chunks) for path, chunks in texts.items()}
    return corpus, cases, report, lines, by_file, seconds


def _outcome(case, corpus: Path, report) -> str:
    key = str((corpus / case.name).resolve())
    return ("index" if key in report.indexed else "skip" if key in {f for f, _ in report.skipped}
            else "duplicate" if key in {f for f, _ in report.duplicates} else "missing")


def test_corpus_is_large_and_varied(ingested):
    _, cases, *_ = ingested
    assert len(cases) >= 200
    assert len({c.name for c in cases}) == len(cases)
    kinds = Counter(c.expect for c in cases)
    assert kinds["index"] >= 60 and kinds["skip"] >= 100, kinds


def test_every_file_gets_exactly_one_outcome(ingested):
    corpus, cases, report, lines, _, seconds = ingested
    outcomes = Counter()
    wrong = []
    for case in cases:
        got = _outcome(case, corpus, report)
        outcomes[(case.category, got)] += 1
        if got not in ("index", "skip") or (case.expect != "either" and got != case.expect):
            wrong.append((case.name, case.expect, got, dict(report.skipped).get(str((corpus / case.name).resolve()))))
    assert not wrong, wrong
    assert len(report.indexed) + len(report.skipped) == len(cases)
    assert not report.duplicates
    print(f"\n{len(cases)} cases in {seconds:.1f} s: {len(report.indexed)} indexed, {len(report.skipped)} skipped")
    for (category, got), n in sorted(outcomes.items()):
        print(f"  {category:40} {got:6} {n}")


def test_bad_files_give_one_clear_skipped_line(ingested):
    corpus, cases, report, lines, _, _ = ingested
    reasons = dict(report.skipped)
    assert all(line.startswith(("skipped: ", "warning: ")) for line in lines), [
        line for line in lines if not line.startswith(("skipped: ", "warning: "))]
    for case in cases:
        path = corpus / case.name
        mine = [line for line in lines if line.startswith(f"skipped: {path}: ")]
        if _outcome(case, corpus, report) != "skip":
            assert not mine, mine
            continue
        assert len(mine) == 1, (case.name, mine)
        reason = mine[0][len(f"skipped: {path}: "):]
        assert reason == reasons[str(path.resolve())]
        assert len(reason) >= 10 and "\n" not in reason and "Traceback" not in reason, (case.name, reason)
        if case.reason:
            assert case.reason in reason.lower(), (case.name, reason)


def test_good_and_odd_but_readable_files_are_indexed_with_their_text(ingested):
    corpus, cases, _, _, by_file, _ = ingested
    missing = []
    for case in cases:
        if case.expect != "index":
            continue
        text = by_file.get(str((corpus / case.name).resolve()), "")
        missing += [(case.name, m) for m in case.must_contain if " ".join(m.split()) not in text]
        assert "\ufffd" not in text and "Ã" not in text, case.name  # decoded right, mojibake repaired
    assert not missing, missing


def test_nothing_hostile_or_junk_reaches_the_index(ingested):
    corpus, cases, _, _, by_file, _ = ingested
    every_text = "\n".join(t for t in by_file.values() if isinstance(t, str))
    for case in cases:
        for bad in case.must_not_contain:
            assert bad not in every_text, (case.name, bad)
        text = by_file.get(str((corpus / case.name).resolve()))
        if case.vocab is not None and text is not None:  # partly recovered: words of the original only
            junk = {w for w in words_of(text) - case.vocab if not any(v.startswith(w) for v in case.vocab)}
            assert not junk, (case.name, sorted(junk)[:10])
    assert "lollollol" not in every_text and "root:x:0:0" not in every_text


def test_huge_texts_are_cut_into_bounded_chunks(ingested):
    corpus, _, report, _, by_file, _ = ingested
    from assistant.settings import Settings

    max_chars = Settings().index.chunk_max_chars
    for name in ("huge-single-line.txt", "huge-no-punctuation.txt"):
        key = str((corpus / name).resolve())
        assert len(by_file[key]) > 500_000
        assert by_file["longest chunk"][key] <= max_chars
    assert report.chunks_total > 1000


def test_a_pathological_parse_is_stopped_by_the_time_limit(make_settings, tmp_path, monkeypatch):
    import index.ingest

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a-slow.txt").write_text("Traag\n\nDeze tekst wordt eindeloos geparsed door de lezer.\n", encoding="utf-8")
    (docs / "b-good.txt").write_text("Snel\n\nDe Kamer verzoekt de regering om meer cyberveiligheid.\n", encoding="utf-8")
    real = index.ingest.read_file

    def slow_read(path, **kw):
        if "slow" in Path(path).name:
            time.sleep(30)
        return real(path, **kw)

    monkeypatch.setattr(index.ingest, "read_file", slow_read)
    lines: list[str] = []
    t0 = time.perf_counter()
    with Engine(make_settings(file_timeout_s=0.5)) as eng:
        report = eng.ingest([docs], progress=False, log=lines.append)
        texts = [p["text"] for p in eng.store.scroll()]
    assert time.perf_counter() - t0 < 10
    assert [Path(f).name for f, _ in report.skipped] == ["a-slow.txt"]
    assert re.fullmatch(r"skipped: .*a-slow\.txt: parsing took longer than 0\.5 s \(DOSSIERWIJZER_FILE_TIMEOUT_S\)", lines[0])
    assert [Path(f).name for f in report.indexed] == ["b-good.txt"]
    assert texts == ["Snel\n\nDe Kamer verzoekt de regering om meer cyberveiligheid."]


def test_reader_errors_still_surface_through_the_time_limit(make_settings, tmp_path, monkeypatch):
    """An exception inside the worker thread is reported for that file, not swallowed."""
    import index.ingest

    (tmp_path / "x.txt").write_text("Titel\n\nTekst van het stuk.\n", encoding="utf-8")

    def boom(path, **kw):
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(index.ingest, "read_file", boom)
    with Engine(make_settings(file_timeout_s=5)) as eng:
        report = eng.ingest([tmp_path / "x.txt"], progress=False, log=lambda _: None)
    assert report.skipped == [(str((tmp_path / "x.txt").resolve()), "RecursionError: maximum recursion depth exceeded")]
