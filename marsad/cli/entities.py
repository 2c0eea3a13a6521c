"""``marsad entities PATH...``: a table of linked entities per article."""
from __future__ import annotations

from typing import Optional

import typer
from rich.table import Table

from ..api import RunSummary, process
from ..document import Article
from .app import app, out_console, pipeline_or_exit
from .process import report_summary


def entity_table(article: Article) -> Table:
    """Entity, type, KB id, English name and mention forms (with counts) of one article."""
    table = Table(title=f"{article.meta.source} #{article.meta.position + 1}: {article.title[:60]}",
                  title_justify="left")
    for col in ("entity", "type", "KB id", "English name", "mentions"):
        table.add_column(col)
    for ent in article.entities:
        forms = _mention_forms(article, ent.mention_ids)
        table.add_row(ent.name_ar or ent.name, ent.type, ent.kb_id or "NIL",
                      ent.name if ent.kb_id else "—", forms)
    return table


def _mention_forms(article: Article, mention_ids: list[str]) -> str:
    by_id = {s.id: s for s in article.layer("ents")}
    counts: dict[str, int] = {}
    for mid in mention_ids:
        if mid in by_id:
            text = article.span_text(by_id[mid])
            counts[text] = counts.get(text, 0) + 1
    return " · ".join(f"{t} ×{n}" if n > 1 else t for t, n in counts.items())


@app.command("entities")
def entities_cmd(
    inputs: list[str] = typer.Argument(..., help="Files, directories, globs, or - for stdin."),
    pipeline_names: Optional[str] = typer.Option(None, "--pipeline",
                                                 help="Comma-separated component names."),
) -> None:
    """Print the linked entities of every article: name, type, KB id, English name, mentions."""
    pipeline = pipeline_or_exit(pipeline_names)
    summary = RunSummary()
    for article in process(inputs, pipeline, summary):
        out_console.print(entity_table(article))
    report_summary(summary)
    if not summary.ok:
        raise typer.Exit(1)
