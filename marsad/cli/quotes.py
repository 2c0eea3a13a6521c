"""``marsad quotes PATH...``: who said what, as a speaker → quote table per article."""
from __future__ import annotations

import json
from typing import Optional

import typer

from ..api import RunSummary, process
from ..quotes.report import quote_rows, quotes_table
from .app import app, out_console, pipeline_or_exit
from .process import report_summary


@app.command("quotes")
def quotes_cmd(
    inputs: list[str] = typer.Argument(..., help="Files, directories, globs, or - for stdin."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per quote instead."),
    width: int = typer.Option(110, "--width", help="Cut quotes longer than this in the table."),
    pipeline_names: Optional[str] = typer.Option(None, "--pipeline",
                                                 help="Comma-separated component names."),
) -> None:
    """Print the quotes of every article, grouped by speaker: speaker, kind, cue, quote."""
    pipeline = pipeline_or_exit(pipeline_names)
    summary = RunSummary()
    for article in process(inputs, pipeline, summary):
        if as_json:
            for row in quote_rows(article):
                typer.echo(json.dumps({"source": article.meta.source,
                                       "position": article.meta.position, **row},
                                      ensure_ascii=False))
            continue
        title = f"{article.meta.source} #{article.meta.position + 1}: {article.title[:60]}"
        table = quotes_table(article, width, title)
        if table is None:
            out_console.print(f"{title}: no quotes", highlight=False)
        else:
            out_console.print(table)
    report_summary(summary)
    if not summary.ok:
        raise typer.Exit(1)
