"""The UI's file edge without a server: safe names, upload checks, source resolution."""
from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace

import pytest

from index.store import StoredHit
from assistant.ui.files import (FileRefused, check_upload, copy_upload, export_path, indexed_path,
                                ingest_outcome, resolve_source, safe_filename)
from index.ingest import IngestReport
from index.manifest import FileState, Manifest


def manifest_with(*entries: tuple[Path, str]) -> Manifest:
    m = Manifest("hash", 8, "c", "1")
    for path, status in entries:
        m.files[str(path)] = FileState("sha", 1, status)
    return m


@pytest.mark.parametrize("name,expected", [
    ("../../etc/passwd", "passwd"),
    ("/abs/path/motie.PDF", "motie.pdf"),
    ("..\\..\\win.txt", "win.txt"),
    ("Verslag één – 2025.docx", "Verslag_een_2025.docx"),
    (".hidden.txt", "hidden.txt"),
    ("", "document"),
    ("a" * 300 + ".txt", "a" * 100 + ".txt"),
])
def test_safe_filename(name, expected):
    assert safe_filename(name) == expected


def test_check_upload_accepts_text_and_pdf(tmp_path):
    (tmp_path / "a.txt").write_text("Nederland steunt het voorstel.", encoding="utf-8")
    (tmp_path / "b.pdf").write_bytes(b"%PDF-1.7\n...")
    check_upload(tmp_path / "a.txt", "a.txt", 1)
    check_upload(tmp_path / "b.pdf", "b.pdf", 1)


@pytest.mark.parametrize("name,content,status", [
    ("x.exe", b"MZ", 415),
    ("fake.pdf", b"<html>not a pdf</html>", 415),
    ("fake.docx", b"plain text", 415),
    ("bin.txt", b"abc\x00def", 415),
    ("empty.txt", b"", 400),
])
def test_check_upload_refuses_wrong_types(tmp_path, name, content, status):
    p = tmp_path / "upload"
    p.write_bytes(content)
    with pytest.raises(FileRefused) as e:
        check_upload(p, name, 1)
    assert e.value.status == status


def test_check_upload_refuses_oversized(tmp_path):
    p = tmp_path / "big.txt"
    p.write_bytes(b"a" * (2 * 1024 * 1024))
    with pytest.raises(FileRefused) as e:
        check_upload(p, "big.txt", 1)
    assert e.value.status == 413 and "limit" in str(e.value)


def test_copy_upload_stays_in_sources_and_reads_only_uploads(tmp_path):
    root, sources = tmp_path / "gradio-uploads", tmp_path / "store" / "sources"
    (root / "abc").mkdir(parents=True)
    sources.mkdir(parents=True)
    src = root / "abc" / "upload.txt"
    src.write_text("tekst", encoding="utf-8")
    dest = copy_upload(src, "../../../evil.txt", sources, root.resolve())
    assert dest == (sources / "evil.txt").resolve() and dest.read_text(encoding="utf-8") == "tekst"
    outside = tmp_path / "secret.txt"
    outside.write_text("geheim", encoding="utf-8")
    with pytest.raises(FileRefused) as e:
        copy_upload(outside, "secret.txt", sources, root.resolve())  # a path the client named
    assert e.value.status == 403
    assert sorted(p.name for p in sources.iterdir()) == ["evil.txt"]


def test_indexed_path_serves_only_done_manifest_files(tmp_path):
    good, skipped = tmp_path / "good.txt", tmp_path / "skipped.txt"
    good.write_text("x", encoding="utf-8")
    skipped.write_text("x", encoding="utf-8")
    m = manifest_with((good.resolve(), "done"), (skipped.resolve(), "skipped"))
    assert indexed_path(str(good.resolve()), m) == good.resolve()
    for bad in (str(skipped.resolve()), "/etc/passwd", "good.txt", f"{tmp_path}/../{tmp_path.name}/good.txt", ""):
        with pytest.raises(FileRefused) as e:
            indexed_path(bad, m)
        assert e.value.status == 403, bad


def test_indexed_path_refuses_a_symlink_swapped_in_after_indexing(tmp_path):
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("geheim", encoding="utf-8")
    doc = tmp_path / "doc.txt"
    doc.write_text("x", encoding="utf-8")
    m = manifest_with((doc.resolve(), "done"))
    doc.unlink()
    os.symlink(secret, doc)
    with pytest.raises(FileRefused) as e:
        indexed_path(str(doc.resolve().parent / "doc.txt"), m)
    assert e.value.status == 403


def test_indexed_path_missing_file_is_404(tmp_path):
    gone = (tmp_path / "gone.txt").resolve()
    with pytest.raises(FileRefused) as e:
        indexed_path(str(gone), manifest_with((gone, "done")))
    assert e.value.status == 404


class FakeStore:
    def __init__(self, payloads):
        self.payloads = payloads

    def retrieve(self, ids, with_vector=False):
        return [StoredHit(self.payloads[i], 1.0) for i in ids if i in self.payloads]


def test_resolve_source_by_chunk_id(tmp_path):
    doc = (tmp_path / "doc.txt")
    doc.write_text("x", encoding="utf-8")
    cid, evil = "b" * 32, "c" * 32
    store = FakeStore({cid: {"chunk_id": cid, "source_path": str(doc.resolve())},
                       evil: {"chunk_id": evil, "source_path": "/etc/passwd"}})
    engine = SimpleNamespace(store=store, manifest=manifest_with((doc.resolve(), "done")))
    assert resolve_source(engine, cid) == doc.resolve()
    for bad, status in (("../../etc/passwd", 404), ("d" * 32, 404), (evil, 403), ("B" * 32, 404)):
        with pytest.raises(FileRefused) as e:
            resolve_source(engine, bad)
        assert e.value.status == status, bad


def test_ingest_outcome_classifies(tmp_path):
    a, b, c, d = (tmp_path / n for n in "abcd")
    r = IngestReport(indexed=[str(a)], unchanged=[str(b)], skipped=[(str(c), "no text could be extracted")],
                     duplicates=[(str(d), "/x/orig.xml")], chunks_total=4)
    assert ingest_outcome(r, a) == ("r_indexed", "4 passages")
    assert ingest_outcome(r, b) == ("r_unchanged", "")
    assert ingest_outcome(r, c) == ("r_skipped", "no text could be extracted")
    assert ingest_outcome(r, d) == ("r_duplicate", "orig.xml")


def test_export_path_is_in_the_store_and_per_session(tmp_path):
    engine = SimpleNamespace(settings=SimpleNamespace(store=tmp_path))
    p1, p2 = export_path(engine, "sess-1"), export_path(engine, "../sess-2")
    assert p1.parent == (tmp_path / "exports").resolve() == p2.parent and p1 != p2


def test_gold_files_lists_only_the_shipped_gold_sets():
    from eval.cli import list_gold

    assert "sample.jsonl" in list_gold() and all(n.endswith(".jsonl") and "/" not in n for n in list_gold())
