"""Rendering positions (plain functions, no server): CLI text, two actors side by side
aligned by sub-topic, CSV and Markdown export, statements per actor per quarter."""
from __future__ import annotations

import csv
import io
import textwrap
from dataclasses import dataclass

from assistant.positions import ActorPositions, Positions, Statement, topic_terms
from index.text import tokenize

CSV_FIELDS = ("actor", "kind", "stance", "quote", "date", "title", "dossier", "doc_type", "page", "chunk_id",
              "doc_id", "source_path")


def _meta(st: Statement) -> str:
    c = st.chunk
    return ", ".join(x for x in (c.doc_type, c.date, c.dossier and f"dossier {c.dossier}", c.page and f"p. {c.page}") if x)


def render_text(p: Positions) -> str:
    if not p.positions:
        return f"Niemand sprak in de bronnen over {p.topic!r}." + "".join(f"\n({n})" for n in p.notes)
    out = [f"Standpunten over {p.topic!r}:"]
    for ap in p.positions:
        more = f", {ap.total - len(ap.statements)} meer" if ap.total > len(ap.statements) else ""
        out.append(f"\n{ap.actor} ({ap.kind}; {ap.total} uitspraken{more})")
        for st in ap.statements:
            out.append(f"  [{st.stance}] “{st.quote}”\n      {st.chunk.title} ({_meta(st)})  #{st.chunk.chunk_id}")
    return "\n".join(out)


@dataclass
class Row:
    """One line of a two-actor comparison: the shared sub-topic terms and each side's statement."""

    terms: list[str]
    left: Statement | None
    right: Statement | None


def _subterms(st: Statement, topic: set[str]) -> set[str]:
    return set(tokenize(st.quote)) - topic


def compare(a: ActorPositions, b: ActorPositions, topic: str) -> list[Row]:
    """Pair the two actors' statements by shared sub-topic words (greedy, best overlap
    first); unpaired statements get a row of their own, in date order at the end."""
    tt = topic_terms(topic)
    ta = [_subterms(s, tt) for s in a.statements]
    tb = [_subterms(s, tt) for s in b.statements]
    pairs = sorted(((len(x & y) / len(x | y), i, j) for i, x in enumerate(ta) for j, y in enumerate(tb) if x & y),
                   reverse=True)
    used_a, used_b, rows = set(), set(), []
    for _, i, j in pairs:
        if i in used_a or j in used_b:
            continue
        used_a.add(i), used_b.add(j)
        shared = sorted(ta[i] & tb[j])
        rows.append(Row(shared, a.statements[i], b.statements[j]))
    rows += [Row([], s, None) for i, s in enumerate(a.statements) if i not in used_a]
    rows += [Row([], None, s) for j, s in enumerate(b.statements) if j not in used_b]
    return rows


def render_compare(p: Positions, order: list[str] | None = None, width: int = 100) -> str:
    """Two columns (in the asked `order`): what each of two actors said, aligned by sub-topic."""
    a, b = sorted(p.positions[:2], key=lambda ap: order.index(ap.actor) if order and ap.actor in order else 0)
    col = (width - 3) // 2
    lines = [f"{a.actor:<{col}} | {b.actor}", "-" * width]
    for row in compare(a, b, p.topic):
        if row.terms:
            lines.append(f"~ {', '.join(row.terms)}")
        left = textwrap.wrap(f"[{row.left.stance}] {row.left.quote}", col) if row.left else []
        right = textwrap.wrap(f"[{row.right.stance}] {row.right.quote}", col) if row.right else []
        for n in range(max(len(left), len(right))):
            lines.append(f"{(left[n] if n < len(left) else ''):<{col}} | {right[n] if n < len(right) else ''}")
        lines.append("")
    return "\n".join(lines)


def rows(p: Positions) -> list[dict]:
    """One flat row per statement (CSV, the UI table)."""
    out = []
    for ap in p.positions:
        for st in ap.statements:
            out.append({"actor": ap.actor, "kind": ap.kind, **st.to_json()})
    return out


def to_csv(p: Positions) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=CSV_FIELDS, extrasaction="ignore")
    w.writeheader()
    w.writerows(rows(p))
    return buf.getvalue()


def to_markdown(p: Positions) -> str:
    """Per actor a list of quotes with their numbered sources, resolved at the end."""
    out, sources = [f"# Standpunten over “{p.topic}”", ""], []
    if not p.positions:
        return "\n".join(out + ["Niemand sprak in de bronnen over dit onderwerp."]) + "\n"
    for ap in p.positions:
        out.append(f"## {ap.actor} ({ap.kind})")
        for st in ap.statements:
            sources.append(st)
            out.append(f"- **{st.stance}**: “{st.quote}” [{len(sources)}]")
        out.append("")
    out.append("## Bronnen")
    for n, st in enumerate(sources, 1):
        out.append(f"{n}. {st.chunk.title} ({_meta(st)}), {st.chunk.source_path} #{st.chunk.chunk_id}")
    return "\n".join(out) + "\n"


def quarter(date: str | None) -> str | None:
    """"2025-05-15" -> "2025-Q2"."""
    if not date or len(date) < 7 or not date[:4].isdigit():
        return None
    return f"{date[:4]}-Q{(int(date[5:7]) - 1) // 3 + 1}"


def timeline(p: Positions) -> list[dict]:
    """Statements per actor per quarter (undated statements left out), sorted by quarter."""
    counts: dict[tuple[str, str], int] = {}
    for ap in p.positions:
        for st in ap.statements:
            q = quarter(st.chunk.date)
            if q:
                counts[(q, ap.actor)] = counts.get((q, ap.actor), 0) + 1
    return [{"quarter": q, "actor": a, "statements": n} for (q, a), n in sorted(counts.items())]
