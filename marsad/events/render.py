"""Readable event lists: the ``marsad demo`` / ``--format text`` section and ``marsad events``."""
from __future__ import annotations

from typing import Iterable

from rich.table import Table

from ..document import Article, Span


def party(role: dict | None) -> str:
    if not role:
        return "-"
    name = role.get("name") or role.get("text") or "?"
    return f"{name} ({role['code']})" if role.get("code") and role.get("code") not in name else name


def flags(attrs: dict) -> str:
    out = []
    if attrs.get("negated"):
        out.append("negated")
    if attrs.get("modality"):
        out.append(str(attrs["modality"]))
    if attrs.get("about"):
        out.append(f"about {attrs['about']}")
    if attrs.get("flipped_from"):
        out.append(f"not {attrs['flipped_from']}")
    return ", ".join(out)


def event_rows(article: Article, spans: Iterable[Span] | None = None) -> list[tuple[str, ...]]:
    rows = []
    for ev in spans if spans is not None else article.layer("events"):
        a = ev.attrs
        rows.append((party(a.get("actor")), a.get("type", ev.label), party(a.get("target")),
                     article.span_text(ev), a.get("location") or "", a.get("date") or "",
                     flags(a)))
    return rows


def events_section(article: Article) -> Table | None:
    """actor → TYPE → target, one line per event (render.SECTIONS)."""
    if not article.layer("events"):
        return None
    t = Table(title="events (PLOVER)", title_justify="left", show_edge=False, pad_edge=False)
    for col in ("actor", "type", "target", "trigger", "where", "when", "notes"):
        t.add_column(col, style="bold" if col == "type" else None)
    for row in event_rows(article):
        t.add_row(*row)
    return t
