"""Archive commands: ``marsad ingest``, ``search``, ``dedup``, ``stories``, ``export``.

Each parses options, calls one :class:`marsad.store.Store` method and prints; every command takes
the same ``--db`` (SQLite path or ``postgresql://…``; default ``$MARSAD_DB`` or ./marsad.sqlite).
"""
from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional

import typer
from rich.table import Table
from rich.text import Text

from ..errors import MarsadError
from .app import DB_HELP, app, err_console, out_console

DB = typer.Option(None, "--db", help=DB_HELP)


@contextmanager
def open_store(db: Optional[str]) -> Iterator:
    """Open the archive; a known error becomes a readable message and exit code 2."""
    try:
        from ..store import Store
        store = Store.open(db)
    except MarsadError as err:
        err_console.print(f"[red]error[/red] {err}", highlight=False)
        raise typer.Exit(2) from None
    try:
        yield store
    finally:
        store.close()


def store_articles(articles, db: Optional[str], pipeline_names: list[str],
                   output: Optional[Path] = None) -> None:
    """``marsad process --db``: write the processed articles to the archive (and, with
    ``-o``, the same articles as JSONL to that file)."""
    with open_store(db) as store:
        if output is None:
            res = store.add_articles(articles, pipeline=pipeline_names, command="process")
        else:
            with open(output, "w", encoding="utf-8") as out:
                res = store.add_articles(_tee_jsonl(articles, out), pipeline=pipeline_names,
                                         command="process")
    err_console.print(f"archive {store.backend}: {res.written} articles written, "
                      f"{res.unchanged} unchanged (run {res.run_id})", highlight=False)


def _tee_jsonl(articles, out):
    from .process import write_articles
    for art in articles:
        write_articles([art], "jsonl", out)
        yield art


@app.command("ingest")
def ingest_cmd(
    inputs: list[str] = typer.Argument(..., help="Files, directories, globs, or - for stdin."),
    db: Optional[str] = DB,
    pipeline_names: Optional[str] = typer.Option(
        None, "--pipeline", help="Comma-separated component names (default: the full pipeline; "
        "'' for segmentation only)."),
    batch: int = typer.Option(200, "--batch", help="Articles per transaction."),
) -> None:
    """Process inputs into the archive: transactional, idempotent, resumable after a crash."""
    from ..api import RunSummary
    from ..pipeline import load_pipeline
    from .process import report_summary
    names = None if pipeline_names is None else [n for n in pipeline_names.split(",") if n]
    try:
        pipeline = load_pipeline(names)
    except MarsadError as err:
        err_console.print(f"[red]error[/red] {err}", highlight=False)
        raise typer.Exit(2) from None
    summary = RunSummary()
    with open_store(db) as store:
        res = store.ingest(inputs, pipeline, summary, batch_size=batch)
    report_summary(summary)
    err_console.print(f"archive {store.backend}: {res.written} articles written, "
                      f"{res.unchanged} unchanged (run {res.run_id})", highlight=False)
    if not summary.ok:
        raise typer.Exit(1)


def _highlighted(snippet: str, spans: list) -> Text:
    text = Text(snippet)
    for s, e in spans:
        text.stylize("bold yellow", s, e)
    return text


@app.command("search")
def search_cmd(
    query: str = typer.Argument("", help="Words (Arabic or English names); all must match."),
    db: Optional[str] = DB,
    source: list[str] = typer.Option([], "--source", help="Publisher (repeatable)."),
    date_from: Optional[str] = typer.Option(None, "--from", help="Published on/after (ISO date)."),
    date_to: Optional[str] = typer.Option(None, "--to", help="Published on/before (ISO date)."),
    entity: Optional[str] = typer.Option(None, "--entity", help="Entity name or KB id."),
    speaker: Optional[str] = typer.Option(None, "--speaker", help="Quote speaker."),
    event_type: Optional[str] = typer.Option(None, "--event-type", help="PLOVER event type."),
    unique: bool = typer.Option(False, "--unique", help="Hide duplicates found by `dedup`."),
    page: int = typer.Option(1, "--page"),
    per_page: int = typer.Option(10, "--per-page"),
    with_facets: bool = typer.Option(False, "--facets", help="Also count by source, day, ..."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """Full-text search of the archive, across Arabic spelling variants and English names."""
    filters = {"source": source, "date_from": date_from, "date_to": date_to, "entity": entity,
               "speaker": speaker, "event_type": event_type, "unique": unique}
    with open_store(db) as store:
        res = store.search(query, filters, page, per_page)
        facets = store.facets(query, filters) if with_facets else None
    if as_json:
        out = res.to_dict() | ({"facets": facets} if facets is not None else {})
        sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        return
    err_console.print(f"{res.total} articles" + (f"; English names → {res.expansions}"
                                                 if res.expansions else ""), highlight=False)
    for hit in res.hits:
        out_console.print(Text(f"{hit.title}", style="bold"),
                          Text(f"  {hit.source or '-'} · {hit.published or '-'} · {hit.id}",
                               style="dim"))
        out_console.print(_highlighted(hit.snippet, hit.snippet_highlights))
        out_console.print()
    for name, rows in (facets or {}).items():
        out_console.print(f"[bold]{name}[/bold]: " + ", ".join(
            f"{r['value']} ({r['count']})" for r in rows), highlight=False)


@app.command("dedup")
def dedup_cmd(
    db: Optional[str] = DB,
    threshold: Optional[float] = typer.Option(None, "--threshold",
                                              help="Near-duplicate Jaccard threshold."),
) -> None:
    """Mark exact duplicates (content hash) and near duplicates (MinHash/LSH) in the archive."""
    with open_store(db) as store:
        counts = store.dedup(threshold)
    out_console.print(", ".join(f"{k}: {v}" for k, v in counts.items()), highlight=False)


@app.command("stories")
def stories_cmd(
    db: Optional[str] = DB,
    rebuild: bool = typer.Option(False, "--rebuild", help="Recluster the archive first."),
    limit: int = typer.Option(20, "--limit"),
    min_size: int = typer.Option(2, "--min-size", help="Smallest story to list."),
    story_id: Optional[int] = typer.Option(None, "--id", help="Show one story's articles."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON."),
) -> None:
    """List story clusters: articles about the same event over days, each with a label."""
    with open_store(db) as store:
        if rebuild or not store.stories(limit=1, min_size=1):
            store.build_stories()
        rows = [store.story(story_id)] if story_id is not None else store.stories(limit, 0, min_size)
    rows = [r for r in rows if r]
    if as_json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False) + "\n")
        return
    table = Table("id", "size", "first", "last", "label")
    for r in rows:
        table.add_row(str(r["id"]), str(r["size"]), r["first_date"] or "-", r["last_date"] or "-",
                      r["label"])
        for a in r.get("articles", []):
            table.add_row("", "", a["published"] or "-", a["source"] or "-", a["title"])
    out_console.print(table)


@app.command("export")
def export_cmd(
    output: Path = typer.Option(..., "--output", "-o", help="File to write (- for stdout)."),
    fmt: str = typer.Option("jsonl", "--format", "-f", help="jsonl | csv | parquet | plover"),
    what: str = typer.Option("articles", "--what",
                             help="articles | entities | quotes | events (see docs/store.md)"),
    db: Optional[str] = DB,
) -> None:
    """Stream the archive to JSONL, CSV, Parquet or PLOVER records."""
    from ..store.export import FORMATS, WHAT
    if fmt not in FORMATS or what not in WHAT:
        err_console.print(f"[red]error[/red] use --format {'|'.join(FORMATS)} and --what "
                          f"{'|'.join(WHAT)}", highlight=False)
        raise typer.Exit(2)
    with open_store(db) as store:
        try:
            n = store.export(str(output), fmt, what)
        except MarsadError as err:
            err_console.print(f"[red]error[/red] {err}", highlight=False)
            raise typer.Exit(2) from None
    err_console.print(f"{n} {what} rows written to {output}", highlight=False)
