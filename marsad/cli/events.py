"""``marsad events PATH...``: the PLOVER events of articles, as a table or as PLOVER JSON."""
from __future__ import annotations

import json
import sys
from typing import Optional

import typer
from rich.table import Table

from ..api import RunSummary, process
from ..events.export import plover_records
from ..events.render import event_rows
from .app import app, err_console, out_console, pipeline_or_exit
from .process import report_summary


@app.command("events")
def events_cmd(
    inputs: list[str] = typer.Argument(..., help="Files, directories, globs, or - for stdin."),
    fmt: str = typer.Option("table", "--format", "-f", help="table | plover (JSON lines)"),
    pipeline_names: Optional[str] = typer.Option(None, "--pipeline",
                                                 help="Comma-separated component names "
                                                      "(default: the default pipeline)."),
    factual: bool = typer.Option(False, "--factual", help="Only events stated as facts "
                                 "(not negated, not modal, not inside a quotation)."),
) -> None:
    """List who did what to whom (PLOVER events) in the given articles."""
    if fmt not in ("table", "plover"):
        err_console.print(f"[red]error[/red] unknown --format {fmt!r}; use table or plover")
        raise typer.Exit(2)
    pipeline = pipeline_or_exit(pipeline_names)
    summary = RunSummary()
    table = _table()
    for art in process(inputs, pipeline, summary):
        spans = [e for e in art.layer("events") if e.attrs.get("factual") or not factual]
        if fmt == "plover":
            ids = {e.id for e in spans}
            for rec in plover_records(art):
                if rec["event_id"] in ids:
                    sys.stdout.write(json.dumps(rec, ensure_ascii=False) + "\n")
            continue
        for row in event_rows(art, spans):
            table.add_row(f"{art.meta.source}#{art.meta.position}", *row)
    if fmt == "table":
        out_console.print(table)
    report_summary(summary)
    if not summary.ok:
        raise typer.Exit(1)


def _table() -> Table:
    t = Table(title="PLOVER events")
    for col in ("article", "actor", "type", "target", "trigger", "where", "when", "notes"):
        t.add_column(col)
    return t
