"""``marsad crawl``: fetch feeds / pages politely and write their articles."""
from __future__ import annotations

import sys
from contextlib import nullcontext
from pathlib import Path
from typing import Optional

import typer
from rich.progress import Progress, SpinnerColumn, TextColumn

from ..api import RunSummary, process_pages
from .app import app, err_console, pipeline_or_exit
from .process import FORMATS, report_summary, write_articles


@app.command("crawl")
def crawl_cmd(
    targets: list[str] = typer.Argument(..., help="Feed URLs, page URLs, or files listing URLs."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Write articles here (default stdout)."),
    cache: Path = typer.Option(Path(".marsad-cache"), "--cache",
                               help="On-disk HTTP cache; a re-run only sends conditional GETs."),
    rate: float = typer.Option(1.0, "--rate", help="Seconds between requests to the same host."),
    retries: int = typer.Option(3, "--retries", help="Retries on timeouts, 429 and 5xx (with backoff)."),
    fmt: str = typer.Option("jsonl", "--format", "-f", help="jsonl | json | text"),
    pipeline_names: Optional[str] = typer.Option(None, "--pipeline",
                                                 help="Comma-separated component names."),
) -> None:
    """Fetch FEED_URL | PAGE_URL | URL_LIST (robots.txt honoured, rate-limited, cached) and turn
    every page into articles, like `marsad process`."""
    from ..ingest.crawl import CrawlConfig, Fetcher, crawl

    if fmt not in FORMATS:
        err_console.print(f"[red]error[/red] unknown --format {fmt!r}; use one of {', '.join(FORMATS)}")
        raise typer.Exit(2)
    config = CrawlConfig(rate=rate, cache_dir=cache, retries=retries)
    pipeline = pipeline_or_exit(pipeline_names)
    summary = RunSummary()
    fetcher = Fetcher(config)
    with Progress(SpinnerColumn(), TextColumn("{task.description}"), console=err_console,
                  transient=True, disable=not sys.stderr.isatty()) as bar:
        task = bar.add_task("crawling", total=None)

        def on_url(url: str) -> None:
            s = fetcher.stats
            bar.update(task, description=f"{s.downloaded} downloaded, {s.not_modified} unchanged "
                                         f"· {url[:70]}")

        pages = crawl(targets, config, fetcher=fetcher, on_url=on_url)
        with (open(out, "w", encoding="utf-8") if out else nullcontext(sys.stdout)) as fh:
            write_articles(process_pages(pages, pipeline, summary), fmt, fh)
    fetcher.close()
    s = fetcher.stats
    err_console.print(f"crawl: {s.requests} requests, {s.downloaded} downloaded, {s.not_modified} "
                      f"not modified (cache), {s.disallowed} disallowed by robots.txt",
                      highlight=False)
    report_summary(summary)
    if not summary.ok:
        raise typer.Exit(1)
