"""Readable views of the ``quotes`` layer: rows per quote and a table grouped by speaker.

Used by ``marsad quotes`` and by the ``marsad demo`` summary (``marsad.render.SECTIONS``).
"""
from __future__ import annotations

from rich.table import Table

from ..document import Article


def speaker_label(article: Article, speaker: dict) -> str:
    """Speaker as a reader wants it: the phrase in the text, and the resolved name when it adds
    something (الوزير → سيرغي لافروف), or the English entity name when linked."""
    text, name = speaker.get("text"), speaker.get("name")
    ent = article.entity(speaker["entity_id"]) if speaker.get("entity_id") else None
    if ent is not None and ent.name:
        name = ent.name
    if text and name and name not in text:
        return f"{text} → {name}"
    return text or name or "?"


def quote_rows(article: Article) -> list[dict]:
    """One dict per quote, in text order: speaker label, resolution, kind, cue, text, offsets."""
    rows = []
    for q in article.layer("quotes"):
        sp = q.attrs.get("speaker") or {}
        rows.append({"speaker": speaker_label(article, sp), "resolution": sp.get("resolution"),
                     "speaker_kind": sp.get("kind"), "kind": q.attrs.get("kind"),
                     "cue": q.attrs.get("cue"), "text": article.span_text(q),
                     "start": q.start, "end": q.end})
    return rows


def by_speaker(article: Article) -> dict[str, list[dict]]:
    """Quotes grouped by speaker label, speakers in order of first quote."""
    groups: dict[str, list[dict]] = {}
    for row in quote_rows(article):
        groups.setdefault(row["speaker"], []).append(row)
    return groups


def quotes_table(article: Article, width: int = 110, title: str | None = None) -> Table | None:
    """speaker → quote table of one article (None when it has no quotes)."""
    groups = by_speaker(article)
    if not groups:
        return None
    table = Table(title=title or "quotes", title_justify="left", show_lines=False)
    for col in ("speaker", "kind", "cue", "quote"):
        table.add_column(col, overflow="fold")
    for speaker, rows in groups.items():
        for n, row in enumerate(rows):
            res = f" ({row['resolution']})" if row["resolution"] not in (None, "explicit") else ""
            table.add_row(speaker + res if n == 0 else "", row["kind"], row["cue"] or "",
                          shorten(row["text"], width))
    return table


def shorten(text: str, n: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1] + "…"
