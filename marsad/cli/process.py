"""``marsad process`` and ``marsad demo``."""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Optional

import typer
from rich.progress import Progress

from ..api import RunSummary, process
from ..pipeline import load_pipeline
from ..render import article_panel
from .app import app, err_console, out_console, pipeline_or_exit

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "asharq_alawsat_putin_kim.txt"
FORMATS = ("jsonl", "json", "text")


def _open_out(path: Optional[Path]):
    return open(path, "w", encoding="utf-8") if path else sys.stdout


def write_articles(articles, fmt: str, out, exclude_layers=("tokens", "subtokens")) -> None:
    """Stream articles in ``fmt``; JSON arrays are streamed item by item."""
    if fmt == "json":
        out.write("[")
    for n, art in enumerate(articles):
        if fmt == "text":
            if out is sys.stdout:
                out_console.print(article_panel(art))
            else:
                from rich.console import Console
                Console(file=out, width=120).print(article_panel(art))
            continue
        line = json.dumps(art.to_dict(exclude_layers=exclude_layers), ensure_ascii=False)
        out.write((",\n" if n else "\n") + line if fmt == "json" else line + "\n")
    if fmt == "json":
        out.write("\n]\n")


def report_summary(summary: RunSummary) -> None:
    for err in summary.errors:
        err_console.print(f"[red]error[/red] {err}", markup=True, highlight=False)
    for warning in summary.warnings:
        err_console.print(f"[yellow]warning[/yellow] {warning}", highlight=False)
    err_console.print(f"{summary.inputs} inputs: {summary.processed} processed, {summary.skipped} "
                      f"skipped, {summary.failed} failed; {summary.articles} articles",
                      highlight=False)


def _with_progress(inputs: list[str], summary: RunSummary, pipeline):
    show = sys.stderr.isatty() and (len(inputs) > 1 or any(Path(i).is_dir() for i in inputs))
    if not show:
        yield from process(inputs, pipeline, summary)
        return
    with Progress(transient=True, console=err_console) as bar:
        task = bar.add_task("processing", total=None)
        for art in process(inputs, pipeline, summary):
            bar.update(task, advance=1, description=f"{summary.inputs} inputs")
            yield art


@app.command("process")
def process_cmd(
    inputs: list[str] = typer.Argument(..., help="Files, directories, globs, or - for stdin."),
    fmt: str = typer.Option("jsonl", "--format", "-f", help="jsonl | json | text"),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Write here instead of stdout."),
    pipeline_names: Optional[str] = typer.Option(None, "--pipeline",
                                                 help="Comma-separated component names."),
    jobs: int = typer.Option(0, "--jobs", "-j",
                             help="Worker processes (0 = all cores); output is identical to 1."),
    db: Optional[str] = typer.Option(None, "--db", help="Write the articles to this archive "
                                     "(SQLite path or postgresql://…; see `marsad ingest`); "
                                     "with --db, stdout stays quiet and -o gets JSONL."),
) -> None:
    """Turn raw pages, HTML, feeds, WARC or JSONL records into structured articles."""
    if fmt not in FORMATS:
        err_console.print(f"[red]error[/red] unknown --format {fmt!r}; use one of {', '.join(FORMATS)}")
        raise typer.Exit(2)
    pipeline = pipeline_or_exit(pipeline_names)
    summary = RunSummary()
    if jobs != 1:
        from ..parallel import process_parallel
        drop = ("tokens", "subtokens") if fmt != "text" else ()   # not written: not sent back
        articles = process_parallel(inputs, jobs, pipeline.names, summary, drop_layers=drop)
    else:
        articles = _with_progress(inputs, summary, pipeline)
    if db is not None:
        from .store import store_articles
        store_articles(articles, db, pipeline.names, output)
    else:
        with _open_out(output) as out:
            write_articles(articles, fmt, out)
    report_summary(summary)
    if not summary.ok:
        raise typer.Exit(1)


@app.command("demo")
def demo_cmd(
    fmt: str = typer.Option("text", "--format", "-f", help="text | jsonl | json"),
    serve: bool = typer.Option(False, "--serve", help="Then open it in the web reader."),
    port: int = typer.Option(8765, "--port", help="Port of the reader (with --serve)."),
) -> None:
    """Process the bundled example page (Asharq Al-Awsat) and print what marsad finds."""
    summary = RunSummary()
    err_console.print(f"marsad demo: processing the bundled example page {EXAMPLE.name} "
                      "(Asharq Al-Awsat, two stories and a related-articles rail)", highlight=False)
    write_articles(process([str(EXAMPLE)], load_pipeline(), summary), fmt, sys.stdout)
    report_summary(summary)
    if not summary.ok:
        raise typer.Exit(1)
    if serve:
        from ..web.demo import serve_demo
        err_console.print(f"marsad demo: opening the reader at http://127.0.0.1:{port}/ "
                          "(Ctrl+C to stop)", highlight=False)
        serve_demo(EXAMPLE, port)
